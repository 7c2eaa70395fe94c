/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef OH_FACTS_TREE_H
#define OH_FACTS_TREE_H

/*
 * File facts of one revision's tree: path, mode, size, blob id,
 * whether the content is binary and, by its magic number, which binary
 * format it is (facts/magic.h).  Plain data with no library behind it:
 * src/git/tree.h fills them from git objects, the analysers (health
 * checks, license scan, SBOM source) read them.
 *
 * Memory: paths live in the arena of struct tree_files; release it with
 * tree_files_release().
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "facts/magic.h"

struct tree_file {
	const char *path; /* full path from the root, '/'-separated */
	uint32_t mode;    /* git file mode: 0100644, 0100755, 0120000, ... */
	uint64_t size;    /* bytes of the blob */
	char blob_id[41]; /* hex object id */
	bool binary;      /* NUL byte in the first 8000 bytes (git's rule) */
	bool large;       /* larger than the walk's read cap; not read */
	bool missing;     /* blob absent from the object database (a
			     partial mirror); size 0, not read */
	enum magic_kind magic; /* binary kind by content (facts/magic.h) */
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

/* Git file modes the facts distinguish. */
#define TREE_MODE_LINK    0120000u
#define TREE_MODE_GITLINK 0160000u

#define TREE_WANT_ALL SIZE_MAX

/*
 * A reader of file contents during the walk.  entry() sees every file
 * (blobs, links, gitlinks) in walk order, with its size, and sets *want to
 * the number of leading bytes it needs (0: none, TREE_WANT_ALL: all).
 * content() then gets min(*want, size) bytes of a blob not over the
 * walk's read cap (git/tree.h); `binary` of the file is already set.
 * Either returns a negative oh_code (its own err filled) to stop the
 * walk.
 */
struct tree_visitor {
	int (*entry)(void *payload, const struct tree_file *f, size_t *want);
	int (*content)(void *payload, const struct tree_file *f,
		       const char *data, size_t len);
	void *payload;
};

/*
 * Facts of a blob that depend only on its content (size, binary, magic),
 * remembered between walks by blob id, so that a walk reads only blobs it
 * has not seen (and those a visitor asks for).  get() fills f->size,
 * f->binary and f->magic of the regular file f (f->blob_id set) and
 * returns true on a hit; put() records them after the walk read a blob.
 * Symbolic links and submodules never reach the cache.
 */
struct tree_blob_cache {
	bool (*get)(void *ctx, struct tree_file *f);
	void (*put)(void *ctx, const struct tree_file *f);
	void *ctx;
};

/** Free the contents of `t` and return it to TREE_FILES_INIT. */
void tree_files_release(struct tree_files *t);

/** Look up a path (borrowed), or NULL.  Binary search. */
const struct tree_file *tree_files_find(const struct tree_files *t,
					const char *path);

/** Sort t->file by path (byte order), as tree_files_find() needs. */
void tree_files_sort(struct tree_files *t);

#endif /* OH_FACTS_TREE_H */
