/* plan.c - the pieces a loader places in guest memory, checked */
#include <config.h>

#include "boot/plan.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

static int outside(struct plan *plan, const struct piece *p, uint64_t memory)
{
	return plan_fail(plan, "image '%s': %s at 0x%" PRIx64 "-0x%" PRIx64
			 " lies outside guest memory (0x0-0x%" PRIx64
			 "); give more --memory", plan->name, p->what,
			 p->address, last(p), memory - 1);
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

		if (p->address >= memory || p->size > memory - p->address)
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
