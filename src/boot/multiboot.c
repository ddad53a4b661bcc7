/*
 * multiboot.c - kernels in the Multiboot format (version 1), as GRUB
 * and QEMU's -kernel load them
 *
 * The header lies 4-byte aligned in the first 8 KiB of the file.  The
 * kernel is entered in 32-bit protected mode, paging off, with EAX =
 * 0x2badb002 and EBX pointing to the multiboot information, which
 * minivm places in its boot area (see layout.h) with the memory map,
 * the module list and the command line.
 */
#include <config.h>

#include "boot/multiboot.h"

#include <inttypes.h>
#include <string.h>

#include "boot/bytes.h"
#include "boot/cmdline.h"
#include "boot/elf.h"
#include "boot/layout.h"

#define SEARCH_LIMIT 8192
#define HEADER_SIZE 12		/* magic, flags, checksum */
#define AOUT_HEADER_SIZE 32	/* with the load addresses of flag 16 */

#define FLAG_PAGE_ALIGN (1u << 0)	/* modules on 4 KiB boundaries */
#define FLAG_MEMORY_INFO (1u << 1)	/* mem_* and the memory map */
#define FLAG_AOUT_KLUDGE (1u << 16)	/* the header says where to load */
#define FLAGS_REQUIRED 0xffffu	/* a loader must fail on unknowns */

/* The multiboot information's flags and offsets; see the specification. */
#define INFO_MEMORY (1u << 0)
#define INFO_CMDLINE (1u << 2)
#define INFO_MODS (1u << 3)
#define INFO_MMAP (1u << 6)
#define INFO_LOADER_NAME (1u << 9)
#define INFO_FLAGS 0
#define INFO_MEM_LOWER 4
#define INFO_MEM_UPPER 8
#define INFO_CMDLINE_ADDR 16
#define INFO_MODS_COUNT 20
#define INFO_MODS_ADDR 24
#define INFO_MMAP_LENGTH 44
#define INFO_MMAP_ADDR 48
#define INFO_LOADER_NAME_ADDR 64

/* Where each part goes in the 4 KiB at BOOT_INFO. */
#define INFO_SIZE 0x80		/* the information itself */
#define MMAP_OFFSET 0x80	/* up to three 24-byte entries */
#define MODULE_OFFSET 0xc8	/* one 16-byte module entry */
#define LOADER_NAME_OFFSET 0xd8
#define MODULE_NAME_OFFSET 0x100
#define INFO_AREA_SIZE 0x1000

#define MMAP_ENTRY_SIZE 24
#define MMAP_RAM 1
#define KIB 1024u
#define PAGE 4096u

static const char loader_name[] = "minivm";

/* The offset of the header's magic, or -1 if there is none. */
static long find_header(const struct image *image)
{
	size_t limit = image->size < SEARCH_LIMIT ? image->size : SEARCH_LIMIT;

	for (size_t at = 0; at + 4 <= limit; at += 4)
		if (le32(image->data + at) == MULTIBOOT_MAGIC)
			return (long)at;
	return -1;
}

bool multiboot_is_multiboot(const struct image *image)
{
	return find_header(image) >= 0;
}

static int check_header(struct plan *plan, const struct image *image,
			size_t at, uint32_t *flags)
{
	const uint8_t *h = image->data + at;
	uint32_t sum;

	if (image->size - at < HEADER_SIZE)
		return plan_fail(plan, "image '%s': multiboot header at 0x%zx "
				 "cut short by the end of the file",
				 image->name, at);
	*flags = le32(h + 4);
	sum = MULTIBOOT_MAGIC + *flags + le32(h + 8);
	if (sum != 0)
		return plan_fail(plan, "image '%s': multiboot header at 0x%zx "
				 "has a bad checksum 0x%08" PRIx32 " (magic, "
				 "flags and checksum must add up to 0; 0x%08"
				 PRIx32 " would)", image->name, at, le32(h + 8),
				 (uint32_t)-(MULTIBOOT_MAGIC + *flags));
	if (*flags & FLAGS_REQUIRED & ~(FLAG_PAGE_ALIGN | FLAG_MEMORY_INFO))
		return plan_fail(plan, "image '%s': multiboot header flags "
				 "0x%08" PRIx32 " ask for what minivm does not "
				 "provide (it provides flags 0 and 1, page-"
				 "aligned modules and memory information)",
				 image->name, *flags);
	if ((*flags & FLAG_AOUT_KLUDGE) &&
	    image->size - at < AOUT_HEADER_SIZE)
		return plan_fail(plan, "image '%s': multiboot header at 0x%zx "
				 "with load addresses (flag 16) cut short by "
				 "the end of the file", image->name, at);
	return 0;
}

/*
 * Flag 16: the header gives the physical address it is itself loaded
 * at, and so where the file's bytes go from the text segment on.
 */
static int load_aout(struct plan *plan, const struct image *image,
		     size_t at, uint32_t *entry)
{
	const uint8_t *h = image->data + at;
	uint32_t header_addr = le32(h + 12), load_addr = le32(h + 16);
	uint32_t load_end = le32(h + 20), bss_end = le32(h + 24);
	uint64_t offset, size, end;

	*entry = le32(h + 28);
	if (load_addr > header_addr || header_addr - load_addr > at)
		return plan_fail(plan, "image '%s': multiboot load address "
				 "0x%" PRIx32 " is not at or before the header "
				 "(at 0x%" PRIx32 ", 0x%zx bytes into the "
				 "file)", image->name, load_addr, header_addr,
				 at);
	offset = at - (header_addr - load_addr);
	size = load_end ? (uint64_t)load_end - load_addr :
			  image->size - offset;
	if (load_end && load_end <= header_addr)
		return plan_fail(plan, "image '%s': multiboot load end "
				 "address 0x%" PRIx32 " is not after the header"
				 " (at 0x%" PRIx32 ")", image->name, load_end,
				 header_addr);
	if (size > image->size - offset)
		return plan_fail(plan, "image '%s': multiboot load addresses "
				 "0x%" PRIx32 "-0x%" PRIx32 " ask for 0x%"
				 PRIx64 " bytes beyond the end of the file",
				 image->name, load_addr, load_end,
				 size - (image->size - offset));
	end = load_addr + size;
	if (bss_end && bss_end < end)
		return plan_fail(plan, "image '%s': multiboot bss end address "
				 "0x%" PRIx32 " is before the load end 0x%"
				 PRIx64, image->name, bss_end, end);
	if (end > FOUR_GIB)
		return plan_fail(plan, "image '%s': multiboot kernel at 0x%"
				 PRIx32 " (0x%" PRIx64 " bytes) ends beyond 4 "
				 "GiB", image->name, load_addr, size);
	if (*entry < load_addr || *entry >= (bss_end ? bss_end : end))
		return plan_fail(plan, "image '%s': multiboot entry address "
				 "0x%" PRIx32 " lies outside the kernel (0x%"
				 PRIx32 "-0x%" PRIx64 ")", image->name, *entry,
				 load_addr, (bss_end ? bss_end : end) - 1);
	if (plan_add(plan, load_addr, image->data + offset, size, false,
		     "the kernel") < 0)
		return -1;
	return plan_add(plan, end, NULL, bss_end ? bss_end - end : 0, false,
			"the kernel's bss");
}

/*
 * The module goes on the first page after the kernel, below the 32-bit
 * hole: the module list has 32-bit addresses.
 */
static int add_module(struct plan *plan, uint8_t *info,
		      const struct image *initrd, uint64_t memory)
{
	uint64_t start = (plan_image_end(plan) + PAGE - 1) / PAGE * PAGE;
	uint64_t limit = ram_below_hole(memory);
	size_t name_length = strlen(initrd->name);
	uint8_t *entry = info + MODULE_OFFSET;

	if (start >= limit || initrd->size > limit - start)
		return plan_fail(plan, "initrd '%s' (%zu bytes) does not fit "
				 "between the kernel's end at 0x%" PRIx64
				 " and the end of memory it may use at 0x%"
				 PRIx64, initrd->name, initrd->size, start,
				 limit);
	if (name_length >= INFO_AREA_SIZE - MODULE_NAME_OFFSET)
		return plan_fail(plan, "initrd name '%s' too long: at most %d "
				 "bytes", initrd->name,
				 INFO_AREA_SIZE - MODULE_NAME_OFFSET - 1);
	memcpy(info + MODULE_NAME_OFFSET, initrd->name, name_length + 1);
	put32(entry, (uint32_t)start);
	put32(entry + 4, (uint32_t)(start + initrd->size));
	put32(entry + 8, BOOT_INFO + MODULE_NAME_OFFSET);
	put32(info + INFO_MODS_COUNT, 1);
	put32(info + INFO_MODS_ADDR, BOOT_INFO + MODULE_OFFSET);
	return plan_add(plan, start, initrd->data, initrd->size, false,
			"module '%s'", initrd->name);
}

/* One entry of the memory map; returns the bytes it takes. */
static uint32_t put_mmap(uint8_t *entry, uint64_t start, uint64_t size)
{
	put32(entry, MMAP_ENTRY_SIZE - 4);	/* size leaves itself out */
	put64(entry + 4, start);
	put64(entry + 12, size);
	put32(entry + 20, MMAP_RAM);
	return MMAP_ENTRY_SIZE;
}

/*
 * RAM below 640 KiB, from 1 MiB to the 32-bit hole or the end of guest
 * memory, and from 4 GiB on when there is more.  mem_upper is the RAM
 * from 1 MiB up to the first hole, as the specification has it: the
 * 32-bit hole ends it.
 */
static void add_memory(uint8_t *info, uint64_t memory)
{
	uint64_t low = memory < LOW_MEMORY_END ? memory : LOW_MEMORY_END;
	uint64_t below = ram_below_hole(memory);
	uint64_t high = below > HIGH_MEMORY_START ?
			below - HIGH_MEMORY_START : 0;
	uint8_t *mmap = info + MMAP_OFFSET;
	uint32_t length = put_mmap(mmap, 0, low);

	put32(info + INFO_MEM_LOWER, (uint32_t)(low / KIB));
	put32(info + INFO_MEM_UPPER, (uint32_t)(high / KIB));
	if (high)
		length += put_mmap(mmap + length, HIGH_MEMORY_START, high);
	if (ram_above_hole(memory))
		length += put_mmap(mmap + length, RAM_HOLE_END,
				   ram_above_hole(memory));
	put32(info + INFO_MMAP_LENGTH, length);
	put32(info + INFO_MMAP_ADDR, BOOT_INFO + MMAP_OFFSET);
}

static int add_info(struct plan *plan, const struct boot_options *opts)
{
	uint8_t *info = plan_alloc(plan, INFO_AREA_SIZE);
	uint32_t flags = INFO_MEMORY | INFO_CMDLINE | INFO_MMAP |
			 INFO_LOADER_NAME;

	if (!info)
		return -1;
	add_memory(info, opts->memory);
	put32(info + INFO_CMDLINE_ADDR, BOOT_CMDLINE);
	memcpy(info + LOADER_NAME_OFFSET, loader_name, sizeof(loader_name));
	put32(info + INFO_LOADER_NAME_ADDR, BOOT_INFO + LOADER_NAME_OFFSET);
	if (opts->initrd) {
		if (add_module(plan, info, opts->initrd, opts->memory) < 0)
			return -1;
		flags |= INFO_MODS;
	}
	put32(info + INFO_FLAGS, flags);
	if (cmdline_add(plan, opts->cmdline ? opts->cmdline : "") < 0)
		return -1;
	return plan_add(plan, BOOT_INFO, info, INFO_AREA_SIZE, true,
			"the multiboot information");
}

/* --mode and --load-address are a flat image's: the kernel says. */
static int check_options(struct plan *plan, const struct boot_options *opts)
{
	if (opts->mode_set && opts->mode != CPU_PROTECTED)
		return plan_fail(plan, "image '%s' is a multiboot kernel, "
				 "which starts in protected mode: --mode is "
				 "for flat images", plan->name);
	if (opts->load_set)
		return plan_fail(plan, "image '%s' is a multiboot kernel, "
				 "which says where it loads: --load-address "
				 "is for flat images", plan->name);
	return 0;
}

int multiboot_load(struct plan *plan, const struct image *image,
		   const struct boot_options *opts)
{
	long at = find_header(image);
	uint32_t flags = 0, entry = 0;
	int ret;

	if (check_options(plan, opts) < 0)
		return -1;
	if (at < 0)
		return plan_fail(plan, "image '%s' has no multiboot header",
				 image->name);
	if (check_header(plan, image, (size_t)at, &flags) < 0)
		return -1;
	if (flags & FLAG_AOUT_KLUDGE)
		ret = load_aout(plan, image, (size_t)at, &entry);
	else if (elf_is_elf(image->data, image->size))
		ret = elf32_load(plan, image->data, image->size, &entry);
	else
		ret = plan_fail(plan, "image '%s': multiboot kernel is not an "
				"ELF file, and its header gives no load "
				"addresses (flag 16)", image->name);
	if (ret < 0 || add_info(plan, opts) < 0)
		return -1;
	plan->entry = (struct entry_state){
		.mode = CPU_PROTECTED,
		.ip = entry,
		.sp = ram_below_hole(opts->memory),
		.ax = MULTIBOOT_BOOTED,
		.bx = BOOT_INFO,
	};
	/* The KVM project's unit tests read the number of CPUs there. */
	plan->reads_fw_cfg = true;
	return 0;
}
