/* debug-exit.h - the exit-code port, as QEMU's isa-debug-exit */
#ifndef MINIVM_DEBUG_EXIT_H
#define MINIVM_DEBUG_EXIT_H

#include <stdbool.h>
#include <stdint.h>

#include "bus.h"

struct debug_exit {
	bool written;
	int status;		/* (value << 1) | 1, as an exit status */
};

void debug_exit_init(struct debug_exit *debug_exit);
/* Registers the one port at PORT; -1 if it is taken. */
int debug_exit_attach(struct debug_exit *debug_exit, struct bus *bus,
		      uint16_t port);

#endif
