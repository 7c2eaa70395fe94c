/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef OH_LICENSE_REUSE_H
#define OH_LICENSE_REUSE_H

/*
 * REUSE metadata: REUSE.toml (REUSE 3.2, `[[annotations]]` with `path`,
 * `precedence` and `SPDX-License-Identifier`) and the older
 * `.reuse/dep5` (Debian copyright format 1.0: `Files:` and `License:`
 * fields of each paragraph).
 *
 * Operations: parse either file into a list of rules; find the rule that
 * covers a path (the last matching rule wins, as both formats say); match
 * one glob.
 *
 * Glob semantics differ by source and follow each specification:
 *   REUSE.toml: '*' matches within one path component, '**' across '/',
 *               '\' escapes the next character;
 *   dep5:       '*' matches any sequence including '/', '?' one byte,
 *               '\' escapes.
 * Only the repository's root REUSE.toml is read; nested REUSE.toml files
 * are not (the caller notes them).
 *
 * Limits: LIC_REUSE_MAX_BYTES of input, LIC_REUSE_MAX_RULES rules,
 * LIC_REUSE_MAX_PATTERNS patterns per rule, expressions up to
 * LIC_REUSE_MAX_EXPR bytes (all OH_ELIMIT); matching is O(pattern x path)
 * with no backtracking blow-up.  Errors name the file and line.
 *
 * Memory: everything lives in the struct's arena; lic_reuse_release()
 * frees it.  Thread safety: a parsed struct lic_reuse is read-only and
 * may be shared.
 */

#include <stdbool.h>
#include <stddef.h>

#include "core/arena.h"

struct oh_err;

#define LIC_REUSE_MAX_BYTES    (1u << 20)
#define LIC_REUSE_MAX_RULES    10000u
#define LIC_REUSE_MAX_PATTERNS 1000u
#define LIC_REUSE_MAX_EXPR     1024u

enum lic_reuse_prec {
	LIC_REUSE_CLOSEST,   /* a file's own tag wins (default) */
	LIC_REUSE_AGGREGATE, /* the file's tag and the rule both apply */
	LIC_REUSE_OVERRIDE,  /* the rule wins over the file's tag */
};

struct lic_reuse_rule {
	const char **pattern; /* globs, relative to the root */
	size_t pattern_nr;    /* entries in pattern */
	const char *license;  /* SPDX expression; NULL if the rule has none */
	enum lic_reuse_prec prec; /* REUSE.toml only; dep5 is CLOSEST */
	unsigned line;            /* line of the rule's first key */
};

struct lic_reuse {
	struct oh_arena arena;       /* owns everything below */
	struct lic_reuse_rule *rule; /* in file order */
	size_t rule_nr;              /* entries in rule */
	size_t rule_alloc;           /* allocated entries */
	bool dep5;                   /* parsed from .reuse/dep5 */
	const char *source;          /* "REUSE.toml" or ".reuse/dep5" */
};

/* clang-format off */
#define LIC_REUSE_INIT { .arena = OH_ARENA_INIT }
/* clang-format on */

/**
 * Parse a REUSE.toml.  `name` is the path shown in errors.  Returns 0,
 * OH_EINPUT (syntax, unsupported version, wrong value types) or
 * OH_ELIMIT.  On failure *out keeps what was parsed before the error.
 */
int lic_reuse_parse_toml(struct lic_reuse *out, const char *buf, size_t len,
			 const char *name, struct oh_err *err);

/** Parse a .reuse/dep5 file; the same contract as lic_reuse_parse_toml(). */
int lic_reuse_parse_dep5(struct lic_reuse *out, const char *buf, size_t len,
			 const char *name, struct oh_err *err);

/** The last rule with a license that covers `path`, or NULL (borrowed). */
const struct lic_reuse_rule *lic_reuse_match(const struct lic_reuse *r,
					     const char *path);

/** Match one glob against a path with the semantics of the source. */
bool lic_reuse_glob(const char *pattern, const char *path, bool dep5);

/** Free everything and return to LIC_REUSE_INIT. */
void lic_reuse_release(struct lic_reuse *r);

#endif /* OH_LICENSE_REUSE_H */
