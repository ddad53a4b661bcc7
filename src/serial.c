/* serial.c - the serial port (an 8250-style UART) */
#include <config.h>

#include "serial.h"

#include <errno.h>
#include <stdbool.h>

void serial_init(struct serial *serial, FILE *output)
{
	*serial = (struct serial){ .output = output, .dll = 12 };
}

static bool divisor_latched(const struct serial *serial)
{
	return serial->lcr & UART_LCR_DLAB;
}

static int transmit_failed(struct serial *serial)
{
	serial->output_error = errno ? errno : EIO;
	return -1;
}

static uint8_t serial_in(void *device, uint16_t offset)
{
	struct serial *serial = device;

	switch (offset) {
	case UART_DATA:
		return divisor_latched(serial) ? serial->dll : 0;
	case UART_IER:
		return divisor_latched(serial) ? serial->dlm : serial->ier;
	case UART_IIR:
		return UART_IIR_NO_INT;
	case UART_LCR:
		return serial->lcr;
	case UART_MCR:
		return serial->mcr;
	case UART_LSR:
		/* Output never waits, so a polling guest may always send. */
		return UART_LSR_THRE | UART_LSR_TEMT;
	case UART_SCR:
		return serial->scr;
	default:
		return 0;
	}
}

static int serial_out(void *device, uint16_t offset, uint8_t value)
{
	struct serial *serial = device;

	switch (offset) {
	case UART_DATA:
		if (divisor_latched(serial))
			serial->dll = value;
		else if (putc(value, serial->output) == EOF)
			return transmit_failed(serial);
		break;
	case UART_IER:
		if (divisor_latched(serial))
			serial->dlm = value;
		else
			serial->ier = value & 0x0f;
		break;
	case UART_LCR:
		serial->lcr = value;
		break;
	case UART_MCR:
		serial->mcr = value & 0x1f;
		break;
	case UART_SCR:
		serial->scr = value;
		break;
	}
	return 0;
}

static const struct port_ops serial_ops = {
	.in = serial_in,
	.out = serial_out,
};

int serial_attach(struct serial *serial, struct bus *bus, uint16_t base)
{
	return bus_register(bus, base, SERIAL_PORTS, &serial_ops, serial);
}
