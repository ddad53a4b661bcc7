/*
 * dots-crash.S - writes 10000 dots, enough for minivm to batch them,
 * then writes to physical address 0x20000, past the end of a 64 KiB
 * guest (run it with -m 64K): the run stops there, a crash, while the
 * last dots are still in KVM's ring.  (A triple fault would do, but a
 * real-mode interrupt that KVM emulates ignores the IDT's limit.)
 */
#include "uart.h"
#include "dots.h"

	.code16
	.text
	.globl	_start
_start:
	dots
	mov	$0x2000, %ax
	mov	%ax, %es
	movb	$0x55, %es:0
	hlt

	.section .note.GNU-stack, "", @progbits
