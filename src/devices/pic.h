/* pic.h - the interrupt controller: two cascaded 8259A PICs */
#ifndef MINIVM_PIC_H
#define MINIVM_PIC_H

#include <stdbool.h>
#include <stdint.h>

#include "bus.h"
#include "irq.h"

#define PIC_MASTER_PORT 0x20	/* and 0x21 */
#define PIC_SLAVE_PORT 0xa0	/* and 0xa1 */
#define PIC_CASCADE_IRQ 2	/* the master's input the slave drives */
#define PIC_IRQS 16

/* One 8259A. */
struct pic_chip {
	struct pic *pic;	/* the pair it belongs to, for the cascade */
	uint8_t irr;		/* requests not yet acknowledged */
	uint8_t isr;		/* requests being serviced */
	uint8_t imr;		/* masked inputs */
	uint8_t lines;		/* the input lines' levels, for edge detection */
	uint8_t vector_base;	/* ICW2: the vector of input 0 */
	uint8_t init_step;	/* 0: initialised; 2 to 4: the ICW expected */
	bool need_icw4;
	bool single;		/* no cascade: ICW3 is not sent */
	bool level_triggered;	/* ICW1 LTIM */
	bool auto_eoi;		/* ICW4 AEOI */
	bool read_isr;		/* OCW3: reads of the command port return ISR */
	bool poll;		/* OCW3: the next read is a poll */
};

struct pic {
	struct pic_chip master;
	struct pic_chip slave;
};

void pic_init(struct pic *pic);
/* Registers the two chips' ports; -1 if any of them is taken. */
int pic_attach(struct pic *pic, struct bus *bus);
/* Sets LINE (0 to 15) to LEVEL: what a device's struct irq calls. */
void pic_set_irq(void *pic, unsigned line, bool level);
/* Whether LINE's requests would be held back (the struct irq's masked). */
bool pic_masked(const void *pic, unsigned line);
/* The struct irq a device on LINE is given. */
struct irq pic_irq(struct pic *pic, unsigned line);
/* True if the pair asks the CPU for an interrupt (its INT output). */
bool pic_pending(const struct pic *pic);
/*
 * The CPU's acknowledge cycle: returns the vector to deliver and moves
 * the request into service.  With no request left, the 8259A answers
 * with its IR7 vector and sets nothing in service: a spurious IRQ 7
 * (or 15, when the slave has lost its request).
 */
uint8_t pic_acknowledge(struct pic *pic);

#endif
