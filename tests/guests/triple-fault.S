/*
 * triple-fault.S - prints, then raises an interrupt with an empty
 * interrupt vector table: #GP, then #DF, then a triple fault, which
 * shuts the vCPU down.
 */
#define COM1 0x3f8

	.code16
	.text
	.globl	_start
_start:
	mov	$COM1, %dx
	mov	$message, %si
	mov	$(end - message), %cx
	cld
	rep outsb
	lidt	empty_idt
	int	$3
	hlt

message:
	.ascii	"faulting\n"
end:

empty_idt:
	.word	0		/* limit */
	.long	0		/* base */

	.section .note.GNU-stack, "", @progbits
