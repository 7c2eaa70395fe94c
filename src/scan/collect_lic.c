/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * License facts for the scan: the license scanner and engine over the
 * reviewed revision (declared, detected, concluded license, OSI outcome,
 * SPDX tag coverage, REUSE), the scanner's findings, and the license
 * changes in the history of the root license files, each identified.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
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

/* "(X)" -> "X": one file's expression, wrapped by side_add(). */
static char *strip(char *e)
{
	size_t n = strlen(e);

	if (n >= 2 && e[0] == '(' && e[n - 1] == ')' && !strchr(e + 1, '(')) {
		e[n - 1] = '\0';
		return e + 1;
	}
	return e;
}

/* The license of one blob: its own license (`project`) and the ids whose
 * GNU version it leaves open. */
struct blob_lic {
	char blob[41];
	char expr[256]; /* "" when it cannot be read or named */
	char amb[256];
};

#define BLOB_CACHE 32

struct ident_cache {
	struct blob_lic e[BLOB_CACHE];
	size_t nr, next;
};

/* Identify the license of one blob (cached per blob id). */
static const struct blob_lic *identify_blob(struct ident_cache *ic,
					    struct lic_adapt *eng,
					    struct mirror_repo *git,
					    const char *blob_id)
{
	struct oh_buf b = OH_BUF_INIT;
	struct oh_err err = OH_ERR_INIT;
	struct lic_adapt_match m;
	struct blob_lic *x;

	for (size_t i = 0; i < ic->nr; i++)
		if (strcmp(ic->e[i].blob, blob_id) == 0)
			return &ic->e[i];
	if (ic->nr < BLOB_CACHE) {
		x = &ic->e[ic->nr++];
	} else {
		x = &ic->e[ic->next];
		ic->next = (ic->next + 1) % BLOB_CACHE;
	}
	memset(x, 0, sizeof(*x));
	snprintf(x->blob, sizeof(x->blob), "%s", blob_id);
	if (blob_id[0] != '\0' &&
	    tree_blob_read(&b, git, blob_id, LICENSE_BLOB_MAX, &err) == 0) {
		/* a root license file: prose statements count */
		lic_adapt_match_root(&m, eng, b.buf, b.len);
		/* the file's own license: bundled notices are not it, and
		 * when it cannot be named there is nothing to compare */
		if ((m.kind == LIC_ADAPT_EXACT || m.kind == LIC_ADAPT_CLOSE) &&
		    !m.unnamed_own && m.project[0] != '\0') {
			snprintf(x->expr, sizeof(x->expr), "%s", m.project);
			snprintf(x->amb, sizeof(x->amb), "%s", m.ambiguous);
		}
	}
	oh_buf_release(&b);
	oh_err_release(&err);
	return x;
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

/* One side of a commit: the root license files' licenses, joined. */
struct side {
	struct oh_buf expr; /* AND of the files' own licenses */
	struct oh_buf amb;  /* their open ids */
	size_t files;       /* files identified */
};

static void side_add(struct side *sd, const struct blob_lic *l)
{
	if (l->expr[0] == '\0')
		return;
	/* a choice stays one term; an AND of licenses is several */
	if (strstr(l->expr, " OR "))
		oh_buf_addf(&sd->expr, "%s(%s)", sd->expr.len ? " AND " : "",
			    l->expr);
	else
		oh_buf_addf(&sd->expr, "%s%s", sd->expr.len ? " AND " : "",
			    l->expr);
	oh_buf_addf(&sd->amb, "%s%s", sd->amb.len ? " " : "", l->amb);
	sd->files++;
}

static bool in_commit(const struct pathlog_change *c, const char *commit)
{
	return strcmp(c->commit, commit) == 0;
}

/* The blob of `path` just before commit i (newest first): the newest
 * older change's new blob; failing that, the old blob of the oldest
 * newer change that was no addition; "" when absent. */
static const char *blob_before(const struct pathlog *h, size_t i,
			       const char *path)
{
	const struct pathlog_change *newer = NULL;

	for (size_t k = 0; k < h->change_nr; k++) {
		const struct pathlog_change *c = &h->change[k];

		if (strcmp(c->path, path) != 0 ||
		    in_commit(c, h->change[i].commit))
			continue;
		if (k > i)
			return c->kind == PATHLOG_REMOVED ? "" : c->new_blob;
		newer = c;
	}
	return newer && newer->kind != PATHLOG_ADDED ? newer->old_blob : "";
}

/*
 * One commit that changed root license files: the project's license
 * files before and after it, compared as licenses (lic_adapt_compare():
 * a bare GNU text is the same license as a notice that states its
 * version).  A license added beside the others (zstd's COPYING beside
 * its LICENSE) is low, so is a license widened (GPL-2.0-only ->
 * GPL-2.0-or-later, an exception added) and a license file gone with
 * nothing new (a
 * part's license removed with the part); a license replaced by another
 * is medium, high when
 * the project goes from OSI-approved to not.  The first license file of
 * a project is no change, nor a commit whose new text cannot be named.
 */
static void commit_change(struct scan_item *it, struct lic_adapt *eng,
			  struct mirror_repo *git, const struct pathlog *h,
			  size_t i, struct ident_cache *ic)
{
	const struct pathlog_change *c = &h->change[i];
	struct side before = { OH_BUF_INIT, OH_BUF_INIT, 0 };
	struct side after = { OH_BUF_INIT, OH_BUF_INIT, 0 };
	struct oh_buf added = OH_BUF_INIT;
	const struct pathlog_change *mod = NULL, *gone = NULL, *add = NULL;
	const char *beside = NULL;
	size_t nchanged = 0;
	bool unnamed = false;
	char day[16];
	char *ev;

	/* the other root license files, unchanged by this commit */
	for (size_t k = 0; k < h->change_nr; k++) {
		const char *p = h->change[k].path;
		bool seen = false;
		const char *blob;

		for (size_t q = 0; q < k && !seen; q++)
			seen = strcmp(h->change[q].path, p) == 0;
		for (size_t q = 0; q < h->change_nr && !seen; q++)
			seen = in_commit(&h->change[q], c->commit) &&
			       strcmp(h->change[q].path, p) == 0;
		if (seen)
			continue;
		blob = blob_before(h, i, p);
		if (blob[0] == '\0')
			continue;
		side_add(&before, identify_blob(ic, eng, git, blob));
		side_add(&after, identify_blob(ic, eng, git, blob));
		if (!beside)
			beside = p;
	}
	/* the files this commit changed */
	for (size_t k = 0; k < h->change_nr; k++) {
		const struct pathlog_change *x = &h->change[k];

		if (!in_commit(x, c->commit))
			continue;
		nchanged++;
		if (x->kind == PATHLOG_MODIFIED)
			mod = x;
		else if (x->kind == PATHLOG_REMOVED)
			gone = x;
		else
			add = x;
		if (x->kind != PATHLOG_ADDED)
			side_add(&before,
				 identify_blob(ic, eng, git, x->old_blob));
		if (x->kind != PATHLOG_REMOVED) {
			const struct blob_lic *l =
				identify_blob(ic, eng, git, x->new_blob);

			unnamed = unnamed || l->expr[0] == '\0';
			side_add(&after, l);
		}
	}
	if (before.files == 0 || after.files == 0 || unnamed)
		goto out;
	oh_date_format(day, sizeof(day), c->time);
	switch (lic_adapt_compare(before.expr.buf, before.amb.buf,
				  after.expr.buf, after.amb.buf)) {
	case LIC_ADAPT_SAME:
		break;
	case LIC_ADAPT_ADDED:
		/* name what is new: the changed files' licenses that the
		 * files before did not name */
		for (size_t k = 0; k < h->change_nr; k++) {
			const struct pathlog_change *x = &h->change[k];
			const struct blob_lic *l;
			enum lic_adapt_diff d;

			if (!in_commit(x, c->commit) ||
			    x->kind == PATHLOG_REMOVED)
				continue;
			l = identify_blob(ic, eng, git, x->new_blob);
			d = lic_adapt_compare(l->expr, l->amb, before.expr.buf,
					      before.amb.buf);
			/* the file names a license the others did not */
			if (d == LIC_ADAPT_REMOVED || d == LIC_ADAPT_CHANGED)
				oh_buf_addf(&added, "%s%s",
					    added.len ? " AND " : "", l->expr);
		}
		if (!beside)
			beside = gone ? gone->path : mod ? mod->path : "";
		ev = evidence_of(add ? add->path : c->path, 0);
		scan_item_finding(
			it, "license/changed", "low", ev,
			"%s %s beside %s in commit %.12s (%s, '%s'): the project's license files now also name %s",
			add ? add->path : c->path, add ? "added" : "changed",
			beside, c->commit, day, c->subject,
			added.len ? added.buf : after.expr.buf);
		cJSON_free(ev);
		break;
	case LIC_ADAPT_WIDENED:
		/* GPL-2.0-only -> GPL-2.0-or-later, an exception added:
		 * every former use stays allowed -- low */
		ev = evidence_of(c->path, 0);
		scan_item_finding(
			it, "license/changed", "low", ev,
			"%s in commit %.12s (%s, '%s'): the project license was widened from %s to %s",
			c->path, c->commit, day, c->subject,
			strip(before.expr.buf), strip(after.expr.buf));
		cJSON_free(ev);
		break;
	case LIC_ADAPT_REMOVED:
		/* a part's license file gone (a LICENSE for a removed
		 * benchmark), the others unchanged: low */
		ev = evidence_of(gone ? gone->path : c->path, 0);
		scan_item_finding(
			it, "license/changed", "low", ev,
			"%s %s in commit %.12s (%s, '%s'): the project's license files now name %s (before: %s)",
			gone ? gone->path : c->path,
			gone ? "removed" : "changed", c->commit, day,
			c->subject, strip(after.expr.buf),
			strip(before.expr.buf));
		cJSON_free(ev);
		break;
	case LIC_ADAPT_CHANGED: {
		bool was_osi = osi_of(eng, before.expr.buf);
		bool is_osi = osi_of(eng, after.expr.buf);
		struct oh_buf what = OH_BUF_INIT;

		if (nchanged == 1 && mod)
			oh_buf_addf(&what, "%s changed", mod->path);
		else if (nchanged == 2 && gone && add)
			oh_buf_addf(&what,
				    "%s replaced by %s: the license changed",
				    gone->path, add->path);
		else
			for (size_t k = 0; k < h->change_nr; k++)
				if (in_commit(&h->change[k], c->commit))
					oh_buf_addf(&what, "%s%s %s",
						    what.len ? ", " : "",
						    h->change[k].path,
						    pathlog_kind_name(
							    h->change[k].kind));
		if (!(nchanged == 1 && mod) && !(nchanged == 2 && gone && add))
			oh_buf_adds(&what, ": the license changed");
		ev = evidence_of(c->path, 0);
		scan_item_finding(
			it, "license/changed",
			was_osi && !is_osi ? "high" : "medium", ev,
			"%s from %s to %s in commit %.12s (%s, '%s')%s",
			what.buf,
			before.files == 1 ? strip(before.expr.buf)
					  : before.expr.buf,
			after.files == 1 ? strip(after.expr.buf)
					 : after.expr.buf,
			c->commit, day, c->subject,
			was_osi && !is_osi
				? ": from an OSI-approved license to a non-OSI one"
				: "");
		cJSON_free(ev);
		oh_buf_release(&what);
		break;
	}
	}
out:
	oh_buf_release(&before.expr);
	oh_buf_release(&before.amb);
	oh_buf_release(&after.expr);
	oh_buf_release(&after.amb);
	oh_buf_release(&added);
}

/* Every commit that changed root license files, once (newest first). */
static void license_changes(struct scan_item *it, struct lic_adapt *eng,
			    struct mirror_repo *git, const struct pathlog *hist)
{
	struct ident_cache *ic;

	if (!hist)
		return;
	ic = oh_xcalloc(1, sizeof(*ic));
	for (size_t i = 0; i < hist->change_nr; i++) {
		bool done = false;

		for (size_t k = 0; k < i && !done; k++)
			done = in_commit(&hist->change[k],
					 hist->change[i].commit);
		if (!done)
			commit_change(it, eng, git, hist, i, ic);
	}
	free(ic);
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
