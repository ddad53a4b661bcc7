/* bus.h - port I/O dispatch: each device registers the ports it owns */
#ifndef MINIVM_BUS_H
#define MINIVM_BUS_H

#include <stdbool.h>
#include <stdint.h>

/*
 * An ISA device sees one byte at a time, at an offset from its base
 * port: in and out.  A device with 16- and 32-bit registers (PCI's
 * configuration data, virtio's registers) sees each access whole, SIZE
 * bytes (1, 2 or 4) at an offset, little-endian: read and write, in
 * place of in and out.  out and write return 0, or BUS_STOP when the
 * write ends the run (the guest asks to exit), or -1 when the host side
 * fails (the output cannot be written), which ends the run too.
 */
#define BUS_STOP 1

struct port_ops {
	const char *name;	/* the device, for messages: "serial port" */
	uint8_t (*in)(void *device, uint16_t offset);
	int (*out)(void *device, uint16_t offset, uint8_t value);
	uint32_t (*read)(void *device, uint16_t offset, unsigned size);
	int (*write)(void *device, uint16_t offset, unsigned size,
		     uint32_t value);
	/*
	 * For a device with a port allowed batching (see bus_allow_batching):
	 * true while its writes there must be seen at once.  NULL: never.
	 */
	bool (*must_see_writes)(const void *device);
};

struct port_range {
	uint16_t base;
	uint16_t length;
	const struct port_ops *ops;
	void *device;
};

#define BUS_MAX_RANGES 32

struct bus {
	struct port_range ranges[BUS_MAX_RANGES];
	unsigned count;
	/* Ports whose writes may be batched: see bus_allow_batching. */
	uint16_t batchable[BUS_MAX_RANGES];
	unsigned batchable_count;
};

void bus_init(struct bus *bus);
/* Returns -1 if the range overlaps one already taken or the bus is full. */
int bus_register(struct bus *bus, uint16_t base, uint16_t length,
		 const struct port_ops *ops, void *device);
/*
 * Gives back the range registered at BASE, as a PCI device does when
 * the guest moves or disables its I/O window; -1 if there is none.
 */
int bus_unregister(struct bus *bus, uint16_t base);
/* The first range registered that overlaps BASE to BASE + LENGTH - 1. */
const struct port_range *bus_overlap(const struct bus *bus, uint16_t base,
				     uint16_t length);
/* The name of the device that owns PORT, or "no device". */
const char *bus_owner(const struct bus *bus, uint16_t port);
/*
 * Says that writes to PORT may reach its device late, batched, as long
 * as they arrive in order before the guest's next exit is handled: true
 * of a port whose writes the guest can only observe through other port
 * accesses, such as a UART's transmit register.
 */
void bus_allow_batching(struct bus *bus, uint16_t port);
/* True if PORT is one of those, and its device lets it wait now. */
bool bus_batchable(const struct bus *bus, uint16_t port);
/* True if every port allowed batching may wait now. */
bool bus_batching_allowed(const struct bus *bus);
/*
 * Carries out COUNT accesses of SIZE bytes each, as KVM reports a port
 * I/O exit: DATA holds the bytes written (OUT) or receives those read.
 * Each access belongs to the device that owns PORT, whole if it has
 * read and write; else its bytes past that device's last port, or all
 * of them if nothing owns PORT, float (read 0xff, writes dropped).  Stops at the first out that does not return
 * 0, and returns what it returned.
 */
int bus_io(struct bus *bus, bool out, uint16_t port, unsigned size,
	    unsigned count, uint8_t *data);

#endif
