/*
 * apic-window.c - where a PC has its local APIC, 0xfee00000, with none
 * behind it: this machine's interrupt controllers are the 8259A PICs
 *
 * CPUID shows no APIC (see cpu-features.c), yet firmware reads the
 * window anyway: SeaBIOS reads the APIC's version for its MP table.  On
 * a PC whose APIC is disabled the access goes out to the bus, where
 * nothing answers: reads float, all ones, and writes go nowhere.
 */
#include <config.h>

#include "devices/apic-window.h"

#include <stddef.h>

static uint64_t window_read(void *device, uint64_t offset, unsigned size)
{
	(void)device;
	(void)offset;
	return size >= 8 ? UINT64_MAX : (UINT64_C(1) << (8 * size)) - 1;
}

static int window_write(void *device, uint64_t offset, unsigned size,
			uint64_t value)
{
	(void)device;
	(void)offset;
	(void)size;
	(void)value;
	return 0;
}

static const struct mmio_ops window_ops = {
	.name = "local APIC window, no APIC",
	.read = window_read,
	.write = window_write,
};

int apic_window_attach(struct mmio_bus *bus)
{
	return mmio_register(bus, APIC_WINDOW_BASE, APIC_WINDOW_SIZE,
			     &window_ops, NULL);
}
