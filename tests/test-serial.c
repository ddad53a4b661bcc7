/* test-serial.c - unit tests of the 16550A register model */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "bus.h"
#include "check.h"
#include "devices/serial.h"

#define BASE 0x3f8

static struct bus bus;
static struct events events;

/* A controller that only remembers the line's level and its edges. */
struct line {
	bool level;
	unsigned rises;
};

static void line_set(void *controller, unsigned number, bool level)
{
	struct line *line = controller;

	(void)number;
	if (level && !line->level)
		line->rises++;
	line->level = level;
}

static bool line_masked(const void *controller, unsigned number)
{
	(void)controller;
	(void)number;
	return false;
}

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

/* A UART writing into TEXT, reading from INPUT_FD, its IRQ to LINE. */
static FILE *setup_irq(struct serial *serial, char *text, size_t size,
		       int input_fd, struct line *line)
{
	FILE *output = fmemopen(text, size, "w");
	struct irq irq = {
		.set = line_set, .masked = line_masked, .controller = line,
	};

	setvbuf(output, NULL, _IONBF, 0);
	bus_init(&bus);
	events_init(&events);
	serial_init(serial, output, input_fd, line ? irq : (struct irq){ 0 });
	CHECK(serial_attach(serial, &bus, &events, BASE) == 0);
	return output;
}

static FILE *setup(struct serial *serial, char *text, size_t size,
		   int input_fd)
{
	return setup_irq(serial, text, size, input_fd, NULL);
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

/*
 * A serial port at BASE with no input and no IRQ, writing to OUTPUT,
 * which MODE buffers (see setvbuf).
 */
static void attach_no_input(struct serial *serial, FILE *output, int mode)
{
	setvbuf(output, NULL, mode, mode == _IONBF ? 0 : BUFSIZ);
	bus_init(&bus);
	events_init(&events);
	serial_init(serial, output, -1, (struct irq){ 0 });
	CHECK(serial_attach(serial, &bus, &events, BASE) == 0);
}

/* A write the host cannot make fails the access and keeps its errno. */
static void test_output_error(void)
{
	FILE *output = fopen("/dev/null", "r");
	struct serial serial;

	CHECK(output != NULL);
	if (!output)
		return;
	attach_no_input(&serial, output, _IONBF);
	CHECK(out(UART_DATA, 'x') < 0);
	CHECK(serial.output_error == EBADF);
	fclose(output);
}

/*
 * Output waits in the buffer SERIAL_HOLD_NS at most from the first
 * advance that sees it, then is flushed.
 */
static void test_held_output(void)
{
	const int64_t t = 5000000000;
	struct serial serial;
	int pipefd[2];
	char got[4];
	FILE *output;

	CHECK(pipe(pipefd) == 0);
	CHECK(fcntl(pipefd[0], F_SETFL, O_NONBLOCK) == 0);
	output = fdopen(pipefd[1], "w");
	CHECK(output != NULL);
	if (!output)
		return;
	attach_no_input(&serial, output, _IOFBF);
	CHECK(events_deadline(&events) == -1);
	CHECK(out(UART_DATA, 'a') == 0);
	/* Due at once, for a run loop that advances only at deadlines. */
	CHECK(events_deadline(&events) == 0);
	events_advance(&events, t);
	CHECK(events_deadline(&events) == t + SERIAL_HOLD_NS);
	events_advance(&events, t + SERIAL_HOLD_NS - 1);
	CHECK(read(pipefd[0], got, sizeof(got)) < 0);	/* still held */
	events_advance(&events, t + SERIAL_HOLD_NS);
	CHECK(read(pipefd[0], got, sizeof(got)) == 1 && got[0] == 'a');
	CHECK(events_deadline(&events) == -1);
	fclose(output);
	close(pipefd[0]);
}

/* A flush that fails in the background fails the next byte sent. */
static void test_held_output_error(void)
{
	FILE *output = fopen("/dev/full", "w");
	struct serial serial;

	CHECK(output != NULL);
	if (!output)
		return;
	attach_no_input(&serial, output, _IOFBF);
	CHECK(out(UART_DATA, 'x') == 0);	/* buffered */
	events_advance(&events, 0);
	events_advance(&events, SERIAL_HOLD_NS);
	CHECK(serial.output_error == ENOSPC);
	CHECK(out(UART_DATA, 'y') < 0);
	fclose(output);
}

/* "THR empty": raised when enabled, taken by reading IIR, new per byte. */
static void test_transmit_interrupt(void)
{
	char text[8] = { 0 };
	struct line line = { 0 };
	struct serial serial;
	FILE *output = setup_irq(&serial, text, sizeof(text), -1, &line);

	out(UART_IER, UART_IER_THRI);
	CHECK(!line.level);			/* OUT2 gates the line */
	out(UART_MCR, UART_MCR_OUT2);
	CHECK(line.level && line.rises == 1);
	CHECK((in(UART_IIR) & 0x0f) == UART_IIR_THRI);
	CHECK(!line.level);
	CHECK((in(UART_IIR) & 0x0f) == UART_IIR_NO_INT);

	/* Each byte must raise the interrupt at once: no batching now. */
	CHECK(!bus_batchable(&bus, BASE + UART_DATA));
	CHECK(!bus_batching_allowed(&bus));
	out(UART_DATA, 'a');
	CHECK(line.level && line.rises == 2);
	out(UART_DATA, 'b');			/* a new edge for each byte */
	CHECK(line.level && line.rises == 3);
	out(UART_IER, 0);
	CHECK(!line.level);
	CHECK(bus_batchable(&bus, BASE + UART_DATA));
	CHECK(bus_batching_allowed(&bus));

	/* In loopback, OUT2 no longer reaches the line. */
	out(UART_IER, UART_IER_THRI);
	CHECK(line.level);
	out(UART_MCR, UART_MCR_OUT2 | UART_MCR_LOOP);
	CHECK(!line.level);
	fclose(output);
	CHECK(strcmp(text, "ab") == 0);
}

/* Received data, and an overrun when the guest does not keep up. */
static void test_receive_interrupt(void)
{
	char text[8];
	struct line line = { 0 };
	struct serial serial;
	int pipefd[2];
	FILE *output;
	struct pollfd fds[EVENTS_MAX];

	CHECK(pipe(pipefd) == 0);
	output = setup_irq(&serial, text, sizeof(text), pipefd[0], &line);
	CHECK(events_wake_fds(&events, fds) == 0);	/* not wanted yet */
	out(UART_MCR, UART_MCR_OUT2);
	out(UART_IER, UART_IER_RDI | UART_IER_RLSI);
	CHECK(events_wake_fds(&events, fds) == 1 && fds[0].fd == pipefd[0]);
	CHECK(events_deadline(&events) == -1);

	/* Input arriving raises the line without the guest looking. */
	CHECK(write(pipefd[1], "k", 1) == 1);
	events_advance(&events, 1000000000);
	CHECK(line.level);
	CHECK((in(UART_IIR) & 0x0f) == UART_IIR_RDI);
	CHECK(events_wake_fds(&events, fds) == 0);	/* data waits */
	CHECK(in(UART_DATA) == 'k');
	CHECK(!line.level);

	/* Looked for again only once a millisecond has passed. */
	CHECK(write(pipefd[1], "l", 1) == 1);
	events_advance(&events, 1000000001);
	CHECK(!line.level);
	events_advance(&events, 1001000000);
	CHECK(line.level);
	CHECK(in(UART_DATA) == 'l');

	/* Another UART in loopback fills the FIFO and overruns. */
	out(UART_MCR, UART_MCR_LOOP);
	for (int i = 0; i <= SERIAL_RX_SIZE; i++)
		out(UART_DATA, (uint8_t)i);
	out(UART_MCR, UART_MCR_OUT2);
	CHECK(line.level);
	CHECK((in(UART_IIR) & 0x0f) == UART_IIR_RLSI);
	CHECK(in(UART_LSR) & UART_LSR_OE);
	CHECK(!(in(UART_LSR) & UART_LSR_OE));	/* reading LSR clears it */
	CHECK((in(UART_IIR) & 0x0f) == UART_IIR_RDI);
	close(pipefd[1]);
	close(pipefd[0]);
	fclose(output);
}

/* IIR names the cause of highest priority: line status, data, THR. */
static void test_iir_priority(void)
{
	char text[8];
	struct line line = { 0 };
	struct serial serial;
	FILE *output = setup_irq(&serial, text, sizeof(text), -1, &line);

	out(UART_MCR, UART_MCR_LOOP);
	for (int i = 0; i <= SERIAL_RX_SIZE; i++)
		out(UART_DATA, 'x');		/* data, an overrun, THR empty */
	out(UART_IER, UART_IER_RDI | UART_IER_THRI | UART_IER_RLSI);
	CHECK((in(UART_IIR) & 0x0f) == UART_IIR_RLSI);
	in(UART_LSR);
	CHECK((in(UART_IIR) & 0x0f) == UART_IIR_RDI);
	for (int i = 0; i < SERIAL_RX_SIZE; i++)
		in(UART_DATA);
	CHECK((in(UART_IIR) & 0x0f) == UART_IIR_THRI);
	CHECK((in(UART_IIR) & 0x0f) == UART_IIR_NO_INT);
	CHECK(!line.level);			/* loopback cuts the line */
	fclose(output);
}

static void test_irq_lines(void)
{
	CHECK(serial_irq_line(0x3f8) == 4 && serial_irq_line(0x3e8) == 4);
	CHECK(serial_irq_line(0x2f8) == 3 && serial_irq_line(0x2e8) == 3);
	CHECK(serial_irq_line(0x80) == -1);
}

int main(void)
{
	RUN_TEST(test_registers);
	RUN_TEST(test_loopback);
	RUN_TEST(test_input);
	RUN_TEST(test_output_error);
	RUN_TEST(test_held_output);
	RUN_TEST(test_held_output_error);
	RUN_TEST(test_transmit_interrupt);
	RUN_TEST(test_receive_interrupt);
	RUN_TEST(test_iir_priority);
	RUN_TEST(test_irq_lines);
	return CHECK_STATUS();
}
