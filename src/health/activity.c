/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * CHAOSS activity metrics over commit and tag facts; see activity.h and
 * docs/metrics.md.  One pass maps commits to authors (lower-cased email),
 * then each window is counted from the per-author tallies.
 */
#include "health/activity.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "core/buf.h"
#include "core/err.h"
#include "core/xalloc.h"
#include "facts/hist.h"
#include "core/timeutil.h"
#include "core/banned.h"

#define DAY 86400

struct act_org {
	char *domain;  /* lower case */
	char *org;     /* NULL for free-mail */
	char *country; /* may be NULL */
};

struct act_orgs {
	struct act_org *e;
	size_t nr;
};

/* ---- a small string -> index map ------------------------------------- */

struct smap {
	char **key;
	size_t *val;
	size_t cap;
	size_t nr;
};

static uint64_t hs(const char *s)
{
	uint64_t h = 1469598103934665603ull;

	for (; *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return h;
}

static void smap_grow(struct smap *m)
{
	struct smap n = { .cap = m->cap ? m->cap * 2 : 256 };

	n.key = oh_xcalloc(n.cap, sizeof(*n.key));
	n.val = oh_xcalloc(n.cap, sizeof(*n.val));
	for (size_t i = 0; i < m->cap; i++) {
		size_t j;

		if (!m->key[i])
			continue;
		j = hs(m->key[i]) & (n.cap - 1);
		while (n.key[j])
			j = (j + 1) & (n.cap - 1);
		n.key[j] = m->key[i];
		n.val[j] = m->val[i];
	}
	free(m->key);
	free(m->val);
	n.nr = m->nr;
	*m = n;
}

/* Index of key, adding it with value `next` when new (*added set). */
static size_t smap_get(struct smap *m, const char *key, size_t next,
		       bool *added)
{
	size_t j;

	if ((m->nr + 1) * 2 > m->cap)
		smap_grow(m);
	j = hs(key) & (m->cap - 1);
	while (m->key[j]) {
		if (strcmp(m->key[j], key) == 0) {
			*added = false;
			return m->val[j];
		}
		j = (j + 1) & (m->cap - 1);
	}
	m->key[j] = oh_xstrdup(key);
	m->val[j] = next;
	m->nr++;
	*added = true;
	return next;
}

static void smap_release(struct smap *m)
{
	for (size_t i = 0; i < m->cap; i++)
		free(m->key[i]);
	free(m->key);
	free(m->val);
}

static char *lower_dup(const char *s)
{
	char *d = oh_xstrdup(s ? s : "");

	for (char *p = d; *p != '\0'; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	return d;
}

/* ---- authors ----------------------------------------------------------- */

struct author {
	const char *name;        /* as first seen (borrowed from the hist) */
	const char *email;       /* as first seen */
	int64_t first;           /* earliest contribution; INT64_MAX none */
	size_t all[ACT_NWIN];    /* commits per window, merges and bots too */
	size_t n[ACT_NWIN];      /* contributions per window */
	size_t merges[ACT_NWIN]; /* merge commits per window */
	size_t bots[ACT_NWIN];   /* non-merge bot commits per window */
	size_t prev[ACT_NWIN];   /* commits in the previous window */
	size_t org;              /* organisation index */
	bool attributed;         /* domain in the map (org or free-mail) */
	bool bot;                /* some commit matched a bot rule */
};

struct tally {
	struct author *a;
	size_t nr;
	size_t org_nr;
};

static bool in_win(int64_t t, int64_t now, int64_t len)
{
	return t <= now && (len == 0 || t > now - len);
}

static const int64_t win_len[ACT_NWIN] = { 90 * DAY, 365 * DAY, 0 };

static void count_commit(struct author *a, const struct hist_commit *c,
			 int64_t now)
{
	int64_t t = c->author_time;
	bool merge = c->parents > 1;

	for (int w = 0; w < ACT_NWIN; w++) {
		if (in_win(t, now, win_len[w])) {
			a->all[w]++;
			if (merge)
				a->merges[w]++;
			else if (c->is_bot)
				a->bots[w]++;
			else
				a->n[w]++;
		} else if (win_len[w] != 0 &&
			   in_win(t, now - win_len[w], win_len[w])) {
			a->prev[w]++;
		}
	}
	if (!merge && !c->is_bot && t <= now && t < a->first)
		a->first = t;
}

static void build_tally(struct tally *t, const struct hist *h,
			const struct act_orgs *orgs, int64_t now)
{
	struct smap am = { 0 };
	struct smap om = { 0 };
	size_t alloc = 0;
	bool added;

	for (size_t i = 0; i < h->commit_nr; i++) {
		const struct hist_commit *c = &h->commit[i];
		char *k = lower_dup(c->author_email);
		size_t ai = smap_get(&am, k, t->nr, &added);

		if (added) {
			const char *org = NULL;
			enum act_affiliation aff =
				act_affiliation_of(orgs, k, &org);

			OH_GROW(t->a, alloc, t->nr + 1);
			memset(&t->a[ai], 0, sizeof(t->a[ai]));
			t->a[ai].name = c->author_name;
			t->a[ai].email = c->author_email;
			t->a[ai].first = INT64_MAX;
			t->a[ai].attributed = aff != ACT_AFF_UNKNOWN;
			t->a[ai].org =
				smap_get(&om, org ? org : k, t->org_nr, &added);
			t->org_nr += added;
			t->nr++;
		}
		if (c->is_bot)
			t->a[ai].bot = true;
		count_commit(&t->a[ai], c, now);
		free(k);
	}
	smap_release(&am);
	smap_release(&om);
}

static int cmp_desc(const void *a, const void *b)
{
	size_t x = *(const size_t *)a;
	size_t y = *(const size_t *)b;

	return (x < y) - (x > y);
}

/* Fewest entries of counts[0..n) whose sum reaches half of total. */
static size_t factor(size_t *counts, size_t n, size_t total)
{
	size_t sum = 0;
	size_t k = 0;

	if (total == 0)
		return 0;
	if (n > 1)
		qsort(counts, n, sizeof(*counts), cmp_desc);
	while (k < n && sum * 2 < total)
		sum += counts[k++];
	return k;
}

/* Keep the ACT_MAX_EXCLUDED identities with the most left-out commits. */
static void add_excluded(struct act_window_metrics *m, const struct author *a,
			 size_t commits)
{
	size_t at = m->excluded_nr;
	struct act_excluded *e;

	while (at > 0 && m->excluded[at - 1].commits < commits)
		at--;
	if (at == ACT_MAX_EXCLUDED) {
		m->excluded_more++;
		return;
	}
	if (m->excluded_nr == ACT_MAX_EXCLUDED)
		m->excluded_more++;
	else
		m->excluded_nr++;
	memmove(&m->excluded[at + 1], &m->excluded[at],
		(m->excluded_nr - 1 - at) * sizeof(m->excluded[0]));
	e = &m->excluded[at];
	snprintf(e->ident, sizeof(e->ident), "%s <%s>", a->name ? a->name : "",
		 a->email ? a->email : "");
	e->commits = commits;
	e->bot = a->bot;
}

static void window(struct act_window_metrics *m, const struct tally *t, int w,
		   int64_t now)
{
	size_t *ac = oh_xcalloc(t->nr + 1, sizeof(*ac));
	size_t *oc = oh_xcalloc(t->org_nr + 1, sizeof(*oc));

	for (size_t i = 0; i < t->nr; i++) {
		const struct author *a = &t->a[i];

		ac[i] = a->n[w];
		oc[a->org] += a->n[w];
		m->commits += a->all[w];
		m->prev_commits += a->prev[w];
		m->merges += a->merges[w];
		m->bot_commits += a->bots[w];
		m->contributions += a->n[w];
		m->authors += a->n[w] > 0;
		if (a->attributed)
			m->attributed += a->n[w];
		if (a->n[w] > 0 && in_win(a->first, now, win_len[w]))
			m->new_authors++;
		if (a->bot && a->all[w] > 0)
			add_excluded(m, a, a->all[w]);
		else if (a->n[w] == 0 && a->merges[w] > 0)
			add_excluded(m, a, a->merges[w]);
	}
	for (size_t i = 0; i < t->org_nr; i++)
		m->organisations += oc[i] > 0;
	m->absence_factor = factor(ac, t->nr, m->contributions);
	m->elephant_factor = factor(oc, t->org_nr, m->contributions);
	m->elephant_known =
		m->contributions > 0 &&
		(double)m->attributed >=
			ACT_ATTRIBUTED_MIN * (double)m->contributions;
	if (m->prev_commits > 0)
		m->trend = (double)m->commits / (double)m->prev_commits - 1.0;
	free(ac);
	free(oc);
}

static void releases(struct act_metrics *m, const struct hist *h, int64_t now)
{
	struct rel_tag *t = oh_xcalloc(h->tag_nr + 1, sizeof(*t));

	for (size_t i = 0; i < h->tag_nr; i++) {
		t[i].name = h->tag[i].name;
		t[i].time = h->tag[i].time;
	}
	rel_summarise(&m->rel, t, h->tag_nr, now);
	free(t);
	m->releases = m->rel.releases;
	m->release_interval_days = m->rel.median_interval_days;
	m->days_since_release =
		m->rel.releases > 0 ? m->rel.days_since_last : -1;
}

void act_excluded_format(char *buf, size_t size,
			 const struct act_window_metrics *w)
{
	size_t len = 0;

	if (size == 0)
		return;
	buf[0] = '\0';
	for (size_t i = 0; i < w->excluded_nr && len < size; i++) {
		int n = snprintf(
			buf + len, size - len, "%s%s: %zu %s", i ? "; " : "",
			w->excluded[i].ident, w->excluded[i].commits,
			w->excluded[i].bot ? "commits (bot)" : "merges");

		if (n < 0)
			break;
		len += (size_t)n;
	}
	if (w->excluded_more && len < size)
		snprintf(buf + len, size - len, "; and %zu more",
			 w->excluded_more);
}

int act_tz_minutes(size_t slot)
{
	return (int)slot * 15 - 720;
}

void act_compute(struct act_metrics *out, const struct hist *h,
		 const struct act_orgs *orgs, int64_t now)
{
	struct tally t = { 0 };
	int64_t last = 0;

	memset(out, 0, sizeof(*out));
	build_tally(&t, h, orgs, now);
	for (int w = 0; w < ACT_NWIN; w++)
		window(&out->w[w], &t, w, now);
	for (size_t i = 0; i < t.nr; i++)
		if (t.a[i].prev[ACT_W365] > 0 && t.a[i].all[ACT_W365] == 0 &&
		    !t.a[i].bot)
			out->inactive_authors++;
	out->days_since_commit = -1;
	for (size_t i = 0; i < h->commit_nr; i++) {
		const struct hist_commit *c = &h->commit[i];
		int tz = c->author_tz;

		if (c->author_time > now)
			continue;
		if (c->author_time > last || out->days_since_commit < 0)
			last = c->author_time;
		out->days_since_commit = 0;
		if (tz % 15 == 0 && tz >= -720 && tz <= 840)
			out->tz[(tz + 720) / 15]++;
		else
			out->tz_other++;
	}
	if (out->days_since_commit == 0)
		out->days_since_commit = oh_days_between(now, last);
	releases(out, h, now);
	free(t.a);
}

/* ---- organisations ---------------------------------------------------- */

void act_orgs_free(struct act_orgs *o)
{
	if (!o)
		return;
	for (size_t i = 0; i < o->nr; i++) {
		free(o->e[i].domain);
		free(o->e[i].org);
		free(o->e[i].country);
	}
	free(o->e);
	free(o);
}

static int add_domains(struct act_orgs *o, const cJSON *doms, const char *name,
		       struct oh_err *err)
{
	const cJSON *d;

	cJSON_ArrayForEach(d, doms)
	{
		const cJSON *org = cJSON_GetObjectItemCaseSensitive(d, "org");
		const cJSON *cc =
			cJSON_GetObjectItemCaseSensitive(d, "country");
		struct act_org *e = &o->e[o->nr];

		if (!d->string || !cJSON_IsString(org))
			return oh_err_set(err, OH_EINPUT, name, 0, 0,
					  "domains.%s: needs an \"org\" string",
					  d->string ? d->string : "?");
		e->domain = lower_dup(d->string);
		e->org = oh_xstrdup(org->valuestring);
		e->country =
			cJSON_IsString(cc) ? oh_xstrdup(cc->valuestring) : NULL;
		o->nr++;
	}
	return 0;
}

int act_orgs_parse(struct act_orgs **out, const char *json, const char *name,
		   struct oh_err *err)
{
	cJSON *root = cJSON_Parse(json);
	const cJSON *doms = cJSON_GetObjectItemCaseSensitive(root, "domains");
	const cJSON *free_ = cJSON_GetObjectItemCaseSensitive(root, "freemail");
	const cJSON *f;
	struct act_orgs *o = NULL;
	size_t n;
	int rc = 0;

	*out = NULL;
	if (!cJSON_IsObject(doms) || !cJSON_IsArray(free_)) {
		rc = oh_err_set(err, OH_EINPUT, name, 0, 0,
				"expected \"domains\" (object) and "
				"\"freemail\" (array)");
		goto out;
	}
	n = (size_t)cJSON_GetArraySize(doms) +
	    (size_t)cJSON_GetArraySize(free_);
	if (n > ACT_MAX_ORGS) {
		rc = oh_err_set(err, OH_ELIMIT, name, 0, 0,
				"%zu entries exceed %u", n, ACT_MAX_ORGS);
		goto out;
	}
	o = oh_xcalloc(1, sizeof(*o));
	o->e = oh_xcalloc(n + 1, sizeof(*o->e));
	rc = add_domains(o, doms, name, err);
	if (rc < 0)
		goto out;
	cJSON_ArrayForEach(f, free_)
	{
		/* "gmail.com" or {"domain": "gmail.com", "source": "..."} */
		const cJSON *d =
			cJSON_IsObject(f)
				? cJSON_GetObjectItemCaseSensitive(f, "domain")
				: f;

		if (!cJSON_IsString(d)) {
			rc = oh_err_set(
				err, OH_EINPUT, name, 0, 0,
				"freemail: entries must be strings or objects with a \"domain\" string");
			goto out;
		}
		o->e[o->nr++].domain = lower_dup(d->valuestring);
	}
	*out = o;
	o = NULL;
out:
	act_orgs_free(o);
	cJSON_Delete(root);
	return rc;
}

int act_orgs_load(struct act_orgs **out, const char *path, struct oh_err *err)
{
	struct oh_buf text = OH_BUF_INIT;
	int rc;

	*out = NULL;
	oh_buf_set_max(&text, 8u << 20);
	rc = oh_buf_read_file(&text, path, err);
	if (rc == 0)
		rc = act_orgs_parse(out, text.buf, path, err);
	oh_buf_release(&text);
	return rc;
}

static bool ci_eq(const char *a, const char *b)
{
	for (; *a != '\0' && *b != '\0'; a++, b++) {
		char x = *a;

		if (x >= 'A' && x <= 'Z')
			x = (char)(x - 'A' + 'a');
		if (x != *b)
			return false;
	}
	return *a == '\0' && *b == '\0';
}

enum act_affiliation act_affiliation_of(const struct act_orgs *o,
					const char *email, const char **org)
{
	const char *d = email ? strrchr(email, '@') : NULL;

	*org = NULL;
	if (!o || !d)
		return ACT_AFF_UNKNOWN;
	for (d++; d && *d != '\0';) {
		for (size_t i = 0; i < o->nr; i++)
			if (ci_eq(d, o->e[i].domain)) {
				*org = o->e[i].org; /* NULL: free-mail */
				return *org ? ACT_AFF_ORG : ACT_AFF_INDIVIDUAL;
			}
		d = strchr(d, '.');
		if (d)
			d++;
		if (d && !strchr(d, '.'))
			break; /* never match a bare TLD */
	}
	return ACT_AFF_UNKNOWN;
}

const char *act_org_of(const struct act_orgs *o, const char *email)
{
	const char *org;

	(void)act_affiliation_of(o, email, &org);
	return org;
}
