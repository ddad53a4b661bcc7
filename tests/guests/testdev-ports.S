/*
 * testdev-ports.S - reads the pc-testdev's ports back at each width and
 * prints what it read, in hex, on one line: the scratch register at
 * 0xe0 as bytes, words and dwords, its byte-wise view at 0xe8, the
 * flush-page port at 0xe4 and an IRQ port, which both read 0.  Without
 * the device every read floats to all ones.
 */
#include "uart.h"

/* Prints the low \digits hex digits of %eax, then a space. */
	.macro	hex digits
	mov	$\digits, %cx
	call	print_hex
	.endm

	.code16
	.text
	.globl	_start
_start:
	mov	$0x5a, %al
	out	%al, $0xe0
	xor	%eax, %eax
	in	$0xe0, %al
	hex	2
	mov	$0x1234, %ax
	out	%ax, $0xe0
	xor	%eax, %eax
	in	$0xe0, %ax
	hex	4
	mov	$0x89abcdef, %eax
	out	%eax, $0xe0
	xor	%eax, %eax
	in	$0xe0, %eax
	hex	8
	in	$0xe2, %al	/* the dword's third byte */
	hex	2
	in	$0xe8, %ax	/* the same register, byte by byte */
	hex	4
	mov	$0x77, %al
	out	%al, $0xe9
	in	$0xe0, %eax
	hex	8
	in	$0xe4, %eax	/* flush page: reads 0, keeps the register */
	hex	8
	xor	%eax, %eax
	out	%eax, $0xe4
	in	$0xe0, %eax
	hex	8
	mov	$0x200b, %dx
	xor	%eax, %eax
	in	%dx, %al
	hex	2
	mov	$newline, %si
	print
	cli
	hlt

/* Prints the low %cx hex digits of %eax, then a space. */
print_hex:
	mov	%eax, %ebx
	mov	%cx, %si
	shl	$2, %cl
	ror	%cl, %ebx	/* the first digit to print on top */
	mov	$COM1, %dx
1:	rol	$4, %ebx
	mov	%bl, %al
	and	$0x0f, %al
	add	$'0', %al
	cmp	$'9', %al
	jbe	2f
	add	$('a' - '9' - 1), %al
2:	out	%al, %dx
	dec	%si
	jnz	1b
	mov	$' ', %al
	out	%al, %dx
	ret

newline:
	.asciz	"\n"

	.section .note.GNU-stack, "", @progbits
