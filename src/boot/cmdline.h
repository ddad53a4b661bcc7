/*
 * cmdline.h - the kernel command line (--append), which the Linux and
 * the multiboot loader both place at BOOT_CMDLINE
 */
#ifndef MINIVM_BOOT_CMDLINE_H
#define MINIVM_BOOT_CMDLINE_H

#include "boot/layout.h"
#include "boot/plan.h"

/* The longest command line that fits at BOOT_CMDLINE with its NUL. */
#define CMDLINE_MAX (BOOT_CMDLINE_SIZE - 1)

/*
 * Places CMDLINE, with its NUL, at BOOT_CMDLINE, refusing one longer
 * than CMDLINE_MAX; returns -1 with the reason in plan->error.
 */
int cmdline_add(struct plan *plan, const char *cmdline);

#endif
