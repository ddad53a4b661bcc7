/*
 * firmware.c - a BIOS ROM, such as SeaBIOS's bios.bin: where a PC has
 * it, and started as a PC starts
 *
 * A PC's chipset shows the top of the ROM twice: at the top of 4 GiB,
 * where the processor fetches its first instruction after reset, and
 * below 1 MiB, where real-mode code can reach it.  The copy below 1 MiB
 * is RAM here: the BIOS writes its variables there, as it may once it
 * has unlocked a chipset's shadow RAM, which this machine does not
 * have (SeaBIOS unlocks nothing on a host bridge it does not know).
 */
#include <config.h>

#include "boot/firmware.h"

#define LOW_COPY_END 0x100000u
#define LOW_COPY_MAX 0x20000u	/* 0xe0000 to 0xfffff */

int firmware_plan(struct plan *plan, const struct image *rom,
		  uint64_t memory)
{
	size_t copy = rom->size < LOW_COPY_MAX ? rom->size : LOW_COPY_MAX;

	if (rom->size % FIRMWARE_BLOCK || rom->size > FIRMWARE_MAX)
		return plan_fail(plan, "firmware '%s' has %zu bytes: a ROM "
				 "image is a whole number of 64 KiB blocks, "
				 "up to %u MiB", rom->name, rom->size,
				 FIRMWARE_MAX >> 20);
	if (memory < LOW_COPY_END)
		return plan_fail(plan, "firmware '%s' needs 1 MiB of guest "
				 "memory at least, for its copy below 1 MiB "
				 "(see --memory)", rom->name);
	plan->rom = rom->data;
	plan->rom_size = rom->size;
	plan->entry = (struct entry_state){ .mode = CPU_REAL, .reset = true };
	return plan_add(plan, LOW_COPY_END - copy,
			rom->data + rom->size - copy, copy, false,
			"the firmware's copy below 1 MiB");
}
