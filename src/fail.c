/* fail.c - how minivm's KVM layer tells that a step failed */
#include <config.h>

#include "fail.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

int fail_hint(const char *step, const char *hint)
{
	fprintf(stderr, "minivm: %s: %s%s%s%s\n", step, strerror(errno),
		hint ? " (" : "", hint ? hint : "", hint ? ")" : "");
	return -1;
}

int fail(const char *step)
{
	return fail_hint(step, NULL);
}
