/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * A commit object of the usual shape read from its bytes; see
 * rawcommit.h.  Every rule below that is not plain syntax is one of
 * libgit2 1.5's commit and signature parsers, so that both readers give
 * the same fields; whatever this file does not recognise goes to
 * libgit2.
 */
#include "git/rawcommit.h"

#include <string.h>

#include "core/banned.h"

#define HEXSZ (2 * RAWCOMMIT_ID_LEN)

/* Does [p, end) start with the string literal lit?  (A constant size.) */
#define STARTS(p, end, lit)                          \
	((size_t)((end) - (p)) >= sizeof(lit) - 1 && \
	 memcmp((p), (lit), sizeof(lit) - 1) == 0)

/* A lower-case hex digit's value + 1; 0 for any other byte. */
static const unsigned char hexval[256] = {
	['0'] = 1,  ['1'] = 2,  ['2'] = 3,  ['3'] = 4,  ['4'] = 5,  ['5'] = 6,
	['6'] = 7,  ['7'] = 8,  ['8'] = 9,  ['9'] = 10, ['a'] = 11, ['b'] = 12,
	['c'] = 13, ['d'] = 14, ['e'] = 15, ['f'] = 16,
};

static bool is_digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

/* libgit2's white space (git__isspace()), and without LF. */
static bool is_space_nonlf(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\f' || c == '\r' || c == '\v';
}

static bool is_space(unsigned char c)
{
	return c == '\n' || is_space_nonlf(c);
}

/* What libgit2 trims from both ends of a name or an email. */
static bool is_crud(unsigned char c)
{
	return c <= 32 || c == '.' || c == ',' || c == ':' || c == ';' ||
	       c == '<' || c == '>' || c == '"' || c == '\\' || c == '\'';
}

/* The last c in [p, end), or NULL. */
static const char *last_of(const char *p, const char *end, char c)
{
	while (end > p)
		if (*--end == c)
			return end;
	return NULL;
}

/* HEX40 LF at *pp (its key checked) into id, *pp moved past the LF. */
static bool id_line(unsigned char *id, const char **pp, const char *end)
{
	const unsigned char *h = (const unsigned char *)*pp;

	if (end - *pp < HEXSZ + 1 || h[HEXSZ] != '\n')
		return false;
	for (size_t i = 0; i < RAWCOMMIT_ID_LEN; i++) {
		unsigned hi = hexval[h[2 * i]];
		unsigned lo = hexval[h[2 * i + 1]];

		if (hi == 0 || lo == 0)
			return false;
		id[i] = (unsigned char)((hi - 1) << 4 | (lo - 1));
	}
	*pp += HEXSZ + 1;
	return true;
}

/* [p, p + n) trimmed as libgit2 trims, NUL-terminated into buf: offset */
static size_t add_trimmed(struct oh_buf *buf, const char *p, size_t n)
{
	size_t off = buf->len;

	while (n > 0 && is_crud((unsigned char)p[0])) {
		p++;
		n--;
	}
	while (n > 0 && is_crud((unsigned char)p[n - 1]))
		n--;
	oh_buf_add(buf, p, n);
	oh_buf_addch(buf, '\0');
	return off;
}

struct ident_off {
	size_t name, email; /* offsets into the buffer */
	int64_t time;
	int tz;
};

/*
 * "KEY NAME <EMAIL> DIGITS SP (+|-)HHMM LF" at *pp, *pp moved past it.
 * As libgit2: the email is between the line's last '<' and last '>',
 * the name before that '<'; HHMM past 14:59 reads as 0.  Anything
 * else (no time, a bare time, 19 digits and more, other bytes): false.
 */
static bool ident_line(struct ident_off *id, struct oh_buf *buf,
		       const char **pp, const char *end)
{
	const char *p = *pp;
	const char *eol;
	const char *lt;
	const char *gt;
	const char *t;
	const char *z;
	int64_t v = 0;
	int hhmm;

	eol = memchr(p, '\n', (size_t)(end - p));
	if (!eol)
		return false;
	lt = last_of(p, eol, '<');
	gt = last_of(p, eol, '>');
	if (!lt || !gt || gt < lt || eol - gt < 3 || gt[1] != ' ')
		return false;
	t = gt + 2;
	for (z = t; z < eol && is_digit((unsigned char)*z); z++)
		;
	if (z == t || z - t > 18 || eol - z != 6 || z[0] != ' ' ||
	    (z[1] != '+' && z[1] != '-') || !is_digit((unsigned char)z[2]) ||
	    !is_digit((unsigned char)z[3]) || !is_digit((unsigned char)z[4]) ||
	    !is_digit((unsigned char)z[5]))
		return false;
	for (const char *d = t; d < z; d++) /* 18 digits: no overflow */
		v = v * 10 + (*d - '0');
	hhmm = (z[2] - '0') * 1000 + (z[3] - '0') * 100 + (z[4] - '0') * 10 +
	       (z[5] - '0');
	id->tz = 0;
	if (hhmm / 100 <= 14 && hhmm % 100 <= 59)
		id->tz = (hhmm / 100) * 60 + hhmm % 100;
	if (z[1] == '-')
		id->tz = -id->tz;
	id->time = v;
	id->name = add_trimmed(buf, p, (size_t)(lt - p));
	id->email = add_trimmed(buf, lt + 1, (size_t)(gt - lt - 1));
	*pp = eol + 1;
	return true;
}

bool rawcommit_parse(struct rawcommit *c, struct oh_buf *buf, const char *data,
		     size_t len)
{
	const char *end = data + len;
	const char *p = data;
	const char *enc = NULL;
	const char *enc_end = NULL;
	const char *msg;
	struct ident_off a;
	struct ident_off m;
	size_t enc_off = 0;
	size_t msg_off;

	oh_buf_reset(buf);
	if (memchr(data, '\0', len)) /* libgit2 cuts strings there */
		return false;
	if (!STARTS(p, end, "tree "))
		return false;
	p += 5;
	if (!id_line(c->tree, &p, end))
		return false;
	c->parent_nr = 0;
	while (STARTS(p, end, "parent ")) {
		if (c->parent_nr == RAWCOMMIT_MAX_PARENTS)
			return false;
		p += 7;
		if (!id_line(c->parent[c->parent_nr++], &p, end))
			return false;
	}
	if (!STARTS(p, end, "author "))
		return false;
	p += 7;
	if (!ident_line(&a, buf, &p, end) || STARTS(p, end, "author ") ||
	    !STARTS(p, end, "committer "))
		return false;
	p += 10;
	if (!ident_line(&m, buf, &p, end))
		return false;
	/* the other header lines, to the first empty line */
	while (p < end && !(p[-1] == '\n' && p[0] == '\n')) {
		const char *eol = memchr(p, '\n', (size_t)(end - p));

		if (!eol)
			eol = end;
		if (STARTS(p, end, "encoding ")) {
			enc = p + 9;
			enc_end = eol;
		}
		p = eol < end ? eol + 1 : eol;
	}
	c->header = data;
	c->header_len = (size_t)(p - data);
	msg = p + 1 <= end ? p + 1 : end;
	while (msg < end && *msg == '\n')
		msg++;
	if (enc) {
		enc_off = buf->len;
		oh_buf_add(buf, enc, (size_t)(enc_end - enc));
		oh_buf_addch(buf, '\0');
	}
	msg_off = buf->len;
	oh_buf_add(buf, msg, (size_t)(end - msg));
	oh_buf_addch(buf, '\0');
	/* the buffer has stopped moving */
	c->author_name = buf->buf + a.name;
	c->author_email = buf->buf + a.email;
	c->author_time = a.time;
	c->author_tz = a.tz;
	c->committer_name = buf->buf + m.name;
	c->committer_email = buf->buf + m.email;
	c->committer_time = m.time;
	c->committer_tz = m.tz;
	c->encoding = enc ? buf->buf + enc_off : NULL;
	c->message = buf->buf + msg_off;
	return true;
}

void rawcommit_summary(struct oh_buf *out, const char *msg)
{
	const char *p = msg;
	const char *from = msg; /* [from, p) goes out as it is */
	const char *space = NULL;
	bool space_nl = false;

	for (; *p != '\0'; p++) {
		if (*p == '\n') { /* the end of the first paragraph? */
			const char *n = p + 1;

			while (is_space_nonlf((unsigned char)*n))
				n++;
			if (*n == '\0' || *n == '\n')
				break;
		}
		if (is_space((unsigned char)*p)) {
			if (!space) {
				space = p;
				space_nl = false;
			}
			space_nl |= *p == '\n';
			continue;
		}
		if (space && space_nl) { /* a line break: one space */
			oh_buf_add(out, from, (size_t)(space - from));
			oh_buf_addch(out, ' ');
			from = p;
		}
		space = NULL;
	}
	oh_buf_add(out, from, (size_t)((space ? space : p) - from));
}
