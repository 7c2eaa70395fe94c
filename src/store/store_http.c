/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Queries on http_cache, the response cache of src/net/.
 */
#include "store/store_int.h"
#include "store/store_http.h"

#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "core/xalloc.h"
#include "core/banned.h"

int store_http_get(struct http_cache_entry *out, struct store *st,
		   const char *url, struct oh_err *err)
{
	static const char sql[] =
		"SELECT etag, last_modified, fetched_at, status, body"
		" FROM http_cache WHERE url = ?1";
	sqlite3_stmt *stmt = NULL;
	int ret = 0;
	int rc;

	memset(out, 0, sizeof(*out));
	if (store_prepare(st, &stmt, sql, err) < 0)
		return err->code;
	store_bind_text(stmt, 1, url);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		const void *b = sqlite3_column_blob(stmt, 4);
		int n = sqlite3_column_bytes(stmt, 4);

		out->etag = store_col_dup_or_null(stmt, 0);
		out->last_modified = store_col_dup_or_null(stmt, 1);
		out->fetched_at = sqlite3_column_int64(stmt, 2);
		out->status = (long)sqlite3_column_int64(stmt, 3);
		out->body_len = n > 0 ? (size_t)n : 0;
		out->body = oh_xmalloc(out->body_len + 1);
		if (out->body_len > 0)
			memcpy(out->body, b, out->body_len);
		out->body[out->body_len] = '\0';
	} else if (rc == SQLITE_DONE) {
		ret = OH_ENOTFOUND;
	} else {
		ret = store_db_error(st, err, "reading the HTTP cache");
	}
	sqlite3_finalize(stmt);
	return ret;
}

int store_http_put(struct store *st, const char *url,
		   const struct http_cache_entry *e, struct oh_err *err)
{
	static const char sql[] =
		"INSERT OR REPLACE INTO http_cache (url, etag, last_modified,"
		" fetched_at, status, body) VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
	sqlite3_stmt *stmt = NULL;
	int ret = 0;

	if (store_prepare(st, &stmt, sql, err) < 0)
		return err->code;
	store_bind_text(stmt, 1, url);
	store_bind_text(stmt, 2, e->etag);
	store_bind_text(stmt, 3, e->last_modified);
	sqlite3_bind_int64(stmt, 4, e->fetched_at);
	sqlite3_bind_int64(stmt, 5, e->status);
	sqlite3_bind_blob64(stmt, 6, e->body ? e->body : "", e->body_len,
			    SQLITE_TRANSIENT);
	if (sqlite3_step(stmt) != SQLITE_DONE)
		ret = store_db_error(st, err, "writing the HTTP cache");
	sqlite3_finalize(stmt);
	return ret;
}

int store_http_touch(struct store *st, const char *url, int64_t fetched_at,
		     struct oh_err *err)
{
	static const char sql[] =
		"UPDATE http_cache SET fetched_at = ?1 WHERE url = ?2";
	sqlite3_stmt *stmt = NULL;
	int ret = 0;

	if (store_prepare(st, &stmt, sql, err) < 0)
		return err->code;
	sqlite3_bind_int64(stmt, 1, fetched_at);
	store_bind_text(stmt, 2, url);
	if (sqlite3_step(stmt) != SQLITE_DONE)
		ret = store_db_error(st, err, "updating the HTTP cache");
	sqlite3_finalize(stmt);
	return ret;
}

static int cache_get(struct http_cache_entry *out, void *ctx, const char *url,
		     struct oh_err *err)
{
	return store_http_get(out, ctx, url, err);
}

static int cache_put(void *ctx, const char *url,
		     const struct http_cache_entry *e, struct oh_err *err)
{
	return store_http_put(ctx, url, e, err);
}

static int cache_touch(void *ctx, const char *url, int64_t fetched_at,
		       struct oh_err *err)
{
	return store_http_touch(ctx, url, fetched_at, err);
}

struct http_cache store_http_cache(struct store *st)
{
	struct http_cache c = { .ctx = st,
				.get = cache_get,
				.put = cache_put,
				.touch = cache_touch };

	return c;
}
