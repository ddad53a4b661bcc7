/*
 * elf64.S - a multiboot header in a 64-bit ELF file, with no load
 * addresses (flag 16): a loader must refuse it, as multiboot kernels
 * are ELF32.
 */
	.section .multiboot, "a"
	.long	0x1badb002, 0, -0x1badb002

	.text
	.globl	_start
_start:
	hlt

	.section .note.GNU-stack, "", @progbits
