/*
 * test-mptable.c - the MP table on byte buffers, read back as Linux's
 * mpparse reads it: the floating pointer, the configuration table and
 * its entries, and the machines it refuses
 */
#include <config.h>

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "boot/bytes.h"
#include "boot/mptable.h"
#include "check.h"

#define TABLE_ADDRESS 0xf0000u	/* where a BIOS would put it */
#define BUFFER_SIZE 4096
#define FILL 0xa5		/* what the builder did not write */
#define MAX_ENTRIES (MPTABLE_MAX_CPUS + 64)

/* The entries the parser found, by type, in the order they came. */
struct parsed {
	size_t length;		/* of the floating pointer and the table */
	const uint8_t *header;
	const uint8_t *entries[5][MAX_ENTRIES];
	unsigned count[5];
};

enum { PROCESSOR, BUS, IOAPIC, IO_INTERRUPT, LOCAL_INTERRUPT };

static uint8_t sum(const uint8_t *p, size_t size)
{
	uint8_t s = 0;

	for (size_t i = 0; i < size; i++)
		s += p[i];
	return s;
}

/* Like smp_scan_config: a "_MP_" on a 16-byte boundary that sums to 0. */
static const uint8_t *find_floating(const uint8_t *buf, size_t size)
{
	for (size_t at = 0; at + 16 <= size; at += 16) {
		const uint8_t *f = buf + at;

		if (memcmp(f, "_MP_", 4) == 0 && f[8] == 1 &&
		    sum(f, 16) == 0 && (f[9] == 1 || f[9] == 4))
			return f;
	}
	return NULL;
}

/* Walks the entries after the header, as smp_read_mpc does. */
static const char *parse_entries(const uint8_t *table, size_t length,
				 struct parsed *p)
{
	size_t at = 44;
	unsigned entries = 0;
	int last = PROCESSOR;

	while (at < length) {
		uint8_t type = table[at];
		size_t size = type == PROCESSOR ? 20 : 8;

		if (type > LOCAL_INTERRUPT)
			return "an entry of unknown type";
		if (type < last)
			return "entries out of the specification's order";
		if (at + size > length)
			return "an entry beyond the table's length";
		if (p->count[type] == MAX_ENTRIES)
			return "too many entries";
		p->entries[type][p->count[type]++] = table + at;
		last = type;
		at += size;
		entries++;
	}
	if (entries != le16(table + 34))
		return "the header's entry count is not the entries'";
	return NULL;
}

/*
 * Finds the table that RESULT bytes of BUF, for guest address ADDRESS,
 * hold: NULL if it is one Linux would read, else why not.
 */
static const char *parse(const uint8_t *buf, size_t result, uint32_t address,
			 struct parsed *p)
{
	const uint8_t *f = find_floating(buf, result), *table;
	uint32_t pointer;
	size_t length;

	memset(p, 0, sizeof(*p));
	if (!f)
		return "no floating pointer";
	if (f[11] != 0)
		return "feature byte 1 is a default configuration's";
	if (f[12] != 0 || f[13] != 0 || f[14] != 0 || f[15] != 0)
		return "feature bytes 2-5 are not 0";
	pointer = le32(f + 4);
	if (pointer != address + 16)
		return "the pointer is not to the 16 bytes after it";
	table = buf + (pointer - address);
	if ((size_t)(table - buf) + 44 > result)
		return "the header lies beyond what was built";
	if (memcmp(table, "PCMP", 4) != 0)
		return "no PCMP signature";
	length = le16(table + 4);
	if (length < 44 || (size_t)(table - buf) + length != result)
		return "the base table's length is not what was built";
	if (sum(table, length) != 0)
		return "the base table's checksum";
	if (table[6] != 4)
		return "the table's revision is not 1.4's";
	if (le16(table + 40) != 0 || table[42] != 0 || table[43] != 0)
		return "an extended table";
	if (le32(table + 28) != 0 || le16(table + 32) != 0)
		return "an OEM table";
	p->length = result;
	p->header = table;
	return parse_entries(table, length, p);
}

/* Checks that the table parses, saying why not (at LINE) if not. */
static bool parses(const uint8_t *buf, size_t result, uint32_t address,
		   struct parsed *p, int line)
{
	const char *why = parse(buf, result, address, p);

	if (why)
		fprintf(stderr, "%s:%d: the table does not parse: %s\n",
			__FILE__, line, why);
	CHECK(why == NULL);
	return why == NULL;
}

static struct mptable_machine machine_of(unsigned cpus)
{
	return (struct mptable_machine){
		.cpus = cpus,
		.cpu_signature = 0x000806f8,
		.cpu_features = 0x178bfbff,
		.local_apic_address = 0xfee00000,
		.ioapic_id = 9,	/* neither a CPU's in most tests nor 0xff */
		.ioapic_address = 0xfec00000,
		.pci_irqs = {
			{ .device = 1, .pin = 1, .ioapic_pin = 10 },
			{ .device = 3, .pin = 2, .ioapic_pin = 11 },
			{ .device = 31, .pin = 4, .ioapic_pin = 11 },
			{ .device = 5, .pin = 3, .ioapic_pin = 16 },
		},
		.pci_irq_count = 4,
	};
}

static void check_header(const struct parsed *p,
			 const struct mptable_machine *m)
{
	const uint8_t *h = p->header;

	CHECK(memcmp(h + 8, "MINIVM  ", 8) == 0);
	CHECK(memcmp(h + 16, "PC          ", 12) == 0);
	CHECK(le32(h + 36) == m->local_apic_address);
}

static void check_processors(const struct parsed *p,
			     const struct mptable_machine *m)
{
	static const uint8_t zeros[8];

	CHECK(p->count[PROCESSOR] == m->cpus);
	for (unsigned i = 0; i < p->count[PROCESSOR]; i++) {
		const uint8_t *e = p->entries[PROCESSOR][i];

		CHECK(e[1] == i);
		CHECK(e[2] == 0x14);
		CHECK(e[3] == (i == 0 ? 0x03 : 0x01));
		CHECK(le32(e + 4) == m->cpu_signature);
		CHECK(le32(e + 8) == m->cpu_features);
		CHECK(memcmp(e + 12, zeros, 8) == 0);
	}
}

static void check_buses_and_ioapic(const struct parsed *p,
				   const struct mptable_machine *m)
{
	const uint8_t *e;

	CHECK(p->count[BUS] == 2);
	if (p->count[BUS] == 2) {
		e = p->entries[BUS][0];
		CHECK(e[1] == 0 && memcmp(e + 2, "PCI   ", 6) == 0);
		e = p->entries[BUS][1];
		CHECK(e[1] == 1 && memcmp(e + 2, "ISA   ", 6) == 0);
	}
	CHECK(p->count[IOAPIC] == 1);
	if (p->count[IOAPIC] == 1) {
		e = p->entries[IOAPIC][0];
		CHECK(e[1] == m->ioapic_id);
		CHECK(e[2] == 0x20);
		CHECK(e[3] == 0x01);
		CHECK(le32(e + 4) == m->ioapic_address);
	}
}

/* The PCI interrupts come first among the I/O interrupts, in order. */
static void check_pci_interrupts(const struct parsed *p,
				 const struct mptable_machine *m)
{
	CHECK(p->count[IO_INTERRUPT] >= m->pci_irq_count);
	for (unsigned i = 0; i < m->pci_irq_count &&
	     i < p->count[IO_INTERRUPT]; i++) {
		const uint8_t *e = p->entries[IO_INTERRUPT][i];
		const struct mptable_pci_irq *irq = &m->pci_irqs[i];

		CHECK(e[1] == 0);			/* INT */
		CHECK(le16(e + 2) == 0x000f);		/* level, active low */
		CHECK(e[4] == 0);			/* the PCI bus */
		CHECK(e[5] == (irq->device << 2 | (irq->pin - 1)));
		CHECK(e[6] == m->ioapic_id);
		CHECK(e[7] == irq->ioapic_pin);
	}
}

static bool pin_is_pci(const struct mptable_machine *m, unsigned pin)
{
	for (unsigned i = 0; i < m->pci_irq_count; i++)
		if (m->pci_irqs[i].ioapic_pin == pin)
			return true;
	return false;
}

/* The I/O interrupt entry from the ISA bus of TYPE and IRQ, if one. */
static const uint8_t *find_isa(const struct parsed *p, uint8_t type,
			       unsigned irq, unsigned *found)
{
	const uint8_t *match = NULL;

	*found = 0;
	for (unsigned i = 0; i < p->count[IO_INTERRUPT]; i++) {
		const uint8_t *e = p->entries[IO_INTERRUPT][i];

		if (e[1] == type && e[4] == 1 && e[5] == irq) {
			match = e;
			(*found)++;
		}
	}
	return match;
}

/*
 * ISA IRQ N on pin N, but IRQ 0 on pin 2 and no IRQ 2; the 8259A's
 * ExtINT on pin 0; none on a pin a PCI interrupt has.  Returns how many
 * ISA IRQs are listed.
 */
static unsigned check_isa_interrupts(const struct parsed *p,
				     const struct mptable_machine *m)
{
	const uint8_t *e;
	unsigned found, listed = 0;
	bool extint = !pin_is_pci(m, 0);

	for (unsigned irq = 0; irq < 16; irq++) {
		unsigned pin = irq == 0 ? 2 : irq;
		bool wanted = irq != 2 && !pin_is_pci(m, pin);

		e = find_isa(p, 0, irq, &found);
		CHECK(found == wanted);
		if (!e)
			continue;
		listed++;
		CHECK(le16(e + 2) == 0);
		CHECK(e[6] == m->ioapic_id);
		CHECK(e[7] == pin);
	}
	e = find_isa(p, 3, 0, &found);
	CHECK(found == extint);
	CHECK(!extint ||
	      (e && le16(e + 2) == 0 && e[6] == m->ioapic_id && e[7] == 0));
	/* And nothing else: no SMI, no other bus. */
	CHECK(p->count[IO_INTERRUPT] == m->pci_irq_count + listed + extint);
	return listed;
}

static void check_local_interrupts(const struct parsed *p)
{
	const uint8_t *e;

	CHECK(p->count[LOCAL_INTERRUPT] == 2);
	if (p->count[LOCAL_INTERRUPT] != 2)
		return;
	e = p->entries[LOCAL_INTERRUPT][0];
	CHECK(e[1] == 3 && le16(e + 2) == 0);		/* ExtINT */
	CHECK(e[4] == 1 && e[5] == 0);
	CHECK(e[6] == 0 && e[7] == 0);			/* BSP's LINT0 */
	e = p->entries[LOCAL_INTERRUPT][1];
	CHECK(e[1] == 1 && le16(e + 2) == 0);		/* NMI */
	CHECK(e[4] == 1 && e[5] == 0);
	CHECK(e[6] == 0xff && e[7] == 1);		/* every LINT1 */
}

/*
 * Builds M's table into a buffer of FILL, checks all of it and that
 * nothing past it was written; how many ISA IRQs it lists.
 */
static unsigned build_and_check(const struct mptable_machine *m, int line)
{
	static uint8_t buf[BUFFER_SIZE];
	struct parsed p;
	size_t result;
	unsigned isa = 0;

	memset(buf, FILL, sizeof(buf));
	result = mptable_build(buf, sizeof(buf), TABLE_ADDRESS, m);
	CHECK(result > 0 && result < sizeof(buf));
	if (result == 0 || !parses(buf, result, TABLE_ADDRESS, &p, line))
		return 0;
	CHECK(buf[result] == FILL);
	CHECK(result == 16 + 44 + 20 * m->cpus +
	      8 * (2 + 1 + p.count[IO_INTERRUPT] + 2));
	check_header(&p, m);
	check_processors(&p, m);
	check_buses_and_ioapic(&p, m);
	check_pci_interrupts(&p, m);
	isa = check_isa_interrupts(&p, m);
	check_local_interrupts(&p);
	return isa;
}

static void test_cpus(void)
{
	static const unsigned counts[] = { 1, 4, MPTABLE_MAX_CPUS };

	for (size_t i = 0; i < sizeof(counts) / sizeof(counts[0]); i++) {
		struct mptable_machine m = machine_of(counts[i]);

		/* 0-15 less 2, and 10 and 11, which PCI has. */
		CHECK(build_and_check(&m, __LINE__) == 13);
	}
}

/* The PCI bus is there with no PCI interrupts: the host bridge is. */
static void test_no_pci(void)
{
	struct mptable_machine m = machine_of(2);

	m.pci_irq_count = 0;
	CHECK(build_and_check(&m, __LINE__) == 15);
}

/*
 * A PCI interrupt on I/O APIC pin PIN takes it from the ISA entry of
 * interrupt type TYPE and bus IRQ 0 that had it, leaving ENTRIES.
 */
static void check_pci_takes_pin(uint8_t pin, unsigned type, size_t entries,
				int line)
{
	struct mptable_machine m = machine_of(1);
	unsigned found;
	uint8_t buf[BUFFER_SIZE];
	struct parsed p;
	size_t result;

	m.pci_irqs[0].ioapic_pin = pin;
	m.pci_irq_count = 1;
	CHECK(build_and_check(&m, line) == entries);
	result = mptable_build(buf, sizeof(buf), TABLE_ADDRESS, &m);
	if (parses(buf, result, TABLE_ADDRESS, &p, line))
		CHECK(!find_isa(&p, type, 0, &found) && found == 0);
}

/* The PIT's pin 2 is taken from IRQ 0. */
static void test_pci_takes_pit_pin(void)
{
	check_pci_takes_pin(2, 0, 14, __LINE__);
}

/* The 8259A's pin 0 is taken from the ExtINT, but not IRQ 0's. */
static void test_pci_takes_extint_pin(void)
{
	check_pci_takes_pin(0, 3, 15, __LINE__);
}

/* The limits themselves are fine: a table for each is built. */
static void test_limits(void)
{
	struct mptable_machine m = machine_of(MPTABLE_MAX_CPUS);

	m.pci_irq_count = MPTABLE_MAX_PCI_IRQS;
	for (unsigned i = 0; i < MPTABLE_MAX_PCI_IRQS; i++)
		m.pci_irqs[i] = (struct mptable_pci_irq){
			.device = (uint8_t)(31 - i),
			.pin = (uint8_t)(1 + i % 4),
			.ioapic_pin = (uint8_t)(16 + i),	/* 23 last */
		};
	CHECK(build_and_check(&m, __LINE__) == 15);
}

/* A buffer of exactly the size needed is enough; a byte less is not. */
static void test_size(void)
{
	struct mptable_machine m = machine_of(4);
	uint8_t buf[BUFFER_SIZE], copy[BUFFER_SIZE];
	size_t need;

	memset(buf, FILL, sizeof(buf));
	need = mptable_build(buf, sizeof(buf), TABLE_ADDRESS, &m);
	CHECK(need == 16 + 44 + 4 * 20 + (2 + 1 + 4 + 13 + 1 + 2) * 8);
	memset(buf, FILL, sizeof(buf));
	CHECK(mptable_build(buf, need, TABLE_ADDRESS, &m) == need);
	CHECK(buf[need] == FILL);

	memset(buf, FILL, sizeof(buf));
	memcpy(copy, buf, sizeof(buf));
	CHECK(mptable_build(buf, need - 1, TABLE_ADDRESS, &m) == 0);
	CHECK(buf[need - 1] == FILL);	/* the guard byte */
	CHECK(memcmp(buf, copy, sizeof(buf)) == 0);
	CHECK(mptable_build(buf, 0, TABLE_ADDRESS, &m) == 0);
	CHECK(mptable_build(buf, 16, TABLE_ADDRESS, &m) == 0);
	CHECK(memcmp(buf, copy, sizeof(buf)) == 0);
}

/* Returns whether M's table is refused, checking nothing was written. */
static bool refused(const struct mptable_machine *m, uint32_t address)
{
	uint8_t buf[BUFFER_SIZE], copy[BUFFER_SIZE];
	size_t result;

	memset(buf, FILL, sizeof(buf));
	memcpy(copy, buf, sizeof(buf));
	result = mptable_build(buf, sizeof(buf), address, m);
	CHECK(result != 0 || memcmp(buf, copy, sizeof(buf)) == 0);
	return result == 0;
}

static void test_refusals(void)
{
	struct mptable_machine m = machine_of(2);

	CHECK(!refused(&m, TABLE_ADDRESS));
	CHECK(refused(&m, TABLE_ADDRESS + 8));
	CHECK(refused(&m, TABLE_ADDRESS + 1));
	CHECK(refused(&m, 0xfffffff0u));

	/* 3 CPUs: 16 + 44 + 3 * 20 + 23 * 8 bytes, may end at 4 GiB. */
	m = machine_of(3);
	CHECK(!refused(&m, 0xfffffed0u));
	CHECK(refused(&m, 0xfffffee0u));

	m.cpus = 0;
	CHECK(refused(&m, TABLE_ADDRESS));
	m.cpus = MPTABLE_MAX_CPUS + 1;
	CHECK(refused(&m, TABLE_ADDRESS));

	m = machine_of(2);
	m.pci_irq_count = MPTABLE_MAX_PCI_IRQS + 1;
	CHECK(refused(&m, TABLE_ADDRESS));

	m = machine_of(2);
	m.pci_irqs[1].pin = 0;
	CHECK(refused(&m, TABLE_ADDRESS));
	m.pci_irqs[1].pin = 5;
	CHECK(refused(&m, TABLE_ADDRESS));

	m = machine_of(2);
	m.pci_irqs[3].device = 32;
	CHECK(refused(&m, TABLE_ADDRESS));

	m = machine_of(2);
	m.pci_irqs[2].ioapic_pin = 24;
	CHECK(refused(&m, TABLE_ADDRESS));

	/* Past pci_irq_count, nothing is read. */
	m = machine_of(2);
	m.pci_irqs[5].pin = 9;
	CHECK(!refused(&m, TABLE_ADDRESS));
}

/* The parser itself refuses what Linux would: its checks can fail. */
static void test_parser(void)
{
	struct mptable_machine m = machine_of(4);
	uint8_t buf[BUFFER_SIZE];
	struct parsed p;
	size_t result;

	result = mptable_build(buf, sizeof(buf), TABLE_ADDRESS, &m);
	CHECK(parse(buf, result, TABLE_ADDRESS, &p) == NULL);
	CHECK(parse(buf, result, TABLE_ADDRESS + 16, &p) != NULL);
	buf[10]++;				/* the floating checksum */
	CHECK(parse(buf, result, TABLE_ADDRESS, &p) != NULL);
	buf[10]--;
	buf[16 + 44 + 1]++;			/* CPU 0's ID */
	CHECK(parse(buf, result, TABLE_ADDRESS, &p) != NULL);
	buf[16 + 44 + 1]--;
	buf[16 + 34]++;				/* the entry count */
	buf[16 + 7]--;
	CHECK(parse(buf, result, TABLE_ADDRESS, &p) != NULL);
	buf[16 + 34]--;
	buf[16 + 7]++;
	CHECK(parse(buf, result, TABLE_ADDRESS, &p) == NULL);
}

int main(void)
{
	RUN_TEST(test_cpus);
	RUN_TEST(test_no_pci);
	RUN_TEST(test_pci_takes_pit_pin);
	RUN_TEST(test_pci_takes_extint_pin);
	RUN_TEST(test_limits);
	RUN_TEST(test_size);
	RUN_TEST(test_refusals);
	RUN_TEST(test_parser);
	return CHECK_STATUS();
}
