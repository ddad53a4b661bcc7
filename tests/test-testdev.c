/*
 * test-testdev.c - unit tests of QEMU's pc-testdev: the scratch
 * register at each width and through each of its views, the ports
 * that read 0, and the ports that drive interrupt lines
 */
#include <config.h>

#include "bus.h"
#include "check.h"
#include "devices/pic.h"
#include "devices/testdev.h"

static struct bus bus;
static struct testdev testdev;
static int levels[TESTDEV_IRQS];	/* -1: never set */

static void fake_set(void *controller, unsigned line, bool level)
{
	(void)controller;
	levels[line] = level;
}

/* Every line to the fake controller, or LINES if given. */
static void power_on(const struct irq *lines)
{
	struct irq fake[TESTDEV_IRQS];

	for (unsigned i = 0; i < TESTDEV_IRQS; i++) {
		fake[i] = (struct irq){ .set = fake_set, .line = i };
		levels[i] = -1;
	}
	bus_init(&bus);
	testdev_init(&testdev, lines ? lines : fake);
	CHECK(testdev_attach(&testdev, &bus) == 0);
}

static uint32_t in(uint16_t port, unsigned size)
{
	uint8_t bytes[4] = { 0 };

	bus_io(&bus, false, port, size, 1, bytes);
	return bytes[0] | bytes[1] << 8 | bytes[2] << 16 |
	       (uint32_t)bytes[3] << 24;
}

static int out(uint16_t port, unsigned size, uint32_t value)
{
	uint8_t bytes[4] = { value, value >> 8, value >> 16, value >> 24 };

	return bus_io(&bus, true, port, size, 1, bytes);
}

/* What kvm-unit-tests' realmode test checks, and the bytes within. */
static void test_scratch(void)
{
	power_on(NULL);
	CHECK(in(0xe0, 4) == 0);
	CHECK(out(0xe0, 1, 0xff) == 0 && in(0xe0, 1) == 0xff);
	CHECK(out(0xe0, 2, 0xffff) == 0 && in(0xe0, 2) == 0xffff);
	CHECK(out(0xe0, 4, 0xffffffff) == 0 && in(0xe0, 4) == 0xffffffff);
	CHECK(out(0xe0, 4, 0x89abcdef) == 0 && in(0xe0, 4) == 0x89abcdef);
	CHECK(in(0xe1, 1) == 0xcd && in(0xe3, 1) == 0x89);
	CHECK(in(0xe2, 2) == 0x89ab);
	CHECK(out(0xe1, 1, 0x12) == 0 && in(0xe0, 4) == 0x89ab12ef);
	CHECK(out(0xe2, 2, 0x3456) == 0 && in(0xe0, 4) == 0x345612ef);
	/* A byte write at 0xe0 leaves the other three alone. */
	CHECK(out(0xe0, 1, 0x00) == 0 && in(0xe0, 4) == 0x34561200);
}

/* 0xe8 is the same register; 0xe4 and the IRQ ports read 0. */
static void test_views(void)
{
	power_on(NULL);
	CHECK(out(0xe0, 4, 0x01020304) == 0);
	CHECK(in(0xe8, 4) == 0x01020304 && in(0xea, 1) == 0x02);
	CHECK(out(0xeb, 1, 0xaa) == 0 && in(0xe0, 4) == 0xaa020304);
	CHECK(in(0xe4, 4) == 0 && in(0xe7, 1) == 0);
	CHECK(out(0xe4, 4, 0x1000) == 0);	/* flush a page: no effect */
	CHECK(in(0xe0, 4) == 0xaa020304 && in(0xe8, 4) == 0xaa020304);
	CHECK(in(0x2000, 1) == 0 && in(0x2017, 1) == 0);
	CHECK(in(0xec, 1) == 0xff && in(0xdf, 1) == 0xff);
	CHECK(in(0x2018, 1) == 0xff);
	for (unsigned i = 0; i < TESTDEV_IRQS; i++)
		CHECK(levels[i] == -1);	/* reading drives no line */
}

static void test_lines(void)
{
	power_on(NULL);
	CHECK(out(0x2000, 1, 1) == 0 && levels[0] == 1);
	CHECK(out(0x2000, 1, 0) == 0 && levels[0] == 0);
	CHECK(out(0x2017, 1, 0x80) == 0 && levels[23] == 1);	/* any byte */
	CHECK(levels[1] == -1 && levels[22] == -1);
	/* A dword, as realmode.flat writes: a line for each byte. */
	CHECK(out(0x200b, 4, 1) == 0);
	CHECK(levels[11] == 1 && levels[12] == 0 && levels[13] == 0 &&
	      levels[14] == 0 && levels[10] == -1 && levels[15] == -1);
	CHECK(out(0x200b, 4, 0) == 0 && levels[11] == 0);
}

/* As machine.c wires it: line N is the PIC's IRQ N, past 15 nowhere. */
static void test_pic(void)
{
	struct irq lines[TESTDEV_IRQS] = { { .set = NULL } };
	struct pic pic;

	pic_init(&pic);
	for (unsigned i = 0; i < PIC_IRQS; i++)
		lines[i] = pic_irq(&pic, i);
	power_on(lines);
	CHECK(pic_attach(&pic, &bus) == 0);
	CHECK(out(0xa1, 1, 0xf7) == 0);	/* unmask IRQ 11 */
	CHECK(out(0x200b, 1, 1) == 0 && pic_pending(&pic));
	CHECK(out(0x200b, 1, 0) == 0 && !pic_pending(&pic));
	CHECK(out(0x200b, 1, 1) == 0 && pic_acknowledge(&pic) == 0x73);
	CHECK(out(0x2010, 1, 1) == 0 && out(0x2017, 1, 1) == 0);
	CHECK(!pic_pending(&pic));
}

int main(void)
{
	RUN_TEST(test_scratch);
	RUN_TEST(test_views);
	RUN_TEST(test_lines);
	RUN_TEST(test_pic);
	return CHECK_STATUS();
}
