/* terminal.h - the user's terminal as the far end of the serial line */
#ifndef MINIVM_TERMINAL_H
#define MINIVM_TERMINAL_H

#include <stdbool.h>
#include <termios.h>

struct terminal {
	int fd;
	bool changed;
	struct termios saved;
};

/*
 * If FD is a terminal, passes keys to the guest as they are typed, with
 * no echo and no line editing, Enter as CR; the interrupt and quit keys
 * still signal minivm.  Returns -1, with a message, if it cannot.
 */
int terminal_raw(struct terminal *terminal, int fd);
/* Puts the terminal back as terminal_raw found it. */
void terminal_restore(struct terminal *terminal);

#endif
