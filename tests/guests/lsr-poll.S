/*
 * lsr-poll.S - waits for the transmitter to be empty (LSR bit 5) before
 * each byte, as a polling serial driver does, then halts.
 */
#include "uart.h"

	.code16
	.text
	.globl	_start
_start:
	mov	$message, %si
	cld
next:
	mov	$LSR, %dx
wait:
	in	%dx, %al
	test	$LSR_THRE, %al
	jz	wait
	lodsb
	test	%al, %al
	jz	done
	mov	$COM1, %dx
	out	%al, %dx
	jmp	next
done:
	hlt

message:
	.asciz	"polled LSR before each byte\n"

	.section .note.GNU-stack, "", @progbits
