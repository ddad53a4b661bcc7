/*
 * boot.c - from an image to a plan: recognises the image's format and
 * hands it to that format's loader
 */
#include <config.h>

#include "boot/boot.h"

#include "boot/flat.h"
#include "cpu-mode.h"

int boot_plan(struct plan *plan, const struct image *image,
	      const struct boot_options *opts)
{
	if (flat_load(plan, image, opts) < 0)
		return -1;
	if (cpu_mode_tables(plan, opts->memory) < 0)
		return -1;
	return plan_check(plan, opts->memory);
}
