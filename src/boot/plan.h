/*
 * plan.h - what a loader makes of an image: the pieces that go into
 * guest memory and the state the CPU starts in.  A loader only builds a
 * plan; the VM applies it (see vm_create), so a loader runs, and fails,
 * on a byte buffer before any VM exists.
 */
#ifndef MINIVM_BOOT_PLAN_H
#define MINIVM_BOOT_PLAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "boot/layout.h"	/* where MEMORY bytes of RAM lie */

enum cpu_mode {
	CPU_REAL,		/* 16-bit real mode */
	CPU_PROTECTED,		/* 32-bit protected mode, paging off */
	CPU_LONG,		/* 64-bit long mode, identity-mapped */
};

/* SIZE bytes at guest physical ADDRESS: a copy of DATA, or zeros. */
struct piece {
	uint64_t address;
	uint64_t size;
	const uint8_t *data;	/* NULL: zero-fill */
	bool minivm;		/* minivm's own, not the image's */
	char what[64];		/* for messages: "segment 2", "the GDT" */
};

/*
 * The CPU's state at the first instruction.  In real mode every segment
 * register holds SEGMENT and IP and SP are offsets in it; in protected
 * and long mode the segments are flat and IP and SP are addresses.
 */
struct entry_state {
	enum cpu_mode mode;
	uint16_t segment;
	uint64_t ip;
	uint64_t sp;
	uint64_t ax, bx, si;	/* what the format hands the kernel */
	/*
	 * Start as a PC does after reset, at 0xfffffff0 (CS 0xf000 based
	 * at 0xffff0000, IP 0xfff0), for firmware: the rest is unused.
	 */
	bool reset;
};

#define PLAN_MAX_OWNED 8

struct plan {
	const char *name;	/* the image, for messages */
	struct piece *pieces;
	size_t count;
	size_t capacity;
	void *owned[PLAN_MAX_OWNED];	/* buffers the plan frees */
	size_t owned_count;
	struct entry_state entry;
	/* A firmware ROM, read-only, that ends at 4 GiB; NULL: none. */
	const uint8_t *rom;
	uint64_t rom_size;
	/* The kernel may read QEMU's fw_cfg (a multiboot kernel does). */
	bool reads_fw_cfg;
	char error[320];	/* why the plan was refused */
};

void plan_init(struct plan *plan, const char *name);
void plan_release(struct plan *plan);

/*
 * Each of these returns 0, or -1 with the reason in plan->error (for
 * "minivm: REASON"); formats WHAT with printf's rules.
 */
int plan_fail(struct plan *plan, const char *format, ...)
	__attribute__((format(printf, 2, 3)));
int plan_add(struct plan *plan, uint64_t address, const uint8_t *data,
	     uint64_t size, bool minivm, const char *what, ...)
	__attribute__((format(printf, 6, 7)));
/* A zeroed buffer of SIZE bytes that lives as long as the plan. */
void *plan_alloc(struct plan *plan, size_t size);
/*
 * Checks that every piece lies wholly in the RAM that MEMORY bytes of
 * guest memory make, below the 32-bit hole or above it (see layout.h),
 * and that no two overlap.
 */
int plan_check(struct plan *plan, uint64_t memory);
/* The end of the highest piece that is the image's, not minivm's. */
uint64_t plan_image_end(const struct plan *plan);

#endif
