#!/bin/sh
# --testdev adds QEMU's pc-testdev: the scratch register at 0xe0 reads
# back at each width, and ports 0x2000 + N raise and lower IRQ N, on the
# PICs and, with several CPUs, the I/O APIC.
# Without the option none of it is there.
. "$TESTS_SRCDIR/init.sh"

# The option takes no value, and no port the user chooses may be in
# its way.
expect_refused "unknown option '--testdev=1'" --testdev=1 "$HELLO_BIN"
expect_refused 'test device 0xe0 is taken by the exit port \(port 0xe4\)' \
	--testdev -e 0xe4 "$HELLO_BIN"
expect_refused 'test device 0x2000 is taken by the serial port' \
	--testdev -p 0x2000 "$HELLO_BIN"

require_kvm

expect_hello --testdev "$HELLO_BIN"

run -t 10 --testdev "$GUESTS/testdev-ports.bin"
expect_status 0 "--testdev testdev-ports.bin"
expect_output '5a 1234 89abcdef ab cdef 89ab77ef 00000000 89ab77ef 00 \n' \
	"--testdev testdev-ports.bin"
expect_no_stderr "--testdev testdev-ports.bin"

# Without the device every read floats high.
run -t 10 "$GUESTS/testdev-ports.bin"
expect_status 0 testdev-ports.bin
expect_output 'ff ffff ffffffff ff ffff ffffffff ffffffff ffffffff ff \n' \
	testdev-ports.bin

# IRQ 11 shows in the slave PIC's request register while the line is
# high, and wakes sti; hlt once unmasked.
run -t 10 --testdev "$GUESTS/testdev-irq.bin"
expect_status 0 "--testdev testdev-irq.bin"
expect_output 'raised\nlowered\nIRQ 11\nback\n' "--testdev testdev-irq.bin"
expect_no_stderr "--testdev testdev-irq.bin"

# Without it nothing is raised, and nothing can end the hlt but minivm.
run -t 10 "$GUESTS/testdev-irq.bin"
expect_status 0 testdev-irq.bin
expect_output 'not raised\nlowered\n' testdev-irq.bin
expect_no_stderr testdev-irq.bin

# With several CPUs its lines reach the I/O APIC too, as kvm-unit-tests'
# ioapic test drives it: an ISA line (3, 14) and a pin beyond them (20),
# each routed to the boot CPU, interrupt it once.
for pin in 3 14 20; do
	run -t 20 --testdev -c 2 -a "testdev=$pin" "$KERNELS/smp.elf"
	expect_status 0 "--testdev -c 2 testdev=$pin"
	grep -q "^testdev pin $pin: 1 interrupts" "$work/out" ||
		fail "--testdev -c 2 testdev=$pin: $(cat "$work/out")"
done
exit 0
