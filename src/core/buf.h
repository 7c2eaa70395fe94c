/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef OH_CORE_BUF_H
#define OH_CORE_BUF_H

/*
 * Growable byte buffer with git strbuf's invariants:
 *   - buf is never NULL (an empty buffer points at a shared "" byte),
 *   - buf[len] == '\0' always, len excludes that NUL,
 *   - the content may contain NUL bytes; len is the truth.
 *
 * A buffer that holds untrusted data gets a cap with oh_buf_set_max(): an
 * append that would pass it fails with OH_ELIMIT and leaves the buffer
 * unchanged.  Appends without a cap cannot fail (allocation failure
 * exits, see xalloc.h), so they return void.
 *
 * Not thread safe; a buffer belongs to one thread.
 */

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

struct oh_err;

struct oh_buf {
	char *buf;    /* content, NUL-terminated; never NULL */
	size_t len;   /* bytes of content, excluding the NUL */
	size_t alloc; /* bytes allocated; 0 while buf is the shared "" */
	size_t max;   /* largest len allowed; 0 means no cap */
};

extern char oh_buf_empty[];

/* clang-format off */
#define OH_BUF_INIT { .buf = oh_buf_empty }
/* clang-format on */

/** Prepare a caller-provided buffer, reserving `hint` bytes (may be 0). */
void oh_buf_init(struct oh_buf *b, size_t hint);

/** Free the buffer's memory and return it to OH_BUF_INIT (keeps no cap). */
void oh_buf_release(struct oh_buf *b);

/** Empty the buffer but keep its memory and cap. */
void oh_buf_reset(struct oh_buf *b);

/**
 * Hand the content to the caller, who frees it with free(); the buffer is
 * left empty.  `len_out` may be NULL.
 */
char *oh_buf_detach(struct oh_buf *b, size_t *len_out);

/** Set the cap for untrusted content (0 removes it). */
void oh_buf_set_max(struct oh_buf *b, size_t max);

/** Make room for `extra` more bytes. */
void oh_buf_grow(struct oh_buf *b, size_t extra);

/** Append bytes; with a cap, may return OH_ELIMIT (buffer unchanged). */
int oh_buf_add(struct oh_buf *b, const void *data, size_t len);
int oh_buf_adds(struct oh_buf *b, const char *s);
int oh_buf_addch(struct oh_buf *b, int c);
int oh_buf_addf(struct oh_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
int oh_buf_vaddf(struct oh_buf *b, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));

/** Cut the content to `len` bytes (len <= b->len). */
void oh_buf_setlen(struct oh_buf *b, size_t len);

/** Remove trailing white space. */
void oh_buf_rtrim(struct oh_buf *b);

/**
 * Append the whole content of a file.  The file's bytes count against the
 * cap; OH_EIO (with errno text) or OH_ELIMIT are set in err naming path.
 * Only a regular file is read (oh_open_regular()): a FIFO, device or
 * socket is OH_EINPUT and is never waited on.
 */
int oh_buf_read_file(struct oh_buf *b, const char *path, struct oh_err *err);

/** Append everything readable from fp (capped); `name` is for errors. */
int oh_buf_read_stream(struct oh_buf *b, FILE *fp, const char *name,
		       struct oh_err *err);

/**
 * Append s escaped for display in a one-line message: control bytes as
 * \xNN, quotes and backslashes escaped, shortened to `maxlen` characters
 * with "..." when longer.
 */
void oh_buf_add_quoted(struct oh_buf *b, const char *s, size_t len,
		       size_t maxlen);

/** True when the content equals s. */
bool oh_buf_eq(const struct oh_buf *b, const char *s);

#endif /* OH_CORE_BUF_H */
