/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Review-run results: writing per component, reading a whole run back.
 */
#include "store/store_scan.h"

#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "core/err.h"
#include "core/xalloc.h"
#include "store/store_int.h"
#include "core/banned.h"

int store_component_upsert(int64_t *id_out, struct store *st, const char *name,
			   int64_t repo_id, const char *declared_json,
			   struct oh_err *err)
{
	static const char sql[] =
		"INSERT INTO components (name, repo_id, declared)"
		" VALUES (?1, ?2, coalesce(?3, '{}'))"
		" ON CONFLICT(name) DO UPDATE SET repo_id = excluded.repo_id,"
		" declared = excluded.declared RETURNING id";
	sqlite3_stmt *stmt = NULL;
	int ret = 0;

	if (store_prepare(st, &stmt, sql, err) < 0)
		return err->code;
	store_bind_text(stmt, 1, name);
	if (repo_id > 0)
		sqlite3_bind_int64(stmt, 2, repo_id);
	else
		sqlite3_bind_null(stmt, 2);
	store_bind_text(stmt, 3, declared_json);
	ret = store_step_returning_id(st, stmt, id_out, "recording a component",
				      err);
	sqlite3_finalize(stmt);
	return ret;
}

int store_run_find_resumable(int64_t *id_out, struct store *st,
			     const char *inputs_json, struct oh_err *err)
{
	static const char sql[] =
		"SELECT id FROM runs WHERE status = 'running' AND inputs = ?1"
		" ORDER BY id DESC LIMIT 1";
	sqlite3_stmt *stmt = NULL;
	int rc;

	*id_out = 0;
	if (store_prepare(st, &stmt, sql, err) < 0)
		return err->code;
	store_bind_text(stmt, 1, inputs_json);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW)
		*id_out = sqlite3_column_int64(stmt, 0);
	sqlite3_finalize(stmt);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_db_error(st, err, "looking for a run to resume");
	return 0;
}

int store_run_component_done(struct store *st, int64_t run_id,
			     int64_t component_id, struct oh_err *err)
{
	static const char sql[] =
		"SELECT 1 FROM run_components WHERE run_id = ?1"
		" AND component_id = ?2 AND status = 'done'";
	sqlite3_stmt *stmt = NULL;
	int rc;

	if (store_prepare(st, &stmt, sql, err) < 0)
		return err->code;
	sqlite3_bind_int64(stmt, 1, run_id);
	sqlite3_bind_int64(stmt, 2, component_id);
	rc = sqlite3_step(stmt);
	sqlite3_finalize(stmt);
	if (rc == SQLITE_ROW)
		return 1;
	if (rc != SQLITE_DONE)
		return store_db_error(st, err, "reading a component's state");
	return 0;
}

static int clear_component(struct store *st, int64_t run_id,
			   int64_t component_id, struct oh_err *err)
{
	static const char *const sql[] = {
		"DELETE FROM scores WHERE run_id = ?1 AND component_id = ?2",
		"DELETE FROM findings WHERE run_id = ?1 AND component_id = ?2",
		"DELETE FROM facts WHERE run_id = ?1 AND component_id = ?2",
	};

	for (size_t i = 0; i < sizeof(sql) / sizeof(sql[0]); i++) {
		sqlite3_stmt *stmt = NULL;

		if (store_prepare(st, &stmt, sql[i], err) < 0)
			return err->code;
		sqlite3_bind_int64(stmt, 1, run_id);
		sqlite3_bind_int64(stmt, 2, component_id);
		if (store_step_done(st, stmt, "clearing a component's results",
				    err) < 0)
			return err->code;
	}
	return 0;
}

int store_run_component_put(struct store *st, int64_t run_id,
			    int64_t component_id, const struct store_rc *rc,
			    struct oh_err *err)
{
	static const char sql[] =
		"INSERT OR REPLACE INTO run_components (run_id, component_id,"
		" status, revision, error, decision, started_at, finished_at)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
	sqlite3_stmt *stmt = NULL;

	if (clear_component(st, run_id, component_id, err) < 0)
		return err->code;
	if (store_prepare(st, &stmt, sql, err) < 0)
		return err->code;
	sqlite3_bind_int64(stmt, 1, run_id);
	sqlite3_bind_int64(stmt, 2, component_id);
	store_bind_text(stmt, 3, rc->status);
	store_bind_text(stmt, 4, rc->revision);
	store_bind_text(stmt, 5, rc->error);
	store_bind_text(stmt, 6, rc->decision);
	sqlite3_bind_int64(stmt, 7, rc->started_at);
	if (rc->finished_at > 0)
		sqlite3_bind_int64(stmt, 8, rc->finished_at);
	else
		sqlite3_bind_null(stmt, 8);
	return store_step_done(st, stmt, "recording a component's state", err);
}

int store_score_put(struct store *st, int64_t run_id, int64_t component_id,
		    const char *category, const char *check, const char *state,
		    double score, const char *reason, const char *evidence_json,
		    struct oh_err *err)
{
	static const char sql[] =
		"INSERT OR REPLACE INTO scores (run_id, component_id, category,"
		" check_name, state, score, reason, evidence)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, coalesce(?8, '[]'))";
	sqlite3_stmt *stmt = NULL;

	if (store_prepare(st, &stmt, sql, err) < 0)
		return err->code;
	sqlite3_bind_int64(stmt, 1, run_id);
	sqlite3_bind_int64(stmt, 2, component_id);
	store_bind_text(stmt, 3, category);
	store_bind_text(stmt, 4, check);
	store_bind_text(stmt, 5, state);
	if (strcmp(state, "scored") == 0)
		sqlite3_bind_double(stmt, 6, score);
	else
		sqlite3_bind_null(stmt, 6);
	store_bind_text(stmt, 7, reason);
	store_bind_text(stmt, 8, evidence_json);
	return store_step_done(st, stmt, "recording a score", err);
}

int store_finding_put(struct store *st, int64_t run_id, int64_t component_id,
		      const char *code, const char *severity,
		      const char *message, const char *evidence_json,
		      struct oh_err *err)
{
	static const char sql[] =
		"INSERT INTO findings (run_id, component_id, code, severity,"
		" message, evidence) VALUES (?1, ?2, ?3, ?4, ?5,"
		" coalesce(?6, '[]'))";
	sqlite3_stmt *stmt = NULL;

	if (store_prepare(st, &stmt, sql, err) < 0)
		return err->code;
	sqlite3_bind_int64(stmt, 1, run_id);
	sqlite3_bind_int64(stmt, 2, component_id);
	store_bind_text(stmt, 3, code);
	store_bind_text(stmt, 4, severity);
	store_bind_text(stmt, 5, message);
	store_bind_text(stmt, 6, evidence_json);
	return store_step_done(st, stmt, "recording a finding", err);
}

int store_fact_put(struct store *st, int64_t run_id, int64_t component_id,
		   const char *key, const char *value, struct oh_err *err)
{
	static const char sql[] =
		"INSERT OR REPLACE INTO facts (run_id, component_id, key, value)"
		" VALUES (?1, ?2, ?3, ?4)";
	sqlite3_stmt *stmt = NULL;

	if (store_prepare(st, &stmt, sql, err) < 0)
		return err->code;
	sqlite3_bind_int64(stmt, 1, run_id);
	sqlite3_bind_int64(stmt, 2, component_id);
	store_bind_text(stmt, 3, key);
	store_bind_text(stmt, 4, value);
	return store_step_done(st, stmt, "recording a fact", err);
}

int store_fact_latest(char **value, char revision[41], struct store *st,
		      int64_t component_id, const char *key, struct oh_err *err)
{
	static const char sql[] =
		"SELECT f.value, rc.revision FROM facts f"
		" JOIN run_components rc ON rc.run_id = f.run_id"
		"  AND rc.component_id = f.component_id"
		" WHERE f.component_id = ?1 AND f.key = ?2"
		"  AND rc.status = 'done' AND rc.revision IS NOT NULL"
		" ORDER BY f.run_id DESC LIMIT 1";
	sqlite3_stmt *stmt = NULL;
	int rc;

	*value = NULL;
	revision[0] = '\0';
	if (store_prepare(st, &stmt, sql, err) < 0)
		return err->code;
	sqlite3_bind_int64(stmt, 1, component_id);
	store_bind_text(stmt, 2, key);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW && sqlite3_column_text(stmt, 0)) {
		*value = oh_xstrdup((const char *)sqlite3_column_text(stmt, 0));
		snprintf(revision, 41, "%s",
			 (const char *)sqlite3_column_text(stmt, 1));
		rc = 1;
	} else if (rc == SQLITE_DONE || rc == SQLITE_ROW) {
		rc = 0;
	} else {
		rc = store_db_error(st, err, "reading a fact");
	}
	sqlite3_finalize(stmt);
	return rc;
}

int store_run_unreviewed_put(struct store *st, int64_t run_id, int64_t seq,
			     const char *name, const char *version,
			     const char *element, const char *reason,
			     struct oh_err *err)
{
	static const char sql[] =
		"INSERT OR REPLACE INTO run_unreviewed (run_id, seq, name,"
		" version, element, reason) VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
	sqlite3_stmt *stmt = NULL;

	if (store_prepare(st, &stmt, sql, err) < 0)
		return err->code;
	sqlite3_bind_int64(stmt, 1, run_id);
	sqlite3_bind_int64(stmt, 2, seq);
	store_bind_text(stmt, 3, name);
	store_bind_text(stmt, 4, version);
	store_bind_text(stmt, 5, element);
	store_bind_text(stmt, 6, reason);
	return store_step_done(st, stmt, "recording a package not reviewed",
			       err);
}

/* ---- reading ---------------------------------------------------------- */

static int load_run_row(struct store_run_report *out, struct store *st,
			int64_t run_id, struct oh_err *err)
{
	static const char sql[] =
		"SELECT id, started_at, coalesce(finished_at, 0), status,"
		" tool_version, rules_version, profile FROM runs"
		" WHERE id = ?1 OR (?1 = 0 AND id = (SELECT max(id) FROM runs))";
	sqlite3_stmt *stmt = NULL;
	int rc;

	if (store_prepare(st, &stmt, sql, err) < 0)
		return err->code;
	sqlite3_bind_int64(stmt, 1, run_id);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		out->run_id = sqlite3_column_int64(stmt, 0);
		out->started_at = sqlite3_column_int64(stmt, 1);
		out->finished_at = sqlite3_column_int64(stmt, 2);
		out->status = store_col_dup(stmt, 3);
		out->tool_version = store_col_dup(stmt, 4);
		out->rules_version = store_col_dup(stmt, 5);
		out->profile = store_col_dup(stmt, 6);
	}
	sqlite3_finalize(stmt);
	if (rc == SQLITE_DONE)
		return run_id == 0
			       ? oh_err_set(
					 err, OH_ENOTFOUND, st->path, 0, 0,
					 "the database has no review runs yet")
			       : oh_err_set(err, OH_ENOTFOUND, st->path, 0, 0,
					    "no review run %lld",
					    (long long)run_id);
	if (rc != SQLITE_ROW)
		return store_db_error(st, err, "reading a review run");
	return 0;
}

static int load_components(struct store_run_report *out, struct store *st,
			   struct oh_err *err)
{
	static const char sql[] =
		"SELECT c.id, c.name, coalesce(r.url, ''), c.declared, rc.status,"
		" rc.revision, rc.error, rc.decision FROM run_components rc"
		" JOIN components c ON c.id = rc.component_id"
		" LEFT JOIN repositories r ON r.id = c.repo_id"
		" WHERE rc.run_id = ?1 ORDER BY c.name";
	sqlite3_stmt *stmt = NULL;
	size_t alloc = 0;
	int rc;

	if (store_prepare(st, &stmt, sql, err) < 0)
		return err->code;
	sqlite3_bind_int64(stmt, 1, out->run_id);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		struct store_component_row *c;

		OH_GROW(out->comp, alloc, out->comp_nr + 1);
		c = &out->comp[out->comp_nr++];
		memset(c, 0, sizeof(*c));
		c->id = sqlite3_column_int64(stmt, 0);
		c->name = store_col_dup(stmt, 1);
		c->repo = store_col_dup(stmt, 2);
		c->declared = store_col_dup(stmt, 3);
		c->status = store_col_dup(stmt, 4);
		c->revision = store_col_dup(stmt, 5);
		c->error = store_col_dup(stmt, 6);
		c->decision = store_col_dup(stmt, 7);
	}
	sqlite3_finalize(stmt);
	if (rc != SQLITE_DONE)
		return store_db_error(st, err, "reading a run's components");
	return 0;
}

/* Row readers: copy one result row into the component. */
typedef void (*row_fn)(struct store_component_row *c, sqlite3_stmt *stmt,
		       size_t *alloc);

static void score_row(struct store_component_row *c, sqlite3_stmt *stmt,
		      size_t *alloc)
{
	struct store_score_row *s;

	OH_GROW(c->score, *alloc, c->score_nr + 1);
	s = &c->score[c->score_nr++];
	s->category = store_col_dup(stmt, 0);
	s->check = store_col_dup(stmt, 1);
	s->state = store_col_dup(stmt, 2);
	s->score = sqlite3_column_double(stmt, 3);
	s->reason = store_col_dup(stmt, 4);
	s->evidence = store_col_dup(stmt, 5);
}

static void finding_row(struct store_component_row *c, sqlite3_stmt *stmt,
			size_t *alloc)
{
	struct store_finding_row *f;

	OH_GROW(c->finding, *alloc, c->finding_nr + 1);
	f = &c->finding[c->finding_nr++];
	f->code = store_col_dup(stmt, 0);
	f->severity = store_col_dup(stmt, 1);
	f->message = store_col_dup(stmt, 2);
	f->evidence = store_col_dup(stmt, 3);
}

static void fact_row(struct store_component_row *c, sqlite3_stmt *stmt,
		     size_t *alloc)
{
	OH_GROW(c->fact, *alloc, c->fact_nr + 1);
	c->fact[c->fact_nr].key = store_col_dup(stmt, 0);
	c->fact[c->fact_nr].value = store_col_dup(stmt, 1);
	c->fact_nr++;
}

static const struct {
	const char *sql;  /* ?1 run id, ?2 component id */
	row_fn fn;        /* copies one row */
	const char *what; /* for errors */
} component_query[] = {
	{ "SELECT category, check_name, state, coalesce(score, 0), reason,"
	  " evidence FROM scores WHERE run_id = ?1 AND component_id = ?2"
	  " ORDER BY CASE category WHEN 'openness' THEN 0"
	  " WHEN 'maturity' THEN 1 WHEN 'security' THEN 2"
	  " WHEN 'activity' THEN 3 WHEN 'risk' THEN 4 ELSE 5 END, rowid",
	  score_row, "reading scores" },
	{ "SELECT code, severity, message, evidence FROM findings"
	  " WHERE run_id = ?1 AND component_id = ?2"
	  " ORDER BY CASE severity WHEN 'critical' THEN 0 WHEN 'high'"
	  " THEN 1 WHEN 'medium' THEN 2 WHEN 'low' THEN 3 ELSE 4 END,"
	  " code, id",
	  finding_row, "reading findings" },
	{ "SELECT key, coalesce(value, '') FROM facts WHERE run_id = ?1"
	  " AND component_id = ?2 ORDER BY key",
	  fact_row, "reading facts" },
};

static int load_component_rows(struct store_component_row *c, struct store *st,
			       int64_t run_id, struct oh_err *err)
{
	for (size_t q = 0;
	     q < sizeof(component_query) / sizeof(component_query[0]); q++) {
		sqlite3_stmt *stmt = NULL;
		size_t alloc = 0;
		int rc;

		if (store_prepare(st, &stmt, component_query[q].sql, err) < 0)
			return err->code;
		sqlite3_bind_int64(stmt, 1, run_id);
		sqlite3_bind_int64(stmt, 2, c->id);
		while ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
			component_query[q].fn(c, stmt, &alloc);
		sqlite3_finalize(stmt);
		if (rc != SQLITE_DONE)
			return store_db_error(st, err, component_query[q].what);
	}
	return 0;
}

static int load_unreviewed(struct store_run_report *out, struct store *st,
			   struct oh_err *err)
{
	static const char sql[] =
		"SELECT name, version, element, reason FROM run_unreviewed"
		" WHERE run_id = ?1 ORDER BY seq";
	sqlite3_stmt *stmt = NULL;
	size_t alloc = 0;
	int rc;

	if (store_prepare(st, &stmt, sql, err) < 0)
		return err->code;
	sqlite3_bind_int64(stmt, 1, out->run_id);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		struct store_unreviewed_row *u;

		OH_GROW(out->unrev, alloc, out->unrev_nr + 1);
		u = &out->unrev[out->unrev_nr++];
		u->name = store_col_dup(stmt, 0);
		u->version = store_col_dup(stmt, 1);
		u->element = store_col_dup(stmt, 2);
		u->reason = store_col_dup(stmt, 3);
	}
	sqlite3_finalize(stmt);
	if (rc != SQLITE_DONE)
		return store_db_error(st, err,
				      "reading a run's packages not reviewed");
	return 0;
}

int store_run_report_load(struct store_run_report *out, struct store *st,
			  int64_t run_id, struct oh_err *err)
{
	memset(out, 0, sizeof(*out));
	if (load_run_row(out, st, run_id, err) < 0 ||
	    load_components(out, st, err) < 0 ||
	    load_unreviewed(out, st, err) < 0)
		goto fail;
	for (size_t i = 0; i < out->comp_nr; i++)
		if (load_component_rows(&out->comp[i], st, out->run_id, err) <
		    0)
			goto fail;
	return 0;
fail:
	store_run_report_release(out);
	return err->code;
}

int store_run_previous(int64_t *id_out, struct store *st, int64_t run_id,
		       struct oh_err *err)
{
	/* A run that never finished (killed, or still going) is no
	 * baseline: its missing components would read as removed. */
	static const char sql[] = "SELECT coalesce(max(id), 0) FROM runs"
				  " WHERE id < ?1"
				  " AND status IN ('done', 'partial')";
	sqlite3_stmt *stmt = NULL;
	int ret = 0;

	*id_out = 0;
	if (store_prepare(st, &stmt, sql, err) < 0)
		return err->code;
	sqlite3_bind_int64(stmt, 1, run_id);
	if (sqlite3_step(stmt) == SQLITE_ROW)
		*id_out = sqlite3_column_int64(stmt, 0);
	else
		ret = store_db_error(st, err, "finding the previous run");
	sqlite3_finalize(stmt);
	return ret;
}

bool store_run_report_finished(const struct store_run_report *r)
{
	return r->status && (strcmp(r->status, "done") == 0 ||
			     strcmp(r->status, "partial") == 0);
}

static void component_release(struct store_component_row *c)
{
	for (size_t i = 0; i < c->score_nr; i++) {
		free(c->score[i].category);
		free(c->score[i].check);
		free(c->score[i].state);
		free(c->score[i].reason);
		free(c->score[i].evidence);
	}
	free(c->score);
	for (size_t i = 0; i < c->finding_nr; i++) {
		free(c->finding[i].code);
		free(c->finding[i].severity);
		free(c->finding[i].message);
		free(c->finding[i].evidence);
	}
	free(c->finding);
	for (size_t i = 0; i < c->fact_nr; i++) {
		free(c->fact[i].key);
		free(c->fact[i].value);
	}
	free(c->fact);
	free(c->name);
	free(c->repo);
	free(c->declared);
	free(c->status);
	free(c->revision);
	free(c->error);
	free(c->decision);
}

void store_run_report_release(struct store_run_report *r)
{
	for (size_t i = 0; i < r->comp_nr; i++)
		component_release(&r->comp[i]);
	free(r->comp);
	for (size_t i = 0; i < r->unrev_nr; i++) {
		free(r->unrev[i].name);
		free(r->unrev[i].version);
		free(r->unrev[i].element);
		free(r->unrev[i].reason);
	}
	free(r->unrev);
	free(r->status);
	free(r->tool_version);
	free(r->rules_version);
	free(r->profile);
	memset(r, 0, sizeof(*r));
}

const struct store_component_row *
store_run_report_find(const struct store_run_report *r, const char *name)
{
	for (size_t i = 0; i < r->comp_nr; i++)
		if (strcmp(r->comp[i].name, name) == 0)
			return &r->comp[i];
	return NULL;
}
