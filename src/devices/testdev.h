/* testdev.h - QEMU's pc-testdev, the test device of kvm-unit-tests */
#ifndef MINIVM_TESTDEV_H
#define MINIVM_TESTDEV_H

#include <stdint.h>

#include "bus.h"
#include "irq.h"

#define TESTDEV_PORT 0xe0	/* scratch, flush page, byte-wise scratch */
#define TESTDEV_PORTS 12
#define TESTDEV_IRQ_PORT 0x2000	/* plus the line's number */
#define TESTDEV_IRQS 24		/* ISA lines 0 to 15 and the I/O APIC's */

struct testdev {
	uint8_t scratch[4];	/* the 32-bit register at 0xe0 and 0xe8 */
	struct irq lines[TESTDEV_IRQS];
};

/* LINES[N] is the line that port 0x2000 + N drives (set NULL: none). */
void testdev_init(struct testdev *testdev,
		  const struct irq lines[TESTDEV_IRQS]);
/* Registers ports 0xe0 to 0xeb and 0x2000 to 0x2017; -1 if taken. */
int testdev_attach(struct testdev *testdev, struct bus *bus);

#endif
