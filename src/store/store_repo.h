/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef OH_STORE_STORE_REPO_H
#define OH_STORE_STORE_REPO_H

/*
 * The repositories table: one row per repository osshealth reads, keyed
 * by its normalised, redacted URL (remote) or absolute path (local).
 * Written after each mirror_open(); read by the collectors to find the
 * repo_id their facts hang from.
 *
 * Invariant: url never holds credentials.  store_repo_upsert() refuses a
 * URL with user information (an '@' inside a scheme URL's authority), so
 * a caller that forgot oh_url_normalise() fails loudly instead of
 * leaking a token into the database.
 */

#include <stdbool.h>
#include <stdint.h>

struct store;
struct oh_err;

enum store_repo_kind {
	STORE_REPO_LOCAL,
	STORE_REPO_REMOTE,
};

struct store_repo {
	const char *url; /* normalised redacted URL or absolute path */
	enum store_repo_kind kind;
	const char *mirror_path; /* the git dir read; may be NULL */
	int64_t last_fetch_at;   /* seconds since the epoch; 0 = never */
	const char *last_head;   /* hex commit id; NULL or "" = unknown */
};

/**
 * Insert or update the row for repo->url; its id goes to *id_out.
 * OH_EINPUT for a URL carrying credentials, OH_EDB on SQLite failure.
 */
int store_repo_upsert(int64_t *id_out, struct store *st,
		      const struct store_repo *repo, struct oh_err *err);

/**
 * Look up a repository by URL: 0 and *id_out set, OH_ENOTFOUND when
 * absent (err set), OH_EDB on failure.
 */
int store_repo_find(int64_t *id_out, struct store *st, const char *url,
		    struct oh_err *err);

#endif /* OH_STORE_STORE_REPO_H */
