/*
 * boot.c - from an image to a plan: recognises the image's format and
 * hands it to that format's loader
 */
#include <config.h>

#include "boot/boot.h"

#include "boot/bzimage.h"
#include "boot/elf.h"
#include "boot/firmware.h"
#include "boot/flat.h"
#include "boot/mode-tables.h"
#include "boot/multiboot.h"

/*
 * The format is the image's content: a Linux setup header, else a
 * multiboot header, else flat.  An ELF file with neither would only
 * crash as a flat image.
 */
static int load(struct plan *plan, const struct image *image,
		const struct boot_options *opts)
{
	if (bzimage_is_bzimage(image))
		return bzimage_load(plan, image, opts);
	if (multiboot_is_multiboot(image))
		return multiboot_load(plan, image, opts);
	if (elf_is_elf(image->data, image->size))
		return plan_fail(plan, "image '%s' is an ELF file with no "
				 "multiboot header in its first 8 KiB; minivm "
				 "runs Linux and multiboot kernels and flat "
				 "images",
				 image->name);
	return flat_load(plan, image, opts);
}

int boot_plan(struct plan *plan, const struct image *image,
	      const struct boot_options *opts)
{
	if (load(plan, image, opts) < 0)
		return -1;
	if (boot_mode_tables(plan, opts->memory) < 0)
		return -1;
	return plan_check(plan, opts->memory);
}

int boot_add_mptable(struct plan *plan, const struct mptable_machine *machine,
		     uint64_t memory)
{
	uint8_t *table = plan_alloc(plan, BOOT_MPTABLE_SIZE);
	size_t size;

	if (!table)
		return -1;
	size = mptable_build(table, BOOT_MPTABLE_SIZE, BOOT_MPTABLE, machine);
	if (size == 0)
		return plan_fail(plan, "the MP table cannot describe %u CPUs",
				 machine->cpus);
	if (plan_add(plan, BOOT_MPTABLE, table, size, true, "the MP table") < 0)
		return -1;
	return plan_check(plan, memory);
}

int boot_firmware(struct plan *plan, const struct image *rom,
		  const struct boot_options *opts)
{
	if (firmware_plan(plan, rom, opts->memory) < 0)
		return -1;
	return plan_check(plan, opts->memory);
}
