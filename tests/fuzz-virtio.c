/*
 * fuzz-virtio.c - a libFuzzer target for the virtio core: any bytes, as
 * guest memory, through the virtqueue (rings, descriptors, chains) and
 * the block device's requests, on a small disk kept in memory.  No KVM
 * is involved.  The first four bytes pick the queue: byte 0 its size
 * (1 << (b & 15) % 9), the legacy layout or one of three addresses (bit
 * 4) and a read-only disk (bit 5); bytes 1 to 3 where the parts are.
 * The rest is guest RAM from its start.  A chain the queue passes must
 * lie in RAM and keep its order; a request must report every writable
 * byte, and must never change the disk's size or a read-only disk.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "virtio/blk.h"
#include "virtio/virtqueue.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define RAM 0x10000ull
#define RAM_SIZE 0x10000ull
#define DISK_SIZE (64 * VIRTIO_BLK_SECTOR)
#define OPTIONS 4

/* What every input shares: the fuzzer has no other place to keep it. */
static struct {
	struct guest_memory memory;
	struct virtio_blk disk;		/* read-write */
	struct virtio_blk rom;		/* read-only */
	uint8_t rom_contents[DISK_SIZE];
} fuzz;

/* A disk in memory, opened by name as minivm opens one. */
static void open_disk(struct virtio_blk *blk, bool read_only)
{
	int fd = memfd_create("fuzz-virtio", 0);
	char path[64];

	memset(fuzz.rom_contents, 0x5a, sizeof(fuzz.rom_contents));
	if (fd < 0 || pwrite(fd, fuzz.rom_contents, DISK_SIZE, 0) != DISK_SIZE)
		abort();
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	if (virtio_blk_open(blk, path, read_only) < 0)
		abort();
	close(fd);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	uint8_t *ram = aligned_alloc(4096, RAM_SIZE);

	(void)argc;
	(void)argv;
	if (!ram)
		abort();
	fuzz.memory.regions[0] = (struct memory_region){ RAM, RAM_SIZE, ram };
	fuzz.memory.count = 1;
	open_disk(&fuzz.disk, false);
	open_disk(&fuzz.rom, true);
	return 0;
}

static void set_up(struct virtqueue *vq, const uint8_t *options)
{
	uint16_t size = (uint16_t)(1u << (options[0] & 15) % 9);

	virtqueue_init(vq, &fuzz.memory);
	if (options[0] & 0x10)
		virtqueue_set_addresses(vq, size, RAM + options[1] * 16u,
					RAM + options[2] * 2u,
					RAM + options[3] * 64u);
	else
		virtqueue_set_legacy(vq, size,
				     (uint32_t)(RAM / VIRTQUEUE_LEGACY_PAGE) +
				     options[1] % 16);
}

/* Every buffer in RAM, readable ones first; the writable bytes' sum. */
static uint64_t check_chain(const struct virtqueue *vq,
			    const struct virtqueue_chain *chain)
{
	const uint8_t *ram = fuzz.memory.regions[0].host;
	uint64_t total = 0, writable = 0;

	if (chain->count == 0 || chain->count > VIRTQUEUE_MAX_BUFFERS ||
	    chain->count > vq->size || chain->head >= vq->size)
		abort();
	for (unsigned i = 0; i < chain->count; i++) {
		const struct virtqueue_buffer *b = &chain->buffers[i];

		if (b->data < ram || b->data > ram + RAM_SIZE ||
		    b->length > ram + RAM_SIZE - b->data)
			abort();
		if (i > 0 && chain->buffers[i - 1].writable && !b->writable)
			abort();
		total += b->length;
		if (b->writable)
			writable += b->length;
	}
	if (total > UINT32_MAX)
		abort();
	return writable;
}

static void check_disks(void)
{
	static uint8_t now[DISK_SIZE];

	if (pread(fuzz.rom.fd, now, DISK_SIZE, 0) != DISK_SIZE ||
	    memcmp(now, fuzz.rom_contents, DISK_SIZE) != 0)
		abort();
	if (lseek(fuzz.disk.fd, 0, SEEK_END) != DISK_SIZE)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct virtio_blk *blk;
	struct virtqueue vq;
	struct virtqueue_chain chain;
	size_t n;

	if (size < OPTIONS)
		return 0;
	n = size - OPTIONS < RAM_SIZE ? size - OPTIONS : RAM_SIZE;
	memset(fuzz.memory.regions[0].host, 0, RAM_SIZE);
	memcpy(fuzz.memory.regions[0].host, data + OPTIONS, n);
	blk = data[0] & 0x20 ? &fuzz.rom : &fuzz.disk;
	set_up(&vq, data);
	/* The used ring may lie over the available one: bound the loop. */
	for (unsigned i = 0; i < 2u * vq.size + 2; i++) {
		uint64_t writable;
		int64_t used;

		if (virtqueue_pop(&vq, &chain) != VIRTQUEUE_CHAIN)
			break;
		writable = check_chain(&vq, &chain);
		used = virtio_blk_request(blk, &chain);
		if (used != (writable ? (int64_t)writable : -1))
			abort();
		virtqueue_push(&vq, chain.head, used < 0 ? 0 : (uint32_t)used);
	}
	virtqueue_needs_interrupt(&vq);
	check_disks();
	return 0;
}
