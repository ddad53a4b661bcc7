/* test-virtqueue.c - unit tests of the split virtqueue, over a plain buffer */
#include <config.h>

#include <stdlib.h>
#include <sys/mman.h>

#include "boot/bytes.h"
#include "check.h"
#include "memory.h"
#include "virtio/virtqueue.h"

/* Guest RAM: 64 KiB at 1 MiB; the queue from page PFN, data at DATA. */
#define RAM 0x100000ull
#define RAM_SIZE 0x10000ull
#define PFN ((RAM + 0x1000) / VIRTQUEUE_LEGACY_PAGE)
#define DATA (RAM + 0x8000)

/* Far above RAM: 4 GiB of addresses only, for lengths RAM cannot hold. */
#define WIDE 0x100000000ull
#define WIDE_SIZE 0x100000000ull

static struct guest_memory memory;
static struct virtqueue vq;
static uint16_t avail_idx;	/* the driver's copy */

static uint8_t *at(uint64_t address)
{
	return memory_at(&memory, address, 1);
}

static void setup(uint16_t size)
{
	memset(memory.regions[0].host, 0, RAM_SIZE);
	avail_idx = 0;
	virtqueue_init(&vq, &memory);
	CHECK(virtqueue_set_legacy(&vq, size, PFN) == 0);
	CHECK(vq.ready);
}

static void put_desc(uint16_t i, uint64_t address, uint32_t length,
		     uint16_t flags, uint16_t next)
{
	uint8_t *d = at(vq.desc_address + 16u * i);

	put64(d, address);
	put32(d + 8, length);
	put16(d + 12, flags);
	put16(d + 14, next);
}

/* Makes the chain at HEAD available, as a driver does. */
static void offer(uint16_t head)
{
	put16(at(vq.avail_address + 4 + 2u * (avail_idx % vq.size)), head);
	put16(at(vq.avail_address + 2), ++avail_idx);
}

static uint16_t used_idx(void)
{
	return le16(at(vq.used_address + 2));
}

static const uint8_t *used_element(uint16_t slot)
{
	return at(vq.used_address + 4 + 8u * slot);
}

static void test_layout(void)
{
	uint64_t desc = PFN * VIRTQUEUE_LEGACY_PAGE;

	setup(8);
	CHECK(vq.size == 8);
	CHECK(vq.desc_address == desc);
	CHECK(vq.avail_address == desc + 128);
	CHECK(vq.used_address == desc + 0x1000);
	CHECK(vq.desc == at(desc));

	/* 256 entries: 4 KiB of descriptors, 518 bytes of available ring. */
	setup(256);
	CHECK(vq.avail_address == desc + 0x1000);
	CHECK(vq.used_address == desc + 0x2000);

	CHECK(virtqueue_set_legacy(&vq, 0, PFN) == -1 && !vq.ready);
	CHECK(virtqueue_set_legacy(&vq, 12, PFN) == -1 && !vq.ready);
	CHECK(virtqueue_set_legacy(&vq, 8, PFN) == 0 && vq.ready);
	CHECK(virtqueue_set_legacy(&vq, 8, 0) == 0 && !vq.ready);
	/* The used ring would fall past the end of RAM. */
	CHECK(virtqueue_set_legacy(&vq, 8,
		(RAM + RAM_SIZE) / VIRTQUEUE_LEGACY_PAGE - 1) == -1);
	CHECK(virtqueue_set_legacy(&vq, 8, 1) == -1);
	/* The three parts aligned to 16, 2 and 4 bytes, or refused. */
	CHECK(virtqueue_set_addresses(&vq, 8, desc + 8, desc + 0x100,
				      desc + 0x200) == -1);
	CHECK(virtqueue_set_addresses(&vq, 8, desc, desc + 0x101,
				      desc + 0x200) == -1);
	CHECK(virtqueue_set_addresses(&vq, 8, desc, desc + 0x100,
				      desc + 0x202) == -1);
	CHECK(virtqueue_set_addresses(&vq, 8, desc, desc + 0x100,
				      desc + 0x204) == 0);
}

static void test_not_ready(void)
{
	struct virtqueue_chain chain;

	virtqueue_init(&vq, &memory);
	CHECK(virtqueue_pop(&vq, &chain) == VIRTQUEUE_EMPTY);
	virtqueue_push(&vq, 0, 1);
	CHECK(!virtqueue_needs_interrupt(&vq));
}

static void test_one_buffer(void)
{
	struct virtqueue_chain chain;

	setup(8);
	CHECK(virtqueue_pop(&vq, &chain) == VIRTQUEUE_EMPTY);
	put_desc(3, DATA, 512, 0, 0);
	offer(3);
	CHECK(virtqueue_pop(&vq, &chain) == VIRTQUEUE_CHAIN);
	CHECK(chain.head == 3 && chain.count == 1);
	CHECK(chain.buffers[0].data == at(DATA));
	CHECK(chain.buffers[0].length == 512);
	CHECK(!chain.buffers[0].writable);
	CHECK(virtqueue_pop(&vq, &chain) == VIRTQUEUE_EMPTY);
}

/* Linked in any order, and a NEXT link ignored without the flag. */
static void test_chain(void)
{
	struct virtqueue_chain chain;

	setup(8);
	put_desc(5, DATA, 16, VRING_DESC_F_NEXT, 2);
	put_desc(2, DATA + 0x100, 1024,
		 VRING_DESC_F_NEXT | VRING_DESC_F_WRITE, 7);
	put_desc(7, DATA + 0x800, 1, VRING_DESC_F_WRITE, 6);
	offer(5);
	CHECK(virtqueue_pop(&vq, &chain) == VIRTQUEUE_CHAIN);
	CHECK(chain.head == 5 && chain.count == 3);
	CHECK(chain.buffers[0].data == at(DATA) && !chain.buffers[0].writable);
	CHECK(chain.buffers[1].data == at(DATA + 0x100));
	CHECK(chain.buffers[1].length == 1024 && chain.buffers[1].writable);
	CHECK(chain.buffers[2].length == 1 && chain.buffers[2].writable);
}

/*
 * Past 65535 both indexes wrap, and the rings' slots well before: three
 * chains at a time through a queue of 8, for more than 65536 chains.
 */
static void test_wrap(void)
{
	struct virtqueue_chain chain;
	bool all_popped = true;

	setup(8);
	for (uint16_t i = 0; i < 8; i++)
		put_desc(i, DATA + 0x100 * i, 0x100, VRING_DESC_F_WRITE, 0);
	for (unsigned round = 0; round < 22000; round++) {
		for (unsigned j = 0; j < 3; j++)
			offer((uint16_t)((round * 3 + j) % 8));
		for (unsigned j = 0; j < 3; j++) {
			if (virtqueue_pop(&vq, &chain) != VIRTQUEUE_CHAIN ||
			    chain.head != (round * 3 + j) % 8)
				all_popped = false;
			virtqueue_push(&vq, chain.head, j);
		}
	}
	CHECK(all_popped);
	CHECK(virtqueue_pop(&vq, &chain) == VIRTQUEUE_EMPTY);
	CHECK(avail_idx == (uint16_t)66000);
	CHECK(used_idx() == (uint16_t)66000);
	/* Entry 65999 went to slot 65999 % 8 = 7: head 65999 % 8, len 2. */
	CHECK(le32(used_element(7)) == 7 && le32(used_element(7) + 4) == 2);
}

/* What a bad chain does: BAD, and BAD again until the queue is set up. */
static void check_bad(const char *what)
{
	struct virtqueue_chain chain;
	bool bad = virtqueue_pop(&vq, &chain) == VIRTQUEUE_BAD &&
		   virtqueue_pop(&vq, &chain) == VIRTQUEUE_BAD && vq.broken;

	if (!bad)
		fprintf(stderr, "not taken as bad: %s\n", what);
	CHECK(bad);
	CHECK(virtqueue_set_legacy(&vq, vq.size, PFN) == 0 && !vq.broken);
}

static void test_bad_chains(void)
{
	setup(8);
	offer(8);
	check_bad("a head out of range");

	setup(8);
	put_desc(0, DATA, 16, VRING_DESC_F_NEXT, 8);
	offer(0);
	check_bad("a next out of range");

	setup(8);
	put_desc(0, DATA, 16, VRING_DESC_F_NEXT, 1);
	put_desc(1, DATA, 16, VRING_DESC_F_NEXT, 0);
	offer(0);
	check_bad("a loop");

	setup(8);
	put_desc(0, DATA, 16, VRING_DESC_F_NEXT, 0);
	offer(0);
	check_bad("a descriptor linked to itself");

	setup(8);
	put_desc(0, RAM + RAM_SIZE, 1, 0, 0);
	offer(0);
	check_bad("a buffer past the end of RAM");

	setup(8);
	put_desc(0, RAM + RAM_SIZE - 16, 17, 0, 0);
	offer(0);
	check_bad("a buffer across the end of RAM");

	setup(8);
	put_desc(0, 0x1000, 16, 0, 0);
	offer(0);
	check_bad("a buffer below RAM");

	setup(8);
	put_desc(0, DATA, 1, VRING_DESC_F_WRITE | VRING_DESC_F_NEXT, 1);
	put_desc(1, DATA, 16, 0, 0);
	offer(0);
	check_bad("a readable buffer after a writable one");

	setup(8);
	put_desc(0, DATA, 32, VRING_DESC_F_INDIRECT, 0);
	offer(0);
	check_bad("an indirect descriptor");

	/* Each of the nine a good chain, but the ring holds only eight. */
	setup(8);
	put_desc(0, DATA, 16, 0, 0);
	for (unsigned i = 0; i < 9; i++)
		offer(0);
	check_bad("an available idx 9 ahead of a queue of 8");
}

/* The lengths may add up to 4 GiB less one, no more. */
static void test_huge_chain(void)
{
	struct virtqueue_chain chain;

	setup(8);
	put_desc(0, WIDE, 0x80000000u, VRING_DESC_F_NEXT, 1);
	put_desc(1, WIDE + 0x80000000u, 0x7fffffffu, 0, 0);
	offer(0);
	CHECK(virtqueue_pop(&vq, &chain) == VIRTQUEUE_CHAIN);
	CHECK(chain.count == 2 && chain.buffers[1].length == 0x7fffffffu);

	put_desc(1, WIDE + 0x80000000u, 0x80000000u, 0, 0);
	offer(0);
	check_bad("lengths adding up to 4 GiB");

	setup(8);
	put_desc(0, WIDE, 0xffffffffu, 0, 0);
	offer(0);
	CHECK(virtqueue_pop(&vq, &chain) == VIRTQUEUE_CHAIN);
}

/* A queue of 256 still allows no chain of more than 128 buffers. */
static void test_longest_chain(void)
{
	struct virtqueue_chain chain;
	uint16_t n = VIRTQUEUE_MAX_BUFFERS;

	setup(256);
	for (uint16_t i = 0; i < n; i++)
		put_desc(i, DATA + i, 1, i + 1 < n ? VRING_DESC_F_NEXT : 0,
			 i + 1);
	offer(0);
	CHECK(virtqueue_pop(&vq, &chain) == VIRTQUEUE_CHAIN);
	CHECK(chain.count == n);
	CHECK(chain.buffers[n - 1].data == at(DATA + n - 1));

	put_desc(n - 1, DATA, 1, VRING_DESC_F_NEXT, n);
	put_desc(n, DATA, 1, 0, 0);
	offer(0);
	check_bad("a chain of 129 buffers");

	/* A queue of 4: a fifth link must be a loop. */
	setup(4);
	for (uint16_t i = 0; i < 4; i++)
		put_desc(i, DATA, 1, VRING_DESC_F_NEXT, (i + 1) % 4);
	offer(0);
	check_bad("a loop through a whole queue");
}

static void test_push_and_interrupt(void)
{
	struct virtqueue_chain chain;

	setup(8);
	CHECK(!virtqueue_needs_interrupt(&vq));	/* nothing used yet */
	put_desc(4, DATA, 1, VRING_DESC_F_WRITE, 0);
	offer(4);
	CHECK(virtqueue_pop(&vq, &chain) == VIRTQUEUE_CHAIN);
	virtqueue_push(&vq, chain.head, 0x01020304);
	CHECK(used_idx() == 1);
	CHECK(memcmp(used_element(0), "\4\0\0\0\4\3\2\1", 8) == 0);
	CHECK(virtqueue_needs_interrupt(&vq));
	CHECK(!virtqueue_needs_interrupt(&vq));	/* once per batch */

	/* The driver may ask for no interrupts. */
	put16(at(vq.avail_address), VRING_AVAIL_F_NO_INTERRUPT);
	offer(4);
	CHECK(virtqueue_pop(&vq, &chain) == VIRTQUEUE_CHAIN);
	virtqueue_push(&vq, chain.head, 1);
	CHECK(used_idx() == 2);
	CHECK(!virtqueue_needs_interrupt(&vq));

	put16(at(vq.avail_address), 0);
	offer(4);
	offer(4);
	CHECK(virtqueue_pop(&vq, &chain) == VIRTQUEUE_CHAIN);
	CHECK(virtqueue_pop(&vq, &chain) == VIRTQUEUE_CHAIN);
	virtqueue_push(&vq, 4, 1);
	virtqueue_push(&vq, 4, 1);
	CHECK(used_idx() == 4);
	CHECK(virtqueue_needs_interrupt(&vq));
}

/* Memory with no declared type, as guest RAM is, and page-aligned. */
static void map_memory(void)
{
	uint8_t *ram = aligned_alloc(4096, RAM_SIZE);
	void *wide = mmap(NULL, WIDE_SIZE, PROT_NONE,
			  MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);

	if (!ram || wide == MAP_FAILED) {
		perror("test-virtqueue: memory");
		exit(99);
	}
	memory.regions[0] = (struct memory_region){ RAM, RAM_SIZE, ram };
	memory.regions[1] = (struct memory_region){ WIDE, WIDE_SIZE, wide };
	memory.count = 2;
}

int main(void)
{
	map_memory();
	RUN_TEST(test_layout);
	RUN_TEST(test_not_ready);
	RUN_TEST(test_one_buffer);
	RUN_TEST(test_chain);
	RUN_TEST(test_wrap);
	RUN_TEST(test_bad_chains);
	RUN_TEST(test_huge_chain);
	RUN_TEST(test_longest_chain);
	RUN_TEST(test_push_and_interrupt);
	free(memory.regions[0].host);
	munmap(memory.regions[1].host, WIDE_SIZE);
	return CHECK_STATUS();
}
