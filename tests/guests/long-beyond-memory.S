/*
 * long-beyond-memory.S - a flat image for --mode=long that writes
 * beyond 2 MiB of guest memory, through the page tables that map the
 * whole first GiB: the report must show the code at RIP, above 1 MiB.
 */
	.code64
	.text
	.globl	_start
_start:
	movb	$1, 0x300000
	hlt

	.section .note.GNU-stack, "", @progbits
