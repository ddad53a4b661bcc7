/*
 * multiboot.h - kernels in the Multiboot format (version 1), as GRUB
 * and QEMU's -kernel load them
 */
#ifndef MINIVM_BOOT_MULTIBOOT_H
#define MINIVM_BOOT_MULTIBOOT_H

#include <stdbool.h>

#include "boot/boot.h"

#define MULTIBOOT_MAGIC 0x1badb002u	/* in the kernel's header */
#define MULTIBOOT_BOOTED 0x2badb002u	/* in EAX at entry */

/* Whether IMAGE has a multiboot header's magic where one may be. */
bool multiboot_is_multiboot(const struct image *image);
/*
 * Plans the kernel IMAGE's boot: its segments (from the header's load
 * addresses with flag 16, or its ELF32 program headers), the multiboot
 * information, the command line and the module from OPTS, entered in
 * 32-bit protected mode.
 */
int multiboot_load(struct plan *plan, const struct image *image,
		   const struct boot_options *opts);

#endif
