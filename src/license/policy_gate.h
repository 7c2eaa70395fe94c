/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef OH_LICENSE_POLICY_GATE_H
#define OH_LICENSE_POLICY_GATE_H

/*
 * The pre-merge license gate: every file in a list (the files added or
 * modified since a base revision, or all files) must carry an SPDX tag
 * or be covered by REUSE metadata, its expression must be valid, and its
 * license must be allowed by the policy.
 *
 * Policy (JSON, documented in docs/license.md):
 *   { "allow": { "osi": true, "ids": [...], "categories": [...] },
 *     "deny":  { "ids": [...], "categories": [...] } }
 * A leaf (license id, with its WITH exception) is denied when its id or
 * its category is on a deny list; otherwise allowed when its id ("MIT",
 * "LicenseRef-x", or "id WITH exception") is on the allow list, its
 * category is, or allow.osi is true and the license is OSI-approved with
 * a known exception; otherwise not allowed.  AND needs every branch, OR
 * one.  The default policy is allow.osi = true and nothing else.
 *
 * Limits: policy file LIC_POLICY_MAX_BYTES, LIC_POLICY_MAX_ITEMS entries
 * per list (OH_ELIMIT); unknown keys are an error (OH_EINPUT), so a typo
 * cannot silently weaken a gate.
 *
 * Memory: a policy and a gate result own their strings; release them.
 * Pure functions over the scan; thread safe on distinct results.
 */

#include <stdbool.h>
#include <stddef.h>

struct lic_adapt;
struct lic_scan;
struct oh_err;

#define LIC_POLICY_MAX_BYTES (256u * 1024)
#define LIC_POLICY_MAX_ITEMS 1000u

struct lic_policy {
	bool allow_osi;     /* OSI-approved licenses are allowed */
	char **allow_id;    /* ids allowed */
	size_t allow_id_nr; /* entries */
	char **allow_cat;   /* categories allowed */
	size_t allow_cat_nr;
	char **deny_id; /* ids denied (wins over allow) */
	size_t deny_id_nr;
	char **deny_cat; /* categories denied */
	size_t deny_cat_nr;
	char **review_id; /* ids neither allowed nor denied: to review */
	size_t review_id_nr;
	char **review_cat; /* categories to review */
	size_t review_cat_nr;
	char *source; /* policy file path, or "default" */
};

/**
 * The default: OSI-approved licenses are allowed; the other free
 * licenses (categories permissive, weak-, strong- and network-copyleft,
 * public-domain-like: curl, Unicode, the font licenses...) are to review;
 * everything else (source-available, other, unknown ids) is denied.
 */
void lic_policy_default(struct lic_policy *p);

/** Load a policy file; OH_EIO, OH_EINPUT (naming the key), OH_ELIMIT. */
int lic_policy_load(struct lic_policy *p, const char *path, struct oh_err *err);

/** Parse a policy from memory (for tests and fuzzing). */
int lic_policy_parse(struct lic_policy *p, const char *buf, size_t len,
		     const char *name, struct oh_err *err);

void lic_policy_release(struct lic_policy *p);

/**
 * Is `expr` allowed?  Returns 1 allowed, 2 allowed only if the licenses
 * the policy leaves to review are accepted (why names the first one), 0
 * not (why holds the first offending license: "BUSL-1.1
 * (source-available) is not allowed"), or OH_EINPUT when expr is invalid
 * (err set, naming `name`).
 */
int lic_policy_allows(const struct lic_policy *p, struct lic_adapt *a,
		      const char *expr, char *why, size_t why_size,
		      const char *name, struct oh_err *err);

enum lic_gate_status {
	LIC_GATE_OK,       /* tagged or covered, valid, allowed */
	LIC_GATE_EXEMPT,   /* REUSE ignores it (license text, symlink...) */
	LIC_GATE_NOTAG,    /* no tag and no REUSE coverage */
	LIC_GATE_INVALID,  /* the expression does not parse */
	LIC_GATE_DENIED,   /* the license is not allowed */
	LIC_GATE_NOTFOUND, /* the path is not in the scanned tree */
};

struct lic_gate_item {
	char *path;                  /* the file */
	enum lic_gate_status status; /* verdict */
	char *license;               /* effective expression, or NULL */
	char *source;                /* "tag line 1", "REUSE.toml:12", ... */
	char *problem;               /* one line; NULL when OK/EXEMPT */
	char *fix;                   /* what to do; NULL when OK/EXEMPT */
};

struct lic_gate {
	struct lic_gate_item *item; /* in path order */
	size_t item_nr;
	size_t item_alloc;
	size_t failed; /* items with NOTAG, INVALID, DENIED, NOTFOUND */
	char *suggest; /* license suggested in fixes */
};

/**
 * Judge `paths` (sorted) of `scan` under `p`.  `suggest` is the license
 * the fixes propose for untagged files (e.g. the repository's concluded
 * license when allowed), or NULL for a placeholder.
 */
void lic_gate_run(struct lic_gate *out, const struct lic_scan *scan,
		  const char *const *paths, size_t nr,
		  const struct lic_policy *p, struct lic_adapt *a,
		  const char *suggest);

void lic_gate_release(struct lic_gate *g);

/** "ok", "exempt", "no-tag", "invalid", "denied", "not-found". */
const char *lic_gate_status_name(enum lic_gate_status s);

#endif /* OH_LICENSE_POLICY_GATE_H */
