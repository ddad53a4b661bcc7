/*
 * test-boot.c - the loaders and the CPU-mode set-up on byte buffers:
 * the plans they make, the entry states and the refusals
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "boot/boot.h"
#include "boot/bytes.h"
#include "boot/layout.h"
#include "boot/multiboot.h"
#include "check.h"
#include "kvm/cpu-mode.h"

#define MIB (1ull << 20)
#define GIB (1ull << 30)

static const uint8_t hlt[16] = { 0xf4 };

static struct image image_of(const uint8_t *data, size_t size)
{
	return (struct image){ .name = "test", .data = data, .size = size };
}

static const struct piece *find_piece(const struct plan *plan,
				      const char *what)
{
	for (size_t i = 0; i < plan->count; i++)
		if (strcmp(plan->pieces[i].what, what) == 0)
			return &plan->pieces[i];
	return NULL;
}

/* Plans IMAGE with OPTS; returns the result, the plan left for checks. */
static int plan_with(struct plan *plan, const struct image *image,
		     const struct boot_options *opts)
{
	plan_init(plan, image->name);
	return boot_plan(plan, image, opts);
}

static void test_flat_real(void)
{
	struct image image = image_of(hlt, sizeof(hlt));
	struct boot_options opts = { .memory = 16 * MIB,
				     .load_address = 0x7c00, .load_set = true };
	struct plan plan;

	CHECK(plan_with(&plan, &image, &opts) == 0);
	CHECK(plan.entry.mode == CPU_REAL);
	CHECK(plan.entry.segment == 0x7c0 && plan.entry.ip == 0);
	CHECK(plan.entry.sp == 0);
	CHECK(plan.count == 1 && plan.pieces[0].address == 0x7c00);
	plan_release(&plan);

	/* Less than 64 KiB above the image: the stack starts at the end. */
	opts = (struct boot_options){
		.memory = 64 * 1024, .load_address = 0xff00, .load_set = true,
	};
	CHECK(plan_with(&plan, &image, &opts) == 0);
	CHECK(plan.entry.sp == 0x100);
	plan_release(&plan);
}

static void test_flat_protected(void)
{
	struct image image = image_of(hlt, sizeof(hlt));
	struct boot_options opts = { .memory = 16 * MIB,
				     .mode = CPU_PROTECTED, .mode_set = true };
	const struct piece *gdt;
	struct plan plan;

	CHECK(plan_with(&plan, &image, &opts) == 0);
	CHECK(plan.entry.mode == CPU_PROTECTED);
	CHECK(plan.entry.ip == FLAT_DEFAULT_LOAD);
	CHECK(plan.entry.sp == 16 * MIB);
	gdt = find_piece(&plan, "the GDT");
	CHECK(gdt && gdt->address == BOOT_GDT && gdt->size == 32);
	CHECK(gdt && le64(gdt->data + BOOT_CS) == 0x00cf9b000000ffffull);
	CHECK(gdt && le64(gdt->data + BOOT_DS) == 0x00cf93000000ffffull);
	CHECK(!find_piece(&plan, "the page tables"));
	plan_release(&plan);

	/* 4 GiB: the stack starts at the 32-bit hole, the end of low RAM. */
	opts.memory = 4 * GIB;
	CHECK(plan_with(&plan, &image, &opts) == 0);
	CHECK(plan.entry.sp == 3 * GIB);
	plan_release(&plan);

	/* The image may end where the hole starts, not a byte later. */
	opts.memory = 6 * GIB;
	opts.load_address = 3 * GIB - sizeof(hlt);
	opts.load_set = true;
	CHECK(plan_with(&plan, &image, &opts) == 0);
	plan_release(&plan);
	opts.load_address++;
	CHECK(plan_with(&plan, &image, &opts) < 0);
	CHECK(strstr(plan.error, "the image at 0xbffffff1-0xc0000000 lies in "
		     "the 32-bit hole at 0xc0000000-0xffffffff"));
	plan_release(&plan);

	opts.load_address = 0x1008;
	opts.load_set = true;
	CHECK(plan_with(&plan, &image, &opts) < 0);
	CHECK(strstr(plan.error, "overlaps the GDT that minivm places"));
	plan_release(&plan);
}

static void test_flat_long(void)
{
	struct image image = image_of(hlt, sizeof(hlt));
	struct boot_options opts = { .memory = 2 * GIB, .mode = CPU_LONG,
				     .mode_set = true };
	const struct piece *tables, *gdt;
	const uint8_t *t;
	struct plan plan;

	CHECK(plan_with(&plan, &image, &opts) == 0);
	CHECK(plan.entry.mode == CPU_LONG && plan.entry.sp == 2 * GIB);
	gdt = find_piece(&plan, "the GDT");
	CHECK(gdt && le64(gdt->data + BOOT_CS) == 0x00af9b000000ffffull);
	tables = find_piece(&plan, "the page tables");
	CHECK(tables && tables->address == BOOT_PML4);
	CHECK(tables && tables->size == 4 * 4096);	/* 2 PDs */
	if (tables) {
		t = tables->data;
		CHECK(le64(t) == (BOOT_PDPT | 3));
		CHECK(le64(t + 4096 + 8) == ((BOOT_PD + 4096) | 3));
		CHECK(le64(t + 4096 + 16) == 0);
		/* 2 MiB pages: the second in the second GiB. */
		CHECK(le64(t + 3 * 4096 + 8) == ((GIB + 2 * MIB) | 0x83));
	}
	plan_release(&plan);

	/*
	 * 8 GiB: RAM to 9 GiB, the hole at 3 GiB mapped too; the stack at
	 * the very end.
	 */
	opts.memory = 8 * GIB;
	CHECK(plan_with(&plan, &image, &opts) == 0);
	CHECK(plan.entry.sp == 9 * GIB);
	tables = find_piece(&plan, "the page tables");
	CHECK(tables && tables->size == (2 + 9) * 4096);
	if (tables) {
		t = tables->data;
		CHECK(le64(t + 4096 + 3 * 8) == ((BOOT_PD + 3 * 4096) | 3));
		CHECK(le64(t + 4096 + 8 * 8) == ((BOOT_PD + 8 * 4096) | 3));
		CHECK(le64(t + 4096 + 9 * 8) == 0);
		/* The hole's last 2 MiB page, and the last page of RAM. */
		CHECK(le64(t + 5 * 4096 + 511 * 8) ==
		      ((4 * GIB - 2 * MIB) | 0x83));
		CHECK(le64(t + 10 * 4096 + 511 * 8) ==
		      ((9 * GIB - 2 * MIB) | 0x83));
	}
	plan_release(&plan);

	/* The tables map 512 GiB of addresses: 511 GiB of RAM and the hole. */
	opts.memory = 511 * GIB;
	opts.load_address = 4 * MIB;	/* clear of 514 pages of tables */
	opts.load_set = true;
	CHECK(plan_with(&plan, &image, &opts) == 0);
	tables = find_piece(&plan, "the page tables");
	CHECK(tables && tables->size == 514 * 4096);
	plan_release(&plan);
	opts.memory = 511 * GIB + 4096;
	CHECK(plan_with(&plan, &image, &opts) < 0);
	CHECK(strstr(plan.error, "long mode maps at most 512 GiB of guest "
		     "memory, the addresses below 0x8000000000; 548682076160 "
		     "bytes of RAM end at 0x8000001000"));
	plan_release(&plan);
	opts.memory = 513 * GIB;
	CHECK(plan_with(&plan, &image, &opts) < 0);
	CHECK(strstr(plan.error, "at most 512 GiB"));
	plan_release(&plan);
}

/*
 * A multiboot kernel with the header's load addresses (flag 16): the
 * header at 0x100000, the entry at 0x100020, 4 KiB of bss after 64
 * bytes of file.
 */
static void aout_kernel(uint8_t *k, uint32_t flags)
{
	memset(k, 0xf4, 64);
	put32(k, MULTIBOOT_MAGIC);
	put32(k + 4, flags);
	put32(k + 8, -(MULTIBOOT_MAGIC + flags));
	put32(k + 12, 0x100000);
	put32(k + 16, 0x100000);
	put32(k + 20, 0);
	put32(k + 24, 0x101000);
	put32(k + 28, 0x100020);
}

static void test_multiboot_info(void)
{
	uint8_t k[64];
	static const uint8_t module[] = "module";
	struct image image = image_of(k, sizeof(k));
	struct image initrd = { .name = "m", .data = module,
				.size = sizeof(module) };
	struct boot_options opts = { .memory = 16 * MIB, .cmdline = "a b",
				     .initrd = &initrd };
	const struct piece *info, *cmdline, *mod;
	struct plan plan;

	aout_kernel(k, 0x10003);
	CHECK(plan_with(&plan, &image, &opts) == 0);
	CHECK(plan.entry.mode == CPU_PROTECTED);
	CHECK(plan.entry.ip == 0x100020);
	CHECK(plan.entry.ax == 0x2badb002 && plan.entry.bx == BOOT_INFO);
	info = find_piece(&plan, "the multiboot information");
	cmdline = find_piece(&plan, "the command line");
	mod = find_piece(&plan, "module 'm'");
	CHECK(find_piece(&plan, "the kernel's bss"));
	CHECK(info && cmdline && mod);
	if (info && cmdline && mod) {
		const uint8_t *i = info->data;
		const uint8_t *mmap = i + (le32(i + 48) - BOOT_INFO);
		const uint8_t *m = i + (le32(i + 24) - BOOT_INFO);

		CHECK(le32(i) == 0x24d);
		CHECK(le32(i + 4) == 640 && le32(i + 8) == 15 * 1024);
		CHECK(le32(i + 16) == BOOT_CMDLINE);
		CHECK(strcmp((const char *)cmdline->data, "a b") == 0);
		CHECK(le32(i + 20) == 1);
		CHECK(le32(m) == 0x101000 && le32(m + 4) == 0x101007);
		CHECK(strcmp((const char *)i + (le32(m + 8) - BOOT_INFO),
			     "m") == 0);
		CHECK(mod->address == 0x101000);
		CHECK(le32(i + 44) == 48);
		CHECK(le64(mmap + 4) == 0 && le64(mmap + 12) == 0xa0000);
		CHECK(le64(mmap + 28) == MIB && le64(mmap + 36) == 15 * MIB);
		CHECK(strcmp((const char *)i + (le32(i + 64) - BOOT_INFO),
			     "minivm") == 0);
	}
	plan_release(&plan);
}

/*
 * The memory map in the multiboot information of a plan for MEMORY
 * bytes: mem_upper and the map's entries as start and length pairs,
 * COUNT of them.
 */
static void check_multiboot_map(uint64_t memory, uint32_t mem_upper,
				const uint64_t *entries, unsigned count)
{
	uint8_t k[64];
	struct image image = image_of(k, sizeof(k));
	struct boot_options opts = { .memory = memory };
	const struct piece *info;
	struct plan plan;

	aout_kernel(k, 0x10003);
	CHECK(plan_with(&plan, &image, &opts) == 0);
	CHECK(plan.entry.sp == (memory < 3 * GIB ? memory : 3 * GIB));
	info = find_piece(&plan, "the multiboot information");
	CHECK(info != NULL);
	if (info) {
		const uint8_t *i = info->data;
		const uint8_t *mmap = i + (le32(i + 48) - BOOT_INFO);

		CHECK(le32(i + 4) == 640 && le32(i + 8) == mem_upper);
		CHECK(le32(i + 44) == count * 24);
		for (unsigned e = 0; e < count; e++, mmap += 24) {
			CHECK(le32(mmap) == 20 && le32(mmap + 20) == 1);
			CHECK(le64(mmap + 4) == entries[2 * e]);
			CHECK(le64(mmap + 12) == entries[2 * e + 1]);
		}
	}
	plan_release(&plan);
}

/* The 32-bit hole at 3 GiB ends mem_upper; the map goes on at 4 GiB. */
static void test_multiboot_map(void)
{
	const uint64_t below[] = { 0, 0xa0000, MIB, 3 * GIB - MIB };
	const uint64_t above_1m[] = { 0, 0xa0000, MIB, 3 * GIB - MIB,
				      4 * GIB, MIB };
	const uint64_t above_5g[] = { 0, 0xa0000, MIB, 3 * GIB - MIB,
				      4 * GIB, 5 * GIB };

	check_multiboot_map(3 * GIB, 3 * 1024 * 1024 - 1024, below, 2);
	check_multiboot_map(3 * GIB + MIB, 3 * 1024 * 1024 - 1024, above_1m,
			    3);
	check_multiboot_map(8 * GIB, 3 * 1024 * 1024 - 1024, above_5g, 3);
}

static void check_refused(uint8_t *k, size_t size,
			  const struct boot_options *opts, const char *why)
{
	struct image image = image_of(k, size);
	struct plan plan;

	CHECK(plan_with(&plan, &image, opts) < 0);
	if (!strstr(plan.error, why)) {
		fprintf(stderr, "refused for '%s', not '%s'\n", plan.error,
			why);
		check_failures++;
	}
	plan_release(&plan);
}

static void check_accepted(uint8_t *k, size_t size,
			   const struct boot_options *opts)
{
	struct image image = image_of(k, size);
	struct plan plan;

	CHECK(plan_with(&plan, &image, opts) == 0);
	plan_release(&plan);
}

static void test_multiboot_refusals(void)
{
	struct boot_options opts = { .memory = 16 * MIB };
	uint8_t k[64];

	aout_kernel(k, 0x10003);
	put32(k + 8, 0);
	check_refused(k, sizeof(k), &opts, "bad checksum");
	aout_kernel(k, 0x10003);
	check_refused(k, 20, &opts, "cut short");
	aout_kernel(k, 0x10003);
	put32(k + 20, 0x100100);	/* load end beyond the file */
	check_refused(k, sizeof(k), &opts, "beyond the end of the file");
	aout_kernel(k, 0x10003);
	put32(k + 28, 0x200000);
	check_refused(k, sizeof(k), &opts, "entry address 0x200000 lies");
	aout_kernel(k, 0x10003);
	put32(k + 16, 0x100010);	/* load address after the header */
	check_refused(k, sizeof(k), &opts, "is not at or before the header");
	aout_kernel(k, 0x10003);
	put32(k + 24, 0x100010);
	check_refused(k, sizeof(k), &opts, "bss end address");
	aout_kernel(k, 0x10003);
	put32(k + 12, 0xfffffff0);
	put32(k + 16, 0xfffffff0);
	put32(k + 24, 0);
	put32(k + 28, 0xfffffff0);
	check_refused(k, sizeof(k), &opts, "ends beyond 4 GiB");
	aout_kernel(k, 0x10003);
	put32(k + 12, 0x2000);
	put32(k + 16, 0x2000);
	put32(k + 24, 0);
	put32(k + 28, 0x2000);
	check_refused(k, sizeof(k), &opts,
		      "the kernel at 0x2000-0x203f overlaps the multiboot "
		      "information that minivm places at 0x2000-0x2fff");
	aout_kernel(k, 0x10007);
	check_refused(k, sizeof(k), &opts, "flags 0x00010007 ask for");
	/* Not ELF, and no load addresses. */
	aout_kernel(k, 0x3);
	check_refused(k, sizeof(k), &opts, "is not an ELF file, and its "
		      "header gives no load addresses");
}

/*
 * A bzImage of SIZE bytes: one setup sector after the boot sector, the
 * rest kernel; protocol VERSION, decompressing to 16 MiB in 1 MiB.
 */
static void bzimage(uint8_t *k, size_t size, uint16_t version)
{
	memset(k, 0, size);
	k[0x1f1] = 1;
	put32(k + 0x1f4, (uint32_t)(size - 1024) / 16);
	put16(k + 0x1fe, 0xaa55);
	k[0x201] = 0x6a;	/* the header ends at 0x26c */
	memcpy(k + 0x202, "HdrS", 4);
	put16(k + 0x206, version);
	k[0x211] = 0x01;	/* LOADED_HIGH */
	put32(k + 0x214, 0x100000);
	put32(k + 0x22c, 0x7fffffff);
	put32(k + 0x238, 255);
	put64(k + 0x258, 0x1000000);
	put32(k + 0x260, 0x100000);
	k[1024] = 0xf4;
}

static void test_bzimage_plan(void)
{
	static uint8_t k[4096];
	static const uint8_t ramdisk[] = "initrd";
	struct image image = image_of(k, sizeof(k));
	struct image initrd = { .name = "i", .data = ramdisk,
				.size = sizeof(ramdisk) };
	struct boot_options opts = { .memory = 64 * MIB, .cmdline = "quiet",
				     .initrd = &initrd };
	const struct piece *kernel, *zero, *cmdline, *rd;
	struct plan plan;

	bzimage(k, sizeof(k), 0x20f);
	CHECK(plan_with(&plan, &image, &opts) == 0);
	CHECK(plan.entry.mode == CPU_PROTECTED && plan.entry.ip == 0x100000);
	CHECK(plan.entry.si == BOOT_INFO);
	kernel = find_piece(&plan, "the kernel");
	zero = find_piece(&plan, "the zero page");
	cmdline = find_piece(&plan, "the command line");
	rd = find_piece(&plan, "initrd 'i'");
	CHECK(find_piece(&plan, "the GDT"));
	CHECK(kernel && zero && cmdline && rd);
	if (!(kernel && zero && cmdline && rd)) {
		plan_release(&plan);
		return;
	}
	CHECK(kernel->address == MIB && kernel->size == sizeof(k) - 1024);
	CHECK(kernel->data[0] == 0xf4);
	CHECK(zero->address == BOOT_INFO && zero->size == 4096);
	CHECK(memcmp(zero->data + 0x202, "HdrS", 4) == 0);
	CHECK(le32(zero->data + 0x260) == 0x100000);	/* header copied */
	CHECK(zero->data[0x26c] == 0);			/* ... and no more */
	CHECK(zero->data[0x210] == 0xff);		/* type_of_loader */
	CHECK(le32(zero->data + 0x228) == BOOT_CMDLINE);
	CHECK(strcmp((const char *)cmdline->data, "quiet") == 0);
	CHECK(rd->address == 64 * MIB - 4096);
	CHECK(le32(zero->data + 0x218) == 64 * MIB - 4096);
	CHECK(le32(zero->data + 0x21c) == sizeof(ramdisk));
	CHECK(zero->data[0x1e8] == 2);			/* e820 entries */
	CHECK(le64(zero->data + 0x2d0) == 0 &&
	      le64(zero->data + 0x2d8) == 0xa0000 &&
	      le32(zero->data + 0x2e0) == 1);
	CHECK(le64(zero->data + 0x2e4) == MIB &&
	      le64(zero->data + 0x2ec) == 63 * MIB &&
	      le32(zero->data + 0x2f4) == 1);
	plan_release(&plan);
}

/*
 * The zero page's e820 map of a plan for MEMORY bytes, as start and
 * length pairs, COUNT of them, all RAM; and where the initrd went.
 */
static void check_e820(uint64_t memory, const uint64_t *entries,
		       unsigned count, uint64_t initrd_at)
{
	static uint8_t k[4096];
	static const uint8_t ramdisk[] = "initrd";
	struct image image = image_of(k, sizeof(k));
	struct image initrd = { .name = "i", .data = ramdisk,
				.size = sizeof(ramdisk) };
	struct boot_options opts = { .memory = memory, .initrd = &initrd };
	const struct piece *zero, *rd;
	struct plan plan;

	bzimage(k, sizeof(k), 0x20f);
	put32(k + 0x22c, 0xffffffff);	/* an initrd anywhere below 4 GiB */
	CHECK(plan_with(&plan, &image, &opts) == 0);
	zero = find_piece(&plan, "the zero page");
	rd = find_piece(&plan, "initrd 'i'");
	CHECK(zero && rd);
	if (zero && rd) {
		const uint8_t *e = zero->data + 0x2d0;

		CHECK(zero->data[0x1e8] == count);
		for (unsigned i = 0; i < count; i++, e += 20) {
			CHECK(le64(e) == entries[2 * i]);
			CHECK(le64(e + 8) == entries[2 * i + 1]);
			CHECK(le32(e + 16) == 1);
		}
		CHECK(le32(e + 16) == 0);	/* and no more */
		CHECK(rd->address == initrd_at);
		CHECK(le32(zero->data + 0x218) == initrd_at);
	}
	plan_release(&plan);
}

/*
 * RAM below 640 KiB, from 1 MiB to the 32-bit hole at 3 GiB, and from
 * 4 GiB; the initrd goes below the hole.
 */
static void test_bzimage_e820(void)
{
	const uint64_t below[] = { 0, 0xa0000, MIB, 3 * GIB - MIB };
	const uint64_t above_1m[] = { 0, 0xa0000, MIB, 3 * GIB - MIB,
				      4 * GIB, MIB };
	const uint64_t above_5g[] = { 0, 0xa0000, MIB, 3 * GIB - MIB,
				      4 * GIB, 5 * GIB };

	check_e820(3 * GIB, below, 2, 3 * GIB - 4096);
	check_e820(3 * GIB + MIB, above_1m, 3, 3 * GIB - 4096);
	check_e820(8 * GIB, above_5g, 3, 3 * GIB - 4096);
}

/*
 * syssize counts 16-byte paragraphs, rounded up: a file whose kernel
 * ends up to 15 bytes short of it is whole, as memtest86+'s is, and
 * what is loaded is the rest of the file.
 */
static void test_bzimage_paragraph(void)
{
	static uint8_t k[4096];
	struct image image = image_of(k, sizeof(k) - 15);
	struct boot_options opts = { .memory = 64 * MIB };
	const struct piece *kernel;
	struct plan plan;

	bzimage(k, sizeof(k), 0x20f);
	CHECK(plan_with(&plan, &image, &opts) == 0);
	kernel = find_piece(&plan, "the kernel");
	CHECK(kernel && kernel->size == sizeof(k) - 1024 - 15);
	plan_release(&plan);
}

static void test_bzimage_refusals(void)
{
	static uint8_t k[4096];
	static const uint8_t ramdisk[64];
	struct image initrd = { .name = "i", .data = ramdisk,
				.size = sizeof(ramdisk) };
	struct boot_options opts = { .memory = 64 * MIB };

	bzimage(k, sizeof(k), 0x205);
	check_refused(k, sizeof(k), &opts, "with boot protocol 2.05; minivm "
		      "boots 2.06 or later");
	bzimage(k, sizeof(k), 0x20f);
	k[0x211] = 0;
	check_refused(k, sizeof(k), &opts, "is a Linux zImage");
	bzimage(k, sizeof(k), 0x20f);
	check_refused(k, sizeof(k) - 16, &opts, "is a Linux kernel cut "
		      "short: its header says 1024 bytes of setup and 3072 "
		      "of kernel, the file has 4080 bytes");
	check_refused(k, 1000, &opts, "cut short");
	/* The header's magic, but the file ends before its loadflags. */
	check_refused(k, 0x210, &opts, "cut short");
	bzimage(k, sizeof(k), 0x20f);
	k[0x201] = 0x90;
	check_refused(k, sizeof(k), &opts, "setup header ends at 0x292");
	bzimage(k, sizeof(k), 0x20f);
	opts.memory = 17 * MIB - 1;
	check_refused(k, sizeof(k), &opts, "needs 1048576 bytes of memory "
		      "from 0x1000000, beyond the 17825791 bytes");
	opts.memory = 17 * MIB;
	opts.cmdline = "0123456789";
	put32(k + 0x238, 9);
	check_refused(k, sizeof(k), &opts, "command line (10 bytes) too long: "
		      "kernel 'test' takes at most 9 bytes");
	opts.cmdline = NULL;
	opts.initrd = &initrd;
	check_refused(k, sizeof(k), &opts, "initrd 'i' (64 bytes) does not "
		      "fit between the kernel's end at 0x1100000 and "
		      "0x1100000");
	opts.memory = 64 * MIB;
	put32(k + 0x22c, 0x110003e);	/* initrd_addr_max: one byte short */
	check_refused(k, sizeof(k), &opts, "and 0x110003f, the end");
	put32(k + 0x22c, 0x110003f);	/* exactly enough */
	check_accepted(k, sizeof(k), &opts);
	opts.initrd = NULL;
	opts.mode_set = true;
	check_refused(k, sizeof(k), &opts, "is a Linux kernel, which minivm "
		      "starts in protected mode: --mode");
	opts.mode_set = false;
	opts.load_set = true;
	check_refused(k, sizeof(k), &opts, "--load-address is for flat");
}

static void test_overlaps(void)
{
	struct plan plan;

	plan_init(&plan, "t");
	CHECK(plan_add(&plan, 0x3000, NULL, 0x1000, false, "a") == 0);
	CHECK(plan_add(&plan, 0x1000, NULL, 0x1000, true, "b") == 0);
	CHECK(plan_add(&plan, 0x2000, NULL, 0x1000, false, "c") == 0);
	CHECK(plan_add(&plan, 0x5000, NULL, 0, false, "empty") == 0);
	CHECK(plan.count == 3);
	CHECK(plan_check(&plan, 0x4000) == 0);
	CHECK(plan_check(&plan, 0x3fff) < 0);
	CHECK(strstr(plan.error, "a at 0x3000-0x3fff lies outside guest "
			"memory (0x0-0x3ffe)"));
	/* A piece inside a long one overlaps it, though not its neighbour. */
	CHECK(plan_add(&plan, 0x0, NULL, 0x8000, false, "big") == 0);
	CHECK(plan_add(&plan, 0x7000, NULL, 0x10, false, "inside") == 0);
	CHECK(plan_check(&plan, 0x10000) < 0);
	CHECK(strstr(plan.error, "overlaps"));
	plan_release(&plan);
}

/* A piece must lie wholly in the RAM below the hole or above it. */
static void test_hole(void)
{
	struct plan plan;

	plan_init(&plan, "t");
	CHECK(plan_add(&plan, 3 * GIB - 4096, NULL, 4096, false, "a") == 0);
	CHECK(plan_add(&plan, 4 * GIB, NULL, 4096, false, "b") == 0);
	CHECK(plan_add(&plan, 5 * GIB - 4096, NULL, 4096, false, "c") == 0);
	CHECK(plan_check(&plan, 4 * GIB) == 0);
	CHECK(plan_check(&plan, 4 * GIB - 4096) < 0);
	CHECK(strstr(plan.error, "c at 0x13ffff000-0x13fffffff lies outside "
		     "guest memory (0x0-0xbfffffff and 0x100000000-"
		     "0x13fffefff); give more --memory"));
	plan_release(&plan);

	/* Across the hole's start, in it, across its end. */
	plan_init(&plan, "t");
	CHECK(plan_add(&plan, 3 * GIB - 4096, NULL, 4097, false, "d") == 0);
	CHECK(plan_check(&plan, 8 * GIB) < 0);
	CHECK(strstr(plan.error, "d at 0xbffff000-0xc0000000 lies in the "
		     "32-bit hole at 0xc0000000-0xffffffff, where a PC has "
		     "PCI devices and firmware, not RAM (guest memory: "
		     "0x0-0xbfffffff and 0x100000000-0x23fffffff)"));
	plan_release(&plan);
	plan_init(&plan, "t");
	CHECK(plan_add(&plan, 0xfee00000, NULL, 16, false, "e") == 0);
	CHECK(plan_check(&plan, 8 * GIB) < 0);
	CHECK(strstr(plan.error, "e at 0xfee00000-0xfee0000f lies in the "
		     "32-bit hole"));
	/* Less memory than reaches the hole: still the hole, named so. */
	CHECK(plan_check(&plan, 16 * MIB) < 0);
	CHECK(strstr(plan.error, "lies in the 32-bit hole at 0xc0000000-"
		     "0xffffffff, where a PC has PCI devices and firmware, "
		     "not RAM (guest memory: 0x0-0xffffff)"));
	plan_release(&plan);
	plan_init(&plan, "t");
	CHECK(plan_add(&plan, 4 * GIB - 4096, NULL, 8192, false, "f") == 0);
	CHECK(plan_check(&plan, 8 * GIB) < 0);
	CHECK(strstr(plan.error, "f at 0xfffff000-0x100000fff lies in the "
		     "32-bit hole"));
	plan_release(&plan);
}

static void test_sregs(void)
{
	struct entry_state e = { .mode = CPU_LONG, .ip = 0x100000 };
	struct kvm_sregs s;
	struct kvm_regs r;

	memset(&s, 0, sizeof(s));
	cpu_mode_sregs(&s, &e);
	CHECK(s.cs.l == 1 && s.cs.db == 0 && s.cs.selector == BOOT_CS);
	CHECK(s.ds.selector == BOOT_DS && s.ss.db == 1);
	CHECK((s.cr0 & 0x80000001) == 0x80000001 && s.cr3 == BOOT_PML4);
	CHECK((s.cr4 & 0x20) && s.efer == 0x500);
	CHECK(s.gdt.base == BOOT_GDT && s.gdt.limit == 31);

	e.mode = CPU_PROTECTED;
	cpu_mode_sregs(&s, &e);
	CHECK(s.cs.l == 0 && s.cs.db == 1 && s.efer == 0);
	CHECK((s.cr0 & 0x80000001) == 1 && !(s.cr4 & 0x20));

	e = (struct entry_state){ .mode = CPU_REAL, .segment = 0x7c0 };
	cpu_mode_sregs(&s, &e);
	CHECK(!(s.cr0 & 1) && s.cs.base == 0x7c00 && s.ss.selector == 0x7c0);

	e = (struct entry_state){ .mode = CPU_PROTECTED, .ip = 1, .sp = 2,
				  .ax = 3, .bx = 4, .si = 5 };
	cpu_mode_regs(&r, &e);
	CHECK(r.rip == 1 && r.rsp == 2 && r.rax == 3 && r.rbx == 4 &&
	      r.rsi == 5 && r.rflags == 2);
}

int main(void)
{
	test_flat_real();
	test_flat_protected();
	test_flat_long();
	test_multiboot_info();
	test_multiboot_map();
	test_multiboot_refusals();
	test_bzimage_plan();
	test_bzimage_e820();
	test_bzimage_paragraph();
	test_bzimage_refusals();
	test_overlaps();
	test_hole();
	test_sregs();
	return CHECK_STATUS();
}
