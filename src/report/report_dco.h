/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef OH_REPORT_REPORT_DCO_H
#define OH_REPORT_REPORT_DCO_H

/*
 * Renderer of `osshealth dco` results: text (default), json, sarif
 * (2.1.0, one result per failing commit) and junit (one test case per
 * checked commit).  Every string from the repository is escaped for the
 * format (cJSON for JSON and SARIF, XML escaping with control bytes
 * replaced for JUnit).  `base` is the range base shown in fix commands
 * (NULL or "" means the root: `git rebase --signoff --root`).
 * Returns OH_EIO (naming "<stdout>") when the stream fails, OH_EINPUT for
 * a format this renderer does not support.
 */

#include <stdio.h>

#include "report/report.h"

struct oh_err;
struct hist;
struct dco_result;

int report_dco(FILE *fp, const struct hist *h, const struct dco_result *r,
	       const char *base, enum report_format fmt, struct oh_err *err);

#endif /* OH_REPORT_REPORT_DCO_H */
