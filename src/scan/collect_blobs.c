/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The scan's blob cache: the `blobs` table (store/store_blob.h) serving
 * both readers of the one tree walk, the walk itself (size, binary test,
 * magic: facts/tree.h) and the license scanner (SPDX tags:
 * license/scan.h), so that a re-scan reads only blobs it has not seen.
 *
 * One row per blob holds the facts of both.  The walk asks first, the
 * scanner right after for the same blob: the row read for the walk is
 * kept and serves the scanner.  What the two record about one blob is
 * gathered and written as one row.  Rows are read through the worker's
 * own database handle (no lock: WAL readers do not wait); the new ones
 * are kept with the item and written by the batch in the component's
 * transaction, with its facts (scan.c: one writer).
 *
 * The license matcher's answers (license/match_cache.h) are kept the
 * same way, in `license_matches`: a re-scan matches only new texts.  So
 * are the copyright holders of the relicensing sample, keyed by blob id
 * (40 hex digits, never a text's 64) and the sample's own engine key:
 * a re-scan reads none of the 400 files again.
 *
 * Any failure of the cache only costs speed: the walk reads the blob.
 */
#include "scan/scan_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/err.h"
#include "core/xalloc.h"
#include "facts/tree.h"
#include "license/match_cache.h"
#include "license/scan.h"
#include "store/store.h"
#include "store/store_blob.h"
#include "core/banned.h"

struct scan_blobs {
	struct store_blob_cache *c;
	struct store *db; /* its handle, in a read transaction until finish */
	/* the row read last */
	char id[41];
	bool found;
	struct store_blob_row row;
	struct oh_buf tag; /* row.tag, copied */
	/* what the walk and the scanner recorded about blob pid */
	char pid[41];
	bool has_tree, has_lic;
	struct store_blob_row p;
	struct oh_buf ptag; /* p.tag, copied */
};

static void lookup(struct scan_blobs *b, const char *id)
{
	if (strcmp(b->id, id) == 0)
		return;
	snprintf(b->id, sizeof(b->id), "%s", id);
	memset(&b->row, 0, sizeof(b->row));
	b->found = store_blob_get_row(b->c, id, &b->row) == 1;
	oh_buf_reset(&b->tag);
	if (b->found && b->row.tag) {
		oh_buf_adds(&b->tag, b->row.tag);
		b->row.tag = b->tag.buf;
	}
}

/* Write what was gathered about blob pid, with what its row had. */
static void flush(struct scan_blobs *b)
{
	struct store_blob_row r = b->p;
	bool known = b->found && strcmp(b->id, b->pid) == 0;

	if (!b->has_tree && !b->has_lic)
		return;
	if (!b->has_lic) {
		if (known && !b->row.tree_only) {
			r.tag = b->row.tag;
			r.tag_line = b->row.tag_line;
			r.tag_nr = b->row.tag_nr;
			r.tree_only = false;
		} else {
			r.tree_only = true;
		}
	}
	if (!b->has_tree && known && b->row.magic_known) {
		r.magic_known = true;
		r.magic = b->row.magic;
	}
	store_blob_put(b->c, b->pid, &r);
	b->has_tree = b->has_lic = false;
	b->pid[0] = '\0';
}

/* The pending row of blob id (the one gathered before is written). */
static struct store_blob_row *pending(struct scan_blobs *b, const char *id)
{
	if (strcmp(b->pid, id) != 0) {
		flush(b);
		snprintf(b->pid, sizeof(b->pid), "%s", id);
		memset(&b->p, 0, sizeof(b->p));
		oh_buf_reset(&b->ptag);
	}
	return &b->p;
}

static bool tree_get(void *ctx, struct tree_file *f)
{
	struct scan_blobs *b = ctx;

	lookup(b, f->blob_id);
	if (!b->found || !b->row.magic_known)
		return false;
	f->size = b->row.size;
	f->binary = b->row.binary;
	f->magic = (enum magic_kind)b->row.magic;
	return true;
}

static void tree_put(void *ctx, const struct tree_file *f)
{
	struct scan_blobs *b = ctx;
	struct store_blob_row *r = pending(b, f->blob_id);

	r->size = f->size;
	r->binary = f->binary;
	r->large = r->large || f->large;
	r->magic_known = true;
	r->magic = (int)f->magic;
	b->has_tree = true;
}

static int lic_get(void *ctx, const char *id, struct lic_blob_facts *out)
{
	struct scan_blobs *b = ctx;

	lookup(b, id);
	/* a blob too large to read is a miss: the scanner notes it again
	 * (it is not read either way) */
	if (!b->found || b->row.tree_only || b->row.large)
		return 0;
	*out = (struct lic_blob_facts){ .size = b->row.size,
					.binary = b->row.binary,
					.large = b->row.large,
					.tag = b->row.tag,
					.tag_line = b->row.tag_line,
					.tag_nr = b->row.tag_nr };
	return 1;
}

static void lic_put(void *ctx, const char *id, const struct lic_blob_facts *f)
{
	struct scan_blobs *b = ctx;
	struct store_blob_row *r = pending(b, id);

	r->size = f->size;
	r->binary = f->binary;
	r->large = r->large || f->large;
	oh_buf_reset(&b->ptag);
	r->tag = NULL;
	if (f->tag) {
		oh_buf_adds(&b->ptag, f->tag);
		r->tag = b->ptag.buf;
	}
	r->tag_line = f->tag_line;
	r->tag_nr = f->tag_nr;
	r->tree_only = false;
	b->has_lic = true;
}

static const char *match_get(void *ctx, const char *engine, const char *key)
{
	struct scan_blobs *b = ctx;
	const char *json = NULL;

	return store_blob_match_get(b->c, key, engine, &json) == 1 ? json
								   : NULL;
}

static void match_put(void *ctx, const char *engine, const char *key,
		      const char *json)
{
	struct scan_blobs *b = ctx;

	store_blob_match_put(b->c, key, engine, json);
}

void scan_blobs_match_cache(struct lic_adapt_cache *out, struct scan_blobs *b)
{
	*out = (struct lic_adapt_cache){ .get = match_get,
					 .put = match_put,
					 .ctx = b };
}

/* Stored as "=holder", or "-" when the head names none. */
int scan_blobs_holder_get(struct scan_blobs *b, const char *engine,
			  const char *blob_id, char *out, size_t size,
			  bool *named)
{
	const char *v = NULL;

	if (!b || size == 0 ||
	    store_blob_match_get(b->c, blob_id, engine, &v) != 1 || !v)
		return 0;
	*named = v[0] == '=';
	if (strcmp(v, "-") == 0) {
		out[0] = '\0';
		return 1;
	}
	if (!*named || strlen(v + 1) >= size)
		return 0; /* not ours: read the blob */
	snprintf(out, size, "%s", v + 1);
	return 1;
}

void scan_blobs_holder_put(struct scan_blobs *b, const char *engine,
			   const char *blob_id, const char *holder)
{
	struct oh_buf v = OH_BUF_INIT;

	if (!b)
		return;
	if (holder) {
		oh_buf_addch(&v, '=');
		oh_buf_adds(&v, holder);
	} else {
		oh_buf_adds(&v, "-");
	}
	store_blob_match_put(b->c, blob_id, engine, v.buf);
	oh_buf_release(&v);
}

void scan_blobs_open(struct scan_blobs **out, struct scan_worker *wk,
		     struct tree_blob_cache *tc, struct lic_scan_cache *lc)
{
	struct oh_err err = OH_ERR_INIT;
	struct scan_blobs *b;

	*out = NULL;
	if (!wk->st)
		return;
	if (!wk->blob_db &&
	    store_open(&wk->blob_db, store_path(wk->st), NULL, &err) < 0) {
		wk->blob_db = NULL;
		oh_err_release(&err);
		return;
	}
	b = oh_xcalloc(1, sizeof(*b));
	oh_buf_init(&b->tag, 64);
	oh_buf_init(&b->ptag, 64);
	if (store_blob_cache_open_deferred(&b->c, wk->blob_db, &err) < 0) {
		oh_buf_release(&b->tag);
		oh_buf_release(&b->ptag);
		free(b);
		oh_err_release(&err);
		return;
	}
	/* the walk's thousands of lookups under one read lock, not one
	 * lock (two fcntl calls and a WAL index check) per lookup */
	if (store_begin_read(wk->blob_db, &err) == 0)
		b->db = wk->blob_db;
	oh_err_release(&err);
	*tc = (struct tree_blob_cache){ .get = tree_get,
					.put = tree_put,
					.ctx = b };
	*lc = (struct lic_scan_cache){ .get = lic_get,
				       .put = lic_put,
				       .ctx = b };
	*out = b;
}

void scan_blobs_finish(struct scan_blobs *b)
{
	struct oh_err err = OH_ERR_INIT;

	if (!b)
		return;
	flush(b);
	if (b->db) /* the read transaction ends (it wrote nothing) */
		(void)store_commit(b->db, &err);
	b->db = NULL;
	oh_err_release(&err);
}

int scan_blobs_write(struct scan_blobs *b, struct store *st, struct oh_err *err)
{
	return b ? store_blob_cache_write(b->c, st, err) : 0;
}

void scan_blobs_free(struct scan_blobs *b)
{
	struct oh_err err = OH_ERR_INIT;

	if (!b)
		return;
	/* what was not written is dropped: the next scan reads more */
	(void)store_blob_cache_close(b->c, &err);
	oh_err_release(&err);
	oh_buf_release(&b->tag);
	oh_buf_release(&b->ptag);
	free(b);
}
