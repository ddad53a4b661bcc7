/* com2.S - prints on the second serial port, 0x2f8, and halts. */
#include "uart.h"

	.code16
	.text
	.globl	_start
_start:
	mov	$COM2, %dx
	mov	$message, %si
	mov	$(end - message), %cx
	cld
next:
	lodsb
	out	%al, %dx
	loop	next
	hlt

message:
	.ascii	"COM2\n"
end:

	.section .note.GNU-stack, "", @progbits
