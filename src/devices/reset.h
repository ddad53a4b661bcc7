/* reset.h - the ways a PC guest resets the machine, which end the run */
#ifndef MINIVM_RESET_H
#define MINIVM_RESET_H

#include <stdbool.h>
#include <stdint.h>

#include "bus.h"

#define SYSTEM_CONTROL_A 0x92	/* fast A20 and reset */
#define RESET_CONTROL 0xcf9

struct reset {
	const char *requested;	/* the port that asked for it, or NULL */
	uint8_t control_a;	/* port 0x92 as last written */
};

void reset_init(struct reset *reset);
/* Registers port 0x92 and port 0xcf9; -1 if either is taken. */
int reset_attach(struct reset *reset, struct bus *bus);
/*
 * A device asks for a reset, HOW naming it for the user; returns
 * BUS_STOP, for the device to return from its port write.
 */
int reset_request(struct reset *reset, const char *how);

#endif
