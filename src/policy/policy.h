/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef OH_POLICY_POLICY_H
#define OH_POLICY_POLICY_H

/*
 * The origin policy engine: rules as data (rules/policy.json, format in
 * docs/policy.md) and a pure classifier that turns a component's declared
 * facts and health summary into ACCEPT / EVALUATE / AVOID with every rule
 * that fired and the facts it used.
 *
 * Operations: policy_rules_parse() / policy_rules_load() validate and
 * compile a rules file (cJSON for the document, PCRE2 for the patterns,
 * compiled once); policy_profile_find() picks a profile;
 * policy_classify() decides; policy_rules_free().
 *
 * Invariants: a loaded rules object is immutable; every pattern compiled
 * (UTF, case-insensitive) and runs with POLICY_MATCH_LIMIT and
 * POLICY_DEPTH_LIMIT; every profile's allied and concern sets are
 * disjoint, upper-case ISO 3166 alpha-2 codes.
 *
 * Limits (OH_ELIMIT): POLICY_MAX_BYTES of input, POLICY_MAX_PROFILES,
 * POLICY_MAX_ENTRIES per list, POLICY_MAX_ALTS match objects per entry,
 * POLICY_MAX_COUNTRIES per list, POLICY_MAX_SETS country sets,
 * POLICY_MAX_PATTERNS in all, POLICY_MAX_PATTERN bytes per pattern.
 * JSON nesting is bounded by cJSON's limit.  Errors are OH_EINPUT with
 * line:col of the offending key or value and its JSON path.
 *
 * Thread safety: a loaded rules object may be shared by threads;
 * policy_classify() allocates its own match data and writes only `out`.
 *
 * Not done here: collecting evidence (the scan fills policy_component and
 * policy_health), storing or rendering results, reading the clock.
 */

#include <stdbool.h>
#include <stddef.h>

struct oh_buf;
struct oh_err;
struct policy_rules;
struct policy_entry;

#define POLICY_MAX_BYTES     (1u << 20)
#define POLICY_MAX_PROFILES  64
#define POLICY_MAX_ENTRIES   512
#define POLICY_MAX_ALTS      16
#define POLICY_MAX_COUNTRIES 300
#define POLICY_MAX_SETS      64
#define POLICY_MAX_PATTERNS  4096
#define POLICY_MAX_PATTERN   1024
#define POLICY_MATCH_LIMIT   100000
#define POLICY_DEPTH_LIMIT   1000

enum policy_decision {
	POLICY_NONE = 0, /* a rule that informs but does not decide */
	POLICY_ACCEPT = 1,
	POLICY_EVALUATE = 2,
	POLICY_AVOID = 3,
};

enum policy_tristate {
	POLICY_UNKNOWN = 0, /* not declared / not measured */
	POLICY_NO = 1,
	POLICY_YES = 2,
};

/* A jurisdiction profile (read-only; borrowed from the rules). */
struct policy_profile {
	const char *name;         /* "default", "uk", ... */
	const char *label;        /* "United Kingdom" */
	const char *jurisdiction; /* "GB", "EU"; or NULL */
	const char *note;         /* or NULL */
	const char **allied;      /* sorted ISO alpha-2 codes */
	size_t allied_nr;
	const char **concern; /* sorted ISO alpha-2 codes */
	size_t concern_nr;
	const int *concern_utc_offset; /* minutes east of UTC */
	size_t concern_utc_offset_nr;
	double evidence_share; /* 0..1, dominance threshold */
	enum policy_decision
		sc_unknown_origin; /* security-critical, no origin */
	enum policy_decision default_decision; /* nothing fired */
	const char **data_protection; /* framework labels for reports */
	size_t data_protection_nr;
	const char **security; /* security framework labels */
	size_t security_nr;
	const char **classification; /* classification scheme labels */
	size_t classification_nr;
	const char **procurement; /* procurement framework labels */
	size_t procurement_nr;
	const char **architecture; /* architecture standard labels */
	size_t architecture_nr;
	const struct policy_entry *override; /* internal, in file order */
	size_t override_nr;
};

/* Share of recent commits attributed to one country (evidence). */
struct policy_country_share {
	const char *country; /* ISO alpha-2, upper case */
	double share;        /* 0..1 */
};

/* Share of recent commits with one UTC offset (evidence). */
struct policy_tz_share {
	int offset_minutes; /* minutes east of UTC, e.g. 480 for UTC+8 */
	double share;       /* 0..1 */
};

/* Declared facts and origin evidence of one component (all borrowed). */
struct policy_component {
	const char *name;               /* required */
	const char *url;                /* repository URL or path; or NULL */
	const char *origin;             /* ISO alpha-2, upper case; or NULL */
	const char *organization;       /* or NULL */
	const char *foundation;         /* hosting foundation; or NULL */
	const char *category;           /* e.g. "cryptography"; or NULL */
	const char *arrangement;        /* e.g. "joint development"; or NULL */
	const char *deployment_context; /* e.g. "critical infrastructure";
					   or NULL */
	enum policy_tristate security_critical; /* the manifest's flag */
	/* Contributor organisations' home countries, last 365 days. */
	const struct policy_country_share *org_country;
	size_t org_country_nr;
	/* Commit time-zone distribution, last 365 days. */
	const struct policy_tz_share *tz;
	size_t tz_nr;
};

/* The health summary the EVALUATE questions are answered from. */
struct policy_health {
	bool maturity_known;
	double maturity; /* maturity category score 0..10 */
	bool elephant_known;
	unsigned elephant_factor; /* organisations covering 50% of commits */
	bool authors_known;
	unsigned authors_365; /* distinct authors in the last 365 days */
	bool alternatives_known;
	unsigned alternatives;            /* known alternatives */
	enum policy_tristate osi_license; /* OSI-approved license */
};

/* clang-format off */
#define POLICY_HEALTH_INIT { .maturity_known = false }
/* clang-format on */

#define POLICY_MAX_FIRED    16
#define POLICY_MAX_FACTS    8
#define POLICY_MAX_FINDINGS 8
#define POLICY_QUESTION_NR  5
#define POLICY_TEXT         256

/* One rule that fired, with the facts it used ("origin=CN"). */
struct policy_fired {
	char rule[80];                 /* "security-critical:cryptography" */
	enum policy_decision decision; /* POLICY_NONE: informational */
	bool decided;                  /* this rule gave the decision */
	char reason[POLICY_TEXT];      /* one sentence */
	char fact[POLICY_MAX_FACTS][POLICY_TEXT];
	size_t fact_nr;
};

/* One of the seed's EVALUATE questions with its answer. */
struct policy_answer {
	const char *id;       /* "maturity", "community-diversity", ... */
	const char *question; /* the question in words */
	bool known;           /* false: the answer says "unknown" */
	char answer[POLICY_TEXT];
};

/* The decision; fixed-size, holds no heap memory and needs no release. */
struct policy_result {
	enum policy_decision decision;
	const char *profile;      /* borrowed from the rules */
	char decided_by[80];      /* the rule that decided */
	bool security_critical;   /* the verdict */
	char sc_why[POLICY_TEXT]; /* declared flag, or which pattern */
	struct policy_fired fired[POLICY_MAX_FIRED]; /* in evaluation order */
	size_t fired_nr;
	char finding[POLICY_MAX_FINDINGS][POLICY_TEXT]; /* evidence notes */
	size_t finding_nr;
	struct policy_answer answer[POLICY_QUESTION_NR]; /* EVALUATE only */
	size_t answer_nr;
};

/**
 * Parse and compile `len` bytes of rules named `name`.  On success *out is
 * freed with policy_rules_free().  OH_EINPUT (syntax, type, unknown key,
 * bad pattern, bad country, unknown decision: line:col and JSON path set),
 * OH_ELIMIT.
 */
int policy_rules_parse(struct policy_rules **out, const char *data, size_t len,
		       const char *name, struct oh_err *err);

/**
 * Read and parse a rules file; `path` NULL means rules/policy.json from the
 * data directory.  Adds OH_EIO / OH_ENOTFOUND.
 */
int policy_rules_load(struct policy_rules **out, const char *path,
		      struct oh_err *err);

/** Free the rules; NULL is a no-op. */
void policy_rules_free(struct policy_rules *r);

/** The profile named `name` (NULL: the default profile), or NULL. */
const struct policy_profile *policy_profile_find(const struct policy_rules *r,
						 const char *name);

/** Number of profiles and the i-th (in file order). */
size_t policy_profile_count(const struct policy_rules *r);
const struct policy_profile *policy_profile_at(const struct policy_rules *r,
					       size_t i);

/** Counts of the entry lists, for `policy check`. */
size_t policy_rules_pattern_count(const struct policy_rules *r);

/**
 * Classify one component: a pure function of its arguments.  `health` may
 * be NULL (every answer is "unknown").  Never fails.
 */
void policy_classify(struct policy_result *out, const struct policy_rules *r,
		     const struct policy_profile *profile,
		     const struct policy_component *facts,
		     const struct policy_health *health);

/**
 * The classification of `nr` components (names[i] -> res[i]) under
 * `profile` as data: one JSON document (docs/policy.md, "Output"), with
 * `rules_name` as the rules' source, appended to `out`.  A scan stores it
 * as the fact "policy.result"; `policy classify` and `policy explain`
 * render it (report/report_policy.c), as text or as it is.
 */
void policy_encode(struct oh_buf *out, const struct policy_profile *profile,
		   const char *rules_name, const char *const *names,
		   const struct policy_result *res, size_t nr);

/** "ACCEPT", "EVALUATE", "AVOID" or "none". */
const char *policy_decision_name(enum policy_decision d);

/** Parse a decision name (upper case); -1 when unknown. */
int policy_decision_parse(enum policy_decision *out, const char *s);

#endif /* OH_POLICY_POLICY_H */
