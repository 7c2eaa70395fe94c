/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef OH_STORE_STORE_MERGE_H
#define OH_STORE_STORE_MERGE_H

/*
 * Sharded review runs and their merge.  `scan --shard I/N` records in its
 * run the shard index I (0-based), the shard count N, the digest of the
 * whole inputs and the names of all their components
 * (store_run_shard_set).  `db merge` reads the newest shard run of each
 * shard database, checks that the shards belong together, and writes one
 * review run into the output database with every component, its status,
 * scores, findings and facts, the packages not reviewed, and the
 * collected facts of the components' repositories (commits, trailers,
 * tags), as one transaction: all or nothing.
 *
 * Refused (OH_EINPUT, naming the shard files): a file without a shard
 * run, a shard run still running (or failed), shards of different inputs
 * (digest), rules versions, osshealth versions, policy profiles or shard
 * counts, two files holding the same shard, a shard missing.
 *
 * Costs: every row of the shard runs is read once and written once; the
 * shards are opened read-only one at a time, so memory does not grow
 * with their number (STORE_MERGE_MAX_SHARDS files at most).
 */

#include <stddef.h>
#include <stdint.h>

struct oh_err;
struct store;

#define STORE_MERGE_MAX_SHARDS 4096

/**
 * Record that run `run_id` is shard `index` of `count` of inputs with
 * digest `digest` (hex SHA-256) and component names `all_inputs_json`
 * (JSON array, in input order).  OH_EDB on failure.
 */
int store_run_shard_set(struct store *st, int64_t run_id, unsigned index,
			unsigned count, const char *digest,
			const char *all_inputs_json, struct oh_err *err);

struct store_merge_result {
	int64_t run_id;    /* the run written into the output database */
	unsigned shards;   /* shard count */
	size_t components; /* components in the merged run */
	size_t failed;     /* of which failed */
	size_t unreviewed; /* packages not reviewed */
};

/**
 * Merge the newest shard run of each of the `nr` databases `path` into a
 * new run of `dst`.  On error nothing is written to `dst`.
 * Errors: OH_EINPUT (the refusals above), OH_ENOTFOUND (a file missing),
 * OH_EDB.
 */
int store_merge(struct store_merge_result *out, struct store *dst,
		const char *const *path, size_t nr, struct oh_err *err);

#endif /* OH_STORE_STORE_MERGE_H */
