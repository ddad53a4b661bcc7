/*
 * mptable.h - the MP table (Intel MultiProcessor Specification 1.4),
 * which tells an operating system without ACPI the processors, the
 * buses, the I/O APIC and how each interrupt reaches it
 */
#ifndef MINIVM_BOOT_MPTABLE_H
#define MINIVM_BOOT_MPTABLE_H

#include <stddef.h>
#include <stdint.h>

#define MPTABLE_MAX_CPUS 64
#define MPTABLE_MAX_PCI_IRQS 8

/* A PCI function's interrupt pin and the I/O APIC pin it is wired to. */
struct mptable_pci_irq {
	uint8_t device;		/* on bus 0 */
	uint8_t pin;		/* 1 to 4: INTA# to INTD# */
	uint8_t ioapic_pin;	/* level-triggered, active low */
};

struct mptable_machine {
	unsigned cpus;		/* 1 to MPTABLE_MAX_CPUS; CPU 0 boots */
	uint32_t cpu_signature;	/* CPUID 1's EAX */
	uint32_t cpu_features;	/* CPUID 1's EDX */
	uint32_t local_apic_address;
	uint8_t ioapic_id;
	uint32_t ioapic_address;
	/*
	 * ISA IRQ N goes to I/O APIC pin N, but IRQ 0 (the PIT), which
	 * goes to pin 2 as on QEMU's PC, and the IRQs the PCI interrupts
	 * take, which are theirs.
	 */
	struct mptable_pci_irq pci_irqs[MPTABLE_MAX_PCI_IRQS];
	unsigned pci_irq_count;
};

/*
 * The floating pointer and the configuration table it points to, for
 * guest physical address ADDRESS (16-byte aligned), as they go there:
 * how many bytes of BUF (at most SIZE) they take, or 0 if SIZE is too
 * small or MACHINE asks for what the table cannot say.
 */
size_t mptable_build(uint8_t *buf, size_t size, uint32_t address,
		     const struct mptable_machine *machine);

#endif
