/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef OH_SBOM_SOURCE_H
#define OH_SBOM_SOURCE_H

/*
 * What a source tree says about itself, as SBOM generation and
 * verification need it: every regular file with its SHA-1 and SHA-256,
 * its own SPDX tags (split into license ids) and its effective license;
 * the package verification code; the declared, detected and concluded
 * license of the license engine; and, for a git repository, the commit,
 * the tags pointing at it, `git describe --tags` and the origin URL.
 *
 * Operations: collect_sbom_source() (collect/collect.h) collects: one
 * open, one tree walk, or a plain directory; everything in sbom/ that
 * uses a struct sbom_source is a pure function of it.  sbom_verif_code() computes the SPDX package
 * verification code over the files, minus excluded names.
 *
 * Files are the regular files and executables of the tree; symbolic
 * links and submodules are not SPDX files and are counted in `skipped`.
 * Limits: the license scanner's (LIC_SCAN_MAX_FILES); a file larger than
 * SBOM_SOURCE_MAX_FILE bytes is an OH_ELIMIT error (a checksum cannot be
 * left out).  Memory: the arena owns everything.  One source per thread.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"

struct oh_err;

#define SBOM_SOURCE_MAX_FILE (2ull << 30)
#define SBOM_SOURCE_MAX_TAGS 256

struct sbom_source_file {
	const char *path;    /* from the root, '/'-separated */
	char sha1[41];       /* lower-case hex of the content */
	char sha256[65];     /* lower-case hex of the content */
	uint64_t size;       /* bytes */
	bool read;           /* its head was searched for SPDX tags */
	const char *tag;     /* its own tags joined with AND, or NULL */
	bool tag_valid;      /* tag parses as an SPDX expression */
	const char **ids;    /* license ids (and LicenseRef-) of the tags */
	size_t nids;         /* entries in ids */
	const char *license; /* effective license (tags, REUSE), or NULL */
	bool license_valid;  /* license parses as an SPDX expression */
	const char *text;    /* license text files (LICENSES/...): content */
	const char *text_license; /* license text: what the matcher named */
};

struct sbom_source {
	struct oh_arena arena;         /* owns everything */
	const char *root;              /* the path given */
	const char *name;              /* default package name */
	bool git;                      /* read from git objects */
	char commit[41];               /* git: the commit read */
	const char *describe;          /* git: describe --tags, or NULL */
	const char **tags;             /* git: tag names at the commit */
	size_t ntags;                  /* entries in tags */
	const char *remote;            /* git: origin URL, redacted; NULL */
	struct sbom_source_file *file; /* sorted by path (byte order) */
	size_t file_nr;                /* entries in file */
	size_t skipped;                /* symlinks and submodules */
	char verif_code[41];           /* over every file */
	const char *declared;          /* license engine; NULL when none */
	const char *detected;          /* license engine; NULL when none */
	const char *concluded;         /* license engine; "NONE" when none */
};

/* clang-format off */
#define SBOM_SOURCE_INIT { .arena = OH_ARENA_INIT }
/* clang-format on */

/** Lower-case hex of n digest bytes into out (2n + 1 bytes). */
void sbom_hex(char *out, const unsigned char *md, unsigned n);

/** Look a path up ("a/b.c" or "./a/b.c"); NULL when absent. */
const struct sbom_source_file *sbom_source_find(const struct sbom_source *s,
						const char *path);

/**
 * The SPDX package verification code: SHA-1 of the sorted concatenation
 * of the files' SHA-1s, leaving out files whose name (with or without
 * "./") is in `excluded`.  Writes 40 hex digits and a NUL to out.
 */
void sbom_verif_code(char out[41], const struct sbom_source *s,
		     const char *const *excluded, size_t nexcluded);

/** Free everything; *s returns to SBOM_SOURCE_INIT. */
void sbom_source_release(struct sbom_source *s);

#endif /* OH_SBOM_SOURCE_H */
