/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Text and JSON output of `osshealth enrich`.
 */
#include "report/report_enrich.h"

#include <cjson/cJSON.h>
#include <stdlib.h>

#include "core/err.h"
#include "core/timeutil.h"
#include "core/xalloc.h"
#include "net/forge.h"
#include "net/osv.h"
#include "report/report.h"
#include "report/report_int.h"
#include "core/banned.h"

/* Print untrusted text on one line: control bytes become '?'. */
static void put_clean(FILE *fp, const char *s)
{
	for (; *s != '\0'; s++)
		fputc((unsigned char)*s < 0x20 || *s == 0x7f ? '?' : *s, fp);
}

static void text_vuln(FILE *fp, const struct osv_vuln *v)
{
	fprintf(fp, "  %s\taliases=", v->id);
	if (v->alias_nr == 0)
		fputs("-", fp);
	for (size_t i = 0; i < v->alias_nr; i++)
		fprintf(fp, "%s%s", i > 0 ? "," : "", v->alias[i]);
	fputs("\tseverity=", fp);
	if (v->severity) {
		put_clean(fp, v->severity_type ? v->severity_type : "?");
		fputc(':', fp);
		put_clean(fp, v->severity);
	} else {
		fputs("unknown", fp);
	}
	fprintf(fp, "\tfix=%s%s\n", v->fixed ? "yes" : "no",
		v->withdrawn ? "\twithdrawn" : "");
}

static void text_osv(FILE *fp, const struct report_enrich *e)
{
	const struct osv_result *r = e->osv_res;
	size_t fixed = 0;

	for (size_t i = 0; i < r->vuln_nr; i++)
		if (r->vuln[i].fixed)
			fixed++;
	fprintf(fp, "osv: %zu known vulnerabilit%s (%zu with a fix)\n",
		r->vuln_nr, r->vuln_nr == 1 ? "y" : "ies", fixed);
	for (size_t i = 0; i < r->vuln_nr; i++)
		text_vuln(fp, &r->vuln[i]);
}

static void text_source(FILE *fp, const struct report_enrich_source *s)
{
	fprintf(fp, "%s: unavailable: ", s->name);
	put_clean(fp, s->reason);
	fputc('\n', fp);
}

/* The per-item metrics; unknown ones say why (once). */
static void text_detail(FILE *fp, const struct forge_facts *f)
{
	fputs("  first response: ", fp);
	if (f->response == FORGE_METRIC_UNKNOWN)
		fputs("unknown\n", fp);
	else if (f->response == FORGE_METRIC_NONE)
		fputs("no issue or change opened in 365 days\n", fp);
	else if (f->response_answered == 0)
		fprintf(fp, "none of %ld sampled issues and changes answered\n",
			f->response_sample);
	else
		fprintf(fp,
			"median %.1f days (%ld of %ld sampled issues and changes answered)\n",
			f->median_response_days, f->response_answered,
			f->response_sample);
	fputs("  review: ", fp);
	if (f->review == FORGE_METRIC_UNKNOWN)
		fputs("unknown\n", fp);
	else if (f->review == FORGE_METRIC_NONE)
		fputs("no change merged in 365 days\n", fp);
	else
		fprintf(fp,
			"%ld of %ld sampled merged changes reviewed (%.0f%%)\n",
			f->reviewed, f->review_sample,
			100.0 * (double)f->reviewed / (double)f->review_sample);
	fputs("  releases: ", fp);
	if (f->rel.state == FORGE_METRIC_UNKNOWN)
		fputs("unknown\n", fp);
	else if (f->rel.state == FORGE_METRIC_NONE)
		fputs("none published\n", fp);
	else {
		fprintf(fp, "%s%ld (%ld pre-release%s), %ld in 365 days",
			f->rel.capped ? "at least " : "", f->rel.releases,
			f->rel.prereleases, f->rel.prereleases == 1 ? "" : "s",
			f->rel.releases_365);
		if (f->rel.last != 0) {
			char when[32];

			oh_time_format(when, sizeof(when), f->rel.last);
			fputs(", last ", fp);
			put_clean(fp, f->rel.last_tag);
			fprintf(fp, " on %.10s", when);
		}
		if (f->rel.median_interval_days >= 0)
			fprintf(fp, ", median interval %.1f days",
				f->rel.median_interval_days);
		fputc('\n', fp);
	}
	if (f->detail_note[0] != '\0') {
		fputs("  note: ", fp);
		put_clean(fp, f->detail_note);
		fputc('\n', fp);
	}
}

static void text_forge(FILE *fp, const struct report_enrich *e)
{
	const struct forge_facts *f = e->forge_facts;

	fprintf(fp, "forge: %s ", e->forge_kind);
	put_clean(fp, e->forge_project);
	fprintf(fp, ": archived=%s stars=%ld forks=%ld open_issues=%ld\n",
		f->archived ? "yes" : "no", f->stars, f->forks, f->open_issues);
	fprintf(fp,
		"  issues: opened 90d=%ld 365d=%ld, closed 90d=%ld 365d=%ld\n",
		f->issues90.opened, f->issues.opened, f->issues90.closed,
		f->issues.closed);
	fprintf(fp,
		"  changes: opened 90d=%ld 365d=%ld, closed 90d=%ld 365d=%ld\n",
		f->changes90.opened, f->changes.opened, f->changes90.closed,
		f->changes.closed);
	if (f->close_sample > 0)
		fprintf(fp, "  median time to close: %.1f days (%ld issue%s)\n",
			f->median_close_days, f->close_sample,
			f->close_sample == 1 ? "" : "s");
	else
		fputs("  median time to close: unknown (no issue closed in 365 days)\n",
		      fp);
	text_detail(fp, f);
}

static void render_text(FILE *fp, const struct report_enrich *e)
{
	fputs("repository: ", fp);
	put_clean(fp, e->repo);
	fputc('\n', fp);
	if (e->osv.wanted) {
		if (e->osv.reason)
			text_source(fp, &e->osv);
		else
			text_osv(fp, e);
	}
	if (e->forge.wanted) {
		if (e->forge.reason)
			text_source(fp, &e->forge);
		else
			text_forge(fp, e);
	}
}

static cJSON *json_vuln(const struct osv_vuln *v)
{
	cJSON *o = cJSON_CreateObject();
	cJSON *a = cJSON_AddArrayToObject(o, "aliases");

	cJSON_AddStringToObject(o, "id", v->id);
	for (size_t i = 0; i < v->alias_nr; i++)
		cJSON_AddItemToArray(a, cJSON_CreateString(v->alias[i]));
	report_json_str(o, "severity_type", v->severity_type);
	report_json_str(o, "severity", v->severity);
	cJSON_AddBoolToObject(o, "fixed", v->fixed);
	cJSON_AddBoolToObject(o, "withdrawn", v->withdrawn);
	report_json_str(o, "modified", v->modified);
	report_json_str(o, "summary", v->summary);
	return o;
}

static cJSON *json_source(const struct report_enrich_source *s,
			  const struct osv_result *r)
{
	cJSON *o = cJSON_CreateObject();
	cJSON *arr;

	cJSON_AddStringToObject(o, "name", s->name);
	cJSON_AddStringToObject(o, "status", s->reason ? "unavailable" : "ok");
	if (s->reason) {
		cJSON_AddStringToObject(o, "reason", s->reason);
		return o;
	}
	if (!r)
		return o;
	arr = cJSON_AddArrayToObject(o, "vulnerabilities");
	for (size_t i = 0; i < r->vuln_nr; i++)
		cJSON_AddItemToArray(arr, json_vuln(&r->vuln[i]));
	return o;
}

static void json_window(cJSON *o, const char *key, const struct forge_window *w)
{
	cJSON *x = cJSON_AddObjectToObject(o, key);

	cJSON_AddNumberToObject(x, "opened", (double)w->opened);
	cJSON_AddNumberToObject(x, "closed", (double)w->closed);
}

static const char *metric_name(enum forge_metric m)
{
	return m == FORGE_METRIC_OK     ? "ok"
	       : m == FORGE_METRIC_NONE ? "none"
					: "unknown";
}

/* The forge's releases: null figures when unknown. */
static void json_releases(cJSON *o, const struct forge_releases *rel)
{
	cJSON *x = cJSON_AddObjectToObject(o, "releases");
	bool ok = rel->state == FORGE_METRIC_OK;
	char when[32];

	cJSON_AddStringToObject(x, "status", metric_name(rel->state));
	if (rel->state == FORGE_METRIC_UNKNOWN) {
		cJSON_AddNullToObject(x, "releases");
		cJSON_AddNullToObject(x, "prereleases");
	} else {
		cJSON_AddNumberToObject(x, "releases", (double)rel->releases);
		cJSON_AddNumberToObject(x, "prereleases",
					(double)rel->prereleases);
	}
	cJSON_AddBoolToObject(x, "capped", rel->capped);
	if (ok) {
		cJSON_AddNumberToObject(x, "releases_365d",
					(double)rel->releases_365);
		cJSON_AddNumberToObject(x, "with_notes",
					(double)rel->with_notes);
	} else {
		cJSON_AddNullToObject(x, "releases_365d");
		cJSON_AddNullToObject(x, "with_notes");
	}
	if (rel->last != 0) {
		oh_time_format(when, sizeof(when), rel->last);
		cJSON_AddStringToObject(x, "last", when);
		cJSON_AddStringToObject(x, "last_tag", rel->last_tag);
	} else {
		cJSON_AddNullToObject(x, "last");
		cJSON_AddNullToObject(x, "last_tag");
	}
	if (rel->median_interval_days >= 0)
		cJSON_AddNumberToObject(x, "median_interval_days",
					rel->median_interval_days);
	else
		cJSON_AddNullToObject(x, "median_interval_days");
}

/* The per-item metrics: null numbers when unknown or not measurable. */
static void json_detail(cJSON *o, const struct forge_facts *f)
{
	cJSON *fr = cJSON_CreateObject();
	cJSON *rv = cJSON_CreateObject();
	bool med = f->response == FORGE_METRIC_OK && f->response_answered > 0;
	bool share = f->review == FORGE_METRIC_OK && f->review_sample > 0;

	if (med)
		cJSON_AddNumberToObject(o, "median_days_to_first_response",
					f->median_response_days);
	else
		cJSON_AddNullToObject(o, "median_days_to_first_response");
	cJSON_AddStringToObject(fr, "status", metric_name(f->response));
	cJSON_AddNumberToObject(fr, "sample", (double)f->response_sample);
	cJSON_AddNumberToObject(fr, "answered", (double)f->response_answered);
	cJSON_AddItemToObject(o, "first_response", fr);
	cJSON_AddStringToObject(rv, "status", metric_name(f->review));
	cJSON_AddNumberToObject(rv, "sample", (double)f->review_sample);
	cJSON_AddNumberToObject(rv, "reviewed", (double)f->reviewed);
	if (share)
		cJSON_AddNumberToObject(rv, "share",
					(double)f->reviewed /
						(double)f->review_sample);
	else
		cJSON_AddNullToObject(rv, "share");
	cJSON_AddItemToObject(o, "review", rv);
	json_releases(o, &f->rel);
	if (f->detail_note[0] != '\0')
		cJSON_AddStringToObject(o, "detail_note", f->detail_note);
	else
		cJSON_AddNullToObject(o, "detail_note");
}

static cJSON *json_forge(const struct report_enrich *e)
{
	const struct forge_facts *f = e->forge_facts;
	cJSON *o = json_source(&e->forge, NULL);

	if (e->forge.reason)
		return o;
	cJSON_AddStringToObject(o, "forge", e->forge_kind);
	cJSON_AddStringToObject(o, "project", e->forge_project);
	cJSON_AddBoolToObject(o, "archived", f->archived);
	cJSON_AddNumberToObject(o, "stars", (double)f->stars);
	cJSON_AddNumberToObject(o, "forks", (double)f->forks);
	cJSON_AddNumberToObject(o, "open_issues", (double)f->open_issues);
	json_window(o, "issues_90d", &f->issues90);
	json_window(o, "issues_365d", &f->issues);
	json_window(o, "changes_90d", &f->changes90);
	json_window(o, "changes_365d", &f->changes);
	if (f->close_sample > 0)
		cJSON_AddNumberToObject(o, "median_days_to_close",
					f->median_close_days);
	else
		cJSON_AddNullToObject(o, "median_days_to_close");
	cJSON_AddNumberToObject(o, "close_sample", (double)f->close_sample);
	json_detail(o, f);
	return o;
}

static void render_json(FILE *fp, const struct report_enrich *e)
{
	cJSON *root = cJSON_CreateObject();
	cJSON *src;

	cJSON_AddStringToObject(root, "schema", "osshealth-enrich/1");
	cJSON_AddStringToObject(root, "repository", e->repo);
	report_json_str(root, "commit", e->commit);
	report_json_str(root, "purl", e->purl);
	src = cJSON_AddArrayToObject(root, "sources");
	if (e->osv.wanted)
		cJSON_AddItemToArray(src, json_source(&e->osv, e->osv_res));
	if (e->forge.wanted)
		cJSON_AddItemToArray(src, json_forge(e));
	report_print_json(fp, root);
}

int report_enrich(FILE *fp, const struct report_enrich *e,
		  enum report_format format, struct oh_err *err)
{
	if (format == REPORT_JSON)
		render_json(fp, e);
	else
		render_text(fp, e);
	return report_check_stream(fp, "<stdout>", err);
}
