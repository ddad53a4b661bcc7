/*
 * string-io.S - receives five bytes with one rep insb and sends them
 * back with one rep outsb, then a newline, and halts.  Run it with its
 * input in a file, which is ready at once.
 */
#include "uart.h"

	.code16
	.text
	.globl	_start
_start:
	mov	%cs, %ax
	mov	%ax, %es
	mov	$COM1, %dx
	mov	$buffer, %di
	mov	$5, %cx
	cld
	rep insb
	mov	$buffer, %si
	mov	$5, %cx
	rep outsb
	mov	$'\n', %al
	out	%al, %dx
	hlt

buffer:
	.fill	5, 1, '?'

	.section .note.GNU-stack, "", @progbits
