/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef OH_LICENSE_ADAPT_H
#define OH_LICENSE_ADAPT_H

/*
 * The scanner's view of the license engine: the few operations the
 * repository scan, the summary and the pre-merge gate need, behind one
 * small interface so that the scanner does not depend on the engine's
 * internals.
 *
 * Operations: open the engine (loads the SPDX data); identify a license
 * text (exact, close with a percentage, or unknown with the nearest
 * license); check an SPDX expression and walk its leaves combining a
 * per-leaf verdict with AND/OR (WITH: the license leaf decides and the
 * exception must be known); the OSI flag and category of an id.
 *
 * Memory: a struct lic_adapt is created by lic_adapt_open() and freed by
 * lic_adapt_close().  Results are copied into caller structs.  The text
 * matcher's index is built on the first lic_adapt_match_text() call, so a
 * run that identifies no text does not pay for it.  Thread safety: one
 * thread (the lazy build is not locked).
 */

#include <stdbool.h>
#include <stddef.h>

struct oh_err;
struct lic_adapt;

enum lic_adapt_kind {
	LIC_ADAPT_NONE,    /* no text to match (empty) */
	LIC_ADAPT_EXACT,   /* exact match after normalisation */
	LIC_ADAPT_CLOSE,   /* similar above the engine's threshold */
	LIC_ADAPT_UNKNOWN, /* not identified; `nearest` may be set */
};

/* Every member is kept by the match cache: a new one must be added to
 * lic_adapt_match_encode() and _decode() (match_cache.c), or a re-scan
 * reads the answer without it. */
struct lic_adapt_match {
	enum lic_adapt_kind kind;
	char expr[256];      /* identified license(s) as an expression; "" */
	char project[256];   /* the file's own license (see below); "" */
	char bundled[256];   /* the other licenses it carries, AND; "" */
	bool unnamed_own;    /* the file's first license could not be named
			    * (its project part is unknown, not the next) */
	unsigned percent;    /* similarity for CLOSE/UNKNOWN */
	char nearest[64];    /* UNKNOWN: closest id, or "" */
	char desc[256];      /* engine's description of the hits, or "" */
	bool prose;          /* no license text in it: only notices, or
			      * nothing named */
	char ambiguous[256]; /* ids of expr whose -only / -or-later the
			      * text leaves open (a bare GNU text),
			      * space-separated; "" */
};

/* One leaf of an expression, as handed to a leaf callback. */
struct lic_adapt_leaf {
	const char *id;        /* license id or LicenseRef-...; never NULL */
	const char *exception; /* WITH exception id, or NULL */
	bool plus;             /* "id+" */
	bool known;            /* id is on the SPDX list (or a LicenseRef) */
	bool exception_known;  /* exception is on the SPDX exception list */
	bool deprecated;       /* id is a deprecated SPDX id */
	bool osi;              /* the license is OSI-approved */
	const char *category;  /* "permissive", ...; "" when unknown */
};

/* Verdict for one leaf: true = acceptable. */
typedef bool (*lic_adapt_leaf_fn)(void *ctx, const struct lic_adapt_leaf *l);

/** Load the engine's data.  OH_ENOTFOUND / OH_EINPUT naming the file. */
int lic_adapt_open(struct lic_adapt **out, struct oh_err *err);

/** Free the engine; NULL is a no-op. */
void lic_adapt_close(struct lic_adapt *a);

/**
 * Identify a license text (len bytes, need not be NUL-terminated).
 *
 * A file with several licenses is read the way people read it: the first
 * license is the file's own (`project`); a later one joins it with OR when
 * the words before it offer a choice ("either", "choose", "dual",
 * "alternative", "whichever"), and is otherwise a bundled part
 * (`bundled`: third-party notices appended to a COPYING).  A GNU license
 * with an exception paragraph ("As a special exception", "In addition to
 * the permissions in the GNU General Public License") becomes
 * `id WITH exception` when the paragraph is a known SPDX exception, else
 * `id AND LicenseRef-<name>-exception`: the license never vanishes.  A
 * region no SPDX text matches, introduced by a title line naming a
 * license, becomes `LicenseRef-<title>`.  `expr` is every license of the
 * file: project and bundled joined with AND.
 */
void lic_adapt_match_text(struct lic_adapt_match *out, struct lic_adapt *a,
			  const char *text, size_t len);

/**
 * Serve lic_adapt_match_text() from a cache of earlier answers
 * (match_cache.h): a text is matched, and the matcher built, only when
 * the cache does not know it; every new answer is put.  `c` is copied;
 * NULL turns the cache off.
 */
struct lic_adapt_cache;
void lic_adapt_set_cache(struct lic_adapt *a, const struct lic_adapt_cache *c);

/**
 * A root license file, read as its reader would: lic_adapt_match_text(),
 * and when the file holds no license text (only notices, or nothing the
 * matcher names) and is short prose, the licenses its sentences name
 * (license/statement.h: "all files in the lib directory use a BSD
 * 2-Clause license", "the applications are under the GNU GPL version
 * 3") join the file's own license: with OR when every sentence naming
 * them offers a choice, else with AND.  Only complete ids count ("BSD"
 * alone names no license).
 */
void lic_adapt_match_root(struct lic_adapt_match *out, struct lic_adapt *a,
			  const char *text, size_t len);

/**
 * Refine the project license `expr` (from the root license files; `amb`
 * its ids whose -only / -or-later the texts leave open) with the README's
 * License section `readme` (lic_statement_readme()): an open GNU id takes
 * the suffix the README states for the same license and version; the AND
 * of several files becomes OR when one sentence offering a choice names
 * every one of them ("dual-licensed under BSD OR GPLv2").  The README
 * never adds, removes or replaces a license.  Writes the result to out
 * (size bytes) and returns true when it differs from expr.
 */
bool lic_adapt_refine_readme(char *out, size_t size, const char *expr,
			     const char *amb, const char *readme, size_t len);

/**
 * Parse `expr`; when valid, call `fn` for every leaf and combine the
 * answers (AND: all, OR: any) into *result.  Returns 0, or OH_EINPUT with
 * the position and what was expected in err (input named `name`).
 * `fn` may be NULL to only validate.
 */
int lic_adapt_eval(bool *result, struct lic_adapt *a, const char *expr,
		   lic_adapt_leaf_fn fn, void *ctx, const char *name,
		   struct oh_err *err);

/**
 * Call `fn` for every leaf of a valid expression, left to right (no
 * short-circuit, unlike lic_adapt_eval()); its return value is ignored.
 * Errors as lic_adapt_eval().
 */
int lic_adapt_walk(struct lic_adapt *a, const char *expr, lic_adapt_leaf_fn fn,
		   void *ctx, const char *name, struct oh_err *err);

/** True when every leaf of a valid expression is OSI-approved per
 * AND/OR (WITH: the license is approved and the exception known). */
int lic_adapt_osi(bool *result, struct lic_adapt *a, const char *expr,
		  struct oh_err *err);

/* How the licenses of two identifications compare. */
enum lic_adapt_diff {
	LIC_ADAPT_SAME,    /* the same licenses */
	LIC_ADAPT_WIDENED, /* the same licenses, one widened: -only ->
			    * -or-later, or an exception added (WITH) */
	LIC_ADAPT_ADDED,   /* `after` keeps every license and names more */
	LIC_ADAPT_REMOVED, /* `after` names fewer, and nothing new */
	LIC_ADAPT_CHANGED, /* a license is gone and another is new */
};

/**
 * Compare two license identifications: `before` and `after` are
 * expressions (several files' joined with AND), `before_amb` and
 * `after_amb` their ids whose -only / -or-later is open (the
 * `ambiguous` of lic_adapt_match_text(); NULL for none).  The
 * expressions are compared as sets of top-level AND terms; two terms are
 * equal when their words are, except that an id left open on one side
 * equals the same license with either suffix on the other ("LGPL-2.1
 * or later" in a notice and a bare LGPL-2.1 text are one license).
 * Pure; no engine needed.
 */
enum lic_adapt_diff lic_adapt_compare(const char *before,
				      const char *before_amb, const char *after,
				      const char *after_amb);

#endif /* OH_LICENSE_ADAPT_H */
