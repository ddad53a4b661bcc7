/*
 * test-ioapic.c - unit tests of the I/O APIC, its messages caught by a
 * sink that records them instead of handing them to KVM
 */
#include <config.h>

#include <string.h>

#include "check.h"
#include "devices/ioapic.h"
#include "mmio.h"

#define MAX_RECORDS 64

struct record {
	unsigned pin;
	struct msi msi;
};

static struct mmio_bus bus;
static struct ioapic ioapic;
static struct record deliveries[MAX_RECORDS], routes[MAX_RECORDS];
static unsigned delivered, routed;
static bool fail_deliver, fail_route;

static void keep(struct record *records, unsigned *count, struct record r)
{
	if (*count < MAX_RECORDS)
		records[*count] = r;
	(*count)++;
}

static int fake_deliver(void *opaque, unsigned pin, struct msi msi)
{
	CHECK(opaque == &bus);
	keep(deliveries, &delivered, (struct record){ .pin = pin, .msi = msi });
	return fail_deliver ? -1 : 0;
}

static int fake_route(void *opaque, unsigned pin, struct msi msi)
{
	CHECK(opaque == &bus);
	keep(routes, &routed, (struct record){ .pin = pin, .msi = msi });
	return fail_route ? -1 : 0;
}

static const struct msi_sink sink = {
	.deliver = fake_deliver, .route = fake_route, .opaque = &bus,
};

static void setup(void)
{
	delivered = 0;
	routed = 0;
	fail_deliver = false;
	fail_route = false;
	mmio_init(&bus);
	ioapic_init(&ioapic, &sink);
	CHECK(ioapic_attach(&ioapic, &bus) == 0);
}

static void mmio_write(uint64_t offset, unsigned size, uint64_t value)
{
	uint8_t data[8];

	for (unsigned b = 0; b < size; b++)
		data[b] = (uint8_t)(value >> (8 * b));
	CHECK(mmio_access(&bus, true, IOAPIC_ADDRESS + offset, size, data)
	      == 0);
}

/* What a read of SIZE bytes gives, the bytes it does not reach 0xaa. */
static uint64_t mmio_read(uint64_t offset, unsigned size)
{
	uint8_t data[8];
	uint64_t value = 0;

	memset(data, 0xaa, sizeof(data));
	CHECK(mmio_access(&bus, false, IOAPIC_ADDRESS + offset, size, data)
	      == 0);
	for (unsigned b = 0; b < 8; b++)
		value |= (uint64_t)data[b] << (8 * b);
	return value;
}

static void reg_write(uint32_t index, uint32_t value)
{
	mmio_write(0x00, 4, index);
	mmio_write(0x10, 4, value);
}

static uint32_t reg_read(uint32_t index)
{
	mmio_write(0x00, 4, index);
	return (uint32_t)mmio_read(0x10, 4);
}

/* High dword first, as Linux writes an entry, so the low one unmasks. */
static void set_entry(unsigned pin, uint64_t entry)
{
	reg_write(0x11 + 2 * pin, (uint32_t)(entry >> 32));
	reg_write(0x10 + 2 * pin, (uint32_t)entry);
}

static uint64_t get_entry(unsigned pin)
{
	return (uint64_t)reg_read(0x11 + 2 * pin) << 32 |
	       reg_read(0x10 + 2 * pin);
}

#define LEVEL (UINT64_C(1) << 15)
#define MASKED (UINT64_C(1) << 16)
#define REMOTE_IRR (UINT64_C(1) << 14)
#define LOGICAL (UINT64_C(1) << 11)
#define DEST(d) ((uint64_t)(d) << 56)
#define MODE(m) ((uint64_t)(m) << 8)

static void test_registers(void)
{
	struct mmio_bus other;

	setup();
	CHECK(routed == 0);		/* neither init nor attach routes */
	CHECK(ioapic_attach(&ioapic, &bus) < 0);
	CHECK(reg_read(0x01) == 0x00170020);
	CHECK(reg_read(0x00) == 0);

	/* Only the ID's four bits are kept; arbitration follows them. */
	reg_write(0x00, 0xffffffff);
	CHECK(reg_read(0x00) == 0x0f000000);
	CHECK(reg_read(0x02) == 0x0f000000);
	reg_write(0x00, 0x05000000);
	reg_write(0x02, 0x0a000000);
	CHECK(reg_read(0x02) == 0x05000000);
	reg_write(0x01, 0);
	CHECK(reg_read(0x01) == 0x00170020);

	/* After reset every entry is masked, the rest 0. */
	CHECK(get_entry(0) == MASKED);
	CHECK(get_entry(23) == MASKED);
	reg_write(0x10 + 2 * 3, 0x0001a9b5);
	reg_write(0x11 + 2 * 3, 0xab000000);
	CHECK(reg_read(0x10 + 2 * 3) == 0x0001a9b5);
	CHECK(reg_read(0x11 + 2 * 3) == 0xab000000);
	CHECK(get_entry(2) == MASKED && get_entry(4) == MASKED);

	/* Delivery status and remote IRR are the device's. */
	reg_write(0x10 + 2 * 5, 0xffffffff);
	CHECK(reg_read(0x10 + 2 * 5) == 0xffffafff);
	set_entry(6, LEVEL | 0x40);
	ioapic_set_irq(&ioapic, 6, true);
	CHECK(get_entry(6) & REMOTE_IRR);
	reg_write(0x10 + 2 * 6, (uint32_t)(LEVEL | 0x40));
	CHECK(get_entry(6) & REMOTE_IRR);

	/* Past the table, and registers that are none: 0, writes dropped. */
	CHECK(reg_read(0x03) == 0 && reg_read(0x0f) == 0);
	CHECK(reg_read(0x40) == 0 && reg_read(0xff) == 0);
	reg_write(0x40, 0x12345678);
	CHECK(reg_read(0x40) == 0);

	/* IOREGSEL keeps its low 8 bits. */
	mmio_write(0x00, 4, 0x1ff);
	CHECK(mmio_read(0x00, 4) == 0xaaaaaaaa000000ff);

	/* Narrow and wide accesses reach the low dword. */
	mmio_write(0x00, 1, 0x01);
	CHECK(mmio_read(0x10, 1) == 0xaaaaaaaaaaaaaa20);
	CHECK(mmio_read(0x10, 2) == 0xaaaaaaaaaaaa0020);
	CHECK(mmio_read(0x10, 8) == 0x00170020);
	mmio_write(0x00, 8, 0xffffffff00000000 | (0x11 + 2 * 3));
	CHECK(mmio_read(0x00, 4) == 0xaaaaaaaa00000000 + 0x11 + 2 * 3);
	mmio_write(0x10, 8, 0x1122334455000000);
	CHECK(reg_read(0x11 + 2 * 3) == 0x55000000);

	/* Elsewhere in the 4 KiB: reads 0, writes go nowhere. */
	mmio_write(0x00, 4, 0x01);
	CHECK(mmio_read(0x20, 4) == 0xaaaaaaaa00000000);
	CHECK(mmio_read(0x40, 4) == 0xaaaaaaaa00000000);
	CHECK(mmio_read(0xffc, 4) == 0xaaaaaaaa00000000);
	CHECK(mmio_read(0x11, 1) == 0xaaaaaaaaaaaaaa00);
	mmio_write(0x04, 4, 0x00);
	mmio_write(0x20, 4, 0x00);
	CHECK(mmio_read(0x00, 4) == 0xaaaaaaaa00000001);

	/* The range is the I/O APIC's 4 KiB, no more. */
	mmio_init(&other);
	CHECK(ioapic_attach(&ioapic, &other) == 0);
	CHECK(other.count == 1 && other.ranges[0].base == 0xfec00000);
	CHECK(other.ranges[0].length == 0x1000);
	CHECK(strcmp(other.ranges[0].ops->name, "I/O APIC") == 0);
}

static void test_msi(void)
{
	setup();
	set_entry(1, DEST(0x5a) | LOGICAL | MODE(1) | 0x41);
	ioapic_set_irq(&ioapic, 1, true);
	CHECK(delivered == 1 && deliveries[0].pin == 1);
	CHECK(deliveries[0].msi.address == 0xfee5a004);
	CHECK(deliveries[0].msi.data == 0x0141);

	set_entry(9, DEST(0x03) | LEVEL | 0x30);
	ioapic_set_irq(&ioapic, 9, true);
	CHECK(delivered == 2 && deliveries[1].pin == 9);
	CHECK(deliveries[1].msi.address == 0xfee03000);
	CHECK(deliveries[1].msi.data == 0xc030);

	/* ExtINT goes as any other message: the local APIC takes it. */
	set_entry(0, DEST(0xff) | MODE(7));
	ioapic_set_irq(&ioapic, 0, true);
	CHECK(delivered == 3 && deliveries[2].pin == 0);
	CHECK(deliveries[2].msi.address == 0xfeeff000);
	CHECK(deliveries[2].msi.data == 0x0700);

	/* The route is the same message. */
	CHECK(routed == 6 && routes[3].pin == 9);
	CHECK(routes[3].msi.address == 0xfee03000);
	CHECK(routes[3].msi.data == 0xc030);
}

static void test_masking(void)
{
	setup();
	CHECK(ioapic_masked(&ioapic, 2));
	CHECK(ioapic_masked(&ioapic, 24) && ioapic_masked(&ioapic, 1000));

	/* An edge while masked is lost: unmasking sends nothing. */
	set_entry(2, MASKED | 0x22);
	ioapic_set_irq(&ioapic, 2, true);
	ioapic_set_irq(&ioapic, 2, false);
	CHECK(delivered == 0);
	set_entry(2, 0x22);
	CHECK(!ioapic_masked(&ioapic, 2));
	CHECK(delivered == 0);
	ioapic_set_irq(&ioapic, 2, true);
	CHECK(delivered == 1 && deliveries[0].pin == 2);
	CHECK((deliveries[0].msi.data & 0xff) == 0x22);
	ioapic_set_irq(&ioapic, 2, false);
	set_entry(2, 0x22);
	CHECK(delivered == 1);

	/* Masked with no edge, unmasking sends nothing. */
	set_entry(3, MASKED | 0x23);
	set_entry(3, 0x23);
	CHECK(delivered == 1);

	/* A level line up while masked interrupts on unmask. */
	set_entry(5, LEVEL | MASKED | 0x25);
	ioapic_set_irq(&ioapic, 5, true);
	CHECK(delivered == 1);
	CHECK(!(get_entry(5) & REMOTE_IRR));
	set_entry(5, LEVEL | 0x25);
	CHECK(delivered == 2 && deliveries[1].pin == 5);
	CHECK(get_entry(5) & REMOTE_IRR);

	/* One that fell before the unmask does not. */
	set_entry(7, LEVEL | MASKED | 0x27);
	ioapic_set_irq(&ioapic, 7, true);
	ioapic_set_irq(&ioapic, 7, false);
	set_entry(7, LEVEL | 0x27);
	CHECK(delivered == 2);

	/* Nor does a lost edge come back as the entry changes mode. */
	set_entry(13, MASKED | 0x2d);
	ioapic_set_irq(&ioapic, 13, true);
	ioapic_set_irq(&ioapic, 13, false);
	set_entry(13, LEVEL | MASKED | 0x2d);
	set_entry(13, 0x2d);
	CHECK(delivered == 2);

	/* Lines past the pins are ignored. */
	ioapic_set_irq(&ioapic, 24, true);
	ioapic_set_irq(&ioapic, 31, true);
	ioapic_set_irq(&ioapic, 1000, true);
	CHECK(ioapic.lines == 1u << 5 && delivered == 2);
}

static void test_edge(void)
{
	setup();
	set_entry(4, 0x34);
	ioapic_set_irq(&ioapic, 4, true);
	CHECK(delivered == 1);
	ioapic_set_irq(&ioapic, 4, true);
	CHECK(delivered == 1);		/* staying high is no edge */
	ioapic_set_irq(&ioapic, 4, false);
	CHECK(delivered == 1);
	ioapic_set_irq(&ioapic, 4, true);
	CHECK(delivered == 2);

	/* No remote IRR: an EOI changes nothing, the next edge goes. */
	CHECK(!(get_entry(4) & REMOTE_IRR));
	ioapic_eoi(&ioapic, 0x34);
	CHECK(delivered == 2);
	ioapic_set_irq(&ioapic, 4, false);
	ioapic_set_irq(&ioapic, 4, true);
	CHECK(delivered == 3);
	CHECK(deliveries[2].pin == 4 && deliveries[2].msi.data == 0x34);

	/* A line already up when the entry is unmasked was no edge then. */
	set_entry(8, MASKED | 0x38);
	set_entry(8, 0x38);
	ioapic_set_irq(&ioapic, 8, true);
	CHECK(delivered == 4);
	set_entry(8, MASKED | 0x38);
	set_entry(8, 0x38);
	CHECK(delivered == 4);
}

static void test_level(void)
{
	setup();
	set_entry(10, LEVEL | 0x60);
	ioapic_set_irq(&ioapic, 10, true);
	CHECK(delivered == 1 && (get_entry(10) & REMOTE_IRR));

	/* Not again while remote IRR is set, however the line moves. */
	ioapic_set_irq(&ioapic, 10, true);
	ioapic_set_irq(&ioapic, 10, false);
	ioapic_set_irq(&ioapic, 10, true);
	CHECK(delivered == 1);
	ioapic_eoi(&ioapic, 0x61);	/* another vector's */
	CHECK(delivered == 1 && (get_entry(10) & REMOTE_IRR));

	/* The EOI of a line still up: it interrupts again. */
	ioapic_eoi(&ioapic, 0x60);
	CHECK(delivered == 2 && deliveries[1].pin == 10);
	CHECK(get_entry(10) & REMOTE_IRR);

	/* The EOI of a line down: served, nothing more. */
	ioapic_set_irq(&ioapic, 10, false);
	ioapic_eoi(&ioapic, 0x60);
	CHECK(delivered == 2 && !(get_entry(10) & REMOTE_IRR));
	ioapic_set_irq(&ioapic, 10, true);
	CHECK(delivered == 3 && (get_entry(10) & REMOTE_IRR));

	/* The EOI register does the same. */
	mmio_write(0x40, 4, 0x61);
	CHECK(delivered == 3);
	mmio_write(0x40, 4, 0x60);
	CHECK(delivered == 4 && (get_entry(10) & REMOTE_IRR));
	ioapic_set_irq(&ioapic, 10, false);
	mmio_write(0x40, 1, 0x60);
	CHECK(delivered == 4 && !(get_entry(10) & REMOTE_IRR));

	/* Masked, an EOI serves it but sends nothing. */
	ioapic_set_irq(&ioapic, 10, true);
	CHECK(delivered == 5);
	set_entry(10, LEVEL | MASKED | 0x60);
	ioapic_eoi(&ioapic, 0x60);
	CHECK(delivered == 5 && !(get_entry(10) & REMOTE_IRR));
	set_entry(10, LEVEL | 0x60);
	CHECK(delivered == 6);

	/* Made edge-triggered, the entry forgets remote IRR. */
	CHECK(get_entry(10) & REMOTE_IRR);
	set_entry(10, 0x60);
	CHECK(!(get_entry(10) & REMOTE_IRR));
	CHECK(delivered == 6);
}

static void test_eoi_broadcast(void)
{
	setup();
	set_entry(3, LEVEL | 0x50);
	set_entry(4, LEVEL | 0x50);
	set_entry(6, LEVEL | 0x51);
	ioapic_set_irq(&ioapic, 3, true);
	ioapic_set_irq(&ioapic, 4, true);
	ioapic_set_irq(&ioapic, 6, true);
	CHECK(delivered == 3);

	/* One EOI serves both pins with the vector, not the other. */
	ioapic_eoi(&ioapic, 0x50);
	CHECK(delivered == 5);
	CHECK(deliveries[3].pin == 3 && deliveries[4].pin == 4);
	ioapic_set_irq(&ioapic, 3, false);
	ioapic_set_irq(&ioapic, 4, false);
	ioapic_eoi(&ioapic, 0x50);
	CHECK(delivered == 5);
	CHECK(!(get_entry(3) & REMOTE_IRR) && !(get_entry(4) & REMOTE_IRR));
	CHECK(get_entry(6) & REMOTE_IRR);
	ioapic_eoi(&ioapic, 0x51);
	CHECK(delivered == 6 && deliveries[5].pin == 6);
}

static void test_route(void)
{
	setup();
	reg_write(0x11 + 2 * 7, 0x02000000);
	CHECK(routed == 1 && routes[0].pin == 7);
	CHECK(routes[0].msi.address == 0xfee02000);
	reg_write(0x10 + 2 * 7, (uint32_t)(LEVEL | 0x47));
	CHECK(routed == 2 && routes[1].pin == 7);
	CHECK(routes[1].msi.address == 0xfee02000);
	CHECK(routes[1].msi.data == 0xc047);
	reg_write(0x10 + 2 * 7, (uint32_t)(MASKED | LEVEL | 0x47));
	/* A masked pin is routed too, for the EOI of one in flight. */
	CHECK(routed == 3 && routes[2].pin == 7);
	CHECK(routes[2].msi.data == 0xc047);

	/* Every write routes, if nothing changed, and the last pin too. */
	reg_write(0x10 + 2 * 7, (uint32_t)(MASKED | LEVEL | 0x47));
	CHECK(routed == 4 && routes[3].pin == 7);
	reg_write(0x11 + 2 * 23, 0);
	CHECK(routed == 5 && routes[4].pin == 23);

	/* Other registers do not route. */
	reg_write(0x00, 0x01000000);
	reg_write(0x40, 0);
	mmio_write(0x40, 4, 0x47);
	ioapic_set_irq(&ioapic, 7, true);
	CHECK(routed == 5);
}

/*
 * A level-triggered interrupt in flight keeps its route, whatever the
 * guest writes, until its EOI: then the entry's own comes in.
 */
static void test_route_in_flight(void)
{
	setup();
	set_entry(13, LEVEL | 0x64);
	ioapic_set_irq(&ioapic, 13, true);
	CHECK(delivered == 1 && (get_entry(13) & REMOTE_IRR));
	ioapic_set_irq(&ioapic, 13, false);

	/* A new CPU and vector: the route stays the interrupt's. */
	routed = 0;
	reg_write(0x11 + 2 * 13, 0x01000000);
	reg_write(0x10 + 2 * 13, (uint32_t)(LEVEL | 0x65));
	CHECK(routed == 2 && routes[1].pin == 13);
	CHECK(routes[1].msi.address == 0xfee00000);
	CHECK((routes[1].msi.data & 0xff) == 0x64);

	/* The EOI is the old vector's, and brings the new route in. */
	ioapic_eoi(&ioapic, 0x65);
	CHECK(get_entry(13) & REMOTE_IRR);
	CHECK(routed == 2);
	ioapic_eoi(&ioapic, 0x64);
	CHECK(!(get_entry(13) & REMOTE_IRR));
	CHECK(routed == 3 && routes[2].msi.address == 0xfee01000);
	CHECK((routes[2].msi.data & 0xff) == 0x65);

	/* With nothing changed, an EOI routes nothing. */
	ioapic_set_irq(&ioapic, 13, true);
	ioapic_set_irq(&ioapic, 13, false);
	ioapic_eoi(&ioapic, 0x65);
	CHECK(delivered == 2 && routed == 3);
}

static void test_sink_failure(void)
{
	setup();
	CHECK(ioapic.error == 0);
	set_entry(11, LEVEL | 0x70);
	CHECK(ioapic.error == 0);

	/* A failed delivery is kept; the device goes on as if sent. */
	fail_deliver = true;
	ioapic_set_irq(&ioapic, 11, true);
	CHECK(ioapic.error == -1 && delivered == 1);
	CHECK(get_entry(11) & REMOTE_IRR);
	fail_deliver = false;
	ioapic_eoi(&ioapic, 0x70);
	CHECK(ioapic.error == -1 && delivered == 2);

	/* A failed route too, and the unmask it came with still delivers. */
	setup();
	fail_route = true;
	set_entry(12, LEVEL | MASKED | 0x72);
	CHECK(ioapic.error == -1 && routed == 2);
	fail_route = false;
	ioapic_set_irq(&ioapic, 12, true);
	set_entry(12, LEVEL | 0x72);
	CHECK(delivered == 1 && ioapic.error == -1);
}

int main(void)
{
	RUN_TEST(test_registers);
	RUN_TEST(test_msi);
	RUN_TEST(test_masking);
	RUN_TEST(test_edge);
	RUN_TEST(test_level);
	RUN_TEST(test_eoi_broadcast);
	RUN_TEST(test_route);
	RUN_TEST(test_route_in_flight);
	RUN_TEST(test_sink_failure);
	return CHECK_STATUS();
}
