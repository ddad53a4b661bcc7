/*
 * uart-probe.S - finds and sets up the UART as a real driver does: no
 * interrupts, divisor 1 through the divisor latch, 8N1, FIFOs on (and
 * IIR must then say 16550A), the scratch register, and a loopback
 * self-test.  Prints "16550A ok" or "FAIL <step>", then halts.
 */
#include "uart.h"

	.code16
	.text
	.globl	_start

	/* Reads REG, masks it with MASK, and fails STEP unless it is VALUE. */
	.macro	expect reg, mask, value, step
	mov	$(COM1 + \reg), %dx
	in	%dx, %al
	and	$\mask, %al
	mov	$\step, %bl
	cmp	$\value, %al
	jne	fail
	.endm

_start:
	outb	1, 0x00			/* IER: no interrupts */
	outb	3, 0x80			/* LCR: DLAB */
	outb	0, 0x01			/* DLL */
	outb	1, 0x00			/* DLM */
	expect	0, 0xff, 0x01, 'd'	/* the divisor reads back */
	outb	3, 0x03			/* LCR: 8N1, DLAB off */
	expect	3, 0xff, 0x03, 'l'
	outb	2, 0xc7			/* FCR: enable and clear FIFOs */
	expect	2, 0xc0, 0xc0, 'f'	/* IIR: FIFOs enabled: a 16550A */
	outb	7, 0x55			/* the scratch register */
	expect	7, 0xff, 0x55, 's'
	outb	7, 0xaa
	expect	7, 0xff, 0xaa, 's'
	outb	4, 0x1a			/* MCR: loopback, OUT2, RTS */
	expect	6, 0xf0, 0x90, 'm'	/* MSR: DCD and CTS follow them */
	expect	5, 0x01, 0x00, 'e'	/* nothing received yet */
	outb	0, 0xae			/* send in loopback... */
	expect	5, 0x01, 0x01, 'r'	/* ...and it is received */
	expect	0, 0xff, 0xae, 'b'
	expect	5, 0x61, 0x60, 'x'	/* transmitter empty, DR clear */
	outb	4, 0x0b			/* MCR: out of loopback, DTR, RTS, OUT2 */
	mov	$ok, %si
	jmp	report
fail:
	mov	%bl, step
	mov	$failed, %si
report:
	print
	hlt

ok:
	.asciz	"16550A ok\n"
failed:
	.ascii	"FAIL "
step:
	.asciz	"?\n"

	.section .note.GNU-stack, "", @progbits
