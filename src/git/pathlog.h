/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef OH_GIT_PATHLOG_H
#define OH_GIT_PATHLOG_H

/*
 * The history of a few paths: along the first-parent chain from a
 * revision, every commit that added, changed or removed one of them, with
 * the blob ids before and after.  The scan uses it on the license files
 * at the repository root, so that a switch of license (an OSI license
 * replaced by a source-available one, say) is found with the commit that
 * made it, not only as a difference between two reviews.
 *
 * First-parent only: a change made on a merged branch is reported at the
 * merge commit that brought it in, which is where the main line changed.
 *
 * Limits: PATHLOG_MAX_PATHS paths, PATHLOG_MAX_CHANGES changes kept
 * (newest first; older ones are counted in `more`), `max_commits`
 * commits walked (0: all).
 *
 * Thread safety: one repository handle per thread.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"

struct mirror_repo;
struct oh_err;

#define PATHLOG_MAX_PATHS   16
#define PATHLOG_MAX_CHANGES 64

enum pathlog_kind {
	PATHLOG_ADDED,
	PATHLOG_MODIFIED,
	PATHLOG_REMOVED,
};

struct pathlog_change {
	char commit[41];        /* the commit that made the change */
	int64_t time;           /* its author time */
	const char *subject;    /* first line of its message (arena) */
	const char *path;       /* which path (borrowed from the caller) */
	enum pathlog_kind kind; /* added, modified or removed */
	char old_blob[41];      /* "" when added */
	char new_blob[41];      /* "" when removed */
};

struct pathlog {
	struct oh_arena arena;                             /* owns subjects */
	struct pathlog_change change[PATHLOG_MAX_CHANGES]; /* newest first */
	size_t change_nr;                                  /* entries */
	size_t more;    /* changes not kept */
	size_t commits; /* commits walked */
	bool stopped;   /* pathlog_collect_until() reached `stop` */
};

/**
 * The first-parent chain of a history walk running on another thread
 * (the scan's history pass, git/history.h): while the commits it reads
 * follow one another by first parent from its start, the walk adds each
 * one's tree and first parent (raw ids, 20 bytes); the first one that
 * does not follow, or the end of the walk, ends the chain.  A pathlog of
 * root paths given the chain takes the commits it needs from it, waiting
 * for the walk to get there, instead of reading them again, and reads
 * them itself from where the chain ends or goes elsewhere (another
 * revision, a walk that stopped at commits already stored).
 * pathlog_chain_add() returns false once the chain has ended;
 * pathlog_chain_end() may come any number of times and must come before
 * the walking thread is joined or gives up.  Free after both are done.
 */
struct pathlog_chain *pathlog_chain_new(void);
bool pathlog_chain_add(struct pathlog_chain *ch, const unsigned char *id,
		       const unsigned char *tree, const unsigned char *parent);
void pathlog_chain_end(struct pathlog_chain *ch);
void pathlog_chain_free(struct pathlog_chain *ch);

/**
 * Walk from `rev` (NULL: HEAD) and record changes of `paths` (borrowed;
 * they must outlive `out`).  `out` is zeroed first; release it with
 * pathlog_release().  Errors: OH_ENOTFOUND (bad revision), OH_EGIT,
 * OH_EINPUT (too many paths).
 */
int pathlog_collect(struct pathlog *out, struct mirror_repo *repo,
		    const char *rev, const char *const *paths, size_t path_nr,
		    size_t max_commits, const char *name, struct oh_err *err);

/**
 * The same, but the walk ends at commit `stop` (hex id; NULL or not on
 * the first-parent chain: the whole chain) without looking at it, and
 * out->stopped says whether it was reached: the changes of `stop` and
 * older are then those of an earlier walk from `stop`, so an update of
 * a reviewed repository walks only the new part of its history.
 * `chain` (may be NULL): see below.
 */
struct pathlog_chain;
int pathlog_collect_until(struct pathlog *out, struct mirror_repo *repo,
			  const char *rev, const char *stop,
			  struct pathlog_chain *chain, const char *const *paths,
			  size_t path_nr, size_t max_commits, const char *name,
			  struct oh_err *err);

void pathlog_release(struct pathlog *p);

/** "added", "modified" or "removed". */
const char *pathlog_kind_name(enum pathlog_kind k);

#endif /* OH_GIT_PATHLOG_H */
