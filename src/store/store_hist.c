/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Commit, trailer and tag facts in SQLite; see store_hist.h.
 */
#include "store/store_hist.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "core/xalloc.h"
#include "facts/hist.h"
#include "store/store_int.h"
#include "store/store_repo.h"
#include "core/banned.h"

enum {
	Q_KNOWN,
	Q_COMMIT,
	Q_TRAILER,
	Q_TAG_DEL,
	Q_TAG,
	Q_HEAD,
	Q_COUNT,
	Q_NR,
};

static const char *const sql[Q_NR] = {
	[Q_KNOWN] = "SELECT 1 FROM commits WHERE repo_id = ?1 AND id = ?2",
	[Q_COMMIT] = "INSERT OR IGNORE INTO commits (repo_id, id, author_name,"
		     " author_email, author_time, author_tz, committer_name,"
		     " committer_email, committer_time, committer_tz, parents,"
		     " subject, signed, is_bot) VALUES (?1, ?2, ?3, ?4, ?5,"
		     " ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
	[Q_TRAILER] = "INSERT OR REPLACE INTO trailers (repo_id, commit_id,"
		      " seq, key, value, ident_name, ident_email) VALUES"
		      " (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
	[Q_TAG_DEL] = "DELETE FROM tags WHERE repo_id = ?1",
	[Q_TAG] = "INSERT OR REPLACE INTO tags (repo_id, name, target, time,"
		  " annotated, signed, semver) VALUES (?1, ?2, ?3, ?4, ?5, ?6,"
		  " ?7)",
	[Q_HEAD] = "UPDATE repositories SET last_head = ?2 WHERE id = ?1",
	[Q_COUNT] = "SELECT count(*) FROM commits WHERE repo_id = ?1",
};

struct store_hist {
	struct store *st;
	int64_t repo;
	sqlite3_stmt *q[Q_NR];
};

void store_hist_close(struct store_hist *sh)
{
	if (!sh)
		return;
	for (int i = 0; i < Q_NR; i++)
		sqlite3_finalize(sh->q[i]);
	free(sh);
}

int store_hist_open(struct store_hist **out, struct store *st, const char *url,
		    const char *kind, struct oh_err *err)
{
	struct store_hist *sh = oh_xcalloc(1, sizeof(*sh));
	int rc;

	*out = NULL;
	sh->st = st;
	rc = store_repo_find(&sh->repo, st, url, err);
	if (rc == OH_ENOTFOUND) {
		struct store_repo r = {
			.url = url,
			.kind = strcmp(kind, "remote") == 0 ? STORE_REPO_REMOTE
							    : STORE_REPO_LOCAL,
		};

		oh_err_release(err);
		rc = store_repo_upsert(&sh->repo, st, &r, err);
	}
	for (int i = 0; rc == 0 && i < Q_NR; i++)
		rc = store_prepare(st, &sh->q[i], sql[i], err);
	if (rc < 0) {
		store_hist_close(sh);
		return rc;
	}
	*out = sh;
	return 0;
}

bool store_hist_known(void *payload, const char *hex_id)
{
	struct store_hist *sh = payload;
	sqlite3_stmt *q = sh->q[Q_KNOWN];
	bool found;

	sqlite3_bind_int64(q, 1, sh->repo);
	sqlite3_bind_text(q, 2, hex_id, -1, SQLITE_STATIC);
	found = sqlite3_step(q) == SQLITE_ROW;
	sqlite3_reset(q);
	return found;
}

int64_t store_hist_count(struct store_hist *sh)
{
	sqlite3_stmt *q = sh->q[Q_COUNT];
	int64_t n = 0;

	sqlite3_bind_int64(q, 1, sh->repo);
	if (sqlite3_step(q) == SQLITE_ROW)
		n = sqlite3_column_int64(q, 0);
	sqlite3_reset(q);
	return n;
}

/* Bind a string that outlives the step (the hist's arena): no copy. */
static void bind_kept(sqlite3_stmt *q, int idx, const char *s)
{
	if (s)
		sqlite3_bind_text(q, idx, s, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(q, idx);
}

/* Step a write statement and reset it; false on failure. */
static bool run(sqlite3_stmt *q)
{
	int rc = sqlite3_step(q);

	sqlite3_reset(q);
	return rc == SQLITE_DONE;
}

static bool save_commit(struct store_hist *sh, const struct hist *h,
			const struct hist_commit *c)
{
	sqlite3_stmt *q = sh->q[Q_COMMIT];
	sqlite3_stmt *t = sh->q[Q_TRAILER];

	sqlite3_bind_int64(q, 1, sh->repo);
	sqlite3_bind_text(q, 2, c->id, -1, SQLITE_STATIC);
	bind_kept(q, 3, c->author_name);
	bind_kept(q, 4, c->author_email);
	sqlite3_bind_int64(q, 5, c->author_time);
	sqlite3_bind_int(q, 6, c->author_tz);
	bind_kept(q, 7, c->committer_name);
	bind_kept(q, 8, c->committer_email);
	sqlite3_bind_int64(q, 9, c->committer_time);
	sqlite3_bind_int(q, 10, c->committer_tz);
	sqlite3_bind_int(q, 11, (int)c->parents);
	bind_kept(q, 12, c->subject);
	sqlite3_bind_int(q, 13, c->signature);
	sqlite3_bind_int(q, 14, c->is_bot);
	if (!run(q))
		return false;
	for (size_t i = 0; i < c->trailer_nr; i++) {
		const struct hist_trailer *tr =
			&h->trailer[c->trailer_first + i];

		sqlite3_bind_int64(t, 1, sh->repo);
		sqlite3_bind_text(t, 2, c->id, -1, SQLITE_STATIC);
		sqlite3_bind_int64(t, 3, (int64_t)i);
		bind_kept(t, 4, tr->key);
		bind_kept(t, 5, tr->value);
		bind_kept(t, 6, tr->ident_name);
		bind_kept(t, 7, tr->ident_email);
		if (!run(t))
			return false;
	}
	return true;
}

static bool save_tags(struct store_hist *sh, const struct hist *h)
{
	sqlite3_stmt *q = sh->q[Q_TAG];

	sqlite3_bind_int64(sh->q[Q_TAG_DEL], 1, sh->repo);
	if (!run(sh->q[Q_TAG_DEL]))
		return false;
	for (size_t i = 0; i < h->tag_nr; i++) {
		const struct hist_tag *t = &h->tag[i];

		sqlite3_bind_int64(q, 1, sh->repo);
		store_bind_text(q, 2, t->name);
		store_bind_text(q, 3, t->target);
		sqlite3_bind_int64(q, 4, t->time);
		sqlite3_bind_int(q, 5, t->annotated);
		sqlite3_bind_int(q, 6, t->signed_tag);
		store_bind_text(q, 7, t->semver ? t->name : NULL);
		if (!run(q))
			return false;
	}
	return true;
}

static int cmp_commit_id(const void *a, const void *b)
{
	return strcmp((*(const struct hist_commit *const *)a)->id,
		      (*(const struct hist_commit *const *)b)->id);
}

static int save(struct store_hist *sh, const struct hist *h,
		const struct hist_commit ***order_out, struct oh_err *err);

int store_hist_save(struct store_hist *sh, const struct hist *h,
		    struct oh_err *err)
{
	const struct hist_commit **order = NULL;
	int rc;

	/*
	 * Every trailer's commit is inserted just before it, and the
	 * repository row exists: the foreign-key lookups per row would
	 * only repeat what this loop guarantees.  (The pragma is a no-op
	 * inside a transaction, so it goes before BEGIN.)
	 */
	if (store_exec(sh->st, "PRAGMA foreign_keys = OFF", err) < 0)
		return err->code;
	rc = save(sh, h, &order, err);
	free(order);
	if (store_exec(sh->st, "PRAGMA foreign_keys = ON", err) < 0 && rc == 0)
		rc = err->code;
	return rc;
}

static int save(struct store_hist *sh, const struct hist *h,
		const struct hist_commit ***order_out, struct oh_err *err)
{
	bool ok = true;
	const struct hist_commit **order = NULL;

	if (store_begin(sh->st, err) < 0)
		return err->code;
	/*
	 * In key order: the b-trees of commits and trailers (keyed by the
	 * commit id, a hash) then grow at their right edge instead of
	 * splitting pages all over; about half the cost of walk order.
	 */
	if (h->commit_nr > 1) {
		order = oh_xcalloc(h->commit_nr, sizeof(*order));
		for (size_t i = 0; i < h->commit_nr; i++)
			order[i] = &h->commit[i];
		qsort(order, h->commit_nr, sizeof(*order), cmp_commit_id);
	}
	*order_out = order;
	for (size_t i = 0; ok && i < h->commit_nr; i++)
		ok = save_commit(sh, h, order ? order[i] : &h->commit[i]);
	if (ok)
		ok = save_tags(sh, h);
	if (ok && h->commit_nr > 0) {
		sqlite3_bind_int64(sh->q[Q_HEAD], 1, sh->repo);
		sqlite3_bind_text(sh->q[Q_HEAD], 2, h->commit[0].id, -1,
				  SQLITE_STATIC);
		ok = run(sh->q[Q_HEAD]);
	}
	if (!ok) {
		store_db_error(sh->st, err, "storing commit facts");
		store_rollback(sh->st);
		return err->code;
	}
	return store_commit(sh->st, err);
}

static const char *col(sqlite3_stmt *q, int i)
{
	return (const char *)sqlite3_column_text(q, i);
}

static void load_commit(struct hist *h, sqlite3_stmt *q, bool subject)
{
	struct hist_commit *c = hist_commit_add(h);

	snprintf(c->id, sizeof(c->id), "%s", col(q, 0));
	c->author_name = hist_intern(h, col(q, 1));
	c->author_email = hist_intern(h, col(q, 2));
	c->author_time = sqlite3_column_int64(q, 3);
	c->author_tz = sqlite3_column_int(q, 4);
	c->committer_name = hist_intern(h, col(q, 5));
	c->committer_email = hist_intern(h, col(q, 6));
	c->committer_time = sqlite3_column_int64(q, 7);
	c->committer_tz = sqlite3_column_int(q, 8);
	c->parents = (unsigned)sqlite3_column_int(q, 9);
	c->subject = subject ? oh_arena_strdup(&h->arena, col(q, 10)) : "";
	c->signature = sqlite3_column_int(q, 11) != 0;
	c->is_bot = sqlite3_column_int(q, 12) != 0;
}

static int load_commits(struct hist *h, struct store_hist *sh, sqlite3_stmt *qc,
			sqlite3_stmt *qt, bool subject)
{
	int64_t n = store_hist_count(sh);
	int rt;
	int rc;

	/* one allocation for the commits instead of a copy per doubling */
	if (n > 0 && (uint64_t)n < SIZE_MAX / sizeof(*h->commit))
		OH_GROW(h->commit, h->commit_alloc, h->commit_nr + (size_t)n);
	sqlite3_bind_int64(qc, 1, sh->repo);
	sqlite3_bind_int64(qt, 1, sh->repo);
	rt = sqlite3_step(qt);
	while ((rc = sqlite3_step(qc)) == SQLITE_ROW) {
		const char *id = col(qc, 0);

		load_commit(h, qc, subject);
		while (rt == SQLITE_ROW && strcmp(col(qt, 0), id) < 0)
			rt = sqlite3_step(qt);
		while (rt == SQLITE_ROW && strcmp(col(qt, 0), id) == 0) {
			hist_trailer_add(h, col(qt, 1), col(qt, 2), col(qt, 3),
					 col(qt, 4));
			rt = sqlite3_step(qt);
		}
	}
	return rc == SQLITE_DONE && (rt == SQLITE_DONE || rt == SQLITE_ROW)
		       ? 0
		       : -1;
}

static int load_tags(struct hist *h, struct store_hist *sh, sqlite3_stmt *q)
{
	int rc;

	sqlite3_bind_int64(q, 1, sh->repo);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		struct hist_tag *t;

		OH_GROW(h->tag, h->tag_alloc, h->tag_nr + 1);
		t = &h->tag[h->tag_nr++];
		memset(t, 0, sizeof(*t));
		t->name = oh_arena_strdup(&h->arena, col(q, 0));
		snprintf(t->target, sizeof(t->target), "%s", col(q, 1));
		t->time = sqlite3_column_int64(q, 2);
		t->annotated = sqlite3_column_int(q, 3) != 0;
		t->signed_tag = sqlite3_column_int(q, 4) != 0;
		(void)hist_semver_parse(t, t->name);
	}
	return rc == SQLITE_DONE ? 0 : -1;
}

static int load(struct hist *h, struct store_hist *sh, bool all,
		struct oh_err *err)
{
	sqlite3_stmt *qc = NULL;
	sqlite3_stmt *qt = NULL;
	sqlite3_stmt *qg = NULL;
	int rc;

	rc = store_prepare(sh->st, &qc,
			   all ? "SELECT id, author_name, author_email,"
				 " author_time, author_tz, committer_name,"
				 " committer_email, committer_time,"
				 " committer_tz, parents, subject, signed,"
				 " is_bot FROM commits WHERE repo_id = ?1"
				 " ORDER BY id"
			       : "SELECT id, author_name, author_email,"
				 " author_time, author_tz, committer_name,"
				 " committer_email, committer_time,"
				 " committer_tz, parents, NULL, signed,"
				 " is_bot FROM commits WHERE repo_id = ?1"
				 " ORDER BY id",
			   err);
	/* NOCASE is ASCII case folding, as the DCO rules' key test */
	if (rc == 0)
		rc = store_prepare(
			sh->st, &qt,
			all ? "SELECT commit_id, key, value, ident_name,"
			      " ident_email FROM trailers WHERE"
			      " repo_id = ?1 ORDER BY commit_id, seq"
			    : "SELECT commit_id, key, NULL, NULL, ident_email"
			      " FROM trailers WHERE repo_id = ?1 AND key"
			      " COLLATE NOCASE IN ('Signed-off-by', 'Reviewed-by',"
			      " 'Acked-by') ORDER BY commit_id, seq",
			err);
	if (rc == 0)
		rc = store_prepare(sh->st, &qg,
				   "SELECT name, target, time, annotated,"
				   " signed FROM tags WHERE repo_id = ?1"
				   " ORDER BY name",
				   err);
	if (rc == 0 &&
	    (load_commits(h, sh, qc, qt, all) < 0 || load_tags(h, sh, qg) < 0))
		rc = store_db_error(sh->st, err, "loading commit facts");
	sqlite3_finalize(qc);
	sqlite3_finalize(qt);
	sqlite3_finalize(qg);
	return rc;
}

int store_hist_load(struct hist *h, struct store_hist *sh, struct oh_err *err)
{
	return load(h, sh, true, err);
}

int store_hist_load_metrics(struct hist *h, struct store_hist *sh,
			    struct oh_err *err)
{
	return load(h, sh, false, err);
}
