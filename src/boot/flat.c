/* flat.c - the flat image: bytes to place at the load address and run */
#include <config.h>

#include "boot/flat.h"

#include <inttypes.h>

#include "boot/bytes.h"
#include "boot/layout.h"


static uint64_t default_load(enum cpu_mode mode)
{
	return mode == CPU_REAL ? 0 : FLAT_DEFAULT_LOAD;
}

/*
 * Real mode: every segment is based at the load address and IP is 0,
 * so an image assembled for offset 0 runs wherever it is loaded.  The
 * stack starts at the top of the 64 KiB segment (SP = 0 wraps to 0xfffe
 * on the first push), or at the end of guest memory when that comes
 * first.  Protected and long mode: the stack starts at the end of the
 * RAM the mode reaches, where it is least in the image's way: below the
 * 32-bit hole in protected mode, at the very end in long mode.
 */
static struct entry_state flat_entry(enum cpu_mode mode, uint64_t load,
				     uint64_t memory)
{
	uint64_t room = memory - load;

	switch (mode) {
	case CPU_REAL:
		return (struct entry_state){
			.mode = mode, .segment = (uint16_t)(load >> 4),
			.ip = 0, .sp = room < 0x10000 ? room : 0,
		};
	case CPU_PROTECTED:
		return (struct entry_state){
			.mode = mode, .ip = load, .sp = ram_below_hole(memory),
		};
	default:
		return (struct entry_state){
			.mode = mode, .ip = load, .sp = ram_end(memory),
		};
	}
}

int flat_load(struct plan *plan, const struct image *image,
	      const struct boot_options *opts)
{
	enum cpu_mode mode = opts->mode_set ? opts->mode : CPU_REAL;
	uint64_t load = opts->load_set ? opts->load_address :
					 default_load(mode);
	uint64_t size = image->size, memory = opts->memory;
	uint64_t end = ram_end(memory);

	if (opts->cmdline || opts->initrd)
		return plan_fail(plan, "image '%s' is a flat image: --append "
				 "and --initrd are for Linux and multiboot "
				 "kernels", image->name);
	/* plan_check names a load into the hole: no --memory helps it. */
	if ((load < RAM_HOLE_START || load >= RAM_HOLE_END) &&
	    (load >= end || size > end - load))
		return plan_fail(plan, "image '%s' (%zu bytes) does not fit "
				 "in %" PRIu64 " bytes of guest memory at load "
				 "address 0x%" PRIx64, image->name, image->size,
				 memory, load);
	if (mode == CPU_PROTECTED && load + size > FOUR_GIB)
		return plan_fail(plan, "image '%s' (%zu bytes) at load "
				 "address 0x%" PRIx64 " ends beyond 4 GiB, "
				 "which protected mode cannot reach",
				 image->name, image->size, load);
	plan->entry = flat_entry(mode, load, memory);
	return plan_add(plan, load, image->data, size, false, "the image");
}
