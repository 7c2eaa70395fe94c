/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The HTTP response cache as src/net/ sees it: an entry (the validators
 * of a conditional request and the cached reply) and three callbacks a
 * higher layer sets in struct net_opts.  The store implements them over
 * the http_cache table (store_http_cache() in store/store_http.h), so the
 * network layer never reaches the database itself.
 *
 * Invariants: the URL is the key as src/net/ gives it (it refuses URLs
 * with credentials); no request header, so no token, is ever passed.
 */
#ifndef OH_FACTS_HTTP_CACHE_H
#define OH_FACTS_HTTP_CACHE_H

#include <stddef.h>
#include <stdint.h>

struct oh_err;

struct http_cache_entry {
	char *etag;          /* owned; NULL when the reply had none */
	char *last_modified; /* owned; NULL when the reply had none */
	int64_t fetched_at;  /* seconds since the epoch, UTC */
	long status;         /* HTTP status of the cached reply */
	char *body;          /* owned, NUL-terminated; body_len is the truth */
	size_t body_len;     /* bytes of body */
};

struct http_cache {
	void *ctx; /* passed to the callbacks; NULL with get = no cache */
	/* 0 and *out filled, OH_ENOTFOUND (err untouched) when absent, or
	   an error. */
	int (*get)(struct http_cache_entry *out, void *ctx, const char *url,
		   struct oh_err *err);
	/* Insert or replace the entry of url. */
	int (*put)(void *ctx, const char *url, const struct http_cache_entry *e,
		   struct oh_err *err);
	/* After a 304 revalidation: set fetched_at of url. */
	int (*touch)(void *ctx, const char *url, int64_t fetched_at,
		     struct oh_err *err);
};

/** Free the entry's strings; the struct may be reused. */
void http_cache_entry_release(struct http_cache_entry *e);

#endif /* OH_FACTS_HTTP_CACHE_H */
