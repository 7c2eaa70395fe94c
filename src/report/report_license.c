/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * `osshealth license` output in text, JSON, SARIF, JUnit and SPDX
 * tag-value.  See report_license.h.
 */
#include "report/report_license.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>
#include <libxml/xmlwriter.h>

#include "core/buf.h"
#include "core/err.h"
#include "core/timeutil.h"
#include "core/xalloc.h"
#include "license/policy_gate.h"
#include "license/scan.h"
#include "license/summary.h"
#include "report/escape.h"
#include "report/junit.h"
#include "report/report.h"
#include "report/report_int.h"
#include "report/sarif.h"
#include "core/banned.h"

int report_lic_format_parse(enum report_lic_format *out, const char *name)
{
	static const struct {
		const char *name;
		enum report_lic_format f;
	} f[] = {
		{ "text", REPORT_LIC_TEXT },
		{ "json", REPORT_LIC_JSON },
		{ "sarif", REPORT_LIC_SARIF },
		{ "junit", REPORT_LIC_JUNIT },
		{ "spdx-tv", REPORT_LIC_SPDX_TV },
		{ "codequality", REPORT_LIC_CODEQUALITY },
	};

	for (size_t i = 0; i < sizeof(f) / sizeof(f[0]); i++) {
		if (strcmp(name, f[i].name) == 0) {
			*out = f[i].f;
			return 0;
		}
	}
	return OH_EINPUT;
}

/* ---- text ---- */

/* Escaped copy for the terminal; valid until the next call with b. */
static const char *t(struct oh_buf *b, const char *s)
{
	oh_buf_reset(b);
	report_esc_text(b, s ? s : "-");
	return b->buf;
}

static void text_head(FILE *fp, const struct report_lic *r, struct oh_buf *b)
{
	const struct lic_summary *s = r->sum;

	fprintf(fp, "repository: %s", t(b, r->input));
	if (r->scan->git)
		fprintf(fp, " (commit %.12s)", r->scan->commit_id);
	fputc('\n', fp);
	fprintf(fp, "declared:   %s", t(b, s->declared ? s->declared : "none"));
	if (s->declared_from)
		fprintf(fp, " (%s)", t(b, s->declared_from));
	fprintf(fp, "\ndetected:   %s",
		t(b, s->detected ? s->detected : "none"));
	if (s->detected_from)
		fprintf(fp, " (%s)", t(b, s->detected_from));
	fprintf(fp, "\nagree:      %s\n",
		s->declared && s->detected ? (s->agree ? "yes" : "no") : "n/a");
	fprintf(fp, "concluded:  %s (%s)\n", t(b, s->concluded),
		s->concluded_basis);
	fprintf(fp, "OSI:        %s", lic_sum_osi_name(s->osi));
	if (s->osi == LIC_SUM_OSI_NO && s->osi_class)
		fprintf(fp, " (%s)", s->osi_class);
	fputc('\n', fp);
	fprintf(fp, "REUSE:      %s\n",
		s->reuse ? r->scan->reuse.source : "no metadata");
}

static void text_summary(FILE *fp, const struct report_lic *r, struct oh_buf *b)
{
	const struct lic_summary *s = r->sum;

	fprintf(fp,
		"files:      %zu (%zu need a license: %zu tagged, %zu covered by REUSE, %zu without)\n",
		s->files, s->checked, s->tagged, s->reuse_covered,
		s->unlicensed);
	if (s->also_nr > 0)
		fputs("\nalso present (not the project license):\n", fp);
	for (size_t i = 0; i < s->also_nr; i++) {
		fprintf(fp, "  %-40s ", t(b, s->also[i].expr));
		fprintf(fp, "%s\n", t(b, s->also[i].where));
	}
	if (s->text_nr > 0)
		fputs("\nlicense texts:\n", fp);
	for (size_t i = 0; i < s->text_nr; i++) {
		fprintf(fp, "  %-32s ", t(b, s->text[i].path));
		fprintf(fp, "%-24s ",
			t(b, s->text[i].expr ? s->text[i].expr : "-"));
		fprintf(fp, "%s\n", t(b, s->text[i].desc));
	}
	if (s->finding_nr > 0)
		fputs("\nfindings:\n", fp);
	for (size_t i = 0; i < s->finding_nr; i++) {
		const struct lic_sum_finding *f = &s->finding[i];

		fprintf(fp, "  %-6s %s: ", lic_severity_name(f->sev), f->code);
		if (f->path)
			fprintf(fp, "%s%s", t(b, f->path),
				f->line ? ":" : ": ");
		if (f->path && f->line)
			fprintf(fp, "%u: ", f->line);
		fprintf(fp, "%s\n", t(b, f->message));
	}
}

static void text_files(FILE *fp, const struct report_lic *r, struct oh_buf *b)
{
	const struct lic_scan *sc = r->scan;

	fputs("\nfiles:\n", fp);
	for (size_t i = 0; i < sc->file_nr; i++) {
		const struct lic_scan_file *f = &sc->file[i];
		const char *what = (f->flags & LIC_SF_EXEMPT) ? "exempt"
				   : f->tag                   ? "tag"
				   : f->reuse                 ? "reuse"
							      : "none";

		fprintf(fp, "  %-40s ", t(b, f->path));
		fprintf(fp, "%-24s %s", t(b, f->license ? f->license : "-"),
			what);
		if (f->tag)
			fprintf(fp, " line %u", f->tag_line);
		if (f->reuse && !f->tag)
			fprintf(fp, " %s", t(b, f->reuse_at));
		if (f->flags & LIC_SF_BINARY)
			fputs(" [binary]", fp);
		if (f->flags & LIC_SF_LARGE)
			fputs(" [not read: large]", fp);
		fputc('\n', fp);
	}
}

static void text_gate(FILE *fp, const struct report_lic *r, struct oh_buf *b)
{
	const struct lic_gate *g = r->gate;

	fprintf(fp, "\ngate: %zu file%s %s\n", g->item_nr,
		g->item_nr == 1 ? "" : "s",
		r->base ? "added or modified" : "in the tree");
	if (r->base)
		fprintf(fp, "base: %s\n", t(b, r->base));
	fprintf(fp, "policy: %s\n", t(b, r->policy));
	for (size_t i = 0; i < g->item_nr; i++) {
		const struct lic_gate_item *it = &g->item[i];

		if (it->status == LIC_GATE_OK || it->status == LIC_GATE_EXEMPT)
			continue;
		fprintf(fp, "FAIL %s: ", t(b, it->path));
		fprintf(fp, "%s\n", t(b, it->problem));
		fprintf(fp, "     fix: %s\n", t(b, it->fix));
	}
	fprintf(fp, "gate: %s: %zu of %zu file%s failed\n",
		g->failed ? "FAILED" : "passed", g->failed, g->item_nr,
		g->item_nr == 1 ? "" : "s");
}

static void render_text(FILE *fp, const struct report_lic *r)
{
	struct oh_buf b = OH_BUF_INIT;

	text_head(fp, r, &b);
	if (r->gate) {
		text_gate(fp, r, &b);
	} else {
		text_summary(fp, r, &b);
		text_files(fp, r, &b);
	}
	oh_buf_release(&b);
}

/* ---- JSON ---- */

static cJSON *json_summary(const struct report_lic *r)
{
	const struct lic_summary *s = r->sum;
	cJSON *o = cJSON_CreateObject();
	cJSON *c = cJSON_CreateObject();
	cJSON *arr = cJSON_CreateArray();

	report_json_str(o, "declared", s->declared);
	report_json_str(o, "declared_from", s->declared_from);
	report_json_str(o, "detected", s->detected);
	report_json_str(o, "detected_from", s->detected_from);
	if (s->declared && s->detected)
		cJSON_AddBoolToObject(o, "agree", s->agree);
	else
		cJSON_AddNullToObject(o, "agree");
	report_json_str(o, "concluded", s->concluded);
	report_json_str(o, "basis", s->concluded_basis);
	report_json_str(o, "osi", lic_sum_osi_name(s->osi));
	report_json_str(o, "osi_class", s->osi_class);
	report_json_str(o, "reuse", s->reuse ? r->scan->reuse.source : NULL);
	cJSON_AddNumberToObject(c, "files", (double)s->files);
	cJSON_AddNumberToObject(c, "need_license", (double)s->checked);
	cJSON_AddNumberToObject(c, "tagged", (double)s->tagged);
	cJSON_AddNumberToObject(c, "reuse_covered", (double)s->reuse_covered);
	cJSON_AddNumberToObject(c, "unlicensed", (double)s->unlicensed);
	cJSON_AddItemToObject(o, "counts", c);
	for (size_t i = 0; i < s->text_nr; i++) {
		cJSON *x = cJSON_CreateObject();

		report_json_str(x, "path", s->text[i].path);
		report_json_str(x, "license", s->text[i].expr);
		report_json_str(x, "match", s->text[i].desc);
		cJSON_AddItemToArray(arr, x);
	}
	cJSON_AddItemToObject(o, "license_texts", arr);
	arr = cJSON_CreateArray();
	for (size_t i = 0; i < s->also_nr; i++) {
		cJSON *x = cJSON_CreateObject();

		report_json_str(x, "license", s->also[i].expr);
		report_json_str(x, "where", s->also[i].where);
		cJSON_AddItemToArray(arr, x);
	}
	cJSON_AddItemToObject(o, "also_present", arr);
	arr = cJSON_CreateArray();
	for (size_t i = 0; i < s->finding_nr; i++) {
		cJSON *x = cJSON_CreateObject();

		report_json_str(x, "code", s->finding[i].code);
		report_json_str(x, "severity",
				lic_severity_name(s->finding[i].sev));
		report_json_str(x, "message", s->finding[i].message);
		report_json_str(x, "path", s->finding[i].path);
		cJSON_AddNumberToObject(x, "line", s->finding[i].line);
		cJSON_AddItemToArray(arr, x);
	}
	cJSON_AddItemToObject(o, "findings", arr);
	return o;
}

static cJSON *json_files(const struct lic_scan *sc)
{
	cJSON *arr = cJSON_CreateArray();

	for (size_t i = 0; i < sc->file_nr; i++) {
		const struct lic_scan_file *f = &sc->file[i];
		cJSON *x = cJSON_CreateObject();

		report_json_str(x, "path", f->path);
		report_json_str(x, "license", f->license);
		report_json_str(x, "tag", f->tag);
		cJSON_AddNumberToObject(x, "tag_line", f->tag_line);
		report_json_str(x, "reuse", f->reuse);
		report_json_str(x, "reuse_at", f->reuse_at);
		cJSON_AddBoolToObject(x, "exempt",
				      (f->flags & LIC_SF_EXEMPT) != 0);
		cJSON_AddBoolToObject(x, "binary",
				      (f->flags & LIC_SF_BINARY) != 0);
		cJSON_AddBoolToObject(x, "license_text",
				      (f->flags & LIC_SF_TEXT) != 0);
		cJSON_AddItemToArray(arr, x);
	}
	return arr;
}

static cJSON *json_gate(const struct report_lic *r)
{
	const struct lic_gate *g = r->gate;
	cJSON *o = cJSON_CreateObject();
	cJSON *arr = cJSON_CreateArray();

	report_json_str(o, "base", r->base);
	report_json_str(o, "policy", r->policy);
	cJSON_AddBoolToObject(o, "passed", g->failed == 0);
	cJSON_AddNumberToObject(o, "checked", (double)g->item_nr);
	cJSON_AddNumberToObject(o, "failed", (double)g->failed);
	for (size_t i = 0; i < g->item_nr; i++) {
		const struct lic_gate_item *it = &g->item[i];
		cJSON *x = cJSON_CreateObject();

		report_json_str(x, "path", it->path);
		report_json_str(x, "status", lic_gate_status_name(it->status));
		report_json_str(x, "license", it->license);
		report_json_str(x, "source", it->source);
		report_json_str(x, "problem", it->problem);
		report_json_str(x, "fix", it->fix);
		cJSON_AddItemToArray(arr, x);
	}
	cJSON_AddItemToObject(o, "files", arr);
	return o;
}

static void render_json(FILE *fp, const struct report_lic *r)
{
	cJSON *root = cJSON_CreateObject();

	report_json_str(root, "input", r->input);
	report_json_str(root, "commit",
			r->scan->git ? r->scan->commit_id : NULL);
	cJSON_AddItemToObject(root, "summary", json_summary(r));
	if (r->gate)
		cJSON_AddItemToObject(root, "gate", json_gate(r));
	else
		cJSON_AddItemToObject(root, "files", json_files(r->scan));
	report_print_json(fp, root);
}

/* ---- SARIF ---- */

/*
 * The file a repository-level finding concerns: the first license file
 * it was detected from, else the first metadata file it was declared in
 * ("package.json:3" gives the line), else LICENSE, the file to add.
 */
static const char *summary_file(struct oh_buf *b, const struct lic_summary *s,
				unsigned long *line)
{
	const char *from =
		s->detected_from ? s->detected_from : s->declared_from;
	size_t n;
	const char *colon;

	oh_buf_reset(b);
	*line = 0;
	if (!from)
		return "LICENSE";
	n = strcspn(from, ",");
	oh_buf_add(b, from, n);
	colon = strrchr(b->buf, ':');
	if (colon && colon[1] >= '0' && colon[1] <= '9') {
		*line = strtoul(colon + 1, NULL, 10);
		oh_buf_setlen(b, (size_t)(colon - b->buf));
	}
	return b->buf;
}

static void sarif_gate(struct report_sarif *s, const struct lic_gate *g)
{
	struct oh_buf rule = OH_BUF_INIT;
	struct oh_buf msg = OH_BUF_INIT;

	for (size_t i = 0; i < g->item_nr; i++) {
		const struct lic_gate_item *it = &g->item[i];

		if (!it->problem)
			continue;
		oh_buf_reset(&rule);
		oh_buf_addf(&rule, "license-gate/%s",
			    lic_gate_status_name(it->status));
		oh_buf_reset(&msg);
		oh_buf_addf(&msg, "%s; fix: %s", it->problem,
			    it->fix ? it->fix : "see the rule's help");
		/* A file-level finding: the tag belongs at the top. */
		report_sarif_add(s, &(struct report_sarif_result){
					    .rule = rule.buf,
					    .level = "error",
					    .message = msg.buf,
					    .path = it->path,
					    .line = 1,
				    });
	}
	oh_buf_release(&rule);
	oh_buf_release(&msg);
}

static int render_sarif(FILE *fp, const struct report_lic *r, bool codequality,
			struct oh_err *err)
{
	struct report_sarif s;
	struct oh_buf where = OH_BUF_INIT;

	report_sarif_begin(&s, r->gate ? "license-gate" : "license");
	if (r->gate)
		sarif_gate(&s, r->gate);
	for (size_t i = 0; !r->gate && i < r->sum->finding_nr; i++) {
		const struct lic_sum_finding *f = &r->sum->finding[i];
		unsigned long line = f->line;
		const char *path =
			f->path ? f->path : summary_file(&where, r->sum, &line);

		report_sarif_add(&s, &(struct report_sarif_result){
					     .rule = f->code,
					     .level = f->sev >= LIC_SEV_HIGH
							      ? "error"
						      : f->sev >= LIC_SEV_MEDIUM
							      ? "warning"
							      : "note",
					     .message = f->message,
					     .path = path,
					     .line = line > 0 ? line : 1,
					     /* Not the line: it moves. */
					     .identity = f->message,
				     });
	}
	oh_buf_release(&where);
	return codequality ? report_sarif_end_codequality(&s, fp, err)
			   : report_sarif_end(&s, fp, err);
}

/* ---- JUnit ---- */

static void junit_gate(struct report_junit *j, struct oh_buf *b,
		       const struct lic_gate *g)
{
	struct oh_buf body = OH_BUF_INIT;

	for (size_t i = 0; i < g->item_nr; i++) {
		const struct lic_gate_item *it = &g->item[i];

		oh_buf_reset(&body);
		if (it->problem)
			oh_buf_addf(
				&body,
				"file:    %s\nlicense: %s\nproblem: %s\nfix:     %s\n",
				it->path, it->license ? it->license : "none",
				it->problem, it->fix ? it->fix : "-");
		report_junit_case(j, b, "license", it->path,
				  lic_gate_status_name(it->status), it->problem,
				  body.buf);
	}
	oh_buf_release(&body);
}

static void junit_summary(struct report_junit *j, struct oh_buf *b,
			  const struct lic_summary *s)
{
	struct oh_buf body = OH_BUF_INIT;
	bool osi = s->osi == LIC_SUM_OSI_YES;
	bool disagree = s->declared && s->detected && !s->agree;

	if (!osi)
		oh_buf_addf(
			&body,
			"concluded license: %s (basis: %s)\nOSI-approved: %s\nfix: %s\n",
			s->concluded ? s->concluded : "none",
			s->concluded_basis, lic_sum_osi_name(s->osi),
			report_sarif_doc_find(
				s->concluded && strcmp(s->concluded, "NONE") !=
							0
					? "license-non-osi"
					: "license-missing")
				->help);
	report_junit_case(j, b, "license", "osi-approved", "license-non-osi",
			  osi ? NULL : "license is not OSI-approved", body.buf);
	oh_buf_reset(&body);
	if (disagree)
		oh_buf_addf(
			&body,
			"declared: %s (%s)\ndetected: %s (%s)\nfix: %s\n",
			s->declared, s->declared_from ? s->declared_from : "-",
			s->detected, s->detected_from ? s->detected_from : "-",
			report_sarif_doc_find("license-declared-conflict")
				->help);
	report_junit_case(j, b, "license", "declared-detected-agree",
			  "license-declared-conflict",
			  disagree ? "declared and detected licenses disagree"
				   : NULL,
			  body.buf);
	oh_buf_release(&body);
}

static void render_junit(FILE *fp, const struct report_lic *r)
{
	struct report_junit j;
	struct oh_buf b = OH_BUF_INIT;
	const struct lic_summary *s = r->sum;

	report_junit_begin(&j, "osshealth.license", 0);
	if (r->gate) {
		report_junit_suite(&j, &b, "license", r->gate->item_nr,
				   r->gate->failed, 0, 0, NULL);
		junit_gate(&j, &b, r->gate);
	} else {
		report_junit_suite(
			&j, &b, "license", 2,
			(s->osi != LIC_SUM_OSI_YES) +
				(s->declared && s->detected && !s->agree),
			0, 0, NULL);
		junit_summary(&j, &b, s);
	}
	report_junit_suite_end(&j, &b, NULL);
	report_junit_end(&j, fp);
	oh_buf_release(&b);
}

/* ---- SPDX tag-value ---- */

/* Tag-value text: one line, no control characters. */
static const char *tv(struct oh_buf *b, const char *s)
{
	oh_buf_reset(b);
	for (; s && *s != '\0'; s++)
		oh_buf_addch(b, (unsigned char)*s < 0x20 ? ' ' : *s);
	return b->buf;
}

static void render_spdx_tv(FILE *fp, const struct report_lic *r)
{
	const struct lic_summary *s = r->sum;
	struct oh_buf b = OH_BUF_INIT;
	char when[40];
	const char *name = strrchr(r->input, '/');

	name = name && name[1] != '\0' ? name + 1 : r->input;
	oh_time_format(when, sizeof(when), oh_now());
	fputs("SPDXVersion: SPDX-2.3\nDataLicense: CC0-1.0\n"
	      "SPDXID: SPDXRef-DOCUMENT\n",
	      fp);
	fprintf(fp, "DocumentName: %s-license\n", tv(&b, name));
	fprintf(fp, "DocumentNamespace: https://osshealth.invalid/spdx/%s\n",
		r->scan->git ? r->scan->commit_id : "directory");
	fprintf(fp, "Creator: Tool: osshealth-%s\nCreated: %s\n\n", OH_VERSION,
		when);
	fprintf(fp, "PackageName: %s\nSPDXID: SPDXRef-Package\n", tv(&b, name));
	fputs("PackageDownloadLocation: NOASSERTION\nFilesAnalyzed: false\n",
	      fp);
	fprintf(fp, "PackageLicenseConcluded: %s\n",
		s->osi == LIC_SUM_OSI_UNKNOWN ? "NOASSERTION"
					      : tv(&b, s->concluded));
	fprintf(fp, "PackageLicenseDeclared: %s\n",
		s->declared ? tv(&b, s->declared) : "NOASSERTION");
	fputs("PackageCopyrightText: NOASSERTION\n", fp);
	fprintf(fp,
		"PackageLicenseComments: <text>osshealth: detected %s; "
		"basis: %s; OSI-approved: %s</text>\n",
		s->detected ? tv(&b, s->detected) : "none", s->concluded_basis,
		lic_sum_osi_name(s->osi));
	fputs("Relationship: SPDXRef-DOCUMENT DESCRIBES SPDXRef-Package\n", fp);
	oh_buf_release(&b);
}

int report_license(FILE *fp, const struct report_lic *r,
		   enum report_lic_format f, struct oh_err *err)
{
	switch (f) {
	case REPORT_LIC_TEXT:
		render_text(fp, r);
		break;
	case REPORT_LIC_JSON:
		render_json(fp, r);
		break;
	case REPORT_LIC_SARIF:
		return render_sarif(fp, r, false, err);
	case REPORT_LIC_CODEQUALITY:
		return render_sarif(fp, r, true, err);
	case REPORT_LIC_JUNIT:
		render_junit(fp, r);
		break;
	case REPORT_LIC_SPDX_TV:
		render_spdx_tv(fp, r);
		break;
	}
	return report_check_stream(fp, "<stdout>", err);
}
