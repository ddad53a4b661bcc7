/*
 * mode-tables.h - what an entry in protected or long mode needs in
 * guest memory before the CPU starts: the GDT, and the page tables
 */
#ifndef MINIVM_BOOT_MODE_TABLES_H
#define MINIVM_BOOT_MODE_TABLES_H

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
int boot_mode_tables(struct plan *plan, uint64_t memory);

#endif
