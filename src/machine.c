/* machine.c - the PC minivm emulates: its devices and how they are wired */
#include <config.h>

#include "machine.h"

#include "boot/layout.h"

#include <stdio.h>
#include <time.h>
#include <unistd.h>

/* Says which device holds the ports WHAT (at BASE, LENGTH of them) wants. */
static int taken(const struct bus *bus, const char *what, uint16_t base,
		 uint16_t length)
{
	const struct port_range *owner = bus_overlap(bus, base, length);
	unsigned last;

	if (!owner) {
		fprintf(stderr, "minivm: no room on the bus for the %s\n", what);
		return -1;
	}
	last = owner->base + owner->length - 1u;
	fprintf(stderr, "minivm: %s 0x%x is taken by the %s (port", what, base,
		owner->ops->name);
	if (owner->length == 1)
		fprintf(stderr, " 0x%x); ", owner->base);
	else
		fprintf(stderr, "s 0x%x to 0x%x); ", owner->base, last);
	fprintf(stderr, "choose a port no device uses (see minivm(1))\n");
	return -1;
}

/*
 * An ISA line reaches the PICs and, with local APICs, the I/O APIC's
 * pin of the same number, but the PIT's: IRQ 0 is pin 2, as the MP
 * table says (see boot/mptable.h), and IRQ 2 is only the cascade.
 */
static int ioapic_pin(unsigned line)
{
	if (line == PIC_CASCADE_IRQ)
		return -1;
	return line == 0 ? 2 : (int)line;
}

static void set_isa_irq(void *opaque, unsigned line, bool level)
{
	struct machine *machine = opaque;
	int pin = ioapic_pin(line);

	pic_set_irq(&machine->pic, line, level);
	if (machine->apic && pin >= 0)
		ioapic_set_irq(&machine->ioapic, (unsigned)pin, level);
}

static bool isa_irq_masked(const void *opaque, unsigned line)
{
	const struct machine *machine = opaque;
	int pin = ioapic_pin(line);

	if (!pic_masked(&machine->pic, line))
		return false;
	return !machine->apic || pin < 0 ||
	       ioapic_masked(&machine->ioapic, (unsigned)pin);
}

static struct irq isa_irq(struct machine *machine, unsigned line)
{
	return (struct irq){
		.set = set_isa_irq, .masked = isa_irq_masked,
		.controller = machine, .line = line,
	};
}

/* A pin of the I/O APIC's that no ISA line reaches (local APICs). */
static struct irq ioapic_irq(struct machine *machine, unsigned pin)
{
	return (struct irq){
		.set = ioapic_set_irq, .masked = ioapic_masked,
		.controller = &machine->ioapic, .line = pin,
	};
}

static struct irq serial_irq(struct machine *machine, uint16_t base)
{
	int line = serial_irq_line(base);

	if (line < 0)
		return (struct irq){ .set = NULL };
	return isa_irq(machine, (unsigned)line);
}

/*
 * Without local APICs their windows float.  With them (several CPUs, or
 * --apic), the local APICs are KVM's, and the I/O APIC is minivm's.
 */
static int attach_apics(struct machine *machine)
{
	static const struct msi_sink unconnected = { .deliver = NULL };

	if (!machine->apic)
		return apic_windows_attach(&machine->mmio);
	ioapic_init(&machine->ioapic, &unconnected);
	return ioapic_attach(&machine->ioapic, &machine->mmio);
}

/* The fixed devices cannot clash: their ports are the PC's own. */
static int attach_fixed(struct machine *machine)
{
	pic_init(&machine->pic);
	pit_init(&machine->pit, isa_irq(machine, PIT_IRQ), clock_now);
	reset_init(&machine->reset);
	i8042_init(&machine->i8042, isa_irq(machine, I8042_KEYBOARD_IRQ),
		   isa_irq(machine, I8042_MOUSE_IRQ), &machine->reset);
	rtc_init(&machine->rtc, time);
	pci_host_init(&machine->pci);
	if (pic_attach(&machine->pic, &machine->bus) < 0 ||
	    pit_attach(&machine->pit, &machine->bus, &machine->events) < 0 ||
	    reset_attach(&machine->reset, &machine->bus) < 0 ||
	    i8042_attach(&machine->i8042, &machine->bus) < 0 ||
	    rtc_attach(&machine->rtc, &machine->bus) < 0 ||
	    pci_host_attach(&machine->pci, &machine->bus) < 0 ||
	    attach_apics(machine) < 0) {
		fprintf(stderr, "minivm: the PC's own devices do not fit "
			"on the bus\n");
		return -1;
	}
	return 0;
}

int machine_init(struct machine *machine, uint16_t serial_port,
		 int32_t exit_port, unsigned cpus, bool apic)
{
	machine->cpus = cpus;
	machine->apic = apic;
	bus_init(&machine->bus);
	mmio_init(&machine->mmio);
	events_init(&machine->events);
	machine->ram = (struct guest_memory){ .count = 0 };
	machine->disk_count = 0;
	machine->has_fw_cfg = false;
	if (attach_fixed(machine) < 0)
		return -1;
	serial_init(&machine->serial, stdout, STDIN_FILENO,
		    serial_irq(machine, serial_port));
	if (serial_attach(&machine->serial, &machine->bus, &machine->events,
			  serial_port) < 0)
		return taken(&machine->bus, "serial port", serial_port,
			     SERIAL_PORTS);
	debug_exit_init(&machine->debug_exit);
	if (exit_port >= 0 &&
	    debug_exit_attach(&machine->debug_exit, &machine->bus,
			      (uint16_t)exit_port) < 0)
		return taken(&machine->bus, "exit port", (uint16_t)exit_port,
			     1);
	return 0;
}

/*
 * Ports 0x2000 + N drive ISA line N, as the devices' own lines go (to
 * the PICs, and with local APICs the I/O APIC too), and with local
 * APICs N from 16 the I/O APIC's pin N, which no ISA line reaches.
 */
int machine_add_testdev(struct machine *machine)
{
	struct irq lines[TESTDEV_IRQS] = { { .set = NULL } };

	for (unsigned line = 0; line < TESTDEV_IRQS; line++) {
		if (line < PIC_IRQS)
			lines[line] = isa_irq(machine, line);
		else if (machine->apic)
			lines[line] = ioapic_irq(machine, line);
	}
	testdev_init(&machine->testdev, lines);
	if (testdev_attach(&machine->testdev, &machine->bus) == 0)
		return 0;
	if (bus_overlap(&machine->bus, TESTDEV_IRQ_PORT, TESTDEV_IRQS))
		return taken(&machine->bus, "test device", TESTDEV_IRQ_PORT,
			     TESTDEV_IRQS);
	return taken(&machine->bus, "test device", TESTDEV_PORT,
		     TESTDEV_PORTS);
}

/*
 * Each disk its own interrupt line, free on a PC without IDE, and its
 * I/O window where firmware would put it, above the ISA ports.
 */
static const uint8_t disk_lines[MACHINE_MAX_DISKS] = { 10, 11, 5, 9 };
#define DISK_IO_BASE 0xc000

int machine_add_disk(struct machine *machine, const char *path,
		     bool read_only)
{
	unsigned n = machine->disk_count;
	struct virtio_blk *image = &machine->disk_images[n];
	struct virtio_pci *disk = &machine->disks[n];
	int slot;

	if (n == MACHINE_MAX_DISKS) {
		fprintf(stderr, "minivm: disk '%s': no room for a fifth disk\n",
			path);
		return -1;
	}
	if (virtio_blk_open(image, path, read_only) < 0)
		return -1;
	machine->disk_count++;
	virtio_pci_init(disk, path, image, &machine->ram, &machine->bus,
			isa_irq(machine, disk_lines[n]), disk_lines[n],
			(uint16_t)(DISK_IO_BASE + n * VIRTIO_PCI_IO_SIZE));
	slot = pci_host_plug(&machine->pci, &disk->pci);
	if (slot < 0) {
		fprintf(stderr, "minivm: disk '%s': no free PCI slot\n", path);
		return -1;
	}
	machine->disk_slots[n] = (uint8_t)slot;
	return 0;
}

/* fw_cfg's memory map: the RAM below the 32-bit hole, and above. */
static int add_e820(struct fw_cfg *fw, uint64_t memory)
{
	struct fw_cfg_e820 map[2] = {
		{ 0, ram_below_hole(memory), FW_CFG_E820_RAM },
		{ RAM_HOLE_END, ram_above_hole(memory), FW_CFG_E820_RAM },
	};

	return fw_cfg_add_e820(fw, map, map[1].length ? 2 : 1);
}

int machine_add_fw_cfg(struct machine *machine, uint64_t memory)
{
	struct fw_cfg *fw = &machine->fw_cfg;

	fw_cfg_init(fw, memory, (uint16_t)machine->cpus, true);
	machine->has_fw_cfg = true;
	if (add_e820(fw, memory) < 0)
		return -1;
	if (fw_cfg_attach(fw, &machine->bus) < 0)
		return taken(&machine->bus, "firmware configuration",
			     FW_CFG_PORT, FW_CFG_PORTS);
	return 0;
}

/*
 * No boot menu, and no minute's wait when nothing boots: SeaBIOS then
 * resets the machine at once, which ends the run.
 */
int machine_add_firmware(struct machine *machine, const uint8_t *rom,
			 uint64_t rom_size, uint64_t memory,
			 uint16_t serial_port, FILE *log)
{
	struct fw_cfg *fw = &machine->fw_cfg;

	rom_init(&machine->rom, rom, rom_size);
	if (rom_attach(&machine->rom, &machine->mmio) < 0) {
		fprintf(stderr, "minivm: no room for the firmware ROM\n");
		return -1;
	}

	rtc_set_memory(&machine->rtc, ram_below_hole(memory),
		       ram_above_hole(memory));
	rtc_set_boot_order(&machine->rtc, RTC_BOOT_DISK, RTC_BOOT_NONE,
			   RTC_BOOT_NONE);
	if (machine_add_fw_cfg(machine, memory) < 0 ||
	    fw_cfg_add_sercon_port(fw, serial_port) < 0 ||
	    fw_cfg_add_show_boot_menu(fw, 0) < 0 ||
	    fw_cfg_add_boot_fail_wait(fw, 0) < 0)
		return -1;
	debug_console_init(&machine->firmware_log, log);
	if (debug_console_attach(&machine->firmware_log, &machine->bus,
				 DEBUG_CONSOLE_PORT) < 0)
		return taken(&machine->bus, "firmware's debug console",
			     DEBUG_CONSOLE_PORT, 1);
	return 0;
}

void machine_release(struct machine *machine)
{
	if (machine->has_fw_cfg)
		fw_cfg_release(&machine->fw_cfg);
	machine->has_fw_cfg = false;
	for (unsigned i = 0; i < machine->disk_count; i++)
		virtio_blk_close(&machine->disk_images[i]);
	machine->disk_count = 0;
}

int machine_idle(struct machine *machine)
{
	return serial_flush(&machine->serial);
}

void machine_connect_apics(struct machine *machine,
			   const struct msi_sink *sink)
{
	machine->ioapic.sink = *sink;
}

/*
 * The CPU the MP table names is a family 6 processor with an FPU and
 * an APIC: Linux reads the IDs and flags, not the signature.
 */
#define MP_CPU_SIGNATURE 0x600
#define MP_CPU_FEATURES ((1u << 0) | (1u << 9))

void machine_describe(const struct machine *machine,
		      struct mptable_machine *description)
{
	*description = (struct mptable_machine){
		.cpus = machine->cpus,
		.cpu_signature = MP_CPU_SIGNATURE,
		.cpu_features = MP_CPU_FEATURES,
		.local_apic_address = LOCAL_APIC_WINDOW,
		.ioapic_id = IOAPIC_ID,
		.ioapic_address = IOAPIC_ADDRESS,
		.pci_irq_count = machine->disk_count,
	};
	for (unsigned i = 0; i < machine->disk_count; i++)
		description->pci_irqs[i] = (struct mptable_pci_irq){
			.device = machine->disk_slots[i],
			.pin = 1,
			.ioapic_pin = disk_lines[i],
		};
}

int machine_port_io(struct machine *machine, bool out, uint16_t port,
		    unsigned size, unsigned count, uint8_t *data)
{
	return bus_io(&machine->bus, out, port, size, count, data);
}

int machine_mmio(struct machine *machine, bool write, uint64_t address,
		 unsigned size, uint8_t *data)
{
	return mmio_access(&machine->mmio, write, address, size, data);
}

bool machine_interrupt_pending(const struct machine *machine)
{
	return pic_pending(&machine->pic);
}

uint8_t machine_acknowledge_interrupt(struct machine *machine)
{
	return pic_acknowledge(&machine->pic);
}

bool machine_apics_failed(const struct machine *machine)
{
	return machine->apic && machine->ioapic.error;
}

void machine_end_of_interrupt(struct machine *machine, uint8_t vector)
{
	if (machine->apic)
		ioapic_eoi(&machine->ioapic, vector);
}
