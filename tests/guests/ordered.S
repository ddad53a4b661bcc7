/*
 * ordered.S - writes 5000 dots, enough for minivm to batch the data
 * port's writes, then mixes them with what must see them in order: the
 * divisor latch (a write with DLAB set must not print), loopback (a
 * byte sent must be there to read back), and plain output.  Prints the
 * dots, "AB", "C" and "ordered" or "DISORDER", and halts.
 */
#include "uart.h"

	.code16
	.text
	.globl	_start

_start:
	mov	$5000, %cx
	mov	$COM1, %dx
	mov	$'.', %al
dots:
	out	%al, %dx
	loop	dots
	outb	0, 'A'
	outb	3, 0x83			/* DLAB */
	outb	0, 0x42			/* the divisor, not output */
	outb	3, 0x03
	outb	0, 'B'
	outb	4, 0x10			/* loopback */
	outb	0, 'x'
	mov	$(COM1 + 5), %dx
	in	%dx, %al
	test	$0x01, %al		/* the byte has arrived */
	jz	disorder
	mov	$COM1, %dx
	in	%dx, %al
	cmp	$'x', %al
	jne	disorder
	outb	3, 0x83
	mov	$COM1, %dx
	in	%dx, %al
	cmp	$0x42, %al		/* the divisor was written while DLAB */
	jne	disorder
	outb	3, 0x03
	outb	4, 0x00
	outb	0, 'C'
	mov	$good, %si
	jmp	report
disorder:
	outb	4, 0x00
	outb	3, 0x03
	mov	$bad, %si
report:
	print
	hlt

good:
	.asciz	"\nordered\n"
bad:
	.asciz	"\nDISORDER\n"

	.section .note.GNU-stack, "", @progbits
