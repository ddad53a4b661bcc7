/*
 * pit-poll.S - times 20 one-shots of PIT counter 2 (mode 0, count
 * 0xffff: 54.9 ms each, 1.1 s in all) by polling its output in port
 * 0x61, as a kernel's delay-loop calibration does.  In each, it first
 * waits for the latched count to fall by 1000.  A count that stood
 * still, or an output that never rose, would keep it spinning.
 */
#include "uart.h"

#define ROUNDS 20

	.code16
	.text
	.globl	_start
_start:
	outp	0x61, 0x01	/* counter 2's gate on, the speaker off */
	mov	$ROUNDS, %cx
round:
	outp	0x43, 0xb0	/* counter 2, low then high byte, mode 0 */
	outp	0x42, 0xff
	outp	0x42, 0xff
	call	latch
	sub	$1000, %ax
	mov	%ax, %bx
down:
	call	latch
	cmp	%bx, %ax
	ja	down
wait:
	in	$0x61, %al
	test	$0x20, %al	/* OUT2: high at terminal count */
	jz	wait
	loop	round
	mov	$done, %si
	print
	hlt

/* Latches counter 2 and reads its count into %ax. */
latch:
	outp	0x43, 0x80
	in	$0x42, %al
	mov	%al, %ah
	in	$0x42, %al
	xchg	%al, %ah
	ret

done:
	.asciz	"20 one-shots\n"

	.section .note.GNU-stack, "", @progbits
