/*
 * dots.h - how the dots guests start: 10000 dots to COM1, enough for
 * minivm to batch them, so that the last are still in KVM's ring when
 * what the guest does next ends the run.  Needs uart.h.
 */
	.macro	dots
	mov	$10000, %cx
	mov	$COM1, %dx
	mov	$'.', %al
1:	out	%al, %dx
	loop	1b
	.endm
