/*
 * finish.h - how a workload ends: a write to port 0xf4, where QEMU has
 * its isa-debug-exit device, then hlt for the runners that have no such
 * port.  The value makes QEMU exit with status (0x10 << 1) | 1 = 33,
 * which no failure of QEMU's own gives.
 */
#define QEMU_EXIT_PORT 0xf4
#define QEMU_EXIT_VALUE 0x10

	.macro	finish
	mov	$QEMU_EXIT_VALUE, %al
	out	%al, $QEMU_EXIT_PORT
	hlt
	.endm
