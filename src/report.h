/* report.h - describing a VM exit and the vCPU state for the user */
#ifndef MINIVM_REPORT_H
#define MINIVM_REPORT_H

#include <linux/kvm.h>
#include <stdint.h>

struct vm;

/* The KVM_EXIT_* name of REASON, or NULL if this build does not know it. */
const char *exit_reason_name(uint32_t reason);
/* Tells on stderr why the vCPU stopped, then what report_vcpu tells. */
void report_exit(const struct vm *vm);
/* The vCPU's registers and the code at CS:IP, in a compact block. */
void report_vcpu(const struct vm *vm);
/* One line on stderr for each exit, for --verbose. */
void trace_exit(const struct kvm_run *run);

#endif
