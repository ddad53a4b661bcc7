/*
 * hello64.c - a freestanding 64-bit hello, linked (guest/flat.ld) as a
 * flat image for 1 MiB, where minivm loads and starts it in long mode:
 *
 *	minivm --mode=long hello64.bin
 *
 * minivm starts it with identity-mapped paging and the stack pointer at
 * the end of guest memory, so C runs from the first instruction.
 */
#include "com1.h"

__attribute__((section(".text.entry"), noreturn)) void _start(void)
{
	com1_puts("Hello, world! (64-bit long mode)\n");
	halt();
}
