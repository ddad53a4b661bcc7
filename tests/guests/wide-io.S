/*
 * wide-io.S - 16- and 32-bit accesses to the UART, an 8-bit device: a
 * wide access reaches consecutive registers a byte at a time, so only
 * the low byte goes out as data.  Prints "AB", then "wide ok" or
 * "wide FAIL", and halts.
 */
#include "uart.h"

	.code16
	.text
	.globl	_start
_start:
	mov	$COM1, %dx
	mov	$0x0a41, %ax		/* 'A' to THR, 0x0a to IER */
	out	%ax, %dx
	inc	%dx
	in	%dx, %al
	cmp	$0x0a, %al
	jne	fail
	dec	%dx
	mov	$0x00000042, %eax	/* 'B'; IER, FCR, LCR all 0 */
	out	%eax, %dx
	mov	$(COM1 + 5), %dx	/* LSR, then MSR in the high byte */
	in	%dx, %ax
	cmp	$0xb060, %ax
	jne	fail
	mov	$ok, %si
	jmp	report
fail:
	mov	$failed, %si
report:
	print
	hlt

ok:
	.asciz	"\nwide ok\n"
failed:
	.asciz	"\nwide FAIL\n"

	.section .note.GNU-stack, "", @progbits
