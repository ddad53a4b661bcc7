/*
 * virtio/virtio-pci.h - a virtio block device on PCI, through the legacy
 * interface (virtio 1.2, 4.1.4.10): a transitional device, 1af4:1001,
 * whose registers are an I/O window in BAR0, as Linux's virtio_pci and
 * SeaBIOS drive it
 */
#ifndef MINIVM_VIRTIO_VIRTIO_PCI_H
#define MINIVM_VIRTIO_VIRTIO_PCI_H

#include <stdint.h>

#include "bus.h"
#include "irq.h"
#include "memory.h"
#include "pci.h"
#include "virtio/blk.h"
#include "virtio/virtqueue.h"

/* The legacy header and, after it, the block device's configuration. */
#define VIRTIO_PCI_CONFIG 0x14
#define VIRTIO_PCI_IO_SIZE 64

struct virtio_pci {
	struct pci_function pci;
	const char *name;	/* the image, for messages */
	struct virtio_blk *blk;
	struct virtqueue queue;	/* the block device's one queue */
	struct bus *bus;
	int32_t io_base;	/* where BAR0 is on the bus now, or -1 */
	struct irq irq;		/* INTA#, as the interrupt line says */
	uint32_t guest_features;
	uint32_t queue_pfn;
	uint16_t queue_select;
	uint8_t status;
	uint8_t isr;
};

/*
 * A device for BLK, the image NAME, reading and writing guest MEMORY,
 * its registers at IO_BASE on BUS once the guest turns I/O on, its
 * INTA# on IRQ, which is controller input LINE.  Plug VP->pci into the
 * host bridge.
 */
void virtio_pci_init(struct virtio_pci *vp, const char *name,
		     struct virtio_blk *blk,
		     const struct guest_memory *memory, struct bus *bus,
		     struct irq irq, uint8_t line, uint16_t io_base);

#endif
