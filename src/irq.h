/* irq.h - an interrupt request line from a device to its controller */
#ifndef MINIVM_IRQ_H
#define MINIVM_IRQ_H

#include <stdbool.h>
#include <stddef.h>

/*
 * What a device holds to raise or lower its line.  It knows nothing of
 * the controller behind it; a line that goes nowhere (set is NULL) is
 * that of a device at a port with no IRQ, which the guest can only poll.
 */
struct irq {
	void (*set)(void *controller, unsigned line, bool level);
	/* True if the controller would not pass the line's requests on. */
	bool (*masked)(const void *controller, unsigned line);
	void *controller;
	unsigned line;
};

static inline void irq_set(const struct irq *irq, bool level)
{
	if (irq->set)
		irq->set(irq->controller, irq->line, level);
}

static inline bool irq_masked(const struct irq *irq)
{
	return !irq->masked || irq->masked(irq->controller, irq->line);
}

#endif
