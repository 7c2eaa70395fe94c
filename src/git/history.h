/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef OH_GIT_HISTORY_H
#define OH_GIT_HISTORY_H

/*
 * Commit and tag facts from one revwalk over a local repository (a work
 * tree or a bare mirror), opened with git_repository_open_ext().
 *
 * Per commit: id, author and committer identity after the repository's
 * .mailmap (time in seconds since the epoch, time-zone offset in minutes),
 * parent count, subject, trailers (read by git/trailer.h, so with git
 * log's rules), whether a gpgsig/gpgsig-sha256 header is present (a PGP or
 * SSH signature; not verified), whether the author is a bot (PCRE2
 * patterns of rules/bots.json, see docs/metrics.md), and DCO remediation
 * statements found in the message.  Sign-off-like trailers ("Name
 * <email>") also carry the identity after .mailmap.
 *
 * Per tag: name, peeled target commit, time (tagger date, else the target
 * commit's committer date), annotated, signed (a PGP or SSH signature block
 * in the tag message), semantic-version parse.
 *
 * What is walked: HEAD (the default branch), or with all_refs every ref
 * plus HEAD (like `git log --all`), or a range "BASE..TIP".  A `known`
 * callback hides commits already stored and everything they reach, so a
 * re-scan walks only new commits (the store keeps whole ancestries, see
 * store_hist.h).
 *
 * Memory: all strings live in the hist's arena; names, emails and trailer
 * keys and values are interned (stored once), so a long history costs
 * about 100 bytes per commit plus its subject.  One trailer list and the
 * libgit2 objects are reused across commits.
 *
 * .mailmap: the work tree's file, or HEAD:.mailmap for a bare repository
 * (or a git directory opened directly); emails match ignoring case, as
 * in git (libgit2 1.5 alone matches them exactly); mailmap.file and
 * mailmap.blob settings are not read; a file over HIST_MAX_MAILMAP bytes
 * is ignored.
 *
 * Limits: HIST_MAX_COMMITS commits per walk (OH_ELIMIT beyond);
 * messages over TRAILER_MAX_MSG bytes get no trailers; bot patterns run
 * with PCRE2 match limit HIST_BOT_MATCH_LIMIT and depth limit
 * HIST_BOT_DEPTH_LIMIT (a pattern that hits a limit does not match).
 * Not thread safe: one struct hist per thread.  Process-wide side
 * effects (libgit2 options are global): commits are not kept in libgit2's
 * object cache (set once, left so), and object hashes are not re-verified
 * while a walk runs (as git log; gitlib_relax_hashes(): counted, back on
 * when the last walk of the process returns), so a concurrent libgit2
 * user in another thread reads unverified meanwhile (gitlib.h: why that
 * is acceptable; libgit2 has no per-walk switch).
 *
 * Text: names, emails, subjects and trailer values are valid UTF-8:
 * commits whose encoding header says ISO-8859-1 are converted, other
 * invalid bytes become U+FFFD (git log would print them raw).
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "facts/bots.h"
#include "facts/hist.h"

struct oh_err;

#define HIST_MAX_COMMITS 20000000u
#define HIST_MAX_MAILMAP (8u << 20) /* bytes of .mailmap read */

struct pathlog_chain;
struct hist_opts {
	bool all_refs;       /* every ref plus HEAD instead of HEAD */
	bool tags;           /* collect tags */
	bool upstream_range; /* no range: merge base with upstream..HEAD */
	const char *range;   /* "BASE..TIP" or NULL */
	const struct hist_bots *bots; /* NULL: nobody is a bot */
	/* Return true for a commit already stored (hidden with its past). */
	bool (*known)(void *payload, const char *hex_id);
	void *known_payload;
	/* NULL, or the first-parent chain a pathlog on another thread takes
	 * (git/pathlog.h): filled while the walk follows it; the caller
	 * ends it after the walk */
	struct pathlog_chain *chain;
};

/* clang-format off */
#define HIST_OPTS_INIT { .tags = true }
/* clang-format on */

/**
 * Walk the repository at `path` (a work tree, its .git, or a bare
 * repository; parent directories are searched like git does) and append
 * its facts to h (initialised by the caller).  Errors: OH_ENOTFOUND (no
 * repository there), OH_EINPUT (bad range), OH_EGIT, OH_ELIMIT.
 */
int hist_collect(struct hist *h, const char *path, const struct hist_opts *opts,
		 struct oh_err *err);

/**
 * The same over a repository already open (one open per component):
 * errors name mirror_repo_path(repo).
 */
struct mirror_repo;
int hist_collect_repo(struct hist *h, struct mirror_repo *repo,
		      const struct hist_opts *opts, struct oh_err *err);

/**
 * The tags alone, what opts->tags adds to a walk, into h (which has none)
 * over an open repository: a history pass split over two threads reads
 * them on the other thread, beside the walk.  Same errors as the walk's
 * tags.
 */
int hist_collect_tags_repo(struct hist *h, struct mirror_repo *repo,
			   struct oh_err *err);

/**
 * Append one commit made of a bare message (for a commit-msg hook and
 * tests): author name/email as given, no parents, trailers and
 * remediations read from msg, no mailmap, no bot check.
 */
void hist_message_add(struct hist *h, const char *msg, const char *name,
		      const char *email);

/**
 * The committer identity git would use in the repository at `path`:
 * $GIT_AUTHOR_NAME/$GIT_AUTHOR_EMAIL when set, else user.name/user.email
 * of its configuration.  Caller frees *name and *email with free().
 * OH_ENOTFOUND when no email is configured.
 */
int hist_user_identity(char **name, char **email, const char *path,
		       struct oh_err *err);

#endif /* OH_GIT_HISTORY_H */
