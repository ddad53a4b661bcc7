/* vm.c - the VM and vCPU lifecycle and the run loop */
#include <config.h>

#include "vm.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include "cpu-features.h"
#include "cpu-mode.h"
#include "fail.h"
#include "report.h"

/* Why /dev/kvm would not open, in terms of what the user can do. */
static const char *kvm_open_hint(int err)
{
	switch (err) {
	case ENOENT:
	case ENODEV:
	case ENXIO:
		return "load the kvm-intel or kvm-amd module, and enable "
		       "virtualisation in the firmware";
	case EACCES:
	case EPERM:
		return "join the kvm group, or fix the device's permissions";
	default:
		return NULL;
	}
}

static int open_kvm(struct vm *vm)
{
	int version;

	vm->kvm_fd = open("/dev/kvm", O_RDWR | O_CLOEXEC);
	if (vm->kvm_fd < 0)
		return fail_hint("cannot open /dev/kvm", kvm_open_hint(errno));
	version = ioctl(vm->kvm_fd, KVM_GET_API_VERSION, 0);
	if (version < 0)
		return fail_hint("KVM_GET_API_VERSION", errno != ENOTTY ? NULL :
				 "is /dev/kvm some other device?");
	if (version != KVM_API_VERSION) {
		fprintf(stderr, "minivm: /dev/kvm speaks KVM API version %d; "
			"minivm needs version %d\n", version, KVM_API_VERSION);
		return -1;
	}
	return 0;
}

static int create_vm(struct vm *vm)
{
	vm->vm_fd = ioctl(vm->kvm_fd, KVM_CREATE_VM, 0);
	if (vm->vm_fd >= 0)
		return 0;
	return fail_hint("KVM_CREATE_VM", errno != EBUSY ? NULL :
			 "is another hypervisor using the processor's "
			 "virtualisation extensions?");
}

/*
 * Intel CPUs without unrestricted guest run real mode through vm86,
 * with a TSS of KVM's own: three pages that must lie outside guest RAM,
 * below 4 GiB, after the identity-map page KVM keeps at 0xfffbc000 by
 * default, as kvmtool and QEMU place them.  They lie in the 32-bit
 * hole, which no RAM covers whatever the guest's size (see
 * boot/layout.h).
 */
#define TSS_ADDRESS 0xfffbd000u
#define IDENTITY_MAP_ADDRESS 0xfffbc000u

static int set_tss_address(struct vm *vm)
{
	_Static_assert(IDENTITY_MAP_ADDRESS >= RAM_HOLE_START &&
		       TSS_ADDRESS + 3 * 4096 <= RAM_HOLE_END,
		       "KVM's pages lie in the 32-bit hole");
	if (ioctl(vm->kvm_fd, KVM_CHECK_EXTENSION, KVM_CAP_SET_TSS_ADDR) <= 0)
		return 0;
	if (ioctl(vm->vm_fd, KVM_SET_TSS_ADDR, TSS_ADDRESS) < 0)
		return fail("KVM_SET_TSS_ADDR");
	return 0;
}

/*
 * One mapping, anonymous and MAP_NORESERVE: the kernel hands out zeroed
 * pages as the guest touches them, so a large guest costs nothing until
 * it is used.  Its first 3 GiB are the RAM below the 32-bit hole, the
 * rest the RAM from 4 GiB (see boot/layout.h): a KVM slot each.
 */
static int map_memory(struct vm *vm, size_t size)
{
	uint64_t below = ram_below_hole(size), above = ram_above_hole(size);
	uint8_t *memory = mmap(NULL, size, PROT_READ | PROT_WRITE,
			       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE,
			       -1, 0);

	if (memory == MAP_FAILED)
		return fail_hint("cannot map guest memory",
				 "ask for less with --memory");
	vm->memory = memory;
	vm->memory_size = size;
	vm->ram = (struct guest_memory){
		.regions[0] = { .guest_address = 0, .size = below,
				.host = memory },
		.regions[1] = { .guest_address = RAM_HOLE_END, .size = above,
				.host = memory + below },
		.count = above ? 2 : 1,
	};
	for (unsigned i = 0; i < vm->ram.count; i++) {
		const struct memory_region *r = &vm->ram.regions[i];
		struct kvm_userspace_memory_region slot = {
			.slot = i,
			.guest_phys_addr = r->guest_address,
			.memory_size = r->size,
			.userspace_addr = (uintptr_t)r->host,
		};

		if (ioctl(vm->vm_fd, KVM_SET_USER_MEMORY_REGION, &slot) < 0)
			return fail_hint("KVM_SET_USER_MEMORY_REGION",
					 "is --memory more than KVM gives one "
					 "guest?");
	}
	return 0;
}

static int create_vcpu(struct vm *vm, bool batch)
{
	int size;
	void *run;

	vm->vcpu_fd = ioctl(vm->vm_fd, KVM_CREATE_VCPU, 0);
	if (vm->vcpu_fd < 0)
		return fail("KVM_CREATE_VCPU");
	if (cpu_features_set(vm->kvm_fd, vm->vcpu_fd) < 0)
		return -1;
	size = ioctl(vm->kvm_fd, KVM_GET_VCPU_MMAP_SIZE, 0);
	if (size < 0)
		return fail("KVM_GET_VCPU_MMAP_SIZE");
	if ((size_t)size < sizeof(struct kvm_run)) {
		fprintf(stderr, "minivm: KVM_GET_VCPU_MMAP_SIZE: %d is smaller "
			"than struct kvm_run\n", size);
		return -1;
	}
	run = mmap(NULL, (size_t)size, PROT_READ | PROT_WRITE, MAP_SHARED,
		   vm->vcpu_fd, 0);
	if (run == MAP_FAILED)
		return fail("cannot map the vCPU's kvm_run");
	vm->run = run;
	vm->run_size = (size_t)size;
	coalesce_init(&vm->coalesce, vm->kvm_fd, run, vm->run_size, batch);
	return 0;
}

static int reset_vcpu(struct vm *vm, const struct entry_state *entry)
{
	struct kvm_sregs sregs;
	struct kvm_regs regs;

	if (ioctl(vm->vcpu_fd, KVM_GET_SREGS, &sregs) < 0)
		return fail("KVM_GET_SREGS");
	/* A new vCPU is in the state after reset: firmware starts so. */
	if (!entry->reset)
		cpu_mode_sregs(&sregs, entry);
	/*
	 * The machine has no local APIC: with its base MSR's enable bit
	 * set, KVM would show one in CPUID again (see cpu-features.c).
	 */
	sregs.apic_base = 0;
	if (ioctl(vm->vcpu_fd, KVM_SET_SREGS, &sregs) < 0)
		return fail("KVM_SET_SREGS");
	if (entry->reset)
		return 0;
	cpu_mode_regs(&regs, entry);
	if (ioctl(vm->vcpu_fd, KVM_SET_REGS, &regs) < 0)
		return fail("KVM_SET_REGS");
	return 0;
}

/*
 * The firmware ROM, in a slot of its own that ends at 4 GiB, in the
 * 32-bit hole.  Read-only where KVM can (KVM_CAP_READONLY_MEM): the
 * guest's writes then exit, and the machine drops them; elsewhere
 * the guest could change its copy, which no firmware does.
 */
#define ROM_SLOT 2

static int map_rom(struct vm *vm, const uint8_t *rom, uint64_t size)
{
	struct kvm_userspace_memory_region slot = {
		.slot = ROM_SLOT,
		.guest_phys_addr = (UINT64_C(1) << 32) - size,
		.memory_size = size,
	};
	void *copy = mmap(NULL, size, PROT_READ | PROT_WRITE,
			  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (copy == MAP_FAILED)
		return fail("cannot map the firmware");
	memcpy(copy, rom, size);
	vm->rom = copy;
	vm->rom_size = size;
	slot.userspace_addr = (uintptr_t)copy;
	if (ioctl(vm->kvm_fd, KVM_CHECK_EXTENSION, KVM_CAP_READONLY_MEM) > 0)
		slot.flags = KVM_MEM_READONLY;
	if (ioctl(vm->vm_fd, KVM_SET_USER_MEMORY_REGION, &slot) < 0)
		return fail("KVM_SET_USER_MEMORY_REGION (the firmware)");
	return 0;
}

/*
 * The plan has been checked against the same layout: every piece lies
 * wholly in one RAM region, so memory_at finds it.
 */
static void place_pieces(struct vm *vm, const struct plan *plan)
{
	for (size_t i = 0; i < plan->count; i++) {
		const struct piece *p = &plan->pieces[i];
		uint8_t *at = memory_at(&vm->ram, p->address, p->size);

		if (p->data)
			memcpy(at, p->data, p->size);
		else
			memset(at, 0, p->size);
	}
}

int vm_create(struct vm *vm, size_t memory_size, const struct plan *plan,
	      bool batch)
{
	*vm = (struct vm){ .kvm_fd = -1, .vm_fd = -1, .vcpu_fd = -1 };
	wake_timer_init(&vm->wake);
	if (open_kvm(vm) < 0)
		return -1;
	if (create_vm(vm) < 0 || set_tss_address(vm) < 0)
		return -1;
	if (map_memory(vm, memory_size) < 0)
		return -1;
	place_pieces(vm, plan);
	if (plan->rom && map_rom(vm, plan->rom, plan->rom_size) < 0)
		return -1;
	if (create_vcpu(vm, batch) < 0)
		return -1;
	return reset_vcpu(vm, &plan->entry);
}

static int io_exit(struct vm *vm, struct bus *bus)
{
	struct kvm_run *run = vm->run;
	bool out = run->io.direction == KVM_EXIT_IO_OUT;
	int ret = bus_io(bus, out, run->io.port, run->io.size, run->io.count,
			 (uint8_t *)run + run->io.data_offset);

	if (ret == 0 && out)
		coalesce_note_write(&vm->coalesce, vm->vm_fd, bus,
				    run->io.port);
	return ret;
}

/* What a device's answer (see bus_io) means for the run. */
static enum vm_result device_result(int ret)
{
	return ret == BUS_STOP ? VM_DEVICE_STOPPED : VM_FAILED;
}

/*
 * Delivers the PIC's interrupt if the vCPU can take one now; if not,
 * has KVM come back as soon as it can (KVM_EXIT_IRQ_WINDOW_OPEN).
 */
static int deliver_interrupt(struct vm *vm, struct pic *pic)
{
	struct kvm_run *run = vm->run;
	struct kvm_interrupt interrupt;

	run->request_interrupt_window = pic_pending(pic);
	if (!run->request_interrupt_window ||
	    !run->ready_for_interrupt_injection)
		return 0;
	interrupt.irq = pic_acknowledge(pic);
	if (ioctl(vm->vcpu_fd, KVM_INTERRUPT, &interrupt) < 0)
		return fail("KVM_INTERRUPT");
	run->request_interrupt_window = pic_pending(pic);
	return 0;
}

/* For --stats: what brought the vCPU out of KVM_RUN, and for whom. */
static void count_exit(struct vm *vm, const struct bus *bus, bool signalled)
{
	const struct kvm_run *run = vm->run;
	const char *reason, *device = NULL;

	if (!vm->stats)
		return;
	if (signalled) {
		stats_exit(vm->stats, clock_now(), "signal", NULL);
		return;
	}
	reason = exit_reason_name(run->exit_reason);
	if (run->exit_reason == KVM_EXIT_IO)
		device = bus_owner(bus, run->io.port);
	stats_exit(vm->stats, clock_now(), reason ? reason : "unknown",
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
		if (pic_pending(&machine->pic) || stop_signal())
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

static int set_wake(struct vm *vm, int64_t deadline, int64_t now)
{
	int64_t at = vm->wake.at;

	if (deadline >= 0 && at <= deadline && at - now > WAKE_EARLY_NS)
		return 0;
	return wake_timer_set(&vm->wake, deadline);
}

/* Catches the devices up, then the vCPU: what is due is delivered. */
static int before_entry(struct vm *vm, struct machine *machine)
{
	int64_t now = clock_now();
	int64_t deadline, look;

	events_advance(&machine->events, now);
	if (deliver_interrupt(vm, &machine->pic) < 0)
		return -1;
	deadline = events_deadline(&machine->events);
	look = coalesce_deadline(&vm->coalesce, now);
	if (look >= 0 && (deadline < 0 || look < deadline))
		deadline = look;
	return set_wake(vm, deadline, now);
}

/*
 * The sleep in hlt ends at the deadline by itself: the wake timer, set
 * for the same moment, would only break it off with a signal, which
 * costs more than cancelling the timer (before_entry sets it again).
 */
static int halt_quietly(struct vm *vm)
{
	return wake_timer_set(&vm->wake, -1);
}

static enum vm_result run_loop(struct vm *vm, struct machine *machine,
			       bool trace)
{
	struct bus *bus = &machine->bus;
	bool signalled;
	int ret;

	for (;;) {
		/* A signal after this sets it again, and is seen below. */
		vm->run->immediate_exit = 0;
		if (stop_signal())
			return VM_STOPPED;
		if (before_entry(vm, machine) < 0)
			return VM_FAILED;
		if (vm->stats)
			stats_handled(vm->stats, clock_now());
		signalled = false;
		if (ioctl(vm->vcpu_fd, KVM_RUN, 0) < 0) {
			if (errno != EINTR && errno != EAGAIN) {
				fail("KVM_RUN");
				return VM_FAILED;
			}
			signalled = true;
		}
		count_exit(vm, bus, signalled);
		/*
		 * The writes KVM batched came before this exit, or before the
		 * signal: they go first.
		 */
		ret = coalesce_drain(&vm->coalesce, bus);
		if (ret != 0)
			return device_result(ret);
		if (signalled)
			continue;
		if (trace)
			trace_exit(vm->run);
		switch (vm->run->exit_reason) {
		case KVM_EXIT_HLT:
			if (!vm->run->if_flag)
				return VM_HALTED;
			if (machine_idle(machine) < 0 || halt_quietly(vm) < 0)
				return VM_FAILED;
			if (!halt_until_interrupt(machine, vm->stats))
				return VM_HALTED;
			break;
		case KVM_EXIT_IRQ_WINDOW_OPEN:
			break;
		case KVM_EXIT_IO:
			ret = io_exit(vm, bus);
			if (ret != 0)
				return device_result(ret);
			break;
		case KVM_EXIT_MMIO:
			ret = mmio_access(&machine->mmio, vm->run->mmio.is_write,
					  vm->run->mmio.phys_addr,
					  vm->run->mmio.len, vm->run->mmio.data);
			if (ret == MMIO_UNCLAIMED) {
				report_exit(vm);
				return VM_GUEST_CRASHED;
			}
			if (ret != 0)
				return device_result(ret);
			break;
		default:
			report_exit(vm);
			return VM_GUEST_CRASHED;
		}
	}
}

enum vm_result vm_run(struct vm *vm, struct machine *machine, bool trace)
{
	enum vm_result result = run_loop(vm, machine, trace);
	/* However the run ended, what the guest wrote before it counts. */
	int ret = coalesce_drain(&vm->coalesce, &machine->bus);

	if (vm->stats) {
		stats_handled(vm->stats, clock_now());
		vm->stats->batched = vm->coalesce.drained;
	}
	return ret < 0 ? VM_FAILED : result;
}

void vm_destroy(struct vm *vm)
{
	wake_timer_destroy(&vm->wake);
	if (vm->run)
		munmap(vm->run, vm->run_size);
	if (vm->memory)
		munmap(vm->memory, vm->memory_size);
	if (vm->rom)
		munmap(vm->rom, vm->rom_size);
	if (vm->vcpu_fd >= 0)
		close(vm->vcpu_fd);
	if (vm->vm_fd >= 0)
		close(vm->vm_fd);
	if (vm->kvm_fd >= 0)
		close(vm->kvm_fd);
	*vm = (struct vm){ .kvm_fd = -1, .vm_fd = -1, .vcpu_fd = -1 };
}
