/*
 * echo.S - sends back every byte it receives, polling the line status
 * register for data, until it has echoed a '.'; then a newline, and halt.
 */
#include "uart.h"

	.code16
	.text
	.globl	_start
_start:
	mov	$LSR, %dx
wait:
	in	%dx, %al
	test	$LSR_DR, %al
	jz	wait
	mov	$COM1, %dx
	in	%dx, %al
	out	%al, %dx
	cmp	$'.', %al
	jne	_start
	mov	$'\n', %al
	out	%al, %dx
	hlt

	.section .note.GNU-stack, "", @progbits
