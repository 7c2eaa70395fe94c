/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef OH_REPORT_REPORT_H
#define OH_REPORT_REPORT_H

/*
 * Renderers: one function per kind of result, one file per output format
 * where a format grows large (report_text.c, report_json.c, ...).  A
 * renderer writes only the selected format to the stream it is given and
 * returns OH_EIO (naming "<stdout>" or the output path) when a write fails,
 * so `-o /dev/full` is an error and not a silent truncation.
 *
 * Output is deterministic: lists are sorted, times are UTC, and JSON keys
 * come in a fixed order.  HTML output escapes every string it prints.
 */

#include <stdio.h>

struct cJSON;
struct oh_err;
struct report_changes;
struct store_component_row;
struct store_info;
struct store_run_report;
struct store_trends;

enum report_format {
	REPORT_TEXT,
	REPORT_JSON,
	REPORT_MARKDOWN,
	REPORT_HTML,
	REPORT_SARIF,
	REPORT_JUNIT,
	REPORT_CSV,
	REPORT_CODEQUALITY, /* GitLab Code Quality JSON (dco) */
};

/**
 * Parse a format name ("text", "json", "md"/"markdown", "html", "sarif",
 * "junit", "csv", "codequality") into *out.  Returns 0, or OH_EINPUT for an unknown name
 * (err may be NULL).
 */
int report_format_parse(enum report_format *out, const char *name,
			struct oh_err *err);

/** The canonical name of a format. */
const char *report_format_name(enum report_format f);

/**
 * Write `db info`: schema version, file size, review runs, row counts.
 * Supports REPORT_TEXT and REPORT_JSON; `path` is the database path shown.
 */
int report_db_info(FILE *fp, const char *path, const struct store_info *info,
		   enum report_format fmt, struct oh_err *err);

/**
 * Render a review run: REPORT_TEXT (summary table and details for a
 * terminal), REPORT_JSON (schema in docs/report-schema.md),
 * REPORT_MARKDOWN, REPORT_CSV (one row per component and check),
 * REPORT_HTML (self-contained page with SVG charts), REPORT_SARIF and
 * REPORT_JUNIT.
 * `changes` (may be NULL) is the comparison with the previous run.
 * OH_EINPUT for other formats, OH_EIO when writing fails.
 */
int report_run(FILE *fp, const struct store_run_report *run,
	       const struct report_changes *changes, enum report_format fmt,
	       struct oh_err *err);

/**
 * SARIF 2.1.0 (report_run() with REPORT_SARIF, where `anchor` is NULL):
 * one result per finding, at the repository-relative file `anchor` (the
 * database or manifest of the review; NULL: "osshealth.db") with the
 * component as logical location.
 */
int report_run_sarif(FILE *fp, const struct store_run_report *run,
		     const char *anchor, struct oh_err *err);

/** JUnit XML: a suite per component, a case per check; findings fail. */
int report_run_junit(FILE *fp, const struct store_run_report *run,
		     struct oh_err *err);

/**
 * The HTML due-diligence report (report_run() with REPORT_HTML, where
 * `trends` is NULL).  `trends` (may be NULL) gives each component's
 * category scores and decision across review runs
 * (store_trends_load() with the keys "score.<category>" in the order
 * openness, maturity, security, activity, risk) for its trend chart.
 */
int report_run_html(FILE *fp, const struct store_run_report *run,
		    const struct report_changes *changes,
		    const struct store_trends *trends, struct oh_err *err);

/**
 * Render the changes between runs `old_id` and `new_id` (`diff`):
 * REPORT_TEXT, REPORT_JSON or REPORT_MARKDOWN.
 */
int report_diff(FILE *fp, long long old_id, long long new_id,
		const struct report_changes *changes, enum report_format fmt,
		struct oh_err *err);

/** One line per library osshealth links, "name: version". */
void report_library_versions(FILE *fp);

/**
 * Check fp for a write error after rendering; OH_EIO naming `name` when
 * the stream failed (flushes first).
 */
int report_check_stream(FILE *fp, const char *name, struct oh_err *err);

/** The value of fact `key` of a component of a run, or NULL. */
const char *report_fact(const struct store_component_row *c, const char *key);

/** Print a JSON tree (tab-indented, then a newline) and delete it. */
void report_print_json(FILE *fp, struct cJSON *root);

#endif /* OH_REPORT_REPORT_H */
