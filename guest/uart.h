/*
 * uart.h - what the guests share: the UART's ports and the few ways
 * they write to it.  Included by 16-bit guest sources, which the C
 * preprocessor runs over before the assembler sees them.
 */
#define COM1 0x3f8
#define COM2 0x2f8
#define LSR (COM1 + 5)
#define LSR_DR 0x01			/* a received byte waits */
#define LSR_THRE 0x20			/* the transmitter takes a byte */

/* Writes VALUE to the UART register REG, an offset from COM1. */
	.macro	outb reg, value
	mov	$(COM1 + \reg), %dx
	mov	$\value, %al
	out	%al, %dx
	.endm

/* Waits for a byte from COM1, polling LSR, and reads it into %al. */
	.macro	receive
	mov	$LSR, %dx
1:	in	%dx, %al
	test	$LSR_DR, %al
	jz	1b
	mov	$COM1, %dx
	in	%dx, %al
	.endm

/* Writes the NUL-terminated string at %si to COM1, one out a byte. */
	.macro	print
	mov	$COM1, %dx
	cld
1:	lodsb
	test	%al, %al
	jz	2f
	out	%al, %dx
	jmp	1b
2:
	.endm

/* Writes the bytes from START up to END to COM1 with one rep outsb. */
	.macro	send start, end
	mov	$COM1, %dx
	mov	$\start, %si
	mov	$(\end - \start), %cx
	cld
	rep outsb
	.endm

/* Writes VALUE to PORT, one of the PC's ports below 0x100. */
	.macro	outp port, value
	mov	$\value, %al
	out	%al, $\port
	.endm

/* Sets the real-mode interrupt vector VECTOR to HANDLER in this segment. */
	.macro	set_vector vector, handler
	xor	%ax, %ax
	mov	%ax, %es
	movw	$\handler, %es:(\vector * 4)
	mov	%cs, %es:(\vector * 4 + 2)
	.endm
