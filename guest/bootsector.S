/*
 * bootsector.S - a disk whose boot sector a PC BIOS (SeaBIOS) loads at
 * 0x7c00 and runs: it prints through the BIOS's video service (INT
 * 10h, which SeaBIOS sends to the serial port), reads the disk's second
 * sector through its disk service (INT 13h) and prints what it holds,
 * then halts with interrupts off, which ends the run.  The two sectors
 * start a disk image of 1 MiB: BIOSes count disks in cylinders of 16
 * heads of 63 sectors, and one of less than a cylinder has none.
 */
#ifdef FINISH
#include "finish.h"		/* the benchmark's: ends QEMU too */
#endif

	.code16
	.text
	.globl	_start
_start:
	/* Some BIOSes jump to 07c0:0000: make it 0000:7c00. */
	ljmp	$0, $start
start:
	xor	%ax, %ax
	mov	%ax, %ds
	mov	%ax, %es
	mov	%ax, %ss
	mov	$0x7c00, %sp
	mov	%dl, drive		/* the BIOS's number for this disk */
	mov	$hello, %si
	call	print

	/* INT 13h AH=02h: read AL sectors from cylinder CH, head DH,
	   sector CL (from 1) to ES:BX; the carry flag says it failed. */
	mov	$0x0201, %ax
	mov	$0x0002, %cx
	xor	%dh, %dh
	mov	drive, %dl
	mov	$second, %bx
	int	$0x13
	jc	failed
	mov	$second, %si
	call	print
	jmp	halt
failed:
	mov	$no_read, %si
	call	print
halt:
	/*
	 * SeaBIOS sends what was printed to the serial port at its timer's
	 * next tick (18.2 a second): wait for two before the end.
	 */
	sti
	hlt
	hlt
	cli
#ifdef FINISH
	finish
#endif
	hlt

/* Prints the NUL-terminated string at %si with INT 10h AH=0Eh. */
print:
	cld
1:	lodsb
	test	%al, %al
	jz	2f
	mov	$0x0e, %ah
	mov	$0x0007, %bx		/* page 0, light grey */
	int	$0x10
	jmp	1b
2:	ret

drive:
	.byte	0
hello:
	.asciz	"Hello from the boot sector, started by the BIOS.\r\n"
no_read:
	.asciz	"INT 13h could not read the second sector.\r\n"

	.org	510
	.word	0xaa55			/* what makes the sector bootable */

/* The second sector: what INT 13h reads, to 0x7e00. */
second:
	.asciz	"And this from its second sector, read through INT 13h.\r\n"
	.org	0x100000

	.section .note.GNU-stack, "", @progbits
