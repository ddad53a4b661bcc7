/*
 * bzimage.h - Linux kernels, loaded by the x86 boot protocol
 */
#ifndef MINIVM_BOOT_BZIMAGE_H
#define MINIVM_BOOT_BZIMAGE_H

#include <stdbool.h>

#include "boot/boot.h"

/* IMAGE has a Linux setup header ("HdrS" at 0x202). */
bool bzimage_is_bzimage(const struct image *image);
/* Plans a bzImage's boot; returns -1 with the reason in plan->error. */
int bzimage_load(struct plan *plan, const struct image *image,
		 const struct boot_options *opts);

#endif
