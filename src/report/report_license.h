/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef OH_REPORT_REPORT_LICENSE_H
#define OH_REPORT_REPORT_LICENSE_H

/*
 * Renderers of `osshealth license`: the repository summary, the license
 * texts found, findings, the per-file table and, in gate mode, the gate
 * verdict per file.  Formats: text, json, sarif (findings and gate
 * failures as results with file locations), junit (one test case per
 * gated file, or per check), spdx-tv (an SPDX 2.3 tag-value document
 * describing the package's declared and concluded license).
 *
 * Output is deterministic: files in path order, findings sorted, the
 * SPDX creation time from oh_now() (OSSHEALTH_NOW in tests).  Every string
 * from the repository is escaped for the format.  Returns OH_EIO when
 * the stream fails.
 */

#include <stdbool.h>
#include <stdio.h>

struct lic_gate;
struct lic_scan;
struct lic_summary;
struct oh_err;

enum report_lic_format {
	REPORT_LIC_TEXT,
	REPORT_LIC_JSON,
	REPORT_LIC_SARIF,
	REPORT_LIC_JUNIT,
	REPORT_LIC_SPDX_TV,
	REPORT_LIC_CODEQUALITY, /* GitLab Code Quality: the SARIF results */
};

struct report_lic {
	const char *input;             /* PATH as given */
	const struct lic_scan *scan;   /* the scan */
	const struct lic_summary *sum; /* its summary */
	const struct lic_gate *gate;   /* NULL unless gating */
	const char *base;              /* --changed-since BASE; NULL: all */
	const char *policy;            /* policy source for display */
};

/**
 * Parse "text", "json", "sarif", "junit", "spdx-tv", "codequality";
 * OH_EINPUT else.
 */
int report_lic_format_parse(enum report_lic_format *out, const char *name);

/** Render r in format f to fp. */
int report_license(FILE *fp, const struct report_lic *r,
		   enum report_lic_format f, struct oh_err *err);

#endif /* OH_REPORT_REPORT_LICENSE_H */
