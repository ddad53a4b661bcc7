/*
 * i8042.h - the PC's keyboard controller (an Intel 8042), with nothing
 * plugged into its keyboard or mouse port
 */
#ifndef MINIVM_I8042_H
#define MINIVM_I8042_H

#include <stdbool.h>
#include <stdint.h>

#include "bus.h"
#include "irq.h"
#include "devices/reset.h"

#define I8042_DATA_PORT 0x60
#define I8042_STATUS_PORT 0x64	/* the command port on write */
#define I8042_KEYBOARD_IRQ 1
#define I8042_MOUSE_IRQ 12

struct i8042 {
	uint8_t command_byte;	/* the controller's configuration */
	uint8_t output_port;	/* bit 0: the CPU's reset line, high */
	uint8_t output;		/* the output buffer, read at port 0x60 */
	bool output_full;
	bool from_mouse;	/* the byte came from the mouse port */
	bool timed_out;		/* the byte says no device answered */
	bool last_was_command;	/* the last write was to port 0x64 */
	uint8_t pending;	/* a command awaiting its byte at 0x60, or 0 */
	struct irq keyboard_irq;
	struct irq mouse_irq;
	struct reset *reset;	/* pulsing the reset line ends the run */
};

void i8042_init(struct i8042 *i8042, struct irq keyboard_irq,
		struct irq mouse_irq, struct reset *reset);
/* Registers ports 0x60 and 0x64; -1 if either is taken. */
int i8042_attach(struct i8042 *i8042, struct bus *bus);

#endif
