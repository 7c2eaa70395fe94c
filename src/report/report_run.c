/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Rendering a review run and the changes between runs: text, JSON,
 * Markdown and CSV.
 */
#include "report/report.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "core/buf.h"
#include "core/err.h"
#include "core/timeutil.h"
#include "core/xalloc.h"
#include "report/changes.h"
#include "report/escape.h"
#include "report/evidence.h"
#include "report/reasons.h"
#include "report/report_int.h"
#include "store/store_scan.h"
#include "core/banned.h"

#define REPORT_SCHEMA "osshealth-report/1"

static const char *const cats[] = { "openness", "maturity", "security",
				    "activity", "risk" };
#define CATS_NR (sizeof(cats) / sizeof(cats[0]))

static const char *cat_score(const struct store_component_row *c,
			     const char *cat)
{
	char key[32];
	const char *v;

	snprintf(key, sizeof(key), "score.%s", cat);
	v = report_fact(c, key);
	return v && strcmp(v, "unknown") != 0 ? v : "?";
}

/* The origin policy's decision alone (safe names only: it is printed). */
static const char *origin_decision(const struct store_component_row *c)
{
	const char *v = report_fact(c, "policy.decision");

	if (!v || (strcmp(v, "ACCEPT") != 0 && strcmp(v, "EVALUATE") != 0 &&
		   strcmp(v, "AVOID") != 0))
		return "none";
	return v;
}

/* A DCO share fact as a percentage (report_share_pct()). */
static bool share_pct(char out[16], const struct store_component_row *c,
		      const char *key)
{
	bool last = strcmp(key, "dco.share_365") == 0;

	return report_share_pct(out, report_fact(c, key),
				report_fact(c, last ? "activity.commits_365"
						    : "activity.commits_all"));
}

/* Print an untrusted string escaped with `esc`. */
static void put(FILE *fp, void (*esc)(struct oh_buf *, const char *),
		const char *s)
{
	struct oh_buf b = OH_BUF_INIT;

	esc(&b, s);
	fputs(b.buf, fp);
	oh_buf_release(&b);
}

/* ---- text ------------------------------------------------------------- */

static void text_header(FILE *fp, const struct store_run_report *r)
{
	char t[32];

	oh_time_format(t, sizeof(t), r->started_at);
	fprintf(fp, "osshealth review run %lld (%s), started %s, osshealth %s",
		(long long)r->run_id, r->status, t, r->tool_version);
	if (r->rules_version[0] != '\0')
		fprintf(fp, ", %s", r->rules_version);
	fputs("\n\n", fp);
	fprintf(fp, "%-24s %-7s %-8s %-8s", "COMPONENT", "STATUS", "DECISION",
		"RISK");
	for (size_t k = 0; k < CATS_NR; k++)
		fprintf(fp, " %8s", cats[k]);
	fprintf(fp, " %8s\n", "FINDINGS");
}

static void text_row(FILE *fp, const struct store_component_row *c)
{
	const char *risk = report_fact(c, "risk.level");
	struct oh_buf name = OH_BUF_INIT;

	report_esc_text(&name, c->name);
	fprintf(fp, "%-24s %-7s %-8s %-8s", name.buf, c->status,
		c->decision[0] ? c->decision : "-", risk ? risk : "-");
	for (size_t k = 0; k < CATS_NR; k++)
		fprintf(fp, " %8s", cat_score(c, cats[k]));
	fprintf(fp, " %8zu\n", c->finding_nr);
	oh_buf_release(&name);
}

struct text_ev {
	FILE *fp;
	const char *indent;
};

static void text_ev_line(const char *line, void *payload)
{
	const struct text_ev *t = payload;

	fputs(t->indent, t->fp);
	put(t->fp, report_esc_text, line);
	fputc('\n', t->fp);
}

static void text_evidence(FILE *fp, const char *json, const char *indent)
{
	struct text_ev t = { fp, indent };

	report_evidence_each(json, text_ev_line, &t);
}

/* True when a finding has the code "<category>/<check>". */
static bool has_finding(const struct store_component_row *c,
			const struct store_score_row *s)
{
	size_t n = strlen(s->category);

	for (size_t i = 0; i < c->finding_nr; i++) {
		const char *code = c->finding[i].code;

		if (strncmp(code, s->category, n) == 0 && code[n] == '/' &&
		    strcmp(code + n + 1, s->check) == 0)
			return true;
	}
	return false;
}

static void text_dco(FILE *fp, const struct store_component_row *c)
{
	char all[16], last[16];

	share_pct(all, c, "dco.share_all");
	share_pct(last, c, "dco.share_365");
	fprintf(fp,
		"  DCO sign-off share %s of all commits, %s in the last 365 days\n",
		all, last);
}

static void text_component(FILE *fp, const struct store_component_row *c)
{
	const char *last_cat = "";

	fputs("\n== ", fp);
	put(fp, report_esc_text, c->name);
	if (c->revision[0] != '\0')
		fprintf(fp, " (revision %.12s)", c->revision);
	fputc('\n', fp);
	if (strcmp(c->status, "failed") == 0) {
		fputs("  could not be scanned: ", fp);
		put(fp, report_esc_text, c->error);
		fputc('\n', fp);
		return;
	}
	if (c->decision[0] != '\0') {
		fprintf(fp, "  decision %s (origin policy alone: %s)\n",
			c->decision, origin_decision(c));
		report_reasons_write(fp, report_fact(c, "decision.reasons"),
				     REPORT_TEXT);
	}
	text_dco(fp, c);
	for (size_t i = 0; i < c->score_nr; i++) {
		const struct store_score_row *s = &c->score[i];

		if (strcmp(s->category, last_cat) != 0) {
			fprintf(fp, "  %s %s\n", s->category,
				cat_score(c, s->category));
			last_cat = s->category;
		}
		if (strcmp(s->state, "scored") == 0)
			fprintf(fp, "    %-22s %4.1f  ", s->check, s->score);
		else
			fprintf(fp, "    %-22s %4s  ", s->check,
				strcmp(s->state, "unknown") == 0 ? "?" : "n/a");
		put(fp, report_esc_text, s->reason);
		fputc('\n', fp);
		/* A finding prints its own evidence below. */
		if (strcmp(s->state, "scored") == 0 && !has_finding(c, s))
			text_evidence(fp, s->evidence,
				      "                                 ");
	}
	if (c->finding_nr > 0)
		fputs("  findings:\n", fp);
	for (size_t i = 0; i < c->finding_nr; i++) {
		const struct store_finding_row *f = &c->finding[i];

		fprintf(fp, "    %-8s %s: ", f->severity, f->code);
		put(fp, report_esc_text, f->message);
		fputc('\n', fp);
		text_evidence(fp, f->evidence, "             ");
	}
}

static void text_changes(FILE *fp, const struct report_changes *ch)
{
	if (!ch)
		return;
	fputs("\nChanges since the previous review:\n", fp);
	if (ch->nr == 0)
		fputs("  none\n", fp);
	for (size_t i = 0; i < ch->nr; i++) {
		fputs("  ", fp);
		put(fp, report_esc_text, ch->change[i].component);
		fprintf(fp, ": %s: ", ch->change[i].kind);
		put(fp, report_esc_text, ch->change[i].text);
		fputc('\n', fp);
	}
}

static void text_unreviewed(FILE *fp, const struct store_run_report *r)
{
	if (r->unrev_nr == 0)
		return;
	fprintf(fp, "\nSBOM packages not reviewed: %zu\n", r->unrev_nr);
	for (size_t i = 0; i < r->unrev_nr; i++) {
		const struct store_unreviewed_row *u = &r->unrev[i];

		fputs("  ", fp);
		put(fp, report_esc_text, u->name);
		if (u->version[0] != '\0') {
			fputc(' ', fp);
			put(fp, report_esc_text, u->version);
		}
		if (u->element[0] != '\0') {
			fputs(" (", fp);
			put(fp, report_esc_text, u->element);
			fputc(')', fp);
		}
		fputs(": ", fp);
		put(fp, report_esc_text, u->reason);
		fputc('\n', fp);
	}
}

static void run_text(FILE *fp, const struct store_run_report *r,
		     const struct report_changes *ch)
{
	text_header(fp, r);
	for (size_t i = 0; i < r->comp_nr; i++)
		text_row(fp, &r->comp[i]);
	text_unreviewed(fp, r);
	text_changes(fp, ch);
	for (size_t i = 0; i < r->comp_nr; i++)
		text_component(fp, &r->comp[i]);
}

/* ---- JSON ------------------------------------------------------------- */

static cJSON *parsed_or_string(const char *json)
{
	cJSON *v = cJSON_Parse(json);

	return v ? v : cJSON_CreateString(json);
}

static cJSON *json_checks(const struct store_component_row *c)
{
	cJSON *arr = cJSON_CreateArray();

	for (size_t i = 0; i < c->score_nr; i++) {
		const struct store_score_row *s = &c->score[i];
		cJSON *o = cJSON_CreateObject();

		cJSON_AddStringToObject(o, "category", s->category);
		cJSON_AddStringToObject(o, "check", s->check);
		cJSON_AddStringToObject(o, "state", s->state);
		if (strcmp(s->state, "scored") == 0)
			cJSON_AddNumberToObject(o, "score", s->score);
		else
			cJSON_AddNullToObject(o, "score");
		cJSON_AddStringToObject(o, "reason", s->reason);
		cJSON_AddItemToObject(o, "evidence",
				      parsed_or_string(s->evidence));
		cJSON_AddItemToArray(arr, o);
	}
	return arr;
}

static cJSON *json_findings(const struct store_component_row *c)
{
	cJSON *arr = cJSON_CreateArray();

	for (size_t i = 0; i < c->finding_nr; i++) {
		const struct store_finding_row *f = &c->finding[i];
		cJSON *o = cJSON_CreateObject();

		cJSON_AddStringToObject(o, "code", f->code);
		cJSON_AddStringToObject(o, "severity", f->severity);
		cJSON_AddStringToObject(o, "message", f->message);
		cJSON_AddItemToObject(o, "evidence",
				      parsed_or_string(f->evidence));
		cJSON_AddItemToArray(arr, o);
	}
	return arr;
}

static cJSON *json_categories(const struct store_component_row *c)
{
	cJSON *o = cJSON_CreateObject();

	for (size_t k = 0; k < CATS_NR; k++) {
		const char *v = cat_score(c, cats[k]);

		if (strcmp(v, "?") == 0)
			cJSON_AddNullToObject(o, cats[k]);
		else
			cJSON_AddNumberToObject(o, cats[k], strtod(v, NULL));
	}
	return o;
}

/* origin_decision and decision_reasons beside the overall decision. */
static void json_decision(cJSON *o, const struct store_component_row *c)
{
	const char *v = report_fact(c, "policy.decision");
	const char *reasons = report_fact(c, "decision.reasons");
	cJSON *arr = reasons ? cJSON_Parse(reasons) : NULL;

	if (v)
		cJSON_AddStringToObject(o, "origin_decision", v);
	else
		cJSON_AddNullToObject(o, "origin_decision");
	if (!cJSON_IsArray(arr)) {
		cJSON_Delete(arr);
		arr = cJSON_CreateArray();
	}
	cJSON_AddItemToObject(o, "decision_reasons", arr);
}

/* {"all": 87, "365d": 100}: whole percentages, null when unknown. */
static cJSON *json_dco(const struct store_component_row *c)
{
	static const char *const key[][2] = { { "all", "dco.share_all" },
					      { "365d", "dco.share_365" } };
	cJSON *o = cJSON_CreateObject();
	char pct[16];

	for (size_t i = 0; i < 2; i++) {
		if (share_pct(pct, c, key[i][1]))
			cJSON_AddNumberToObject(o, key[i][0],
						strtod(pct, NULL));
		else
			cJSON_AddNullToObject(o, key[i][0]);
	}
	return o;
}

static cJSON *json_component(const struct store_component_row *c)
{
	cJSON *o = cJSON_CreateObject();
	cJSON *facts = cJSON_CreateObject();
	const char *risk = report_fact(c, "risk.level");

	cJSON_AddStringToObject(o, "name", c->name);
	cJSON_AddStringToObject(o, "repository", c->repo);
	cJSON_AddStringToObject(o, "status", c->status);
	cJSON_AddStringToObject(o, "revision", c->revision);
	if (c->error[0] != '\0')
		cJSON_AddStringToObject(o, "error", c->error);
	else
		cJSON_AddNullToObject(o, "error");
	if (c->decision[0] != '\0')
		cJSON_AddStringToObject(o, "decision", c->decision);
	else
		cJSON_AddNullToObject(o, "decision");
	json_decision(o, c);
	cJSON_AddStringToObject(o, "risk_level", risk ? risk : "unknown");
	cJSON_AddItemToObject(o, "dco_share_percent", json_dco(c));
	cJSON_AddItemToObject(o, "declared", parsed_or_string(c->declared));
	cJSON_AddItemToObject(o, "categories", json_categories(c));
	cJSON_AddItemToObject(o, "checks", json_checks(c));
	cJSON_AddItemToObject(o, "findings", json_findings(c));
	for (size_t i = 0; i < c->fact_nr; i++)
		cJSON_AddStringToObject(facts, c->fact[i].key,
					c->fact[i].value);
	cJSON_AddItemToObject(o, "facts", facts);
	return o;
}

static cJSON *json_changes(const struct report_changes *ch)
{
	cJSON *arr = cJSON_CreateArray();

	for (size_t i = 0; ch && i < ch->nr; i++) {
		cJSON *o = cJSON_CreateObject();

		cJSON_AddStringToObject(o, "component",
					ch->change[i].component);
		cJSON_AddStringToObject(o, "kind", ch->change[i].kind);
		cJSON_AddStringToObject(o, "text", ch->change[i].text);
		cJSON_AddItemToArray(arr, o);
	}
	return arr;
}

static void add_nonempty(cJSON *o, const char *key, const char *v)
{
	if (v[0] != '\0')
		cJSON_AddStringToObject(o, key, v);
	else
		cJSON_AddNullToObject(o, key);
}

/* SBOM packages the run did not review: [{name, version, element, reason}] */
static cJSON *json_unreviewed(const struct store_run_report *r)
{
	cJSON *arr = cJSON_CreateArray();

	for (size_t i = 0; i < r->unrev_nr; i++) {
		const struct store_unreviewed_row *u = &r->unrev[i];
		cJSON *o = cJSON_CreateObject();

		cJSON_AddStringToObject(o, "name", u->name);
		add_nonempty(o, "version", u->version);
		add_nonempty(o, "element", u->element);
		cJSON_AddStringToObject(o, "reason", u->reason);
		cJSON_AddItemToArray(arr, o);
	}
	return arr;
}

static void run_json(FILE *fp, const struct store_run_report *r,
		     const struct report_changes *ch)
{
	cJSON *root = cJSON_CreateObject();
	cJSON *run = cJSON_CreateObject();
	cJSON *comps = cJSON_CreateArray();
	char t[32];

	cJSON_AddStringToObject(root, "schema", REPORT_SCHEMA);
	cJSON_AddNumberToObject(run, "id", (double)r->run_id);
	oh_time_format(t, sizeof(t), r->started_at);
	cJSON_AddStringToObject(run, "started_at", t);
	cJSON_AddStringToObject(run, "status", r->status);
	cJSON_AddStringToObject(run, "tool_version", r->tool_version);
	cJSON_AddStringToObject(run, "rules_version", r->rules_version);
	cJSON_AddItemToObject(root, "run", run);
	for (size_t i = 0; i < r->comp_nr; i++)
		cJSON_AddItemToArray(comps, json_component(&r->comp[i]));
	cJSON_AddItemToObject(root, "components", comps);
	cJSON_AddItemToObject(root, "unreviewed", json_unreviewed(r));
	if (ch)
		cJSON_AddItemToObject(root, "changes", json_changes(ch));
	else
		cJSON_AddNullToObject(root, "changes");
	report_print_json(fp, root);
}

/* ---- Markdown --------------------------------------------------------- */

static void md_ev_line(const char *line, void *payload)
{
	struct oh_buf *b = payload;

	oh_buf_adds(b, b->len > 0 ? "; " : "");
	oh_buf_adds(b, line);
}

/* A check's evidence in its table cell: " (evidence: a; b)". */
static void md_evidence(FILE *fp, const char *json)
{
	struct oh_buf b = OH_BUF_INIT;

	if (report_evidence_each(json, md_ev_line, &b) > 0) {
		fputs(" (evidence: ", fp);
		put(fp, report_esc_md, b.buf);
		fputc(')', fp);
	}
	oh_buf_release(&b);
}

static void md_component(FILE *fp, const struct store_component_row *c)
{
	char all[16], last[16];

	fputs("\n## ", fp);
	put(fp, report_esc_md, c->name);
	fputs("\n\n", fp);
	if (strcmp(c->status, "failed") == 0) {
		fputs("Could not be scanned: ", fp);
		put(fp, report_esc_md, c->error);
		fputs("\n", fp);
		return;
	}
	share_pct(all, c, "dco.share_all");
	share_pct(last, c, "dco.share_365");
	fprintf(fp,
		"Revision `%.40s`, risk level %s, DCO sign-off share %s of all commits (%s in the last 365 days).\n\n",
		c->revision,
		report_fact(c, "risk.level") ? report_fact(c, "risk.level")
					     : "unknown",
		all, last);
	if (c->decision[0] != '\0') {
		fprintf(fp,
			"Decision **%s** (origin policy alone: %s), because:\n\n",
			c->decision, origin_decision(c));
		report_reasons_write(fp, report_fact(c, "decision.reasons"),
				     REPORT_MARKDOWN);
		fputc('\n', fp);
	}
	fputs("| category | check | score | reason |\n|---|---|---|---|\n", fp);
	for (size_t i = 0; i < c->score_nr; i++) {
		const struct store_score_row *s = &c->score[i];

		fprintf(fp, "| %s | %s | ", s->category, s->check);
		if (strcmp(s->state, "scored") == 0)
			fprintf(fp, "%.1f", s->score);
		else
			fputs(s->state, fp);
		fputs(" | ", fp);
		put(fp, report_esc_md, s->reason);
		md_evidence(fp, s->evidence);
		fputs(" |\n", fp);
	}
	for (size_t i = 0; i < c->finding_nr; i++) {
		if (i == 0)
			fputs("\nFindings:\n\n", fp);
		fprintf(fp, "- **%s** `%s`: ", c->finding[i].severity,
			c->finding[i].code);
		put(fp, report_esc_md, c->finding[i].message);
		fputc('\n', fp);
	}
}

static void md_unreviewed(FILE *fp, const struct store_run_report *r)
{
	if (r->unrev_nr == 0)
		return;
	fprintf(fp,
		"\n## SBOM packages not reviewed (%zu)\n\n| package | version | element | reason |\n|---|---|---|---|\n",
		r->unrev_nr);
	for (size_t i = 0; i < r->unrev_nr; i++) {
		const struct store_unreviewed_row *u = &r->unrev[i];

		fputs("| ", fp);
		put(fp, report_esc_md, u->name);
		fputs(" | ", fp);
		put(fp, report_esc_md, u->version);
		fputs(" | ", fp);
		put(fp, report_esc_md, u->element);
		fputs(" | ", fp);
		put(fp, report_esc_md, u->reason);
		fputs(" |\n", fp);
	}
}

static void run_md(FILE *fp, const struct store_run_report *r,
		   const struct report_changes *ch)
{
	char t[32];

	oh_time_format(t, sizeof(t), r->started_at);
	fprintf(fp,
		"# osshealth review run %lld\n\nStarted %s, status %s, osshealth %s.\n\n",
		(long long)r->run_id, t, r->status, r->tool_version);
	fputs("| component | status | decision | risk | openness | maturity | security | activity | risk score | findings |\n",
	      fp);
	fputs("|---|---|---|---|---|---|---|---|---|---|\n", fp);
	for (size_t i = 0; i < r->comp_nr; i++) {
		const struct store_component_row *c = &r->comp[i];

		fputs("| ", fp);
		put(fp, report_esc_md, c->name);
		fprintf(fp, " | %s | %s | %s", c->status,
			c->decision[0] ? c->decision : "-",
			report_fact(c, "risk.level")
				? report_fact(c, "risk.level")
				: "-");
		for (size_t k = 0; k < CATS_NR; k++)
			fprintf(fp, " | %s", cat_score(c, cats[k]));
		fprintf(fp, " | %zu |\n", c->finding_nr);
	}
	md_unreviewed(fp, r);
	if (ch) {
		fputs("\n## Changes since the previous review\n\n", fp);
		if (ch->nr == 0)
			fputs("None.\n", fp);
		for (size_t i = 0; i < ch->nr; i++) {
			fputs("- ", fp);
			put(fp, report_esc_md, ch->change[i].component);
			fprintf(fp, " (%s): ", ch->change[i].kind);
			put(fp, report_esc_md, ch->change[i].text);
			fputc('\n', fp);
		}
	}
	for (size_t i = 0; i < r->comp_nr; i++)
		md_component(fp, &r->comp[i]);
}

/* ---- CSV -------------------------------------------------------------- */

/* The columns every row of a component repeats: its overall decision. */
static void csv_decision(FILE *fp, const struct store_component_row *c)
{
	struct oh_buf why = OH_BUF_INIT;
	char all[16], last[16];

	fprintf(fp, ",%s,%s,", c->decision[0] ? c->decision : "",
		strcmp(origin_decision(c), "none") != 0 ? origin_decision(c)
							: "");
	report_reasons_plain(&why, report_fact(c, "decision.reasons"), "; ");
	put(fp, report_esc_csv, why.buf);
	/* Percent signs dropped: a spreadsheet reads the bare number. */
	if (share_pct(all, c, "dco.share_all"))
		all[strlen(all) - 1] = '\0';
	else
		all[0] = '\0';
	if (share_pct(last, c, "dco.share_365"))
		last[strlen(last) - 1] = '\0';
	else
		last[0] = '\0';
	fprintf(fp, ",%s,%s", all, last);
	oh_buf_release(&why);
}

static void run_csv(FILE *fp, const struct store_run_report *r)
{
	fputs("run,component,status,category,check,state,score,reason,"
	      "decision,origin_decision,decision_reasons,"
	      "dco_share_all_percent,dco_share_365_percent\r\n",
	      fp);
	for (size_t i = 0; i < r->comp_nr; i++) {
		const struct store_component_row *c = &r->comp[i];

		for (size_t k = 0; k < c->score_nr || k == 0; k++) {
			const struct store_score_row *s =
				c->score_nr > 0 ? &c->score[k] : NULL;

			fprintf(fp, "%lld,", (long long)r->run_id);
			put(fp, report_esc_csv, c->name);
			fprintf(fp, ",%s,%s,%s,%s,", c->status,
				s ? s->category : "", s ? s->check : "",
				s ? s->state : "");
			if (s && strcmp(s->state, "scored") == 0)
				fprintf(fp, "%.1f", s->score);
			fputc(',', fp);
			put(fp, report_esc_csv, s ? s->reason : c->error);
			csv_decision(fp, c);
			fputs("\r\n", fp);
		}
	}
	for (size_t i = 0; i < r->unrev_nr; i++) {
		fprintf(fp, "%lld,", (long long)r->run_id);
		put(fp, report_esc_csv, r->unrev[i].name);
		fputs(",not-reviewed,,,,,", fp);
		put(fp, report_esc_csv, r->unrev[i].reason);
		fputs(",,,,,\r\n", fp);
	}
}

int report_run(FILE *fp, const struct store_run_report *run,
	       const struct report_changes *changes, enum report_format fmt,
	       struct oh_err *err)
{
	switch (fmt) {
	case REPORT_TEXT:
		run_text(fp, run, changes);
		break;
	case REPORT_JSON:
		run_json(fp, run, changes);
		break;
	case REPORT_MARKDOWN:
		run_md(fp, run, changes);
		break;
	case REPORT_CSV:
		run_csv(fp, run);
		break;
	case REPORT_HTML:
		return report_run_html(fp, run, changes, NULL, err);
	case REPORT_SARIF:
		return report_run_sarif(fp, run, NULL, err);
	case REPORT_JUNIT:
		return report_run_junit(fp, run, err);
	default:
		return oh_err_set(err, OH_EINPUT, NULL, 0, 0,
				  "format '%s' is not supported for reports",
				  report_format_name(fmt));
	}
	return report_check_stream(fp, "<output>", err);
}

int report_diff(FILE *fp, long long old_id, long long new_id,
		const struct report_changes *ch, enum report_format fmt,
		struct oh_err *err)
{
	cJSON *root;

	switch (fmt) {
	case REPORT_TEXT:
		fprintf(fp, "changes from run %lld to run %lld: %zu\n", old_id,
			new_id, ch->nr);
		for (size_t i = 0; i < ch->nr; i++) {
			put(fp, report_esc_text, ch->change[i].component);
			fprintf(fp, ": %s: ", ch->change[i].kind);
			put(fp, report_esc_text, ch->change[i].text);
			fputc('\n', fp);
		}
		break;
	case REPORT_JSON:
		root = cJSON_CreateObject();
		cJSON_AddStringToObject(root, "schema", REPORT_SCHEMA);
		cJSON_AddNumberToObject(root, "from_run", (double)old_id);
		cJSON_AddNumberToObject(root, "to_run", (double)new_id);
		cJSON_AddItemToObject(root, "changes", json_changes(ch));
		report_print_json(fp, root);
		break;
	case REPORT_MARKDOWN:
		fprintf(fp, "# Changes from run %lld to run %lld\n\n", old_id,
			new_id);
		for (size_t i = 0; i < ch->nr; i++) {
			fputs("- ", fp);
			put(fp, report_esc_md, ch->change[i].component);
			fprintf(fp, " (%s): ", ch->change[i].kind);
			put(fp, report_esc_md, ch->change[i].text);
			fputc('\n', fp);
		}
		break;
	default:
		return oh_err_set(err, OH_EINPUT, NULL, 0, 0,
				  "format '%s' is not supported for diff",
				  report_format_name(fmt));
	}
	return report_check_stream(fp, "<output>", err);
}
