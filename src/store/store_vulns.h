/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef OH_STORE_STORE_VULNS_H
#define OH_STORE_STORE_VULNS_H

/*
 * OSV vulnerability records in the database (schema 6): writing records
 * from `vulns import`, reading the records that name a repository or a
 * package, and the verdict cache per (record, repository, commit).
 *
 * A record is stored whole or not at all (the import runs in the
 * caller's transaction, store_begin/commit).  Re-importing an id
 * replaces the stored record only when the new `modified` is later
 * (compared as RFC 3339 instants, fractions included); the replacement
 * drops the record's cached verdicts.  Withdrawn records are stored with
 * their `withdrawn` time; readers return them and the caller decides.
 *
 * Events of a range are kept as the OSV JSON array of event objects in
 * one column (a range is always read whole).
 */

#include <stddef.h>

#include "facts/vulns_model.h"

struct oh_arena;
struct oh_err;
struct store;
struct store_vulns_writer;

enum store_vulns_put_result {
	STORE_VULNS_ADDED,
	STORE_VULNS_UPDATED,
	STORE_VULNS_UNCHANGED, /* stored `modified` is the same or later */
};

/** Prepare the statements of an import; free with store_vulns_writer_free. */
int store_vulns_writer_new(struct store_vulns_writer **out, struct store *st,
			   struct oh_err *err);

void store_vulns_writer_free(struct store_vulns_writer *w);

/**
 * Store `rec` (read from `source`, a file name) unless the stored copy
 * is as new.  range_key[k] is the normalised repository URL of the k-th
 * range of the record counted over all affected entries in order (NULL
 * for ranges without a usable repo).  *out says what happened.  OH_EDB.
 */
int store_vulns_put(enum store_vulns_put_result *out,
		    struct store_vulns_writer *w,
		    const struct vulns_record *rec,
		    const char *const *range_key, const char *source,
		    struct oh_err *err);

/**
 * The records with a GIT range whose repo_key is `repo_key`, sorted by
 * id, into *out (an array of *nr records in `a`; each range's repo_key
 * set).  OH_EDB.
 */
int store_vulns_by_repo(struct vulns_record **out, size_t *nr,
			struct oh_arena *a, struct store *st,
			const char *repo_key, struct oh_err *err);

/**
 * The records with an affected entry for package `name` of `ecosystem`
 * (either may be NULL) or whose package purl is `purl` (without version;
 * may be NULL), sorted by id.  OH_EDB.
 */
int store_vulns_by_package(struct vulns_record **out, size_t *nr,
			   struct oh_arena *a, struct store *st,
			   const char *ecosystem, const char *name,
			   const char *purl, struct oh_err *err);

/**
 * Cached verdict of record `osv_id` at `commit` of `repo_key` into *out
 * (-1 when not cached).  OH_EDB.
 */
int store_vulns_verdict_get(int *out, struct store *st, const char *osv_id,
			    const char *repo_key, const char *commit,
			    struct oh_err *err);

/** Cache a verdict (enum vulns_verdict).  OH_EDB. */
int store_vulns_verdict_put(struct store *st, const char *osv_id,
			    const char *repo_key, const char *commit,
			    int verdict, struct oh_err *err);

/** Rows: records, of which withdrawn, and cached verdicts.  OH_EDB. */
int store_vulns_count(long long *records, long long *withdrawn,
		      long long *verdicts, struct store *st,
		      struct oh_err *err);

#endif /* OH_STORE_STORE_VULNS_H */
