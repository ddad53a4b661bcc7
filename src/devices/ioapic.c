/*
 * ioapic.c - the I/O APIC (82093AA): 24 interrupt pins, each with a
 * redirection entry that says which local APICs its interrupt goes to,
 * delivered as the message (MSI) the local APICs take
 *
 * Polarity is not emulated, as in QEMU's model: a line's level true is
 * an asserted interrupt, whatever bit 13 of its entry says.  The lines
 * come from this program's devices, which raise them to interrupt; the
 * polarity a guest programs only says how a real board wires them.
 */
#include <config.h>

#include "devices/ioapic.h"

/* The registers in the 4 KiB, by offset. */
#define IOREGSEL 0x00		/* the index of the register IOWIN reaches */
#define IOWIN 0x10
#define IOEOI 0x40		/* version 0x20: a write of a vector is an EOI */

/* The registers through IOWIN, by index. */
#define REG_ID 0x00
#define REG_VERSION 0x01
#define REG_ARBITRATION 0x02
#define REG_TABLE 0x10		/* entry N's low dword, then its high one */

#define ID_SHIFT 24
#define ID_MASK 0x0f

/* A redirection entry's fields. */
#define ENTRY_VECTOR 0xffu
#define ENTRY_DELIVERY_SHIFT 8
#define ENTRY_DELIVERY_MASK 0x7u
#define ENTRY_LOGICAL (UINT64_C(1) << 11)
#define ENTRY_STATUS (UINT64_C(1) << 12)
#define ENTRY_REMOTE_IRR (UINT64_C(1) << 14)
#define ENTRY_LEVEL (UINT64_C(1) << 15)
#define ENTRY_MASKED (UINT64_C(1) << 16)
#define ENTRY_DEST_SHIFT 56
#define ENTRY_READ_ONLY (ENTRY_STATUS | ENTRY_REMOTE_IRR)

/* The message's fields, as the local APICs (and KVM) decode them. */
#define MSI_BASE 0xfee00000u
#define MSI_DEST_SHIFT 12
#define MSI_LOGICAL (1u << 2)
#define MSI_DELIVERY_SHIFT 8
#define MSI_ASSERT (1u << 14)
#define MSI_LEVEL (1u << 15)

void ioapic_init(struct ioapic *ioapic, const struct msi_sink *sink)
{
	*ioapic = (struct ioapic){ .sink = *sink, .id = IOAPIC_ID };
	for (unsigned pin = 0; pin < IOAPIC_PINS; pin++)
		ioapic->entries[pin] = ENTRY_MASKED;
}

static bool entry_level(uint64_t entry)
{
	return entry & ENTRY_LEVEL;
}

static bool entry_masked(uint64_t entry)
{
	return entry & ENTRY_MASKED;
}

static struct msi entry_msi(uint64_t entry)
{
	uint32_t dest = (uint32_t)(entry >> ENTRY_DEST_SHIFT);
	uint32_t mode = (uint32_t)(entry >> ENTRY_DELIVERY_SHIFT) &
			ENTRY_DELIVERY_MASK;
	struct msi msi = {
		.address = MSI_BASE | dest << MSI_DEST_SHIFT,
		.data = ((uint32_t)entry & ENTRY_VECTOR) |
			mode << MSI_DELIVERY_SHIFT,
	};

	if (entry & ENTRY_LOGICAL)
		msi.address |= MSI_LOGICAL;
	if (entry_level(entry))
		msi.data |= MSI_LEVEL | MSI_ASSERT;
	return msi;
}

/* A host failure is the VM's to report; the guest's interrupts go on. */
static void note(struct ioapic *ioapic, int rc)
{
	if (rc < 0 && !ioapic->error)
		ioapic->error = rc;
}

/*
 * The sink learns a pin's message.  While a level-triggered interrupt
 * is in flight it keeps the one that interrupt went out with, whatever
 * the guest writes meanwhile: the local APIC it went to must still
 * report its EOI, which KVM does only for the vectors and CPUs its
 * routes name.  The EOI brings the entry's own message in.
 */
static void route(struct ioapic *ioapic, unsigned pin)
{
	uint64_t entry = ioapic->entries[pin];
	uint64_t message = entry & ENTRY_REMOTE_IRR ? ioapic->in_flight[pin] :
						     entry;

	note(ioapic, ioapic->sink.route(ioapic->sink.opaque, pin,
					entry_msi(message)));
}

/*
 * Remote IRR is set before the message goes, so that an EOI the sink
 * brings back at once finds the interrupt it ends.
 */
static void deliver(struct ioapic *ioapic, unsigned pin)
{
	uint64_t *entry = &ioapic->entries[pin];

	if (entry_level(*entry)) {
		*entry |= ENTRY_REMOTE_IRR;
		ioapic->in_flight[pin] = *entry;
	}
	note(ioapic, ioapic->sink.deliver(ioapic->sink.opaque, pin,
					  entry_msi(*entry)));
}

/*
 * A level-triggered pin interrupts while its line is up and the local
 * APICs have ended its last interrupt, and its entry lets it.
 */
static void service_level(struct ioapic *ioapic, unsigned pin)
{
	uint64_t entry = ioapic->entries[pin];

	if (entry_level(entry) && !entry_masked(entry) &&
	    (ioapic->lines & 1u << pin) && !(entry & ENTRY_REMOTE_IRR))
		deliver(ioapic, pin);
}

/*
 * An edge-triggered pin interrupts on its line's rising edge; one that
 * comes while it is masked is lost, as the 82093AA's datasheet says
 * (and KVM's own I/O APIC does).
 */
void ioapic_set_irq(void *device, unsigned line, bool level)
{
	struct ioapic *ioapic = device;
	uint64_t entry;
	uint32_t bit;

	if (line >= IOAPIC_PINS)
		return;
	bit = 1u << line;
	entry = ioapic->entries[line];
	if (level && !(ioapic->lines & bit) && !entry_level(entry) &&
	    !entry_masked(entry))
		deliver(ioapic, line);
	ioapic->lines = level ? ioapic->lines | bit : ioapic->lines & ~bit;
	service_level(ioapic, line);
}

bool ioapic_masked(const void *device, unsigned line)
{
	const struct ioapic *ioapic = device;

	return line >= IOAPIC_PINS || entry_masked(ioapic->entries[line]);
}

void ioapic_eoi(struct ioapic *ioapic, uint8_t vector)
{
	for (unsigned pin = 0; pin < IOAPIC_PINS; pin++) {
		uint64_t *entry = &ioapic->entries[pin];

		if (!entry_level(*entry) || !(*entry & ENTRY_REMOTE_IRR) ||
		    (ioapic->in_flight[pin] & ENTRY_VECTOR) != vector)
			continue;
		*entry &= ~ENTRY_REMOTE_IRR;
		if ((*entry ^ ioapic->in_flight[pin]) & ~ENTRY_READ_ONLY)
			route(ioapic, pin);
		service_level(ioapic, pin);
	}
}

/*
 * Remote IRR only means something while level-triggered: a change to
 * edge forgets it, so a later change back finds none stale.
 */
static void write_entry(struct ioapic *ioapic, unsigned pin, bool high,
			uint32_t value)
{
	uint64_t old = ioapic->entries[pin], entry;

	if (high) {
		entry = (old & UINT32_MAX) | (uint64_t)value << 32;
	} else {
		entry = (old & ~(uint64_t)UINT32_MAX) | value;
		entry = (entry & ~ENTRY_READ_ONLY) | (old & ENTRY_READ_ONLY);
	}
	if (!entry_level(entry))
		entry &= ~ENTRY_REMOTE_IRR;
	ioapic->entries[pin] = entry;
	route(ioapic, pin);
	service_level(ioapic, pin);
}

/* The index of a redirection entry's dword, or false if it is none. */
static bool table_index(uint32_t index, unsigned *pin, bool *high)
{
	if (index < REG_TABLE || index >= REG_TABLE + 2 * IOAPIC_PINS)
		return false;
	*pin = (index - REG_TABLE) / 2;
	*high = (index - REG_TABLE) & 1;
	return true;
}

static uint32_t read_register(const struct ioapic *ioapic)
{
	unsigned pin;
	bool high;

	switch (ioapic->select) {
	case REG_ID:
	case REG_ARBITRATION:
		return (uint32_t)ioapic->id << ID_SHIFT;
	case REG_VERSION:
		return (IOAPIC_PINS - 1) << 16 | IOAPIC_VERSION;
	}
	if (!table_index(ioapic->select, &pin, &high))
		return 0;
	if (high)
		return (uint32_t)(ioapic->entries[pin] >> 32);
	return (uint32_t)ioapic->entries[pin];
}

static void write_register(struct ioapic *ioapic, uint32_t value)
{
	unsigned pin;
	bool high;

	if (ioapic->select == REG_ID)
		ioapic->id = (value >> ID_SHIFT) & ID_MASK;
	else if (table_index(ioapic->select, &pin, &high))
		write_entry(ioapic, pin, high, value);
}

/*
 * The registers are 32-bit.  An access of another size is taken as one
 * of the low dword: a narrow read gets the low bytes of the register, a
 * wide one zeroes above it, and a write keeps only its low 32 bits.
 */
static uint64_t ioapic_read(void *device, uint64_t offset, unsigned size)
{
	struct ioapic *ioapic = device;

	(void)size;
	if (offset == IOREGSEL)
		return ioapic->select;
	if (offset == IOWIN)
		return read_register(ioapic);
	return 0;
}

static int ioapic_write(void *device, uint64_t offset, unsigned size,
			uint64_t value)
{
	struct ioapic *ioapic = device;

	(void)size;
	if (offset == IOREGSEL)
		ioapic->select = (uint32_t)value & 0xff;
	else if (offset == IOWIN)
		write_register(ioapic, (uint32_t)value);
	else if (offset == IOEOI)
		ioapic_eoi(ioapic, (uint8_t)value);
	return 0;
}

static const struct mmio_ops ioapic_ops = {
	.name = "I/O APIC",
	.read = ioapic_read,
	.write = ioapic_write,
};

int ioapic_attach(struct ioapic *ioapic, struct mmio_bus *bus)
{
	return mmio_register(bus, IOAPIC_ADDRESS, IOAPIC_SIZE, &ioapic_ops,
			     ioapic);
}
