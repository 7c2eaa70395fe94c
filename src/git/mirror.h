/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef OH_GIT_MIRROR_H
#define OH_GIT_MIRROR_H

/*
 * Mirror cache: turn a component source (a URL or a local path) into an
 * opened repository that the other git modules read.
 *
 * Operations
 *   mirror_open()          local path: open in place, read only, never
 *                          modified.  URL: clone a bare mirror of every
 *                          ref under its own name into the cache on first
 *                          use, fetch only what is new afterwards.
 *   oh_url_normalise()     (core/url.h) canonical form used as the cache key
 *                          and as the repositories.url column.
 *
 * Sources: scheme URLs (https, http, ssh, git, file), scp-like
 * [user@]host:path, anything else is a local path.  file:// URLs are
 * mirrored like remote ones (the fetch goes through the transport), a plain
 * path is read in place.
 *
 * Cache layout: <cache>/mirrors/<readable>-<hash>.git where <readable> is
 * host and path with every byte outside [A-Za-z0-9._-] replaced by '_'
 * (at most 60 bytes) and <hash> the first 16 hex digits of the SHA-1 of
 * the normalised URL.  A first clone goes to a temporary directory beside
 * it and is renamed into place only when it succeeded.  A later fetch
 * writes the pack first and updates the refs only after the pack is
 * complete and indexed, so a failed fetch leaves the old mirror as it was.
 *
 * Errors (input is always the redacted URL or the path; enum
 * mirror_failure says which class; docs/mirror.md has the mapping from
 * libgit2):
 *   MIRROR_FAIL_NOTFOUND  OH_ENOTFOUND  "repository not found"
 *   MIRROR_FAIL_AUTH      OH_ENET       "authentication required ..."
 *   MIRROR_FAIL_NETWORK   OH_ENET       "cannot reach the server: ..."
 *   MIRROR_FAIL_TIMEOUT   OH_ENET       "timed out after N s"
 *   MIRROR_FAIL_NOTREPO   OH_EINPUT     "not a git repository"
 *   MIRROR_FAIL_CORRUPT   OH_EGIT       "corrupt repository: ..."
 *   MIRROR_FAIL_OTHER     OH_EGIT/OH_EIO anything else
 *
 * Time limit: opts->timeout seconds for the whole operation, retries
 * included.  libgit2 1.5 has no network time-out, so the module registers
 * its own TCP stream with libgit2 (poll() with the deadline on connect,
 * read and write; TLS and SSH run on top of it) and also aborts from the
 * transfer-progress and sideband callbacks.  Transient network failures
 * (connection refused or reset, unreachable, DNS, HTTP 5xx) are retried
 * opts->retries times with exponential back-off; not-found, auth, corrupt
 * and time-out are never retried.
 *
 * Credentials: only from the environment (OSSHEALTH_GIT_TOKEN, then
 * GITHUB_TOKEN, as the HTTPS password), from user:password@ in the URL,
 * or from ssh-agent for SSH.  git credential helpers are not run (that
 * would mean spawning programs).  Credentials never appear in an error,
 * a path, the database or the progress callback.
 *
 * Thread safety: one mirror_open() per thread at a time.  Writers of one
 * mirror take turns: a clone or fetch holds flock() on
 * <cache>/locks/<mirror name>.lock (threads and processes alike, also
 * two shards sharing a cache volume), and a second writer waits for it
 * until its time limit, then fetches what the first left.  --offline
 * reads take no lock.  The module never prints: progress goes to
 * opts->progress.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/url.h"

struct oh_err;
struct oh_buf;

/* The longest source string accepted (bytes). */
#define MIRROR_SOURCE_MAX OH_URL_MAX

enum mirror_kind {
	MIRROR_LOCAL = 0,  /* a path read in place */
	MIRROR_REMOTE = 1, /* a URL kept as a bare mirror in the cache */
};

enum mirror_failure {
	MIRROR_FAIL_NONE = 0,
	MIRROR_FAIL_NOTFOUND, /* no such repository (HTTP 404, no path) */
	MIRROR_FAIL_AUTH,     /* credentials required or refused */
	MIRROR_FAIL_NETWORK,  /* refused, unreachable, DNS, reset, 5xx */
	MIRROR_FAIL_TIMEOUT,  /* opts->timeout passed */
	MIRROR_FAIL_NOTREPO,  /* a local path that is not a repository */
	MIRROR_FAIL_CORRUPT,  /* objects or packs unreadable */
	MIRROR_FAIL_OTHER,    /* anything else */
};

enum mirror_stage {
	MIRROR_STAGE_RECEIVING = 0, /* objects and bytes arriving */
	MIRROR_STAGE_INDEXING = 1,  /* all received; resolving deltas */
};

struct mirror_progress {
	enum mirror_stage stage;
	const char *url; /* redacted URL */
	unsigned total_objects;
	unsigned received_objects;
	unsigned indexed_objects;
	unsigned total_deltas;
	unsigned indexed_deltas;
	size_t received_bytes;
};

/* Called from the transfer; must not call back into the module. */
typedef void (*mirror_progress_fn)(const struct mirror_progress *p, void *data);

struct mirror_opts {
	const char *cache_dir;       /* NULL: mirror_cache_dir_default() */
	unsigned timeout;            /* seconds for the whole open; 0 = none */
	unsigned retries;            /* extra attempts on transient errors */
	unsigned backoff_ms;         /* first back-off; doubles each time */
	mirror_progress_fn progress; /* may be NULL */
	void *progress_data;
	bool offline;  /* air gap: open an existing mirror as it is, never
			 fetch; no mirror yet is an OH_ENET error */
	bool discover; /* a local path may be a directory inside the
			  repository, as git finds it from a subdirectory */
};

/* clang-format off */
#define MIRROR_OPTS_INIT { .timeout = 600, .retries = 2, .backoff_ms = 1000 }
/* clang-format on */

/* What one mirror_open() did, filled on success and on failure. */
struct mirror_outcome {
	enum mirror_failure failure; /* MIRROR_FAIL_NONE on success */
	bool cloned;                 /* a new mirror was made */
	bool fetched;                /* an existing mirror was fetched */
	unsigned attempts;           /* network attempts made */
	unsigned received_objects;   /* objects transferred (0: nothing new) */
	size_t received_bytes;
	unsigned local_objects; /* objects taken from the mirror (thin pack) */
	int64_t synced_at;      /* offline: when the mirror was last cloned
				   or fetched (file times), else 0 */
};

/* An opened repository; see mirror_int.h for the libgit2 handle. */
struct mirror_repo;

/**
 * Open `source` for reading.  On success *out owns the handle (free with
 * mirror_repo_free()).  `outcome` may be NULL.  Returns 0 or a negative
 * oh_code with err naming the redacted URL or the path.
 */
int mirror_open(struct mirror_repo **out, const char *source,
		const struct mirror_opts *opts, struct mirror_outcome *outcome,
		struct oh_err *err);

/** Close and free; NULL is a no-op. */
void mirror_repo_free(struct mirror_repo *r);

/**
 * A second handle on the repository behind r (libgit2 handles are one
 * per thread), opened where r was, never fetched: for a pass that runs in
 * another thread.  Free with mirror_repo_free().  OH_EGIT.
 */
int mirror_repo_reopen(struct mirror_repo **out, const struct mirror_repo *r,
		       struct oh_err *err);

enum mirror_kind mirror_repo_kind(const struct mirror_repo *r);

/** Absolute path of the repository read (the git dir for a mirror). */
const char *mirror_repo_path(const struct mirror_repo *r);

/** Normalised redacted URL, or the absolute path for a local repo. */
const char *mirror_repo_key(const struct mirror_repo *r);

/** Full hex id of HEAD's commit, or "" for an empty repository. */
const char *mirror_repo_head(const struct mirror_repo *r);

/**
 * Append the cache directory name for a normalised URL
 * ("<readable>-<16 hex>.git", see above).
 */
void mirror_cache_name(struct oh_buf *out, const char *normalised);

/**
 * Append the default cache directory: $XDG_CACHE_HOME/osshealth, else
 * $HOME/.cache/osshealth.  OH_EINPUT when neither variable is set.
 */
int mirror_cache_dir_default(struct oh_buf *out, struct oh_err *err);

/** Name of a failure class ("not found", "time-out", ...). */
const char *mirror_failure_name(enum mirror_failure f);

#endif /* OH_GIT_MIRROR_H */
