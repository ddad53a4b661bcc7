/*
 * bad-msr.S - reads an MSR that does not exist.  KVM answers with #GP,
 * which an empty interrupt vector table turns into a triple fault.
 */
	.code16
	.text
	.globl	_start
_start:
	lidt	empty_idt
	mov	$0xdeadbeef, %ecx
	rdmsr
	hlt

empty_idt:
	.word	0
	.long	0

	.section .note.GNU-stack, "", @progbits
