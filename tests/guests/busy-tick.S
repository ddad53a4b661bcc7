/*
 * busy-tick.S - counts 25 timer interrupts at 100 Hz while it spins in
 * a loop that never exits to minivm: the timer must still reach it.
 * In each interrupt it reads back the PIC's in-service register (OCW3)
 * and mask, which must show IRQ 0 in service and the mask it wrote.
 */
#include "uart.h"
#include "pic.h"

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
	cmpb	$0, %cs:wrong
	je	1f
	mov	$misread, %si
1:	print
	hlt

timer:
	push	%ax
	incw	%cs:ticks
	outp	0x20, 0x0b	/* OCW3: reads return ISR */
	in	$0x20, %al
	cmp	$0x01, %al
	jne	bad
	in	$0x21, %al
	cmp	$0xfa, %al
	je	good
bad:
	movb	$1, %cs:wrong
good:
	eoi
	pop	%ax
	iret

ticks:
	.word	0
wrong:
	.byte	0
counted:
	.asciz	"25 ticks\n"
misread:
	.asciz	"ISR or IMR misread\n"

	.section .note.GNU-stack, "", @progbits
