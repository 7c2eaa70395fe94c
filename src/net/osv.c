/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * OSV API client: request building and reply parsing with cJSON, and the
 * lookup that ties them to net_post_json()/net_get().
 */
#include "net/osv.h"

#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/err.h"
#include "core/xalloc.h"
#include "net/http.h"
#include "core/banned.h"

bool osv_id_valid(const char *id)
{
	size_t n = strlen(id);

	if (n == 0 || n > 128 || strcmp(id, ".") == 0 || strcmp(id, "..") == 0)
		return false;
	return strspn(id, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
			  "0123456789._:-") == n;
}

static cJSON *parse_json(const char *body, size_t len, const char *name,
			 struct oh_err *err)
{
	const char *end = NULL;
	cJSON *root;

	if (len > OSV_MAX_BODY) {
		oh_err_set(err, OH_ELIMIT, name, 0, 0,
			   "reply larger than %u bytes", OSV_MAX_BODY);
		return NULL;
	}
	root = cJSON_ParseWithLengthOpts(body, len, &end, 0);
	if (!root) {
		size_t at = end && end >= body && end <= body + len
				    ? (size_t)(end - body)
				    : 0;

		oh_err_set(err, OH_EINPUT, name, 0, 0,
			   "invalid JSON at byte %zu", at);
		return NULL;
	}
	if (!cJSON_IsObject(root)) {
		cJSON_Delete(root);
		oh_err_set(err, OH_EINPUT, name, 0, 0,
			   "reply is not a JSON object");
		return NULL;
	}
	return root;
}

int osv_batch_request(struct oh_buf *out, const struct osv_query *q, size_t nr,
		      struct oh_err *err)
{
	cJSON *root;
	cJSON *arr;
	char *text;

	if (nr > OSV_MAX_QUERIES)
		return oh_err_set(err, OH_ELIMIT, NULL, 0, 0,
				  "more than %d OSV queries", OSV_MAX_QUERIES);
	root = cJSON_CreateObject();
	arr = cJSON_AddArrayToObject(root, "queries");
	for (size_t i = 0; i < nr; i++) {
		cJSON *o = cJSON_CreateObject();

		cJSON_AddItemToArray(arr, o);
		if (q[i].commit) {
			cJSON_AddStringToObject(o, "commit", q[i].commit);
		} else if (q[i].purl) {
			cJSON *p = cJSON_AddObjectToObject(o, "package");

			cJSON_AddStringToObject(p, "purl", q[i].purl);
			if (q[i].version)
				cJSON_AddStringToObject(o, "version",
							q[i].version);
		} else {
			cJSON_Delete(root);
			return oh_err_set(err, OH_EINPUT, NULL, 0, 0,
					  "OSV query %zu has no commit or purl",
					  i + 1);
		}
	}
	for (size_t i = 0; i < nr; i++)
		if (q[i].page_token)
			cJSON_AddStringToObject(cJSON_GetArrayItem(arr, (int)i),
						"page_token", q[i].page_token);
	text = cJSON_PrintUnformatted(root);
	cJSON_Delete(root);
	if (!text)
		OH_BUG("cJSON_PrintUnformatted failed (out of memory)");
	oh_buf_adds(out, text);
	cJSON_free(text);
	return 0;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void free_strings(char **s, size_t nr)
{
	for (size_t i = 0; i < nr; i++)
		free(s[i]);
	free(s);
}

/* Add one id from a result's "vulns" entry, checking it. */
static int add_id(char ***ids, size_t *nr, size_t *alloc, const cJSON *v,
		  const char *name, struct oh_err *err)
{
	const cJSON *id = cJSON_GetObjectItemCaseSensitive(v, "id");

	if (!cJSON_IsString(id) || !osv_id_valid(id->valuestring))
		return oh_err_set(
			err, OH_EINPUT, name, 0, 0,
			"a result has a missing or invalid vulnerability id");
	if (*nr >= OSV_MAX_VULNS)
		return oh_err_set(err, OH_ELIMIT, name, 0, 0,
				  "more than %d vulnerabilities",
				  OSV_MAX_VULNS);
	OH_GROW(*ids, *alloc, *nr + 1);
	(*ids)[(*nr)++] = oh_xstrdup(id->valuestring);
	return 0;
}

/* A page token: a non-empty printable string of bounded length. */
static bool token_valid(const cJSON *t)
{
	size_t n;

	if (!cJSON_IsString(t))
		return false;
	n = strlen(t->valuestring);
	if (n == 0 || n > OSV_MAX_STRING)
		return false;
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)t->valuestring[i] < 0x20 ||
		    t->valuestring[i] == 0x7f)
			return false;
	return true;
}

/* The token of result i into next[i]; an error without `next`. */
static int page_token(char **next, size_t i, const cJSON *r, const char *name,
		      struct oh_err *err)
{
	const cJSON *t = cJSON_GetObjectItemCaseSensitive(r, "next_page_token");

	if (!t)
		return 0;
	if (!next)
		return oh_err_set(
			err, OH_ELIMIT, name, 0, 0,
			"more than one page of results (paging is not supported)");
	if (!token_valid(t))
		return oh_err_set(err, OH_EINPUT, name, 0, 0,
				  "result %zu has an invalid next_page_token",
				  i + 1);
	next[i] = oh_xstrdup(t->valuestring);
	return 0;
}

/*
 * The ids of a reply's results: all into ids[0] (nids 1), or result i's
 * into ids[i] (nids = the number of queries).
 */
static int batch_results(struct osv_ids *ids, size_t nids, char **next,
			 const cJSON *results, const char *name,
			 struct oh_err *err)
{
	const cJSON *r;
	size_t i = 0;

	cJSON_ArrayForEach(r, results)
	{
		const cJSON *vulns =
			cJSON_GetObjectItemCaseSensitive(r, "vulns");
		struct osv_ids *to = &ids[nids > 1 ? i : 0];
		const cJSON *v;

		if (!cJSON_IsObject(r))
			return oh_err_set(err, OH_EINPUT, name, 0, 0,
					  "a result is not an object");
		if (page_token(next, i++, r, name, err) < 0)
			return err->code;
		if (!vulns)
			continue;
		if (!cJSON_IsArray(vulns))
			return oh_err_set(err, OH_EINPUT, name, 0, 0,
					  "\"vulns\" is not an array");
		cJSON_ArrayForEach(v, vulns)
		{
			if (add_id(&to->id, &to->nr, &to->alloc, v, name, err) <
			    0)
				return err->code;
		}
	}
	return 0;
}

/* Sorted, each id once. */
static size_t sort_unique(char **ids, size_t nr)
{
	size_t w = 0;

	if (nr > 1)
		qsort(ids, nr, sizeof(*ids), cmp_str);
	for (size_t i = 0; i < nr; i++) {
		if (w > 0 && strcmp(ids[w - 1], ids[i]) == 0)
			free(ids[i]);
		else
			ids[w++] = ids[i];
	}
	return w;
}

/* A reply to nq queries into ids[0..nids) (batch_results()) and next. */
static int parse_reply(struct osv_ids *ids, size_t nids, char **next_out,
		       size_t nq, const char *body, size_t len,
		       const char *name, struct oh_err *err)
{
	cJSON *root = parse_json(body, len, name, err);
	const cJSON *results;
	int ret = 0;

	for (size_t i = 0; next_out && i < nq; i++)
		next_out[i] = NULL;
	if (!root)
		return err->code;
	results = cJSON_GetObjectItemCaseSensitive(root, "results");
	if (!cJSON_IsArray(results))
		ret = oh_err_set(err, OH_EINPUT, name, 0, 0,
				 "\"results\" is missing or not an array");
	else if ((next_out || nids > 1) &&
		 (size_t)cJSON_GetArraySize(results) != nq)
		ret = oh_err_set(err, OH_EINPUT, name, 0, 0,
				 "%d results for %zu queries",
				 cJSON_GetArraySize(results), nq);
	else
		ret = batch_results(ids, nids, next_out, results, name, err);
	cJSON_Delete(root);
	if (ret < 0)
		for (size_t i = 0; next_out && i < nq; i++) {
			free(next_out[i]);
			next_out[i] = NULL;
		}
	return ret;
}

static void ids_release(struct osv_ids *ids, size_t nr)
{
	for (size_t i = 0; i < nr; i++) {
		free_strings(ids[i].id, ids[i].nr);
		ids[i] = (struct osv_ids){ 0 };
	}
}

int osv_batch_parse_pages(char ***ids_out, size_t *nr_out, char **next_out,
			  size_t nq, const char *body, size_t len,
			  const char *name, struct oh_err *err)
{
	struct osv_ids all = { 0 };
	int ret = parse_reply(&all, 1, next_out, nq, body, len, name, err);

	*ids_out = NULL;
	*nr_out = 0;
	if (ret < 0) {
		ids_release(&all, 1);
		return ret;
	}
	*ids_out = all.id;
	*nr_out = sort_unique(all.id, all.nr);
	return 0;
}

int osv_batch_parse(char ***ids_out, size_t *nr_out, const char *body,
		    size_t len, const char *name, struct oh_err *err)
{
	return osv_batch_parse_pages(ids_out, nr_out, NULL, 0, body, len, name,
				     err);
}

static int opt_string(char **out, const cJSON *obj, const char *key,
		      const char *name, struct oh_err *err)
{
	const cJSON *s = cJSON_GetObjectItemCaseSensitive(obj, key);

	*out = NULL;
	if (!s || cJSON_IsNull(s))
		return 0;
	if (!cJSON_IsString(s))
		return oh_err_set(err, OH_EINPUT, name, 0, 0,
				  "\"%s\" is not a string", key);
	if (strlen(s->valuestring) > OSV_MAX_STRING)
		return oh_err_set(err, OH_ELIMIT, name, 0, 0,
				  "\"%s\" longer than %d bytes", key,
				  OSV_MAX_STRING);
	*out = oh_xstrdup(s->valuestring);
	return 0;
}

static int parse_aliases(struct osv_vuln *v, const cJSON *root,
			 const char *name, struct oh_err *err)
{
	const cJSON *a = cJSON_GetObjectItemCaseSensitive(root, "aliases");
	const cJSON *e;
	size_t alloc = 0;

	if (!a || cJSON_IsNull(a))
		return 0;
	if (!cJSON_IsArray(a))
		return oh_err_set(err, OH_EINPUT, name, 0, 0,
				  "\"aliases\" is not an array");
	cJSON_ArrayForEach(e, a)
	{
		if (!cJSON_IsString(e) || !osv_id_valid(e->valuestring))
			return oh_err_set(err, OH_EINPUT, name, 0, 0,
					  "an alias is not a valid id");
		if (v->alias_nr >= OSV_MAX_ALIASES)
			return oh_err_set(err, OH_ELIMIT, name, 0, 0,
					  "more than %d aliases",
					  OSV_MAX_ALIASES);
		OH_GROW(v->alias, alloc, v->alias_nr + 1);
		v->alias[v->alias_nr++] = oh_xstrdup(e->valuestring);
	}
	if (v->alias_nr > 1)
		qsort(v->alias, v->alias_nr, sizeof(*v->alias), cmp_str);
	return 0;
}

/* Preference among severity types: lower is better; -1 unknown. */
static int type_rank(const char *t)
{
	static const char *const order[] = { "CVSS_V3", "CVSS_V4", "CVSS_V2",
					     "Ubuntu" };

	for (size_t i = 0; i < sizeof(order) / sizeof(order[0]); i++)
		if (strcmp(t, order[i]) == 0)
			return (int)i;
	return -1;
}

static int parse_severity_list(struct osv_vuln *v, const cJSON *root,
			       const char *name, struct oh_err *err)
{
	const cJSON *sev = cJSON_GetObjectItemCaseSensitive(root, "severity");
	const cJSON *best = NULL;
	const cJSON *e;
	int best_rank = 1000;

	if (!sev || cJSON_IsNull(sev))
		return 0;
	if (!cJSON_IsArray(sev))
		return oh_err_set(err, OH_EINPUT, name, 0, 0,
				  "\"severity\" is not an array");
	cJSON_ArrayForEach(e, sev)
	{
		const cJSON *t = cJSON_GetObjectItemCaseSensitive(e, "type");
		const cJSON *s = cJSON_GetObjectItemCaseSensitive(e, "score");
		int rank;

		if (!cJSON_IsString(t) || !cJSON_IsString(s))
			return oh_err_set(err, OH_EINPUT, name, 0, 0,
					  "a severity lacks type or score");
		rank = type_rank(t->valuestring);
		if (rank >= 0 && rank < best_rank) {
			best_rank = rank;
			best = e;
		}
	}
	if (!best)
		return 0;
	if (opt_string(&v->severity_type, best, "type", name, err) < 0 ||
	    opt_string(&v->severity, best, "score", name, err) < 0)
		return err->code;
	return 0;
}

/* database_specific.severity of obj, when the list gave none. */
static int parse_db_severity(struct osv_vuln *v, const cJSON *obj,
			     const char *name, struct oh_err *err)
{
	const cJSON *db;

	if (v->severity)
		return 0;
	db = cJSON_GetObjectItemCaseSensitive(obj, "database_specific");
	if (!cJSON_IsObject(db) ||
	    !cJSON_IsString(cJSON_GetObjectItemCaseSensitive(db, "severity")))
		return 0;
	if (opt_string(&v->severity, db, "severity", name, err) < 0)
		return err->code;
	v->severity_type = oh_xstrdup("database");
	return 0;
}

static bool range_fixed(const cJSON *range)
{
	const cJSON *events = cJSON_GetObjectItemCaseSensitive(range, "events");
	const cJSON *ev;

	if (!cJSON_IsArray(events))
		return false;
	cJSON_ArrayForEach(ev, events)
	{
		const cJSON *f = cJSON_GetObjectItemCaseSensitive(ev, "fixed");

		if (cJSON_IsString(f) && f->valuestring[0] != '\0')
			return true;
	}
	return false;
}

static int parse_affected(struct osv_vuln *v, const cJSON *root,
			  const char *name, struct oh_err *err)
{
	const cJSON *aff = cJSON_GetObjectItemCaseSensitive(root, "affected");
	const cJSON *a;

	if (!aff || cJSON_IsNull(aff))
		return 0;
	if (!cJSON_IsArray(aff))
		return oh_err_set(err, OH_EINPUT, name, 0, 0,
				  "\"affected\" is not an array");
	cJSON_ArrayForEach(a, aff)
	{
		const cJSON *ranges =
			cJSON_GetObjectItemCaseSensitive(a, "ranges");
		const cJSON *r;

		if (!cJSON_IsObject(a))
			return oh_err_set(
				err, OH_EINPUT, name, 0, 0,
				"an \"affected\" entry is not an object");
		if (parse_db_severity(v, a, name, err) < 0)
			return err->code;
		cJSON_ArrayForEach(r, ranges)
		{
			if (range_fixed(r))
				v->fixed = true;
		}
	}
	return 0;
}

int osv_vuln_parse(struct osv_vuln *out, const char *body, size_t len,
		   const char *want_id, const char *name, struct oh_err *err)
{
	cJSON *root = parse_json(body, len, name, err);
	const cJSON *id;
	int ret = 0;

	memset(out, 0, sizeof(*out));
	if (!root)
		return err->code;
	id = cJSON_GetObjectItemCaseSensitive(root, "id");
	if (!cJSON_IsString(id) || !osv_id_valid(id->valuestring)) {
		ret = oh_err_set(err, OH_EINPUT, name, 0, 0,
				 "\"id\" is missing or invalid");
		goto out;
	}
	if (want_id && strcmp(id->valuestring, want_id) != 0) {
		ret = oh_err_set(err, OH_EINPUT, name, 0, 0,
				 "reply is for %s, not %s", id->valuestring,
				 want_id);
		goto out;
	}
	out->id = oh_xstrdup(id->valuestring);
	out->withdrawn =
		cJSON_GetObjectItemCaseSensitive(root, "withdrawn") != NULL;
	if (parse_aliases(out, root, name, err) < 0 ||
	    parse_severity_list(out, root, name, err) < 0 ||
	    parse_db_severity(out, root, name, err) < 0 ||
	    parse_affected(out, root, name, err) < 0 ||
	    opt_string(&out->summary, root, "summary", name, err) < 0 ||
	    opt_string(&out->modified, root, "modified", name, err) < 0)
		ret = err->code;
out:
	cJSON_Delete(root);
	if (ret < 0)
		osv_vuln_release(out);
	return ret;
}

void osv_vuln_release(struct osv_vuln *v)
{
	free(v->id);
	free_strings(v->alias, v->alias_nr);
	free(v->severity_type);
	free(v->severity);
	free(v->summary);
	free(v->modified);
	memset(v, 0, sizeof(*v));
}

void osv_result_release(struct osv_result *r)
{
	for (size_t i = 0; i < r->vuln_nr; i++)
		osv_vuln_release(&r->vuln[i]);
	free(r->vuln);
	r->vuln = NULL;
	r->vuln_nr = 0;
}

static void base_trim(struct oh_buf *b, const char *base_url)
{
	oh_buf_adds(b, base_url ? base_url : OSV_DEFAULT_URL);
	while (b->len > 0 && b->buf[b->len - 1] == '/')
		oh_buf_setlen(b, b->len - 1);
}

static int fetch_vulns(struct osv_result *out, struct net_client *c,
		       const char *base, char **ids, size_t nr,
		       struct oh_err *err)
{
	struct net_response r = NET_RESPONSE_INIT;
	struct oh_buf url = OH_BUF_INIT;
	int ret = 0;

	out->vuln = oh_xcalloc(nr ? nr : 1, sizeof(*out->vuln));
	for (size_t i = 0; i < nr && ret == 0; i++) {
		oh_buf_reset(&url);
		oh_buf_addf(&url, "%s/v1/vulns/%s", base, ids[i]);
		ret = net_get(&r, c, url.buf, NULL, err);
		if (ret == 0)
			ret = osv_vuln_parse(&out->vuln[i], r.body.buf,
					     r.body.len, ids[i], url.buf, err);
		if (ret == 0)
			out->vuln_nr++;
		net_response_release(&r);
	}
	oh_buf_release(&url);
	return ret;
}

/* Ids gathered over the pages of one lookup. */
struct gathered {
	char **id;    /* owned */
	size_t nr;    /* entries */
	size_t alloc; /* allocated */
};

/*
 * One querybatch of q[0..*nq): its ids added to g; q and tok (the owned
 * page tokens q points at) keep, in order, the queries whose result has
 * a next page, each with its new token.
 */
static int one_batch(struct gathered *g, struct osv_query *q, char **tok,
		     size_t *nq, struct net_client *c, const char *url,
		     struct oh_err *err)
{
	struct net_response r = NET_RESPONSE_INIT;
	struct oh_buf req = OH_BUF_INIT;
	char **next = oh_xcalloc(*nq, sizeof(*next));
	char **ids = NULL;
	size_t n = 0, k = 0;
	int ret = osv_batch_request(&req, q, *nq, err);

	if (ret == 0)
		ret = net_post_json(&r, c, url, req.buf, req.len, NULL, err);
	if (ret == 0)
		ret = osv_batch_parse_pages(&ids, &n, next, *nq, r.body.buf,
					    r.body.len, url, err);
	if (ret == 0) {
		OH_GROW(g->id, g->alloc, g->nr + n);
		for (size_t i = 0; i < n; i++)
			g->id[g->nr++] = ids[i];
		for (size_t i = 0; i < *nq; i++) {
			free(tok[i]);
			tok[i] = NULL;
			if (!next[i])
				continue;
			q[k] = q[i];
			q[k].page_token = next[i];
			tok[k++] = next[i];
		}
		*nq = k;
	}
	free(ids);
	free(next);
	net_response_release(&r);
	oh_buf_release(&req);
	return ret;
}

/* Every page of the batch for q[0..nr): the distinct ids, sorted. */
static int all_pages(struct gathered *g, struct net_client *c, const char *url,
		     const struct osv_query *q0, size_t nr, struct oh_err *err)
{
	struct osv_query *q = oh_xcalloc(nr ? nr : 1, sizeof(*q));
	char **tok = oh_xcalloc(nr ? nr : 1, sizeof(*tok));
	size_t nq = nr;
	int ret = 0;

	if (nr > 0)
		memcpy(q, q0, nr * sizeof(*q));
	for (unsigned pages = 0; ret == 0 && (pages == 0 || nq > 0); pages++) {
		if (pages >= OSV_MAX_PAGES)
			ret = oh_err_set(err, OH_ELIMIT, url, 0, 0,
					 "more than %d pages of results",
					 OSV_MAX_PAGES);
		else
			ret = one_batch(g, q, tok, &nq, c, url, err);
	}
	for (size_t i = 0; i < nq; i++)
		free(tok[i]);
	free(tok);
	free(q);
	if (ret == 0)
		g->nr = sort_unique(g->id, g->nr);
	if (ret == 0 && g->nr > OSV_MAX_VULNS)
		ret = oh_err_set(err, OH_ELIMIT, url, 0, 0,
				 "more than %d vulnerabilities", OSV_MAX_VULNS);
	return ret;
}

int osv_lookup(struct osv_result *out, struct net_client *c,
	       const char *base_url, const struct osv_query *q, size_t nr,
	       struct oh_err *err)
{
	struct gathered g = { 0 };
	struct oh_buf base = OH_BUF_INIT;
	struct oh_buf url = OH_BUF_INIT;
	int ret;

	memset(out, 0, sizeof(*out));
	base_trim(&base, base_url);
	oh_buf_addf(&url, "%s/v1/querybatch", base.buf);
	ret = all_pages(&g, c, url.buf, q, nr, err);
	if (ret == 0)
		ret = fetch_vulns(out, c, base.buf, g.id, g.nr, err);
	if (ret < 0)
		osv_result_release(out);
	free_strings(g.id, g.nr);
	oh_buf_release(&url);
	oh_buf_release(&base);
	return ret;
}

/*
 * osv_lookup_each(): the queries in batches of OSV_MAX_QUERIES, every
 * page of each; per[i] gets the ids of query i.
 */
static int each_pages(struct osv_ids *per, struct net_client *c,
		      const char *url, const struct osv_query *q0, size_t nr,
		      struct oh_err *err)
{
	struct osv_query q[OSV_MAX_QUERIES];
	size_t at[OSV_MAX_QUERIES]; /* q[k] is query at[k] */
	char *tok[OSV_MAX_QUERIES];
	char *next[OSV_MAX_QUERIES];
	struct osv_ids got[OSV_MAX_QUERIES];
	struct net_response r = NET_RESPONSE_INIT;
	struct oh_buf req = OH_BUF_INIT;
	int ret = 0;

	memset(tok, 0, sizeof(tok));
	for (size_t start = 0; ret == 0 && start < nr;
	     start += OSV_MAX_QUERIES) {
		size_t nq = nr - start < OSV_MAX_QUERIES ? nr - start
							 : OSV_MAX_QUERIES;

		for (size_t k = 0; k < nq; k++) {
			q[k] = q0[start + k];
			at[k] = start + k;
		}
		for (unsigned pages = 0; ret == 0 && nq > 0; pages++) {
			size_t keep = 0;

			if (pages >= OSV_MAX_PAGES) {
				ret = oh_err_set(
					err, OH_ELIMIT, url, 0, 0,
					"more than %d pages of results",
					OSV_MAX_PAGES);
				break;
			}
			memset(got, 0, sizeof(got));
			oh_buf_reset(&req);
			ret = osv_batch_request(&req, q, nq, err);
			if (ret == 0)
				ret = net_post_json(&r, c, url, req.buf,
						    req.len, NULL, err);
			if (ret == 0)
				ret = parse_reply(got, nq, next, nq, r.body.buf,
						  r.body.len, url, err);
			net_response_release(&r);
			for (size_t k = 0; k < nq; k++) {
				struct osv_ids *to = &per[at[k]];

				free(tok[k]);
				tok[k] = NULL;
				for (size_t j = 0; ret == 0 && j < got[k].nr;
				     j++) {
					OH_GROW(to->id, to->alloc, to->nr + 1);
					to->id[to->nr++] = got[k].id[j];
					got[k].id[j] = NULL;
				}
				ids_release(&got[k], 1);
				if (ret < 0 || !next[k])
					continue;
				q[keep] = q[k];
				at[keep] = at[k];
				q[keep].page_token = next[k];
				tok[keep++] = next[k];
			}
			nq = ret == 0 ? keep : 0;
		}
		for (size_t k = 0; k < OSV_MAX_QUERIES; k++) {
			free(tok[k]);
			tok[k] = NULL;
		}
	}
	oh_buf_release(&req);
	return ret;
}

static size_t find_id(char *const *ids, size_t nr, const char *id)
{
	size_t lo = 0, hi = nr;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(ids[mid], id);

		if (c == 0)
			return mid;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return nr;
}

int osv_lookup_each(struct osv_each *out, struct net_client *c,
		    const char *base_url, const struct osv_query *q, size_t nr,
		    struct oh_err *err)
{
	struct osv_ids *per = oh_xcalloc(nr ? nr : 1, sizeof(*per));
	struct osv_ids all = { 0 };
	struct oh_buf base = OH_BUF_INIT;
	struct oh_buf url = OH_BUF_INIT;
	int ret;

	memset(out, 0, sizeof(*out));
	base_trim(&base, base_url);
	oh_buf_addf(&url, "%s/v1/querybatch", base.buf);
	ret = each_pages(per, c, url.buf, q, nr, err);
	for (size_t i = 0; ret == 0 && i < nr; i++) {
		per[i].nr = sort_unique(per[i].id, per[i].nr);
		for (size_t j = 0; j < per[i].nr; j++) {
			OH_GROW(all.id, all.alloc, all.nr + 1);
			all.id[all.nr++] = oh_xstrdup(per[i].id[j]);
		}
	}
	if (ret == 0)
		all.nr = sort_unique(all.id, all.nr);
	if (ret == 0 && all.nr > OSV_MAX_EACH_VULNS)
		ret = oh_err_set(err, OH_ELIMIT, url.buf, 0, 0,
				 "more than %d vulnerabilities",
				 OSV_MAX_EACH_VULNS);
	if (ret == 0)
		ret = fetch_vulns(&out->all, c, base.buf, all.id, all.nr, err);
	if (ret == 0) {
		out->nr = nr;
		out->hit = oh_xcalloc(nr ? nr : 1, sizeof(*out->hit));
		out->hit_nr = oh_xcalloc(nr ? nr : 1, sizeof(*out->hit_nr));
		for (size_t i = 0; i < nr; i++) {
			out->hit[i] = oh_xcalloc(per[i].nr ? per[i].nr : 1,
						 sizeof(**out->hit));
			for (size_t j = 0; j < per[i].nr; j++)
				out->hit[i][out->hit_nr[i]++] =
					find_id(all.id, all.nr, per[i].id[j]);
		}
	} else {
		osv_result_release(&out->all);
	}
	ids_release(per, nr);
	free(per);
	ids_release(&all, 1);
	oh_buf_release(&url);
	oh_buf_release(&base);
	return ret;
}

void osv_each_release(struct osv_each *e)
{
	for (size_t i = 0; i < e->nr; i++)
		free(e->hit[i]);
	free(e->hit);
	free(e->hit_nr);
	osv_result_release(&e->all);
	memset(e, 0, sizeof(*e));
}
