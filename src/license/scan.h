/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef OH_LICENSE_SCAN_H
#define OH_LICENSE_SCAN_H

/*
 * Finding license information in a repository: one pass over every file
 * of a revision's tree (as a visitor of the one tree walk, git objects,
 * no checkout) or of a plain directory.
 *
 * Per file it records the SPDX-License-Identifier tags of the file's head
 * (tags.h), whether REUSE metadata covers it (REUSE.toml or .reuse/dep5
 * at the root, or a `<file>.license` sidecar; reuse.h), whether it is a
 * license text (LICENSE*, LICENCE*, COPYING*, UNLICENSE*, NOTICE*,
 * *-LICENSE, and every file under LICENSES/), whose content is kept for
 * the license matcher, and whether it is package metadata (pkgmeta.h),
 * whose declared license is read.  The first README at the root
 * (README, README.md, README.rst, README.txt, ...) is kept whole too: its
 * License section refines the project license (lic_summary_build()).  The effective license of a file
 * follows REUSE precedence: a sidecar replaces the file's own tags; a
 * rule with precedence "override" replaces them; "aggregate" adds to
 * them (AND); otherwise ("closest", and every dep5 rule) the file's own
 * tags win and the rule only fills in files without tags.
 *
 * Files REUSE itself ignores are marked LIC_SF_EXEMPT (they need no tag):
 * license texts, everything under LICENSES/ and .reuse/, REUSE.toml, sidecars, symlinks
 * and submodules.
 *
 * The scanner does not identify license texts and does not parse
 * expressions: that is the license engine's work (see lic_summary_build()
 * in summary.h).  It never executes anything from the repository.
 *
 * Limits: LIC_SCAN_MAX_FILES files (OH_ELIMIT beyond); a file's head is
 * read up to LIC_TAG_SCAN_BYTES; files larger than LIC_SCAN_LARGE are not
 * read at all (flag LIC_SF_LARGE: "not read, too large"); a NUL byte in
 * the first 8000 bytes marks a file binary (git's rule) and it is not
 * searched for tags; license texts are kept up to LIC_SCAN_TEXT_MAX bytes;
 * metadata files up to LIC_META_MAX_BYTES; at most LIC_SCAN_MAX_TEXTS
 * license texts are kept.  Directory walks do not follow symlinks, skip
 * every `.git` entry and stop at depth LIC_SCAN_MAX_DEPTH.
 *
 * Memory: everything is owned by the struct lic_scan (its arena); free it
 * with lic_scan_release().  Thread safety: one scan per thread.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "facts/tree.h"
#include "license/pkgmeta.h"
#include "license/reuse.h"

struct oh_err;

#define LIC_SCAN_MAX_FILES 2000000u
#define LIC_SCAN_LARGE     (16u << 20)
#define LIC_SCAN_TEXT_MAX  (512u * 1024)
#define LIC_SCAN_MAX_TEXTS 5000u
#define LIC_SCAN_MAX_DEPTH 64u

enum lic_scan_flags {
	LIC_SF_BINARY = 1u << 0,   /* NUL byte in the head */
	LIC_SF_LARGE = 1u << 1,    /* larger than LIC_SCAN_LARGE; not read */
	LIC_SF_TEXT = 1u << 2,     /* a license text (by name or LICENSES/) */
	LIC_SF_META = 1u << 3,     /* package metadata (see decl) */
	LIC_SF_EXEMPT = 1u << 4,   /* REUSE ignores it: needs no tag */
	LIC_SF_SYMLINK = 1u << 5,  /* a symbolic link */
	LIC_SF_GITLINK = 1u << 6,  /* a submodule */
	LIC_SF_READ = 1u << 7,     /* its head was read */
	LIC_SF_SIDECAR = 1u << 8,  /* a `<file>.license` of another file */
	LIC_SF_ROOTTEXT = 1u << 9, /* a license text at the root/LICENSES */
	LIC_SF_MISSING = 1u << 10, /* blob absent (partial mirror); unread */
	LIC_SF_README = 1u << 11,  /* a README at the root (read whole) */
};

struct lic_scan_file {
	const char *path;          /* from the root, '/'-separated */
	char blob_id[41];          /* hex object id; "" in directory mode */
	uint64_t size;             /* bytes */
	unsigned flags;            /* enum lic_scan_flags */
	const char *tag;           /* the file's tags joined with AND; NULL */
	unsigned tag_line;         /* line of the first tag; 0 */
	unsigned tag_nr;           /* number of tags found */
	const char *reuse;         /* expression from REUSE metadata; NULL */
	const char *reuse_at;      /* "REUSE.toml:12", "x.png.license:1" */
	const char *license;       /* effective expression (see above); NULL */
	const char *text;          /* LIC_SF_TEXT: content, NUL-terminated */
	size_t text_len;           /* its length (may be cut at TEXT_MAX) */
	struct lic_declared *decl; /* LIC_SF_META: declared license */
};

struct lic_scan {
	struct oh_arena arena;      /* owns paths, texts, expressions */
	struct lic_scan_file *file; /* sorted by path (byte order) */
	size_t file_nr;             /* entries in file */
	size_t file_alloc;          /* allocated entries */
	struct lic_reuse reuse;     /* parsed REUSE.toml or dep5 */
	bool has_reuse;             /* reuse holds rules */
	bool git;                   /* read from git objects */
	char commit_id[41];         /* the scanned commit (git mode) */
	const char *readme;         /* the first root README's content; NULL */
	size_t readme_len;          /* its length (cut at LIC_SCAN_TEXT_MAX) */
	const char *readme_path;    /* its path */
	char **note;                /* messages: skipped files, bad metadata */
	size_t note_nr;             /* entries in note */
	size_t note_alloc;          /* allocated entries */
	size_t read_nr;             /* files whose head was read */
	size_t binary_nr;           /* binary files */
	size_t large_nr;            /* files not read for size */
	size_t cached_nr;           /* files answered by the cache */
};

/* clang-format off */
#define LIC_SCAN_INIT { .arena = OH_ARENA_INIT, .reuse = LIC_REUSE_INIT }
/* clang-format on */

/*
 * Facts of one blob that do not depend on its path, cached by blob id
 * between scans (git mode only; see lic_scan_cache).
 */
struct lic_blob_facts {
	uint64_t size;     /* bytes */
	bool binary;       /* NUL byte in the head */
	bool large;        /* not read for size */
	const char *tag;   /* joined tags or NULL; borrowed */
	unsigned tag_line; /* line of the first tag */
	unsigned tag_nr;   /* number of tags */
};

/*
 * An optional cache of blob facts (e.g. the `blobs` table of the store),
 * so that a re-scan only reads new blobs.  get() returns 1 and fills *out
 * (out->tag valid until the next call) on a hit, 0 on a miss; put()
 * records facts.  Only files whose head alone is needed use the cache;
 * license texts, metadata and REUSE files are always read.
 */
struct lic_scan_cache {
	void *ctx;
	int (*get)(void *ctx, const char *blob_id, struct lic_blob_facts *out);
	void (*put)(void *ctx, const char *blob_id,
		    const struct lic_blob_facts *f);
};

struct lic_scan_opts {
	const char *rev; /* git mode: revision to read (NULL: HEAD) */
	const struct lic_scan_cache *cache; /* NULL: no cache */
	/*
	 * When non-NULL, only these paths (sorted, byte order) have their
	 * heads read for tags; every file is still listed, and license
	 * texts, metadata and REUSE files are always read.
	 */
	const char *const *only;
	size_t only_nr; /* entries in only */
	bool no_git;    /* read a work tree as a plain directory */
};

/**
 * Scan the plain directory `path` (no git: opts->rev must be NULL).
 * *out must be LIC_SCAN_INIT.  Errors: OH_ENOTFOUND (path missing),
 * OH_EINPUT (a revision asked of a directory), OH_EIO, OH_ELIMIT.
 * Malformed REUSE or metadata files are notes, not errors.  A git
 * repository is scanned during the one tree walk instead (below).
 */
int lic_scan_run(struct lic_scan *out, const char *path,
		 const struct lic_scan_opts *opts, struct oh_err *err);

/** Look a path up (binary search); NULL when absent.  Borrowed. */
const struct lic_scan_file *lic_scan_find(const struct lic_scan *s,
					  const char *path);

/*
 * Git mode: the scan as a visitor of the one tree walk (git/tree.h,
 * collect/collect.h).  lic_scan_walk_begin() fills *v; after the walk,
 * lic_scan_walk_end() with ok = walk succeeded sorts the files, applies
 * REUSE rules and records `commit_id`, then frees the walk.  *s must be
 * LIC_SCAN_INIT; `opts` is copied (its cache and `only` array must
 * outlive the walk); `err` gets the visitor's errors (OH_ELIMIT).
 */
struct lic_scan_walk;
void lic_scan_walk_begin(struct lic_scan_walk **out, struct tree_visitor *v,
			 struct lic_scan *s, const struct lic_scan_opts *opts,
			 const char *name, struct oh_err *err);
void lic_scan_walk_end(struct lic_scan_walk *w, const char *commit_id, bool ok);

/** Free everything; *s returns to LIC_SCAN_INIT. */
void lic_scan_release(struct lic_scan *s);

/** Base-name test for license texts ("LICENSE", "COPYING.md", ...). */
bool lic_scan_is_license_name(const char *basename);

#endif /* OH_LICENSE_SCAN_H */
