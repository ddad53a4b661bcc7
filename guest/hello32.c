/*
 * hello32.c - a freestanding 32-bit hello, linked (guest/multiboot.ld)
 * as a multiboot kernel in a flat file: its header's load addresses
 * (flag 16) say where the file goes, so it needs no ELF loader.
 * minivm, GRUB and QEMU's -kernel all load it:
 *
 *	minivm hello32.bin
 *
 * The loader enters it in 32-bit protected mode with EAX = 0x2badb002
 * and EBX pointing to the multiboot information; it gives no stack, so
 * _start makes one before it calls C.
 */
#include <stdint.h>

#include "com1.h"

#define MAGIC 0x1badb002u
/* Load addresses in the header; page-aligned modules; memory sizes. */
#define FLAGS 0x00010003u

struct multiboot_header {
	uint32_t magic, flags, checksum;
	uint32_t header_addr, load_addr, load_end_addr, bss_end_addr;
	uint32_t entry_addr;
};

/* Where the linker put things (guest/multiboot.ld). */
extern char __load[], _edata[], _end[], _start[];

__attribute__((section(".multiboot"), used))
static const struct multiboot_header header = {
	.magic = MAGIC,
	.flags = FLAGS,
	.checksum = -(MAGIC + FLAGS),
	.header_addr = (uint32_t)&header,
	.load_addr = (uint32_t)__load,
	.load_end_addr = (uint32_t)_edata,
	.bss_end_addr = (uint32_t)_end,
	.entry_addr = (uint32_t)_start,
};

uint8_t stack[4096] __attribute__((aligned(16)));

__asm__(".section .text.entry, \"ax\"\n"
	".globl _start\n"
	"_start:\n"
	"	mov $(stack + 4096), %esp\n"
	"	call kernel_main\n");

__attribute__((noreturn)) void kernel_main(void)
{
	com1_puts("Hello, world! (32-bit protected mode, multiboot)\n");
	halt();
}
