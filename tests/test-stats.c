/*
 * test-stats.c - the --stats summary: the time of a made-up run split
 * between KVM_RUN, sleep and each kind of exit, and how it is printed
 */
#include <config.h>

#include <stdlib.h>

#include "check.h"
#include "kvm/stats.h"

#define MS 1000000		/* nanoseconds */

/* A run in milliseconds from 1000 on, as vm.c would tell it. */
static void made_up_run(struct stats *s)
{
	stats_init(s, 1000 * MS);
	stats_handled(s, 1002 * MS);	/* set-up: 2 ms */
	stats_exit(s, 1010 * MS, "KVM_EXIT_IO", "serial port");
	stats_handled(s, 1011 * MS);
	stats_exit(s, 1020 * MS, "KVM_EXIT_IO", "serial port");
	stats_handled(s, 1022 * MS);
	stats_exit(s, 1030 * MS, "KVM_EXIT_HLT", NULL);
	stats_sleep(s, 1031 * MS);
	stats_wake(s, 1131 * MS);	/* 100 ms asleep */
	stats_handled(s, 1132 * MS);
	stats_exit(s, 1140 * MS, "KVM_EXIT_IO", "PIT");
	stats_handled(s, 1150 * MS);	/* the last exit: 10 ms */
	s->batched = 7;
}

static void test_split(void)
{
	struct stats s;

	made_up_run(&s);
	CHECK(s.in_kvm == 8 * MS + 9 * MS + 8 * MS + 8 * MS);
	CHECK(s.asleep == 100 * MS);
	CHECK(s.count == 3);
	CHECK(strcmp(s.rows[0].device, "serial port") == 0);
	CHECK(s.rows[0].exits == 2 && s.rows[0].handling == 3 * MS);
	CHECK(s.rows[1].device == NULL && s.rows[1].exits == 1);
	CHECK(s.rows[1].handling == 2 * MS);	/* not the sleep */
	CHECK(s.rows[2].exits == 1 && s.rows[2].handling == 10 * MS);
}

static void test_print(void)
{
	const char *want =
		"minivm: stats: 0.160000 s in all: 0.033000 s in KVM_RUN, "
		"0.100000 s asleep in hlt, 0.015000 s handling exits, "
		"0.012000 s setting up and tearing down\n"
		"minivm: stats: 4 exits to minivm, 7 writes batched by KVM "
		"without one\n"
		"minivm: stats:          1 exits, 0.010000 s handling: "
		"KVM_EXIT_IO PIT\n"
		"minivm: stats:          2 exits, 0.003000 s handling: "
		"KVM_EXIT_IO serial port\n"
		"minivm: stats:          1 exits, 0.002000 s handling: "
		"KVM_EXIT_HLT\n";
	char *text = NULL;
	size_t size = 0;
	FILE *out = open_memstream(&text, &size);
	struct stats s;

	made_up_run(&s);
	CHECK(out != NULL);
	if (!out)
		return;
	stats_print(&s, 1160 * MS, NULL, out);
	fclose(out);
	CHECK(strcmp(text, want) == 0);
	if (strcmp(text, want) != 0)
		fprintf(stderr, "got:\n%s", text);
	free(text);
}

/* One vCPU of several: every line names it, and says the same. */
static void test_print_named(void)
{
	char *text = NULL;
	size_t size = 0;
	FILE *out = open_memstream(&text, &size);
	const char *line;
	unsigned lines = 0;
	struct stats s;

	made_up_run(&s);
	CHECK(out != NULL);
	if (!out)
		return;
	stats_print(&s, 1160 * MS, "vCPU 3", out);
	fclose(out);
	for (line = text; *line; line = strchr(line, '\n') + 1) {
		CHECK(strncmp(line, "minivm: stats: vCPU 3: ", 23) == 0);
		lines++;
	}
	CHECK(lines == 5);
	CHECK(strstr(text, "vCPU 3: 4 exits to minivm, 7 writes") != NULL);
	CHECK(strstr(text, "vCPU 3:          1 exits, 0.010000 s handling: "
		     "KVM_EXIT_IO PIT\n") != NULL);
	free(text);
}

/* Kinds beyond the table's room are not counted, and nothing breaks. */
static void test_full(void)
{
	static const char *names[STATS_MAX_ROWS + 2];
	static char buffers[STATS_MAX_ROWS + 2][16];
	struct stats s;

	stats_init(&s, 0);
	for (unsigned i = 0; i < STATS_MAX_ROWS + 2; i++) {
		snprintf(buffers[i], sizeof(buffers[i]), "device %u", i);
		names[i] = buffers[i];
		stats_exit(&s, i * 2 + 1, "KVM_EXIT_IO", names[i]);
		stats_handled(&s, i * 2 + 2);
	}
	CHECK(s.count == STATS_MAX_ROWS);
	CHECK(s.in_kvm == STATS_MAX_ROWS + 2);
}

int main(void)
{
	RUN_TEST(test_split);
	RUN_TEST(test_print);
	RUN_TEST(test_print_named);
	RUN_TEST(test_full);
	return CHECK_STATUS();
}
