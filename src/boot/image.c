/* image.c - reading a guest's files into memory */
#include <config.h>

#include "boot/image.h"

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
		.name = "hello.bin (built in)",
		.data = hello_image,
		.size = hello_image_size,
	};
}

static int check_size(const char *kind, const char *path, uint64_t size,
		      uint64_t memory)
{
	if (size == 0) {
		fprintf(stderr, "minivm: %s '%s' is empty\n", kind, path);
		return -1;
	}
	if (size > memory) {
		fprintf(stderr, "minivm: %s '%s' (%" PRIu64 " bytes) does "
			"not fit in %" PRIu64 " bytes of guest memory\n",
			kind, path, size, memory);
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

static int read_open_image(struct image *image, int fd, const char *kind,
			   const char *path, uint64_t memory)
{
	struct stat st;
	uint8_t *buf;

	if (fstat(fd, &st) < 0) {
		fprintf(stderr, "minivm: cannot stat '%s': %s\n", path,
			strerror(errno));
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		fprintf(stderr, "minivm: %s '%s' is not a regular file\n",
			kind, path);
		return -1;
	}
	if (check_size(kind, path, (uint64_t)st.st_size, memory) < 0)
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
		.name = path, .data = buf, .size = (size_t)st.st_size,
		.owned = buf,
	};
	return 0;
}

int image_read(struct image *image, const char *kind, const char *path,
	       uint64_t memory)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	int ret;

	if (fd < 0) {
		fprintf(stderr, "minivm: cannot open '%s': %s\n", path,
			strerror(errno));
		return -1;
	}
	ret = read_open_image(image, fd, kind, path, memory);
	close(fd);
	return ret;
}

void image_release(struct image *image)
{
	free(image->owned);
	*image = (struct image){ 0 };
}
