/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef OH_REPORT_REASONS_H
#define OH_REPORT_REASONS_H

/*
 * The reasons of a component's overall decision (the stored JSON array
 * of policy_decide_encode(), fact "decision.reasons") written for a
 * reader: text, Markdown or HTML, each reason with its source, what it
 * asks for, the reviewer's question and its waiver, if any.  Every
 * string is escaped for the format.  A missing or malformed array
 * writes nothing.
 */

#include <stdio.h>

#include "report/report.h"

/**
 * Write the reasons in `reasons_json` (may be NULL) in `fmt`
 * (REPORT_TEXT, REPORT_MARKDOWN or REPORT_HTML; others write nothing).
 * Returns the number of reasons written.
 */
size_t report_reasons_write(FILE *fp, const char *reasons_json,
			    enum report_format fmt);

struct oh_buf;

/**
 * Append the reasons in `reasons_json` (may be NULL) to `out` as plain,
 * unescaped text for formats that escape themselves (CSV, JUnit): one
 * reason per item, "<source> <decision> <code>: <reason>", then
 * " (question: ...)" and " (waived until ... by ...: ...)" or
 * " (waiver expired on ...)" where they apply; items separated by `sep`.
 * Returns the number of reasons.
 */
size_t report_reasons_plain(struct oh_buf *out, const char *reasons_json,
			    const char *sep);

/**
 * Append `policy explain --format json`: one object with "decision",
 * "origin_decision", "decision_reasons" (the stored array) and "origin"
 * (the stored origin-policy result).  Stored JSON that does not parse
 * becomes null; any argument may be NULL.
 */
void report_explain_json(struct oh_buf *out, const char *decision,
			 const char *origin_decision, const char *reasons_json,
			 const char *origin_json);

#endif /* OH_REPORT_REASONS_H */
