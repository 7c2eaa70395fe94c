/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * OSV records in the database (see store_vulns.h).  The writer keeps its
 * statements prepared for the whole import: one INSERT per row, no
 * per-record transaction (the caller's transaction covers the import).
 */
#include "store/store_vulns.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "core/arena.h"
#include "core/err.h"
#include "core/xalloc.h"
#include "store/store_int.h"
#include "core/banned.h"

enum {
	Q_FIND,
	Q_DELETE,
	Q_VULN,
	Q_ALIAS,
	Q_AFFECTED,
	Q_RANGE,
	Q_VERSION,
	Q_NR,
};

static const char *const writer_sql[Q_NR] = {
	"SELECT id, modified FROM vulns WHERE osv_id = ?1",
	"DELETE FROM vulns WHERE id = ?1",
	"INSERT INTO vulns (osv_id, modified, published, withdrawn, summary,"
	" severity_type, severity, source) VALUES (?1,?2,?3,?4,?5,?6,?7,?8)",
	"INSERT OR IGNORE INTO vuln_aliases (vuln_id, alias) VALUES (?1, ?2)",
	"INSERT INTO vuln_affected (vuln_id, seq, ecosystem, name, purl,"
	" severity) VALUES (?1,?2,?3,?4,?5,?6)",
	"INSERT INTO vuln_ranges (affected_id, seq, type, repo, repo_key,"
	" events) VALUES (?1,?2,?3,?4,?5,?6)",
	"INSERT INTO vuln_versions (affected_id, seq, version)"
	" VALUES (?1,?2,?3)",
};

/* OSV spellings (the facts model has no functions; vulns/ is above us). */
static const char *kind_name(enum vulns_event_kind k)
{
	static const char *const name[] = { "introduced", "fixed",
					    "last_affected", "limit" };

	return (unsigned)k < 4 ? name[k] : "introduced";
}

static const char *type_name(enum vulns_range_type t)
{
	return t == VULNS_GIT      ? "GIT"
	       : t == VULNS_SEMVER ? "SEMVER"
				   : "ECOSYSTEM";
}

struct store_vulns_writer {
	struct store *st;
	sqlite3_stmt *q[Q_NR];
};

int store_vulns_writer_new(struct store_vulns_writer **out, struct store *st,
			   struct oh_err *err)
{
	struct store_vulns_writer *w = oh_xcalloc(1, sizeof(*w));

	w->st = st;
	for (size_t i = 0; i < Q_NR; i++) {
		if (store_prepare(st, &w->q[i], writer_sql[i], err) < 0) {
			store_vulns_writer_free(w);
			*out = NULL;
			return err->code;
		}
	}
	*out = w;
	return 0;
}

void store_vulns_writer_free(struct store_vulns_writer *w)
{
	if (!w)
		return;
	for (size_t i = 0; i < Q_NR; i++)
		sqlite3_finalize(w->q[i]);
	free(w);
}

/*
 * RFC 3339 "YYYY-MM-DDTHH:MM:SS[.frac]Z" as a sortable key: the second
 * and nine fraction digits.  Other spellings compare as written.
 */
static void time_key(char out[32], const char *s)
{
	size_t n = strlen(s);
	size_t j = 19;

	if (n < 20 || s[10] != 'T' || s[n - 1] != 'Z') {
		snprintf(out, 32, "%s", s);
		return;
	}
	memcpy(out, s, 19);
	out[j++] = '.';
	for (size_t i = 20; s[19] == '.' && i < n - 1 && j < 29; i++)
		out[j++] = s[i];
	while (j < 29)
		out[j++] = '0';
	out[j] = '\0';
}

static int step_done(struct store_vulns_writer *w, sqlite3_stmt *q,
		     struct oh_err *err)
{
	int rc = sqlite3_step(q);

	sqlite3_reset(q);
	sqlite3_clear_bindings(q);
	if (rc != SQLITE_DONE)
		return store_db_error(w->st, err, "storing a vulnerability");
	return 0;
}

/* Is the stored copy as new?  Deletes it when not. */
static int replace_older(enum store_vulns_put_result *out,
			 struct store_vulns_writer *w,
			 const struct vulns_record *rec, struct oh_err *err)
{
	sqlite3_stmt *q = w->q[Q_FIND];
	sqlite3_int64 id = 0;
	char a[32];
	char b[32];
	int rc;

	*out = STORE_VULNS_ADDED;
	store_bind_text(q, 1, rec->id);
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW) {
		id = sqlite3_column_int64(q, 0);
		time_key(a, (const char *)sqlite3_column_text(q, 1));
		time_key(b, rec->modified);
		*out = strcmp(a, b) >= 0 ? STORE_VULNS_UNCHANGED
					 : STORE_VULNS_UPDATED;
	}
	sqlite3_reset(q);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_db_error(w->st, err, "looking up a vulnerability");
	if (*out != STORE_VULNS_UPDATED)
		return 0;
	sqlite3_bind_int64(w->q[Q_DELETE], 1, id);
	return step_done(w, w->q[Q_DELETE], err);
}

static char *events_json(const struct vulns_range *r)
{
	cJSON *a = cJSON_CreateArray();
	char *s;

	for (size_t i = 0; i < r->event_nr; i++) {
		cJSON *o = cJSON_CreateObject();

		cJSON_AddStringToObject(o, kind_name(r->event[i].kind),
					r->event[i].value);
		cJSON_AddItemToArray(a, o);
	}
	s = cJSON_PrintUnformatted(a);
	cJSON_Delete(a);
	if (!s)
		OH_BUG("out of memory printing events");
	return s;
}

static int put_range(struct store_vulns_writer *w, sqlite3_int64 aff,
		     size_t seq, const struct vulns_range *r, const char *key,
		     struct oh_err *err)
{
	sqlite3_stmt *q = w->q[Q_RANGE];
	char *ev = events_json(r);
	int ret;

	sqlite3_bind_int64(q, 1, aff);
	sqlite3_bind_int64(q, 2, (sqlite3_int64)seq);
	store_bind_text(q, 3, type_name(r->type));
	store_bind_text(q, 4, r->repo);
	store_bind_text(q, 5, key);
	sqlite3_bind_text(q, 6, ev, -1, SQLITE_TRANSIENT);
	ret = step_done(w, q, err);
	cJSON_free(ev);
	return ret;
}

static int put_affected(struct store_vulns_writer *w, sqlite3_int64 vid,
			size_t seq, const struct vulns_affected *af,
			const char *const *key, struct oh_err *err)
{
	sqlite3_stmt *q = w->q[Q_AFFECTED];
	sqlite3_int64 aid;

	sqlite3_bind_int64(q, 1, vid);
	sqlite3_bind_int64(q, 2, (sqlite3_int64)seq);
	store_bind_text(q, 3, af->ecosystem);
	store_bind_text(q, 4, af->name);
	store_bind_text(q, 5, af->purl);
	store_bind_text(q, 6, af->severity);
	if (step_done(w, q, err) < 0)
		return err->code;
	aid = sqlite3_last_insert_rowid(w->st->db);
	for (size_t i = 0; i < af->range_nr; i++)
		if (put_range(w, aid, i, &af->range[i], key ? key[i] : NULL,
			      err) < 0)
			return err->code;
	q = w->q[Q_VERSION];
	for (size_t i = 0; i < af->version_nr; i++) {
		sqlite3_bind_int64(q, 1, aid);
		sqlite3_bind_int64(q, 2, (sqlite3_int64)i);
		store_bind_text(q, 3, af->version[i]);
		if (step_done(w, q, err) < 0)
			return err->code;
	}
	return 0;
}

int store_vulns_put(enum store_vulns_put_result *out,
		    struct store_vulns_writer *w,
		    const struct vulns_record *rec,
		    const char *const *range_key, const char *source,
		    struct oh_err *err)
{
	sqlite3_stmt *q = w->q[Q_VULN];
	sqlite3_int64 vid;
	size_t k = 0;

	if (replace_older(out, w, rec, err) < 0)
		return err->code;
	if (*out == STORE_VULNS_UNCHANGED)
		return 0;
	store_bind_text(q, 1, rec->id);
	store_bind_text(q, 2, rec->modified);
	store_bind_text(q, 3, rec->published);
	store_bind_text(q, 4, rec->withdrawn);
	store_bind_text(q, 5, rec->summary);
	store_bind_text(q, 6, rec->severity_type);
	store_bind_text(q, 7, rec->severity);
	store_bind_text(q, 8, source);
	if (step_done(w, q, err) < 0)
		return err->code;
	vid = sqlite3_last_insert_rowid(w->st->db);
	for (size_t i = 0; i < rec->alias_nr; i++) {
		sqlite3_bind_int64(w->q[Q_ALIAS], 1, vid);
		store_bind_text(w->q[Q_ALIAS], 2, rec->alias[i]);
		if (step_done(w, w->q[Q_ALIAS], err) < 0)
			return err->code;
	}
	for (size_t i = 0; i < rec->affected_nr; i++) {
		if (put_affected(w, vid, i, &rec->affected[i],
				 range_key ? range_key + k : NULL, err) < 0)
			return err->code;
		k += rec->affected[i].range_nr;
	}
	return 0;
}

/* ---- reading -------------------------------------------------------- */

static const char *col(struct oh_arena *a, sqlite3_stmt *q, int i)
{
	const unsigned char *s = sqlite3_column_text(q, i);

	return s ? oh_arena_strdup(a, (const char *)s) : NULL;
}

static void parse_events(struct vulns_range *r, struct oh_arena *a,
			 const char *json)
{
	cJSON *root = cJSON_Parse(json ? json : "[]");
	const cJSON *e;
	size_t i = 0;

	r->event_nr = (size_t)cJSON_GetArraySize(root);
	r->event = oh_arena_alloc(a, (r->event_nr + 1) * sizeof(*r->event));
	cJSON_ArrayForEach(e, root)
	{
		const cJSON *kv = e->child;

		if (!kv || !cJSON_IsString(kv))
			continue;
		for (int k = 0; k < 4; k++)
			if (strcmp(kv->string,
				   kind_name((enum vulns_event_kind)k)) == 0)
				r->event[i].kind = (enum vulns_event_kind)k;
		r->event[i++].value = oh_arena_strdup(a, kv->valuestring);
	}
	r->event_nr = i;
	cJSON_Delete(root);
}

static enum vulns_range_type type_of(const char *s)
{
	if (s && strcmp(s, "GIT") == 0)
		return VULNS_GIT;
	if (s && strcmp(s, "SEMVER") == 0)
		return VULNS_SEMVER;
	return VULNS_ECOSYSTEM;
}

/* Count rows of a one-parameter count query. */
static int count1(size_t *out, struct store *st, const char *sql,
		  sqlite3_int64 id, struct oh_err *err)
{
	sqlite3_stmt *q = NULL;
	int rc;

	if (store_prepare(st, &q, sql, err) < 0)
		return err->code;
	sqlite3_bind_int64(q, 1, id);
	rc = sqlite3_step(q);
	*out = rc == SQLITE_ROW ? (size_t)sqlite3_column_int64(q, 0) : 0;
	sqlite3_finalize(q);
	if (rc != SQLITE_ROW)
		return store_db_error(st, err, "counting vulnerability rows");
	return 0;
}

static int load_ranges(struct vulns_affected *af, struct oh_arena *a,
		       struct store *st, sqlite3_int64 aid, struct oh_err *err)
{
	sqlite3_stmt *q = NULL;
	size_t i = 0;
	int rc;

	if (count1(&af->range_nr, st,
		   "SELECT count(*) FROM vuln_ranges WHERE affected_id = ?1",
		   aid, err) < 0 ||
	    store_prepare(st, &q,
			  "SELECT type, repo, repo_key, events FROM vuln_ranges"
			  " WHERE affected_id = ?1 ORDER BY seq",
			  err) < 0)
		return err->code;
	af->range = oh_arena_alloc(a, (af->range_nr + 1) * sizeof(*af->range));
	sqlite3_bind_int64(q, 1, aid);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW && i < af->range_nr) {
		struct vulns_range *r = &af->range[i++];

		r->type = type_of((const char *)sqlite3_column_text(q, 0));
		r->repo = col(a, q, 1);
		r->repo_key = col(a, q, 2);
		parse_events(r, a, (const char *)sqlite3_column_text(q, 3));
	}
	af->range_nr = i;
	sqlite3_finalize(q);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return store_db_error(st, err, "reading vulnerability ranges");
	return 0;
}

static int load_versions(struct vulns_affected *af, struct oh_arena *a,
			 struct store *st, sqlite3_int64 aid,
			 struct oh_err *err)
{
	sqlite3_stmt *q = NULL;
	size_t i = 0;

	if (count1(&af->version_nr, st,
		   "SELECT count(*) FROM vuln_versions WHERE affected_id = ?1",
		   aid, err) < 0 ||
	    store_prepare(st, &q,
			  "SELECT version FROM vuln_versions"
			  " WHERE affected_id = ?1 ORDER BY seq",
			  err) < 0)
		return err->code;
	af->version =
		oh_arena_alloc(a, (af->version_nr + 1) * sizeof(*af->version));
	sqlite3_bind_int64(q, 1, aid);
	while (sqlite3_step(q) == SQLITE_ROW && i < af->version_nr)
		af->version[i++] = col(a, q, 0);
	af->version_nr = i;
	sqlite3_finalize(q);
	return 0;
}

static int load_affected(struct vulns_record *rec, struct oh_arena *a,
			 struct store *st, sqlite3_int64 vid,
			 struct oh_err *err)
{
	sqlite3_stmt *q = NULL;
	size_t i = 0;
	int ret = 0;

	if (count1(&rec->affected_nr, st,
		   "SELECT count(*) FROM vuln_affected WHERE vuln_id = ?1", vid,
		   err) < 0 ||
	    store_prepare(st, &q,
			  "SELECT id, ecosystem, name, purl, severity"
			  " FROM vuln_affected WHERE vuln_id = ?1 ORDER BY seq",
			  err) < 0)
		return err->code;
	rec->affected = oh_arena_alloc(a, (rec->affected_nr + 1) *
						  sizeof(*rec->affected));
	sqlite3_bind_int64(q, 1, vid);
	while (ret == 0 && sqlite3_step(q) == SQLITE_ROW &&
	       i < rec->affected_nr) {
		struct vulns_affected *af = &rec->affected[i++];
		sqlite3_int64 aid = sqlite3_column_int64(q, 0);

		af->ecosystem = col(a, q, 1);
		af->name = col(a, q, 2);
		af->purl = col(a, q, 3);
		af->severity = col(a, q, 4);
		ret = load_ranges(af, a, st, aid, err);
		if (ret == 0)
			ret = load_versions(af, a, st, aid, err);
	}
	rec->affected_nr = i;
	sqlite3_finalize(q);
	return ret;
}

static int load_aliases(struct vulns_record *rec, struct oh_arena *a,
			struct store *st, sqlite3_int64 vid, struct oh_err *err)
{
	sqlite3_stmt *q = NULL;
	size_t i = 0;

	if (count1(&rec->alias_nr, st,
		   "SELECT count(*) FROM vuln_aliases WHERE vuln_id = ?1", vid,
		   err) < 0 ||
	    store_prepare(st, &q,
			  "SELECT alias FROM vuln_aliases WHERE vuln_id = ?1"
			  " ORDER BY alias",
			  err) < 0)
		return err->code;
	rec->alias = oh_arena_alloc(a, (rec->alias_nr + 1) * sizeof(char *));
	sqlite3_bind_int64(q, 1, vid);
	while (sqlite3_step(q) == SQLITE_ROW && i < rec->alias_nr)
		rec->alias[i++] = col(a, q, 0);
	rec->alias_nr = i;
	sqlite3_finalize(q);
	return 0;
}

/* Load every record the id query (one text parameter each) names. */
static int load_where(struct vulns_record **out, size_t *nr, struct oh_arena *a,
		      struct store *st, const char *where, const char *p1,
		      const char *p2, const char *p3, struct oh_err *err)
{
	struct vulns_record *rec = NULL;
	size_t alloc = 0;
	sqlite3_stmt *q = NULL;
	char sql[512];
	int ret = 0;

	*out = NULL;
	*nr = 0;
	snprintf(sql, sizeof(sql),
		 "SELECT id, osv_id, modified, published, withdrawn, summary,"
		 " severity_type, severity FROM vulns WHERE %s ORDER BY osv_id",
		 where);
	if (store_prepare(st, &q, sql, err) < 0)
		return err->code;
	store_bind_text(q, 1, p1);
	store_bind_text(q, 2, p2);
	store_bind_text(q, 3, p3);
	while (ret == 0 && sqlite3_step(q) == SQLITE_ROW) {
		struct vulns_record *r;
		sqlite3_int64 vid = sqlite3_column_int64(q, 0);

		oh_grow((void **)&rec, &alloc, *nr + 1, sizeof(*rec));
		r = &rec[(*nr)++];
		memset(r, 0, sizeof(*r));
		r->id = col(a, q, 1);
		r->modified = col(a, q, 2);
		r->published = col(a, q, 3);
		r->withdrawn = col(a, q, 4);
		r->summary = col(a, q, 5);
		r->severity_type = col(a, q, 6);
		r->severity = col(a, q, 7);
		ret = load_aliases(r, a, st, vid, err);
		if (ret == 0)
			ret = load_affected(r, a, st, vid, err);
	}
	sqlite3_finalize(q);
	if (ret == 0 && *nr > 0) {
		*out = oh_arena_alloc(a, *nr * sizeof(*rec));
		memcpy(*out, rec, *nr * sizeof(*rec));
	}
	free(rec);
	if (ret < 0)
		*nr = 0;
	return ret;
}

int store_vulns_by_repo(struct vulns_record **out, size_t *nr,
			struct oh_arena *a, struct store *st,
			const char *repo_key, struct oh_err *err)
{
	return load_where(out, nr, a, st,
			  "id IN (SELECT f.vuln_id FROM vuln_ranges r"
			  " JOIN vuln_affected f ON f.id = r.affected_id"
			  " WHERE r.repo_key = ?1 AND r.type = 'GIT')",
			  repo_key, NULL, NULL, err);
}

int store_vulns_by_package(struct vulns_record **out, size_t *nr,
			   struct oh_arena *a, struct store *st,
			   const char *ecosystem, const char *name,
			   const char *purl, struct oh_err *err)
{
	return load_where(out, nr, a, st,
			  "id IN (SELECT vuln_id FROM vuln_affected"
			  " WHERE (ecosystem = ?1 AND name = ?2)"
			  " OR purl = ?3)",
			  ecosystem, name, purl, err);
}

int store_vulns_verdict_get(int *out, struct store *st, const char *osv_id,
			    const char *repo_key, const char *commit,
			    struct oh_err *err)
{
	sqlite3_stmt *q = NULL;
	int rc;

	*out = -1;
	if (store_prepare(st, &q,
			  "SELECT v.verdict FROM vuln_verdicts v"
			  " JOIN vulns u ON u.id = v.vuln_id"
			  " WHERE u.osv_id = ?1 AND v.repo_key = ?2"
			  " AND v.commit_id = ?3",
			  err) < 0)
		return err->code;
	store_bind_text(q, 1, osv_id);
	store_bind_text(q, 2, repo_key);
	store_bind_text(q, 3, commit);
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW)
		*out = sqlite3_column_int(q, 0);
	sqlite3_finalize(q);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_db_error(st, err, "reading a cached verdict");
	return 0;
}

int store_vulns_verdict_put(struct store *st, const char *osv_id,
			    const char *repo_key, const char *commit,
			    int verdict, struct oh_err *err)
{
	sqlite3_stmt *q = NULL;
	int rc;

	if (store_prepare(st, &q,
			  "INSERT OR REPLACE INTO vuln_verdicts"
			  " (vuln_id, repo_key, commit_id, verdict)"
			  " SELECT id, ?2, ?3, ?4 FROM vulns WHERE osv_id = ?1",
			  err) < 0)
		return err->code;
	store_bind_text(q, 1, osv_id);
	store_bind_text(q, 2, repo_key);
	store_bind_text(q, 3, commit);
	sqlite3_bind_int(q, 4, verdict);
	rc = sqlite3_step(q);
	sqlite3_finalize(q);
	if (rc != SQLITE_DONE)
		return store_db_error(st, err, "caching a verdict");
	return 0;
}

int store_vulns_count(long long *records, long long *withdrawn,
		      long long *verdicts, struct store *st, struct oh_err *err)
{
	sqlite3_stmt *q = NULL;
	int rc;

	if (store_prepare(st, &q,
			  "SELECT (SELECT count(*) FROM vulns),"
			  " (SELECT count(*) FROM vulns WHERE withdrawn"
			  " IS NOT NULL), (SELECT count(*) FROM vuln_verdicts)",
			  err) < 0)
		return err->code;
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW) {
		*records = sqlite3_column_int64(q, 0);
		*withdrawn = sqlite3_column_int64(q, 1);
		*verdicts = sqlite3_column_int64(q, 2);
	}
	sqlite3_finalize(q);
	if (rc != SQLITE_ROW)
		return store_db_error(st, err, "counting vulnerabilities");
	return 0;
}
