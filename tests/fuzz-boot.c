/*
 * fuzz-boot.c - a libFuzzer target for the loaders: any bytes, as an
 * image, through boot_plan (format recognition, the multiboot header,
 * ELF and flat loading, the GDT and page tables, the plan's checks),
 * and as a firmware ROM through boot_firmware.  No KVM is involved.  The first byte picks the options, so one corpus
 * covers each mode, memory size, command line and module; the rest is
 * the image.  A plan that passes must be one vm_create can apply.
 */
#include <config.h>

#include <stdbool.h>
#include <stdlib.h>

#include "boot/boot.h"
#include "boot/layout.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const uint64_t memories[] = {
	64 << 10, 2 << 20, 16 << 20, 5ull << 30,
};

static const uint8_t module[] = "module contents";

static struct boot_options options_for(uint8_t pick,
				       const struct image *initrd)
{
	return (struct boot_options){
		.memory = memories[pick & 3],
		.mode = (enum cpu_mode)((pick >> 2) % 3),
		.mode_set = pick & 0x10,
		.cmdline = pick & 0x20 ? "console=ttyS0" : NULL,
		.initrd = pick & 0x40 ? initrd : NULL,
		.load_address = pick & 0x80 ? 0x7c00 : 0,
		.load_set = pick & 0x80,
	};
}

/* Whether the piece lies wholly in RAM, below the hole or above it. */
static bool in_ram(uint64_t address, uint64_t size, uint64_t memory)
{
	uint64_t below = ram_below_hole(memory), above = ram_above_hole(memory);

	if (address < below)
		return size <= below - address;
	return address >= RAM_HOLE_END && address - RAM_HOLE_END < above &&
	       size <= above - (address - RAM_HOLE_END);
}

/* What vm_create would copy: every byte must be readable and in RAM. */
static void apply(const struct plan *plan, uint64_t memory)
{
	volatile uint8_t sum = 0;

	for (size_t i = 0; i < plan->count; i++) {
		const struct piece *p = &plan->pieces[i];

		if (!in_ram(p->address, p->size, memory))
			abort();
		for (uint64_t j = 0; p->data && j < p->size; j++)
			sum += p->data[j];
	}
	(void)sum;
	if (plan->entry.mode == CPU_REAL && plan->entry.segment > 0xffff)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct image initrd = {
		.name = "initrd", .data = module, .size = sizeof(module),
	};
	struct image image = { .name = "fuzz" };
	struct boot_options opts;
	struct plan plan;

	if (size < 2)
		return 0;
	opts = options_for(data[0], &initrd);
	image.data = data + 1;
	image.size = size - 1;
	plan_init(&plan, image.name);
	if (boot_plan(&plan, &image, &opts) == 0)
		apply(&plan, opts.memory);
	plan_release(&plan);
	/* The same bytes as a firmware ROM, which takes any content. */
	plan_init(&plan, image.name);
	if (boot_firmware(&plan, &image, &opts) == 0)
		apply(&plan, opts.memory);
	plan_release(&plan);
	return 0;
}
