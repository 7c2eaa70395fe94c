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
#include "report/junit.h"
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

/*
 * A failure body a person reads: the reason, each piece of evidence on
 * its own line (the store keeps them as a JSON array) and how to fix it.
 */
static void failure_body(struct oh_buf *out,
			 const struct store_component_row *c,
			 const struct store_score_row *s,
			 const struct store_finding_row *f)
{
	cJSON *ev = cJSON_Parse(f->evidence ? f->evidence : "[]");
	const cJSON *e;

	oh_buf_addf(out,
		    "component: %s\ncheck:     %s/%s (%s)\nreason:    %s\n",
		    c->name, s->category, s->check, f->severity, f->message);
	if (cJSON_IsArray(ev) && cJSON_GetArraySize(ev) > 0) {
		oh_buf_adds(out, "evidence:\n");
		cJSON_ArrayForEach(e, ev)
		{
			if (cJSON_IsString(e))
				oh_buf_addf(out, "  - %s\n", e->valuestring);
		}
	}
	oh_buf_addf(out, "fix:       %s\n",
		    report_sarif_doc_find(f->code)->help);
	cJSON_Delete(ev);
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
			failure_body(&body, c, s, f);
		report_junit_case(j, tmp, cls.buf, s->check,
				  f ? f->severity : NULL, f ? f->message : NULL,
				  body.buf);
	} else {
		xmlTextWriterStartElement(j->w, BAD_CAST "testcase");
		xmlTextWriterWriteAttribute(j->w, BAD_CAST "classname",
					    report_junit_text(tmp, cls.buf));
		xmlTextWriterWriteAttribute(j->w, BAD_CAST "name",
					    report_junit_text(tmp, s->check));
		xmlTextWriterStartElement(j->w, BAD_CAST "skipped");
		xmlTextWriterWriteAttribute(j->w, BAD_CAST "message",
					    report_junit_text(tmp, s->reason));
		xmlTextWriterEndElement(j->w);
		xmlTextWriterEndElement(j->w);
	}
	oh_buf_release(&cls);
	oh_buf_release(&body);
}

/* A component that could not be scanned: one case "scan" in error. */
static void junit_scan_error(struct report_junit *j, struct oh_buf *tmp,
			     const struct store_component_row *c)
{
	xmlTextWriterStartElement(j->w, BAD_CAST "testcase");
	xmlTextWriterWriteAttribute(j->w, BAD_CAST "classname",
				    report_junit_text(tmp, c->name));
	xmlTextWriterWriteAttribute(j->w, BAD_CAST "name", BAD_CAST "scan");
	xmlTextWriterStartElement(j->w, BAD_CAST "error");
	xmlTextWriterWriteAttribute(j->w, BAD_CAST "message",
				    report_junit_text(tmp, c->error));
	xmlTextWriterWriteString(
		j->w,
		BAD_CAST "the component could not be scanned; fix the "
			 "repository location or access and scan again\n");
	xmlTextWriterEndElement(j->w);
	xmlTextWriterEndElement(j->w);
}

static void junit_suite(struct report_junit *j, struct oh_buf *tmp,
			const struct store_component_row *c)
{
	size_t failures = 0, skipped = 0;
	bool failed = strcmp(c->status, "failed") == 0;

	for (size_t i = 0; i < c->score_nr; i++) {
		if (finding_for(c, c->score[i].category, c->score[i].check))
			failures++;
		else if (strcmp(c->score[i].state, "scored") != 0)
			skipped++;
	}
	report_junit_suite(j, tmp, c->name, c->score_nr + (failed ? 1 : 0),
			   failures, failed ? 1 : 0, skipped);
	if (failed)
		junit_scan_error(j, tmp, c);
	for (size_t i = 0; i < c->score_nr; i++)
		junit_case(j, tmp, c, &c->score[i]);
	xmlTextWriterEndElement(j->w);
}

int report_run_junit(FILE *fp, const struct store_run_report *r,
		     struct oh_err *err)
{
	struct report_junit j;
	struct oh_buf tmp = OH_BUF_INIT;

	report_junit_begin(&j, "osshealth");
	for (size_t i = 0; i < r->comp_nr; i++)
		junit_suite(&j, &tmp, &r->comp[i]);
	report_junit_end(&j, fp);
	oh_buf_release(&tmp);
	return report_check_stream(fp, "<output>", err);
}
