/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Trends across review runs (store_trend.h).
 */
#include "store/store_trend.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "core/xalloc.h"
#include "store/store_int.h"
#include "core/banned.h"

/* The oldest run id of the last `max_runs` finished runs up to run_id. */
static int first_run(int64_t *id_out, struct store *st, int64_t run_id,
		     size_t max_runs, struct oh_err *err)
{
	static const char sql[] =
		"SELECT coalesce(min(id), ?1) FROM (SELECT id FROM runs"
		" WHERE id <= ?1 AND (status IN ('done', 'partial')"
		" OR id = ?1) ORDER BY id DESC LIMIT ?2)";
	sqlite3_stmt *stmt = NULL;
	int ret = 0;

	if (store_prepare(st, &stmt, sql, err) < 0)
		return err->code;
	sqlite3_bind_int64(stmt, 1, run_id);
	sqlite3_bind_int64(stmt, 2, (sqlite3_int64)max_runs);
	if (sqlite3_step(stmt) == SQLITE_ROW)
		*id_out = sqlite3_column_int64(stmt, 0);
	else
		ret = store_db_error(st, err, "finding the runs of a trend");
	sqlite3_finalize(stmt);
	return ret;
}

static void copy_col(char *dst, size_t size, sqlite3_stmt *stmt, int i)
{
	const unsigned char *s = sqlite3_column_text(stmt, i);

	snprintf(dst, size, "%s", s ? (const char *)s : "");
}

/* The facts `keys` of one component in one run, as numbers. */
static int point_facts(struct store_trend_point *p, sqlite3_stmt *fq,
		       int64_t component_id, const char *const *keys,
		       size_t key_nr)
{
	for (size_t k = 0; k < key_nr; k++) {
		const unsigned char *v;
		char *end = NULL;
		double d;

		sqlite3_reset(fq);
		sqlite3_bind_int64(fq, 1, p->run_id);
		sqlite3_bind_int64(fq, 2, component_id);
		sqlite3_bind_text(fq, 3, keys[k], -1, SQLITE_STATIC);
		if (sqlite3_step(fq) != SQLITE_ROW)
			continue;
		v = sqlite3_column_text(fq, 0);
		if (!v)
			continue;
		d = strtod((const char *)v, &end);
		if (end != (const char *)v && *end == '\0') {
			p->value[k] = d;
			p->has[k] = true;
		}
	}
	return 0;
}

static struct store_trend *trend_for(struct store_trends *t, size_t *alloc,
				     const char *name)
{
	struct store_trend *last = t->nr > 0 ? &t->trend[t->nr - 1] : NULL;

	if (last && strcmp(last->component, name) == 0)
		return last;
	if (t->nr == *alloc) {
		*alloc = *alloc ? *alloc * 2 : 16;
		t->trend = oh_xrealloc(t->trend,
				       oh_mul(*alloc, sizeof(*t->trend)));
	}
	last = &t->trend[t->nr++];
	memset(last, 0, sizeof(*last));
	last->component = oh_xstrdup(name);
	last->point = oh_xcalloc(STORE_TREND_MAX_RUNS, sizeof(*last->point));
	return last;
}

static int rows(struct store_trends *out, sqlite3_stmt *q, sqlite3_stmt *fq,
		const char *const *keys, size_t key_nr)
{
	size_t alloc = 0;
	int rc;

	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		const unsigned char *name = sqlite3_column_text(q, 1);
		struct store_trend *t;
		struct store_trend_point *p;

		if (!name)
			continue;
		t = trend_for(out, &alloc, (const char *)name);
		if (t->nr == STORE_TREND_MAX_RUNS)
			continue;
		p = &t->point[t->nr++];
		p->run_id = sqlite3_column_int64(q, 2);
		p->started_at = sqlite3_column_int64(q, 3);
		copy_col(p->status, sizeof(p->status), q, 4);
		copy_col(p->decision, sizeof(p->decision), q, 5);
		point_facts(p, fq, sqlite3_column_int64(q, 0), keys, key_nr);
	}
	return rc == SQLITE_DONE ? 0 : -1;
}

int store_trends_load(struct store_trends *out, struct store *st,
		      int64_t run_id, size_t max_runs, const char *const *keys,
		      size_t key_nr, struct oh_err *err)
{
	static const char sql[] =
		"SELECT c.id, c.name, rc.run_id, r.started_at, rc.status,"
		" coalesce(rc.decision, '') FROM run_components rc"
		" JOIN runs r ON r.id = rc.run_id"
		" JOIN components c ON c.id = rc.component_id"
		" WHERE rc.run_id BETWEEN ?2 AND ?1"
		" AND (r.status IN ('done', 'partial') OR r.id = ?1)"
		" AND rc.component_id IN"
		" (SELECT component_id FROM run_components WHERE run_id = ?1)"
		" ORDER BY c.name, rc.run_id";
	static const char fsql[] = "SELECT value FROM facts WHERE run_id = ?1"
				   " AND component_id = ?2 AND key = ?3";
	sqlite3_stmt *q = NULL, *fq = NULL;
	int64_t first = run_id;
	int ret = OH_EDB;

	memset(out, 0, sizeof(*out));
	if (max_runs == 0 || max_runs > STORE_TREND_MAX_RUNS)
		max_runs = STORE_TREND_MAX_RUNS;
	if (key_nr > STORE_TREND_MAX_KEYS)
		key_nr = STORE_TREND_MAX_KEYS;
	if (first_run(&first, st, run_id, max_runs, err) < 0 ||
	    store_prepare(st, &q, sql, err) < 0 ||
	    store_prepare(st, &fq, fsql, err) < 0)
		goto out;
	sqlite3_bind_int64(q, 1, run_id);
	sqlite3_bind_int64(q, 2, first);
	if (rows(out, q, fq, keys, key_nr) < 0) {
		store_db_error(st, err, "reading the trends across runs");
		goto out;
	}
	ret = 0;
out:
	sqlite3_finalize(q);
	sqlite3_finalize(fq);
	if (ret < 0) {
		store_trends_release(out);
		return err->code;
	}
	return 0;
}

void store_trends_release(struct store_trends *t)
{
	for (size_t i = 0; t && i < t->nr; i++) {
		free(t->trend[i].component);
		free(t->trend[i].point);
	}
	if (t) {
		free(t->trend);
		t->trend = NULL;
		t->nr = 0;
	}
}

const struct store_trend *store_trends_find(const struct store_trends *t,
					    const char *name)
{
	for (size_t i = 0; t && i < t->nr; i++)
		if (strcmp(t->trend[i].component, name) == 0)
			return &t->trend[i];
	return NULL;
}
