/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Review runs for CI dashboards: SARIF 2.1.0 (one result per finding,
 * with rule metadata, so forges show them as code-scanning alerts) and
 * JUnit XML (one test case per component and check).
 *
 * SARIF goes through the shared writer (sarif.h); JUnit with libxml2's text writer, after
 * replacing the control characters XML 1.0 cannot carry.
 */
#include "report/report.h"

#include <string.h>

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

static const xmlChar *xml_safe(struct oh_buf *b, const char *s)
{
	return report_junit_text(b, s);
}

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

static void junit_case(xmlTextWriterPtr w, struct oh_buf *tmp,
		       const struct store_component_row *c,
		       const struct store_score_row *s)
{
	const struct store_finding_row *f =
		finding_for(c, s->category, s->check);
	char cls[256];

	snprintf(cls, sizeof(cls), "%s.%s", c->name, s->category);
	xmlTextWriterStartElement(w, BAD_CAST "testcase");
	xmlTextWriterWriteAttribute(w, BAD_CAST "classname",
				    xml_safe(tmp, cls));
	xmlTextWriterWriteAttribute(w, BAD_CAST "name",
				    xml_safe(tmp, s->check));
	if (f) {
		xmlTextWriterStartElement(w, BAD_CAST "failure");
		xmlTextWriterWriteAttribute(w, BAD_CAST "message",
					    xml_safe(tmp, f->message));
		xmlTextWriterWriteAttribute(w, BAD_CAST "type",
					    xml_safe(tmp, f->severity));
		xmlTextWriterWriteString(w, xml_safe(tmp, f->evidence));
		xmlTextWriterEndElement(w);
	} else if (strcmp(s->state, "scored") != 0) {
		xmlTextWriterStartElement(w, BAD_CAST "skipped");
		xmlTextWriterWriteAttribute(w, BAD_CAST "message",
					    xml_safe(tmp, s->reason));
		xmlTextWriterEndElement(w);
	}
	xmlTextWriterEndElement(w);
}

static void junit_suite(xmlTextWriterPtr w, struct oh_buf *tmp,
			const struct store_component_row *c)
{
	size_t failures = 0, skipped = 0;
	char n[32];

	for (size_t i = 0; i < c->score_nr; i++) {
		if (finding_for(c, c->score[i].category, c->score[i].check))
			failures++;
		else if (strcmp(c->score[i].state, "scored") != 0)
			skipped++;
	}
	if (strcmp(c->status, "failed") == 0)
		failures++;
	xmlTextWriterStartElement(w, BAD_CAST "testsuite");
	xmlTextWriterWriteAttribute(w, BAD_CAST "name", xml_safe(tmp, c->name));
	snprintf(n, sizeof(n), "%zu", c->score_nr > 0 ? c->score_nr : 1);
	xmlTextWriterWriteAttribute(w, BAD_CAST "tests", BAD_CAST n);
	snprintf(n, sizeof(n), "%zu", failures);
	xmlTextWriterWriteAttribute(w, BAD_CAST "failures", BAD_CAST n);
	snprintf(n, sizeof(n), "%zu", skipped);
	xmlTextWriterWriteAttribute(w, BAD_CAST "skipped", BAD_CAST n);
	if (strcmp(c->status, "failed") == 0) {
		xmlTextWriterStartElement(w, BAD_CAST "testcase");
		xmlTextWriterWriteAttribute(w, BAD_CAST "name",
					    BAD_CAST "scan");
		xmlTextWriterStartElement(w, BAD_CAST "error");
		xmlTextWriterWriteAttribute(w, BAD_CAST "message",
					    xml_safe(tmp, c->error));
		xmlTextWriterEndElement(w);
		xmlTextWriterEndElement(w);
	}
	for (size_t i = 0; i < c->score_nr; i++)
		junit_case(w, tmp, c, &c->score[i]);
	xmlTextWriterEndElement(w);
}

int report_run_junit(FILE *fp, const struct store_run_report *r,
		     struct oh_err *err)
{
	struct report_junit j;
	struct oh_buf tmp = OH_BUF_INIT;

	report_junit_begin(&j, "osshealth");
	for (size_t i = 0; i < r->comp_nr; i++)
		junit_suite(j.w, &tmp, &r->comp[i]);
	report_junit_end(&j, fp);
	oh_buf_release(&tmp);
	return report_check_stream(fp, "<output>", err);
}
