/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef OH_REPORT_REPORT_SBOM_H
#define OH_REPORT_REPORT_SBOM_H

/*
 * `sbom validate` results: text (a summary line per file, a line per
 * diagnostic), JSON (one object per file), and for CI SARIF 2.1.0 (one result per diagnostic,
 * the stable diagnostic code as rule id, the file as artifact, the input
 * line as region where the format has lines, the element and its path as
 * logical location) and JUnit XML (one test suite per file, one test case
 * per element with diagnostics, failing on errors; a file that cannot be
 * read is an <error>).
 *
 * `sbom verify` results: text (a summary line, a line per finding with
 * both values) and JSON.
 *
 * Pure rendering over the reports given; untrusted strings are escaped
 * by cJSON and libxml2 (control characters XML cannot carry become '?').
 */

#include <stddef.h>
#include <stdio.h>

#include "report/report.h"

struct oh_err;
struct sbom_report;
struct sbom_source;
struct sbom_verify_report;

struct report_sbom_file {
	const char *file;            /* as named on the command line */
	const struct sbom_report *r; /* NULL when the file was unreadable */
	const char *error;           /* the one-line error, when unreadable */
};

/** SARIF 2.1.0 for `n` files; OH_EIO when fp cannot be written. */
int report_sbom_sarif(FILE *fp, const struct report_sbom_file *f, size_t n,
		      struct oh_err *err);

/** JUnit XML for `n` files; OH_EIO when fp cannot be written. */
int report_sbom_junit(FILE *fp, const struct report_sbom_file *f, size_t n,
		      struct oh_err *err);

/**
 * `sbom validate` over `n` files in REPORT_TEXT (unreadable files left
 * out: the caller names them on stderr), REPORT_JSON (an array, an
 * unreadable file with its error), REPORT_SARIF or REPORT_JUNIT.  OH_EIO
 * when fp cannot be written (SARIF, JUnit; text and JSON leave that to
 * the caller's check of the stream).
 */
int report_sbom_validate(FILE *fp, const struct report_sbom_file *f, size_t n,
			 enum report_format fmt, struct oh_err *err);

/**
 * `sbom verify` of `file` against `src`: REPORT_JSON, else text.  Write
 * errors are left to the caller's check of the stream.
 */
void report_sbom_verify(FILE *fp, const char *file,
			const struct sbom_verify_report *r,
			const struct sbom_source *src, enum report_format fmt);

/**
 * The input line at the start of a diagnostic place ("line 12: ..."), or
 * 0 when the place is a JSON path only.
 */
unsigned long report_sbom_line(const char *where);

#endif /* OH_REPORT_REPORT_SBOM_H */
