/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef OH_CORE_ARENA_H
#define OH_CORE_ARENA_H

/*
 * Region allocator: one arena per parsed document (an SBOM, a license
 * expression tree, a manifest).  Allocate freely, free everything at once
 * with oh_arena_release().  Allocations are zeroed; oh_arena_alloc() and
 * oh_arena_grow() return 16-byte aligned memory, strings are packed with
 * no alignment.
 *
 * Costs: a 100,000-package SBOM holds hundreds of MB here, and fresh
 * memory (page faults, the kernel clearing pages) is then most of the
 * time of reading it: blocks are zeroed once when they are made (never
 * per allocation), big ones are mapped on 2 MiB boundaries with
 * transparent huge page advice, and oh_arena_grow() extends an array in
 * place where it can, so a doubling array does not leave its old copies
 * behind.
 *
 * In SAN=1 builds (OH_ARENA_DEBUG defined) every allocation is its own
 * malloc() so AddressSanitizer sees overflows between items, and
 * recycled blocks are freed at once.
 *
 * Not thread safe.
 */

#include <stddef.h>

struct oh_arena_block;

struct oh_arena {
	struct oh_arena_block *head;  /* newest block; NULL when empty */
	struct oh_arena_block *spare; /* blocks to reuse (oh_arena_recycle) */
	size_t used;                  /* bytes handed out, for statistics */
};

/* clang-format off */
#define OH_ARENA_INIT { .head = NULL }
/* clang-format on */

/** Zeroed memory valid until oh_arena_release(); never NULL. */
void *oh_arena_alloc(struct oh_arena *a, size_t size);

/**
 * Grow `old` (an oh_arena_alloc() or oh_arena_grow() result of old_size
 * bytes, or NULL) to new_size >= old_size bytes: the first old_size bytes
 * kept, the rest zeroed.  In place when `old` is the newest allocation of
 * its block or has a large block of its own; otherwise a copy, and `old`
 * stays allocated until the arena is released.  Never NULL.
 */
void *oh_arena_grow(struct oh_arena *a, void *old, size_t old_size,
		    size_t new_size);

/** Copy a string (or its first n bytes) into the arena. */
char *oh_arena_strdup(struct oh_arena *a, const char *s);
char *oh_arena_strndup(struct oh_arena *a, const char *s, size_t n);

/**
 * Move every allocation of `from` into `to` (they are freed with `to`)
 * and return `from` to OH_ARENA_INIT: a parse tree whose strings a model
 * borrows lives as long as the model.
 */
void oh_arena_adopt(struct oh_arena *to, struct oh_arena *from);

/**
 * Free every allocation of `from` (returned to OH_ARENA_INIT), keeping
 * its large blocks in `to` as spares: `to` takes them, cleared, before it
 * asks the kernel for fresh memory.  Clearing memory that is already
 * there costs a fraction of fresh pages (page faults, the kernel clearing
 * them), so a parse tree dropped just before the next tree is built is
 * best recycled into that tree's arena.  Spares stay allocated until
 * oh_arena_trim() or oh_arena_release() of `to`.
 */
void oh_arena_recycle(struct oh_arena *to, struct oh_arena *from);

/** Free the spares oh_arena_recycle() left in `a`. */
void oh_arena_trim(struct oh_arena *a);

/** Free every allocation (and spare) and return to OH_ARENA_INIT. */
void oh_arena_release(struct oh_arena *a);

#endif /* OH_CORE_ARENA_H */
