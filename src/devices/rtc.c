/* rtc.c - the CMOS clock: an MC146818 real-time clock and its RAM */
#include <config.h>

#include "devices/rtc.h"

#include <stdbool.h>

#define RTC_SECONDS 0x00
#define RTC_MINUTES 0x02
#define RTC_HOURS 0x04
#define RTC_WEEKDAY 0x06
#define RTC_DAY 0x07
#define RTC_MONTH 0x08
#define RTC_YEAR 0x09
#define RTC_A 0x0a
#define RTC_B 0x0b
#define RTC_C 0x0c
#define RTC_D 0x0d
#define RTC_CENTURY 0x32	/* where PC firmware keeps it */
#define RTC_INDEX_MASK 0x7f	/* bit 7 of the index port gates NMI */
#define RTC_A_DIVIDER 0x26	/* 32.768 kHz, 1024 Hz periodic rate */
#define RTC_B_24H 0x02
#define RTC_B_BINARY 0x04
#define RTC_D_VALID 0x80	/* the battery is good */
#define HOUR_PM 0x80

/*
 * The clock registers show one sample of the time, taken when the guest
 * reads the seconds or register A (where it looks for an update in
 * progress), so that the fields it reads next belong together.
 */
static void sample_time(struct rtc *rtc)
{
	time_t t = rtc->now(NULL);

	if (!gmtime_r(&t, &rtc->sample))
		rtc->sample = (struct tm){ .tm_mday = 1, .tm_year = 70 };
}

void rtc_init(struct rtc *rtc, time_t (*now)(time_t *))
{
	*rtc = (struct rtc){ .now = now };
	sample_time(rtc);
	rtc->ram[RTC_A] = RTC_A_DIVIDER;
	rtc->ram[RTC_B] = RTC_B_24H;
	rtc->ram[RTC_D] = RTC_D_VALID;
}

/* A clock field as register B asks: BCD unless binary. */
static uint8_t encode(const struct rtc *rtc, int value)
{
	if (rtc->ram[RTC_B] & RTC_B_BINARY)
		return (uint8_t)value;
	return (uint8_t)((value / 10) << 4 | value % 10);
}

/* 12-hour mode: 12 for midnight and noon, and bit 7 for the afternoon. */
static uint8_t encode_hour(const struct rtc *rtc, int hour)
{
	int twelve = hour % 12 ? hour % 12 : 12;

	if (rtc->ram[RTC_B] & RTC_B_24H)
		return encode(rtc, hour);
	return encode(rtc, twelve) | (hour >= 12 ? HOUR_PM : 0);
}

/*
 * The time registers always show the host's time: a guest's setting of
 * the clock is not kept (it goes to the RAM bytes behind them, unread).
 */
static uint8_t read_clock(const struct rtc *rtc, uint8_t index, bool *clock)
{
	const struct tm tm = rtc->sample;

	*clock = true;
	switch (index) {
	case RTC_SECONDS:
		return encode(rtc, tm.tm_sec > 59 ? 59 : tm.tm_sec);
	case RTC_MINUTES:
		return encode(rtc, tm.tm_min);
	case RTC_HOURS:
		return encode_hour(rtc, tm.tm_hour);
	case RTC_WEEKDAY:
		return encode(rtc, tm.tm_wday + 1);
	case RTC_DAY:
		return encode(rtc, tm.tm_mday);
	case RTC_MONTH:
		return encode(rtc, tm.tm_mon + 1);
	case RTC_YEAR:
		return encode(rtc, (tm.tm_year + 1900) % 100);
	case RTC_CENTURY:
		return encode(rtc, (tm.tm_year + 1900) / 100);
	default:
		*clock = false;
		return 0;
	}
}

static uint8_t rtc_in(void *device, uint16_t offset)
{
	struct rtc *rtc = device;
	uint8_t value;
	bool clock;

	if (offset == 0)
		return 0xff;	/* the index port is write-only */
	if (rtc->index == RTC_SECONDS || rtc->index == RTC_A)
		sample_time(rtc);
	value = read_clock(rtc, rtc->index, &clock);
	if (clock)
		return value;
	/* No update is ever in progress, and no interrupt is ever flagged. */
	if (rtc->index == RTC_A)
		return rtc->ram[RTC_A] & 0x7f;
	if (rtc->index == RTC_C)
		return 0;
	return rtc->ram[rtc->index];
}

static int rtc_out(void *device, uint16_t offset, uint8_t value)
{
	struct rtc *rtc = device;

	if (offset == 0)
		rtc->index = value & RTC_INDEX_MASK;
	else if (rtc->index != RTC_C && rtc->index != RTC_D)
		rtc->ram[rtc->index] = value;
	return 0;
}

static const struct port_ops rtc_ops = {
	.name = "real-time clock",
	.in = rtc_in,
	.out = rtc_out,
};

int rtc_attach(struct rtc *rtc, struct bus *bus)
{
	return bus_register(bus, RTC_PORT, RTC_PORTS, &rtc_ops, rtc);
}

/*
 * The memory bytes, as IBM's AT had them and QEMU fills them for its
 * firmware: base memory and memory above 1 MiB in KiB, above 16 MiB in
 * 64 KiB units (where the AT's 16-bit fields ran out), and SeaBIOS's
 * three bytes for the RAM above 4 GiB.
 */
#define CMOS_BASE_MEMORY 0x15		/* and 0x16, KiB below 640 KiB */
#define CMOS_EXTENDED_MEMORY 0x17	/* and 0x18, KiB above 1 MiB */
#define CMOS_EXTENDED_MEMORY_COPY 0x30	/* and 0x31, the same */
#define CMOS_MEMORY_ABOVE_16M 0x34	/* and 0x35, in 64 KiB */
#define CMOS_MEMORY_ABOVE_4G 0x5b	/* to 0x5d, in 64 KiB */
#define CMOS_BOOT_ORDER_3 0x38		/* the third device, bits 7-4 */
#define CMOS_BOOT_ORDER_1_2 0x3d	/* the second bits 7-4, first 3-0 */

#define KIB 1024u
#define MIB (1024u * KIB)
#define BASE_MEMORY_KIB 640u

static void put_le(struct rtc *rtc, uint8_t index, uint64_t value,
		   unsigned bytes)
{
	for (unsigned i = 0; i < bytes; i++)
		rtc->ram[index + i] = (uint8_t)(value >> (8 * i));
}

/* (SIZE - START) in UNITs, 0 if SIZE is less, at most LIMIT. */
static uint64_t units_above(uint64_t size, uint64_t start, uint64_t unit,
			    uint64_t limit)
{
	uint64_t units = size > start ? (size - start) / unit : 0;

	return units < limit ? units : limit;
}

void rtc_set_memory(struct rtc *rtc, uint64_t below, uint64_t above)
{
	uint64_t base = below / KIB, extended;

	put_le(rtc, CMOS_BASE_MEMORY,
	       base < BASE_MEMORY_KIB ? base : BASE_MEMORY_KIB, 2);
	extended = units_above(below, MIB, KIB, 0xffff);
	put_le(rtc, CMOS_EXTENDED_MEMORY, extended, 2);
	put_le(rtc, CMOS_EXTENDED_MEMORY_COPY, extended, 2);
	put_le(rtc, CMOS_MEMORY_ABOVE_16M,
	       units_above(below, 16 * MIB, 64 * KIB, 0xffff), 2);
	put_le(rtc, CMOS_MEMORY_ABOVE_4G,
	       units_above(above, 0, 64 * KIB, 0xffffff), 3);
}

/*
 * SeaBIOS takes the first two devices from 0x3d and the third from the
 * top of 0x38, whose bit 0 set would skip the check of a floppy's boot
 * signature: left clear, as QEMU leaves it by default.
 */
void rtc_set_boot_order(struct rtc *rtc, enum rtc_boot_device first,
			enum rtc_boot_device second,
			enum rtc_boot_device third)
{
	rtc->ram[CMOS_BOOT_ORDER_1_2] = (uint8_t)((second & 0xf) << 4 |
						  (first & 0xf));
	rtc->ram[CMOS_BOOT_ORDER_3] = (uint8_t)((third & 0xf) << 4);
}
