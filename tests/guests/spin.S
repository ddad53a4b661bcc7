/*
 * spin.S - prints, writes a POST code to port 0x80 (which nothing owns,
 * so it only shows in --verbose), then loops for ever: a guest that
 * never halts.
 */
#include "uart.h"

	.code16
	.text
	.globl	_start
_start:
	send	message, end
	mov	$0x80, %dx
	mov	$0x5a, %al
	out	%al, %dx
spin:
	jmp	spin

message:
	.ascii	"spinning..."		/* no newline: line buffering would hold it */
end:

	.section .note.GNU-stack, "", @progbits
