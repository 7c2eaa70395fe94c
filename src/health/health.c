/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The check framework: recording verdicts, weights, category means,
 * overall risk level.  The checks themselves are in checks_*.c.
 */
#include "health/health.h"

#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cjson/cJSON.h>

#include "core/buf.h"
#include "core/err.h"
#include "core/path.h"
#include "core/xalloc.h"
#include "facts/tree.h"
#include "health/health_int.h"
#include "core/banned.h"

#define WEIGHTS_MAX_BYTES (1u << 20)
#define WEIGHTS_MAX       256

struct health_weight {
	enum health_category cat; /* category */
	char *check;              /* check name */
	double weight;            /* >= 0 */
};

struct health_weights {
	struct health_weight *w; /* entries */
	size_t nr;               /* entries in w */
	char version[64];        /* "scoring.json v<N>" */
};

static const char *const category_names[HEALTH_CATEGORY_NR] = {
	"openness", "maturity", "security", "activity", "risk",
};

const char *health_category_name(enum health_category c)
{
	if ((unsigned)c >= HEALTH_CATEGORY_NR)
		OH_BUG("bad category %d", (int)c);
	return category_names[c];
}

const char *health_state_name(enum health_state s)
{
	switch (s) {
	case HEALTH_SCORED:
		return "scored";
	case HEALTH_NOT_APPLICABLE:
		return "not-applicable";
	case HEALTH_UNKNOWN:
		return "unknown";
	}
	OH_BUG("bad state %d", (int)s);
}

const char *health_risk_name(enum health_risk_level l)
{
	switch (l) {
	case HEALTH_RISK_UNKNOWN:
		return "unknown";
	case HEALTH_RISK_LOW:
		return "low";
	case HEALTH_RISK_MEDIUM:
		return "medium";
	case HEALTH_RISK_HIGH:
		return "high";
	}
	OH_BUG("bad risk level %d", (int)l);
}

/* ---- recording -------------------------------------------------------- */

struct health_check *hc_begin(struct health_result *r, enum health_category cat,
			      const char *name)
{
	struct health_check *c;

	if (r->check_nr >= HEALTH_MAX_CHECKS)
		OH_BUG("more than %d checks", HEALTH_MAX_CHECKS);
	c = &r->check[r->check_nr++];
	memset(c, 0, sizeof(*c));
	c->category = cat;
	c->name = name;
	c->state = HEALTH_UNKNOWN;
	c->weight = 1;
	c->reason = "";
	return c;
}

static const char *vfmt(struct health_result *r, const char *fmt, va_list ap)
{
	struct oh_buf b = OH_BUF_INIT;
	const char *s;

	oh_buf_vaddf(&b, fmt, ap);
	s = oh_arena_strndup(&r->arena, b.buf, b.len);
	oh_buf_release(&b);
	return s;
}

void hc_score(struct health_result *r, struct health_check *c, double score,
	      const char *fmt, ...)
{
	va_list ap;

	if (score < 0 || isnan(score))
		score = 0;
	if (score > 10)
		score = 10;
	c->state = HEALTH_SCORED;
	c->score = round(score * 10) / 10;
	va_start(ap, fmt);
	c->reason = vfmt(r, fmt, ap);
	va_end(ap);
}

void hc_unknown(struct health_result *r, struct health_check *c,
		const char *fmt, ...)
{
	va_list ap;

	c->state = HEALTH_UNKNOWN;
	c->score = 0;
	va_start(ap, fmt);
	c->reason = vfmt(r, fmt, ap);
	va_end(ap);
}

void hc_na(struct health_result *r, struct health_check *c, const char *fmt,
	   ...)
{
	va_list ap;

	c->state = HEALTH_NOT_APPLICABLE;
	c->score = 0;
	va_start(ap, fmt);
	c->reason = vfmt(r, fmt, ap);
	va_end(ap);
}

void hc_evidence(struct health_result *r, struct health_check *c,
		 const char *fmt, ...)
{
	va_list ap;

	if (c->evidence_nr >= HEALTH_MAX_EVIDENCE) {
		c->evidence_more++;
		return;
	}
	va_start(ap, fmt);
	c->evidence[c->evidence_nr++] = vfmt(r, fmt, ap);
	va_end(ap);
}

/* ---- path predicates --------------------------------------------------- */

const char *hc_basename(const char *path)
{
	const char *s = strrchr(path, '/');

	return s ? s + 1 : path;
}

bool hc_ends_with(const char *s, const char *suffix)
{
	size_t ls = strlen(s), lx = strlen(suffix);

	return ls >= lx && strcasecmp(s + ls - lx, suffix) == 0;
}

static bool stem_is(const char *base, const char *stem)
{
	size_t n = strlen(stem);

	if (strncasecmp(base, stem, n) != 0)
		return false;
	/* CONTRIBUTING, CONTRIBUTING.md, CONTRIBUTING.rst, ... */
	return base[n] == '\0' ||
	       (base[n] == '.' && strchr(base + n + 1, '.') == NULL);
}

bool hc_releases(struct hc_releases *out, const struct health_input *in)
{
	const struct health_history *h = &in->history;
	const struct health_forge *f = &in->forge;

	memset(out, 0, sizeof(*out));
	if (!h->known)
		return false;
	if (h->releases_all == 0 && f->known && f->releases_state == 1 &&
	    f->releases > 0) {
		out->from_forge = true;
		out->all = (uint64_t)f->releases;
		out->pre = (uint64_t)f->prereleases;
		out->r365 = (uint64_t)f->releases_365;
		out->last = f->last_release;
		out->last_name = f->last_release_tag ? f->last_release_tag : "";
		out->interval = f->release_interval_days;
		return true;
	}
	out->all = h->releases_all;
	out->pre = h->prereleases_all;
	out->r365 = h->releases_365;
	out->last = h->last_release;
	out->last_name = h->last_release_name;
	out->interval = h->release_interval_days;
	return true;
}

const struct tree_file *hc_find_doc(const struct tree_files *t,
				    const char *stem)
{
	static const char *const dirs[] = { "", ".github/", ".gitlab/", "docs/",
					    "doc/" };

	for (size_t i = 0; t && i < t->file_nr; i++) {
		const char *p = t->file[i].path;
		const char *base = hc_basename(p);
		size_t dirlen = (size_t)(base - p);

		if (!stem_is(base, stem))
			continue;
		for (size_t d = 0; d < sizeof(dirs) / sizeof(dirs[0]); d++)
			if (strlen(dirs[d]) == dirlen &&
			    strncasecmp(p, dirs[d], dirlen) == 0)
				return &t->file[i];
	}
	return NULL;
}

bool hc_has_prefix(const struct tree_files *t, const char *prefix,
		   const char **first)
{
	size_t n = strlen(prefix);

	for (size_t i = 0; t && i < t->file_nr; i++) {
		if (strncmp(t->file[i].path, prefix, n) == 0) {
			if (first)
				*first = t->file[i].path;
			return true;
		}
	}
	return false;
}

bool hc_in_dir(const char *path, const char *const *dirs)
{
	const char *p = path;

	while (*p != '\0') {
		const char *slash = strchr(p, '/');
		size_t n;

		if (!slash)
			return false;
		n = (size_t)(slash - p);
		for (size_t i = 0; dirs[i]; i++)
			if (strlen(dirs[i]) == n &&
			    strncasecmp(p, dirs[i], n) == 0)
				return true;
		p = slash + 1;
	}
	return false;
}

bool hc_vendored(const char *path)
{
	static const char *const dirs[] = {
		"vendor",     "vendored",     "third_party", "third-party",
		"thirdparty", "3rdparty",     "3rd_party",   "3rd-party",
		"deps",       "node_modules", NULL,
	};

	return hc_in_dir(path, dirs);
}

/* ---- weights ---------------------------------------------------------- */

void health_weights_free(struct health_weights *w)
{
	if (!w)
		return;
	for (size_t i = 0; i < w->nr; i++)
		free(w->w[i].check);
	free(w->w);
	free(w);
}

const char *health_weights_version(const struct health_weights *w)
{
	return w->version;
}

static int category_from_name(enum health_category *out, const char *s)
{
	for (int i = 0; i < HEALTH_CATEGORY_NR; i++) {
		if (strcmp(category_names[i], s) == 0) {
			*out = (enum health_category)i;
			return 0;
		}
	}
	return -1;
}

static int parse_category(struct health_weights *w, const cJSON *cat,
			  const char *name, struct oh_err *err)
{
	enum health_category c;
	const cJSON *it;
	size_t alloc = w->nr;

	if (category_from_name(&c, cat->string) < 0)
		return oh_err_set(err, OH_EINPUT, name, 0, 0,
				  "weights: unknown category '%.60s'",
				  cat->string);
	if (!cJSON_IsObject(cat))
		return oh_err_set(err, OH_EINPUT, name, 0, 0,
				  "weights.%s must be an object", cat->string);
	cJSON_ArrayForEach(it, cat)
	{
		if (!cJSON_IsNumber(it) || it->valuedouble < 0 ||
		    it->valuedouble > 1000)
			return oh_err_set(
				err, OH_EINPUT, name, 0, 0,
				"weights.%s.%.60s must be a number from 0 to 1000",
				cat->string, it->string);
		if (w->nr >= WEIGHTS_MAX)
			return oh_err_set(err, OH_ELIMIT, name, 0, 0,
					  "more than %d weights", WEIGHTS_MAX);
		OH_GROW(w->w, alloc, w->nr + 1);
		w->w[w->nr].cat = c;
		w->w[w->nr].check = oh_xstrdup(it->string);
		w->w[w->nr].weight = it->valuedouble;
		w->nr++;
	}
	return 0;
}

int health_weights_parse(struct health_weights **out, const char *data,
			 size_t len, const char *name, struct oh_err *err)
{
	struct health_weights *w = oh_xcalloc(1, sizeof(*w));
	cJSON *root = cJSON_ParseWithLength(data, len);
	const cJSON *ver, *weights, *cat;
	int ret = OH_EINPUT;

	*out = NULL;
	if (!cJSON_IsObject(root)) {
		ret = oh_err_set(err, OH_EINPUT, name, 0, 0,
				 "not a JSON object");
		goto out;
	}
	ver = cJSON_GetObjectItemCaseSensitive(root, "version");
	weights = cJSON_GetObjectItemCaseSensitive(root, "weights");
	if (!cJSON_IsNumber(ver) || !cJSON_IsObject(weights)) {
		ret = oh_err_set(
			err, OH_EINPUT, name, 0, 0,
			"'version' (number) and 'weights' (object) are required");
		goto out;
	}
	snprintf(w->version, sizeof(w->version), "scoring.json v%d",
		 ver->valueint);
	cJSON_ArrayForEach(cat, weights)
	{
		if (parse_category(w, cat, name, err) < 0) {
			ret = err->code;
			goto out;
		}
	}
	*out = w;
	w = NULL;
	ret = 0;
out:
	cJSON_Delete(root);
	health_weights_free(w);
	return ret;
}

int health_weights_load(struct health_weights **out, const char *path,
			struct oh_err *err)
{
	struct oh_buf file = OH_BUF_INIT;
	struct oh_buf data = OH_BUF_INIT;
	int ret;

	*out = NULL;
	if (!path) {
		if (oh_data_file(&file, "rules/scoring.json", err) < 0)
			return err->code;
		path = file.buf;
	}
	oh_buf_set_max(&data, WEIGHTS_MAX_BYTES);
	ret = oh_buf_read_file(&data, path, err);
	if (ret == 0)
		ret = health_weights_parse(out, data.buf, data.len, path, err);
	oh_buf_release(&data);
	oh_buf_release(&file);
	return ret;
}

static double weight_of(const struct health_weights *w,
			enum health_category cat, const char *check)
{
	for (size_t i = 0; w && i < w->nr; i++)
		if (w->w[i].cat == cat && strcmp(w->w[i].check, check) == 0)
			return w->w[i].weight;
	return 1;
}

/* ---- evaluation ------------------------------------------------------- */

static void category_means(struct health_result *r)
{
	double sum[HEALTH_CATEGORY_NR] = { 0 };
	double wsum[HEALTH_CATEGORY_NR] = { 0 };

	for (size_t i = 0; i < r->check_nr; i++) {
		const struct health_check *c = &r->check[i];
		struct health_category_score *cs = &r->category[c->category];

		cs->total++;
		if (c->state != HEALTH_SCORED || c->weight <= 0)
			continue;
		cs->scored++;
		sum[c->category] += c->score * c->weight;
		wsum[c->category] += c->weight;
	}
	for (int k = 0; k < HEALTH_CATEGORY_NR; k++) {
		struct health_category_score *cs = &r->category[k];

		if (wsum[k] > 0) {
			cs->state = HEALTH_SCORED;
			cs->score = round(sum[k] / wsum[k] * 10) / 10;
		} else {
			cs->state = HEALTH_UNKNOWN;
		}
	}
}

static void risk_level(struct health_result *r)
{
	const struct health_category_score *cs = &r->category[HEALTH_RISK];
	const struct health_check *fail =
		health_result_find(r, "likelihood-to-fail");

	/* Without the likelihood to fail, a level would rest on the minor
	 * checks alone and read as reassurance it is not. */
	if (cs->state != HEALTH_SCORED || !fail ||
	    fail->state != HEALTH_SCORED) {
		r->risk = HEALTH_RISK_UNKNOWN;
		r->risk_reason = "the likelihood to fail could not be assessed";
	} else if (cs->score >= 7) {
		r->risk = HEALTH_RISK_LOW;
		r->risk_reason = "risk score 7 or more";
	} else if (cs->score >= 4) {
		r->risk = HEALTH_RISK_MEDIUM;
		r->risk_reason = "risk score from 4 to below 7";
	} else {
		r->risk = HEALTH_RISK_HIGH;
		r->risk_reason = "risk score below 4";
	}
}

void health_evaluate(struct health_result *out, const struct health_input *in,
		     const struct health_weights *w)
{
	memset(out, 0, sizeof(*out));
	health_check_openness(out, in);
	health_check_maturity(out, in);
	health_check_security(out, in);
	health_check_activity(out, in);
	health_check_risk(out, in);
	for (size_t i = 0; i < out->check_nr; i++)
		out->check[i].weight = weight_of(w, out->check[i].category,
						 out->check[i].name);
	category_means(out);
	risk_level(out);
}

void health_result_release(struct health_result *r)
{
	oh_arena_release(&r->arena);
	memset(r, 0, sizeof(*r));
}

const struct health_check *health_result_find(const struct health_result *r,
					      const char *name)
{
	for (size_t i = 0; i < r->check_nr; i++)
		if (strcmp(r->check[i].name, name) == 0)
			return &r->check[i];
	return NULL;
}
