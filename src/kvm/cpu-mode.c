/* cpu-mode.c - the processor set up for real, protected or long mode */
#include <config.h>

#include "cpu-mode.h"

#include <inttypes.h>
#include <string.h>

#include "boot/layout.h"

#define CR0_PE (1ull << 0)
#define CR0_MP (1ull << 1)
#define CR0_ET (1ull << 4)
#define CR0_NE (1ull << 5)
#define CR0_WP (1ull << 16)
#define CR0_PG (1ull << 31)
#define CR4_PAE (1ull << 5)
#define CR4_OSFXSR (1ull << 9)
#define CR4_OSXMMEXCPT (1ull << 10)
#define EFER_LME (1ull << 8)
#define EFER_LMA (1ull << 10)

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

int cpu_mode_tables(struct plan *plan, uint64_t memory)
{
	if (plan->entry.mode == CPU_REAL)
		return 0;
	if (add_gdt(plan) < 0)
		return -1;
	if (plan->entry.mode == CPU_LONG)
		return add_page_tables(plan, memory);
	return 0;
}

static void real_segment(struct kvm_segment *seg, uint16_t selector)
{
	seg->selector = selector;
	seg->base = (uint64_t)selector << 4;
}

static void set_real_mode(struct kvm_sregs *s, uint16_t selector)
{
	s->cr0 &= ~CR0_PE;
	real_segment(&s->cs, selector);
	real_segment(&s->ds, selector);
	real_segment(&s->es, selector);
	real_segment(&s->ss, selector);
	real_segment(&s->fs, selector);
	real_segment(&s->gs, selector);
}

static struct kvm_segment flat_segment(uint16_t selector, uint8_t type,
				       bool code64)
{
	return (struct kvm_segment){
		.base = 0, .limit = 0xffffffff, .selector = selector,
		.type = type, .present = 1, .dpl = 0, .s = 1, .g = 1,
		.db = !code64, .l = code64,
	};
}

/*
 * The segments are loaded as the GDT describes them, so a guest that
 * reloads a selector gets what it had.  SSE is enabled: compiled C uses
 * it, and would fault on its first such instruction otherwise.
 */
static void set_flat_mode(struct kvm_sregs *s, bool long_mode)
{
	struct kvm_segment data = flat_segment(BOOT_DS, 3, false);

	s->cs = flat_segment(BOOT_CS, 11, long_mode);
	s->ds = s->es = s->fs = s->gs = s->ss = data;
	s->gdt.base = BOOT_GDT;
	s->gdt.limit = 4 * 8 - 1;
	s->cr0 = CR0_PE | CR0_MP | CR0_ET | CR0_NE;
	s->cr4 = CR4_OSFXSR | CR4_OSXMMEXCPT;
	s->efer = 0;
	if (long_mode) {
		s->cr0 |= CR0_PG | CR0_WP;
		s->cr3 = BOOT_PML4;
		s->cr4 |= CR4_PAE;
		s->efer = EFER_LME | EFER_LMA;
	}
}

void cpu_mode_sregs(struct kvm_sregs *s, const struct entry_state *e)
{
	if (e->mode == CPU_REAL)
		set_real_mode(s, e->segment);
	else
		set_flat_mode(s, e->mode == CPU_LONG);
}

void cpu_mode_regs(struct kvm_regs *r, const struct entry_state *e)
{
	*r = (struct kvm_regs){
		.rip = e->ip,
		.rsp = e->sp,
		.rax = e->ax,
		.rbx = e->bx,
		.rsi = e->si,
		.rflags = 0x2,	/* bit 1 is always set; IF clear */
	};
}
