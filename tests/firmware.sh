#!/bin/sh
# Firmware: a ROM mapped where a PC has it and started at the reset
# vector, and SeaBIOS, from Debian's seabios package, booting a disk's
# boot sector through INT 13h and printing through INT 10h on the
# serial port, as a PC boots.  Bad firmware is refused before anything
# runs.
. "$TESTS_SRCDIR/init.sh"

seabios=${MINIVM_TEST_SEABIOS:-/usr/share/seabios/bios.bin}

# Refusals, which need no KVM.
head -c 1000 /dev/zero >"$work/odd.rom"
expect_refused "firmware '$work/odd.rom' has 1000 bytes: a ROM image is a whole number of 64 KiB blocks, up to 16 MiB" \
	--firmware "$work/odd.rom"
expect_refused "cannot open '$work/none.rom'" -b "$work/none.rom"
: >"$work/empty.rom"
expect_refused "empty.rom" -b "$work/empty.rom"
expect_refused "firmware '$GUESTS/rom.bin' needs 1 MiB of guest memory" \
	-m 512K -b "$GUESTS/rom.bin"
expect_refused "--firmware starts the machine from its ROM and boots the disks: an IMAGE" \
	-b "$GUESTS/rom.bin" "$HELLO_BIN"
expect_refused "--firmware starts the machine" -b "$GUESTS/rom.bin" -a quiet
expect_refused "--firmware-log without firmware" --firmware-log "$work/log"
expect_refused "cannot write the firmware log '$work/no/log'" \
	-b "$GUESTS/rom.bin" --firmware-log "$work/no/log"

require_kvm

# A ROM of its own: the reset vector, the read-only copy at the top of
# 4 GiB, the writable one below 1 MiB.
run -t 10 -b "$GUESTS/rom.bin"
expect_status 0 "-b rom.bin"
expect_output 'rom ok\n' "-b rom.bin"
expect_no_stderr "-b rom.bin"

if [ ! -r "$seabios" ]; then
	[ -z "${MINIVM_TEST_SEABIOS:-}" ] ||
		fail "MINIVM_TEST_SEABIOS=$seabios is not readable"
	skip_or_fail "no $seabios: install seabios, or set MINIVM_TEST_SEABIOS"
fi

# SeaBIOS boots the bundled boot sector's disk: its banner, then the
# boot sector's two lines, then the halt.  Its log goes to a file.
cp "$BOOTSECTOR" "$work/boot.img"
run -t 60 -b "$seabios" --firmware-log "$work/log" -d "$work/boot.img"
expect_status 0 "SeaBIOS with boot.img"
for line in 'SeaBIOS (version' 'Booting from Hard Disk' \
	'Hello from the boot sector, started by the BIOS.' \
	'And this from its second sector, read through INT 13h.'; do
	grep -qF "$line" "$work/out" ||
		fail "SeaBIOS with boot.img: no '$line' in: $(cat -v "$work/out" | tail -n 5); stderr: $(cat "$work/err")"
done
grep -q 'found virtio-blk at 00:01.0' "$work/log" ||
	fail "SeaBIOS's log has no virtio disk: $(tail -n 20 "$work/log")"
cmp -s "$BOOTSECTOR" "$work/boot.img" || fail "SeaBIOS changed the disk"

# With a disk and nothing else to boot, SeaBIOS is the default.
run -t 60 -d "$work/boot.img,ro"
expect_status 0 "boot.img alone"
grep -qF 'read through INT 13h.' "$work/out" ||
	fail "boot.img alone: $(cat -v "$work/out" | tail -n 3)"

# A disk with no boot signature: SeaBIOS says so, and resets at once,
# which ends the run.
head -c 1048576 /dev/zero >"$work/blank.img"
run -t 60 -b "$seabios" -d "$work/blank.img"
expect_status 0 "SeaBIOS with a blank disk"
grep -q 'No bootable device' "$work/out" ||
	fail "SeaBIOS with a blank disk: $(cat -v "$work/out" | tail -n 3)"
exit 0
