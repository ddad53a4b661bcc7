/* terminal.c - the user's terminal as the far end of the serial line */
#include <config.h>

#include "terminal.h"

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <signal.h>
#include <unistd.h>

#include "kvm/stop.h"

/* Keys read at a time: more than anyone types between two looks. */
#define KEYS_READ 256

int terminal_raw(struct terminal *terminal, int fd)
{
	struct termios raw;

	*terminal = (struct terminal){ .fd = fd, .keys = { -1, -1 } };
	if (!isatty(fd))
		return 0;
	if (tcgetattr(fd, &terminal->saved) < 0)
		goto fail;
	raw = terminal->saved;
	raw.c_iflag &= ~(tcflag_t)(ICRNL | INLCR | IGNCR | IXON);
	raw.c_lflag &= ~(tcflag_t)(ICANON | ECHO | IEXTEN | ISIG);
	raw.c_cc[VMIN] = 1;
	raw.c_cc[VTIME] = 0;
	if (tcsetattr(fd, TCSANOW, &raw) < 0)
		goto fail;
	terminal->changed = true;
	return 0;
fail:
	fprintf(stderr, "minivm: cannot set up the terminal: %s\n",
		strerror(errno));
	return -1;
}

/*
 * The terminal is the shell's too, and what it holds (its file status
 * flags, whom it signals) outlives minivm: what watching changed is put
 * back.
 */
static void unwatch(struct terminal *terminal)
{
	if (!terminal->watched)
		return;
	fcntl(terminal->fd, F_SETFL, terminal->saved_flags);
	fcntl(terminal->fd, F_SETSIG, terminal->saved_signal);
	fcntl(terminal->fd, F_SETOWN_EX, &terminal->saved_owner);
	terminal->watched = false;
}

/* Has the terminal signal minivm when keys arrive, while KVM_RUN runs. */
static int watch(struct terminal *terminal)
{
	struct f_owner_ex self = { .type = F_OWNER_PID, .pid = getpid() };
	int fd = terminal->fd;

	terminal->saved_flags = fcntl(fd, F_GETFL);
	terminal->saved_signal = fcntl(fd, F_GETSIG);
	if (terminal->saved_flags < 0 || terminal->saved_signal < 0 ||
	    fcntl(fd, F_GETOWN_EX, &terminal->saved_owner) < 0)
		return -1;
	terminal->watched = true;
	if (fcntl(fd, F_SETOWN_EX, &self) < 0 ||
	    fcntl(fd, F_SETSIG, STOP_INPUT_SIGNAL) < 0 ||
	    fcntl(fd, F_SETFL, terminal->saved_flags | O_ASYNC) < 0)
		return -1;
	return 0;
}

static void close_keys(struct terminal *terminal)
{
	for (int i = 0; i < 2; i++) {
		if (terminal->keys[i] >= 0)
			close(terminal->keys[i]);
		terminal->keys[i] = -1;
	}
}

void terminal_restore(struct terminal *terminal)
{
	unwatch(terminal);
	close_keys(terminal);
	if (terminal->changed)
		tcsetattr(terminal->fd, TCSANOW, &terminal->saved);
	terminal->changed = false;
}

/* What the key after Ctrl-A does; returns how many keys it sends. */
static size_t escape_command(struct terminal *terminal, uint8_t key,
			     uint8_t *out)
{
	switch (key) {
	case 'x':
		terminal->quit = true;
		stop_request(SIGINT);
		return 0;
	case TERMINAL_ESCAPE:
		out[0] = TERMINAL_ESCAPE;
		return 1;
	default:
		out[0] = TERMINAL_ESCAPE;
		out[1] = key;
		return 2;
	}
}

size_t terminal_keys(void *opaque, const uint8_t *in, size_t n, uint8_t *out)
{
	struct terminal *terminal = opaque;
	size_t kept = 0;

	for (size_t i = 0; i < n && !terminal->quit; i++) {
		if (terminal->escaped) {
			terminal->escaped = false;
			kept += escape_command(terminal, in[i], out + kept);
		} else if (in[i] == TERMINAL_ESCAPE) {
			terminal->escaped = true;
		} else {
			out[kept++] = in[i];
		}
	}
	return kept;
}

/*
 * The keys that do not fit in the pipe, which only a guest that has
 * stopped reading lets fill, are lost, as a UART's overrun loses them:
 * the terminal must still be read, for Ctrl-A x.
 */
static void hold_keys(struct terminal *terminal, const uint8_t *keys,
		      size_t n)
{
	ssize_t written;

	if (n == 0)
		return;
	written = write(terminal->keys[1], keys, n);
	(void)written;
}

/* The guest's input ends, as a file's would: it receives nothing more. */
static void end_keys(struct terminal *terminal)
{
	close(terminal->keys[1]);
	terminal->keys[1] = -1;
}

/*
 * Reads what has been typed, never waiting: the terminal stays blocking,
 * as the shell that shares it expects.  A hangup ends the keys.
 */
static void read_keys(struct terminal *terminal)
{
	struct pollfd pfd = { .fd = terminal->fd, .events = POLLIN };
	uint8_t in[KEYS_READ], out[KEYS_READ + 1];
	ssize_t n;

	while (terminal->keys[1] >= 0 && !terminal->quit &&
	       poll(&pfd, 1, 0) > 0) {
		if (!(pfd.revents & (POLLIN | POLLHUP))) {
			end_keys(terminal);
			return;
		}
		n = read(terminal->fd, in, sizeof(in));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			end_keys(terminal);
			return;
		}
		hold_keys(terminal, out,
			  terminal_keys(terminal, in, (size_t)n, out));
	}
}

static void terminal_advance(void *device, int64_t now)
{
	(void)now;
	if (stop_input_arrived())
		read_keys(device);
}

/* The terminal interrupts nothing itself: its keys go through the UART. */
static int64_t terminal_deadline(const void *device)
{
	(void)device;
	return -1;
}

static int terminal_wake_fd(const void *device)
{
	(void)device;
	return -1;
}

static const struct event_ops terminal_events = {
	.advance = terminal_advance,
	.deadline = terminal_deadline,
	.wake_fd = terminal_wake_fd,
};

int terminal_own_input(struct terminal *terminal, struct events *events)
{
	if (pipe2(terminal->keys, O_CLOEXEC | O_NONBLOCK) < 0 ||
	    watch(terminal) < 0)
		goto fail;
	if (events_add(events, &terminal_events, terminal) < 0) {
		fprintf(stderr, "minivm: no room for the terminal's events\n");
		return -1;
	}
	/* Keys typed before it signals are read now. */
	read_keys(terminal);
	return terminal->keys[0];
fail:
	fprintf(stderr, "minivm: cannot set up the terminal: %s\n",
		strerror(errno));
	return -1;
}
