/*
 * fw-cfg.c - QEMU's firmware configuration device (fw_cfg), through its
 * traditional port interface: a 16-bit write to the selector picks an
 * item and rewinds it, and each byte read from the data port is the
 * item's next, then 0 past its end
 */
#include <config.h>

#include "devices/fw-cfg.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "boot/bytes.h"

/*
 * The ID: bit 0 for the port interface, and bit 1, the DMA interface,
 * left clear.  SeaBIOS then reads every item through the data port,
 * which is all this device has.
 */
#define ID_TRADITIONAL 0x01

/*
 * As QEMU, the key's top two bits do not name the item: bit 14 asks
 * for writes (which QEMU dropped long ago, and so does this device),
 * bit 15 selects the architecture's own items, of which there are
 * none here, so that SeaBIOS finds no ACPI tables, SMBIOS entries or
 * e820 reservations there: it reads a count of 0.
 */
#define KEY_WRITE 0x4000
#define KEY_ARCH 0x8000

static const uint8_t signature[4] = { 'Q', 'E', 'M', 'U' };

/* The directory: be32 count, then be32 size, be16 key, be16 0, name. */
static void put_be16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

static void put_be32(uint8_t *p, uint32_t v)
{
	put_be16(p, (uint16_t)(v >> 16));
	put_be16(p + 2, (uint16_t)v);
}

static void build_directory(struct fw_cfg *fw)
{
	memset(fw->directory, 0, sizeof(fw->directory));
	put_be32(fw->directory, fw->file_count);
	for (unsigned i = 0; i < fw->file_count; i++) {
		uint8_t *entry = fw->directory + 4 + i * FW_CFG_DIR_ENTRY_SIZE;

		put_be32(entry, fw->files[i].size);
		put_be16(entry + 4, (uint16_t)(FW_CFG_FILE_FIRST + i));
		memcpy(entry + 8, fw->files[i].name, FW_CFG_NAME_SIZE);
	}
}

void fw_cfg_init(struct fw_cfg *fw, uint64_t ram_size, uint16_t cpus,
		 bool nographic)
{
	*fw = (struct fw_cfg){ .key = FW_CFG_SIGNATURE };
	put64(fw->ram_size, ram_size);
	put16(fw->nographic, nographic);
	put16(fw->nb_cpus, cpus);
	put16(fw->max_cpus, cpus);
	build_directory(fw);
}

void fw_cfg_release(struct fw_cfg *fw)
{
	for (unsigned i = 0; i < fw->file_count; i++)
		free(fw->files[i].data);
	fw->file_count = 0;
	build_directory(fw);
}

/* The bytes of the item at KEY, and their number; NULL if none. */
static const uint8_t *item(const struct fw_cfg *fw, uint16_t key,
			   uint32_t *size)
{
	static const uint8_t id[4] = { ID_TRADITIONAL };

	if (key & KEY_ARCH)
		return NULL;
	key &= (uint16_t)~KEY_WRITE;
	if (key >= FW_CFG_FILE_FIRST) {
		unsigned index = key - FW_CFG_FILE_FIRST;

		if (index >= fw->file_count)
			return NULL;
		*size = fw->files[index].size;
		return fw->files[index].data;
	}
	switch (key) {
	case FW_CFG_SIGNATURE:
		*size = sizeof(signature);
		return signature;
	case FW_CFG_ID:
		*size = sizeof(id);
		return id;
	case FW_CFG_RAM_SIZE:
		*size = sizeof(fw->ram_size);
		return fw->ram_size;
	case FW_CFG_NOGRAPHIC:
		*size = sizeof(fw->nographic);
		return fw->nographic;
	case FW_CFG_NB_CPUS:
		*size = sizeof(fw->nb_cpus);
		return fw->nb_cpus;
	case FW_CFG_MAX_CPUS:
		*size = sizeof(fw->max_cpus);
		return fw->max_cpus;
	case FW_CFG_FILE_DIR:
		*size = 4 + fw->file_count * FW_CFG_DIR_ENTRY_SIZE;
		return fw->directory;
	default:
		return NULL;
	}
}

/*
 * As on QEMU, a byte read at either port is the data register's (the
 * selector is write-only), and the selector takes a 16-bit write at
 * either: the data register overlaps its high half.  A wider read is
 * no access the device knows, and reads 0 without moving on.
 */
static uint32_t fw_cfg_read(void *device, uint16_t offset, unsigned size)
{
	struct fw_cfg *fw = device;
	const uint8_t *data;
	uint32_t length = 0;

	(void)offset;
	if (size != 1)
		return 0;
	data = item(fw, fw->key, &length);
	if (!data || fw->offset >= length)
		return 0;
	return data[fw->offset++];
}

static int fw_cfg_write(void *device, uint16_t offset, unsigned size,
			uint32_t value)
{
	struct fw_cfg *fw = device;

	(void)offset;
	if (size == 2) {
		fw->key = (uint16_t)value;
		fw->offset = 0;
	}
	return 0;
}

static const struct port_ops fw_cfg_ops = {
	.name = "firmware configuration",
	.read = fw_cfg_read,
	.write = fw_cfg_write,
};

int fw_cfg_attach(struct fw_cfg *fw, struct bus *bus)
{
	return bus_register(bus, FW_CFG_PORT, FW_CFG_PORTS, &fw_cfg_ops, fw);
}

static int refuse(const char *name, const char *why)
{
	fprintf(stderr, "minivm: firmware file '%s': %s\n", name, why);
	return -1;
}

/* Where NAME goes to keep the files sorted; -1 if it is there already. */
static int insertion_point(const struct fw_cfg *fw, const char *name)
{
	unsigned i;

	for (i = 0; i < fw->file_count; i++) {
		int order = strcmp(name, fw->files[i].name);

		if (order == 0)
			return -1;
		if (order < 0)
			break;
	}
	return (int)i;
}

int fw_cfg_add_file(struct fw_cfg *fw, const char *name, const void *data,
		    size_t size)
{
	struct fw_cfg_file file = { .size = (uint32_t)size };
	int at;

	if (!*name || strlen(name) >= FW_CFG_NAME_SIZE)
		return refuse(name, "the name must have 1 to 55 bytes");
	if (fw->file_count == FW_CFG_MAX_FILES)
		return refuse(name, "no room for more files");
	if ((uint64_t)size > UINT32_MAX)
		return refuse(name, "larger than 4 GiB");
	at = insertion_point(fw, name);
	if (at < 0)
		return refuse(name, "added twice");
	/* One byte at least, so that an empty file has data, as others. */
	file.data = malloc(size ? size : 1);
	if (!file.data)
		return refuse(name, "out of memory");
	if (size)
		memcpy(file.data, data, size);
	strcpy(file.name, name);
	memmove(&fw->files[at + 1], &fw->files[at],
		(fw->file_count - (unsigned)at) * sizeof(fw->files[0]));
	fw->files[at] = file;
	fw->file_count++;
	build_directory(fw);
	return 0;
}

#define E820_ENTRY_SIZE 20	/* le64 address, le64 length, le32 type */
#define MAX_E820_ENTRIES 32

int fw_cfg_add_e820(struct fw_cfg *fw, const struct fw_cfg_e820 *entries,
		    unsigned count)
{
	uint8_t table[MAX_E820_ENTRIES * E820_ENTRY_SIZE];

	if (count > MAX_E820_ENTRIES)
		return refuse("etc/e820", "too many entries");
	for (unsigned i = 0; i < count; i++) {
		uint8_t *p = table + i * E820_ENTRY_SIZE;

		put64(p, entries[i].address);
		put64(p + 8, entries[i].length);
		put32(p + 16, entries[i].type);
	}
	return fw_cfg_add_file(fw, "etc/e820", table,
			       count * E820_ENTRY_SIZE);
}

/* SeaBIOS reads a file's bytes up to its size, with no NUL needed. */
int fw_cfg_add_bootorder(struct fw_cfg *fw, const char *text)
{
	return fw_cfg_add_file(fw, "bootorder", text, strlen(text));
}

static int add_le16(struct fw_cfg *fw, const char *name, uint16_t value)
{
	uint8_t bytes[2];

	put16(bytes, value);
	return fw_cfg_add_file(fw, name, bytes, sizeof(bytes));
}

int fw_cfg_add_sercon_port(struct fw_cfg *fw, uint16_t port)
{
	return add_le16(fw, "etc/sercon-port", port);
}

int fw_cfg_add_show_boot_menu(struct fw_cfg *fw, uint16_t menu)
{
	return add_le16(fw, "etc/show-boot-menu", menu);
}

int fw_cfg_add_boot_fail_wait(struct fw_cfg *fw, uint32_t milliseconds)
{
	uint8_t bytes[4];

	put32(bytes, milliseconds);
	return fw_cfg_add_file(fw, "etc/boot-fail-wait", bytes, sizeof(bytes));
}
