/*
 * protected.S - a flat image for --mode=protected: checks that it runs
 * in 32-bit protected mode with paging off, the code selector 0x10 and
 * a GDT whose data selector 0x18 reloads as flat, and that the stack
 * works.  Prints "protected ok" or "protected FAIL" and halts.  It is
 * position-independent, so it runs at any load address.
 */
#include "uart.h"

	.code32
	.text
	.globl	_start
_start:
	call	1f
1:	pop	%ebp			/* where the image runs */
	mov	%cr0, %eax
	and	$0x80000001, %eax	/* PG, PE */
	cmp	$1, %eax
	jne	fail
	mov	%cs, %ax
	cmp	$0x10, %ax
	jne	fail
	mov	$0x18, %ax
	mov	%ax, %ds
	mov	%ax, %es
	mov	%ax, %ss
	push	$0x12345678
	pop	%eax
	cmp	$0x12345678, %eax
	jne	fail
	lea	(ok - 1b)(%ebp), %esi
	jmp	report
fail:
	lea	(failed - 1b)(%ebp), %esi
report:
	print
	hlt

ok:
	.asciz	"protected ok\n"
failed:
	.asciz	"protected FAIL\n"

	.section .note.GNU-stack, "", @progbits
