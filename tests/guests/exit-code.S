/*
 * exit-code.S - waits for one byte of input and writes it to the exit
 * port at 0xf4; halts if that write did not end the run.
 */
#include "uart.h"
#define EXIT_PORT 0xf4

	.code16
	.text
	.globl	_start
_start:
	receive
	out	%al, $EXIT_PORT
	hlt

	.section .note.GNU-stack, "", @progbits
