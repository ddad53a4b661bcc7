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

#define IOAPIC_ADDRESS 0xfec00000u	/* where a PC has it, 4 KiB */
#define IOAPIC_SIZE 0x1000u
#define IOAPIC_PINS 24
#define IOAPIC_ID 0		/* the ID it starts with, and the MP table's */
#define IOAPIC_VERSION 0x20	/* as QEMU's: with the EOI register */

/*
 * What an interrupt on a pin becomes: a write of DATA to ADDRESS, as a
 * PCI device's MSI would be (Intel SDM, "Message Signalled Interrupts").
 */
struct ioapic_msi {
	uint64_t address;
	uint32_t data;
};

/*
 * Where the I/O APIC's messages go: the VM's local APICs.  Both return
 * 0, or -1 if the host failed (said on stderr).
 */
struct ioapic_sink {
	/* Sends pin PIN's interrupt, as MSI says. */
	int (*deliver)(void *opaque, unsigned pin, struct ioapic_msi msi);
	/*
	 * Pin PIN's entry changed: an interrupt on it would now send MSI
	 * (MASKED: none would).  The local APICs learn from this which
	 * vectors are level-triggered, whose EOI comes back (ioapic_eoi).
	 */
	int (*route)(void *opaque, unsigned pin, struct ioapic_msi msi,
		     bool masked);
	void *opaque;
};

struct ioapic {
	struct ioapic_sink sink;
	uint32_t select;	/* IOREGSEL: the register IOWIN reaches */
	uint8_t id;
	uint64_t entries[IOAPIC_PINS];	/* the redirection table */
	uint32_t lines;		/* the pins' levels */
	uint32_t pending;	/* edges that came while masked */
	int error;		/* the sink's first failure, or 0 */
};

/* Every entry masked, edge-triggered, as after reset. */
void ioapic_init(struct ioapic *ioapic, const struct ioapic_sink *sink);
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
