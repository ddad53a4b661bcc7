/*
 * virtqueue.c - a split virtqueue (virtio 1.2, 2.7) in guest memory, as
 * a device sees it
 *
 * Every field of the rings is little-endian in guest memory.  The host
 * is x86, little-endian too, but the fields are read and written through
 * the byte helpers anyway, so that no reader has to wonder.
 */
#include <config.h>

#include "virtio/virtqueue.h"

#include <stddef.h>

#include "boot/bytes.h"

#define DESC_BYTES 16

/*
 * Both rings as the legacy layout sizes them, used_event and avail_event
 * included, though this device never offers VIRTIO_F_EVENT_IDX.
 */
static uint64_t avail_bytes(uint16_t size)
{
	return 4 + 2ull * size + 2;
}

static uint64_t used_bytes(uint16_t size)
{
	return 4 + 8ull * size + 2;
}

/*
 * The idx and flags fields the driver and the device pass each other
 * are read and written in one access, so that neither sees half of one.
 * The acquire and release order them against the ring entries and the
 * descriptors, which are plain accesses.
 */
static uint16_t load16_acquire(const uint8_t *field)
{
	uint16_t raw = __atomic_load_n((const uint16_t *)field,
				       __ATOMIC_ACQUIRE);

	return le16((const uint8_t *)&raw);
}

static void store16_release(uint8_t *field, uint16_t value)
{
	uint16_t raw;

	put16((uint8_t *)&raw, value);
	__atomic_store_n((uint16_t *)field, raw, __ATOMIC_RELEASE);
}

void virtqueue_init(struct virtqueue *vq, const struct guest_memory *memory)
{
	*vq = (struct virtqueue){ .memory = memory };
}

/*
 * Where one part of the queue is in minivm's memory, or NULL.  Guest RAM
 * is page-aligned in minivm's memory, so the host address is aligned as
 * the guest's is; it is checked all the same, as the atomic accesses to
 * idx and flags need it.
 */
static uint8_t *queue_part(const struct virtqueue *vq, uint64_t address,
			   uint64_t length, unsigned align)
{
	uint8_t *host;

	if (address % align)
		return NULL;
	host = memory_at(vq->memory, address, length);
	if (!host || (uintptr_t)host % align)
		return NULL;
	return host;
}

int virtqueue_set_addresses(struct virtqueue *vq, uint16_t size,
			    uint64_t desc, uint64_t avail, uint64_t used)
{
	const struct guest_memory *memory = vq->memory;

	virtqueue_init(vq, memory);
	if (size == 0 || size > VIRTQUEUE_MAX_SIZE || (size & (size - 1)))
		return -1;
	vq->desc = queue_part(vq, desc, (uint64_t)DESC_BYTES * size, 16);
	vq->avail = queue_part(vq, avail, avail_bytes(size), 2);
	vq->used = queue_part(vq, used, used_bytes(size), 4);
	if (!vq->desc || !vq->avail || !vq->used) {
		virtqueue_init(vq, memory);
		return -1;
	}
	vq->size = size;
	vq->desc_address = desc;
	vq->avail_address = avail;
	vq->used_address = used;
	vq->ready = true;
	return 0;
}

int virtqueue_set_legacy(struct virtqueue *vq, uint16_t size, uint32_t pfn)
{
	const uint64_t page = VIRTQUEUE_LEGACY_PAGE;
	uint64_t desc = pfn * page;
	uint64_t avail = desc + (uint64_t)DESC_BYTES * size;
	uint64_t used = (avail + avail_bytes(size) + page - 1) / page * page;

	if (pfn == 0) {
		virtqueue_init(vq, vq->memory);
		return 0;
	}
	return virtqueue_set_addresses(vq, size, desc, avail, used);
}

struct descriptor {
	uint64_t address;
	uint32_t length;
	uint16_t flags;
	uint16_t next;
};

static struct descriptor read_descriptor(const struct virtqueue *vq,
					 uint16_t index)
{
	const uint8_t *d = vq->desc + (size_t)DESC_BYTES * index;

	return (struct descriptor){
		.address = le64(d), .length = le32(d + 8),
		.flags = le16(d + 12), .next = le16(d + 14),
	};
}

/* Appends D's buffer to CHAIN, whose lengths so far add up to *TOTAL. */
static int add_buffer(const struct virtqueue *vq,
		      struct virtqueue_chain *chain,
		      const struct descriptor *d, uint64_t *total)
{
	bool writable = d->flags & VRING_DESC_F_WRITE;
	uint8_t *data;

	if (d->flags & VRING_DESC_F_INDIRECT)
		return -1;	/* VIRTIO_F_INDIRECT_DESC is never offered */
	if (!writable && chain->count > 0 &&
	    chain->buffers[chain->count - 1].writable)
		return -1;
	/* The used ring's len could not count more. */
	*total += d->length;
	if (*total > UINT32_MAX)
		return -1;
	data = memory_at(vq->memory, d->address, d->length);
	if (!data)
		return -1;
	chain->buffers[chain->count++] = (struct virtqueue_buffer){
		.data = data, .length = d->length, .writable = writable,
	};
	return 0;
}

/*
 * Follows the chain at the available ring's next entry.  A loop shows as
 * more links than the queue has descriptors, so the limit catches it.
 */
static int read_chain(const struct virtqueue *vq,
		      struct virtqueue_chain *chain)
{
	unsigned limit = vq->size < VIRTQUEUE_MAX_BUFFERS ?
			 vq->size : VIRTQUEUE_MAX_BUFFERS;
	unsigned slot = vq->last_avail & (vq->size - 1);
	uint16_t index = le16(vq->avail + 4 + 2 * slot);
	uint64_t total = 0;
	struct descriptor d;

	chain->head = index;
	chain->count = 0;
	do {
		if (index >= vq->size || chain->count == limit)
			return -1;
		d = read_descriptor(vq, index);
		if (add_buffer(vq, chain, &d, &total) < 0)
			return -1;
		index = d.next;
	} while (d.flags & VRING_DESC_F_NEXT);
	return 0;
}

enum virtqueue_pop_result virtqueue_pop(struct virtqueue *vq,
					struct virtqueue_chain *chain)
{
	uint16_t pending;

	if (!vq->ready)
		return VIRTQUEUE_EMPTY;
	if (vq->broken)
		return VIRTQUEUE_BAD;
	/* Both indexes run on past 65535: the difference is what counts. */
	pending = (uint16_t)(load16_acquire(vq->avail + 2) - vq->last_avail);
	if (pending == 0)
		return VIRTQUEUE_EMPTY;
	if (pending > vq->size || read_chain(vq, chain) < 0) {
		vq->broken = true;
		return VIRTQUEUE_BAD;
	}
	vq->last_avail++;
	return VIRTQUEUE_CHAIN;
}

void virtqueue_push(struct virtqueue *vq, uint16_t head, uint32_t written)
{
	uint8_t *element;

	if (!vq->ready)
		return;
	element = vq->used + 4 + 8 * (size_t)(vq->used_idx & (vq->size - 1));
	put32(element, head);
	put32(element + 4, written);
	/* The driver must find the element whole once it sees the idx. */
	vq->used_idx++;
	store16_release(vq->used + 2, vq->used_idx);
	vq->pushed = true;
}

bool virtqueue_needs_interrupt(struct virtqueue *vq)
{
	bool pushed = vq->pushed;

	vq->pushed = false;
	if (!vq->ready || !pushed)
		return false;
	/*
	 * The idx written must be visible before the flags are read: a
	 * driver that clears the flag and then looks at idx would otherwise
	 * miss both the new entry and its interrupt.
	 */
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	return !(load16_acquire(vq->avail) & VRING_AVAIL_F_NO_INTERRUPT);
}
