/*
 * rom.S - a 64 KiB firmware ROM of its own: the reset vector at its
 * last 16 bytes jumps into it while CS is still based at 0xffff0000, in
 * the ROM's copy at the top of 4 GiB, which must stay read-only; then
 * it goes on in the copy below 1 MiB (CS 0xf000), RAM, which a BIOS
 * writes.  Prints "rom ok" if all that holds, "rom FAIL" if not, and
 * halts.
 */
#include "uart.h"

	.code16
	.text
	.globl	_start
_start:
	/* At the top of 4 GiB: a write to the ROM must change nothing. */
	movb	$0x55, %cs:marker
	cmpb	$0xaa, %cs:marker
	jne	fail
	ljmp	$0xf000, $low
low:
	/* Below 1 MiB: the same byte is RAM. */
	movb	$0x55, %cs:marker
	cmpb	$0x55, %cs:marker
	jne	fail
	mov	%cs, %ax
	mov	%ax, %ds
	mov	$ok, %si
	jmp	report
fail:
	mov	%cs, %ax
	mov	%ax, %ds
	mov	$failed, %si
report:
	print
	cli
	hlt

marker:
	.byte	0xaa
ok:
	.asciz	"rom ok\n"
failed:
	.asciz	"rom FAIL\n"

	/* Where the processor starts after reset: 0xfffffff0. */
	.org	0xfff0
	jmp	_start
	.org	0x10000

	.section .note.GNU-stack, "", @progbits
