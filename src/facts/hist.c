/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The commit and tag facts of facts/hist.h: the containers, string
 * interning and the semantic-version parse.  No library behind them: git/
 * fills them from a revwalk, store/ saves and loads them, the analysers
 * read them.
 */
#include "facts/hist.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "core/err.h"
#include "core/xalloc.h"
#include "core/banned.h"

/* ---- string interning ------------------------------------------------ */

struct intern {
	const char **slot; /* open addressing; NULL = empty */
	size_t cap;        /* power of two */
	size_t nr;         /* strings stored */
};

static uint64_t hash_str(const char *s)
{
	uint64_t h = 1469598103934665603ull;

	for (; *s != '\0'; s++) {
		h ^= (unsigned char)*s;
		h *= 1099511628211ull;
	}
	return h;
}

static void intern_grow(struct intern *t)
{
	size_t cap = t->cap ? t->cap * 2 : 1024;
	const char **slot = oh_xcalloc(cap, sizeof(*slot));

	for (size_t i = 0; i < t->cap; i++) {
		size_t j;

		if (!t->slot[i])
			continue;
		j = hash_str(t->slot[i]) & (cap - 1);
		while (slot[j])
			j = (j + 1) & (cap - 1);
		slot[j] = t->slot[i];
	}
	free(t->slot);
	t->slot = slot;
	t->cap = cap;
}

const char *hist_intern(struct hist *h, const char *s)
{
	struct intern *t = h->intern;
	size_t j;

	if (!s)
		return NULL;
	if (!t) {
		t = oh_xcalloc(1, sizeof(*t));
		h->intern = t;
	}
	if ((t->nr + 1) * 2 > t->cap)
		intern_grow(t);
	j = hash_str(s) & (t->cap - 1);
	while (t->slot[j]) {
		if (strcmp(t->slot[j], s) == 0)
			return t->slot[j];
		j = (j + 1) & (t->cap - 1);
	}
	t->slot[j] = oh_arena_strdup(&h->arena, s);
	t->nr++;
	return t->slot[j];
}

/* ---- facts ------------------------------------------------------------ */

/*
 * The commit and trailer arrays of a large history (12 and 4 MB for
 * git/git) are fresh memory touched once, and in this kind of VM a page
 * fault per 4 KiB costs more than filling the page: past BIG_ARRAY bytes
 * a grown array is a new block aligned to and advised as transparent
 * huge pages (a hint; one fault per 2 MiB where the kernel allows it),
 * as core/arena.c does for big arenas.  (realloc() would have copied the
 * old entries into 4 KiB pages before the advice: 5,000 of the scan's
 * 38,000 faults on git/git.)
 */
#define BIG_ARRAY ((size_t)2 << 20)
#define HUGE_PAGE ((size_t)2 << 20)

static void grow(void **arr, size_t *alloc, size_t need, size_t size)
{
	size_t n;
	size_t len;
	void *p;

	if (need <= *alloc)
		return;
	n = *alloc < 8 ? 8 : *alloc;
	while (n < need)
		n = oh_add(n, n / 2 + 1);
	len = oh_mul(n, size);
	if (len < BIG_ARRAY) {
		oh_grow(arr, alloc, need, size);
		return;
	}
	/*
	 * Not realloc(): it would copy into 4 KiB pages before any advice
	 * could be given.  A block aligned to a huge page, advised, then
	 * filled: the copy and the new entries fault once per 2 MiB.
	 */
	len = oh_add(len, HUGE_PAGE - 1) & ~(HUGE_PAGE - 1);
	p = aligned_alloc(HUGE_PAGE, len);
	if (!p)
		p = oh_xmalloc(len);
#ifdef MADV_HUGEPAGE
	else
		(void)madvise(p, len, MADV_HUGEPAGE);
#endif
	if (*alloc > 0)
		memcpy(p, *arr, *alloc * size);
	free(*arr);
	*arr = p;
	*alloc = n;
}

#define GROW(arr, alloc, need) \
	grow((void **)&(arr), &(alloc), (need), sizeof(*(arr)))

void hist_init(struct hist *h)
{
	memset(h, 0, sizeof(*h));
}

void hist_tags_move(struct hist *dst, struct hist *src)
{
	for (size_t i = 0; i < src->tag_nr; i++) {
		struct hist_tag *t;

		OH_GROW(dst->tag, dst->tag_alloc, dst->tag_nr + 1);
		t = &dst->tag[dst->tag_nr++];
		*t = src->tag[i];
		t->name = oh_arena_strdup(&dst->arena, t->name);
	}
	src->tag_nr = 0;
}

void hist_release(struct hist *h)
{
	struct intern *t = h->intern;

	if (t) {
		free(t->slot);
		free(t);
	}
	oh_arena_release(&h->arena);
	free(h->commit);
	free(h->trailer);
	free(h->remedy);
	free(h->tag);
	memset(h, 0, sizeof(*h));
}

void hist_reserve(struct hist *h, size_t commits, size_t trailers)
{
	if (commits > 0 && commits < SIZE_MAX - h->commit_nr)
		GROW(h->commit, h->commit_alloc, h->commit_nr + commits);
	if (trailers > 0 && trailers < SIZE_MAX - h->trailer_nr)
		GROW(h->trailer, h->trailer_alloc, h->trailer_nr + trailers);
}

/*
 * Sorting 82,000 pointers with strcmp() on the ids they point to was a
 * twentieth of a full scan (twice: the save and the snapshot): the first
 * eight bytes of each id go beside the pointer as a big-endian key, so
 * most comparisons are one integer compare in a contiguous array.  Byte
 * order of the key is strcmp() order up to the first difference, and
 * equal keys fall back to strcmp().
 */
struct by_id {
	uint64_t key;
	const struct hist_commit *c;
};

static int by_id_cmp(const void *a, const void *b)
{
	const struct by_id *x = a;
	const struct by_id *y = b;

	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	return strcmp(x->c->id, y->c->id);
}

const struct hist_commit **hist_commits_by_id(const struct hist *h)
{
	const struct hist_commit **order =
		oh_xcalloc(h->commit_nr + 1, sizeof(*order));
	struct by_id *k = oh_xcalloc(h->commit_nr + 1, sizeof(*k));

	for (size_t i = 0; i < h->commit_nr; i++) {
		const unsigned char *id =
			(const unsigned char *)h->commit[i].id;
		uint64_t v = 0;

		for (size_t j = 0; j < 8; j++)
			v = v << 8 | id[j];
		k[i].key = v;
		k[i].c = &h->commit[i];
	}
	qsort(k, h->commit_nr, sizeof(*k), by_id_cmp);
	for (size_t i = 0; i < h->commit_nr; i++)
		order[i] = k[i].c;
	free(k);
	return order;
}

struct hist_commit *hist_commit_add(struct hist *h)
{
	struct hist_commit *c;

	GROW(h->commit, h->commit_alloc, h->commit_nr + 1);
	c = &h->commit[h->commit_nr++];
	memset(c, 0, sizeof(*c));
	c->trailer_first = h->trailer_nr;
	return c;
}

void hist_trailer_add(struct hist *h, const char *key, const char *value,
		      const char *ident_name, const char *ident_email)
{
	struct hist_trailer *t;

	if (h->commit_nr == 0)
		OH_BUG("trailer without a commit");
	GROW(h->trailer, h->trailer_alloc, h->trailer_nr + 1);
	t = &h->trailer[h->trailer_nr++];
	t->key = hist_intern(h, key);
	t->value = hist_intern(h, value);
	t->ident_name = hist_intern(h, ident_name);
	t->ident_email = hist_intern(h, ident_email);
	h->commit[h->commit_nr - 1].trailer_nr++;
}

void hist_trailer_add_interned(struct hist *h, const char *key,
			       const char *ident_email)
{
	struct hist_trailer *t;

	if (h->commit_nr == 0)
		OH_BUG("trailer without a commit");
	GROW(h->trailer, h->trailer_alloc, h->trailer_nr + 1);
	t = &h->trailer[h->trailer_nr++];
	t->key = key;
	t->value = NULL;
	t->ident_name = NULL;
	t->ident_email = ident_email;
	h->commit[h->commit_nr - 1].trailer_nr++;
}

/* ---- semantic versions ------------------------------------------------ */

static bool parse_num(unsigned long *out, const char **p)
{
	const char *s = *p;
	unsigned long v = 0;

	if (*s < '0' || *s > '9')
		return false;
	if (*s == '0' && s[1] >= '0' && s[1] <= '9')
		return false; /* no leading zeros */
	for (; *s >= '0' && *s <= '9'; s++) {
		if (v > 100000000ul)
			return false;
		v = v * 10 + (unsigned long)(*s - '0');
	}
	*out = v;
	*p = s;
	return true;
}

static bool ident_chars(const char *s, const char *end)
{
	if (s == end)
		return false;
	for (; s < end; s++)
		if (!((*s >= '0' && *s <= '9') || (*s >= 'a' && *s <= 'z') ||
		      (*s >= 'A' && *s <= 'Z') || *s == '-' || *s == '.'))
			return false;
	return true;
}

bool hist_semver_parse(struct hist_tag *t, const char *name)
{
	const char *p = name;
	const char *plus;

	t->semver = false;
	t->prerelease = false;
	if (*p == 'v' || *p == 'V')
		p++;
	if (!parse_num(&t->major, &p) || *p++ != '.' ||
	    !parse_num(&t->minor, &p) || *p++ != '.' ||
	    !parse_num(&t->patch, &p))
		return false;
	plus = strchr(p, '+');
	if (plus && !ident_chars(plus + 1, plus + strlen(plus)))
		return false;
	if (!plus)
		plus = p + strlen(p);
	if (*p == '-') {
		if (!ident_chars(p + 1, plus))
			return false;
		t->prerelease = true;
	} else if (p != plus) {
		return false;
	}
	t->semver = true;
	return true;
}
