/* test-rtc.c - unit tests of the CMOS clock, on a time the test sets */
#include <config.h>

#include "bus.h"
#include "check.h"
#include "devices/rtc.h"

static struct bus bus;
static struct rtc rtc;
static time_t now;

static time_t fake_time(time_t *t)
{
	if (t)
		*t = now;
	return now;
}

static uint8_t cmos(uint8_t index)
{
	uint8_t byte = index;

	bus_io(&bus, true, 0x70, 1, 1, &byte);
	bus_io(&bus, false, 0x71, 1, 1, &byte);
	return byte;
}

static void set_cmos(uint8_t index, uint8_t value)
{
	bus_io(&bus, true, 0x70, 1, 1, &index);
	bus_io(&bus, true, 0x71, 1, 1, &value);
}

static uint32_t cmos_le(uint8_t index, unsigned bytes)
{
	uint32_t value = 0;

	while (bytes--)
		value = value << 8 | cmos((uint8_t)(index + bytes));
	return value;
}

#define MIB (UINT64_C(1) << 20)
#define GIB (UINT64_C(1) << 30)

/* Base, above 1 MiB, above 16 MiB and above 4 GiB, as the CMOS says. */
static void check_memory(uint64_t below, uint64_t above, uint32_t base,
			 uint32_t extended, uint32_t above_16m,
			 uint32_t above_4g)
{
	rtc_set_memory(&rtc, below, above);
	CHECK(cmos_le(0x15, 2) == base);
	CHECK(cmos_le(0x17, 2) == extended);
	CHECK(cmos_le(0x30, 2) == extended);
	CHECK(cmos_le(0x34, 2) == above_16m);
	CHECK(cmos_le(0x5b, 3) == above_4g);
}

static void test_memory(void)
{
	/* Nothing is there until the machine says. */
	CHECK(cmos(0x15) == 0 && cmos(0x34) == 0 && cmos(0x3d) == 0);

	/* -m 16M: 15 MiB above 1 MiB, none above 16 MiB. */
	check_memory(16 * MIB, 0, 640, 15 * 1024, 0, 0);
	/* -m 512K: less than the 640 KiB a PC has below the ROMs. */
	check_memory(512 * 1024, 0, 512, 0, 0, 0);
	/* -m 64M */
	check_memory(64 * MIB, 0, 640, 63 * 1024, 48 * 16, 0);
	/* -m 3G: all below the hole; the KiB count is capped. */
	check_memory(3 * GIB, 0, 640, 0xffff, 3 * 16384 - 256, 0);
	/* -m 8G: 3 GiB below the hole, 5 GiB from 4 GiB up. */
	check_memory(3 * GIB, 5 * GIB, 640, 0xffff, 3 * 16384 - 256,
		     5 * 16384);
	/* Three bytes of 64 KiB units hold up to 1 TiB less 64 KiB. */
	check_memory(3 * GIB, 2048 * GIB, 640, 0xffff, 3 * 16384 - 256,
		     0xffffff);

	/* The disk first, then nothing: QEMU's -boot c. */
	rtc_set_boot_order(&rtc, RTC_BOOT_DISK, RTC_BOOT_NONE, RTC_BOOT_NONE);
	CHECK(cmos(0x3d) == 0x02 && cmos(0x38) == 0x00);
	rtc_set_boot_order(&rtc, RTC_BOOT_DISK, RTC_BOOT_CDROM,
			   RTC_BOOT_FLOPPY);
	CHECK(cmos(0x3d) == 0x32 && cmos(0x38) == 0x10);

	/* The guest may still write them, as any CMOS RAM. */
	set_cmos(0x34, 0x12);
	CHECK(cmos(0x34) == 0x12);
}

int main(void)
{
	bus_init(&bus);
	rtc_init(&rtc, fake_time);
	CHECK(rtc_attach(&rtc, &bus) == 0);

	/* Tuesday 2026-11-24 21:07:05 UTC, in BCD and 24 hours. */
	now = 1795554425;
	CHECK(cmos(0x00) == 0x05 && cmos(0x02) == 0x07 && cmos(0x04) == 0x21);
	CHECK(cmos(0x06) == 0x03 && cmos(0x07) == 0x24);
	CHECK(cmos(0x08) == 0x11 && cmos(0x09) == 0x26 && cmos(0x32) == 0x20);
	CHECK(cmos(0x80 | 0x09) == 0x26);	/* bit 7 is NMI's, not the index */
	CHECK(cmos(0x0d) == 0x80);		/* the battery is good */
	CHECK(!(cmos(0x0a) & 0x80));		/* never mid-update */

	/* The fields come from the time the seconds were read. */
	now += 3600;
	CHECK(cmos(0x04) == 0x21);
	CHECK(cmos(0x00) == 0x05 && cmos(0x04) == 0x22);
	now -= 3600;
	CHECK(cmos(0x0a) == 0x26 && cmos(0x04) == 0x21);

	/* Binary, and 12 hours: 9 p.m. is 9 with bit 7. */
	set_cmos(0x0b, 0x04);
	CHECK(cmos(0x0b) == 0x04);
	CHECK(cmos(0x00) == 5 && cmos(0x04) == (0x80 | 9) && cmos(0x09) == 26);
	now -= 21 * 3600;			/* midnight is 12 a.m. */
	CHECK(cmos(0x00) == 5 && cmos(0x04) == 12);

	/* The RAM keeps what it is given; the clock keeps the host's time. */
	set_cmos(0x40, 0x5a);
	CHECK(cmos(0x40) == 0x5a);
	set_cmos(0x00, 0x30);
	CHECK(cmos(0x00) == 5);

	test_memory();
	/* The clock is as it was. */
	CHECK(cmos(0x00) == 5 && cmos(0x04) == 12 && cmos(0x0d) == 0x80);
	return CHECK_STATUS();
}
