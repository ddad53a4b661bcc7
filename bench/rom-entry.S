/*
 * rom-entry.S - makes a benchmark guest QEMU's -bios firmware.  These
 * 256 bytes go at offset 0xff00 of a 64 KiB ROM whose offset 0 holds the
 * guest.  The ROM's last 64 KiB appear at 0xf0000, where the vCPU starts
 * at f000:fff0; this points every segment at the ROM, as minivm points
 * them at the load address, and jumps to the guest at offset 0.
 */
	.code16
	.text
	.globl	_start
_start:
	mov	$0xf000, %ax
	mov	%ax, %ds
	mov	%ax, %es
	mov	%ax, %ss
	xor	%sp, %sp
	ljmp	$0xf000, $0

	.org	0xf0		/* the reset vector, f000:fff0 */
	ljmp	$0xf000, $0xff00
	.org	0x100

	.section .note.GNU-stack, "", @progbits
