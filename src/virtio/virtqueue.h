/*
 * virtqueue.h - a split virtqueue (virtio 1.2, 2.7) in guest memory, as
 * a device sees it: it takes the chains of buffers the driver makes
 * available and gives them back in the used ring
 */
#ifndef MINIVM_VIRTIO_VIRTQUEUE_H
#define MINIVM_VIRTIO_VIRTQUEUE_H

#include <stdbool.h>
#include <stdint.h>

#include "memory.h"

/* The largest queue a split virtqueue can have. */
#define VIRTQUEUE_MAX_SIZE 32768

/* The legacy interface's page, the unit of QUEUE_PFN and its alignment. */
#define VIRTQUEUE_LEGACY_PAGE 4096

/*
 * The most buffers one chain may have.  A device that uses this module
 * promises the driver no more (the block device's seg_max is this less
 * its header and status); a longer chain is bad.
 */
#define VIRTQUEUE_MAX_BUFFERS 128

#define VRING_DESC_F_NEXT 1
#define VRING_DESC_F_WRITE 2
#define VRING_DESC_F_INDIRECT 4
#define VRING_AVAIL_F_NO_INTERRUPT 1

struct virtqueue {
	const struct guest_memory *memory;
	bool ready;		/* set up: the three parts lie in RAM */
	bool broken;		/* a bad chain came: see virtqueue_pop */
	uint16_t size;		/* N, a power of two */
	uint64_t desc_address;	/* the parts' guest physical addresses */
	uint64_t avail_address;
	uint64_t used_address;
	uint8_t *desc;		/* where they are in minivm's memory */
	uint8_t *avail;
	uint8_t *used;
	uint16_t last_avail;	/* the next available entry to take */
	uint16_t used_idx;	/* the used ring's idx, as last written */
	bool pushed;		/* used since virtqueue_needs_interrupt */
};

struct virtqueue_buffer {
	uint8_t *data;		/* in minivm's memory, all LENGTH bytes */
	uint32_t length;
	bool writable;		/* by the device; else read-only */
};

/* One chain: its device-readable buffers first, then the writable ones. */
struct virtqueue_chain {
	uint16_t head;		/* what virtqueue_push gives back */
	unsigned count;
	struct virtqueue_buffer buffers[VIRTQUEUE_MAX_BUFFERS];
};

enum virtqueue_pop_result {
	VIRTQUEUE_CHAIN,	/* the chain is filled in */
	VIRTQUEUE_EMPTY,	/* nothing is available */
	VIRTQUEUE_BAD,		/* the driver broke the rules */
};

/* A queue not set up, over MEMORY; also what a device reset does. */
void virtqueue_init(struct virtqueue *vq, const struct guest_memory *memory);

/*
 * The legacy interface: a queue of SIZE entries laid out from page PFN,
 * the descriptors first, the available ring right after them, the used
 * ring at the next page boundary.  PFN 0 takes the queue down.  Returns
 * -1, the queue left down, if SIZE is not a power of two up to
 * VIRTQUEUE_MAX_SIZE or a part does not lie wholly in one RAM region.
 */
int virtqueue_set_legacy(struct virtqueue *vq, uint16_t size, uint32_t pfn);

/*
 * The three parts at addresses of their own, as a modern transport
 * gives them; each must be aligned as the specification asks (16, 2
 * and 4 bytes).  Returns -1 as virtqueue_set_legacy does.
 */
int virtqueue_set_addresses(struct virtqueue *vq, uint16_t size,
			    uint64_t desc, uint64_t avail, uint64_t used);

/*
 * Takes the next chain the driver made available.  A chain is bad if an
 * index is out of range, it has more than VIRTQUEUE_MAX_BUFFERS (or N)
 * links, a buffer is not wholly in one RAM region, its lengths add up
 * to 4 GiB or more, a descriptor is indirect, or a readable buffer
 * follows a writable one; so is an available idx more than N ahead.
 * A bad chain breaks the queue: every pop returns VIRTQUEUE_BAD until it
 * is set up again, so that the transport can report it once and stop.
 */
enum virtqueue_pop_result virtqueue_pop(struct virtqueue *vq,
					struct virtqueue_chain *chain);

/* Gives chain HEAD back to the driver, WRITTEN bytes written into it. */
void virtqueue_push(struct virtqueue *vq, uint16_t head, uint32_t written);

/*
 * True if something was pushed since the last call and the driver has
 * not asked for no interrupts (VRING_AVAIL_F_NO_INTERRUPT).
 */
bool virtqueue_needs_interrupt(struct virtqueue *vq);

#endif
