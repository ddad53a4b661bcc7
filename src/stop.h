/* stop.h - ending a run from outside: the timeout and SIGINT/SIGTERM */
#ifndef MINIVM_STOP_H
#define MINIVM_STOP_H

#include <linux/kvm.h>
#include <stdint.h>

/*
 * Catches SIGINT, SIGTERM, SIGHUP, SIGQUIT and, when TIMEOUT_US is not 0,
 * a SIGALRM that many microseconds from now.  Each sets RUN's
 * immediate_exit, so the vCPU leaves KVM_RUN (or does not enter it)
 * promptly.
 */
int stop_arm(struct kvm_run *run, uint64_t timeout_us);
/* The signal that asked the run to stop, or 0. */
int stop_signal(void);
/* Restores the signals' default actions and cancels the timer. */
void stop_disarm(void);

#endif
