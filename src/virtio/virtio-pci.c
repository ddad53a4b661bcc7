/*
 * virtio/virtio-pci.c - a virtio block device on PCI, through the legacy
 * interface: the registers of its I/O window, the queue they set up,
 * and the interrupt
 */
#include <config.h>

#include "virtio/virtio-pci.h"

#include <stdio.h>

/* The legacy header's registers, as offsets in the window. */
#define HOST_FEATURES 0x00	/* 32 bits, read-only */
#define GUEST_FEATURES 0x04	/* 32 bits */
#define QUEUE_PFN 0x08		/* 32 bits, of the selected queue */
#define QUEUE_NUM 0x0c		/* 16 bits, read-only */
#define QUEUE_SELECT 0x0e	/* 16 bits */
#define QUEUE_NOTIFY 0x10	/* 16 bits, write-only */
#define DEVICE_STATUS 0x12	/* 8 bits; 0 resets */
#define ISR_STATUS 0x13		/* 8 bits; reading it clears it */

#define STATUS_NEEDS_RESET 0x40
#define ISR_QUEUE 0x01

#define VIRTIO_VENDOR 0x1af4
#define VIRTIO_BLK_TRANSITIONAL 0x1001
#define CLASS_STORAGE_SCSI 0x010000	/* as QEMU's virtio-blk-pci */

/* The line follows the ISR's queue bit, while INTx is not turned off. */
static void update_interrupt(struct virtio_pci *vp)
{
	irq_set(&vp->irq, (vp->isr & ISR_QUEUE) && pci_intx_enabled(&vp->pci));
}

static void reset(struct virtio_pci *vp)
{
	vp->guest_features = 0;
	vp->queue_pfn = 0;
	vp->queue_select = 0;
	vp->status = 0;
	vp->isr = 0;
	virtqueue_init(&vp->queue, vp->queue.memory);
	update_interrupt(vp);
}

/*
 * The driver broke the rules (a bad chain, a queue outside RAM): the
 * device stops until it is reset, as the specification lets it, and
 * says so once.  The guest's error, not minivm's: the run goes on.
 */
static void stop_device(struct virtio_pci *vp, const char *why)
{
	if (!(vp->status & STATUS_NEEDS_RESET))
		fprintf(stderr, "minivm: disk '%s' stopped: the guest's "
			"driver %s\n", vp->name, why);
	vp->status |= STATUS_NEEDS_RESET;
}

/* Carries out every request made available, then interrupts. */
static void process_queue(struct virtio_pci *vp)
{
	struct virtqueue_chain chain;
	enum virtqueue_pop_result got;

	if (vp->status & STATUS_NEEDS_RESET || !vp->queue.ready)
		return;
	while ((got = virtqueue_pop(&vp->queue, &chain)) == VIRTQUEUE_CHAIN) {
		int64_t written = virtio_blk_request(vp->blk, &chain);

		virtqueue_push(&vp->queue, chain.head,
			       written < 0 ? 0 : (uint32_t)written);
	}
	if (got == VIRTQUEUE_BAD)
		stop_device(vp, "made a bad chain of buffers");
	if (virtqueue_needs_interrupt(&vp->queue)) {
		vp->isr |= ISR_QUEUE;
		update_interrupt(vp);
	}
}

static void set_queue_pfn(struct virtio_pci *vp, uint32_t pfn)
{
	if (vp->queue_select != 0)
		return;
	vp->queue_pfn = pfn;
	if (virtqueue_set_legacy(&vp->queue, VIRTIO_BLK_QUEUE_SIZE, pfn) < 0)
		stop_device(vp, "put its queue outside guest memory");
}

static uint32_t config_bytes(const struct virtio_pci *vp, unsigned offset,
			     unsigned size)
{
	uint32_t value = 0;

	for (unsigned b = 0; b < size; b++)
		value |= (uint32_t)virtio_blk_config(vp->blk, offset + b)
			 << (8 * b);
	return value;
}

static uint32_t window_read(void *device, uint16_t offset, unsigned size)
{
	struct virtio_pci *vp = device;
	uint8_t isr;

	if (offset >= VIRTIO_PCI_CONFIG)
		return config_bytes(vp, offset - VIRTIO_PCI_CONFIG, size);
	switch (offset) {
	case HOST_FEATURES:
		return virtio_blk_features(vp->blk);
	case GUEST_FEATURES:
		return vp->guest_features;
	case QUEUE_PFN:
		return vp->queue_select == 0 ? vp->queue_pfn : 0;
	case QUEUE_NUM:
		return vp->queue_select == 0 ? VIRTIO_BLK_QUEUE_SIZE : 0;
	case QUEUE_SELECT:
		return vp->queue_select;
	case DEVICE_STATUS:
		return vp->status;
	case ISR_STATUS:
		isr = vp->isr;
		vp->isr = 0;
		update_interrupt(vp);
		return isr;
	default:
		return 0;
	}
}

static int window_write(void *device, uint16_t offset, unsigned size,
			uint32_t value)
{
	struct virtio_pci *vp = device;

	(void)size;
	switch (offset) {
	case GUEST_FEATURES:
		vp->guest_features = value & virtio_blk_features(vp->blk);
		break;
	case QUEUE_PFN:
		set_queue_pfn(vp, value);
		break;
	case QUEUE_SELECT:
		vp->queue_select = (uint16_t)value;
		break;
	case QUEUE_NOTIFY:
		if ((uint16_t)value == 0)
			process_queue(vp);
		break;
	case DEVICE_STATUS:
		if ((uint8_t)value == 0)
			reset(vp);
		else
			vp->status = (uint8_t)value |
				     (vp->status & STATUS_NEEDS_RESET);
		break;
	}
	return 0;
}

static const struct port_ops window_ops = {
	.name = "virtio block device",
	.read = window_read,
	.write = window_write,
};

/*
 * The guest moved BAR0 or turned I/O decoding on or off: the window
 * follows.  A window over another device's ports is not decoded.
 */
static void bar_changed(void *device)
{
	struct virtio_pci *vp = device;
	int32_t base = pci_io_base(&vp->pci, 0);

	update_interrupt(vp);
	if (base == vp->io_base)
		return;
	if (vp->io_base >= 0)
		bus_unregister(vp->bus, (uint16_t)vp->io_base);
	vp->io_base = -1;
	if (base >= 0 && bus_register(vp->bus, (uint16_t)base,
				      VIRTIO_PCI_IO_SIZE, &window_ops, vp) == 0)
		vp->io_base = base;
}

void virtio_pci_init(struct virtio_pci *vp, const char *name,
		     struct virtio_blk *blk,
		     const struct guest_memory *memory, struct bus *bus,
		     struct irq irq, uint8_t line, uint16_t io_base)
{
	*vp = (struct virtio_pci){
		.name = name, .blk = blk, .bus = bus, .io_base = -1,
		.irq = irq,
	};
	virtqueue_init(&vp->queue, memory);
	pci_function_init(&vp->pci, VIRTIO_VENDOR, VIRTIO_BLK_TRANSITIONAL,
			  CLASS_STORAGE_SCSI, 0);
	pci_set_subsystem(&vp->pci, VIRTIO_VENDOR, VIRTIO_ID_BLOCK);
	pci_set_io_bar(&vp->pci, 0, VIRTIO_PCI_IO_SIZE, io_base);
	pci_set_interrupt(&vp->pci, line);
	vp->pci.changed = bar_changed;
	vp->pci.device = vp;
}
