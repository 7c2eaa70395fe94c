/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Commit trailers with git log's semantics; the rules are listed in
 * trailer.h.  The functions below follow the steps of git's trailer.c so
 * that each can be compared with it: end of message, title, start of the
 * trailer block, then the block split into trailers with continuation
 * lines folded.  Everything works on [msg, end) and never reads past end.
 */
#include "facts/trailer.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/err.h"
#include "core/xalloc.h"
#include "core/banned.h"

#define COMMENT_CHAR '#'

/* With its newline, as git's cut_line: a CRLF scissors line does not cut. */
static const char scissors[] =
	"# ------------------------ >8 ------------------------\n";

/* git's sane_ctype: ASCII only, and \v \f are not space. */
static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static bool is_token_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '-';
}

/* Start of the line after the one at s (end when there is none). */
static const char *next_line(const char *s, const char *end)
{
	const char *nl = memchr(s, '\n', (size_t)(end - s));

	return nl ? nl + 1 : end;
}

/* A line of only spaces, tabs and CRs (or nothing) up to '\n' or end. */
static bool is_blank_line(const char *s, const char *end)
{
	while (s < end && *s != '\n' && is_space(*s))
		s++;
	return s == end || *s == '\n';
}

/* Offset of the start of the last line of buf[0..len), or -1. */
static long last_line(const char *buf, size_t len)
{
	long i;

	if (len == 0)
		return -1;
	if (len == 1)
		return 0;
	/* A final newline belongs to the last line. */
	for (i = (long)len - 2; i >= 0; i--)
		if (buf[i] == '\n')
			return i + 1;
	return 0;
}

/*
 * Position of ':' in a trailer line "Key :", or -1: a token of
 * [A-Za-z0-9-], then spaces or tabs (not before the first character).
 */
static long find_separator(const char *line, const char *end)
{
	bool ws = false;
	const char *c;

	for (c = line; c < end; c++) {
		if (*c == ':')
			return c - line;
		if (!ws && is_token_char(*c))
			continue;
		if (c != line && (*c == ' ' || *c == '\t')) {
			ws = true;
			continue;
		}
		break;
	}
	return -1;
}

static bool starts_with(const char *s, const char *end, const char *prefix)
{
	size_t n = strlen(prefix);

	return (size_t)(end - s) >= n && memcmp(s, prefix, n) == 0;
}

/* git's wt_status_locate_end(): where a scissors line starts, or len. */
static size_t locate_scissors(const char *buf, size_t len)
{
	const char *end = buf + len;
	const char *s;

	for (s = buf; s < end; s = next_line(s, end))
		if (starts_with(s, end, scissors))
			return (size_t)(s - buf);
	return len;
}

/*
 * git's ignore_non_trailer(): the end of the message once a trailing run
 * of comment lines, empty lines and an old "Conflicts:" block is dropped.
 */
static size_t end_of_message(const char *buf, size_t len)
{
	size_t cutoff = locate_scissors(buf, len);
	const char *end = buf + cutoff;
	size_t boc = 0;
	bool conflicts = false;
	const char *s;

	for (s = buf; s < end; s = next_line(s, end)) {
		size_t bol = (size_t)(s - buf);

		if (*s == COMMENT_CHAR || *s == '\n') {
			if (boc == 0)
				boc = bol;
		} else if (starts_with(s, end, "Conflicts:\n")) {
			conflicts = true;
			if (boc == 0)
				boc = bol;
		} else if (conflicts && *s == '\t') {
			; /* a path of the conflicts block */
		} else if (boc != 0) {
			boc = 0;
			conflicts = false;
		}
	}
	return boc != 0 ? boc : cutoff;
}

static bool git_generated(const char *s, const char *end)
{
	return starts_with(s, end, "Signed-off-by: ") ||
	       starts_with(s, end, "(cherry picked from commit ");
}

struct block_count {
	int trailers;    /* trailer lines */
	int others;      /* non-trailer lines */
	int maybe_cont;  /* indented lines not yet attributed */
	bool recognised; /* a git-generated line was seen */
};

/* Classify one non-blank, non-comment line of the candidate block. */
static void count_line(struct block_count *bc, const char *bol, const char *end)
{
	if (git_generated(bol, end)) {
		bc->trailers++;
		bc->maybe_cont = 0;
		bc->recognised = true;
	} else if (find_separator(bol, end) >= 1 && !is_space(*bol)) {
		bc->trailers++;
		bc->maybe_cont = 0;
	} else if (is_space(*bol)) {
		bc->maybe_cont++;
	} else {
		bc->others += 1 + bc->maybe_cont;
		bc->maybe_cont = 0;
	}
}

/* git's find_trailer_block_start(): offset of the block, or len. */
static size_t block_start(const char *buf, size_t len)
{
	const char *end = buf + len;
	struct block_count bc = { 0 };
	bool only_spaces = true;
	size_t title_end;
	const char *s;
	long l;

	/* The first paragraph is the title and cannot hold trailers. */
	for (s = buf; s < end; s = next_line(s, end)) {
		if (*s == COMMENT_CHAR)
			continue;
		if (is_blank_line(s, end))
			break;
	}
	title_end = (size_t)(s - buf);

	for (l = last_line(buf, len); l >= 0 && (size_t)l >= title_end;
	     l = last_line(buf, (size_t)l)) {
		const char *bol = buf + l;

		if (*bol == COMMENT_CHAR) {
			bc.others += bc.maybe_cont;
			bc.maybe_cont = 0;
			continue;
		}
		if (is_blank_line(bol, end)) {
			if (only_spaces)
				continue;
			bc.others += bc.maybe_cont;
			if ((bc.recognised && bc.trailers * 3 >= bc.others) ||
			    (bc.trailers > 0 && bc.others == 0))
				return (size_t)(next_line(bol, end) - buf);
			return len;
		}
		only_spaces = false;
		count_line(&bc, bol, end);
	}
	return len;
}

static void trim(const char **b, const char **e)
{
	while (*b < *e && is_space(**b))
		(*b)++;
	while (*e > *b && is_space((*e)[-1]))
		(*e)--;
}

/*
 * Append the value [b, e) unfolded (git's unfold_value) and a NUL: each
 * line break and the white space after it become one space.  Copied a
 * line at a time (git/git's 120,000 trailers were 4 million appends of
 * a byte).
 */
static void add_unfolded(struct oh_buf *out, const char *b, const char *e)
{
	const char *s;

	trim(&b, &e);
	for (s = b; s < e;) {
		const char *nl = memchr(s, '\n', (size_t)(e - s));

		oh_buf_add(out, s, (size_t)((nl ? nl : e) - s));
		if (!nl)
			break;
		for (s = nl + 1; s < e && is_space(*s); s++)
			;
		oh_buf_addch(out, ' ');
	}
	oh_buf_addch(out, '\0');
}

static void add_item(struct trailer_list *l, const char *entry,
		     const char *entry_end, long sep)
{
	const char *kb = entry;
	const char *ke = entry + sep;
	struct trailer_item *it;

	if (l->nr >= TRAILER_MAX_ITEMS) {
		l->truncated = true;
		return;
	}
	OH_GROW(l->item, l->alloc, l->nr + 1);
	it = &l->item[l->nr++];
	trim(&kb, &ke);
	it->key = l->text.len;
	oh_buf_add(&l->text, kb, (size_t)(ke - kb));
	oh_buf_addch(&l->text, '\0');
	it->value = l->text.len;
	add_unfolded(&l->text, entry + sep + 1, entry_end);
}

/* Split [b, e) into entries (a line plus its continuations) and keep the
 * ones that are trailers. */
static void split_block(struct trailer_list *l, const char *b, const char *e)
{
	const char *s = b;

	while (s < e) {
		const char *entry_end = next_line(s, e);
		long sep = find_separator(s, entry_end);

		/* Continuations attach only to a line with a separator. */
		if (sep >= 1)
			while (entry_end < e && is_space(*entry_end))
				entry_end = next_line(entry_end, e);
		if (sep >= 1)
			add_item(l, s, entry_end, sep);
		s = entry_end;
	}
}

int trailer_parse(struct trailer_list *out, const char *msg, size_t len,
		  struct oh_err *err)
{
	const char *end;
	const char *s;
	size_t n;
	size_t stop;
	size_t start;

	trailer_list_reset(out);
	if (len > TRAILER_MAX_MSG)
		return oh_err_set(err, OH_ELIMIT, NULL, 0, 0,
				  "commit message of %zu bytes exceeds %u", len,
				  TRAILER_MAX_MSG);
	end = memchr(msg, '\0', len);
	n = end ? (size_t)(end - msg) : len;
	end = msg + n;
	/* Skip leading blank lines, as git's pretty.c does. */
	for (s = msg; s < end && is_blank_line(s, end);) {
		const char *nx = next_line(s, end);

		if (nx == s)
			break;
		s = nx;
	}
	n = (size_t)(end - s);
	stop = end_of_message(s, n);
	start = block_start(s, stop);
	if (start < stop)
		split_block(out, s + start, s + stop);
	return 0;
}

const char *trailer_key(const struct trailer_list *l, size_t i)
{
	return l->text.buf + l->item[i].key;
}

const char *trailer_value(const struct trailer_list *l, size_t i)
{
	return l->text.buf + l->item[i].value;
}

bool trailer_key_is(const struct trailer_list *l, size_t i, const char *key)
{
	/* The program never calls setlocale(): strcasecmp() is ASCII. */
	return strcasecmp(trailer_key(l, i), key) == 0;
}

void trailer_list_reset(struct trailer_list *l)
{
	oh_buf_reset(&l->text);
	l->nr = 0;
	l->truncated = false;
}

void trailer_list_release(struct trailer_list *l)
{
	oh_buf_release(&l->text);
	free(l->item);
	l->item = NULL;
	l->nr = 0;
	l->alloc = 0;
	l->truncated = false;
}
