/*
 * boot.h - from an image to a plan: recognises the image's format and
 * hands it to that format's loader
 */
#ifndef MINIVM_BOOT_BOOT_H
#define MINIVM_BOOT_BOOT_H

#include <stdbool.h>
#include <stdint.h>

#include "boot/image.h"
#include "boot/mptable.h"
#include "boot/plan.h"

/* What the command line asks of the loaders. */
struct boot_options {
	uint64_t memory;
	enum cpu_mode mode;
	bool mode_set;		/* --mode was given */
	uint64_t load_address;
	bool load_set;		/* --load-address was given */
	const char *cmdline;	/* --append; NULL: none */
	const struct image *initrd;	/* --initrd; NULL: none */
};

/*
 * Plans IMAGE's boot: the loader's pieces, the GDT and page tables its
 * entry mode needs, all checked to fit in guest memory without
 * overlapping.  Returns -1 with the reason in plan->error.
 */
int boot_plan(struct plan *plan, const struct image *image,
	      const struct boot_options *opts);
/*
 * Adds to a plan that boot_plan made the MP table that tells of MACHINE
 * (see mptable.h), at BOOT_MPTABLE, and checks it again.
 */
int boot_add_mptable(struct plan *plan, const struct mptable_machine *machine,
		     uint64_t memory);
/*
 * Plans starting the machine from the firmware ROM (see firmware.h),
 * checked as boot_plan checks; the other options do not apply.
 */
int boot_firmware(struct plan *plan, const struct image *rom,
		  const struct boot_options *opts);

#endif
