/*
 * rom.h - the firmware ROM as the bus sees it: read-only memory that
 * ends at 4 GiB, whose writes go nowhere
 */
#ifndef MINIVM_ROM_H
#define MINIVM_ROM_H

#include <stdint.h>

#include "mmio.h"

struct rom {
	const uint8_t *data;
	uint64_t size;
};

/* The SIZE bytes at DATA, which the caller keeps, as a ROM. */
void rom_init(struct rom *rom, const uint8_t *data, uint64_t size);
/* Registers the ROM so that it ends at 4 GiB; -1 if that is taken. */
int rom_attach(struct rom *rom, struct mmio_bus *bus);

#endif
