/*
 * hello.S - the bundled guest: prints a greeting on COM1 and halts.
 *
 * minivm starts it in 16-bit real mode with every segment register
 * based at the load address and IP = 0, so it is assembled for offset 0
 * and runs unchanged wherever it is loaded.
 */
#define COM1 0x3f8

	.code16
	.text
	.globl	_start
_start:
	mov	$COM1, %dx
	mov	$message, %si
	cld
next:
	lodsb
	test	%al, %al
	jz	done
	out	%al, %dx
	jmp	next
done:
	hlt
	jmp	done		/* hlt may return on an interrupt: stay put */

message:
	.asciz	"Hello, world!\n"

	.section .note.GNU-stack, "", @progbits
