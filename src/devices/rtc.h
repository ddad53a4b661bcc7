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

#endif
