/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Region allocator: a chain of blocks, bump allocation inside a block.
 */
#include "core/arena.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "core/xalloc.h"
#include "core/banned.h"

#define BLOCK_SIZE 65536
#define ALIGN      16

/*
 * Big arenas (a parsed 100,000-package SBOM holds hundreds of MB) spend
 * most of their time in page faults of fresh memory, one per 4 KiB: past
 * BIG_AFTER bytes their blocks are BIG_BLOCK bytes on a 2 MiB boundary,
 * advised as transparent huge pages (one fault per 2 MiB where the
 * kernel allows it; the advice is only a hint).
 */
#define BIG_AFTER ((size_t)4 << 20)
#define BIG_BLOCK ((size_t)8 << 20)
#define HUGE_PAGE ((size_t)2 << 20)

struct oh_arena_block {
	struct oh_arena_block *next; /* older block */
	void *raw;                   /* what to free() */
	size_t size;                 /* usable bytes in data[] */
	size_t used;                 /* bytes already handed out */
	_Alignas(ALIGN) unsigned char data[];
};

static struct oh_arena_block *block_new(size_t size,
					struct oh_arena_block *next)
{
	struct oh_arena_block *b;

	b = oh_xmalloc(oh_add(sizeof(*b), size));
	b->raw = b;
	b->next = next;
	b->size = size;
	b->used = 0;
	return b;
}

/* A block of BIG_BLOCK bytes, header included, on a huge-page boundary. */
static struct oh_arena_block *block_big(struct oh_arena_block *next)
{
	unsigned char *raw = oh_xmalloc(BIG_BLOCK + HUGE_PAGE);
	uintptr_t at =
		((uintptr_t)raw + HUGE_PAGE - 1) & ~(uintptr_t)(HUGE_PAGE - 1);
	struct oh_arena_block *b = (struct oh_arena_block *)at;

#ifdef MADV_HUGEPAGE
	(void)madvise(b, BIG_BLOCK, MADV_HUGEPAGE);
#endif
	b->raw = raw;
	b->next = next;
	b->size = BIG_BLOCK - sizeof(*b);
	b->used = 0;
	return b;
}

void *oh_arena_alloc(struct oh_arena *a, size_t size)
{
	size_t need = oh_add(size, ALIGN - 1) & ~(size_t)(ALIGN - 1);
	struct oh_arena_block *b = a->head;
	void *p;

#ifdef OH_ARENA_DEBUG
	b = block_new(need, a->head);
	a->head = b;
#else
	if (!b || b->size - b->used < need) {
		if (need > BLOCK_SIZE / 4) {
			/* Large item: its own block, behind the current one. */
			b = block_new(need, a->head ? a->head->next : NULL);
			if (a->head)
				a->head->next = b;
			else
				a->head = b;
		} else if (a->used >= BIG_AFTER) {
			b = block_big(a->head);
			a->head = b;
		} else {
			b = block_new(BLOCK_SIZE, a->head);
			a->head = b;
		}
	}
#endif /* OH_ARENA_DEBUG */
	p = b->data + b->used;
	b->used += need;
	a->used += need;
	memset(p, 0, size);
	return p;
}

char *oh_arena_strndup(struct oh_arena *a, const char *s, size_t n)
{
	char *p = oh_arena_alloc(a, oh_add(n, 1));

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *oh_arena_strdup(struct oh_arena *a, const char *s)
{
	return oh_arena_strndup(a, s, strlen(s));
}

void oh_arena_release(struct oh_arena *a)
{
	struct oh_arena_block *b = a->head;

	while (b) {
		struct oh_arena_block *next = b->next;

		free(b->raw);
		b = next;
	}
	a->head = NULL;
	a->used = 0;
}
