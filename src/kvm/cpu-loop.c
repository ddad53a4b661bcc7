/*
 * cpu-loop.c - a vCPU's run loop: what its exits ask of the machine,
 * and the whole loop of a machine of one CPU without a local APIC
 */
#include <config.h>

#include "kvm/cpu-loop.h"

#include <errno.h>
#include <sys/ioctl.h>

#include "fail.h"
#include "machine.h"
#include "kvm/report.h"

static int io_exit(struct vm *vm, struct kvm_run *run, struct machine *machine)
{
	bool out = run->io.direction == KVM_EXIT_IO_OUT;
	int ret = machine_port_io(machine, out, run->io.port, run->io.size,
				  run->io.count,
				  (uint8_t *)run + run->io.data_offset);

	if (ret == 0 && out)
		coalesce_note_write(&vm->coalesce, vm->vm_fd, &machine->bus,
				    run->io.port);
	return ret;
}

/* What a device's answer (see bus_io) means for the run. */
static enum vm_result device_result(int ret)
{
	return ret == BUS_STOP ? VM_DEVICE_STOPPED : VM_FAILED;
}

static bool crashed(const struct vm *vm, const struct vcpu *vcpu,
		    enum vm_result *result)
{
	report_exit(vcpu, &vm->ram, vm->memory_size);
	*result = VM_GUEST_CRASHED;
	return false;
}

bool cpu_loop_exit(struct vm *vm, struct vcpu *vcpu, struct machine *machine,
		   bool trace, enum vm_result *result)
{
	struct kvm_run *run = vcpu->run;
	int ret = 0;

	if (trace)
		trace_exit(run);
	switch (run->exit_reason) {
	case KVM_EXIT_IRQ_WINDOW_OPEN:
		break;
	case KVM_EXIT_IO:
		ret = io_exit(vm, run, machine);
		break;
	case KVM_EXIT_MMIO:
		ret = machine_mmio(machine, run->mmio.is_write,
				   run->mmio.phys_addr, run->mmio.len,
				   run->mmio.data);
		if (ret == MMIO_UNCLAIMED)
			return crashed(vm, vcpu, result);
		break;
	case KVM_EXIT_IOAPIC_EOI:
		machine_end_of_interrupt(machine, run->eoi.vector);
		break;
	default:
		return crashed(vm, vcpu, result);
	}
	if (ret == 0)
		return true;
	*result = device_result(ret);
	return false;
}

int cpu_loop_deliver(struct vcpu *vcpu, struct machine *machine)
{
	struct kvm_run *run = vcpu->run;
	struct kvm_interrupt interrupt;

	run->request_interrupt_window = machine_interrupt_pending(machine);
	if (!run->request_interrupt_window ||
	    !run->ready_for_interrupt_injection)
		return 0;
	interrupt.irq = machine_acknowledge_interrupt(machine);
	if (ioctl(vcpu->fd, KVM_INTERRUPT, &interrupt) < 0)
		return fail("KVM_INTERRUPT");
	run->request_interrupt_window = machine_interrupt_pending(machine);
	return 0;
}

void cpu_loop_count(struct vcpu *vcpu, const struct machine *machine,
		    bool signalled)
{
	const struct kvm_run *run = vcpu->run;
	const char *reason, *device = NULL;

	if (!vcpu->stats)
		return;
	if (signalled) {
		stats_exit(vcpu->stats, clock_now(), "signal", NULL);
		return;
	}
	reason = exit_reason_name(run->exit_reason);
	if (run->exit_reason == KVM_EXIT_IO)
		device = bus_owner(&machine->bus, run->io.port);
	stats_exit(vcpu->stats, clock_now(), reason ? reason : "unknown",
		   device);
}

/*
 * hlt with interrupts enabled: sleeps until a device interrupts, so the
 * guest goes on in its handler.  Returns false if no device ever could:
 * no timer counting, every line masked, no input to come.
 */
static bool halt_until_interrupt(struct machine *machine,
				 struct stats *stats)
{
	struct pollfd fds[EVENTS_MAX];
	unsigned n;
	int64_t deadline;
	int slept;

	for (;;) {
		events_advance(&machine->events, clock_now());
		if (machine_interrupt_pending(machine) || stop_signal())
			return true;
		n = events_wake_fds(&machine->events, fds);
		deadline = events_deadline(&machine->events);
		if (n == 0 && deadline < 0)
			return false;
		if (stats)
			stats_sleep(stats, clock_now());
		slept = stop_sleep(fds, n, deadline);
		if (stats)
			stats_wake(stats, clock_now());
		/* A sleep that failed has stopped the run: see stop_signal. */
		if (slept < 0)
			return true;
	}
}

/*
 * The wake timer, set to fire at or before DEADLINE, is left alone unless
 * it has fired, would fire late, or would fire early within
 * WAKE_EARLY_NS.  A timer that fires early only brings the vCPU out for
 * nothing, and the run loop sets it again then; a deadline that every
 * exit pushes on (the ring's look) so costs a timer_settime every
 * WAKE_EARLY_NS or so, rather than one an exit, and no signal at all
 * while exits come more often than that.
 */
#define WAKE_EARLY_NS (COALESCE_LOOK_NS / 2)

static int set_wake(struct vcpu *vcpu, int64_t deadline, int64_t now)
{
	int64_t at = vcpu->wake.at;

	if (deadline >= 0 && at <= deadline && at - now > WAKE_EARLY_NS)
		return 0;
	return wake_timer_set(&vcpu->wake, deadline);
}

/* Catches the devices up, then the vCPU: what is due is delivered. */
static int before_entry(struct vm *vm, struct vcpu *vcpu,
			struct machine *machine)
{
	int64_t now = clock_now();
	int64_t deadline, look;

	events_advance(&machine->events, now);
	if (cpu_loop_deliver(vcpu, machine) < 0)
		return -1;
	deadline = events_deadline(&machine->events);
	look = coalesce_deadline(&vm->coalesce, now);
	if (look >= 0 && (deadline < 0 || look < deadline))
		deadline = look;
	return set_wake(vcpu, deadline, now);
}

/*
 * The sleep in hlt ends at the deadline by itself: the wake timer, set
 * for the same moment, would only break it off with a signal, which
 * costs more than cancelling the timer (before_entry sets it again).
 */
static int halt_quietly(struct vcpu *vcpu)
{
	return wake_timer_set(&vcpu->wake, -1);
}

/* A hlt that came back to minivm: true to go on, as cpu_loop_exit. */
static bool halt(struct vcpu *vcpu, struct machine *machine,
		 enum vm_result *result)
{
	*result = VM_HALTED;
	if (!vcpu->run->if_flag)
		return false;
	if (machine_idle(machine) < 0 || halt_quietly(vcpu) < 0) {
		*result = VM_FAILED;
		return false;
	}
	return halt_until_interrupt(machine, vcpu->stats);
}

static enum vm_result run_loop(struct vm *vm, struct vcpu *vcpu,
			       struct machine *machine, bool trace)
{
	enum vm_result result;
	bool signalled;
	int ret;

	for (;;) {
		/* A signal after this sets it again, and is seen below. */
		__atomic_store_n(&vcpu->run->immediate_exit, 0, __ATOMIC_SEQ_CST);
		if (stop_signal())
			return VM_STOPPED;
		if (before_entry(vm, vcpu, machine) < 0)
			return VM_FAILED;
		if (vcpu->stats)
			stats_handled(vcpu->stats, clock_now());
		signalled = false;
		if (ioctl(vcpu->fd, KVM_RUN, 0) < 0) {
			if (errno != EINTR && errno != EAGAIN) {
				fail("KVM_RUN");
				return VM_FAILED;
			}
			signalled = true;
		}
		cpu_loop_count(vcpu, machine, signalled);
		/*
		 * The writes KVM batched came before this exit, or before the
		 * signal: they go first.
		 */
		ret = coalesce_drain(&vm->coalesce, &machine->bus);
		if (ret != 0)
			return device_result(ret);
		if (signalled)
			continue;
		if (vcpu->run->exit_reason == KVM_EXIT_HLT) {
			if (trace)
				trace_exit(vcpu->run);
			if (!halt(vcpu, machine, &result))
				return result;
		} else if (!cpu_loop_exit(vm, vcpu, machine, trace, &result)) {
			return result;
		}
	}
}

enum vm_result cpu_loop_run(struct vm *vm, struct machine *machine,
			    bool trace)
{
	struct vcpu *vcpu = &vm->vcpus[0];
	enum vm_result result;
	int ret;

	result = run_loop(vm, vcpu, machine, trace);
	/* However the run ended, what the guest wrote before it counts. */
	ret = coalesce_drain(&vm->coalesce, &machine->bus);
	if (vcpu->stats) {
		stats_handled(vcpu->stats, clock_now());
		vcpu->stats->batched = vm->coalesce.drained;
	}
	return ret < 0 ? VM_FAILED : result;
}
