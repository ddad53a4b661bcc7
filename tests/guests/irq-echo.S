/*
 * irq-echo.S - echoes its input in capitals from the UART's receive
 * interrupt, sleeping in hlt between interrupts.  It relies on the PICs
 * as minivm starts them (a BIOS's layout: IRQ 4 at vector 0x0c) and
 * only unmasks IRQ 4.  When input ends, nothing can wake it again and
 * the run ends.
 */
#include "uart.h"
#include "pic.h"

#define COM1_VECTOR 0x0c

	.code16
	.text
	.globl	_start
_start:
	jmp	start
	.org	0x400		/* past the interrupt vector table */
start:
	set_vector COM1_VECTOR, received
	outb	1, 0x01		/* IER: interrupt on received data */
	outb	4, 0x08		/* MCR: OUT2, which lets the IRQ out */
	outp	0x21, 0xeb	/* unmask IRQ 4 (and the cascade) */
	sti
sleep:
	hlt
	jmp	sleep

received:
	push	%ax
	push	%dx
	mov	$(COM1 + 2), %dx
	in	%dx, %al	/* IIR: which cause */
more:
	mov	$LSR, %dx
	in	%dx, %al
	test	$LSR_DR, %al
	jz	done
	mov	$COM1, %dx
	in	%dx, %al
	cmp	$'a', %al
	jb	1f
	cmp	$'z', %al
	ja	1f
	sub	$0x20, %al
1:	out	%al, %dx
	jmp	more
done:
	eoi
	pop	%dx
	pop	%ax
	iret

	.section .note.GNU-stack, "", @progbits
