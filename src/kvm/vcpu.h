/*
 * vcpu.h - one virtual CPU: its KVM file, the kvm_run page it shares
 * with KVM, and how another thread brings it out of KVM_RUN
 */
#ifndef MINIVM_VCPU_H
#define MINIVM_VCPU_H

#include <linux/kvm.h>
#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>

#include "boot/plan.h"
#include "kvm/stats.h"
#include "kvm/stop.h"

/* The most --cpus: local APIC IDs and the MP table have room for more. */
#define VCPU_MAX 64

struct vcpu {
	unsigned id;		/* KVM's vCPU ID, and its local APIC ID */
	bool named;		/* one of several: reports say which */
	int fd;
	struct kvm_run *run;
	size_t run_size;
	pthread_t thread;	/* the one that runs it (KVM_RUN) */
	struct wake_timer wake;
	struct stats *stats;	/* for --stats; NULL: not kept */
};

/*
 * Creates vCPU ID of the VM VM_FD (KVM_FD: /dev/kvm) with the CPUID and
 * MSRs of cpu-features.h; APIC says whether the machine has local
 * APICs.  Names the failed step on stderr and returns -1 on failure;
 * vcpu_destroy must be called either way.
 */
int vcpu_create(struct vcpu *vcpu, int kvm_fd, int vm_fd, unsigned id,
		bool apic);
/*
 * Sets the boot CPU's registers as ENTRY says.  Without local APICs
 * (APIC false) the APIC base MSR is cleared, which KVM's CPUID follows.
 */
int vcpu_enter_at(struct vcpu *vcpu, const struct entry_state *entry,
		  bool apic);
/*
 * Brings the vCPU out of KVM_RUN, or keeps it from entering, from any
 * thread: the thread that runs it must have caught STOP_WAKE_SIGNAL
 * (see stop_arm).
 */
void vcpu_kick(struct vcpu *vcpu);
void vcpu_destroy(struct vcpu *vcpu);

#endif
