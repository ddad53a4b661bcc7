/*
 * echo.S - sends back every byte it receives, polling the line status
 * register for data, until it has echoed a '.'; then a newline, and halt.
 */
#include "uart.h"

	.code16
	.text
	.globl	_start
_start:
	receive
	out	%al, %dx
	cmp	$'.', %al
	jne	_start
	mov	$'\n', %al
	out	%al, %dx
	hlt

	.section .note.GNU-stack, "", @progbits
