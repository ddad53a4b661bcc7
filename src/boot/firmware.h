/*
 * firmware.h - a BIOS ROM, such as SeaBIOS's bios.bin: where a PC has
 * it, and started as a PC starts
 */
#ifndef MINIVM_BOOT_FIRMWARE_H
#define MINIVM_BOOT_FIRMWARE_H

#include "boot/image.h"
#include "boot/plan.h"

/* A ROM is whole 64 KiB blocks, up to 16 MiB, ending at 4 GiB. */
#define FIRMWARE_BLOCK 0x10000u
#define FIRMWARE_MAX (16u << 20)

/*
 * Plans ROM: mapped read-only so that it ends at 4 GiB, its last 128
 * KiB (all of it, if smaller) copied to RAM ending at 1 MiB, where the
 * BIOS runs in real mode and keeps its variables, and the vCPU in its
 * state after reset, at 0xfffffff0.  Returns -1 with the reason in
 * plan->error.
 */
int firmware_plan(struct plan *plan, const struct image *rom,
		  uint64_t memory);

#endif
