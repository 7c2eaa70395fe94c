/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef OH_STORE_STORE_HIST_H
#define OH_STORE_STORE_HIST_H

/*
 * Commit, trailer and tag facts of one repository in the database
 * (tables commits, trailers, tags), for incremental history walks.
 *
 * Invariant: the commits stored for a repository are closed under
 * ancestry (every stored commit's parents are stored), because
 * store_hist_save() writes a whole walk in one transaction.  So
 * store_hist_known() can serve as hist_opts.known: a known commit hides
 * its whole past, and a re-scan walks only new commits.
 *
 * Statements are prepared once per struct store_hist and reused for
 * every row.  Strings are copied by SQLite on write; store_hist_load()
 * copies into the hist.  Not thread safe (one writer, as store.h).
 */

#include <stdbool.h>
#include <stdint.h>

struct oh_err;
struct store;
struct store_hist;
struct hist;

/**
 * Prepare access to the facts of repository `url` (already redacted),
 * creating its row (kind "local" or "remote").  Free with
 * store_hist_close().  OH_EDB on failure.
 */
int store_hist_open(struct store_hist **out, struct store *st, const char *url,
		    const char *kind, struct oh_err *err);

void store_hist_close(struct store_hist *sh);

/** hist_opts.known callback: is commit hex_id stored?  payload = sh. */
bool store_hist_known(void *sh, const char *hex_id);

/**
 * In one transaction: insert the commits of h (with their trailers) that
 * are not stored yet, replace the repository's tags with h's, and record
 * h's newest commit as last_head.  Rolled back entirely on failure.
 */
int store_hist_save(struct store_hist *sh, const struct hist *h,
		    struct oh_err *err);

/**
 * The newest commit the last walk that found something started from
 * (last_head) into out: 1, or 0 when none is recorded.
 */
int store_hist_last_head(struct store_hist *sh, char out[41]);

/**
 * Drop the repository's stored commits, trailers and snapshot (its
 * history was rewritten: they are no longer its past), in one
 * transaction.  The next walk finds nothing known and reads it all.
 */
int store_hist_forget(struct store_hist *sh, struct oh_err *err);

/** Append every stored commit (with trailers) and tag to h. */
int store_hist_load(struct hist *h, struct store_hist *sh, struct oh_err *err);

/**
 * What the scan's metrics read (activity, DCO shares, reviews), and no
 * more: every commit without its subject (""), of the trailers only
 * Signed-off-by, Reviewed-by and Acked-by (any case) with key and
 * ident_email (value and ident_name NULL), and every tag.  A third
 * less to read and copy than store_hist_load() on git/git.
 */
int store_hist_load_metrics(struct hist *h, struct store_hist *sh,
			    struct oh_err *err);

/**
 * The history snapshot (table history_snapshots, schema 9): what
 * store_hist_load_metrics() reads, in one row per repository, so that a
 * re-scan with nothing new reads one blob instead of every commit row.
 *
 * store_hist_snapshot_save() writes h's commits (in id order; of the
 * trailers only the three store_hist_load_metrics() reads) as the
 * repository's snapshot; h must hold every stored commit.
 * store_hist_snapshot_load() fills the empty h from the snapshot and the
 * tags table when the snapshot holds `commit_nr` commits (the number
 * stored) and decodes: 1; else 0 and h left empty (read the rows).
 */
int store_hist_snapshot_save(struct store_hist *sh, const struct hist *h,
			     struct oh_err *err);

/**
 * The same save in two steps, for a history pass split over two
 * threads: store_hist_snapshot_encode() touches no database (it may run
 * beside a save of the commits on another thread, both reading h);
 * store_hist_snapshot_write() writes what it encoded as the repository's
 * snapshot, under the store lock like any access to sh; ownership stays
 * with the caller, released by store_hist_snapshot_free() (NULL is fine).
 */
struct store_hist_snap *store_hist_snapshot_encode(const struct hist *h);
int store_hist_snapshot_write(struct store_hist *sh,
			      const struct store_hist_snap *s,
			      struct oh_err *err);
void store_hist_snapshot_free(struct store_hist_snap *s);
int store_hist_snapshot_load(struct hist *h, struct store_hist *sh,
			     int64_t commit_nr);

/** Number of commits stored for the repository. */
int64_t store_hist_count(struct store_hist *sh);

/**
 * Commits the last successful store_hist_save() on `sh` added (those
 * already stored are not added again); 0 before any.
 */
int64_t store_hist_added(const struct store_hist *sh);

#endif /* OH_STORE_STORE_HIST_H */
