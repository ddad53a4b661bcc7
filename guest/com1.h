/*
 * com1.h - what the C guests share: writing to the serial port COM1,
 * with no library under them.
 */
#ifndef GUEST_COM1_H
#define GUEST_COM1_H

#include <stdint.h>

#define COM1 0x3f8
#define COM1_LSR (COM1 + 5)
#define LSR_THRE 0x20		/* the transmitter takes a byte */

static inline void outb(uint16_t port, uint8_t value)
{
	__asm__ volatile("outb %0, %1" : : "a"(value), "Nd"(port));
}

static inline uint8_t inb(uint16_t port)
{
	uint8_t value;

	__asm__ volatile("inb %1, %0" : "=a"(value) : "Nd"(port));
	return value;
}

/* Waits for room, as on a real UART, then sends each byte. */
static inline void com1_puts(const char *s)
{
	for (; *s; s++) {
		while (!(inb(COM1_LSR) & LSR_THRE))
			;
		outb(COM1, (uint8_t)*s);
	}
}

/* Halts for good: hlt returns on an interrupt, so loop. */
static inline __attribute__((noreturn)) void halt(void)
{
	for (;;)
		__asm__ volatile("hlt");
}

#endif
