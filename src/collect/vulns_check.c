/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Vulnerabilities of a revision or a package version from the imported
 * OSV records (see vulns_check.h): the store gives the records, the
 * range rules of src/vulns/ decide, src/git/reach answers reachability.
 */
#include "collect/vulns_check.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/err.h"
#include "core/url.h"
#include "core/timeutil.h"
#include "core/xalloc.h"
#include "git/mirror.h"
#include "git/reach.h"
#include "git/refs.h"
#include "store/store.h"
#include "store/store_vulns.h"
#include "vulns/vulns.h"
#include "core/banned.h"

#define DAY 86400

/* What one check keeps about the repository. */
struct ctx {
	struct mirror_repo *repo;
	struct reach_set *at;    /* ancestors of the checked commit */
	struct reach_set *head;  /* ancestors of HEAD (lazily; may be `at`) */
	struct reach_tags *tags; /* lazily */
};

static int reach_cb(bool *out, const char *ancestor, const char *commit,
		    void *payload, struct oh_err *err)
{
	struct ctx *x = payload;

	if (x->at && strcmp(commit, reach_set_commit(x->at)) == 0)
		return reach_set_has(out, x->at, ancestor, err);
	return reach_is_ancestor(out, x->repo, ancestor, commit, err);
}

static bool range_applies(const struct vulns_range *r, const char *key)
{
	return r->type == VULNS_GIT && r->repo_key &&
	       strcmp(r->repo_key, key) == 0;
}

/* The record's verdict: affected by any matching range, else unknown. */
static int decide(struct collect_vulns_hit *h, struct ctx *x, const char *key,
		  const char *commit, struct oh_err *err)
{
	const struct vulns_record *rec = h->rec;
	bool unknown = false;

	h->verdict = VULNS_NOT_AFFECTED;
	for (size_t i = 0; i < rec->affected_nr; i++) {
		const struct vulns_affected *af = &rec->affected[i];

		for (size_t j = 0; j < af->range_nr; j++) {
			enum vulns_verdict v;

			if (!range_applies(&af->range[j], key))
				continue;
			if (vulns_git_eval(&v, &af->range[j], commit, reach_cb,
					   x, err) < 0)
				return err->code;
			if (v == VULNS_AFFECTED) {
				h->verdict = v;
				return 0;
			}
			unknown |= v == VULNS_UNKNOWN;
		}
	}
	if (unknown)
		h->verdict = VULNS_UNKNOWN;
	return 0;
}

/* Seconds of an RFC 3339 time, fraction dropped; 0 when it does not parse. */
static int64_t rfc3339(const char *s)
{
	struct oh_err err = OH_ERR_INIT;
	char buf[32];
	int64_t t = 0;
	size_t n;

	if (!s)
		return 0;
	n = strcspn(s, ".");
	if (n >= sizeof(buf) - 1)
		return 0;
	memcpy(buf, s, n);
	buf[n] = '\0';
	if (s[n] == '.')
		snprintf(buf + n, sizeof(buf) - n, "%s",
			 s + n + strspn(s + n + 1, "0123456789") + 1);
	if (oh_time_parse(&t, buf, &err) < 0)
		t = 0;
	oh_err_release(&err);
	return t;
}

static long days(int64_t from, int64_t to)
{
	if (from == 0 || to == 0)
		return -1;
	return to <= from ? 0 : (long)((to - from) / DAY);
}

/* The fix: a fixed event of a matching range, preferring HEAD's. */
static int fix_facts(struct collect_vulns_hit *h, struct collect_vulns *c,
		     struct ctx *x, struct oh_err *err)
{
	const struct vulns_record *rec = h->rec;
	const char *tag = NULL;

	for (size_t i = 0; i < rec->affected_nr; i++) {
		const struct vulns_affected *af = &rec->affected[i];

		for (size_t j = 0; j < af->range_nr; j++) {
			const struct vulns_range *r = &af->range[j];

			if (!range_applies(r, c->repo_key))
				continue;
			for (size_t k = 0; k < r->event_nr; k++) {
				const struct vulns_event *e = &r->event[k];
				bool on = false;
				int rc;

				if (e->kind == VULNS_INTRODUCED &&
				    !h->introduced)
					h->introduced = e->value;
				if (e->kind != VULNS_FIXED || h->fix_on_default)
					continue;
				rc = x->head ? reach_set_has(&on, x->head,
							     e->value, err)
					     : OH_ENOTFOUND;
				if (rc == OH_ENOTFOUND) {
					oh_err_release(err);
					if (!h->fix)
						h->fix = e->value;
					continue;
				}
				if (rc < 0)
					return rc;
				if (!h->fix || on) {
					h->fix = e->value;
					h->fix_in_repo = true;
					h->fix_on_default = on;
				}
			}
		}
	}
	if (!h->fix_in_repo)
		return 0;
	if (!x->tags)
		reach_tags_new(&x->tags, x->repo);
	if (reach_commit_time(&h->fix_time, x->repo, h->fix, err) < 0 ||
	    reach_tags_first(&tag, &h->fix_tag_time, x->tags, h->fix, err) < 0)
		return err->code;
	if (tag)
		h->fix_tag = oh_arena_strdup(&c->arena, tag);
	h->days_to_fix = days(rfc3339(rec->published), h->fix_time);
	h->days_to_release =
		h->fix_tag ? days(rfc3339(rec->published), h->fix_tag_time)
			   : -1;
	return 0;
}

static int long_cmp(const void *a, const void *b)
{
	long x = *(const long *)a;
	long y = *(const long *)b;

	return x < y ? -1 : x > y;
}

static long median(long *v, size_t n)
{
	if (n == 0)
		return -1;
	qsort(v, n, sizeof(*v), long_cmp);
	return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static void summarise(struct collect_vulns *c)
{
	long *fix = oh_xcalloc(c->hit_nr + 1, sizeof(long));
	long *rel = oh_xcalloc(c->hit_nr + 1, sizeof(long));
	size_t nf = 0;
	size_t nr = 0;

	for (size_t i = 0; i < c->hit_nr; i++) {
		const struct collect_vulns_hit *h = &c->hit[i];

		if (h->verdict == VULNS_AFFECTED)
			c->affected++;
		else if (h->verdict == VULNS_UNKNOWN)
			c->unknown++;
		else
			c->not_affected++;
		if (h->fix_on_default && h->days_to_fix >= 0)
			fix[nf++] = h->days_to_fix;
		if (h->fix_on_default && h->days_to_release >= 0)
			rel[nr++] = h->days_to_release;
	}
	c->fixes = nf;
	c->median_days_to_fix = median(fix, nf);
	c->median_days_to_release = median(rel, nr);
	free(fix);
	free(rel);
}

/* Keep the records that are not withdrawn as hits. */
static void take(struct collect_vulns *c, struct vulns_record *rec, size_t nr)
{
	c->hit = oh_arena_alloc(&c->arena, (nr + 1) * sizeof(*c->hit));
	for (size_t i = 0; i < nr; i++) {
		struct collect_vulns_hit *h;

		if (rec[i].withdrawn) {
			c->withdrawn++;
			continue;
		}
		h = &c->hit[c->hit_nr++];
		h->rec = &rec[i];
		h->days_to_fix = -1;
		h->days_to_release = -1;
	}
}

static int check_one(struct collect_vulns_hit *h, struct collect_vulns *c,
		     struct store *st, struct ctx *x, unsigned flags,
		     struct oh_err *err)
{
	int cached = -1;

	if ((flags & COLLECT_VULNS_NO_CACHE) == 0 &&
	    store_vulns_verdict_get(&cached, st, h->rec->id, c->repo_key,
				    c->commit, err) < 0)
		return err->code;
	if (cached >= 0 && cached <= VULNS_UNKNOWN) {
		h->verdict = (enum vulns_verdict)cached;
		h->cached = true;
	} else {
		if (!x->at &&
		    reach_set_new(&x->at, x->repo, c->commit, err) < 0)
			return err->code;
		if (decide(h, x, c->repo_key, c->commit, err) < 0)
			return err->code;
		if ((flags & COLLECT_VULNS_NO_CACHE) == 0 &&
		    store_vulns_verdict_put(st, h->rec->id, c->repo_key,
					    c->commit, (int)h->verdict,
					    err) < 0)
			return err->code;
	}
	if ((flags & COLLECT_VULNS_NO_FIX) != 0)
		return 0;
	if (!x->head && mirror_repo_head(x->repo)[0] != '\0') {
		if (x->at && strcmp(reach_set_commit(x->at),
				    mirror_repo_head(x->repo)) == 0)
			x->head = x->at;
		else if (reach_set_new(&x->head, x->repo,
				       mirror_repo_head(x->repo), err) < 0)
			return err->code;
	}
	return fix_facts(h, c, x, err);
}

static int subject_key(struct collect_vulns *c, struct mirror_repo *repo,
		       const char *url, struct oh_err *err)
{
	struct oh_buf key = OH_BUF_INIT;
	char *origin = NULL;
	int ret;

	if (!url)
		refs_origin_url(&origin, repo);
	if (!url && !origin)
		return oh_err_set(
			err, OH_EINPUT, mirror_repo_path(repo), 0, 0,
			"no 'remote.origin.url' to match records by; give --url");
	ret = oh_url_normalise(&key, url ? url : origin, err);
	if (ret == 0) {
		c->subject = oh_arena_strdup(&c->arena, url ? url : origin);
		c->repo_key = oh_arena_strdup(&c->arena, key.buf);
	}
	free(origin);
	oh_buf_release(&key);
	return ret;
}

int collect_vulns_repo(struct collect_vulns *out, struct store *st,
		       struct mirror_repo *repo, const char *rev,
		       const char *url, unsigned flags, struct oh_err *err)
{
	struct ctx x = { .repo = repo };
	struct vulns_record *rec = NULL;
	size_t nr = 0;
	int ret = 0;

	memset(out, 0, sizeof(*out));
	if (subject_key(out, repo, url, err) < 0 ||
	    reach_resolve(out->commit, repo, rev, err) < 0 ||
	    store_vulns_by_repo(&rec, &nr, &out->arena, st, out->repo_key,
				err) < 0)
		return err->code;
	take(out, rec, nr);
	if ((flags & COLLECT_VULNS_NO_CACHE) == 0 && store_begin(st, err) < 0)
		return err->code;
	for (size_t i = 0; i < out->hit_nr && ret == 0; i++)
		ret = check_one(&out->hit[i], out, st, &x, flags, err);
	if ((flags & COLLECT_VULNS_NO_CACHE) == 0) {
		if (ret == 0)
			ret = store_commit(st, err);
		else
			store_rollback(st);
	}
	if (ret == 0)
		summarise(out);
	if (x.head != x.at)
		reach_set_free(x.head);
	reach_set_free(x.at);
	reach_tags_free(x.tags);
	return ret;
}

int collect_vulns_purl(struct collect_vulns *out, struct store *st,
		       const char *purl, struct oh_err *err)
{
	struct vulns_record *rec = NULL;
	const char *eco;
	const char *name;
	const char *version;
	char *base;
	size_t nr = 0;

	memset(out, 0, sizeof(*out));
	if (!vulns_purl_package(&eco, &name, &version, &out->arena, purl))
		return oh_err_set(err, OH_EINPUT, purl, 0, 0,
				  "not a package URL of a known OSV ecosystem");
	if (!version || version[0] == '\0')
		return oh_err_set(err, OH_EINPUT, purl, 0, 0,
				  "the package URL has no '@version'");
	base = oh_arena_strndup(&out->arena, purl, strcspn(purl, "@?#"));
	if (store_vulns_by_package(&rec, &nr, &out->arena, st, eco, name, base,
				   err) < 0)
		return err->code;
	out->subject = oh_arena_strdup(&out->arena, purl);
	out->version = version;
	take(out, rec, nr);
	for (size_t i = 0; i < out->hit_nr; i++) {
		struct collect_vulns_hit *h = &out->hit[i];
		const struct vulns_record *r = h->rec;
		bool unknown = false;

		h->verdict = VULNS_NOT_AFFECTED;
		for (size_t j = 0; j < r->affected_nr; j++) {
			const struct vulns_affected *af = &r->affected[j];
			enum vulns_verdict v;

			if (!((af->ecosystem && af->name &&
			       strcmp(af->ecosystem, eco) == 0 &&
			       strcmp(af->name, name) == 0) ||
			      (af->purl && strcmp(af->purl, base) == 0)))
				continue;
			v = vulns_version_eval(af, version);
			if (v == VULNS_AFFECTED)
				h->verdict = v;
			unknown |= v == VULNS_UNKNOWN;
		}
		if (h->verdict != VULNS_AFFECTED && unknown)
			h->verdict = VULNS_UNKNOWN;
	}
	summarise(out);
	return 0;
}

void collect_vulns_release(struct collect_vulns *c)
{
	oh_arena_release(&c->arena);
	memset(c, 0, sizeof(*c));
}
