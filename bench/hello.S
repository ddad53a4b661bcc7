/*
 * hello.S - the hello workload: prints the greeting with one out a byte,
 * then writes the exit port at 0xf4 (which ends QEMU with isa-debug-exit
 * and goes nowhere elsewhere) and halts.
 */
#include "uart.h"

	.code16
	.text
	.globl	_start
_start:
	mov	$message, %si
	print
	out	%al, $0xf4
	hlt

message:
	.asciz	"Hello, world!\n"

	.section .note.GNU-stack, "", @progbits
