/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Readers of the two small documents of the overall decision: the health
 * gates (rules/decision.json) and a waivers file.  Both are JSON objects
 * with a fixed set of keys; an unknown key is an error so that a typo
 * cannot silently drop a threshold or widen a waiver.  Errors name the
 * file, the JSON path and the problem (cJSON keeps no positions).
 */
#include "policy/decide.h"

#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "core/buf.h"
#include "core/err.h"
#include "core/json.h"
#include "core/path.h"
#include "core/timeutil.h"
#include "core/xalloc.h"
#include "core/banned.h"

static const char *const metric_name[POLICY_METRIC_NR] = {
	[POLICY_METRIC_RISK_LEVEL] = "risk_level",
	[POLICY_METRIC_LOTTERY_FACTOR] = "lottery_factor",
	[POLICY_METRIC_ARCHIVED] = "archived",
	[POLICY_METRIC_CRITICAL_VULNS] = "unfixed_critical_vulnerabilities",
	[POLICY_METRIC_RELICENSING_RISK] = "relicensing_risk_score",
};

const char *policy_metric_name(enum policy_metric m)
{
	return (unsigned)m < POLICY_METRIC_NR ? metric_name[m] : "unknown";
}

/* A string member: required or optional, at most POLICY_TEXT bytes. */
static int text(char **out, const cJSON *obj, const char *key, bool required,
		const char *path, const char *name, struct oh_err *err)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);

	if (!v) {
		if (!required)
			return 0;
		return oh_err_set(err, OH_EINPUT, name, 0, 0,
				  "%s: '%s' is required", path, key);
	}
	if (!cJSON_IsString(v) || !v->valuestring || *v->valuestring == '\0')
		return oh_err_set(err, OH_EINPUT, name, 0, 0,
				  "%s: '%s' must be a non-empty string", path,
				  key);
	if (strlen(v->valuestring) >= POLICY_TEXT)
		return oh_err_set(err, OH_ELIMIT, name, 0, 0,
				  "%s: '%s' is longer than %d bytes", path, key,
				  POLICY_TEXT - 1);
	*out = oh_xstrdup(v->valuestring);
	return 0;
}

static int only_keys(const cJSON *obj, const char *const *keys, size_t nr,
		     const char *path, const char *name, struct oh_err *err)
{
	const cJSON *it;

	if (!cJSON_IsObject(obj))
		return oh_err_set(err, OH_EINPUT, name, 0, 0,
				  "%s must be an object", path);
	cJSON_ArrayForEach(it, obj)
	{
		size_t i = 0;

		while (i < nr && strcmp(keys[i], it->string) != 0)
			i++;
		if (i == nr)
			return oh_err_set(err, OH_EINPUT, name, 0, 0,
					  "%s: unknown key '%.60s'", path,
					  it->string);
	}
	return 0;
}

static int array_of(const cJSON **out, const cJSON *root, const char *key,
		    size_t max, const char *name, struct oh_err *err)
{
	const cJSON *a = cJSON_GetObjectItemCaseSensitive(root, key);

	if (!cJSON_IsArray(a))
		return oh_err_set(err, OH_EINPUT, name, 0, 0,
				  "'%s' must be an array", key);
	if ((size_t)cJSON_GetArraySize(a) > max)
		return oh_err_set(err, OH_ELIMIT, name, 0, 0,
				  "'%s' has more than %zu entries", key, max);
	*out = a;
	return 0;
}

static int version(const cJSON *root, const char *name, struct oh_err *err)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(root, "version");

	if (v && (!cJSON_IsNumber(v) || v->valuedouble != 1))
		return oh_err_set(err, OH_EINPUT, name, 0, 0,
				  "'version' must be 1");
	return 0;
}

/* Parse a versioned document with the keys about, version and `key`, an
 * array of at most `max` entries. */
static int versioned_array(cJSON **root, const cJSON **arr, const char *data,
			   size_t len, const char *key, size_t max,
			   const char *name, struct oh_err *err)
{
	const char *const keys[] = { "about", "version", key };
	int ret = oh_json_parse(root, data, len, name, err);

	if (ret == 0)
		ret = only_keys(*root, keys, 3, "the document", name, err);
	if (ret == 0)
		ret = version(*root, name, err);
	if (ret == 0)
		ret = array_of(arr, *root, key, max, name, err);
	return ret;
}

/* ---- gates ---- */

static int gate_metric(struct policy_gate *g, const cJSON *obj,
		       const char *path, const char *name, struct oh_err *err)
{
	const cJSON *m = cJSON_GetObjectItemCaseSensitive(obj, "metric");

	if (!cJSON_IsString(m) || !m->valuestring)
		return oh_err_set(err, OH_EINPUT, name, 0, 0,
				  "%s: 'metric' must be a string", path);
	for (int i = 0; i < POLICY_METRIC_NR; i++)
		if (strcmp(m->valuestring, metric_name[i]) == 0) {
			g->metric = (enum policy_metric)i;
			return 0;
		}
	return oh_err_set(err, OH_EINPUT, name, 0, 0,
			  "%s: unknown metric '%.60s'", path, m->valuestring);
}

/* "high" stands for 3 where the metric is the risk level. */
static int gate_value(struct policy_gate *g, const cJSON *obj, const char *path,
		      const char *name, struct oh_err *err)
{
	static const char *const level[] = { "low", "medium", "high" };
	const cJSON *lo = cJSON_GetObjectItemCaseSensitive(obj, "at_least");
	const cJSON *hi = cJSON_GetObjectItemCaseSensitive(obj, "at_most");
	const cJSON *v = lo ? lo : hi;

	if ((lo && hi) || !v)
		return oh_err_set(
			err, OH_EINPUT, name, 0, 0,
			"%s: give exactly one of 'at_least', 'at_most'", path);
	g->at_most = hi != NULL;
	if (cJSON_IsBool(v)) {
		g->value = cJSON_IsTrue(v) ? 1 : 0;
		return 0;
	}
	if (cJSON_IsNumber(v)) {
		g->value = v->valuedouble;
		return 0;
	}
	if (cJSON_IsString(v) && g->metric == POLICY_METRIC_RISK_LEVEL)
		for (size_t i = 0; i < 3; i++)
			if (strcmp(v->valuestring, level[i]) == 0) {
				g->value = (double)(i + 1);
				return 0;
			}
	return oh_err_set(
		err, OH_EINPUT, name, 0, 0,
		"%s: the threshold must be a number (or low, medium, high for risk_level)",
		path);
}

static int gate_parse(struct policy_gate *g, const cJSON *obj, size_t i,
		      const char *name, struct oh_err *err)
{
	static const char *const keys[] = { "id",       "metric",   "at_least",
					    "at_most",  "decision", "reason",
					    "question", "about" };
	const cJSON *d = cJSON_GetObjectItemCaseSensitive(obj, "decision");
	char path[64];
	int ret;

	snprintf(path, sizeof(path), "health[%zu]", i);
	ret = only_keys(obj, keys, sizeof(keys) / sizeof(keys[0]), path, name,
			err);
	if (ret == 0)
		ret = text(&g->id, obj, "id", true, path, name, err);
	if (ret == 0)
		ret = gate_metric(g, obj, path, name, err);
	if (ret == 0)
		ret = gate_value(g, obj, path, name, err);
	if (ret == 0)
		ret = text(&g->reason, obj, "reason", true, path, name, err);
	if (ret == 0)
		ret = text(&g->question, obj, "question", true, path, name,
			   err);
	if (ret == 0 &&
	    (!cJSON_IsString(d) ||
	     policy_decision_parse(&g->decision, d->valuestring) < 0 ||
	     g->decision == POLICY_ACCEPT))
		ret = oh_err_set(err, OH_EINPUT, name, 0, 0,
				 "%s: 'decision' must be EVALUATE or AVOID",
				 path);
	return ret;
}

void policy_gates_free(struct policy_gates *g)
{
	if (!g)
		return;
	for (size_t i = 0; i < g->gate_nr; i++) {
		free(g->gate[i].id);
		free(g->gate[i].reason);
		free(g->gate[i].question);
	}
	free(g->gate);
	free(g->source);
	free(g);
}

int policy_gates_parse(struct policy_gates **out, const char *data, size_t len,
		       const char *name, struct oh_err *err)
{
	struct policy_gates *g = oh_xcalloc(1, sizeof(*g));
	cJSON *root = NULL;
	const cJSON *arr = NULL;
	const cJSON *it;
	int ret;

	*out = NULL;
	g->source = oh_xstrdup(name);
	ret = versioned_array(&root, &arr, data, len, "health",
			      POLICY_MAX_GATES, name, err);
	if (ret == 0) {
		g->gate = oh_xcalloc((size_t)cJSON_GetArraySize(arr) + 1,
				     sizeof(*g->gate));
		cJSON_ArrayForEach(it, arr)
		{
			ret = gate_parse(&g->gate[g->gate_nr], it, g->gate_nr,
					 name, err);
			g->gate_nr++;
			if (ret < 0)
				break;
		}
	}
	cJSON_Delete(root);
	if (ret < 0) {
		policy_gates_free(g);
		return ret;
	}
	*out = g;
	return 0;
}

static int load(struct oh_buf *b, const char *path, const char *rel,
		struct oh_buf *file, struct oh_err *err)
{
	int ret = 0;

	if (!path) {
		ret = oh_data_file(file, rel, err);
		path = file->buf;
	} else {
		oh_buf_adds(file, path);
	}
	oh_buf_set_max(b, POLICY_DECIDE_MAX_BYTES);
	if (ret == 0)
		ret = oh_buf_read_file(b, path, err);
	return ret;
}

int policy_gates_load(struct policy_gates **out, const char *path,
		      struct oh_err *err)
{
	struct oh_buf file = OH_BUF_INIT;
	struct oh_buf b = OH_BUF_INIT;
	int ret = load(&b, path, "rules/decision.json", &file, err);

	*out = NULL;
	/* The shipped file is named as in the source tree, not by its
	 * install path, so that stored reasons are the same everywhere. */
	if (ret == 0)
		ret = policy_gates_parse(out, b.buf, b.len,
					 path ? path : "rules/decision.json",
					 err);
	oh_buf_release(&b);
	oh_buf_release(&file);
	return ret;
}

/* ---- waivers ---- */

static int waiver_expiry(struct policy_waiver *w, const char *path,
			 const char *name, struct oh_err *err)
{
	struct oh_err perr = OH_ERR_INIT;
	int64_t t;
	int ret = 0;

	if (strlen(w->expires) != 10 ||
	    oh_time_parse(&t, w->expires, &perr) < 0)
		ret = oh_err_set(
			err, OH_EINPUT, name, 0, 0,
			"%s: 'expires' must be a date YYYY-MM-DD, not '%.60s'",
			path, w->expires);
	else
		w->end = t + 86400;
	oh_err_release(&perr);
	return ret;
}

static int waiver_parse(struct policy_waiver *w, const cJSON *obj, size_t i,
			const char *name, struct oh_err *err)
{
	static const char *const keys[] = {
		"component",   "code",    "reason",
		"approved_by", "expires", "ticket"
	};
	char path[64];
	int ret;

	snprintf(path, sizeof(path), "waivers[%zu]", i);
	ret = only_keys(obj, keys, sizeof(keys) / sizeof(keys[0]), path, name,
			err);
	if (ret == 0)
		ret = text(&w->component, obj, "component", true, path, name,
			   err);
	if (ret == 0)
		ret = text(&w->code, obj, "code", true, path, name, err);
	if (ret == 0)
		ret = text(&w->reason, obj, "reason", true, path, name, err);
	if (ret == 0)
		ret = text(&w->approved_by, obj, "approved_by", true, path,
			   name, err);
	if (ret == 0)
		ret = text(&w->expires, obj, "expires", true, path, name, err);
	if (ret == 0)
		ret = waiver_expiry(w, path, name, err);
	return ret;
}

void policy_waivers_free(struct policy_waivers *w)
{
	if (!w)
		return;
	for (size_t i = 0; i < w->waiver_nr; i++) {
		struct policy_waiver *x = &w->waiver[i];

		free(x->component);
		free(x->code);
		free(x->reason);
		free(x->approved_by);
		free(x->expires);
	}
	free(w->waiver);
	free(w->source);
	free(w->text);
	free(w);
}

int policy_waivers_parse(struct policy_waivers **out, const char *data,
			 size_t len, const char *name, struct oh_err *err)
{
	struct policy_waivers *w = oh_xcalloc(1, sizeof(*w));
	cJSON *root = NULL;
	const cJSON *arr = NULL;
	const cJSON *it;
	int ret;

	*out = NULL;
	w->source = oh_xstrdup(name);
	w->text = oh_xmalloc(len + 1);
	memcpy(w->text, data, len);
	w->text[len] = '\0';
	ret = versioned_array(&root, &arr, data, len, "waivers",
			      POLICY_MAX_WAIVERS, name, err);
	if (ret == 0) {
		w->waiver = oh_xcalloc((size_t)cJSON_GetArraySize(arr) + 1,
				       sizeof(*w->waiver));
		cJSON_ArrayForEach(it, arr)
		{
			ret = waiver_parse(&w->waiver[w->waiver_nr], it,
					   w->waiver_nr, name, err);
			w->waiver_nr++;
			if (ret < 0)
				break;
		}
	}
	cJSON_Delete(root);
	if (ret < 0) {
		policy_waivers_free(w);
		return ret;
	}
	*out = w;
	return 0;
}

int policy_waivers_load(struct policy_waivers **out, const char *path,
			struct oh_err *err)
{
	struct oh_buf file = OH_BUF_INIT;
	struct oh_buf b = OH_BUF_INIT;
	int ret = load(&b, path, NULL, &file, err);

	*out = NULL;
	if (ret == 0)
		ret = policy_waivers_parse(out, b.buf, b.len, path, err);
	oh_buf_release(&b);
	oh_buf_release(&file);
	return ret;
}
