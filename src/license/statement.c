/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * License statements in prose (README sections, prose license files).
 * See statement.h for the rules.
 */
#include "license/statement.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/banned.h"

#define MAX_WORDS 160
#define WORD_MAX  48
#define SENT_MAX  2048

struct sentence {
	char w[MAX_WORDS][WORD_MAX];
	unsigned n;
	bool used[MAX_WORDS]; /* consumed by a mention */
};

static bool is_word_char(int c)
{
	return isalnum(c) || c == '.' || c == '+' || c == '-';
}

/* Split one sentence (lower case, punctuation dropped) into words. */
static void words_of(struct sentence *s, const char *t, size_t len)
{
	size_t i = 0;

	s->n = 0;
	while (i < len && s->n < MAX_WORDS) {
		size_t k = 0;
		char *w = s->w[s->n];

		while (i < len && !is_word_char((unsigned char)t[i]))
			i++;
		while (i < len && is_word_char((unsigned char)t[i])) {
			if (k + 1 < WORD_MAX)
				w[k++] = (char)tolower((unsigned char)t[i]);
			i++;
		}
		/* "version 2." ends a sentence; "-" alone is no word */
		while (k > 0 && (w[k - 1] == '.' || w[k - 1] == '-'))
			k--;
		while (k > 0 && w[0] == '-') {
			memmove(w, w + 1, k - 1);
			k--;
		}
		w[k] = '\0';
		if (k > 0)
			s->used[s->n++] = false;
	}
}

static bool word_is(const struct sentence *s, unsigned i, const char *w)
{
	return i < s->n && strcmp(s->w[i], w) == 0;
}

static bool has_word_prefix(const struct sentence *s, const char *prefix)
{
	size_t n = strlen(prefix);

	for (unsigned i = 0; i < s->n; i++)
		if (strncmp(s->w[i], prefix, n) == 0)
			return true;
	return false;
}

/* A sentence about something else than the project's own code. */
static bool off_topic(const struct sentence *s)
{
	for (unsigned i = 0; i < s->n; i++)
		if ((word_is(s, i, "third") &&
		     (word_is(s, i + 1, "party") ||
		      word_is(s, i + 1, "parties"))) ||
		    strcmp(s->w[i], "third-party") == 0)
			return true;
	return has_word_prefix(s, "depend") || has_word_prefix(s, "bundled") ||
	       has_word_prefix(s, "linking") ||
	       has_word_prefix(s, "vendored") ||
	       has_word_prefix(s, "documentation") ||
	       has_word_prefix(s, "docs") || has_word_prefix(s, "manual");
}

/* "2" -> "2.0", "2.1" -> "2.1"; false when no version. */
static bool version_of(char *out, size_t size, const char *w, bool *plus)
{
	size_t n = strlen(w);
	char v[8];

	*plus = n > 0 && w[n - 1] == '+';
	if (*plus)
		n--;
	if (n == 0 || n >= sizeof(v) || !isdigit((unsigned char)w[0]))
		return false;
	memcpy(v, w, n);
	v[n] = '\0';
	if (n == 1)
		snprintf(out, size, "%s.0", v);
	else if (n == 3 && v[1] == '.' && isdigit((unsigned char)v[2]))
		snprintf(out, size, "%s", v);
	else
		return false;
	return true;
}

static bool valid_gnu(const char *fam, const char *ver)
{
	static const char *const ok[] = {
		"GPL-1.0",  "GPL-2.0",  "GPL-3.0",  "LGPL-2.0",
		"LGPL-2.1", "LGPL-3.0", "AGPL-1.0", "AGPL-3.0",
		"GFDL-1.1", "GFDL-1.2", "GFDL-1.3",
	};
	char id[32];

	snprintf(id, sizeof(id), "%s-%s", fam, ver);
	for (size_t i = 0; i < sizeof(ok) / sizeof(ok[0]); i++)
		if (strcmp(id, ok[i]) == 0)
			return true;
	return false;
}

/* A compact GNU name: gpl, lgpl, agpl, gplv2, lgplv2.1+, gpl2, gfdl,
 * fdl; *fam gets the family, ver the version ("" when none). */
static bool compact_gnu(const char *w, const char **fam, char *ver, size_t size,
			bool *plus)
{
	static const struct {
		const char *p, *fam;
	} pre[] = { { "lgpl", "LGPL" },
		    { "agpl", "AGPL" },
		    { "gfdl", "GFDL" },
		    { "gpl", "GPL" },
		    { "fdl", "GFDL" } };

	ver[0] = '\0';
	*plus = false;
	for (size_t i = 0; i < sizeof(pre) / sizeof(pre[0]); i++) {
		size_t n = strlen(pre[i].p);
		const char *r = w + n;

		if (strncmp(w, pre[i].p, n) != 0)
			continue;
		*fam = pre[i].fam;
		if (*r == '\0')
			return true;
		if (strcmp(r, "+") == 0) {
			*plus = true;
			return true;
		}
		if (*r == 'v' || *r == '-')
			r++;
		return version_of(ver, size, r, plus);
	}
	return false;
}

static void add(struct lic_statement *st, const char *id, bool full, bool gnu,
		unsigned sentence)
{
	struct lic_mention *m;

	if (st->nr >= LIC_STMT_MAX)
		return;
	m = &st->m[st->nr++];
	snprintf(m->id, sizeof(m->id), "%s", id);
	m->full = full;
	m->gnu = gnu;
	m->sentence = sentence;
	m->choice = false;
}

/* Is word i a license name of any kind (ends a version search)? */
static bool name_word(const struct sentence *s, unsigned i)
{
	const char *fam;
	char v[8];
	bool plus;

	return compact_gnu(s->w[i], &fam, v, sizeof(v), &plus) ||
	       word_is(s, i, "bsd") || word_is(s, i, "mit") ||
	       word_is(s, i, "apache") || word_is(s, i, "mozilla") ||
	       (word_is(s, i, "general") && word_is(s, i + 1, "public"));
}

/*
 * The version and -only/-or-later of a GNU name ending at word `end`
 * (exclusive), searched after it ("version 2.1 or later", "v3", "2+")
 * and before it ("version 2 of the GNU ...").  Returns the suffix:
 * "-or-later", "-only", or NULL when no version was found.
 */
static const char *gnu_version(struct sentence *s, unsigned start, unsigned end,
			       char *ver, size_t size)
{
	bool plus = false;
	unsigned at = 0;
	bool found = false;

	for (unsigned k = end; k < s->n && k < end + 8 && !found; k++) {
		if (k > end && name_word(s, k))
			break;
		if (version_of(ver, size, s->w[k], &plus)) {
			found = true;
			at = k;
		}
	}
	if (!found && start >= 2) {
		for (unsigned k = start > 6 ? start - 6 : 0; k + 1 < start;
		     k++) {
			if (word_is(s, k, "version") &&
			    version_of(ver, size, s->w[k + 1], &plus)) {
				found = true;
				at = k + 1;
			}
		}
	}
	if (!found)
		return NULL;
	if (plus)
		return "-or-later";
	for (unsigned k = (at > end ? at : end) + 1; k < s->n && k < at + 10;
	     k++) {
		if (k > end && k > at + 1 && name_word(s, k))
			break;
		if (word_is(s, k, "later") || word_is(s, k, "newer") ||
		    word_is(s, k, "greater"))
			return "-or-later";
		if (word_is(s, k, "only"))
			return "-only";
	}
	return "-only";
}

/* A GNU mention at word i: "gpl...", "[lesser|library|affero] general
 * public license", "free documentation license".  Returns the words it
 * took (0: none). */
static unsigned gnu_at(struct lic_statement *st, struct sentence *s, unsigned i,
		       unsigned sentence)
{
	const char *fam = NULL;
	char ver[8] = "", id[48];
	const char *suffix = NULL;
	bool plus = false;
	unsigned end = i + 1;

	if (compact_gnu(s->w[i], &fam, ver, sizeof(ver), &plus)) {
		if (ver[0] != '\0')
			suffix = plus ? "-or-later" : NULL;
	} else if (word_is(s, i, "general") && word_is(s, i + 1, "public") &&
		   (word_is(s, i + 2, "license") ||
		    word_is(s, i + 2, "licence"))) {
		fam = i > 0 && (word_is(s, i - 1, "lesser") ||
				word_is(s, i - 1, "library"))
			      ? "LGPL"
		      : i > 0 && word_is(s, i - 1, "affero") ? "AGPL"
							     : "GPL";
		end = i + 3;
	} else if (word_is(s, i, "free") &&
		   word_is(s, i + 1, "documentation") &&
		   word_is(s, i + 2, "license")) {
		fam = "GFDL";
		end = i + 3;
	} else {
		return 0;
	}
	/* "GNU Lesser General Public License (LGPL) version 2.1": the
	 * abbreviation right after the name is the same mention */
	if (end > i + 1 && end < s->n) {
		const char *f2;
		char v2[8];
		bool p2;

		if (compact_gnu(s->w[end], &f2, v2, sizeof(v2), &p2) &&
		    strcmp(f2, fam) == 0 && v2[0] == '\0')
			end++;
	}
	if (ver[0] == '\0' || !suffix) {
		char v3[8];
		const char *sfx = gnu_version(s, i, end, v3, sizeof(v3));

		if (ver[0] == '\0' && sfx) {
			snprintf(ver, sizeof(ver), "%s", v3);
			suffix = sfx;
		} else if (ver[0] != '\0' && !suffix) {
			/* "GPLv2 or later": the suffix after the name */
			suffix = sfx && strcmp(v3, ver) == 0 ? sfx : "-only";
			if (!sfx || strcmp(v3, ver) != 0) {
				for (unsigned k = end; k < s->n && k < end + 6;
				     k++)
					if (word_is(s, k, "later"))
						suffix = "-or-later";
			}
		}
	}
	if (ver[0] != '\0' && suffix && valid_gnu(fam, ver)) {
		snprintf(id, sizeof(id), "%s-%s%s", fam, ver, suffix);
		add(st, id, true, true, sentence);
	} else {
		add(st, fam, false, true, sentence);
	}
	/* a compact form just after ("version 2.1 or later (LGPLv2+, see")
	 * restates the same license: skip it */
	for (unsigned k = end; k < s->n && k < end + 8; k++) {
		const char *f2;
		char v2[8];
		bool p2;

		if (compact_gnu(s->w[k], &f2, v2, sizeof(v2), &p2)) {
			if (strcmp(f2, fam) == 0)
				s->used[k] = true;
			break;
		}
	}
	return end - i;
}

/* SPDX ids written as such (lower case here). */
static const struct {
	const char *w, *id;
} literal[] = {
	{ "mit", "MIT" },
	{ "isc", "ISC" },
	{ "zlib", "Zlib" },
	{ "unlicense", "Unlicense" },
	{ "0bsd", "0BSD" },
	{ "apache-2.0", "Apache-2.0" },
	{ "apache-2", "Apache-2.0" },
	{ "apache2", "Apache-2.0" },
	{ "mpl-2.0", "MPL-2.0" },
	{ "bsd-2-clause", "BSD-2-Clause" },
	{ "bsd-3-clause", "BSD-3-Clause" },
	{ "bsd-2", "BSD-2-Clause" },
	{ "bsd-3", "BSD-3-Clause" },
	{ "bsl-1.0", "BSL-1.0" },
	{ "cc0-1.0", "CC0-1.0" },
	{ "cc0", "CC0-1.0" },
};

/* "GPL-2.0-or-later", "LGPL-2.1-only", "GPL-2.0+" written as SPDX ids. */
static bool gnu_literal(struct lic_statement *st, const char *w,
			unsigned sentence)
{
	static const char *const fam[] = { "lgpl-", "agpl-", "gfdl-", "gpl-" };
	char ver[8], id[48], up[8];
	const char *r;
	bool plus;

	for (size_t i = 0; i < 4; i++) {
		size_t n = strlen(fam[i]);
		char v[8];
		size_t k = 0;

		if (strncmp(w, fam[i], n) != 0)
			continue;
		r = w + n;
		while (r[k] != '\0' &&
		       (isdigit((unsigned char)r[k]) || r[k] == '.') &&
		       k + 1 < sizeof(v)) {
			v[k] = r[k];
			k++;
		}
		v[k] = '\0';
		if (!version_of(ver, sizeof(ver), v, &plus))
			return false;
		r += k;
		for (size_t j = 0; j + 1 < n && j + 1 < sizeof(up); j++)
			up[j] = (char)toupper((unsigned char)fam[i][j]);
		up[n - 1 < sizeof(up) ? n - 1 : sizeof(up) - 1] = '\0';
		if (!valid_gnu(up, ver))
			return false;
		if (strcmp(r, "-or-later") == 0 || strcmp(r, "+") == 0)
			snprintf(id, sizeof(id), "%s-%s-or-later", up, ver);
		else if (strcmp(r, "-only") == 0)
			snprintf(id, sizeof(id), "%s-%s-only", up, ver);
		else if (*r == '\0')
			snprintf(id, sizeof(id), "%s-%s", up, ver);
		else
			return false;
		add(st, id, *r != '\0', true, sentence);
		return true;
	}
	return false;
}

/* BSD with its clauses: "BSD 2-Clause", "2-clause BSD", "New BSD". */
static void bsd_at(struct lic_statement *st, const struct sentence *s,
		   unsigned i, unsigned sentence)
{
	const char *prev = i > 0 ? s->w[i - 1] : "";
	const char *next = i + 1 < s->n ? s->w[i + 1] : "";
	const char *id = "BSD";

	if (strcmp(next, "2-clause") == 0 || strcmp(prev, "2-clause") == 0 ||
	    strcmp(prev, "two-clause") == 0 ||
	    strcmp(prev, "simplified") == 0 || strcmp(prev, "freebsd") == 0 ||
	    (strcmp(next, "2") == 0 && word_is(s, i + 2, "clause")))
		id = "BSD-2-Clause";
	else if (strcmp(next, "3-clause") == 0 ||
		 strcmp(prev, "3-clause") == 0 ||
		 strcmp(prev, "three-clause") == 0 ||
		 strcmp(prev, "new") == 0 || strcmp(prev, "modified") == 0 ||
		 strcmp(prev, "revised") == 0 ||
		 (strcmp(next, "3") == 0 && word_is(s, i + 2, "clause")))
		id = "BSD-3-Clause";
	add(st, id, strcmp(id, "BSD") != 0, false, sentence);
}

static bool offers_choice(const struct sentence *s, unsigned first,
			  unsigned last)
{
	static const char *const word[] = {
		"dual",   "dual-licensed", "dual-license", "either",
		"choice", "choose",        "whichever",    "alternatively",
	};

	for (unsigned i = 0; i < s->n; i++)
		for (size_t k = 0; k < sizeof(word) / sizeof(word[0]); k++)
			if (strcmp(s->w[i], word[k]) == 0)
				return true;
	for (unsigned i = first + 1; i < last && i < s->n; i++)
		if (word_is(s, i, "or") && !word_is(s, i + 1, "later") &&
		    !word_is(s, i + 1, "any") && !word_is(s, i + 1, "at") &&
		    !word_is(s, i + 1, "newer"))
			return true;
	return false;
}

/* Returns whether the sentence is off topic. */
static bool read_sentence(struct lic_statement *st, struct sentence *s,
			  unsigned sentence, bool para_off)
{
	size_t before = st->nr;
	unsigned first = 0, last = 0;

	if (s->n == 0)
		return false;
	if (para_off || off_topic(s))
		return true;
	for (unsigned i = 0; i < s->n; i++) {
		size_t had = st->nr;
		unsigned took;

		if (s->used[i])
			continue;
		if (gnu_literal(st, s->w[i], sentence)) {
			took = 1;
		} else if ((took = gnu_at(st, s, i, sentence)) > 0) {
			for (unsigned k = i; k < i + took && k < s->n; k++)
				s->used[k] = true;
		} else if (word_is(s, i, "bsd")) {
			bsd_at(st, s, i, sentence);
		} else if (word_is(s, i, "apache")) {
			bool two = false;

			for (unsigned k = i + 1; k < s->n && k < i + 5; k++)
				two = two || word_is(s, k, "2.0") ||
				      word_is(s, k, "2");
			add(st, two ? "Apache-2.0" : "Apache", two, false,
			    sentence);
		} else if ((word_is(s, i, "mozilla") &&
			    word_is(s, i + 1, "public")) ||
			   word_is(s, i, "mpl")) {
			bool two = false;

			for (unsigned k = i + 1; k < s->n && k < i + 6; k++)
				two = two || word_is(s, k, "2.0");
			add(st, two ? "MPL-2.0" : "MPL", two, false, sentence);
		} else {
			for (size_t k = 0;
			     k < sizeof(literal) / sizeof(literal[0]); k++)
				if (strcmp(s->w[i], literal[k].w) == 0)
					add(st, literal[k].id, true, false,
					    sentence);
		}
		if (st->nr > had) {
			if (had == before)
				first = i;
			last = i;
		}
	}
	if (st->nr > before && offers_choice(s, first, last))
		for (size_t k = before; k < st->nr; k++)
			st->m[k].choice = true;
	return false;
}

/* Sentence ends: ". " "; " "! " "? " ": ", a blank line, a list item. */
static bool sentence_end(const char *t, size_t len, size_t i)
{
	char c = t[i];
	char n = i + 1 < len ? t[i + 1] : ' ';

	if ((c == '.' || c == ';' || c == '!' || c == '?' || c == ':') &&
	    (n == ' ' || n == '\n' || n == '\r' || n == '\t'))
		return true;
	if (c == '\n') {
		size_t k = i + 1;

		while (k < len && (t[k] == ' ' || t[k] == '\t' || t[k] == '\r'))
			k++;
		if (k >= len || t[k] == '\n')
			return true;
		if ((t[k] == '-' || t[k] == '*' || t[k] == '+') &&
		    k + 1 < len && t[k + 1] == ' ')
			return true;
	}
	return false;
}

/* A blank line or a list item after this newline: a new paragraph
 * (what one sentence says about "them" does not reach past it). */
static bool paragraph_end(const char *t, size_t len, size_t i)
{
	size_t k = i + 1;

	if (t[i] != '\n')
		return false;
	while (k < len && (t[k] == ' ' || t[k] == '\t' || t[k] == '\r'))
		k++;
	return k >= len || t[k] == '\n' ||
	       ((t[k] == '-' || t[k] == '*' || t[k] == '+') && k + 1 < len &&
		t[k + 1] == ' ');
}

void lic_statement_read(struct lic_statement *out, const char *text, size_t len)
{
	struct sentence *s = calloc(1, sizeof(*s));
	size_t start = 0;
	bool para_off = false; /* an off-topic sentence in this paragraph */

	memset(out, 0, sizeof(*out));
	if (!s)
		return;
	if (len > LIC_STMT_MAX_TEXT)
		len = LIC_STMT_MAX_TEXT;
	for (size_t i = 0; i <= len; i++) {
		if (i < len && !sentence_end(text, len, i))
			continue;
		if (i > start) {
			size_t n = i - start;

			if (n > SENT_MAX)
				n = SENT_MAX;
			words_of(s, text + start, n);
			para_off =
				read_sentence(out, s, out->sentences, para_off);
			out->sentences++;
		}
		if (i < len && paragraph_end(text, len, i))
			para_off = false;
		start = i + 1;
	}
	free(s);
}

/* ---- README sections ---- */

struct line {
	const char *p;
	size_t n;
};

static bool all_of(const struct line *l, char c)
{
	size_t k = 0;

	while (k < l->n && l->p[k] == c)
		k++;
	while (k < l->n && (l->p[k] == ' ' || l->p[k] == '\r'))
		k++;
	return l->n >= 3 && k == l->n && l->p[0] == c;
}

static bool blank(const struct line *l)
{
	for (size_t k = 0; k < l->n; k++)
		if (!isspace((unsigned char)l->p[k]))
			return false;
	return true;
}

/* Heading level of line i (1..6), 0 when not a heading; *title is its
 * text. */
static unsigned heading(const struct line *l, size_t nl, size_t i,
			struct line *title)
{
	static const char under[] = "=-~^*+";
	size_t k = 0;

	while (k < l[i].n && k < 7 && (l[i].p[k] == '#' || l[i].p[k] == '='))
		k++;
	if (k >= 1 && k <= 6 && k < l[i].n && l[i].p[k] == ' ') {
		title->p = l[i].p + k;
		title->n = l[i].n - k;
		return (unsigned)k;
	}
	if (i + 1 < nl && !blank(&l[i]) && l[i].p[0] != ' ')
		for (size_t u = 0; u < sizeof(under) - 1; u++)
			if (all_of(&l[i + 1], under[u])) {
				*title = l[i];
				return u == 0 ? 1 : u == 1 ? 2 : 3;
			}
	return 0;
}

static bool mem_has_ci(const char *p, size_t n, const char *w)
{
	size_t m = strlen(w);

	for (size_t k = 0; k + m <= n; k++)
		if (strncasecmp(p + k, w, m) == 0)
			return true;
	return false;
}

static void put(char *out, size_t size, size_t *at, const char *p, size_t n)
{
	if (*at + 1 >= size)
		return;
	if (n > size - 1 - *at)
		n = size - 1 - *at;
	memcpy(out + *at, p, n);
	*at += n;
	out[*at] = '\0';
}

size_t lic_statement_readme(char *out, size_t size, const char *text,
			    size_t len)
{
	static const char *const stated[] = {
		"licensed under",  "released under", "distributed under",
		"available under", "dual-licensed",  "dual licensed",
		"licensed as",     "is licensed",    "are licensed",
	};
	struct line *l;
	size_t nl = 0, at = 0, cap = 1;
	unsigned level = 0; /* inside a License section of this level */

	if (size == 0)
		return 0;
	out[0] = '\0';
	if (len > LIC_STMT_MAX_TEXT * 4)
		len = LIC_STMT_MAX_TEXT * 4;
	for (size_t i = 0; i < len; i++)
		cap += text[i] == '\n';
	l = calloc(cap, sizeof(*l));
	if (!l)
		return 0;
	for (size_t i = 0, s = 0; i <= len && nl < cap; i++) {
		if (i < len && text[i] != '\n')
			continue;
		l[nl].p = text + s;
		l[nl].n = i - s;
		nl++;
		s = i + 1;
	}
	for (size_t i = 0; i < nl; i++) {
		struct line title;
		unsigned h = heading(l, nl, i, &title);

		if (h > 0 && level > 0 && h <= level)
			level = 0;
		if (h > 0 && level == 0 &&
		    (mem_has_ci(title.p, title.n, "licen") ||
		     mem_has_ci(title.p, title.n, "copying"))) {
			level = h;
			put(out, size, &at, "\n\n", 2);
			if (i + 1 < nl &&
			    !(l[i].p[0] == '#' || l[i].p[0] == '='))
				i++; /* the underline */
			continue;
		}
		if (level > 0) {
			put(out, size, &at, l[i].p, l[i].n);
			put(out, size, &at, "\n", 1);
		}
	}
	if (at == 0) {
		/* no section: the paragraphs that state a license */
		size_t p0 = 0;

		for (size_t i = 0; i <= nl; i++) {
			bool hit = false;

			if (i < nl && !blank(&l[i]))
				continue;
			for (size_t k = p0; k < i && !hit; k++)
				for (size_t w = 0;
				     w < sizeof(stated) / sizeof(stated[0]);
				     w++)
					hit = hit || mem_has_ci(l[k].p, l[k].n,
								stated[w]);
			for (size_t k = p0; hit && k < i; k++) {
				put(out, size, &at, l[k].p, l[k].n);
				put(out, size, &at, "\n", 1);
			}
			if (hit)
				put(out, size, &at, "\n", 1);
			p0 = i + 1;
		}
	}
	free(l);
	return at;
}
