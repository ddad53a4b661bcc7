/*
 * debug-console.h - QEMU's debug console (isa-debugcon): a port whose
 * bytes go to a log, where SeaBIOS writes its messages
 */
#ifndef MINIVM_DEBUG_CONSOLE_H
#define MINIVM_DEBUG_CONSOLE_H

#include <stdint.h>
#include <stdio.h>

#include "bus.h"

#define DEBUG_CONSOLE_PORT 0x402	/* SeaBIOS's, on QEMU */
/* What the port reads: how SeaBIOS tells that the console is there. */
#define DEBUG_CONSOLE_READBACK 0xe9

struct debug_console {
	FILE *sink;		/* NULL: the bytes are dropped */
	int output_error;	/* errno of the first failed write, or 0 */
};

/* The bytes written go to SINK, as they are; NULL drops them. */
void debug_console_init(struct debug_console *console, FILE *sink);
/* Registers the one port at PORT; -1 if it is taken. */
int debug_console_attach(struct debug_console *console, struct bus *bus,
			 uint16_t port);

#endif
