/*
 * stats.h - where a run's time went, for --stats: how long a vCPU
 * spent in KVM_RUN, how long minivm slept with the guest halted, and
 * how many exits of each kind came back to minivm and what handling
 * them cost.  Each vCPU keeps its own, in its own thread.
 */
#ifndef MINIVM_STATS_H
#define MINIVM_STATS_H

#include <stdint.h>
#include <stdio.h>

#include "bus.h"

/* A kind of exit: KVM_EXIT_HLT, say, or KVM_EXIT_IO to one device. */
struct stats_row {
	const char *reason;	/* KVM's name for it: "KVM_EXIT_HLT" */
	const char *device;	/* whose port an I/O exit was for, or NULL */
	unsigned long exits;
	int64_t handling;	/* nanoseconds, sleeping in hlt excluded */
};

/* Rows for every device on the bus and every exit reason seen. */
#define STATS_MAX_ROWS (BUS_MAX_RANGES + 8)

struct stats {
	int64_t start;		/* CLOCK_MONOTONIC nanoseconds */
	int64_t mark;		/* when the current phase began */
	int64_t in_kvm;		/* in KVM_RUN: the guest and KVM's own exits */
	int64_t asleep;		/* the guest halted, awaiting an interrupt */
	unsigned long batched;	/* writes KVM kept in its ring, no exit each */
	struct stats_row *current;	/* the exit being handled, or NULL */
	struct stats_row rows[STATS_MAX_ROWS];
	unsigned count;
};

/* Starts counting at NOW. */
void stats_init(struct stats *stats, int64_t now);
/*
 * The last exit has been handled: the vCPU enters KVM_RUN again, or
 * the run is over.
 */
void stats_handled(struct stats *stats, int64_t now);
/* The vCPU left KVM_RUN for REASON, on DEVICE's behalf (or NULL). */
void stats_exit(struct stats *stats, int64_t now, const char *reason,
		const char *device);
/* minivm sleeps from NOW until the guest's halt ends... */
void stats_sleep(struct stats *stats, int64_t now);
/* ...which is at NOW. */
void stats_wake(struct stats *stats, int64_t now);
/*
 * Writes the summary: where the time from stats_init to NOW went, then
 * a line a kind of exit, the costliest first.  WHO, if not NULL, names
 * the vCPU of several that the lines are for ("vCPU 1").
 */
void stats_print(struct stats *stats, int64_t now, const char *who,
		 FILE *out);

#endif
