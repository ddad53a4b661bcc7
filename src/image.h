/* image.h - the flat guest image */
#ifndef MINIVM_IMAGE_H
#define MINIVM_IMAGE_H

#include <stddef.h>
#include <stdint.h>

struct image {
	const uint8_t *data;
	size_t size;
	uint8_t *owned;		/* what image_release frees, if anything */
};

/* The hello guest built into the program. */
void image_bundled(struct image *image);
/*
 * Checks that an image of SIZE bytes, named NAME in the message, is not
 * empty and fits in MEMORY bytes of guest memory at LOAD.
 */
int image_check_fit(const char *name, uint64_t size, uint64_t load,
		    uint64_t memory);
/*
 * Reads the regular file PATH whole.  Refuses, with one line on stderr,
 * a file it cannot read and one image_check_fit refuses; the size is
 * checked before anything is read.
 */
int image_read(struct image *image, const char *path, uint64_t load,
	       uint64_t memory);
void image_release(struct image *image);

#endif
