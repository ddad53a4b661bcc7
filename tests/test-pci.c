/*
 * test-pci.c - unit tests of PCI configuration space through the host
 * bridge's ports: the header fields, BAR sizing, what the guest may
 * write, and the all-ones of an absent device
 */
#include <config.h>

#include <string.h>

#include "bus.h"
#include "check.h"
#include "devices/pci-host.h"
#include "pci.h"

static struct bus bus;
static struct pci_host host;
static struct pci_function disk;
static unsigned changes;

static void count_change(void *device)
{
	(void)device;
	changes++;
}

static uint32_t in(uint16_t port, unsigned size)
{
	uint8_t bytes[4] = { 0 };

	bus_io(&bus, false, port, size, 1, bytes);
	return bytes[0] | bytes[1] << 8 | bytes[2] << 16 |
	       (uint32_t)bytes[3] << 24;
}

static void out(uint16_t port, unsigned size, uint32_t value)
{
	uint8_t bytes[4] = { value, value >> 8, value >> 16, value >> 24 };

	bus_io(&bus, true, port, size, 1, bytes);
}

/* Configuration register OFFSET of bus 0's SLOT, SIZE bytes. */
static uint32_t config_read(unsigned slot, unsigned offset, unsigned size)
{
	out(PCI_CONFIG_ADDRESS, 4, 0x80000000u | slot << 11 | (offset & ~3u));
	return in((uint16_t)(PCI_CONFIG_DATA + (offset & 3)), size);
}

static void config_write(unsigned slot, unsigned offset, unsigned size,
			 uint32_t value)
{
	out(PCI_CONFIG_ADDRESS, 4, 0x80000000u | slot << 11 | (offset & ~3u));
	out((uint16_t)(PCI_CONFIG_DATA + (offset & 3)), size, value);
}

/* A host bridge, and a virtio-blk-like function in slot 1. */
static void power_on(void)
{
	bus_init(&bus);
	pci_host_init(&host);
	CHECK(pci_host_attach(&host, &bus) == 0);
	pci_function_init(&disk, 0x1af4, 0x1001, 0x010000, 0);
	pci_set_subsystem(&disk, 0x1af4, 2);
	pci_set_io_bar(&disk, 0, 0x80, 0xc000);
	pci_set_interrupt(&disk, 10);
	disk.changed = count_change;
	changes = 0;
	CHECK(pci_host_plug(&host, &disk) == 1);
}

static void test_header(void)
{
	power_on();
	CHECK(config_read(0, PCI_VENDOR_ID, 4) == 0x00081b36);
	CHECK(config_read(0, PCI_REVISION, 4) >> 8 == 0x060000);
	CHECK(config_read(1, PCI_VENDOR_ID, 2) == 0x1af4);
	CHECK(config_read(1, PCI_DEVICE_ID, 2) == 0x1001);
	CHECK(config_read(1, PCI_REVISION + 1, 1) == 0x00);
	CHECK(config_read(1, PCI_REVISION + 3, 1) == 0x01);	/* storage */
	CHECK(config_read(1, PCI_SUBSYSTEM_ID, 2) == 2);
	CHECK(config_read(1, PCI_HEADER_TYPE, 1) == 0);
	CHECK(config_read(1, PCI_INTERRUPT_LINE, 2) == 0x010a);
	CHECK(config_read(1, PCI_BAR0, 4) == 0xc001);
	CHECK(config_read(1, PCI_BAR0 + 4, 4) == 0);
	/* The header is read-only where the guest has nothing to set. */
	config_write(1, PCI_VENDOR_ID, 4, 0x12345678);
	config_write(1, PCI_SUBSYSTEM_ID, 2, 7);
	CHECK(config_read(1, PCI_VENDOR_ID, 4) == 0x10011af4);
	CHECK(config_read(1, PCI_SUBSYSTEM_ID, 2) == 2);
	config_write(1, PCI_INTERRUPT_LINE, 1, 11);
	CHECK(config_read(1, PCI_INTERRUPT_LINE, 2) == 0x010b);
}

/* Where nothing is plugged in, or nothing is enabled, all ones. */
static void test_absent(void)
{
	power_on();
	CHECK(config_read(2, PCI_VENDOR_ID, 2) == 0xffff);
	CHECK(config_read(31, PCI_VENDOR_ID, 4) == 0xffffffffu);
	out(PCI_CONFIG_ADDRESS, 4, 0x80010000u);	/* bus 1 */
	CHECK(in(PCI_CONFIG_DATA, 4) == 0xffffffffu);
	out(PCI_CONFIG_ADDRESS, 4, 0x80000100u);	/* function 1 */
	CHECK(in(PCI_CONFIG_DATA, 2) == 0xffff);
	out(PCI_CONFIG_ADDRESS, 4, 0x00000000u);	/* not enabled */
	CHECK(in(PCI_CONFIG_DATA, 4) == 0xffffffffu);
	config_write(2, PCI_COMMAND, 2, PCI_COMMAND_IO);	/* nothing */
	CHECK(changes == 0);
}

/* CONFIG_ADDRESS reads back as a dword, and is a dword register only. */
static void test_address(void)
{
	power_on();
	out(PCI_CONFIG_ADDRESS, 4, 0x80000a07u);
	CHECK(in(PCI_CONFIG_ADDRESS, 4) == 0x80000a04u);
	out(PCI_CONFIG_ADDRESS, 1, 0x00);
	CHECK(in(PCI_CONFIG_ADDRESS, 4) == 0x80000a04u);
	CHECK(in(PCI_CONFIG_ADDRESS, 1) == 0xff);
}

/* All ones written, the size read back; the window moves when asked. */
static void test_bar(void)
{
	power_on();
	CHECK(pci_io_base(&disk, 0) == -1);	/* I/O decoding off */
	config_write(1, PCI_BAR0, 4, 0xffffffffu);
	CHECK(config_read(1, PCI_BAR0, 4) == 0xffffff81u);
	CHECK(changes == 1);
	config_write(1, PCI_BAR0 + 4, 4, 0xffffffffu);	/* no BAR there */
	CHECK(config_read(1, PCI_BAR0 + 4, 4) == 0);
	config_write(1, PCI_BAR0, 4, 0xd05a);
	CHECK(config_read(1, PCI_BAR0, 4) == 0xd001);
	/* A word written alone lands in the whole BAR. */
	config_write(1, PCI_BAR0 + 2, 2, 0);
	CHECK(config_read(1, PCI_BAR0, 4) == 0xd001);
	config_write(1, PCI_COMMAND, 2, 0xffff);
	CHECK(config_read(1, PCI_COMMAND, 2) == 0x0407);
	CHECK(pci_io_base(&disk, 0) == 0xd000);
	CHECK(!pci_intx_enabled(&disk));
	config_write(1, PCI_COMMAND, 2, PCI_COMMAND_IO);
	CHECK(pci_intx_enabled(&disk));
	CHECK(config_read(1, PCI_STATUS, 2) == 0);
	/* The cache line size reads back, as software expects. */
	config_write(1, PCI_CACHE_LINE, 1, 0x10);
	CHECK(config_read(1, PCI_CACHE_LINE, 1) == 0x10);
}

/* Slots fill in order, and no more than there are. */
static void test_plug(void)
{
	struct pci_function more[PCI_SLOTS];

	power_on();
	for (int slot = 2; slot < PCI_SLOTS; slot++)
		CHECK(pci_host_plug(&host, &more[slot]) == slot);
	CHECK(pci_host_plug(&host, &more[0]) == -1);
}

int main(void)
{
	RUN_TEST(test_header);
	RUN_TEST(test_absent);
	RUN_TEST(test_address);
	RUN_TEST(test_bar);
	RUN_TEST(test_plug);
	return CHECK_STATUS();
}
