/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef OH_REPORT_CHANGES_H
#define OH_REPORT_CHANGES_H

/*
 * What changed between two review runs: the first thing a periodic
 * upstream risk review reads.  A pure comparison of two loaded runs
 * (store_run_report), producing a sorted list of changes, each with a
 * stable kind:
 *
 *   added, removed            component in one run only
 *   status                    done <-> failed
 *   license                   detected license changed
 *   license-non-osi           switched from an OSI license to a non-OSI one
 *   decision                  policy decision changed
 *   risk                      overall risk level changed
 *   score                     a category score moved by more than
 *                             REPORT_SCORE_THRESHOLD points
 *   absence-factor-1          contributor absence factor fell to 1
 *   went-quiet                commits in the last 90 days fell to zero
 *
 * The facts compared are the keys the scan records (docs/report-schema.md).
 */

#include <stddef.h>

struct store_run_report;

#define REPORT_SCORE_THRESHOLD 1.0

struct report_change {
	char component[128]; /* component name (truncated if longer) */
	const char *kind;    /* stable kind, see above (static string) */
	char text[320];      /* one line for people */
};

struct report_changes {
	struct report_change *change; /* sorted by component, then kind */
	size_t nr;                    /* entries */
	size_t alloc;                 /* allocated entries */
};

/**
 * Compare `old` (may be NULL: no earlier run, no changes) with `cur`.
 * `out` is filled from empty; free with report_changes_release().
 */
void report_changes_compute(struct report_changes *out,
			    const struct store_run_report *old,
			    const struct store_run_report *cur);

void report_changes_release(struct report_changes *c);

#endif /* OH_REPORT_CHANGES_H */
