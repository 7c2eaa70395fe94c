/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Review runs for CI dashboards: SARIF 2.1.0 (one result per finding,
 * with rule metadata, so forges show them as code-scanning alerts) and
 * JUnit XML (one test case per component and check).
 *
 * SARIF goes through the shared writer (sarif.h), JUnit through the
 * shared libxml2 frame (junit.h); failure bodies give the reason, the
 * evidence and the fix.
 */
#include "report/report.h"

#include <stdbool.h>
#include <string.h>

#include <cjson/cJSON.h>
#include <libxml/xmlwriter.h>

#include "core/buf.h"
#include "core/err.h"
#include "core/xalloc.h"
#include "report/escape.h"
#include "report/evidence.h"
#include "report/junit.h"
#include "report/reasons.h"
#include "report/sarif.h"
#include "store/store_scan.h"
#include "core/banned.h"

static const char *sarif_level(const char *severity)
{
	if (strcmp(severity, "critical") == 0 || strcmp(severity, "high") == 0)
		return "error";
	if (strcmp(severity, "medium") == 0)
		return "warning";
	return "note";
}

/*
 * runs[0].properties.components: each component's overall decision, the
 * origin policy's alone and the reasons (the stored array), so that the
 * SARIF of a review says what its results add up to.
 */
static cJSON *sarif_decisions(const struct store_run_report *r)
{
	cJSON *arr = cJSON_CreateArray();

	for (size_t i = 0; i < r->comp_nr; i++) {
		const struct store_component_row *c = &r->comp[i];
		const char *origin = report_fact(c, "policy.decision");
		const char *reasons = report_fact(c, "decision.reasons");
		cJSON *o = cJSON_CreateObject();
		cJSON *why = reasons ? cJSON_Parse(reasons) : NULL;

		cJSON_AddStringToObject(o, "name", c->name);
		if (c->decision[0] != '\0')
			cJSON_AddStringToObject(o, "decision", c->decision);
		else
			cJSON_AddNullToObject(o, "decision");
		if (origin)
			cJSON_AddStringToObject(o, "origin_decision", origin);
		else
			cJSON_AddNullToObject(o, "origin_decision");
		if (!cJSON_IsArray(why)) {
			cJSON_Delete(why);
			why = cJSON_CreateArray();
		}
		cJSON_AddItemToObject(o, "decision_reasons", why);
		cJSON_AddItemToArray(arr, o);
	}
	return arr;
}

int report_run_sarif(FILE *fp, const struct store_run_report *r,
		     const char *anchor, struct oh_err *err)
{
	struct report_sarif s;
	struct oh_buf text = OH_BUF_INIT;

	report_sarif_begin(&s, "report");
	for (size_t i = 0; i < r->comp_nr; i++) {
		const struct store_component_row *c = &r->comp[i];

		for (size_t k = 0; k < c->finding_nr; k++) {
			const struct store_finding_row *f = &c->finding[k];

			oh_buf_reset(&text);
			oh_buf_addf(&text, "%s: %s", c->name, f->message);
			report_sarif_add(
				&s, &(struct report_sarif_result){
					    .rule = f->code,
					    .level = sarif_level(f->severity),
					    .message = text.buf,
					    .path = anchor ? anchor
							   : "osshealth.db",
					    .logical = c->name,
					    .logical_kind = "module",
					    .identity = c->name,
				    });
		}
	}
	report_sarif_run_property(&s, "components", sarif_decisions(r));
	oh_buf_release(&text);
	return report_sarif_end(&s, fp, err);
}

/* ---- JUnit ------------------------------------------------------------ */

static const struct store_finding_row *
finding_for(const struct store_component_row *c, const char *category,
	    const char *check)
{
	char code[160];

	snprintf(code, sizeof(code), "%s/%s", category, check);
	for (size_t i = 0; i < c->finding_nr; i++)
		if (strcmp(c->finding[i].code, code) == 0)
			return &c->finding[i];
	return NULL;
}

static void body_ev_line(const char *line, void *payload)
{
	oh_buf_addf(payload, "  - %s\n", line);
}

/*
 * A failure body a person reads: the reason, each piece of evidence on
 * its own line (report_evidence_each()) and how to fix it.
 */
static void failure_body(struct oh_buf *out,
			 const struct store_component_row *c,
			 const struct store_finding_row *f)
{
	oh_buf_addf(out, "component: %s\ncheck:     %s (%s)\nreason:    %s\n",
		    c->name, f->code, f->severity, f->message);
	if (f->evidence && f->evidence[0] != '\0' &&
	    strcmp(f->evidence, "[]") != 0) {
		oh_buf_adds(out, "evidence:\n");
		report_evidence_each(f->evidence, body_ev_line, out);
	}
	oh_buf_addf(out, "fix:       %s\n",
		    report_sarif_doc_find(f->code)->help);
}

static void junit_case(struct report_junit *j, struct oh_buf *tmp,
		       const struct store_component_row *c,
		       const struct store_score_row *s)
{
	const struct store_finding_row *f =
		finding_for(c, s->category, s->check);
	struct oh_buf cls = OH_BUF_INIT;
	struct oh_buf body = OH_BUF_INIT;

	oh_buf_addf(&cls, "%s.%s", c->name, s->category);
	if (f || strcmp(s->state, "scored") == 0) {
		if (f)
			failure_body(&body, c, f);
		report_junit_case(j, tmp, cls.buf, s->check,
				  f ? f->severity : NULL, f ? f->message : NULL,
				  body.buf);
	} else {
		report_junit_skipped(j, tmp, cls.buf, s->check, s->reason);
	}
	oh_buf_release(&cls);
	oh_buf_release(&body);
}

/*
 * The overall decision as a test case: it passes on ACCEPT and fails on
 * EVALUATE or AVOID with every reason (origin, license, health, waivers)
 * in the body.
 */
static void junit_decision(struct report_junit *j, struct oh_buf *tmp,
			   const struct store_component_row *c)
{
	const char *origin = report_fact(c, "policy.decision");
	struct oh_buf cls = OH_BUF_INIT;
	struct oh_buf body = OH_BUF_INIT;
	struct oh_buf msg = OH_BUF_INIT;

	oh_buf_addf(&cls, "%s.decision", c->name);
	oh_buf_addf(&body,
		    "component:       %s\ndecision:        %s\n"
		    "origin decision: %s\nreasons:\n  - ",
		    c->name, c->decision, origin ? origin : "none");
	report_reasons_plain(&body, report_fact(c, "decision.reasons"),
			     "\n  - ");
	oh_buf_adds(&body, "\nfix:             answer the questions above, "
			   "replace the component, or record a reviewed "
			   "waiver (scan --waivers FILE, docs/policy.md)\n");
	oh_buf_addf(&msg, "overall decision %s (origin policy alone: %s)",
		    c->decision, origin ? origin : "none");
	report_junit_case(j, tmp, cls.buf, "overall-decision", c->decision,
			  strcmp(c->decision, "ACCEPT") != 0 ? msg.buf : NULL,
			  body.buf);
	oh_buf_release(&cls);
	oh_buf_release(&body);
	oh_buf_release(&msg);
}

/* A finding that belongs to no check (a vulnerability, a license
 * change): its own failing case; decision reasons are in the decision
 * case. */
static bool finding_alone(const struct store_component_row *c,
			  const struct store_finding_row *f)
{
	if (strncmp(f->code, "decision/", 9) == 0)
		return false;
	for (size_t i = 0; i < c->score_nr; i++)
		if (finding_for(c, c->score[i].category, c->score[i].check) ==
		    f)
			return false;
	return true;
}

static void junit_findings(struct report_junit *j, struct oh_buf *tmp,
			   const struct store_component_row *c)
{
	struct oh_buf cls = OH_BUF_INIT;
	struct oh_buf name = OH_BUF_INIT;
	struct oh_buf body = OH_BUF_INIT;

	oh_buf_addf(&cls, "%s.findings", c->name);
	for (size_t i = 0; i < c->finding_nr; i++) {
		const struct store_finding_row *f = &c->finding[i];

		if (!finding_alone(c, f))
			continue;
		oh_buf_reset(&name);
		oh_buf_reset(&body);
		oh_buf_addf(&name, "%s #%zu", f->code, i + 1);
		failure_body(&body, c, f);
		report_junit_case(j, tmp, cls.buf, name.buf, f->severity,
				  f->message, body.buf);
	}
	oh_buf_release(&cls);
	oh_buf_release(&name);
	oh_buf_release(&body);
}

static void junit_suite(struct report_junit *j, struct oh_buf *tmp,
			const struct store_component_row *c)
{
	size_t failures = 0, skipped = 0, alone = 0;
	bool failed = strcmp(c->status, "failed") == 0;
	bool decided = !failed && c->decision[0] != '\0';
	const char *risk = report_fact(c, "risk.level");
	const char *origin = report_fact(c, "policy.decision");
	const char *const props[] = {
		"decision",
		c->decision[0] ? c->decision : "none",
		"origin_decision",
		origin ? origin : "none",
		"risk_level",
		risk ? risk : "unknown",
		"revision",
		c->revision,
		NULL,
	};

	for (size_t i = 0; i < c->score_nr; i++) {
		if (finding_for(c, c->score[i].category, c->score[i].check))
			failures++;
		else if (strcmp(c->score[i].state, "scored") != 0)
			skipped++;
	}
	for (size_t i = 0; i < c->finding_nr; i++)
		alone += finding_alone(c, &c->finding[i]);
	failures += alone;
	if (decided && strcmp(c->decision, "ACCEPT") != 0)
		failures++;
	report_junit_suite(j, tmp, c->name,
			   c->score_nr + alone + (failed || decided ? 1 : 0),
			   failures, failed ? 1 : 0, skipped, props);
	if (failed)
		report_junit_error(
			j, tmp, c->name, "scan", "scan-failed", c->error,
			"the component could not be scanned; fix the "
			"repository location or access and scan "
			"again\n");
	if (decided)
		junit_decision(j, tmp, c);
	for (size_t i = 0; i < c->score_nr; i++)
		junit_case(j, tmp, c, &c->score[i]);
	junit_findings(j, tmp, c);
	report_junit_suite_end(j, tmp, NULL);
}

int report_run_junit(FILE *fp, const struct store_run_report *r,
		     struct oh_err *err)
{
	struct report_junit j;
	struct oh_buf tmp = OH_BUF_INIT;

	report_junit_begin(&j, "osshealth.report", r->started_at);
	for (size_t i = 0; i < r->comp_nr; i++)
		junit_suite(&j, &tmp, &r->comp[i]);
	report_junit_end(&j, fp);
	oh_buf_release(&tmp);
	return report_check_stream(fp, "<output>", err);
}
