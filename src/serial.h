/* serial.h - the serial port (an 8250-style UART) */
#ifndef MINIVM_SERIAL_H
#define MINIVM_SERIAL_H

#include <stdint.h>
#include <stdio.h>

#include "bus.h"

#define SERIAL_PORTS 8

/* Register offsets from the base port. */
#define UART_DATA 0		/* THR on write, RBR on read */
#define UART_IER 1
#define UART_IIR 2
#define UART_LCR 3
#define UART_MCR 4
#define UART_LSR 5
#define UART_MSR 6
#define UART_SCR 7

#define UART_LCR_DLAB 0x80
#define UART_LSR_THRE 0x20	/* transmit holding register empty */
#define UART_LSR_TEMT 0x40	/* transmitter empty */
#define UART_IIR_NO_INT 0x01

struct serial {
	FILE *output;
	int output_error;	/* errno of the first failed write, or 0 */
	uint8_t ier;
	uint8_t lcr;
	uint8_t mcr;
	uint8_t scr;
	uint8_t dll;
	uint8_t dlm;
};

void serial_init(struct serial *serial, FILE *output);
/* Registers the eight ports at BASE; -1 if any of them is taken. */
int serial_attach(struct serial *serial, struct bus *bus, uint16_t base);

#endif
