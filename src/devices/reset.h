/* reset.h - the ways a PC guest resets the machine, which end the run */
#ifndef MINIVM_RESET_H
#define MINIVM_RESET_H

#include <stdbool.h>
#include <stdint.h>

#include "bus.h"

#define I8042_DATA_PORT 0x60
#define I8042_STATUS_PORT 0x64	/* the command port on write */
#define SYSTEM_CONTROL_A 0x92	/* fast A20 and reset */
#define RESET_CONTROL 0xcf9

struct reset {
	const char *requested;	/* the port that asked for it, or NULL */
	uint8_t control_a;	/* port 0x92 as last written */
};

void reset_init(struct reset *reset);
/*
 * Registers the 8042's two ports, as much of the keyboard controller as
 * a reset needs, port 0x92 and port 0xcf9; -1 if any is taken.
 */
int reset_attach(struct reset *reset, struct bus *bus);

#endif
