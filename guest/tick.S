/*
 * tick.S - the second bundled guest: a clock.  It programs the two PICs
 * and the PIT as a PC operating system does, counts the timer's
 * interrupts in a handler, sleeps in hlt between them, and prints a
 * line a second for five seconds.
 *
 * minivm starts it as it does hello.S: real mode, every segment based
 * at the load address, IP = 0.
 */
#include "uart.h"
#include "pic.h"

#define PIT_HZ 1193182
#define HZ 100			/* timer interrupts a second */
#define SECONDS 5
#define TIMER_VECTOR 0x20	/* where ICW2 puts IRQ 0 */

	.code16
	.text
	.globl	_start
_start:
	jmp	start

	/*
	 * The interrupt vector table fills the first KiB of memory, which
	 * is where minivm loads an image unless told otherwise: the code
	 * starts past it.
	 */
	.org	0x400
start:
	set_vector TIMER_VECTOR, timer

	/* ICW1 to ICW4, to each PIC: edge-triggered, cascaded, 8086 mode. */
	pic_init TIMER_VECTOR		/* IRQ 0 to 7: vectors 0x20 to 0x27 */
	outp	0xa0, 0x11
	outp	0xa1, TIMER_VECTOR + 8	/* IRQ 8 to 15: 0x28 to 0x2f */
	outp	0xa1, 0x02
	outp	0xa1, 0x01
	outp	0x21, 0xfe		/* every line masked but the timer's */
	outp	0xa1, 0xff

	/* PIT counter 0 in mode 2, the rate generator: HZ interrupts a second. */
	outp	0x43, 0x34
	outp	0x40, (PIT_HZ / HZ) & 0xff
	outp	0x40, (PIT_HZ / HZ) >> 8

	mov	$HZ, %bx		/* the tick count of the next line */
	sti
wait:
	hlt				/* sleep until an interrupt */
	cmp	%bx, ticks
	jb	wait
	add	$HZ, %bx
	incb	digit
	mov	$line, %si
	print
	cmpb	$('0' + SECONDS), digit
	jne	wait
	cli
	hlt				/* with interrupts off: the end */

/* IRQ 0: count the tick, and tell the PIC it has been handled. */
timer:
	push	%ax
	incw	%cs:ticks
	eoi
	pop	%ax
	iret

ticks:
	.word	0
line:
	.ascii	"tick "
digit:
	.byte	'0'
	.asciz	"\n"

	.section .note.GNU-stack, "", @progbits
