/*
 * hello.S - the bundled guest: prints a greeting on COM1 and halts.
 *
 * minivm starts it in 16-bit real mode with every segment register
 * based at the load address and IP = 0, so it is assembled for offset 0
 * and runs unchanged wherever it is loaded.
 */
#include "uart.h"

	.code16
	.text
	.globl	_start
_start:
	mov	$message, %si
	print
done:
	hlt
	jmp	done		/* hlt may return on an interrupt: stay put */

message:
	.asciz	"Hello, world!\n"

	.section .note.GNU-stack, "", @progbits
