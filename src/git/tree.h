/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef OH_GIT_TREE_H
#define OH_GIT_TREE_H

/*
 * File facts from one walk over the tree of a revision: path, mode, size,
 * blob id and whether the content is binary.  The health checks read
 * these facts (tests, CI files, binary artifacts, documentation) and ask
 * for the content of a few small files (CI workflows) with
 * tree_blob_read().
 *
 * Reads git objects only; never checks out, never modifies the
 * repository.  Submodules (gitlinks) are listed with mode 0160000 and
 * size 0.
 *
 * Limits: TREE_MAX_FILES entries (OH_ELIMIT beyond), paths up to
 * TREE_MAX_PATH bytes (longer ones are skipped and counted).  Binary
 * detection reads blobs up to TREE_BINARY_SCAN_MAX bytes; larger blobs
 * are classified by size only (binary = unknown -> false, `large` set).
 *
 * Thread safety: one repository handle per thread (libgit2's rule).
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"

struct git_repository;
struct oh_buf;
struct oh_err;

#define TREE_MAX_FILES       2000000
#define TREE_MAX_PATH        4096
#define TREE_BINARY_SCAN_MAX (8u << 20)

struct tree_file {
	const char *path; /* full path from the root, '/'-separated */
	uint32_t mode;    /* git file mode: 0100644, 0100755, 0120000, ... */
	uint64_t size;    /* bytes of the blob */
	char blob_id[41]; /* hex object id */
	bool binary;      /* NUL byte in the first 8000 bytes (git's rule) */
	bool large;       /* larger than TREE_BINARY_SCAN_MAX; not scanned */
};

struct tree_files {
	struct oh_arena arena;  /* owns the paths */
	struct tree_file *file; /* sorted by path (byte order) */
	size_t file_nr;         /* entries in file */
	size_t file_alloc;      /* allocated entries */
	size_t skipped;         /* entries skipped (path too long) */
	char commit_id[41];     /* commit the tree belongs to */
	int64_t commit_time;    /* its committer time */
};

/* clang-format off */
#define TREE_FILES_INIT { .arena = OH_ARENA_INIT }
/* clang-format on */

/**
 * Walk the tree of `rev` (NULL: HEAD; any revision libgit2 can parse) in
 * `repo` and fill `out` (prepared with TREE_FILES_INIT).  `name` is the
 * repository's display name for errors.  Errors: OH_ENOTFOUND (revision
 * does not exist, empty repository), OH_EGIT, OH_ELIMIT.
 */
int tree_collect(struct tree_files *out, struct git_repository *repo,
		 const char *rev, const char *name, struct oh_err *err);

/** Free the contents of `t` and return it to TREE_FILES_INIT. */
void tree_files_release(struct tree_files *t);

/** Look up a path (borrowed), or NULL.  Binary search. */
const struct tree_file *tree_files_find(const struct tree_files *t,
					const char *path);

/**
 * Append the content of blob `blob_id` to out, failing with OH_ELIMIT if
 * it is larger than `max` bytes.  OH_ENOTFOUND / OH_EGIT otherwise.
 */
int tree_blob_read(struct oh_buf *out, struct git_repository *repo,
		   const char *blob_id, size_t max, struct oh_err *err);

#endif /* OH_GIT_TREE_H */
