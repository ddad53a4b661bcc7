/* serial.c - the serial port: a 16550A UART */
#include <config.h>

#include "devices/serial.h"

#include <errno.h>
#include <poll.h>
#include <unistd.h>

/* How often input is looked for while the guest runs and waits for it. */
#define INPUT_POLL_NS 1000000

void serial_init(struct serial *serial, FILE *output, int input_fd,
		 struct irq irq)
{
	*serial = (struct serial){
		.output = output, .held_since = -1, .input_fd = input_fd,
		.irq = irq, .dll = 12,
	};
}

int serial_irq_line(uint16_t base)
{
	switch (base) {
	case 0x3f8:
	case 0x3e8:
		return 4;
	case 0x2f8:
	case 0x2e8:
		return 3;
	default:
		return -1;
	}
}

static bool divisor_latched(const struct serial *serial)
{
	return serial->lcr & UART_LCR_DLAB;
}

static bool loopback(const struct serial *serial)
{
	return serial->mcr & UART_MCR_LOOP;
}

/* The highest-priority cause IER lets through, as IIR reports it. */
static uint8_t interrupt_id(const struct serial *serial)
{
	if ((serial->ier & UART_IER_RLSI) && serial->lsr_errors)
		return UART_IIR_RLSI;
	if ((serial->ier & UART_IER_RDI) && serial->rx_count)
		return UART_IIR_RDI;
	if ((serial->ier & UART_IER_THRI) && serial->thr_interrupt)
		return UART_IIR_THRI;
	return UART_IIR_NO_INT;
}

/*
 * Called after anything that can change a cause.  In loopback the OUT2
 * pin is held inactive, so on a PC the line is cut off too.
 */
static void update_irq(struct serial *serial)
{
	irq_set(&serial->irq, (serial->mcr & UART_MCR_OUT2) &&
		!loopback(serial) &&
		interrupt_id(serial) != UART_IIR_NO_INT);
}

static void receive_byte(struct serial *serial, uint8_t byte)
{
	if (serial->rx_count == SERIAL_RX_SIZE) {
		/* The byte is lost, as on hardware. */
		serial->lsr_errors |= UART_LSR_OE;
		return;
	}
	serial->rx[(serial->rx_head + serial->rx_count++) % SERIAL_RX_SIZE] =
		byte;
}

/*
 * Takes what input is waiting, never more than fits and never waiting
 * for more: the vCPU must not block on the host's standard input.  In
 * loopback the UART hears only itself.  At end of input, or if it fails,
 * the guest simply receives nothing more.
 */
static void poll_input(struct serial *serial)
{
	struct pollfd pfd = { .fd = serial->input_fd, .events = POLLIN };
	uint8_t buf[SERIAL_RX_SIZE];
	ssize_t n;

	if (serial->input_fd < 0 || serial->rx_count > 0 || loopback(serial))
		return;
	if (poll(&pfd, 1, 0) <= 0)
		return;
	/* An input that can only fail would wake a sleeping guest for ever. */
	if (!(pfd.revents & (POLLIN | POLLHUP))) {
		if (pfd.revents & (POLLERR | POLLNVAL))
			serial->input_fd = -1;
		return;
	}
	n = read(serial->input_fd, buf, sizeof(buf));
	if (n <= 0) {
		if (n == 0 || (errno != EINTR && errno != EAGAIN))
			serial->input_fd = -1;
		return;
	}
	for (ssize_t i = 0; i < n; i++)
		receive_byte(serial, buf[i]);
	update_irq(serial);
}

int serial_flush(struct serial *serial)
{
	serial->output_held = false;
	serial->held_since = -1;
	if (fflush(serial->output) == EOF) {
		serial->output_error = errno ? errno : EIO;
		return -1;
	}
	return 0;
}

void serial_set_input(struct serial *serial, int input_fd)
{
	serial->input_fd = input_fd;
}

static uint8_t read_rbr(struct serial *serial)
{
	uint8_t byte;

	poll_input(serial);
	if (serial->rx_count == 0)
		return 0;
	byte = serial->rx[serial->rx_head];
	serial->rx_head = (serial->rx_head + 1) % SERIAL_RX_SIZE;
	serial->rx_count--;
	update_irq(serial);
	return byte;
}

static uint8_t read_lsr(struct serial *serial)
{
	uint8_t errors = serial->lsr_errors;

	poll_input(serial);
	serial->lsr_errors = 0;
	update_irq(serial);
	/* Output never waits, so a polling guest may always send. */
	return UART_LSR_THRE | UART_LSR_TEMT | errors |
	       (serial->rx_count ? UART_LSR_DR : 0);
}

/* Reading IIR when it names "THR empty" acknowledges that cause. */
static uint8_t read_iir(struct serial *serial)
{
	uint8_t fifo = serial->fcr & UART_FCR_ENABLE ? UART_IIR_FIFO : 0;
	uint8_t id = interrupt_id(serial);

	if (id == UART_IIR_THRI) {
		serial->thr_interrupt = false;
		update_irq(serial);
	}
	return fifo | id;
}

/*
 * In loopback the modem inputs follow the modem outputs: CTS = RTS,
 * DSR = DTR, RI = OUT1, DCD = OUT2.  Otherwise a modem is always there
 * and ready (DCD, DSR, CTS).
 */
static uint8_t read_msr(const struct serial *serial)
{
	static const uint8_t msr_of_mcr[16] = {
		0x00, 0x20, 0x10, 0x30, 0x40, 0x60, 0x50, 0x70,
		0x80, 0xa0, 0x90, 0xb0, 0xc0, 0xe0, 0xd0, 0xf0,
	};

	if (loopback(serial))
		return msr_of_mcr[serial->mcr & 0x0f];
	return 0xb0;
}

static uint8_t serial_in(void *device, uint16_t offset)
{
	struct serial *serial = device;

	switch (offset) {
	case UART_DATA:
		return divisor_latched(serial) ? serial->dll : read_rbr(serial);
	case UART_IER:
		return divisor_latched(serial) ? serial->dlm : serial->ier;
	case UART_IIR:
		return read_iir(serial);
	case UART_LCR:
		return serial->lcr;
	case UART_MCR:
		return serial->mcr;
	case UART_LSR:
		return read_lsr(serial);
	case UART_MSR:
		return read_msr(serial);
	default:
		return serial->scr;
	}
}

/* To the output, unless an earlier write to it failed. */
static int send_out(struct serial *serial, uint8_t byte)
{
	if (serial->output_error)
		return -1;
	if (putc(byte, serial->output) == EOF) {
		serial->output_error = errno ? errno : EIO;
		return -1;
	}
	serial->output_held = true;
	return 0;
}

/*
 * The byte leaves at once, so THR is empty again: a new "THR empty"
 * cause, which makes a new edge on the line if the last was taken.
 */
static int transmit(struct serial *serial, uint8_t byte)
{
	if (loopback(serial))
		receive_byte(serial, byte);
	else if (send_out(serial, byte) < 0)
		return -1;
	serial->thr_interrupt = false;
	update_irq(serial);
	serial->thr_interrupt = true;
	update_irq(serial);
	return 0;
}

/* Enabling "THR empty" while THR is empty raises it at once. */
static void write_ier(struct serial *serial, uint8_t value)
{
	if ((value & UART_IER_THRI) && !(serial->ier & UART_IER_THRI))
		serial->thr_interrupt = true;
	serial->ier = value & 0x0f;
	update_irq(serial);
}

static int serial_out(void *device, uint16_t offset, uint8_t value)
{
	struct serial *serial = device;

	switch (offset) {
	case UART_DATA:
		if (!divisor_latched(serial))
			return transmit(serial, value);
		serial->dll = value;
		break;
	case UART_IER:
		if (divisor_latched(serial))
			serial->dlm = value;
		else
			write_ier(serial, value);
		break;
	case UART_IIR:
		serial->fcr = value & UART_FCR_ENABLE;
		if (value & UART_FCR_CLEAR_RCVR)
			serial->rx_count = 0;
		update_irq(serial);
		break;
	case UART_LCR:
		serial->lcr = value;
		break;
	case UART_MCR:
		serial->mcr = value & 0x1f;
		update_irq(serial);
		break;
	case UART_SCR:
		serial->scr = value;
		break;
	}
	return 0;
}

/* With "THR empty" interrupts on, each byte sent must raise one at once. */
static bool serial_must_see_writes(const void *device)
{
	const struct serial *serial = device;

	return serial->ier & UART_IER_THRI;
}

static const struct port_ops serial_ops = {
	.name = "serial port",
	.in = serial_in,
	.out = serial_out,
	.must_see_writes = serial_must_see_writes,
};

/*
 * Input is waited for only when it would interrupt the guest: with the
 * receive interrupt on, the line passed on, and nothing unread.
 */
static bool awaits_input(const struct serial *serial)
{
	return serial->input_fd >= 0 && serial->rx_count == 0 &&
	       (serial->ier & UART_IER_RDI) &&
	       (serial->mcr & UART_MCR_OUT2) && !loopback(serial) &&
	       !irq_masked(&serial->irq);
}

/*
 * A reader of a pipe or file sees the guest's output at most
 * SERIAL_HOLD_NS late, however busy the guest; an error is kept for
 * the next byte sent, or the run's end, to report.
 */
static void flush_held(struct serial *serial, int64_t now)
{
	if (!serial->output_held)
		return;
	if (serial->held_since < 0)
		serial->held_since = now;
	else if (now - serial->held_since >= SERIAL_HOLD_NS)
		serial_flush(serial);
}

/* Looks for input at most every INPUT_POLL_NS: exits must stay cheap. */
static void serial_advance(void *device, int64_t now)
{
	struct serial *serial = device;

	flush_held(serial, now);
	if (!awaits_input(serial) || now - serial->polled_at < INPUT_POLL_NS)
		return;
	serial->polled_at = now;
	poll_input(serial);
}

/*
 * Held output that no advance has seen yet is due at once: the clock
 * of its hold starts there.  The threaded run loop advances the
 * devices only when a deadline asks it to.
 */
static int64_t serial_deadline(const void *device)
{
	const struct serial *serial = device;

	if (!serial->output_held)
		return -1;
	return serial->held_since < 0 ? 0 :
	       serial->held_since + SERIAL_HOLD_NS;
}

static int serial_wake_fd(const void *device)
{
	const struct serial *serial = device;

	return awaits_input(serial) ? serial->input_fd : -1;
}

static const struct event_ops serial_events = {
	.advance = serial_advance,
	.deadline = serial_deadline,
	.wake_fd = serial_wake_fd,
};

int serial_attach(struct serial *serial, struct bus *bus,
		  struct events *events, uint16_t base)
{
	if (bus_register(bus, base, SERIAL_PORTS, &serial_ops, serial) < 0 ||
	    events_add(events, &serial_events, serial) < 0)
		return -1;
	/*
	 * What the data register is written can only be seen through LSR,
	 * RBR or the output, and through the "THR empty" interrupt while it
	 * is on (see serial_must_see_writes): transmitting may wait.  (With
	 * DLAB set the write is to the divisor latch; in order, it still
	 * finds DLAB set.)
	 */
	bus_allow_batching(bus, base + UART_DATA);
	return 0;
}
