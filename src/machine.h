/* machine.h - the PC minivm emulates: its devices and how they are wired */
#ifndef MINIVM_MACHINE_H
#define MINIVM_MACHINE_H

#include <stdbool.h>
#include <stdint.h>

#include "boot/mptable.h"
#include "bus.h"
#include "memory.h"
#include "mmio.h"
#include "events.h"
#include "devices/apic-window.h"
#include "devices/debug-console.h"
#include "devices/debug-exit.h"
#include "devices/fw-cfg.h"
#include "devices/i8042.h"
#include "devices/ioapic.h"
#include "devices/pci-host.h"
#include "devices/pic.h"
#include "devices/pit.h"
#include "devices/reset.h"
#include "devices/rom.h"
#include "devices/rtc.h"
#include "devices/serial.h"
#include "devices/testdev.h"
#include "virtio/blk.h"
#include "virtio/virtio-pci.h"

#define MACHINE_MAX_DISKS 4

struct machine {
	struct bus bus;
	struct mmio_bus mmio;
	struct events events;
	struct pic pic;
	/*
	 * With local APICs (several CPUs, or --apic), the I/O APIC too:
	 * each ISA line goes to both, as on a PC, and the PCI lines are
	 * level-triggered on the I/O APIC.  Without, the PICs alone.
	 */
	struct ioapic ioapic;
	bool apic;
	unsigned cpus;
	struct pit pit;
	struct reset reset;
	struct i8042 i8042;
	struct rtc rtc;
	struct serial serial;
	struct debug_exit debug_exit;
	struct pci_host pci;
	struct testdev testdev;	/* only with --testdev */
	/* Guest RAM, for the devices that read and write it (the disks). */
	struct guest_memory ram;
	/* For firmware and multiboot kernels: how they learn the machine. */
	struct fw_cfg fw_cfg;
	bool has_fw_cfg;
	/* Only with firmware: its ROM and its log. */
	struct debug_console firmware_log;
	struct rom rom;
	struct virtio_blk disk_images[MACHINE_MAX_DISKS];
	struct virtio_pci disks[MACHINE_MAX_DISKS];
	uint8_t disk_slots[MACHINE_MAX_DISKS];	/* each one's PCI device */
	unsigned disk_count;
};

/*
 * Wires up the PC's fixed devices for CPUS processors, with the I/O
 * APIC if APIC (the CPUs have local APICs), then the serial
 * port at SERIAL_PORT (on standard output and input) and the exit port
 * at EXIT_PORT (-1 for none).  A port the user chose that another
 * device holds is refused with one line on stderr, and -1.
 */
int machine_init(struct machine *machine, uint16_t serial_port,
		 int32_t exit_port, unsigned cpus, bool apic);
/*
 * With local APICs: the I/O APIC's messages go to SINK, the VM's local
 * APICs, once the VM exists.
 */
void machine_connect_apics(struct machine *machine,
			   const struct msi_sink *sink);
/*
 * What the MP table says of the machine: its CPUs, and where its
 * interrupts go (see boot/mptable.h).
 */
void machine_describe(const struct machine *machine,
		      struct mptable_machine *description);
/*
 * Adds QEMU's pc-testdev, which is no part of a PC, to a machine that
 * machine_init wired up.  Refused as machine_init refuses a port.
 */
int machine_add_testdev(struct machine *machine);
/*
 * Adds the raw disk image at PATH as a virtio block device on PCI (see
 * virtio/blk.h for what is refused, with one line on stderr, and -1).
 * The disks read and write guest memory as machine->ram says, which the
 * VM fills in before the guest runs.
 */
int machine_add_disk(struct machine *machine, const char *path,
		     bool read_only);
/*
 * QEMU's fw_cfg, at ports 0x510 and 0x511: the size of the MEMORY bytes
 * of RAM, its map, and the number of CPUs, which firmware and the
 * KVM project's unit tests read.  Returns -1 with one line on stderr
 * if it cannot.
 */
int machine_add_fw_cfg(struct machine *machine, uint64_t memory);
/*
 * Readies the machine for firmware (see boot/firmware.h), a PC BIOS
 * such as SeaBIOS, whose ROM is the ROM_SIZE bytes at ROM (the caller
 * keeps them), with MEMORY bytes of RAM: the CMOS says how much
 * and that the disk boots first, fw_cfg tells the rest as QEMU does
 * (the memory map, the serial console at SERIAL_PORT, no boot menu),
 * and the firmware's debug log (port 0x402) goes to LOG, or nowhere if
 * LOG is NULL.  Returns -1 with one line on stderr if it cannot.
 */
int machine_add_firmware(struct machine *machine, const uint8_t *rom,
			 uint64_t rom_size, uint64_t memory,
			 uint16_t serial_port, FILE *log);
/* Closes what the machine opened: the disk images. */
void machine_release(struct machine *machine);
/*
 * The guest waits for an interrupt: what the devices hold back for the
 * host (the serial port's buffered output) goes out now, as the guest
 * may wait for an answer to it.  Returns -1 if it cannot (see the
 * serial port's output_error).
 */
int machine_idle(struct machine *machine);

/*
 * What the vCPUs' run loops ask of the machine.  An access to the ports
 * (as bus_io) or to memory that is not RAM (as mmio_access):
 */
int machine_port_io(struct machine *machine, bool out, uint16_t port,
		    unsigned size, unsigned count, uint8_t *data);
int machine_mmio(struct machine *machine, bool write, uint64_t address,
		 unsigned size, uint8_t *data);
/* Whether the PICs ask
 * the boot CPU for an interrupt, and its acknowledge cycle (see pic.h):
 */
bool machine_interrupt_pending(const struct machine *machine);
uint8_t machine_acknowledge_interrupt(struct machine *machine);
/* Whether KVM failed to take an I/O APIC message (see ioapic.h). */
bool machine_apics_failed(const struct machine *machine);
/* A local APIC's EOI of VECTOR, for the I/O APIC (see ioapic.h). */
void machine_end_of_interrupt(struct machine *machine, uint8_t vector);

#endif
