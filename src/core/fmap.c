/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Input files mapped or read (fmap.h).  Only files of at least MAP_MIN
 * bytes are mapped: below that a read costs less than setting up and
 * tearing down a mapping.
 */
/* style: 15: MAP_POPULATE is a GNU extension; it must come before any header */
#define _GNU_SOURCE
#include "core/fmap.h"

#include <stdint.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/err.h"
#include "core/path.h"
#include "core/banned.h"

#define MAP_MIN ((size_t)1 << 20) /* bytes: smaller files are read */

/* The file behind fd mapped with a NUL after it, or NULL. */
static char *map_file(int fd, size_t len, size_t *map_len)
{
	long page = sysconf(_SC_PAGESIZE);
	char *p, *last;

	/* the NUL goes in the last page's tail, past the end of the file */
	if (page <= 0 || len % (size_t)page == 0)
		return NULL;
	/* read only: populating a writable private mapping would copy it */
	p = mmap(NULL, len, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
	if (p == MAP_FAILED)
		return NULL;
	/* the kernel cleared the tail; written, it is our own copy, which
	 * a process appending to the file cannot change */
	last = p + (len & ~((size_t)page - 1));
	if (mprotect(last, (size_t)page, PROT_READ | PROT_WRITE) < 0) {
		(void)munmap(p, len);
		return NULL;
	}
	p[len] = '\0';
	(void)mprotect(last, (size_t)page, PROT_READ);
	*map_len = len;
	return p;
}

int oh_fmap_read(struct oh_fmap *m, const char *path, size_t max,
		 struct oh_err *err)
{
	struct stat st;
	int fd = oh_open_regular(path, err);
	char *p = NULL;
	int ret;

	if (fd < 0)
		return fd;
	if (fstat(fd, &st) == 0 && st.st_size > 0 &&
	    (uintmax_t)st.st_size >= MAP_MIN &&
	    (max == 0 || (uintmax_t)st.st_size <= max) &&
	    (uintmax_t)st.st_size < SIZE_MAX / 2)
		p = map_file(fd, (size_t)st.st_size, &m->map_len);
	close(fd);
	if (p) {
		m->map = p;
		m->data = p;
		m->len = (size_t)st.st_size;
		return 0;
	}
	oh_buf_set_max(&m->buf, max);
	ret = oh_buf_read_file(&m->buf, path, err);
	if (ret < 0) {
		oh_buf_release(&m->buf);
		return ret;
	}
	m->data = m->buf.buf;
	m->len = m->buf.len;
	return 0;
}

void oh_fmap_release(struct oh_fmap *m)
{
	if (m->map)
		(void)munmap(m->map, m->map_len);
	oh_buf_release(&m->buf);
	*m = (struct oh_fmap)OH_FMAP_INIT;
}
