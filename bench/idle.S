/*
 * idle.S - the idle workload: a guest that sleeps in hlt for 200 timer
 * interrupts at 100 Hz (two seconds), as an idle kernel does.  It sets
 * up the PICs, the PIT, its stack and its vector itself, so that it runs
 * the same as QEMU's firmware, where its code is in ROM; the handler
 * counts in %di, which needs no writable memory.
 */
#include "uart.h"
#include "pic.h"
#include "finish.h"

#define TICKS 200
#define VECTOR 0x20

	.code16
	.text
	.globl	_start
_start:
	jmp	start
	.org	0x400		/* past the interrupt vector table */
start:
	xor	%ax, %ax
	mov	%ax, %ss
	mov	$0x7000, %sp
	set_vector VECTOR, timer
	pic_init VECTOR
	outp	0x21, 0xfe	/* only IRQ 0 */
	outp	0x43, 0x34	/* counter 0, mode 2: 100 Hz */
	outp	0x40, 0x9c
	outp	0x40, 0x2e
	xor	%di, %di
	sti
sleep:
	hlt
	cmp	$TICKS, %di
	jb	sleep
	cli
	finish

timer:
	inc	%di
	push	%ax
	eoi
	pop	%ax
	iret

	.section .note.GNU-stack, "", @progbits
