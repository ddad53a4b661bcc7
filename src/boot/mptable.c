/*
 * mptable.c - the MP table (Intel MultiProcessor Specification 1.4,
 * chapter 4), built as a BIOS would leave it in memory
 *
 * minivm gives its guests no ACPI tables, so an operating system learns
 * of the other processors and of the I/O APIC from the MP table: Linux's
 * mpparse reads it when ACPI has not said.  Without it, Linux runs on
 * the boot processor alone, with the 8259A PICs.  The caller chooses the
 * address: Linux looks for the floating pointer in 0xf0000-0xfffff,
 * where a BIOS puts it, among other places.
 *
 * The floating pointer comes first, the configuration table right after
 * it.  The table's entries go in the order the specification asks:
 * processors, buses, the I/O APIC, the I/O interrupts, then the local
 * interrupts.  The interrupts are wired as on QEMU's PC, which SeaBIOS
 * describes so: the 8259A's output on I/O APIC pin 0 and on each local
 * APIC's LINT0, the NMI on LINT1, the PIT on pin 2.
 */
#include <config.h>

#include "boot/mptable.h"

#include <stdbool.h>
#include <string.h>

#include "boot/bytes.h"

#define SPEC_REVISION 4		/* 1.4 */

/* The floating pointer structure. */
#define FLOATING_SIZE 16
#define FLOATING_ADDRESS 4	/* of the configuration table */
#define FLOATING_LENGTH 8	/* in 16-byte units */
#define FLOATING_REVISION 9
#define FLOATING_CHECKSUM 10
#define FLOATING_FEATURES 11	/* 5 bytes: 0, a table and no IMCR */
#define FLOATING_ALIGN 16

/* The configuration table's header. */
#define HEADER_SIZE 44
#define HEADER_LENGTH 4		/* of the base table, header and entries */
#define HEADER_REVISION 6
#define HEADER_CHECKSUM 7
#define HEADER_OEM 8		/* 8 characters, space-padded */
#define HEADER_PRODUCT 16	/* 12 characters, space-padded */
#define HEADER_ENTRIES 34
#define HEADER_LOCAL_APIC 36

/* The entries: their types, which are their first bytes, and sizes. */
#define PROCESSOR 0
#define BUS 1
#define IOAPIC 2
#define IO_INTERRUPT 3
#define LOCAL_INTERRUPT 4
#define PROCESSOR_SIZE 20
#define ENTRY_SIZE 8		/* every other type's */
#define BUSES 2
#define LOCAL_INTERRUPTS 2	/* ExtINT and NMI */

#define LOCAL_APIC_VERSION 0x14	/* an integrated APIC, as KVM's */
#define CPU_ENABLED 0x01
#define CPU_BOOTSTRAP 0x02

#define BUS_PCI 0	/* the bus number PCI's interrupts give as theirs */
#define BUS_ISA 1

/* boot/ does not depend on devices/: this is ioapic.h's IOAPIC_VERSION. */
#define MPTABLE_IOAPIC_VERSION 0x20
#define IOAPIC_USABLE 0x01
#define IOAPIC_PINS 24

/* An interrupt entry's interrupt type. */
#define INT_VECTORED 0	/* the APIC's redirection entry gives the vector */
#define INT_NMI 1
#define INT_EXTINT 3	/* the 8259A gives the vector */

/* Polarity in bits 1:0, trigger mode in bits 3:2; 0 conforms to the bus. */
#define FLAGS_CONFORMING 0x0000
#define FLAGS_LEVEL_LOW 0x000f
#define ALL_LOCAL_APICS 0xff

#define ISA_IRQS 16
#define ISA_CASCADE 2	/* the slave 8259A's: no interrupt of its own */
#define PIT_IRQ 0
#define PIT_PIN 2	/* pin 0 is the 8259A's output */
#define PCI_DEVICES 32
#define PCI_PINS 4

/* Where the next entry goes, and how many there are so far. */
struct table {
	uint8_t *next;
	uint16_t entries;
};

/* What an I/O or local interrupt entry says, but its type. */
struct interrupt {
	uint8_t type;		/* INT_... */
	uint16_t flags;
	uint8_t bus;
	uint8_t irq;		/* on the bus */
	uint8_t apic;		/* the I/O APIC's ID, or the local APIC's */
	uint8_t pin;		/* the I/O APIC's INTIN or the local LINTIN */
};

static bool pin_is_pci(const struct mptable_machine *m, unsigned pin)
{
	for (unsigned i = 0; i < m->pci_irq_count; i++)
		if (m->pci_irqs[i].ioapic_pin == pin)
			return true;
	return false;
}

/*
 * The I/O APIC pin ISA IRQ IRQ is listed on, or -1 if it is not: the
 * cascade has no interrupt to list, and a pin has one trigger mode and
 * polarity, so one a PCI interrupt takes (level, active low) is not
 * also an ISA IRQ's (edge, active high).
 */
static int isa_pin(const struct mptable_machine *m, unsigned irq)
{
	unsigned pin = irq == PIT_IRQ ? PIT_PIN : irq;

	if (irq == ISA_CASCADE || pin_is_pci(m, pin))
		return -1;
	return (int)pin;
}

/* The 8259A's output on pin 0, unless a PCI interrupt has the pin. */
static bool lists_extint(const struct mptable_machine *m)
{
	return !pin_is_pci(m, 0);
}

static unsigned io_interrupts(const struct mptable_machine *m)
{
	unsigned count = m->pci_irq_count + lists_extint(m);

	for (unsigned irq = 0; irq < ISA_IRQS; irq++)
		count += isa_pin(m, irq) >= 0;
	return count;
}

/* The configuration table's length; the size checks have been made. */
static size_t table_length(const struct mptable_machine *m)
{
	return HEADER_SIZE + m->cpus * PROCESSOR_SIZE +
	       (BUSES + 1 + io_interrupts(m) + LOCAL_INTERRUPTS) * ENTRY_SIZE;
}

static bool machine_fits(const struct mptable_machine *m)
{
	if (m->cpus == 0 || m->cpus > MPTABLE_MAX_CPUS ||
	    m->pci_irq_count > MPTABLE_MAX_PCI_IRQS)
		return false;
	for (unsigned i = 0; i < m->pci_irq_count; i++) {
		const struct mptable_pci_irq *irq = &m->pci_irqs[i];

		if (irq->device >= PCI_DEVICES || irq->pin < 1 ||
		    irq->pin > PCI_PINS || irq->ioapic_pin >= IOAPIC_PINS)
			return false;
	}
	return true;
}

/* The byte that makes the SIZE bytes at P sum to 0, mod 256. */
static uint8_t checksum(const uint8_t *p, size_t size)
{
	uint8_t sum = 0;

	for (size_t i = 0; i < size; i++)
		sum += p[i];
	return (uint8_t)-sum;
}

/* A zeroed entry of TYPE, which is SIZE bytes. */
static uint8_t *add_entry(struct table *t, uint8_t type, size_t size)
{
	uint8_t *entry = t->next;

	memset(entry, 0, size);
	entry[0] = type;
	t->next += size;
	t->entries++;
	return entry;
}

static void add_processors(struct table *t, const struct mptable_machine *m)
{
	for (unsigned i = 0; i < m->cpus; i++) {
		uint8_t *e = add_entry(t, PROCESSOR, PROCESSOR_SIZE);

		e[1] = (uint8_t)i;	/* KVM gives vCPU i local APIC ID i */
		e[2] = LOCAL_APIC_VERSION;
		e[3] = CPU_ENABLED | (i == 0 ? CPU_BOOTSTRAP : 0);
		put32(e + 4, m->cpu_signature);
		put32(e + 8, m->cpu_features);
	}
}

static void add_bus(struct table *t, uint8_t id, const char name[6])
{
	uint8_t *e = add_entry(t, BUS, ENTRY_SIZE);

	e[1] = id;
	memcpy(e + 2, name, 6);
}

static void add_ioapic(struct table *t, const struct mptable_machine *m)
{
	uint8_t *e = add_entry(t, IOAPIC, ENTRY_SIZE);

	e[1] = m->ioapic_id;
	e[2] = MPTABLE_IOAPIC_VERSION;
	e[3] = IOAPIC_USABLE;
	put32(e + 4, m->ioapic_address);
}

static void add_interrupt(struct table *t, uint8_t entry_type,
			  struct interrupt irq)
{
	uint8_t *e = add_entry(t, entry_type, ENTRY_SIZE);

	e[1] = irq.type;
	put16(e + 2, irq.flags);
	e[4] = irq.bus;
	e[5] = irq.irq;
	e[6] = irq.apic;
	e[7] = irq.pin;
}

/* A PCI bus's IRQ is the device in bits 6:2, the pin (0 is INTA#) in 1:0. */
static void add_pci_interrupts(struct table *t,
			       const struct mptable_machine *m)
{
	for (unsigned i = 0; i < m->pci_irq_count; i++) {
		const struct mptable_pci_irq *irq = &m->pci_irqs[i];

		add_interrupt(t, IO_INTERRUPT, (struct interrupt){
			.type = INT_VECTORED,
			.flags = FLAGS_LEVEL_LOW,
			.bus = BUS_PCI,
			.irq = (uint8_t)(irq->device << 2 | (irq->pin - 1)),
			.apic = m->ioapic_id,
			.pin = irq->ioapic_pin,
		});
	}
}

static void add_isa_interrupts(struct table *t,
			       const struct mptable_machine *m)
{
	for (unsigned irq = 0; irq < ISA_IRQS; irq++) {
		int pin = isa_pin(m, irq);

		if (pin < 0)
			continue;
		add_interrupt(t, IO_INTERRUPT, (struct interrupt){
			.type = INT_VECTORED,
			.flags = FLAGS_CONFORMING,
			.bus = BUS_ISA,
			.irq = (uint8_t)irq,
			.apic = m->ioapic_id,
			.pin = (uint8_t)pin,
		});
	}
	if (lists_extint(m))
		add_interrupt(t, IO_INTERRUPT, (struct interrupt){
			.type = INT_EXTINT,
			.flags = FLAGS_CONFORMING,
			.bus = BUS_ISA,
			.irq = 0,
			.apic = m->ioapic_id,
			.pin = 0,
		});
}

/* The 8259A's output to the boot processor's LINT0, NMI to every LINT1. */
static void add_local_interrupts(struct table *t)
{
	add_interrupt(t, LOCAL_INTERRUPT, (struct interrupt){
		.type = INT_EXTINT,
		.flags = FLAGS_CONFORMING,
		.bus = BUS_ISA,
		.apic = 0,
		.pin = 0,
	});
	add_interrupt(t, LOCAL_INTERRUPT, (struct interrupt){
		.type = INT_NMI,
		.flags = FLAGS_CONFORMING,
		.bus = BUS_ISA,
		.apic = ALL_LOCAL_APICS,
		.pin = 1,
	});
}

static void put_header(uint8_t *h, size_t length, const struct table *t,
		       const struct mptable_machine *m)
{
	memset(h, 0, HEADER_SIZE);
	memcpy(h, "PCMP", 4);
	put16(h + HEADER_LENGTH, (uint16_t)length);
	h[HEADER_REVISION] = SPEC_REVISION;
	memcpy(h + HEADER_OEM, "MINIVM  ", 8);
	memcpy(h + HEADER_PRODUCT, "PC          ", 12);
	put16(h + HEADER_ENTRIES, t->entries);
	put32(h + HEADER_LOCAL_APIC, m->local_apic_address);
	h[HEADER_CHECKSUM] = checksum(h, length);
}

static void put_floating(uint8_t *f, uint32_t address)
{
	memset(f, 0, FLOATING_SIZE);
	memcpy(f, "_MP_", 4);
	put32(f + FLOATING_ADDRESS, address + FLOATING_SIZE);
	f[FLOATING_LENGTH] = FLOATING_SIZE / 16;
	f[FLOATING_REVISION] = SPEC_REVISION;
	f[FLOATING_CHECKSUM] = checksum(f, FLOATING_SIZE);
}

size_t mptable_build(uint8_t *buf, size_t size, uint32_t address,
		     const struct mptable_machine *machine)
{
	uint8_t *header;
	struct table t;
	size_t length;

	if (address % FLOATING_ALIGN || !machine_fits(machine))
		return 0;
	/* Both structures must lie below 4 GiB: their pointers are 32-bit. */
	length = table_length(machine);
	if (size < FLOATING_SIZE + length ||
	    (uint64_t)address + FLOATING_SIZE + length > FOUR_GIB)
		return 0;
	header = buf + FLOATING_SIZE;
	t = (struct table){ .next = header + HEADER_SIZE };
	add_processors(&t, machine);
	add_bus(&t, BUS_PCI, "PCI   ");
	add_bus(&t, BUS_ISA, "ISA   ");
	add_ioapic(&t, machine);
	add_pci_interrupts(&t, machine);
	add_isa_interrupts(&t, machine);
	add_local_interrupts(&t);
	put_header(header, length, &t, machine);
	put_floating(buf, address);
	return FLOATING_SIZE + length;
}
