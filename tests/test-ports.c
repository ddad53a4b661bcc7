/*
 * test-ports.c - random port I/O against the whole machine: random
 * ports (mostly the devices' own), widths, counts, directions and
 * values, with interrupts acknowledged and events advanced between
 * them, as a guest could do in any order.  Run under the sanitizers (as
 * CI does) it shows that no sequence reaches undefined behaviour; in
 * any build it checks that each interrupt acknowledged goes into
 * service above those already there, with the vector of its input.
 *
 * TEST_PORTS_SEED and TEST_PORTS_ROUNDS change the seed (default 1)
 * and the number of accesses (default 200000).
 */
#include <config.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "check.h"
#include "machine.h"

/* The ports a guest is most likely to reach something through. */
static const uint16_t interesting[] = {
	0x20, 0x21, 0xa0, 0xa1, 0x40, 0x41, 0x42, 0x43, 0x60, 0x61, 0x64, 0x70, 0x71,
	0x80, 0x92, 0xcf8, 0xcf9, 0xcfc, 0x3f8, 0x3f9, 0x3fa, 0x3fb, 0x3fc,
	0x3fd, 0x3fe, 0x3ff, 0xf4, 0xffff,
};

/* xorshift64: small, and the same sequence everywhere for a seed. */
static uint64_t next(uint64_t *state)
{
	*state ^= *state << 13;
	*state ^= *state >> 7;
	*state ^= *state << 17;
	return *state;
}

static uint16_t pick_port(uint64_t r)
{
	size_t n = sizeof(interesting) / sizeof(interesting[0]);

	if (r % 8 == 0)
		return (uint16_t)(r >> 8);
	return (uint16_t)(interesting[(r >> 8) % n] + (r >> 32) % 3 - 1);
}

/*
 * A pending request goes into the master's service, outranking what is
 * there already (fixed priority: a lower input number), and its vector
 * is its input's, or one of the slave's for the cascade input.
 */
static void check_acknowledge(struct pic *pic)
{
	uint8_t before = pic->master.isr;
	uint8_t vector = pic_acknowledge(pic);
	unsigned added = pic->master.isr & ~before & 0xffu;

	if (pic->master.auto_eoi)
		return;
	CHECK(added && !(added & (added - 1)));
	if (!added)
		return;
	CHECK(!before || added < (before & -before));
	if (added == 1u << PIC_CASCADE_IRQ && !pic->master.single)
		CHECK(vector >= pic->slave.vector_base &&
		      vector < pic->slave.vector_base + 8);
	else
		CHECK(vector == pic->master.vector_base + __builtin_ctz(added));
}

static void one_access(struct machine *machine, uint64_t *state)
{
	static const unsigned sizes[] = { 1, 2, 4 };
	uint64_t r = next(state);
	uint8_t data[16];
	unsigned size = sizes[r % 3], count = 1 + (r >> 2) % 4;

	for (unsigned i = 0; i < sizeof(data); i++)
		data[i] = (uint8_t)(next(state) >> 24);
	bus_io(&machine->bus, (r >> 4) & 1, pick_port(next(state)), size,
	       count, data);
}

int main(void)
{
	const char *seed = getenv("TEST_PORTS_SEED");
	const char *rounds = getenv("TEST_PORTS_ROUNDS");
	uint64_t state = seed ? strtoull(seed, NULL, 0) | 1 : 1;
	long n = rounds ? atol(rounds) : 200000;
	struct machine machine;
	int null = open("/dev/null", O_RDWR);

	/* The UART's output and input: nowhere and nothing. */
	CHECK(null >= 0 && freopen("/dev/null", "w", stdout) != NULL);
	CHECK(dup2(null, STDIN_FILENO) == STDIN_FILENO);
	CHECK(machine_init(&machine, 0x3f8, 0xf4, 1, false) == 0);
	for (long i = 0; i < n; i++) {
		one_access(&machine, &state);
		if (next(&state) % 4 == 0)
			events_advance(&machine.events, clock_now());
		if (pic_pending(&machine.pic))
			check_acknowledge(&machine.pic);
		events_deadline(&machine.events);
	}
	close(null);
	return CHECK_STATUS();
}
