/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * `sbom validate` as text, JSON, SARIF 2.1.0 and JUnit XML; `sbom verify`
 * as text and JSON.
 */
#include "report/report_sbom.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>
#include <libxml/xmlwriter.h>

#include "core/buf.h"
#include "core/err.h"
#include "core/xalloc.h"
#include "report/escape.h"
#include "report/junit.h"
#include "report/report.h"
#include "report/report_int.h"
#include "report/sarif.h"
#include "sbom/sbom.h"
#include "sbom/source.h"
#include "sbom/verify.h"
#include "core/banned.h"

#define UNREADABLE_RULE "SBOM-UNREADABLE"

unsigned long report_sbom_line(const char *where)
{
	char *end;
	unsigned long v;

	if (strncmp(where, "line ", 5) != 0 || where[5] < '0' || where[5] > '9')
		return 0;
	v = strtoul(where + 5, &end, 10);
	return *end == ':' ? v : 0;
}

static const char *level(enum sbom_severity s)
{
	return s == SBOM_ERROR ? "error" : "warning";
}

/* ---- SARIF ------------------------------------------------------------ */

/* The JSON path of a place, without its "line N: " (stable across edits). */
static const char *json_path(const char *where)
{
	const char *p;

	if (!where || report_sbom_line(where) == 0)
		return where;
	p = strchr(where, ':');
	return p[1] == ' ' ? p + 2 : p + 1;
}

static void sarif_file(struct report_sarif *s, struct oh_buf *text,
		       struct oh_buf *id, const struct report_sbom_file *f)
{
	if (!f->r) {
		report_sarif_add(s, &(struct report_sarif_result){
					    .rule = UNREADABLE_RULE,
					    .level = "error",
					    .message = f->error,
					    .path = f->file,
					    .line = 1,
				    });
		return;
	}
	for (size_t i = 0; i < f->r->diag_nr; i++) {
		const struct sbom_diag *d = &f->r->diag[i];
		unsigned long line = d->where ? report_sbom_line(d->where) : 0;

		oh_buf_reset(text);
		oh_buf_addf(text, "%s (%s): %s", d->element, d->where,
			    d->message);
		oh_buf_reset(id);
		oh_buf_addf(id, "%s %s %s", d->element, json_path(d->where),
			    d->message);
		report_sarif_add(s, &(struct report_sarif_result){
					    .rule = d->code,
					    .level = level(d->severity),
					    .message = text->buf,
					    .path = f->file,
					    .line = line > 0 ? line : 1,
					    .logical = d->element,
					    .logical_kind = "element",
					    .logical_fqn = d->where,
					    .identity = id->buf,
				    });
	}
}

int report_sbom_sarif(FILE *fp, const struct report_sbom_file *f, size_t n,
		      struct oh_err *err)
{
	struct report_sarif s;
	struct oh_buf text = OH_BUF_INIT;
	struct oh_buf id = OH_BUF_INIT;

	report_sarif_begin(&s, "sbom-validate");
	for (size_t i = 0; i < n; i++)
		sarif_file(&s, &text, &id, &f[i]);
	oh_buf_release(&text);
	oh_buf_release(&id);
	return report_sarif_end(&s, fp, err);
}

/* ---- JUnit ------------------------------------------------------------ */

/* Elements with diagnostics, in order of their first diagnostic. */
static size_t elements(const struct sbom_report *r, const char **el)
{
	size_t n = 0;

	for (size_t i = 0; i < r->diag_nr; i++) {
		size_t k;

		for (k = 0; k < n; k++)
			if (strcmp(el[k], r->diag[i].element) == 0)
				break;
		if (k == n)
			el[n++] = r->diag[i].element;
	}
	return n;
}

/*
 * One test case: an element fails on its first error, with all its
 * diagnostics in the body; an element with warnings only passes, and its
 * warnings go to the suite's system-out (a test case holds no output in
 * the Ant schema).
 */
static void junit_element(struct report_junit *j, struct oh_buf *tmp,
			  struct oh_buf *out, const struct report_sbom_file *f,
			  const char *el)
{
	const struct sbom_diag *first = NULL;
	struct oh_buf all = OH_BUF_INIT;

	for (size_t i = 0; i < f->r->diag_nr; i++) {
		const struct sbom_diag *d = &f->r->diag[i];

		if (strcmp(d->element, el) != 0)
			continue;
		if (!first && d->severity == SBOM_ERROR)
			first = d;
		oh_buf_addf(&all, "%s %s %s: %s\n", level(d->severity), d->code,
			    d->where, d->message);
	}
	if (first) {
		report_junit_case(j, tmp, f->file, el, first->code,
				  first->message, all.buf);
	} else {
		report_junit_case(j, tmp, f->file, el, NULL, NULL, NULL);
		oh_buf_addf(out, "%s: ", el);
		oh_buf_add(out, all.buf, all.len);
	}
	oh_buf_release(&all);
}

static void junit_file(struct report_junit *j, struct oh_buf *tmp,
		       const struct report_sbom_file *f)
{
	const char **el;
	struct oh_buf out = OH_BUF_INIT;
	size_t n, failed = 0;

	if (!f->r) {
		report_junit_suite(j, tmp, f->file, 1, 0, 1, 0, NULL);
		report_junit_error(j, tmp, f->file, "read", UNREADABLE_RULE,
				   f->error,
				   "the document could not be read; fix its "
				   "syntax or encoding and validate again\n");
		report_junit_suite_end(j, tmp, NULL);
		return;
	}
	el = oh_xcalloc(f->r->diag_nr + 1, sizeof(*el));
	n = elements(f->r, el);
	for (size_t k = 0; k < n; k++)
		for (size_t i = 0; i < f->r->diag_nr; i++)
			if (f->r->diag[i].severity == SBOM_ERROR &&
			    strcmp(f->r->diag[i].element, el[k]) == 0) {
				failed++;
				break;
			}
	report_junit_suite(j, tmp, f->file, n > 0 ? n : 1, failed, 0, 0, NULL);
	if (n == 0)
		report_junit_case(j, tmp, f->file, "document", NULL, NULL,
				  NULL);
	for (size_t k = 0; k < n; k++)
		junit_element(j, tmp, &out, f, el[k]);
	report_junit_suite_end(j, tmp, out.buf);
	oh_buf_release(&out);
	free(el);
}

int report_sbom_junit(FILE *fp, const struct report_sbom_file *f, size_t n,
		      struct oh_err *err)
{
	struct report_junit j;
	struct oh_buf tmp = OH_BUF_INIT;

	report_junit_begin(&j, "osshealth.sbom-validate", 0);
	for (size_t i = 0; i < n; i++)
		junit_file(&j, &tmp, &f[i]);
	report_junit_end(&j, fp);
	oh_buf_release(&tmp);
	return report_check_stream(fp, "<output>", err);
}

/* ---- validate: text and JSON ---------------------------------------- */

/* One readable file: a summary line, then a line per diagnostic. */
static void validate_text(FILE *fp, const char *file,
			  const struct sbom_report *r)
{
	struct oh_buf b = OH_BUF_INIT;
	struct oh_buf v = OH_BUF_INIT;

	/* The version, places and element ids come from the document. */
	report_esc_text(&b, file);
	report_esc_text(&v, r->version);
	fprintf(fp,
		"%s: %s %s (%zu packages, %zu files, %zu relationships): %zu errors, %zu warnings\n",
		b.buf, r->errors ? "invalid" : "valid", v.buf, r->packages,
		r->files, r->relationships, r->errors, r->warnings);
	for (size_t i = 0; i < r->diag_nr; i++) {
		const struct sbom_diag *d = &r->diag[i];
		struct oh_buf m = OH_BUF_INIT;
		struct oh_buf w = OH_BUF_INIT;
		struct oh_buf e = OH_BUF_INIT;

		report_esc_text(&m, d->message);
		report_esc_text(&w, d->where);
		report_esc_text(&e, d->element);
		fprintf(fp, "%s: %s %s %s (%s): %s\n", b.buf,
			level(d->severity), d->code, w.buf, e.buf, m.buf);
		oh_buf_release(&m);
		oh_buf_release(&w);
		oh_buf_release(&e);
	}
	oh_buf_release(&v);
	if (r->more > 0)
		fprintf(fp, "%s: ... and %zu more diagnostics\n", b.buf,
			r->more);
	oh_buf_release(&b);
}

static cJSON *validate_json(const struct report_sbom_file *f)
{
	cJSON *o = cJSON_CreateObject();
	cJSON *arr;

	cJSON_AddStringToObject(o, "file", f->file);
	if (!f->r) {
		cJSON_AddStringToObject(o, "status", "unreadable");
		cJSON_AddStringToObject(o, "error", f->error);
		return o;
	}
	cJSON_AddStringToObject(o, "status",
				f->r->errors ? "invalid" : "valid");
	cJSON_AddStringToObject(o, "spdx_version", f->r->version);
	cJSON_AddNumberToObject(o, "errors", (double)f->r->errors);
	cJSON_AddNumberToObject(o, "warnings", (double)f->r->warnings);
	arr = cJSON_AddArrayToObject(o, "diagnostics");
	for (size_t i = 0; i < f->r->diag_nr; i++) {
		const struct sbom_diag *d = &f->r->diag[i];
		cJSON *x = cJSON_CreateObject();

		cJSON_AddStringToObject(x, "severity", level(d->severity));
		cJSON_AddStringToObject(x, "code", d->code);
		cJSON_AddStringToObject(x, "element", d->element);
		cJSON_AddStringToObject(x, "path", d->where);
		cJSON_AddStringToObject(x, "message", d->message);
		cJSON_AddItemToArray(arr, x);
	}
	return o;
}

int report_sbom_validate(FILE *fp, const struct report_sbom_file *f, size_t n,
			 enum report_format fmt, struct oh_err *err)
{
	cJSON *all;

	switch (fmt) {
	case REPORT_SARIF:
		return report_sbom_sarif(fp, f, n, err);
	case REPORT_JUNIT:
		return report_sbom_junit(fp, f, n, err);
	case REPORT_JSON:
		all = cJSON_CreateArray();
		for (size_t i = 0; i < n; i++)
			cJSON_AddItemToArray(all, validate_json(&f[i]));
		report_print_json(fp, all);
		return 0;
	default:
		for (size_t i = 0; i < n; i++)
			if (f[i].r)
				validate_text(fp, f[i].file, f[i].r);
		return 0;
	}
}

/* ---- verify ----------------------------------------------------------- */

static void verify_text(FILE *fp, const char *file,
			const struct sbom_verify_report *r)
{
	struct oh_buf f = OH_BUF_INIT;

	report_esc_text(&f, file);
	fprintf(fp,
		"%s: %s %s: %zu mismatches, %zu notes (%zu files checked, %zu checksums match)\n",
		f.buf, r->mismatches ? "mismatch" : "verified", r->package,
		r->mismatches, r->notes, r->files_checked, r->checksums_ok);
	for (size_t i = 0; i < r->nf; i++) {
		const struct sbom_vfinding *x = &r->f[i];
		struct oh_buf w = OH_BUF_INIT, s = OH_BUF_INIT, o = OH_BUF_INIT;

		report_esc_text(&w, x->what);
		report_esc_text(&s, x->sbom ? x->sbom : "-");
		report_esc_text(&o, x->source ? x->source : "-");
		fprintf(fp, "%s: %s %s %s (%s): sbom '%s', source '%s'\n",
			f.buf, x->mismatch ? "mismatch" : "note", x->code,
			w.buf, x->element, s.buf, o.buf);
		oh_buf_release(&w);
		oh_buf_release(&s);
		oh_buf_release(&o);
	}
	if (r->more)
		fprintf(fp, "%s: ... and %zu more\n", f.buf, r->more);
	oh_buf_release(&f);
}

static void verify_json(FILE *fp, const char *file,
			const struct sbom_verify_report *r,
			const struct sbom_source *src)
{
	cJSON *o = cJSON_CreateObject();
	cJSON *arr;

	cJSON_AddStringToObject(o, "file", file);
	cJSON_AddStringToObject(o, "source", src->root);
	if (src->git)
		cJSON_AddStringToObject(o, "commit", src->commit);
	cJSON_AddStringToObject(o, "package", r->package);
	cJSON_AddStringToObject(o, "status",
				r->mismatches ? "mismatch" : "verified");
	cJSON_AddNumberToObject(o, "mismatches", (double)r->mismatches);
	cJSON_AddNumberToObject(o, "notes", (double)r->notes);
	cJSON_AddNumberToObject(o, "files_checked", (double)r->files_checked);
	cJSON_AddNumberToObject(o, "checksums_match", (double)r->checksums_ok);
	arr = cJSON_AddArrayToObject(o, "findings");
	for (size_t i = 0; i < r->nf; i++) {
		const struct sbom_vfinding *x = &r->f[i];
		cJSON *j = cJSON_CreateObject();

		cJSON_AddStringToObject(j, "kind",
					x->mismatch ? "mismatch" : "note");
		cJSON_AddStringToObject(j, "code", x->code);
		cJSON_AddStringToObject(j, "element", x->element);
		cJSON_AddStringToObject(j, "what", x->what);
		report_json_str(j, "sbom", x->sbom);
		report_json_str(j, "source", x->source);
		cJSON_AddItemToArray(arr, j);
	}
	report_print_json(fp, o);
}

void report_sbom_verify(FILE *fp, const char *file,
			const struct sbom_verify_report *r,
			const struct sbom_source *src, enum report_format fmt)
{
	if (fmt == REPORT_JSON)
		verify_json(fp, file, r, src);
	else
		verify_text(fp, file, r);
}
