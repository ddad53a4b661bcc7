/*
 * fail.h - how minivm's KVM layer tells that a step failed: its name
 * and errno's reason, on stderr
 */
#ifndef MINIVM_FAIL_H
#define MINIVM_FAIL_H

/*
 * Writes "minivm: STEP: <errno's reason>", and after it in parentheses
 * HINT, what the user can try, unless HINT is NULL.  Returns -1, for
 * "return fail(...)".
 */
int fail_hint(const char *step, const char *hint);
/* fail_hint without a hint. */
int fail(const char *step);

#endif
