/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Growable buffer; see buf.h for the invariants.
 */
#include "core/buf.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/err.h"
#include "core/path.h"
#include "core/xalloc.h"
#include "core/banned.h"

#define HUGE_PAGE ((size_t)2 << 20)
#define BIG_FILE  ((size_t)8 << 20) /* bytes: read into huge pages */

char oh_buf_empty[1];

void oh_buf_init(struct oh_buf *b, size_t hint)
{
	b->buf = oh_buf_empty;
	b->len = 0;
	b->alloc = 0;
	b->max = 0;
	if (hint > 0)
		oh_buf_grow(b, hint);
}

void oh_buf_release(struct oh_buf *b)
{
	if (b->alloc > 0)
		free(b->buf);
	oh_buf_init(b, 0);
}

void oh_buf_reset(struct oh_buf *b)
{
	oh_buf_setlen(b, 0);
}

char *oh_buf_detach(struct oh_buf *b, size_t *len_out)
{
	char *res;

	if (b->alloc == 0)
		oh_buf_grow(b, 1);
	res = b->buf;
	if (len_out)
		*len_out = b->len;
	b->buf = oh_buf_empty;
	b->len = 0;
	b->alloc = 0;
	return res;
}

void oh_buf_set_max(struct oh_buf *b, size_t max)
{
	b->max = max;
}

void oh_buf_grow(struct oh_buf *b, size_t extra)
{
	size_t need = oh_add(oh_add(b->len, extra), 1);
	bool fresh = b->alloc == 0;

	if (need <= b->alloc)
		return;
	if (fresh)
		b->buf = NULL;
	OH_GROW(b->buf, b->alloc, need);
	if (fresh)
		b->buf[0] = '\0';
}

static bool over_cap(const struct oh_buf *b, size_t extra)
{
	return b->max > 0 && (extra > b->max || b->len > b->max - extra);
}

int oh_buf_add(struct oh_buf *b, const void *data, size_t len)
{
	if (over_cap(b, len))
		return OH_ELIMIT;
	if (len == 0)
		return 0;
	oh_buf_grow(b, len);
	memcpy(b->buf + b->len, data, len);
	b->len += len;
	b->buf[b->len] = '\0';
	return 0;
}

int oh_buf_adds(struct oh_buf *b, const char *s)
{
	return oh_buf_add(b, s, strlen(s));
}

int oh_buf_addch(struct oh_buf *b, int c)
{
	char ch = (char)c;

	return oh_buf_add(b, &ch, 1);
}

int oh_buf_vaddf(struct oh_buf *b, const char *fmt, va_list ap)
{
	va_list cp;
	int n;

	va_copy(cp, ap);
	n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (n < 0)
		OH_BUG("bad format string '%s'", fmt);
	if (over_cap(b, (size_t)n))
		return OH_ELIMIT;
	oh_buf_grow(b, (size_t)n);
	vsnprintf(b->buf + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
	return 0;
}

int oh_buf_addf(struct oh_buf *b, const char *fmt, ...)
{
	va_list ap;
	int ret;

	va_start(ap, fmt);
	ret = oh_buf_vaddf(b, fmt, ap);
	va_end(ap);
	return ret;
}

void oh_buf_setlen(struct oh_buf *b, size_t len)
{
	if (len > b->len)
		OH_BUG("oh_buf_setlen(%zu) beyond length %zu", len, b->len);
	if (b->alloc == 0)
		return;
	b->len = len;
	b->buf[len] = '\0';
}

void oh_buf_rtrim(struct oh_buf *b)
{
	size_t n = b->len;

	while (n > 0 && isspace((unsigned char)b->buf[n - 1]))
		n--;
	oh_buf_setlen(b, n);
}

int oh_buf_read_stream(struct oh_buf *b, FILE *fp, const char *name,
		       struct oh_err *err)
{
	char chunk[65536];
	size_t n;

	for (;;) {
		/* straight into the buffer while it has room for a chunk (a
		 * file sized first: oh_buf_read_file()), not copied */
		size_t room = b->alloc > b->len ? b->alloc - b->len - 1 : 0;
		char *to = room >= sizeof(chunk) ? b->buf + b->len : chunk;

		n = fread(to, 1, to == chunk ? sizeof(chunk) : room, fp);
		if (n == 0)
			break;
		if (to == chunk && oh_buf_add(b, chunk, n) == 0)
			continue;
		if (to != chunk && !over_cap(b, n)) {
			b->len += n;
			b->buf[b->len] = '\0';
			continue;
		}
		b->buf[b->len] = '\0'; /* the read went past it */
		return oh_err_set(err, OH_ELIMIT, name, 0, 0,
				  "file is larger than the limit of %zu bytes",
				  b->max);
	}
	if (ferror(fp))
		return oh_err_set(err, OH_EIO, name, 0, 0, "cannot read: %s",
				  strerror(errno));
	return 0;
}

/*
 * Room for a file of `size` bytes.  A large one (an SBOM of 100 MB) asks
 * for transparent huge pages: the page faults of 4 KiB pages cost more
 * than reading it.
 */
static void grow_for_file(struct oh_buf *b, size_t size)
{
	oh_buf_grow(b, size);
#ifdef MADV_HUGEPAGE
	if (b->alloc - b->len >= BIG_FILE) {
		uintptr_t at = ((uintptr_t)(b->buf + b->len) + HUGE_PAGE - 1) &
			       ~(uintptr_t)(HUGE_PAGE - 1);
		uintptr_t end = ((uintptr_t)(b->buf + b->alloc)) &
				~(uintptr_t)(HUGE_PAGE - 1);

		if (end > at)
			(void)madvise((void *)at, end - at, MADV_HUGEPAGE);
	}
#endif /* MADV_HUGEPAGE */
}

int oh_buf_read_file(struct oh_buf *b, const char *path, struct oh_err *err)
{
	int fd = oh_open_regular(path, err);
	struct stat st;
	FILE *fp;
	int ret;

	if (fd < 0)
		return fd;
	/* one allocation of the file's size, not a doubling series */
	if (fstat(fd, &st) == 0 && st.st_size > 0 &&
	    (b->max == 0 || (uintmax_t)st.st_size <= b->max) &&
	    (uintmax_t)st.st_size < SIZE_MAX / 2)
		grow_for_file(b, (size_t)st.st_size);
	fp = fdopen(fd, "rb");
	if (!fp) {
		close(fd);
		return oh_err_set(err, OH_EIO, path, 0, 0, "cannot open: %s",
				  strerror(errno));
	}
	ret = oh_buf_read_stream(b, fp, path, err);
	fclose(fp);
	return ret;
}

void oh_buf_add_quoted(struct oh_buf *b, const char *s, size_t len,
		       size_t maxlen)
{
	size_t shown = 0;

	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (shown >= maxlen) {
			oh_buf_adds(b, "...");
			return;
		}
		if (c == '\\' || c == '\'')
			oh_buf_addf(b, "\\%c", c);
		else if (c < 0x20 || c == 0x7f)
			oh_buf_addf(b, "\\x%02x", c);
		else
			oh_buf_addch(b, c);
		shown++;
	}
}

bool oh_buf_eq(const struct oh_buf *b, const char *s)
{
	size_t n = strlen(s);

	return n == b->len && memcmp(b->buf, s, n) == 0;
}
