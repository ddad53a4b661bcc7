/*
 * multiboot.c - a multiboot test kernel: prints on COM1 what the loader
 * handed it, so a test can compare: whether EAX held the magic and the
 * CPU was in protected mode with paging and interrupts off, the memory
 * sizes and map, the command line, the loader's name and each module's
 * name and contents (up to 64 bytes).  Built twice: as an ELF kernel,
 * and with -DAOUT_KLUDGE as a flat file whose header says where it
 * loads (flag 16).
 */
#include <stdint.h>

#define MAGIC 0x1badb002u
#define BOOTED 0x2badb002u
#ifdef AOUT_KLUDGE
/* Load addresses; page-aligned modules; memory sizes. */
#define FLAGS 0x00010003u
#else
#define FLAGS 0x00000003u
#endif
#define COM1 0x3f8

struct header {
	uint32_t magic, flags, checksum;
	uint32_t header_addr, load_addr, load_end_addr, bss_end_addr;
	uint32_t entry_addr;
};

struct info {
	uint32_t flags, mem_lower, mem_upper, boot_device, cmdline;
	uint32_t mods_count, mods_addr, syms[4], mmap_length, mmap_addr;
	uint32_t drives_length, drives_addr, config_table, loader_name;
};

struct module {
	uint32_t start, end, string, reserved;
};

struct __attribute__((packed)) mmap_entry {
	uint32_t size;
	uint64_t base, length;
	uint32_t type;
};

extern char __load[], _edata[], _end[], _start[];

__attribute__((section(".multiboot"), used))
static const struct header header = {
	.magic = MAGIC,
	.flags = FLAGS,
	.checksum = -(MAGIC + FLAGS),
	.header_addr = (uint32_t)&header,
	.load_addr = (uint32_t)__load,
	.load_end_addr = (uint32_t)_edata,
	.bss_end_addr = (uint32_t)_end,
	.entry_addr = (uint32_t)_start,
};

uint8_t stack[16384] __attribute__((aligned(16)));

/* The loader gives no stack: make one, and pass EAX and EBX to main. */
__asm__(".section .text.entry, \"ax\"\n"
	".globl _start\n"
	"_start:\n"
	"	mov $(stack + 16384), %esp\n"
	"	push %ebx\n"
	"	push %eax\n"
	"	call kernel_main\n"
	"1:	hlt\n"
	"	jmp 1b\n");

static void putc_com1(char c)
{
	__asm__ volatile("outb %0, %1" : : "a"(c), "Nd"((uint16_t)COM1));
}

static void puts_com1(const char *s)
{
	while (*s)
		putc_com1(*s++);
}

static void put_decimal(uint32_t n)
{
	char digits[12];
	int i = 0;

	do {
		digits[i++] = (char)('0' + n % 10);
		n /= 10;
	} while (n);
	while (i)
		putc_com1(digits[--i]);
}

/* By shifts: dividing 64-bit numbers would take libgcc. */
static void put_hex(uint64_t n)
{
	int shift = 60;

	puts_com1("0x");
	while (shift > 0 && !(n >> shift))
		shift -= 4;
	for (; shift >= 0; shift -= 4)
		putc_com1("0123456789abcdef"[(n >> shift) & 0xf]);
}

static uint32_t cpu_state(void)
{
	uint32_t cr0, eflags;

	__asm__ volatile("mov %%cr0, %0" : "=r"(cr0));
	__asm__ volatile("pushf; pop %0" : "=r"(eflags));
	return (cr0 & 0x80000001u) | (eflags & 0x200u);
}

static void print_mmap(const struct info *info)
{
	uint32_t at = info->mmap_addr;

	puts_com1("mmap");
	while (at < info->mmap_addr + info->mmap_length) {
		const struct mmap_entry *e = (const void *)at;

		putc_com1(' ');
		put_hex(e->base);
		putc_com1('+');
		put_hex(e->length);
		putc_com1(':');
		put_decimal(e->type);
		at += e->size + 4;
	}
	putc_com1('\n');
}

static void print_modules(const struct info *info)
{
	const struct module *m = (const void *)info->mods_addr;

	for (uint32_t i = 0; i < info->mods_count; i++, m++) {
		const char *p = (const char *)m->start;
		uint32_t n = m->end - m->start;

		puts_com1("module '");
		puts_com1((const char *)m->string);
		puts_com1("' ");
		put_decimal(n);
		puts_com1(m->start % 4096 ? " bytes, unaligned: '" :
					    " bytes: '");
		for (uint32_t j = 0; j < n && j < 64; j++)
			putc_com1(p[j]);
		puts_com1("'\n");
	}
}

void kernel_main(uint32_t magic, const struct info *info)
{
	if (magic != BOOTED) {
		puts_com1("bad magic ");
		put_hex(magic);
		putc_com1('\n');
		return;
	}
	puts_com1(cpu_state() == 1 ? "magic ok, protected mode\n" :
				     "magic ok, CPU state wrong\n");
	puts_com1("flags ");
	put_hex(info->flags);
	puts_com1(" mem_lower ");
	put_decimal(info->mem_lower);
	puts_com1(" mem_upper ");
	put_decimal(info->mem_upper);
	putc_com1('\n');
	print_mmap(info);
	puts_com1("cmdline '");
	puts_com1((const char *)info->cmdline);
	puts_com1("' loader '");
	puts_com1((const char *)info->loader_name);
	puts_com1("'\n");
	print_modules(info);
}
