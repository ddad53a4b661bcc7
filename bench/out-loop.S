/* out-loop.S - the exits workload: 100,000 single-byte outs to COM1. */
#include "uart.h"

	.code16
	.text
	.globl	_start
_start:
	mov	$COM1, %dx
	mov	$'.', %al
	mov	$10, %bx
outer:
	mov	$10000, %cx
inner:
	out	%al, %dx
	loop	inner
	dec	%bx
	jnz	outer
	xor	%al, %al		/* QEMU then exits with status 1 */
	out	%al, $0xf4
	hlt

	.section .note.GNU-stack, "", @progbits
