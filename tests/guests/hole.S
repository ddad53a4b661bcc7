/*
 * hole.S - a flat image for --mode=long that writes into the 32-bit
 * hole at 3 GiB, which the page tables map when there is RAM above it,
 * but no RAM backs: KVM must exit with KVM_EXIT_MMIO there.
 */
	.code64
	.text
	.globl	_start
_start:
	mov	$0xc0000000, %eax
	movl	$1, (%rax)
	hlt

	.section .note.GNU-stack, "", @progbits
