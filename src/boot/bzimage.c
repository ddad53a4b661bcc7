/*
 * bzimage.c - Linux kernels, loaded as a 32-bit boot loader does by
 * the x86 boot protocol (Documentation/arch/x86/boot.rst), 2.06 or later
 *
 * A bzImage is the kernel's real-mode setup, setup_sects + 1 sectors
 * of 512 bytes with the setup header at 0x1f1, followed by the
 * protected-mode kernel.  minivm runs none of the real-mode code: it
 * fills in the zero page (struct boot_params) as the setup code would,
 * loads the protected-mode kernel at 1 MiB and enters it there in flat
 * 32-bit protected mode, interrupts off, with ESI pointing to the zero
 * page.  The kernel decompresses itself to its preferred address, so
 * that address plus init_size must lie in guest memory below the 32-bit
 * hole, and the initrd goes above it, at the top of the memory below
 * the hole that the kernel accepts it in.  The e820 map in the zero
 * page tells the kernel where the RAM is (see layout.h).
 */
#include <config.h>

#include "boot/bzimage.h"

#include <inttypes.h>
#include <string.h>

#include "boot/bytes.h"
#include "boot/cmdline.h"
#include "boot/layout.h"

/* The setup header's fields, as offsets in the file and the zero page. */
#define SETUP_SECTS 0x1f1
#define SYSSIZE 0x1f4
#define SETUP_LENGTH 0x201	/* the header ends at 0x202 plus this */
#define HEADER 0x202
#define PROTOCOL 0x206
#define TYPE_OF_LOADER 0x210
#define LOADFLAGS 0x211
#define RAMDISK_IMAGE 0x218
#define RAMDISK_SIZE 0x21c
#define CMD_LINE_PTR 0x228
#define INITRD_ADDR_MAX 0x22c
#define CMDLINE_SIZE 0x238
#define PREF_ADDRESS 0x258
#define INIT_SIZE 0x260
#define HEADER_END_MAX 0x290	/* where the zero page's next field starts */

/* The rest of the zero page that minivm fills in. */
#define E820_ENTRIES 0x1e8
#define E820_TABLE 0x2d0
#define E820_ENTRY_SIZE 20
#define E820_RAM 1

#define LOADED_HIGH 0x01	/* loadflags: a bzImage, not a zImage */
#define LOADER_UNDEFINED 0xff	/* type_of_loader: no assigned ID */
#define PROTOCOL_MIN 0x0206	/* the first with cmdline_size */
#define PROTOCOL_PREF_ADDRESS 0x020a	/* pref_address and init_size */

#define SECTOR 512u
#define PARAGRAPH 16u	/* syssize's unit */
#define PAGE 4096u
#define KERNEL_LOAD HIGH_MEMORY_START	/* where a bzImage's kernel goes */
#define ZERO_PAGE_SIZE 4096u

bool bzimage_is_bzimage(const struct image *image)
{
	return image->size >= HEADER + 4 &&
	       memcmp(image->data + HEADER, "HdrS", 4) == 0;
}

/* What the loader needs from the setup header, checked. */
struct kernel {
	const struct image *image;
	uint16_t version;
	size_t setup_size;	/* bytes of real-mode setup in the file */
	size_t header_end;	/* the setup header's end in the file */
	uint64_t runtime_end;	/* the end of what decompression needs */
};

static int check_version(struct plan *plan, struct kernel *k)
{
	const uint8_t *d = k->image->data;

	k->version = le16(d + PROTOCOL);
	if (k->version < PROTOCOL_MIN)
		return plan_fail(plan, "image '%s' is a Linux kernel with boot "
				 "protocol %u.%02u; minivm boots 2.06 or "
				 "later", k->image->name, k->version >> 8,
				 k->version & 0xff);
	if (!(d[LOADFLAGS] & LOADED_HIGH))
		return plan_fail(plan, "image '%s' is a Linux zImage, loaded "
				 "below 1 MiB; minivm boots bzImages",
				 k->image->name);
	return 0;
}

/*
 * The file must hold the whole setup and the protected-mode kernel its
 * header counts (syssize), else it was cut short.  syssize counts
 * 16-byte paragraphs, rounded up: a file up to 15 bytes shorter is
 * whole (memtest86+'s is 8 short).  As in QEMU and GRUB, what is loaded
 * is the rest of the file, not syssize's count.
 */
static int check_size(struct plan *plan, struct kernel *k)
{
	const struct image *image = k->image;
	unsigned sects = image->data[SETUP_SECTS] ? image->data[SETUP_SECTS]
						   : 4;
	uint64_t kernel = (uint64_t)le32(image->data + SYSSIZE) * PARAGRAPH;

	k->setup_size = (sects + 1) * SECTOR;
	k->header_end = HEADER + image->data[SETUP_LENGTH];
	if (k->header_end > HEADER_END_MAX)
		return plan_fail(plan, "image '%s': Linux setup header ends at "
				 "0x%zx, beyond the zero page's 0x%x",
				 image->name, k->header_end, HEADER_END_MAX);
	if (image->size < k->setup_size ||
	    kernel > image->size - k->setup_size + PARAGRAPH - 1 ||
	    kernel == 0)
		return plan_fail(plan, "image '%s' is a Linux kernel cut "
				 "short: its header says %zu bytes of setup "
				 "and %" PRIu64 " of kernel, the file has %zu "
				 "bytes", image->name, k->setup_size, kernel,
				 image->size);
	return 0;
}

/*
 * The kernel decompresses itself to pref_address (or a random place in
 * RAM with KASLR) and needs init_size bytes there before it reads the
 * memory map.  Protocols before 2.10 do not say, so the kernel as
 * loaded is all that is checked.
 */
static int check_room(struct plan *plan, struct kernel *k, uint64_t memory)
{
	const uint8_t *d = k->image->data;
	uint64_t start = KERNEL_LOAD, need = k->image->size - k->setup_size;
	uint64_t below = ram_below_hole(memory);

	if (k->version >= PROTOCOL_PREF_ADDRESS &&
	    le64(d + PREF_ADDRESS) > KERNEL_LOAD) {
		start = le64(d + PREF_ADDRESS);
		need = le32(d + INIT_SIZE);
	}
	k->runtime_end = start + need;
	if (start >= below || need > below - start)
		return plan_fail(plan, "image '%s' is a Linux kernel that "
				 "needs %" PRIu64 " bytes of memory from 0x%"
				 PRIx64 ", beyond the %" PRIu64 " bytes of "
				 "guest memory%s (see --memory)",
				 k->image->name, need, start, below,
				 below < memory ? " below the 32-bit hole" :
						  "");
	return 0;
}

/*
 * The kernel's cmdline_size, capped at what fits at BOOT_CMDLINE, so
 * that a command line too long is always the kernel's to refuse.
 */
static int add_cmdline(struct plan *plan, const struct kernel *k,
		       uint8_t *zero_page, const char *cmdline)
{
	size_t length = strlen(cmdline);
	uint32_t max = le32(k->image->data + CMDLINE_SIZE);

	if (max > CMDLINE_MAX)
		max = CMDLINE_MAX;
	if (length > max)
		return plan_fail(plan, "command line (%zu bytes) too long: "
				 "kernel '%s' takes at most %" PRIu32 " bytes",
				 length, k->image->name, max);
	put32(zero_page + CMD_LINE_PTR, BOOT_CMDLINE);
	return cmdline_add(plan, cmdline);
}

/*
 * The initrd goes as high as the kernel takes it, page-aligned, and
 * below the hole: initrd_addr_max is a 32-bit address.
 */
static int add_initrd(struct plan *plan, const struct kernel *k,
		      uint8_t *zero_page, const struct image *initrd,
		      uint64_t memory)
{
	uint64_t limit = (uint64_t)le32(k->image->data + INITRD_ADDR_MAX) + 1;
	uint64_t start;

	if (limit > ram_below_hole(memory))
		limit = ram_below_hole(memory);
	start = initrd->size <= limit ? (limit - initrd->size) / PAGE * PAGE
				      : 0;
	if (initrd->size > limit || start < k->runtime_end)
		return plan_fail(plan, "initrd '%s' (%zu bytes) does not fit "
				 "between the kernel's end at 0x%" PRIx64
				 " and 0x%" PRIx64 ", the end of the memory it "
				 "takes an initrd in (see --memory)",
				 initrd->name, initrd->size, k->runtime_end,
				 limit);
	put32(zero_page + RAMDISK_IMAGE, (uint32_t)start);
	put32(zero_page + RAMDISK_SIZE, (uint32_t)initrd->size);
	return plan_add(plan, start, initrd->data, initrd->size, false,
			"initrd '%s'", initrd->name);
}

static void put_e820(uint8_t *entry, uint64_t start, uint64_t size)
{
	put64(entry, start);
	put64(entry + 8, size);
	put32(entry + 16, E820_RAM);
}

/*
 * RAM below 640 KiB, from 1 MiB to the 32-bit hole or the end of guest
 * memory, and from 4 GiB on when there is more.  check_room has seen to
 * it that there is RAM above 1 MiB.
 */
static void add_memory_map(uint8_t *zero_page, uint64_t memory)
{
	uint8_t *table = zero_page + E820_TABLE;
	uint8_t entries = 2;

	put_e820(table, 0, LOW_MEMORY_END);
	put_e820(table + E820_ENTRY_SIZE, HIGH_MEMORY_START,
		 ram_below_hole(memory) - HIGH_MEMORY_START);
	if (ram_above_hole(memory))
		put_e820(table + entries++ * E820_ENTRY_SIZE, RAM_HOLE_END,
			 ram_above_hole(memory));
	zero_page[E820_ENTRIES] = entries;
}

static int add_zero_page(struct plan *plan, const struct kernel *k,
			 const struct boot_options *opts)
{
	uint8_t *zero_page = plan_alloc(plan, ZERO_PAGE_SIZE);

	if (!zero_page)
		return -1;
	memcpy(zero_page + SETUP_SECTS, k->image->data + SETUP_SECTS,
	       k->header_end - SETUP_SECTS);
	zero_page[TYPE_OF_LOADER] = LOADER_UNDEFINED;
	add_memory_map(zero_page, opts->memory);
	if (add_cmdline(plan, k, zero_page,
			opts->cmdline ? opts->cmdline : "") < 0)
		return -1;
	if (opts->initrd &&
	    add_initrd(plan, k, zero_page, opts->initrd, opts->memory) < 0)
		return -1;
	return plan_add(plan, BOOT_INFO, zero_page, ZERO_PAGE_SIZE, true,
			"the zero page");
}

/* --mode and --load-address are a flat image's: the protocol says. */
static int check_options(struct plan *plan, const struct boot_options *opts)
{
	if (opts->mode_set)
		return plan_fail(plan, "image '%s' is a Linux kernel, which "
				 "minivm starts in protected mode: --mode is "
				 "for flat images", plan->name);
	if (opts->load_set)
		return plan_fail(plan, "image '%s' is a Linux kernel, which "
				 "loads at 1 MiB: --load-address is for flat "
				 "images", plan->name);
	return 0;
}

int bzimage_load(struct plan *plan, const struct image *image,
		 const struct boot_options *opts)
{
	struct kernel k = { .image = image };

	/* The size first: the whole header then lies in the file. */
	if (check_options(plan, opts) < 0 || check_size(plan, &k) < 0 ||
	    check_version(plan, &k) < 0 ||
	    check_room(plan, &k, opts->memory) < 0)
		return -1;
	if (plan_add(plan, KERNEL_LOAD, image->data + k.setup_size,
		     image->size - k.setup_size, false, "the kernel") < 0 ||
	    add_zero_page(plan, &k, opts) < 0)
		return -1;
	/* The kernel sets up its own stack before it uses one. */
	plan->entry = (struct entry_state){
		.mode = CPU_PROTECTED,
		.ip = KERNEL_LOAD,
		.si = BOOT_INFO,
	};
	return 0;
}
