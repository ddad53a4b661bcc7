/*
 * reset.c - the ways a PC guest resets the machine, which end the run:
 * port 0x92, port 0xcf9, and the keyboard controller's reset line
 */
#include <config.h>

#include "devices/reset.h"

#define CONTROL_A_RESET 0x01
#define CONTROL_A_A20 0x02	/* always on: memory does not wrap at 1 MiB */
#define RESET_CONTROL_CPU 0x04

void reset_init(struct reset *reset)
{
	*reset = (struct reset){ .control_a = CONTROL_A_A20 };
}

int reset_request(struct reset *reset, const char *how)
{
	reset->requested = how;
	return BUS_STOP;
}

static uint8_t control_a_in(void *device, uint16_t offset)
{
	struct reset *reset = device;

	(void)offset;
	return reset->control_a | CONTROL_A_A20;
}

static int control_a_out(void *device, uint16_t offset, uint8_t value)
{
	struct reset *reset = device;

	(void)offset;
	reset->control_a = value & (uint8_t)~CONTROL_A_RESET;
	if (value & CONTROL_A_RESET)
		return reset_request(reset, "port 0x92");
	return 0;
}

static uint8_t reset_control_in(void *device, uint16_t offset)
{
	(void)device;
	(void)offset;
	return 0;
}

/*
 * Only the reset bit matters here.  A wide access to the PCI address
 * port 0xcf8 also reaches this byte, but minivm has no PCI, so a kernel
 * that probes for it never gets as far as writing such an address.
 */
static int reset_control_out(void *device, uint16_t offset, uint8_t value)
{
	(void)offset;
	if (value & RESET_CONTROL_CPU)
		return reset_request(device, "port 0xcf9");
	return 0;
}

static const struct port_ops control_a_ops = {
	.name = "system control port A",
	.in = control_a_in,
	.out = control_a_out,
};

static const struct port_ops reset_control_ops = {
	.name = "reset control register",
	.in = reset_control_in,
	.out = reset_control_out,
};

int reset_attach(struct reset *reset, struct bus *bus)
{
	if (bus_register(bus, SYSTEM_CONTROL_A, 1, &control_a_ops, reset) < 0)
		return -1;
	return bus_register(bus, RESET_CONTROL, 1, &reset_control_ops, reset);
}
