/*
 * stop.c - the signals that bring the vCPU out of KVM_RUN: a stop asked
 * from outside (the timeout, SIGINT, SIGTERM), a device's event falling
 * due while the guest runs, and keys typed on the terminal
 */
#include <config.h>

#include "kvm/stop.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>
#include <unistd.h>

#define NS 1000000000

/* The handlers' only ways to reach the run loop. */
static volatile sig_atomic_t caught_signal;
static volatile sig_atomic_t armed;		/* stop_arm has run */
static volatile sig_atomic_t output_expired;	/* stop_output_expired */
static volatile sig_atomic_t input_arrived;	/* see stop_input_arrived */
/* The kvm_run of the vCPU the thread runs, or NULL: a thread's own. */
static _Thread_local struct kvm_run *volatile running;

/* Another thread may kick the same vCPU (see vcpu_kick): atomically. */
static void leave_kvm_run(void)
{
	if (running)
		__atomic_store_n(&running->immediate_exit, 1, __ATOMIC_SEQ_CST);
}

static void stop_with(int cause)
{
	int saved_errno = errno;	/* alarm's must not reach the code */

	if (!caught_signal) {
		caught_signal = cause;
		/*
		 * The run is over but for its last output, which a reader
		 * that never reads would wait on for ever: SIGALRM breaks
		 * off whatever write still waits then.
		 */
		if (armed)
			alarm(STOP_OUTPUT_SECONDS);
	}
	leave_kvm_run();
	errno = saved_errno;
}

static void on_stop_signal(int signo)
{
	/* After a stop, the only SIGALRM left is the last output's. */
	if (signo == SIGALRM && caught_signal)
		output_expired = 1;
	stop_with(signo);
}

/* Only brings the vCPU out: the run loop then sees what is due. */
static void on_wake_signal(int signo)
{
	(void)signo;
	leave_kvm_run();
}

/* As the wake signal, but noted for whoever reads the input. */
static void on_input_signal(int signo)
{
	input_arrived = 1;
	on_wake_signal(signo);
}

/* SIGHUP and SIGQUIT too, so that the terminal is always restored. */
static const int stop_signals[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGALRM };
#define STOP_SIGNALS (sizeof(stop_signals) / sizeof(stop_signals[0]))

int stop_arm(struct kvm_run *run, uint64_t timeout_us)
{
	struct sigaction sa = { .sa_handler = on_stop_signal };
	struct sigaction wake = { .sa_handler = on_wake_signal };
	struct sigaction input = { .sa_handler = on_input_signal };
	struct itimerval timer = {
		.it_value = {
			.tv_sec = (time_t)(timeout_us / 1000000),
			.tv_usec = (suseconds_t)(timeout_us % 1000000),
		},
	};

	running = run;
	/*
	 * KVM_RUN and ppoll come back with EINTR whatever the flags say.
	 * The wake and input signals, many times a second, must not break
	 * a write to standard output; a stop signal may, so that a write
	 * blocked on a stalled pipe cannot keep minivm from stopping (see
	 * run.c).
	 */
	wake.sa_flags = SA_RESTART;
	input.sa_flags = SA_RESTART;
	sigemptyset(&sa.sa_mask);
	sigemptyset(&wake.sa_mask);
	sigemptyset(&input.sa_mask);
	for (size_t i = 0; i < STOP_SIGNALS; i++)
		if (sigaction(stop_signals[i], &sa, NULL) < 0)
			goto fail;
	if (sigaction(STOP_WAKE_SIGNAL, &wake, NULL) < 0 ||
	    sigaction(STOP_INPUT_SIGNAL, &input, NULL) < 0)
		goto fail;
	if (timeout_us && setitimer(ITIMER_REAL, &timer, NULL) < 0)
		goto fail;
	armed = 1;
	return 0;
fail:
	fprintf(stderr, "minivm: cannot set up the stop signals: %s\n",
		strerror(errno));
	return -1;
}

void stop_request(int signo)
{
	stop_with(signo);
}

int stop_signal(void)
{
	return caught_signal;
}

bool stop_output_expired(void)
{
	return output_expired;
}

bool stop_input_arrived(void)
{
	if (!input_arrived)
		return false;
	/* Cleared before the input is read: what comes after is noted again. */
	input_arrived = 0;
	return true;
}

/* Until the sleep, so that a signal cannot slip in between check and sleep. */
static void block_stop_signals(sigset_t *old)
{
	sigset_t block;

	sigemptyset(&block);
	for (size_t i = 0; i < STOP_SIGNALS; i++)
		sigaddset(&block, stop_signals[i]);
	sigaddset(&block, STOP_INPUT_SIGNAL);
	pthread_sigmask(SIG_BLOCK, &block, old);
}

/*
 * The stop and input signals then reach only the thread that armed
 * them, which wakes the others: a vCPU thread's KVM_RUN is broken off by
 * the wake signal alone (see vcpu_kick).
 */
void stop_enter_vcpu_thread(struct kvm_run *run)
{
	sigset_t block;

	running = run;
	sigemptyset(&block);
	for (size_t i = 0; i < STOP_SIGNALS; i++)
		sigaddset(&block, stop_signals[i]);
	sigaddset(&block, STOP_INPUT_SIGNAL);
	pthread_sigmask(SIG_SETMASK, &block, NULL);
}

void stop_disarm(void)
{
	struct itimerval off = { 0 };
	sigset_t old;

	/*
	 * The handlers stay: a stop signal that comes while minivm tears the
	 * VM down and writes the last output, such as the second SIGINT
	 * timeout(1) sends to its process group, must not kill it before
	 * the output is out.  It is only noted; the run is over.  After a
	 * stop, the timer is the last output's deadline, and stays too.
	 */
	block_stop_signals(&old);
	if (!caught_signal)
		setitimer(ITIMER_REAL, &off, NULL);
	running = NULL;
	pthread_sigmask(SIG_SETMASK, &old, NULL);
}

static struct timespec to_timespec(int64_t ns)
{
	return (struct timespec){ .tv_sec = ns / NS, .tv_nsec = ns % NS };
}

/*
 * The stop and input signals are blocked but for the sleep itself, so
 * one that comes between the check and the sleep ends the sleep at once.
 */
int stop_sleep(struct pollfd *fds, unsigned n, int64_t deadline)
{
	sigset_t old;
	struct timespec now, timeout;
	bool failed = false;

	block_stop_signals(&old);
	if (!caught_signal && !input_arrived) {
		clock_gettime(CLOCK_MONOTONIC, &now);
		timeout = to_timespec(deadline - ((int64_t)now.tv_sec * NS +
						  now.tv_nsec));
		if (timeout.tv_sec < 0 || timeout.tv_nsec < 0)
			timeout = (struct timespec){ 0 };
		failed = ppoll(fds, n, deadline < 0 ? NULL : &timeout,
			       &old) < 0 && errno != EINTR;
	}
	/* Going on without the sleep would spin, and could wait for ever. */
	if (failed) {
		fprintf(stderr, "minivm: cannot wait for an interrupt: %s\n",
			strerror(errno));
		stop_with(STOP_HOST_FAILED);
	}
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	return failed ? -1 : 0;
}

void wake_timer_init(struct wake_timer *timer)
{
	*timer = (struct wake_timer){ .created = false, .at = -1 };
}

/* Made on first use: a guest that sets no timer never pays for one. */
static int create_wake_timer(struct wake_timer *timer)
{
	struct sigevent event = {
		.sigev_notify = SIGEV_SIGNAL,
		.sigev_signo = STOP_WAKE_SIGNAL,
	};

	if (timer_create(CLOCK_MONOTONIC, &event, &timer->id) < 0) {
		fprintf(stderr, "minivm: cannot create the device timer: %s\n",
			strerror(errno));
		return -1;
	}
	timer->created = true;
	return 0;
}

int wake_timer_set(struct wake_timer *timer, int64_t at)
{
	struct itimerspec spec = { .it_value = to_timespec(at < 0 ? 0 : at) };

	if (at == timer->at)
		return 0;
	if (!timer->created && create_wake_timer(timer) < 0)
		return -1;
	if (timer_settime(timer->id, TIMER_ABSTIME, &spec, NULL) < 0) {
		fprintf(stderr, "minivm: cannot set the device timer: %s\n",
			strerror(errno));
		return -1;
	}
	timer->at = at;
	return 0;
}

void wake_timer_destroy(struct wake_timer *timer)
{
	if (timer->created)
		timer_delete(timer->id);
	wake_timer_init(timer);
}
