/* test-serial.c - unit tests of the 16550A register model */
#include <config.h>

#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "bus.h"
#include "check.h"
#include "devices/serial.h"

#define BASE 0x3f8

static struct bus bus;

static uint8_t in(uint16_t reg)
{
	uint8_t byte = 0;

	bus_io(&bus, false, BASE + reg, 1, 1, &byte);
	return byte;
}

static int out(uint16_t reg, uint8_t byte)
{
	return bus_io(&bus, true, BASE + reg, 1, 1, &byte);
}

/* A UART writing into TEXT and reading from INPUT_FD. */
static FILE *setup(struct serial *serial, char *text, size_t size,
		   int input_fd)
{
	FILE *output = fmemopen(text, size, "w");

	setvbuf(output, NULL, _IONBF, 0);
	bus_init(&bus);
	serial_init(serial, output, input_fd);
	CHECK(serial_attach(serial, &bus, BASE) == 0);
	return output;
}

static void test_registers(void)
{
	char text[32] = { 0 };
	struct serial serial;
	FILE *output = setup(&serial, text, sizeof(text), -1);

	CHECK(in(UART_LSR) == (UART_LSR_THRE | UART_LSR_TEMT));
	CHECK(in(UART_IIR) == UART_IIR_NO_INT);

	/* With DLAB, offsets 0 and 1 are the divisor latch, not data. */
	out(UART_LCR, UART_LCR_DLAB | 0x03);
	out(UART_DATA, 0x01);
	out(UART_IER, 0x02);
	CHECK(in(UART_DATA) == 0x01 && in(UART_IER) == 0x02);
	out(UART_LCR, 0x03);
	CHECK(in(UART_IER) == 0x00);
	CHECK(in(UART_LCR) == 0x03);

	out(UART_SCR, 0x5a);
	CHECK(in(UART_SCR) == 0x5a);

	/* FIFOs on: what tells a 16550A from an 8250. */
	out(UART_IIR, 0xc7);
	CHECK((in(UART_IIR) & UART_IIR_FIFO) == UART_IIR_FIFO);
	out(UART_IER, UART_IER_THRI);
	CHECK(in(UART_IIR) == (UART_IIR_FIFO | UART_IIR_THRI));

	out(UART_DATA, 'o');
	out(UART_DATA, 'k');
	fclose(output);
	CHECK(strcmp(text, "ok") == 0);
}

static void test_loopback(void)
{
	char text[32] = { 0 };
	struct serial serial;
	FILE *output = setup(&serial, text, sizeof(text), -1);

	out(UART_MCR, UART_MCR_LOOP | 0x0a);	/* RTS, OUT2 */
	CHECK((in(UART_MSR) & 0xf0) == 0x90);	/* CTS, DCD */
	out(UART_MCR, UART_MCR_LOOP | 0x05);	/* DTR, OUT1 */
	CHECK((in(UART_MSR) & 0xf0) == 0x60);	/* DSR, RI */

	out(UART_DATA, 0xae);
	out(UART_DATA, 0x51);
	CHECK(in(UART_LSR) & UART_LSR_DR);
	CHECK(in(UART_DATA) == 0xae);
	CHECK(in(UART_DATA) == 0x51);
	CHECK(!(in(UART_LSR) & UART_LSR_DR));

	/* What was sent in loopback never left the UART. */
	out(UART_MCR, 0x0b);
	CHECK((in(UART_MSR) & 0xf0) == 0xb0);
	fclose(output);
	CHECK(text[0] == '\0');
}

static void test_input(void)
{
	char text[8];
	struct serial serial;
	int pipefd[2];
	FILE *output;

	CHECK(pipe(pipefd) == 0);
	output = setup(&serial, text, sizeof(text), pipefd[0]);

	/* Nothing waiting: no data, and no blocking. */
	CHECK(!(in(UART_LSR) & UART_LSR_DR));
	CHECK(in(UART_DATA) == 0);

	CHECK(write(pipefd[1], "hi", 2) == 2);
	CHECK(in(UART_LSR) & UART_LSR_DR);
	out(UART_IER, UART_IER_RDI);
	CHECK((in(UART_IIR) & 0x0f) == UART_IIR_RDI);
	CHECK(in(UART_DATA) == 'h');
	CHECK(in(UART_DATA) == 'i');
	CHECK(!(in(UART_LSR) & UART_LSR_DR));

	/* Clearing the receive FIFO drops what is waiting. */
	CHECK(write(pipefd[1], "xyz", 3) == 3);
	CHECK(in(UART_LSR) & UART_LSR_DR);
	out(UART_IIR, UART_FCR_ENABLE | UART_FCR_CLEAR_RCVR);
	CHECK(!(in(UART_LSR) & UART_LSR_DR));

	/* At end of input, the line just stays quiet. */
	close(pipefd[1]);
	CHECK(!(in(UART_LSR) & UART_LSR_DR));
	CHECK(serial.input_fd == -1);
	close(pipefd[0]);
	fclose(output);
}

/* A write the host cannot make fails the access and keeps its errno. */
static void test_output_error(void)
{
	FILE *output = fopen("/dev/null", "r");
	struct serial serial;

	CHECK(output != NULL);
	if (!output)
		return;
	setvbuf(output, NULL, _IONBF, 0);
	bus_init(&bus);
	serial_init(&serial, output, -1);
	CHECK(serial_attach(&serial, &bus, BASE) == 0);
	CHECK(out(UART_DATA, 'x') < 0);
	CHECK(serial.output_error == EBADF);
	fclose(output);
}

int main(void)
{
	test_registers();
	test_loopback();
	test_input();
	test_output_error();
	return CHECK_STATUS();
}
