/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * A JSON parser for large SBOMs that builds a cJSON-shaped tree in an
 * arena: every node and string is bump-allocated (cJSON mallocs each node,
 * key and value: a 100,000-package document is millions of mallocs, most
 * of cJSON's parse time), and object keys of up to KEY_MAX bytes are
 * shared (interned per parse).  The readers walk the tree with the usual
 * read-only cJSON calls; it is never given to cJSON_Delete() or to a call
 * that adds, detaches or frees nodes.
 *
 * It accepts exactly what sbom_json_parse() accepts, so verdicts do not
 * change (fuzz_sbom_jsonarena checks it against cJSON): cJSON 1.7's
 * grammar, including its leniencies (bytes up to 0x20 are white space, a
 * UTF-8 BOM is skipped, raw control bytes and invalid UTF-8 inside strings
 * are kept, numbers are the longest strtod() prefix of the run of the
 * characters "0-9+-eE.", text after the top value is ignored), then the shared
 * limits: no NUL (raw or \u0000), SBOM_MAX_DEPTH nesting, SBOM_MAX_BYTES.
 * Two differences: nesting past SBOM_MAX_DEPTH stops the parse there
 * (OH_ELIMIT), where cJSON would first report a later syntax error; and a
 * \u escape with a non-hex digit is invalid JSON, where cJSON reads it as
 * U+0000 and silently cuts the string there.
 *
 * Errors: OH_EINPUT "invalid JSON" at the line and column of the byte
 * where the parse failed (the last byte for a truncated text), as
 * oh_json_parse() reports cJSON's failures.  Recursion is bounded by
 * SBOM_MAX_DEPTH.  Pure; thread safe (all state in the call).
 */
#include "sbom/model.h"

#include <limits.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "core/err.h"
#include "core/json.h"
#include "core/banned.h"

#define KEY_MAX   48   /* longest interned key */
#define KEY_SLOTS 1024 /* interned keys per parse (power of two) */
#define NUM_MAX   63   /* number characters copied on the stack */

struct key_slot {
	char *s; /* interned key, NUL-terminated; NULL when free */
	size_t len;
};

struct jp {
	const unsigned char *s; /* the text */
	size_t len;             /* bytes of text */
	size_t pos;             /* next byte */
	size_t fail;            /* where the parse failed */
	int depth;              /* containers open */
	bool too_deep;          /* stopped at SBOM_MAX_DEPTH */
	struct oh_arena *a;     /* owns the tree */
	struct key_slot *keys;  /* KEY_SLOTS entries */
};

static bool failed(struct jp *p, size_t at)
{
	p->fail = at;
	return false;
}

static void skip_ws(struct jp *p)
{
	while (p->pos < p->len && p->s[p->pos] <= 32)
		p->pos++;
}

static cJSON *node(struct jp *p)
{
	return oh_arena_alloc(p->a, sizeof(cJSON));
}

static int hex4(const unsigned char *h, unsigned *out)
{
	unsigned v = 0;

	for (int i = 0; i < 4; i++) {
		unsigned c = h[i];

		v <<= 4;
		if (c >= '0' && c <= '9')
			v |= c - '0';
		else if (c >= 'a' && c <= 'f')
			v |= c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			v |= c - 'A' + 10;
		else
			return -1;
	}
	*out = v;
	return 0;
}

/* \uXXXX (and its low surrogate) at in[0..], at most `left` bytes. */
static size_t utf16_escape(const unsigned char *in, size_t left,
			   unsigned char *out, size_t *used)
{
	unsigned cp, lo;
	size_t n;

	if (left < 6 || hex4(in + 2, &cp) < 0)
		return 0;
	*used = 6;
	if (cp >= 0xdc00 && cp <= 0xdfff)
		return 0;
	if (cp >= 0xd800 && cp <= 0xdbff) {
		if (left < 12 || in[6] != '\\' || in[7] != 'u' ||
		    hex4(in + 8, &lo) < 0 || lo < 0xdc00 || lo > 0xdfff)
			return 0;
		cp = 0x10000 + (((cp & 0x3ff) << 10) | (lo & 0x3ff));
		*used = 12;
	}
	if (cp < 0x80) {
		out[0] = (unsigned char)cp;
		n = 1;
	} else if (cp < 0x800) {
		out[0] = (unsigned char)(0xc0 | cp >> 6);
		out[1] = (unsigned char)(0x80 | (cp & 0x3f));
		n = 2;
	} else if (cp < 0x10000) {
		out[0] = (unsigned char)(0xe0 | cp >> 12);
		out[1] = (unsigned char)(0x80 | (cp >> 6 & 0x3f));
		out[2] = (unsigned char)(0x80 | (cp & 0x3f));
		n = 3;
	} else {
		out[0] = (unsigned char)(0xf0 | cp >> 18);
		out[1] = (unsigned char)(0x80 | (cp >> 12 & 0x3f));
		out[2] = (unsigned char)(0x80 | (cp >> 6 & 0x3f));
		out[3] = (unsigned char)(0x80 | (cp & 0x3f));
		n = 4;
	}
	return n;
}

static size_t key_hash(const unsigned char *s, size_t n)
{
	size_t h = 2166136261u;

	for (size_t i = 0; i < n; i++)
		h = (h ^ s[i]) * 16777619u;
	return h;
}

/* An escape-free key of n bytes: the interned copy. */
static char *intern(struct jp *p, const unsigned char *s, size_t n)
{
	size_t h = key_hash(s, n) & (KEY_SLOTS - 1);
	struct key_slot *k;
	char *c;

	for (size_t probe = 0; probe < 8; probe++) {
		k = &p->keys[(h + probe) & (KEY_SLOTS - 1)];
		if (!k->s)
			break;
		if (k->len == n && memcmp(k->s, s, n) == 0)
			return k->s; /* shared: the tree is never freed node by node */
	}
	c = oh_arena_strndup(p->a, (const char *)s, n);
	if (!k->s) {
		k->s = c;
		k->len = n;
	}
	return c;
}

/* A string at p->pos (the opening quote): its text in the arena. */
static bool string(struct jp *p, char **out, bool is_key)
{
	const unsigned char *s = p->s;
	size_t start = p->pos + 1, end = start;
	bool esc = false;
	unsigned char *o;
	size_t n = 0;

	if (p->pos >= p->len || s[p->pos] != '"')
		return failed(p, p->pos);
	while (end < p->len && s[end] != '"') {
		if (s[end] == '\\') {
			if (end + 1 >= p->len)
				return failed(p, end);
			esc = true;
			end++;
		}
		end++;
	}
	if (end >= p->len)
		return failed(p, p->pos);
	p->pos = end + 1;
	if (!esc) {
		*out = is_key && end - start <= KEY_MAX
			       ? intern(p, s + start, end - start)
			       : oh_arena_strndup(p->a, (const char *)s + start,
						  end - start);
		return true;
	}
	o = oh_arena_alloc(p->a, end - start + 1);
	for (size_t i = start; i < end;) {
		size_t used = 2, k;

		if (s[i] != '\\') {
			o[n++] = s[i++];
			continue;
		}
		switch (s[i + 1]) {
		case 'b':
			o[n++] = '\b';
			break;
		case 'f':
			o[n++] = '\f';
			break;
		case 'n':
			o[n++] = '\n';
			break;
		case 'r':
			o[n++] = '\r';
			break;
		case 't':
			o[n++] = '\t';
			break;
		case '"':
		case '\\':
		case '/':
			o[n++] = s[i + 1];
			break;
		case 'u':
			k = utf16_escape(s + i, end - i, o + n, &used);
			if (k == 0)
				return failed(p, i);
			n += k;
			break;
		default:
			return failed(p, i);
		}
		i += used;
	}
	o[n] = '\0';
	*out = (char *)o;
	return true;
}

static bool num_char(unsigned char c)
{
	return (c >= '0' && c <= '9') || c == '+' || c == '-' || c == 'e' ||
	       c == 'E' || c == '.';
}

/*
 * cJSON's number: the longest strtod() prefix of the run of "0-9+-eE."
 * characters, however long (the Debian cJSON reads them all).
 */
static bool number(struct jp *p, cJSON *it)
{
	char small[NUM_MAX + 1], *buf = small, *end;
	char point = localeconv()->decimal_point[0];
	size_t n = 0;
	double d;

	while (p->pos + n < p->len && num_char(p->s[p->pos + n]))
		n++;
	if (n > NUM_MAX)
		buf = oh_arena_alloc(p->a, n + 1);
	for (size_t i = 0; i < n; i++)
		buf[i] = p->s[p->pos + i] == '.' ? point
						 : (char)p->s[p->pos + i];
	buf[n] = '\0';
	d = strtod(buf, &end);
	if (end == buf)
		return failed(p, p->pos);
	p->pos += (size_t)(end - buf);
	it->type = cJSON_Number;
	it->valuedouble = d;
	if (d >= INT_MAX)
		it->valueint = INT_MAX;
	else if (d <= (double)INT_MIN)
		it->valueint = INT_MIN;
	else
		it->valueint = (int)d;
	return true;
}

static bool value(struct jp *p, cJSON *it);

/* An array or object at p->pos; members are linked as cJSON links them. */
static bool container(struct jp *p, cJSON *it, bool obj)
{
	cJSON *head = NULL, *last = NULL;

	if (++p->depth > SBOM_MAX_DEPTH) {
		p->too_deep = true;
		return failed(p, p->pos);
	}
	it->type = obj ? cJSON_Object : cJSON_Array;
	p->pos++;
	skip_ws(p);
	if (p->pos < p->len && p->s[p->pos] == (obj ? '}' : ']')) {
		p->pos++;
		p->depth--;
		return true;
	}
	if (p->pos >= p->len)
		return failed(p, p->pos - 1);
	for (;;) {
		cJSON *c = node(p);

		if (last) {
			last->next = c;
			c->prev = last;
		} else {
			head = c;
		}
		last = c;
		skip_ws(p);
		if (obj) {
			if (!string(p, &c->string, true))
				return false;
			skip_ws(p);
			if (p->pos >= p->len || p->s[p->pos] != ':')
				return failed(p, p->pos);
			p->pos++;
			skip_ws(p);
		}
		if (!value(p, c))
			return false;
		skip_ws(p);
		if (p->pos < p->len && p->s[p->pos] == ',') {
			p->pos++;
			continue;
		}
		break;
	}
	if (p->pos >= p->len || p->s[p->pos] != (obj ? '}' : ']'))
		return failed(p, p->pos);
	p->pos++;
	head->prev = last;
	it->child = head;
	p->depth--;
	return true;
}

static bool literal(struct jp *p, const char *word, size_t n)
{
	if (p->len - p->pos < n || memcmp(p->s + p->pos, word, n) != 0)
		return false;
	p->pos += n;
	return true;
}

static bool value(struct jp *p, cJSON *it)
{
	unsigned char c;

	if (p->pos >= p->len)
		return failed(p, p->pos);
	c = p->s[p->pos];
	switch (c) {
	case '"':
		it->type = cJSON_String;
		return string(p, &it->valuestring, false);
	case '[':
		return container(p, it, false);
	case '{':
		return container(p, it, true);
	case 'n':
		it->type = cJSON_NULL;
		return literal(p, "null", 4) || failed(p, p->pos);
	case 't':
		it->type = cJSON_True;
		it->valueint = 1;
		return literal(p, "true", 4) || failed(p, p->pos);
	case 'f':
		it->type = cJSON_False;
		return literal(p, "false", 5) || failed(p, p->pos);
	default:
		if (c == '-' || (c >= '0' && c <= '9'))
			return number(p, it);
		return failed(p, p->pos);
	}
}

int sbom_json_parse_arena(cJSON **out, struct oh_arena *a, const char *s,
			  size_t len, const char *name, struct oh_err *err)
{
	struct key_slot keys[KEY_SLOTS] = { { 0 } };
	struct jp p = {
		.s = (const unsigned char *)s, .len = len, .a = a, .keys = keys
	};
	cJSON *root;
	unsigned line, col;
	int rc;

	*out = NULL;
	if (len > SBOM_MAX_BYTES)
		return oh_err_set(err, OH_ELIMIT, name, 0, 0,
				  "document larger than %u bytes",
				  SBOM_MAX_BYTES);
	if (len >= 5 && memcmp(s, "\xef\xbb\xbf", 3) == 0)
		p.pos = 3;
	skip_ws(&p);
	root = node(&p);
	if (len == 0 || !value(&p, root)) {
		if (p.too_deep)
			return oh_err_set(err, OH_ELIMIT, name, 0, 0,
					  "nesting deeper than %d",
					  SBOM_MAX_DEPTH);
		if (p.fail >= len)
			p.fail = len ? len - 1 : 0;
		oh_text_position(s, p.fail, &line, &col);
		return oh_err_set(err, OH_EINPUT, name, line, col,
				  "invalid JSON");
	}
	if ((rc = sbom_json_nul(s, len, name, err)) < 0)
		return rc;
	*out = root;
	return 0;
}

void sbom_json_arena_link(cJSON *o, cJSON *item)
{
	cJSON *last;

	if (!o->child) {
		o->child = item;
		item->prev = item;
		return;
	}
	last = o->child->prev; /* cJSON keeps the last child there */
	last->next = item;
	item->prev = last;
	o->child->prev = item;
}

const cJSON *sbom_json_get(const cJSON *o, const char *key)
{
	const cJSON *c;

	if (!o || !key)
		return NULL;
	/* cJSON's walk, which stops at the first member without a key; the
	 * first byte compared inline: most members differ there */
	for (c = o->child; c && c->string; c = c->next)
		if (c->string[0] == key[0] && strcmp(c->string, key) == 0)
			return c;
	return NULL;
}
