/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef OH_REPORT_REPORT_HISTORY_H
#define OH_REPORT_REPORT_HISTORY_H

/*
 * Renderers of `osshealth history`: commits, sign-off shares, the
 * activity windows with the identities left out, releases, tags and
 * time zones.  `walked` is the number of commits walked on top of a
 * stored history, or (size_t)-1 without --db.
 */

#include <stddef.h>
#include <stdio.h>

#include "report/report.h"

struct hist;
struct act_metrics;
struct dco_stats;

void report_history_text(FILE *fp, const struct hist *h,
			 const struct act_metrics *m, const struct dco_stats *d,
			 size_t walked);

void report_history_json(FILE *fp, const struct hist *h,
			 const struct act_metrics *m, const struct dco_stats *d,
			 size_t walked);

/** report_history_json() for REPORT_JSON, else report_history_text(). */
void report_history(FILE *fp, const struct hist *h, const struct act_metrics *m,
		    const struct dco_stats *d, size_t walked,
		    enum report_format fmt);

#endif /* OH_REPORT_REPORT_HISTORY_H */
