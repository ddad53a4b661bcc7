/* test-bus.c - unit tests of port dispatch */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "bus.h"
#include "check.h"

/* A device that records the last access, to see what the bus delivers. */
struct probe {
	uint16_t offset;
	uint8_t value;
	unsigned writes;
};

static uint8_t probe_in(void *device, uint16_t offset)
{
	(void)device;
	return (uint8_t)(0xa0 + offset);
}

/* Refuses 0xee, to see the bus stop at a failing write. */
static int probe_out(void *device, uint16_t offset, uint8_t value)
{
	struct probe *probe = device;

	if (value == 0xee)
		return -1;
	probe->offset = offset;
	probe->value = value;
	probe->writes++;
	return 0;
}

static const struct port_ops probe_ops = {
	.in = probe_in,
	.out = probe_out,
};

static void test_registration(void)
{
	struct bus bus;
	struct probe a = { 0 };

	bus_init(&bus);
	CHECK(bus_register(&bus, 0x100, 4, &probe_ops, &a) == 0);
	CHECK(bus_register(&bus, 0x103, 1, &probe_ops, &a) < 0);
	CHECK(bus_register(&bus, 0x0fd, 4, &probe_ops, &a) < 0);
	CHECK(bus_register(&bus, 0x0fc, 4, &probe_ops, &a) == 0);
	CHECK(bus_register(&bus, 0x104, 4, &probe_ops, &a) == 0);
	CHECK(bus_register(&bus, 0xfffc, 4, &probe_ops, &a) == 0);
	CHECK(bus_register(&bus, 0xfff0, 0x11, &probe_ops, &a) < 0);
	CHECK(bus_register(&bus, 0x200, 0, &probe_ops, &a) < 0);
	/* Counted apart from bus.count, which a failing register leaves. */
	for (unsigned i = bus.count; i < BUS_MAX_RANGES; i++)
		CHECK(bus_register(&bus, (uint16_t)(0x1000 + i * 16), 1,
				   &probe_ops, &a) == 0);
	CHECK(bus.count == BUS_MAX_RANGES);
	CHECK(bus_register(&bus, 0x2000, 1, &probe_ops, &a) < 0);
}

static void test_dispatch(void)
{
	struct bus bus;
	struct probe probe = { 0 };
	uint8_t data[8];

	bus_init(&bus);
	CHECK(bus_register(&bus, 0x80, 2, &probe_ops, &probe) == 0);

	/* A write reaches the owner at its offset. */
	data[0] = 0x42;
	bus_io(&bus, true, 0x81, 1, 1, data);
	CHECK(probe.writes == 1 && probe.offset == 1 && probe.value == 0x42);

	/* Unowned ports read as all ones and swallow writes. */
	memset(data, 0, sizeof(data));
	bus_io(&bus, false, 0x90, 4, 1, data);
	CHECK(data[0] == 0xff && data[1] == 0xff && data[2] == 0xff &&
	      data[3] == 0xff);
	bus_io(&bus, true, 0x90, 1, 1, data);
	CHECK(probe.writes == 1);

	/* A 16-bit read splits into bytes at consecutive ports. */
	bus_io(&bus, false, 0x81, 2, 1, data);
	CHECK(data[0] == 0xa1 && data[1] == 0xff);

	/* A string access repeats COUNT times at the same port. */
	memcpy(data, "abc", 3);
	bus_io(&bus, true, 0x80, 1, 3, data);
	CHECK(probe.writes == 4 && probe.offset == 0 && probe.value == 'c');
	bus_io(&bus, false, 0x80, 1, 3, data);
	CHECK(data[0] == 0xa0 && data[1] == 0xa0 && data[2] == 0xa0);

	/* A failing write stops the string there and fails the access. */
	memcpy(data, "x\xeey", 3);
	CHECK(bus_io(&bus, true, 0x80, 1, 3, data) < 0);
	CHECK(probe.writes == 5 && probe.value == 'x');
	CHECK(bus_io(&bus, true, 0x80, 1, 1, data) == 0);
}

/*
 * A wide access is its first port's owner's alone: a dword at 0xcf8,
 * which nothing owns here, must not reach the reset register at 0xcf9,
 * nor a word at the end of one device the next one.
 */
static void test_wide_access(void)
{
	struct bus bus;
	struct probe reset = { 0 }, low = { 0 }, high = { 0 };
	uint8_t data[4] = { 0x00, 0x04, 0x00, 0x80 };

	bus_init(&bus);
	CHECK(bus_register(&bus, 0xcf9, 1, &probe_ops, &reset) == 0);
	CHECK(bus_register(&bus, 0x80, 2, &probe_ops, &low) == 0);
	CHECK(bus_register(&bus, 0x82, 2, &probe_ops, &high) == 0);

	CHECK(bus_io(&bus, true, 0xcf8, 4, 1, data) == 0);
	CHECK(reset.writes == 0);
	bus_io(&bus, false, 0xcf8, 4, 1, data);
	CHECK(data[0] == 0xff && data[1] == 0xff && data[2] == 0xff &&
	      data[3] == 0xff);

	/* Within its owner, a dword is byte cycles at its ports. */
	memcpy(data, "wxyz", 4);
	CHECK(bus_io(&bus, true, 0x80, 4, 1, data) == 0);
	CHECK(low.writes == 2 && low.offset == 1 && low.value == 'x');
	CHECK(high.writes == 0);
	bus_io(&bus, false, 0x81, 4, 1, data);
	CHECK(data[0] == 0xa1 && data[1] == 0xff && data[2] == 0xff &&
	      data[3] == 0xff);

	/* A string of words: each word starts at the port again. */
	memcpy(data, "abcd", 4);
	CHECK(bus_io(&bus, true, 0x82, 2, 2, data) == 0);
	CHECK(high.writes == 4 && high.offset == 1 && high.value == 'd');
	CHECK(low.writes == 2);
}

/* A device with wide registers: records each access whole. */
struct wide {
	uint16_t offset;
	unsigned size;
	uint32_t value;
};

static uint32_t wide_read(void *device, uint16_t offset, unsigned size)
{
	(void)device;
	return 0x44332211u + offset + size;
}

static int wide_write(void *device, uint16_t offset, unsigned size,
		      uint32_t value)
{
	struct wide *wide = device;

	*wide = (struct wide){ .offset = offset, .size = size, .value = value };
	return 0;
}

static const struct port_ops wide_ops = {
	.read = wide_read,
	.write = wide_write,
};

/* A wide device sees an access whole, even one past its last port. */
static void test_wide_device(void)
{
	struct bus bus;
	struct wide wide = { 0 };
	struct probe probe = { 0 };
	uint8_t data[4] = { 0x78, 0x56, 0x34, 0x12 };

	bus_init(&bus);
	CHECK(bus_register(&bus, 0xcfc, 4, &wide_ops, &wide) == 0);
	CHECK(bus_io(&bus, true, 0xcfe, 4, 1, data) == 0);
	CHECK(wide.offset == 2 && wide.size == 4 && wide.value == 0x12345678);
	CHECK(bus_io(&bus, false, 0xcfd, 2, 1, data) == 0);
	CHECK(data[0] == 0x14 && data[1] == 0x22);

	/* Given back, its ports float, and another device may have them. */
	CHECK(bus_unregister(&bus, 0xcfc) == 0);
	CHECK(bus_unregister(&bus, 0xcfc) < 0);
	bus_io(&bus, false, 0xcfc, 2, 1, data);
	CHECK(data[0] == 0xff && data[1] == 0xff);
	CHECK(bus_register(&bus, 0xcfc, 1, &probe_ops, &probe) == 0);
}

int main(void)
{
	RUN_TEST(test_registration);
	RUN_TEST(test_dispatch);
	RUN_TEST(test_wide_access);
	RUN_TEST(test_wide_device);
	return CHECK_STATUS();
}
