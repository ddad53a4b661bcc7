/* flat.h - the flat image: bytes to place at the load address and run */
#ifndef MINIVM_BOOT_FLAT_H
#define MINIVM_BOOT_FLAT_H

#include "boot/boot.h"

int flat_load(struct plan *plan, const struct image *image,
	      const struct boot_options *opts);

#endif
