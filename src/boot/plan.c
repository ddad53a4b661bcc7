/* plan.c - the pieces a loader places in guest memory, checked */
#include <config.h>

#include "boot/plan.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "boot/layout.h"

void plan_init(struct plan *plan, const char *name)
{
	*plan = (struct plan){ .name = name };
}

void plan_release(struct plan *plan)
{
	for (size_t i = 0; i < plan->owned_count; i++)
		free(plan->owned[i]);
	free(plan->pieces);
	plan_init(plan, NULL);
}

int plan_fail(struct plan *plan, const char *format, ...)
{
	va_list ap;

	va_start(ap, format);
	vsnprintf(plan->error, sizeof(plan->error), format, ap);
	va_end(ap);
	return -1;
}

static int grow(struct plan *plan)
{
	size_t capacity = plan->capacity ? plan->capacity * 2 : 8;
	struct piece *pieces = realloc(plan->pieces,
				       capacity * sizeof(*pieces));

	if (!pieces)
		return plan_fail(plan, "out of memory planning '%s'",
				 plan->name);
	plan->pieces = pieces;
	plan->capacity = capacity;
	return 0;
}

int plan_add(struct plan *plan, uint64_t address, const uint8_t *data,
	     uint64_t size, bool minivm, const char *what, ...)
{
	struct piece *piece;
	va_list ap;

	if (size == 0)
		return 0;
	if (plan->count == plan->capacity && grow(plan) < 0)
		return -1;
	piece = &plan->pieces[plan->count++];
	*piece = (struct piece){
		.address = address, .size = size, .data = data,
		.minivm = minivm,
	};
	va_start(ap, what);
	vsnprintf(piece->what, sizeof(piece->what), what, ap);
	va_end(ap);
	return 0;
}

void *plan_alloc(struct plan *plan, size_t size)
{
	void *buf;

	if (plan->owned_count == PLAN_MAX_OWNED) {
		plan_fail(plan, "too many buffers planning '%s'", plan->name);
		return NULL;
	}
	buf = calloc(1, size ? size : 1);
	if (!buf) {
		plan_fail(plan, "out of memory planning '%s'", plan->name);
		return NULL;
	}
	plan->owned[plan->owned_count++] = buf;
	return buf;
}

/* The last byte, so that a piece ending at 2^64 still has an end. */
static uint64_t last(const struct piece *p)
{
	return p->address + (p->size - 1);
}

/* Guest RAM as "0x0-0x...", and the part above the hole if there is one. */
static void describe_ram(char *buf, size_t size, uint64_t memory)
{
	if (!ram_above_hole(memory)) {
		snprintf(buf, size, "0x0-0x%" PRIx64, memory - 1);
		return;
	}
	snprintf(buf, size, "0x0-0x%" PRIx64 " and 0x%" PRIx64 "-0x%" PRIx64,
		 RAM_HOLE_START - 1, RAM_HOLE_END, ram_end(memory) - 1);
}

/* Wholly in the RAM below the hole, or wholly in the RAM above it. */
static bool in_ram(const struct piece *p, uint64_t memory)
{
	uint64_t below = ram_below_hole(memory);
	uint64_t above = ram_above_hole(memory);
	uint64_t offset = p->address - RAM_HOLE_END;

	if (p->address < below)
		return p->size <= below - p->address;
	return p->address >= RAM_HOLE_END && offset < above &&
	       p->size <= above - offset;
}

static bool in_hole(const struct piece *p)
{
	return p->address < RAM_HOLE_END && last(p) >= RAM_HOLE_START;
}

/*
 * No --memory makes the hole RAM, so a piece there is named as in the
 * hole, not as beyond the memory asked for.
 */
static int outside(struct plan *plan, const struct piece *p, uint64_t memory)
{
	char ram[80];

	describe_ram(ram, sizeof(ram), memory);
	if (in_hole(p))
		return plan_fail(plan, "image '%s': %s at 0x%" PRIx64 "-0x%"
				 PRIx64 " lies in the 32-bit hole at 0x%"
				 PRIx64 "-0x%" PRIx64 ", where a PC has PCI "
				 "devices and firmware, not RAM (guest "
				 "memory: %s)",
				 plan->name, p->what, p->address, last(p),
				 RAM_HOLE_START, RAM_HOLE_END - 1, ram);
	return plan_fail(plan, "image '%s': %s at 0x%" PRIx64 "-0x%" PRIx64
			 " lies outside guest memory (%s); give more "
			 "--memory", plan->name, p->what, p->address, last(p),
			 ram);
}

static int overlap(struct plan *plan, const struct piece *a,
		   const struct piece *b)
{
	/* Name the image's piece first: it is the one to move. */
	if (a->minivm) {
		const struct piece *t = a;

		a = b;
		b = t;
	}
	return plan_fail(plan, "image '%s': %s at 0x%" PRIx64 "-0x%" PRIx64
			 " overlaps %s%s at 0x%" PRIx64 "-0x%" PRIx64,
			 plan->name, a->what, a->address, last(a), b->what,
			 b->minivm ? " that minivm places" : "", b->address,
			 last(b));
}

static int by_address(const void *a, const void *b)
{
	const struct piece *p = *(const struct piece *const *)a;
	const struct piece *q = *(const struct piece *const *)b;

	return (p->address > q->address) - (p->address < q->address);
}

/*
 * Sorted by address, a piece overlaps an earlier one exactly when it
 * starts before the furthest end seen so far.
 */
static int check_overlaps(struct plan *plan, const struct piece **sorted)
{
	const struct piece *furthest = NULL;

	qsort(sorted, plan->count, sizeof(*sorted), by_address);
	for (size_t i = 0; i < plan->count; i++) {
		const struct piece *p = sorted[i];

		if (furthest && p->address <= last(furthest))
			return overlap(plan, furthest, p);
		if (!furthest || last(p) > last(furthest))
			furthest = p;
	}
	return 0;
}

int plan_check(struct plan *plan, uint64_t memory)
{
	const struct piece **sorted;
	int ret;

	for (size_t i = 0; i < plan->count; i++) {
		const struct piece *p = &plan->pieces[i];

		if (!in_ram(p, memory))
			return outside(plan, p, memory);
	}
	if (plan->count < 2)
		return 0;
	sorted = malloc(plan->count * sizeof(*sorted));
	if (!sorted)
		return plan_fail(plan, "out of memory planning '%s'",
				 plan->name);
	for (size_t i = 0; i < plan->count; i++)
		sorted[i] = &plan->pieces[i];
	ret = check_overlaps(plan, sorted);
	free(sorted);
	return ret;
}

uint64_t plan_image_end(const struct plan *plan)
{
	uint64_t end = 0;

	for (size_t i = 0; i < plan->count; i++) {
		const struct piece *p = &plan->pieces[i];

		if (!p->minivm && p->address + p->size > end)
			end = p->address + p->size;
	}
	return end;
}
