/*
 * blk.c - the virtio block device (virtio 1.2, 5.2) without its
 * transport: the image behind it, its features and configuration, and
 * the requests the driver queues
 *
 * A request is a header (type, reserved, sector) the device reads, data,
 * and a status byte the device writes, in that order.  The chain may cut
 * them into buffers any way it likes; what counts is which bytes are
 * readable and which writable, so that is all this file looks at.
 */
#include <config.h>

#include "virtio/blk.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

#include "boot/bytes.h"

/* One line on stderr, about the image at PATH; returns -1. */
__attribute__((format(printf, 2, 3)))
static int refuse(const char *path, const char *format, ...)
{
	va_list args;

	fprintf(stderr, "minivm: disk '%s': ", path);
	va_start(args, format);
	vfprintf(stderr, format, args);
	va_end(args);
	fputc('\n', stderr);
	return -1;
}

/* Why PATH would not open, told as what the user can do about it. */
static int refuse_open(const char *path, bool read_only, int error)
{
	int fd;

	switch (error) {
	case ENOENT:
		return refuse(path, "%s: minivm never creates an image, give "
			      "one that exists", strerror(error));
	case EISDIR:
		return refuse(path, "is a directory: a disk is a regular file "
			      "or a block device");
	case EACCES:
	case EPERM:
	case EROFS:
		if (read_only)
			break;
		fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
		if (fd < 0)
			break;
		close(fd);
		return refuse(path, "cannot be written (%s): make it writable, "
			      "or append ,ro to use it read-only",
			      strerror(error));
	}
	return refuse(path, "cannot be opened: %s", strerror(error));
}

/*
 * O_NONBLOCK only so that opening a FIFO by mistake does not hang; it
 * is taken off again, though it means nothing to files and disks.
 */
static int open_image(const char *path, bool read_only)
{
	int mode = read_only ? O_RDONLY : O_RDWR;
	int fd = open(path, mode | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	int flags;

	if (fd < 0)
		return refuse_open(path, read_only, errno);
	flags = fcntl(fd, F_GETFL);
	if (flags < 0 || fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) < 0) {
		refuse(path, "cannot be opened: %s", strerror(errno));
		close(fd);
		return -1;
	}
	return fd;
}

/* A regular file or a block device (a disk, a partition, an LV). */
static int image_size(int fd, const char *path, uint64_t *size)
{
	struct stat st;
	off_t end;

	if (fstat(fd, &st) < 0)
		return refuse(path, "cannot be examined: %s", strerror(errno));
	if (S_ISDIR(st.st_mode))
		return refuse(path, "is a directory: a disk is a regular file "
			      "or a block device");
	if (S_ISREG(st.st_mode)) {
		*size = (uint64_t)st.st_size;
		return 0;
	}
	if (!S_ISBLK(st.st_mode))
		return refuse(path, "is neither a regular file nor a block "
			      "device, which is all a disk can be");
	end = lseek(fd, 0, SEEK_END);
	if (end < 0)
		return refuse(path, "its size cannot be found: %s",
			      strerror(errno));
	*size = (uint64_t)end;
	return 0;
}

/*
 * As QEMU does, an open file description lock on the whole image: it
 * goes away with the file, however minivm ends, and it conflicts with
 * QEMU's own locks on the image too.  Many may read an image; one
 * alone may write it.
 */
static int lock_image(int fd, const char *path, bool read_only)
{
	struct flock lock = {
		.l_type = read_only ? F_RDLCK : F_WRLCK,
		.l_whence = SEEK_SET,
	};

	if (fcntl(fd, F_OFD_SETLK, &lock) == 0)
		return 0;
	if (errno == EAGAIN || errno == EACCES)
		return refuse(path, "in use by another minivm or program: "
			      "only read-only (,ro) uses may share an image");
	return refuse(path, "cannot be locked: %s", strerror(errno));
}

/* The file's own name, as far as 20 bytes hold it. */
static void set_id(struct virtio_blk *blk, const char *path)
{
	const char *slash = strrchr(path, '/');
	const char *name = slash ? slash + 1 : path;
	size_t length = strlen(name);

	memset(blk->id, 0, sizeof(blk->id));
	memcpy(blk->id, name,
	       length < sizeof(blk->id) ? length : sizeof(blk->id));
}

int virtio_blk_open(struct virtio_blk *blk, const char *path, bool read_only)
{
	uint64_t size = 0;
	int fd;

	*blk = (struct virtio_blk){ .fd = -1 };
	fd = open_image(path, read_only);
	if (fd < 0)
		return -1;
	if (image_size(fd, path, &size) < 0)
		goto fail;
	if (size % VIRTIO_BLK_SECTOR) {
		refuse(path, "its size, %llu bytes, is not a multiple of %d: "
		       "a disk holds whole sectors", (unsigned long long)size,
		       VIRTIO_BLK_SECTOR);
		goto fail;
	}
	if (lock_image(fd, path, read_only) < 0)
		goto fail;
	blk->fd = fd;
	blk->read_only = read_only;
	blk->sectors = size / VIRTIO_BLK_SECTOR;
	set_id(blk, path);
	return 0;
fail:
	close(fd);
	return -1;
}

void virtio_blk_close(struct virtio_blk *blk)
{
	if (blk->fd >= 0)
		close(blk->fd);
	blk->fd = -1;
}

/*
 * No SIZE_MAX: a segment may be as long as the driver likes.  No
 * GEOMETRY or TOPOLOGY: nothing to tell.  FLUSH without CONFIG_WCE: the
 * host's page cache is a write-back cache the driver must flush.
 */
uint32_t virtio_blk_features(const struct virtio_blk *blk)
{
	uint32_t features = 1u << VIRTIO_BLK_F_SEG_MAX |
			    1u << VIRTIO_BLK_F_BLK_SIZE |
			    1u << VIRTIO_BLK_F_FLUSH;

	if (blk->read_only)
		features |= 1u << VIRTIO_BLK_F_RO;
	return features;
}

/*
 * blk_size is 512, the sector: a partition table or file system made
 * for 512-byte sectors must find its blocks where it left them.
 */
uint8_t virtio_blk_config(const struct virtio_blk *blk, unsigned offset)
{
	uint8_t config[VIRTIO_BLK_CONFIG_SIZE] = { 0 };

	if (offset >= sizeof(config))
		return 0;
	put64(config, blk->sectors);
	put32(config + 12, VIRTIO_BLK_SEG_MAX);
	put32(config + 20, VIRTIO_BLK_SECTOR);
	return config[offset];
}

/* The request's bytes of one direction come in pieces, one a buffer. */
typedef void piece_fn(void *context, uint8_t *data, uint32_t length);

/* Calls FN on the LENGTH bytes of direction WRITABLE from byte SKIP on. */
static void each_piece(const struct virtqueue_chain *chain, bool writable,
		       uint64_t skip, uint64_t length, piece_fn *fn,
		       void *context)
{
	for (unsigned i = 0; i < chain->count && length > 0; i++) {
		const struct virtqueue_buffer *b = &chain->buffers[i];
		uint64_t n;

		if (b->writable != writable)
			continue;
		if (skip >= b->length) {
			skip -= b->length;
			continue;
		}
		n = b->length - skip < length ? b->length - skip : length;
		fn(context, b->data + skip, (uint32_t)n);
		length -= n;
		skip = 0;
	}
}

/* Copies out of the chain to TO, or into it from FROM (NULL: zeros). */
struct copy_cursor {
	const uint8_t *from;
	uint8_t *to;
};

static void copy_out_piece(void *context, uint8_t *data, uint32_t length)
{
	struct copy_cursor *copy = context;

	memcpy(copy->to, data, length);
	copy->to += length;
}

static void copy_in_piece(void *context, uint8_t *data, uint32_t length)
{
	struct copy_cursor *copy = context;

	if (!copy->from) {
		memset(data, 0, length);
		return;
	}
	memcpy(data, copy->from, length);
	copy->from += length;
}

static void fill_writable(const struct virtqueue_chain *chain, uint64_t skip,
			  const uint8_t *from, uint64_t length)
{
	struct copy_cursor copy = { .from = from };

	each_piece(chain, true, skip, length, copy_in_piece, &copy);
}

/* Where a request's parts lie in its chain. */
struct request {
	const struct virtqueue_chain *chain;
	uint64_t readable;	/* the header, then OUT's data */
	uint64_t writable;	/* IN's data or the id, then the status */
	uint8_t *status;	/* the last writable byte */
	uint32_t type;
	uint64_t sector;
};

/* The pieces of one direction's data, for one preadv or pwritev. */
struct disk_vector {
	struct iovec iov[VIRTQUEUE_MAX_BUFFERS];
	int first;		/* the pieces before it are done */
	int count;
};

static void add_piece(void *context, uint8_t *data, uint32_t length)
{
	struct disk_vector *vector = context;

	vector->iov[vector->count++] = (struct iovec){ data, length };
}

/* Drops the first N bytes, already transferred, from the vector. */
static void consume(struct disk_vector *vector, size_t n)
{
	while (n > 0 && vector->first < vector->count) {
		struct iovec *v = &vector->iov[vector->first];
		size_t step = n < v->iov_len ? n : v->iov_len;

		v->iov_base = (uint8_t *)v->iov_base + step;
		v->iov_len -= step;
		n -= step;
		if (v->iov_len == 0)
			vector->first++;
	}
}

/*
 * Moves the LENGTH bytes from byte SKIP of the request's data to the
 * image (WRITE: its readable bytes, with pwritev) or from it (its
 * writable bytes, with preadv), in one call unless one comes back short
 * or a signal cuts it.  The end of the file, where a sector should be,
 * is an error too.
 */
static int transfer(int fd, const struct request *req, bool write,
		    uint64_t skip, uint64_t length)
{
	struct disk_vector vector = { .first = 0, .count = 0 };
	uint64_t offset = req->sector * VIRTIO_BLK_SECTOR;

	each_piece(req->chain, !write, skip, length, add_piece, &vector);
	while (vector.first < vector.count) {
		struct iovec *iov = vector.iov + vector.first;
		int count = vector.count - vector.first;
		ssize_t n = write ? pwritev(fd, iov, count, (off_t)offset) :
				    preadv(fd, iov, count, (off_t)offset);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		offset += (uint64_t)n;
		consume(&vector, (size_t)n);
	}
	return 0;
}

/* Returns -1 if there is no writable byte to hold the status. */
static int describe(const struct virtqueue_chain *chain, struct request *req)
{
	uint8_t header[VIRTIO_BLK_HEADER_SIZE];
	struct copy_cursor copy = { .to = header };

	*req = (struct request){ .chain = chain };
	for (unsigned i = 0; i < chain->count; i++) {
		const struct virtqueue_buffer *b = &chain->buffers[i];

		if (b->writable) {
			req->writable += b->length;
			if (b->length > 0)
				req->status = b->data + b->length - 1;
		} else {
			req->readable += b->length;
		}
	}
	if (!req->status)
		return -1;
	if (req->readable >= sizeof(header)) {
		each_piece(chain, false, 0, sizeof(header), copy_out_piece,
			   &copy);
		req->type = le32(header);
		req->sector = le64(header + 8);
	}
	return 0;
}

/* A whole number of sectors, all of them on the disk. */
static bool on_disk(const struct virtio_blk *blk, uint64_t sector,
		    uint64_t bytes)
{
	return bytes % VIRTIO_BLK_SECTOR == 0 && sector <= blk->sectors &&
	       bytes / VIRTIO_BLK_SECTOR <= blk->sectors - sector;
}

static uint8_t read_sectors(struct virtio_blk *blk, const struct request *req)
{
	uint64_t bytes = req->writable - 1;

	if (req->readable != VIRTIO_BLK_HEADER_SIZE ||
	    !on_disk(blk, req->sector, bytes))
		return VIRTIO_BLK_S_IOERR;
	if (transfer(blk->fd, req, false, 0, bytes) < 0)
		return VIRTIO_BLK_S_IOERR;
	return VIRTIO_BLK_S_OK;
}

/* On a read-only disk, as the specification asks, nothing is written. */
static uint8_t write_sectors(struct virtio_blk *blk, const struct request *req)
{
	uint64_t bytes = req->readable - VIRTIO_BLK_HEADER_SIZE;

	if (blk->read_only || req->writable != 1 ||
	    !on_disk(blk, req->sector, bytes))
		return VIRTIO_BLK_S_IOERR;
	if (transfer(blk->fd, req, true, VIRTIO_BLK_HEADER_SIZE, bytes) < 0)
		return VIRTIO_BLK_S_IOERR;
	return VIRTIO_BLK_S_OK;
}

static uint8_t flush(struct virtio_blk *blk, const struct request *req)
{
	if (req->readable != VIRTIO_BLK_HEADER_SIZE || req->writable != 1)
		return VIRTIO_BLK_S_IOERR;
	while (fdatasync(blk->fd) < 0)
		if (errno != EINTR)
			return VIRTIO_BLK_S_IOERR;
	return VIRTIO_BLK_S_OK;
}

/* The id, NUL-padded to 20 bytes, and zeros in any room after it. */
static uint8_t get_id(struct virtio_blk *blk, const struct request *req)
{
	uint64_t room = req->writable - 1;
	uint64_t n = room < sizeof(blk->id) ? room : sizeof(blk->id);

	if (req->readable != VIRTIO_BLK_HEADER_SIZE)
		return VIRTIO_BLK_S_IOERR;
	fill_writable(req->chain, 0, (const uint8_t *)blk->id, n);
	fill_writable(req->chain, n, NULL, room - n);
	return VIRTIO_BLK_S_OK;
}

static uint8_t serve(struct virtio_blk *blk, const struct request *req)
{
	if (req->readable < VIRTIO_BLK_HEADER_SIZE)
		return VIRTIO_BLK_S_IOERR;
	switch (req->type) {
	case VIRTIO_BLK_T_IN:
		return read_sectors(blk, req);
	case VIRTIO_BLK_T_OUT:
		return write_sectors(blk, req);
	case VIRTIO_BLK_T_FLUSH:
		return flush(blk, req);
	case VIRTIO_BLK_T_GET_ID:
		return get_id(blk, req);
	default:
		return VIRTIO_BLK_S_UNSUPP;
	}
}

/*
 * A request that fails may have read part of its data: zeroing it all
 * makes the used length, every writable byte, true whatever happened.
 */
int64_t virtio_blk_request(struct virtio_blk *blk,
			   const struct virtqueue_chain *chain)
{
	struct request req;
	uint8_t status;

	if (describe(chain, &req) < 0)
		return -1;
	status = serve(blk, &req);
	if (status != VIRTIO_BLK_S_OK)
		fill_writable(chain, 0, NULL, req.writable - 1);
	*req.status = status;
	return (int64_t)req.writable;
}
