/*
 * fetch-beyond-memory.S - jumps to 0x2000:0, physical 0x20000, past the
 * end of a 64 KiB guest: there is no memory to fetch the next
 * instruction from, and KVM cannot emulate one from MMIO.
 */
	.code16
	.text
	.globl	_start
_start:
	ljmp	$0x2000, $0

	.section .note.GNU-stack, "", @progbits
