/*
 * smp.c - the run of a machine with local APICs, of one CPU or several:
 * a thread for each vCPU's run loop, and the devices' own events in the
 * thread that started the run, all of them taking one lock around the
 * machine
 *
 * With KVM's local APICs a vCPU's hlt never comes back to minivm: KVM
 * sleeps in it until an interrupt comes.  So the devices' timers and
 * input cannot wait for a halt, as on the PICs alone; the starting thread
 * sleeps on them instead (the event loop), and brings the boot CPU out
 * of KVM_RUN when the PICs have an interrupt for it.  The I/O APIC's
 * messages go to KVM from whichever thread raises the line.
 */
#include <config.h>

#include "kvm/smp.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "kvm/cpu-loop.h"
#include "fail.h"
#include "machine.h"

/*
 * How often the event loop asks whether every vCPU has halted for good,
 * which only the vCPUs' own threads can tell (KVM_GET_MP_STATE).
 */
#define HALT_LOOK_NS 100000000

#define RFLAGS_IF (1u << 9)

struct smp {
	struct vm *vm;
	struct machine *machine;
	bool trace;
	pthread_mutex_t lock;	/* over the machine, and what follows */
	int wake_fd;		/* an eventfd: the event loop should look */
	int64_t waits_until;	/* the deadline the event loop sleeps to */
	unsigned waits_on;	/* and how many of the devices' files */
	bool boot_cpu_told;	/* the boot CPU knows the PICs' request */
	/* Set once: how the run ended, for every thread to see. */
	bool over;
	enum vm_result result;
	/* Each vCPU's answer to the last look (see HALT_LOOK_NS). */
	bool look[VCPU_MAX];
	bool halted[VCPU_MAX];
	int64_t next_look;
};

struct cpu_thread {
	struct smp *smp;
	struct vcpu *vcpu;
	bool started;
};

static bool is_over(struct smp *smp)
{
	return __atomic_load_n(&smp->over, __ATOMIC_ACQUIRE);
}

static void wake_event_loop(struct smp *smp)
{
	uint64_t one = 1;

	/* A full counter has woken it already. */
	if (write(smp->wake_fd, &one, sizeof(one)) < 0 && errno != EAGAIN)
		fail("cannot wake the event loop");
}

/* The first ending counts.  Under the lock. */
static void set_over(struct smp *smp, enum vm_result result)
{
	if (smp->over)
		return;
	smp->result = result;
	__atomic_store_n(&smp->over, true, __ATOMIC_RELEASE);
}

/* Ends the run; the event loop then stops every vCPU. */
static void end_run(struct smp *smp, enum vm_result result)
{
	pthread_mutex_lock(&smp->lock);
	set_over(smp, result);
	pthread_mutex_unlock(&smp->lock);
	wake_event_loop(smp);
}

/*
 * Under the lock, after a device was touched: the run ends if the I/O
 * APIC's messages failed, the boot CPU learns of the PICs' new request,
 * and the event loop of a deadline or a file that it does not sleep on
 * yet.
 */
static void after_devices(struct smp *smp, const struct vcpu *caller)
{
	struct machine *machine = smp->machine;
	struct pollfd fds[EVENTS_MAX];
	int64_t deadline = events_deadline(&machine->events);
	unsigned n = events_wake_fds(&machine->events, fds);

	/* What KVM refused the I/O APIC has been said on stderr. */
	if (machine_apics_failed(machine)) {
		set_over(smp, VM_FAILED);
		wake_event_loop(smp);
	}
	if (machine_interrupt_pending(machine) && !smp->boot_cpu_told) {
		smp->boot_cpu_told = true;
		if (caller != &smp->vm->vcpus[0])
			vcpu_kick(&smp->vm->vcpus[0]);
	}
	if (n != smp->waits_on || (deadline >= 0 &&
	    (smp->waits_until < 0 || deadline < smp->waits_until))) {
		smp->waits_on = n;
		smp->waits_until = deadline;
		wake_event_loop(smp);
	}
}

/*
 * A vCPU halted for good: in hlt with interrupts off, which nothing
 * but another CPU's NMI or INIT would end, or never started.
 */
static bool halted_for_good(const struct vcpu *vcpu)
{
	struct kvm_mp_state state;
	struct kvm_regs regs;

	if (ioctl(vcpu->fd, KVM_GET_MP_STATE, &state) < 0)
		return false;
	if (state.mp_state == KVM_MP_STATE_UNINITIALIZED ||
	    state.mp_state == KVM_MP_STATE_INIT_RECEIVED)
		return true;
	if (state.mp_state != KVM_MP_STATE_HALTED ||
	    ioctl(vcpu->fd, KVM_GET_REGS, &regs) < 0)
		return false;
	return !(regs.rflags & RFLAGS_IF);
}

/* The vCPU was brought out of KVM_RUN: it answers a look if asked. */
static void answer_look(struct smp *smp, const struct vcpu *vcpu)
{
	bool halted;

	pthread_mutex_lock(&smp->lock);
	if (smp->look[vcpu->id]) {
		pthread_mutex_unlock(&smp->lock);
		halted = halted_for_good(vcpu);
		pthread_mutex_lock(&smp->lock);
		smp->look[vcpu->id] = false;
		smp->halted[vcpu->id] = halted;
	}
	pthread_mutex_unlock(&smp->lock);
}

/* Only the boot CPU takes the PICs' interrupts (ExtINT). */
static int before_entry(struct smp *smp, struct vcpu *vcpu)
{
	int ret;

	if (vcpu->id != 0)
		return 0;
	pthread_mutex_lock(&smp->lock);
	ret = cpu_loop_deliver(vcpu, smp->machine);
	smp->boot_cpu_told = machine_interrupt_pending(smp->machine);
	pthread_mutex_unlock(&smp->lock);
	return ret;
}

/* One KVM_RUN and its exit: false when the run ends for this vCPU. */
static bool run_once(struct smp *smp, struct vcpu *vcpu)
{
	enum vm_result result;
	bool go_on;

	if (before_entry(smp, vcpu) < 0) {
		end_run(smp, VM_FAILED);
		return false;
	}
	if (vcpu->stats)
		stats_handled(vcpu->stats, clock_now());
	if (ioctl(vcpu->fd, KVM_RUN, 0) < 0) {
		if (errno == EINTR || errno == EAGAIN) {
			cpu_loop_count(vcpu, smp->machine, true);
			answer_look(smp, vcpu);
			return true;
		}
		fail("KVM_RUN");
		end_run(smp, VM_FAILED);
		return false;
	}
	/* The bus does not change in a run: its owners are read unlocked. */
	cpu_loop_count(vcpu, smp->machine, false);
	pthread_mutex_lock(&smp->lock);
	go_on = cpu_loop_exit(smp->vm, vcpu, smp->machine, smp->trace,
			      &result);
	after_devices(smp, vcpu);
	pthread_mutex_unlock(&smp->lock);
	if (!go_on)
		end_run(smp, result);
	return go_on;
}

static void *vcpu_thread(void *arg)
{
	struct cpu_thread *thread = arg;
	struct vcpu *vcpu = thread->vcpu;
	struct smp *smp = thread->smp;

	stop_enter_vcpu_thread(vcpu->run);
	for (;;) {
		/* A kick after this sets it again, and is seen below. */
		__atomic_store_n(&vcpu->run->immediate_exit, 0,
				 __ATOMIC_SEQ_CST);
		if (is_over(smp) || !run_once(smp, vcpu))
			break;
	}
	if (vcpu->stats)
		stats_handled(vcpu->stats, clock_now());
	return NULL;
}

static void kick_all(struct smp *smp)
{
	for (unsigned i = 0; i < smp->vm->cpus; i++)
		vcpu_kick(&smp->vm->vcpus[i]);
}

/*
 * Every vCPU answered the last look halted for good: the run is over.
 * Otherwise a new look is asked of each.  Under the lock.
 */
static bool all_halted(struct smp *smp, int64_t now)
{
	bool all = true;

	if (now < smp->next_look)
		return false;
	for (unsigned i = 0; i < smp->vm->cpus; i++) {
		all = all && !smp->look[i] && smp->halted[i];
		smp->look[i] = true;
		smp->halted[i] = false;
	}
	smp->next_look = now + HALT_LOOK_NS;
	if (!all)
		kick_all(smp);
	return all;
}

static void drain_wake_fd(struct smp *smp)
{
	uint64_t count;

	if (read(smp->wake_fd, &count, sizeof(count)) < 0 && errno != EAGAIN)
		fail("cannot read the event loop's wake-up");
}

/* Catches the devices up; returns what to sleep on in FDS and *DEADLINE. */
static unsigned advance(struct smp *smp, struct pollfd *fds,
			int64_t *deadline)
{
	struct events *events = &smp->machine->events;
	int64_t now = clock_now();
	unsigned n;

	events_advance(events, now);
	after_devices(smp, NULL);
	if (all_halted(smp, now))
		set_over(smp, VM_HALTED);
	n = events_wake_fds(events, fds);
	smp->waits_on = n;
	smp->waits_until = events_deadline(events);
	*deadline = smp->waits_until;
	if (*deadline < 0 || smp->next_look < *deadline)
		*deadline = smp->next_look;
	return n;
}

static void event_loop(struct smp *smp)
{
	struct pollfd fds[EVENTS_MAX + 1];
	int64_t deadline;
	unsigned n;

	for (;;) {
		pthread_mutex_lock(&smp->lock);
		n = advance(smp, fds, &deadline);
		pthread_mutex_unlock(&smp->lock);
		if (is_over(smp))
			return;
		if (stop_signal()) {
			end_run(smp, VM_STOPPED);
			return;
		}
		fds[n] = (struct pollfd){ .fd = smp->wake_fd, .events = POLLIN };
		if (stop_sleep(fds, n + 1, deadline) < 0) {
			end_run(smp, VM_FAILED);
			return;
		}
		if (fds[n].revents & POLLIN)
			drain_wake_fd(smp);
	}
}

/*
 * The threads start with every signal blocked, so that none reaches
 * one before it has set its own mask (see stop_enter_vcpu_thread).
 */
static int start_threads(struct smp *smp, struct cpu_thread *threads)
{
	sigset_t all, old;
	int err = 0;

	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	for (unsigned i = 0; i < smp->vm->cpus && !err; i++) {
		threads[i] = (struct cpu_thread){
			.smp = smp, .vcpu = &smp->vm->vcpus[i],
		};
		err = pthread_create(&threads[i].vcpu->thread, NULL,
				     vcpu_thread, &threads[i]);
		threads[i].started = !err;
	}
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (err)
		fprintf(stderr, "minivm: cannot start a vCPU thread: %s\n",
			strerror(err));
	return err ? -1 : 0;
}

static void join_threads(struct smp *smp, struct cpu_thread *threads)
{
	kick_all(smp);
	for (unsigned i = 0; i < smp->vm->cpus; i++)
		if (threads[i].started)
			pthread_join(threads[i].vcpu->thread, NULL);
}

enum vm_result smp_run(struct vm *vm, struct machine *machine, bool trace)
{
	struct cpu_thread threads[VCPU_MAX] = { { .started = false } };
	struct smp smp = {
		.vm = vm, .machine = machine, .trace = trace,
		.waits_until = -1, .next_look = clock_now() + HALT_LOOK_NS,
	};

	smp.wake_fd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
	if (smp.wake_fd < 0) {
		fail("cannot make the event loop's eventfd");
		return VM_FAILED;
	}
	pthread_mutex_init(&smp.lock, NULL);
	if (start_threads(&smp, threads) == 0)
		event_loop(&smp);
	else
		end_run(&smp, VM_FAILED);
	join_threads(&smp, threads);
	pthread_mutex_destroy(&smp.lock);
	close(smp.wake_fd);
	/* What the guest sent before the end goes out. */
	if (machine_idle(machine) < 0 && smp.result != VM_GUEST_CRASHED)
		return VM_FAILED;
	return smp.result;
}
