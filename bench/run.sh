#!/bin/sh
# run.sh - times minivm against the raw-ioctl reference (and QEMU, when
# it is installed) on the same guests, interleaved, and prints a table of
# min/median/max with the ratio of medians to the reference's.
#
# The make bench rule sets MINIVM, REFERENCE, MEASURE, BENCH (the
# folder of the built guests) and INITRAMFS (the script that builds the
# Linux tests' initramfs); RUNS sets how many runs each (default 20)
# and WORKLOADS which workloads (default all).  The linux workload boots
# BENCH_KERNEL, else MINIVM_TEST_KERNEL, else the running kernel's own
# /boot/vmlinuz-$(uname -r) if readable, and needs busybox-static.
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

# The linux workload: boot the kernel to the initramfs, which powers
# off at once; both VMMs get the same kernel, initrd, memory and command
# line.  QEMU's microvm powers off through its ACPI; minivm, which has
# none, ends when Linux halts.  The command line has a space, so each
# runner gets a script.
linux_cmdline='console=ttyS0 minivm.test=poweroff'
linux=
kernel=${BENCH_KERNEL:-${MINIVM_TEST_KERNEL:-/boot/vmlinuz-$(uname -r)}}
if [ ! -r "$kernel" ]; then
	echo "bench: no kernel to boot (set BENCH_KERNEL): linux not measured"
elif ! sh "$INITRAMFS" "$work/initramfs" 2>"$work/why"; then
	echo "bench: $(cat "$work/why"): linux not measured"
else
	linux=linux
	cat >"$work/minivm-linux" <<EOF
#!/bin/sh
exec "$MINIVM" -m 256M -t 600 -i "$work/initramfs" -a "$linux_cmdline" "\$@" "$kernel"
EOF
	cat >"$work/qemu-linux" <<EOF
#!/bin/sh
exec "$qemu" -M microvm -accel kvm -cpu host -m 256M -kernel "$kernel" \\
	-initrd "$work/initramfs" -append "$linux_cmdline" -nodefaults \\
	-display none -monitor none -serial stdio -no-reboot "\$@"
EOF
	# linux-smp: the same boot on four CPUs each.
	printf '#!/bin/sh\nexec sh %s -c 4\n' "$work/minivm-linux" \
		>"$work/minivm-linux-smp"
	printf '#!/bin/sh\nexec sh %s -smp 4\n' "$work/qemu-linux" \
		>"$work/qemu-linux-smp"
fi

# The disk workload: the same kernel reads all of a 256 MiB disk image
# (non-sparse, so that the host reads its pages), loading the virtio
# modules from an initramfs of its own; QEMU's is a virtio-blk on PCI
# too, on its pc machine.  Timed from the guest's line before the read
# to its line after.  disk-direct reads with O_DIRECT, into one buffer
# and past the guest's page cache: the device's part of the read, with
# none of the guest's work in filling its memory.  minivm runs it twice:
# with its one-CPU machine's PICs alone, and as apic, with --apic, the
# local APIC and I/O APIC that QEMU's pc has too.
disk=
modules=/lib/modules/${kernel##*/vmlinuz-}
if [ -z "$linux" ]; then
	:
elif ! sh "$INITRAMFS" "$work/initramfs-disk" "$modules" virtio_pci \
		virtio_blk 2>"$work/why"; then
	echo "bench: $(cat "$work/why"): disk not measured"
else
	disk="disk disk-direct"
	dd if=/dev/zero of="$work/disk.img" bs=1M count=256 2>/dev/null
	for workload in $disk; do
		cmdline="console=ttyS0 minivm.test=read${workload#disk}"
		cat >"$work/minivm-$workload" <<EOF
#!/bin/sh
exec "$MINIVM" -m 256M -t 600 -i "$work/initramfs-disk" -a "$cmdline" \\
	-d "$work/disk.img,ro" "\$@" "$kernel"
EOF
		printf '#!/bin/sh\nexec sh %s --apic\n' \
			"$work/minivm-$workload" >"$work/apic-$workload"
		cat >"$work/qemu-$workload" <<EOF
#!/bin/sh
exec "$qemu" -M pc -accel kvm -cpu host -m 256M -kernel "$kernel" \\
	-initrd "$work/initramfs-disk" -append "$cmdline" -nodefaults \\
	-drive file="$work/disk.img",if=virtio,format=raw,readonly=on \\
	-display none -monitor none -serial stdio -no-reboot
EOF
	done
fi

# The firmware workload: SeaBIOS (BENCH_SEABIOS, else Debian's) boots
# bench/boot.img, the bundled boot sector, which ends QEMU through its
# exit port after its text; both get the same ROM, disk and memory.
# -nographic, so that QEMU tells SeaBIOS to use the serial console.
firmware=
seabios=${BENCH_SEABIOS:-/usr/share/seabios/bios.bin}
if [ ! -r "$seabios" ]; then
	echo "bench: no $seabios (set BENCH_SEABIOS): firmware not measured"
else
	firmware=firmware
	cat >"$work/minivm-firmware" <<EOF
#!/bin/sh
exec "$MINIVM" -m 16M -b "$seabios" -d "$BENCH/boot.img,ro"
EOF
	cat >"$work/qemu-firmware" <<EOF
#!/bin/sh
exec "$qemu" -M pc -accel kvm -m 16M -bios "$seabios" -nodefaults \\
	-drive file="$BENCH/boot.img",if=virtio,format=raw,readonly=on \\
	-nographic -monitor none -serial stdio -no-reboot \\
	-device isa-debug-exit,iobase=0xf4,iosize=1
EOF
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
	linux | linux-smp)
		# Also when the initramfs's first line, "minivm-test: ...",
		# comes out.
		echo "-w minivm-test: sh $work/$1-$2"
		return
		;;
	disk | disk-direct)
		echo "-w read-start -w read-end sh $work/$1-$2"
		return
		;;
	firmware)
		# Also when the boot sector's first line comes out.
		echo "-w Hello sh $work/$1-firmware"
		return
		;;
	esac
	case $1 in
	reference) echo "$REFERENCE $BENCH/$guest.bin $memory" ;;
	coalesced) echo "$REFERENCE $BENCH/$guest.bin $memory coalesced" ;;
	irqchip) echo "$REFERENCE $BENCH/$guest.bin $memory irqchip" ;;
	minivm) echo "$MINIVM -m ${memory}M $BENCH/$guest.bin" ;;
	qemu) echo "$qemu -M microvm,x-option-roms=off,rtc=off -accel kvm $cpu -m ${memory}M -display none -monitor none -serial stdio -no-reboot -device isa-debug-exit,iobase=0xf4,iosize=1 -bios $work/$guest.rom" ;;
	esac
}

workloads=${WORKLOADS:-hello exits throughput rss-16M rss-4G idle $linux ${linux:+linux-smp} $disk $firmware}
[ -n "$linux" ] || workloads=$(echo "$workloads" | sed 's/linux[-a-z]*//g')
[ -n "$disk" ] || workloads=$(echo "$workloads" | sed 's/disk[-a-z]*//g')
[ -n "$firmware" ] || workloads=$(echo "$workloads" | sed 's/firmware//')

# boots_linux WORKLOAD: true for the workloads that boot the kernel,
# which ends QEMU's run by powering off.
boots_linux()
{
	case $1 in
	linux | linux-smp | disk | disk-direct) return 0 ;;
	*) return 1 ;;
	esac
}

# against_qemu WORKLOAD: true for the workloads whose baseline is QEMU,
# the only other runner that boots a kernel or firmware.
against_qemu()
{
	boots_linux "$1" || [ "$1" = firmware ]
}

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
	disk | disk-direct)
		echo "${qemu:+qemu }minivm apic"
		return
		;;
	esac
	if against_qemu "$1"; then
		echo "${qemu:+qemu }minivm"
		return
	fi
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

# ratio RUNNER WORKLOAD MEDIAN: the median over the reference's (QEMU's
# for linux) or, for the idle workload, the processor time used over
# the time taken.
ratio()
{
	if [ "$2" = idle ]; then
		set -- "$(stats "$work/$1.$2" 4 | cut -d ' ' -f 2)" "$3"
		awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f%%cpu", 100 * a / b }'
		return
	fi
	if against_qemu "$2"; then
		baseline=qemu
	else
		baseline=reference
	fi
	# No QEMU, or every QEMU run failed: nothing to compare with.
	if [ ! -s "$work/$baseline.$2" ] || failed "$baseline" "$2"; then
		echo -
		return
	fi
	set -- "$(stats "$work/$baseline.$2" "$column" | cut -d ' ' -f 2)" "$3"
	awk -v a="$2" -v b="$1" 'BEGIN { printf "%.2fx", a / b }'
}

# rows WORKLOAD: the rows it gets in the table, as NAME:COLUMN; linux
# has two, to power-off and to the initramfs's first line.
rows()
{
	case $1 in
	rss-*) echo "$1:2" ;;
	linux) echo "linux:1 linux-up:5" ;;
	linux-smp) echo "linux-smp:1 linux-smp-up:5" ;;
	disk) echo "disk-read:7" ;;
	disk-direct) echo "disk-direct:7" ;;
	firmware) echo "firmware:1 firmware-up:5" ;;
	*) echo "$1:1" ;;
	esac
}

# failed RUNNER WORKLOAD: true if a run failed (QEMU out of memory, say),
# when the workload measures nothing.  QEMU ends the small guests
# through the exit port (see bench/finish.h), the kernel by powering
# off; a boot must have printed the initramfs's line.
failed()
{
	ok=0
	if [ "$1" = qemu ] && ! boots_linux "$2"; then
		ok=33
	fi
	awk -v ok="$ok" '$3 != ok || $5 == -1 || $7 == -1 { bad = 1 }
		END { exit !bad }' \
		"$work/$1.$2"
}

# The disk's read time, from the guest's line before it to the line
# after, as a seventh column (-1 if a line never came).
for workload in $disk; do
	for runner in $(runners "$workload"); do
		[ -f "$work/$runner.$workload" ] || continue
		awk '{ print $0, ($5 < 0 || $6 < 0) ? -1 : $6 - $5 }' \
			"$work/$runner.$workload" >"$work/read" &&
			mv "$work/read" "$work/$runner.$workload"
	done
done

printf '%-11s %-9s %10s %10s %10s %8s\n' workload runner min median max ratio
for workload in $workloads; do
	for row in $(rows "$workload"); do
		column=${row#*:}
		for runner in $(runners "$workload"); do
			if failed "$runner" "$workload"; then
				printf '%-11s %-9s %s\n' "${row%:*}" "$runner" \
					"failed (exit status $(awk '{ print $3 }' "$work/$runner.$workload" | sort -u | tr '\n' ' '))"
				continue
			fi
			set -- $(stats "$work/$runner.$workload" "$column")
			printf '%-11s %-9s %10s %10s %10s %8s\n' "${row%:*}" \
				"$runner" "$1" "$2" "$3" \
				"$(ratio "$runner" "$workload" "$2")"
		done
	done
done
echo "(times in microseconds, whole process; rss in KiB; $runs runs each;"
echo " ratio: this runner's median over the reference's;"
echo " coalesced: the reference with port 0x3f8 in KVM's coalesced PIO ring"
echo " from the start, the least any runner can pay per output byte here;"
echo " irqchip: the reference with KVM's in-kernel PICs and PIT;"
echo " idle: two seconds asleep in hlt between 100 Hz timer interrupts,"
echo " with the median processor time (user + system) over the median time;"
echo " linux: a kernel booted to an initramfs that powers off, in 256 MiB,"
echo " ratio over QEMU microvm's; linux-up: to the initramfs's first line;"
echo " linux-smp, linux-smp-up: the same on 4 CPUs, minivm -c 4 over"
echo " QEMU microvm -smp 4;"
echo " disk-read: the same kernel reading all of a 256 MiB virtio disk, from"
echo " its line before to its line after, over QEMU pc's virtio-blk;"
echo " disk-direct: the same read with O_DIRECT, past the guest's page cache;"
echo " apic: minivm --apic, one CPU with a local APIC and the I/O APIC;"
echo " firmware: SeaBIOS booting the bundled boot sector, ratio over QEMU's"
echo " pc with the same bios.bin and disk; firmware-up: to its first line)"
