/*
 * dots-crash.S - writes 10000 dots, enough for minivm to batch them,
 * then raises an interrupt with an empty interrupt vector table: the
 * vCPU shuts down with a triple fault while the last dots are still in
 * KVM's ring.
 */
#include "uart.h"

	.code16
	.text
	.globl	_start
_start:
	mov	$10000, %cx
	mov	$COM1, %dx
	mov	$'.', %al
dots:
	out	%al, %dx
	loop	dots
	lidt	empty_idt
	int	$3
	hlt

empty_idt:
	.word	0		/* limit */
	.long	0		/* base */

	.section .note.GNU-stack, "", @progbits
