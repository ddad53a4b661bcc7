/*
 * registers.S - writes the FLAGS and then the SP it started with, 16
 * bits each, to port 0x80, which nothing owns, so that only --verbose
 * shows them; then halts.
 */
	.code16
	.text
	.globl	_start
_start:
	mov	%sp, %bx		/* before pushf moves it */
	pushf
	pop	%ax
	out	%ax, $0x80
	mov	%bx, %ax
	out	%ax, $0x80
	hlt

	.section .note.GNU-stack, "", @progbits
