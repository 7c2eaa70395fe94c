/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Releases on the forge: GitHub's and Gitea's /repos/P/releases, GitLab's
 * /projects/P/releases.  Read as data (counts, times, the last tag), for
 * projects whose git tags say nothing about their releases and for the
 * release notes that live only on the forge.
 */
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "core/buf.h"
#include "core/err.h"
#include "core/xalloc.h"
#include "net/forge.h"
#include "net/forge_int.h"
#include "net/http.h"
#include "core/banned.h"

static bool flag(const cJSON *o, const char *key)
{
	return cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(o, key));
}

static bool has_text(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);

	return cJSON_IsString(v) &&
	       v->valuestring[strspn(v->valuestring, " \t\r\n")] != '\0';
}

static int one_release(struct forge_releases *rel, int64_t *times,
		       size_t *time_nr, size_t time_max, const cJSON *it,
		       enum forge_kind kind, int64_t now, const char *name,
		       struct oh_err *err)
{
	const cJSON *tag = cJSON_GetObjectItemCaseSensitive(it, "tag_name");
	int64_t t = 0;

	if (!cJSON_IsObject(it) || !cJSON_IsString(tag) ||
	    tag->valuestring[0] == '\0')
		return oh_err_set(err, OH_EINPUT, name, 0, 0,
				  "a release without \"tag_name\"");
	if (kind == FORGE_GITLAB) {
		if (flag(it, "upcoming_release"))
			return 0;
		if (forge_time(&t, it, "released_at", name, err) < 0)
			return err->code;
	} else {
		if (flag(it, "draft"))
			return 0;
		if (forge_time(&t, it, "published_at", name, err) < 0)
			return err->code;
	}
	if (t == 0 || t > now) /* unpublished, or dated in the future */
		return 0;
	if (kind != FORGE_GITLAB && flag(it, "prerelease")) {
		rel->prereleases++;
		return 0;
	}
	rel->releases++;
	if (t > now - 365L * DAY)
		rel->releases_365++;
	if (has_text(it, kind == FORGE_GITLAB ? "description" : "body"))
		rel->with_notes++;
	if (rel->last == 0 || t > rel->last) {
		rel->last = t;
		snprintf(rel->last_tag, sizeof(rel->last_tag), "%s",
			 tag->valuestring);
	}
	if (rel->first == 0 || t < rel->first)
		rel->first = t;
	if (*time_nr < time_max)
		times[(*time_nr)++] = t;
	return 0;
}

int forge_parse_releases(struct forge_releases *rel, int64_t *times,
			 size_t *time_nr, size_t time_max, size_t *items_out,
			 enum forge_kind kind, int64_t now, const char *body,
			 size_t len, const char *name, struct oh_err *err)
{
	cJSON *root = forge_json(body, len, name, true, err);
	int ret;

	*items_out = 0;
	if (!root)
		return err->code;
	ret = forge_releases_json(rel, times, time_nr, time_max, items_out,
				  kind, now, root, name, err);
	cJSON_Delete(root);
	return ret;
}

int forge_releases_json(struct forge_releases *rel, int64_t *times,
			size_t *time_nr, size_t time_max, size_t *items_out,
			enum forge_kind kind, int64_t now, const cJSON *root,
			const char *name, struct oh_err *err)
{
	const cJSON *it;
	int ret = 0;

	*items_out = 0;
	if (forge_json_want(root, true, name, err) < 0)
		return err->code;
	cJSON_ArrayForEach(it, root)
	{
		(*items_out)++;
		ret = one_release(rel, times, time_nr, time_max, it, kind, now,
				  name, err);
		if (ret < 0)
			break;
	}
	return ret;
}

static int cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a;
	int64_t y = *(const int64_t *)b;

	return (x > y) - (x < y);
}

void forge_releases_finish(struct forge_releases *rel, int64_t *times,
			   size_t time_nr)
{
	double *gap = oh_xcalloc(time_nr + 1, sizeof(*gap));
	size_t g = 0;

	rel->median_interval_days = -1;
	if (rel->state != FORGE_METRIC_UNKNOWN)
		rel->state = rel->releases + rel->prereleases > 0
				     ? FORGE_METRIC_OK
				     : FORGE_METRIC_NONE;
	qsort(times, time_nr, sizeof(*times), cmp_i64);
	/* several releases on one day are one release event, as for tags */
	for (size_t i = 1; i < time_nr; i++)
		if (times[i] / DAY != times[i - 1] / DAY)
			gap[g++] =
				((double)times[i] - (double)times[i - 1]) / DAY;
	if (g > 0) {
		rel->median_interval_days = forge_median(gap, g);
	}
	free(gap);
}

static void release_url(struct oh_buf *b, enum forge_kind kind,
			const char *proj_url, int page)
{
	if (kind == FORGE_GITEA)
		oh_buf_addf(b, "%s/releases?limit=%d&page=%d", proj_url,
			    FORGE_PER_PAGE, page);
	else
		oh_buf_addf(b, "%s/releases?per_page=%d&page=%d", proj_url,
			    FORGE_PER_PAGE, page);
}

void forge_fetch_releases(struct forge_facts *out, struct net_client *c,
			  enum forge_kind kind, const char *proj_url,
			  int64_t now)
{
	struct forge_releases *rel = &out->rel;
	size_t max = (size_t)FORGE_PER_PAGE * FORGE_MAX_PAGES;
	int64_t *times = oh_xcalloc(max, sizeof(*times));
	struct net_response r = NET_RESPONSE_INIT;
	struct oh_buf url = OH_BUF_INIT;
	struct oh_err err = OH_ERR_INIT;
	size_t time_nr = 0;
	size_t items = 1;
	int ret = 0;
	int page;

	memset(rel, 0, sizeof(*rel));
	/* the list ends with an empty page, as the issue lists do */
	for (page = 1; ret == 0 && page <= FORGE_MAX_PAGES && items > 0;
	     page++) {
		oh_buf_reset(&url);
		release_url(&url, kind, proj_url, page);
		ret = forge_get(&r, c, kind, url.buf, &err);
		if (ret == 0)
			ret = forge_parse_releases(
				rel, times, &time_nr, max, &items, kind, now,
				r.body.buf, r.body.len, url.buf, &err);
		net_response_release(&r);
	}
	rel->capped = ret == 0 && items > 0;
	if (ret < 0) {
		size_t used = strlen(out->detail_note);
		char why[300];

		memset(rel, 0, sizeof(*rel));
		rel->state = FORGE_METRIC_UNKNOWN;
		oh_err_format(why, sizeof(why), &err);
		snprintf(out->detail_note + used,
			 sizeof(out->detail_note) - used,
			 "%sreleases unknown: %s", used ? "; " : "", why);
		time_nr = 0;
	}
	forge_releases_finish(rel, times, time_nr);
	free(times);
	oh_buf_release(&url);
	oh_err_release(&err);
}
