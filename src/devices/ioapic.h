/*
 * ioapic.h - the I/O APIC (82093AA): 24 interrupt pins, each with a
 * redirection entry that says which local APICs its interrupt goes to,
 * delivered as the message (MSI) the local APICs take
 */
#ifndef MINIVM_IOAPIC_H
#define MINIVM_IOAPIC_H

#include <stdbool.h>
#include <stdint.h>

#include "irq.h"
#include "mmio.h"
#include "msi.h"

#define IOAPIC_ADDRESS 0xfec00000u	/* where a PC has it, 4 KiB */
#define IOAPIC_SIZE 0x1000u
#define IOAPIC_PINS MSI_SINK_LINES
#define IOAPIC_ID 0		/* the ID it starts with, and the MP table's */
#define IOAPIC_VERSION 0x20	/* as QEMU's: with the EOI register */

struct ioapic {
	struct msi_sink sink;
	uint32_t select;	/* IOREGSEL: the register IOWIN reaches */
	uint8_t id;
	uint64_t entries[IOAPIC_PINS];	/* the redirection table */
	/* The entry a pin's level-triggered interrupt went out with. */
	uint64_t in_flight[IOAPIC_PINS];
	uint32_t lines;		/* the pins' levels */
	int error;		/* the sink's first failure, or 0 */
};

/* Every entry masked, edge-triggered, as after reset. */
void ioapic_init(struct ioapic *ioapic, const struct msi_sink *sink);
/* Registers its 4 KiB at IOAPIC_ADDRESS; -1 if taken. */
int ioapic_attach(struct ioapic *ioapic, struct mmio_bus *bus);
/* Sets pin LINE to LEVEL: what a device's struct irq calls. */
void ioapic_set_irq(void *ioapic, unsigned line, bool level);
/* Whether pin LINE's entry is masked (the struct irq's masked). */
bool ioapic_masked(const void *ioapic, unsigned line);
/*
 * A local APIC's EOI of VECTOR, broadcast to the I/O APIC: the
 * level-triggered pins with that vector are served, and one whose line
 * is still up interrupts again.
 */
void ioapic_eoi(struct ioapic *ioapic, uint8_t vector);

#endif
