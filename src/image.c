/* image.c - the flat guest image */
#include <config.h>

#include "image.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Generated at build time from guest/hello.bin. */
extern const uint8_t hello_image[];
extern const size_t hello_image_size;

void image_bundled(struct image *image)
{
	*image = (struct image){
		.data = hello_image,
		.size = hello_image_size,
	};
}

int image_check_fit(const char *name, uint64_t size, uint64_t load,
		    uint64_t memory)
{
	if (size == 0) {
		fprintf(stderr, "minivm: image '%s' is empty\n", name);
		return -1;
	}
	if (load >= memory || size > memory - load) {
		fprintf(stderr, "minivm: image '%s' (%" PRIu64 " bytes) does "
			"not fit in %" PRIu64 " bytes of guest memory at load "
			"address 0x%" PRIx64 "\n", name, size, memory, load);
		return -1;
	}
	return 0;
}

static int read_all(int fd, uint8_t *buf, size_t size)
{
	size_t done = 0;

	while (done < size) {
		ssize_t n = read(fd, buf + done, size - done);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		if (n == 0) {
			errno = EIO;	/* the file shrank under us */
			return -1;
		}
		done += (size_t)n;
	}
	return 0;
}

static int read_open_image(struct image *image, int fd, const char *path,
			   uint64_t load, uint64_t memory)
{
	struct stat st;
	uint8_t *buf;

	if (fstat(fd, &st) < 0) {
		fprintf(stderr, "minivm: cannot stat '%s': %s\n", path,
			strerror(errno));
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		fprintf(stderr, "minivm: image '%s' is not a regular file\n",
			path);
		return -1;
	}
	if (image_check_fit(path, (uint64_t)st.st_size, load, memory) < 0)
		return -1;
	buf = malloc((size_t)st.st_size);
	if (!buf) {
		fprintf(stderr, "minivm: cannot read '%s': %s\n", path,
			strerror(errno));
		return -1;
	}
	if (read_all(fd, buf, (size_t)st.st_size) < 0) {
		fprintf(stderr, "minivm: cannot read '%s': %s\n", path,
			strerror(errno));
		free(buf);
		return -1;
	}
	*image = (struct image){
		.data = buf, .size = (size_t)st.st_size, .owned = buf,
	};
	return 0;
}

int image_read(struct image *image, const char *path, uint64_t load,
	       uint64_t memory)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	int ret;

	if (fd < 0) {
		fprintf(stderr, "minivm: cannot open '%s': %s\n", path,
			strerror(errno));
		return -1;
	}
	ret = read_open_image(image, fd, path, load, memory);
	close(fd);
	return ret;
}

void image_release(struct image *image)
{
	free(image->owned);
	*image = (struct image){ 0 };
}
