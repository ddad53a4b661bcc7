/*
 * masked-tick.S - starts the PIT at 100 Hz but leaves IRQ 0 masked, as
 * minivm's PICs start, and sleeps with interrupts enabled.  The timer
 * counts, but can never interrupt: the run must end, not hang.
 */
#include "uart.h"

	.code16
	.text
	.globl	_start
_start:
	outp	0x43, 0x34
	outp	0x40, 0x9c
	outp	0x40, 0x2e
	sti
	hlt
	mov	$woken, %si
	print
	cli
	hlt

woken:
	.asciz	"woken\n"

	.section .note.GNU-stack, "", @progbits
