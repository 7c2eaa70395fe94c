/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * License text normaliser (SPDX License Matching Guidelines): turns a text
 * into a stream of lower-case words with their line numbers.
 *
 *  - white space, case, punctuation, quotes, dashes and bullets vanish:
 *    a word is a run of ASCII letters and digits (and non-ASCII letters);
 *    UTF-8 punctuation (U+2010..U+206F, NBSP, guillemets, (c) sign) and
 *    every ASCII punctuation character separate words;
 *  - comment markers and separators at line starts go with punctuation;
 *  - list numbering at a line start ("1.", "(a)", "iv)", "2.1") is
 *    dropped;
 *  - copyright notices ("Copyright (c) 2024 Jane", "(c) Foo", "All rights
 *    reserved") and SPDX-License-Identifier lines are dropped;
 *  - "(c)" inside a line is dropped;
 *  - equivalent words (licenses/equivalent-words.txt) are mapped by the
 *    caller (match.c), which also handles two-word variants.
 * Paragraph numbers (blank-line separated) are reported for title
 * detection.
 */
#include "license/norm.h"

#include <string.h>

#include "core/banned.h"

static bool is_alnum(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9');
}

/* Length of a UTF-8 punctuation sequence at p (0 when not one). */
static size_t utf8_punct(const unsigned char *p, const unsigned char *end)
{
	if (p + 1 < end && p[0] == 0xc2 &&
	    (p[1] == 0xa0 || p[1] == 0xa9 || p[1] == 0xab || p[1] == 0xbb ||
	     p[1] == 0xae || p[1] == 0xb7 || p[1] == 0xa7 || p[1] == 0xb6))
		return 2;
	if (p + 2 < end && p[0] == 0xe2 && p[1] >= 0x80 && p[1] <= 0x81)
		return 3; /* U+2000..U+207F: spaces, dashes, quotes, bullets */
	if (p + 2 < end && p[0] == 0xef && p[1] == 0xbb && p[2] == 0xbf)
		return 3; /* BOM */
	if (p + 2 < end && p[0] == 0xe2 && p[1] == 0x96)
		return 3; /* box drawing / geometric bullets */
	return 0;
}

static bool is_wordbyte(const unsigned char *p, const unsigned char *end)
{
	if (is_alnum(*p))
		return true;
	return *p >= 0x80 && utf8_punct(p, end) == 0;
}

/* Skip everything that is not a word byte. */
static const unsigned char *skip_junk(const unsigned char *p,
				      const unsigned char *end)
{
	while (p < end && !is_wordbyte(p, end)) {
		size_t n = *p >= 0x80 ? utf8_punct(p, end) : 1;

		p += n > 0 ? n : 1;
	}
	return p;
}

static const unsigned char *word_end(const unsigned char *p,
				     const unsigned char *end)
{
	while (p < end && is_wordbyte(p, end))
		p++;
	return p;
}

static bool word_eq(const unsigned char *w, size_t n, const char *s)
{
	size_t m = strlen(s);

	if (n != m)
		return false;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = w[i];

		if (c >= 'A' && c <= 'Z')
			c = (unsigned char)(c - 'A' + 'a');
		if (c != (unsigned char)s[i])
			return false;
	}
	return true;
}

static bool is_roman(const unsigned char *w, size_t n)
{
	static const char *const r[] = {
		"i",   "ii",   "iii", "iv", "v",  "vi",
		"vii", "viii", "ix",  "x",  "xi", "xii"
	};

	for (size_t i = 0; i < sizeof(r) / sizeof(r[0]); i++)
		if (word_eq(w, n, r[i]))
			return true;
	return false;
}

/*
 * A list marker at p ("1.", "a)", "iv.", "2.1")?  Returns the position
 * after it, or NULL.  Letters need ")" or "." followed by an upper-case
 * letter, so that "v. 2.0" or "a. b" in running text stay.
 */
static const unsigned char *list_marker(const unsigned char *p,
					const unsigned char *end)
{
	const unsigned char *w = word_end(p, end);
	size_t n = (size_t)(w - p);
	bool digits = true;
	const unsigned char *q;

	if (n == 0 || n > 4 || w >= end || (*w != '.' && *w != ')'))
		return NULL;
	for (size_t i = 0; i < n; i++)
		if (p[i] < '0' || p[i] > '9')
			digits = false;
	if (digits)
		return w + 1;
	if (n != 1 && !is_roman(p, n))
		return NULL;
	if (*w == ')')
		return w + 1;
	q = w + 1;
	while (q < end && (*q == ' ' || *q == '\t'))
		q++;
	if (q < end && ((*q >= 'A' && *q <= 'Z') || *q == '('))
		return w + 1;
	return NULL;
}

/* Words after "copyright" that make it running text, not a notice. */
static bool copyright_continues(const unsigned char *w, size_t n)
{
	static const char *const cont[] = {
		"notice",      "notices",      "holder",     "holders",
		"owner",       "owners",       "law",        "laws",
		"and",         "or",           "license",    "licenses",
		"licence",     "statement",    "statements", "protection",
		"interest",    "interests",    "on",         "in",
		"to",          "of",           "the",        "is",
		"that",        "which",        "by",         "rights",
		"claims",      "infringement", "act",        "treaty",
		"permission",  "as",           "status",     "and/or",
		"for",         "are",          "may",        "holder's",
		"information", "symbol",       "terms",      "disclaimer",
		"policy",
	};

	for (size_t i = 0; i < sizeof(cont) / sizeof(cont[0]); i++)
		if (word_eq(w, n, cont[i]))
			return true;
	return false;
}

/* Is the line starting at p (after junk) a notice to drop? */
static bool drop_line(const unsigned char *p, const unsigned char *end,
		      const unsigned char *line)
{
	const unsigned char *w = word_end(p, end);
	size_t n = (size_t)(w - p);
	const unsigned char *q;

	/* "(c) 2020 Foo" (but "(c) You must" is list item c) */
	if (p > line && n == 1 && (*p == 'c' || *p == 'C') && p[-1] == '(' &&
	    w < end && *w == ')') {
		q = skip_junk(w, end);
		return q >= end || (*q >= '0' && *q <= '9');
	}
	for (q = line; q + 1 < p; q++)
		if (q[0] == 0xc2 && q[1] == 0xa9)
			return true; /* "© 2020 Foo" */
	if (word_eq(p, n, "spdx") && w < end && *w == '-')
		return true;
	if (word_eq(p, n, "all")) {
		/* a line "All rights reserved." and nothing more */
		q = skip_junk(w, end);
		if (!word_eq(q, (size_t)(word_end(q, end) - q), "rights"))
			return false;
		q = skip_junk(word_end(q, end), end);
		if (!word_eq(q, (size_t)(word_end(q, end) - q), "reserved"))
			return false;
		return skip_junk(word_end(q, end), end) >= end;
	}
	if (!word_eq(p, n, "copyright"))
		return false;
	q = skip_junk(w, end);
	if (q >= end)
		return true; /* "Copyright" alone or "Copyright:" */
	return !copyright_continues(q, (size_t)(word_end(q, end) - q));
}

struct line_state {
	const struct lic_norm_sink *sink;
	unsigned line;
	unsigned para;
	bool blank_run; /* previous line was blank */
	bool any;       /* a word was emitted since the last paragraph */
	bool notice;    /* the previous line was a dropped notice */
	bool version;   /* the last word emitted was "version" */
};

static void emit(struct line_state *st, const unsigned char *w, size_t n)
{
	char buf[LIC_NORM_MAX_WORD + 1];

	if (n > LIC_NORM_MAX_WORD)
		n = LIC_NORM_MAX_WORD;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = w[i];

		if (c >= 'A' && c <= 'Z')
			c = (unsigned char)(c - 'A' + 'a');
		buf[i] = (char)c;
	}
	buf[n] = '\0';
	st->version = strcmp(buf, "version") == 0;
	st->sink->word(st->sink->ctx, buf, n, st->line, st->para);
	st->any = true;
}

static void do_line(struct line_state *st, const unsigned char *line,
		    const unsigned char *end)
{
	const unsigned char *p = skip_junk(line, end);
	const unsigned char *m;

	if (p >= end) {
		if (st->any && !st->blank_run)
			st->para++;
		st->blank_run = true;
		st->notice = false;
		return;
	}
	st->blank_run = false;
	/* a notice's years run on to the next line ("Copyright (C) 1994,
	 * ... 2002,\n2003, ... 2009 Free Software Foundation, Inc.") */
	if (drop_line(p, end, line) || (st->notice && *p >= '0' && *p <= '9')) {
		st->notice = true;
		return;
	}
	st->notice = false;
	/* "... Mozilla Public License Version\n1.1 (the License)": a
	 * version number, not list numbering */
	while (!st->version && (m = list_marker(p, end)))
		p = skip_junk(m, end);
	while (p < end) {
		const unsigned char *w = word_end(p, end);
		size_t n = (size_t)(w - p);

		/* "(c)" inside a line */
		if (!(n == 1 && (*p == 'c' || *p == 'C') && p > line &&
		      p[-1] == '(' && w < end && *w == ')'))
			emit(st, p, n);
		p = skip_junk(w, end);
	}
}

void lic_norm_words(const char *text, size_t len,
		    const struct lic_norm_sink *sink)
{
	const unsigned char *p = (const unsigned char *)text;
	const unsigned char *end = p + len;
	struct line_state st = { .sink = sink, .line = 0 };

	while (p < end) {
		const unsigned char *nl = memchr(p, '\n', (size_t)(end - p));
		const unsigned char *le = nl ? nl : end;

		st.line++;
		do_line(&st, p, le);
		p = nl ? nl + 1 : end;
	}
}
