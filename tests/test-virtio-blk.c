/* test-virtio-blk.c - unit tests of the virtio block device, on image files */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/uio.h>

#include "boot/bytes.h"
#include "check.h"
#include "memory.h"
#include "virtio/blk.h"
#include "virtio/virtqueue.h"

#define SECTORS 8

/* The directory the images are made in, removed at the end. */
static char dir[4096];
static char image[4096 + 32];

/* Sector S of a fresh image is all byte S + 1. */
static void make_file(const char *path, uint64_t size, mode_t mode)
{
	uint8_t sector[VIRTIO_BLK_SECTOR];
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);

	CHECK(fd >= 0);
	for (uint64_t done = 0; fd >= 0 && done < size;) {
		size_t n = size - done < sizeof(sector) ? size - done :
			   sizeof(sector);

		memset(sector, (int)(done / VIRTIO_BLK_SECTOR + 1), n);
		CHECK(write(fd, sector, n) == (ssize_t)n);
		done += n;
	}
	CHECK(fd >= 0 && fchmod(fd, mode) == 0 && close(fd) == 0);
}

static void make_image(void)
{
	make_file(image, SECTORS * VIRTIO_BLK_SECTOR, 0600);
}

static void read_back(uint8_t *bytes, uint64_t offset, size_t n)
{
	int fd = open(image, O_RDONLY);

	CHECK(fd >= 0 && pread(fd, bytes, n, (off_t)offset) == (ssize_t)n);
	close(fd);
}

static bool all(const uint8_t *bytes, uint8_t value, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (bytes[i] != value)
			return false;
	return true;
}

/* Chains built straight on buffers: the queue is test-virtqueue's. */
static void add(struct virtqueue_chain *chain, void *data, uint32_t length,
		bool writable)
{
	chain->buffers[chain->count++] = (struct virtqueue_buffer){
		.data = data, .length = length, .writable = writable,
	};
}

static void header(uint8_t *h, uint32_t type, uint64_t sector)
{
	put32(h, type);
	put32(h + 4, 0);
	put64(h + 8, sector);
}

/* A request of TYPE at SECTOR, with DATA of LENGTH bytes either way. */
static int64_t request(struct virtio_blk *blk, uint32_t type, uint64_t sector,
		       uint8_t *data, uint32_t length, bool in,
		       uint8_t *status)
{
	struct virtqueue_chain chain = { .count = 0 };
	uint8_t h[VIRTIO_BLK_HEADER_SIZE];

	header(h, type, sector);
	add(&chain, h, sizeof(h), false);
	if (length > 0)
		add(&chain, data, length, in);
	add(&chain, status, 1, true);
	*status = 0xff;
	return virtio_blk_request(blk, &chain);
}

/*
 * preadv and pwritev, as the device calls them: these stand in for
 * libc's, so that a test can make the kernel's answers short (at most
 * transfer_limit bytes a call; 0: no limit), cut by a signal (EINTR
 * on the next call while interrupt_next is set) or failed (EIO on
 * call number fail_at, counting from transfer_calls' last reset).
 */
static size_t transfer_limit;
static bool interrupt_next;
static unsigned fail_at;
static unsigned transfer_calls;

static ssize_t limited(int fd, const struct iovec *iov, int count,
		       off_t offset, bool write)
{
	size_t left = transfer_limit ? transfer_limit : SIZE_MAX;
	ssize_t done = 0;

	if (++transfer_calls == fail_at) {
		errno = EIO;
		return -1;
	}
	if (interrupt_next) {
		interrupt_next = false;
		errno = EINTR;
		return -1;
	}
	for (int i = 0; i < count && left > 0; i++) {
		size_t want = iov[i].iov_len < left ? iov[i].iov_len : left;
		ssize_t n = write ? pwrite(fd, iov[i].iov_base, want, offset) :
				    pread(fd, iov[i].iov_base, want, offset);

		if (n < 0)
			return done > 0 ? done : -1;
		done += n;
		offset += n;
		left -= (size_t)n;
		if ((size_t)n < want)
			break;
	}
	return done;
}

ssize_t preadv(int fd, const struct iovec *iov, int count, off_t offset)
{
	return limited(fd, iov, count, offset, false);
}

ssize_t pwritev(int fd, const struct iovec *iov, int count, off_t offset)
{
	return limited(fd, iov, count, offset, true);
}

static void test_in(void)
{
	struct virtio_blk blk;
	struct virtqueue_chain chain = { .count = 0 };
	uint8_t data[2 * VIRTIO_BLK_SECTOR + 1], h[VIRTIO_BLK_HEADER_SIZE];
	uint8_t status;

	make_image();
	CHECK(virtio_blk_open(&blk, image, false) == 0);
	CHECK(request(&blk, VIRTIO_BLK_T_IN, 2, data, 1024, true, &status) ==
	      1025);
	CHECK(status == VIRTIO_BLK_S_OK);
	CHECK(all(data, 3, 512) && all(data + 512, 4, 512));

	/* Any layout: data and status in one buffer, the header in two. */
	header(h, VIRTIO_BLK_T_IN, 7);
	add(&chain, h, 10, false);
	add(&chain, h + 10, 6, false);
	add(&chain, data, 100, true);
	add(&chain, data + 100, 413, true);
	data[512] = 0xff;
	CHECK(virtio_blk_request(&blk, &chain) == 513);
	CHECK(all(data, 8, 512) && data[512] == VIRTIO_BLK_S_OK);

	/* No data at all, at the very end of the disk: nothing to do. */
	CHECK(request(&blk, VIRTIO_BLK_T_IN, SECTORS, data, 0, true,
		      &status) == 1);
	CHECK(status == VIRTIO_BLK_S_OK);
	virtio_blk_close(&blk);
}

static void test_out(void)
{
	struct virtio_blk blk;
	uint8_t data[2 * VIRTIO_BLK_SECTOR], back[3 * VIRTIO_BLK_SECTOR];
	uint8_t status;
	struct stat st;

	make_image();
	CHECK(virtio_blk_open(&blk, image, false) == 0);
	memset(data, 0xaa, sizeof(data));
	CHECK(request(&blk, VIRTIO_BLK_T_OUT, 5, data, sizeof(data), false,
		      &status) == 1);
	CHECK(status == VIRTIO_BLK_S_OK);
	read_back(back, 4 * VIRTIO_BLK_SECTOR, sizeof(back));
	CHECK(all(back, 5, 512) && all(back + 512, 0xaa, 1024));
	CHECK(stat(image, &st) == 0 && st.st_size == SECTORS * 512);

	CHECK(request(&blk, VIRTIO_BLK_T_FLUSH, 0, NULL, 0, false,
		      &status) == 1);
	CHECK(status == VIRTIO_BLK_S_OK);
	virtio_blk_close(&blk);
	CHECK(blk.fd == -1);
}

/*
 * One call moves all of a request's data, however many buffers it
 * has; a short answer or a signal goes on from where it stopped.
 */
static void test_short_transfers(void)
{
	struct virtio_blk blk;
	struct virtqueue_chain chain = { .count = 0 };
	uint8_t data[3 * VIRTIO_BLK_SECTOR + 1], h[VIRTIO_BLK_HEADER_SIZE];
	uint8_t back[3 * VIRTIO_BLK_SECTOR];

	make_image();
	CHECK(virtio_blk_open(&blk, image, false) == 0);
	header(h, VIRTIO_BLK_T_IN, 1);
	add(&chain, h, sizeof(h), false);
	add(&chain, data, 700, true);
	add(&chain, data + 700, 1, true);
	add(&chain, data + 701, 836, true);
	transfer_calls = 0;
	CHECK(virtio_blk_request(&blk, &chain) == 1537);
	CHECK(transfer_calls == 1);
	CHECK(all(data, 2, 512) && all(data + 512, 3, 512) &&
	      all(data + 1024, 4, 512) && data[1536] == VIRTIO_BLK_S_OK);

	transfer_limit = 300;
	interrupt_next = true;
	memset(data, 0, sizeof(data));
	CHECK(virtio_blk_request(&blk, &chain) == 1537);
	CHECK(all(data, 2, 512) && all(data + 512, 3, 512) &&
	      all(data + 1024, 4, 512) && data[1536] == VIRTIO_BLK_S_OK);

	/* The same chain's bytes, written back three sectors on. */
	header(h, VIRTIO_BLK_T_OUT, 4);
	for (unsigned i = 1; i < chain.count; i++)
		chain.buffers[i].writable = false;
	chain.buffers[3].length--;	/* the status byte is its own */
	add(&chain, data + 1536, 1, true);
	memset(data, 0xbb, 700);
	interrupt_next = true;
	CHECK(virtio_blk_request(&blk, &chain) == 1);
	CHECK(data[1536] == VIRTIO_BLK_S_OK);
	read_back(back, 4 * VIRTIO_BLK_SECTOR, sizeof(back));
	CHECK(all(back, 0xbb, 700) && all(back + 700, 3, 324) &&
	      all(back + 1024, 4, 512));

	/* A read the image's file fails halfway: IOERR, all the data zeros. */
	chain.count = 4;
	for (unsigned i = 1; i < chain.count; i++)
		chain.buffers[i].writable = true;
	chain.buffers[3].length++;
	header(h, VIRTIO_BLK_T_IN, 1);
	transfer_limit = 600;
	interrupt_next = false;
	memset(data, 0xee, sizeof(data));
	transfer_calls = 0;
	CHECK(virtio_blk_request(&blk, &chain) == 1537);
	CHECK(transfer_calls == 3 && data[1536] == VIRTIO_BLK_S_OK);
	memset(data, 0xee, sizeof(data));
	transfer_calls = 0;
	fail_at = 2;
	CHECK(virtio_blk_request(&blk, &chain) == 1537);
	CHECK(all(data, 0, 1536) && data[1536] == VIRTIO_BLK_S_IOERR);
	fail_at = 0;
	transfer_limit = 0;
	virtio_blk_close(&blk);
}

/* The file's name, NUL-padded; what room there is past 20 bytes, zeros. */
static void test_get_id(void)
{
	struct virtio_blk blk;
	uint8_t id[32], status;

	make_image();
	CHECK(virtio_blk_open(&blk, image, true) == 0);
	memset(id, 0xff, sizeof(id));
	CHECK(request(&blk, VIRTIO_BLK_T_GET_ID, 0, id, VIRTIO_BLK_ID_BYTES,
		      true, &status) == VIRTIO_BLK_ID_BYTES + 1);
	CHECK(status == VIRTIO_BLK_S_OK);
	CHECK(memcmp(id, "disk.img\0\0\0\0\0\0\0\0\0\0\0\0", 20) == 0);
	CHECK(id[20] == 0xff);
	memset(id, 0xff, sizeof(id));
	CHECK(request(&blk, VIRTIO_BLK_T_GET_ID, 0, id, sizeof(id), true,
		      &status) == sizeof(id) + 1);
	CHECK(all(id + 8, 0, sizeof(id) - 8));
	virtio_blk_close(&blk);
}

/* Other types are unsupported, and their writable bytes left zero. */
static void test_unsupported(void)
{
	struct virtio_blk blk;
	uint8_t data[512], status;

	make_image();
	CHECK(virtio_blk_open(&blk, image, false) == 0);
	memset(data, 0xff, sizeof(data));
	CHECK(request(&blk, 11, 0, data, sizeof(data), true, &status) == 513);
	CHECK(status == VIRTIO_BLK_S_UNSUPP && all(data, 0, sizeof(data)));
	CHECK(request(&blk, 0x80000000u, 0, NULL, 0, false, &status) == 1);
	CHECK(status == VIRTIO_BLK_S_UNSUPP);
	virtio_blk_close(&blk);
}

static void test_past_the_end(void)
{
	struct virtio_blk blk;
	uint8_t data[1024], back[SECTORS * VIRTIO_BLK_SECTOR], status;
	struct stat st;

	make_image();
	CHECK(virtio_blk_open(&blk, image, false) == 0);
	memset(data, 0xff, sizeof(data));
	CHECK(request(&blk, VIRTIO_BLK_T_IN, SECTORS - 1, data, 1024, true,
		      &status) == 1025);
	CHECK(status == VIRTIO_BLK_S_IOERR && all(data, 0, sizeof(data)));
	/* Sectors whose byte offset would wrap around. */
	CHECK(request(&blk, VIRTIO_BLK_T_IN, UINT64_MAX / 256, data, 512,
		      true, &status) == 513);
	CHECK(status == VIRTIO_BLK_S_IOERR);
	CHECK(request(&blk, VIRTIO_BLK_T_IN, UINT64_MAX, data, 512, true,
		      &status) == 513);
	CHECK(status == VIRTIO_BLK_S_IOERR);

	memset(data, 0xaa, sizeof(data));
	CHECK(request(&blk, VIRTIO_BLK_T_OUT, SECTORS - 1, data, 1024, false,
		      &status) == 1);
	CHECK(status == VIRTIO_BLK_S_IOERR);
	CHECK(stat(image, &st) == 0 && st.st_size == sizeof(back));
	read_back(back, 0, sizeof(back));
	CHECK(all(back + 7 * 512, 8, 512));
	virtio_blk_close(&blk);
}

/* Chains no driver should make: IOERR, or -1 with no status byte. */
static void test_malformed(void)
{
	struct virtio_blk blk;
	struct virtqueue_chain chain = { .count = 0 };
	uint8_t h[VIRTIO_BLK_HEADER_SIZE], data[600], status;

	make_image();
	CHECK(virtio_blk_open(&blk, image, false) == 0);
	header(h, VIRTIO_BLK_T_IN, 0);
	add(&chain, h, sizeof(h), false);
	CHECK(virtio_blk_request(&blk, &chain) == -1);
	add(&chain, data, 0, true);
	CHECK(virtio_blk_request(&blk, &chain) == -1);

	/* A header of 15 bytes. */
	chain.count = 0;
	add(&chain, h, 15, false);
	add(&chain, &status, 1, true);
	CHECK(virtio_blk_request(&blk, &chain) == 1);
	CHECK(status == VIRTIO_BLK_S_IOERR);

	/* Data the wrong way: readable for IN, writable for OUT. */
	CHECK(request(&blk, VIRTIO_BLK_T_IN, 0, data, 512, false,
		      &status) == 1);
	CHECK(status == VIRTIO_BLK_S_IOERR);
	CHECK(request(&blk, VIRTIO_BLK_T_OUT, 0, data, 512, true,
		      &status) == 513);
	CHECK(status == VIRTIO_BLK_S_IOERR);
	CHECK(request(&blk, VIRTIO_BLK_T_FLUSH, 0, data, 512, true,
		      &status) == 513);
	CHECK(status == VIRTIO_BLK_S_IOERR);

	/* Not whole sectors. */
	CHECK(request(&blk, VIRTIO_BLK_T_IN, 0, data, 600, true,
		      &status) == 601);
	CHECK(status == VIRTIO_BLK_S_IOERR);
	CHECK(request(&blk, VIRTIO_BLK_T_OUT, 0, data, 100, false,
		      &status) == 1);
	CHECK(status == VIRTIO_BLK_S_IOERR);
	virtio_blk_close(&blk);
}

static void test_read_only(void)
{
	struct virtio_blk blk;
	uint8_t data[512], back[512], status;

	make_image();
	CHECK(virtio_blk_open(&blk, image, true) == 0);
	CHECK(virtio_blk_features(&blk) & 1u << VIRTIO_BLK_F_RO);
	memset(data, 0xaa, sizeof(data));
	CHECK(request(&blk, VIRTIO_BLK_T_OUT, 1, data, sizeof(data), false,
		      &status) == 1);
	CHECK(status == VIRTIO_BLK_S_IOERR);
	read_back(back, 512, sizeof(back));
	CHECK(all(back, 2, sizeof(back)));
	CHECK(request(&blk, VIRTIO_BLK_T_IN, 1, data, sizeof(data), true,
		      &status) == 513);
	CHECK(status == VIRTIO_BLK_S_OK && all(data, 2, sizeof(data)));
	virtio_blk_close(&blk);
}

static void test_features_and_config(void)
{
	struct virtio_blk blk;
	uint8_t config[VIRTIO_BLK_CONFIG_SIZE + 4];

	make_file(image, 3 * 512ull, 0600);
	CHECK(virtio_blk_open(&blk, image, false) == 0);
	CHECK(virtio_blk_features(&blk) ==
	      (1u << VIRTIO_BLK_F_SEG_MAX | 1u << VIRTIO_BLK_F_BLK_SIZE |
	       1u << VIRTIO_BLK_F_FLUSH));
	for (unsigned i = 0; i < sizeof(config); i++)
		config[i] = virtio_blk_config(&blk, i);
	CHECK(le64(config) == 3);
	CHECK(le32(config + 8) == 0);
	CHECK(le32(config + 12) == VIRTIO_BLK_SEG_MAX);
	CHECK(le32(config + 16) == 0);
	CHECK(le32(config + 20) == 512);
	CHECK(le32(config + 24) == 0);
	CHECK(virtio_blk_config(&blk, 0xffff) == 0);
	virtio_blk_close(&blk);
}

/* A request through a queue in guest memory, from avail to used. */
static void test_through_a_queue(void)
{
	const uint64_t ram = 0x10000, desc = ram + 0x1000;
	const uint64_t buffers = ram + 0x3000;
	uint8_t *host = aligned_alloc(4096, 0x8000);
	struct guest_memory memory = { .count = 1 };
	struct virtqueue_chain chain;
	struct virtio_blk blk;
	struct virtqueue vq;
	uint8_t *d;

	CHECK(host != NULL);
	if (!host)
		return;
	memset(host, 0, 0x8000);
	memory.regions[0] = (struct memory_region){ ram, 0x8000, host };
	make_image();
	CHECK(virtio_blk_open(&blk, image, false) == 0);
	virtqueue_init(&vq, &memory);
	CHECK(virtqueue_set_legacy(&vq, 4, desc / 4096) == 0);
	header(host + 0x3000, VIRTIO_BLK_T_IN, 6);
	for (unsigned i = 0; i < 3; i++) {
		d = host + 0x1000 + 16 * i;
		put64(d, buffers + 0x300 * i);
		put32(d + 8, i == 0 ? 16 : i == 1 ? 512 : 1);
		put16(d + 12, (i ? VRING_DESC_F_WRITE : 0) |
			      (i < 2 ? VRING_DESC_F_NEXT : 0));
		put16(d + 14, (uint16_t)(i + 1));
	}
	put16(host + 0x1040 + 2, 1);		/* avail idx; ring[0] = 0 */
	CHECK(virtqueue_pop(&vq, &chain) == VIRTQUEUE_CHAIN);
	virtqueue_push(&vq, chain.head, (uint32_t)virtio_blk_request(&blk,
								     &chain));
	CHECK(le16(host + 0x2002) == 1 && le32(host + 0x2008) == 513);
	CHECK(all(host + 0x3300, 7, 512) && host[0x3600] == VIRTIO_BLK_S_OK);
	CHECK(virtqueue_needs_interrupt(&vq));
	virtio_blk_close(&blk);
	free(host);
}

/* virtio_blk_open's answer, and the line it wrote on stderr. */
static int open_saying(struct virtio_blk *blk, const char *path,
		       bool read_only, char *said, size_t size)
{
	FILE *capture = tmpfile();
	int saved = dup(STDERR_FILENO), rc;
	size_t n = 0;

	CHECK(capture && saved >= 0);
	fflush(stderr);
	dup2(fileno(capture), STDERR_FILENO);
	rc = virtio_blk_open(blk, path, read_only);
	fflush(stderr);
	dup2(saved, STDERR_FILENO);
	close(saved);
	rewind(capture);
	n = fread(said, 1, size - 1, capture);
	said[n] = '\0';
	fclose(capture);
	return rc;
}

/* Refused, with one line that names the image and says WHAT. */
static void check_refused(const char *path, bool read_only, const char *what)
{
	char said[512], start[4200];
	struct virtio_blk blk;

	snprintf(start, sizeof(start), "minivm: disk '%s': ", path);
	CHECK(open_saying(&blk, path, read_only, said, sizeof(said)) == -1);
	CHECK(strncmp(said, start, strlen(start)) == 0);
	CHECK(strchr(said, '\n') == said + strlen(said) - 1);
	if (!strstr(said, what))
		fprintf(stderr, "'%s' not in: %s", what, said);
	CHECK(strstr(said, what) != NULL);
}

static void check_opens(const char *path, bool read_only)
{
	char said[512];
	struct virtio_blk blk;

	CHECK(open_saying(&blk, path, read_only, said, sizeof(said)) == 0);
	CHECK(said[0] == '\0');
	virtio_blk_close(&blk);
}

/* Root reads and writes whatever its mode: those checks cannot be made. */
static bool modes_count(void)
{
	return geteuid() != 0;
}

static void test_refusals(void)
{
	char path[4200];
	struct stat st;

	snprintf(path, sizeof(path), "%s/missing.img", dir);
	check_refused(path, false, "never creates an image");
	CHECK(stat(path, &st) == -1 && errno == ENOENT);
	check_refused(dir, false, "is a directory");
	check_refused(dir, true, "is a directory");

	snprintf(path, sizeof(path), "%s/fifo", dir);
	CHECK(mkfifo(path, 0600) == 0);
	check_refused(path, true, "neither a regular file nor a block device");

	snprintf(path, sizeof(path), "%s/odd.img", dir);
	make_file(path, 1000, 0600);
	check_refused(path, false,
		      "size, 1000 bytes, is not a multiple of 512");
	CHECK(stat(path, &st) == 0 && st.st_size == 1000);

	/* Empty is whole sectors too: none. */
	snprintf(path, sizeof(path), "%s/empty.img", dir);
	make_file(path, 0, 0600);
	check_opens(path, false);

	if (!modes_count())
		return;
	snprintf(path, sizeof(path), "%s/unreadable.img", dir);
	make_file(path, 512, 0);
	check_refused(path, true, "cannot be opened: Permission denied");
	check_refused(path, false, "cannot be opened: Permission denied");
	snprintf(path, sizeof(path), "%s/read-only.img", dir);
	make_file(path, 512, 0400);
	check_refused(path, false, "cannot be written (Permission denied): "
		      "make it writable, or append ,ro to use it read-only");
	check_opens(path, true);
}

/* Many may read an image, one alone may write it, each its own open. */
static void test_lock(void)
{
	struct virtio_blk first, second;

	make_image();
	CHECK(virtio_blk_open(&first, image, false) == 0);
	check_refused(image, false, "in use by another minivm or program");
	check_refused(image, true, "only read-only (,ro) uses may share");
	virtio_blk_close(&first);

	CHECK(virtio_blk_open(&first, image, true) == 0);
	CHECK(virtio_blk_open(&second, image, true) == 0);
	check_refused(image, false, "in use");
	virtio_blk_close(&first);
	check_refused(image, false, "in use");
	virtio_blk_close(&second);
	check_opens(image, false);
}

static void make_dir(void)
{
	const char *tmp = getenv("TMPDIR");

	snprintf(dir, sizeof(dir), "%s/test-virtio-blk.XXXXXX",
		 tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(dir)) {
		perror("test-virtio-blk: mkdtemp");
		exit(99);
	}
	snprintf(image, sizeof(image), "%s/disk.img", dir);
}

static void remove_dir(void)
{
	static const char *const names[] = {
		"disk.img", "fifo", "odd.img", "empty.img", "unreadable.img",
		"read-only.img",
	};
	char path[4200];

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		unlink(path);
	}
	CHECK(rmdir(dir) == 0);
}

int main(void)
{
	make_dir();
	RUN_TEST(test_in);
	RUN_TEST(test_out);
	RUN_TEST(test_short_transfers);
	RUN_TEST(test_get_id);
	RUN_TEST(test_unsupported);
	RUN_TEST(test_past_the_end);
	RUN_TEST(test_malformed);
	RUN_TEST(test_read_only);
	RUN_TEST(test_features_and_config);
	RUN_TEST(test_through_a_queue);
	RUN_TEST(test_refusals);
	RUN_TEST(test_lock);
	remove_dir();
	return CHECK_STATUS();
}
