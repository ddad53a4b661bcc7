/* test-debug-console.c - unit tests of the debug console port */
#include <config.h>

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "bus.h"
#include "check.h"
#include "devices/debug-console.h"

static struct bus bus;
static struct debug_console console;

static void write_text(const char *text)
{
	uint8_t buf[64];
	size_t length = strlen(text);

	memcpy(buf, text, length);
	CHECK(bus_io(&bus, true, DEBUG_CONSOLE_PORT, 1, (unsigned)length,
		     buf) == 0);
}

/* SeaBIOS writes its log only where the port reads back 0xe9. */
static void test_readback(void)
{
	uint8_t byte = 0;

	bus_init(&bus);
	debug_console_init(&console, NULL);
	CHECK(debug_console_attach(&console, &bus, DEBUG_CONSOLE_PORT) == 0);
	bus_io(&bus, false, DEBUG_CONSOLE_PORT, 1, 1, &byte);
	CHECK(byte == 0xe9);
	write_text("dropped\n");		/* no sink: no harm */
	CHECK(console.output_error == 0);
}

/* The bytes reach the sink as they were written, in order. */
static void test_sink(void)
{
	FILE *sink = tmpfile();
	char text[32] = "";

	CHECK(sink != NULL);
	if (!sink)
		return;
	bus_init(&bus);
	debug_console_init(&console, sink);
	CHECK(debug_console_attach(&console, &bus, DEBUG_CONSOLE_PORT) == 0);
	write_text("SeaBIOS (version ");
	write_text("1.16)\n");
	rewind(sink);
	CHECK(fread(text, 1, sizeof(text) - 1, sink) == 23);
	CHECK(strcmp(text, "SeaBIOS (version 1.16)\n") == 0);
	CHECK(console.output_error == 0);
	fclose(sink);
}

/* A log that cannot be written keeps its error, and the guest runs on. */
static void test_write_error(void)
{
	FILE *full = fopen("/dev/full", "w");

	if (!full)
		return;			/* not Linux: nothing to test with */
	setvbuf(full, NULL, _IONBF, 0);
	bus_init(&bus);
	debug_console_init(&console, full);
	CHECK(debug_console_attach(&console, &bus, DEBUG_CONSOLE_PORT) == 0);
	write_text("lost");
	CHECK(console.output_error == ENOSPC);
	fclose(full);
}

int main(void)
{
	RUN_TEST(test_readback);
	RUN_TEST(test_sink);
	RUN_TEST(test_write_error);
	return CHECK_STATUS();
}
