/*
 * high-memory.S - a flat image for --mode=long in 5 GiB of memory: 3 GiB
 * below the 32-bit hole, 2 GiB from 4 GiB to 6 GiB.  Writes a value
 * above 4 GiB and another 4 GiB lower, below the hole, and reads both
 * back: RAM above the hole that were the same as RAM below it would
 * hold the second.  Then the same at the end of RAM, where the stack
 * pointer starts.  Prints "high ok" or "high FAIL" and halts.
 */
#include "uart.h"

#define HIGH 0x100200000		/* 4 GiB + 2 MiB */
#define LOW 0x200000			/* 4 GiB lower */

	.code64
	.text
	.globl	_start
_start:
	movabs	$HIGH, %rdi
	mov	$LOW, %esi
	movabs	$0x1122334455667788, %rax
	movabs	$0x8877665544332211, %rbx
	mov	%rax, (%rdi)
	mov	%rbx, (%rsi)
	cmp	%rax, (%rdi)
	jne	fail
	cmp	%rbx, (%rsi)
	jne	fail
	/* The last 8 bytes of RAM, just below 6 GiB. */
	movabs	$0x180000000, %rdi
	cmp	%rdi, %rsp
	jne	fail
	mov	%rax, -8(%rdi)
	cmp	%rax, -8(%rdi)
	jne	fail
	lea	ok(%rip), %rsi
	jmp	report
fail:
	lea	failed(%rip), %rsi
report:
	print
	hlt

ok:
	.asciz	"high ok\n"
failed:
	.asciz	"high FAIL\n"

	.section .note.GNU-stack, "", @progbits
