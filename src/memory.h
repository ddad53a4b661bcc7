/*
 * memory.h - guest physical memory as minivm sees it: the RAM regions
 * KVM maps, each at a guest physical address and a host address
 */
#ifndef MINIVM_MEMORY_H
#define MINIVM_MEMORY_H

#include <stdint.h>

#define MEMORY_MAX_REGIONS 4

struct memory_region {
	uint64_t guest_address;
	uint64_t size;
	uint8_t *host;
};

struct guest_memory {
	struct memory_region regions[MEMORY_MAX_REGIONS];
	unsigned count;
};

/*
 * Where the LENGTH bytes at guest physical ADDRESS are in minivm's own
 * memory, or NULL unless they lie wholly in one RAM region: a device
 * reads and writes guest memory only through this.
 */
void *memory_at(const struct guest_memory *memory, uint64_t address,
		uint64_t length);

#endif
