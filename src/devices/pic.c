/* pic.c - the interrupt controller: two cascaded 8259A PICs */
#include <config.h>

#include "devices/pic.h"

#define PIC_COMMAND 0		/* ICW1, OCW2, OCW3; IRR, ISR or poll on read */
#define PIC_DATA 1		/* ICW2 to ICW4, then the IMR */

#define ICW1 0x10		/* a command-port write with this bit set */
#define ICW1_ICW4 0x01
#define ICW1_SINGLE 0x02
#define ICW1_LTIM 0x08
#define ICW4_AEOI 0x02
#define OCW3 0x08		/* a command-port write with this bit (not ICW1) */
#define OCW3_POLL 0x04
#define OCW3_READ 0x02		/* RR: RIS chooses the register to read */
#define OCW3_RIS 0x01
#define OCW2_EOI 0x20
#define OCW2_SPECIFIC 0x40
#define SPURIOUS_IRQ 7

/*
 * The state a PC BIOS leaves: vectors 0x08 and 0x70, every line masked
 * but the cascade.  A guest that never touches the PICs is never
 * interrupted, and one that only unmasks a line finds the BIOS layout.
 */
static void chip_init(struct pic_chip *chip, struct pic *pic, uint8_t base,
		      uint8_t imr)
{
	*chip = (struct pic_chip){
		.pic = pic, .vector_base = base, .imr = imr,
	};
}

void pic_init(struct pic *pic)
{
	chip_init(&pic->master, pic, 0x08, ~(1u << PIC_CASCADE_IRQ) & 0xff);
	chip_init(&pic->slave, pic, 0x70, 0xff);
}

/* Input 0 has the highest priority, input 7 the lowest. */
static int highest(uint8_t bits)
{
	for (int i = 0; i < 8; i++)
		if (bits & (1u << i))
			return i;
	return -1;
}

/*
 * The input the chip asks service for: the highest-priority unmasked
 * request, if it outranks everything already in service; or -1.
 */
static int chip_request(const struct pic_chip *chip)
{
	int request = highest(chip->irr & ~chip->imr);
	int serving = highest(chip->isr);

	if (request < 0 || (serving >= 0 && serving <= request))
		return -1;
	return request;
}

/*
 * Edge-triggered, a rising edge latches a request; level-triggered, the
 * request is the level.  Either way a request withdrawn before it is
 * acknowledged is gone: the datasheet's "default IR7".
 */
static void chip_set_line(struct pic_chip *chip, unsigned line, bool level)
{
	uint8_t bit = (uint8_t)(1u << line);

	if (level && (chip->level_triggered || !(chip->lines & bit)))
		chip->irr |= bit;
	if (!level)
		chip->irr &= (uint8_t)~bit;
	chip->lines = level ? chip->lines | bit : chip->lines & (uint8_t)~bit;
}

/* The slave's INT output is the master's input 2. */
static void update_cascade(struct pic *pic)
{
	chip_set_line(&pic->master, PIC_CASCADE_IRQ,
		      chip_request(&pic->slave) >= 0);
}

void pic_set_irq(void *device, unsigned line, bool level)
{
	struct pic *pic = device;

	if (line >= PIC_IRQS)
		return;
	if (line < 8) {
		chip_set_line(&pic->master, line, level);
		return;
	}
	chip_set_line(&pic->slave, line - 8, level);
	update_cascade(pic);
}

bool pic_masked(const void *device, unsigned line)
{
	const struct pic *pic = device;

	if (line < 8)
		return pic->master.imr & (1u << line);
	return (pic->slave.imr & (1u << (line - 8))) ||
	       (pic->master.imr & (1u << PIC_CASCADE_IRQ));
}

struct irq pic_irq(struct pic *pic, unsigned line)
{
	return (struct irq){
		.set = pic_set_irq, .masked = pic_masked,
		.controller = pic, .line = line,
	};
}

bool pic_pending(const struct pic *pic)
{
	return chip_request(&pic->master) >= 0;
}

/* Moves the request on INPUT into service, as an INTA cycle does. */
static void chip_acknowledge(struct pic_chip *chip, int input)
{
	uint8_t bit = (uint8_t)(1u << input);

	if (!chip->level_triggered)
		chip->irr &= (uint8_t)~bit;
	if (!chip->auto_eoi)
		chip->isr |= bit;
}

/* The slave's part of an acknowledge cycle the master passed to it. */
static uint8_t slave_acknowledge(struct pic *pic)
{
	int input = chip_request(&pic->slave);
	uint8_t vector = pic->slave.vector_base + SPURIOUS_IRQ;

	if (input >= 0) {
		chip_acknowledge(&pic->slave, input);
		vector = pic->slave.vector_base + (uint8_t)input;
	}
	update_cascade(pic);
	return vector;
}

uint8_t pic_acknowledge(struct pic *pic)
{
	int input = chip_request(&pic->master);

	if (input < 0)
		return pic->master.vector_base + SPURIOUS_IRQ;
	chip_acknowledge(&pic->master, input);
	if (input == PIC_CASCADE_IRQ && !pic->master.single)
		return slave_acknowledge(pic);
	return pic->master.vector_base + (uint8_t)input;
}

/* A poll command's read: an acknowledge cycle that reports, not vectors. */
static uint8_t chip_poll(struct pic_chip *chip)
{
	int input = chip_request(chip);

	chip->poll = false;
	if (input < 0)
		return 0;
	chip_acknowledge(chip, input);
	if (chip == &chip->pic->slave)
		update_cascade(chip->pic);
	return 0x80 | (uint8_t)input;
}

static uint8_t pic_in(void *device, uint16_t offset)
{
	struct pic_chip *chip = device;

	if (offset == PIC_DATA)
		return chip->imr;
	if (chip->poll)
		return chip_poll(chip);
	return chip->read_isr ? chip->isr : chip->irr;
}

/*
 * ICW1 starts the initialisation sequence: it forgets what was in
 * service and masked, and a line already high must fall and rise again
 * to ask for service.
 */
static void write_icw1(struct pic_chip *chip, uint8_t value)
{
	chip->irr = 0;
	chip->isr = 0;
	chip->imr = 0;
	chip->read_isr = false;
	chip->poll = false;
	chip->auto_eoi = false;
	chip->need_icw4 = value & ICW1_ICW4;
	chip->single = value & ICW1_SINGLE;
	chip->level_triggered = value & ICW1_LTIM;
	chip->init_step = 2;
}

/*
 * Only fixed priority is emulated: the rotating commands end the
 * interrupt as their non-rotating forms do, and set-priority is ignored.
 */
static void write_ocw2(struct pic_chip *chip, uint8_t value)
{
	if (!(value & OCW2_EOI))
		return;
	if (value & OCW2_SPECIFIC)
		chip->isr &= (uint8_t)~(1u << (value & 7));
	else if (chip->isr)
		chip->isr &= (uint8_t)~(1u << highest(chip->isr));
}

static void write_ocw3(struct pic_chip *chip, uint8_t value)
{
	if (value & OCW3_POLL)
		chip->poll = true;
	if (value & OCW3_READ)
		chip->read_isr = value & OCW3_RIS;
}

static void write_data(struct pic_chip *chip, uint8_t value)
{
	switch (chip->init_step) {
	case 2:
		chip->vector_base = value & 0xf8;
		chip->init_step = chip->single ? 4 : 3;
		break;
	case 3:		/* ICW3: the cascade is wired to IR2 whatever it says */
		chip->init_step = 4;
		break;
	case 4:
		chip->auto_eoi = value & ICW4_AEOI;
		chip->init_step = 0;
		break;
	default:
		chip->imr = value;
		break;
	}
	if (chip->init_step == 4 && !chip->need_icw4)
		chip->init_step = 0;
}

static int pic_out(void *device, uint16_t offset, uint8_t value)
{
	struct pic_chip *chip = device;

	if (offset == PIC_DATA)
		write_data(chip, value);
	else if (value & ICW1)
		write_icw1(chip, value);
	else if (value & OCW3)
		write_ocw3(chip, value);
	else
		write_ocw2(chip, value);
	/* What the slave asks for may have changed with its state. */
	if (chip == &chip->pic->slave)
		update_cascade(chip->pic);
	return 0;
}

static const struct port_ops pic_ops = {
	.name = "PIC",
	.in = pic_in,
	.out = pic_out,
};

int pic_attach(struct pic *pic, struct bus *bus)
{
	if (bus_register(bus, PIC_MASTER_PORT, 2, &pic_ops, &pic->master) < 0)
		return -1;
	return bus_register(bus, PIC_SLAVE_PORT, 2, &pic_ops, &pic->slave);
}
