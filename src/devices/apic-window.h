/*
 * apic-window.h - where a PC has its local APIC (0xfee00000) and its
 * I/O APIC (0xfec00000), with neither behind them: this machine's
 * interrupt controllers are the 8259A PICs
 */
#ifndef MINIVM_APIC_WINDOW_H
#define MINIVM_APIC_WINDOW_H

#include "mmio.h"

#define LOCAL_APIC_WINDOW 0xfee00000u
#define IO_APIC_WINDOW 0xfec00000u
#define APIC_WINDOW_SIZE 0x1000u

/* Registers both 4 KiB windows; -1 if either is taken. */
int apic_windows_attach(struct mmio_bus *bus);

#endif
