/*
 * mmio.h - memory-mapped I/O dispatch: the devices at guest physical
 * addresses that are not RAM, each registering the range it owns
 */
#ifndef MINIVM_MMIO_H
#define MINIVM_MMIO_H

#include <stdbool.h>
#include <stdint.h>

/*
 * A device sees each access whole: SIZE bytes (1 to 8) at an offset
 * into its range, little-endian.  write returns 0, BUS_STOP or -1, as a
 * port device's does (see bus.h).
 */
struct mmio_ops {
	const char *name;	/* the device, for messages */
	uint64_t (*read)(void *device, uint64_t offset, unsigned size);
	int (*write)(void *device, uint64_t offset, unsigned size,
		     uint64_t value);
};

struct mmio_range {
	uint64_t base;
	uint64_t length;
	const struct mmio_ops *ops;
	void *device;
};

#define MMIO_MAX_RANGES 8

struct mmio_bus {
	struct mmio_range ranges[MMIO_MAX_RANGES];
	unsigned count;
};

/* What mmio_access returns when no device owns the address. */
#define MMIO_UNCLAIMED 2

void mmio_init(struct mmio_bus *bus);
/* Returns -1 if the range overlaps one taken, is empty, or no room. */
int mmio_register(struct mmio_bus *bus, uint64_t base, uint64_t length,
		  const struct mmio_ops *ops, void *device);
/*
 * Carries out the access KVM reports (KVM_EXIT_MMIO): SIZE bytes at
 * ADDRESS, DATA holding what is written or receiving what is read.
 * Returns what the device's write returned, 0 for a read, or
 * MMIO_UNCLAIMED if no device owns ADDRESS: an access to nothing,
 * which is the guest's to answer for.
 */
int mmio_access(struct mmio_bus *bus, bool write, uint64_t address,
		unsigned size, uint8_t *data);

#endif
