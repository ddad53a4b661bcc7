/*
 * debug-console.c - QEMU's debug console (isa-debugcon): a port whose
 * bytes go to a log, where SeaBIOS writes its messages
 */
#include <config.h>

#include "devices/debug-console.h"

#include <errno.h>

void debug_console_init(struct debug_console *console, FILE *sink)
{
	*console = (struct debug_console){ .sink = sink };
}

/*
 * SeaBIOS reads the port once, at start-up, and writes its log there
 * only if it reads back 0xe9, as QEMU's console answers.
 */
static uint8_t debug_console_in(void *device, uint16_t offset)
{
	(void)device;
	(void)offset;
	return DEBUG_CONSOLE_READBACK;
}

/*
 * A log that cannot be written is no reason to stop the guest: the
 * first error is kept for the end of the run, and the rest of the log
 * dropped.
 */
static int debug_console_out(void *device, uint16_t offset, uint8_t value)
{
	struct debug_console *console = device;

	(void)offset;
	if (!console->sink || console->output_error)
		return 0;
	errno = 0;
	if (putc(value, console->sink) == EOF)
		console->output_error = errno ? errno : EIO;
	return 0;
}

static const struct port_ops debug_console_ops = {
	.name = "debug console",
	.in = debug_console_in,
	.out = debug_console_out,
};

int debug_console_attach(struct debug_console *console, struct bus *bus,
			 uint16_t port)
{
	return bus_register(bus, port, 1, &debug_console_ops, console);
}
