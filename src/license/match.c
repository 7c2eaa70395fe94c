/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * License matcher.
 *
 * Build: every SPDX text is normalised (norm.c) into word ids through one
 * vocabulary; texts with identical word sequences become one template
 * with several ids ("twins").  Per template: the required range (an
 * optional short title paragraph and an optional tail after "END OF TERMS
 * AND CONDITIONS", or an appended GPL after an LGPL, are excluded) and
 * its sorted distinct word-trigram hashes.  One index (a hash table of
 * the distinct trigrams) maps a trigram hash to the templates holding it.
 *
 * Match: the input is normalised with the same vocabulary; candidates are
 * the templates sharing the largest fraction of their trigrams with it.
 * Each candidate is located (the densest run of its trigrams, Kadane) and
 * confirmed with a Myers word diff against that window: similarity =
 * aligned required words / (required words + words inserted between the
 * first and last aligned required words).  The best candidate wins; its
 * window is masked and the search repeats for further licenses.
 */
#include "license/match.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/err.h"
#include "core/path.h"
#include "core/xalloc.h"
#include "license/list.h"
#include "license/norm.h"
#include "core/banned.h"

#define MAX_CAND      10   /* candidates confirmed with a diff per pass */
#define MIN_CONTAIN   0.25 /* trigram containment to be a candidate */
#define DIFF_MAX_D    1500 /* edit-distance cap of one diff */
#define TITLE_MAX     16   /* words of an omittable title paragraph */
#define MIN_REST      12   /* words left to look for another license */
#define TAIL_MAX      400  /* optional tail words compared */
#define MASKED        (-1)
#define UNKNOWN_GO_ON 75   /* percent: unknown text worth reporting */
#define WIDER_MIN     0.75 /* similarity of a longer text around the best */

/*
 * Under clang (>= 13) the inner loops over words and hashes (hashing,
 * sorting, searching, the diff) are not instrumented for sanitizer
 * coverage: their comparisons give libFuzzer nothing to steer by and
 * cost most of an execution.  ASan and UBSan still check them.
 */
#if defined(__clang__) && __clang_major__ >= 13
#define OH_NO_COVERAGE __attribute__((noinline, no_sanitize("coverage")))
#else
#define OH_NO_COVERAGE
#endif

struct word {
	int id;
	unsigned line;
	unsigned para;
};

struct tmpl {
	int *tok;
	unsigned n;
	unsigned req_first, req_end; /* required words [first, end) */
	uint32_t *tri;               /* sorted, distinct */
	unsigned ntri;
	const struct lic_info **ids; /* twins, list order */
	size_t nids;
	uint64_t hash;
	unsigned short *var; /* replaceable: max input words per token
			      * (0: fixed); NULL when none */
	unsigned var_max;    /* largest of var */
	unsigned tail_var;   /* start of an omittable end ("*"); 0: none */
	unsigned loose_from; /* first word of the "~" region */
	bool *loose;         /* a different disclaimer may stand here ("~"):
			      * forgiven, but the answer is then close */
	unsigned short loose_max; /* input words such a region may hold */
};

struct equiv {
	char *w1, *w2; /* variant (w2 NULL for one word) */
	char *canon;
};

struct vslot {
	const char *key; /* NULL: empty */
	uint64_t hash;   /* fnv() of key */
	size_t len;      /* of key */
	int val;
};

struct posting {
	uint32_t h;
	uint32_t t;
};

/*
 * The templates holding each trigram: key[k] (distinct hashes) is held
 * by templates tmpl[off[k] .. off[k + 1]), in increasing order; slot is
 * an open-addressing table (size nslot, a power of two) of k + 1 by
 * hash, 0 for an empty slot.
 */
struct tri_index {
	uint32_t *key;
	uint32_t *off;
	uint32_t *tmpl;
	uint32_t *slot;
	size_t nkey, nslot;
};

struct scratch_pool;
static struct scratch_pool *pool_new(void);
static void pool_free(struct scratch_pool *pool);

struct lic_matcher {
	struct lic_list *list;
	struct oh_arena arena;
	struct vslot *vocab; /* open addressing by fnv() of the word */
	size_t vcap;
	int nvocab;
	struct equiv *eq;
	size_t neq;
	const char **first; /* first words of two-word variants */
	size_t nfirst;
	uint64_t eq_bits[16]; /* bit fnv() % 1024 of every variant's first
			       * word: a word without its bit is none */
	struct tmpl *t;
	size_t nt;
	struct tri_index idx;
	/* the scratch memory of finished matches, for the next ones (see
	 * scratch_take()); the matcher is otherwise read-only */
	struct scratch_pool *pool;
};

/* ---- vocabulary ------------------------------------------------------ */

OH_NO_COVERAGE static uint64_t fnv(const char *s, size_t n)
{
	uint64_t h = 1469598103934665603ull;

	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211ull;
	}
	return h;
}

static void vocab_grow(struct lic_matcher *m)
{
	size_t ncap = m->vcap ? m->vcap * 2 : 4096;
	struct vslot *nv = oh_xcalloc(ncap, sizeof(*nv));

	for (size_t i = 0; i < m->vcap; i++) {
		size_t j;

		if (!m->vocab[i].key)
			continue;
		j = m->vocab[i].hash & (ncap - 1);
		while (nv[j].key)
			j = (j + 1) & (ncap - 1);
		nv[j] = m->vocab[i];
	}
	free(m->vocab);
	m->vocab = nv;
	m->vcap = ncap;
}

/* Id of word s (1-based); 0 when unknown and !insert. */
static int vocab_id(struct lic_matcher *m, const char *s, size_t n, bool insert)
{
	uint64_t h = fnv(s, n);
	size_t j;

	if (m->vcap == 0 || (size_t)m->nvocab * 2 >= m->vcap) {
		if (!insert && m->vcap > 0)
			goto look;
		vocab_grow(m);
	}
look:
	/* the hash first: a word is compared only with its likely self */
	for (j = h & (m->vcap - 1); m->vocab[j].key;
	     j = (j + 1) & (m->vcap - 1)) {
		const struct vslot *v = &m->vocab[j];

		if (v->hash == h && v->len == n && memcmp(v->key, s, n) == 0)
			return v->val;
	}
	if (!insert)
		return 0;
	m->vocab[j].key = oh_arena_strndup(&m->arena, s, n);
	m->vocab[j].hash = h;
	m->vocab[j].len = n;
	m->vocab[j].val = ++m->nvocab;
	return m->vocab[j].val;
}

static int vocab_find(const struct lic_matcher *m, const char *s)
{
	/* style: rule 24: lookups never insert, so the cast is safe */
	return vocab_id((struct lic_matcher *)m, s, strlen(s), false);
}

/* ---- equivalent words ------------------------------------------------ */

static int eq_cmp(const void *a, const void *b)
{
	const struct equiv *x = a;
	const struct equiv *y = b;
	int c = strcmp(x->w1, y->w1);

	if (c != 0)
		return c;
	if (!x->w2 || !y->w2)
		return x->w2 ? 1 : (y->w2 ? -1 : 0);
	return strcmp(x->w2, y->w2);
}

static int load_equiv(struct lic_matcher *m, const char *path,
		      struct oh_err *err)
{
	struct oh_buf b = OH_BUF_INIT;
	size_t alloc = 0;
	unsigned lno = 0;
	char *p;
	int ret;

	oh_buf_set_max(&b, 1024 * 1024);
	ret = oh_buf_read_file(&b, path, err);
	for (p = b.buf; ret == 0 && p && *p != '\0';) {
		char *nl = strchr(p, '\n');
		char *tab;
		char *sp;
		struct equiv *e;

		if (nl)
			*nl = '\0';
		lno++;
		if (*p != '#' && *p != '\0') {
			tab = strchr(p, '\t');
			if (!tab || tab == p || tab[1] == '\0') {
				ret = oh_err_set(err, OH_EINPUT, path, lno, 0,
						 "expected 'word<TAB>variant'");
				break;
			}
			*tab = '\0';
			OH_GROW(m->eq, alloc, m->neq + 1);
			e = &m->eq[m->neq++];
			e->canon = oh_arena_strdup(&m->arena, p);
			sp = strchr(tab + 1, ' ');
			if (sp)
				*sp = '\0';
			e->w1 = oh_arena_strdup(&m->arena, tab + 1);
			e->w2 = sp ? oh_arena_strdup(&m->arena, sp + 1) : NULL;
		}
		p = nl ? nl + 1 : NULL;
	}
	if (ret == 0 && m->neq > 0)
		qsort(m->eq, m->neq, sizeof(*m->eq), eq_cmp);
	for (size_t i = 0; ret == 0 && i < m->neq; i++) {
		uint64_t h = fnv(m->eq[i].w1, strlen(m->eq[i].w1)) & 1023;

		m->eq_bits[h / 64] |= 1ull << (h % 64);
	}
	for (size_t i = 0; ret == 0 && i < m->neq; i++) {
		if (!m->eq[i].w2)
			continue;
		m->first = oh_xrealloc(m->first,
				       (m->nfirst + 1) * sizeof(*m->first));
		m->first[m->nfirst++] = m->eq[i].w1;
	}
	oh_buf_release(&b);
	return ret;
}

/* Might w be the first word of a variant?  False: it is not. */
static bool eq_maybe(const struct lic_matcher *m, const char *w)
{
	uint64_t h = fnv(w, strlen(w)) & 1023;

	return m && (m->eq_bits[h / 64] >> (h % 64)) & 1;
}

static const struct equiv *eq_find(const struct lic_matcher *m, const char *w1,
				   const char *w2)
{
	struct equiv key = { .w1 = (char *)w1, .w2 = (char *)w2 };

	if (!m || m->neq == 0 || !eq_maybe(m, w1))
		return NULL;
	return bsearch(&key, m->eq, m->neq, sizeof(*m->eq), eq_cmp);
}

static bool eq_is_first(const struct lic_matcher *m, const char *w)
{
	if (!eq_maybe(m, w))
		return false;
	for (size_t i = 0; i < m->nfirst; i++)
		if (strcmp(m->first[i], w) == 0)
			return true;
	return false;
}

/* ---- tokenising ------------------------------------------------------ */

struct tokctx {
	struct lic_matcher *m; /* NULL: no mapping, no ids */
	bool insert;
	struct word *w;
	size_t n, alloc;
	struct oh_buf *text; /* lic_norm_text(): words as text */
	char pend[LIC_NORM_MAX_WORD + 1];
	unsigned pline, ppara;
	bool has_pend;
	char last[LIC_NORM_MAX_WORD + 1]; /* the word pushed before */
};

static void push(struct tokctx *c, const char *s, unsigned line, unsigned para)
{
	if (c->text) {
		if (c->text->len > 0)
			oh_buf_addch(c->text, ' ');
		oh_buf_adds(c->text, s);
		return;
	}
	OH_GROW(c->w, c->alloc, c->n + 1);
	c->w[c->n].id = vocab_id(c->m, s, strlen(s), c->insert);
	c->w[c->n].line = line;
	c->w[c->n].para = para;
	if (c->m && !c->insert && c->w[c->n].id == 0 && c->n > 0 &&
	    c->w[c->n - 1].line + 1 == line &&
	    strlen(c->last) + strlen(s) <= LIC_NORM_MAX_WORD) {
		/* a word hyphenated across lines ("connec-" / "tion"): the
		 * second part is no word, the two together are */
		char joined[2 * LIC_NORM_MAX_WORD + 2];
		int id;

		snprintf(joined, sizeof(joined), "%s%s", c->last, s);
		id = vocab_id(c->m, joined, strlen(joined), false);
		if (id > 0) {
			c->w[c->n - 1].id = id;
			c->last[0] = '\0';
			return;
		}
	}
	snprintf(c->last, sizeof(c->last), "%s", s);
	c->n++;
}

static void push_mapped(struct tokctx *c, const char *s, unsigned line,
			unsigned para)
{
	const struct equiv *e = eq_find(c->m, s, NULL);

	push(c, e ? e->canon : s, line, para);
}

static void on_word(void *ctx, const char *w, size_t len, unsigned line,
		    unsigned para)
{
	struct tokctx *c = ctx;
	const struct equiv *e;

	(void)len;
	if (c->has_pend) {
		c->has_pend = false;
		e = eq_find(c->m, c->pend, w);
		if (e) {
			push(c, e->canon, c->pline, c->ppara);
			return;
		}
		push_mapped(c, c->pend, c->pline, c->ppara);
	}
	if (eq_is_first(c->m, w)) {
		snprintf(c->pend, sizeof(c->pend), "%s", w);
		c->pline = line;
		c->ppara = para;
		c->has_pend = true;
		return;
	}
	push_mapped(c, w, line, para);
}

static void tokenize(struct tokctx *c, const char *text, size_t len)
{
	struct lic_norm_sink sink = { .ctx = c, .word = on_word };

	lic_norm_words(text, len, &sink);
	if (c->has_pend) {
		c->has_pend = false;
		push_mapped(c, c->pend, c->pline, c->ppara);
	}
}

void lic_norm_text(struct oh_buf *out, const struct lic_matcher *m,
		   const char *text, size_t len)
{
	/* style: rule 24: with `text` set, nothing is inserted into m */
	struct tokctx c = { .m = (struct lic_matcher *)m, .text = out };

	tokenize(&c, text, len);
}

/* ---- templates ------------------------------------------------------- */

static uint32_t tri_hash(int a, int b, int c)
{
	uint64_t h = (uint64_t)(uint32_t)a * 0x9E3779B97F4A7C15ull;

	h ^= ((uint64_t)(uint32_t)b + 0x632BE59BD9B4E019ull) + (h << 6) +
	     (h >> 2);
	h *= 0xC2B2AE3D27D4EB4Full;
	h ^= (uint64_t)(uint32_t)c * 0x165667B19E3779F9ull;
	h ^= h >> 29;
	return (uint32_t)(h ^ (h >> 32));
}

/* Sort h[0..n) (LSD radix) and drop repeats; returns the count left. */
OH_NO_COVERAGE static unsigned distinct(uint32_t *h, unsigned n)
{
	uint32_t *tmp = oh_xmalloc(oh_mul(n > 0 ? n : 1, sizeof(*tmp)));
	uint32_t *src = h;
	uint32_t *dst = tmp;
	unsigned u = 0;

	for (unsigned shift = 0; shift < 32; shift += 8) {
		unsigned count[257] = { 0 };
		uint32_t *swap;

		for (unsigned i = 0; i < n; i++)
			count[((src[i] >> shift) & 0xff) + 1]++;
		for (unsigned k = 1; k < 257; k++)
			count[k] += count[k - 1];
		for (unsigned i = 0; i < n; i++)
			dst[count[(src[i] >> shift) & 0xff]++] = src[i];
		swap = src;
		src = dst;
		dst = swap;
	}
	/* four passes: the result is back in h */
	free(tmp);
	for (unsigned i = 0; i < n; i++)
		if (u == 0 || h[u - 1] != h[i])
			h[u++] = h[i];
	return u;
}

/* Sorted distinct trigram hashes of tok[0..n); returns their count. */
static unsigned trigrams(uint32_t **out, const int *tok, unsigned n)
{
	uint32_t *h;
	unsigned k = 0;

	*out = NULL;
	if (n < 3)
		return 0;
	h = oh_xmalloc(oh_mul(n - 2, sizeof(*h)));
	for (unsigned i = 0; i + 2 < n; i++) {
		if (tok[i] <= 0 || tok[i + 1] <= 0 || tok[i + 2] <= 0)
			continue;
		h[k++] = tri_hash(tok[i], tok[i + 1], tok[i + 2]);
	}
	*out = h;
	return distinct(h, k);
}

static bool seq_at(const struct lic_matcher *m, const int *tok, unsigned n,
		   unsigned i, const char *const *words)
{
	for (unsigned k = 0; words[k]; k++)
		if (i + k >= n || tok[i + k] != vocab_find(m, words[k]))
			return false;
	return true;
}

/* The omittable title and tail of a template (see top of file). */
static void required_range(struct tmpl *t, const struct lic_matcher *m,
			   const struct word *w)
{
	static const char *const end_terms[] = { "end", "of",         "terms",
						 "and", "conditions", NULL };
	static const char *const gpl_title[] = { "gnu",     "general", "public",
						 "license", "version", NULL };
	int lic = vocab_find(m, "license");
	unsigned i;
	bool has_license = false;

	t->req_first = 0;
	t->req_end = t->n;
	for (i = 0; i < t->n && w[i].para == w[0].para; i++)
		has_license = has_license || t->tok[i] == lic;
	if (i <= TITLE_MAX && i < t->n && has_license)
		t->req_first = i;
	for (i = t->req_first; i < t->n; i++) {
		if (seq_at(m, t->tok, t->n, i, end_terms)) {
			t->req_end = i + 5;
			break;
		}
		if (i > 200 && w[i].para != w[i - 1].para &&
		    seq_at(m, t->tok, t->n, i, gpl_title)) {
			t->req_end = i;
			break;
		}
	}
}

static uint64_t seq_hash(const int *tok, unsigned n)
{
	return fnv((const char *)tok, n * sizeof(*tok));
}

static void add_template(struct lic_matcher *m, const struct lic_info *info,
			 const struct word *w, unsigned n, size_t *talloc)
{
	struct tmpl nt = { .n = n };
	struct tmpl *t;

	nt.tok = oh_xmalloc(oh_mul(n, sizeof(*nt.tok)));
	for (unsigned i = 0; i < n; i++)
		nt.tok[i] = w[i].id;
	required_range(&nt, m, w);
	/* twins: the same required words (titles and tails may differ) */
	nt.hash = seq_hash(nt.tok + nt.req_first, nt.req_end - nt.req_first);
	for (size_t k = 0; k < m->nt; k++) {
		t = &m->t[k];
		if (t->hash == nt.hash &&
		    t->req_end - t->req_first == nt.req_end - nt.req_first &&
		    memcmp(t->tok + t->req_first, nt.tok + nt.req_first,
			   (nt.req_end - nt.req_first) * sizeof(*nt.tok)) ==
			    0) {
			t->ids = oh_xrealloc(t->ids,
					     (t->nids + 1) * sizeof(*t->ids));
			t->ids[t->nids++] = info;
			free(nt.tok);
			return;
		}
	}
	OH_GROW(m->t, *talloc, m->nt + 1);
	t = &m->t[m->nt++];
	*t = nt;
	t->ids = oh_xmalloc(sizeof(*t->ids));
	t->ids[0] = info;
	t->nids = 1;
	/* candidates are found by their required words only */
	t->ntri = trigrams(&t->tri, t->tok + t->req_first,
			   t->req_end - t->req_first);
}

/* Stable LSD radix sort by hash (template order kept within a hash). */
static void radix_sort(struct posting *v, size_t n)
{
	struct posting *tmp = oh_xmalloc(oh_mul(n > 0 ? n : 1, sizeof(*tmp)));
	struct posting *src = v;
	struct posting *dst = tmp;

	for (unsigned shift = 0; shift < 32; shift += 8) {
		size_t count[257] = { 0 };
		struct posting *swap;

		for (size_t i = 0; i < n; i++)
			count[((src[i].h >> shift) & 0xff) + 1]++;
		for (size_t k = 1; k < 257; k++)
			count[k] += count[k - 1];
		for (size_t i = 0; i < n; i++)
			dst[count[(src[i].h >> shift) & 0xff]++] = src[i];
		swap = src;
		src = dst;
		dst = swap;
	}
	/* four passes: the result is back in v */
	free(tmp);
}

static size_t slot_of(uint32_t h, size_t nslot)
{
	return (size_t)((h * 0x9E3779B1u) & (uint32_t)(nslot - 1));
}

/* The index of every template's trigrams (struct tri_index). */
static void build_index(struct lic_matcher *m)
{
	struct tri_index *x = &m->idx;
	struct posting *post;
	size_t n = 0, np = 0;

	for (size_t k = 0; k < m->nt; k++)
		n += m->t[k].ntri;
	post = oh_xmalloc(oh_mul(n > 0 ? n : 1, sizeof(*post)));
	for (size_t k = 0; k < m->nt; k++)
		for (unsigned i = 0; i < m->t[k].ntri; i++)
			post[np++] = (struct posting){ .h = m->t[k].tri[i],
						       .t = (uint32_t)k };
	radix_sort(post, np);
	x->key = oh_xmalloc(oh_mul(np > 0 ? np : 1, sizeof(*x->key)));
	x->off = oh_xmalloc(oh_mul(oh_add(np, 1), sizeof(*x->off)));
	x->tmpl = oh_xmalloc(oh_mul(np > 0 ? np : 1, sizeof(*x->tmpl)));
	for (size_t i = 0; i < np; i++) {
		if (i == 0 || post[i].h != post[i - 1].h) {
			x->key[x->nkey] = post[i].h;
			x->off[x->nkey++] = (uint32_t)i;
		}
		x->tmpl[i] = post[i].t;
	}
	x->off[x->nkey] = (uint32_t)np;
	for (x->nslot = 16; x->nslot < 2 * x->nkey; x->nslot *= 2)
		;
	x->slot = oh_xcalloc(x->nslot, sizeof(*x->slot));
	for (size_t k = 0; k < x->nkey; k++) {
		size_t j = slot_of(x->key[k], x->nslot);

		while (x->slot[j])
			j = (j + 1) & (x->nslot - 1);
		x->slot[j] = (uint32_t)k + 1;
	}
	free(post);
}

/* The templates holding trigram h: tmpl[*first .. *end); false: none. */
static bool index_find(const struct tri_index *x, uint32_t h, size_t *first,
		       size_t *end)
{
	for (size_t j = slot_of(h, x->nslot); x->slot[j];
	     j = (j + 1) & (x->nslot - 1)) {
		size_t k = x->slot[j] - 1;

		if (x->key[k] == h) {
			*first = x->off[k];
			*end = x->off[k + 1];
			return true;
		}
	}
	return false;
}

static int build_templates(struct lic_matcher *m, struct oh_err *err)
{
	size_t talloc = 0;

	for (size_t i = 0; i < lic_list_count(m->list); i++) {
		const struct lic_info *info = lic_list_at(m->list, i);
		struct tokctx c = { .m = m, .insert = true };
		const char *text;
		size_t len;

		if (lic_list_text(&text, &len, m->list, info, err) < 0)
			return err->code;
		if (!text)
			continue;
		tokenize(&c, text, len);
		if (c.n >= 3)
			add_template(m, info, c.w, (unsigned)c.n, &talloc);
		free(c.w);
	}
	build_index(m);
	return 0;
}

/* ---- replaceable text (licenses/replaceable.tsv) ---------------------- */

static struct tmpl *tmpl_of(struct lic_matcher *m, const char *id)
{
	for (size_t k = 0; k < m->nt; k++)
		for (size_t i = 0; i < m->t[k].nids; i++)
			if (strcmp(m->t[k].ids[i]->id, id) == 0)
				return &m->t[k];
	return NULL;
}

/* Word ids of a phrase (lookups only); its length, 0 on an unknown word. */
static unsigned phrase_ids(int *out, unsigned max, struct lic_matcher *m,
			   const char *s)
{
	struct tokctx c = { .m = m };
	unsigned n = 0;

	tokenize(&c, s, strlen(s));
	for (size_t i = 0; i < c.n && n < max; i++) {
		if (c.w[i].id <= 0) {
			n = 0;
			break;
		}
		out[n++] = c.w[i].id;
	}
	free(c.w);
	return n;
}

/* Mark every occurrence of before+region+after in t; how many. */
static unsigned mark_region(struct tmpl *t, const int *b, unsigned nb,
			    const int *r, unsigned nr, const int *a,
			    unsigned na, unsigned short max)
{
	unsigned found = 0;

	for (unsigned i = 0; i + nb + nr + na <= t->n; i++) {
		if (memcmp(t->tok + i, b, nb * sizeof(*b)) != 0 ||
		    memcmp(t->tok + i + nb, r, nr * sizeof(*r)) != 0 ||
		    memcmp(t->tok + i + nb + nr, a, na * sizeof(*a)) != 0)
			continue;
		if (!t->var)
			t->var = oh_xcalloc(t->n, sizeof(*t->var));
		for (unsigned k = 0; k < nr; k++)
			t->var[i + nb + k] = max;
		if (max > t->var_max)
			t->var_max = max;
		found++;
	}
	return found;
}

/* Region "...": every word between the first `before` (the start when
 * empty) and the first `after` behind it (a preamble, a long notice). */
static bool mark_between(struct tmpl *t, const int *b, unsigned nb,
			 const int *a, unsigned na, unsigned short max)
{
	for (unsigned i = 0; i + nb <= t->n; i++) {
		if (memcmp(t->tok + i, b, nb * sizeof(*b)) != 0)
			continue;
		for (unsigned j = i + nb; j + na <= t->n; j++) {
			if (memcmp(t->tok + j, a, na * sizeof(*a)) != 0)
				continue;
			if (j == i + nb)
				return false;
			if (!t->var)
				t->var = oh_xcalloc(t->n, sizeof(*t->var));
			for (unsigned k = i + nb; k < j; k++)
				t->var[k] = max;
			if (max > t->var_max)
				t->var_max = max;
			return true;
		}
		return false;
	}
	return false;
}

/* Mark everything after the first occurrence of `before` (to the end). */
static bool mark_tail(struct tmpl *t, const int *b, unsigned nb,
		      unsigned short max)
{
	for (unsigned i = 0; i + nb <= t->n; i++) {
		if (memcmp(t->tok + i, b, nb * sizeof(*b)) != 0)
			continue;
		if (!t->var)
			t->var = oh_xcalloc(t->n, sizeof(*t->var));
		for (unsigned k = i + nb; k < t->n; k++)
			t->var[k] = max;
		t->tail_var = i + nb;
		if (max > t->var_max)
			t->var_max = max;
		return true;
	}
	return false;
}

/* Region "~": every word after `before` may be a different warranty
 * disclaimer (SPDX does not list the variant; the answer is close). */
static bool mark_loose(struct tmpl *t, const int *b, unsigned nb,
		       unsigned short max)
{
	for (unsigned i = 0; i + nb <= t->n; i++) {
		if (memcmp(t->tok + i, b, nb * sizeof(*b)) != 0)
			continue;
		if (!t->loose)
			t->loose = oh_xcalloc(t->n, sizeof(*t->loose));
		for (unsigned k = i + nb; k < t->n; k++)
			t->loose[k] = true;
		t->loose_from = i + nb;
		t->loose_max = max;
		return true;
	}
	return false;
}

/*
 * licenses/replaceable.tsv: "id TAB max TAB before TAB region TAB after":
 * the region's words (between the context words) may be replaced by up
 * to `max` words of the input (SPDX replaceable text: names of holders,
 * BUSL's parameters).  A line that fits no template is an error: the
 * data must follow the texts.  A region "*" is everything after `before`
 * (an omittable end, such as BUSL-1.1's covenants).
 */
static int load_replaceable(struct lic_matcher *m, const char *path,
			    struct oh_err *err)
{
	struct oh_buf data = OH_BUF_INIT;
	char *line, *save = NULL;
	unsigned lineno = 0;
	int ret;

	ret = oh_buf_read_file(&data, path, err);
	if (ret < 0)
		return ret;
	for (line = strtok_r(data.buf, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		char *f[5];
		int b[64], r[64], a[64];
		bool to_end, between;
		unsigned nb, nr, na, nf = 0;
		struct tmpl *t;
		long max;

		lineno++;
		if (line[0] == '#' || line[0] == '\0')
			continue;
		for (char *q = line; nf < 5; nf++) {
			f[nf] = q;
			q = strchr(q, '\t');
			if (!q)
				break;
			*q++ = '\0';
		}
		if (nf != 4) {
			ret = oh_err_set(err, OH_EINPUT, path, lineno, 0,
					 "expected 5 tab-separated fields");
			break;
		}
		max = strtol(f[1], NULL, 10);
		t = tmpl_of(m, f[0]);
		nb = phrase_ids(b, 64, m, f[2]);
		if (t && strcmp(f[3], "~") == 0 && nb > 0 && max > 0 &&
		    max <= 2000 && mark_loose(t, b, nb, (unsigned short)max))
			continue;
		to_end = strcmp(f[3], "*") == 0;
		between = strcmp(f[3], "...") == 0;
		nr = to_end || between ? 0 : phrase_ids(r, 64, m, f[3]);
		na = phrase_ids(a, 64, m, f[4]);
		if (t && to_end && nb > 0 &&
		    mark_tail(t, b, nb, (unsigned short)max))
			continue;
		if (t && between && na > 0 && max > 0 && max <= 2000 &&
		    (f[2][0] == '\0' || nb > 0) &&
		    mark_between(t, b, nb, a, na, (unsigned short)max))
			continue;
		if (!t || max <= 0 || max > 2000 || nr == 0 ||
		    (f[2][0] != '\0' && nb == 0) ||
		    (f[4][0] != '\0' && na == 0) ||
		    mark_region(t, b, nb, r, nr, a, na, (unsigned short)max) ==
			    0) {
			ret = oh_err_set(err, OH_EINPUT, path, lineno, 0,
					 "'%s': region not found in the text",
					 f[0]);
			break;
		}
	}
	oh_buf_release(&data);
	return ret < 0 ? ret : 0;
}

int lic_matcher_new(struct lic_matcher **out, struct lic_list *list,
		    struct oh_err *err)
{
	struct lic_matcher *m = oh_xcalloc(1, sizeof(*m));
	struct oh_buf path = OH_BUF_INIT;
	int ret;

	*out = NULL;
	m->list = list;
	m->pool = pool_new();
	ret = oh_data_file(&path, "licenses/equivalent-words.txt", err);
	if (ret == 0)
		ret = load_equiv(m, path.buf, err);
	if (ret == 0)
		ret = build_templates(m, err);
	oh_buf_reset(&path);
	if (ret == 0)
		ret = oh_data_file(&path, "licenses/replaceable.tsv", err);
	if (ret == 0)
		ret = load_replaceable(m, path.buf, err);
	oh_buf_release(&path);
	if (ret < 0) {
		lic_matcher_free(m);
		return ret;
	}
	*out = m;
	return 0;
}

void lic_matcher_free(struct lic_matcher *m)
{
	if (!m)
		return;
	for (size_t k = 0; k < m->nt; k++) {
		free(m->t[k].tok);
		free(m->t[k].var);
		free(m->t[k].loose);
		free(m->t[k].tri);
		free(m->t[k].ids);
	}
	free(m->t);
	free(m->idx.key);
	free(m->idx.off);
	free(m->idx.tmpl);
	free(m->idx.slot);
	free(m->eq);
	free(m->first);
	free(m->vocab);
	oh_arena_release(&m->arena);
	pool_free(m->pool);
	free(m);
}

/* ---- diff ------------------------------------------------------------ */

struct pair {
	unsigned i, j; /* template index, window index */
};

/* Ints of one block of V rows: more than the widest row (DIFF_MAX_D + 1),
 * and few enough to be reused by malloc rather than mapped afresh. */
#define DIFF_BLOCK 16384
_Static_assert(DIFF_BLOCK > DIFF_MAX_D + 1, "a V row fits in a block");

/* The V row of step d: x[i] is the furthest x on diagonal lo + 2 i, for
 * the diagonals followed (see myers()). */
struct vrow {
	int *x;
	int lo;
};

struct diff {
	struct pair *p; /* matched pairs, in increasing order */
	size_t n, alloc;
	/* rows of every step, carved from blocks that are kept from one
	 * diff to the next */
	struct vrow *row;
	size_t row_alloc;
	int **blk;
	size_t nblk, blk_alloc;
	size_t cur, used; /* the block being carved, and its ints used */
	unsigned *cnt;    /* per word id, zero between calls (lcs_bound,
			   * lcs_len) */
	size_t ncnt;
	uint64_t *mask; /* lcs_len(): a bit mask of a per distinct word */
	size_t mask_alloc;
	uint64_t *v; /* lcs_len(): its bit vector */
	size_t v_alloc;
};

/*
 * The scratch memory of matches (a struct diff: its rows, pairs and the
 * count per word id, which alone is a zeroed array of the vocabulary's
 * size) is kept by the matcher from one match to the next, for up to
 * POOL_MAX matches running at once, with at most POOL_KEEP_BLK row blocks
 * each: allocating it afresh was a tenth of the time of a short text.
 * A pool is taken and given back under a lock, so lic_match_text() may
 * still run in parallel on one matcher.  The counts are zero between
 * uses (lcs_bound() and lcs_len() clear what they set).
 */
#define POOL_MAX      8
#define POOL_KEEP_BLK 16

struct scratch_pool {
	pthread_mutex_t lock;
	struct diff *free[POOL_MAX];
	size_t n;
};

static void diff_free_blocks(struct diff *df, size_t keep)
{
	for (size_t k = keep; k < df->nblk; k++)
		free(df->blk[k]);
	if (df->nblk > keep)
		df->nblk = keep;
}

static void diff_free(struct diff *df)
{
	diff_free_blocks(df, 0);
	free(df->blk);
	free(df->p);
	free(df->row);
	free(df->cnt);
	free(df->mask);
	free(df->v);
	free(df);
}

static struct diff *scratch_take(const struct lic_matcher *m)
{
	struct diff *df = NULL;

	pthread_mutex_lock(&m->pool->lock);
	if (m->pool->n > 0)
		df = m->pool->free[--m->pool->n];
	pthread_mutex_unlock(&m->pool->lock);
	return df ? df : oh_xcalloc(1, sizeof(*df));
}

static void scratch_give(const struct lic_matcher *m, struct diff *df)
{
	diff_free_blocks(df, POOL_KEEP_BLK);
	pthread_mutex_lock(&m->pool->lock);
	if (m->pool->n < POOL_MAX) {
		m->pool->free[m->pool->n++] = df;
		df = NULL;
	}
	pthread_mutex_unlock(&m->pool->lock);
	if (df)
		diff_free(df);
}

static struct scratch_pool *pool_new(void)
{
	struct scratch_pool *pool = oh_xcalloc(1, sizeof(*pool));

	pthread_mutex_init(&pool->lock, NULL);
	return pool;
}

static void pool_free(struct scratch_pool *pool)
{
	if (!pool)
		return;
	for (size_t k = 0; k < pool->n; k++)
		diff_free(pool->free[k]);
	pthread_mutex_destroy(&pool->lock);
	free(pool);
}

static void add_pair(struct diff *df, unsigned i, unsigned j)
{
	OH_GROW(df->p, df->alloc, df->n + 1);
	df->p[df->n++] = (struct pair){ .i = i, .j = j };
}

/* Matched pairs on the diagonal from (x0,y0) up to (x1,y1), reversed. */
static void add_snake(struct diff *df, int x0, int y0, int x1, int y1)
{
	while (x1 > x0 && y1 > y0) {
		x1--;
		y1--;
		add_pair(df, (unsigned)x1, (unsigned)y1);
	}
}

/*
 * Room for the V row of step d over the diagonals lo, lo + 2, ..., hi:
 * the furthest x of diagonal k is at index (k - lo) / 2.
 */
static int *new_row(struct diff *df, int d, int lo, int hi)
{
	size_t w = (size_t)(hi - lo) / 2 + 1;

	if (df->used + w > DIFF_BLOCK) {
		df->cur++;
		df->used = 0;
	}
	if (df->cur == df->nblk) {
		OH_GROW(df->blk, df->blk_alloc, df->nblk + 1);
		df->blk[df->nblk++] =
			oh_xmalloc(DIFF_BLOCK * sizeof(**df->blk));
	}
	OH_GROW(df->row, df->row_alloc, (size_t)d + 1);
	df->row[d].x = df->blk[df->cur] + df->used;
	df->row[d].lo = lo;
	df->used += w;
	return df->row[d].x;
}

OH_NO_COVERAGE static void backtrack(struct diff *df, int d, int n, int m)
{
	int x = n;
	int y = m;

	for (; d > 0; d--) {
		/* x of diagonal k of the row before: vp[(k - lo) / 2] */
		const int *vp = df->row[d - 1].x;
		int lo = df->row[d - 1].lo;
		int k = x - y;
		int pk;
		int px, py, mx, my;

		if (k == -d ||
		    (k != d && vp[(k - 1 - lo) / 2] < vp[(k + 1 - lo) / 2]))
			pk = k + 1;
		else
			pk = k - 1;
		px = vp[(pk - lo) / 2];
		py = px - pk;
		mx = pk == k + 1 ? px : px + 1;
		my = mx - k;
		add_snake(df, mx, my, x, y);
		x = px;
		y = py;
	}
	add_snake(df, 0, 0, x, y);
}

/*
 * An upper bound of the longest common subsequence of a and b: the words
 * they share, counted with multiplicity (ids outside 1..nvocab, unknown
 * or masked words, are all taken as able to match each other).
 */
static size_t lcs_bound(struct diff *df, const int *a, int n, const int *b,
			int m, int nvocab)
{
	size_t common = 0, other_a = 0, other_b = 0;

	if (df->ncnt < (size_t)nvocab + 1) {
		free(df->cnt);
		df->ncnt = (size_t)nvocab + 1;
		df->cnt = oh_xcalloc(df->ncnt, sizeof(*df->cnt));
	}
	for (int i = 0; i < n; i++) {
		if (a[i] >= 1 && a[i] <= nvocab)
			df->cnt[a[i]]++;
		else
			other_a++;
	}
	for (int j = 0; j < m; j++) {
		if (b[j] < 1 || b[j] > nvocab) {
			other_b++;
		} else if (df->cnt[b[j]] > 0) {
			df->cnt[b[j]]--;
			common++;
		}
	}
	for (int i = 0; i < n; i++)
		if (a[i] >= 1 && a[i] <= nvocab)
			df->cnt[a[i]] = 0;
	return common + (other_a < other_b ? other_a : other_b);
}

/*
 * The length of the longest common subsequence of a and b, bit-parallel
 * in O(N M / 64) (Hyyro's form of Allison and Dix): V holds a bit per
 * word of a, all set at first; for each word of b, with M the positions
 * of that word in a, V = (V + (V & M)) | (V & ~M); the LCS is the number
 * of bits of V then clear.  Words of b that a lacks (unknown or masked
 * ones among them) leave V as it is.  The ids of a lie in 1..nvocab
 * (template words).
 */
OH_NO_COVERAGE static size_t lcs_len(struct diff *df, const int *a, int n,
				     const int *b, int m)
{
	size_t nw = ((size_t)n + 63) / 64, nsym = 0, lcs = 0;

	OH_GROW(df->v, df->v_alloc, nw);
	for (size_t w = 0; w < nw; w++)
		df->v[w] = ~0ull;
	/* df->cnt[id]: 1 + the index of id's mask, for the ids of a */
	for (int i = 0; i < n; i++) {
		uint64_t *msk;

		if (df->cnt[a[i]] == 0) {
			OH_GROW(df->mask, df->mask_alloc, (nsym + 1) * nw);
			memset(df->mask + nsym * nw, 0, nw * sizeof(*df->mask));
			df->cnt[a[i]] = (unsigned)++nsym;
		}
		msk = df->mask + (df->cnt[a[i]] - 1) * nw;
		msk[i / 64] |= 1ull << (i % 64);
	}
	for (int j = 0; j < m; j++) {
		const uint64_t *msk;
		uint64_t carry = 0;

		if (b[j] < 1 || (size_t)b[j] >= df->ncnt || df->cnt[b[j]] == 0)
			continue;
		msk = df->mask + (df->cnt[b[j]] - 1) * nw;
		for (size_t w = 0; w < nw; w++) {
			uint64_t v = df->v[w];
			uint64_t u = v & msk[w];
			uint64_t sum = v + u;
			uint64_t c = sum < v;

			sum += carry;
			carry = c | (sum < carry);
			df->v[w] = sum | (v & ~msk[w]);
		}
	}
	for (int i = 0; i < n; i++) {
		df->cnt[a[i]] = 0;
		lcs += !((df->v[i / 64] >> (i % 64)) & 1);
	}
	return lcs;
}

/*
 * Myers O((N+M)D) diff; fills df->p (in reverse order).  -1 if D > max.
 *
 * Shortcuts that change neither D nor the path found.  D = N + M - 2 LCS,
 * so a diff whose lcs_bound() leaves D above max is not run; when the
 * diff would cost more than it, the LCS is taken exactly (lcs_len()),
 * and D with it: the diff is not run when D > max, and is run with max =
 * D.  At step d only the diagonals k that can still reach the end (N - M)
 * within max, d + |k - (N - M)| <= max, are followed.  The cells the
 * path goes through and their two neighbours are all such cells (a
 * neighbour is one step and one diagonal away), so the values compared
 * and the path are those of the full diff; the others are never read.
 */
OH_NO_COVERAGE static int myers(struct diff *df, const int *a, int n,
				const int *b, int m, int dmax, int nvocab)
{
	int delta = n - m;
	long dlow = (long)n + m - 2 * (long)lcs_bound(df, a, n, b, m, nvocab);

	if (dlow > dmax)
		return -1;
	/* the diff follows about dlow^2 / 2 diagonals at least */
	if ((((long)n + 63) / 64) * m < dlow * dlow / 2) {
		long d = (long)n + m - 2 * (long)lcs_len(df, a, n, b, m);

		if (d > dmax)
			return -1;
		dmax = (int)d;
	}
	df->cur = 0;
	df->used = 0;
	for (int d = 0; d <= dmax; d++) {
		int *v;
		const int *vp = NULL;
		int lo = delta - (dmax - d), hi = delta + (dmax - d);

		/* viable diagonals, of the parity of d, within [-d, d] */
		if (lo < -d)
			lo = -d;
		else if ((lo + d) & 1)
			lo++;
		if (hi > d)
			hi = d;
		else if ((hi + d) & 1)
			hi--;
		if (lo > hi)
			return -1;
		v = new_row(df, d, lo, hi);
		if (d > 0) {
			/* k - 1 and k + 1 of the row before: vp[i - 1], vp[i]
			 * with i = (k - lo) / 2 */
			vp = df->row[d - 1].x +
			     (lo + 1 - df->row[d - 1].lo) / 2;
		}
		for (int k = lo; k <= hi; k += 2) {
			int i = (k - lo) / 2;
			int x;
			int y;

			if (d == 0)
				x = 0;
			else if (k == -d || (k != d && vp[i - 1] < vp[i]))
				x = vp[i];
			else
				x = vp[i - 1] + 1;
			y = x - k;
			while (x < n && y < m && a[x] == b[y]) {
				x++;
				y++;
			}
			v[i] = x;
			if (x >= n && y >= m) {
				backtrack(df, d, n, m);
				return d;
			}
		}
	}
	return -1;
}

/* ---- matching -------------------------------------------------------- */

struct eval {
	size_t t;   /* template */
	double sim; /* 0..1 */
	bool exact;
	bool loose;           /* a different disclaimer stood in a "~" region */
	unsigned first, last; /* covered input words [first, last] */
	double contain;
};

/* Ids of the words of the phrases looked for in notices (string
 * constants), by address: a direct-mapped cache of vocab_find(). */
#define PHRASE_CACHE 128

struct phrase_cache {
	const char *word[PHRASE_CACHE];
	int id[PHRASE_CACHE];
};

struct input {
	struct phrase_cache *pc;
	struct word *w;
	int *id;       /* word ids, MASKED when taken by a hit */
	uint32_t *tri; /* hash of the trigram at j (n - 2 of them), which
			* counts while its three ids are > 0 */
	unsigned n;
};

OH_NO_COVERAGE static bool has_tri(const struct tmpl *t, uint32_t h)
{
	size_t lo = 0, hi = t->ntri;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (t->tri[mid] < h)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < t->ntri && t->tri[lo] == h;
}

static bool tri_at(const struct tmpl *t, const struct input *in, unsigned j)
{
	return in->id[j] > 0 && in->id[j + 1] > 0 && in->id[j + 2] > 0 &&
	       has_tri(t, in->tri[j]);
}

/* Sorted distinct hashes of the trigrams of the unmasked input. */
static unsigned input_trigrams(uint32_t **out, const struct input *in)
{
	uint32_t *h;
	unsigned k = 0;

	*out = NULL;
	if (in->n < 3)
		return 0;
	h = oh_xmalloc(oh_mul(in->n - 2, sizeof(*h)));
	for (unsigned j = 0; j + 2 < in->n; j++)
		if (in->id[j] > 0 && in->id[j + 1] > 0 && in->id[j + 2] > 0)
			h[k++] = in->tri[j];
	*out = h;
	return distinct(h, k);
}

/*
 * Within a run much longer than the text (several copies of one license
 * in a row, as in a file of third-party notices), the window of the
 * text's length holding most of its trigrams: the first copy.
 */
static void narrow(const struct tmpl *t, const struct input *in, unsigned *ws,
		   unsigned *we)
{
	unsigned w = t->n, cnt = 0, best = 0, at = *ws;

	for (unsigned j = *ws; j + 2 < *we; j++) {
		cnt += tri_at(t, in, j);
		if (j >= *ws + w && tri_at(t, in, j - w))
			cnt--;
		if (cnt > best) {
			best = cnt;
			at = j + 1 > *ws + w ? j + 1 - w : *ws;
		}
	}
	*ws = at;
	*we = at + w < *we ? at + w : *we;
}

/* Densest run of t's trigrams in the input (Kadane); false if none. */
static bool locate(const struct tmpl *t, const struct input *in, unsigned *ws,
		   unsigned *we)
{
	long best = 0, cur = 0;
	unsigned s = 0, bs = 0, be = 0;
	bool found = false;

	for (unsigned j = 0; j + 2 < in->n; j++) {
		bool hit = tri_at(t, in, j);

		if (cur <= 0) {
			cur = 0;
			s = j;
		}
		cur += hit ? 1 : -2;
		if (cur > best) {
			best = cur;
			bs = s;
			be = j + 2;
			found = true;
		}
	}
	*ws = bs;
	*we = be + 1;
	if (found && *we - *ws > t->n + t->n / 2 + 16)
		narrow(t, in, ws, we);
	return found;
}

/* Extend the covered span over aligned optional words next to it. */
static void cover_optional(struct eval *ev, const struct tmpl *t,
			   const struct diff *df, unsigned ws)
{
	/* df->p is in decreasing order: walk down for the title, which
	 * must run into the text with gaps of at most 3 words ... */
	for (size_t k = 0; k < df->n; k++) {
		const struct pair *p = &df->p[k];

		if (p->i < t->req_first && p->j + ws < ev->first &&
		    ev->first - (p->j + ws) <= 4)
			ev->first = p->j + ws;
	}
	/* ... and up for the tail, allowing small gaps */
	for (size_t k = df->n; k > 0; k--) {
		const struct pair *p = &df->p[k - 1];

		if (p->i >= t->req_end && p->j + ws > ev->last &&
		    p->j + ws - ev->last <= 40)
			ev->last = p->j + ws;
	}
}

/*
 * Replaceable text: between two aligned required words, template words
 * that are all replaceable (or none, next to a replaceable word) and at
 * most the region's limit of input words count as aligned: *ft template
 * words taken as matched, *fi input words no longer counted as inserted.
 * df->p is in decreasing order of i and j.
 */
static bool var_at(const struct tmpl *t, unsigned x)
{
	return t->var && t->var[x];
}

static bool loose_at(const struct tmpl *t, unsigned x)
{
	return t->loose && t->loose[x];
}

static void forgive(const struct tmpl *t, const struct diff *df, unsigned end,
		    unsigned *ft, unsigned *fi, bool *loose, bool allow_loose)
{
	const struct pair *prev = NULL;

	for (size_t k = df->n; k > 0; k--) {
		const struct pair *p = &df->p[k - 1];
		unsigned tg, ig, lim = 0;
		bool all = true, all_loose = true;

		if (p->i < t->req_first || p->i >= end)
			continue;
		if (!prev) {
			/* a replaceable start (an omittable title inside
			 * the first sentence): every required word before
			 * the first aligned one is replaceable and missing */
			unsigned x = t->req_first;

			while (x < p->i && var_at(t, x))
				x++;
			if (x == p->i)
				*ft += p->i - t->req_first;
			prev = p;
			continue;
		}
		tg = p->i - prev->i - 1;
		ig = p->j - prev->j - 1;
		for (unsigned x = prev->i; x <= p->i; x++) {
			if (x > prev->i && x < p->i && !var_at(t, x))
				all = false;
			if (x > prev->i && x < p->i && !var_at(t, x) &&
			    !loose_at(t, x))
				all_loose = false;
			if (var_at(t, x) && t->var[x] > lim)
				lim = t->var[x];
		}
		if ((tg > 0 || ig > 0) && all && lim > 0 && ig <= lim) {
			*ft += tg;
			*fi += ig;
		} else if (allow_loose && (tg > 0 || ig > 0) && all_loose &&
			   loose_at(t, p->i) && ig <= t->loose_max) {
			/* another disclaimer's words: the missing words of
			 * the text are forgiven, the input's own are not */
			*ft += tg;
			*loose = true;
		}
		prev = p;
	}
	/* a replaceable end: every required word after the last aligned
	 * one (up to the omittable end) is replaceable and missing */
	if (prev) {
		unsigned x = prev->i + 1;
		bool any_loose = false;

		while (x < end &&
		       (var_at(t, x) || (allow_loose && loose_at(t, x)))) {
			any_loose = any_loose || !var_at(t, x);
			x++;
		}
		if (x == end && end > prev->i + 1) {
			*ft += end - prev->i - 1;
			*loose = *loose || any_loose;
		}
	}
}

static void score(struct eval *ev, const struct tmpl *t, const struct diff *df,
		  unsigned ws, bool allow_loose)
{
	unsigned req = t->req_end - t->req_first;
	unsigned aligned_r = 0, fr = 0, lr = 0, in_range = 0;
	/* an omittable end is not matched word by word: whatever text
	 * follows (a bundled notice) could align with a few of its words */
	unsigned end = t->tail_var > t->req_first && t->tail_var < t->req_end
			       ? t->tail_var
			       : t->req_end;
	bool any_r = false;

	for (size_t k = 0; k < df->n; k++) {
		const struct pair *p = &df->p[k];

		if (p->i < t->req_first || p->i >= end)
			continue;
		aligned_r++;
		if (!any_r || p->j < fr)
			fr = p->j;
		if (!any_r || p->j > lr)
			lr = p->j;
		any_r = true;
	}
	if (!any_r || req == 0) {
		ev->sim = 0;
		return;
	}
	for (size_t k = 0; k < df->n; k++)
		if (df->p[k].j >= fr && df->p[k].j <= lr && df->p[k].i < end)
			in_range++;
	{
		unsigned inserted = (lr - fr + 1) - in_range;
		unsigned ft = t->req_end - end, fi = 0;
		bool loose = false;

		if (t->var || t->loose)
			forgive(t, df, end, &ft, &fi, &loose, allow_loose);
		aligned_r += ft;
		inserted = inserted > fi ? inserted - fi : 0;

		ev->sim = (double)aligned_r / (double)(req + inserted);
		ev->exact = aligned_r == req && inserted == 0 && !loose;
		ev->loose = loose;
	}
	ev->first = fr + ws;
	ev->last = lr + ws;
	cover_optional(ev, t, df, ws);
}

/* The input's words standing in a "~" region are a warranty disclaimer:
 * "warranty" or "warranties" after the last word aligned before it. */
static bool disclaims(const struct lic_matcher *m, const struct input *in,
		      const struct tmpl *t, const struct diff *df, unsigned ws,
		      const struct eval *ev)
{
	int w1 = vocab_find(m, "warranty");
	int w2 = vocab_find(m, "warranties");
	unsigned j0 = 0;

	for (size_t k = 0; k < df->n; k++)
		if (df->p[k].i < t->loose_from && df->p[k].j + ws > j0)
			j0 = df->p[k].j + ws;
	for (unsigned x = j0 + 1; x <= ev->last && x < in->n; x++)
		if (in->id[x] >= 0 && (in->id[x] == w1 || in->id[x] == w2))
			return true;
	return false;
}

/* Where a candidate is compared: input words [ws, we) against the
 * template's first tn words. */
struct window {
	unsigned ws, we, tn;
};

/* The window of ev's template in the input; false when none. */
static bool window_of(struct window *w, const struct lic_matcher *m,
		      const struct input *in, const struct eval *ev)
{
	const struct tmpl *t = &m->t[ev->t];
	unsigned margin;

	if (!locate(t, in, &w->ws, &w->we))
		return false;
	margin = 16 + t->n / 8 + t->var_max; /* room for replaced text */
	w->ws = w->ws > margin ? w->ws - margin : 0;
	w->we = w->we + margin < in->n ? w->we + margin : in->n;
	/* an optional tail is compared up to TAIL_MAX words only */
	w->tn = t->n - t->req_end > TAIL_MAX ? t->req_end + TAIL_MAX : t->n;
	return true;
}

/*
 * An upper bound of the similarity evaluate_in() gives ev over window w,
 * without the diff: the words score() counts as matched are aligned
 * required words, at most the longest common subsequence L of the two
 * (lcs_len(), bit-parallel, a small part of the diff's cost), and
 * required words forgiven by forgive(), at most the omittable end and
 * the replaceable ("var") and loose words before it; the denominator is
 * at least the required words.  Where the edit distance exceeds
 * DIFF_MAX_D the value is evaluate_in()'s own.
 */
static double sim_bound(const struct eval *ev, const struct lic_matcher *m,
			const struct input *in, struct diff *df,
			const struct window *w)
{
	const struct tmpl *t = &m->t[ev->t];
	const int *b = in->id + w->ws;
	int n = (int)w->tn, nb = (int)(w->we - w->ws);
	unsigned req = t->req_end - t->req_first, end, free_words = 0;
	size_t l;

	if (n == 0 || nb == 0 || req == 0)
		return 1.0;
	l = lcs_bound(df, t->tok, n, b, nb, m->nvocab);
	if ((long)n + nb - 2 * (long)l <= DIFF_MAX_D)
		l = lcs_len(df, t->tok, n, b, nb);
	if ((long)n + nb - 2 * (long)l > DIFF_MAX_D)
		return ev->contain < 0.5 ? ev->contain : 0.5;
	end = t->tail_var > t->req_first && t->tail_var < t->req_end
		      ? t->tail_var
		      : t->req_end;
	for (unsigned x = t->req_first; x < end; x++)
		free_words += var_at(t, x) || loose_at(t, x);
	if (l > end - t->req_first)
		l = end - t->req_first;
	l += free_words;
	if (l > end - t->req_first)
		l = end - t->req_first;
	return (double)(l + (t->req_end - end)) / (double)req;
}

/* Confirm a candidate with a diff over its window (see score()). */
static void evaluate_in(struct eval *ev, const struct lic_matcher *m,
			const struct input *in, struct diff *df,
			const struct window *w)
{
	const struct tmpl *t = &m->t[ev->t];
	unsigned ws = w->ws, we = w->we;
	int d;

	df->n = 0;
	d = myers(df, t->tok, (int)w->tn, in->id + ws, (int)(we - ws),
		  DIFF_MAX_D, m->nvocab);
	if (d < 0) {
		ev->sim = ev->contain < 0.5 ? ev->contain : 0.5;
		ev->first = ws;
		ev->last = we - 1;
		return;
	}
	score(ev, t, df, ws, true);
	if (ev->loose && !disclaims(m, in, t, df, ws, ev))
		score(ev, t, df, ws, false);
}

static int cand_cmp(const void *a, const void *b)
{
	const struct eval *x = a;
	const struct eval *y = b;

	if (x->contain != y->contain)
		return x->contain > y->contain ? -1 : 1;
	return x->t < y->t ? -1 : x->t > y->t;
}

/* Candidates by trigram containment, best first; returns how many. */
static size_t candidates(struct eval *out, const struct lic_matcher *m,
			 const struct input *in)
{
	uint32_t *h = NULL;
	unsigned nh = input_trigrams(&h, in);
	unsigned *cnt = oh_xcalloc(m->nt ? m->nt : 1, sizeof(*cnt));
	struct eval *all = NULL;
	size_t n = 0, alloc = 0;

	for (unsigned i = 0; i < nh; i++) {
		size_t q, end;

		if (!index_find(&m->idx, h[i], &q, &end))
			continue;
		for (; q < end; q++)
			cnt[m->idx.tmpl[q]]++;
	}
	for (size_t k = 0; k < m->nt; k++) {
		double c = m->t[k].ntri ? (double)cnt[k] / m->t[k].ntri : 0;

		if (c < MIN_CONTAIN)
			continue;
		OH_GROW(all, alloc, n + 1);
		all[n++] = (struct eval){ .t = k, .contain = c };
	}
	if (n > 0)
		qsort(all, n, sizeof(*all), cand_cmp);
	if (n > MAX_CAND)
		n = MAX_CAND;
	if (n > 0)
		memcpy(out, all, n * sizeof(*all));
	free(all);
	free(cnt);
	free(h);
	return n;
}

static bool better(const struct eval *a, const struct eval *b,
		   const struct lic_matcher *m)
{
	const struct tmpl *ta = &m->t[a->t];
	const struct tmpl *tb = &m->t[b->t];

	if (a->sim != b->sim)
		return a->sim > b->sim;
	if (ta->req_end - ta->req_first != tb->req_end - tb->req_first)
		return ta->req_end - ta->req_first >
		       tb->req_end - tb->req_first;
	return !ta->ids[0]->deprecated && tb->ids[0]->deprecated;
}

/* ---- ids of a hit (twins, -only / -or-later, MPL notice) ------------- */

static bool ends_with(const char *s, const char *suf)
{
	size_t a = strlen(s);
	size_t b = strlen(suf);

	return a >= b && strcmp(s + a - b, suf) == 0;
}

/* Is the word sequence `words` somewhere outside [first, last]? */
static bool phrase_outside(const struct lic_matcher *m, const struct input *in,
			   unsigned first, unsigned last,
			   const char *const *words)
{
	for (unsigned j = 0; j < in->n; j++) {
		unsigned k;

		if ((j >= first && j <= last) || in->id[j] == MASKED)
			continue;
		for (k = 0; words[k]; k++)
			if (j + k >= in->n ||
			    in->w[j + k].id != vocab_find(m, words[k]))
				break;
		if (!words[k])
			return true;
	}
	return false;
}

static bool is_number(const struct lic_matcher *m, int id)
{
	static const char *const nums[] = { "1",       "2",  "3",  "0",
					    "version", "v2", "v3", "gplv2",
					    "gplv3",   NULL };

	for (size_t k = 0; nums[k]; k++)
		if (id == vocab_find(m, nums[k]))
			return true;
	return false;
}

/* "only" right after a version ("version 2 only", "GPL-2.0-only"). */
static bool only_outside(const struct lic_matcher *m, const struct input *in,
			 unsigned first, unsigned last)
{
	int only = vocab_find(m, "only");

	for (unsigned j = 1; only > 0 && j < in->n; j++) {
		if ((j >= first && j <= last) || in->id[j] == MASKED ||
		    in->w[j].id != only)
			continue;
		if (is_number(m, in->w[j - 1].id))
			return true;
	}
	return false;
}

static const struct lic_info *twin_with(const struct tmpl *t, const char *suf)
{
	const struct lic_info *best = NULL;

	for (size_t k = 0; k < t->nids; k++)
		if (!t->ids[k]->deprecated && ends_with(t->ids[k]->id, suf) &&
		    (!best || strlen(t->ids[k]->id) < strlen(best->id)))
			best = t->ids[k];
	return best;
}

static void gnu_version(struct lic_match_hit *h, const struct lic_matcher *m,
			const struct input *in, const struct eval *ev,
			const struct lic_info *only,
			const struct lic_info *later)
{
	static const char *const later_w[] = { "any", "later", "version",
					       NULL };
	bool is_later = phrase_outside(m, in, ev->first, ev->last, later_w);
	static const char *const only_valid[] = { "only", "valid", "version",
						  NULL };
	bool is_only = only_outside(m, in, ev->first, ev->last) ||
		       phrase_outside(m, in, ev->first, ev->last, only_valid);

	if (is_later && !is_only) {
		h->id = later->id;
	} else if (is_only && !is_later) {
		h->id = only->id;
	} else {
		h->id = only->id;
		h->alt_id = later->id;
		h->flags |= LIC_MATCH_F_VERSION_AMBIGUOUS;
	}
}

static void resolve_ids(struct lic_match_hit *h, const struct lic_matcher *m,
			const struct input *in, const struct eval *ev)
{
	static const char *const isl[] = { "incompatible", "with", "secondary",
					   "licenses", NULL };
	const struct tmpl *t = &m->t[ev->t];
	const struct lic_info *only = twin_with(t, "-only");
	const struct lic_info *later = twin_with(t, "-or-later");
	const struct lic_info *ncl = twin_with(t, "-no-copyleft-exception");

	h->id = NULL;
	if (only && later) {
		gnu_version(h, m, in, ev, only, later);
		return;
	}
	if (ncl && phrase_outside(m, in, ev->first, ev->last, isl)) {
		h->id = ncl->id;
		return;
	}
	for (size_t k = 0; k < t->nids; k++) {
		if (t->ids[k]->deprecated || t->ids[k] == ncl)
			continue;
		if (!h->id) {
			h->id = t->ids[k]->id;
		} else if (!h->alt_id) {
			h->alt_id = t->ids[k]->id;
			h->flags |= LIC_MATCH_F_TWIN;
		}
	}
	if (!h->id)
		h->id = t->ids[0]->id;
}

static void add_hit(struct lic_match_result *r, const struct lic_match_hit *h);

/* ---- standard notices (source headers, READMEs) -------------------- */

#define NOTICE_SPAN 48 /* words from the license name to its version */

/* The id of w, a string constant of the phrases below. */
static int phrase_id(const struct lic_matcher *m, const struct input *in,
		     const char *w)
{
	size_t h = ((uintptr_t)w >> 3) % PHRASE_CACHE;

	if (in->pc->word[h] != w) {
		in->pc->word[h] = w;
		in->pc->id[h] = vocab_find(m, w);
	}
	return in->pc->id[h];
}

/* Word j..j+k equal `words` and are not taken by a hit? */
static bool words_at(const struct lic_matcher *m, const struct input *in,
		     unsigned j, const char *const *words)
{
	for (unsigned k = 0; words[k]; k++) {
		int id;

		if (j + k >= in->n || in->id[j + k] == MASKED)
			return false;
		/* a word no license text has is 0, like every unknown word
		 * of the input: it matches nothing */
		id = phrase_id(m, in, words[k]);
		if (id <= 0 || in->w[j + k].id != id)
			return false;
	}
	return true;
}

static bool near(const struct lic_matcher *m, const struct input *in,
		 unsigned from, unsigned to, const char *const *words)
{
	for (unsigned j = from; j < to && j < in->n; j++)
		if (words_at(m, in, j, words))
			return true;
	return false;
}

struct notice {
	char id[48];    /* candidate id without suffix, e.g. "GPL-2.0" */
	bool gnu;       /* -only / -or-later apply */
	unsigned first; /* first word */
	unsigned vpos;  /* the word after the version number */
	bool ptr;       /* a pointer to a file (Debian's common-licenses) */
};

/* "version 2", "version 2.1", "v. 2.0": the version after j, or NULL. */
static const char *version_after(const struct lic_matcher *m,
				 const struct input *in, unsigned j,
				 unsigned *after)
{
	static const struct {
		const char *w[3];
		const char *ver;
	} vers[] = {
		{ { "2", "1", NULL }, "2.1" }, { { "2", "0", NULL }, "2.0" },
		{ { "3", "0", NULL }, "3.0" }, { { "1", "0", NULL }, "1.0" },
		{ { "1", "1", NULL }, "1.1" }, { { "2", NULL }, "2.0" },
		{ { "3", NULL }, "3.0" },      { { "1", NULL }, "1.0" },
	};
	static const char *const version_w[] = { "version", NULL };
	static const char *const v_w[] = { "v", NULL };
	static const char *const gnu_gpl[] = { "gnu", "general", NULL };
	static const char *const gnu_lgpl[] = { "gnu", "lesser", NULL };
	static const char *const gnu_lib[] = { "gnu", "library", NULL };

	for (unsigned k = j; k < j + NOTICE_SPAN && k + 1 < in->n; k++) {
		/* another GNU license named before a version: the version
		 * is that one's ("See the GNU General Public License for
		 * more details" in an LGPL notice) */
		if (k > j && (words_at(m, in, k, gnu_gpl) ||
			      words_at(m, in, k, gnu_lgpl) ||
			      words_at(m, in, k, gnu_lib)))
			return NULL;
		if (!words_at(m, in, k, version_w) && !words_at(m, in, k, v_w))
			continue;
		for (size_t v = 0; v < sizeof(vers) / sizeof(vers[0]); v++) {
			if (words_at(m, in, k + 1, vers[v].w)) {
				*after = k + 2 + (vers[v].w[1] ? 1 : 0);
				return vers[v].ver;
			}
		}
	}
	return NULL;
}

/* "version 2 of the" / "version 2.1 of" right before word j, or NULL. */
static const char *version_before(const struct lic_matcher *m,
				  const struct input *in, unsigned j)
{
	static const char *const the_w[] = { "the", NULL };
	static const char *const of_w[] = { "of", NULL };
	static const char *const version_w[] = { "version", NULL };
	static const struct {
		const char *w[3];
		const char *ver;
	} vers[] = {
		{ { "2", "1", NULL }, "2.1" }, { { "2", "0", NULL }, "2.0" },
		{ { "3", "0", NULL }, "3.0" }, { { "2", NULL }, "2.0" },
		{ { "3", NULL }, "3.0" },
	};
	unsigned e = j;

	if (e > 0 && words_at(m, in, e - 1, the_w))
		e--;
	if (e == 0 || !words_at(m, in, e - 1, of_w))
		return NULL;
	e--;
	for (size_t v = 0; v < sizeof(vers) / sizeof(vers[0]); v++) {
		unsigned nw = vers[v].w[1] ? 2 : 1;

		if (e >= nw + 1 && words_at(m, in, e - nw, vers[v].w) &&
		    words_at(m, in, e - nw - 1, version_w))
			return vers[v].ver;
	}
	return NULL;
}

/*
 * The words of the pointer's own sentence before the path ("the complete
 * text of the LGPL-2.1 can be found in /usr/share/common-licenses/
 * LGPL-2", back to "Debian" or 12 words): a GNU version named there wins
 * over the file name (Debian's LGPL-2 file is often named for 2.1); a
 * license of another family ("the BSD License can be found in .../GPL-2")
 * contradicts the path, and the pointer says nothing.
 */
static bool pointer_prose(struct notice *n, const struct lic_matcher *m,
			  const struct input *in, unsigned j)
{
	static const char *const debian[] = { "debian", NULL };
	static const char *const common_w[] = { "common", "licenses", NULL };
	static const struct {
		const char *w[4];
		const char *id; /* a GNU id, or the family of another */
		bool gnu;
	} prose[] = {
		{ { "lgpl", "2", "1", NULL }, "LGPL-2.1", true },
		{ { "lgpl", "2", "0", NULL }, "LGPL-2.0", true },
		{ { "lgpl", "2", NULL }, "LGPL-2.0", true },
		{ { "lgpl", "3", NULL }, "LGPL-3.0", true },
		{ { "gpl", "1", NULL }, "GPL-1.0", true },
		{ { "gpl", "2", NULL }, "GPL-2.0", true },
		{ { "gpl", "3", NULL }, "GPL-3.0", true },
		{ { "bsd", NULL }, "BSD", false },
		{ { "mit", NULL }, "MIT", false },
		{ { "expat", NULL }, "MIT", false },
		{ { "apache", NULL }, "Apache", false },
		{ { "mozilla", NULL }, "MPL", false },
		{ { "artistic", NULL }, "Artistic", false },
	};
	unsigned from = j > 12 ? j - 12 : 0;

	for (unsigned k = j; k > from; k--) {
		/* the sentence starts at "Debian" or after another path */
		if (words_at(m, in, k - 1, debian) ||
		    words_at(m, in, k - 1, common_w))
			break;
		for (size_t p = 0; p < sizeof(prose) / sizeof(prose[0]); p++) {
			if (!words_at(m, in, k - 1, prose[p].w))
				continue;
			if (!prose[p].gnu) {
				/* the same family as the path: no news */
				if (strncmp(n->id, prose[p].id,
					    strlen(prose[p].id)) == 0)
					break;
				return false;
			}
			if (!n->gnu)
				return false;
			snprintf(n->id, sizeof(n->id), "%s", prose[p].id);
			return true;
		}
	}
	return true;
}

/*
 * A pointer to the text on Debian systems: "/usr/share/common-licenses/
 * GPL-2" reads as the words "common licenses gpl 2".
 */
static bool pointer_notice(struct notice *n, const struct lic_matcher *m,
			   const struct input *in, unsigned j)
{
	static const char *const common[] = { "common", "licenses", NULL };
	static const struct {
		const char *w[4];
		const char *id;
		bool gnu;
	} ptr[] = {
		{ { "lgpl", "2", "1", NULL }, "LGPL-2.1", true },
		{ { "lgpl", "2", NULL }, "LGPL-2.0", true },
		{ { "lgpl", "3", NULL }, "LGPL-3.0", true },
		{ { "gpl", "2", NULL }, "GPL-2.0", true },
		{ { "gpl", "3", NULL }, "GPL-3.0", true },
		{ { "gpl", "1", NULL }, "GPL-1.0", true },
		{ { "apache", "2", "0", NULL }, "Apache-2.0", false },
		{ { "mpl", "2", "0", NULL }, "MPL-2.0", false },
		{ { "mpl", "1", "1", NULL }, "MPL-1.1", false },
		{ { "cc0", "1", "0", NULL }, "CC0-1.0", false },
		{ { "artistic", "2", "0", NULL }, "Artistic-2.0", false },
		{ { "artistic", NULL }, "Artistic-1.0-Perl", false },
	};

	if (!words_at(m, in, j, common))
		return false;
	for (size_t k = 0; k < sizeof(ptr) / sizeof(ptr[0]); k++) {
		unsigned nw = 0;

		while (ptr[k].w[nw])
			nw++;
		if (!words_at(m, in, j + 2, ptr[k].w))
			continue;
		snprintf(n->id, sizeof(n->id), "%s", ptr[k].id);
		n->gnu = ptr[k].gnu;
		n->first = j;
		n->vpos = j + 2 + nw;
		n->ptr = true;
		return pointer_prose(n, m, in, j);
	}
	return false;
}

/* A GNU notice starting at j ("GNU [Lesser|Library|Affero] General..."). */
static bool gnu_notice(struct notice *n, const struct lic_matcher *m,
		       const struct input *in, unsigned j)
{
	static const char *const gpl[] = { "general", "public", "license",
					   NULL };
	static const char *const fsf[] = { "free", "software", "foundation",
					   NULL };
	static const struct {
		const char *word;
		const char *family;
	} fam[] = {
		{ "lesser", "LGPL" },
		{ "library", "LGPL" },
		{ "affero", "AGPL" },
	};
	static const char *const gnu_w[] = { "gnu", NULL };
	static const char *const redist[] = { "redistribute", "it", NULL };
	static const char *const redist2[] = { "redistributed", NULL };
	static const char *const terms[] = { "under", "the", "terms", NULL };
	static const char *const common[] = { "common", "licenses", NULL };
	static const struct {
		const char *word;
		const char *family;
	} abbr[] = {
		{ "gpl", "GPL" },
		{ "lgpl", "LGPL" },
		{ "agpl", "AGPL" },
	};
	static const char *const released[] = { "released", "under", NULL };
	static const char *const licensed[] = { "licensed", "under", NULL };
	const char *family = "GPL";
	bool abbreviated = false;
	unsigned k = j + 1;
	unsigned name_end; /* the word after the license's name */
	const char *ver;

	if (!words_at(m, in, j, gnu_w))
		return false;
	for (size_t f = 0; f < sizeof(fam) / sizeof(fam[0]); f++) {
		const char *one[] = { fam[f].word, NULL };

		if (words_at(m, in, k, one)) {
			family = fam[f].family;
			k++;
		}
	}
	for (size_t f = 0; f < sizeof(abbr) / sizeof(abbr[0]); f++) {
		const char *one[] = { abbr[f].word, NULL };

		/* "the GNU LGPL version 2 or later": the name abbreviated */
		if (words_at(m, in, k, one)) {
			family = abbr[f].family;
			abbreviated = true;
			break;
		}
	}
	if ((!abbreviated && !words_at(m, in, k, gpl)) ||
	    (!near(m, in, j > 24 ? j - 24 : 0, j + NOTICE_SPAN, fsf) &&
	     !near(m, in, j > 8 ? j - 8 : 0, j, released) &&
	     !near(m, in, j > 8 ? j - 8 : 0, j, licensed) &&
	     !near(m, in, j > 24 ? j - 24 : 0, j + NOTICE_SPAN, redist) &&
	     !near(m, in, j > 24 ? j - 24 : 0, j + NOTICE_SPAN, redist2) &&
	     !near(m, in, j > 24 ? j - 24 : 0, j + NOTICE_SPAN, terms) &&
	     !near(m, in, j > 24 ? j - 24 : 0, j + NOTICE_SPAN, common)))
		return false;
	name_end = abbreviated ? k + 1 : k + 3;
	ver = version_before(m, in, j);
	if (ver)
		n->vpos = name_end; /* "version 2 of the GNU GPL[, or later]" */
	else
		ver = version_after(m, in, name_end, &n->vpos);
	if (!ver)
		return false;
	snprintf(n->id, sizeof(n->id), "%s-%s", family, ver);
	n->gnu = true;
	n->first = j;
	return true;
}

/* "Licensed under the Apache License, Version 2.0" / MPL-2.0 header. */
static bool other_notice(struct notice *n, const struct lic_matcher *m,
			 const struct input *in, unsigned j)
{
	static const char *const apache[] = { "licensed", "under",   "the",
					      "apache",   "license", NULL };
	static const char *const mpl[] = { "subject", "to",     "the",
					   "terms",   "of",     "the",
					   "mozilla", "public", "license",
					   NULL };
	static const char *const mpl1[] = { "subject", "to",     "the",
					    "mozilla", "public", "license",
					    NULL };
	static const char *const afl[] = { "under", "the",     "academic",
					   "free",  "license", NULL };
	static const char *const perl[] = { "artistic", "license", "which",
					    "comes",    "with",    "perl",
					    NULL };
	const char *ver;

	if (words_at(m, in, j, perl)) {
		/* "the Artistic License which comes with Perl" */
		n->vpos = j + 6;
		snprintf(n->id, sizeof(n->id), "Artistic-1.0-Perl");
	} else if (words_at(m, in, j, afl)) {
		ver = version_after(m, in, j + 5, &n->vpos);
		if (!ver || n->vpos > j + 9)
			return false;
		snprintf(n->id, sizeof(n->id), "AFL-%s", ver);
	} else if (words_at(m, in, j, mpl1)) {
		/* the MPL-1.1 header: "The contents of this file are
		 * subject to the Mozilla Public License Version 1.1" */
		ver = version_after(m, in, j + 6, &n->vpos);
		if (!ver || strcmp(ver, "1.1") != 0 || n->vpos > j + 10)
			return false;
		snprintf(n->id, sizeof(n->id), "MPL-1.1");
	} else if (words_at(m, in, j, apache)) {
		ver = version_after(m, in, j + 5, &n->vpos);
		if (!ver || strcmp(ver, "2.0") != 0 || n->vpos > j + 9)
			return false;
		snprintf(n->id, sizeof(n->id), "Apache-2.0");
	} else if (words_at(m, in, j, mpl)) {
		ver = version_after(m, in, j + 9, &n->vpos);
		if (!ver || strcmp(ver, "2.0") != 0 || n->vpos > j + 13)
			return false;
		snprintf(n->id, sizeof(n->id), "MPL-2.0");
	} else {
		return false;
	}
	n->gnu = false;
	n->first = j;
	return true;
}

static bool have_family(const struct lic_match_result *r, const char *id)
{
	size_t n = strlen(id);

	for (size_t k = 0; k < r->nhit; k++)
		if (r->hit[k].id && strncmp(r->hit[k].id, id, n) == 0 &&
		    (r->hit[k].id[n] == '\0' || r->hit[k].id[n] == '-'))
			return true;
	return false;
}

/*
 * A GNU notice of the same family ("GPL-", "LGPL-") as one found before
 * it: the same grant mentioned again ("licensed under the GNU General
 * Public License without this special exception ... version 2.2 of
 * Bison", Debian's "the GNU Lesser General Public License can be found in
 * /usr/share/common-licenses/LGPL-2" after a grant of 2.1), not a second
 * license; the first, fuller grant decides the version.
 */
static bool have_gnu_notice(const struct lic_match_result *r, const char *id,
			    bool ptr)
{
	size_t n = strcspn(id, "-");

	for (size_t k = 0; k < r->nhit; k++) {
		const struct lic_match_hit *h = &r->hit[k];

		if (!(h->flags & LIC_MATCH_F_NOTICE) || !h->id ||
		    strncmp(h->id, id, n) != 0 || h->id[n] != '-')
			continue;
		/* two pointers to two versions ("COPYING.LIB-2.0 ... in
		 * LGPL-2, COPYING.LIB-2.1 ... in LGPL-2.1"): both */
		if (ptr && (h->flags & LIC_MATCH_F_POINTER) &&
		    strncmp(h->id, id, strlen(id)) != 0)
			continue;
		return true;
	}
	return false;
}

/* A notice was found before: Debian's pointer sentence after it ("the
 * full text of the GNU General Public License version 3 can be found in
 * /usr/share/common-licenses/GPL-3") says where a text lives, not what is
 * granted; the grant before it decides. */
static bool have_notice(const struct lic_match_result *r, bool ptr)
{
	for (size_t k = 0; k < r->nhit; k++)
		if ((r->hit[k].flags & LIC_MATCH_F_NOTICE) &&
		    !(ptr && (r->hit[k].flags & LIC_MATCH_F_POINTER)))
			return true;
	return false;
}

static void notice_hit(struct lic_match_result *r, const struct lic_matcher *m,
		       struct input *in, const struct notice *n)
{
	static const char *const later[] = { "any", "later", "version", NULL };
	static const char *const only[] = { "only", NULL };
	static const char *const or_later[] = { "or", "later", NULL };
	static const char *const common[] = { "common", "licenses", NULL };
	static const char *const gnu_w[] = { "gnu", NULL };
	static const char *const artistic_w[] = { "artistic", NULL };
	static const char *const mozilla_w[] = { "mozilla", NULL };
	struct lic_match_hit h = { .kind = LIC_MATCH_EXACT, .percent = 100 };
	unsigned end = n->vpos + 24 < in->n ? n->vpos + 24 : in->n;

	/* the notice ends where another GNU license is named ("... any
	 * later version, or the terms of the GNU General Public License
	 * ... version 2"): that one is a notice of its own; and where a
	 * license text found before begins (its words are that hit's) */
	for (unsigned k = n->vpos; k < end; k++)
		if ((k > n->vpos && in->id[k] == MASKED) ||
		    words_at(m, in, k, gnu_w) ||
		    words_at(m, in, k, artistic_w) ||
		    words_at(m, in, k, mozilla_w) ||
		    words_at(m, in, k, common)) {
			end = k;
			break;
		}
	const struct lic_info *a;
	const struct lic_info *b;
	char id[64];

	h.flags = LIC_MATCH_F_NOTICE | (n->ptr ? LIC_MATCH_F_POINTER : 0);
	snprintf(id, sizeof(id), "%s-only", n->id);
	a = lic_list_find(m->list, id, strlen(id));
	snprintf(id, sizeof(id), "%s-or-later", n->id);
	b = lic_list_find(m->list, id, strlen(id));
	if (!n->gnu || !a || !b) {
		a = lic_list_find(m->list, n->id, strlen(n->id));
		if (!a)
			return;
		h.id = a->id;
	} else if (near(m, in, n->vpos, end, later) ||
		   words_at(m, in, n->vpos, or_later)) {
		h.id = b->id;
	} else if (words_at(m, in, n->vpos, only)) {
		h.id = a->id;
	} else {
		h.id = a->id;
		h.alt_id = b->id;
		h.flags |= LIC_MATCH_F_VERSION_AMBIGUOUS;
	}
	if (have_family(r, n->id) ||
	    (n->gnu && have_gnu_notice(r, n->id, n->ptr)) ||
	    (near(m, in, n->first, n->vpos + 12 < in->n ? n->vpos + 12 : in->n,
		  common) &&
	     have_notice(r, n->ptr)) ||
	    r->nhit >= LIC_MATCH_MAX_HITS)
		return;
	h.line_first = in->w[n->first].line;
	h.line_last = in->w[end - 1].line;
	{
		unsigned own = 0; /* words no hit took before */

		for (unsigned j = n->first; j < end; j++) {
			own += in->id[j] != MASKED;
			in->id[j] = MASKED;
		}
		h.share = (unsigned)((own * 100u + in->n / 2) / in->n);
	}
	add_hit(r, &h);
}

/* Standard notices in the words no license text took. */
static void find_notices(struct lic_match_result *r,
			 const struct lic_matcher *m, struct input *in)
{
	struct notice n;

	for (unsigned j = 0; j < in->n; j++) {
		if (in->id[j] == MASKED)
			continue;
		n.ptr = false;
		if (gnu_notice(&n, m, in, j) || other_notice(&n, m, in, j) ||
		    pointer_notice(&n, m, in, j)) {
			notice_hit(r, m, in, &n);
			j = n.vpos;
		}
	}
}

/* ---- driver ---------------------------------------------------------- */

static unsigned pct(double sim, bool exact)
{
	unsigned p = (unsigned)(sim * 100.0);

	if (p >= 100 && !exact)
		p = 99;
	return p;
}

static void add_hit(struct lic_match_result *r, const struct lic_match_hit *h)
{
	r->hit = oh_xrealloc(r->hit, (r->nhit + 1) * sizeof(*r->hit));
	r->hit[r->nhit++] = *h;
}

/* One pass: the best license among the unmasked words.  False: none. */
static unsigned req_words(const struct lic_matcher *m, const struct eval *e)
{
	return m->t[e->t].req_end - m->t[e->t].req_first;
}

static bool exhaustive; /* lic_match_test_exhaustive() */

void lic_match_test_exhaustive(bool on)
{
	exhaustive = on;
}

/* The best confirmed candidate other than best over best's words. */
static void rival(struct eval *second, const struct eval *cand,
		  const bool *ev_done, size_t done, const struct eval *best,
		  const struct lic_matcher *m)
{
	*second = (struct eval){ .sim = -1 };
	for (size_t k = 0; k < done; k++) {
		if (!ev_done[k] || cand[k].t == best->t || cand[k].sim <= 0 ||
		    cand[k].first > best->last || cand[k].last < best->first)
			continue;
		if (better(&cand[k], second, m))
			*second = cand[k];
	}
}

static bool best_of_pass(struct eval *best, struct eval *second,
			 struct eval *wider, const struct lic_matcher *m,
			 const struct input *in, struct diff *df)
{
	struct eval cand[MAX_CAND];
	size_t nc = candidates(cand, m, in);

	if (nc == 0)
		return false;
	size_t done = 0;

	bool ev_done[MAX_CAND] = { false };
	/* candidates not confirmed yet that may still be the rival */
	struct window win[MAX_CAND];
	double bound[MAX_CAND];
	bool deferred[MAX_CAND] = { false };
	bool confirmed = false;

	*best = (struct eval){ .sim = -1 };
	*second = (struct eval){ .sim = -1 };
	*wider = (struct eval){ .sim = -1 };
	for (size_t k = 0; k < nc; k++) {
		/* an exact text holds all its trigrams: lower containment
		 * cannot beat an exact best, unless it is a longer text
		 * that may hold the best one (see `wider`) */
		if (best->exact && cand[k].contain < 1.0 &&
		    (cand[k].contain < 0.5 ||
		     m->t[cand[k].t].req_end - m->t[cand[k].t].req_first <=
			     req_words(m, best)))
			continue;
		done = k + 1;
		cand[k].sim = 0;
		cand[k].exact = false;
		if (!window_of(&win[k], m, in, &cand[k])) {
			ev_done[k] = true;
			continue;
		}
		/* the diff is the cost of a pass: a candidate that can be
		 * neither the best nor `wider` waits until the rival is
		 * known, and is confirmed only if it may beat the rival */
		if (best->sim > 0 && !exhaustive) {
			bound[k] = sim_bound(&cand[k], m, in, df, &win[k]);
			if (bound[k] < best->sim && bound[k] < WIDER_MIN) {
				deferred[k] = true;
				continue;
			}
		}
		evaluate_in(&cand[k], m, in, df, &win[k]);
		ev_done[k] = true;
		if (better(&cand[k], best, m))
			*best = cand[k];
	}
	/* a longer license-like text over the best one's words and more
	 * (FSFAP around FSFAP-no-warranty-disclaimer's words, the
	 * Sendmail license around the BSD text it embeds): the input is
	 * that text, or a variant of it, not the shorter one */
	for (size_t k = 0; k < done; k++) {
		unsigned span = best->last - best->first + 1;
		unsigned more = span / 4 > 8 ? span / 4 : 8;

		if (!ev_done[k] || cand[k].t == best->t ||
		    cand[k].sim < WIDER_MIN ||
		    cand[k].first > best->first + 2 ||
		    cand[k].last + 2 < best->last ||
		    cand[k].last - cand[k].first + 1 < span + more ||
		    req_words(m, &cand[k]) <= req_words(m, best))
			continue;
		if (cand[k].sim > wider->sim)
			*wider = cand[k];
	}
	/* the rival: the best other text over the same words (a license
	 * found elsewhere in the file is no rival) */
	rival(second, cand, ev_done, done, best, m);
	/* a deferred candidate is below the best and `wider`'s minimum: it
	 * is confirmed only if it may still be the rival, highest bound
	 * first, while its bound reaches the best rival seen (the rival,
	 * chosen again in the same order, is then the one a confirmation
	 * of every candidate gives); the words it may cover lie in its
	 * window */
	for (;;) {
		size_t k = done;
		double floor = second->sim;

		for (size_t i = 0; i < done; i++)
			if (deferred[i] && bound[i] > 0 && bound[i] >= floor &&
			    win[i].ws <= best->last &&
			    win[i].we > best->first &&
			    (k == done || bound[i] > bound[k]))
				k = i;
		if (k == done)
			break;
		deferred[k] = false;
		evaluate_in(&cand[k], m, in, df, &win[k]);
		ev_done[k] = true;
		confirmed = true;
		if (cand[k].t != best->t && cand[k].sim > 0 &&
		    cand[k].first <= best->last &&
		    cand[k].last >= best->first && cand[k].sim > second->sim)
			second->sim = cand[k].sim; /* a floor only */
	}
	if (confirmed)
		rival(second, cand, ev_done, done, best, m);
	return true;
}

static bool tmpl_has(const struct tmpl *t, int id)
{
	for (unsigned i = 0; i < t->n; i++)
		if (t->tok[i] == id)
			return true;
	return false;
}

/*
 * Does the input show what sets the best text apart from its rival?  The
 * distinguishing words are the best text's required words that the rival
 * text lacks (BSD-3-Clause-HP against BSD-3-Clause: "hp", "author",
 * "patent", "infringement").  When the rival fits nearly as well and the
 * input carries fewer than half of them, the choice rests on wording the
 * input does not have: a sibling guess, which must not be made.
 */
static bool marks_seen(const struct lic_matcher *m, const struct input *in,
		       const struct eval *best, const struct eval *second,
		       unsigned *nd_out);

static bool distinguished(const struct lic_matcher *m, const struct input *in,
			  const struct eval *best, const struct eval *second)
{
	unsigned nd;

	return marks_seen(m, in, best, second, &nd);
}

/* The input carries the marks of `best` (some, and at least half). */
static bool has_marks(const struct lic_matcher *m, const struct input *in,
		      const struct eval *best, const struct eval *second)
{
	unsigned nd;

	return marks_seen(m, in, best, second, &nd) && nd > 0;
}

static bool marks_seen(const struct lic_matcher *m, const struct input *in,
		       const struct eval *best, const struct eval *second,
		       unsigned *nd_out)
{
	const struct tmpl *t = &m->t[best->t];
	const struct tmpl *r = &m->t[second->t];
	unsigned nd = 0, seen = 0;

	for (unsigned i = t->req_first; i < t->req_end; i++) {
		int id = t->tok[i];
		bool dup = false;

		for (unsigned k = t->req_first; k < i && !dup; k++)
			dup = t->tok[k] == id;
		/* replaceable words (holders' names) set nothing apart */
		if (dup || tmpl_has(r, id) || (t->var && t->var[i]))
			continue;
		nd++;
		for (unsigned j = best->first; j <= best->last && j < in->n;
		     j++) {
			if (in->id[j] == id) {
				seen++;
				break;
			}
		}
	}
	*nd_out = nd;
	return nd == 0 || 2 * seen >= nd;
}

static bool all_deprecated(const struct tmpl *t)
{
	for (size_t k = 0; k < t->nids; k++)
		if (!t->ids[k]->deprecated)
			return false;
	return true;
}

static enum lic_match_kind classify(const struct lic_matcher *m,
				    const struct input *in, struct eval *best,
				    const struct eval *second)
{
	bool near_tie;

	if (best->exact)
		return LIC_MATCH_EXACT;
	if (best->sim * 100.0 < LIC_MATCH_CLOSE_MIN)
		return LIC_MATCH_UNKNOWN;
	if (second->sim < 0 || all_deprecated(&m->t[second->t]) ||
	    second->first > best->last || second->last < best->first)
		return LIC_MATCH_CLOSE; /* a deprecated rival ("GPL-2.0-with-
					 * GCC-exception": the GPL plus an
					 * exception) is never the answer, nor
					 * one found elsewhere in the text */
	near_tie = second->sim >= best->sim - LIC_MATCH_AMBIG_MARGIN / 100.0;
	if (second->sim < best->sim - LIC_MATCH_SIBLING_MARGIN / 100.0)
		return LIC_MATCH_CLOSE;
	/* Two siblings fit: the one whose own words the input carries,
	 * when the other's are absent (an X11 text without its trademark
	 * line is still X11, not MIT: "X Consortium" is there; MPL-1.1 with
	 * "Netscape" is not CUA-OPL-1.0) */
	if (has_marks(m, in, best, second) && !has_marks(m, in, second, best)) {
		unsigned nd = 0;

		/* near a tie, the rival must have marks of its own that
		 * the input lacks (a text with BSD-4-Clause's advertising
		 * clause but no endorsement clause is neither BSD text) */
		(void)marks_seen(m, in, second, best, &nd);
		if (!near_tie || nd > 0)
			return LIC_MATCH_CLOSE;
	}
	if (has_marks(m, in, second, best) && !has_marks(m, in, best, second) &&
	    second->sim * 100.0 >= LIC_MATCH_CLOSE_MIN &&
	    second->first <= best->first && second->last >= best->last) {
		*best = *second;
		return LIC_MATCH_CLOSE;
	}
	if (near_tie)
		return LIC_MATCH_UNKNOWN; /* two licenses fit as well */
	if (!distinguished(m, in, best, second))
		return LIC_MATCH_UNKNOWN; /* sibling without its wording */
	return LIC_MATCH_CLOSE;
}

static unsigned unmasked(const struct input *in)
{
	unsigned k = 0;

	for (unsigned j = 0; j < in->n; j++)
		k += in->id[j] != MASKED;
	return k;
}

static void fill_hit(struct lic_match_hit *h, const struct input *in,
		     const struct eval *ev)
{
	unsigned covered = 0;

	h->percent = pct(ev->sim, ev->exact);
	h->line_first = in->w[ev->first].line;
	h->line_last = in->w[ev->last].line;
	for (unsigned j = ev->first; j <= ev->last; j++)
		covered += in->id[j] != MASKED;
	h->share = (unsigned)((covered * 100u + in->n / 2) / in->n);
}

static void unknown_hit(struct lic_match_result *r, const struct input *in,
			const struct lic_matcher *m, const struct eval *ev)
{
	struct lic_match_hit h = { .kind = LIC_MATCH_UNKNOWN };

	resolve_ids(&h, m, in, ev);
	h.alt_id = NULL;
	h.flags = 0;
	h.percent = pct(ev->sim, false);
	if (r->nhit == 0) {
		h.line_first = in->w[0].line;
		h.line_last = in->w[in->n - 1].line;
	} else {
		h.line_first = in->w[ev->first].line;
		h.line_last = in->w[ev->last].line;
	}
	add_hit(r, &h);
}

static void mask(struct input *in, const struct eval *ev)
{
	for (unsigned j = ev->first; j <= ev->last; j++)
		in->id[j] = MASKED;
}

/*
 * A license-like text that cannot be named: say so and look on for the
 * others (third-party notice files); anything less ends the search
 * (false), with an unknown hit only when nothing was found before.
 */
static bool go_on_unknown(struct lic_match_result *r,
			  const struct lic_matcher *m, struct input *in,
			  const struct eval *best, struct eval *ev)
{
	if (best->sim * 100.0 < UNKNOWN_GO_ON || best->first > best->last) {
		if (r->nhit == 0)
			unknown_hit(r, in, m, best);
		return false;
	}
	ev[r->nhit] = *best;
	unknown_hit(r, in, m, best);
	mask(in, best);
	return true;
}

static void match_words(struct lic_match_result *r, const struct lic_matcher *m,
			struct input *in)
{
	struct diff *df = scratch_take(m);
	struct eval best, second;
	struct eval ev[LIC_MATCH_MAX_HITS];
	struct eval wider;

	while (r->nhit < LIC_MATCH_MAX_HITS && unmasked(in) >= MIN_REST) {
		struct lic_match_hit h = { 0 };

		if (!best_of_pass(&best, &second, &wider, m, in, df) ||
		    best.sim <= 0)
			break;
		h.kind = classify(m, in, &best, &second);
		if (wider.sim >= 0) {
			best = wider;
			h.kind = best.sim * 100.0 >= LIC_MATCH_CLOSE_MIN
					 ? LIC_MATCH_CLOSE
					 : LIC_MATCH_UNKNOWN;
		}
		if (all_deprecated(&m->t[best.t]) &&
		    strstr(m->t[best.t].ids[0]->id, "-with-")) {
			/* "GPL-2.0-with-bison-exception": the SPDX text is
			 * the exception paragraph alone, not a license; the
			 * caller names it from its own wording (WITH).  Not
			 * close: its span is unsure, leave it to notices. */
			if (h.kind == LIC_MATCH_UNKNOWN)
				break;
			mask(in, &best);
			continue;
		}
		if (h.kind == LIC_MATCH_UNKNOWN) {
			if (!go_on_unknown(r, m, in, &best, ev))
				break;
			continue;
		}
		fill_hit(&h, in, &best);
		ev[r->nhit] = best;
		add_hit(r, &h);
		mask(in, &best);
	}
	/* ids last: notices count only outside every license text */
	for (size_t k = 0; k < r->nhit; k++)
		if (r->hit[k].kind != LIC_MATCH_UNKNOWN)
			resolve_ids(&r->hit[k], m, in, &ev[k]);
	if (r->nhit == 1 && r->hit[0].kind == LIC_MATCH_UNKNOWN) {
		/* a notice beats "unknown"; keep the unknown if none */
		struct lic_match_hit unknown = r->hit[0];

		r->nhit = 0;
		find_notices(r, m, in);
		if (r->nhit == 0)
			add_hit(r, &unknown);
	} else {
		find_notices(r, m, in);
	}
	scratch_give(m, df);
}

static int hit_cmp(const void *a, const void *b)
{
	const struct lic_match_hit *x = a;
	const struct lic_match_hit *y = b;

	return x->line_first < y->line_first ? -1
					     : x->line_first > y->line_first;
}

int lic_match_text(struct lic_match_result *out, const struct lic_matcher *m,
		   const char *text, size_t len)
{
	/* style: rule 24: lookups only (insert == false) */
	struct tokctx c = { .m = (struct lic_matcher *)m };
	struct phrase_cache pc = { .word = { NULL } };
	struct input in = { .pc = &pc };

	memset(out, 0, sizeof(*out));
	if (len > LIC_MATCH_MAX_TEXT) {
		len = LIC_MATCH_MAX_TEXT;
		out->flags |= LIC_MATCH_F_TRUNCATED;
	}
	tokenize(&c, text, len);
	in.w = c.w;
	in.n = (unsigned)c.n;
	if (in.n > 0) {
		in.id = oh_xmalloc(oh_mul(in.n, sizeof(*in.id)));
		for (unsigned j = 0; j < in.n; j++)
			in.id[j] = in.w[j].id;
		in.tri = oh_xmalloc(oh_mul(in.n, sizeof(*in.tri)));
		for (unsigned j = 0; j + 2 < in.n; j++)
			in.tri[j] =
				tri_hash(in.id[j], in.id[j + 1], in.id[j + 2]);
		match_words(out, m, &in);
		if (out->nhit > 1)
			qsort(out->hit, out->nhit, sizeof(*out->hit), hit_cmp);
		if (out->nhit > 0 && out->hit[0].kind != LIC_MATCH_UNKNOWN)
			out->unmatched_share =
				(unmasked(&in) * 100u + in.n / 2) / in.n;
		else
			out->unmatched_share = 100;
	}
	free(in.tri);
	free(in.id);
	free(c.w);
	return 0;
}

void lic_match_result_release(struct lic_match_result *r)
{
	free(r->hit);
	memset(r, 0, sizeof(*r));
}

void lic_match_hit_describe(struct oh_buf *out, const struct lic_match_hit *h)
{
	switch (h->kind) {
	case LIC_MATCH_EXACT:
	case LIC_MATCH_CLOSE:
		oh_buf_adds(out, h->id);
		if (h->alt_id)
			oh_buf_addf(out, " or %s", h->alt_id);
		if (h->flags & LIC_MATCH_F_NOTICE)
			oh_buf_adds(out, " (notice");
		else if (h->kind == LIC_MATCH_EXACT)
			oh_buf_adds(out, " (exact");
		else
			oh_buf_addf(out, " (close, %u%%", h->percent);
		if (h->flags & LIC_MATCH_F_VERSION_AMBIGUOUS)
			oh_buf_adds(out, "; version ambiguous");
		else if (h->flags & LIC_MATCH_F_TWIN)
			oh_buf_adds(out, "; identical texts");
		oh_buf_addch(out, ')');
		break;
	case LIC_MATCH_UNKNOWN:
		if (h->id)
			oh_buf_addf(out, "unknown (nearest: %s at %u%%)", h->id,
				    h->percent);
		else
			oh_buf_adds(out, "unknown");
		break;
	}
}
