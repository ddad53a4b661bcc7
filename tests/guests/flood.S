/* flood.S - writes "y\n" to the serial port for ever, like yes(1). */
#include "uart.h"

	.code16
	.text
	.globl	_start
_start:
	mov	$COM1, %dx
again:
	mov	$'y', %al
	out	%al, %dx
	mov	$'\n', %al
	out	%al, %dx
	jmp	again

	.section .note.GNU-stack, "", @progbits
