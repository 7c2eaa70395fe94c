/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef OH_CORE_STRMAP_H
#define OH_CORE_STRMAP_H

/*
 * A map from strings to size_t values: open addressing with linear
 * probing over 64-bit FNV-1a hashes, kept at most half full.  Keys are
 * borrowed: they must outlive the map (they usually live in an arena).
 * Used where a list is searched by name once per element (manifest
 * component names, SBOM package sources), so that 100,000 elements cost
 * O(n), not O(n^2).
 *
 * Each slot keeps its key's hash, so a probe compares hashes and reads no
 * key but the one it finds (SPDX 3 ids are IRIs that share a long
 * prefix: a strcmp() per probe was most of a lookup).
 *
 * Operations: oh_strmap_get, oh_strmap_put, oh_strmap_add,
 * oh_strmap_release.  Memory: 24 bytes per slot, at most 4 slots per key;
 * tables of 2 MiB or more are their own mapping with transparent huge page
 * advice (a lookup is a random access: with 4 KiB pages, a TLB miss too).
 * Not thread safe.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct oh_strmap_slot {
	const char *key; /* borrowed; NULL = empty */
	size_t value;    /* the caller's */
	uint64_t hash;   /* of key */
};

struct oh_strmap {
	struct oh_strmap_slot *slot; /* cap entries */
	size_t cap;                  /* a power of two, or 0 */
	size_t nr;                   /* keys stored */
	bool mapped;                 /* slot is a huge-page mapping */
};

/* clang-format off */
#define OH_STRMAP_INIT { .slot = NULL }
/* clang-format on */

/** Look `key` up: true and *value set when present. */
bool oh_strmap_get(const struct oh_strmap *m, const char *key, size_t *value);

/** Insert or replace `key` (borrowed) with `value`. */
void oh_strmap_put(struct oh_strmap *m, const char *key, size_t value);

/**
 * Insert `key` (borrowed) with `value` unless it is there: true when
 * inserted, false (the old value kept) when present.  One probe, where
 * oh_strmap_get() then oh_strmap_put() take two.
 */
bool oh_strmap_add(struct oh_strmap *m, const char *key, size_t value);

/** Free the slots and return to OH_STRMAP_INIT. */
void oh_strmap_release(struct oh_strmap *m);

#endif /* OH_CORE_STRMAP_H */
