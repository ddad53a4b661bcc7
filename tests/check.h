/* check.h - the smallest unit-test harness: count failures, report them */
#ifndef MINIVM_CHECK_H
#define MINIVM_CHECK_H

#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static int check_failures;

#define CHECK(cond)							\
	do {								\
		if (!(cond)) {						\
			fprintf(stderr, "%s:%d: check failed: %s\n",	\
				__FILE__, __LINE__, #cond);		\
			check_failures++;				\
		}							\
	} while (0)

/* A test that hangs fails after this long, instead of holding up make. */
#define CHECK_SECONDS 10

static const char *check_running = "main";

/* In a signal handler: write(2), which is async-signal-safe, not stdio. */
static void check_say(const char *text)
{
	ssize_t n = write(STDERR_FILENO, text, strlen(text));

	(void)n;	/* nothing more can be done if stderr fails */
}

static void check_timed_out(int signo)
{
	(void)signo;
	check_say(check_running);
	check_say(": still running at the time limit\n");
	_exit(1);
}

/* A program whose checks are all in main has the limit as a whole. */
__attribute__((constructor)) static void check_start(void)
{
	signal(SIGALRM, check_timed_out);
	alarm(CHECK_SECONDS);
}

/* Runs the test function TEST, failing the program if it overruns. */
#define RUN_TEST(test) check_run(#test, test)

static inline void check_run(const char *name, void (*test)(void))
{
	check_running = name;
	alarm(CHECK_SECONDS);
	test();
	check_running = "main";
	alarm(CHECK_SECONDS);
}

/* The status the Automake harness reads: 0 pass, 1 fail. */
#define CHECK_STATUS() (check_failures ? 1 : 0)

#endif
