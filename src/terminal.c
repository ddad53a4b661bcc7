/* terminal.c - the user's terminal as the far end of the serial line */
#include <config.h>

#include "terminal.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int terminal_raw(struct terminal *terminal, int fd)
{
	struct termios raw;

	*terminal = (struct terminal){ .fd = fd, .changed = false };
	if (!isatty(fd))
		return 0;
	if (tcgetattr(fd, &terminal->saved) < 0)
		goto fail;
	raw = terminal->saved;
	raw.c_iflag &= ~(tcflag_t)(ICRNL | INLCR | IGNCR | IXON);
	raw.c_lflag &= ~(tcflag_t)(ICANON | ECHO | IEXTEN);
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
