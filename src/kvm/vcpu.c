/*
 * vcpu.c - one virtual CPU: its KVM file, the kvm_run page it shares
 * with KVM, and how another thread brings it out of KVM_RUN
 */
#include <config.h>

#include "kvm/vcpu.h"

#include <signal.h>
#include <stdio.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include "kvm/cpu-features.h"
#include "kvm/cpu-mode.h"
#include "fail.h"

static int map_run(struct vcpu *vcpu, int kvm_fd)
{
	int size = ioctl(kvm_fd, KVM_GET_VCPU_MMAP_SIZE, 0);
	void *run;

	if (size < 0)
		return fail("KVM_GET_VCPU_MMAP_SIZE");
	if ((size_t)size < sizeof(struct kvm_run)) {
		fprintf(stderr, "minivm: KVM_GET_VCPU_MMAP_SIZE: %d is smaller "
			"than struct kvm_run\n", size);
		return -1;
	}
	run = mmap(NULL, (size_t)size, PROT_READ | PROT_WRITE, MAP_SHARED,
		   vcpu->fd, 0);
	if (run == MAP_FAILED)
		return fail("cannot map the vCPU's kvm_run");
	vcpu->run = run;
	vcpu->run_size = (size_t)size;
	return 0;
}

int vcpu_create(struct vcpu *vcpu, int kvm_fd, int vm_fd, unsigned id,
		bool apic)
{
	*vcpu = (struct vcpu){ .id = id, .fd = -1, .thread = pthread_self() };
	wake_timer_init(&vcpu->wake);
	vcpu->fd = ioctl(vm_fd, KVM_CREATE_VCPU, (unsigned long)id);
	if (vcpu->fd < 0)
		return fail("KVM_CREATE_VCPU");
	if (cpu_features_set(kvm_fd, vcpu->fd, id, apic) < 0)
		return -1;
	return map_run(vcpu, kvm_fd);
}

int vcpu_enter_at(struct vcpu *vcpu, const struct entry_state *entry,
		  bool apic)
{
	struct kvm_sregs sregs;
	struct kvm_regs regs;

	if (ioctl(vcpu->fd, KVM_GET_SREGS, &sregs) < 0)
		return fail("KVM_GET_SREGS");
	/* A new vCPU is in the state after reset: firmware starts so. */
	if (!entry->reset)
		cpu_mode_sregs(&sregs, entry);
	/*
	 * With its base MSR's enable bit set, KVM would show a local APIC
	 * in CPUID again (see cpu-features.c); one the kernel has keeps
	 * the base KVM gave it.
	 */
	if (!apic)
		sregs.apic_base = 0;
	if (ioctl(vcpu->fd, KVM_SET_SREGS, &sregs) < 0)
		return fail("KVM_SET_SREGS");
	if (entry->reset)
		return 0;
	cpu_mode_regs(&regs, entry);
	if (ioctl(vcpu->fd, KVM_SET_REGS, &regs) < 0)
		return fail("KVM_SET_REGS");
	return 0;
}

/*
 * immediate_exit covers a vCPU about to enter; the signal one inside,
 * where KVM_RUN then returns EINTR.
 */
void vcpu_kick(struct vcpu *vcpu)
{
	__atomic_store_n(&vcpu->run->immediate_exit, 1, __ATOMIC_SEQ_CST);
	pthread_kill(vcpu->thread, STOP_WAKE_SIGNAL);
}

void vcpu_destroy(struct vcpu *vcpu)
{
	wake_timer_destroy(&vcpu->wake);
	if (vcpu->run)
		munmap(vcpu->run, vcpu->run_size);
	if (vcpu->fd >= 0)
		close(vcpu->fd);
	vcpu->run = NULL;
	vcpu->fd = -1;
}
