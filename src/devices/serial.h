/* serial.h - the serial port: a 16550A UART */
#ifndef MINIVM_SERIAL_H
#define MINIVM_SERIAL_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "bus.h"
#include "events.h"
#include "irq.h"

#define SERIAL_PORTS 8

/* Register offsets from the base port. */
#define UART_DATA 0		/* RBR on read, THR on write; DLL with DLAB */
#define UART_IER 1		/* DLM with DLAB */
#define UART_IIR 2		/* IIR on read, FCR on write */
#define UART_LCR 3
#define UART_MCR 4
#define UART_LSR 5
#define UART_MSR 6
#define UART_SCR 7

#define UART_IER_RDI 0x01	/* interrupt when data is received */
#define UART_IER_THRI 0x02	/* interrupt when THR is empty */
#define UART_IER_RLSI 0x04	/* interrupt on a receive error */
#define UART_IIR_NO_INT 0x01
#define UART_IIR_THRI 0x02
#define UART_IIR_RDI 0x04
#define UART_IIR_RLSI 0x06
#define UART_IIR_FIFO 0xc0	/* FIFOs enabled: what marks a 16550A */
#define UART_FCR_ENABLE 0x01
#define UART_FCR_CLEAR_RCVR 0x02
#define UART_LCR_DLAB 0x80
#define UART_MCR_OUT2 0x08	/* on a PC, gates the interrupt line */
#define UART_MCR_LOOP 0x10
#define UART_LSR_DR 0x01	/* data ready */
#define UART_LSR_OE 0x02	/* overrun: a received byte was lost */
#define UART_LSR_THRE 0x20	/* transmit holding register empty */
#define UART_LSR_TEMT 0x40	/* transmitter empty */

#define SERIAL_RX_SIZE 64

#define SERIAL_HOLD_NS 20000000

struct serial {
	FILE *output;
	int output_error;	/* errno of the first failed write, or 0 */
	bool output_held;	/* sent bytes may wait in OUTPUT's buffer */
	int64_t held_since;	/* when that was first seen, or -1 */
	int input_fd;		/* -1: no input */
	struct irq irq;
	int64_t polled_at;	/* when input was last looked for */
	uint8_t rx[SERIAL_RX_SIZE];	/* received, not yet read */
	unsigned rx_head;
	unsigned rx_count;
	bool thr_interrupt;	/* "THR empty" not yet acknowledged */
	uint8_t lsr_errors;	/* overrun, until LSR is read */
	uint8_t ier;
	uint8_t fcr;
	uint8_t lcr;
	uint8_t mcr;
	uint8_t scr;
	uint8_t dll;
	uint8_t dlm;
};

/*
 * The guest's output goes to OUTPUT; its input comes from INPUT_FD (-1
 * for none), never waited for: it is read when the guest looks for it
 * or, with the receive interrupt on, as it arrives.  IRQ is the line
 * the UART drives while OUT2 is set and IER's causes are present.
 */
void serial_init(struct serial *serial, FILE *output, int input_fd,
		 struct irq irq);
/*
 * Hands what the guest sent to the output's reader now.  Returns -1,
 * with the error in output_error, if the output cannot be written.
 * Without it, no byte waits in the buffer much more than
 * SERIAL_HOLD_NS: the port asks for an event (see events.h) to flush.
 */
int serial_flush(struct serial *serial);
/*
 * Takes the input from INPUT_FD from now on, as serial_init's (a
 * terminal's keys, once its escape commands are out: see terminal.h).
 */
void serial_set_input(struct serial *serial, int input_fd);
/*
 * Registers the eight ports at BASE, and the arrival of input as an
 * event; -1 if any of the ports is taken.
 */
int serial_attach(struct serial *serial, struct bus *bus,
		  struct events *events, uint16_t base);
/* The IRQ a PC wires to a UART at BASE (COM1 to COM4), or -1. */
int serial_irq_line(uint16_t base);

#endif
