/* pit.h - the timer: an 8254 PIT, and port 0x61 that gates its speaker */
#ifndef MINIVM_PIT_H
#define MINIVM_PIT_H

#include <stdbool.h>
#include <stdint.h>

#include "bus.h"
#include "events.h"
#include "irq.h"

#define PIT_HZ 1193182		/* the PC's 14.31818 MHz crystal over 12 */
#define PIT_PORT 0x40		/* counters 0 to 2, then the control word */
#define PIT_PORTS 4
#define PIT_IRQ 0		/* counter 0's output */
#define SYSTEM_CONTROL_B 0x61	/* counter 2's gate and output */

struct pit_counter {
	uint16_t reload;	/* the count written; 0 counts 65536 */
	uint8_t mode;		/* 0 to 5 */
	uint8_t access;		/* 1 low byte, 2 high byte, 3 low then high */
	uint8_t control;	/* the control word's low six bits, for status */
	bool gate;
	bool loaded;		/* a count was written since the control word */
	bool counting;		/* START is valid */
	int64_t start;		/* when PAUSED ticks ago it was loaded */
	uint64_t paused;	/* ticks counted while not counting */
	uint64_t edges;		/* rising output edges already signalled */
	bool null_count;	/* the count written is not in the counter yet */
	bool write_high;	/* access 3: the next write is the high byte */
	uint8_t low_byte;	/* access 3: the low byte written */
	bool read_high;		/* access 3: the next read is the high byte */
	bool count_latched;
	uint16_t latch;
	bool status_latched;
	uint8_t status;
};

struct pit {
	struct pit_counter counter[3];
	struct irq irq;		/* counter 0's output line */
	int64_t (*now)(void);	/* the clock: clock_now, or a test's */
	uint8_t control_b;	/* port 0x61's writable bits */
};

/* A PIT on IRQ, read against the clock NOW. */
void pit_init(struct pit *pit, struct irq irq, int64_t (*now)(void));
/* Registers ports 0x40 to 0x43 and 0x61, and counter 0's events. */
int pit_attach(struct pit *pit, struct bus *bus, struct events *events);

#endif
