/*
 * pci-host.h - the PCI host bridge: configuration mechanism #1 at ports
 * 0xcf8 (CONFIG_ADDRESS) and 0xcfc (CONFIG_DATA), and bus 0's slots
 */
#ifndef MINIVM_PCI_HOST_H
#define MINIVM_PCI_HOST_H

#include <stdint.h>

#include "bus.h"
#include "pci.h"

#define PCI_CONFIG_ADDRESS 0xcf8
#define PCI_CONFIG_DATA 0xcfc
#define PCI_SLOTS 32

struct pci_host {
	uint32_t address;	/* CONFIG_ADDRESS as last written */
	struct pci_function *slots[PCI_SLOTS];	/* function 0 of each */
	struct pci_function bridge;	/* slot 0: the host bridge itself */
};

/* A bus 0 with the host bridge alone in slot 0. */
void pci_host_init(struct pci_host *host);
/* Registers its two ports; -1 if either is taken. */
int pci_host_attach(struct pci_host *host, struct bus *bus);
/* Plugs FN into the first free slot and returns the slot, or -1. */
int pci_host_plug(struct pci_host *host, struct pci_function *fn);

#endif
