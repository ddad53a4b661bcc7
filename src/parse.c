/* parse.c - command-line values: memory sizes, addresses, ports */
#include <config.h>

#include "parse.h"

#include <ctype.h>
#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include "boot/layout.h"

static int digit_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return 99;
}

/*
 * Reads a hexadecimal (0x...) or decimal number from the start of TEXT
 * and sets *END past it.  strtoull is not used: it would take a sign,
 * leading blanks and octal, none of which a user means here.
 */
static const char *scan_number(const char *text, uint64_t *value,
			       const char **end)
{
	unsigned base = 10;
	uint64_t n = 0;
	const char *p = text;

	if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
		base = 16;
		p += 2;
	}
	if (digit_value(*p) >= (int)base)
		return "not a number (use decimal or 0x-prefixed hexadecimal)";
	for (; digit_value(*p) < (int)base; p++) {
		unsigned d = digit_value(*p);

		if (n > (UINT64_MAX - d) / base)
			return "number too large";
		n = n * base + d;
	}
	*value = n;
	*end = p;
	return NULL;
}

const char *parse_number(const char *text, uint64_t *value)
{
	const char *end;
	uint64_t n;
	const char *why = scan_number(text, &n, &end);

	if (why)
		return why;
	if (*end != '\0')
		return "trailing characters after the number";
	*value = n;
	return NULL;
}

static unsigned suffix_shift(char suffix)
{
	switch (toupper((unsigned char)suffix)) {
	case 'K':
		return 10;
	case 'M':
		return 20;
	case 'G':
		return 30;
	default:
		return 0;
	}
}

/*
 * At most what this host can map, and what guest physical addresses
 * reach once the hole is left out (RAM_MAX): KVM and the host's memory
 * set lower limits, which vm_create reports.
 */
const char *parse_memory_size(const char *text, uint64_t *bytes)
{
	const char *end;
	uint64_t n;
	unsigned shift = 20;	/* a plain number is MiB, as in QEMU */
	const char *why = scan_number(text, &n, &end);

	if (why)
		return why;
	if (*end != '\0') {
		shift = suffix_shift(*end);
		if (shift == 0 || end[1] != '\0')
			return "unknown suffix (use K, M or G, or none for MiB)";
	}
	if (n > (UINT64_MAX >> shift) || (n << shift) > SIZE_MAX)
		return "too large for this host's address space";
	n <<= shift;
	if (n > RAM_MAX)
		return "too large for x86-64's 52-bit physical addresses "
		       "(at most 4 PiB, less the 1 GiB hole below 4 GiB)";
	if (n == 0)
		return "must not be zero";
	if (n % PAGE_SIZE_4K != 0)
		return "must be a multiple of 4 KiB";
	*bytes = n;
	return NULL;
}

/*
 * Real mode starts at a segment base with IP = 0; the other modes start
 * at any address they reach, and the image must fit in memory there.
 */
const char *parse_load_address(const char *text, enum cpu_mode mode,
			       uint64_t *address)
{
	uint64_t n;
	const char *why = parse_number(text, &n);

	if (why)
		return why;
	if (mode == CPU_REAL && n > LOAD_ADDRESS_MAX)
		return "beyond real mode (at most 0xffff0)";
	if (mode == CPU_REAL && n % 16 != 0)
		return "not 16-byte aligned (a real-mode segment base)";
	if (mode == CPU_PROTECTED && n > LOAD_ADDRESS_MAX_PROTECTED)
		return "beyond protected mode (at most 0xffffffff)";
	*address = n;
	return NULL;
}

const char *parse_mode(const char *text, enum cpu_mode *mode)
{
	static const char *const names[] = {
		[CPU_REAL] = "real",
		[CPU_PROTECTED] = "protected",
		[CPU_LONG] = "long",
	};

	for (unsigned i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (strcmp(text, names[i]) == 0) {
			*mode = (enum cpu_mode)i;
			return NULL;
		}
	}
	return "not a mode (use real, protected or long)";
}

const char *parse_port(const char *text, uint16_t max, uint16_t *port)
{
	uint64_t n;
	const char *why = parse_number(text, &n);

	if (why)
		return why;
	if (n > max)
		return "out of range";
	*port = (uint16_t)n;
	return NULL;
}

/* Decimal only: "0x1.8" seconds would surprise more than it helps. */
const char *parse_timeout(const char *text, uint64_t *microseconds)
{
	uint64_t seconds = 0, fraction = 0, scale = 1000000;
	const char *p = text;

	if (!isdigit((unsigned char)*p))
		return "not a number of seconds (such as 5 or 0.5)";
	for (; isdigit((unsigned char)*p); p++) {
		seconds = seconds * 10 + (uint64_t)(*p - '0');
		if (seconds > TIMEOUT_MAX_SECONDS)
			return "too long (at most 2147483647 seconds)";
	}
	if (*p == '.') {
		if (!isdigit((unsigned char)p[1]))
			return "not a number of seconds (such as 5 or 0.5)";
		for (p++; isdigit((unsigned char)*p); p++) {
			/* Digits past the microsecond are dropped. */
			scale /= 10;
			fraction += (uint64_t)(*p - '0') * scale;
		}
	}
	if (*p != '\0')
		return "trailing characters after the number";
	*microseconds = seconds * 1000000 + fraction;
	return NULL;
}
