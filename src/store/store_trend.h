/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef OH_STORE_STORE_TREND_H
#define OH_STORE_STORE_TREND_H

/*
 * Trends across review runs, for the report's trend charts: for every
 * component of one run, its status, overall decision and a few numeric
 * facts (the category scores, "score.<category>") in that run and in the
 * finished runs before it, oldest first.  Runs that never finished
 * (killed, still going, failed) are left out, except the run asked for.
 * Reads only; no schema of its own.  Cost: one query over
 * run_components and one fact lookup per component and run; at most
 * STORE_TREND_MAX_RUNS runs.  Not thread safe (one connection).
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct oh_err;
struct store;

#define STORE_TREND_MAX_RUNS 24 /* runs per component, newest kept */
#define STORE_TREND_MAX_KEYS 8  /* numeric facts per point */

struct store_trend_point {
	int64_t run_id;                     /* the review run */
	int64_t started_at;                 /* its start, Unix time UTC */
	char status[8];                     /* done | failed | pending */
	char decision[16];                  /* overall; "" when none */
	double value[STORE_TREND_MAX_KEYS]; /* the facts asked for */
	bool has[STORE_TREND_MAX_KEYS];     /* value[k] is a number */
};

struct store_trend {
	char *component;                 /* owned name */
	struct store_trend_point *point; /* oldest first */
	size_t nr;                       /* points */
};

struct store_trends {
	struct store_trend *trend; /* sorted by component name */
	size_t nr;                 /* components of the run */
};

/**
 * Load the trends of the components of run `run_id` over at most
 * `max_runs` runs (capped at STORE_TREND_MAX_RUNS) ending with it.
 * `keys` are up to STORE_TREND_MAX_KEYS fact keys read as numbers (a
 * value that is not a number, "unknown" for one, leaves has[k] false).
 * `out` is filled from empty; free with store_trends_release().
 * OH_EDB on a database error.
 */
int store_trends_load(struct store_trends *out, struct store *st,
		      int64_t run_id, size_t max_runs, const char *const *keys,
		      size_t key_nr, struct oh_err *err);

void store_trends_release(struct store_trends *t);

/** The trend of component `name` (borrowed), or NULL. */
const struct store_trend *store_trends_find(const struct store_trends *t,
					    const char *name);

#endif /* OH_STORE_STORE_TREND_H */
