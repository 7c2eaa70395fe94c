/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef OH_SBOM_VERIFY_H
#define OH_SBOM_VERIFY_H

/*
 * Does an SBOM tell the truth about the source it names?  The package the
 * document describes (its DESCRIBES relationship or documentDescribes;
 * the only package otherwise) is compared with a source read by
 * collect_sbom_source():
 *
 *   file-absent        a file of the package is not in the source
 *   file-unlisted      a source file is not in the package (files analysed)
 *   file-checksum      SHA-1 / SHA-256 differ from the content
 *   file-license       licenseInfoInFiles differs from the file's tags
 *   verification-code  the package verification code differs
 *   license-declared   the declared license differs from the engine's
 *   license-concluded  the concluded license differs from the engine's
 *   version            versionInfo is neither a tag at the commit nor
 *                      `git describe --tags`
 *   download-commit    the commit in downloadLocation is not the source's
 *   download-url       the repository URL differs from the origin remote
 *
 * Each is a mismatch with both values.  What cannot be checked (NOASSERTION
 * values, algorithms other than SHA-1/SHA-256, no origin remote) is a
 * note, not a mismatch.  Licenses are compared as sets of license ids
 * (operators and parentheses aside).
 *
 * Pure; the report owns its strings (arena).  Limits: SBOM_VERIFY_MAX
 * findings kept, the rest counted.
 */

#include <stdbool.h>
#include <stddef.h>

#include "core/arena.h"

struct oh_err;
struct sbom_doc;
struct sbom_source;

#define SBOM_VERIFY_MAX 1000

struct sbom_vfinding {
	bool mismatch;       /* false: a note (could not check) */
	const char *code;    /* "file-checksum", ... (static) */
	const char *element; /* SPDX id, or "document" */
	const char *what;    /* "./src/a.c SHA256", "licenseDeclared" */
	const char *sbom;    /* the document's value, or NULL */
	const char *source;  /* the source's value, or NULL */
};

struct sbom_verify_report {
	struct oh_arena arena;
	struct sbom_vfinding *f; /* in check order */
	size_t nf, alloc;
	size_t more;          /* findings not kept */
	size_t mismatches;    /* all mismatches, kept or not */
	size_t notes;         /* all notes, kept or not */
	const char *package;  /* SPDX id of the package checked */
	size_t files_checked; /* files of the SBOM found in the source */
	size_t checksums_ok;  /* checksums that matched */
};

/* clang-format off */
#define SBOM_VERIFY_INIT { .arena = OH_ARENA_INIT }
/* clang-format on */

/**
 * Compare `doc` with `src` into `out` (SBOM_VERIFY_INIT).  Returns 0, or
 * OH_EINPUT (with err) when the document has no package to verify.
 */
int sbom_verify(struct sbom_verify_report *out, const struct sbom_doc *doc,
		const struct sbom_source *src, struct oh_err *err);

/** Free the report's contents. */
void sbom_verify_release(struct sbom_verify_report *r);

#endif /* OH_SBOM_VERIFY_H */
