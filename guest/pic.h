/*
 * pic.h - the master 8259A interrupt controller, for guests that take
 * interrupts.  minivm starts the PICs as a BIOS leaves them: IRQ 0 to 7
 * at vectors 8 to 15, every line masked, an end of interrupt (EOI) due
 * from each handler.  Needs uart.h's outp.
 */
#define ICW4_8086 0x01			/* 8086 mode, an EOI from the guest */
#define ICW4_AEOI 0x03			/* 8086 mode, automatic EOI */

/*
 * Initialises the master again, ICW1 to ICW4: edge-triggered and
 * cascaded, IRQ 0 to 7 at VECTOR to VECTOR + 7, in the mode ICW4 says.
 * The mask is left to the guest.
 */
	.macro	pic_init vector, icw4=ICW4_8086
	outp	0x20, 0x11		/* ICW1: ICW4 follows */
	outp	0x21, \vector		/* ICW2 */
	outp	0x21, 0x04		/* ICW3: the slave hangs on IR2 */
	outp	0x21, \icw4
	.endm

/* OCW2: a non-specific EOI, which ends the IRQ in service. */
	.macro	eoi
	outp	0x20, 0x20
	.endm
