/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef OH_GIT_GITLIB_H
#define OH_GIT_GITLIB_H

/*
 * libgit2 set-up shared by the git modules (mirror_, hist_, tree_, dco_):
 * one-time initialisation and the error bridge that appends libgit2's
 * message after ours (STYLE.md rule 16).
 *
 * gitlib_init() is reference counted by libgit2 and safe to call from
 * every entry point; gitlib_shutdown() balances it.
 */

#include <stddef.h>
#include <stdint.h>

struct oh_err;
struct git_blob;
struct git_oid;
struct git_repository;

/* Bytes of parsed objects libgit2 may cache (process-wide). */
#define GITLIB_CACHE_MAX (16 << 20)
/* Pack windows: how much of the packs is mapped at once (process-wide). */
#define GITLIB_WINDOW     (32 << 20)
#define GITLIB_MAPPED_MAX (96 << 20)

/** Initialise libgit2 (idempotent, counted). */
void gitlib_init(void);

/** Balance one gitlib_init(). */
void gitlib_shutdown(void);

/**
 * Stop and restart re-hashing objects as they are read, around one walk
 * that reads every commit (hist_: 0.15 s of 1.0 s on git/git's 82,000
 * commits).  libgit2 has this switch only process-wide
 * (GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION), not per repository or per
 * walk, so the calls are counted: verification is off while at least
 * one walk of the process runs and back on when the last one ends, and
 * reads in other threads meanwhile (the tree pass beside the history
 * pass, other workers) are not re-hashed either.  That is what git does
 * for every read: an object's id is computed from its content when it is
 * received (our mirror fetches go through libgit2's indexer, which
 * does), not each time it is read, and a damaged object still fails to
 * inflate.  An object whose content does not match its id (a local
 * repository written by hand) gives the facts of its content, the ones
 * `git log` shows.
 */
void gitlib_relax_hashes(void);
void gitlib_restore_hashes(void);

/** Write "major.minor.rev" of the linked libgit2 into buf. */
void gitlib_version(char *buf, size_t size);

/**
 * Set err to OH_EGIT for `input` with our message, then libgit2's last
 * error text appended as "(libgit2: ...)".  Returns OH_EGIT.
 */
int gitlib_error(struct oh_err *err, const char *input, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/**
 * gitlib_error() for a failure while reading `repo`'s objects, named
 * for what it most likely is: "shallow clone (history cut off ...)" in
 * front when the repository is shallow (libgit2 1.5 cannot walk past the
 * shallow boundary: the parents it names are missing), "corrupt
 * repository: " when libgit2 failed to inflate or find an object or
 * reported corruption.  Returns OH_EGIT.
 */
int gitlib_repo_error(struct oh_err *err, struct git_repository *repo,
		      const char *input, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/**
 * Look up blob `id` only if its size, read from the object header
 * (git_odb_read_header(): nothing is inflated, delta chains are followed
 * through their headers), is at most `max`.  git_blob_lookup() inflates
 * the whole object, and a 1 GiB run of zeros is 4.5 MB in a pack: every
 * blob the tool reads goes through here.  Returns 0 with *out set (free
 * with git_blob_free()), 1 when the blob is larger than max (*out NULL),
 * or -1 on a libgit2 error or when `id` is not a blob (*out NULL; the
 * libgit2 error is left for gitlib_error()).  *size is the size from the
 * header whenever it could be read, else 0.
 */
int gitlib_blob_lookup_max(struct git_blob **out, uint64_t *size,
			   struct git_repository *repo,
			   const struct git_oid *id, uint64_t max);

#endif /* OH_GIT_GITLIB_H */
