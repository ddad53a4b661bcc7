/* test-pit.c - unit tests of the 8254 PIT, on a clock the test sets */
#include <config.h>

#include "bus.h"
#include "check.h"
#include "devices/pit.h"

#define MS 1000000

static struct bus bus;
static struct events events;
static struct pit pit;
static int64_t now;		/* the PIT's clock, in nanoseconds */
static unsigned rises;		/* rising edges on IRQ 0 */
static bool level;
static bool masked;

static int64_t fake_clock(void)
{
	return now;
}

static void line_set(void *controller, unsigned line, bool high)
{
	(void)controller;
	(void)line;
	if (high && !level)
		rises++;
	level = high;
}

static bool line_masked(const void *controller, unsigned line)
{
	(void)controller;
	(void)line;
	return masked;
}

static uint8_t in(uint16_t port)
{
	uint8_t byte = 0;

	bus_io(&bus, false, port, 1, 1, &byte);
	return byte;
}

static void out(uint16_t port, uint8_t byte)
{
	bus_io(&bus, true, port, 1, 1, &byte);
}

static void setup(void)
{
	struct irq irq = { .set = line_set, .masked = line_masked };

	now = 1000 * MS;
	rises = 0;
	level = false;
	masked = false;
	bus_init(&bus);
	events_init(&events);
	pit_init(&pit, irq, fake_clock);
	CHECK(pit_attach(&pit, &bus, &events) == 0);
}

/* Ticks of the 1.193182 MHz clock in NS nanoseconds. */
static uint64_t ticks(int64_t ns)
{
	return (uint64_t)ns * PIT_HZ / 1000000000;
}

static void advance(int64_t ns)
{
	now += ns;
	events_advance(&events, now);
}

static uint16_t read_count(uint16_t port)
{
	uint8_t low = in(port);

	return (uint16_t)(low | in(port) << 8);
}

/* Latches counter N's count and reads it low byte first. */
static uint16_t latched_count(unsigned n)
{
	out(0x43, (uint8_t)(n << 6));
	return read_count((uint16_t)(0x40 + n));
}

static bool out2(void)
{
	return in(0x61) & 0x20;
}

/* 100 Hz in mode 2, as a kernel's periodic tick. */
static void test_rate_generator(void)
{
	int64_t start;

	setup();
	CHECK(events_deadline(&events) == -1);	/* no count, no tick */
	out(0x43, 0x34);
	out(0x40, 11932 & 0xff);
	out(0x40, 11932 >> 8);
	start = now;
	CHECK(rises == 0);			/* no request until a period ends */
	CHECK(events_deadline(&events) >= start + 10 * MS &&
	      events_deadline(&events) < start + 10 * MS + 1000);

	advance(1 * MS);
	CHECK(latched_count(0) == 11932 - ticks(1 * MS));
	advance(8 * MS);
	CHECK(rises == 0);
	advance(2 * MS);			/* 11 ms: the first tick */
	CHECK(rises == 1 && level);
	advance(25 * MS);			/* 36 ms: two ticks merge in one */
	CHECK(rises == 2);
	CHECK(events_deadline(&events) >= start + 40 * MS &&
	      events_deadline(&events) < start + 40 * MS + 1000);
	masked = true;
	CHECK(events_deadline(&events) == -1);	/* nothing the CPU could take */
}

/* Mode 0, one-shot; mode 4, a strobe a clock after terminal count. */
static void test_one_shot(void)
{
	setup();
	out(0x43, 0x30);
	CHECK(!level);				/* mode 0's output starts low */
	out(0x40, 0x00);
	out(0x40, 0x10);			/* 4096 ticks: 3.43 ms */
	advance(3 * MS);
	CHECK(rises == 0 && !level);
	advance(1 * MS);
	CHECK(rises == 1 && level);		/* terminal count: high, and stays */
	CHECK(events_deadline(&events) == -1);
	advance(100 * MS);
	CHECK(rises == 1);
	CHECK(latched_count(0) == (uint16_t)(4096 - ticks(104 * MS)));

	/* A new count starts the one shot again, the output low. */
	out(0x40, 0x00);
	CHECK(level);				/* the first byte stops counting... */
	out(0x40, 0x01);
	CHECK(!level);				/* ...the second restarts it */
	advance(1 * MS);
	CHECK(rises == 2);

	out(0x43, 0x38);			/* mode 4 */
	out(0x40, 100);
	out(0x40, 0);
	now += 83 * 1000;			/* 99 ticks */
	events_advance(&events, now);
	CHECK(rises == 2);
	advance(2000);				/* 101 ticks: past the strobe */
	CHECK(rises == 3);
	advance(10 * MS);
	CHECK(rises == 3);
}

/* Counter 2, gated through port 0x61, as delay-loop calibration uses it. */
static void test_gate_and_output(void)
{
	uint16_t held;
	uint8_t refresh;

	setup();
	out(0x61, 0x01);
	CHECK((in(0x61) & 0x0f) == 0x01);
	out(0x43, 0xb0);			/* counter 2, mode 0 */
	out(0x42, 0xff);
	out(0x42, 0xff);
	CHECK(!out2());
	now += 50 * MS;
	CHECK(!out2());
	now += 5 * MS;				/* 65535 ticks: 54.9 ms */
	CHECK(out2());

	/* A low gate holds the count in mode 0. */
	out(0x43, 0xb0);
	out(0x42, 0xff);
	out(0x42, 0xff);
	now += 10 * MS;
	out(0x61, 0x00);
	held = latched_count(2);
	now += 100 * MS;
	CHECK(latched_count(2) == held && !out2());
	out(0x61, 0x01);
	now += 10 * MS;
	CHECK(latched_count(2) < held);

	/* Mode 3: high for the first half of the period, low after. */
	out(0x43, 0xb6);
	out(0x42, 1000 & 0xff);
	out(0x42, 1000 >> 8);
	now += 100 * 1000;			/* 119 ticks */
	CHECK(out2());
	CHECK(latched_count(2) == 1000 - 2 * ticks(100 * 1000));
	now += 400 * 1000;			/* 596 ticks */
	CHECK(!out2());

	/* The refresh bit toggles as time passes. */
	refresh = in(0x61) & 0x10;
	now += 15085;
	CHECK((in(0x61) & 0x10) != refresh);
}

static void test_access_modes(void)
{
	setup();
	out(0x43, 0x14);			/* counter 0, low byte only, mode 2 */
	out(0x40, 100);
	CHECK(in(0x40) == 100);
	out(0x43, 0x24);			/* high byte only */
	out(0x40, 0x02);
	CHECK(in(0x40) == 0x02);		/* 0x0200 */
	now += 100 * 1000;
	CHECK(in(0x40) == 0x01);		/* 512 - 119 = 393 = 0x0189 */

	/* Unlatched low/high reads alternate bytes too. */
	out(0x43, 0x34);
	out(0x40, 0x34);
	out(0x40, 0x12);
	CHECK(read_count(0x40) == 0x1234);

	/* A latch holds until read, and a second latch does not move it. */
	out(0x43, 0x00);
	now += 1 * MS;
	out(0x43, 0x00);
	CHECK(read_count(0x40) == 0x1234);
	CHECK(read_count(0x40) == 0x1234 - ticks(1 * MS));
}

static void test_read_back(void)
{
	setup();
	out(0x43, 0x34);
	out(0x40, 0);				/* the low byte only, so far */
	out(0x43, 0xe2);			/* read back counter 0's status */
	CHECK(in(0x40) == (0x80 | 0x40 | 0x34));	/* null count */
	out(0x40, 0x10);			/* count 0x1000 */
	now += 1 * MS;
	out(0x43, 0xc2);			/* status and count of counter 0 */
	CHECK(in(0x40) == (0x80 | 0x34));
	CHECK(read_count(0x40) == 0x1000 - ticks(1 * MS));
	CHECK(in(0x43) == 0xff);		/* the control word is write-only */
}

int main(void)
{
	RUN_TEST(test_rate_generator);
	RUN_TEST(test_one_shot);
	RUN_TEST(test_gate_and_output);
	RUN_TEST(test_access_modes);
	RUN_TEST(test_read_back);
	return CHECK_STATUS();
}
