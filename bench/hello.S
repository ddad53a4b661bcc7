/*
 * hello.S - the hello workload: prints the greeting with one out a byte,
 * then writes the exit port at 0xf4 (which ends QEMU with isa-debug-exit
 * and goes nowhere elsewhere) and halts.
 */
	.code16
	.text
	.globl	_start
_start:
	mov	$0x3f8, %dx
	mov	$message, %si
	cld
next:
	lodsb
	test	%al, %al
	jz	done
	out	%al, %dx
	jmp	next
done:
	out	%al, $0xf4
	hlt

message:
	.asciz	"Hello, world!\n"

	.section .note.GNU-stack, "", @progbits
