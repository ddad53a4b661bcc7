/*
 * test-terminal.c - the escape key: what reaches the guest of what is
 * typed, and Ctrl-A x stopping the run
 */
#include <config.h>

#include <signal.h>

#include "check.h"
#include "kvm/stop.h"
#include "terminal.h"

/* Types TEXT (N keys); checks what the guest gets is WANT (WANT_N). */
static void check_keys(struct terminal *t, const char *text, size_t n,
		       const char *want, size_t want_n)
{
	uint8_t out[64];
	size_t got = terminal_keys(t, (const uint8_t *)text, n, out);

	CHECK(got == want_n && memcmp(out, want, want_n) == 0);
}

static void test_keys(void)
{
	struct terminal t = { .fd = -1 };

	check_keys(&t, "ab\003\032", 4, "ab\003\032", 4);
	check_keys(&t, "\001\001", 2, "\001", 1);
	check_keys(&t, "\001b", 2, "\001b", 2);
	/* The escape at the end of one read, its key in the next. */
	check_keys(&t, "c\001", 2, "c", 1);
	CHECK(t.escaped);
	check_keys(&t, "d", 1, "\001d", 2);
	check_keys(&t, "\001", 1, "", 0);
	check_keys(&t, "\001", 1, "\001", 1);
	CHECK(!t.quit && stop_signal() == 0);
	/* Ctrl-A x quits; nothing after it reaches the guest. */
	check_keys(&t, "e\001xf", 4, "e", 1);
	CHECK(t.quit && stop_signal() == SIGINT);
	check_keys(&t, "g", 1, "", 0);
}

int main(void)
{
	RUN_TEST(test_keys);
	return CHECK_STATUS();
}
