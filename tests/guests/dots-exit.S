/*
 * dots-exit.S - writes 10000 dots, enough for minivm to batch them, then
 * 0x21 to the exit port at 0xf4, while the last dots are still in KVM's
 * ring.  Halts if that write did not end the run.
 */
#include "uart.h"
#include "dots.h"

	.code16
	.text
	.globl	_start
_start:
	dots
	mov	$0x21, %al
	out	%al, $0xf4
	hlt

	.section .note.GNU-stack, "", @progbits
