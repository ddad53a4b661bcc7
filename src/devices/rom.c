/*
 * rom.c - the firmware ROM as the bus sees it: read-only memory that
 * ends at 4 GiB, whose writes go nowhere
 *
 * KVM maps the ROM itself (see vm.c), read-only where it can: reads
 * never reach this device, but a write exits, and a PC ignores it.
 */
#include <config.h>

#include "devices/rom.h"

#include <string.h>

void rom_init(struct rom *rom, const uint8_t *data, uint64_t size)
{
	*rom = (struct rom){ .data = data, .size = size };
}

static uint64_t rom_read(void *device, uint64_t offset, unsigned size)
{
	const struct rom *rom = device;
	uint64_t value = 0;

	if (offset + size <= rom->size)
		memcpy(&value, rom->data + offset, size);
	return value;
}

static int rom_write(void *device, uint64_t offset, unsigned size,
		     uint64_t value)
{
	(void)device;
	(void)offset;
	(void)size;
	(void)value;
	return 0;
}

static const struct mmio_ops rom_ops = {
	.name = "firmware ROM",
	.read = rom_read,
	.write = rom_write,
};

int rom_attach(struct rom *rom, struct mmio_bus *bus)
{
	return mmio_register(bus, (UINT64_C(1) << 32) - rom->size, rom->size,
			     &rom_ops, rom);
}
