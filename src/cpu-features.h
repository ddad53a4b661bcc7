/*
 * cpu-features.h - the processor the guest finds: what CPUID says it
 * has, and the model-specific registers a kernel reads at boot
 */
#ifndef MINIVM_CPU_FEATURES_H
#define MINIVM_CPU_FEATURES_H

#include <linux/kvm.h>

/*
 * Gives the vCPU VCPU_FD what KVM (KVM_FD) supports of the host's CPUID,
 * less what minivm's machine lacks, and its MSRs as firmware leaves
 * them.  Names the failed step on stderr and returns -1 on failure.
 */
int cpu_features_set(int kvm_fd, int vcpu_fd);
/* Takes out of CPUID what the machine does not have (see the .c file). */
void cpu_features_adjust(struct kvm_cpuid2 *cpuid);

#endif
