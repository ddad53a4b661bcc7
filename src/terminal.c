/* terminal.c - the user's terminal as the far end of the serial line */
#include <config.h>

#include "terminal.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <signal.h>
#include <unistd.h>

#include "stop.h"

int terminal_raw(struct terminal *terminal, int fd)
{
	struct termios raw;

	*terminal = (struct terminal){ .fd = fd };
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

void terminal_restore(struct terminal *terminal)
{
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
