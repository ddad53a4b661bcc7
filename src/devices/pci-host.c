/*
 * pci-host.c - the PCI host bridge: configuration mechanism #1 at ports
 * 0xcf8 (CONFIG_ADDRESS) and 0xcfc (CONFIG_DATA), and bus 0's slots
 */
#include <config.h>

#include "devices/pci-host.h"

#include <stddef.h>

/*
 * Red Hat's ID for QEMU's generic host bridge: one firmware and kernels
 * know as a host bridge (class 0x0600) with no chipset registers to
 * program, unlike an i440FX, whose PAM registers this machine lacks.
 */
#define BRIDGE_VENDOR 0x1b36
#define BRIDGE_DEVICE 0x0008
#define CLASS_HOST_BRIDGE 0x060000

#define ADDRESS_ENABLE 0x80000000u
#define ADDRESS_MASK 0x80fffffcu	/* bus, device, function, register */

void pci_host_init(struct pci_host *host)
{
	*host = (struct pci_host){ .address = 0 };
	pci_function_init(&host->bridge, BRIDGE_VENDOR, BRIDGE_DEVICE,
			  CLASS_HOST_BRIDGE, 0);
	host->slots[0] = &host->bridge;
}

int pci_host_plug(struct pci_host *host, struct pci_function *fn)
{
	for (int slot = 0; slot < PCI_SLOTS; slot++) {
		if (!host->slots[slot]) {
			host->slots[slot] = fn;
			return slot;
		}
	}
	return -1;
}

/*
 * CONFIG_ADDRESS is a dword register: a narrower access to 0xcf8 is
 * not for it (0xcf9 is the reset register, see reset.c), and floats.
 */
static uint32_t address_read(void *device, uint16_t offset, unsigned size)
{
	const struct pci_host *host = device;

	(void)offset;
	return size == 4 ? host->address : 0xffffffffu;
}

static int address_write(void *device, uint16_t offset, unsigned size,
			 uint32_t value)
{
	struct pci_host *host = device;

	(void)offset;
	if (size == 4)
		host->address = value & ADDRESS_MASK;
	return 0;
}

static const struct port_ops address_ops = {
	.name = "PCI configuration address",
	.read = address_read,
	.write = address_write,
};

/*
 * The function CONFIG_ADDRESS selects, or NULL: only bus 0 has
 * devices, each with function 0 alone, and nothing answers until the
 * enable bit is set.
 */
static struct pci_function *selected(const struct pci_host *host)
{
	uint32_t a = host->address;

	if (!(a & ADDRESS_ENABLE) || (a >> 16 & 0xff) != 0 ||
	    (a >> 8 & 0x7) != 0)
		return NULL;
	return host->slots[a >> 11 & 0x1f];
}

/* An absent function reads all ones: vendor 0xffff says "no device". */
static uint32_t data_read(void *device, uint16_t offset, unsigned size)
{
	const struct pci_host *host = device;
	const struct pci_function *fn = selected(host);

	if (!fn || offset + size > 4)
		return 0xffffffffu;
	return pci_config_read(fn, (host->address & 0xfc) + offset, size);
}

static int data_write(void *device, uint16_t offset, unsigned size,
		      uint32_t value)
{
	struct pci_host *host = device;
	struct pci_function *fn = selected(host);

	if (fn && offset + size <= 4)
		pci_config_write(fn, (host->address & 0xfc) + offset, size,
				 value);
	return 0;
}

static const struct port_ops data_ops = {
	.name = "PCI configuration data",
	.read = data_read,
	.write = data_write,
};

int pci_host_attach(struct pci_host *host, struct bus *bus)
{
	if (bus_register(bus, PCI_CONFIG_ADDRESS, 1, &address_ops, host) < 0)
		return -1;
	return bus_register(bus, PCI_CONFIG_DATA, 4, &data_ops, host);
}
