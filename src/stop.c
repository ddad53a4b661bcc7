/* stop.c - ending a run from outside: the timeout and SIGINT/SIGTERM */
#include <config.h>

#include "stop.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>

/* The handler's only way to reach the run loop. */
static volatile sig_atomic_t caught_signal;
static struct kvm_run *volatile running;

static void on_stop_signal(int signo)
{
	if (!caught_signal)
		caught_signal = signo;
	if (running)
		running->immediate_exit = 1;
}

/* SIGHUP and SIGQUIT too, so that the terminal is always restored. */
static const int stop_signals[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGALRM };

int stop_arm(struct kvm_run *run, uint64_t timeout_us)
{
	struct sigaction sa = { .sa_handler = on_stop_signal };
	struct itimerval timer = {
		.it_value = {
			.tv_sec = (time_t)(timeout_us / 1000000),
			.tv_usec = (suseconds_t)(timeout_us % 1000000),
		},
	};

	running = run;
	/* No SA_RESTART: KVM_RUN must come back with EINTR. */
	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < sizeof(stop_signals) / sizeof(int); i++)
		if (sigaction(stop_signals[i], &sa, NULL) < 0)
			goto fail;
	if (timeout_us && setitimer(ITIMER_REAL, &timer, NULL) < 0)
		goto fail;
	return 0;
fail:
	fprintf(stderr, "minivm: cannot set up the stop signals: %s\n",
		strerror(errno));
	return -1;
}

int stop_signal(void)
{
	return caught_signal;
}

void stop_disarm(void)
{
	struct itimerval off = { 0 };

	setitimer(ITIMER_REAL, &off, NULL);
	for (size_t i = 0; i < sizeof(stop_signals) / sizeof(int); i++)
		signal(stop_signals[i], SIG_DFL);
	running = NULL;
}
