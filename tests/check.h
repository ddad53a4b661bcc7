/* check.h - the smallest unit-test harness: count failures, report them */
#ifndef MINIVM_CHECK_H
#define MINIVM_CHECK_H

#include <stdio.h>

static int check_failures;

#define CHECK(cond)							\
	do {								\
		if (!(cond)) {						\
			fprintf(stderr, "%s:%d: check failed: %s\n",	\
				__FILE__, __LINE__, #cond);		\
			check_failures++;				\
		}							\
	} while (0)

/* The status the Automake harness reads: 0 pass, 1 fail. */
#define CHECK_STATUS() (check_failures ? 1 : 0)

#endif
