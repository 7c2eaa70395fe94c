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

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "core/buf.h"
#include "core/err.h"
#include "core/timeutil.h"
#include "report/changes.h"
#include "report/escape.h"
#include "report/evidence.h"
#include "report/reasons.h"
#include "report/report_int.h"
#include "store/store_scan.h"
#include "store/store_trend.h"
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
	"svg{display:block;margin:.5em 0;max-width:100%;height:auto}"
	"td,th,li{overflow-wrap:break-word}"
	"tr.waived td{color:#555;font-style:italic}"
	"td ul{margin:0;padding-left:1.2em}"
	".exec{border:2px solid #444;padding:0 1em 1em;margin:1em 0}"
	"svg text{font-family:sans-serif}"
	"@media print{body{margin:0;max-width:none;font-size:10pt;color:#000}"
	"table{width:100%;table-layout:auto}td,th{padding:.2em .4em}"
	"a{color:inherit;text-decoration:none}"
	"section,table,svg,.exec{break-inside:avoid;page-break-inside:avoid}"
	"section{break-before:page;page-break-before:always;border:0}"
	"th{background:#eee !important;-webkit-print-color-adjust:exact;"
	"print-color-adjust:exact}"
	"rect{-webkit-print-color-adjust:exact;print-color-adjust:exact}}";

static void h(FILE *fp, const char *s)
{
	struct oh_buf b = OH_BUF_INIT;

	report_esc_html(&b, s);
	fputs(b.buf, fp);
	oh_buf_release(&b);
}

static void fact_cell(FILE *fp, const struct store_component_row *c,
		      const char *key)
{
	const char *v = report_fact(c, key);

	if (v && strcmp(v, "unknown") != 0) {
		fputs("<td>", fp);
		h(fp, v);
	} else {
		fputs("<td class=\"unknown\">unknown", fp);
	}
	fputs("</td>", fp);
}

/* license.osi ("true"/"false") for people. */
static void osi_cell(FILE *fp, const char *v)
{
	if (v && strcmp(v, "true") == 0)
		fputs("<td>yes</td>", fp);
	else if (v && strcmp(v, "false") == 0)
		fputs("<td class=\"high\">no</td>", fp);
	else
		fputs("<td class=\"unknown\">unknown</td>", fp);
}

/* A DCO share as a percentage; anything else as unknown. */
static void share_cell(FILE *fp, const struct store_component_row *c)
{
	char pct[16];

	if (report_share_pct(pct, report_fact(c, "dco.share_all"),
			     report_fact(c, "activity.commits_all")))
		fprintf(fp, "<td class=\"num\">%s</td>", pct);
	else
		fprintf(fp, "<td class=\"unknown\">%s</td>", pct);
}

/* "DCO sign-off share 87% of all commits, 100% in the last 365 days" */
static void dco_text(FILE *fp, const struct store_component_row *c)
{
	char all[16], last[16];

	report_share_pct(all, report_fact(c, "dco.share_all"),
			 report_fact(c, "activity.commits_all"));
	report_share_pct(last, report_fact(c, "dco.share_365"),
			 report_fact(c, "activity.commits_365"));
	fprintf(fp,
		"<p class=\"dco\">DCO sign-off share: %s of all commits, %s in the last 365 days.</p>\n",
		all, last);
}

static void summary(FILE *fp, const struct store_run_report *r)
{
	fputs("<h2>All components</h2><table><tr><th>component</th><th>decision</th>"
	      "<th>risk level</th><th>license</th><th>OSI-approved</th><th>DCO share (all commits)</th>",
	      fp);
	/* "risk" twice would read as one thing: the level and the score. */
	for (size_t k = 0; k < CATS_NR; k++)
		fprintf(fp, "<th>%s%s</th>", cats[k],
			strcmp(cats[k], "risk") == 0 ? " score" : "");
	fputs("</tr>\n", fp);
	for (size_t i = 0; i < r->comp_nr; i++) {
		const struct store_component_row *c = &r->comp[i];
		const char *risk = report_fact(c, "risk.level");
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
		osi_cell(fp, report_fact(c, "license.osi"));
		share_cell(fp, c);
		for (size_t k = 0; k < CATS_NR; k++) {
			snprintf(key, sizeof(key), "score.%s", cats[k]);
			fact_cell(fp, c, key);
		}
		fputs("</tr>\n", fp);
	}
	fputs("</table>\n", fp);
}

/* A horizontal axis under bars that start at x0, `scale` px per unit. */
static void x_axis(FILE *fp, int x0, int y, double scale, double max,
		   double step, const char *label)
{
	fprintf(fp,
		"<line x1=\"%d\" y1=\"%d\" x2=\"%.0f\" y2=\"%d\" stroke=\"#333\"/>",
		x0, y, x0 + max * scale, y);
	for (double t = 0; t <= max + 1e-9; t += step)
		fprintf(fp,
			"<line x1=\"%.0f\" y1=\"%d\" x2=\"%.0f\" y2=\"%d\" stroke=\"#333\"/>"
			"<text x=\"%.0f\" y=\"%d\" font-size=\"10\" text-anchor=\"middle\">%g</text>",
			x0 + t * scale, y, x0 + t * scale, y + 4,
			x0 + t * scale, y + 15, t);
	fprintf(fp,
		"<text class=\"axis-x\" x=\"%.0f\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\">",
		x0 + max * scale / 2, y + 29);
	h(fp, label);
	fputs("</text>", fp);
}

/*
 * Open a chart: a viewBox besides the size, so that print CSS can shrink
 * a wide chart to the page (max-width) instead of cutting it off.
 */
static void svg_open(FILE *fp, const char *cls, int w, int hgt,
		     const char *label)
{
	fprintf(fp,
		"<svg class=\"%s\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"",
		cls, w, hgt, w, hgt);
	h(fp, label);
	fputs("\">", fp);
}

/* The chart's title, as an SVG <title> and as visible text on top. */
static void chart_title(FILE *fp, const char *title)
{
	fputs("<title>", fp);
	h(fp, title);
	fputs("</title><text class=\"chart-title\" x=\"0\" y=\"14\" font-size=\"13\" font-weight=\"bold\">",
	      fp);
	h(fp, title);
	fputs("</text>", fp);
}

static void y_label(FILE *fp, int y, const char *label)
{
	fprintf(fp,
		"<text class=\"axis-y\" x=\"0\" y=\"%d\" font-size=\"11\" font-style=\"italic\">",
		y);
	h(fp, label);
	fputs("</text>", fp);
}

static void category_bars(FILE *fp, const struct store_component_row *c)
{
	const int top = 40;
	int axis = top + (int)CATS_NR * 22 + 2;

	svg_open(fp, "chart-scores", 420, axis + 36, "category scores");
	chart_title(fp, "Category scores");
	y_label(fp, top - 6, "category");
	for (size_t k = 0; k < CATS_NR; k++) {
		char key[32];
		const char *v;
		double s;
		int y = top + (int)k * 22;

		snprintf(key, sizeof(key), "score.%s", cats[k]);
		v = report_fact(c, key);
		fprintf(fp, "<text x=\"0\" y=\"%d\" font-size=\"12\">%s</text>",
			y + 11, cats[k]);
		if (!v || strcmp(v, "unknown") == 0) {
			fprintf(fp,
				"<text x=\"90\" y=\"%d\" font-size=\"12\" fill=\"#888\">unknown</text>",
				y + 11);
			continue;
		}
		s = strtod(v, NULL);
		fprintf(fp,
			"<rect x=\"90\" y=\"%d\" width=\"%.0f\" height=\"14\" fill=\"%s\"/>"
			"<text x=\"%.0f\" y=\"%d\" font-size=\"12\">%.1f</text>",
			y, s * 28,
			s >= 7   ? "#4a4"
			: s >= 4 ? "#da3"
				 : "#c44",
			s * 28 + 95, y + 11, s);
	}
	x_axis(fp, 90, axis, 28, 10, 2,
	       "score, 0 to 10 (higher is better; for risk, 10 is low risk)");
	fputs("</svg>\n", fp);
}

/* A bar chart of a JSON object label -> number, in key order. */
static void object_chart(FILE *fp, const char *json, const char *cls,
			 const char *what, const char *x_what,
			 const char *y_what)
{
	cJSON *o = json ? cJSON_Parse(json) : NULL;
	const cJSON *it;
	const char *first = NULL, *last = NULL;
	double max = 0;
	int n = 0, w;

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
		first = first ? first : it->string;
		last = it->string;
		n++;
	}
	w = n * 14 + 60;
	svg_open(fp, cls, w < 320 ? 320 : w, 200, what);
	chart_title(fp, what);
	y_label(fp, 30, y_what);
	/* y axis: 0 and the maximum */
	fprintf(fp,
		"<line x1=\"45\" y1=\"40\" x2=\"45\" y2=\"150\" stroke=\"#333\"/>"
		"<text x=\"40\" y=\"154\" font-size=\"10\" text-anchor=\"end\">0</text>"
		"<text x=\"40\" y=\"44\" font-size=\"10\" text-anchor=\"end\">%.0f</text>"
		"<line x1=\"45\" y1=\"150\" x2=\"%d\" y2=\"150\" stroke=\"#333\"/>",
		max, n * 14 + 50);
	n = 0;
	cJSON_ArrayForEach(it, o)
	{
		double v = cJSON_IsNumber(it) ? it->valuedouble : 0;
		double hgt = max > 0 ? v / max * 110 : 0;

		fprintf(fp,
			"<rect x=\"%d\" y=\"%.0f\" width=\"10\" height=\"%.0f\" fill=\"#47a\"><title>",
			n * 14 + 50, 150 - hgt, hgt);
		h(fp, it->string);
		fprintf(fp, ": %.0f</title></rect>", v);
		n++;
	}
	fputs("<text x=\"50\" y=\"164\" font-size=\"10\">", fp);
	h(fp, first);
	fputs("</text>", fp);
	if (n > 1) {
		fprintf(fp,
			"<text x=\"%d\" y=\"164\" font-size=\"10\" text-anchor=\"end\">",
			n * 14 + 50);
		h(fp, last);
		fputs("</text>", fp);
	}
	fputs("<text class=\"axis-x\" x=\"50\" y=\"186\" font-size=\"11\">",
	      fp);
	h(fp, x_what);
	fputs("</text></svg>\n", fp);
	cJSON_Delete(o);
}

/* ---- trend across review runs ----------------------------------------- */

/* Lines differ in colour and dash, so that they stay apart in print. */
static const char *const trend_colour[] = { "#47a", "#a47", "#4a7", "#a74",
					    "#555" };
static const char *const trend_dash[] = { "", "6,3", "2,3", "8,3,2,3", "12,4" };

#define TREND_X0    60  /* x of the score axis */
#define TREND_W     440 /* plot width */
#define TREND_TOP   40  /* y of score 10 */
#define TREND_SCALE 15  /* px per score point */
#define TREND_AXIS  (TREND_TOP + 10 * TREND_SCALE)

static double trend_x(size_t i, size_t n)
{
	return n > 1 ? TREND_X0 + 20 +
			       (double)i * (TREND_W - 40) / (double)(n - 1)
		     : TREND_X0 + TREND_W / 2.0;
}

static double trend_y(double score)
{
	return TREND_AXIS - score * TREND_SCALE;
}

static void trend_axes(FILE *fp, const struct store_trend *t)
{
	char day[32];

	fprintf(fp,
		"<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333\"/>"
		"<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333\"/>",
		TREND_X0, TREND_TOP, TREND_X0, TREND_AXIS, TREND_X0, TREND_AXIS,
		TREND_X0 + TREND_W, TREND_AXIS);
	for (int v = 0; v <= 10; v += 2)
		fprintf(fp,
			"<line x1=\"%d\" y1=\"%.0f\" x2=\"%d\" y2=\"%.0f\" stroke=\"#ddd\"/>"
			"<text x=\"%d\" y=\"%.0f\" font-size=\"10\" text-anchor=\"end\">%d</text>",
			TREND_X0, trend_y(v), TREND_X0 + TREND_W, trend_y(v),
			TREND_X0 - 4, trend_y(v) + 3, v);
	for (size_t i = 0; i < t->nr; i++) {
		double x = trend_x(i, t->nr);

		oh_time_format(day, sizeof(day), t->point[i].started_at);
		day[10] = '\0';
		fprintf(fp,
			"<line x1=\"%.0f\" y1=\"%d\" x2=\"%.0f\" y2=\"%d\" stroke=\"#333\"/>"
			"<text x=\"%.0f\" y=\"%d\" font-size=\"10\" text-anchor=\"middle\">run %lld</text>"
			"<text x=\"%.0f\" y=\"%d\" font-size=\"9\" text-anchor=\"middle\">%s</text>",
			x, TREND_AXIS, x, TREND_AXIS + 4, x, TREND_AXIS + 15,
			(long long)t->point[i].run_id, x, TREND_AXIS + 26, day);
	}
}

/* One category: segments between runs that both have a score. */
static void trend_line(FILE *fp, const struct store_trend *t, size_t k)
{
	for (size_t i = 0; i < t->nr; i++) {
		const struct store_trend_point *p = &t->point[i];
		const struct store_trend_point *q = i > 0 ? p - 1 : NULL;

		if (!p->has[k])
			continue;
		if (q && q->has[k])
			fprintf(fp,
				"<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"2\" stroke-dasharray=\"%s\"/>",
				trend_x(i - 1, t->nr), trend_y(q->value[k]),
				trend_x(i, t->nr), trend_y(p->value[k]),
				trend_colour[k], trend_dash[k]);
		fprintf(fp,
			"<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"><title>%s, run %lld: %.1f</title></circle>",
			trend_x(i, t->nr), trend_y(p->value[k]),
			trend_colour[k], cats[k], (long long)p->run_id,
			p->value[k]);
	}
}

static void trend_legend(FILE *fp)
{
	for (size_t k = 0; k < CATS_NR; k++) {
		int y = TREND_TOP + 4 + (int)k * 18;

		fprintf(fp,
			"<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"2\" stroke-dasharray=\"%s\"/>"
			"<text x=\"%d\" y=\"%d\" font-size=\"11\">%s</text>",
			TREND_X0 + TREND_W + 16, y, TREND_X0 + TREND_W + 44, y,
			trend_colour[k], trend_dash[k], TREND_X0 + TREND_W + 50,
			y + 4, cats[k]);
	}
}

/* The decision of each run, in words, under its tick. */
static void trend_decisions(FILE *fp, const struct store_trend *t)
{
	int y = TREND_AXIS + 44;

	fprintf(fp,
		"<text class=\"axis-decision\" x=\"0\" y=\"%d\" font-size=\"11\" font-style=\"italic\">decision</text>",
		y);
	for (size_t i = 0; i < t->nr; i++) {
		const struct store_trend_point *p = &t->point[i];
		const char *d = strcmp(p->status, "failed") == 0 ? "failed"
				: p->decision[0] != '\0'         ? p->decision
								 : "none";
		const char *fill = strcmp(d, "ACCEPT") == 0     ? "#070"
				   : strcmp(d, "EVALUATE") == 0 ? "#a60"
				   : strcmp(d, "AVOID") == 0    ? "#a00"
								: "#888";

		/* decisions are ACCEPT/EVALUATE/AVOID, but the column is
		 * text in the database: print it escaped. */
		fprintf(fp,
			"<text x=\"%.0f\" y=\"%d\" font-size=\"10\" font-weight=\"bold\" text-anchor=\"middle\" fill=\"%s\">",
			trend_x(i, t->nr), y, fill);
		h(fp, d);
		fputs("</text>", fp);
	}
}

/*
 * The component's category scores and overall decision in each review
 * run, oldest to newest: the periodic review's question "is it getting
 * better or worse?".
 */
static void trend_chart(FILE *fp, const struct store_trend *t)
{
	if (!t || t->nr < 2) {
		fputs("<p class=\"unknown chart-trend\">Trend across review runs: "
		      "this is the first review of this component in the database; "
		      "the trend chart appears from the second review on.</p>\n",
		      fp);
		return;
	}
	svg_open(fp, "chart-trend", TREND_X0 + TREND_W + 130, TREND_AXIS + 74,
		 "category scores and decision across review runs");
	chart_title(fp, "Category scores and decision across review runs");
	y_label(fp, TREND_TOP - 14,
		"category score (0 to 10, higher is better)");
	trend_axes(fp, t);
	for (size_t k = 0; k < CATS_NR; k++)
		trend_line(fp, t, k);
	trend_legend(fp);
	trend_decisions(fp, t);
	fprintf(fp,
		"<text class=\"axis-x\" x=\"%d\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\">review run (number and start date, UTC), oldest to newest</text>",
		TREND_X0 + TREND_W / 2, TREND_AXIS + 66);
	fputs("</svg>\n", fp);
}

static void html_ev_line(const char *line, void *payload)
{
	FILE *fp = payload;

	fputs("<li>", fp);
	h(fp, line);
	fputs("</li>", fp);
}

static void evidence_list(FILE *fp, const char *json)
{
	/* Open the list only when there is a line to put in it. */
	if (!json || json[0] == '\0' || strcmp(json, "[]") == 0)
		return;
	fputs("<ul class=\"ev\">", fp);
	report_evidence_each(json, html_ev_line, fp);
	fputs("</ul>", fp);
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

static void component(FILE *fp, const struct store_component_row *c, size_t idx,
		      const struct store_trends *trends)
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
	h(fp, report_fact(c, "risk.level") ? report_fact(c, "risk.level")
					   : "unknown");
	fputs("; origin policy alone: ", fp);
	h(fp, report_fact(c, "policy.decision")
		      ? report_fact(c, "policy.decision")
		      : "none");
	fputs("</p>\n", fp);
	report_reasons_write(fp, report_fact(c, "decision.reasons"),
			     REPORT_HTML);
	dco_text(fp, c);
	category_bars(fp, c);
	trend_chart(fp, store_trends_find(trends, c->name));
	object_chart(fp, report_fact(c, "activity.monthly_commits"),
		     "chart-commits", "Commits per month",
		     "month (YYYY-MM), oldest to newest", "commits");
	object_chart(fp, report_fact(c, "activity.orgs_365"), "chart-orgs",
		     "Commits by organisation, last 365 days",
		     "organisation (hover a bar for its name)", "commits");
	findings(fp, c);
	checks_table(fp, c);
	fputs("</section>\n", fp);
}

/* Changes a decision maker acts on: decisions, licenses, membership. */
static bool change_is_major(const struct report_change *c)
{
	static const char *const major[] = { "added",   "removed",
					     "status",  "decision",
					     "license", "license-non-osi" };

	for (size_t i = 0; i < sizeof(major) / sizeof(major[0]); i++)
		if (strcmp(c->kind, major[i]) == 0)
			return true;
	return false;
}

static void change_list(FILE *fp, const struct report_changes *ch, bool major,
			const char *title)
{
	size_t n = 0;

	for (size_t i = 0; i < ch->nr; i++)
		n += change_is_major(&ch->change[i]) == major;
	if (n == 0)
		return;
	fprintf(fp, "<h4>%s (%zu)</h4><ul>", title, n);
	for (size_t i = 0; i < ch->nr; i++) {
		if (change_is_major(&ch->change[i]) != major)
			continue;
		fputs("<li><b>", fp);
		h(fp, ch->change[i].component);
		fprintf(fp, "</b> (%s): ", ch->change[i].kind);
		h(fp, ch->change[i].text);
		fputs("</li>", fp);
	}
	fputs("</ul>\n", fp);
}

static void changes(FILE *fp, const struct report_changes *ch)
{
	fputs("<h3>What changed since the previous review</h3>", fp);
	if (!ch) {
		fputs("<p>This is the first review in this database.</p>\n",
		      fp);
		return;
	}
	if (ch->nr == 0) {
		fputs("<p>No changes.</p>\n", fp);
		return;
	}
	change_list(fp, ch, true,
		    "Decisions, licenses and components added or removed");
	change_list(fp, ch, false, "Scores, risk levels and activity");
}

/* ---- executive summary ----------------------------------------------- */

static const char *const decisions[] = { "ACCEPT", "EVALUATE", "AVOID" };
#define DECISIONS_NR 4 /* the three, and "none" (not decided) */

static size_t decision_index(const struct store_component_row *c)
{
	for (size_t d = 0; d < 3; d++)
		if (strcmp(c->decision, decisions[d]) == 0)
			return d;
	return 3;
}

static void decision_chart(FILE *fp, const size_t *count, size_t total)
{
	static const char *const colour[] = { "#4a4", "#da3", "#c44", "#888" };
	const int top = 40;
	/* Ticks 1, 2, 5, 10, 20, ... apart, the axis ending on one. */
	size_t step = total <= 10 ? 1 : total <= 20 ? 2 : total <= 50 ? 5 : 10;
	size_t max;
	double scale;

	while (total / step > 10)
		step *= 10;
	max = total == 0 ? 1 : (total + step - 1) / step * step;
	scale = 280.0 / (double)max;

	svg_open(fp, "chart-decisions", 460, top + DECISIONS_NR * 22 + 40,
		 "components by overall decision");
	chart_title(fp, "Components by overall decision");
	y_label(fp, top - 6, "decision");
	for (size_t d = 0; d < DECISIONS_NR; d++) {
		int y = top + (int)d * 22;

		fprintf(fp,
			"<text x=\"0\" y=\"%d\" font-size=\"12\">%s</text>"
			"<rect x=\"90\" y=\"%d\" width=\"%.0f\" height=\"14\" fill=\"%s\"/>"
			"<text x=\"%.0f\" y=\"%d\" font-size=\"12\">%zu</text>",
			y + 11, d < 3 ? decisions[d] : "not decided", y,
			(double)count[d] * scale, colour[d],
			(double)count[d] * scale + 95, y + 11, count[d]);
	}
	x_axis(fp, 90, top + DECISIONS_NR * 22 + 2, scale, (double)max,
	       (double)step, "components (count)");
	fputs("</svg>\n", fp);
}

/* The reasons that count (not ACCEPT, not waived), with the questions. */
static void action_reasons(FILE *fp, const char *json)
{
	cJSON *arr = json ? cJSON_Parse(json) : NULL;
	const cJSON *it;

	fputs("<td><ul>", fp);
	cJSON_ArrayForEach(it, arr)
	{
		const cJSON *d =
			cJSON_GetObjectItemCaseSensitive(it, "decision");
		const cJSON *txt =
			cJSON_GetObjectItemCaseSensitive(it, "reason");
		const cJSON *q =
			cJSON_GetObjectItemCaseSensitive(it, "question");
		const cJSON *w = cJSON_GetObjectItemCaseSensitive(it, "waiver");
		const cJSON *ws = cJSON_GetObjectItemCaseSensitive(w, "state");

		if (!cJSON_IsString(d) ||
		    strcmp(d->valuestring, "ACCEPT") == 0 ||
		    !cJSON_IsString(txt) ||
		    (cJSON_IsString(ws) &&
		     strcmp(ws->valuestring, "active") == 0))
			continue;
		fputs("<li>", fp);
		h(fp, txt->valuestring);
		if (cJSON_IsString(q)) {
			fputs("<br><em>Question:</em> ", fp);
			h(fp, q->valuestring);
		}
		fputs("</li>", fp);
	}
	fputs("</ul></td>", fp);
	cJSON_Delete(arr);
}

static void needs_action(FILE *fp, const struct store_run_report *r, size_t n)
{
	fprintf(fp, "<h3>Components that need action (%zu)</h3>\n", n);
	if (n == 0) {
		fputs("<p>None: every component is ACCEPT.</p>\n", fp);
		return;
	}
	fputs("<table class=\"action\"><tr><th>component</th><th>decision</th><th>why, and what the reviewer must answer</th></tr>\n",
	      fp);
	for (size_t i = 0; i < r->comp_nr; i++) {
		const struct store_component_row *c = &r->comp[i];
		size_t d = decision_index(c);

		if (d == 0)
			continue;
		fprintf(fp, "<tr><td><a href=\"#c%zu\">", i);
		h(fp, c->name);
		fprintf(fp, "</a></td><td class=\"%s\">%s</td>",
			d < 3 ? decisions[d] : "unknown",
			d < 3 ? decisions[d] : "not decided");
		if (strcmp(c->status, "failed") == 0) {
			fputs("<td>could not be scanned: ", fp);
			h(fp, c->error);
			fputs("</td>", fp);
		} else {
			action_reasons(fp, report_fact(c, "decision.reasons"));
		}
		fputs("</tr>\n", fp);
	}
	fputs("</table>\n", fp);
}

static void executive(FILE *fp, const struct store_run_report *r,
		      const struct report_changes *ch)
{
	size_t count[DECISIONS_NR] = { 0 };

	for (size_t i = 0; i < r->comp_nr; i++)
		count[decision_index(&r->comp[i])]++;
	fputs("<div class=\"exec\" id=\"executive-summary\"><h2>Executive summary</h2>\n",
	      fp);
	fprintf(fp,
		"<p><b>%zu components reviewed:</b> <span class=\"ACCEPT\">%zu ACCEPT</span>, "
		"<span class=\"EVALUATE\">%zu EVALUATE</span>, <span class=\"AVOID\">%zu AVOID</span>",
		r->comp_nr, count[0], count[1], count[2]);
	if (count[3] > 0)
		fprintf(fp, ", %zu not decided", count[3]);
	fputs(". Each decision is the strictest of the origin policy, the license policy and the health thresholds; waived reasons do not count.</p>\n",
	      fp);
	decision_chart(fp, count, r->comp_nr);
	needs_action(fp, r, r->comp_nr - count[0]);
	changes(fp, ch);
	fputs("</div>\n", fp);
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
		    const struct report_changes *ch,
		    const struct store_trends *trends, struct oh_err *err)
{
	char t[32];

	oh_time_format(t, sizeof(t), r->started_at);
	fprintf(fp,
		"<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
		"<title>osshealth review run %lld</title><style>%s</style></head><body>\n",
		(long long)r->run_id, css);
	fprintf(fp, "<h1>Open-source due diligence: review run %lld</h1>\n",
		(long long)r->run_id);
	executive(fp, r, ch);
	fprintf(fp, "<h2>About this review</h2>\n<p>Started %s, status ", t);
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
	for (size_t i = 0; i < r->comp_nr; i++)
		component(fp, &r->comp[i], i, trends);
	fputs("</body></html>\n", fp);
	return report_check_stream(fp, "<output>", err);
}
