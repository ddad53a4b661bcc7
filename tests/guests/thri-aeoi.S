/*
 * thri-aeoi.S - sends 5000 dots from the UART's "THR empty" interrupt,
 * one each time, with the PIC in automatic end of interrupt, while the
 * main loop waits on memory: nothing exits to minivm but the handler's
 * port accesses.  A dot held back in a batch would hold back the
 * interrupt that sends the next, for ever.
 */
#include "uart.h"
#include "pic.h"

#define DOTS 5000

	.code16
	.text
	.globl	_start
_start:
	jmp	start
	.org	0x400		/* past the interrupt vector table */
start:
	set_vector 0x0c, empty	/* IRQ 4 */
	pic_init 0x08, ICW4_AEOI	/* where it was, with automatic EOI */
	outp	0x21, 0xef	/* only IRQ 4 */
	outb	4, 0x08		/* OUT2 */
	outb	1, 0x02		/* IER: interrupt when THR is empty */
	sti
wait:
	cmpw	$DOTS, %cs:count
	jb	wait
	cli
	mov	$sent, %si
	print
	hlt

empty:
	push	%ax
	push	%dx
	mov	$(COM1 + 2), %dx
	in	%dx, %al	/* IIR: takes the "THR empty" cause */
	cmpw	$DOTS, %cs:count
	jae	1f
	mov	$COM1, %dx
	mov	$'.', %al
	out	%al, %dx
	incw	%cs:count
1:	pop	%dx
	pop	%ax
	iret

count:
	.word	0
sent:
	.asciz	"sent"

	.section .note.GNU-stack, "", @progbits
