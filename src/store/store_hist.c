/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Commit, trailer and tag facts in SQLite; see store_hist.h.
 */
#include "store/store_hist.h"

#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>

#include "core/buf.h"
#include "core/err.h"
#include "core/xalloc.h"
#include "facts/hist.h"
#include "store/store_int.h"
#include "store/store_repo.h"
#include "core/banned.h"

enum {
	Q_KNOWN,
	Q_COMMIT,
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
		     " subject, signed, is_bot, trailers) VALUES (?1, ?2, ?3,"
		     " ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
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
	int64_t added;    /* commits the last save inserted */
	struct oh_buf js; /* one commit's trailers as JSON */
	sqlite3_stmt *q[Q_NR];
};

void store_hist_close(struct store_hist *sh)
{
	if (!sh)
		return;
	for (int i = 0; i < Q_NR; i++)
		sqlite3_finalize(sh->q[i]);
	oh_buf_release(&sh->js);
	free(sh);
}

int store_hist_open(struct store_hist **out, struct store *st, const char *url,
		    const char *kind, struct oh_err *err)
{
	struct store_hist *sh = oh_xcalloc(1, sizeof(*sh));
	int rc;

	sh->js = (struct oh_buf)OH_BUF_INIT;
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

int64_t store_hist_added(const struct store_hist *sh)
{
	return sh->added;
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

/*
 * s as a JSON string, escaped as SQLite's json_array() does (3.40: the
 * short escapes for \b \t \n \f \r, \u00XX for other controls, other
 * bytes as they are), so that a migrated row and a new one read alike.
 */
static char short_escape(unsigned char ch)
{
	switch (ch) {
	case '"':
	case '\\':
		return (char)ch;
	case '\b':
		return 'b';
	case '\t':
		return 't';
	case '\n':
		return 'n';
	case '\f':
		return 'f';
	case '\r':
		return 'r';
	default:
		return 0;
	}
}

static void json_str(struct oh_buf *b, const char *s)
{
	static const char hex[] = "0123456789abcdef";
	const char *run = s;

	if (!s) {
		oh_buf_adds(b, "null");
		return;
	}
	oh_buf_addch(b, '"');
	for (; *s != '\0'; s++) {
		unsigned char ch = (unsigned char)*s;

		if (ch >= 0x20 && ch != '"' && ch != '\\')
			continue;
		oh_buf_add(b, run, (size_t)(s - run));
		run = s + 1;
		if (short_escape(ch)) {
			oh_buf_addch(b, '\\');
			oh_buf_addch(b, short_escape(ch));
		} else {
			oh_buf_adds(b, "\\u00");
			oh_buf_addch(b, hex[ch >> 4]);
			oh_buf_addch(b, hex[ch & 15]);
		}
	}
	oh_buf_add(b, run, (size_t)(s - run));
	oh_buf_addch(b, '"');
}

/*
 * A commit's trailers as the JSON array of schema 11 (the `trailers`
 * column: [key, value, ident_name, ident_email] each), what SQLite's
 * json_array() writes for the same values.
 */
static void trailers_json(struct oh_buf *b, const struct hist *h,
			  const struct hist_commit *c)
{
	oh_buf_reset(b);
	oh_buf_addch(b, '[');
	for (size_t i = 0; i < c->trailer_nr; i++) {
		const struct hist_trailer *tr =
			&h->trailer[c->trailer_first + i];

		oh_buf_adds(b, i ? ",[" : "[");
		json_str(b, tr->key);
		oh_buf_addch(b, ',');
		json_str(b, tr->value);
		oh_buf_addch(b, ',');
		json_str(b, tr->ident_name);
		oh_buf_addch(b, ',');
		json_str(b, tr->ident_email);
		oh_buf_addch(b, ']');
	}
	oh_buf_addch(b, ']');
}

static bool save_commit(struct store_hist *sh, const struct hist *h,
			const struct hist_commit *c, int64_t *added)
{
	sqlite3_stmt *q = sh->q[Q_COMMIT];

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
	if (c->trailer_nr > 0) {
		trailers_json(&sh->js, h, c);
		sqlite3_bind_text64(q, 15, sh->js.buf, sh->js.len,
				    SQLITE_STATIC, SQLITE_UTF8);
	} else {
		sqlite3_bind_null(q, 15);
	}
	if (!run(q))
		return false;
	*added += sqlite3_changes(sh->st->db);
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

static int save(struct store_hist *sh, const struct hist *h,
		const struct hist_commit ***order_out, struct oh_err *err);

/*
 * The page cache while the commits are saved, in KiB (negative: SQLite's
 * unit), then the store's usual one (store.c).  Rows go in key order, so
 * the b-trees change only along their right edge: 4 MiB hold that, and
 * a full 64 MiB cache for an 82,000-commit save only costs fresh memory
 * (page faults, 20 MB more peak RSS) to keep pages that are not read
 * again.
 */
#define SAVE_CACHE "-4096"

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
	if (store_exec(sh->st, "PRAGMA foreign_keys = OFF", err) < 0 ||
	    store_exec(sh->st, "PRAGMA cache_size = " SAVE_CACHE, err) < 0)
		return err->code;
	rc = save(sh, h, &order, err);
	free(order);
	if ((store_exec(sh->st, "PRAGMA foreign_keys = ON", err) < 0 ||
	     store_exec(sh->st, "PRAGMA cache_size = " STORE_CACHE_SIZE, err) <
		     0) &&
	    rc == 0)
		rc = err->code;
	return rc;
}

static int save(struct store_hist *sh, const struct hist *h,
		const struct hist_commit ***order_out, struct oh_err *err)
{
	bool ok = true;
	const struct hist_commit **order = NULL;
	int64_t added = 0;

	sh->added = 0;
	if (store_begin(sh->st, err) < 0)
		return err->code;
	/*
	 * In key order: the b-trees of commits and trailers (keyed by the
	 * commit id, a hash) then grow at their right edge instead of
	 * splitting pages all over; about half the cost of walk order.
	 */
	if (h->commit_nr > 1)
		order = hist_commits_by_id(h);
	*order_out = order;
	for (size_t i = 0; ok && i < h->commit_nr; i++)
		ok = save_commit(sh, h, order ? order[i] : &h->commit[i],
				 &added);
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
	if (store_commit(sh->st, err) < 0)
		return err->code;
	sh->added = added;
	/* a first scan wrote the whole history: no need to keep its pages */
	if (h->commit_nr > 1000)
		store_shrink(sh->st);
	return 0;
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
		hist_reserve(h, (size_t)n, 0);
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

/* ---- the history snapshot ------------------------------------------ */

/*
 * What store_hist_load_metrics() reads, as one row of history_snapshots
 * (schema 9): a re-scan with nothing new reads one blob instead of every
 * commit and trailer row.  Little-endian, versioned:
 *
 *   "OHHS" u32 format, u64 commits, u64 trailers, u32 strings,
 *   u64 offset of the strings
 *   commits:  id[40], u32 author_name, u32 author_email, i64 author_time,
 *             i32 author_tz, u32 committer_name, u32 committer_email,
 *             i64 committer_time, i32 committer_tz, u32 parents,
 *             u8 flags (1 signature, 2 bot), u32 trailers
 *   trailers: u32 key, u32 ident_email      (string index + 1; 0 = NULL)
 *   strings:  u32 length, bytes (no NUL)
 *
 * Commits in id order.  The row is believed only when it holds as many
 * commits as the table (commits are only ever added, and a snapshot
 * saved with them); anything that does not decode is no snapshot.
 */
#define SNAP_FORMAT 1

struct snap_w {
	unsigned char *p; /* header and commits: a block of exactly len */
	size_t len, at;   /* its size; bytes written */
	const char **str; /* open addressing by pointer: interned strings */
	uint32_t *idx;
	size_t cap, nr;
	struct oh_buf tab; /* the string table, built beside (small) */
};

#define SNAP_HEADER 36
#define SNAP_COMMIT 89 /* bytes of a commit without its trailers */

static void put_bytes(struct snap_w *w, const void *v, size_t n)
{
	if (n > w->len - w->at)
		OH_BUG("history snapshot larger than its %zu bytes", w->len);
	memcpy(w->p + w->at, v, n);
	w->at += n;
}

static void le32(unsigned char *x, uint32_t v)
{
	x[0] = (unsigned char)v;
	x[1] = (unsigned char)(v >> 8);
	x[2] = (unsigned char)(v >> 16);
	x[3] = (unsigned char)(v >> 24);
}

static void put_u32(struct snap_w *w, uint32_t v)
{
	unsigned char x[4];

	le32(x, v);
	put_bytes(w, x, 4);
}

static void put_u64(struct snap_w *w, uint64_t v)
{
	put_u32(w, (uint32_t)v);
	put_u32(w, (uint32_t)(v >> 32));
}

/* Index + 1 of string s in the table (0 for NULL). */
static uint32_t str_ref(struct snap_w *w, const char *s)
{
	unsigned char x[4];
	size_t j;

	if (!s)
		return 0;
	if ((w->nr + 1) * 2 > w->cap) {
		size_t cap = w->cap ? w->cap * 2 : 4096;
		const char **str = oh_xcalloc(cap, sizeof(*str));
		uint32_t *idx = oh_xcalloc(cap, sizeof(*idx));

		for (size_t i = 0; i < w->cap; i++) {
			if (!w->str[i])
				continue;
			j = ((uintptr_t)w->str[i] >> 3) & (cap - 1);
			while (str[j])
				j = (j + 1) & (cap - 1);
			str[j] = w->str[i];
			idx[j] = w->idx[i];
		}
		free(w->str);
		free(w->idx);
		w->str = str;
		w->idx = idx;
		w->cap = cap;
	}
	j = ((uintptr_t)s >> 3) & (w->cap - 1);
	while (w->str[j]) {
		if (w->str[j] == s)
			return w->idx[j];
		j = (j + 1) & (w->cap - 1);
	}
	w->str[j] = s;
	w->idx[j] = (uint32_t)++w->nr;
	le32(x, (uint32_t)strlen(s));
	oh_buf_add(&w->tab, x, 4);
	oh_buf_adds(&w->tab, s);
	return w->idx[j];
}

static bool metric_key(const char *k)
{
	return k && (strcasecmp(k, "Signed-off-by") == 0 ||
		     strcasecmp(k, "Reviewed-by") == 0 ||
		     strcasecmp(k, "Acked-by") == 0);
}

#define HUGE_PAGE ((size_t)2 << 20)

/*
 * The block for header and commits, of its exact size: fresh memory
 * written once, so aligned to and advised as huge pages past 2 MiB (a
 * hint, as for the snapshot read below and core/arena.c's big arenas).
 */
static unsigned char *snap_block(size_t len)
{
	size_t big = oh_add(len, HUGE_PAGE - 1) & ~(HUGE_PAGE - 1);
	unsigned char *p = NULL;

	if (len >= HUGE_PAGE)
		p = aligned_alloc(HUGE_PAGE, big);
	if (!p)
		return oh_xmalloc(len ? len : 1);
#ifdef MADV_HUGEPAGE
	(void)madvise(p, big, MADV_HUGEPAGE);
#endif
	return p;
}

static void put_commit(struct snap_w *w, const struct hist *h,
		       const struct hist_commit *c, uint32_t n)
{
	put_bytes(w, c->id, 40);
	put_u32(w, str_ref(w, c->author_name));
	put_u32(w, str_ref(w, c->author_email));
	put_u64(w, (uint64_t)c->author_time);
	put_u32(w, (uint32_t)c->author_tz);
	put_u32(w, str_ref(w, c->committer_name));
	put_u32(w, str_ref(w, c->committer_email));
	put_u64(w, (uint64_t)c->committer_time);
	put_u32(w, (uint32_t)c->committer_tz);
	put_u32(w, c->parents);
	put_bytes(w,
		  &(unsigned char){ (unsigned char)((c->signature ? 1 : 0) |
						    (c->is_bot ? 2 : 0)) },
		  1);
	put_u32(w, n);
	for (size_t t = 0; t < c->trailer_nr; t++) {
		const struct hist_trailer *tr =
			&h->trailer[c->trailer_first + t];

		if (!metric_key(tr->key))
			continue;
		put_u32(w, str_ref(w, tr->key));
		put_u32(w, str_ref(w, tr->ident_email));
	}
}

/* Encode the snapshot of h into w: header and commits in w->p, strings
 * in w->tab.  Returns the number of trailers kept. */
static uint64_t snap_encode(struct snap_w *w, const struct hist *h,
			    const struct hist_commit *const *order)
{
	unsigned char zero[SNAP_HEADER] = { 0 };
	uint32_t *kept =
		oh_xcalloc(h->commit_nr ? h->commit_nr : 1, sizeof(*kept));
	uint64_t trailers = 0;
	size_t len = SNAP_HEADER;

	/* the metric trailers first: the block is allocated to its size */
	for (size_t i = 0; i < h->commit_nr; i++) {
		const struct hist_commit *c = order[i];

		for (size_t t = 0; t < c->trailer_nr; t++)
			kept[i] += metric_key(
				h->trailer[c->trailer_first + t].key);
		trailers += kept[i];
		len = oh_add(len, oh_add(SNAP_COMMIT, oh_mul(8, kept[i])));
	}
	w->len = len;
	w->p = snap_block(len);
	put_bytes(w, zero, SNAP_HEADER); /* written last */
	for (size_t i = 0; i < h->commit_nr; i++)
		put_commit(w, h, order[i], kept[i]);
	if (w->at != w->len)
		OH_BUG("history snapshot of %zu bytes, not %zu", w->at, w->len);
	free(kept);
	return trailers;
}

/* Write the encoded snapshot as repository sh->repo's row, in place:
 * zeroblob() then the incremental blob API, so SQLite builds no record
 * of its own (a copy of 9 MB). */
static int snap_write(struct store_hist *sh, const struct snap_w *w,
		      size_t commit_nr)
{
	sqlite3_stmt *q = NULL;
	sqlite3_blob *b = NULL;
	uint64_t total = (uint64_t)w->len + w->tab.len;
	int rc;

	if (total > INT_MAX)
		return SQLITE_TOOBIG;
	rc = sqlite3_prepare_v2(sh->st->db,
				"INSERT OR REPLACE INTO history_snapshots"
				" (repo_id, commit_nr, data)"
				" VALUES (?1, ?2, zeroblob(?3))",
				-1, &q, NULL);
	if (rc == SQLITE_OK) {
		sqlite3_bind_int64(q, 1, sh->repo);
		sqlite3_bind_int64(q, 2, (int64_t)commit_nr);
		sqlite3_bind_int64(q, 3, (int64_t)total);
		rc = sqlite3_step(q) == SQLITE_DONE ? SQLITE_OK : SQLITE_ERROR;
	}
	sqlite3_finalize(q);
	if (rc == SQLITE_OK)
		rc = sqlite3_blob_open(sh->st->db, "main", "history_snapshots",
				       "data", sh->repo, 1, &b);
	if (rc == SQLITE_OK)
		rc = sqlite3_blob_write(b, w->p, (int)w->len, 0);
	if (rc == SQLITE_OK && w->tab.len > 0)
		rc = sqlite3_blob_write(b, w->tab.buf, (int)w->tab.len,
					(int)w->len);
	if (sqlite3_blob_close(b) != SQLITE_OK && rc == SQLITE_OK)
		rc = SQLITE_ERROR;
	return rc;
}

/* An encoded snapshot: the block of header and commits, the strings. */
struct store_hist_snap {
	struct snap_w w;
	size_t commit_nr;
};

struct store_hist_snap *store_hist_snapshot_encode(const struct hist *h)
{
	struct store_hist_snap *s = oh_xcalloc(1, sizeof(*s));
	struct snap_w *w = &s->w;
	const struct hist_commit **order = hist_commits_by_id(h);
	unsigned char head[SNAP_HEADER];
	uint64_t trailers;

	w->tab = (struct oh_buf)OH_BUF_INIT;
	trailers = snap_encode(w, h, order);
	memcpy(head, "OHHS", 4);
	le32(head + 4, SNAP_FORMAT);
	le32(head + 8, (uint32_t)h->commit_nr);
	le32(head + 12, (uint32_t)((uint64_t)h->commit_nr >> 32));
	le32(head + 16, (uint32_t)trailers);
	le32(head + 20, (uint32_t)(trailers >> 32));
	le32(head + 24, (uint32_t)w->nr);
	le32(head + 28, (uint32_t)w->len);
	le32(head + 32, (uint32_t)((uint64_t)w->len >> 32));
	memcpy(w->p, head, SNAP_HEADER);
	s->commit_nr = h->commit_nr;
	free(order);
	return s;
}

void store_hist_snapshot_free(struct store_hist_snap *s)
{
	if (!s)
		return;
	free(s->w.str);
	free(s->w.idx);
	free(s->w.p);
	oh_buf_release(&s->w.tab);
	free(s);
}

int store_hist_snapshot_write(struct store_hist *sh,
			      const struct store_hist_snap *s,
			      struct oh_err *err)
{
	int rc;

	/*
	 * One transaction for the row and its bytes, in the small page cache
	 * of the commits' save (the pages are written once, never read).
	 */
	rc = store_exec(sh->st, "PRAGMA cache_size = " SAVE_CACHE, err);
	if (rc == 0)
		rc = store_begin(sh->st, err);
	if (rc == 0) {
		if (snap_write(sh, &s->w, s->commit_nr) != SQLITE_OK) {
			rc = store_db_error(sh->st, err,
					    "saving the history snapshot");
			store_rollback(sh->st);
		} else {
			rc = store_commit(sh->st, err);
		}
	}
	if (store_exec(sh->st, "PRAGMA cache_size = " STORE_CACHE_SIZE, err) <
		    0 &&
	    rc == 0)
		rc = err->code;
	return rc;
}

int store_hist_snapshot_save(struct store_hist *sh, const struct hist *h,
			     struct oh_err *err)
{
	struct store_hist_snap *s = store_hist_snapshot_encode(h);
	int rc = store_hist_snapshot_write(sh, s, err);

	store_hist_snapshot_free(s);
	return rc;
}

struct snap_r {
	const unsigned char *p, *end;
	bool bad;
};

static uint32_t get_u32(struct snap_r *r)
{
	uint32_t v;

	if (r->bad || r->end - r->p < 4) {
		r->bad = true;
		return 0;
	}
	v = (uint32_t)r->p[0] | (uint32_t)r->p[1] << 8 |
	    (uint32_t)r->p[2] << 16 | (uint32_t)r->p[3] << 24;
	r->p += 4;
	return v;
}

static uint64_t get_u64(struct snap_r *r)
{
	uint64_t lo = get_u32(r);

	return lo | (uint64_t)get_u32(r) << 32;
}

/* The string of reference v (index + 1), or NULL; bad when out of range. */
static const char *str_at(struct snap_r *r, const char **tab, uint32_t nr,
			  uint32_t v)
{
	if (v == 0)
		return NULL;
	if (v > nr) {
		r->bad = true;
		return NULL;
	}
	return tab[v - 1];
}

static bool decode_snapshot(struct hist *h, const unsigned char *data,
			    size_t len, int64_t expect)
{
	struct snap_r r = { .p = data, .end = data + len };
	const char **tab = NULL;
	uint64_t commits, trailers, at;
	uint32_t nr;
	struct oh_buf s = OH_BUF_INIT;
	const unsigned char *end;

	if (!data || len < SNAP_HEADER || memcmp(data, "OHHS", 4) != 0)
		return false;
	r.p += 4;
	if (get_u32(&r) != SNAP_FORMAT)
		return false;
	commits = get_u64(&r);
	trailers = get_u64(&r);
	nr = get_u32(&r);
	at = get_u64(&r);
	/* every commit takes 89 bytes, every string 4, every trailer 8 */
	if (r.bad || expect < 0 || commits != (uint64_t)expect ||
	    commits > len / 89 || nr > len / 4 || trailers > len / 8 ||
	    at < SNAP_HEADER || at > len)
		return false;
	/* the strings first: they sit after the commits */
	end = data + at;
	r.p = end;
	tab = oh_xcalloc((size_t)nr + 1, sizeof(*tab));
	for (uint32_t i = 0; i < nr && !r.bad; i++) {
		uint32_t n = get_u32(&r);

		if (r.bad || (size_t)(r.end - r.p) < n) {
			r.bad = true;
			break;
		}
		oh_buf_reset(&s);
		oh_buf_add(&s, r.p, n);
		r.p += n;
		tab[i] = hist_intern(h, s.buf);
	}
	if (!r.bad && r.p != r.end)
		r.bad = true;
	r.p = data + SNAP_HEADER;
	r.end = end;
	if (!r.bad)
		hist_reserve(h, (size_t)commits, (size_t)trailers);
	for (uint64_t i = 0; i < commits && !r.bad; i++) {
		struct hist_commit *c;
		uint32_t tn;

		if (r.end - r.p < 40) {
			r.bad = true;
			break;
		}
		c = hist_commit_add(h);
		memcpy(c->id, r.p, 40);
		c->id[40] = '\0';
		r.p += 40;
		c->author_name = str_at(&r, tab, nr, get_u32(&r));
		c->author_email = str_at(&r, tab, nr, get_u32(&r));
		c->author_time = (int64_t)get_u64(&r);
		c->author_tz = (int)(int32_t)get_u32(&r);
		c->committer_name = str_at(&r, tab, nr, get_u32(&r));
		c->committer_email = str_at(&r, tab, nr, get_u32(&r));
		c->committer_time = (int64_t)get_u64(&r);
		c->committer_tz = (int)(int32_t)get_u32(&r);
		c->parents = get_u32(&r);
		if (r.p >= r.end) {
			r.bad = true;
			break;
		}
		c->signature = (*r.p & 1) != 0;
		c->is_bot = (*r.p & 2) != 0;
		r.p++;
		c->subject = "";
		tn = get_u32(&r);
		if (!c->author_name || !c->author_email || !c->committer_name ||
		    !c->committer_email || tn > (size_t)(r.end - r.p) / 8)
			r.bad = true;
		for (uint32_t t = 0; t < tn && !r.bad; t++) {
			const char *k = str_at(&r, tab, nr, get_u32(&r));
			const char *e = str_at(&r, tab, nr, get_u32(&r));

			if (!k)
				r.bad = true;
			else
				hist_trailer_add_interned(h, k, e);
		}
	}
	free(tab);
	oh_buf_release(&s);
	return !r.bad && r.p == r.end;
}

/*
 * The snapshot's bytes, read with the incremental blob API into memory
 * of our own: SQLite's column copy of a 9 MB blob is fresh memory with a
 * page fault per 4 KiB, here advised as huge pages (a hint) like the
 * big arenas of core/arena.c.
 */
struct blob_buf {
	void *raw;               /* what to free() */
	const unsigned char *at; /* the bytes */
	size_t len;
};

static int read_blob(struct blob_buf *out, struct store_hist *sh)
{
	sqlite3_blob *b = NULL;
	unsigned char *p;
	int n, rc;

	if (sqlite3_blob_open(sh->st->db, "main", "history_snapshots", "data",
			      sh->repo, 0, &b) != SQLITE_OK) {
		sqlite3_blob_close(b);
		return -1;
	}
	n = sqlite3_blob_bytes(b);
	out->raw = oh_xmalloc(oh_add((size_t)n, HUGE_PAGE));
	p = (unsigned char *)(((uintptr_t)out->raw + HUGE_PAGE - 1) &
			      ~(uintptr_t)(HUGE_PAGE - 1));
#ifdef MADV_HUGEPAGE
	if ((size_t)n >= HUGE_PAGE)
		(void)madvise(p, (size_t)n & ~(HUGE_PAGE - 1), MADV_HUGEPAGE);
#endif
	rc = sqlite3_blob_read(b, p, n, 0);
	sqlite3_blob_close(b);
	out->at = p;
	out->len = (size_t)n;
	return rc == SQLITE_OK ? 0 : -1;
}

int store_hist_snapshot_load(struct hist *h, struct store_hist *sh,
			     int64_t commit_nr)
{
	struct blob_buf data = { 0 };
	sqlite3_stmt *q = NULL;
	sqlite3_stmt *qg = NULL;
	struct oh_err err = OH_ERR_INIT;
	int found = 0;

	if (store_prepare(sh->st, &q,
			  "SELECT 1 FROM history_snapshots WHERE repo_id = ?1"
			  " AND commit_nr = ?2",
			  &err) < 0)
		goto out;
	sqlite3_bind_int64(q, 1, sh->repo);
	sqlite3_bind_int64(q, 2, commit_nr);
	if (sqlite3_step(q) != SQLITE_ROW || read_blob(&data, sh) < 0)
		goto out;
	found = decode_snapshot(h, data.at, data.len, commit_nr);
	if (found && (store_prepare(sh->st, &qg,
				    "SELECT name, target, time, annotated,"
				    " signed FROM tags WHERE repo_id = ?1"
				    " ORDER BY name",
				    &err) < 0 ||
		      load_tags(h, sh, qg) < 0))
		found = 0;
out:
	if (!found) { /* nothing half-read stays */
		hist_release(h);
		hist_init(h);
	}
	sqlite3_finalize(q);
	sqlite3_finalize(qg);
	free(data.raw);
	oh_err_release(&err);
	return found;
}

int store_hist_last_head(struct store_hist *sh, char out[41])
{
	sqlite3_stmt *q = NULL;
	int found = 0;
	struct oh_err err = OH_ERR_INIT;

	out[0] = '\0';
	if (store_prepare(sh->st, &q,
			  "SELECT last_head FROM repositories WHERE id = ?1",
			  &err) < 0) {
		oh_err_release(&err);
		return 0;
	}
	sqlite3_bind_int64(q, 1, sh->repo);
	if (sqlite3_step(q) == SQLITE_ROW &&
	    sqlite3_column_type(q, 0) == SQLITE_TEXT &&
	    sqlite3_column_bytes(q, 0) == 40) {
		memcpy(out, sqlite3_column_text(q, 0), 40);
		out[40] = '\0';
		found = 1;
	}
	sqlite3_finalize(q);
	return found;
}

int store_hist_forget(struct store_hist *sh, struct oh_err *err)
{
	static const char *const drop[] = {
		"DELETE FROM commits WHERE repo_id = ?1",
		"DELETE FROM history_snapshots WHERE repo_id = ?1",
		"UPDATE repositories SET last_head = NULL WHERE id = ?1",
	};
	int rc = store_begin(sh->st, err);

	for (size_t i = 0; rc == 0 && i < sizeof(drop) / sizeof(drop[0]); i++) {
		sqlite3_stmt *q = NULL;

		rc = store_prepare(sh->st, &q, drop[i], err);
		if (rc == 0) {
			sqlite3_bind_int64(q, 1, sh->repo);
			if (sqlite3_step(q) != SQLITE_DONE)
				rc = store_db_error(
					sh->st, err,
					"dropping a rewritten history");
		}
		sqlite3_finalize(q);
	}
	if (rc < 0) {
		store_rollback(sh->st);
		return rc;
	}
	return store_commit(sh->st, err);
}
