/*
 * test-i8042.c - unit tests of the keyboard controller with nothing
 * plugged in: what Linux's probe asks of it, what a byte for a device
 * gets, its interrupt lines and its reset line
 */
#include <config.h>

#include "bus.h"
#include "check.h"
#include "devices/i8042.h"

static struct bus bus;
static struct i8042 i8042;
static struct reset reset;
static bool levels[16];

static void fake_set(void *controller, unsigned line, bool level)
{
	(void)controller;
	levels[line] = level;
}

static struct irq fake_irq(unsigned line)
{
	return (struct irq){ .set = fake_set, .line = line };
}

static uint8_t in(uint16_t port)
{
	uint8_t byte;

	bus_io(&bus, false, port, 1, 1, &byte);
	return byte;
}

static int out(uint16_t port, uint8_t value)
{
	return bus_io(&bus, true, port, 1, 1, &value);
}

static void power_on(void)
{
	bus_init(&bus);
	reset_init(&reset);
	i8042_init(&i8042, fake_irq(I8042_KEYBOARD_IRQ),
		   fake_irq(I8042_MOUSE_IRQ), &reset);
	CHECK(i8042_attach(&i8042, &bus) == 0);
}

/* Sends COMMAND; checks the status then shows WANT waiting in the buffer. */
static void check_answer(uint8_t command, uint8_t want)
{
	CHECK(out(0x64, command) == 0);
	CHECK((in(0x64) & 0x21) == 0x01);
	CHECK(in(0x60) == want);
	CHECK(!(in(0x64) & 0x01));
}

static void test_power_on(void)
{
	power_on();
	/* Not inhibited, self-test passed, both buffers empty. */
	CHECK(in(0x64) == 0x14);
	CHECK(!levels[1] && !levels[12]);
}

/* The command byte, the tests and the ports' switches, as Linux uses them. */
static void test_controller_commands(void)
{
	power_on();
	check_answer(0x20, 0x45);
	CHECK(out(0x64, 0x60) == 0 && (in(0x64) & 0x08));
	CHECK(out(0x60, 0x74) == 0 && !(in(0x64) & 0x08));
	check_answer(0x20, 0x74);
	check_answer(0xaa, 0x55);
	check_answer(0xab, 0x00);
	check_answer(0xa9, 0x00);
	out(0x64, 0xa8);
	check_answer(0x20, 0x54);
	out(0x64, 0xa7);
	out(0x64, 0xae);
	check_answer(0x20, 0x64);
	out(0x64, 0xad);
	/* With the keyboard's interrupt off, an answer raises no line. */
	out(0x64, 0x20);
	CHECK(!levels[1] && in(0x60) == 0x74);
}

/* The keyboard's line is high while a byte of its own waits. */
static void test_keyboard_irq(void)
{
	power_on();
	out(0x64, 0x20);
	CHECK(levels[1] && !levels[12]);
	in(0x60);
	CHECK(!levels[1]);
}

/* The mouse port's loop-back, and its line when its interrupt is on. */
static void test_mouse_loop(void)
{
	power_on();
	out(0x64, 0x60);
	out(0x60, 0x47);	/* both ports' interrupts on */
	out(0x64, 0xd3);
	out(0x60, 0x5a);
	CHECK((in(0x64) & 0x21) == 0x21);
	CHECK(levels[12] && !levels[1]);
	CHECK(in(0x60) == 0x5a);
	CHECK(!levels[12] && !(in(0x64) & 0x21));
	out(0x64, 0xd2);
	out(0x60, 0xa5);
	CHECK((in(0x64) & 0x21) == 0x01 && levels[1]);
	CHECK(in(0x60) == 0xa5);
}

/* A byte for the keyboard or the mouse: nobody answers. */
static void test_no_device(void)
{
	power_on();
	out(0x60, 0xf2);	/* the keyboard's "identify" */
	CHECK((in(0x64) & 0x61) == 0x41);
	CHECK(in(0x60) == 0xfe);
	CHECK(!(in(0x64) & 0x41));
	out(0x64, 0xd4);
	out(0x60, 0xf2);
	CHECK((in(0x64) & 0x61) == 0x61);
	CHECK(in(0x60) == 0xfe);
	CHECK(!(in(0x64) & 0x61));
}

/* Pulsing the reset line, or writing it low, ends the run. */
static void test_reset(void)
{
	power_on();
	CHECK(out(0x64, 0xff) == 0 && !reset.requested);
	out(0x64, 0xd1);
	CHECK(out(0x60, 0xdf) == 0 && !reset.requested);
	check_answer(0xd0, 0xdf);
	CHECK(out(0x64, 0xfe) == BUS_STOP && reset.requested);
	power_on();
	out(0x64, 0xd1);
	CHECK(out(0x60, 0xde) == BUS_STOP && reset.requested);
}

int main(void)
{
	RUN_TEST(test_power_on);
	RUN_TEST(test_controller_commands);
	RUN_TEST(test_keyboard_irq);
	RUN_TEST(test_mouse_loop);
	RUN_TEST(test_no_device);
	RUN_TEST(test_reset);
	return CHECK_STATUS();
}
