/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef OH_STORE_STORE_BLOB_H
#define OH_STORE_STORE_BLOB_H

/*
 * Per-blob license facts in the `blobs` table, keyed by git blob id, so
 * that a re-scan of a repository reads only blobs it has not seen.
 *
 * Columns used: id, size, is_binary, spdx_ids.  spdx_ids holds a small
 * JSON object {"v":1,"tag":"<expression>","line":N,"n":N} ("tag" absent
 * when the blob has none; "large":true when it was not read for size).
 * A row written by another format version ("v" differs) is a miss, so a
 * change of the tag reader never serves stale facts.  The tree walk's
 * facts of a blob (git/tree.h) add "m": its binary kind (facts/magic.h);
 * a row with "m" and without "v" holds the tree walk's facts only.
 *
 * Operations: open a cache on a store (prepares the statements and starts
 * one transaction), get, put, close (commits, or rolls back on failure).
 * A deferred cache (the scan's) starts no transaction: gets read the
 * committed rows, puts are kept in memory and written by close in one
 * transaction, so that the cache never holds the database while a tree
 * walk runs beside other writers.
 * A failed get or put marks the cache failed and is reported by
 * store_blob_cache_close(); the scan itself goes on.
 *
 * Memory: the cache is freed by store_blob_cache_close(); strings handed
 * out by get are valid until the next get.  Thread safety: one thread.
 */

#include <stdbool.h>
#include <stdint.h>

struct oh_err;
struct store;
struct store_blob_cache;

struct store_blob_row {
	uint64_t size;     /* bytes */
	bool binary;       /* is_binary */
	bool large;        /* not read for size */
	const char *tag;   /* expression or NULL */
	unsigned tag_line; /* line of the first tag */
	unsigned tag_nr;   /* number of tags */
	bool tree_only;    /* tag fields unknown: only the tree walk's facts */
	bool magic_known;  /* magic is set */
	int magic;         /* enum magic_kind of the content */
};

#define STORE_BLOB_FORMAT 1

/** Prepare the statements and begin a transaction. */
int store_blob_cache_open(struct store_blob_cache **out, struct store *st,
			  struct oh_err *err);

/** A deferred cache on a store (see above): close writes the puts. */
int store_blob_cache_open_deferred(struct store_blob_cache **out,
				   struct store *st, struct oh_err *err);

/**
 * Any row of blob_id: 1 and *row filled (row->tree_only and
 * row->magic_known say which facts it has), 0 when there is none.
 */
int store_blob_get_row(struct store_blob_cache *c, const char *blob_id,
		       struct store_blob_row *row);

/** 1 and *row filled on a hit, 0 on a miss (or after a failure). */
int store_blob_get(struct store_blob_cache *c, const char *blob_id,
		   struct store_blob_row *row);

/** Record a row (insert or replace). */
void store_blob_put(struct store_blob_cache *c, const char *blob_id,
		    const struct store_blob_row *row);

/**
 * Write the puts of a deferred cache through `wst` (another handle on the
 * same database: the one writer's) inside the caller's transaction, and
 * forget them.  OH_EDB on failure (the caller rolls back).
 */
int store_blob_cache_write(struct store_blob_cache *c, struct store *wst,
			   struct oh_err *err);

/**
 * The license matcher's result for a text (license/match_cache.h): `key`
 * is the text's SHA-256 in hex, `engine` the matcher's key.  1 and *json
 * (borrowed, valid until the next get) on a hit, 0 on a miss or after a
 * failure.  The put is deferred like store_blob_put() (written by
 * store_blob_cache_write() or close); both use the `license_matches`
 * table (schema 9).
 */
int store_blob_match_get(struct store_blob_cache *c, const char *key,
			 const char *engine, const char **json);
void store_blob_match_put(struct store_blob_cache *c, const char *key,
			  const char *engine, const char *json);

/** Hits and misses so far. */
void store_blob_stats(const struct store_blob_cache *c, uint64_t *hits,
		      uint64_t *misses);

/**
 * Commit and free (NULL is a no-op).  OH_EDB when a get/put or the
 * commit failed (then everything of this cache was rolled back).
 */
int store_blob_cache_close(struct store_blob_cache *c, struct oh_err *err);

#endif /* OH_STORE_STORE_BLOB_H */
