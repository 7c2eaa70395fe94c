/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef OH_HEALTH_HEALTH_INT_H
#define OH_HEALTH_HEALTH_INT_H

/*
 * Internals shared by the check files of src/health/: recording a check's
 * verdict and evidence, and path predicates over the tree facts.
 */

#include <stdbool.h>

#include "health/health.h"

struct tree_file;

/** Start a check; it is `unknown` with an empty reason until set. */
struct health_check *hc_begin(struct health_result *r, enum health_category cat,
			      const char *name);

/** Set score (clamped to 0..10) and reason. */
void hc_score(struct health_result *r, struct health_check *c, double score,
	      const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/** Mark unknown (facts missing) with a reason. */
void hc_unknown(struct health_result *r, struct health_check *c,
		const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/** Mark not applicable with a reason. */
void hc_na(struct health_result *r, struct health_check *c, const char *fmt,
	   ...) __attribute__((format(printf, 3, 4)));

/** Add one evidence item (counted, not kept, past HEALTH_MAX_EVIDENCE). */
void hc_evidence(struct health_result *r, struct health_check *c,
		 const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/** Base name of a path (borrowed, inside path). */
const char *hc_basename(const char *path);

/**
 * First file whose base name, without extension and case-insensitively,
 * is `stem`, at the root or directly in .github/, .gitlab/ or docs/.
 */
const struct tree_file *hc_find_doc(const struct tree_files *t,
				    const char *stem);

/*
 * The releases a check judges: the git tags' (health/release.h), or the
 * forge's published releases when the tags show none and enrichment read
 * some (a project tagging without a version scheme, or not at all).
 */
struct hc_releases {
	bool from_forge;   /* the forge's releases, not the tags' */
	uint64_t all, pre; /* releases, pre-releases */
	uint64_t r365;     /* releases in the last 365 days */
	int64_t last;      /* newest release; 0 none */
	const char *last_name;
	double interval; /* median days between releases; <= 0 none */
};

/** Fill *out from in; false when the tags were not read. */
bool hc_releases(struct hc_releases *out, const struct health_input *in);

/** True when some path starts with `prefix` (case-sensitive). */
bool hc_has_prefix(const struct tree_files *t, const char *prefix,
		   const char **first);

/** True when path has a directory component equal to one of `dirs`. */
bool hc_in_dir(const char *path, const char *const *dirs);

/**
 * True when path lies in a directory that, by convention, holds another
 * project's code copied in (vendor/, third_party/, deps/, node_modules/
 * ...): its tests and fuzzers are that project's, not this one's.
 */
bool hc_vendored(const char *path);

/** Case-insensitive suffix test. */
bool hc_ends_with(const char *s, const char *suffix);

/* The check groups, one per file. */
void health_check_openness(struct health_result *r,
			   const struct health_input *in);
void health_check_maturity(struct health_result *r,
			   const struct health_input *in);
void health_check_security(struct health_result *r,
			   const struct health_input *in);
void health_check_activity(struct health_result *r,
			   const struct health_input *in);
void health_check_risk(struct health_result *r, const struct health_input *in);

#define HC_DAY 86400.0

#endif /* OH_HEALTH_HEALTH_INT_H */
