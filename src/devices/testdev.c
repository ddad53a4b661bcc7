/*
 * testdev.c - QEMU's pc-testdev, the test device of kvm-unit-tests:
 * a scratch register to check port I/O at each width, and ports that
 * drive interrupt lines, so that a test can raise an IRQ at will
 */
#include <config.h>

#include <string.h>

#include "devices/testdev.h"

#define SCRATCH 0		/* offsets 0 to 3: the register */
#define FLUSH_PAGE 4		/* 4 to 7: unmap a guest page on the host */
#define SCRATCH_BYTES 8		/* 8 to 11: the register again */

void testdev_init(struct testdev *testdev,
		  const struct irq lines[TESTDEV_IRQS])
{
	*testdev = (struct testdev){ .scratch = { 0 } };
	memcpy(testdev->lines, lines, sizeof(testdev->lines));
}

/*
 * Both views of the register see a wide access as its bytes, each at
 * its own offset: a word at 0xe2 is bytes 2 and 3, low byte first.
 */
static uint8_t testdev_in(void *device, uint16_t offset)
{
	struct testdev *testdev = device;

	switch (offset & ~3u) {
	case SCRATCH:
	case SCRATCH_BYTES:
		return testdev->scratch[offset & 3];
	default:
		return 0;
	}
}

/*
 * QEMU's flush-page port unmaps the page whose address is written, so
 * that KVM must fault it in again; the guest's memory is unchanged, so
 * a guest cannot tell the difference and minivm takes the write as is.
 */
static int testdev_out(void *device, uint16_t offset, uint8_t value)
{
	struct testdev *testdev = device;

	switch (offset & ~3u) {
	case SCRATCH:
	case SCRATCH_BYTES:
		testdev->scratch[offset & 3] = value;
		break;
	case FLUSH_PAGE:
		break;
	}
	return 0;
}

static const struct port_ops testdev_ops = {
	.name = "test device",
	.in = testdev_in,
	.out = testdev_out,
};

static uint8_t irq_port_in(void *device, uint16_t offset)
{
	(void)device;
	(void)offset;
	return 0;
}

/* Any byte but 0 raises the line; each byte of a wide write is a line. */
static int irq_port_out(void *device, uint16_t offset, uint8_t value)
{
	struct testdev *testdev = device;

	irq_set(&testdev->lines[offset], value != 0);
	return 0;
}

static const struct port_ops irq_port_ops = {
	.name = "test device IRQ lines",
	.in = irq_port_in,
	.out = irq_port_out,
};

int testdev_attach(struct testdev *testdev, struct bus *bus)
{
	if (bus_register(bus, TESTDEV_PORT, TESTDEV_PORTS, &testdev_ops,
			 testdev) < 0)
		return -1;
	return bus_register(bus, TESTDEV_IRQ_PORT, TESTDEV_IRQS, &irq_port_ops,
			    testdev);
}
