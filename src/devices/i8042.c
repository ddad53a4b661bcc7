/*
 * i8042.c - the PC's keyboard controller, with nothing plugged in
 *
 * The controller itself answers: its command byte, its self-test and
 * interface tests, its loop-back commands.  A byte sent to the keyboard
 * or the mouse finds no device, and comes back as 0xfe with the timeout
 * bit, as a real 8042 says so.  A kernel's probe thus learns at once
 * that there is a controller and nothing behind it, instead of waiting
 * for an answer that never comes.  Commands complete at once, so the
 * input buffer is never full.
 */
#include <config.h>

#include "devices/i8042.h"

#define STATUS_OUTPUT_FULL 0x01
#define STATUS_SYSTEM 0x04	/* the command byte's bit: self-test passed */
#define STATUS_COMMAND 0x08	/* the last write was a command */
#define STATUS_NOT_INHIBITED 0x10	/* the keylock is open */
#define STATUS_MOUSE_DATA 0x20
#define STATUS_TIMEOUT 0x40

#define CB_KEYBOARD_IRQ 0x01
#define CB_MOUSE_IRQ 0x02
#define CB_SYSTEM 0x04
#define CB_KEYBOARD_OFF 0x10
#define CB_MOUSE_OFF 0x20
#define CB_TRANSLATE 0x40

#define OUTPUT_PORT_RESET 0x01	/* low: the CPU is held in reset */
#define RESET_LINE "the keyboard controller (port 0x64)"
#define OUTPUT_PORT_A20 0x02

enum {
	CMD_READ_COMMAND_BYTE = 0x20,
	CMD_WRITE_COMMAND_BYTE = 0x60,
	CMD_MOUSE_OFF = 0xa7,
	CMD_MOUSE_ON = 0xa8,
	CMD_TEST_MOUSE_PORT = 0xa9,
	CMD_SELF_TEST = 0xaa,
	CMD_TEST_KEYBOARD_PORT = 0xab,
	CMD_KEYBOARD_OFF = 0xad,
	CMD_KEYBOARD_ON = 0xae,
	CMD_READ_OUTPUT_PORT = 0xd0,
	CMD_WRITE_OUTPUT_PORT = 0xd1,
	CMD_ECHO_KEYBOARD = 0xd2,
	CMD_ECHO_MOUSE = 0xd3,
	CMD_WRITE_MOUSE = 0xd4,
	CMD_PULSE = 0xf0,	/* 0xf0-0xff: pulse the low bits' lines */
};

#define SELF_TEST_PASSED 0x55
#define PORT_TEST_PASSED 0x00	/* clock and data lines idle high */
#define NO_DEVICE 0xfe		/* with STATUS_TIMEOUT: nobody answered */

void i8042_init(struct i8042 *i8042, struct irq keyboard_irq,
		struct irq mouse_irq, struct reset *reset)
{
	*i8042 = (struct i8042){
		.command_byte = CB_KEYBOARD_IRQ | CB_SYSTEM | CB_TRANSLATE,
		.output_port = OUTPUT_PORT_RESET | OUTPUT_PORT_A20,
		.keyboard_irq = keyboard_irq,
		.mouse_irq = mouse_irq,
		.reset = reset,
	};
}

/* Each port's line is high while a byte of its own waits to be read. */
static void update_irqs(struct i8042 *i8042)
{
	bool full = i8042->output_full;

	irq_set(&i8042->keyboard_irq, full && !i8042->from_mouse &&
		(i8042->command_byte & CB_KEYBOARD_IRQ));
	irq_set(&i8042->mouse_irq, full && i8042->from_mouse &&
		(i8042->command_byte & CB_MOUSE_IRQ));
}

static void put_output(struct i8042 *i8042, uint8_t byte, bool from_mouse,
		       bool timed_out)
{
	i8042->output = byte;
	i8042->output_full = true;
	i8042->from_mouse = from_mouse;
	i8042->timed_out = timed_out;
	update_irqs(i8042);
}

static uint8_t status_in(void *device, uint16_t offset)
{
	struct i8042 *i8042 = device;
	uint8_t status = STATUS_NOT_INHIBITED;

	(void)offset;
	if (i8042->output_full)
		status |= STATUS_OUTPUT_FULL;
	if (i8042->output_full && i8042->from_mouse)
		status |= STATUS_MOUSE_DATA;
	if (i8042->timed_out)
		status |= STATUS_TIMEOUT;
	if (i8042->command_byte & CB_SYSTEM)
		status |= STATUS_SYSTEM;
	if (i8042->last_was_command)
		status |= STATUS_COMMAND;
	return status;
}

static uint8_t data_in(void *device, uint16_t offset)
{
	struct i8042 *i8042 = device;

	(void)offset;
	i8042->output_full = false;
	i8042->timed_out = false;
	update_irqs(i8042);
	return i8042->output;
}

static void set_command_byte(struct i8042 *i8042, uint8_t value)
{
	i8042->command_byte = value;
	update_irqs(i8042);
}

/* The CPU's reset line pulsed, or held low: either ends the run. */
static int write_output_port(struct i8042 *i8042, uint8_t value)
{
	i8042->output_port = value | OUTPUT_PORT_A20;
	if (!(value & OUTPUT_PORT_RESET))
		return reset_request(i8042->reset, RESET_LINE);
	return 0;
}

static int command_out(void *device, uint16_t offset, uint8_t value)
{
	struct i8042 *i8042 = device;
	uint8_t cb = i8042->command_byte;

	(void)offset;
	i8042->last_was_command = true;
	i8042->pending = 0;
	switch (value) {
	case CMD_READ_COMMAND_BYTE:
		put_output(i8042, cb, false, false);
		break;
	case CMD_MOUSE_OFF:
		set_command_byte(i8042, cb | CB_MOUSE_OFF);
		break;
	case CMD_MOUSE_ON:
		set_command_byte(i8042, cb & ~CB_MOUSE_OFF);
		break;
	case CMD_KEYBOARD_OFF:
		set_command_byte(i8042, cb | CB_KEYBOARD_OFF);
		break;
	case CMD_KEYBOARD_ON:
		set_command_byte(i8042, cb & ~CB_KEYBOARD_OFF);
		break;
	case CMD_TEST_MOUSE_PORT:
	case CMD_TEST_KEYBOARD_PORT:
		put_output(i8042, PORT_TEST_PASSED, false, false);
		break;
	case CMD_SELF_TEST:
		put_output(i8042, SELF_TEST_PASSED, false, false);
		break;
	case CMD_READ_OUTPUT_PORT:
		put_output(i8042, i8042->output_port, false, false);
		break;
	case CMD_WRITE_COMMAND_BYTE:
	case CMD_WRITE_OUTPUT_PORT:
	case CMD_ECHO_KEYBOARD:
	case CMD_ECHO_MOUSE:
	case CMD_WRITE_MOUSE:
		i8042->pending = value;
		break;
	default:
		/* The rest do nothing a guest could see here. */
		if ((value & CMD_PULSE) == CMD_PULSE &&
		    !(value & OUTPUT_PORT_RESET))
			return reset_request(i8042->reset, RESET_LINE);
		break;
	}
	return 0;
}

static int data_out(void *device, uint16_t offset, uint8_t value)
{
	struct i8042 *i8042 = device;
	uint8_t command = i8042->pending;

	(void)offset;
	i8042->last_was_command = false;
	i8042->pending = 0;
	switch (command) {
	case CMD_WRITE_COMMAND_BYTE:
		set_command_byte(i8042, value);
		break;
	case CMD_WRITE_OUTPUT_PORT:
		return write_output_port(i8042, value);
	case CMD_ECHO_KEYBOARD:
	case CMD_ECHO_MOUSE:
		put_output(i8042, value, command == CMD_ECHO_MOUSE, false);
		break;
	case CMD_WRITE_MOUSE:
		put_output(i8042, NO_DEVICE, true, true);
		break;
	default:	/* a byte for the keyboard */
		put_output(i8042, NO_DEVICE, false, true);
		break;
	}
	return 0;
}

static const struct port_ops status_ops = {
	.name = "keyboard controller",
	.in = status_in,
	.out = command_out,
};

static const struct port_ops data_ops = {
	.name = "keyboard controller",
	.in = data_in,
	.out = data_out,
};

int i8042_attach(struct i8042 *i8042, struct bus *bus)
{
	if (bus_register(bus, I8042_STATUS_PORT, 1, &status_ops, i8042) < 0)
		return -1;
	return bus_register(bus, I8042_DATA_PORT, 1, &data_ops, i8042);
}
