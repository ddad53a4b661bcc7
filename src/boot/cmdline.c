/* cmdline.c - the kernel command line, at BOOT_CMDLINE */
#include <config.h>

#include "boot/cmdline.h"

#include <string.h>

int cmdline_add(struct plan *plan, const char *cmdline)
{
	size_t length = strlen(cmdline);

	if (length > CMDLINE_MAX)
		return plan_fail(plan, "command line (%zu bytes) too long: "
				 "at most %d bytes fit at 0x%x", length,
				 CMDLINE_MAX, BOOT_CMDLINE);
	return plan_add(plan, BOOT_CMDLINE, (const uint8_t *)cmdline,
			length + 1, true, "the command line");
}
