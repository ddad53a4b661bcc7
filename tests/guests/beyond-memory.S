/*
 * beyond-memory.S - writes to physical address 0x20000, past the end of
 * a 64 KiB guest: KVM can only hand the access to minivm as MMIO.
 */
	.code16
	.text
	.globl	_start
_start:
	mov	$0x2000, %ax
	mov	%ax, %es
	movb	$0x55, %es:0
	hlt

	.section .note.GNU-stack, "", @progbits
