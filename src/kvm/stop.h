/*
 * stop.h - the signals that bring the vCPU out of KVM_RUN: a stop asked
 * from outside (the timeout, SIGINT, SIGTERM), a device's event falling
 * due while the guest runs, and keys typed on the terminal
 */
#ifndef MINIVM_STOP_H
#define MINIVM_STOP_H

#include <linux/kvm.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <time.h>

/*
 * What stop_signal says when the host failed minivm under a sleeping
 * guest (see stop_sleep): no signal, and the run ends with status 4.
 */
#define STOP_HOST_FAILED (-1)
/*
 * After a stop, how long the reader of the output has to take what is
 * left of it; then the write waiting on it is broken off (see
 * stop_output_expired).
 */
#define STOP_OUTPUT_SECONDS 2
/* What a terminal sends (O_ASYNC) when keys arrive: see stop_input_arrived. */
#define STOP_INPUT_SIGNAL SIGIO
/* What brings a vCPU out of KVM_RUN: the wake timer's, and vcpu_kick's. */
#define STOP_WAKE_SIGNAL SIGRTMIN

/*
 * Catches SIGINT, SIGTERM, SIGHUP, SIGQUIT and, when TIMEOUT_US is not 0,
 * a SIGALRM that many microseconds from now, and STOP_WAKE_SIGNAL and
 * STOP_INPUT_SIGNAL.  Each sets the immediate_exit of RUN, the vCPU the
 * calling thread runs (NULL: none), so that it leaves KVM_RUN (or does
 * not enter it) promptly; the run loop clears it before it looks at
 * stop_signal and enters again.
 */
int stop_arm(struct kvm_run *run, uint64_t timeout_us);
/*
 * In a thread of its own that runs the vCPU of RUN: the wake signal sets
 * RUN's immediate_exit, and the stop and input signals go to the thread
 * that called stop_arm instead.
 */
void stop_enter_vcpu_thread(struct kvm_run *run);
/* The signal that asked the run to stop, STOP_HOST_FAILED, or 0. */
int stop_signal(void);
/* Stops the run as if signal SIGNO had come (for a typed Ctrl-A x). */
void stop_request(int signo);
/*
 * Whether STOP_OUTPUT_SECONDS have passed since the stop, so that a
 * write broken off since then was given up on a reader that did not read.
 */
bool stop_output_expired(void);
/*
 * Whether STOP_INPUT_SIGNAL came since the last call: if so, there may be
 * input to read, and the next stop_sleep does not sleep until it is read.
 */
bool stop_input_arrived(void);
/*
 * Cancels the timeout, unless the run has stopped (then it is the last
 * output's deadline); the signals only stop being able to reach the
 * run, which is over.
 */
void stop_disarm(void);
/*
 * Sleeps until one of the N FDS has input, DEADLINE (CLOCK_MONOTONIC
 * nanoseconds, -1 for none) passes or a stop or input signal arrives,
 * even one that arrived just before the call.  If the sleep itself
 * fails, says so and stops the run (STOP_HOST_FAILED); returns -1.
 */
int stop_sleep(struct pollfd *fds, unsigned n, int64_t deadline);

/* A timer that brings the vCPU out of KVM_RUN when a device needs it. */
struct wake_timer {
	timer_t id;
	bool created;
	int64_t at;		/* when it is set to fire, or -1 */
};

void wake_timer_init(struct wake_timer *timer);
/* Sets the timer to fire at AT (as for stop_sleep; -1 cancels it). */
int wake_timer_set(struct wake_timer *timer, int64_t at);
void wake_timer_destroy(struct wake_timer *timer);

#endif
