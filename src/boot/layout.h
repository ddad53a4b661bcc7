/*
 * layout.h - where minivm puts what it places in guest memory for
 * protected- and long-mode guests: a boot area of fixed addresses in
 * the first 640 KiB, above the real-mode interrupt table, so that a
 * guest can find each item without being told.  Real-mode guests get
 * none of it.  An image may use the area only where nothing is placed:
 * the pieces that are there for a given run are checked (plan_check).
 */
#ifndef MINIVM_BOOT_LAYOUT_H
#define MINIVM_BOOT_LAYOUT_H

#define BOOT_GDT 0x1000		/* the GDT: 4 descriptors */
#define BOOT_INFO 0x2000	/* multiboot info or Linux zero page, 4 KiB */
#define BOOT_CMDLINE 0x3000	/* the command line, 4 KiB */
#define BOOT_CMDLINE_SIZE 0x1000	/* ... with its NUL */
#define BOOT_PML4 0x4000	/* long mode: the page tables, */
#define BOOT_PDPT 0x5000	/* then one page directory a GiB */
#define BOOT_PD 0x6000		/* of guest memory from here */

/* Selectors in the GDT, as Linux's boot protocol has them. */
#define BOOT_CS 0x10
#define BOOT_DS 0x18

/* A PC's RAM: below 640 KiB, then from 1 MiB, with the hole between. */
#define LOW_MEMORY_END (640u * 1024)
#define HIGH_MEMORY_START 0x100000u

/* Where flat protected- and long-mode images and their -l go by default. */
#define FLAT_DEFAULT_LOAD 0x100000

#endif
