/*
 * pci.h - a PCI function's configuration space: the type 0 header its
 * device fills in, and the few fields the guest may change (PCI Local
 * Bus Specification 3.0, chapter 6)
 */
#ifndef MINIVM_PCI_H
#define MINIVM_PCI_H

#include <stdbool.h>
#include <stdint.h>

#define PCI_CONFIG_SIZE 256
#define PCI_BARS 6

/* Header offsets. */
#define PCI_VENDOR_ID 0x00
#define PCI_DEVICE_ID 0x02
#define PCI_COMMAND 0x04
#define PCI_STATUS 0x06
#define PCI_REVISION 0x08	/* then the 24-bit class code */
#define PCI_CACHE_LINE 0x0c
#define PCI_LATENCY 0x0d
#define PCI_HEADER_TYPE 0x0e
#define PCI_BAR0 0x10
#define PCI_SUBSYSTEM_VENDOR 0x2c
#define PCI_SUBSYSTEM_ID 0x2e
#define PCI_INTERRUPT_LINE 0x3c
#define PCI_INTERRUPT_PIN 0x3d

#define PCI_COMMAND_IO 0x0001	/* decode the I/O BARs */
#define PCI_COMMAND_MEMORY 0x0002
#define PCI_COMMAND_MASTER 0x0004
#define PCI_COMMAND_INTX_OFF 0x0400
#define PCI_BAR_IO 0x1		/* the BAR's space bit: I/O */

#define PCI_PIN_INTA 1

struct pci_function {
	uint8_t config[PCI_CONFIG_SIZE];
	uint32_t bar_size[PCI_BARS];	/* a power of two; 0: no BAR */
	/*
	 * Called after the guest writes the command register or a BAR, so
	 * that the device can move its I/O window (see pci_io_base).
	 */
	void (*changed)(void *device);
	void *device;
};

/*
 * A function with no BARs and nothing the guest can change but the
 * command register: VENDOR:DEVICE, of CLASS (base, sub-class and
 * programming interface, 24 bits) and REVISION.
 */
void pci_function_init(struct pci_function *fn, uint16_t vendor,
		       uint16_t device, uint32_t class, uint8_t revision);
void pci_set_subsystem(struct pci_function *fn, uint16_t vendor,
		       uint16_t id);
/*
 * BAR is an I/O window of SIZE ports (a power of two, at least 4),
 * placed at BASE until the guest moves it, as firmware would leave it.
 */
void pci_set_io_bar(struct pci_function *fn, unsigned bar, uint32_t size,
		    uint16_t base);
/* INTA#, wired to interrupt controller input LINE. */
void pci_set_interrupt(struct pci_function *fn, uint8_t line);
/* SIZE bytes (1, 2 or 4) at OFFSET, which the access does not cross. */
uint32_t pci_config_read(const struct pci_function *fn, unsigned offset,
			 unsigned size);
void pci_config_write(struct pci_function *fn, unsigned offset,
		      unsigned size, uint32_t value);
/* Where BAR's I/O window is, or -1 while the guest has I/O turned off. */
int32_t pci_io_base(const struct pci_function *fn, unsigned bar);
/* True while the guest has not turned the function's INTx off. */
bool pci_intx_enabled(const struct pci_function *fn);

#endif
