/* rtc.h - the CMOS clock: an MC146818 real-time clock and its RAM */
#ifndef MINIVM_RTC_H
#define MINIVM_RTC_H

#include <stdint.h>
#include <time.h>

#include "bus.h"

#define RTC_PORT 0x70		/* the index; 0x71 is the data */
#define RTC_PORTS 2
#define RTC_REGISTERS 128

struct rtc {
	uint8_t index;		/* the register the data port reaches */
	uint8_t ram[RTC_REGISTERS];	/* control registers and CMOS RAM */
	time_t (*now)(time_t *);	/* the wall clock: time, or a test's */
	struct tm sample;	/* the time the clock registers show */
};

/* An RTC showing the time NOW gives, in UTC, as a PC's does. */
void rtc_init(struct rtc *rtc, time_t (*now)(time_t *));
/* Registers ports 0x70 and 0x71; -1 if either is taken. */
int rtc_attach(struct rtc *rtc, struct bus *bus);

/*
 * Fills in the CMOS bytes where PC firmware finds the RAM: BELOW bytes
 * from address 0, up to the 32-bit hole, and ABOVE bytes from 4 GiB.
 * Each field is capped where it runs out of bits.  The guest may write
 * them after, as any CMOS RAM.
 */
void rtc_set_memory(struct rtc *rtc, uint64_t below, uint64_t above);

/* The boot devices in QEMU's CMOS boot order, as SeaBIOS reads it. */
enum rtc_boot_device {
	RTC_BOOT_NONE = 0,
	RTC_BOOT_FLOPPY = 1,
	RTC_BOOT_DISK = 2,
	RTC_BOOT_CDROM = 3,
	RTC_BOOT_NETWORK = 4,	/* an option ROM's boot entry (BEV) */
};

/* The order firmware tries devices in when told no other (bootorder). */
void rtc_set_boot_order(struct rtc *rtc, enum rtc_boot_device first,
			enum rtc_boot_device second,
			enum rtc_boot_device third);

#endif
