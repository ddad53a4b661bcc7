/*
 * test-fw-cfg.c - unit tests of the firmware configuration device, read
 * as SeaBIOS reads it: a word to the selector, then bytes from the data
 * port
 */
#include <config.h>

#include <stdint.h>
#include <string.h>

#include "bus.h"
#include "check.h"
#include "devices/fw-cfg.h"

static struct bus bus;
static struct fw_cfg fw;

static void select_item(uint16_t key)
{
	uint8_t word[2] = { (uint8_t)key, (uint8_t)(key >> 8) };

	CHECK(bus_io(&bus, true, 0x510, 2, 1, word) == 0);
}

static uint8_t data_byte(void)
{
	uint8_t byte = 0xaa;

	bus_io(&bus, false, 0x511, 1, 1, &byte);
	return byte;
}

/* LENGTH bytes from the data port, as SeaBIOS's rep insb reads them. */
static void read_data(void *buf, unsigned length)
{
	bus_io(&bus, false, 0x511, 1, length, buf);
}

static void read_item(uint16_t key, void *buf, unsigned length)
{
	select_item(key);
	read_data(buf, length);
}

static uint16_t be16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

static uint32_t be32(const uint8_t *p)
{
	return (uint32_t)be16(p) << 16 | be16(p + 2);
}

static uint64_t le(const uint8_t *p, unsigned bytes)
{
	uint64_t v = 0;

	while (bytes--)
		v = v << 8 | p[bytes];
	return v;
}

static bool all_zero(const uint8_t *p, unsigned length)
{
	while (length--)
		if (*p++)
			return false;
	return true;
}

/* 1 GiB, 2 CPUs, no display, and the files a SeaBIOS boot gets. */
static void set_up(void)
{
	static const struct fw_cfg_e820 map[] = {
		{ 0, 0x40000000, FW_CFG_E820_RAM },
		{ 0xfffbc000, 0x4000, FW_CFG_E820_RESERVED },
	};

	bus_init(&bus);
	fw_cfg_init(&fw, UINT64_C(1) << 30, 2, true);
	CHECK(fw_cfg_attach(&fw, &bus) == 0);
	CHECK(fw_cfg_add_sercon_port(&fw, 0x2f8) == 0);
	CHECK(fw_cfg_add_e820(&fw, map, 2) == 0);
	CHECK(fw_cfg_add_show_boot_menu(&fw, 0) == 0);
	CHECK(fw_cfg_add_bootorder(&fw, "/pci@i0cf8/*@1\nHALT") == 0);
	CHECK(fw_cfg_add_boot_fail_wait(&fw, FW_CFG_WAIT_FOREVER) == 0);
}

static void test_fixed_items(void)
{
	uint8_t buf[8];

	set_up();
	/* Selected from the start, as after a reset. */
	read_data(buf, 4);
	CHECK(memcmp(buf, "QEMU", 4) == 0);
	read_item(FW_CFG_ID, buf, 4);
	CHECK(le(buf, 4) == 1);			/* the ports, no DMA */
	read_item(FW_CFG_RAM_SIZE, buf, 8);
	CHECK(le(buf, 8) == UINT64_C(1) << 30);
	read_item(FW_CFG_NOGRAPHIC, buf, 2);
	CHECK(le(buf, 2) == 1);
	read_item(FW_CFG_NB_CPUS, buf, 2);
	CHECK(le(buf, 2) == 2);
	read_item(FW_CFG_MAX_CPUS, buf, 2);
	CHECK(le(buf, 2) == 2);
	fw_cfg_release(&fw);
}

/* Unknown keys, QEMU's architecture keys among them, read as 0. */
static void test_unknown_keys(void)
{
	static const uint16_t keys[] = { 0x0002, 0x000d, 0x000e, 0x0018,
					 0x0025, 0x3fff, 0x8000, 0x8001,
					 0x8003, 0xffff };
	uint8_t buf[16];

	set_up();
	for (unsigned i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		memset(buf, 0xaa, sizeof(buf));
		read_item(keys[i], buf, sizeof(buf));
		CHECK(all_zero(buf, sizeof(buf)));
	}
	/* The write bit does not change the item read. */
	read_item(0x4000 | FW_CFG_SIGNATURE, buf, 4);
	CHECK(memcmp(buf, "QEMU", 4) == 0);
	fw_cfg_release(&fw);
}

static void test_rewind_and_end(void)
{
	uint8_t buf[6];

	set_up();
	read_item(FW_CFG_SIGNATURE, buf, 2);
	CHECK(buf[0] == 'Q' && buf[1] == 'E');
	select_item(FW_CFG_SIGNATURE);		/* back to the first byte */
	read_data(buf, 6);
	CHECK(memcmp(buf, "QEMU\0\0", 6) == 0);	/* then 0 past the end */
	CHECK(data_byte() == 0);

	/* Only a word selects: a byte to the selector is dropped. */
	select_item(FW_CFG_ID);
	buf[0] = FW_CFG_SIGNATURE;
	bus_io(&bus, true, 0x510, 1, 1, buf);
	CHECK(data_byte() == 1);
	/* A byte read at 0x510 is the data register's, as on QEMU. */
	bus_io(&bus, false, 0x510, 1, 1, buf);
	CHECK(buf[0] == 0);
	/* A wider read is none the device knows: 0, and no byte is used. */
	select_item(FW_CFG_SIGNATURE);
	bus_io(&bus, false, 0x511, 2, 1, buf);
	CHECK(buf[0] == 0 && buf[1] == 0);
	CHECK(data_byte() == 'Q');
	fw_cfg_release(&fw);
}

struct expected_file {
	const char *name;
	const uint8_t *data;
	uint32_t size;
};

static const uint8_t e820_bytes[] = {
	0, 0, 0, 0, 0, 0, 0, 0,   0, 0, 0, 0x40, 0, 0, 0, 0,   1, 0, 0, 0,
	0, 0xc0, 0xfb, 0xff, 0, 0, 0, 0,   0, 0x40, 0, 0, 0, 0, 0, 0,
	2, 0, 0, 0,
};

/* Sorted by name, with strcmp: "bootorder" before "etc/..." */
static const struct expected_file expected[] = {
	{ "bootorder", (const uint8_t *)"/pci@i0cf8/*@1\nHALT", 19 },
	{ "etc/boot-fail-wait", (const uint8_t *)"\xff\xff\xff\xff", 4 },
	{ "etc/e820", e820_bytes, sizeof(e820_bytes) },
	{ "etc/sercon-port", (const uint8_t *)"\xf8\x02", 2 },
	{ "etc/show-boot-menu", (const uint8_t *)"\0\0", 2 },
};
#define EXPECTED_FILES (sizeof(expected) / sizeof(expected[0]))

static void check_file(const uint8_t *entry, unsigned index)
{
	const struct expected_file *want = &expected[index];
	uint8_t data[64];

	CHECK(be32(entry) == want->size);
	CHECK(be16(entry + 4) == FW_CFG_FILE_FIRST + index);
	CHECK(be16(entry + 6) == 0);
	CHECK(strcmp((const char *)entry + 8, want->name) == 0);
	CHECK(all_zero(entry + 8 + strlen(want->name),
		       FW_CFG_NAME_SIZE - (unsigned)strlen(want->name)));
	memset(data, 0xaa, sizeof(data));
	read_item(be16(entry + 4), data, want->size + 1);
	CHECK(memcmp(data, want->data, want->size) == 0);
	CHECK(data[want->size] == 0);
}

static void test_directory(void)
{
	uint8_t dir[4 + EXPECTED_FILES * FW_CFG_DIR_ENTRY_SIZE + 4];

	set_up();
	memset(dir, 0xaa, sizeof(dir));
	read_item(FW_CFG_FILE_DIR, dir, sizeof(dir));
	CHECK(be32(dir) == EXPECTED_FILES);
	for (unsigned i = 0; i < EXPECTED_FILES; i++)
		check_file(dir + 4 + i * FW_CFG_DIR_ENTRY_SIZE, i);
	/* The directory ends after its last entry. */
	CHECK(all_zero(dir + sizeof(dir) - 4, 4));
	fw_cfg_release(&fw);
}

/* The device keeps its own copy: the caller's buffer may go. */
static void test_copy_and_refusals(void)
{
	char name[FW_CFG_NAME_SIZE + 1];
	uint8_t bytes[3] = { 1, 2, 3 }, buf[4];

	set_up();
	CHECK(fw_cfg_add_file(&fw, "a", bytes, sizeof(bytes)) == 0);
	bytes[0] = 9;
	read_item(FW_CFG_FILE_FIRST, buf, 4);	/* "a" sorts first */
	CHECK(memcmp(buf, "\1\2\3\0", 4) == 0);
	read_item(FW_CFG_FILE_DIR, buf, 4);
	CHECK(be32(buf) == EXPECTED_FILES + 1);

	fprintf(stderr, "(refusals expected:)\n");
	CHECK(fw_cfg_add_file(&fw, "a", bytes, 1) < 0);
	CHECK(fw_cfg_add_file(&fw, "", bytes, 1) < 0);
	memset(name, 'x', FW_CFG_NAME_SIZE);
	name[FW_CFG_NAME_SIZE] = '\0';
	CHECK(fw_cfg_add_file(&fw, name, bytes, 1) < 0);
	name[FW_CFG_NAME_SIZE - 1] = '\0';	/* 55 bytes fit */
	CHECK(fw_cfg_add_file(&fw, name, bytes, 1) == 0);
	for (unsigned i = EXPECTED_FILES + 2; i < FW_CFG_MAX_FILES; i++) {
		name[0] = (char)('A' + i);
		CHECK(fw_cfg_add_file(&fw, name, NULL, 0) == 0);
	}
	CHECK(fw_cfg_add_file(&fw, "z", bytes, 1) < 0);	/* full */
	read_item(FW_CFG_FILE_DIR, buf, 4);
	CHECK(be32(buf) == FW_CFG_MAX_FILES);

	fw_cfg_release(&fw);
	read_item(FW_CFG_FILE_DIR, buf, 4);
	CHECK(be32(buf) == 0);
	read_item(FW_CFG_FILE_FIRST, buf, 1);
	CHECK(buf[0] == 0);
}

int main(void)
{
	RUN_TEST(test_fixed_items);
	RUN_TEST(test_unknown_keys);
	RUN_TEST(test_rewind_and_end);
	RUN_TEST(test_directory);
	RUN_TEST(test_copy_and_refusals);
	return CHECK_STATUS();
}
