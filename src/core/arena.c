/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Region allocator: a chain of blocks.  Aligned items are bump-allocated
 * upwards from the start of a block, strings downwards from its end, so a
 * string wastes no alignment padding.  Every block is zero when it is
 * made (calloc, or a fresh anonymous mapping), and no byte of it is handed
 * out twice, so allocations need no memset.
 */
/* style: 15: mremap() is a GNU extension; it must come before any header */
#define _GNU_SOURCE
#include "core/arena.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "core/xalloc.h"
#include "core/banned.h"

#define BLOCK_SIZE 65536
#define ALIGN      16

/*
 * A small arena (a license expression: a few hundred bytes) must not pay
 * for clearing a BLOCK_SIZE block: calloc() clears what it reuses.  Head
 * blocks start at FIRST_BLOCK bytes and double, as the arena fills, up to
 * BLOCK_SIZE.
 */
#define FIRST_BLOCK 1024

/*
 * Big arenas (a parsed 100,000-package SBOM holds hundreds of MB) spend
 * most of their time in page faults of fresh memory: past BIG_AFTER bytes
 * their blocks are BIG_BLOCK bytes, and every block of HUGE_PAGE bytes or
 * more is its own mapping on a 2 MiB boundary, advised as transparent huge
 * pages (one fault per 2 MiB where the kernel allows it; only a hint).
 * Only the pages touched cost anything, so the unused end of the newest
 * block is free.
 */
#define BIG_AFTER ((size_t)4 << 20)
#define BIG_BLOCK ((size_t)8 << 20)
#define HUGE_PAGE ((size_t)2 << 20)

struct oh_arena_block {
	struct oh_arena_block *next; /* older block */
	size_t size;                 /* usable bytes in data[] */
	size_t used;                 /* aligned bytes handed out from data[0] */
	size_t top;                  /* strings occupy data[top..size) */
	size_t map;                  /* bytes mapped at the header; 0: calloc */
	_Alignas(ALIGN) unsigned char data[];
};

static size_t align_up(size_t n, size_t to)
{
	return oh_add(n, to - 1) & ~(to - 1);
}

/* A mapping of `total` bytes on a huge-page boundary, or NULL. */
static void *map_aligned(size_t total)
{
	unsigned char *raw, *at;
	size_t span = oh_add(total, HUGE_PAGE);
	size_t head;

	raw = mmap(NULL, span, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (raw == MAP_FAILED)
		return NULL;
	at = (unsigned char *)(((uintptr_t)raw + HUGE_PAGE - 1) &
			       ~(uintptr_t)(HUGE_PAGE - 1));
	head = (size_t)(at - raw);
	if (head > 0)
		(void)munmap(raw, head);
	if (span - head > total)
		(void)munmap(at + total, span - head - total);
#ifdef MADV_HUGEPAGE
	(void)madvise(at, total, MADV_HUGEPAGE);
#endif /* MADV_HUGEPAGE */
	return at;
}

/* A zeroed block with `size` usable bytes. */
static struct oh_arena_block *block_new(size_t size)
{
	size_t total = oh_add(sizeof(struct oh_arena_block), size);
	struct oh_arena_block *b = NULL;
	size_t map = 0;

	if (total >= HUGE_PAGE) {
		map = align_up(total, HUGE_PAGE);
		b = map_aligned(map);
	}
	if (!b) {
		map = 0;
		b = oh_xcalloc(1, total);
	}
	b->map = map;
	b->size = map ? map - sizeof(*b) : size;
	b->top = b->size;
	return b;
}

static void block_free(struct oh_arena_block *b)
{
	if (b->map)
		(void)munmap(b, b->map);
	else
		free(b);
}

/* A large item's own block, linked behind the head (which stays newest). */
static struct oh_arena_block *block_own(struct oh_arena *a, size_t need)
{
	struct oh_arena_block *b = block_new(need);

	if (a->head) {
		b->next = a->head->next;
		a->head->next = b;
	} else {
		a->head = b;
	}
	return b;
}

#ifndef OH_ARENA_DEBUG
/* The usable bytes of the next head block, with room for `need`. */
static size_t head_size(const struct oh_arena *a, size_t need)
{
	size_t size = FIRST_BLOCK;

	if (a->used >= BIG_AFTER)
		return BIG_BLOCK - sizeof(struct oh_arena_block);
	while (size < BLOCK_SIZE && (size < a->used || size < need))
		size *= 2;
	return size;
}

/* A spare block of at least `size` usable bytes, cleared, or NULL. */
static struct oh_arena_block *spare_take(struct oh_arena *a, size_t size)
{
	for (struct oh_arena_block **at = &a->spare; *at; at = &(*at)->next) {
		struct oh_arena_block *b = *at;

		if (b->size < size)
			continue;
		*at = b->next;
		memset(b->data, 0, b->size);
		b->used = 0;
		b->top = b->size;
		b->next = NULL;
		return b;
	}
	return NULL;
}

/* A new head block with room for `need` bytes (need <= BLOCK_SIZE / 4). */
static struct oh_arena_block *block_head(struct oh_arena *a, size_t need)
{
	size_t size = head_size(a, need);
	struct oh_arena_block *b = a->spare ? spare_take(a, size) : NULL;

	if (!b)
		b = block_new(size);

	b->next = a->head;
	a->head = b;
	return b;
}
#endif /* OH_ARENA_DEBUG */

void *oh_arena_alloc(struct oh_arena *a, size_t size)
{
	size_t need = align_up(size, ALIGN);
	struct oh_arena_block *b = a->head;
	void *p;

#ifdef OH_ARENA_DEBUG
	b = block_own(a, need);
#else
	if (!b || b->top - b->used < need)
		b = need > BLOCK_SIZE / 4 ? block_own(a, need)
					  : block_head(a, need);
#endif /* OH_ARENA_DEBUG */
	p = b->data + b->used;
	b->used += need;
	a->used += need;
	return p;
}

#ifndef OH_ARENA_DEBUG
/* The block whose single item is `p` (need bytes, nothing else), or NULL. */
static struct oh_arena_block **own_block(struct oh_arena *a, const void *p,
					 size_t need)
{
	for (struct oh_arena_block **at = &a->head; *at; at = &(*at)->next)
		if ((*at)->data == p)
			return (*at)->used == need && (*at)->top == (*at)->size
				       ? at
				       : NULL;
	return NULL;
}

/* Grow the mapped block *at to hold `need` bytes; false when it cannot. */
static bool remap(struct oh_arena_block **at, size_t need)
{
#ifdef MREMAP_MAYMOVE
	struct oh_arena_block *b = *at;
	size_t map = align_up(oh_add(sizeof(*b), need), HUGE_PAGE);
	void *p;

	if (!b->map)
		return false;
	p = mremap(b, b->map, map, MREMAP_MAYMOVE);
	if (p == MAP_FAILED)
		return false;
	b = p;
#ifdef MADV_HUGEPAGE
	(void)madvise(b, map, MADV_HUGEPAGE);
#endif /* MADV_HUGEPAGE */
	b->map = map;
	b->size = map - sizeof(*b);
	b->top = b->size;
	*at = b;
	return true;
#else
	(void)at;
	(void)need;
	return false;
#endif /* MREMAP_MAYMOVE */
}
#endif /* OH_ARENA_DEBUG */

/* `old` grown where it is (see oh_arena_grow()), or NULL. */
static void *grow_in_place(struct oh_arena *a, void *old, size_t old_size,
			   size_t new_size)
{
#ifdef OH_ARENA_DEBUG
	(void)a;
	(void)old;
	(void)old_size;
	(void)new_size;
	return NULL;
#else
	size_t had = align_up(old_size, ALIGN);
	size_t need = align_up(new_size, ALIGN);
	struct oh_arena_block *b = a->head, **at;

	/* the newest item of the head block: the bytes after it are zero */
	if (b && (unsigned char *)old + had == b->data + b->used &&
	    b->top - (b->used - had) >= need) {
		b->used += need - had;
		a->used += need - had;
		return old;
	}
	at = had > BLOCK_SIZE / 4 ? own_block(a, old, had) : NULL;
	if (!at || !remap(at, need))
		return NULL;
	(*at)->used = need;
	a->used += need - had;
	return (*at)->data;
#endif /* OH_ARENA_DEBUG */
}

void *oh_arena_grow(struct oh_arena *a, void *old, size_t old_size,
		    size_t new_size)
{
	void *p = old ? grow_in_place(a, old, old_size, new_size) : NULL;

	if (p)
		return p;
	p = oh_arena_alloc(a, new_size);
	if (old)
		memcpy(p, old, old_size);
	return p;
}

/* `need` bytes with no alignment, from the top of the head block. */
static char *top_bytes(struct oh_arena *a, size_t need)
{
#ifdef OH_ARENA_DEBUG
	return oh_arena_alloc(a, need);
#else
	struct oh_arena_block *b = a->head;

	if (need > BLOCK_SIZE / 4)
		return oh_arena_alloc(a, need);
	if (!b || b->top - b->used < need)
		b = block_head(a, need);
	b->top -= need;
	a->used += need;
	return (char *)b->data + b->top;
#endif /* OH_ARENA_DEBUG */
}

char *oh_arena_strndup(struct oh_arena *a, const char *s, size_t n)
{
	char *p = top_bytes(a, oh_add(n, 1));

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *oh_arena_strdup(struct oh_arena *a, const char *s)
{
	return oh_arena_strndup(a, s, strlen(s));
}

void oh_arena_adopt(struct oh_arena *to, struct oh_arena *from)
{
	struct oh_arena_block *last = from->head;

	oh_arena_trim(from);
	if (!last)
		return;
	while (last->next)
		last = last->next;
	if (to->head) {
		/* behind the head, which keeps taking new items */
		last->next = to->head->next;
		to->head->next = from->head;
	} else {
		to->head = from->head;
	}
	to->used += from->used;
	from->head = NULL;
	from->used = 0;
}

void oh_arena_trim(struct oh_arena *a)
{
	struct oh_arena_block *b = a->spare;

	while (b) {
		struct oh_arena_block *next = b->next;

		block_free(b);
		b = next;
	}
	a->spare = NULL;
}

void oh_arena_recycle(struct oh_arena *to, struct oh_arena *from)
{
	struct oh_arena_block *b = from->head;

#ifdef OH_ARENA_DEBUG
	(void)to; /* every block is freed: ASan sees each one's end */
#endif
	oh_arena_trim(from);
	while (b) {
		struct oh_arena_block *next = b->next;

#ifndef OH_ARENA_DEBUG
		/* mapped blocks big enough to be a head block again */
		if (b->map && b->size >= BIG_BLOCK - sizeof(*b)) {
			b->next = to->spare;
			to->spare = b;
			b = next;
			continue;
		}
#endif /* OH_ARENA_DEBUG */
		block_free(b);
		b = next;
	}
	from->head = NULL;
	from->used = 0;
}

void oh_arena_release(struct oh_arena *a)
{
	struct oh_arena_block *b = a->head;

	oh_arena_trim(a);

	while (b) {
		struct oh_arena_block *next = b->next;

		block_free(b);
		b = next;
	}
	a->head = NULL;
	a->used = 0;
}
