/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef OH_REPORT_REPORT_VULNS_H
#define OH_REPORT_REPORT_VULNS_H

/*
 * Output of `vulns check`: text (one line per record, then the
 * summary), JSON (every fact of collect/vulns_check.h), or SARIF (one
 * result per affected record, rule security/vulnerability, and per
 * record that could not be decided, rule security/vulnerability-unknown).
 * Untrusted text (summaries, ids) goes through the escapers.
 */

#include <stdio.h>

#include "report/report.h"

struct collect_vulns;
struct oh_err;

/** Write `c` in `fmt` (text, json, sarif); OH_EINPUT for another format,
 * OH_EIO when the write fails. */
int report_vulns(FILE *fp, const struct collect_vulns *c,
		 enum report_format fmt, struct oh_err *err);

#endif /* OH_REPORT_REPORT_VULNS_H */
