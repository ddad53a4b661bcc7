/*
 * busy-tick.S - counts 25 timer interrupts at 100 Hz while it spins in
 * a loop that never exits to minivm: the timer must still reach it.
 * Then it prints how the PIC saw it and halts.
 */
#include "uart.h"

#define TICKS 25

	.code16
	.text
	.globl	_start
_start:
	jmp	start
	.org	0x400		/* past the interrupt vector table */
start:
	set_vector 0x08, timer	/* IRQ 0, where minivm's PICs start */
	outp	0x43, 0x34
	outp	0x40, 0x9c	/* 11932: 100 Hz */
	outp	0x40, 0x2e
	outp	0x21, 0xfa	/* unmask IRQ 0 */
	sti
spin:
	cmpw	$TICKS, ticks
	jb	spin
	cli
	mov	$counted, %si
	print
	hlt

timer:
	push	%ax
	incw	%cs:ticks
	outp	0x20, 0x20	/* end of interrupt */
	pop	%ax
	iret

ticks:
	.word	0
counted:
	.asciz	"25 ticks\n"

	.section .note.GNU-stack, "", @progbits
