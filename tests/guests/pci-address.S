/*
 * pci-address.S - writes the dword 0x80000400 to 0xcf8, PCI's
 * configuration address.  Its byte 1, 0x04, must not reach 0xcf9, the
 * reset control register, as a byte cycle would: 0x04 there resets.
 * Then the same value as a byte at 0xcf9 does reset: "reset" is
 * printed between the two, and "not reset" if the second did not.
 */
#include "uart.h"

	.code16
	.text
	.globl	_start
_start:
	mov	$0xcf8, %dx
	mov	$0x80000400, %eax
	out	%eax, %dx
	mov	$resetting, %si
	print
	mov	$0xcf9, %dx
	mov	$0x06, %al
	out	%al, %dx
	mov	$not_reset, %si
	print
	hlt

resetting:
	.asciz	"resetting\n"
not_reset:
	.asciz	"not reset\n"

	.section .note.GNU-stack, "", @progbits
