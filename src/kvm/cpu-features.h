/*
 * cpu-features.h - the processor the guest finds: what CPUID says it
 * has, and the model-specific registers a kernel reads at boot
 */
#ifndef MINIVM_CPU_FEATURES_H
#define MINIVM_CPU_FEATURES_H

#include <linux/kvm.h>
#include <stdbool.h>

/*
 * Gives the vCPU VCPU_FD what KVM (KVM_FD) supports of the host's CPUID,
 * less what minivm's machine lacks, and its MSRs as firmware leaves
 * them.  With APIC (the machine has local APICs), CPUID says so, and
 * that the CPU's APIC ID is APIC_ID.  Names the failed step on stderr
 * and returns -1 on failure.
 */
int cpu_features_set(int kvm_fd, int vcpu_fd, unsigned apic_id, bool apic);
/* Makes KVM's CPUID the machine's, as cpu_features_set says. */
void cpu_features_adjust(struct kvm_cpuid2 *cpuid, unsigned apic_id,
			 bool apic);

#endif
