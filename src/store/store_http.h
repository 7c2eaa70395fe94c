/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef OH_STORE_STORE_HTTP_H
#define OH_STORE_STORE_HTTP_H

/*
 * The HTTP response cache of src/net/ (table http_cache, schema 4): one
 * row per URL with the validators (ETag, Last-Modified) needed for a
 * conditional request, the time of the last fetch or revalidation, the
 * HTTP status and the body.
 *
 * Invariants: the URL is the key as given by src/net/, which refuses URLs
 * with credentials; no request header (so no Authorization header and no
 * token) is ever passed to or stored by this module.
 *
 * Limits: none here; src/net/ caps bodies before they reach the cache.
 * Thread safety: as struct store (one thread at a time).
 */

#include <stddef.h>
#include <stdint.h>

struct oh_err;
struct store;

struct store_http_entry {
	char *etag;          /* owned; NULL when the reply had none */
	char *last_modified; /* owned; NULL when the reply had none */
	int64_t fetched_at;  /* seconds since the epoch, UTC */
	long status;         /* HTTP status of the cached reply */
	char *body;          /* owned, NUL-terminated; body_len is the truth */
	size_t body_len;     /* bytes of body */
};

/**
 * Look up `url`.  Returns 0 and fills *out when found (release with
 * store_http_entry_release()), OH_ENOTFOUND (err untouched) when there is
 * no row, OH_EDB on failure.
 */
int store_http_get(struct store_http_entry *out, struct store *st,
		   const char *url, struct oh_err *err);

/** Insert or replace the row for `url`. */
int store_http_put(struct store *st, const char *url,
		   const struct store_http_entry *e, struct oh_err *err);

/** After a 304 revalidation: set fetched_at of `url`. */
int store_http_touch(struct store *st, const char *url, int64_t fetched_at,
		     struct oh_err *err);

/** Free the entry's strings; the struct may be reused. */
void store_http_entry_release(struct store_http_entry *e);

#endif /* OH_STORE_STORE_HTTP_H */
