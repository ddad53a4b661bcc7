/* test-parse.c - unit tests of the command-line value parsers */
#include <config.h>

#include <string.h>

#include "check.h"
#include "parse.h"

static void check_size(const char *text, uint64_t expected)
{
	uint64_t bytes = 0;
	const char *why = parse_memory_size(text, &bytes);

	if (why)
		fprintf(stderr, "parse_memory_size(\"%s\"): %s\n", text, why);
	CHECK(why == NULL);
	CHECK(bytes == expected);
}

/* A refused value must leave the output untouched. */
static void check_bad_size(const char *text, const char *reason)
{
	uint64_t bytes = 12345;
	const char *why = parse_memory_size(text, &bytes);

	CHECK(why != NULL);
	if (why && !strstr(why, reason))
		fprintf(stderr, "parse_memory_size(\"%s\"): '%s', expected '%s'\n",
			text, why, reason);
	CHECK(why && strstr(why, reason));
	CHECK(bytes == 12345);
}

static void test_memory_sizes(void)
{
	check_size("16", 16u << 20);
	check_size("1", 1u << 20);
	check_size("0x10", 16u << 20);
	check_size("4K", 4096);
	check_size("4k", 4096);
	check_size("8192K", 8u << 20);
	check_size("1M", 1u << 20);
	check_size("256m", 256u << 20);
	check_size("1G", 1ull << 30);
	check_size("4G", 4ull << 30);
	check_size("0x1000K", 4ull << 20);

	check_bad_size("0", "zero");
	check_bad_size("0G", "zero");
	check_bad_size("1K", "multiple of 4 KiB");
	check_bad_size("4097K", "multiple of 4 KiB");
	check_bad_size("", "not a number");
	check_bad_size("M", "not a number");
	check_bad_size("-1", "not a number");
	check_bad_size("+1", "not a number");
	check_bad_size(" 1", "not a number");
	check_bad_size("0x", "not a number");
	check_bad_size("1T", "unknown suffix");
	check_bad_size("1KB", "unknown suffix");
	check_bad_size("1 M", "unknown suffix");
	check_bad_size("18446744073709551616", "number too large");
	check_bad_size("0x10000000000000000", "number too large");
	check_bad_size("17179869184G", "too large");
	check_bad_size("17592186044416", "too large");
	/* What 52-bit physical addresses hold, less the 1 GiB hole. */
	check_size("4194303G", (1ull << 52) - (1ull << 30));
	check_bad_size("4194304G", "too large for x86-64's 52-bit physical "
		       "addresses");
	check_bad_size("0xfffffffffffffK", "52-bit");
}

static void check_number(const char *text, uint64_t expected)
{
	uint64_t n = 0;

	CHECK(parse_number(text, &n) == NULL);
	CHECK(n == expected);
}

static void test_numbers(void)
{
	check_number("0", 0);
	check_number("010", 10);	/* decimal, not octal */
	check_number("0x7c00", 0x7c00);
	check_number("0X7C00", 0x7c00);
	check_number("18446744073709551615", UINT64_MAX);
	check_number("0xffffffffffffffff", UINT64_MAX);
}

static void check_address(const char *text, uint64_t expected)
{
	uint64_t address = 1;

	CHECK(parse_load_address(text, CPU_REAL, &address) == NULL);
	CHECK(address == expected);
}

static void check_bad_address(const char *text, const char *reason)
{
	uint64_t address = 1;
	const char *why = parse_load_address(text, CPU_REAL, &address);

	CHECK(why && strstr(why, reason));
	CHECK(address == 1);
}

static void test_load_addresses(void)
{
	check_address("0", 0);
	check_address("0x7c00", 0x7c00);
	check_address("31744", 0x7c00);
	check_address("0xffff0", 0xffff0);

	check_bad_address("0x100000", "beyond real mode");
	check_bad_address("0xfffff", "beyond real mode");
	check_bad_address("0x7c08", "16-byte aligned");
	check_bad_address("1", "16-byte aligned");
	check_bad_address("0x7c00K", "trailing");
	check_bad_address("boot", "not a number");
}

/* Beyond real mode, any address the mode reaches. */
static void test_wider_load_addresses(void)
{
	uint64_t address = 1;

	CHECK(parse_load_address("0x100001", CPU_PROTECTED, &address) == NULL);
	CHECK(address == 0x100001);
	CHECK(parse_load_address("0xffffffff", CPU_PROTECTED, &address) ==
	      NULL && address == 0xffffffff);
	address = 1;
	CHECK(strstr(parse_load_address("0x100000000", CPU_PROTECTED,
					&address), "beyond protected mode"));
	CHECK(address == 1);
	CHECK(parse_load_address("0x100000000", CPU_LONG, &address) == NULL);
	CHECK(address == 0x100000000);
}

static void test_modes(void)
{
	enum cpu_mode mode = CPU_LONG;

	CHECK(parse_mode("real", &mode) == NULL && mode == CPU_REAL);
	CHECK(parse_mode("protected", &mode) == NULL && mode == CPU_PROTECTED);
	CHECK(parse_mode("long", &mode) == NULL && mode == CPU_LONG);
	CHECK(parse_mode("Long", &mode) != NULL && mode == CPU_LONG);
	CHECK(parse_mode("", &mode) != NULL);
	CHECK(parse_mode("protected ", &mode) != NULL);
}

static void test_ports(void)
{
	uint16_t port = 1;

	CHECK(parse_port("0x3f8", 0xfff8, &port) == NULL && port == 0x3f8);
	CHECK(parse_port("0", 0xfff8, &port) == NULL && port == 0);
	CHECK(parse_port("0xfff8", 0xfff8, &port) == NULL && port == 0xfff8);
	CHECK(parse_port("0xffff", 0xffff, &port) == NULL && port == 0xffff);
	port = 1;
	CHECK(parse_port("0xfff9", 0xfff8, &port) != NULL && port == 1);
	CHECK(parse_port("65536", 0xffff, &port) != NULL && port == 1);
	CHECK(parse_port("0x3f8 ", 0xfff8, &port) != NULL && port == 1);
}

static void check_timeout(const char *text, uint64_t expected)
{
	uint64_t us = 1;
	const char *why = parse_timeout(text, &us);

	if (why)
		fprintf(stderr, "parse_timeout(\"%s\"): %s\n", text, why);
	CHECK(why == NULL && us == expected);
}

static void check_bad_timeout(const char *text, const char *reason)
{
	uint64_t us = 1;
	const char *why = parse_timeout(text, &us);

	CHECK(why && strstr(why, reason));
	CHECK(us == 1);
}

static void test_timeouts(void)
{
	check_timeout("0", 0);
	check_timeout("5", 5000000);
	check_timeout("0.5", 500000);
	check_timeout("1.25", 1250000);
	check_timeout("0.000001", 1);
	check_timeout("0.0000019", 1);	/* past the microsecond: dropped */
	check_timeout("2147483647", 2147483647ull * 1000000);

	check_bad_timeout("", "not a number");
	check_bad_timeout(".5", "not a number");
	check_bad_timeout("5.", "not a number");
	check_bad_timeout("-1", "not a number");
	check_bad_timeout("1e3", "trailing");
	check_bad_timeout("0x10", "trailing");
	check_bad_timeout("5s", "trailing");
	check_bad_timeout("2147483648", "too long");
	check_bad_timeout("99999999999999999999999", "too long");
}

int main(void)
{
	RUN_TEST(test_numbers);
	RUN_TEST(test_memory_sizes);
	RUN_TEST(test_load_addresses);
	RUN_TEST(test_wider_load_addresses);
	RUN_TEST(test_modes);
	RUN_TEST(test_ports);
	RUN_TEST(test_timeouts);
	return CHECK_STATUS();
}
