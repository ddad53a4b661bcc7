/*
 * layout.h - where minivm puts what it places in guest memory for
 * protected- and long-mode guests: a boot area of fixed addresses in
 * the first 640 KiB, above the real-mode interrupt table, so that a
 * guest can find each item without being told.  Real-mode guests get
 * none of it.  An image may use the area only where nothing is placed:
 * the pieces that are there for a given run are checked (plan_check).
 * And where guest RAM lies: below the 32-bit hole, and from 4 GiB up.
 */
#ifndef MINIVM_BOOT_LAYOUT_H
#define MINIVM_BOOT_LAYOUT_H

#include <stdint.h>

#define BOOT_GDT 0x1000		/* the GDT: 4 descriptors */
#define BOOT_INFO 0x2000	/* multiboot info or Linux zero page, 4 KiB */
#define BOOT_CMDLINE 0x3000	/* the command line, 4 KiB */
#define BOOT_CMDLINE_SIZE 0x1000	/* ... with its NUL */
#define BOOT_PML4 0x4000	/* long mode: the page tables, */
#define BOOT_PDPT 0x5000	/* then one page directory a GiB */
#define BOOT_PD 0x6000		/* of guest memory from here */

/*
 * With several CPUs, the MP table, where a PC's BIOS has it and where
 * Linux looks for it: in the BIOS area below 1 MiB, which is no part
 * of the memory map that a kernel is given.
 */
#define BOOT_MPTABLE 0xf0000
#define BOOT_MPTABLE_SIZE 0x10000

/* Selectors in the GDT, as Linux's boot protocol has them. */
#define BOOT_CS 0x10
#define BOOT_DS 0x18

/* A PC's RAM: below 640 KiB, then from 1 MiB, with the hole between. */
#define LOW_MEMORY_END (640u * 1024)
#define HIGH_MEMORY_START 0x100000u

/*
 * Guest RAM as a PC lays it out: the first 3 GiB of --memory from
 * address 0, the rest from 4 GiB up.  The 32-bit hole between is never
 * RAM: it is where a PC has its PCI devices' BARs, its APICs and the
 * firmware ROM that ends at 4 GiB, and where KVM keeps the TSS and
 * identity-map pages it needs for real mode on some Intel CPUs
 * (0xfffbc000-0xfffbffff, see vm.c).  A guest's access there that no
 * device claims is one outside guest memory, as beyond the end of RAM.
 */
#define RAM_HOLE_START UINT64_C(0xc0000000)
#define RAM_HOLE_END (UINT64_C(1) << 32)	/* and RAM goes on from here */

/* How much of MEMORY bytes of RAM lies below the hole, from 0. */
static inline uint64_t ram_below_hole(uint64_t memory)
{
	return memory < RAM_HOLE_START ? memory : RAM_HOLE_START;
}

/* How much lies above it, from RAM_HOLE_END. */
static inline uint64_t ram_above_hole(uint64_t memory)
{
	return memory - ram_below_hole(memory);
}

/* Where the RAM ends: the highest guest physical address, plus one. */
static inline uint64_t ram_end(uint64_t memory)
{
	if (ram_above_hole(memory))
		return RAM_HOLE_END + ram_above_hole(memory);
	return memory;
}

/*
 * Physical addresses have at most 52 bits on x86-64: --memory can be
 * at most that much less the hole, so that ram_end never wraps.
 */
#define RAM_MAX ((UINT64_C(1) << 52) - (RAM_HOLE_END - RAM_HOLE_START))

/* Where flat protected- and long-mode images and their -l go by default. */
#define FLAT_DEFAULT_LOAD 0x100000

#endif
