/* stats.c - where a run's time went, for --stats */
#include <config.h>

#include "kvm/stats.h"

#include <inttypes.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

void stats_init(struct stats *stats, int64_t now)
{
	*stats = (struct stats){ .start = now, .mark = now };
}

/* The time since the mark went to handling the current exit. */
static void charge_handling(struct stats *stats, int64_t now)
{
	if (stats->current)
		stats->current->handling += now - stats->mark;
	stats->mark = now;
}

void stats_handled(struct stats *stats, int64_t now)
{
	charge_handling(stats, now);
	stats->current = NULL;
}

static bool same(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

static struct stats_row *find_row(struct stats *stats, const char *reason,
				  const char *device)
{
	for (unsigned i = 0; i < stats->count; i++) {
		struct stats_row *row = &stats->rows[i];

		if (same(row->reason, reason) && same(row->device, device))
			return row;
	}
	if (stats->count == STATS_MAX_ROWS)
		return NULL;
	stats->rows[stats->count] = (struct stats_row){
		.reason = reason, .device = device,
	};
	return &stats->rows[stats->count++];
}

void stats_exit(struct stats *stats, int64_t now, const char *reason,
		const char *device)
{
	stats->in_kvm += now - stats->mark;
	stats->mark = now;
	stats->current = find_row(stats, reason, device);
	if (stats->current)
		stats->current->exits++;
}

void stats_sleep(struct stats *stats, int64_t now)
{
	charge_handling(stats, now);
}

void stats_wake(struct stats *stats, int64_t now)
{
	stats->asleep += now - stats->mark;
	stats->mark = now;
}

static int costlier_first(const void *a, const void *b)
{
	const struct stats_row *x = a, *y = b;

	if (x->handling != y->handling)
		return x->handling < y->handling ? 1 : -1;
	if (x->exits != y->exits)
		return x->exits < y->exits ? 1 : -1;
	return 0;
}

static void print_seconds(FILE *out, int64_t ns)
{
	if (ns < 0)
		ns = 0;
	fprintf(out, "%" PRId64 ".%06" PRId64 " s", ns / 1000000000,
		ns % 1000000000 / 1000);
}

/* Every line starts so: "minivm: stats: " and WHO's name, if any. */
static void print_start(FILE *out, const char *who)
{
	fputs("minivm: stats: ", out);
	if (who)
		fprintf(out, "%s: ", who);
}

void stats_print(struct stats *stats, int64_t now, const char *who,
		 FILE *out)
{
	int64_t total = now - stats->start;
	int64_t handling = 0;
	unsigned long exits = 0;

	for (unsigned i = 0; i < stats->count; i++) {
		exits += stats->rows[i].exits;
		handling += stats->rows[i].handling;
	}
	qsort(stats->rows, stats->count, sizeof(stats->rows[0]),
	      costlier_first);

	print_start(out, who);
	print_seconds(out, total);
	fputs(" in all: ", out);
	print_seconds(out, stats->in_kvm);
	fputs(" in KVM_RUN, ", out);
	print_seconds(out, stats->asleep);
	fputs(" asleep in hlt, ", out);
	print_seconds(out, handling);
	fputs(" handling exits, ", out);
	print_seconds(out, total - stats->in_kvm - stats->asleep - handling);
	fputs(" setting up and tearing down\n", out);
	print_start(out, who);
	fprintf(out, "%lu exits to minivm, %lu writes batched by KVM "
		"without one\n", exits, stats->batched);
	for (unsigned i = 0; i < stats->count; i++) {
		const struct stats_row *row = &stats->rows[i];

		print_start(out, who);
		fprintf(out, "%10lu exits, ", row->exits);
		print_seconds(out, row->handling);
		fprintf(out, " handling: %s%s%s\n", row->reason,
			row->device ? " " : "", row->device ? row->device : "");
	}
}
