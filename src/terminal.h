/* terminal.h - the user's terminal as the far end of the serial line */
#ifndef MINIVM_TERMINAL_H
#define MINIVM_TERMINAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <termios.h>

/* The escape key, Ctrl-A, as in QEMU, kvmtool and screen. */
#define TERMINAL_ESCAPE 0x01

struct terminal {
	int fd;
	bool changed;
	bool escaped;		/* Ctrl-A typed: a command key comes next */
	bool quit;		/* Ctrl-A x typed */
	struct termios saved;
};

/*
 * If FD is a terminal, passes keys to the guest as they are typed, with
 * no echo and no line editing, Enter as CR, and Ctrl-C, Ctrl-Z and
 * Ctrl-\ as bytes: the guest's to act on.  Returns -1, with a message,
 * if it cannot.
 */
int terminal_raw(struct terminal *terminal, int fd);
/* Puts the terminal back as terminal_raw found it. */
void terminal_restore(struct terminal *terminal);
/*
 * Takes the escape commands out of the N keys in IN, typed on TERMINAL
 * (a struct terminal), and puts what is left for the guest in OUT, which
 * has room for N + 1 (a Ctrl-A typed at the end of the last call can
 * come out with the key after it).  Ctrl-A x quits, stopping the run as
 * SIGINT would; Ctrl-A Ctrl-A sends one Ctrl-A; Ctrl-A and any other key
 * are sent as typed.  Returns how many keys OUT holds.
 */
size_t terminal_keys(void *terminal, const uint8_t *in, size_t n,
		     uint8_t *out);

#endif
