/* events.h - what devices do on their own: timers, and input arriving */
#ifndef MINIVM_EVENTS_H
#define MINIVM_EVENTS_H

#include <poll.h>
#include <stdint.h>
#include <time.h>

/*
 * A device with events of its own registers these.  Times are
 * CLOCK_MONOTONIC nanoseconds (see clock_now).
 */
struct event_ops {
	/* Catches up with NOW: raises the lines whose events are due. */
	void (*advance)(void *device, int64_t now);
	/*
	 * When the device will next raise an interrupt the CPU could take,
	 * or must be advanced for some other work of its own (0: at once),
	 * or -1 if neither will come by itself.
	 */
	int64_t (*deadline)(const void *device);
	/* A file whose input would make it raise an interrupt, or -1. */
	int (*wake_fd)(const void *device);
};

#define EVENTS_MAX 4

struct events {
	struct {
		const struct event_ops *ops;
		void *device;
	} sources[EVENTS_MAX];
	unsigned count;
};

static inline int64_t clock_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

void events_init(struct events *events);
/* Returns -1 if there is no room for another source. */
int events_add(struct events *events, const struct event_ops *ops,
	       void *device);
void events_advance(struct events *events, int64_t now);
/* The earliest of the sources' deadlines, or -1. */
int64_t events_deadline(const struct events *events);
/* Fills FDS (EVENTS_MAX of them) with what to wait on; returns how many. */
unsigned events_wake_fds(const struct events *events, struct pollfd *fds);

#endif
