/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * License facts for the scan: the license scanner and engine over the
 * reviewed revision (declared, detected, concluded license, OSI outcome,
 * SPDX tag coverage, REUSE), the scanner's findings, and the license
 * changes in the history of the root license files, each identified.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "core/buf.h"
#include "core/err.h"
#include "core/timeutil.h"
#include "core/xalloc.h"
#include "git/pathlog.h"
#include "git/tree.h"
#include "health/health.h"
#include "license/adapt.h"
#include "license/match_cache.h"
#include "license/scan.h"
#include "license/summary.h"
#include "scan/manifest.h"
#include "scan/scan_int.h"
#include "core/banned.h"

#define LICENSE_BLOB_MAX (1u << 20)

void scan_item_finding(struct scan_item *it, const char *code,
		       const char *severity, const char *evidence_json,
		       const char *fmt, ...)
{
	struct oh_buf b = OH_BUF_INIT;
	struct scan_finding *f;
	va_list ap;

	if (it->finding_nr >= SCAN_MAX_FINDINGS) {
		it->finding_more++;
		return;
	}
	va_start(ap, fmt);
	oh_buf_vaddf(&b, fmt, ap);
	va_end(ap);
	f = &it->finding[it->finding_nr++];
	f->code = oh_arena_strdup(&it->arena, code);
	f->severity = severity;
	f->message = oh_arena_strndup(&it->arena, b.buf, b.len);
	f->evidence = oh_arena_strdup(&it->arena,
				      evidence_json ? evidence_json : "[]");
	oh_buf_release(&b);
}

static struct lic_adapt *engine(struct scan_worker *wk)
{
	struct oh_err err = OH_ERR_INIT;

	if (wk->lic || wk->lic_broken)
		return wk->lic;
	if (lic_adapt_open(&wk->lic, &err) < 0) {
		wk->lic_broken = true;
		oh_err_format(wk->lic_error, sizeof(wk->lic_error), &err);
		wk->lic = NULL;
	}
	oh_err_release(&err);
	return wk->lic;
}

static const char *sev_name(enum lic_severity s)
{
	switch (s) {
	case LIC_SEV_HIGH:
		return "high";
	case LIC_SEV_MEDIUM:
		return "medium";
	case LIC_SEV_LOW:
		return "low";
	case LIC_SEV_INFO:
		break;
	}
	return "info";
}

static char *evidence_of(const char *path, unsigned line)
{
	cJSON *arr = cJSON_CreateArray();
	char where[600];
	char *s;

	if (path) {
		if (line > 0)
			snprintf(where, sizeof(where), "%s:%u", path, line);
		else
			snprintf(where, sizeof(where), "%s", path);
		cJSON_AddItemToArray(arr, cJSON_CreateString(where));
	}
	s = cJSON_PrintUnformatted(arr);
	cJSON_Delete(arr);
	if (!s)
		OH_BUG("cJSON_PrintUnformatted failed");
	return s;
}

static void summary_facts(struct scan_item *it, struct health_input *in,
			  const struct lic_summary *sum)
{
	struct health_license *l = &in->license;

	l->known = true;
	l->declared = sum->declared ? oh_arena_strdup(&it->arena, sum->declared)
				    : NULL;
	l->detected = sum->detected ? oh_arena_strdup(&it->arena, sum->detected)
				    : NULL;
	l->file = sum->detected_from
			  ? oh_arena_strdup(&it->arena, sum->detected_from)
			  : NULL;
	l->osi_approved = sum->osi == LIC_SUM_OSI_YES;
	l->osi_class = sum->osi_class; /* static strings */
	l->agree = sum->agree;
	l->recognised = sum->detected != NULL;
	l->reuse = sum->reuse;
	l->tagged_share.known = sum->checked > 0;
	l->tagged_share.value =
		sum->checked > 0 ? (double)sum->tagged / (double)sum->checked
				 : 0;
	scan_item_fact(it, "license.declared", "%s",
		       sum->declared ? sum->declared : "");
	scan_item_fact(it, "license.detected", "%s",
		       sum->detected ? sum->detected : "");
	scan_item_fact(it, "license.concluded", "%s", sum->concluded);
	scan_item_fact(it, "license.osi", "%s",
		       sum->osi == LIC_SUM_OSI_YES  ? "true"
		       : sum->osi == LIC_SUM_OSI_NO ? "false"
						    : "unknown");
	scan_item_fact(it, "license.agree", "%s",
		       sum->agree ? "true" : "false");
	scan_item_fact(it, "license.tagged", "%zu of %zu", sum->tagged,
		       sum->checked);
	for (size_t i = 0; i < sum->finding_nr; i++) {
		const struct lic_sum_finding *f = &sum->finding[i];
		char code[96];
		char *ev = evidence_of(f->path, f->line);

		snprintf(code, sizeof(code), "license/%s", f->code);
		scan_item_finding(it, code, sev_name(f->sev), ev, "%s",
				  f->message);
		cJSON_free(ev);
	}
}

/* Identify the license of one blob: "" when it cannot be read or named. */
static void identify_blob(char *out, size_t size, struct lic_adapt *eng,
			  struct mirror_repo *git, const char *blob_id)
{
	struct oh_buf b = OH_BUF_INIT;
	struct oh_err err = OH_ERR_INIT;
	struct lic_adapt_match m;

	out[0] = '\0';
	if (blob_id[0] != '\0' &&
	    tree_blob_read(&b, git, blob_id, LICENSE_BLOB_MAX, &err) == 0) {
		lic_adapt_match_text(&m, eng, b.buf, b.len);
		/* the file's own license: bundled notices are not it, and
		 * when it cannot be named there is nothing to compare */
		if ((m.kind == LIC_ADAPT_EXACT || m.kind == LIC_ADAPT_CLOSE) &&
		    !m.unnamed_own)
			snprintf(out, size, "%s", m.project);
	}
	oh_buf_release(&b);
	oh_err_release(&err);
}

static bool osi_of(struct lic_adapt *eng, const char *expr)
{
	struct oh_err err = OH_ERR_INIT;
	bool osi = false;

	if (lic_adapt_osi(&osi, eng, expr, &err) < 0)
		osi = false;
	oh_err_release(&err);
	return osi;
}

/*
 * A license file added beside one that was there before (zstd added
 * COPYING with the GPL beside its BSD LICENSE): the project license now
 * names one more license -- a low finding.  The first license file of a
 * project is no change.  Changes are newest first.
 */
static void added_beside(struct scan_item *it, struct lic_adapt *eng,
			 struct mirror_repo *git, const struct pathlog *hist,
			 size_t i)
{
	const struct pathlog_change *c = &hist->change[i];
	const struct pathlog_change *other = NULL;
	char had[256], now[256], day[16];
	char *ev;

	for (size_t k = i + 1; k < hist->change_nr && !other; k++) {
		const struct pathlog_change *o = &hist->change[k];
		bool removed = false;

		if (o->kind != PATHLOG_ADDED || strcmp(o->path, c->path) == 0)
			continue;
		for (size_t q = i + 1; q < k; q++)
			removed = removed ||
				  (hist->change[q].kind == PATHLOG_REMOVED &&
				   strcmp(hist->change[q].path, o->path) == 0);
		if (!removed)
			other = o;
	}
	if (!other)
		return;
	identify_blob(had, sizeof(had), eng, git, other->new_blob);
	identify_blob(now, sizeof(now), eng, git, c->new_blob);
	if (now[0] == '\0' || strcmp(had, now) == 0)
		return;
	oh_date_format(day, sizeof(day), c->time);
	ev = evidence_of(c->path, 0);
	scan_item_finding(
		it, "license/changed", "low", ev,
		"%s added beside %s in commit %.12s (%s, '%s'): the project's license files now also name %s",
		c->path, other->path, c->commit, day, c->subject, now);
	cJSON_free(ev);
}

/*
 * Every change of a root license file whose license (as identified by
 * the engine) differs before and after becomes a finding naming the
 * commit; a switch from an OSI license to a non-OSI one is high.
 */
static void license_changes(struct scan_item *it, struct lic_adapt *eng,
			    struct mirror_repo *git, const struct pathlog *hist)
{
	for (size_t i = 0; hist && i < hist->change_nr; i++) {
		const struct pathlog_change *c = &hist->change[i];
		char before[256], after[256], day[16];
		bool was_osi, is_osi;
		char *ev;

		const struct pathlog_change *gone = NULL;

		if (c->kind == PATHLOG_ADDED) {
			/* one license file deleted, another added in the
			 * same commit: the license moved between files */
			for (size_t k = 0; k < hist->change_nr; k++)
				if (hist->change[k].kind == PATHLOG_REMOVED &&
				    strcmp(hist->change[k].commit, c->commit) ==
					    0)
					gone = &hist->change[k];
			if (!gone) {
				added_beside(it, eng, git, hist, i);
				continue;
			}
		} else if (c->kind != PATHLOG_MODIFIED) {
			continue;
		}
		identify_blob(before, sizeof(before), eng, git,
			      gone ? gone->old_blob : c->old_blob);
		identify_blob(after, sizeof(after), eng, git, c->new_blob);
		if (before[0] == '\0' || after[0] == '\0' ||
		    strcmp(before, after) == 0)
			continue;
		was_osi = osi_of(eng, before);
		is_osi = osi_of(eng, after);
		oh_date_format(day, sizeof(day), c->time);
		ev = evidence_of(c->path, 0);
		scan_item_finding(
			it, "license/changed",
			was_osi && !is_osi ? "high" : "medium", ev,
			"%s%s%s%s from %s to %s in commit %.12s (%s, '%s')%s",
			gone ? gone->path : "", gone ? " replaced by " : "",
			c->path, gone ? ": the license changed" : " changed",
			before, after, c->commit, day, c->subject,
			was_osi && !is_osi
				? ": from an OSI-approved license to a non-OSI one"
				: "");
		cJSON_free(ev);
	}
}

void scan_collect_license(struct scan_item *it, struct scan_worker *wk,
			  struct health_input *in, struct lic_scan *ls,
			  struct mirror_repo *git, const struct pathlog *hist)
{
	struct lic_summary sum;
	struct lic_adapt *eng = engine(wk);

	if (!eng) {
		scan_item_finding(it, "license/engine-unavailable", "medium",
				  NULL, "license facts unknown: %s",
				  wk->lic_error);
		return;
	}
	/* texts matched by an earlier scan are not matched again */
	if (it->blobs) {
		struct lic_adapt_cache c;

		scan_blobs_match_cache(&c, it->blobs);
		lic_adapt_set_cache(eng, &c);
	}
	memset(&sum, 0, sizeof(sum));
	lic_summary_build(&sum, ls, eng);
	summary_facts(it, in, &sum);
	lic_summary_release(&sum);
	license_changes(it, eng, git, hist);
	lic_adapt_set_cache(eng, NULL); /* the item's cache goes with it */
}
