#!/bin/sh
# run.sh - times minivm against the raw-ioctl reference (and QEMU, when
# it is installed) on the same guests, interleaved, and prints a table of
# min/median/max with the ratio of medians to the reference's.
#
# The make bench rule sets MINIVM, REFERENCE, MEASURE and BENCH (the
# folder of the built guests); RUNS sets how many runs each (default 20)
# and WORKLOADS which workloads (default all).
set -eu

runs=${RUNS:-20}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if [ ! -c /dev/kvm ] || ! "$REFERENCE" "$BENCH/hello.bin" 16 >/dev/null; then
	echo "bench: no usable /dev/kvm: nothing to measure" >&2
	exit 77
fi

qemu=$(command -v qemu-system-x86_64 || true)
if [ -n "$qemu" ]; then
	# A guest as QEMU firmware: the guest at 0, the entry at 0xff00.
	for guest in hello out-loop outsb idle; do
		head -c 65536 /dev/zero >"$work/$guest.rom"
		dd if="$BENCH/$guest.bin" of="$work/$guest.rom" conv=notrunc 2>/dev/null
		dd if="$BENCH/rom-entry.bin" of="$work/$guest.rom" bs=256 \
			seek=255 conv=notrunc 2>/dev/null
	done
else
	echo "bench: qemu-system-x86_64 is not installed: QEMU not measured"
fi

# runner_command RUNNER WORKLOAD: the command that runs WORKLOAD.
runner_command()
{
	cpu=
	case $2 in
	hello | rss-16M) guest=hello memory=16 ;;
	rss-4G) guest=hello memory=4096 ;;
	exits) guest=out-loop memory=16 ;;
	throughput) guest=outsb memory=16 ;;
	idle) guest=idle memory=16 cpu="-cpu host,-apic" ;;
	esac
	case $1 in
	reference) echo "$REFERENCE $BENCH/$guest.bin $memory" ;;
	coalesced) echo "$REFERENCE $BENCH/$guest.bin $memory coalesced" ;;
	irqchip) echo "$REFERENCE $BENCH/$guest.bin $memory irqchip" ;;
	minivm) echo "$MINIVM -m ${memory}M $BENCH/$guest.bin" ;;
	qemu) echo "$qemu -M microvm,x-option-roms=off,rtc=off -accel kvm $cpu -m ${memory}M -display none -monitor none -serial stdio -no-reboot -device isa-debug-exit,iobase=0xf4,iosize=1 -bios $work/$guest.rom" ;;
	esac
}

workloads=${WORKLOADS:-hello exits throughput rss-16M rss-4G idle}

# runners WORKLOAD: who runs it.  irqchip is the reference with KVM's
# in-kernel PICs and PIT: on hello, what that design costs before the
# guest runs; on idle, what a timer tick costs when KVM handles it all.
# The plain reference has no timer.  QEMU runs the idle guest on a CPU
# without a local APIC: one whose LINT0 starts masked, as on hardware
# until firmware sets up the virtual wire, would never pass the PIC's
# interrupts to a guest that is its own firmware.
runners()
{
	case $1 in
	hello) echo "reference coalesced irqchip minivm${qemu:+ qemu}" ;;
	idle) echo "irqchip minivm${qemu:+ qemu}" ;;
	*) echo "reference coalesced minivm${qemu:+ qemu}" ;;
	esac
}

# Interleaved: each round runs every runner on every workload once, so
# the machine's ups and downs fall on all of them alike.
i=0
while [ "$i" -lt "$runs" ]; do
	for workload in $workloads; do
		for runner in $(runners "$workload"); do
			# shellcheck disable=SC2046 # the command is words
			"$MEASURE" $(runner_command "$runner" "$workload") \
				>>"$work/$runner.$workload"
		done
	done
	i=$((i + 1))
done

# stats FILE COLUMN: min, median and max of a column.
stats()
{
	cut -d ' ' -f "$2" "$1" | sort -n |
		awk '{ v[NR] = $1 } END {
			m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
			printf "%d %.0f %d\n", v[1], m, v[NR] }'
}

# ratio RUNNER WORKLOAD MEDIAN: the median over the reference's or, for
# the idle workload, the processor time used over the time taken.
ratio()
{
	if [ "$2" = idle ]; then
		set -- "$(stats "$work/$1.$2" 4 | cut -d ' ' -f 2)" "$3"
		awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f%%cpu", 100 * a / b }'
		return
	fi
	set -- "$(stats "$work/reference.$2" "$column" | cut -d ' ' -f 2)" "$3"
	awk -v a="$2" -v b="$1" 'BEGIN { printf "%.2fx", a / b }'
}

printf '%-11s %-9s %10s %10s %10s %8s\n' workload runner min median max ratio
for workload in $workloads; do
	case $workload in
	rss-*) column=2 ;;
	*) column=1 ;;
	esac
	for runner in $(runners "$workload"); do
		# A run that failed (QEMU out of memory, say) measures nothing.
		# QEMU ends through the exit port: see bench/finish.h.
		ok=0
		[ "$runner" != qemu ] || ok=33
		if awk -v ok="$ok" '$3 != ok { bad = 1 } END { exit !bad }' \
			"$work/$runner.$workload"; then
			printf '%-11s %-9s %s\n' "$workload" "$runner" \
				"failed (exit status $(awk '{ print $3 }' "$work/$runner.$workload" | sort -u | tr '\n' ' '))"
			continue
		fi
		set -- $(stats "$work/$runner.$workload" "$column")
		printf '%-11s %-9s %10s %10s %10s %8s\n' "$workload" "$runner" \
			"$1" "$2" "$3" "$(ratio "$runner" "$workload" "$2")"
	done
done
echo "(times in microseconds, whole process; rss in KiB; $runs runs each;"
echo " ratio: this runner's median over the reference's;"
echo " coalesced: the reference with port 0x3f8 in KVM's coalesced PIO ring"
echo " from the start, the least any runner can pay per output byte here;"
echo " irqchip: the reference with KVM's in-kernel PICs and PIT;"
echo " idle: two seconds asleep in hlt between 100 Hz timer interrupts,"
echo " with the median processor time (user + system) over the median time)"
