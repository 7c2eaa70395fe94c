/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Region allocator: a chain of blocks, bump allocation inside a block.
 */
#include "core/arena.h"

#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"
#include "core/banned.h"

#define BLOCK_SIZE 65536
#define ALIGN      16

struct oh_arena_block {
	struct oh_arena_block *next; /* older block */
	size_t size;                 /* usable bytes in data[] */
	size_t used;                 /* bytes already handed out */
	_Alignas(ALIGN) unsigned char data[];
};

static struct oh_arena_block *block_new(size_t size,
					struct oh_arena_block *next)
{
	struct oh_arena_block *b;

	b = oh_xmalloc(oh_add(sizeof(*b), size));
	b->next = next;
	b->size = size;
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

		free(b);
		b = next;
	}
	a->head = NULL;
	a->used = 0;
}
