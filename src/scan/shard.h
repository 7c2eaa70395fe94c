/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef OH_SCAN_SHARD_H
#define OH_SCAN_SHARD_H

/*
 * Sharded scans: `scan --shard I/N` reviews the components whose stable
 * hash of the name, taken modulo N, is I (0 <= I < N), so the N shards of
 * one set of inputs take disjoint sets whose union is every component,
 * whatever the order of the inputs or the machine.  The hash is 64-bit
 * FNV-1a of the name's bytes; it is part of the database format (shards
 * scanned by different versions must agree), never change it.
 *
 * The inputs' digest (SHA-256 over every component's name, repository,
 * revision, version and declared facts, then every package not reviewed,
 * in input order, before the partition) tells `db merge` that shards
 * belong to the same inputs.
 *
 * Pure; thread safe.
 */

#include <stdbool.h>
#include <stdint.h>

struct manifest;

#define SCAN_SHARD_MAX 4096 /* N at most (as STORE_MERGE_MAX_SHARDS) */

struct scan_shard {
	unsigned index; /* I, 0-based */
	unsigned count; /* N; 0 = not sharded */
};

/**
 * Parse "I/N" into *out: 0 when 1 <= N <= SCAN_SHARD_MAX and 0 <= I < N,
 * else -1 (*out untouched).
 */
int scan_shard_parse(struct scan_shard *out, const char *arg);

/** The stable 64-bit hash of a component name (FNV-1a). */
uint64_t scan_shard_hash(const char *name);

/** True when component `name` belongs to shard `s` (always if unsharded). */
bool scan_shard_has(const struct scan_shard *s, const char *name);

/**
 * Keep only the components of `m` that belong to shard `s`, in their
 * order; the packages not reviewed are kept whole.
 */
void scan_shard_select(struct manifest *m, const struct scan_shard *s);

/** Hex SHA-256 of the inputs `m` (see above) into out (65 bytes). */
void scan_inputs_digest(char out[65], const struct manifest *m);

/**
 * The JSON array of the component names of `m` (the runs.inputs value).
 * Caller frees with free().
 */
char *scan_inputs_names(const struct manifest *m);

#endif /* OH_SCAN_SHARD_H */
