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
 * caches verdicts); a struct reach_set answers many questions about one
 * commit's ancestors after one revwalk.  reach_tags_first() tests tags
 * in order of commit time from the commit's own time on, so it stops at
 * the first tag that contains it.
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

/* The ancestors of one commit, for many "is X an ancestor?" questions. */
struct reach_set;

/**
 * Walk every ancestor of `commit` (itself included) once, into a sorted
 * set (20 bytes per commit: 0.7 MB for curl's history).  Free with
 * reach_set_free().  OH_ENOTFOUND for an unknown commit, OH_EGIT.
 */
int reach_set_new(struct reach_set **out, struct mirror_repo *repo,
		  const char *commit, struct oh_err *err);

void reach_set_free(struct reach_set *s);

/** The commit the set was built from (full hex id, borrowed). */
const char *reach_set_commit(const struct reach_set *s);

/**
 * *out = `ancestor` is in the set: reach_is_ancestor() against the set's
 * commit, by a binary search.  OH_ENOTFOUND when `ancestor` is not in
 * the repository.
 */
int reach_set_has(bool *out, struct reach_set *s, const char *ancestor,
		  struct oh_err *err);

/* The tags of a repository with their commits, read once. */
struct reach_tags;

/** Read every tag that peels to a commit.  Never fails (no tags: empty). */
void reach_tags_new(struct reach_tags **out, struct mirror_repo *repo);

void reach_tags_free(struct reach_tags *t);

/**
 * The tag (short name, borrowed from t) whose commit contains `commit`
 * and has the earliest committer time (into *time_out); tags whose
 * commit is older than `commit` are not tested (a heuristic: committer
 * times out of order can hide a tag).  *tag_out is NULL when none
 * contains it.  OH_ENOTFOUND for an unknown commit, OH_EGIT.
 */
int reach_tags_first(const char **tag_out, int64_t *time_out,
		     struct reach_tags *t, const char *commit,
		     struct oh_err *err);

#endif /* OH_GIT_REACH_H */
