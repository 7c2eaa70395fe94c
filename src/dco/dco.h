/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef OH_DCO_DCO_H
#define OH_DCO_DCO_H

/*
 * DCO rules: a pure function over commit facts (struct hist, collected by
 * hist_collect() or built by hand in tests).  No git, clock or I/O here.
 * The rules, documented for users in docs/dco.md:
 *
 *   - merge commits (2+ parents) are skipped unless include_merges;
 *   - bot authors (rules/bots.json) are skipped unless include_bots;
 *   - a commit passes when one of its Signed-off-by trailers (git's
 *     trailer rules, key case-insensitive) has an email equal to the
 *     author's, ignoring ASCII case, both after .mailmap; with
 *     require_name the names must match too (ignoring ASCII case);
 *   - a failing commit is remediated by a commit of the same set whose
 *     author email is the failing author's and whose message says
 *     "I, Name <email>, hereby add my Signed-off-by to this commit: <sha>"
 *     with that email and an id prefix (7+ hex digits) of the commit;
 *   - a failing commit authored as NNN+login@users.noreply.github.com is
 *     reported as DCO_FORGE_SQUASH (a forge squash merge that lost the
 *     contributor's address) rather than a plain mismatch.
 *
 * Ownership: dco_result_free() frees the result; strings inside borrow
 * from the hist, which must outlive it.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct hist;

enum dco_verdict {
	DCO_PASS,           /* a matching sign-off */
	DCO_REMEDIATED,     /* failed, fixed by a remediation commit */
	DCO_SKIP_MERGE,     /* merge commit, not checked */
	DCO_SKIP_BOT,       /* bot author, not checked */
	DCO_NO_SIGNOFF,     /* no Signed-off-by trailer at all */
	DCO_NOT_TRAILER,    /* a Signed-off-by line outside the trailers */
	DCO_EMAIL_MISMATCH, /* sign-offs, none with the author's email */
	DCO_NAME_MISMATCH,  /* email matches, name differs (require_name) */
	DCO_FORGE_SQUASH,   /* failing commit by NNN+login@users.noreply */
};

struct dco_rules {
	bool include_merges; /* check merge commits too */
	bool include_bots;   /* check bot authors too */
	bool require_name;   /* the sign-off name must match as well */
};

struct dco_item {
	size_t commit;            /* index into hist.commit */
	enum dco_verdict verdict; /* see above */
	size_t remedied_by;       /* commit index when DCO_REMEDIATED */
};

struct dco_result {
	struct dco_item *item; /* one per commit, in hist order */
	size_t nr;
	size_t checked;  /* commits the rules applied to */
	size_t passed;   /* DCO_PASS + DCO_REMEDIATED */
	size_t failed;   /* failures of any kind */
	size_t skipped;  /* merges and bots */
	size_t squashes; /* of the failures, DCO_FORGE_SQUASH */
};

/** Apply the rules to every commit of h; caller frees *out. */
void dco_check(struct dco_result **out, const struct hist *h,
	       const struct dco_rules *rules);

void dco_result_free(struct dco_result *r);

/** True when the verdict is a failure. */
bool dco_verdict_failed(enum dco_verdict v);

/** Short stable code ("no-signoff") and a one-line reason. */
const char *dco_verdict_code(enum dco_verdict v);
const char *dco_verdict_reason(enum dco_verdict v);

/** True when email looks like NNN+login@users.noreply.github.com. */
bool dco_is_forge_noreply(const char *email);

/* ---- history statistics for the scan ---------------------------------- */

struct dco_stats {
	size_t nonmerge_all;     /* non-merge commits, all time */
	size_t signed_all;       /* of which signed off by the author */
	size_t nonmerge_365;     /* non-merge commits in the last 365 days */
	size_t signed_365;       /* of which signed off */
	double share_all;        /* signed_all / nonmerge_all (0 if none) */
	double share_365;        /* the same for the last 365 days */
	int64_t enforced_since;  /* author time from which >= 99% are
				   signed; 0 when never */
	size_t enforced_commits; /* non-merge commits since that time */
};

/**
 * Signed-off shares (author-email rule, bots included, remediations not
 * considered) and the enforcement date: the earliest non-merge commit
 * (by author time) such that at least 99% of the non-merge commits from
 * it on are signed off, and that commit is itself signed off.
 */
void dco_stats_compute(struct dco_stats *out, const struct hist *h,
		       int64_t now);

#endif /* OH_DCO_DCO_H */
