/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef OH_CORE_FMAP_H
#define OH_CORE_FMAP_H

/*
 * A whole input file in memory, for parsers that take (bytes, length):
 * a large regular file is mapped (mmap, populated at once) instead of
 * read into a buffer, which spares a copy of it and as many fresh pages
 * as it has bytes (the kernel clears every fresh page: for a 200 MB SBOM
 * that was a tenth of its validation time).  Small files, files whose
 * size is a multiple of the page size (no room for the NUL after them)
 * and anything that cannot be mapped are read with oh_buf_read_file(), so
 * errors and limits are that function's.
 *
 * The bytes are NUL-terminated either way (data[len] == '\0'), as an
 * oh_buf's are.  The mapping is private: the file's bytes are what they
 * were when it was mapped unless another process rewrites it in place;
 * a file truncated by another process while it is mapped makes the
 * reader fault (SIGBUS), as git and other mapping readers do.
 *
 * Not thread safe; one oh_fmap belongs to one thread.
 */

#include <stddef.h>

#include "core/buf.h"

struct oh_err;

struct oh_fmap {
	const char *data;  /* the bytes, data[len] == '\0'; never NULL */
	size_t len;        /* bytes of the file */
	void *map;         /* the mapping, or NULL: data is buf's */
	size_t map_len;    /* bytes mapped */
	struct oh_buf buf; /* the file read, when not mapped */
};

/* clang-format off */
#define OH_FMAP_INIT { .data = "", .buf = OH_BUF_INIT }
/* clang-format on */

/**
 * Bring the regular file `path` into m (OH_FMAP_INIT), mapped or read.
 * `max` caps its size (0: no cap): past it, OH_ELIMIT as
 * oh_buf_read_file() reports it.  Errors (OH_ENOTFOUND, OH_EIO,
 * OH_EINPUT "not a regular file", OH_ELIMIT) name path; m is then empty.
 */
int oh_fmap_read(struct oh_fmap *m, const char *path, size_t max,
		 struct oh_err *err);

/** Unmap or free, and return m to OH_FMAP_INIT. */
void oh_fmap_release(struct oh_fmap *m);

#endif /* OH_CORE_FMAP_H */
