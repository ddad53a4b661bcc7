/*
 * stop.h - the signals that bring the vCPU out of KVM_RUN: a stop asked
 * from outside (the timeout, SIGINT, SIGTERM), and a device's event
 * falling due while the guest runs
 */
#ifndef MINIVM_STOP_H
#define MINIVM_STOP_H

#include <linux/kvm.h>
#include <poll.h>
#include <stdbool.h>
#include <stdint.h>
#include <time.h>

/*
 * Catches SIGINT, SIGTERM, SIGHUP, SIGQUIT and, when TIMEOUT_US is not 0,
 * a SIGALRM that many microseconds from now, and the wake timer's
 * signal.  Each sets RUN's immediate_exit, so the vCPU leaves KVM_RUN
 * (or does not enter it) promptly; the run loop clears it before it
 * looks at stop_signal and enters again.
 */
int stop_arm(struct kvm_run *run, uint64_t timeout_us);
/* The signal that asked the run to stop, or 0. */
int stop_signal(void);
/* Stops the run as if signal SIGNO had come (for a typed Ctrl-A x). */
void stop_request(int signo);
/*
 * Cancels the timeout; the signals only stop being able to reach the
 * run, which is over.
 */
void stop_disarm(void);
/*
 * Sleeps until one of the N FDS has input, DEADLINE (CLOCK_MONOTONIC
 * nanoseconds, -1 for none) passes or a stop signal arrives, even one
 * that arrived just before the call.
 */
void stop_sleep(struct pollfd *fds, unsigned n, int64_t deadline);

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
