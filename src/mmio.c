/*
 * mmio.c - memory-mapped I/O dispatch: the devices at guest physical
 * addresses that are not RAM, each registering the range it owns
 */
#include <config.h>

#include "mmio.h"

#include <stddef.h>

void mmio_init(struct mmio_bus *bus)
{
	bus->count = 0;
}

/* Written so that no sum can wrap around. */
static bool contains(const struct mmio_range *r, uint64_t address)
{
	return address >= r->base && address - r->base < r->length;
}

static bool overlaps(const struct mmio_range *r, uint64_t base,
		     uint64_t length)
{
	return contains(r, base) ||
	       (r->base >= base && r->base - base < length);
}

int mmio_register(struct mmio_bus *bus, uint64_t base, uint64_t length,
		  const struct mmio_ops *ops, void *device)
{
	if (bus->count == MMIO_MAX_RANGES || length == 0 ||
	    base + length - 1 < base)
		return -1;
	for (unsigned i = 0; i < bus->count; i++)
		if (overlaps(&bus->ranges[i], base, length))
			return -1;
	bus->ranges[bus->count++] = (struct mmio_range){
		.base = base, .length = length, .ops = ops, .device = device,
	};
	return 0;
}

int mmio_access(struct mmio_bus *bus, bool write, uint64_t address,
		unsigned size, uint8_t *data)
{
	for (unsigned i = 0; i < bus->count; i++) {
		const struct mmio_range *r = &bus->ranges[i];
		uint64_t offset = address - r->base, value = 0;

		if (!contains(r, address))
			continue;
		if (write) {
			for (unsigned b = 0; b < size; b++)
				value |= (uint64_t)data[b] << (8 * b);
			return r->ops->write(r->device, offset, size, value);
		}
		value = r->ops->read(r->device, offset, size);
		for (unsigned b = 0; b < size; b++)
			data[b] = (uint8_t)(value >> (8 * b));
		return 0;
	}
	return MMIO_UNCLAIMED;
}
