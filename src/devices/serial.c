/* serial.c - the serial port: a 16550A UART */
#include <config.h>

#include "devices/serial.h"

#include <errno.h>
#include <poll.h>
#include <unistd.h>

void serial_init(struct serial *serial, FILE *output, int input_fd)
{
	*serial = (struct serial){
		.output = output, .input_fd = input_fd, .dll = 12,
	};
}

static bool divisor_latched(const struct serial *serial)
{
	return serial->lcr & UART_LCR_DLAB;
}

static bool loopback(const struct serial *serial)
{
	return serial->mcr & UART_MCR_LOOP;
}

static void receive_byte(struct serial *serial, uint8_t byte)
{
	if (serial->rx_count == SERIAL_RX_SIZE)
		return;		/* overrun: the byte is lost, as on hardware */
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
	if (poll(&pfd, 1, 0) <= 0 || !(pfd.revents & (POLLIN | POLLHUP)))
		return;
	n = read(serial->input_fd, buf, sizeof(buf));
	if (n <= 0) {
		if (n == 0 || (errno != EINTR && errno != EAGAIN))
			serial->input_fd = -1;
		return;
	}
	for (ssize_t i = 0; i < n; i++)
		receive_byte(serial, buf[i]);
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
	return byte;
}

static uint8_t read_lsr(struct serial *serial)
{
	poll_input(serial);
	/* Output never waits, so a polling guest may always send. */
	return UART_LSR_THRE | UART_LSR_TEMT |
	       (serial->rx_count ? UART_LSR_DR : 0);
}

/* No interrupt is ever raised, but a polling driver may still ask. */
static uint8_t read_iir(struct serial *serial)
{
	uint8_t fifo = serial->fcr & UART_FCR_ENABLE ? UART_IIR_FIFO : 0;

	if ((serial->ier & UART_IER_RDI) && serial->rx_count)
		return fifo | UART_IIR_RDI;
	if (serial->ier & UART_IER_THRI)
		return fifo | UART_IIR_THRI;
	return fifo | UART_IIR_NO_INT;
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

static int transmit(struct serial *serial, uint8_t byte)
{
	if (loopback(serial)) {
		receive_byte(serial, byte);
		return 0;
	}
	if (putc(byte, serial->output) == EOF) {
		serial->output_error = errno ? errno : EIO;
		return -1;
	}
	return 0;
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
			serial->ier = value & 0x0f;
		break;
	case UART_IIR:
		serial->fcr = value & UART_FCR_ENABLE;
		if (value & UART_FCR_CLEAR_RCVR)
			serial->rx_count = 0;
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
	if (bus_register(bus, base, SERIAL_PORTS, &serial_ops, serial) < 0)
		return -1;
	/*
	 * What the data register is written can only be seen through LSR,
	 * RBR or the output: transmitting may wait.  (With DLAB set the
	 * write is to the divisor latch; in order, it still finds DLAB set.)
	 */
	bus_allow_batching(bus, base + UART_DATA);
	return 0;
}
