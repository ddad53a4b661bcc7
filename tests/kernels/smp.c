/*
 * smp.c - a multiboot test kernel of several CPUs: finds them in the MP
 * table, starts each AP with INIT and STARTUP IPIs, and prints on COM1
 * which came up; then does what its command line says, so that a test
 * can see how minivm ends a run of several CPUs:
 *
 *	halt		every CPU halts with interrupts off (the default)
 *	exit-from=K	CPU K writes 0x11 to the exit port 0xf4
 *	crash-on=K	CPU K triple-faults
 *	spin		every CPU spins for ever
 *	ioapic=K	the PIT's ticks, through the I/O APIC, go to CPU K,
 *			which counts 10 of them; then every CPU halts
 *	fw-cfg		the boot CPU prints what fw_cfg says (its signature,
 *			the CPUs, the RAM), then every CPU halts
 *	testdev=P	the I/O APIC's pin P goes to the boot CPU, which
 *			raises and lowers it through QEMU's pc-testdev (port
 *			0x2000 + P) and counts its interrupts; then every
 *			CPU halts
 *
 * The other CPUs spin with interrupts on meanwhile.  K is a local APIC
 * ID, which minivm makes the vCPU's index.  The assembly is in
 * smp-start.S.
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>

#include "com1.h"		/* COM1, inb and outb */

#define MAGIC 0x1badb002u
#define BOOTED 0x2badb002u
#define FLAGS 0x00000003u	/* page-aligned modules; memory sizes */
#define INFO_CMDLINE (1u << 2)

#define EXIT_PORT 0xf4
#define EXIT_VALUE 0x11

#define CPUS_MAX 64		/* as smp-start.S's */
#define AP_STACK_SIZE 4096	/* as smp-start.S's */
#define TRAMPOLINE 0x8000	/* free low memory: the STARTUP vector's page */

/*
 * Bounds on every wait, in pause loops: long enough for any CPU that
 * runs at all, short enough that a CPU that never comes is seen.
 */
#define WAIT_SPINS 100000000u
#define IPI_DELAY_SPINS 10000u	/* KVM needs none; a PC would */

/* The MP table (Intel MultiProcessor Specification 1.4). */
#define MP_SCAN_START 0xf0000u
#define MP_SCAN_END 0x100000u
#define MP_PROCESSOR 0
#define MP_IOAPIC 2
#define MP_PROCESSOR_SIZE 20
#define MP_ENTRY_SIZE 8
#define MP_CPU_ENABLED 0x01
#define MP_CPU_BOOTSTRAP 0x02

/* The local APIC's registers, and the bits of theirs used here. */
#define LAPIC_DEFAULT 0xfee00000u
#define LAPIC_ID 0x20
#define LAPIC_EOI 0xb0
#define LAPIC_SVR 0xf0
#define LAPIC_ICR_LOW 0x300
#define LAPIC_ICR_HIGH 0x310
#define SVR_ENABLE 0x100
#define ICR_PENDING (1u << 12)
#define ICR_ASSERT (1u << 14)
#define ICR_INIT 0x500
#define ICR_STARTUP 0x600

/* The I/O APIC's: a window (IOWIN) on the register IOREGSEL picks. */
#define IOAPIC_DEFAULT 0xfec00000u
#define IOREGSEL 0x00
#define IOWIN 0x10
#define IOAPIC_REDIRECTION 0x10	/* pin P's entry: 2 registers from 0x10 + 2P */
#define ENTRY_MASKED (1u << 16)
#define PIT_PIN 2		/* ISA IRQ 0, as the MP table says */

/* The PIT at about 100 Hz: channel 0, low then high byte, mode 2. */
#define PIT_COMMAND 0x43
#define PIT_CHANNEL0 0x40
#define PIT_RATE_GENERATOR 0x34
#define PIT_DIVISOR 11932
/* QEMU's fw_cfg: a selector port and a data port, and three keys. */
#define FW_CFG_SELECTOR 0x510
#define FW_CFG_DATA 0x511
#define FW_CFG_SIGNATURE 0x00
#define FW_CFG_RAM_SIZE 0x03
#define FW_CFG_NB_CPUS 0x05

#define PIC_MASTER_DATA 0x21
#define PIC_SLAVE_DATA 0xa1

#define EXCEPTIONS 32
#define TICK_VECTOR 0x30
#define TESTDEV_VECTOR 0x31
#define TESTDEV_IRQ_PORT 0x2000
#define IOAPIC_PINS 24
#define SPURIOUS_VECTOR 0xff
#define TICKS 10

struct header {
	uint32_t magic, flags, checksum;
};

struct info {
	uint32_t flags, mem_lower, mem_upper, boot_device, cmdline;
};

struct __attribute__((packed)) mp_floating {
	char signature[4];
	uint32_t table;
	uint8_t length, revision, checksum, features[5];
};

struct __attribute__((packed)) mp_header {
	char signature[4];
	uint16_t length;
	uint8_t revision, checksum;
	char oem[8], product[12];
	uint32_t oem_table;
	uint16_t oem_table_size, entries;
	uint32_t local_apic;
	uint16_t extended_length;
	uint8_t extended_checksum, reserved;
};

struct __attribute__((packed)) gate {
	uint16_t offset_low, selector;
	uint8_t zero, type;
	uint16_t offset_high;
};

struct __attribute__((packed)) table_pointer {
	uint16_t limit;
	uint32_t base;
};

enum command { HALT, EXIT, CRASH, SPIN, IOAPIC, FW_CFG, TESTDEV };

__attribute__((section(".multiboot"), used))
static const struct header header = {
	.magic = MAGIC,
	.flags = FLAGS,
	.checksum = -(MAGIC + FLAGS),
};

/* smp-start.S's, and what it uses of ours. */
extern const char trampoline_start[], trampoline_end[], isr_stubs[];
void halt_forever(void) __attribute__((noreturn));
volatile uint32_t lapic_base = LAPIC_DEFAULT;
uint8_t ap_stacks[CPUS_MAX][AP_STACK_SIZE] __attribute__((aligned(16)));

static uint32_t ioapic_base = IOAPIC_DEFAULT;
static uint8_t ap_ids[CPUS_MAX];
static unsigned ap_count;
static bool have_apics;
static enum command command;
static unsigned target;
static struct gate idt[256];

/* What the CPUs tell each other: set with atomics, read as they change. */
static volatile int print_lock;
static volatile unsigned cpus_up;	/* APs */
static volatile unsigned parked;	/* APs */
static volatile bool go;
static volatile bool done;
static volatile uint32_t ticks[CPUS_MAX];
static volatile uint32_t testdev_hits;

static inline void outw(uint16_t port, uint16_t value)
{
	__asm__ volatile("outw %0, %1" : : "a"(value), "Nd"(port));
}

static inline void pause(void)
{
	__asm__ volatile("pause" ::: "memory");
}

static uint32_t lapic_read(uint32_t reg)
{
	return *(volatile uint32_t *)(lapic_base + reg);
}

static void lapic_write(uint32_t reg, uint32_t value)
{
	*(volatile uint32_t *)(lapic_base + reg) = value;
}

static void ioapic_write(uint32_t reg, uint32_t value)
{
	*(volatile uint32_t *)(ioapic_base + IOREGSEL) = reg;
	*(volatile uint32_t *)(ioapic_base + IOWIN) = value;
}

/* Without local APICs there is one CPU, the boot CPU, called 0. */
static unsigned cpu_id(void)
{
	return have_apics ? lapic_read(LAPIC_ID) >> 24 : 0;
}

static void putc_com1(char c)
{
	outb(COM1, (uint8_t)c);
}

static void put_number(uint32_t n, unsigned base)
{
	char digits[12];
	int i = 0;

	do {
		digits[i++] = "0123456789abcdef"[n % base];
		n /= base;
	} while (n);
	while (i)
		putc_com1(digits[--i]);
}

/*
 * A line from several CPUs must come out whole: each takes the lock
 * for all of it.  The format knows %u, %x and %s.
 */
static void say(const char *format, ...)
{
	va_list args;

	while (__atomic_exchange_n(&print_lock, 1, __ATOMIC_ACQUIRE))
		pause();
	va_start(args, format);
	for (const char *p = format; *p; p++) {
		if (*p != '%' || !p[1]) {
			putc_com1(*p);
			continue;
		}
		switch (*++p) {
		case 'u':
			put_number(va_arg(args, uint32_t), 10);
			break;
		case 'x':
			put_number(va_arg(args, uint32_t), 16);
			break;
		case 's':
			for (const char *s = va_arg(args, const char *); *s; s++)
				putc_com1(*s);
			break;
		default:
			putc_com1(*p);
		}
	}
	va_end(args);
	__atomic_store_n(&print_lock, 0, __ATOMIC_RELEASE);
}

/* Waits until *COUNTER reaches N, or gives up; whether it did. */
static bool wait_for(volatile unsigned *counter, unsigned n)
{
	for (uint32_t i = 0; i < WAIT_SPINS; i++) {
		if (__atomic_load_n(counter, __ATOMIC_ACQUIRE) >= n)
			return true;
		pause();
	}
	return false;
}

static void delay(uint32_t spins)
{
	while (spins--)
		pause();
}

static void spin_forever(void) __attribute__((noreturn));
static void spin_forever(void)
{
	__asm__ volatile("sti");
	for (;;)
		pause();
}

/* An AP is done: the boot CPU counts it before halting last. */
static void park(void) __attribute__((noreturn));
static void park(void)
{
	__asm__ volatile("cli");
	__atomic_fetch_add(&parked, 1, __ATOMIC_RELEASE);
	halt_forever();
}

/*
 * A zero-limit IDT makes int3 a #GP, which cannot be delivered either:
 * a double fault, which cannot be, and so a triple fault.
 */
static void triple_fault(void) __attribute__((noreturn));
static void triple_fault(void)
{
	static const struct table_pointer none = { 0, 0 };

	__asm__ volatile("lidt %0; ud2" : : "m"(none));
	halt_forever();
}

static void setup_idt(void)
{
	for (unsigned v = 0; v < 256; v++) {
		uint32_t stub = (uint32_t)isr_stubs + 16 * v;

		idt[v] = (struct gate){
			.offset_low = (uint16_t)stub,
			.selector = 0x08,
			.type = 0x8e,	/* present, ring 0, 32-bit interrupt gate */
			.offset_high = (uint16_t)(stub >> 16),
		};
	}
}

static void load_idt(void)
{
	struct table_pointer pointer = {
		.limit = sizeof(idt) - 1, .base = (uint32_t)idt,
	};

	__asm__ volatile("lidt %0" : : "m"(pointer));
}

/* A CPU's own setup, before it counts as up: its IDT and local APIC. */
static void setup_cpu(void)
{
	load_idt();
	if (have_apics)
		lapic_write(LAPIC_SVR, SVR_ENABLE | SPURIOUS_VECTOR);
}

/* Called from smp-start.S's stubs, with interrupts off. */
void isr(uint32_t vector)
{
	unsigned id = cpu_id();

	if (vector < EXCEPTIONS) {
		say("cpu %u exception %u\n", id, vector);
		halt_forever();
	}
	if (vector == SPURIOUS_VECTOR)
		return;		/* no EOI for a spurious interrupt */
	if (vector == TICK_VECTOR && id < CPUS_MAX)
		ticks[id]++;
	else if (vector == TESTDEV_VECTOR)
		testdev_hits++;
	else
		say("cpu %u unexpected vector %u\n", id, vector);
	lapic_write(LAPIC_EOI, 0);
}

/* No libc, and the compiler's builtins may call it: these by hand. */
static bool same(const char *a, const char *b, uint32_t n)
{
	while (n--)
		if (*a++ != *b++)
			return false;
	return true;
}

static bool equal(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return *a == *b;
}

static bool starts_with(const char *s, const char *prefix, const char **rest)
{
	while (*prefix)
		if (*s++ != *prefix++)
			return false;
	*rest = s;
	return true;
}

/* A decimal number that is all of S, or -1. */
static int parse_number(const char *s)
{
	int n = 0;

	if (!*s)
		return -1;
	for (; *s; s++) {
		if (*s < '0' || *s > '9' || n > 1000)
			return -1;
		n = n * 10 + (*s - '0');
	}
	return n;
}

static bool is_cpu(int id)
{
	if (id == (int)cpu_id())
		return true;
	for (unsigned i = 0; i < ap_count; i++)
		if (id == ap_ids[i])
			return true;
	return false;
}

/* What the command line says: a bad one is told, and halts. */
static void parse_command(const char *cmdline)
{
	static const struct {
		const char *name;
		enum command command;
	} targeted[] = {
		{ "exit-from=", EXIT }, { "crash-on=", CRASH },
		{ "ioapic=", IOAPIC },
	};
	const char *rest;

	command = HALT;
	if (!*cmdline || equal(cmdline, "halt"))
		return;
	if (equal(cmdline, "fw-cfg")) {
		command = FW_CFG;
		return;
	}
	if (starts_with(cmdline, "testdev=", &rest)) {
		int pin = parse_number(rest);

		if (pin < 0 || pin >= IOAPIC_PINS || !have_apics) {
			say("testdev: no pin '%s'\n", rest);
			return;
		}
		command = TESTDEV;
		target = (unsigned)pin;
		return;
	}
	if (equal(cmdline, "spin")) {
		command = SPIN;
		return;
	}
	for (unsigned i = 0; i < sizeof(targeted) / sizeof(*targeted); i++) {
		int k;

		if (!starts_with(cmdline, targeted[i].name, &rest))
			continue;
		k = parse_number(rest);
		if (k < 0 || !is_cpu(k))
			break;
		if (targeted[i].command >= IOAPIC && !have_apics) {
			say("ioapic: none\n");
			return;
		}
		command = targeted[i].command;
		target = (unsigned)k;
		return;
	}
	say("bad command '%s'\n", cmdline);
}

static uint8_t checksum(const void *p, uint32_t size)
{
	const uint8_t *b = p;
	uint8_t sum = 0;

	while (size--)
		sum += *b++;
	return sum;
}

static const struct mp_floating *find_floating(void)
{
	for (uint32_t at = MP_SCAN_START; at < MP_SCAN_END; at += 16) {
		const struct mp_floating *f = (const void *)at;

		if (same(f->signature, "_MP_", 4) &&
		    f->length && checksum(f, f->length * 16u) == 0)
			return f;
	}
	return 0;
}

static const struct mp_header *find_mp_table(void)
{
	const struct mp_floating *f = find_floating();
	const struct mp_header *h;

	if (!f || !f->table)
		return 0;	/* none, or a default configuration */
	h = (const void *)f->table;
	if (!same(h->signature, "PCMP", 4) ||
	    checksum(h, h->length) != 0)
		return 0;
	return h;
}

/* The APs' IDs and the APICs' addresses; the count of processors. */
static unsigned read_mp_table(const struct mp_header *h)
{
	const uint8_t *e = (const uint8_t *)(h + 1);
	unsigned cpus = 0;

	lapic_base = h->local_apic;
	for (unsigned i = 0; i < h->entries; i++) {
		if (e[0] != MP_PROCESSOR) {
			if (e[0] == MP_IOAPIC)
				ioapic_base = *(const uint32_t *)(e + 4);
			e += MP_ENTRY_SIZE;
			continue;
		}
		cpus++;
		if ((e[3] & MP_CPU_ENABLED) && !(e[3] & MP_CPU_BOOTSTRAP) &&
		    ap_count < CPUS_MAX)
			ap_ids[ap_count++] = e[1];
		e += MP_PROCESSOR_SIZE;
	}
	return cpus;
}

static void send_ipi(unsigned id, uint32_t command)
{
	lapic_write(LAPIC_ICR_HIGH, (uint32_t)id << 24);
	lapic_write(LAPIC_ICR_LOW, command);
	for (uint32_t i = 0; i < WAIT_SPINS; i++) {
		if (!(lapic_read(LAPIC_ICR_LOW) & ICR_PENDING))
			return;
		pause();
	}
	say("ipi to cpu %u never sent\n", id);
}

/* INIT, then two STARTUP IPIs, as the MP specification's B.4 has it. */
static void start_aps(void)
{
	/* volatile, or the compiler may make the copy a call to memcpy */
	volatile uint8_t *to = (volatile uint8_t *)TRAMPOLINE;

	for (const char *p = trampoline_start; p < trampoline_end; p++)
		*to++ = (uint8_t)*p;
	for (unsigned i = 0; i < ap_count; i++) {
		send_ipi(ap_ids[i], ICR_ASSERT | ICR_INIT);
		delay(IPI_DELAY_SPINS);
		for (int twice = 0; twice < 2; twice++) {
			send_ipi(ap_ids[i], ICR_STARTUP | TRAMPOLINE >> 12);
			delay(IPI_DELAY_SPINS);
		}
	}
}

/* The PIT's ticks to CPU TARGET, fixed delivery, physical destination. */
static void route_ticks(void)
{
	outb(PIT_COMMAND, PIT_RATE_GENERATOR);
	outb(PIT_CHANNEL0, PIT_DIVISOR & 0xff);
	outb(PIT_CHANNEL0, PIT_DIVISOR >> 8);
	ioapic_write(IOAPIC_REDIRECTION + 2 * PIT_PIN + 1, target << 24);
	ioapic_write(IOAPIC_REDIRECTION + 2 * PIT_PIN, TICK_VECTOR);
}

/*
 * An item's first BYTES bytes, as the KVM project's unit tests read
 * them: a 16-bit write of the key, then a byte at a time.
 */
static uint64_t fw_cfg_read(uint16_t key, unsigned bytes)
{
	uint64_t value = 0;

	outw(FW_CFG_SELECTOR, key);
	for (unsigned i = 0; i < bytes; i++)
		value |= (uint64_t)inb(FW_CFG_DATA) << (8 * i);
	return value;
}

static void tell_fw_cfg(void)
{
	uint32_t signature = (uint32_t)fw_cfg_read(FW_CFG_SIGNATURE, 4);
	uint32_t cpus = (uint32_t)fw_cfg_read(FW_CFG_NB_CPUS, 2);
	uint64_t ram = fw_cfg_read(FW_CFG_RAM_SIZE, 8);

	say("fw_cfg: signature %x, %u cpus, %u MiB\n", signature, cpus,
	    (uint32_t)(ram >> 20));
}

/* An edge on pin TARGET, from the test device, to this, the boot CPU. */
static void pulse_testdev_pin(void)
{
	uint32_t entry = IOAPIC_REDIRECTION + 2 * target;

	ioapic_write(entry + 1, cpu_id() << 24);
	ioapic_write(entry, TESTDEV_VECTOR);
	outb(TESTDEV_IRQ_PORT + target, 1);
	outb(TESTDEV_IRQ_PORT + target, 0);
	/* sti's shadow covers the hlt: the interrupt, if any, ends it. */
	__asm__ volatile("sti; hlt; cli" ::: "memory");
	ioapic_write(entry, ENTRY_MASKED);
	say("testdev pin %u: %u interrupts\n", target, testdev_hits);
}

/* The target counts its ticks in hlt; sti's shadow covers the hlt. */
static void count_ticks(void)
{
	while (ticks[target] < TICKS)
		__asm__ volatile("sti; hlt; cli" ::: "memory");
	ioapic_write(IOAPIC_REDIRECTION + 2 * PIT_PIN, ENTRY_MASKED);
	say("cpu %u got %u ticks\n", target, TICKS);
	__atomic_store_n(&done, true, __ATOMIC_RELEASE);
}

static void wait_for_ticks(unsigned id)
{
	if (id == target) {
		count_ticks();
		return;
	}
	__asm__ volatile("sti");
	while (!__atomic_load_n(&done, __ATOMIC_ACQUIRE))
		pause();
	__asm__ volatile("cli");
}

/* Every CPU's part of the command; an AP's ends parked. */
static void run_command(unsigned id)
{
	switch (command) {
	case HALT:
	case FW_CFG:
	case TESTDEV:
		break;
	case EXIT:
		if (id == target)
			outb(EXIT_PORT, EXIT_VALUE);
		spin_forever();
	case CRASH:
		if (id == target)
			triple_fault();
		spin_forever();
	case SPIN:
		spin_forever();
	case IOAPIC:
		wait_for_ticks(id);
		break;
	}
}

void ap_main(unsigned id)
{
	setup_cpu();
	say("cpu %u up\n", id);
	__atomic_fetch_add(&cpus_up, 1, __ATOMIC_RELEASE);
	while (!__atomic_load_n(&go, __ATOMIC_ACQUIRE))
		pause();
	run_command(id);
	park();
}

/* The boot CPU halts last, once it has told of ticks gone astray. */
static void finish(void)
{
	if (!wait_for(&parked, cpus_up))
		say("smp: %u of %u cpus halted\n", parked, cpus_up);
	if (command != IOAPIC)
		return;
	for (unsigned id = 0; id < CPUS_MAX; id++)
		if (id != target && ticks[id])
			say("tick on wrong cpu %u\n", id);
}

void kernel_main(uint32_t magic, const struct info *info)
{
	const struct mp_header *mp;

	if (magic != BOOTED) {
		say("bad magic 0x%x\n", magic);
		return;
	}
	/* No interrupt from the 8259A: every one here is the I/O APIC's. */
	outb(PIC_MASTER_DATA, 0xff);
	outb(PIC_SLAVE_DATA, 0xff);
	setup_idt();
	mp = find_mp_table();
	if (mp) {
		say("mp: %u cpus\n", read_mp_table(mp));
		say("mp: ioapic at 0x%x\n", ioapic_base);
		have_apics = true;
	} else {
		say("mp: none\n");
	}
	setup_cpu();
	parse_command(info->flags & INFO_CMDLINE ?
		      (const char *)info->cmdline : "");
	if (have_apics)
		start_aps();
	if (!wait_for(&cpus_up, ap_count))
		say("smp: %u of %u aps up\n", cpus_up, ap_count);
	say("smp: %u cpus running\n", cpus_up + 1);
	if (command == IOAPIC)
		route_ticks();
	if (command == FW_CFG)
		tell_fw_cfg();
	if (command == TESTDEV)
		pulse_testdev_pin();
	__atomic_store_n(&go, true, __ATOMIC_RELEASE);
	run_command(cpu_id());
	finish();
}
