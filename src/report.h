/* report.h - describing a VM exit and the vCPU state for the user */
#ifndef MINIVM_REPORT_H
#define MINIVM_REPORT_H

#include <stdint.h>

struct vm;

/* The KVM_EXIT_* name of REASON, or NULL if this build does not know it. */
const char *exit_reason_name(uint32_t reason);
/* Tells on stderr why the vCPU stopped and what its registers held. */
void report_exit(const struct vm *vm);

#endif
