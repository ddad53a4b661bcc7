/* out-loop.S - the exits workload: 100,000 single-byte outs to COM1. */
#include "uart.h"
#include "finish.h"

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
	finish

	.section .note.GNU-stack, "", @progbits
