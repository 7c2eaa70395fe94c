/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Comparing two review runs.
 */
#include "report/changes.h"
#include "report/report.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"
#include "store/store_scan.h"
#include "core/banned.h"

static void add(struct report_changes *out, const char *comp, const char *kind,
		const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static void add(struct report_changes *out, const char *comp, const char *kind,
		const char *fmt, ...)
{
	struct report_change *c;
	va_list ap;

	OH_GROW(out->change, out->alloc, out->nr + 1);
	c = &out->change[out->nr++];
	snprintf(c->component, sizeof(c->component), "%s", comp);
	c->kind = kind;
	va_start(ap, fmt);
	vsnprintf(c->text, sizeof(c->text), fmt, ap);
	va_end(ap);
}

static bool differs(const char *a, const char *b)
{
	return a && b && strcmp(a, b) != 0;
}

static void compare_license(struct report_changes *out,
			    const struct store_component_row *o,
			    const struct store_component_row *n)
{
	const char *lo = report_fact(o, "license.concluded");
	const char *ln = report_fact(n, "license.concluded");
	const char *osi_o = report_fact(o, "license.osi");
	const char *osi_n = report_fact(n, "license.osi");

	if (differs(lo, ln))
		add(out, n->name, "license",
		    "license changed from '%s' to '%s'", lo, ln);
	if (osi_o && osi_n && strcmp(osi_o, "true") == 0 &&
	    strcmp(osi_n, "false") == 0)
		add(out, n->name, "license-non-osi",
		    "license switched from an OSI-approved license to a non-OSI one ('%s')",
		    ln ? ln : "unknown");
}

static void compare_scores(struct report_changes *out,
			   const struct store_component_row *o,
			   const struct store_component_row *n)
{
	static const char *const cats[] = { "openness", "maturity", "security",
					    "activity", "risk" };

	for (size_t i = 0; i < sizeof(cats) / sizeof(cats[0]); i++) {
		char key[32];
		const char *a, *b;
		char *end_a, *end_b;
		double va, vb;

		snprintf(key, sizeof(key), "score.%s", cats[i]);
		a = report_fact(o, key);
		b = report_fact(n, key);
		if (!a || !b)
			continue;
		va = strtod(a, &end_a);
		vb = strtod(b, &end_b);
		if (*end_a != '\0' || *end_b != '\0') {
			if (strcmp(a, b) != 0)
				add(out, n->name, "score", "%s score %s -> %s",
				    cats[i], a, b);
			continue;
		}
		if (fabs(vb - va) > REPORT_SCORE_THRESHOLD)
			add(out, n->name, "score", "%s score %s -> %s (%+.1f)",
			    cats[i], a, b, vb - va);
	}
}

static void compare_activity(struct report_changes *out,
			     const struct store_component_row *o,
			     const struct store_component_row *n)
{
	const char *ao = report_fact(o, "activity.absence_factor_365");
	const char *an = report_fact(n, "activity.absence_factor_365");
	const char *qo = report_fact(o, "activity.commits_90");
	const char *qn = report_fact(n, "activity.commits_90");

	if (ao && an && strcmp(ao, "1") != 0 && strcmp(an, "1") == 0)
		add(out, n->name, "absence-factor-1",
		    "contributor absence factor fell from %s to 1", ao);
	if (qo && qn && strcmp(qo, "0") != 0 && strcmp(qn, "0") == 0)
		add(out, n->name, "went-quiet",
		    "project went quiet: no commits in the last 90 days (was %s)",
		    qo);
}

static void compare(struct report_changes *out,
		    const struct store_component_row *o,
		    const struct store_component_row *n)
{
	if (strcmp(o->status, n->status) != 0)
		add(out, n->name, "status", "status %s -> %s%s%s", o->status,
		    n->status, n->error[0] ? ": " : "", n->error);
	if (strcmp(o->decision, n->decision) != 0)
		add(out, n->name, "decision", "decision %s -> %s",
		    o->decision[0] ? o->decision : "none",
		    n->decision[0] ? n->decision : "none");
	if (differs(report_fact(o, "risk.level"), report_fact(n, "risk.level")))
		add(out, n->name, "risk", "risk level %s -> %s",
		    report_fact(o, "risk.level"), report_fact(n, "risk.level"));
	compare_license(out, o, n);
	compare_scores(out, o, n);
	compare_activity(out, o, n);
}

static int cmp_change(const void *a, const void *b)
{
	const struct report_change *x = a, *y = b;
	int c = strcmp(x->component, y->component);

	return c != 0 ? c : strcmp(x->kind, y->kind);
}

void report_changes_compute(struct report_changes *out,
			    const struct store_run_report *old,
			    const struct store_run_report *cur)
{
	memset(out, 0, sizeof(*out));
	if (!old)
		return;
	for (size_t i = 0; i < cur->comp_nr; i++) {
		const struct store_component_row *n = &cur->comp[i];
		const struct store_component_row *o =
			store_run_report_find(old, n->name);

		if (!o)
			add(out, n->name, "added", "component added");
		else
			compare(out, o, n);
	}
	for (size_t i = 0; i < old->comp_nr; i++)
		if (!store_run_report_find(cur, old->comp[i].name))
			add(out, old->comp[i].name, "removed",
			    "component removed");
	if (out->nr > 1)
		qsort(out->change, out->nr, sizeof(*out->change), cmp_change);
}

void report_changes_release(struct report_changes *c)
{
	free(c->change);
	memset(c, 0, sizeof(*c));
}
