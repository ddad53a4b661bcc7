/*
 * apic-window.c - where a PC has its local APIC (0xfee00000) and its
 * I/O APIC (0xfec00000), with neither behind them: this machine's
 * interrupt controllers are the 8259A PICs
 *
 * CPUID shows no APIC (see cpu-features.c), yet firmware and kernels
 * look there anyway: SeaBIOS reads the local APIC's version for its MP
 * table, which lists an I/O APIC, and Linux then reads that.  On a PC
 * without them the access goes out to the bus, where nothing answers:
 * reads float, all ones, and writes go nowhere.  Linux takes an I/O
 * APIC whose registers read all ones as none.
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

static const struct mmio_ops local_ops = {
	.name = "local APIC window, no APIC",
	.read = window_read,
	.write = window_write,
};

static const struct mmio_ops io_ops = {
	.name = "I/O APIC window, no I/O APIC",
	.read = window_read,
	.write = window_write,
};

int apic_windows_attach(struct mmio_bus *bus)
{
	if (mmio_register(bus, LOCAL_APIC_WINDOW, APIC_WINDOW_SIZE, &local_ops,
			  NULL) < 0)
		return -1;
	return mmio_register(bus, IO_APIC_WINDOW, APIC_WINDOW_SIZE, &io_ops,
			     NULL);
}
