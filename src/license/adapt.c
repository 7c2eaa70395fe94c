/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Adapter between the repository scanner and the license engine: the
 * SPDX list (list.h) for ids, OSI flags and categories, the expression
 * parser (expr.h) for validity and evaluation, the matcher (match.h) for
 * license texts and the verdict's OSI rule (verdict.h).
 */
#include "license/adapt.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/buf.h"
#include "core/err.h"
#include "core/xalloc.h"
#include "license/expr.h"
#include "license/list.h"
#include "license/statement.h"
#include "license/match.h"
#include "license/match_cache.h"
#include "license/verdict.h"
#include "core/banned.h"

struct lic_adapt {
	struct lic_list *list; /* the SPDX list */
	struct lic_matcher *m; /* built on first use */
	bool m_failed;         /* building it failed: texts stay unknown */
	struct lic_adapt_cache cache; /* answers of earlier runs; .get NULL */
	char engine[192];             /* the cache's engine key */
};

void lic_adapt_set_cache(struct lic_adapt *a, const struct lic_adapt_cache *c)
{
	memset(&a->cache, 0, sizeof(a->cache));
	if (c)
		a->cache = *c;
	lic_match_cache_engine(a->engine, sizeof(a->engine),
			       lic_list_version(a->list));
}

int lic_adapt_open(struct lic_adapt **out, struct oh_err *err)
{
	struct lic_adapt *a = oh_xcalloc(1, sizeof(*a));

	if (lic_list_load(&a->list, err) < 0) {
		free(a);
		return err->code;
	}
	*out = a;
	return 0;
}

void lic_adapt_close(struct lic_adapt *a)
{
	if (!a)
		return;
	lic_matcher_free(a->m);
	lic_list_free(a->list);
	free(a);
}

/* The text-matching part: the engine's matcher, built on first use. */
static int matcher(struct lic_adapt *a)
{
	struct oh_err err = OH_ERR_INIT;

	if (!a->m && !a->m_failed && lic_matcher_new(&a->m, a->list, &err) < 0)
		a->m_failed = true;
	oh_err_release(&err);
	return a->m ? 0 : -1;
}

static bool hit_known(const struct lic_match_hit *h)
{
	return h->kind != LIC_MATCH_UNKNOWN && h->id;
}

/* Distinct identified ids of the hits joined with AND. */
static void hits_expr(struct lic_adapt_match *out,
		      const struct lic_match_result *r)
{
	struct oh_buf b = OH_BUF_INIT;

	for (size_t i = 0; i < r->nhit; i++) {
		const struct lic_match_hit *h = &r->hit[i];
		bool dup = false;

		if (!hit_known(h))
			continue;
		for (size_t j = 0; j < i; j++)
			if (hit_known(&r->hit[j]) &&
			    strcmp(r->hit[j].id, h->id) == 0)
				dup = true;
		if (!dup)
			oh_buf_addf(&b, "%s%s", b.len ? " AND " : "", h->id);
	}
	snprintf(out->expr, sizeof(out->expr), "%s", b.buf);
	oh_buf_release(&b);
}

/* The ids whose GNU version the text leaves open. */
static void hits_ambiguous(struct lic_adapt_match *out,
			   const struct lic_match_result *r)
{
	struct oh_buf b = OH_BUF_INIT;

	for (size_t i = 0; i < r->nhit; i++) {
		const struct lic_match_hit *h = &r->hit[i];

		if (hit_known(h) && (h->flags & LIC_MATCH_F_VERSION_AMBIGUOUS))
			oh_buf_addf(&b, "%s%s", b.len ? " " : "", h->id);
	}
	snprintf(out->ambiguous, sizeof(out->ambiguous), "%s", b.buf);
	oh_buf_release(&b);
}

static void hits_desc(struct lic_adapt_match *out,
		      const struct lic_match_result *r)
{
	struct oh_buf b = OH_BUF_INIT;

	for (size_t i = 0; i < r->nhit; i++) {
		if (i > 0)
			oh_buf_adds(&b, "; ");
		lic_match_hit_describe(&b, &r->hit[i]);
	}
	if (r->nhit > 0 && r->unmatched_share >= 10)
		oh_buf_addf(&b, "; %u%% of the text unmatched",
			    r->unmatched_share);
	snprintf(out->desc, sizeof(out->desc), "%s", b.buf);
	oh_buf_release(&b);
}

/* ---- the file's own license, choices, exceptions, bundled parts ---- */

#define MAX_PARTS    16
#define TITLE_WORDS  10  /* words of a license title line, at most */
#define REGION_MIN   300 /* words of an unmatched license region */
#define NOTICE_LINES 12  /* a part this short may hold its choice */
#define LEADIN_LINES 6   /* lines before a part that introduce it */
#define LEGAL_MIN    10  /* legal words in an unmatched license region */
#define UNNAMED_MIN  75  /* percent: a license text that cannot be named */
#define UNNAMED_SHARE \
	10 /* below 90 %, its share of the file (not an
			  * exception paragraph near a deprecated id) */

struct part {
	char id[200];         /* "MIT", "GPL-2.0-only WITH x", LicenseRef- */
	unsigned first, last; /* 1-based lines */
	bool exc;             /* an exception of the GNU part */
};

struct lines {
	const char **at; /* start of each line */
	size_t *len;     /* its length without the newline */
	unsigned n;
};

static void lines_split(struct lines *l, const char *text, size_t len)
{
	size_t cap = 0;
	size_t i = 0;

	l->at = NULL;
	l->len = NULL;
	l->n = 0;
	while (i < len) {
		size_t j = i;

		while (j < len && text[j] != '\n')
			j++;
		if (l->n >= cap) {
			cap = cap ? 2 * cap : 64;
			l->at = oh_xrealloc(l->at, oh_mul(cap, sizeof(*l->at)));
			l->len = oh_xrealloc(l->len,
					     oh_mul(cap, sizeof(*l->len)));
		}
		l->at[l->n] = text + i;
		l->len[l->n++] = j - i;
		i = j + 1;
	}
}

static void lines_release(struct lines *l)
{
	free(l->at);
	free(l->len);
}

static bool is_alnum(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c >= 0x80;
}

/* Lines [first, last] (1-based, clamped) as " lower words " (letters
 * and digits, one space between words, a space at both ends).  Written
 * in place after one reservation: at most a byte per input byte, a
 * space per line and the leading space (byte by byte appends were a
 * seventh of the time of fuzz_licparts under ASan). */
static void squash(struct oh_buf *out, const struct lines *l, unsigned first,
		   unsigned last)
{
	size_t room = 2;
	char *w;

	if (first < 1)
		first = 1;
	for (unsigned k = first; k <= last && k <= l->n; k++)
		room += l->len[k - 1] + 1;
	oh_buf_reset(out);
	oh_buf_grow(out, room);
	w = out->buf;
	*w++ = ' ';
	for (unsigned k = first; k <= last && k <= l->n; k++) {
		const unsigned char *at = (const unsigned char *)l->at[k - 1];

		for (size_t i = 0; i < l->len[k - 1]; i++) {
			unsigned char c = at[i];

			if (is_alnum(c))
				*w++ = (char)(c >= 'A' && c <= 'Z' ? c + 32
								   : c);
			else if (w[-1] != ' ')
				*w++ = ' ';
		}
		if (w[-1] != ' ')
			*w++ = ' ';
	}
	*w = '\0';
	out->len = (size_t)(w - out->buf);
}

static bool has_any(const char *squashed, const char *const *words)
{
	for (size_t k = 0; words[k]; k++)
		if (strstr(squashed, words[k]))
			return true;
	return false;
}

/* Words offering a choice between licenses. */
static const char *const choice_words[] = { " choice ",
					    " choose ",
					    " dual ",
					    " dual licensed ",
					    " alternative",
					    " whichever ",
					    " at your option to use ",
					    NULL };

/* Choice wording, not the GNU "either version 2" or Apache's "either
 * express or implied". */
static bool has_choice(const char *sq)
{
	static const char *const not_after[] = { "version ", "express", NULL };

	for (const char *q = strstr(sq, " either "); q;
	     q = strstr(q + 1, " either ")) {
		bool skip = q[8] == '\0'; /* the next word is not here */

		for (size_t k = 0; not_after[k]; k++)
			if (strncmp(q + 8, not_after[k],
				    strlen(not_after[k])) == 0)
				skip = true;
		if (!skip)
			return true;
	}
	return has_any(sq, choice_words);
}

/* Known exception paragraphs: a distinctive phrase and the SPDX id. */
static const struct {
	const char *phrase;
	const char *id;
} exception_phrase[] = {
	{ " unlimited permission to link the compiled version of this ",
	  "GCC-exception-2.0" },
	{ " gcc runtime library exception ", "GCC-exception-3.1" },
	{ " link this library with independent modules to produce an executable ",
	  "Classpath-exception-2.0" },
	{ " classpath exception ", "Classpath-exception-2.0" },
	{ " the respective autoconf macro s copyright owner ",
	  "Autoconf-exception-macro" },
	{ " autoconf configure script exception ", "Autoconf-exception-3.0" },
	{ " configure scripts that are the output of autoconf ",
	  "Autoconf-exception-2.0" },
	{ " bison parser skeleton ", "Bison-exception-2.2" },
	{ " configuration script generated by autoconf ",
	  "Autoconf-exception-generic" },
	{ " read by tex when processing a texinfo source document ",
	  "Texinfo-exception" },
	{ " built using gnu libtool ", "Libtool-exception" },
	{ " user programs that use kernel services by normal system calls ",
	  "Linux-syscall-note" },
	{ " embed this font ", "Font-exception-2.0" },
	{ " instantiate templates or use macros or inline functions from this file ",
	  "eCos-exception-2.0" },
};

static const char *const exception_marker[] = {
	" as a special exception ", " linking exception ",
	" in addition to the permissions in the gnu ",
	" additional permission under ", NULL
};

/*
 * Append "LicenseRef-" and the words of `s` (n bytes) joined by '-', cut
 * so that the id with its suffix stays within LIC_EXPR_MAX_ID: a longer
 * title (a hostile README's) would give an expression the parser refuses.
 */
static void ref_name(char *out, size_t size, const char *s, size_t n,
		     const char *suffix)
{
	struct oh_buf b = OH_BUF_INIT;
	size_t slen = suffix ? strlen(suffix) : 0;
	size_t max = LIC_EXPR_MAX_ID > 11 + 7 + slen
			     ? LIC_EXPR_MAX_ID - slen
			     : 11 + 7; /* room for "unnamed" */

	oh_buf_adds(&b, "LicenseRef-");
	for (size_t i = 0; i < n && b.len < max; i++) {
		unsigned char c = (unsigned char)s[i];

		if ((c < 0x80 && is_alnum(c)) || c == '.')
			oh_buf_addch(&b, (char)c);
		else if (b.buf[b.len - 1] != '-')
			oh_buf_addch(&b, '-');
	}
	while (b.len > 11 &&
	       (b.buf[b.len - 1] == '-' || b.buf[b.len - 1] == '.'))
		b.buf[--b.len] = '\0';
	if (b.len == 11)
		oh_buf_adds(&b, "unnamed");
	if (suffix)
		oh_buf_adds(&b, suffix);
	snprintf(out, size, "%s", b.buf);
	oh_buf_release(&b);
}

static bool mem_has(const char *s, size_t n, const char *w)
{
	size_t m = strlen(w);

	for (size_t i = 0; i + m <= n; i++)
		if (memcmp(s + i, w, m) == 0)
			return true;
	return false;
}

static unsigned line_words(const struct lines *l, unsigned k)
{
	unsigned n = 0;
	bool in = false;

	for (size_t i = 0; i < l->len[k - 1]; i++) {
		bool w = is_alnum((unsigned char)l->at[k - 1][i]);

		n += w && !in;
		in = w;
	}
	return n;
}

/* "Redis Source Available License 2.0 (RSALv2) Agreement": a short line
 * naming a license or agreement, not a sentence or a lead-in. */
static bool title_line(const struct lines *l, unsigned k)
{
	static const char *const names[] = { "License",   "LICENSE",
					     "Licence",   "LICENCE",
					     "Agreement", "AGREEMENT",
					     NULL };
	const char *s = l->at[k - 1];
	size_t n = l->len[k - 1];
	unsigned w = line_words(l, k);

	while (n > 0 &&
	       (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' ||
		s[n - 1] == '*' || s[n - 1] == '#'))
		n--;
	while (n > 0 && (*s == ' ' || *s == '\t' || *s == '#' || *s == '*')) {
		s++;
		n--;
	}
	if (n == 0 || (*s >= 'a' && *s <= 'z'))
		return false;
	if (w < 2 || w > TITLE_WORDS || n == 0 || memchr(s, ':', n) ||
	    s[n - 1] == '.' || s[n - 1] == ',' || s[n - 1] == ';')
		return false;
	for (size_t k2 = 0; names[k2]; k2++) {
		size_t m = strlen(names[k2]);

		for (size_t i = 0; i + m <= n; i++)
			if (memcmp(s + i, names[k2], m) == 0 &&
			    (i == 0 || !is_alnum((unsigned char)s[i - 1])) &&
			    (i + m == n || !is_alnum((unsigned char)s[i + m])))
				return true;
	}
	return false;
}

static bool covered(const struct part *p, size_t n, unsigned line)
{
	for (size_t k = 0; k < n; k++)
		if (line >= p[k].first && line <= p[k].last)
			return true;
	return false;
}

static unsigned next_start(const struct part *p, size_t n, unsigned line,
			   unsigned end)
{
	unsigned best = end + 1;

	for (size_t k = 0; k < n; k++)
		if (p[k].first > line && p[k].first < best)
			best = p[k].first;
	return best;
}

/*
 * Does the region read as license terms rather than a description of
 * the licensing (a README-like preamble)?  Terms grant, warrant and
 * limit: at least LEGAL_MIN of these words.
 */
static bool legal_text(const struct lines *l, unsigned first, unsigned last)
{
	static const char *const legal[] = {
		" shall ",      " hereby ",    " grant ",       " grants ",
		" granted ",    " licensor ",  " licensee ",    " warranty ",
		" warranties ", " liability ", " liable ",      " terminate ",
		" royalty ",    " perpetual ", " irrevocable ", NULL
	};
	struct oh_buf sq = OH_BUF_INIT;
	unsigned n = 0;

	squash(&sq, l, first, last);
	for (size_t k = 0; legal[k]; k++)
		for (const char *q = strstr(sq.buf, legal[k]); q;
		     q = strstr(q + 1, legal[k]))
			n++;
	oh_buf_release(&sq);
	return n >= LEGAL_MIN;
}

/* Regions no SPDX text took, under a license title: LicenseRef-<title>. */
static size_t title_parts(struct part *p, size_t n, const struct part *cov,
			  size_t ncov, const struct lines *l)
{
	for (unsigned k = 1; k <= l->n && n < MAX_PARTS; k++) {
		unsigned end, words = 0;
		const char *s;
		size_t len;

		if (covered(cov, ncov, k) || !title_line(l, k))
			continue;
		end = next_start(cov, ncov, k, l->n) - 1;
		for (unsigned j = k + 1; j <= end; j++)
			words += line_words(l, j);
		if (words < REGION_MIN || !legal_text(l, k + 1, end))
			continue;
		s = l->at[k - 1];
		len = l->len[k - 1];
		/* drop list numbering: "1. ", "A) " */
		while (len > 0 && (is_alnum((unsigned char)*s) == false ||
				   (s[1] == '.' || s[1] == ')'))) {
			bool num = is_alnum((unsigned char)*s);

			s++;
			len--;
			if (num && len > 0) {
				s++;
				len--;
			}
		}
		ref_name(p[n].id, sizeof(p[n].id), s, len, NULL);
		p[n].exc = false;
		p[n].first = k;
		p[n].last = end;
		n++;
		k = end;
	}
	return n;
}

static int part_cmp(const void *x, const void *y)
{
	const struct part *a = x;
	const struct part *b = y;

	if (a->first != b->first)
		return a->first < b->first ? -1 : 1;
	return (int)a->exc - (int)b->exc; /* an exception after its license */
}

static bool is_gnu(const char *id)
{
	return strncmp(id, "GPL-", 4) == 0 || strncmp(id, "LGPL-", 5) == 0 ||
	       strncmp(id, "AGPL-", 5) == 0;
}

/* The words of the lines no part covers, squashed. */
static void outside(struct oh_buf *out, const struct part *p, size_t n,
		    const struct lines *l)
{
	struct oh_buf one = OH_BUF_INIT;

	oh_buf_reset(out);
	oh_buf_addch(out, ' ');
	for (unsigned k = 1; k <= l->n; k++) {
		if (covered(p, n, k))
			continue;
		squash(&one, l, k, k);
		oh_buf_adds(out, one.buf + 1);
	}
	oh_buf_release(&one);
}

/* Exceptions to licenses outside the GNU family: the license's id prefix,
 * a distinctive phrase, the SPDX id. */
static const struct {
	const char *lic;
	const char *phrase;
	const char *id;
} other_exception_phrase[] = {
	{ "Apache-2.0",
	  " combine or link compiled forms of this software with software "
	  "that is licensed under the gplv2 ",
	  "LLVM-exception" },
	/* PCRE2's exemption for binary library-like packages */
	{ "BSD-3-Clause",
	  " does not apply all the way down a chain of software ",
	  "PCRE2-exception" },
};

static void other_exception(struct part *p, size_t n, const struct lines *l,
			    struct oh_buf *sq)
{
	bool squashed = false;

	for (size_t g = 0; g < n; g++) {
		for (size_t k = 0;
		     k < sizeof(other_exception_phrase) /
				 sizeof(other_exception_phrase[0]);
		     k++) {
			const char *lic = other_exception_phrase[k].lic;
			size_t m = strlen(p[g].id);

			if (strcmp(p[g].id, lic) != 0)
				continue;
			if (!squashed)
				squash(sq, l, 1, l->n);
			squashed = true;
			if (!strstr(sq->buf, other_exception_phrase[k].phrase))
				continue;
			snprintf(p[g].id + m, sizeof(p[g].id) - m, " WITH %s",
				 other_exception_phrase[k].id);
			return;
		}
	}
}

/* The exception of a GNU license in this file: WITH id, or a LicenseRef
 * part named after the exception's title line. */
static void gnu_exception(struct part *p, size_t *n, const struct lines *l,
			  struct oh_buf *sq)
{
	size_t g = 0;
	char ref[200];

	while (g < *n && !is_gnu(p[g].id))
		g++;
	if (g == *n || strstr(p[g].id, " WITH "))
		return;
	/* the phrases are the exceptions' own: looked for in the whole
	 * text, since a notice's span may run into the paragraph after it */
	squash(sq, l, 1, l->n);
	for (size_t k = 0;
	     k < sizeof(exception_phrase) / sizeof(exception_phrase[0]); k++) {
		if (strstr(sq->buf, exception_phrase[k].phrase)) {
			size_t m = strlen(p[g].id);

			snprintf(p[g].id + m, sizeof(p[g].id) - m, " WITH %s",
				 exception_phrase[k].id);
			return;
		}
	}
	outside(sq, p, *n, l);
	if (!has_any(sq->buf, exception_marker) || *n >= MAX_PARTS)
		return;
	snprintf(ref, sizeof(ref), "LicenseRef-%s-exception",
		 strncmp(p[g].id, "GPL-", 4) == 0 ? "GPL" : "LGPL");
	for (unsigned k = 1; k <= l->n; k++) {
		const char *s = l->at[k - 1];
		size_t len = l->len[k - 1];
		unsigned w = line_words(l, k);

		if (!covered(p, *n, k) && w >= 1 && w <= TITLE_WORDS &&
		    (mem_has(s, len, "EXCEPTION") ||
		     mem_has(s, len, "Exception"))) {
			ref_name(ref, sizeof(ref), s, len, NULL);
			break;
		}
	}
	snprintf(p[*n].id, sizeof(p[*n].id), "%s", ref);
	p[*n].first = p[g].first;
	p[*n].last = p[g].first;
	p[*n].exc = true;
	(*n)++;
}

static bool in_expr(const char *expr, const char *id)
{
	size_t n = strlen(id);

	for (const char *q = strstr(expr, id); q; q = strstr(q + 1, id))
		if ((q == expr || q[-1] == ' ' || q[-1] == '(') &&
		    (q[n] == '\0' || q[n] == ' ' || q[n] == ')'))
			return true;
	return false;
}

/* project / bundled / expr from the parts in text order. */
static void split_parts(struct lic_adapt_match *out, struct part *p, size_t n,
			const struct lines *l)
{
	struct oh_buf sq = OH_BUF_INIT;
	struct oh_buf proj = OH_BUF_INIT;
	struct oh_buf bund = OH_BUF_INIT;
	struct oh_buf all = OH_BUF_INIT;
	bool pre_choice, any_or = false;

	if (n == 0)
		return;
	gnu_exception(p, &n, l, &sq);
	other_exception(p, n, l, &sq);
	qsort(p, n, sizeof(*p), part_cmp);
	if (p[0].id[0] == '\0') {
		/* the file's own license is the unnamed one: no project
		 * part; the others are bundled */
		for (size_t k = 1; k < n; k++)
			if (p[k].id[0] != '\0' && !in_expr(bund.buf, p[k].id))
				oh_buf_addf(&bund, "%s%s",
					    bund.len ? " AND " : "", p[k].id);
		snprintf(out->bundled, sizeof(out->bundled), "%s", bund.buf);
		snprintf(out->expr, sizeof(out->expr), "%s", bund.buf);
		out->project[0] = '\0';
		out->unnamed_own = true;
		oh_buf_release(&sq);
		oh_buf_release(&bund);
		return;
	}
	/* the first line of the first part too: the word after a
	 * closing "either" tells a choice from "either version 2" */
	squash(&sq, l, 1, p[0].first);
	pre_choice = has_choice(sq.buf);
	oh_buf_adds(&proj, p[0].id);
	for (size_t k = 1; k < n; k++) {
		bool exc = p[k].exc;

		/* the lead-in of this part: a few lines right before it */
		if (p[k].id[0] == '\0')
			continue;
		/* a short part before it (a notice) may hold the choice
		 * itself: "under the terms of either: a) the GNU General
		 * Public License ..., or b) the Artistic License" */
		squash(&sq, l,
		       p[k].first > p[k - 1].last + LEADIN_LINES
			       ? p[k].first - LEADIN_LINES
		       : p[k - 1].last < p[k - 1].first + NOTICE_LINES
			       ? p[k - 1].first
			       : p[k - 1].last + 1,
		       p[k].first - 1);
		if (in_expr(proj.buf, p[k].id) || in_expr(bund.buf, p[k].id))
			continue;
		if (exc) {
			oh_buf_addf(&proj, " AND %s", p[k].id);
		} else if (has_choice(sq.buf) ||
			   (pre_choice && !any_or && k == 1) ||
			   (pre_choice && any_or)) {
			oh_buf_addf(&proj, " OR %s", p[k].id);
			any_or = true;
		} else {
			oh_buf_addf(&bund, "%s%s", bund.len ? " AND " : "",
				    p[k].id);
		}
	}
	snprintf(out->project, sizeof(out->project), "%s", proj.buf);
	snprintf(out->bundled, sizeof(out->bundled), "%s", bund.buf);
	if (bund.len == 0)
		oh_buf_adds(&all, proj.buf);
	else if (strstr(proj.buf, " OR ") || strstr(proj.buf, " AND "))
		oh_buf_addf(&all, "(%s) AND %s", proj.buf, bund.buf);
	else
		oh_buf_addf(&all, "%s AND %s", proj.buf, bund.buf);
	snprintf(out->expr, sizeof(out->expr), "%s", all.buf);
	oh_buf_release(&sq);
	oh_buf_release(&proj);
	oh_buf_release(&bund);
	oh_buf_release(&all);
}

static void file_parts(struct lic_adapt_match *out,
		       const struct lic_match_result *r, const char *text,
		       size_t len)
{
	struct part p[MAX_PARTS];
	struct part cov[LIC_MATCH_MAX_HITS];
	size_t n = 0, ncov = 0;
	struct lines l;

	for (size_t i = 0; i < r->nhit; i++) {
		const struct lic_match_hit *h = &r->hit[i];

		/* a lone unknown hit spans the whole text: no cover */
		if (!hit_known(h) && r->nhit == 1)
			continue;
		cov[ncov].first = h->line_first;
		cov[ncov].last = h->line_last;
		ncov++;
		if (n >= MAX_PARTS)
			continue;
		if (!hit_known(h)) {
			/* a license text that could not be named (two
			 * siblings fit): a part, but with no id */
			if (!h->id || h->percent < UNNAMED_MIN ||
			    (h->percent < LIC_MATCH_CLOSE_MIN &&
			     h->share < UNNAMED_SHARE))
				continue;
			p[n].id[0] = '\0';
		} else {
			snprintf(p[n].id, sizeof(p[n].id), "%s", h->id);
		}
		p[n].first = h->line_first;
		p[n].last = h->line_last;
		p[n].exc = false;
		n++;
	}
	lines_split(&l, text, len);
	if (r->unmatched_share >= 10 || n == 0)
		n = title_parts(p, n, cov, ncov, &l);
	split_parts(out, p, n, &l);
	lines_release(&l);
}

static bool any_known(const struct lic_match_result *r)
{
	for (size_t i = 0; i < r->nhit; i++)
		if (hit_known(&r->hit[i]))
			return true;
	return false;
}

static void match_text(struct lic_adapt_match *out, struct lic_adapt *a,
		       const char *text, size_t len);

/* The cache first (match_cache.h): a known text builds no template. */
void lic_adapt_match_text(struct lic_adapt_match *out, struct lic_adapt *a,
			  const char *text, size_t len)
{
	char key[LIC_MATCH_KEY_SIZE];
	char *json;
	bool keyed =
		len > 0 && a->cache.get && lic_match_cache_key(key, text, len);

	if (keyed && lic_adapt_match_decode(
			     out, a->cache.get(a->cache.ctx, a->engine, key)))
		return;
	match_text(out, a, text, len);
	if (!keyed || a->m_failed)
		return; /* an engine that failed to build says nothing */
	json = lic_adapt_match_encode(out);
	a->cache.put(a->cache.ctx, a->engine, key, json);
	free(json);
}

static void match_text(struct lic_adapt_match *out, struct lic_adapt *a,
		       const char *text, size_t len)
{
	struct lic_match_result r = LIC_MATCH_RESULT_INIT;
	bool exact = true;

	memset(out, 0, sizeof(*out));
	out->kind = LIC_ADAPT_NONE;
	if (len == 0 || matcher(a) < 0)
		return;
	lic_match_text(&r, a->m, text, len);
	hits_expr(out, &r);
	hits_ambiguous(out, &r);
	file_parts(out, &r, text, len);
	hits_desc(out, &r);
	out->percent = 100;
	for (size_t i = 0; i < r.nhit; i++) {
		if (r.hit[i].kind != LIC_MATCH_EXACT)
			exact = false;
		if (r.hit[i].percent < out->percent)
			out->percent = r.hit[i].percent;
	}
	out->prose = true;
	for (size_t i = 0; i < r.nhit; i++)
		if (hit_known(&r.hit[i]) &&
		    !(r.hit[i].flags & LIC_MATCH_F_NOTICE))
			out->prose = false;
	if (out->expr[0] == '\0' || r.nhit == 0 || !any_known(&r)) {
		out->kind = LIC_ADAPT_UNKNOWN;
		if (r.nhit > 0 && r.hit[0].id)
			snprintf(out->nearest, sizeof(out->nearest), "%s",
				 r.hit[0].id);
		out->percent = r.nhit > 0 ? r.hit[0].percent : 0;
	} else {
		out->kind = exact ? LIC_ADAPT_EXACT : LIC_ADAPT_CLOSE;
	}
	lic_match_result_release(&r);
}

/* ---- expressions ---- */

struct walk {
	struct lic_adapt *a;
	lic_adapt_leaf_fn fn;
	void *ctx;
	char ref[LIC_EXPR_MAX_ID * 2 + 2]; /* DocumentRef-x:LicenseRef-y */
};

static bool leaf(void *ctx, const struct lic_expr_node *n)
{
	struct walk *w = ctx;
	const struct lic_expr_node *lic = n;
	struct lic_adapt_leaf l = { .category = "" };
	const struct lic_info *info;

	if (n->kind == LIC_EXPR_WITH) {
		lic = n->left;
		l.exception = n->exception;
		l.exception_known = n->known;
	}
	if (lic->kind == LIC_EXPR_REF) {
		snprintf(w->ref, sizeof(w->ref), "%s%s%s",
			 lic->document_ref ? lic->document_ref : "",
			 lic->document_ref ? ":" : "", lic->id);
		l.id = w->ref;
		l.known = true; /* user-defined, never OSI-approved */
	} else {
		l.id = lic->id;
		l.plus = lic->plus;
		l.known = lic->known;
		l.deprecated = lic->deprecated;
		info = lic_list_find(w->a->list, lic->id, strlen(lic->id));
		if (info) {
			l.osi = info->osi;
			l.category = lic_category_name(info->category);
		}
	}
	return w->fn ? w->fn(w->ctx, &l) : true;
}

int lic_adapt_eval(bool *result, struct lic_adapt *a, const char *expr,
		   lic_adapt_leaf_fn fn, void *ctx, const char *name,
		   struct oh_err *err)
{
	struct walk w = { .a = a, .fn = fn, .ctx = ctx };
	struct lic_expr *e = NULL;

	*result = false;
	if (lic_expr_parse(&e, expr, strlen(expr), a->list, 0, name, err) < 0)
		return err->code;
	*result = lic_expr_eval(e->root, leaf, &w);
	lic_expr_free(e);
	return 0;
}

static int walk_leaf(void *ctx, const struct lic_expr_node *n)
{
	(void)leaf(ctx, n);
	return 0;
}

int lic_adapt_walk(struct lic_adapt *a, const char *expr, lic_adapt_leaf_fn fn,
		   void *ctx, const char *name, struct oh_err *err)
{
	struct walk w = { .a = a, .fn = fn, .ctx = ctx };
	struct lic_expr *e = NULL;

	if (lic_expr_parse(&e, expr, strlen(expr), a->list, 0, name, err) < 0)
		return err->code;
	lic_expr_walk(e->root, walk_leaf, &w);
	lic_expr_free(e);
	return 0;
}

int lic_adapt_osi(bool *result, struct lic_adapt *a, const char *expr,
		  struct oh_err *err)
{
	enum lic_osi o = LIC_OSI_UNKNOWN;

	*result = false;
	if (lic_expr_osi(&o, a->list, expr, err) < 0)
		return err->code;
	*result = o == LIC_OSI_YES;
	return 0;
}

/* ---- comparing identifications ---- */

#define CMP_TERMS 64

/* "GPL-2.0-or-later" -> length of "GPL-2.0" (the family); the whole
 * length when there is no suffix. */
static size_t family_len(const char *id, size_t n)
{
	static const char *const suffix[] = { "-or-later", "-only", "+" };

	for (size_t i = 0; i < 3; i++) {
		size_t m = strlen(suffix[i]);

		if (n > m && strncmp(id + n - m, suffix[i], m) == 0)
			return n - m;
	}
	return n;
}

/* Is the word id[0..n) in the space-separated list? */
static bool word_in(const char *list, const char *id, size_t n)
{
	for (const char *p = list; p && *p != '\0';) {
		size_t m = strcspn(p, " ");

		if (m == n && strncmp(p, id, n) == 0)
			return true;
		p += m;
		p += strspn(p, " ");
	}
	return false;
}

/* Split an expression at its top-level AND into terms (borrowed spans,
 * outer parentheses and blanks trimmed). */
static size_t and_terms(const char *e, const char **at, size_t *len, size_t max)
{
	size_t n = 0;
	int depth = 0;
	const char *start = e;

	for (const char *p = e;; p++) {
		const char *s = start, *q = p;

		depth += *p == '(' ? 1 : *p == ')' ? -1 : 0;
		if (*p != '\0' && !(depth == 0 && strncmp(p, " AND ", 5) == 0))
			continue;
		while (s < q && (*s == ' ' || *s == '('))
			s++;
		while (q > s && (q[-1] == ' ' || q[-1] == ')'))
			q--;
		if (q > s && n < max) {
			at[n] = s;
			len[n] = (size_t)(q - s);
			n++;
		}
		if (*p == '\0')
			break;
		p += 4;
		start = p + 1;
	}
	return n;
}

#define CMP_CHOICES 16

/*
 * The operands of a choice: x[0..n) split at its top-level " OR " (one
 * pair of enclosing parentheses removed) into o/ol.  Returns how many;
 * 1 when x is not a choice, 0 when it has more than CMP_CHOICES.
 */
static size_t or_operands(const char *x, size_t n, const char **o, size_t *ol)
{
	size_t nr = 0, start, depth = 0;

	while (n > 0 && *x == ' ')
		x++, n--;
	while (n > 0 && x[n - 1] == ' ')
		n--;
	if (n >= 2 && x[0] == '(' && x[n - 1] == ')') {
		size_t d = 0, k;

		for (k = 0; k < n; k++) {
			d += x[k] == '(';
			d -= x[k] == ')';
			if (d == 0)
				break;
		}
		if (k == n - 1)
			x++, n -= 2;
	}
	start = 0;
	for (size_t k = 0; k <= n; k++) {
		if (k < n && x[k] == '(')
			depth++;
		else if (k < n && x[k] == ')' && depth > 0)
			depth--;
		if (k == n || (depth == 0 && k + 4 <= n &&
			       memcmp(x + k, " OR ", 4) == 0)) {
			if (nr == CMP_CHOICES)
				return 0;
			o[nr] = x + start;
			ol[nr++] = k - start;
			start = k + 4;
			k += 3;
		}
	}
	return nr;
}

static bool term_eq(const char *x, size_t xn, const char *xamb, const char *y,
		    size_t yn, const char *yamb);

/* Is every operand of one choice an operand of the other? */
static bool choice_in(const char **xo, const size_t *xl, size_t xn,
		      const char *xamb, const char **yo, const size_t *yl,
		      size_t yn, const char *yamb)
{
	for (size_t i = 0; i < xn; i++) {
		bool found = false;

		for (size_t j = 0; j < yn && !found; j++)
			found = term_eq(xo[i], xl[i], xamb, yo[j], yl[j], yamb);
		if (!found)
			return false;
	}
	return true;
}

/* Two terms are one license: a choice as a set of operands ("MIT OR
 * Apache-2.0" is "Apache-2.0 OR MIT"), else word by word, an id left
 * open on either side matching its family. */
static bool term_eq(const char *x, size_t xn, const char *xamb, const char *y,
		    size_t yn, const char *yamb)
{
	const char *xo[CMP_CHOICES], *yo[CMP_CHOICES];
	size_t xl[CMP_CHOICES], yl[CMP_CHOICES];
	size_t xc = or_operands(x, xn, xo, xl);
	size_t yc = or_operands(y, yn, yo, yl);
	size_t i = 0, j = 0;

	if (xc > 1 || yc > 1)
		return xc == yc &&
		       choice_in(xo, xl, xc, xamb, yo, yl, yc, yamb) &&
		       choice_in(yo, yl, yc, yamb, xo, xl, xc, xamb);

	for (;;) {
		size_t a, b;

		while (i < xn && strchr(" ()", x[i]))
			i++;
		while (j < yn && strchr(" ()", y[j]))
			j++;
		if (i >= xn || j >= yn)
			return i >= xn && j >= yn;
		a = strcspn(x + i, " ()");
		b = strcspn(y + j, " ()");
		a = a < xn - i ? a : xn - i;
		b = b < yn - j ? b : yn - j;
		if (!(a == b && strncmp(x + i, y + j, a) == 0)) {
			size_t fa = family_len(x + i, a);
			size_t fb = family_len(y + j, b);

			if (!(word_in(xamb, x + i, a) ||
			      word_in(yamb, y + j, b)) ||
			    fa != fb || strncmp(x + i, y + j, fa) != 0)
				return false;
		}
		i += a;
		j += b;
	}
}

/* Is y the term x widened: x "F-only" and y "F-or-later" (the rest
 * equal), or y is x followed by " WITH exception"? */
static bool term_widens(const char *x, size_t xn, const char *xamb,
			const char *y, size_t yn, const char *yamb)
{
	const char *w = NULL;

	for (size_t k = 0; k + 6 <= yn; k++)
		if (strncmp(y + k, " WITH ", 6) == 0)
			w = y + k;
	if (w && !memchr(x, ' ', xn) &&
	    term_eq(x, xn, xamb, y, (size_t)(w - y), yamb))
		return true;
	if (xn > 5 && yn == xn + 4 && strncmp(x + xn - 5, "-only", 5) == 0 &&
	    strncmp(y + yn - 9, "-or-later", 9) == 0 &&
	    strncmp(x, y, xn - 5) == 0 && !memchr(x, ' ', xn))
		return true;
	return false;
}

/* Is every term of x (with its ambiguity) a term of y?  With `widen`, a
 * term of y may be the x term widened (*widened says so). */
static bool terms_in(const char **xa, const size_t *xl, size_t xn,
		     const char *xamb, const char **ya, const size_t *yl,
		     size_t yn, const char *yamb, bool widen, bool *widened)
{
	for (size_t i = 0; i < xn; i++) {
		bool found = false;

		for (size_t j = 0; j < yn && !found; j++)
			found = term_eq(xa[i], xl[i], xamb, ya[j], yl[j], yamb);
		for (size_t j = 0; j < yn && !found && widen; j++) {
			found = term_widens(xa[i], xl[i], xamb, ya[j], yl[j],
					    yamb);
			if (found && widened)
				*widened = true;
		}
		if (!found)
			return false;
	}
	return true;
}

enum lic_adapt_diff lic_adapt_compare(const char *before,
				      const char *before_amb, const char *after,
				      const char *after_amb)
{
	const char *ba[CMP_TERMS], *aa[CMP_TERMS];
	size_t bl[CMP_TERMS], al[CMP_TERMS];
	size_t bn = and_terms(before, ba, bl, CMP_TERMS);
	size_t an = and_terms(after, aa, al, CMP_TERMS);
	bool widened = false;
	bool kept = terms_in(ba, bl, bn, before_amb, aa, al, an, after_amb,
			     true, &widened);
	bool old = terms_in(aa, al, an, after_amb, ba, bl, bn, before_amb,
			    false, NULL);
	bool only_wider = true;

	if (kept && !old && widened) {
		/* every new term the widening of an old one? */
		for (size_t j = 0; j < an && only_wider; j++) {
			bool ok = false;

			for (size_t i = 0; i < bn && !ok; i++)
				ok = term_eq(aa[j], al[j], after_amb, ba[i],
					     bl[i], before_amb) ||
				     term_widens(ba[i], bl[i], before_amb,
						 aa[j], al[j], after_amb);
			only_wider = ok;
		}
		if (only_wider)
			return LIC_ADAPT_WIDENED;
	}
	return kept && old ? LIC_ADAPT_SAME
	       : kept      ? LIC_ADAPT_ADDED
	       : old       ? LIC_ADAPT_REMOVED
			   : LIC_ADAPT_CHANGED;
}

/* ---- prose statements ---- */

#define PROSE_MAX 4096 /* bytes: a prose license file is short */

static bool known_id(struct lic_adapt *a, const char *id)
{
	return lic_list_find(a->list, id, strlen(id)) != NULL;
}

/* Does expr name a license of the family of id (versions aside)? */
static bool has_family(const char *expr, const char *id)
{
	size_t f = family_len(id, strlen(id));

	for (const char *p = expr; *p != '\0';) {
		size_t w = strcspn(p, " ()");

		if (w > 0 && family_len(p, w) == f && strncmp(p, id, f) == 0)
			return true;
		p += w > 0 ? w : 1;
	}
	return false;
}

void lic_adapt_match_root(struct lic_adapt_match *out, struct lic_adapt *a,
			  const char *text, size_t len)
{
	struct lic_statement *st;
	struct oh_buf add = OH_BUF_INIT;
	bool all_choice = true;
	size_t n = 0;

	lic_adapt_match_text(out, a, text, len);
	if (!out->prose || len == 0 || len > PROSE_MAX)
		return;
	st = oh_xcalloc(1, sizeof(*st));
	lic_statement_read(st, text, len);
	for (size_t i = 0; i < st->nr; i++) {
		const struct lic_mention *m = &st->m[i];

		if (!m->full || !known_id(a, m->id) ||
		    in_expr(out->project, m->id) || in_expr(add.buf, m->id))
			continue;
		/* a GNU license the notice already gave, named again
		 * (another version is another license) */
		if (m->gnu && has_family(out->project, m->id))
			continue;
		all_choice = all_choice && m->choice;
		/* ids are separated by a space, so in_expr() sees them */
		oh_buf_addf(&add, "%s%s", add.len ? " " : "", m->id);
		n++;
	}
	if (n > 0) {
		struct oh_buf proj = OH_BUF_INIT;
		const char *op = all_choice && n > 1 && out->project[0] == '\0'
					 ? " OR "
					 : " AND ";
		/* what fits in project and in "(project) AND bundled" */
		size_t room = sizeof(out->project) - 1;
		size_t bl = strlen(out->bundled);
		size_t max = sizeof(out->expr) - 1 - 7; /* "() AND " */

		if (bl > 0 && bl >= max)
			room = 0;
		else if (bl > 0 && max - bl < room)
			room = max - bl;
		oh_buf_adds(&proj, out->project);
		for (char *p = add.buf; p && *p != '\0';) {
			char *e = strchr(p, ' ');

			if (e)
				*e = '\0';
			/* a whole term or none: never a cut expression */
			if (proj.len + strlen(op) + strlen(p) > room)
				break;
			oh_buf_addf(&proj, "%s%s", proj.len ? op : "", p);
			p = e ? e + 1 : NULL;
		}
		snprintf(out->project, sizeof(out->project), "%s", proj.buf);
		if (out->bundled[0] == '\0')
			snprintf(out->expr, sizeof(out->expr), "%s", proj.buf);
		else
			snprintf(out->expr, sizeof(out->expr), "(%s) AND %s",
				 proj.buf, out->bundled);
		if (out->kind == LIC_ADAPT_UNKNOWN ||
		    out->kind == LIC_ADAPT_NONE) {
			out->kind = LIC_ADAPT_CLOSE;
			out->nearest[0] = '\0';
			out->percent = 100;
			out->unnamed_own = false;
			out->desc[0] = '\0';
		}
		{
			size_t dl = strlen(out->desc);

			snprintf(out->desc + dl, sizeof(out->desc) - dl,
				 "%slicenses named in prose: %s",
				 dl ? "; " : "", proj.buf);
		}
		oh_buf_release(&proj);
	}
	oh_buf_release(&add);
	free(st);
}

/* Does mention m name the license of the term t[0..n) (its first id)? */
static bool names_term(const struct lic_mention *m, const char *t, size_t n)
{
	size_t w = strcspn(t, " ()");
	size_t fam;

	if (w > n)
		w = n;
	fam = family_len(t, w);
	if (m->full) {
		size_t mf = family_len(m->id, strlen(m->id));

		return mf == fam && strncmp(m->id, t, fam) == 0;
	}
	/* a family: "BSD" names BSD-3-Clause, "GPL-2.0" GPL-2.0-only */
	{
		size_t ml = strlen(m->id);

		return ml <= w && strncmp(m->id, t, ml) == 0 &&
		       (t[ml] == '-' || ml == w);
	}
}

bool lic_adapt_refine_readme(char *out, size_t size, const char *expr,
			     const char *amb, const char *readme, size_t len)
{
	struct lic_statement *st = oh_xcalloc(1, sizeof(*st));
	struct oh_buf b = OH_BUF_INIT;
	const char *ta[CMP_TERMS];
	size_t tl[CMP_TERMS], tn;
	bool changed;

	lic_statement_read(st, readme, len);
	/* 1. an open GNU id takes the suffix the README states */
	for (const char *p = expr; *p != '\0';) {
		size_t w = strcspn(p, " ()");
		const char *suffix = NULL;
		bool conflict = false;

		if (w == 0) {
			oh_buf_addch(&b, *p++);
			continue;
		}
		if (word_in(amb, p, w)) {
			size_t f = family_len(p, w);

			for (size_t i = 0; i < st->nr; i++) {
				const struct lic_mention *m = &st->m[i];
				size_t mf = strlen(m->id);

				if (!m->full || !m->gnu)
					continue;
				mf = family_len(m->id, mf);
				if (mf != f || strncmp(m->id, p, f) != 0)
					continue;
				if (suffix && strcmp(suffix, m->id + mf) != 0)
					conflict = true;
				suffix = m->id + mf;
			}
		}
		if (suffix && !conflict) {
			oh_buf_add(&b, p, family_len(p, w));
			oh_buf_adds(&b, suffix);
		} else {
			oh_buf_add(&b, p, w);
		}
		p += w;
	}
	/* 2. several files' licenses, one choice naming them all */
	tn = and_terms(b.buf, ta, tl, CMP_TERMS);
	if (tn >= 2 && !strstr(b.buf, " OR ")) {
		for (unsigned sn = 0; sn < st->sentences; sn++) {
			size_t named = 0, mentions = 0;

			for (size_t i = 0; i < st->nr; i++)
				mentions += st->m[i].sentence == sn &&
					    st->m[i].choice;
			if (mentions < 2)
				continue;
			for (size_t t = 0; t < tn; t++) {
				bool hit = false;

				for (size_t i = 0; i < st->nr && !hit; i++)
					hit = st->m[i].sentence == sn &&
					      names_term(&st->m[i], ta[t],
							 tl[t]);
				named += hit;
			}
			if (named == tn) {
				struct oh_buf o = OH_BUF_INIT;

				for (size_t t = 0; t < tn; t++) {
					bool wrap = memchr(ta[t], ' ', tl[t]);

					oh_buf_addf(&o, "%s%s%.*s%s",
						    t ? " OR " : "",
						    wrap ? "(" : "", (int)tl[t],
						    ta[t], wrap ? ")" : "");
				}
				oh_buf_release(&b);
				b = o;
				break;
			}
		}
	}
	snprintf(out, size, "%s", b.buf);
	changed = strcmp(b.buf, expr) != 0;
	oh_buf_release(&b);
	free(st);
	return changed;
}
