/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef OH_CORE_ARENA_H
#define OH_CORE_ARENA_H

/*
 * Region allocator: one arena per parsed document (an SBOM, a license
 * expression tree, a manifest).  Allocate freely, free everything at once
 * with oh_arena_release().  Allocations are 16-byte aligned and zeroed.
 *
 * In SAN=1 builds (OH_ARENA_DEBUG defined) every allocation is its own
 * malloc() so AddressSanitizer sees overflows between items.
 *
 * Not thread safe.
 */

#include <stddef.h>

struct oh_arena_block;

struct oh_arena {
	struct oh_arena_block *head; /* newest block; NULL when empty */
	size_t used;                 /* bytes handed out, for statistics */
};

/* clang-format off */
#define OH_ARENA_INIT { .head = NULL }
/* clang-format on */

/** Zeroed memory valid until oh_arena_release(); never NULL. */
void *oh_arena_alloc(struct oh_arena *a, size_t size);

/** Copy a string (or its first n bytes) into the arena. */
char *oh_arena_strdup(struct oh_arena *a, const char *s);
char *oh_arena_strndup(struct oh_arena *a, const char *s, size_t n);

/** Free every allocation and return to OH_ARENA_INIT. */
void oh_arena_release(struct oh_arena *a);

#endif /* OH_CORE_ARENA_H */
