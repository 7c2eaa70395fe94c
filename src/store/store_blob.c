/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The blob-facts cache over the `blobs` table.  See store_blob.h.
 */
#include "store/store_blob.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "core/buf.h"
#include "core/err.h"
#include "core/xalloc.h"
#include "store/store.h"
#include "store/store_int.h"
#include "core/banned.h"

#define PUT_SQL                                                        \
	"INSERT OR REPLACE INTO blobs (id, size, is_binary, spdx_ids)" \
	" VALUES (?1, ?2, ?3, ?4)"
#define MATCH_PUT_SQL                                                  \
	"INSERT OR REPLACE INTO license_matches (text_sha256, engine," \
	" result) VALUES (?1, ?2, ?3)"

struct store_blob_cache {
	struct store *st;
	sqlite3_stmt *get;
	sqlite3_stmt *put;
	sqlite3_stmt *mget; /* license_matches, prepared on first use */
	sqlite3_stmt *mput;
	struct oh_buf tag;   /* the last tag handed out */
	struct oh_buf match; /* the last match handed out */
	struct oh_err err;   /* first failure */
	uint64_t hits;
	uint64_t misses;
	bool deferred;   /* no transaction until close */
	bool no_matches; /* the database has no license_matches table */
	struct pending {
		char id[41];
		uint64_t size;
		bool binary;
		char *json;
	} * pend; /* deferred puts */
	size_t pend_nr, pend_alloc;
	struct pending_match {
		char key[65];
		char *engine;
		char *json;
	} * mpend; /* deferred match puts */
	size_t mpend_nr, mpend_alloc;
};

static int open_cache(struct store_blob_cache **out, struct store *st,
		      bool deferred, struct oh_err *err)
{
	struct store_blob_cache *c = oh_xcalloc(1, sizeof(*c));

	c->st = st;
	oh_buf_init(&c->tag, 64);
	oh_buf_init(&c->match, 256);
	if (store_prepare(st, &c->get,
			  "SELECT size, is_binary, spdx_ids FROM blobs"
			  " WHERE id = ?1",
			  err) < 0 ||
	    store_prepare(st, &c->put, PUT_SQL, err) < 0 ||
	    (!deferred && store_begin(st, err) < 0)) {
		sqlite3_finalize(c->get);
		sqlite3_finalize(c->put);
		oh_buf_release(&c->tag);
		oh_buf_release(&c->match);
		free(c);
		return err->code;
	}
	c->deferred = deferred;
	*out = c;
	return 0;
}

int store_blob_cache_open(struct store_blob_cache **out, struct store *st,
			  struct oh_err *err)
{
	return open_cache(out, st, false, err);
}

int store_blob_cache_open_deferred(struct store_blob_cache **out,
				   struct store *st, struct oh_err *err)
{
	return open_cache(out, st, true, err);
}

/* Decode spdx_ids; false when it is not our format. */
static bool decode(struct store_blob_cache *c, const char *json,
		   struct store_blob_row *row)
{
	cJSON *o = json ? cJSON_Parse(json) : NULL;
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, "v");
	const cJSON *tag = cJSON_GetObjectItemCaseSensitive(o, "tag");
	const cJSON *line = cJSON_GetObjectItemCaseSensitive(o, "line");
	const cJSON *n = cJSON_GetObjectItemCaseSensitive(o, "n");
	const cJSON *m = cJSON_GetObjectItemCaseSensitive(o, "m");
	bool ok = cJSON_IsNumber(v) && v->valueint == STORE_BLOB_FORMAT;

	row->magic_known = cJSON_IsNumber(m);
	row->magic = row->magic_known ? m->valueint : 0;
	row->tree_only = !ok;
	if (ok) {
		row->large = cJSON_IsTrue(
			cJSON_GetObjectItemCaseSensitive(o, "large"));
		row->tag = NULL;
		if (cJSON_IsString(tag) && tag->valuestring) {
			oh_buf_reset(&c->tag);
			oh_buf_adds(&c->tag, tag->valuestring);
			row->tag = c->tag.buf;
		}
		row->tag_line =
			cJSON_IsNumber(line) ? (unsigned)line->valueint : 0;
		row->tag_nr = cJSON_IsNumber(n) ? (unsigned)n->valueint : 0;
	}
	cJSON_Delete(o);
	return ok;
}

/* The row of blob_id: 1 when there is one in a format we read. */
static int lookup(struct store_blob_cache *c, const char *blob_id,
		  struct store_blob_row *row)
{
	int rc;
	int hit = 0;

	if (c->err.code != OH_OK)
		return 0;
	sqlite3_reset(c->get);
	store_bind_text(c->get, 1, blob_id);
	rc = sqlite3_step(c->get);
	if (rc == SQLITE_ROW) {
		memset(row, 0, sizeof(*row));
		row->size = (uint64_t)sqlite3_column_int64(c->get, 0);
		row->binary = sqlite3_column_int(c->get, 1) != 0;
		hit = decode(c, (const char *)sqlite3_column_text(c->get, 2),
			     row) ||
		      row->magic_known;
	} else if (rc != SQLITE_DONE) {
		store_db_error(c->st, &c->err, "reading the blob cache");
	}
	sqlite3_reset(c->get);
	return hit;
}

int store_blob_get_row(struct store_blob_cache *c, const char *blob_id,
		       struct store_blob_row *row)
{
	return lookup(c, blob_id, row);
}

int store_blob_get(struct store_blob_cache *c, const char *blob_id,
		   struct store_blob_row *row)
{
	int hit = lookup(c, blob_id, row) && !row->tree_only;

	if (hit)
		c->hits++;
	else
		c->misses++;
	return hit;
}

static void write_row(struct store_blob_cache *c, const char *blob_id,
		      uint64_t size, bool binary, const char *json);

void store_blob_put(struct store_blob_cache *c, const char *blob_id,
		    const struct store_blob_row *row)
{
	cJSON *o;
	char *json;

	if (c->err.code != OH_OK)
		return;
	o = cJSON_CreateObject();
	if (!row->tree_only) {
		cJSON_AddNumberToObject(o, "v", STORE_BLOB_FORMAT);
		if (row->tag)
			cJSON_AddStringToObject(o, "tag", row->tag);
		cJSON_AddNumberToObject(o, "line", row->tag_line);
		cJSON_AddNumberToObject(o, "n", row->tag_nr);
	}
	if (row->large)
		cJSON_AddTrueToObject(o, "large");
	if (row->magic_known)
		cJSON_AddNumberToObject(o, "m", row->magic);
	json = cJSON_PrintUnformatted(o);
	cJSON_Delete(o);
	if (!json)
		OH_BUG("cJSON_PrintUnformatted failed");
	if (c->deferred) {
		struct pending *p;

		OH_GROW(c->pend, c->pend_alloc, c->pend_nr + 1);
		p = &c->pend[c->pend_nr++];
		snprintf(p->id, sizeof(p->id), "%s", blob_id);
		p->size = row->size;
		p->binary = row->binary;
		p->json = json;
		return;
	}
	write_row(c, blob_id, row->size, row->binary, json);
	cJSON_free(json);
}

/* Write one row now (inside the cache's transaction). */
static void write_row(struct store_blob_cache *c, const char *blob_id,
		      uint64_t size, bool binary, const char *json)
{
	sqlite3_reset(c->put);
	store_bind_text(c->put, 1, blob_id);
	sqlite3_bind_int64(c->put, 2, (sqlite3_int64)size);
	sqlite3_bind_int(c->put, 3, binary ? 1 : 0);
	store_bind_text(c->put, 4, json);
	if (sqlite3_step(c->put) != SQLITE_DONE)
		store_db_error(c->st, &c->err, "writing the blob cache");
}

void store_blob_stats(const struct store_blob_cache *c, uint64_t *hits,
		      uint64_t *misses)
{
	*hits = c->hits;
	*misses = c->misses;
}

/* Run the match put `q` for one pending match; false on failure. */
static bool put_match(sqlite3_stmt *q, const struct pending_match *p)
{
	int rc;

	sqlite3_reset(q);
	sqlite3_bind_text(q, 1, p->key, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 2, p->engine, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 3, p->json, -1, SQLITE_STATIC);
	rc = sqlite3_step(q);
	sqlite3_reset(q);
	return rc == SQLITE_DONE;
}

static void forget_matches(struct store_blob_cache *c)
{
	for (size_t i = 0; i < c->mpend_nr; i++) {
		free(c->mpend[i].engine);
		free(c->mpend[i].json);
	}
	c->mpend_nr = 0;
}

/* Write the pending matches through `wst`; 0 or OH_EDB. */
static int write_matches(struct store_blob_cache *c, struct store *wst,
			 struct oh_err *err)
{
	sqlite3_stmt *put = NULL;
	int rc = 0;

	if (c->mpend_nr == 0)
		return 0;
	if (store_prepare(wst, &put, MATCH_PUT_SQL, err) < 0)
		return err->code;
	for (size_t i = 0; i < c->mpend_nr && rc == 0; i++)
		if (!put_match(put, &c->mpend[i]))
			rc = store_db_error(wst, err,
					    "writing the license matches");
	sqlite3_finalize(put);
	forget_matches(c);
	return rc;
}

int store_blob_cache_write(struct store_blob_cache *c, struct store *wst,
			   struct oh_err *err)
{
	sqlite3_stmt *put = NULL;
	int rc = write_matches(c, wst, err);

	if (rc < 0 || c->pend_nr == 0)
		return rc;
	if (store_prepare(wst, &put, PUT_SQL, err) < 0)
		return err->code;
	for (size_t i = 0; i < c->pend_nr && rc == 0; i++) {
		const struct pending *p = &c->pend[i];

		sqlite3_bind_text(put, 1, p->id, -1, SQLITE_STATIC);
		sqlite3_bind_int64(put, 2, (sqlite3_int64)p->size);
		sqlite3_bind_int(put, 3, p->binary ? 1 : 0);
		sqlite3_bind_text(put, 4, p->json, -1, SQLITE_STATIC);
		if (sqlite3_step(put) != SQLITE_DONE)
			rc = store_db_error(wst, err, "writing the blob cache");
		sqlite3_reset(put);
	}
	sqlite3_finalize(put);
	for (size_t i = 0; i < c->pend_nr; i++)
		cJSON_free(c->pend[i].json);
	c->pend_nr = 0;
	return rc;
}

int store_blob_cache_close(struct store_blob_cache *c, struct oh_err *err)
{
	bool in_tx;
	int rc = 0;

	if (!c)
		return 0;
	in_tx = !c->deferred;
	if (c->deferred && c->err.code == OH_OK &&
	    (c->pend_nr > 0 || c->mpend_nr > 0) &&
	    store_begin(c->st, &c->err) == 0) {
		in_tx = true;
		for (size_t i = 0; i < c->pend_nr && c->err.code == OH_OK; i++)
			write_row(c, c->pend[i].id, c->pend[i].size,
				  c->pend[i].binary, c->pend[i].json);
		if (c->err.code == OH_OK)
			(void)write_matches(c, c->st, &c->err);
	}
	for (size_t i = 0; i < c->pend_nr; i++)
		cJSON_free(c->pend[i].json);
	free(c->pend);
	forget_matches(c);
	free(c->mpend);
	sqlite3_finalize(c->get);
	sqlite3_finalize(c->put);
	sqlite3_finalize(c->mget);
	sqlite3_finalize(c->mput);
	if (c->err.code != OH_OK) {
		if (in_tx)
			store_rollback(c->st);
		rc = oh_err_set(err, c->err.code, c->err.input, 0, 0, "%s",
				c->err.msg);
	} else if (in_tx) {
		rc = store_commit(c->st, err);
	}
	oh_buf_release(&c->tag);
	oh_buf_release(&c->match);
	oh_err_release(&c->err);
	free(c);
	return rc;
}

int store_blob_match_get(struct store_blob_cache *c, const char *key,
			 const char *engine, const char **json)
{
	int rc;
	int hit = 0;

	*json = NULL;
	if (c->err.code != OH_OK || c->no_matches)
		return 0;
	/* a database without the table (an older schema opened read-only)
	 * has no matches: every text is a miss, nothing else fails */
	if (!c->mget) {
		struct oh_err e = OH_ERR_INIT;

		c->no_matches =
			store_prepare(c->st, &c->mget,
				      "SELECT result FROM"
				      " license_matches WHERE"
				      " text_sha256 = ?1 AND engine = ?2",
				      &e) < 0;
		oh_err_release(&e);
		if (c->no_matches)
			return 0;
	}
	sqlite3_reset(c->mget);
	store_bind_text(c->mget, 1, key);
	store_bind_text(c->mget, 2, engine);
	rc = sqlite3_step(c->mget);
	if (rc == SQLITE_ROW) {
		oh_buf_reset(&c->match);
		oh_buf_adds(&c->match,
			    (const char *)sqlite3_column_text(c->mget, 0));
		*json = c->match.buf;
		hit = 1;
	} else if (rc != SQLITE_DONE) {
		store_db_error(c->st, &c->err, "reading the license matches");
	}
	sqlite3_reset(c->mget);
	return hit;
}

void store_blob_match_put(struct store_blob_cache *c, const char *key,
			  const char *engine, const char *json)
{
	struct pending_match p;

	if (c->err.code != OH_OK || c->no_matches ||
	    strlen(key) >= sizeof(p.key))
		return;
	snprintf(p.key, sizeof(p.key), "%s", key);
	p.engine = oh_xstrdup(engine);
	p.json = oh_xstrdup(json);
	if (c->deferred) {
		OH_GROW(c->mpend, c->mpend_alloc, c->mpend_nr + 1);
		c->mpend[c->mpend_nr++] = p;
		return;
	}
	if ((c->mput ||
	     store_prepare(c->st, &c->mput, MATCH_PUT_SQL, &c->err) == 0) &&
	    !put_match(c->mput, &p))
		store_db_error(c->st, &c->err, "writing the license matches");
	free(p.engine);
	free(p.json);
}
