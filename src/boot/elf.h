/* elf.h - the loadable segments of a 32-bit x86 ELF executable */
#ifndef MINIVM_BOOT_ELF_H
#define MINIVM_BOOT_ELF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "boot/plan.h"

/* Whether DATA starts with the ELF magic number. */
bool elf_is_elf(const uint8_t *data, size_t size);
/*
 * Adds the PT_LOAD segments of the ELF32 i386 executable DATA to PLAN at
 * their physical addresses (p_paddr), their bss as zero-fill, and sets
 * *ENTRY to the physical address of its entry point.  Refuses a file
 * that is not ELF32 for i386, is cut short, or has a segment beyond
 * its end or beyond 4 GiB, or an entry point in no segment.
 */
int elf32_load(struct plan *plan, const uint8_t *data, size_t size,
	       uint32_t *entry);

#endif
