/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef OH_SCAN_SCAN_INT_H
#define OH_SCAN_SCAN_INT_H

/*
 * Internals of the scan: one item per component, filled by a worker
 * (collect.c) and written by the writer (scan.c).
 */

#include <stdint.h>

#include "core/arena.h"
#include "health/health.h"
#include "scan/scan.h"

struct manifest_component;
struct health_weights;

#define SCAN_MAX_FACTS 64

struct scan_fact {
	const char *key;   /* e.g. "files.count" */
	const char *value; /* text or JSON */
};

struct scan_item {
	const struct manifest_component *mc; /* borrowed from the manifest */
	int64_t component_id;                /* row id */
	const char *repo_key;    /* repositories.url, in the arena */
	const char *mirror_path; /* git dir read (arena); NULL if local */
	bool remote;             /* read through the mirror cache */
	bool skip;               /* done in the resumed run */
	bool failed;             /* collection failed */
	char error[512];         /* why, one line */
	char revision[41];       /* commit scanned */
	int64_t started_at, finished_at;       /* wall-clock seconds */
	struct health_result health;           /* checks, when !failed */
	struct scan_fact fact[SCAN_MAX_FACTS]; /* derived facts */
	size_t fact_nr;                        /* entries in fact */
	struct oh_arena arena;                 /* owns fact strings */
};

/**
 * Collect the facts of one component and evaluate it into `it` (never
 * fails as a function: a failure is recorded in it->failed/error).
 */
void scan_collect(struct scan_item *it, const struct scan_opts *opts,
		  const struct health_weights *w);

/** Add a fact (copied into the item's arena). */
void scan_item_fact(struct scan_item *it, const char *key, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/** Free what the item holds. */
void scan_item_release(struct scan_item *it);

#endif /* OH_SCAN_SCAN_INT_H */
