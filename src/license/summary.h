/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef OH_LICENSE_SUMMARY_H
#define OH_LICENSE_SUMMARY_H

/*
 * The repository's licensing from a scan: declared license (package
 * metadata at the root), detected license (license texts at the root and
 * in LICENSES/, identified by the engine), whether the two agree, the
 * concluded license and its OSI outcome, and findings with evidence.
 *
 * The project license is what a reader takes from the project's own
 * statements: root package metadata, root license files, the README's
 * License section.  Everything
 * else is "also present" (struct lic_sum_also, with where): texts under
 * LICENSES/ when a root license file exists, license files in
 * subdirectories (vendored code), bundled notices appended to a root
 * license file, root files for parts (NOTICE*, *-docs, *-extra,
 * THIRD-PARTY*), and SPDX tags of files.  One tagged file never becomes
 * the project license.
 *
 * Rules:
 *   - declared: the root metadata files, in a fixed order of formats;
 *     when several declare different licenses, they are joined with AND
 *     and a finding says so; without metadata, the tag expression of
 *     most tagged files when it covers half the files, or names the
 *     detected licenses and no README refined them;
 *   - detected: the project part of each root license text (see
 *     lic_adapt_match_root(): choices become OR, GNU exceptions WITH,
 *     a prose file gives the licenses it names), joined with AND --
 *     several license files usually mean a choice, but only the declared
 *     expression or the README can say so; without root texts, the texts
 *     of LICENSES/ (REUSE); then the root README's License section
 *     refines it (lic_adapt_refine_readme(): an open GNU suffix, the
 *     files' AND read as OR), never adding or replacing a license;
 *   - agree: declared and detected name the same set of license ids;
 *   - concluded: declared when it agrees or nothing was detected;
 *     detected when nothing is declared; "(declared) AND (detected)"
 *     when they disagree; with neither, the distinct SPDX tags when at
 *     least half the files needing a license are tagged; otherwise NONE;
 *   - OSI outcome: OR needs one approved branch, AND all, WITH an
 *     approved license and a known exception (engine rules); when not
 *     approved, osi_class says whether the license is permissive (curl,
 *     public-domain dedications), copyleft, source-available (BUSL,
 *     SSPL, Elastic), other terms, or absent; the finding is low for
 *     permissive licenses and high otherwise.
 * It also fills match_id / match_desc of every license text of the scan.
 *
 * Limits: LIC_SUMMARY_MAX_IDS distinct ids per side, expressions up to
 * LIC_SUMMARY_EXPR_MAX bytes (longer ones are cut: a finding).
 *
 * Memory: owned by the struct; lic_summary_release() frees it.  Pure
 * over the scan (no git, no clock).  Thread safety: none needed.
 */

#include <stdbool.h>
#include <stddef.h>

struct lic_adapt;
struct lic_scan;

#define LIC_SUMMARY_MAX_IDS  64u
#define LIC_SUMMARY_EXPR_MAX 2048u

enum lic_sum_osi {
	LIC_SUM_OSI_YES,     /* the concluded license is OSI-approved */
	LIC_SUM_OSI_NO,      /* it is not (or there is none) */
	LIC_SUM_OSI_UNKNOWN, /* the expression could not be evaluated */
};

enum lic_severity { LIC_SEV_INFO, LIC_SEV_LOW, LIC_SEV_MEDIUM, LIC_SEV_HIGH };

struct lic_sum_finding {
	const char *code;      /* "license-missing", ... (static) */
	enum lic_severity sev; /* severity */
	char *message;         /* one line */
	char *path;            /* evidence file; may be NULL */
	unsigned line;         /* evidence line; 0 */
};

struct lic_text_match {
	const char *path; /* borrowed from the scan */
	char *expr;       /* identified expression; NULL when unknown */
	char *desc; /* "exact", "close (93%)", "unknown (nearest: X 61%)" */
};

/* A license found in the tree that is not the project's license. */
struct lic_sum_also {
	char *expr;  /* expression */
	char *where; /* "LICENSES/ISC.txt", "COPYING (bundled notice)",
		      * "SPDX tags in 3 files (first: src/x.c:1)" */
};

struct lic_summary {
	char *declared;      /* expression or NULL */
	char *declared_from; /* "package.json:3, Cargo.toml:5" or NULL */
	char *detected;      /* expression or NULL */
	char *detected_from; /* "LICENSE, LICENSES/MIT.txt" or NULL */
	bool agree;          /* declared and detected agree (both set) */
	char *concluded;     /* never NULL: "NONE" when nothing */
	const char *concluded_basis; /* "declared", "detected", "tags", ... */
	enum lic_sum_osi osi;        /* OSI outcome of concluded */
	const char *osi_class;       /* "osi-approved", "permissive-not-osi",
				      * "copyleft-not-osi", "source-available",
				      * "other-terms", "none", "unknown" */
	struct lic_sum_also *also;   /* other licenses found, with where */
	size_t also_nr;              /* entries in also */
	size_t also_alloc;           /* allocated entries */
	size_t files;                /* files in the tree */
	size_t checked;              /* files needing a license (not exempt) */
	size_t tagged;               /* of those, with an SPDX tag */
	size_t reuse_covered;        /* of those, covered by REUSE metadata */
	size_t unlicensed;           /* of those, with neither */
	bool reuse;                  /* REUSE metadata present */
	struct lic_text_match *text; /* every license text of the scan */
	size_t text_nr;              /* entries in text */
	size_t text_alloc;           /* allocated entries */
	struct lic_sum_finding *finding; /* sorted by severity, path */
	size_t finding_nr;               /* entries in finding */
	size_t finding_alloc;            /* allocated entries */
};

/**
 * Build the summary of `scan` with the engine `a` into *out (zeroed by
 * the caller).  Never fails (problems become findings).
 */
void lic_summary_build(struct lic_summary *out, struct lic_scan *scan,
		       struct lic_adapt *a);

/** Free the summary's contents. */
void lic_summary_release(struct lic_summary *s);

/** "yes" / "no" / "unknown". */
const char *lic_sum_osi_name(enum lic_sum_osi o);

/** "info" / "low" / "medium" / "high". */
const char *lic_severity_name(enum lic_severity s);

#endif /* OH_LICENSE_SUMMARY_H */
