/*
 * test-mmio.c - unit tests of memory-mapped I/O dispatch, and of the
 * regions the machine has there: the firmware ROM, whose writes go
 * nowhere, and the APICs' windows with no APIC, which float
 */
#include <config.h>

#include <string.h>

#include "check.h"
#include "devices/apic-window.h"
#include "devices/rom.h"
#include "mmio.h"

static void test_registration(void)
{
	struct mmio_bus bus;
	struct rom rom;
	static const uint8_t bytes[0x10000];

	mmio_init(&bus);
	rom_init(&rom, bytes, sizeof(bytes));
	CHECK(rom_attach(&rom, &bus) == 0);
	CHECK(rom_attach(&rom, &bus) < 0);		/* overlaps itself */
	CHECK(apic_windows_attach(&bus) == 0);
	CHECK(mmio_register(&bus, 0xfedfffff, 2, NULL, NULL) < 0);
	CHECK(mmio_register(&bus, 0x1000, 0, NULL, NULL) < 0);
	CHECK(mmio_register(&bus, UINT64_MAX, 2, NULL, NULL) < 0);
	for (unsigned i = bus.count; i < MMIO_MAX_RANGES; i++)
		CHECK(mmio_register(&bus, 0x10000 * (i + 1), 16, NULL, NULL)
		      == 0);
	CHECK(mmio_register(&bus, 0x900000, 16, NULL, NULL) < 0);
}

static void test_dispatch(void)
{
	struct mmio_bus bus;
	struct rom rom;
	uint8_t bytes[0x10000];
	uint8_t data[8];

	for (size_t i = 0; i < sizeof(bytes); i++)
		bytes[i] = (uint8_t)i;
	mmio_init(&bus);
	rom_init(&rom, bytes, sizeof(bytes));
	CHECK(rom_attach(&rom, &bus) == 0);
	CHECK(apic_windows_attach(&bus) == 0);

	/* The ROM ends at 4 GiB; a write changes nothing. */
	CHECK(mmio_access(&bus, false, 0xffff0004, 4, data) == 0);
	CHECK(data[0] == 4 && data[3] == 7);
	memset(data, 0xee, sizeof(data));
	CHECK(mmio_access(&bus, true, 0xffff0004, 4, data) == 0);
	CHECK(bytes[4] == 4);
	CHECK(mmio_access(&bus, false, 0xfffeffff, 1, data) == MMIO_UNCLAIMED);

	/* No APIC behind its window: all ones, writes dropped. */
	memset(data, 0, sizeof(data));
	CHECK(mmio_access(&bus, false, 0xfee00030, 4, data) == 0);
	CHECK(data[0] == 0xff && data[3] == 0xff && data[4] == 0);
	CHECK(mmio_access(&bus, true, 0xfee000b0, 4, data) == 0);
	CHECK(mmio_access(&bus, false, 0xfee01000, 4, data) == MMIO_UNCLAIMED);
	CHECK(mmio_access(&bus, true, 0xfec00000, 4, data) == 0);
	memset(data, 0, sizeof(data));
	CHECK(mmio_access(&bus, false, 0xfec00010, 4, data) == 0);
	CHECK(data[0] == 0xff && data[3] == 0xff);

	/* Elsewhere in the hole: nothing, the guest's to answer for. */
	CHECK(mmio_access(&bus, true, 0xc0000000, 1, data) == MMIO_UNCLAIMED);
}

int main(void)
{
	RUN_TEST(test_registration);
	RUN_TEST(test_dispatch);
	return CHECK_STATUS();
}
