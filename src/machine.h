/* machine.h - the PC minivm emulates: its devices and how they are wired */
#ifndef MINIVM_MACHINE_H
#define MINIVM_MACHINE_H

#include <stdint.h>

#include "bus.h"
#include "events.h"
#include "devices/debug-exit.h"
#include "devices/i8042.h"
#include "devices/pic.h"
#include "devices/pit.h"
#include "devices/reset.h"
#include "devices/rtc.h"
#include "devices/serial.h"
#include "devices/testdev.h"

struct machine {
	struct bus bus;
	struct events events;
	struct pic pic;
	struct pit pit;
	struct reset reset;
	struct i8042 i8042;
	struct rtc rtc;
	struct serial serial;
	struct debug_exit debug_exit;
	struct testdev testdev;	/* only with --testdev */
};

/*
 * Wires up the PC's fixed devices, then the serial port at SERIAL_PORT
 * (on standard output and input) and the exit port at EXIT_PORT (-1 for
 * none).  A port the user chose that another device holds is refused
 * with one line on stderr, and -1.
 */
int machine_init(struct machine *machine, uint16_t serial_port,
		 int32_t exit_port);
/*
 * Adds QEMU's pc-testdev, which is no part of a PC, to a machine that
 * machine_init wired up.  Refused as machine_init refuses a port.
 */
int machine_add_testdev(struct machine *machine);
/*
 * The guest waits for an interrupt: what the devices hold back for the
 * host (the serial port's buffered output) goes out now, as the guest
 * may wait for an answer to it.  Returns -1 if it cannot (see the
 * serial port's output_error).
 */
int machine_idle(struct machine *machine);

#endif
