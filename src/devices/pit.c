/* pit.c - the timer: an 8254 PIT, and port 0x61 that gates its speaker */
#include <config.h>

#include "devices/pit.h"

#define NS 1000000000
#define PIT_CONTROL 3		/* the control word's offset */
#define READ_BACK 3		/* the control word's counter field for it */
#define CONTROL_B_GATE2 0x01
#define CONTROL_B_WRITABLE 0x0f	/* gate, speaker, parity and channel checks */
#define CONTROL_B_REFRESH 0x10	/* toggles every 15.085 us on a PC */
#define CONTROL_B_OUT2 0x20
#define REFRESH_NS 15085
#define STATUS_OUTPUT 0x80
#define STATUS_NULL_COUNT 0x40

void pit_init(struct pit *pit, struct irq irq, int64_t (*now)(void))
{
	*pit = (struct pit){ .irq = irq, .now = now };
	/* In mode 3, as a BIOS leaves them, but not counting until loaded. */
	for (int i = 0; i < 3; i++)
		pit->counter[i] = (struct pit_counter){
			.gate = i != 2,	/* counter 2's gate is port 0x61's bit 0 */
			.mode = 3,
			.access = 3,
			.control = 0x36,
		};
}

static uint64_t ns_to_ticks(int64_t ns)
{
	return (uint64_t)(ns / NS) * PIT_HZ + (uint64_t)(ns % NS) * PIT_HZ / NS;
}

/* The first time at or after which TICKS have passed. */
static int64_t ticks_to_ns(uint64_t ticks)
{
	return (int64_t)(ticks / PIT_HZ * NS +
			 ((ticks % PIT_HZ) * NS + PIT_HZ - 1) / PIT_HZ);
}

static uint64_t period(const struct pit_counter *c)
{
	return c->reload ? c->reload : 0x10000;
}

static uint64_t ticks(const struct pit_counter *c, int64_t now)
{
	if (!c->counting)
		return c->paused;
	return now > c->start ? ns_to_ticks(now - c->start) : 0;
}

/*
 * Mode 3 counts down by two, twice a period; an odd count is taken as
 * the even one below it, and halves as long.
 */
static uint16_t count(const struct pit_counter *c, int64_t now)
{
	uint64_t n = ticks(c, now), p = period(c);

	switch (c->mode) {
	case 2:
		return (uint16_t)(p - n % p);
	case 3:
		return (uint16_t)((p & ~1ull) - 2 * (n % (p / 2 ? p / 2 : 1)));
	default:	/* 0, 1, 4, 5: wraps past terminal count and goes on */
		return (uint16_t)(p - n);
	}
}

/* The output pin, as the datasheet's waveform for each mode. */
static bool output(const struct pit_counter *c, int64_t now)
{
	uint64_t n = ticks(c, now), p = period(c);

	if (!c->loaded)
		return c->mode != 0;
	switch (c->mode) {
	case 0:
		return n >= p;
	case 1:
		return !c->counting || n >= p;
	case 2:
		return !c->counting || n % p != p - 1;
	case 3:
		return !c->counting || n % p < (p + 1) / 2;
	default:	/* 4, 5: low for the one clock after terminal count */
		return n != p;
	}
}

/* How many rising edges the output has made since the count was loaded. */
static uint64_t edges(const struct pit_counter *c, int64_t now)
{
	uint64_t n = ticks(c, now), p = period(c);

	if (!c->loaded)
		return 0;
	switch (c->mode) {
	case 0:
	case 1:
		return n >= p;
	case 2:
	case 3:
		return n / p;
	default:
		return n > p;
	}
}

/* When the next rising edge comes, if counter 0 is counting towards one. */
static int64_t next_edge(const struct pit_counter *c)
{
	uint64_t p = period(c);

	if (!c->counting)
		return -1;
	switch (c->mode) {
	case 2:
	case 3:
		return c->start + ticks_to_ns((c->edges + 1) * p);
	case 0:
	case 1:
		return c->edges ? -1 : c->start + ticks_to_ns(p);
	default:
		return c->edges ? -1 : c->start + ticks_to_ns(p + 1);
	}
}

static void start_counting(struct pit_counter *c, int64_t now, uint64_t from)
{
	c->counting = true;
	c->paused = 0;
	c->start = now - ticks_to_ns(from);
}

static void stop_counting(struct pit_counter *c, int64_t now)
{
	c->paused = ticks(c, now);
	c->counting = false;
}

/*
 * A count takes effect as soon as it is written, in every mode (modes 2
 * and 3 on the chip wait for the current period to end).  Modes 1 and 5
 * wait for a rising gate.
 */
/*
 * Counter 0's line falls when a new mode or count starts its output low
 * (mode 0); it rises only at the output's rising edges, which
 * pit_advance passes on.  A control word that starts the output high is
 * not an edge: the first request comes a period later, as a guest that
 * counts ticks expects.
 */
static void lower_irq_if_low(struct pit *pit, const struct pit_counter *c,
			     int64_t now)
{
	if (c == &pit->counter[0] && !output(c, now))
		irq_set(&pit->irq, false);
}

static void load(struct pit *pit, struct pit_counter *c, uint16_t value)
{
	int64_t now = pit->now();

	c->reload = value;
	c->loaded = true;
	c->null_count = false;
	c->edges = 0;
	c->paused = 0;
	c->counting = false;
	if (c->gate && c->mode != 1 && c->mode != 5)
		start_counting(c, now, 0);
	lower_irq_if_low(pit, c, now);
}

/*
 * A low gate holds the count in modes 0 and 4 and the output high in
 * modes 2 and 3; a rising one resumes modes 0 and 4 and restarts the
 * others from the count written.
 */
static void set_gate(struct pit_counter *c, bool gate, int64_t now)
{
	bool resume = c->mode == 0 || c->mode == 4;

	if (gate == c->gate)
		return;
	c->gate = gate;
	if (!c->loaded)
		return;
	if (!gate && c->mode != 1 && c->mode != 5)
		stop_counting(c, now);
	else if (gate) {
		if (!resume)
			c->edges = 0;
		start_counting(c, now, resume ? c->paused : 0);
	}
}

static uint8_t status(const struct pit_counter *c, int64_t now)
{
	return (output(c, now) ? STATUS_OUTPUT : 0) |
	       (c->null_count ? STATUS_NULL_COUNT : 0) | c->control;
}

static void latch_count(struct pit_counter *c, int64_t now)
{
	if (c->count_latched)
		return;		/* the first latch holds until it is read */
	c->count_latched = true;
	c->latch = count(c, now);
}

static void latch_status(struct pit_counter *c, int64_t now)
{
	if (c->status_latched)
		return;
	c->status_latched = true;
	c->status = status(c, now);
}

/* Read-back: bit 5 clear latches counts, bit 4 clear statuses. */
static void read_back(struct pit *pit, uint8_t value, int64_t now)
{
	for (int i = 0; i < 3; i++) {
		if (!(value & (2u << i)))
			continue;
		if (!(value & 0x20))
			latch_count(&pit->counter[i], now);
		if (!(value & 0x10))
			latch_status(&pit->counter[i], now);
	}
}

static void write_control(struct pit *pit, uint8_t value)
{
	unsigned select = value >> 6, access = (value >> 4) & 3;
	int64_t now = pit->now();
	struct pit_counter *c = &pit->counter[select % 3];

	if (select == READ_BACK) {
		read_back(pit, value, now);
		return;
	}
	if (access == 0) {
		latch_count(c, now);
		return;
	}
	*c = (struct pit_counter){
		.gate = c->gate,
		.mode = ((value >> 1) & 7) >= 6 ? ((value >> 1) & 3) :
			((value >> 1) & 7),
		.access = (uint8_t)access,
		.control = value & 0x3f,
		.null_count = true,
	};
	lower_irq_if_low(pit, c, now);
}

static void write_count(struct pit *pit, struct pit_counter *c, uint8_t value)
{
	switch (c->access) {
	case 1:
		load(pit, c, value);
		break;
	case 2:
		load(pit, c, (uint16_t)(value << 8));
		break;
	default:
		if (!c->write_high) {
			c->low_byte = value;
			c->write_high = true;
			/* Mode 0 stops counting on the first byte of a new count. */
			if (c->mode == 0 && c->counting)
				stop_counting(c, pit->now());
			break;
		}
		c->write_high = false;
		load(pit, c, (uint16_t)(c->low_byte | value << 8));
		break;
	}
}

/* The status, a latched count or the live count, as the access says. */
static uint8_t read_counter(struct pit *pit, struct pit_counter *c)
{
	uint16_t value;
	bool high;

	if (c->status_latched) {
		c->status_latched = false;
		return c->status;
	}
	value = c->count_latched ? c->latch : count(c, pit->now());
	high = c->access == 2 || (c->access == 3 && c->read_high);
	if (c->access == 3)
		c->read_high = !c->read_high;
	if (c->access != 3 || !c->read_high)
		c->count_latched = false;
	return high ? (uint8_t)(value >> 8) : (uint8_t)value;
}

static uint8_t pit_in(void *device, uint16_t offset)
{
	struct pit *pit = device;

	if (offset == PIT_CONTROL)
		return 0xff;	/* the control word is write-only */
	return read_counter(pit, &pit->counter[offset]);
}

static int pit_out(void *device, uint16_t offset, uint8_t value)
{
	struct pit *pit = device;

	if (offset == PIT_CONTROL)
		write_control(pit, value);
	else
		write_count(pit, &pit->counter[offset], value);
	return 0;
}

static uint8_t control_b_in(void *device, uint16_t offset)
{
	struct pit *pit = device;
	int64_t now = pit->now();

	(void)offset;
	return pit->control_b |
	       ((now / REFRESH_NS) & 1 ? CONTROL_B_REFRESH : 0) |
	       (output(&pit->counter[2], now) ? CONTROL_B_OUT2 : 0);
}

static int control_b_out(void *device, uint16_t offset, uint8_t value)
{
	struct pit *pit = device;

	(void)offset;
	pit->control_b = value & CONTROL_B_WRITABLE;
	set_gate(&pit->counter[2], value & CONTROL_B_GATE2, pit->now());
	return 0;
}

/* Each rising edge of counter 0 is one request on IRQ 0; late ones merge. */
static void pit_advance(void *device, int64_t now)
{
	struct pit *pit = device;
	struct pit_counter *c = &pit->counter[0];
	uint64_t e = edges(c, now);

	if (e <= c->edges)
		return;
	c->edges = e;
	irq_set(&pit->irq, false);
	irq_set(&pit->irq, true);
}

static int64_t pit_deadline(const void *device)
{
	const struct pit *pit = device;

	if (irq_masked(&pit->irq))
		return -1;
	return next_edge(&pit->counter[0]);
}

static int pit_wake_fd(const void *device)
{
	(void)device;
	return -1;
}

static const struct port_ops pit_ops = {
	.name = "PIT",
	.in = pit_in,
	.out = pit_out,
};

static const struct port_ops control_b_ops = {
	.name = "system control port B",
	.in = control_b_in,
	.out = control_b_out,
};

static const struct event_ops pit_events = {
	.advance = pit_advance,
	.deadline = pit_deadline,
	.wake_fd = pit_wake_fd,
};

int pit_attach(struct pit *pit, struct bus *bus, struct events *events)
{
	if (bus_register(bus, PIT_PORT, PIT_PORTS, &pit_ops, pit) < 0 ||
	    bus_register(bus, SYSTEM_CONTROL_B, 1, &control_b_ops, pit) < 0)
		return -1;
	return events_add(events, &pit_events, pit);
}
