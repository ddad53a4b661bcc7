/*
 * fw-cfg.h - QEMU's firmware configuration device (fw_cfg), through its
 * traditional port interface: how SeaBIOS learns the machine it runs on
 */
#ifndef MINIVM_FW_CFG_H
#define MINIVM_FW_CFG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "bus.h"

#define FW_CFG_PORT 0x510	/* the selector; 0x511 is the data */
#define FW_CFG_PORTS 2

/* The items at fixed keys, as QEMU numbers them. */
#define FW_CFG_SIGNATURE 0x0000	/* "QEMU" */
#define FW_CFG_ID 0x0001	/* le32: the interfaces the device has */
#define FW_CFG_RAM_SIZE 0x0003	/* le64: --memory's bytes */
#define FW_CFG_NOGRAPHIC 0x0004	/* le16: 1, no display */
#define FW_CFG_NB_CPUS 0x0005	/* le16 */
#define FW_CFG_MAX_CPUS 0x000f	/* le16 */
#define FW_CFG_FILE_DIR 0x0019	/* the directory of the files */
#define FW_CFG_FILE_FIRST 0x0020	/* the first file's key */

#define FW_CFG_MAX_FILES 32
#define FW_CFG_NAME_SIZE 56	/* a file's name, with its NUL */
#define FW_CFG_DIR_ENTRY_SIZE (4 + 2 + 2 + FW_CFG_NAME_SIZE)

/* The types of "etc/e820" entries firmware knows. */
#define FW_CFG_E820_RAM 1
#define FW_CFG_E820_RESERVED 2

struct fw_cfg_e820 {
	uint64_t address;
	uint64_t length;
	uint32_t type;
};

struct fw_cfg_file {
	char name[FW_CFG_NAME_SIZE];
	uint8_t *data;		/* the device's own copy, from malloc */
	uint32_t size;
};

struct fw_cfg {
	uint16_t key;		/* the item selected */
	uint32_t offset;	/* the byte of it the next read returns */
	uint8_t ram_size[8];
	uint8_t nographic[2];
	uint8_t nb_cpus[2];
	uint8_t max_cpus[2];
	struct fw_cfg_file files[FW_CFG_MAX_FILES];	/* sorted by name */
	unsigned file_count;
	/* The file directory, as the guest reads it: kept up to date. */
	uint8_t directory[4 + FW_CFG_MAX_FILES * FW_CFG_DIR_ENTRY_SIZE];
};

/*
 * A device with no files, for a guest with RAM_SIZE bytes of RAM and
 * CPUS processors (all present, none to hot-plug).  NOGRAPHIC says there
 * is no display: SeaBIOS then puts its console on COM1 unless told
 * another port with fw_cfg_add_sercon_port.
 */
void fw_cfg_init(struct fw_cfg *fw, uint64_t ram_size, uint16_t cpus,
		 bool nographic);
/* Registers ports 0x510 and 0x511; -1 if either is taken. */
int fw_cfg_attach(struct fw_cfg *fw, struct bus *bus);
/* Frees the files' copies; the device has no files after it. */
void fw_cfg_release(struct fw_cfg *fw);

/*
 * Adds the file NAME holding the SIZE bytes at DATA, which the device
 * copies: the caller keeps DATA, and may free it at once.  The files
 * are kept sorted by name, as QEMU does, and take keys from 0x20 in
 * that order, so a file added later may move others' keys: the guest
 * must look them up in the directory, as firmware does.  Refused, with
 * one line on stderr and -1, if NAME is empty, too long (55 bytes at
 * most) or taken, if there are FW_CFG_MAX_FILES already, or if there
 * is no memory for the copy.
 */
int fw_cfg_add_file(struct fw_cfg *fw, const char *name, const void *data,
		    size_t size);

/*
 * "etc/e820": the memory map, COUNT entries of le64 address, le64
 * length and le32 type.  SeaBIOS takes its RAM size from the RAM
 * entries below 4 GiB and above, and the reserved ones as they are;
 * it reserves the ROM area from 640 KiB to 1 MiB itself.
 */
int fw_cfg_add_e820(struct fw_cfg *fw, const struct fw_cfg_e820 *entries,
		    unsigned count);
/*
 * "bootorder": TEXT, one OpenFirmware device path a line, the device
 * to try first first, such as "/pci@i0cf8/scsi@1/disk@0,0", as QEMU
 * names a virtio disk in PCI slot 1 (SeaBIOS matches the slot, not the
 * name); a line "HALT" stops SeaBIOS from trying any device not
 * listed.  Empty: no preference, the CMOS's boot order rules.
 */
int fw_cfg_add_bootorder(struct fw_cfg *fw, const char *text);
/* "etc/sercon-port", le16: SeaBIOS's text console on the UART at PORT. */
int fw_cfg_add_sercon_port(struct fw_cfg *fw, uint16_t port);
/*
 * "etc/show-boot-menu", le16: 0 boots at once, 1 offers the menu (ESC)
 * first, 2 offers it only when there is more than one boot device.
 */
int fw_cfg_add_show_boot_menu(struct fw_cfg *fw, uint16_t menu);
/*
 * "etc/boot-fail-wait", le32: how many milliseconds SeaBIOS waits when
 * no device boots before it resets the machine; FW_CFG_WAIT_FOREVER
 * never resets (without the file, it waits a minute).
 */
#define FW_CFG_WAIT_FOREVER UINT32_MAX
int fw_cfg_add_boot_fail_wait(struct fw_cfg *fw, uint32_t milliseconds);

#endif
