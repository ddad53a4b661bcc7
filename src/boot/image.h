/* image.h - reading a guest's files into memory */
#ifndef MINIVM_BOOT_IMAGE_H
#define MINIVM_BOOT_IMAGE_H

#include <stddef.h>
#include <stdint.h>

struct image {
	const char *name;	/* for messages */
	const uint8_t *data;
	size_t size;
	uint8_t *owned;		/* what image_release frees, or NULL */
};

/* The hello guest built into the program. */
void image_bundled(struct image *image);
/*
 * Reads the regular file PATH whole.  Refuses, with one line on stderr
 * naming it as KIND ("image", "initrd"), a file it cannot read, an
 * empty one, and one larger than MEMORY bytes of guest memory; the size
 * is checked before anything is read.
 */
int image_read(struct image *image, const char *kind, const char *path,
	       uint64_t memory);
void image_release(struct image *image);

#endif
