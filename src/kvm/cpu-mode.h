/*
 * cpu-mode.h - the processor's registers set up for real, protected or
 * long mode (boot/mode-tables.h puts the GDT and page tables they
 * point to in guest memory)
 */
#ifndef MINIVM_CPU_MODE_H
#define MINIVM_CPU_MODE_H

#include <linux/kvm.h>

#include "boot/plan.h"

/* Sets the segment and control registers in S to enter as E says. */
void cpu_mode_sregs(struct kvm_sregs *s, const struct entry_state *e);
void cpu_mode_regs(struct kvm_regs *r, const struct entry_state *e);

#endif
