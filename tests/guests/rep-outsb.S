/* rep-outsb.S - prints a whole string with one rep outsb, then halts. */
#include "uart.h"

	.code16
	.text
	.globl	_start
_start:
	send	message, end
	hlt

message:
	.ascii	"printed with rep outsb, all 37 bytes\n"
end:

	.section .note.GNU-stack, "", @progbits
