/*
 * apic-window.h - where a PC has its local APIC, 0xfee00000, with none
 * behind it: this machine's interrupt controllers are the 8259A PICs
 */
#ifndef MINIVM_APIC_WINDOW_H
#define MINIVM_APIC_WINDOW_H

#include "mmio.h"

#define APIC_WINDOW_BASE 0xfee00000u
#define APIC_WINDOW_SIZE 0x1000u

/* Registers the 4 KiB window; -1 if it is taken. */
int apic_window_attach(struct mmio_bus *bus);

#endif
