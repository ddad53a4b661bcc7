/* bus.c - port I/O dispatch: each device registers the ports it owns */
#include <config.h>

#include "bus.h"

#include <stddef.h>

void bus_init(struct bus *bus)
{
	bus->count = 0;
	bus->batchable_count = 0;
}

void bus_allow_batching(struct bus *bus, uint16_t port)
{
	if (bus->batchable_count < BUS_MAX_RANGES)
		bus->batchable[bus->batchable_count++] = port;
}

static const struct port_range *find_range(const struct bus *bus,
					   uint16_t port);

/* Whether the device behind PORT lets its writes wait just now. */
static bool may_wait(const struct bus *bus, uint16_t port)
{
	const struct port_range *r = find_range(bus, port);

	return !r || !r->ops->must_see_writes ||
	       !r->ops->must_see_writes(r->device);
}

bool bus_batchable(const struct bus *bus, uint16_t port)
{
	for (unsigned i = 0; i < bus->batchable_count; i++)
		if (bus->batchable[i] == port)
			return may_wait(bus, port);
	return false;
}

bool bus_batching_allowed(const struct bus *bus)
{
	for (unsigned i = 0; i < bus->batchable_count; i++)
		if (!may_wait(bus, bus->batchable[i]))
			return false;
	return true;
}

static bool overlaps(const struct port_range *r, uint32_t base,
		     uint32_t length)
{
	return base < (uint32_t)r->base + r->length &&
	       r->base < base + length;
}

const struct port_range *bus_overlap(const struct bus *bus, uint16_t base,
				     uint16_t length)
{
	for (unsigned i = 0; i < bus->count; i++)
		if (overlaps(&bus->ranges[i], base, length))
			return &bus->ranges[i];
	return NULL;
}

int bus_register(struct bus *bus, uint16_t base, uint16_t length,
		 const struct port_ops *ops, void *device)
{
	if (bus->count == BUS_MAX_RANGES || length == 0 ||
	    (uint32_t)base + length > 0x10000 || bus_overlap(bus, base, length))
		return -1;
	bus->ranges[bus->count++] = (struct port_range){
		.base = base, .length = length, .ops = ops, .device = device,
	};
	return 0;
}

int bus_unregister(struct bus *bus, uint16_t base)
{
	for (unsigned i = 0; i < bus->count; i++) {
		if (bus->ranges[i].base != base)
			continue;
		bus->ranges[i] = bus->ranges[--bus->count];
		return 0;
	}
	return -1;
}

static const struct port_range *find_range(const struct bus *bus,
					   uint16_t port)
{
	for (unsigned i = 0; i < bus->count; i++) {
		const struct port_range *r = &bus->ranges[i];

		if (port >= r->base && port - r->base < r->length)
			return r;
	}
	return NULL;
}

const char *bus_owner(const struct bus *bus, uint16_t port)
{
	const struct port_range *r = find_range(bus, port);

	return r ? r->ops->name : "no device";
}

/*
 * An ISA device is an 8-bit device: a wider access reaches the device
 * that owns its first port as consecutive byte cycles, low byte first.
 * It never reaches a neighbour: a dword at 0xcf8 (PCI's configuration
 * address) must not write 0xcf9 (the reset register).  Nobody answers
 * on a port that no device owns, or past the owner's last port, so the
 * bus floats high there.
 */
static int byte_cycles(const struct port_range *r, bool out, uint16_t port,
		       unsigned size, uint8_t *data)
{
	unsigned first = r ? port - r->base : 0;
	unsigned owned = r ? r->length - first : 0;	/* ports from PORT on */

	for (unsigned b = 0; b < size; b++) {
		uint16_t offset = (uint16_t)(first + b);
		int ret = 0;

		if (b >= owned) {
			if (!out)
				data[b] = 0xff;
		} else if (out) {
			ret = r->ops->out(r->device, offset, data[b]);
		} else {
			data[b] = r->ops->in(r->device, offset);
		}
		if (ret != 0)
			return ret;
	}
	return 0;
}

/* A device with wide registers takes the access whole. */
static int whole_access(const struct port_range *r, bool out, uint16_t port,
			unsigned size, uint8_t *data)
{
	uint16_t offset = (uint16_t)(port - r->base);
	uint32_t value = 0;

	if (out) {
		for (unsigned b = 0; b < size; b++)
			value |= (uint32_t)data[b] << (8 * b);
		return r->ops->write(r->device, offset, size, value);
	}
	value = r->ops->read(r->device, offset, size);
	for (unsigned b = 0; b < size; b++)
		data[b] = (uint8_t)(value >> (8 * b));
	return 0;
}

static int access_io(struct bus *bus, bool out, uint16_t port,
		     unsigned size, uint8_t *data)
{
	const struct port_range *r = find_range(bus, port);

	if (r && r->ops->read && size <= 4)
		return whole_access(r, out, port, size, data);
	return byte_cycles(r, out, port, size, data);
}

int bus_io(struct bus *bus, bool out, uint16_t port, unsigned size,
	   unsigned count, uint8_t *data)
{
	for (unsigned i = 0; i < count; i++, data += size) {
		int ret = access_io(bus, out, port, size, data);

		if (ret != 0)
			return ret;
	}
	return 0;
}
