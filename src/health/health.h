/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef OH_HEALTH_HEALTH_H
#define OH_HEALTH_HEALTH_H

/*
 * Health checks: pure functions from collected facts to evidenced scores,
 * in the five categories of the SCS open-source health check (openness /
 * Four Opens, maturity, security, activity, risk).  The method, every
 * check, its formula and its sources are documented in docs/scoring.md.
 *
 * Every check returns a score 0-10, or `not-applicable`, or `unknown` when
 * the facts it needs are missing (offline, not collected) — never a silent
 * zero — with a one-line reason and the evidence it used (paths, commit
 * ids, counts).  Category scores are weighted means of the scored checks
 * with weights from rules/scoring.json (health_weights_load()); unknown
 * checks are shown but do not count, and a category with no scored check
 * is itself unknown.
 *
 * Operations: health_weights_load/release, health_evaluate,
 * health_result_release, name helpers.
 *
 * Purity: no git, no network, no clock; `now` is an input.  Thread safe
 * (no globals); a result belongs to one thread.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"

struct oh_err;
struct tree_files;

#define HEALTH_MAX_EVIDENCE 12 /* evidence items kept per check */
#define HEALTH_MAX_CHECKS   64 /* checks in one evaluation */

enum health_category {
	HEALTH_OPENNESS,
	HEALTH_MATURITY,
	HEALTH_SECURITY,
	HEALTH_ACTIVITY,
	HEALTH_RISK,
	HEALTH_CATEGORY_NR,
};

enum health_state {
	HEALTH_SCORED,
	HEALTH_NOT_APPLICABLE,
	HEALTH_UNKNOWN,
};

enum health_risk_level {
	HEALTH_RISK_UNKNOWN,
	HEALTH_RISK_LOW,
	HEALTH_RISK_MEDIUM,
	HEALTH_RISK_HIGH,
};

/* A known-or-unknown count: `known` false means "not collected". */
struct health_num {
	bool known;   /* value is meaningful */
	double value; /* the number */
};

/* License facts, from the license engine's verdict. */
struct health_license {
	bool known;            /* the license scan ran */
	const char *declared;  /* expression from metadata; NULL if none */
	const char *detected;  /* expression from license files; NULL */
	const char *file;      /* main license file path; NULL */
	bool osi_approved;     /* the outcome is OSI-approved */
	const char *osi_class; /* when not: "permissive-not-osi",
				* "source-available", ... (summary.h); NULL */
	bool agree;            /* declared and detected agree */
	bool recognised;       /* a license file was identified */
	struct health_num tagged_share; /* share of source files with tags */
	bool reuse;                     /* REUSE metadata present */
};

/* History facts, from the history walk and activity metrics. */
struct health_history {
	bool known;                   /* history was walked */
	int64_t first_commit;         /* author time of the oldest */
	int64_t last_commit;          /* author time of the newest */
	uint64_t commits_all;         /* non-merge and merge */
	uint64_t merges_all;          /* commits with 2+ parents */
	uint64_t commits_90;          /* in the last 90 days */
	uint64_t commits_365;         /* in the last 365 days */
	uint64_t commits_prev_365;    /* 365-730 days ago */
	uint64_t authors_365;         /* distinct authors of non-merge,
					 non-bot commits, last 365 */
	uint64_t authors_all;         /* distinct authors, all time */
	uint64_t new_authors_365;     /* first commit in last 365 */
	uint64_t absence_factor_365;  /* 0 when no contributions */
	uint64_t elephant_factor_365; /* 0 when no contributions */
	bool elephant_known_365;      /* enough contributions attributed */
	double attributed_365;        /* attributed share of contributions */
	uint64_t contributions_365;   /* non-merge commits by people */
	uint64_t merges_365;          /* merge commits, last 365 */
	uint64_t bot_commits_365;     /* non-merge commits by bots */
	char excluded_365[256];       /* identities left out, "" none */
	uint64_t reviewed_365;        /* Reviewed-by/Acked-by/merge/
					     author != committer */
	uint64_t signed_commits_365;  /* with a gpg/ssh signature */
	double dco_share_365;         /* signed-off share, non-merge */
	double dco_share_all;         /* the same, all time */
	uint64_t releases_all;        /* release tags (health/release.h) */
	uint64_t prereleases_all;     /* pre-release tags, apart */
	uint64_t releases_365;        /* releases in the last 365 */
	char release_scheme[48];      /* the tags' family ("" = plain) */
	char last_release_name[64];   /* tag of the newest release */
	uint64_t tags_all;            /* all tags */
	uint64_t tags_signed;         /* signed annotated tags */
	int64_t last_release;         /* time of newest release; 0 */
	double release_interval_days; /* median gap between release days;
					 0 with fewer than 2 days */
};

/* One small text file the security checks read (CI workflows). */
struct health_text {
	const char *path; /* repository path */
	const char *text; /* content, NUL-terminated (binary-safe enough) */
};

/* Declared facts that no clone can tell (from the manifest). */
struct health_declared {
	size_t alternatives;     /* number of known alternatives */
	bool alternatives_known; /* the manifest said something */
};

/* Forge facts (online enrichment; known false offline). */
struct health_forge {
	bool known;               /* the forge API answered */
	bool archived;            /* archived or disabled on the forge */
	long stars, forks;        /* adoption signals */
	long issues_opened_365;   /* issues opened in 365 days */
	long issues_closed_365;   /* issues closed in 365 days */
	long changes_opened_365;  /* pull/merge requests opened */
	long changes_closed_365;  /* ... closed or merged */
	double median_close_days; /* issues closed in 365 days; -1 none */
	/* Per-item samples (src/net/forge.h): state 0 none, 1 measured,
	 * 2 unknown (a request failed; the reason in detail_note). */
	int response_state;          /* CHAOSS time to first response */
	double median_response_days; /* over answered items; -1 none */
	long response_sample;        /* issues and changes sampled */
	long response_answered;      /* of them answered */
	int review_state;            /* review of merged changes */
	long review_sample;          /* merged changes sampled */
	long reviewed;               /* of them reviewed by another */
	/* Releases published on the forge (drafts, pre-releases apart):
	 * the same states; used when the git tags show no release. */
	int releases_state;
	long releases, prereleases, releases_365;
	long releases_with_notes;     /* with a description */
	int64_t last_release;         /* 0 none */
	const char *last_release_tag; /* its tag; "" none */
	double release_interval_days; /* median; -1 fewer than 2 */
	const char *detail_note;      /* why unknown; may be NULL */
};

/* Relicensing-risk evidence (health/relicense.h), from the tree. */
struct health_relicensing {
	bool known;                  /* the tree was read for it */
	const char *cla;             /* first CLA signal, "path: what"; NULL */
	bool assignment;             /* the wording assigns copyright */
	size_t sampled;              /* source files whose head was read */
	size_t noticed;              /* of them with a copyright notice */
	const char *top_holder;      /* holder naming the most files; NULL */
	size_t top_files;            /* files naming it */
	size_t holders;              /* distinct holders */
	bool relicensed;             /* the license history shows a change */
	const char *relicensed_note; /* the change, one line; NULL */
	bool source_available;       /* a source-available license now or
				   before */
};

struct health_input {
	int64_t now;                        /* evaluation time */
	const struct tree_files *files;     /* HEAD tree; NULL = unknown */
	const struct health_text *ci_text;  /* CI workflow contents */
	size_t ci_text_nr;                  /* entries in ci_text */
	struct health_license license;      /* license facts */
	struct health_history history;      /* history facts */
	struct health_declared declared;    /* manifest facts */
	struct health_num vulnerabilities;  /* known open vulns; enrichment */
	const char *vulnerabilities_note;   /* why unknown, when it is */
	const char *vulnerabilities_ids;    /* "GHSA-..., CVE-..." evidence */
	const char *vulnerabilities_source; /* "OSV" or "local OSV records" */
	struct health_num vuln_fix_days;    /* median days from publication to
					    a release with the fix (else to
					    the fix commit); local records */
	const char *vuln_fix_note;          /* why unknown, when it is */
	const char *vuln_fix_evidence; /* "OSV-1: 3 days (curl-8_5_0), ..." */
	struct health_forge forge;     /* forge facts (enrichment) */
	struct health_relicensing relicensing; /* relicensing-risk evidence */
};

struct health_check {
	enum health_category category; /* which category it counts in */
	const char *name;              /* stable id, e.g. "binary-artifacts" */
	enum health_state state;       /* scored / n.a. / unknown */
	double score;                  /* 0..10 when scored */
	double weight;                 /* from the weights */
	const char *reason;            /* one line */
	const char *evidence[HEALTH_MAX_EVIDENCE]; /* paths, ids, counts */
	size_t evidence_nr;                        /* entries in evidence */
	size_t evidence_more;                      /* items left out */
};

struct health_category_score {
	enum health_state state; /* scored, or unknown when nothing scored */
	double score;            /* weighted mean, 0..10 */
	size_t scored;           /* checks that counted */
	size_t total;            /* checks in the category */
};

struct health_result {
	struct oh_arena arena;                        /* owns strings */
	struct health_check check[HEALTH_MAX_CHECKS]; /* in a fixed order */
	size_t check_nr;                              /* entries in check */
	struct health_category_score category[HEALTH_CATEGORY_NR];
	enum health_risk_level risk; /* overall level */
	const char *risk_reason;     /* why */
};

/* Weights: category -> check name -> weight (default 1). */
struct health_weights;

/**
 * Load rules/scoring.json (or `path` when not NULL).  Errors: OH_ENOTFOUND,
 * OH_EIO, OH_EINPUT (bad JSON or a negative weight, with the key).
 * Free with health_weights_free().
 */
int health_weights_load(struct health_weights **out, const char *path,
			struct oh_err *err);

/** Parse weights from a JSON buffer (for tests and the fuzz harness). */
int health_weights_parse(struct health_weights **out, const char *data,
			 size_t len, const char *name, struct oh_err *err);

/** Free weights; NULL is a no-op. */
void health_weights_free(struct health_weights *w);

/** Version string of the weights file ("scoring.json v1"); borrowed. */
const char *health_weights_version(const struct health_weights *w);

/**
 * Run every check over `in` into `out` (zeroed by the function; release
 * with health_result_release()).  `w` may be NULL (all weights 1).
 */
void health_evaluate(struct health_result *out, const struct health_input *in,
		     const struct health_weights *w);

/** Free the result's strings. */
void health_result_release(struct health_result *r);

/** Find a check by name (borrowed), or NULL. */
const struct health_check *health_result_find(const struct health_result *r,
					      const char *name);

const char *health_category_name(enum health_category c);
const char *health_state_name(enum health_state s);
const char *health_risk_name(enum health_risk_level l);

#endif /* OH_HEALTH_HEALTH_H */
