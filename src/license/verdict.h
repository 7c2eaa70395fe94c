/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef OH_LICENSE_VERDICT_H
#define OH_LICENSE_VERDICT_H

/*
 * The licensing verdict for one repository: from the declared expressions
 * (package metadata, SPDX tags, REUSE) and the detected license texts
 * (matcher hits in license files), say what is declared, what is
 * detected, whether they agree, whether the outcome is OSI-approved, and
 * list findings with evidence.
 *
 * OSI outcome of an expression: a license leaf is approved when its id is
 * on the list with the OSI flag (a deprecated id counts as its modern
 * equivalent); "id+" as id; a WITH leaf when the license is approved and
 * the exception is on the exception list; OR when some branch is; AND
 * when all are.  LicenseRef-, NONE and NOASSERTION are not approved.
 *
 * Agreement: every detected license id (ignoring -only/-or-later when the
 * text left the version ambiguous) appears in some declared expression,
 * and every declared leaf is detected in some file, where any license
 * file was found.
 *
 * Findings (each with file, line, matched share when known):
 *   MISSING       nothing declared and no license text found
 *   UNKNOWN_TEXT  a license file that matched nothing (nearest given)
 *   UNKNOWN_ID    a declared id not on the SPDX list
 *   INVALID_EXPR  a declared expression that does not parse
 *   DEPRECATED_ID a declared deprecated id (modern equivalent given)
 *   NON_OSI       the outcome is not OSI-approved (which license)
 *   DISAGREE      declared and detected differ (which ids)
 *   AMBIGUOUS     a GNU text without notice: -only or -or-later unknown
 *   EXTRA_TEXT    a license file with a large unmatched share
 *   MODIFIED_TEXT a license text that differs from the SPDX text (close
 *                 match: the differences may change the terms)
 *
 * Pure function: no I/O; inputs are borrowed; the verdict owns its
 * strings (lic_verdict_release()).
 */

#include <stdbool.h>
#include <stddef.h>

struct oh_err;
struct lic_list;
struct lic_match_hit;

/* A declared license expression and where it came from. */
struct lic_declared_expr {
	const char *expr;   /* as written */
	const char *file;   /* e.g. "package.json", "src/a.c" */
	unsigned line;      /* 1-based; 0 when unknown */
	const char *source; /* "package.json", "spdx-tag", "reuse", ... */
};

/* A detected license text: the matcher's hits for one file. */
struct lic_detected_text {
	const char *file;                /* e.g. "LICENSE" */
	const struct lic_match_hit *hit; /* hits of that file (borrowed) */
	size_t nhit;
	unsigned unmatched_share; /* from lic_match_result */
};

enum lic_osi {
	LIC_OSI_UNKNOWN, /* nothing to judge */
	LIC_OSI_YES,
	LIC_OSI_NO,
};

enum lic_finding_kind {
	LIC_FIND_MISSING,
	LIC_FIND_UNKNOWN_TEXT,
	LIC_FIND_UNKNOWN_ID,
	LIC_FIND_INVALID_EXPR,
	LIC_FIND_DEPRECATED_ID,
	LIC_FIND_NON_OSI,
	LIC_FIND_DISAGREE,
	LIC_FIND_AMBIGUOUS,
	LIC_FIND_EXTRA_TEXT,
	LIC_FIND_MODIFIED_TEXT,
};

struct lic_finding {
	enum lic_finding_kind kind;
	char *file;     /* owned; NULL when repository-wide */
	unsigned line;  /* 1-based; 0 when unknown */
	unsigned share; /* matched share in percent; 0 when not applicable */
	char *msg;      /* owned; one line */
};

struct lic_verdict {
	char *declared;   /* "A AND B" of the distinct declared expressions,
			     * or NULL when nothing valid was declared */
	char *detected;   /* detected ids joined with " AND ", or NULL */
	bool agree;       /* see above; false when either side is empty */
	enum lic_osi osi; /* of declared, else of detected */
	struct lic_finding *finding; /* in input order */
	size_t nfinding;
};

/* clang-format off */
#define LIC_VERDICT_INIT { .declared = NULL }
/* clang-format on */

/**
 * Compute the verdict.  `list` is needed for OSI flags and id checks.
 * Returns 0 (all problems become findings).
 */
int lic_verdict_compute(struct lic_verdict *out, const struct lic_list *list,
			const struct lic_declared_expr *decl, size_t ndecl,
			const struct lic_detected_text *det, size_t ndet);

/** Free a verdict's contents and return it to LIC_VERDICT_INIT. */
void lic_verdict_release(struct lic_verdict *v);

/**
 * OSI outcome of one expression string (see above).  OH_EINPUT when it
 * does not parse (err has the position).
 */
int lic_expr_osi(enum lic_osi *out, const struct lic_list *list,
		 const char *expr, struct oh_err *err);

/** "missing", "unknown-text", ... (stable names for reports). */
const char *lic_finding_kind_name(enum lic_finding_kind k);

#endif /* OH_LICENSE_VERDICT_H */
