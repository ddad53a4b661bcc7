/*
 * mode-tables.c - what an entry in protected or long mode needs in
 * guest memory before the CPU starts: the GDT, and the page tables
 */
#include <config.h>

#include "boot/mode-tables.h"

#include <inttypes.h>

#include "boot/layout.h"

#define PTE_PRESENT (1ull << 0)
#define PTE_WRITE (1ull << 1)
#define PDE_2M (1ull << 7)

#define GIB (1ull << 30)

/* Flat 4 GiB descriptors: base 0, limit 0xfffff in 4 KiB units. */
#define GDT_CODE32 0x00cf9b000000ffffull
#define GDT_CODE64 0x00af9b000000ffffull
#define GDT_DATA 0x00cf93000000ffffull

static int add_gdt(struct plan *plan)
{
	uint64_t *gdt = plan_alloc(plan, 4 * sizeof(*gdt));

	if (!gdt)
		return -1;
	gdt[BOOT_CS / 8] = plan->entry.mode == CPU_LONG ? GDT_CODE64 :
							  GDT_CODE32;
	gdt[BOOT_DS / 8] = GDT_DATA;
	return plan_add(plan, BOOT_GDT, (const uint8_t *)gdt,
			4 * sizeof(*gdt), true, "the GDT");
}

/*
 * One PML4 entry, one PDPT entry a GiB and 2 MiB pages: 1 GiB pages
 * would be smaller, but KVM offers them only when told the CPU has them.
 * They map every address up to the end of RAM, rounded up to a GiB:
 * with RAM above the 32-bit hole, the hole too, so that an access there
 * is an MMIO exit, not a page fault.  At a page directory a GiB, they
 * stay below 640 KiB while RAM ends by 154 GiB; beyond 250 GiB they
 * reach the default load address at 1 MiB, and plan_check reports the
 * overlap with an image loaded there.
 */
static int add_page_tables(struct plan *plan, uint64_t memory)
{
	uint64_t end = ram_end(memory);
	uint64_t gigs = (end + GIB - 1) / GIB;
	size_t pages;
	uint64_t *table;

	if (end > LONG_MODE_MAX_MEMORY)
		return plan_fail(plan, "image '%s': long mode maps at most "
				 "512 GiB of guest memory, the addresses below "
				 "0x%llx; %" PRIu64 " bytes of RAM end at 0x%"
				 PRIx64 ", above the 1 GiB hole below 4 GiB, "
				 "so at most 511 GiB fit", plan->name,
				 LONG_MODE_MAX_MEMORY, memory, end);
	pages = 2 + (size_t)gigs;
	table = plan_alloc(plan, pages * 4096);
	if (!table)
		return -1;
	table[0] = BOOT_PDPT | PTE_PRESENT | PTE_WRITE;
	for (uint64_t g = 0; g < gigs; g++) {
		uint64_t *pd = table + (2 + g) * 512;

		table[512 + g] = (BOOT_PD + g * 4096) | PTE_PRESENT | PTE_WRITE;
		for (uint64_t i = 0; i < 512; i++)
			pd[i] = (g * GIB + (i << 21)) | PTE_PRESENT |
				PTE_WRITE | PDE_2M;
	}
	return plan_add(plan, BOOT_PML4, (const uint8_t *)table, pages * 4096,
			true, "the page tables");
}

int boot_mode_tables(struct plan *plan, uint64_t memory)
{
	if (plan->entry.mode == CPU_REAL)
		return 0;
	if (add_gdt(plan) < 0)
		return -1;
	if (plan->entry.mode == CPU_LONG)
		return add_page_tables(plan, memory);
	return 0;
}
