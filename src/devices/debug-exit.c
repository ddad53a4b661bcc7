/* debug-exit.c - the exit-code port, as QEMU's isa-debug-exit */
#include <config.h>

#include "devices/debug-exit.h"

void debug_exit_init(struct debug_exit *debug_exit)
{
	*debug_exit = (struct debug_exit){ .written = false };
}

static uint8_t debug_exit_in(void *device, uint16_t offset)
{
	(void)device;
	(void)offset;
	return 0;
}

/*
 * QEMU exits with (value << 1) | 1, which exit() cuts to 8 bits: only
 * the low byte matters, and it is the first byte of any wider write.
 * The result is odd, so it never looks like a plain 0 "success".
 */
static int debug_exit_out(void *device, uint16_t offset, uint8_t value)
{
	struct debug_exit *debug_exit = device;

	(void)offset;
	debug_exit->written = true;
	debug_exit->status = ((value << 1) | 1) & 0xff;
	return BUS_STOP;
}

static const struct port_ops debug_exit_ops = {
	.name = "exit port",
	.in = debug_exit_in,
	.out = debug_exit_out,
};

int debug_exit_attach(struct debug_exit *debug_exit, struct bus *bus,
		      uint16_t port)
{
	return bus_register(bus, port, 1, &debug_exit_ops, debug_exit);
}
