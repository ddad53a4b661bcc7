/*
 * msi.h - a message-signalled interrupt (MSI), and where a device that
 * sends them, such as the I/O APIC, has them go: the VM's local APICs
 */
#ifndef MINIVM_MSI_H
#define MINIVM_MSI_H

#include <stdbool.h>
#include <stdint.h>

/* A write of DATA to ADDRESS (Intel SDM, "Message Signalled Interrupts"). */
struct msi {
	uint64_t address;
	uint32_t data;
};

/* The most lines a sink routes: the I/O APIC's pins. */
#define MSI_SINK_LINES 24

/*
 * Where a device's messages go.  Both return 0, or -1 if the host
 * failed (said on stderr).
 */
struct msi_sink {
	/* Sends line LINE's interrupt, as MSI says. */
	int (*deliver)(void *opaque, unsigned line, struct msi msi);
	/*
	 * Line LINE's routing changed: its interrupts, masked or not, are
	 * now MSI's.  The local APICs learn from this which vectors are
	 * level-triggered, whose EOI comes back.
	 */
	int (*route)(void *opaque, unsigned line, struct msi msi);
	void *opaque;
};

#endif
