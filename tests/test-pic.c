/* test-pic.c - unit tests of the two cascaded 8259A PICs */
#include <config.h>

#include "bus.h"
#include "check.h"
#include "devices/pic.h"

static struct bus bus;
static struct pic pic;

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

static void line(unsigned irq, bool level)
{
	struct irq line = pic_irq(&pic, irq);

	irq_set(&line, level);
}

/* A rising edge: the line goes low, then high, and stays high. */
static void pulse(unsigned irq)
{
	line(irq, false);
	line(irq, true);
}

/* Initialised as Linux does: vectors 0x20 and 0x28, 8086 mode. */
static void setup(uint8_t icw1, uint8_t icw4)
{
	bus_init(&bus);
	pic_init(&pic);
	CHECK(pic_attach(&pic, &bus) == 0);
	out(0x20, icw1);
	out(0x21, 0x20);
	out(0x21, 0x04);	/* the slave on IR2 */
	out(0x21, icw4);
	out(0xa0, icw1);
	out(0xa1, 0x28);
	out(0xa1, 0x02);	/* the slave's cascade identity */
	out(0xa1, icw4);
}

static void eoi(void)
{
	out(0x20, 0x20);
}

/* Until a guest programs them, the PICs are as a BIOS leaves them. */
static void test_power_on(void)
{
	bus_init(&bus);
	pic_init(&pic);
	CHECK(pic_attach(&pic, &bus) == 0);
	CHECK(in(0x21) == 0xfb && in(0xa1) == 0xff);
	pulse(0);
	CHECK(!pic_pending(&pic));	/* masked: a plain guest is never interrupted */
	out(0x21, 0xfa);
	CHECK(pic_pending(&pic));
	CHECK(pic_acknowledge(&pic) == 0x08);
	CHECK(pic_irq(&pic, 8).masked(&pic, 8));
	CHECK(!pic_irq(&pic, 0).masked(&pic, 0));
}

static void test_edge_and_eoi(void)
{
	setup(0x11, 0x01);
	CHECK(in(0x21) == 0x00);	/* ICW1 clears the mask */
	CHECK(!pic_pending(&pic));
	pulse(0);
	CHECK(pic_pending(&pic));
	CHECK(pic_acknowledge(&pic) == 0x20);
	CHECK(!pic_pending(&pic));

	/* A line held high asks once; a new edge waits for the EOI. */
	line(0, true);
	CHECK(!pic_pending(&pic));
	pulse(0);
	CHECK(!pic_pending(&pic));	/* IRQ 0 is still in service */
	out(0x20, 0x0a);		/* OCW3: read IRR */
	CHECK(in(0x20) == 0x01);
	out(0x20, 0x0b);		/* OCW3: read ISR */
	CHECK(in(0x20) == 0x01);
	eoi();
	CHECK(in(0x20) == 0x00);
	CHECK(pic_acknowledge(&pic) == 0x20);
	out(0x20, 0x60);		/* specific EOI for IR0 */
	CHECK(in(0x20) == 0x00);
}

static void test_priority_and_mask(void)
{
	setup(0x11, 0x01);
	pulse(4);
	pulse(1);
	CHECK(pic_acknowledge(&pic) == 0x21);	/* IR1 before IR4 */
	CHECK(!pic_pending(&pic));		/* IR4 waits behind IR1 */
	pulse(0);
	CHECK(pic_acknowledge(&pic) == 0x20);	/* IR0 preempts IR1 */
	eoi();					/* ends IR0, the highest */
	CHECK(!pic_pending(&pic));
	eoi();					/* ends IR1 */
	CHECK(pic_acknowledge(&pic) == 0x24);
	eoi();

	/* A masked request stays in IRR until it is unmasked. */
	out(0x21, 0x08);
	pulse(3);
	CHECK(!pic_pending(&pic));
	CHECK(pic_irq(&pic, 3).masked(&pic, 3));
	out(0x21, 0x00);
	CHECK(pic_acknowledge(&pic) == 0x23);
	eoi();
}

static void test_cascade(void)
{
	setup(0x11, 0x01);
	pulse(10);
	CHECK(pic_pending(&pic));
	CHECK(pic_acknowledge(&pic) == 0x2a);
	out(0x20, 0x0b);
	CHECK(in(0x20) == 0x04);	/* the cascade input is in service */
	out(0xa0, 0x0b);
	CHECK(in(0xa0) == 0x04);
	pulse(9);
	CHECK(!pic_pending(&pic));	/* the master's IR2 is in service */
	out(0xa0, 0x20);
	CHECK(!pic_pending(&pic));	/* the master's IR2 still in service */
	eoi();
	CHECK(pic_acknowledge(&pic) == 0x29);
	out(0xa0, 0x20);
	eoi();

	/* Masking the slave's line or the cascade holds the request. */
	out(0xa1, 0x04);
	pulse(10);
	CHECK(!pic_pending(&pic));
	out(0xa1, 0x00);
	out(0x21, 0x04);
	CHECK(!pic_pending(&pic));
	CHECK(pic_irq(&pic, 10).masked(&pic, 10));
	out(0x21, 0x00);
	CHECK(pic_acknowledge(&pic) == 0x2a);
}

/* A request withdrawn before the acknowledge leaves IR7's vector. */
static void test_spurious(void)
{
	setup(0x11, 0x01);
	pulse(3);
	line(3, false);
	CHECK(!pic_pending(&pic));
	CHECK(pic_acknowledge(&pic) == 0x27);
	out(0x20, 0x0b);
	CHECK(in(0x20) == 0x00);	/* nothing was put in service */

	/* The master passes the cycle on, the slave has nothing: IRQ 15. */
	pic.master.irr |= 1u << PIC_CASCADE_IRQ;
	CHECK(pic_acknowledge(&pic) == 0x2f);
	CHECK(in(0x20) == 0x04);	/* the master's IR2 is in service */
	out(0xa0, 0x0b);
	CHECK(in(0xa0) == 0x00);
}

static void test_modes(void)
{
	/* Auto-EOI: nothing stays in service. */
	setup(0x11, 0x03);
	pulse(5);
	CHECK(pic_acknowledge(&pic) == 0x25);
	out(0x20, 0x0b);
	CHECK(in(0x20) == 0x00);

	/* Level-triggered: a line still high asks again after the EOI. */
	setup(0x19, 0x01);
	line(6, true);
	CHECK(pic_acknowledge(&pic) == 0x26);
	eoi();
	CHECK(pic_pending(&pic));
	line(6, false);
	CHECK(!pic_pending(&pic));

	/* Poll: a read acknowledges and says which input. */
	setup(0x11, 0x01);
	pulse(1);
	out(0x20, 0x0c);
	CHECK(in(0x20) == 0x81);
	CHECK(!pic_pending(&pic));
	out(0x20, 0x0c);
	CHECK(in(0x20) == 0x00);	/* nothing left to poll */

	/* ICW1 again: a line already high must fall and rise anew. */
	line(7, true);
	out(0x20, 0x11);
	out(0x21, 0x20);
	out(0x21, 0x04);
	out(0x21, 0x01);
	line(7, true);
	CHECK(!pic_pending(&pic));
	pulse(7);
	CHECK(pic_acknowledge(&pic) == 0x27);
	out(0x20, 0x0b);
	CHECK(in(0x20) == 0x80);	/* a real IR7 is in service */

	/* Without ICW4 the data port is the mask after ICW2 (single). */
	out(0x20, 0x12);
	out(0x21, 0x40);
	out(0x21, 0x5a);
	CHECK(in(0x21) == 0x5a);
}

int main(void)
{
	RUN_TEST(test_power_on);
	RUN_TEST(test_edge_and_eoi);
	RUN_TEST(test_priority_and_mask);
	RUN_TEST(test_cascade);
	RUN_TEST(test_spurious);
	RUN_TEST(test_modes);
	return CHECK_STATUS();
}
