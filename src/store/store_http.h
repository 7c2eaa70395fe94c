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

#include "facts/http_cache.h"

struct oh_err;
struct store;

/**
 * Look up `url`.  Returns 0 and fills *out when found (release with
 * http_cache_entry_release()), OH_ENOTFOUND (err untouched) when there is
 * no row, OH_EDB on failure.
 */
int store_http_get(struct http_cache_entry *out, struct store *st,
		   const char *url, struct oh_err *err);

/** Insert or replace the row for `url`. */
int store_http_put(struct store *st, const char *url,
		   const struct http_cache_entry *e, struct oh_err *err);

/** After a 304 revalidation: set fetched_at of `url`. */
int store_http_touch(struct store *st, const char *url, int64_t fetched_at,
		     struct oh_err *err);

/** The callbacks of src/net/'s response cache over this store. */
struct http_cache store_http_cache(struct store *st);

#endif /* OH_STORE_STORE_HTTP_H */
