/*
 * outsb.S - the throughput workload: 1 MiB to COM1 with rep outsb,
 * 32 strings of 32 KiB, from whatever lies in the guest's first 64 KiB.
 */
#include "uart.h"
#include "finish.h"

	.code16
	.text
	.globl	_start
_start:
	mov	$COM1, %dx
	mov	$32, %bx
	cld
again:
	xor	%si, %si
	mov	$0x8000, %cx
	rep outsb
	dec	%bx
	jnz	again
	finish

	.section .note.GNU-stack, "", @progbits
