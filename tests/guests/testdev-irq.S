/*
 * testdev-irq.S - drives IRQ 11 through the pc-testdev's port 0x200b,
 * as kvm-unit-tests do.  With the line masked, the slave PIC's request
 * register must show it raised by a write of 1 and lowered by a write
 * of 0.  Unmasked and raised, it must wake sti; hlt into its handler.
 * Without the device nothing is raised, and the hlt ends the run.
 */
#include "uart.h"

#define IRQ_PORT 0x200b		/* the pc-testdev's port for IRQ 11 */
#define IRQ11_VECTOR 0x73	/* the slave's input 3, as a BIOS sets it */

	.code16
	.text
	.globl	_start
_start:
	jmp	start
	.org	0x400		/* past the interrupt vector table */
start:
	set_vector IRQ11_VECTOR, irq11
	mov	$IRQ_PORT, %dx
	mov	$1, %al
	out	%al, %dx
	in	$0xa0, %al	/* the slave's IRR: bit 3 is IRQ 11 */
	mov	%al, %bl
	mov	$IRQ_PORT, %dx
	mov	$0, %al
	out	%al, %dx
	in	$0xa0, %al
	mov	%al, %bh
	mov	$raised, %si
	cmp	$0x08, %bl
	je	1f
	mov	$not_raised, %si
1:	print
	mov	$lowered, %si
	test	%bh, %bh
	jz	2f
	mov	$not_lowered, %si
2:	print
	outp	0xa1, 0xf7	/* unmask IRQ 11 */
	outp	0x21, 0xfb	/* and the cascade */
	mov	$IRQ_PORT, %dx
	mov	$1, %al
	out	%al, %dx
	sti
	hlt
	cli
	mov	$back, %si
	print
	hlt

irq11:
	mov	$IRQ_PORT, %dx
	mov	$0, %al
	out	%al, %dx
	outp	0xa0, 0x20	/* end of interrupt, slave then master */
	outp	0x20, 0x20
	mov	$handled, %si
	print
	iret

raised:
	.asciz	"raised\n"
not_raised:
	.asciz	"not raised\n"
lowered:
	.asciz	"lowered\n"
not_lowered:
	.asciz	"not lowered\n"
handled:
	.asciz	"IRQ 11\n"
back:
	.asciz	"back\n"

	.section .note.GNU-stack, "", @progbits
