/*
 * blk.h - the virtio block device (virtio 1.2, 5.2) without its
 * transport: the image behind it, its features and configuration, and
 * the requests the driver queues
 */
#ifndef MINIVM_VIRTIO_BLK_H
#define MINIVM_VIRTIO_BLK_H

#include <stdbool.h>
#include <stdint.h>

#include "virtio/virtqueue.h"

#define VIRTIO_ID_BLOCK 2
#define VIRTIO_BLK_SECTOR 512

/* Feature bits. */
#define VIRTIO_BLK_F_SEG_MAX 2
#define VIRTIO_BLK_F_RO 5
#define VIRTIO_BLK_F_BLK_SIZE 6
#define VIRTIO_BLK_F_FLUSH 9

/*
 * The queue size to give the driver (the legacy QUEUE_NUM): a chain can
 * then have every buffer this module allows, the data segments the
 * configuration promises (seg_max) and the header and status.
 */
#define VIRTIO_BLK_QUEUE_SIZE VIRTQUEUE_MAX_BUFFERS
#define VIRTIO_BLK_SEG_MAX (VIRTQUEUE_MAX_BUFFERS - 2)

/* The configuration space: capacity, size_max, seg_max, geometry, blk_size. */
#define VIRTIO_BLK_CONFIG_SIZE 24

/* Request types and status values. */
#define VIRTIO_BLK_T_IN 0
#define VIRTIO_BLK_T_OUT 1
#define VIRTIO_BLK_T_FLUSH 4
#define VIRTIO_BLK_T_GET_ID 8
#define VIRTIO_BLK_S_OK 0
#define VIRTIO_BLK_S_IOERR 1
#define VIRTIO_BLK_S_UNSUPP 2

#define VIRTIO_BLK_HEADER_SIZE 16
#define VIRTIO_BLK_ID_BYTES 20

struct virtio_blk {
	int fd;			/* -1: closed */
	bool read_only;
	uint64_t sectors;	/* the capacity */
	/* What GET_ID answers: the image's file name, cut to 20 bytes. */
	char id[VIRTIO_BLK_ID_BYTES];
};

/*
 * Opens the image at PATH, a regular file or a block device whose size
 * is a whole number of sectors, and locks it against other programs
 * (shared if READ_ONLY, else exclusive).  Returns 0, or -1 after one
 * line on stderr saying what is wrong: the image is never created,
 * truncated or grown.
 */
int virtio_blk_open(struct virtio_blk *blk, const char *path, bool read_only);
void virtio_blk_close(struct virtio_blk *blk);

/* The device feature bits to offer (the legacy interface's 32). */
uint32_t virtio_blk_features(const struct virtio_blk *blk);

/* The byte at OFFSET in the configuration space; 0 past its end. */
uint8_t virtio_blk_config(const struct virtio_blk *blk, unsigned offset);

/*
 * Carries out the request in CHAIN and writes its status byte.  Returns
 * the used ring's len, every device-writable byte of the chain, which
 * virtqueue_pop keeps below 4 GiB (a request that fails leaves its data
 * bytes zero rather than half written); or -1 if the chain has no
 * status byte to write: the chain is then the transport's to give back
 * (as used, length 0) or not.
 */
int64_t virtio_blk_request(struct virtio_blk *blk,
			   const struct virtqueue_chain *chain);

#endif
