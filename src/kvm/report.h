/* report.h - describing a VM exit and the vCPU state for the user */
#ifndef MINIVM_REPORT_H
#define MINIVM_REPORT_H

#include <linux/kvm.h>
#include <stddef.h>
#include <stdint.h>

#include "memory.h"
#include "kvm/vcpu.h"

/* The KVM_EXIT_* name of REASON, or NULL if this build does not know it. */
const char *exit_reason_name(uint32_t reason);
/*
 * Tells on stderr why VCPU stopped, then what report_vcpu tells; an
 * access outside guest memory is set against MEMORY_SIZE, --memory's.
 */
void report_exit(const struct vcpu *vcpu, const struct guest_memory *ram,
		 size_t memory_size);
/*
 * VCPU's registers and the code at CS:IP, found in RAM, in a compact
 * block.
 */
void report_vcpu(const struct vcpu *vcpu, const struct guest_memory *ram);
/* One line on stderr for each exit, for --verbose. */
void trace_exit(const struct kvm_run *run);

#endif
