/*
 * sti-hlt.S - sleeps with interrupts enabled, though nothing could ever
 * interrupt it: no timer counts and every line is masked.  The run must
 * end there, not hang; "woken" would mean hlt returned by itself.
 */
#include "uart.h"

	.code16
	.text
	.globl	_start
_start:
	sti
	hlt
	mov	$woken, %si
	print
	cli
	hlt

woken:
	.asciz	"woken\n"

	.section .note.GNU-stack, "", @progbits
