/*
 * memory.c - guest physical memory as minivm sees it: the RAM regions
 * KVM maps, each at a guest physical address and a host address
 */
#include <config.h>

#include "memory.h"

#include <stddef.h>

void *memory_at(const struct guest_memory *memory, uint64_t address,
		uint64_t length)
{
	for (unsigned i = 0; i < memory->count; i++) {
		const struct memory_region *r = &memory->regions[i];

		/* Written so that no sum can wrap around. */
		if (address >= r->guest_address &&
		    address - r->guest_address <= r->size &&
		    length <= r->size - (address - r->guest_address))
			return r->host + (address - r->guest_address);
	}
	return NULL;
}
