/* rep-outsb.S - prints a whole string with one rep outsb, then halts. */
#define COM1 0x3f8

	.code16
	.text
	.globl	_start
_start:
	mov	$COM1, %dx
	mov	$message, %si
	mov	$(end - message), %cx
	cld
	rep outsb
	hlt

message:
	.ascii	"printed with rep outsb, all 37 bytes\n"
end:

	.section .note.GNU-stack, "", @progbits
