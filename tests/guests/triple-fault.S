/*
 * triple-fault.S - prints, then raises an interrupt with an empty
 * interrupt vector table: #GP, then #DF, then a triple fault, which
 * shuts the vCPU down.
 */
#include "uart.h"

	.code16
	.text
	.globl	_start
_start:
	send	message, end
	lidt	empty_idt
	int	$3
	hlt

message:
	.ascii	"faulting\n"
end:

empty_idt:
	.word	0		/* limit */
	.long	0		/* base */

	.section .note.GNU-stack, "", @progbits
