/* cpu-mode.c - the processor set up for real, protected or long mode */
#include <config.h>

#include "kvm/cpu-mode.h"

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
