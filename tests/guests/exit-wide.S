/*
 * exit-wide.S - writes 0x4281 to the exit port at 0xf4 with one 16-bit
 * out.  The port counts by the low byte, 0x81, and (0x81 << 1) | 1 wraps
 * to 3 in an exit status.  Halts if the write did not end the run.
 */
	.code16
	.text
	.globl	_start
_start:
	mov	$0x4281, %ax
	out	%ax, $0xf4
	hlt

	.section .note.GNU-stack, "", @progbits
