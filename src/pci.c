/*
 * pci.c - a PCI function's configuration space: the type 0 header its
 * device fills in, and the few fields the guest may change
 */
#include <config.h>

#include "pci.h"

#include <string.h>

#include "boot/bytes.h"

/* The bits of the command register this machine's functions implement. */
#define COMMAND_WRITABLE (PCI_COMMAND_IO | PCI_COMMAND_MEMORY | \
			  PCI_COMMAND_MASTER | PCI_COMMAND_INTX_OFF)

void pci_function_init(struct pci_function *fn, uint16_t vendor,
		       uint16_t device, uint32_t class, uint8_t revision)
{
	*fn = (struct pci_function){ .changed = NULL };
	put16(fn->config + PCI_VENDOR_ID, vendor);
	put16(fn->config + PCI_DEVICE_ID, device);
	put32(fn->config + PCI_REVISION, class << 8 | revision);
}

void pci_set_subsystem(struct pci_function *fn, uint16_t vendor,
		       uint16_t id)
{
	put16(fn->config + PCI_SUBSYSTEM_VENDOR, vendor);
	put16(fn->config + PCI_SUBSYSTEM_ID, id);
}

void pci_set_io_bar(struct pci_function *fn, unsigned bar, uint32_t size,
		    uint16_t base)
{
	fn->bar_size[bar] = size;
	put32(fn->config + PCI_BAR0 + 4 * bar,
	      ((uint32_t)base & ~(size - 1)) | PCI_BAR_IO);
}

void pci_set_interrupt(struct pci_function *fn, uint8_t line)
{
	fn->config[PCI_INTERRUPT_LINE] = line;
	fn->config[PCI_INTERRUPT_PIN] = PCI_PIN_INTA;
}

uint32_t pci_config_read(const struct pci_function *fn, unsigned offset,
			 unsigned size)
{
	uint32_t value = 0;

	for (unsigned b = 0; b < size; b++)
		value |= (uint32_t)fn->config[offset + b] << (8 * b);
	return value;
}

/*
 * A BAR keeps only the address bits its size leaves, and its space bit:
 * writing all ones and reading back is how the guest learns the size.
 * A BAR that is not there stays 0.
 */
static void write_bar(struct pci_function *fn, unsigned bar, uint32_t value)
{
	uint32_t size = fn->bar_size[bar];

	if (!size)
		value = 0;
	else
		value = (value & ~(size - 1) & ~3u) | PCI_BAR_IO;
	put32(fn->config + PCI_BAR0 + 4 * bar, value);
}

/*
 * The guest may write the command register, the cache line size and
 * latency timer (which nothing here uses, but software expects to read
 * back), the BARs and the interrupt line: the rest is read-only, and
 * the status register has no bit to clear.  A narrow write to a BAR is
 * merged into the whole register first.
 */
void pci_config_write(struct pci_function *fn, unsigned offset,
		      unsigned size, uint32_t value)
{
	uint8_t bytes[4];
	bool moved = false;

	put32(bytes, value);
	for (unsigned b = 0; b < size; b++) {
		unsigned at = offset + b;

		if ((at >= PCI_COMMAND && at < PCI_COMMAND + 2) ||
		    at == PCI_CACHE_LINE || at == PCI_LATENCY ||
		    at == PCI_INTERRUPT_LINE ||
		    (at >= PCI_BAR0 && at < PCI_BAR0 + 4 * PCI_BARS))
			fn->config[at] = bytes[b];
		moved |= at < PCI_COMMAND + 2 ||
			 (at >= PCI_BAR0 && at < PCI_BAR0 + 4 * PCI_BARS);
	}
	put16(fn->config + PCI_COMMAND,
	      le16(fn->config + PCI_COMMAND) & COMMAND_WRITABLE);
	for (unsigned bar = 0; bar < PCI_BARS; bar++)
		write_bar(fn, bar, le32(fn->config + PCI_BAR0 + 4 * bar));
	if (moved && fn->changed)
		fn->changed(fn->device);
}

int32_t pci_io_base(const struct pci_function *fn, unsigned bar)
{
	if (!(le16(fn->config + PCI_COMMAND) & PCI_COMMAND_IO) ||
	    !fn->bar_size[bar])
		return -1;
	return (int32_t)(le32(fn->config + PCI_BAR0 + 4 * bar) & 0xfffcu);
}

bool pci_intx_enabled(const struct pci_function *fn)
{
	return !(le16(fn->config + PCI_COMMAND) & PCI_COMMAND_INTX_OFF);
}
