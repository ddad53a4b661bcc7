/*
 * dots-spin.S - writes 10000 dots, enough for minivm to batch them,
 * then loops for ever: the last dots are still in KVM's ring when the
 * run is stopped.
 */
#include "uart.h"
#include "dots.h"

	.code16
	.text
	.globl	_start
_start:
	dots
spin:
	jmp	spin

	.section .note.GNU-stack, "", @progbits
