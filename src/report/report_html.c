/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The due-diligence report as one self-contained HTML page: inline CSS,
 * inline SVG charts, no script, no external resource (it must open on an
 * air-gapped machine).  Every string from the database is escaped with
 * report_esc_html(); numbers are formatted by us.
 *
 * Charts read facts the scan records (docs/report-schema.md):
 *   score.<category>          category bars
 *   activity.monthly_commits  JSON object "YYYY-MM" -> commits
 *   activity.orgs_365         JSON object organisation -> commits
 * A chart whose fact is missing says "no data", never draws zeros.
 */
#include "report/report.h"

#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "core/buf.h"
#include "core/err.h"
#include "core/timeutil.h"
#include "report/changes.h"
#include "report/escape.h"
#include "report/reasons.h"
#include "store/store_scan.h"
#include "core/banned.h"

static const char *const cats[] = { "openness", "maturity", "security",
				    "activity", "risk" };
#define CATS_NR (sizeof(cats) / sizeof(cats[0]))

static const char css[] =
	"body{font-family:sans-serif;margin:2em;color:#222;max-width:70em}"
	"table{border-collapse:collapse;margin:1em 0}"
	"th,td{border:1px solid #ccc;padding:.3em .6em;text-align:left;"
	"vertical-align:top}th{background:#f0f0f0}"
	".num{text-align:right}.unknown{color:#888}"
	".high,.AVOID{color:#a00;font-weight:bold}.medium,.EVALUATE{color:#a60}"
	".low,.ACCEPT{color:#070}.ev{color:#555;font-size:.9em}"
	"section{border-top:2px solid #ddd;margin-top:2em}"
	"svg{display:block;margin:.5em 0}"
	"tr.waived td{color:#555;font-style:italic}";

static void h(FILE *fp, const char *s)
{
	struct oh_buf b = OH_BUF_INIT;

	report_esc_html(&b, s);
	fputs(b.buf, fp);
	oh_buf_release(&b);
}

static const char *fact(const struct store_component_row *c, const char *key)
{
	for (size_t i = 0; i < c->fact_nr; i++)
		if (strcmp(c->fact[i].key, key) == 0)
			return c->fact[i].value;
	return NULL;
}

static void fact_cell(FILE *fp, const struct store_component_row *c,
		      const char *key)
{
	const char *v = fact(c, key);

	if (v && strcmp(v, "unknown") != 0) {
		fputs("<td>", fp);
		h(fp, v);
	} else {
		fputs("<td class=\"unknown\">unknown", fp);
	}
	fputs("</td>", fp);
}

static void summary(FILE *fp, const struct store_run_report *r)
{
	fputs("<h2>Summary</h2><table><tr><th>component</th><th>decision</th>"
	      "<th>risk</th><th>license</th><th>OSI</th><th>DCO share</th>",
	      fp);
	for (size_t k = 0; k < CATS_NR; k++)
		fprintf(fp, "<th>%s</th>", cats[k]);
	fputs("</tr>\n", fp);
	for (size_t i = 0; i < r->comp_nr; i++) {
		const struct store_component_row *c = &r->comp[i];
		const char *risk = fact(c, "risk.level");
		char key[32];

		fputs("<tr><td><a href=\"#c", fp);
		fprintf(fp, "%zu\">", i);
		h(fp, c->name);
		fputs("</a></td>", fp);
		fprintf(fp, "<td class=\"%s\">%s</td>",
			c->decision[0] ? c->decision : "unknown",
			c->decision[0] ? c->decision : "none");
		fprintf(fp, "<td class=\"%s\">%s</td>", risk ? risk : "unknown",
			risk ? risk : "unknown");
		fact_cell(fp, c, "license.concluded");
		fact_cell(fp, c, "license.osi");
		fact_cell(fp, c, "dco.share_all");
		for (size_t k = 0; k < CATS_NR; k++) {
			snprintf(key, sizeof(key), "score.%s", cats[k]);
			fact_cell(fp, c, key);
		}
		fputs("</tr>\n", fp);
	}
	fputs("</table>\n", fp);
}

static void category_bars(FILE *fp, const struct store_component_row *c)
{
	fprintf(fp,
		"<svg class=\"chart-scores\" width=\"420\" height=\"%zu\" role=\"img\" aria-label=\"category scores\">",
		CATS_NR * 22 + 4);
	for (size_t k = 0; k < CATS_NR; k++) {
		char key[32];
		const char *v;
		double s;

		snprintf(key, sizeof(key), "score.%s", cats[k]);
		v = fact(c, key);
		fprintf(fp,
			"<text x=\"0\" y=\"%zu\" font-size=\"12\">%s</text>",
			k * 22 + 15, cats[k]);
		if (!v || strcmp(v, "unknown") == 0) {
			fprintf(fp,
				"<text x=\"90\" y=\"%zu\" font-size=\"12\" fill=\"#888\">unknown</text>",
				k * 22 + 15);
			continue;
		}
		s = strtod(v, NULL);
		fprintf(fp,
			"<rect x=\"90\" y=\"%zu\" width=\"%.0f\" height=\"14\" fill=\"%s\"/>"
			"<text x=\"%.0f\" y=\"%zu\" font-size=\"12\">%.1f</text>",
			k * 22 + 4, s * 28,
			s >= 7   ? "#4a4"
			: s >= 4 ? "#da3"
				 : "#c44",
			s * 28 + 95, k * 22 + 15, s);
	}
	fputs("</svg>\n", fp);
}

/* A bar chart of a JSON object label -> number, in key order. */
static void object_chart(FILE *fp, const char *json, const char *cls,
			 const char *what)
{
	cJSON *o = json ? cJSON_Parse(json) : NULL;
	const cJSON *it;
	double max = 0;
	int n = 0;

	if (!cJSON_IsObject(o) || !o->child) {
		fprintf(fp, "<p class=\"unknown %s\">%s: no data</p>\n", cls,
			what);
		cJSON_Delete(o);
		return;
	}
	cJSON_ArrayForEach(it, o)
	{
		if (cJSON_IsNumber(it) && it->valuedouble > max)
			max = it->valuedouble;
		n++;
	}
	fprintf(fp,
		"<p>%s</p><svg class=\"%s\" width=\"%d\" height=\"140\" role=\"img\" aria-label=\"",
		what, cls, n * 14 + 10);
	fputs(what, fp);
	fputs("\">", fp);
	n = 0;
	cJSON_ArrayForEach(it, o)
	{
		double v = cJSON_IsNumber(it) ? it->valuedouble : 0;
		double hgt = max > 0 ? v / max * 110 : 0;

		fprintf(fp,
			"<rect x=\"%d\" y=\"%.0f\" width=\"10\" height=\"%.0f\" fill=\"#47a\"><title>",
			n * 14 + 5, 120 - hgt, hgt);
		h(fp, it->string);
		fprintf(fp, ": %.0f</title></rect>", v);
		n++;
	}
	fputs("</svg>\n", fp);
	cJSON_Delete(o);
}

static void evidence_list(FILE *fp, const char *json)
{
	cJSON *arr = cJSON_Parse(json);
	const cJSON *it;

	if (cJSON_GetArraySize(arr) > 0) {
		fputs("<ul class=\"ev\">", fp);
		cJSON_ArrayForEach(it, arr)
		{
			if (!cJSON_IsString(it))
				continue;
			fputs("<li>", fp);
			h(fp, it->valuestring);
			fputs("</li>", fp);
		}
		fputs("</ul>", fp);
	}
	cJSON_Delete(arr);
}

static void checks_table(FILE *fp, const struct store_component_row *c)
{
	fputs("<table><tr><th>category</th><th>check</th><th>score</th>"
	      "<th>reason and evidence</th></tr>\n",
	      fp);
	for (size_t i = 0; i < c->score_nr; i++) {
		const struct store_score_row *s = &c->score[i];

		fprintf(fp, "<tr><td>%s</td><td>", s->category);
		h(fp, s->check);
		if (strcmp(s->state, "scored") == 0)
			fprintf(fp, "</td><td class=\"num\">%.1f</td><td>",
				s->score);
		else
			fprintf(fp, "</td><td class=\"unknown\">%s</td><td>",
				s->state);
		h(fp, s->reason);
		evidence_list(fp, s->evidence);
		fputs("</td></tr>\n", fp);
	}
	fputs("</table>\n", fp);
}

static void findings(FILE *fp, const struct store_component_row *c)
{
	if (c->finding_nr == 0) {
		fputs("<p>No findings.</p>\n", fp);
		return;
	}
	fputs("<h4>Findings</h4><ul>", fp);
	for (size_t i = 0; i < c->finding_nr; i++) {
		const struct store_finding_row *f = &c->finding[i];

		fprintf(fp, "<li><span class=\"%s\">%s</span> <code>",
			f->severity, f->severity);
		h(fp, f->code);
		fputs("</code>: ", fp);
		h(fp, f->message);
		evidence_list(fp, f->evidence);
		fputs("</li>", fp);
	}
	fputs("</ul>\n", fp);
}

static void component(FILE *fp, const struct store_component_row *c, size_t idx)
{
	fprintf(fp, "<section id=\"c%zu\"><h3>", idx);
	h(fp, c->name);
	fputs("</h3>\n<p>Repository: <code>", fp);
	h(fp, c->repo[0] ? c->repo : "(not recorded)");
	fputs("</code>, revision <code>", fp);
	h(fp, c->revision);
	fputs("</code></p>\n", fp);
	if (strcmp(c->status, "failed") == 0) {
		fputs("<p class=\"high\">Could not be scanned: ", fp);
		h(fp, c->error);
		fputs("</p></section>\n", fp);
		return;
	}
	fprintf(fp, "<p>Decision: <span class=\"%s\">%s</span>; risk level ",
		c->decision[0] ? c->decision : "unknown",
		c->decision[0] ? c->decision : "none (no policy evaluated)");
	h(fp, fact(c, "risk.level") ? fact(c, "risk.level") : "unknown");
	fputs("; origin policy alone: ", fp);
	h(fp, fact(c, "policy.decision") ? fact(c, "policy.decision") : "none");
	fputs("</p>\n", fp);
	report_reasons_write(fp, fact(c, "decision.reasons"), REPORT_HTML);
	category_bars(fp, c);
	object_chart(fp, fact(c, "activity.monthly_commits"), "chart-commits",
		     "Commits per month");
	object_chart(fp, fact(c, "activity.orgs_365"), "chart-orgs",
		     "Commits by organisation, last 365 days");
	findings(fp, c);
	checks_table(fp, c);
	fputs("</section>\n", fp);
}

static void changes(FILE *fp, const struct report_changes *ch)
{
	fputs("<h2>Changes since the previous review</h2>", fp);
	if (!ch) {
		fputs("<p>This is the first review in this database.</p>\n",
		      fp);
		return;
	}
	if (ch->nr == 0) {
		fputs("<p>No changes.</p>\n", fp);
		return;
	}
	fputs("<ul>", fp);
	for (size_t i = 0; i < ch->nr; i++) {
		fputs("<li><b>", fp);
		h(fp, ch->change[i].component);
		fprintf(fp, "</b> (%s): ", ch->change[i].kind);
		h(fp, ch->change[i].text);
		fputs("</li>", fp);
	}
	fputs("</ul>\n", fp);
}

/* SBOM packages the run did not review, and why. */
static void unreviewed(FILE *fp, const struct store_run_report *r)
{
	if (r->unrev_nr == 0)
		return;
	fprintf(fp,
		"<h2>SBOM packages not reviewed (%zu)</h2>\n<table><tr><th>package</th><th>version</th><th>element</th><th>reason</th></tr>\n",
		r->unrev_nr);
	for (size_t i = 0; i < r->unrev_nr; i++) {
		const struct store_unreviewed_row *u = &r->unrev[i];

		fputs("<tr><td>", fp);
		h(fp, u->name);
		fputs("</td><td>", fp);
		h(fp, u->version);
		fputs("</td><td>", fp);
		h(fp, u->element);
		fputs("</td><td>", fp);
		h(fp, u->reason);
		fputs("</td></tr>\n", fp);
	}
	fputs("</table>\n", fp);
}

int report_run_html(FILE *fp, const struct store_run_report *r,
		    const struct report_changes *ch, struct oh_err *err)
{
	char t[32];

	oh_time_format(t, sizeof(t), r->started_at);
	fprintf(fp,
		"<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
		"<title>osshealth review run %lld</title><style>%s</style></head><body>\n",
		(long long)r->run_id, css);
	fprintf(fp,
		"<h1>Open-source due diligence: review run %lld</h1>\n<p>Started %s, status ",
		(long long)r->run_id, t);
	h(fp, r->status);
	fputs(", osshealth ", fp);
	h(fp, r->tool_version);
	if (r->rules_version[0] != '\0') {
		fputs(", ", fp);
		h(fp, r->rules_version);
	}
	fputs(". Scores run from 0 to 10 (higher is better; for risk, 10 is low risk); "
	      "<span class=\"unknown\">unknown</span> means the facts were not available, not zero.</p>\n",
	      fp);
	summary(fp, r);
	unreviewed(fp, r);
	changes(fp, ch);
	for (size_t i = 0; i < r->comp_nr; i++)
		component(fp, &r->comp[i], i);
	fputs("</body></html>\n", fp);
	return report_check_stream(fp, "<output>", err);
}
