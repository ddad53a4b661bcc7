/*
 * exit-widths.S - reads one byte of input, 'b', 'w' or 'l', and writes
 * 0x12345621 to the exit port at 0xf4 with outb, outw or outl: each
 * must end the run with status (0x21 << 1) | 1 = 67, the low byte being
 * the one that counts.  Halts if the write did not end the run.
 */
#include "uart.h"
#define EXIT_PORT 0xf4

	.code16
	.text
	.globl	_start
_start:
	receive
	mov	%al, %bl
	mov	$0x12345621, %eax
	cmp	$'w', %bl
	je	word
	cmp	$'l', %bl
	je	long
	out	%al, $EXIT_PORT
	hlt
word:
	out	%ax, $EXIT_PORT
	hlt
long:
	out	%eax, $EXIT_PORT
	hlt

	.section .note.GNU-stack, "", @progbits
