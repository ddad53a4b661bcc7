/*
 * cpu-mode.h - the processor set up for real, protected or long mode:
 * the GDT and page tables in guest memory, and the registers.
 */
#ifndef MINIVM_CPU_MODE_H
#define MINIVM_CPU_MODE_H

#include <linux/kvm.h>
#include <stdint.h>

#include "boot/plan.h"

/*
 * Long mode's page tables map the physical addresses below this, one
 * PDPT's worth: guest RAM must end there, so --memory is at most
 * 511 GiB, the 32-bit hole taking the rest (see boot/layout.h).
 */
#define LONG_MODE_MAX_MEMORY (512ull << 30)

/*
 * Adds to PLAN the GDT (protected and long mode) and the page tables
 * that map one to one all of MEMORY bytes of RAM, and the 32-bit hole
 * (long mode), that its entry mode needs.
 */
int cpu_mode_tables(struct plan *plan, uint64_t memory);
/* Sets the segment and control registers in S to enter as E says. */
void cpu_mode_sregs(struct kvm_sregs *s, const struct entry_state *e);
void cpu_mode_regs(struct kvm_regs *r, const struct entry_state *e);

#endif
