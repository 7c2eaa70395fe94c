/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef OH_GIT_TREE_H
#define OH_GIT_TREE_H

/*
 * One walk over the tree of a revision: the file facts of facts/tree.h
 * (path, mode, size, blob id, binary), and for each file the content that
 * the visitors ask for, so that one pass serves the binary test, the
 * license scan (SPDX tags, license texts, package metadata) and any other
 * per-blob reader.  Each blob is inflated at most once per walk.
 *
 * Sizes are known before reading: the object header gives the size
 * (git_odb_read_header), and a blob over TREE_READ_MAX is never inflated
 * (its file is `large`; visitors get no content for it).  The binary
 * test is git's: a NUL byte in the first 8000 bytes.
 *
 * Reads git objects only; never checks out, never modifies the
 * repository.  Submodules (gitlinks) are listed with mode 0160000 and
 * size 0; symbolic links with mode 0120000 (their target is not read).
 *
 * Limits: TREE_MAX_FILES entries (OH_ELIMIT beyond), paths up to
 * TREE_MAX_PATH bytes (longer ones are skipped and counted).
 *
 * Thread safety: one repository handle per thread (libgit2's rule).
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "facts/tree.h"

struct mirror_repo;
struct oh_buf;
struct oh_err;

#define TREE_MAX_FILES 2000000
#define TREE_MAX_PATH  4096
#define TREE_READ_MAX  (16u << 20) /* blobs larger are never inflated */

/**
 * Walk the tree of `rev` (NULL: HEAD; any revision libgit2 can parse) in
 * `repo`, fill `out` (prepared with TREE_FILES_INIT) and feed the
 * visitors (`v_nr` of them, may be 0).  `name` is the repository's
 * display name for errors.  Errors: OH_ENOTFOUND (revision does not
 * exist, empty repository), OH_EGIT, OH_ELIMIT, or a visitor's code.
 */
int tree_walk(struct tree_files *out, struct mirror_repo *repo, const char *rev,
	      const char *name, const struct tree_visitor *v, size_t v_nr,
	      struct oh_err *err);

/**
 * tree_walk() with a blob cache (facts/tree.h; NULL: none): a blob the
 * cache knows is not read unless a visitor asks for its content.
 */
int tree_walk_cached(struct tree_files *out, struct mirror_repo *repo,
		     const char *rev, const char *name,
		     const struct tree_visitor *v, size_t v_nr,
		     const struct tree_blob_cache *cache, struct oh_err *err);

/** tree_walk() without visitors. */
int tree_collect(struct tree_files *out, struct mirror_repo *repo,
		 const char *rev, const char *name, struct oh_err *err);

/**
 * Append the content of blob `blob_id` to out, failing with OH_ELIMIT if
 * it is larger than `max` bytes (checked before the blob is inflated).
 * OH_ENOTFOUND / OH_EGIT otherwise.
 */
int tree_blob_read(struct oh_buf *out, struct mirror_repo *repo,
		   const char *blob_id, size_t max, struct oh_err *err);

/** Is there a tag `name` that peels to a commit? */
bool tree_has_tag(struct mirror_repo *repo, const char *name);

/**
 * Paths added or modified (also renamed, copied, type-changed) between
 * the trees of the merge base of `base` and `head` (NULL: HEAD), and
 * `head`: a sorted array of strings the caller frees with
 * tree_paths_free().  Errors: OH_ENOTFOUND, OH_EGIT.
 */
int tree_changed_paths(char ***out, size_t *nr, struct mirror_repo *repo,
		       const char *base, const char *head, const char *name,
		       struct oh_err *err);

/** Free an array from tree_changed_paths(). */
void tree_paths_free(char **paths, size_t nr);

#endif /* OH_GIT_TREE_H */
