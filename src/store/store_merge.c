/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Shard runs and `db merge`: check that the shards belong together, then
 * copy their rows into one new run of the output database in one
 * transaction.
 *
 * The copy is driven by the output database's own table definitions
 * (pragma_table_info): every column but the keys that are renumbered
 * (run, component, repository; a finding's own id) is copied as it is,
 * so a column added by a later migration is merged without a change
 * here.
 */
#include "store/store_merge.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/err.h"
#include "core/xalloc.h"
#include "store/store_int.h"
#include "store/store_repo.h"
#include "store/store_scan.h"
#include "core/banned.h"

int store_run_shard_set(struct store *st, int64_t run_id, unsigned index,
			unsigned count, const char *digest,
			const char *all_inputs_json, struct oh_err *err)
{
	static const char sql[] =
		"UPDATE runs SET shard_index = ?1, shard_count = ?2,"
		" inputs_digest = ?3, all_inputs = ?4 WHERE id = ?5";
	sqlite3_stmt *stmt = NULL;
	int ret = 0;

	if (store_prepare(st, &stmt, sql, err) < 0)
		return err->code;
	sqlite3_bind_int64(stmt, 1, index);
	sqlite3_bind_int64(stmt, 2, count);
	store_bind_text(stmt, 3, digest);
	store_bind_text(stmt, 4, all_inputs_json);
	sqlite3_bind_int64(stmt, 5, run_id);
	if (sqlite3_step(stmt) != SQLITE_DONE)
		ret = store_db_error(st, err, "recording the shard of a run");
	sqlite3_finalize(stmt);
	return ret;
}

/* The newest shard run of one shard database. */
struct shard {
	const char *path;    /* as given (borrowed) */
	int64_t run_id;      /* in that file */
	unsigned index;      /* 0-based */
	unsigned count;      /* N */
	char *digest;        /* hex SHA-256 of the inputs */
	char *rules_version; /* "" when unknown */
	char *profile;       /* "" when unknown */
	char *tool_version;  /* osshealth version */
	char *all_inputs;    /* JSON array of every component name */
	char *status;        /* running, done, partial, failed */
	char *waivers;       /* the waivers file the run applied; "" none */
	int64_t started_at;  /* seconds */
	int64_t finished_at; /* seconds; 0 while running */
};

static void shard_release(struct shard *sh)
{
	free(sh->digest);
	free(sh->rules_version);
	free(sh->profile);
	free(sh->tool_version);
	free(sh->all_inputs);
	free(sh->status);
	free(sh->waivers);
}

static int open_shard(struct store **out, const char *path, struct oh_err *err)
{
	struct store_open_opts so = STORE_OPEN_OPTS_INIT;
	int version;

	so.flags = STORE_READONLY;
	if (store_open(out, path, &so, err) < 0)
		return err->code;
	version = (*out)->version;
	if (version == STORE_SCHEMA_VERSION)
		return 0;
	store_close(*out);
	*out = NULL;
	return oh_err_set(
		err, OH_EINPUT, path, 0, 0,
		"schema %d, not %d: scan the shards with the osshealth that merges them",
		version, STORE_SCHEMA_VERSION);
}

static int read_shard(struct shard *sh, const char *path, struct oh_err *err)
{
	static const char sql[] =
		"SELECT id, shard_index, shard_count,"
		" coalesce(inputs_digest, ''), coalesce(rules_version, ''),"
		" coalesce(profile, ''), tool_version, coalesce(all_inputs, '[]'),"
		" status, started_at, coalesce(finished_at, 0),"
		" coalesce((SELECT content FROM run_waivers w"
		"           WHERE w.run_id = runs.id), '') FROM runs"
		" WHERE shard_index IS NOT NULL ORDER BY id DESC LIMIT 1";
	struct store *st = NULL;
	sqlite3_stmt *stmt = NULL;
	int ret;
	int rc;

	memset(sh, 0, sizeof(*sh));
	sh->path = path;
	ret = open_shard(&st, path, err);
	if (ret < 0)
		return ret;
	ret = store_prepare(st, &stmt, sql, err);
	if (ret < 0)
		goto out;
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		sh->run_id = sqlite3_column_int64(stmt, 0);
		sh->index = (unsigned)sqlite3_column_int64(stmt, 1);
		sh->count = (unsigned)sqlite3_column_int64(stmt, 2);
		sh->digest = store_col_dup(stmt, 3);
		sh->rules_version = store_col_dup(stmt, 4);
		sh->profile = store_col_dup(stmt, 5);
		sh->tool_version = store_col_dup(stmt, 6);
		sh->all_inputs = store_col_dup(stmt, 7);
		sh->status = store_col_dup(stmt, 8);
		sh->started_at = sqlite3_column_int64(stmt, 9);
		sh->finished_at = sqlite3_column_int64(stmt, 10);
		sh->waivers = store_col_dup(stmt, 11);
	} else if (rc == SQLITE_DONE) {
		ret = oh_err_set(
			err, OH_EINPUT, path, 0, 0,
			"no shard run in this database (scan --shard I/N writes one)");
	} else {
		ret = store_db_error(st, err, "reading the shard run");
	}
out:
	sqlite3_finalize(stmt);
	store_close(st);
	return ret;
}

/* Every shard against the first, then the set of indexes. */
static int check_pair(const struct shard *a, const struct shard *b,
		      struct oh_err *err)
{
	if (b->count != a->count)
		return oh_err_set(
			err, OH_EINPUT, b->path, 0, 0,
			"shard %u/%u, but '%s' is shard %u/%u: shards of different counts",
			b->index, b->count, a->path, a->index, a->count);
	if (strcmp(a->digest, b->digest) != 0)
		return oh_err_set(
			err, OH_EINPUT, b->path, 0, 0,
			"shard of different inputs than '%s' (inputs digest %.12s, not %.12s)",
			a->path, b->digest, a->digest);
	if (strcmp(a->rules_version, b->rules_version) != 0)
		return oh_err_set(
			err, OH_EINPUT, b->path, 0, 0,
			"rules version '%.60s', but '%s' has '%.60s': shards of different rules",
			b->rules_version, a->path, a->rules_version);
	if (strcmp(a->tool_version, b->tool_version) != 0)
		return oh_err_set(
			err, OH_EINPUT, b->path, 0, 0,
			"scanned by osshealth %.60s, but '%s' by %.60s",
			b->tool_version, a->path, a->tool_version);
	if (strcmp(a->profile, b->profile) != 0)
		return oh_err_set(
			err, OH_EINPUT, b->path, 0, 0,
			"policy profile '%.60s', but '%s' has '%.60s'",
			b->profile, a->path, a->profile);
	if (strcmp(a->waivers, b->waivers) != 0)
		return oh_err_set(
			err, OH_EINPUT, b->path, 0, 0,
			"shard applied other waivers than '%s' (scan --waivers): shards of different decisions",
			a->path);
	if (a->index == b->index)
		return oh_err_set(err, OH_EINPUT, b->path, 0, 0,
				  "shard %u/%u is given twice (also '%s')",
				  b->index, b->count, a->path);
	return 0;
}

static int check_one(const struct shard *sh, struct oh_err *err)
{
	if (sh->count == 0 || sh->index >= sh->count)
		return oh_err_set(err, OH_EINPUT, sh->path, 0, 0,
				  "shard run %lld records shard %u/%u",
				  (long long)sh->run_id, sh->index, sh->count);
	if (strcmp(sh->status, "running") == 0)
		return oh_err_set(
			err, OH_EINPUT, sh->path, 0, 0,
			"shard %u/%u (run %lld) is still running or was interrupted: finish it first (run the same scan again)",
			sh->index, sh->count, (long long)sh->run_id);
	if (strcmp(sh->status, "done") != 0 &&
	    strcmp(sh->status, "partial") != 0)
		return oh_err_set(err, OH_EINPUT, sh->path, 0, 0,
				  "shard %u/%u (run %lld) is %s", sh->index,
				  sh->count, (long long)sh->run_id, sh->status);
	return 0;
}

static int check_shards(const struct shard *sh, size_t nr, struct oh_err *err)
{
	bool *seen;
	int ret = 0;

	for (size_t i = 0; i < nr; i++)
		if (check_one(&sh[i], err) < 0)
			return err->code;
	for (size_t i = 0; i < nr; i++)
		for (size_t k = 0; k < i; k++)
			if (check_pair(&sh[k], &sh[i], err) < 0)
				return err->code;
	seen = oh_xcalloc(sh[0].count, sizeof(*seen));
	for (size_t i = 0; i < nr; i++)
		seen[sh[i].index] = true;
	for (unsigned i = 0; i < sh[0].count && ret == 0; i++)
		if (!seen[i])
			ret = oh_err_set(
				err, OH_EINPUT, NULL, 0, 0,
				"shard %u/%u is missing (%zu of %u shards given)",
				i, sh[0].count, nr, sh[0].count);
	free(seen);
	return ret;
}

/* ---- copying rows ------------------------------------------------------ */

/*
 * One table's rows from a shard run into the output: `key` names up to
 * two key columns whose values are renumbered (src_key in the shard,
 * dst_key in the output); `skip` a column not copied (a row id).
 */
struct copy_spec {
	const char *table;    /* table name (ours, never input) */
	const char *key[2];   /* renumbered columns; key[1] may be NULL */
	const char *skip;     /* column left out; or NULL */
	const char *order;    /* ORDER BY of the shard's rows; or NULL */
	const char *conflict; /* "" or "OR IGNORE" */
};

static bool is_key(const struct copy_spec *cs, const char *name)
{
	return strcmp(name, cs->key[0]) == 0 ||
	       (cs->key[1] && strcmp(name, cs->key[1]) == 0) ||
	       (cs->skip && strcmp(name, cs->skip) == 0);
}

/* The SELECT on the shard and the INSERT on the output for one table. */
static int build_sql(struct oh_buf *sel, struct oh_buf *ins, struct store *dst,
		     const struct copy_spec *cs, struct oh_err *err)
{
	static const char sql[] = "SELECT name FROM pragma_table_info(?1)"
				  " ORDER BY cid";
	sqlite3_stmt *stmt = NULL;
	int nkey = cs->key[1] ? 2 : 1;
	int n = 0;
	int rc;

	if (store_prepare(dst, &stmt, sql, err) < 0)
		return err->code;
	store_bind_text(stmt, 1, cs->table);
	oh_buf_adds(sel, "SELECT ");
	oh_buf_addf(ins, "INSERT %s INTO \"%s\" (\"%s\"", cs->conflict,
		    cs->table, cs->key[0]);
	if (cs->key[1])
		oh_buf_addf(ins, ", \"%s\"", cs->key[1]);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(stmt, 0);

		if (!name || is_key(cs, name))
			continue;
		oh_buf_addf(sel, "%s\"%s\"", n > 0 ? ", " : "", name);
		oh_buf_addf(ins, ", \"%s\"", name);
		n++;
	}
	sqlite3_finalize(stmt);
	if (rc != SQLITE_DONE)
		return store_db_error(dst, err, "reading a table definition");
	oh_buf_addf(sel, " FROM \"%s\" WHERE \"%s\" = ?1", cs->table,
		    cs->key[0]);
	if (cs->key[1])
		oh_buf_addf(sel, " AND \"%s\" = ?2", cs->key[1]);
	if (cs->order)
		oh_buf_addf(sel, " ORDER BY %s", cs->order);
	oh_buf_adds(ins, ") VALUES (?1");
	for (int i = 1; i < nkey + n; i++)
		oh_buf_addf(ins, ", ?%d", i + 1);
	oh_buf_adds(ins, ")");
	return 0;
}

static int copy_stmts(sqlite3_stmt *sel, sqlite3_stmt *ins, int nkey,
		      const int64_t *dst_key, struct store *src,
		      struct store *dst, struct oh_err *err)
{
	int ncol = sqlite3_column_count(sel);
	int rc;

	while ((rc = sqlite3_step(sel)) == SQLITE_ROW) {
		sqlite3_reset(ins);
		sqlite3_clear_bindings(ins);
		for (int k = 0; k < nkey; k++)
			sqlite3_bind_int64(ins, k + 1, dst_key[k]);
		for (int i = 0; i < ncol; i++)
			sqlite3_bind_value(ins, nkey + i + 1,
					   sqlite3_column_value(sel, i));
		if (sqlite3_step(ins) != SQLITE_DONE)
			return store_db_error(dst, err, "merging a row");
	}
	if (rc != SQLITE_DONE)
		return store_db_error(src, err, "reading a shard's rows");
	return 0;
}

/* Copy the rows of cs->table whose keys are src_key into dst_key. */
static int copy_table(struct store *src, struct store *dst,
		      const struct copy_spec *cs, const int64_t *src_key,
		      const int64_t *dst_key, struct oh_err *err)
{
	struct oh_buf sel = OH_BUF_INIT;
	struct oh_buf ins = OH_BUF_INIT;
	sqlite3_stmt *s = NULL;
	sqlite3_stmt *d = NULL;
	int nkey = cs->key[1] ? 2 : 1;
	int ret = build_sql(&sel, &ins, dst, cs, err);

	if (ret == 0)
		ret = store_prepare(src, &s, sel.buf, err);
	if (ret == 0)
		ret = store_prepare(dst, &d, ins.buf, err);
	if (ret == 0) {
		for (int k = 0; k < nkey; k++)
			sqlite3_bind_int64(s, k + 1, src_key[k]);
		ret = copy_stmts(s, d, nkey, dst_key, src, dst, err);
	}
	if (ret < 0)
		oh_err_prefix(err, "%s: ", cs->table);
	sqlite3_finalize(s);
	sqlite3_finalize(d);
	oh_buf_release(&sel);
	oh_buf_release(&ins);
	return ret;
}

static const struct copy_spec run_table[] = {
	{ "run_components", { "run_id", "component_id" }, NULL, NULL, "" },
	{ "scores", { "run_id", "component_id" }, NULL, "rowid", "" },
	{ "findings", { "run_id", "component_id" }, "id", "id", "" },
	{ "facts", { "run_id", "component_id" }, NULL, "key", "" },
};

static const struct copy_spec repo_table[] = {
	{ "commits", { "repo_id", NULL }, NULL, NULL, "OR IGNORE" },
	{ "tags", { "repo_id", NULL }, NULL, NULL, "OR REPLACE" },
	/* believed only while it counts the commits stored (store_hist.h) */
	{ "history_snapshots", { "repo_id", NULL }, NULL, NULL, "OR REPLACE" },
};

static const struct copy_spec unreviewed_table = {
	"run_unreviewed", { "run_id", NULL }, NULL, "seq", ""
};

static const struct copy_spec waivers_table = {
	"run_waivers", { "run_id", NULL }, NULL, NULL, ""
};

/* ---- one component ----------------------------------------------------- */

struct merge {
	struct store *dst;              /* the output, in a transaction */
	struct store *src;              /* the shard being read */
	int64_t src_run;                /* its run */
	int64_t dst_run;                /* the merged run */
	struct store_merge_result *res; /* counts */
};

static int text_is(sqlite3_stmt *stmt, int i, const char *s)
{
	const unsigned char *v = sqlite3_column_text(stmt, i);

	return v && strcmp((const char *)v, s) == 0;
}

/* The component's repository row, then its collected facts. */
static int merge_repo(int64_t *dst_repo, struct merge *m, sqlite3_stmt *row,
		      struct oh_err *err)
{
	struct store_repo repo = {
		.url = (const char *)sqlite3_column_text(row, 4),
		.kind = text_is(row, 5, "remote") ? STORE_REPO_REMOTE
						  : STORE_REPO_LOCAL,
		.mirror_path = (const char *)sqlite3_column_text(row, 6),
		.last_fetch_at = sqlite3_column_int64(row, 7),
		.last_head = (const char *)sqlite3_column_text(row, 8),
	};
	int64_t src_repo = sqlite3_column_int64(row, 3);

	*dst_repo = 0;
	if (sqlite3_column_type(row, 3) == SQLITE_NULL || !repo.url)
		return 0;
	if (store_repo_upsert(dst_repo, m->dst, &repo, err) < 0)
		return err->code;
	for (size_t i = 0; i < sizeof(repo_table) / sizeof(repo_table[0]); i++)
		if (copy_table(m->src, m->dst, &repo_table[i], &src_repo,
			       dst_repo, err) < 0)
			return err->code;
	return 0;
}

static int merge_component(struct merge *m, sqlite3_stmt *row,
			   struct oh_err *err)
{
	int64_t src_key[2] = { m->src_run, sqlite3_column_int64(row, 0) };
	int64_t dst_key[2] = { m->dst_run, 0 };
	int64_t repo_id;

	if (merge_repo(&repo_id, m, row, err) < 0)
		return err->code;
	if (store_component_upsert(
		    &dst_key[1], m->dst,
		    (const char *)sqlite3_column_text(row, 1), repo_id,
		    (const char *)sqlite3_column_text(row, 2), err) < 0)
		return err->code;
	for (size_t i = 0; i < sizeof(run_table) / sizeof(run_table[0]); i++)
		if (copy_table(m->src, m->dst, &run_table[i], src_key, dst_key,
			       err) < 0)
			return err->code;
	m->res->components++;
	if (text_is(row, 9, "failed"))
		m->res->failed++;
	return 0;
}

/*
 * The blob cache and the license matches: facts of content, the same
 * whichever shard read it.  `ncol` columns `cols` of `table`.
 */
static int merge_content(struct merge *m, const char *table, const char *cols,
			 int ncol, struct oh_err *err)
{
	struct oh_buf q = OH_BUF_INIT;
	sqlite3_stmt *s = NULL;
	sqlite3_stmt *d = NULL;
	int rc = SQLITE_DONE;
	int ret;

	oh_buf_addf(&q, "SELECT %s FROM %s", cols, table);
	ret = store_prepare(m->src, &s, q.buf, err);
	oh_buf_reset(&q);
	oh_buf_addf(&q, "INSERT OR IGNORE INTO %s (%s) VALUES (?1", table,
		    cols);
	for (int i = 2; i <= ncol; i++)
		oh_buf_addf(&q, ", ?%d", i);
	oh_buf_adds(&q, ")");
	if (ret == 0)
		ret = store_prepare(m->dst, &d, q.buf, err);
	while (ret == 0 && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		sqlite3_reset(d);
		for (int i = 0; i < ncol; i++)
			sqlite3_bind_value(d, i + 1,
					   sqlite3_column_value(s, i));
		if (sqlite3_step(d) != SQLITE_DONE)
			ret = store_db_error(m->dst, err,
					     "merging the blob cache");
	}
	if (ret == 0 && rc != SQLITE_DONE)
		ret = store_db_error(m->src, err, "reading a shard's blobs");
	sqlite3_finalize(s);
	sqlite3_finalize(d);
	oh_buf_release(&q);
	return ret;
}

static int merge_shard(struct merge *m, const struct shard *sh,
		       struct oh_err *err)
{
	static const char sql[] =
		"SELECT rc.component_id, c.name, c.declared, r.id, r.url,"
		" r.kind, r.mirror_path, coalesce(r.last_fetch_at, 0),"
		" r.last_head, rc.status FROM run_components rc"
		" JOIN components c ON c.id = rc.component_id"
		" LEFT JOIN repositories r ON r.id = c.repo_id"
		" WHERE rc.run_id = ?1 ORDER BY rc.component_id";
	sqlite3_stmt *stmt = NULL;
	int ret = open_shard(&m->src, sh->path, err);
	int rc = SQLITE_DONE;

	m->src_run = sh->run_id;
	if (ret == 0)
		ret = store_prepare(m->src, &stmt, sql, err);
	if (ret == 0) {
		sqlite3_bind_int64(stmt, 1, sh->run_id);
		while (ret == 0 && (rc = sqlite3_step(stmt)) == SQLITE_ROW)
			ret = merge_component(m, stmt, err);
		if (ret == 0 && rc != SQLITE_DONE)
			ret = store_db_error(m->src, err,
					     "reading a shard's components");
	}
	if (ret == 0)
		ret = merge_content(m, "blobs", "id, size, is_binary, spdx_ids",
				    4, err);
	if (ret == 0)
		ret = merge_content(m, "license_matches",
				    "text_sha256, engine, result", 3, err);
	if (ret == 0 && sh->index == 0)
		ret = copy_table(m->src, m->dst, &unreviewed_table, &m->src_run,
				 &m->dst_run, err);
	if (ret == 0 && sh->index == 0)
		ret = copy_table(m->src, m->dst, &waivers_table, &m->src_run,
				 &m->dst_run, err);
	sqlite3_finalize(stmt);
	store_close(m->src);
	m->src = NULL;
	if (ret < 0)
		oh_err_prefix(err, "merging shard %u/%u: ", sh->index,
			      sh->count);
	return ret;
}

/* ---- the merged run ---------------------------------------------------- */

static int begin_run(struct merge *m, const struct shard *sh, size_t nr,
		     struct oh_err *err)
{
	struct store_run run = { .started_at = sh[0].started_at,
				 .tool_version = sh[0].tool_version,
				 .rules_version = sh[0].rules_version,
				 .profile = sh[0].profile,
				 .inputs_json = sh[0].all_inputs };

	for (size_t i = 1; i < nr; i++)
		if (sh[i].started_at < run.started_at)
			run.started_at = sh[i].started_at;
	if (run.rules_version[0] == '\0')
		run.rules_version = NULL;
	if (store_run_begin(&m->dst_run, m->dst, &run, err) < 0)
		return err->code;
	m->res->run_id = m->dst_run;
	return 0;
}

static int finish_run(struct merge *m, const struct shard *sh, size_t nr,
		      struct oh_err *err)
{
	int64_t finished = 0;
	int64_t count = 0;
	sqlite3_stmt *stmt = NULL;
	int ret = 0;

	for (size_t i = 0; i < nr; i++)
		if (sh[i].finished_at > finished)
			finished = sh[i].finished_at;
	if (store_run_finish(m->dst, m->dst_run,
			     m->res->failed > 0 ? STORE_RUN_PARTIAL
						: STORE_RUN_DONE,
			     finished, err) < 0)
		return err->code;
	if (store_prepare(m->dst, &stmt,
			  "UPDATE runs SET shard_count = ?1, inputs_digest = ?2"
			  " WHERE id = ?3",
			  err) < 0)
		return err->code;
	sqlite3_bind_int64(stmt, 1, sh[0].count);
	store_bind_text(stmt, 2, sh[0].digest);
	sqlite3_bind_int64(stmt, 3, m->dst_run);
	if (sqlite3_step(stmt) != SQLITE_DONE)
		ret = store_db_error(m->dst, err, "recording the merged run");
	sqlite3_finalize(stmt);
	if (ret == 0 &&
	    store_prepare(
		    m->dst, &stmt,
		    "SELECT count(*) FROM run_unreviewed WHERE run_id = ?1",
		    err) == 0) {
		sqlite3_bind_int64(stmt, 1, m->dst_run);
		if (sqlite3_step(stmt) == SQLITE_ROW)
			count = sqlite3_column_int64(stmt, 0);
		sqlite3_finalize(stmt);
	}
	m->res->unreviewed = (size_t)count;
	return ret;
}

int store_merge(struct store_merge_result *out, struct store *dst,
		const char *const *path, size_t nr, struct oh_err *err)
{
	struct shard *sh = NULL;
	struct merge m = { .dst = dst, .res = out };
	size_t got = 0;
	int ret = 0;

	memset(out, 0, sizeof(*out));
	if (nr == 0 || nr > STORE_MERGE_MAX_SHARDS)
		return oh_err_set(err, OH_EINPUT, NULL, 0, 0,
				  "name 1 to %d shard databases, not %zu",
				  STORE_MERGE_MAX_SHARDS, nr);
	sh = oh_xcalloc(nr, sizeof(*sh));
	for (; got < nr && ret == 0; got++)
		ret = read_shard(&sh[got], path[got], err);
	if (ret == 0)
		ret = check_shards(sh, nr, err);
	if (ret == 0)
		ret = store_begin(dst, err);
	if (ret < 0)
		goto out;
	out->shards = sh[0].count;
	ret = begin_run(&m, sh, nr, err);
	/* Shard 0 first: its run carries the packages not reviewed. */
	for (unsigned want = 0; want < sh[0].count && ret == 0; want++)
		for (size_t i = 0; i < nr && ret == 0; i++)
			if (sh[i].index == want)
				ret = merge_shard(&m, &sh[i], err);
	if (ret == 0)
		ret = finish_run(&m, sh, nr, err);
	if (ret == 0)
		ret = store_commit(dst, err);
	if (ret < 0) {
		store_rollback(dst);
		memset(out, 0, sizeof(*out));
	}
out:
	for (size_t i = 0; i < got; i++)
		shard_release(&sh[i]);
	free(sh);
	return ret;
}
