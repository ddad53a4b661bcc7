#!/bin/sh
# Several CPUs (--cpus): tests/kernels/smp.elf, a multiboot kernel,
# finds them in the MP table, starts each one with INIT and STARTUP IPIs
# through its local APIC, and then does what its command line says.
# Every ending is the whole run's: all CPUs halted (0), the exit port
# written from CPU 1, a triple fault on CPU 1 (6, the report naming the
# vCPU), the timeout (124) and SIGTERM (143).  The PIT's interrupt,
# routed by the I/O APIC to CPU 1, reaches CPU 1 only; with --apic, one
# CPU has the same controllers.  Bad numbers of
# CPUs, and more than KVM allows, are refused; KVM refusing the local
# APICs or the I/O APIC's messages, a thread that cannot start, ends the
# run with 4.
. "$TESTS_SRCDIR/init.sh"

for bad in 0 65 x; do
	expect_refused "invalid number of CPUs '$bad': not a number from 1 to 64" \
		-c "$bad"
done

require_kvm
kernel=$KERNELS/smp.elf

# smp CPUS COMMAND [ARGS...]: the kernel on CPUS CPUs, told COMMAND.
smp()
{
	cpus=$1
	command=$2
	shift 2
	run -c "$cpus" -t 20 "$@" -a "$command" "$kernel"
}

smp 1 halt
expect_status 0 "-c 1 halt"
expect_output 'mp: none\nsmp: 1 cpus running\n' "-c 1 halt"

for cpus in 2 4; do
	smp "$cpus" halt
	expect_status 0 "-c $cpus halt"
	expect_no_stderr "-c $cpus halt"
	grep -q "^mp: $cpus cpus" "$work/out" ||
		fail "-c $cpus: the MP table does not list $cpus CPUs: $(cat "$work/out")"
	grep -q '^mp: ioapic at 0xfec00000' "$work/out" ||
		fail "-c $cpus: the MP table has no I/O APIC: $(cat "$work/out")"
	for cpu in $(seq 1 $((cpus - 1))); do
		grep -q "^cpu $cpu up" "$work/out" ||
			fail "-c $cpus: CPU $cpu did not start: $(cat "$work/out")"
	done
	grep -q "^smp: $cpus cpus running" "$work/out" ||
		fail "-c $cpus: not every CPU ran: $(cat "$work/out")"
done

# fw_cfg tells a multiboot kernel the number of CPUs and the RAM's size,
# read as the KVM project's unit tests read them.
for cpus in 1 3; do
	smp "$cpus" fw-cfg -m 96M
	expect_status 0 "-c $cpus fw-cfg"
	grep -q "^fw_cfg: signature 554d4551, $cpus cpus, 96 MiB" "$work/out" ||
		fail "-c $cpus fw-cfg: $(cat "$work/out")"
done
# Its ports are taken, then, and a port the user gives there refused.
expect_refused 'firmware configuration 0x510 is taken by the exit port \(port 0x511\); choose a port no device uses' \
	-e 0x511 -a fw-cfg "$kernel"

smp 2 exit-from=1 -e 0xf4
expect_status 35 "-c 2 exit-from=1"

smp 2 crash-on=1
expect_status 6 "-c 2 crash-on=1"
grep -q '^minivm: guest stopped on vCPU 1: KVM_EXIT_SHUTDOWN: triple fault' \
	"$work/err" || fail "-c 2 crash-on=1: stderr: $(cat "$work/err")"

run -c 2 -t 1 -a spin "$kernel"
expect_status 124 "-c 2 -t 1 spin"

"$MINIVM" -c 2 -t 20 -a spin "$kernel" >"$work/out" 2>"$work/err" &
pid=$!
tries=0
until grep -q '^smp: 2 cpus running' "$work/out"; do
	tries=$((tries + 1))
	[ "$tries" -lt 100 ] || { kill -KILL "$pid"; fail "-c 2 spin never ran"; }
	sleep 0.1
done
kill -TERM "$pid"
end_within 10 "$pid" "-c 2 spin, then SIGTERM"
expect_status 143 "-c 2 spin, then SIGTERM"

smp 2 ioapic=1
expect_status 0 "-c 2 ioapic=1"
grep -q '^cpu 1 got 10 ticks' "$work/out" ||
	fail "-c 2 ioapic=1: CPU 1 did not get the ticks: $(cat "$work/out")"
! grep -q 'tick on wrong cpu' "$work/out" ||
	fail "-c 2 ioapic=1: $(grep 'tick on wrong cpu' "$work/out")"

# --apic gives one CPU the interrupt controllers of several: its local
# APIC in the MP table, with the I/O APIC, which routes the PIT's ticks
# to it.  A real-mode guest that knows only the PICs still gets their
# interrupts, through the local APIC's LINT0.
smp 1 ioapic=0 --apic
expect_status 0 "-c 1 --apic ioapic=0"
expect_no_stderr "-c 1 --apic ioapic=0"
for line in 'mp: 1 cpus' 'mp: ioapic at 0xfec00000' 'cpu 0 got 10 ticks'; do
	grep -q "^$line" "$work/out" ||
		fail "-c 1 --apic ioapic=0: no '$line': $(cat "$work/out")"
done
run --apic -t 20 "$GUESTS/busy-tick.bin"
expect_status 0 "--apic busy-tick.bin"
expect_output '25 ticks\n' "--apic busy-tick.bin"
# Its hlt stays in KVM, so a sleep nothing can end waits for the time
# limit, where on the PICs alone it ends the run (see interrupts.sh).
run --apic -t 1 "$GUESTS/sti-hlt.bin"
expect_status 124 "--apic -t 1 sti-hlt.bin"
! grep -q woken "$work/out" || fail "--apic sti-hlt.bin: woke up: $(cat "$work/out")"

# with_preload VAR=VALUE CPUS COMMAND: the kernel, with the preload's VAR.
with_preload()
{
	status=0
	timeout -s KILL "$RUN_TIMEOUT" env LD_PRELOAD="$PRELOAD" "$1" \
		"$MINIVM" -c "$2" -t 20 -a "$3" "$kernel" >"$work/out" \
		2>"$work/err" || status=$?
}

with_preload FAKE_MAX_VCPUS=2 4 halt
expect_status 2 "-c 4 where KVM allows 2"
[ "$(cat "$work/err")" = "minivm: invalid number of CPUs '4': this KVM runs at most 2 vCPUs in a VM" ] ||
	fail "-c 4 where KVM allows 2: stderr: $(cat "$work/err")"

# error CALL VAR COMMAND: KVM fails CALL; the run ends with 4, saying so.
error()
{
	with_preload "$2=5" 2 "$3"
	expect_status 4 "-c 2 $3, $1 failing"
	grep -q "^minivm: $1.*: Input/output error" "$work/err" ||
		fail "-c 2 $3, $1 failing: stderr: $(cat "$work/err")"
}
error 'KVM_ENABLE_CAP (KVM_CAP_SPLIT_IRQCHIP)' FAIL_ENABLE_CAP_ERRNO halt
error KVM_SET_GSI_ROUTING FAIL_SET_GSI_ROUTING_ERRNO ioapic=1
error KVM_SIGNAL_MSI FAIL_SIGNAL_MSI_ERRNO ioapic=1

# The third of four vCPU threads cannot start, or the event loop has no
# eventfd: the run ends with 4, the threads that started joined.
with_preload FAIL_PTHREAD_CREATE_AT=3 4 spin
expect_status 4 "-c 4 spin, the third thread refused"
[ "$(cat "$work/err")" = "$(printf '%s\n' 'preload: pthread_create refused' \
	'minivm: cannot start a vCPU thread: Resource temporarily unavailable')" ] ||
	fail "-c 4 spin, the third thread refused: stderr: $(cat "$work/err")"
with_preload FAIL_EVENTFD_ERRNO=24 2 spin
expect_status 4 "-c 2 spin, no eventfd"
grep -q "^minivm: cannot make the event loop's eventfd: Too many open files" \
	"$work/err" || fail "-c 2 spin, no eventfd: stderr: $(cat "$work/err")"
exit 0
