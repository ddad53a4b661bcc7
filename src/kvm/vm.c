/* vm.c - the VM's lifecycle: KVM, guest memory, the vCPUs, the APICs */
#include <config.h>

#include "kvm/vm.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include "kvm/cpu-loop.h"
#include "fail.h"
#include "kvm/smp.h"

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

#define HUGE_PAGE_SIZE (UINT64_C(2) << 20)
#define PAGE_SIZE_4K UINT64_C(4096)

/*
 * KVM maps a 2 MiB page of the guest's with one entry of its own page
 * tables only where the host address is as aligned as the guest's, so
 * guest memory starts on a 2 MiB boundary (the slack around it is given
 * back) and asks for the host's huge pages.  Each costs a page table
 * walk and an exit into the host the less, for every 512 pages the
 * guest touches: what a guest streaming through its memory (reading a
 * disk, say) spends most of its time on under nested KVM.  NULL if
 * there is no room.
 */
static uint8_t *map_aligned(size_t size)
{
	size_t used = (size + PAGE_SIZE_4K - 1) & ~(PAGE_SIZE_4K - 1);
	size_t padded = used + HUGE_PAGE_SIZE;
	uint8_t *start, *mapped = mmap(NULL, padded, PROT_READ | PROT_WRITE,
				       MAP_PRIVATE | MAP_ANONYMOUS |
				       MAP_NORESERVE, -1, 0);
	size_t head;

	if (mapped == MAP_FAILED)
		return NULL;
	head = (size_t)(-(uintptr_t)mapped & (HUGE_PAGE_SIZE - 1));
	start = mapped + head;
	if (head)
		munmap(mapped, head);
	munmap(start + used, padded - head - used);
	/* Only a hint: a host without huge pages says EINVAL. */
	(void)madvise(start, used, MADV_HUGEPAGE);
	return start;
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
	uint8_t *memory = map_aligned(size);

	if (!memory)
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

/*
 * Several CPUs need local APICs for their start-up IPIs, and --apic
 * gives one CPU its own: KVM's, with the PICs and the I/O APIC left to
 * minivm (KVM_CAP_SPLIT_IRQCHIP), asked for before any vCPU exists.
 */
static int split_irqchip(struct vm *vm)
{
	struct kvm_enable_cap cap = {
		.cap = KVM_CAP_SPLIT_IRQCHIP,
		.args[0] = MSI_SINK_LINES,
	};

	if (ioctl(vm->vm_fd, KVM_ENABLE_CAP, &cap) < 0)
		return fail_hint("KVM_ENABLE_CAP (KVM_CAP_SPLIT_IRQCHIP)",
				 "several CPUs and --apic need local APICs, "
				 "which this KVM cannot give; try --cpus=1 "
				 "without --apic");
	vm->apic = true;
	return 0;
}

/* KVM's own limit on vCPUs: asking for more is the user's to change. */
static int check_cpus(struct vm *vm, unsigned cpus)
{
	int max = ioctl(vm->kvm_fd, KVM_CHECK_EXTENSION, KVM_CAP_MAX_VCPUS);

	if (max <= 0)
		max = ioctl(vm->kvm_fd, KVM_CHECK_EXTENSION, KVM_CAP_NR_VCPUS);
	if (max <= 0)
		max = 4;	/* what api.rst says to assume */
	if (cpus <= (unsigned)max)
		return 0;
	fprintf(stderr, "minivm: invalid number of CPUs '%u': this KVM runs "
		"at most %d vCPUs in a VM\n", cpus, max);
	return VM_REFUSED;
}

static int create_vcpus(struct vm *vm, unsigned cpus,
			const struct entry_state *entry)
{
	for (unsigned i = 0; i < cpus; i++) {
		struct vcpu *vcpu = &vm->vcpus[i];

		/* vcpu_destroy undoes what was done, even of a failure. */
		vm->cpus = i + 1;
		if (vcpu_create(vcpu, vm->kvm_fd, vm->vm_fd, i, vm->apic) < 0)
			return -1;
		vcpu->named = cpus > 1;
	}
	/* The others wait for the boot CPU's start-up IPI, as on a PC. */
	return vcpu_enter_at(&vm->vcpus[0], entry, vm->apic);
}

int vm_create(struct vm *vm, size_t memory_size, const struct plan *plan,
	      bool batch, unsigned cpus, bool apic)
{
	int refused;

	*vm = (struct vm){ .kvm_fd = -1, .vm_fd = -1 };
	if (open_kvm(vm) < 0)
		return -1;
	refused = check_cpus(vm, cpus);
	if (refused)
		return refused;
	if (create_vm(vm) < 0 || set_tss_address(vm) < 0)
		return -1;
	if (apic && split_irqchip(vm) < 0)
		return -1;
	if (map_memory(vm, memory_size) < 0)
		return -1;
	place_pieces(vm, plan);
	if (plan->rom && map_rom(vm, plan->rom, plan->rom_size) < 0)
		return -1;
	if (create_vcpus(vm, cpus, &plan->entry) < 0)
		return -1;
	/* The ring is the VM's, in every vCPU's mapping: the first's does. */
	coalesce_init(&vm->coalesce, vm->kvm_fd, vm->vcpus[0].run,
		      vm->vcpus[0].run_size, batch && !apic);
	return 0;
}

/*
 * The I/O APIC's messages, as KVM's local APICs take them: sent at once
 * (KVM_SIGNAL_MSI), and kept in the routing table too, from which KVM
 * learns the level-triggered vectors whose EOI it must pass back
 * (KVM_EXIT_IOAPIC_EOI).  The table's first MSI_SINK_LINES routes are
 * the I/O APIC's (see split_irqchip), a masked pin's too: minivm sends
 * the messages itself, so a route only names a level-triggered vector,
 * and an interrupt sent before its pin was masked still needs its EOI.
 */
static int deliver_msi(void *opaque, unsigned pin, struct msi msi)
{
	struct vm *vm = opaque;
	struct kvm_msi message = {
		.address_lo = (uint32_t)msi.address,
		.address_hi = (uint32_t)(msi.address >> 32),
		.data = msi.data,
	};

	(void)pin;
	/* 0: the local APICs would not take it, as the guest set them. */
	if (ioctl(vm->vm_fd, KVM_SIGNAL_MSI, &message) < 0)
		return fail("KVM_SIGNAL_MSI");
	return 0;
}

static int route_msi(void *opaque, unsigned pin, struct msi msi)
{
	struct vm *vm = opaque;
	struct {
		struct kvm_irq_routing header;
		struct kvm_irq_routing_entry entries[MSI_SINK_LINES];
	} table = { .header.nr = 0 };

	vm->routes[pin] = (struct kvm_irq_routing_entry){
		.gsi = pin,
		.type = KVM_IRQ_ROUTING_MSI,
		.u.msi = {
			.address_lo = (uint32_t)msi.address,
			.address_hi = (uint32_t)(msi.address >> 32),
			.data = msi.data,
		},
	};
	vm->routed[pin] = true;
	for (unsigned i = 0; i < MSI_SINK_LINES; i++)
		if (vm->routed[i])
			table.entries[table.header.nr++] = vm->routes[i];
	if (ioctl(vm->vm_fd, KVM_SET_GSI_ROUTING, &table) < 0)
		return fail("KVM_SET_GSI_ROUTING");
	return 0;
}

struct msi_sink vm_local_apics(struct vm *vm)
{
	return (struct msi_sink){
		.deliver = deliver_msi, .route = route_msi, .opaque = vm,
	};
}

enum vm_result vm_run(struct vm *vm, struct machine *machine, bool trace)
{
	if (!vm->apic)
		return cpu_loop_run(vm, machine, trace);
	return smp_run(vm, machine, trace);
}

void vm_destroy(struct vm *vm)
{
	for (unsigned i = 0; i < vm->cpus; i++)
		vcpu_destroy(&vm->vcpus[i]);
	if (vm->memory)
		munmap(vm->memory, vm->memory_size);
	if (vm->rom)
		munmap(vm->rom, vm->rom_size);
	if (vm->vm_fd >= 0)
		close(vm->vm_fd);
	if (vm->kvm_fd >= 0)
		close(vm->kvm_fd);
	*vm = (struct vm){ .kvm_fd = -1, .vm_fd = -1 };
}
