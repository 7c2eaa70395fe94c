/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * String map: open addressing, linear probing, FNV-1a.
 */
#include "core/strmap.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "core/xalloc.h"
#include "core/banned.h"

#define HUGE_TABLE ((size_t)2 << 20) /* bytes: from here on, a mapping */

/*
 * Eight bytes per multiply (FNV-1a's one multiply per byte is a serial
 * chain: most of a lookup of a 70-byte IRI), then a splitmix64 finaliser
 * so that the low bits, which pick the slot, depend on every byte.
 */
static uint64_t hash(const char *s)
{
	size_t n = strlen(s);
	uint64_t h = 0xcbf29ce484222325ull ^ n, w;

	for (; n >= 8; n -= 8, s += 8) {
		memcpy(&w, s, 8);
		h = (h ^ w) * 0x100000001b3ull;
		h ^= h >> 29;
	}
	w = 0;
	memcpy(&w, s, n);
	h = (h ^ w) * 0x100000001b3ull;
	h ^= h >> 30;
	h *= 0xbf58476d1ce4e5b9ull;
	h ^= h >> 27;
	h *= 0x94d049bb133111ebull;
	h ^= h >> 31;
	return h;
}

/* The slot holding `key` (hash h), or the empty slot where it would go. */
static struct oh_strmap_slot *find(const struct oh_strmap *m, const char *key,
				   uint64_t h)
{
	size_t i = (size_t)h & (m->cap - 1);

	while (m->slot[i].key &&
	       (m->slot[i].hash != h || strcmp(m->slot[i].key, key) != 0))
		i = (i + 1) & (m->cap - 1);
	return &m->slot[i];
}

bool oh_strmap_get(const struct oh_strmap *m, const char *key, size_t *value)
{
	const struct oh_strmap_slot *s;

	if (m->cap == 0)
		return false;
	s = find(m, key, hash(key));
	if (!s->key)
		return false;
	*value = s->value;
	return true;
}

/* Zeroed room for m->cap slots: m->slot and m->mapped set. */
static void slots_new(struct oh_strmap *m)
{
	size_t size = oh_mul(m->cap, sizeof(*m->slot));
	void *p = MAP_FAILED;

	if (size >= HUGE_TABLE)
		p = mmap(NULL, size, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	m->mapped = p != MAP_FAILED;
	if (!m->mapped) {
		m->slot = oh_xcalloc(m->cap, sizeof(*m->slot));
		return;
	}
#ifdef MADV_HUGEPAGE
	(void)madvise(p, size, MADV_HUGEPAGE);
#endif /* MADV_HUGEPAGE */
	m->slot = p;
}

static void slots_free(struct oh_strmap_slot *slot, size_t cap, bool mapped)
{
	if (mapped)
		(void)munmap(slot, cap * sizeof(*slot));
	else
		free(slot);
}

static void grow(struct oh_strmap *m)
{
	struct oh_strmap old = *m;

	m->cap = old.cap ? oh_mul(old.cap, 2) : 64;
	slots_new(m);
	for (size_t i = 0; i < old.cap; i++)
		if (old.slot[i].key)
			*find(m, old.slot[i].key, old.slot[i].hash) =
				old.slot[i];
	slots_free(old.slot, old.cap, old.mapped);
}

/*
 * Set key to value; with `replace` false an existing key keeps its value.
 * True when the key was not in the map before.
 */
static bool place(struct oh_strmap *m, const char *key, size_t value,
		  bool replace)
{
	struct oh_strmap_slot *s;
	uint64_t h = hash(key);
	bool fresh;

	if ((m->nr + 1) * 2 > m->cap)
		grow(m);
	s = find(m, key, h);
	fresh = s->key == NULL;
	if (!fresh && !replace)
		return false;
	m->nr += fresh;
	s->key = key;
	s->value = value;
	s->hash = h;
	return fresh;
}

void oh_strmap_put(struct oh_strmap *m, const char *key, size_t value)
{
	(void)place(m, key, value, true);
}

bool oh_strmap_add(struct oh_strmap *m, const char *key, size_t value)
{
	return place(m, key, value, false);
}

void oh_strmap_release(struct oh_strmap *m)
{
	slots_free(m->slot, m->cap, m->mapped);
	m->slot = NULL;
	m->cap = 0;
	m->nr = 0;
	m->mapped = false;
}
