/* terminal.h - the user's terminal as the far end of the serial line */
#ifndef MINIVM_TERMINAL_H
#define MINIVM_TERMINAL_H

#include <fcntl.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <termios.h>

#include "events.h"

/* The escape key, Ctrl-A, as in QEMU, kvmtool and screen. */
#define TERMINAL_ESCAPE 0x01

struct terminal {
	int fd;
	bool changed;
	bool escaped;		/* Ctrl-A typed: a command key comes next */
	bool quit;		/* Ctrl-A x typed */
	bool watched;		/* FD signals its input (O_ASYNC) */
	int keys[2];		/* a pipe of keys for the guest, or -1s */
	struct termios saved;
	int saved_flags;	/* what watching FD changed, to put back */
	int saved_signal;
	struct f_owner_ex saved_owner;
};

/*
 * If FD is a terminal, passes keys to the guest as they are typed, with
 * no echo and no line editing, Enter as CR, and Ctrl-C, Ctrl-Z and
 * Ctrl-\ as bytes: the guest's to act on.  Returns -1, with a message,
 * if it cannot.
 */
int terminal_raw(struct terminal *terminal, int fd);
/*
 * Makes the terminal terminal_raw set up an event source in EVENTS: its
 * keys are read as they are typed, whenever minivm runs and whatever the
 * guest does (the terminal signals them: see stop.h), so that Ctrl-A x
 * quits a guest that never reads its input.  The keys left for the
 * guest wait in a pipe, as a file's bytes would; returns the end of it
 * the serial port is to read, or -1, with a message, if it cannot.
 */
int terminal_own_input(struct terminal *terminal, struct events *events);
/* Puts the terminal back as terminal_raw found it; the pipe is closed. */
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
