/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef OH_GIT_REACH_H
#define OH_GIT_REACH_H

/*
 * Reachability questions on an opened repository, for the GIT ranges of
 * vulnerability records: is one commit an ancestor of another
 * (git_graph_descendant_of), which commit a revision names, when a commit
 * was made, which release tag first contains a commit, and the origin
 * URL.
 *
 * Cost: an ancestry test is a merge-base walk, bounded by the commits
 * between the two (milliseconds on curl's 35,000 commits; the caller
 * caches verdicts).  reach_first_tag() reads every tag once per call and
 * tests tags in order of commit time from the commit's own time on, so
 * it stops at the first tag that contains it.
 *
 * Thread safety: as the struct mirror_repo (one thread at a time).
 */

#include <stdbool.h>
#include <stdint.h>

struct mirror_repo;
struct oh_err;

#define REACH_HEX 41 /* a SHA-1 hex id and its NUL */

/**
 * Resolve revision `rev` (a branch, tag, id or any git revision
 * expression; NULL for HEAD) to the full hex id of its commit in out.
 * OH_ENOTFOUND when it names nothing or not a commit.
 */
int reach_resolve(char out[REACH_HEX], struct mirror_repo *repo,
		  const char *rev, struct oh_err *err);

/**
 * *out = `ancestor` is `commit` or one of its ancestors (both full hex
 * ids).  OH_ENOTFOUND (err naming the missing id) when either commit is
 * not in the repository; OH_EGIT on other failures.
 */
int reach_is_ancestor(bool *out, struct mirror_repo *repo, const char *ancestor,
		      const char *commit, struct oh_err *err);

/** Committer time of `commit` (seconds, UTC).  OH_ENOTFOUND, OH_EGIT. */
int reach_commit_time(int64_t *out, struct mirror_repo *repo,
		      const char *commit, struct oh_err *err);

/**
 * The tag (short name, malloc'd into *tag_out; caller frees) whose
 * commit contains `commit` and has the earliest committer time (into
 * *time_out).  *tag_out is NULL when no tag contains it.  OH_ENOTFOUND
 * for an unknown commit, OH_EGIT.
 */
int reach_first_tag(char **tag_out, int64_t *time_out, struct mirror_repo *repo,
		    const char *commit, struct oh_err *err);

/** remote.origin.url into *out (malloc'd; NULL when unset).  Never fails. */
void reach_origin_url(char **out, struct mirror_repo *repo);

#endif /* OH_GIT_REACH_H */
