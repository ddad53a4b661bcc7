/*
 * reset.S - resets the machine the way the byte it receives says:
 * 'k' through the keyboard controller, 'a' through port 0x92, 'c'
 * through port 0xcf9, 't' by a triple fault.  A reset ends the run;
 * "not reset" would mean it did not.
 */
#include "uart.h"

	.code16
	.text
	.globl	_start
_start:
	receive
	mov	%al, %bl
	mov	$resetting, %si
	print
	cmp	$'k', %bl
	je	keyboard
	cmp	$'a', %bl
	je	port_a
	cmp	$'c', %bl
	je	reset_control
	lidt	nothing		/* no interrupt table: a fault is a triple fault */
	int3
keyboard:
	outp	0x64, 0xfe
	jmp	failed
port_a:
	in	$0x92, %al
	or	$0x01, %al
	out	%al, $0x92
	jmp	failed
reset_control:
	mov	$0xcf9, %dx
	mov	$0x06, %al
	out	%al, %dx
failed:
	mov	$not_reset, %si
	print
	hlt

nothing:
	.word	0
	.long	0
resetting:
	.asciz	"resetting\n"
not_reset:
	.asciz	"not reset\n"

	.section .note.GNU-stack, "", @progbits
