/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The commit and tag facts of facts/hist.h: the containers, string
 * interning and the semantic-version parse.  No library behind them: git/
 * fills them from a revwalk, store/ saves and loads them, the analysers
 * read them.
 */
#include "facts/hist.h"

#include <stdlib.h>
#include <string.h>

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

void hist_init(struct hist *h)
{
	memset(h, 0, sizeof(*h));
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

struct hist_commit *hist_commit_add(struct hist *h)
{
	struct hist_commit *c;

	OH_GROW(h->commit, h->commit_alloc, h->commit_nr + 1);
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
	OH_GROW(h->trailer, h->trailer_alloc, h->trailer_nr + 1);
	t = &h->trailer[h->trailer_nr++];
	t->key = hist_intern(h, key);
	t->value = hist_intern(h, value);
	t->ident_name = hist_intern(h, ident_name);
	t->ident_email = hist_intern(h, ident_email);
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
