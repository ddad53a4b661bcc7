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
	return CHECK_STATUS();
}
