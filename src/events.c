/* events.c - what devices do on their own: timers, and input arriving */
#include <config.h>

#include "events.h"

void events_init(struct events *events)
{
	events->count = 0;
}

int events_add(struct events *events, const struct event_ops *ops,
	       void *device)
{
	if (events->count == EVENTS_MAX)
		return -1;
	events->sources[events->count].ops = ops;
	events->sources[events->count].device = device;
	events->count++;
	return 0;
}

void events_advance(struct events *events, int64_t now)
{
	for (unsigned i = 0; i < events->count; i++)
		events->sources[i].ops->advance(events->sources[i].device, now);
}

int64_t events_deadline(const struct events *events)
{
	int64_t earliest = -1;

	for (unsigned i = 0; i < events->count; i++) {
		int64_t t = events->sources[i].ops->deadline(
			events->sources[i].device);

		if (t >= 0 && (earliest < 0 || t < earliest))
			earliest = t;
	}
	return earliest;
}

unsigned events_wake_fds(const struct events *events, struct pollfd *fds)
{
	unsigned n = 0;

	for (unsigned i = 0; i < events->count; i++) {
		int fd = events->sources[i].ops->wake_fd(
			events->sources[i].device);

		if (fd >= 0)
			fds[n++] = (struct pollfd){ .fd = fd, .events = POLLIN };
	}
	return n;
}
