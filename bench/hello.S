/* hello.S - the hello workload: the greeting, one out a byte. */
#include "uart.h"
#include "finish.h"

	.code16
	.text
	.globl	_start
_start:
	mov	$message, %si
	print
	finish

message:
	.asciz	"Hello, world!\n"

	.section .note.GNU-stack, "", @progbits
