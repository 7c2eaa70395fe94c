/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The small TOML reader: a cursor over the bytes, one function per
 * construct, strings decoded into buffers with caps.  See minitoml.h.
 */
#include "license/minitoml.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/err.h"
#include "core/xalloc.h"
#include "core/banned.h"

struct cur {
	const char *p;    /* next byte */
	const char *end;  /* one past the last byte */
	unsigned line;    /* 1-based line of p */
	const char *name; /* input name for errors */
	struct oh_err *err;
	lic_toml_cb cb;
	void *ctx;
	struct oh_buf table; /* current table name */
	unsigned index;      /* element of the current [[array]] */
	bool stop;           /* the callback asked to stop */
};

static int fail(struct cur *c, const char *what)
{
	return oh_err_set(c->err, OH_EINPUT, c->name, c->line, 0, "%s", what);
}

static void skip_blank(struct cur *c)
{
	while (c->p < c->end && (*c->p == ' ' || *c->p == '\t'))
		c->p++;
}

static void skip_comment(struct cur *c)
{
	if (c->p < c->end && *c->p == '#')
		while (c->p < c->end && *c->p != '\n')
			c->p++;
}

/* Blanks, newlines and comments (inside arrays). */
static void skip_space(struct cur *c)
{
	for (;;) {
		skip_blank(c);
		skip_comment(c);
		if (c->p < c->end && (*c->p == '\n' || *c->p == '\r')) {
			if (*c->p == '\n')
				c->line++;
			c->p++;
			continue;
		}
		return;
	}
}

static bool at(const struct cur *c, const char *s)
{
	size_t n = strlen(s);

	return (size_t)(c->end - c->p) >= n && memcmp(c->p, s, n) == 0;
}

static int add_byte(struct cur *c, struct oh_buf *out, int ch)
{
	if (oh_buf_addch(out, ch) < 0)
		return oh_err_set(c->err, OH_ELIMIT, c->name, c->line, 0,
				  "string longer than %u bytes",
				  LIC_TOML_MAX_STR);
	return 0;
}

static int add_utf8(struct cur *c, struct oh_buf *out, unsigned long u)
{
	char b[4];
	size_t n;

	if (u > 0x10ffff || (u >= 0xd800 && u <= 0xdfff))
		return fail(c, "bad unicode escape");
	if (u < 0x80) {
		b[0] = (char)u;
		n = 1;
	} else if (u < 0x800) {
		b[0] = (char)(0xc0 | (u >> 6));
		b[1] = (char)(0x80 | (u & 0x3f));
		n = 2;
	} else if (u < 0x10000) {
		b[0] = (char)(0xe0 | (u >> 12));
		b[1] = (char)(0x80 | ((u >> 6) & 0x3f));
		b[2] = (char)(0x80 | (u & 0x3f));
		n = 3;
	} else {
		b[0] = (char)(0xf0 | (u >> 18));
		b[1] = (char)(0x80 | ((u >> 12) & 0x3f));
		b[2] = (char)(0x80 | ((u >> 6) & 0x3f));
		b[3] = (char)(0x80 | (u & 0x3f));
		n = 4;
	}
	for (size_t i = 0; i < n; i++)
		if (add_byte(c, out, b[i]) < 0)
			return c->err->code;
	return 0;
}

static int escape(struct cur *c, struct oh_buf *out)
{
	static const char from[] = "btnfr\"\\";
	static const char to[] = "\b\t\n\f\r\"\\";
	const char *e;
	unsigned long u = 0;
	int digits;

	if (c->p >= c->end)
		return fail(c, "unterminated string");
	e = strchr(from, *c->p);
	if (e && *c->p != '\0') {
		c->p++;
		return add_byte(c, out, to[e - from]);
	}
	if (*c->p != 'u' && *c->p != 'U')
		return fail(c, "bad escape in string");
	digits = *c->p == 'u' ? 4 : 8;
	c->p++;
	for (int i = 0; i < digits; i++, c->p++) {
		char h = c->p < c->end ? *c->p : '\0';

		if (h >= '0' && h <= '9')
			u = u * 16 + (unsigned long)(h - '0');
		else if (h >= 'a' && h <= 'f')
			u = u * 16 + (unsigned long)(h - 'a' + 10);
		else if (h >= 'A' && h <= 'F')
			u = u * 16 + (unsigned long)(h - 'A' + 10);
		else
			return fail(c, "bad unicode escape");
	}
	return add_utf8(c, out, u);
}

/* One byte (or escape) of a string body; 1 at the closing quote. */
static int string_step(struct cur *c, struct oh_buf *out, char q, bool multi)
{
	if (c->p >= c->end)
		return fail(c, "unterminated string");
	if (multi ? at(c, q == '"' ? "\"\"\"" : "'''") : *c->p == q)
		return 1;
	if (*c->p == '\n') {
		if (!multi)
			return fail(c, "newline in string");
		c->line++;
	}
	if (q != '"' || *c->p != '\\')
		return add_byte(c, out, *c->p++);
	c->p++;
	if (multi && c->p < c->end &&
	    (*c->p == '\n' || *c->p == ' ' || *c->p == '\r')) {
		skip_space(c); /* line-ending backslash */
		return 0;
	}
	return escape(c, out);
}

/* A string of any of the four kinds; c->p is at the opening quote. */
static int string(struct cur *c, struct oh_buf *out)
{
	char q = *c->p;
	bool multi = at(c, q == '"' ? "\"\"\"" : "'''");
	int r;

	c->p += multi ? 3 : 1;
	if (multi && c->p < c->end && *c->p == '\n') {
		c->p++;
		c->line++;
	}
	while ((r = string_step(c, out, q, multi)) == 0)
		;
	if (r < 0)
		return r;
	c->p += multi ? 3 : 1;
	return 0;
}

static bool bare_char(char ch)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
	       (ch >= '0' && ch <= '9') || ch == '_' || ch == '-';
}

/* One part of a dotted key. */
static int key_part(struct cur *c, struct oh_buf *out)
{
	const char *s = c->p;

	skip_blank(c);
	s = c->p;
	if (c->p < c->end && (*c->p == '"' || *c->p == '\'')) {
		if (at(c, "\"\"\"") || at(c, "'''"))
			return fail(c, "multi-line string as a key");
		return string(c, out);
	}
	while (c->p < c->end && bare_char(*c->p))
		c->p++;
	if (c->p == s)
		return fail(c, "expected a key");
	if (oh_buf_add(out, s, (size_t)(c->p - s)) < 0)
		return fail(c, "key too long");
	return 0;
}

/* A dotted key, parts joined with '.'. */
static int key(struct cur *c, struct oh_buf *out)
{
	for (;;) {
		if (key_part(c, out) < 0)
			return c->err->code;
		skip_blank(c);
		if (c->p >= c->end || *c->p != '.')
			return 0;
		c->p++;
		if (oh_buf_addch(out, '.') < 0)
			return fail(c, "key too long");
	}
}

static int value(struct cur *c, const char *k, unsigned depth,
		 struct lic_toml_val *v, struct oh_buf *sbuf,
		 struct oh_buf *items);

static void emit(struct cur *c, const char *k, const struct lic_toml_val *v,
		 unsigned line)
{
	if (!c->stop && c->cb(c->ctx, c->table.buf, c->index, k, v, line))
		c->stop = true;
}

/* [ ... ]: strings are collected NUL-separated in items. */
static int array(struct cur *c, unsigned depth, struct lic_toml_val *v,
		 struct oh_buf *items)
{
	size_t n = 0;
	bool strings = true;

	c->p++;
	for (;;) {
		struct lic_toml_val iv;
		struct oh_buf s = OH_BUF_INIT;
		struct oh_buf sub = OH_BUF_INIT;
		int r;

		skip_space(c);
		if (c->p < c->end && *c->p == ']')
			break;
		if (++n > LIC_TOML_MAX_ITEMS)
			return oh_err_set(c->err, OH_ELIMIT, c->name, c->line,
					  0, "array with more than %u items",
					  LIC_TOML_MAX_ITEMS);
		oh_buf_set_max(&s, LIC_TOML_MAX_STR);
		r = value(c, NULL, depth + 1, &iv, &s, &sub);
		if (r == 0 && iv.type == LIC_TOML_STRING)
			r = oh_buf_add(items, s.buf, s.len + 1);
		else
			strings = false;
		free((void *)iv.item);
		oh_buf_release(&s);
		oh_buf_release(&sub);
		if (r < 0)
			return c->err->code ? c->err->code
					    : fail(c, "array too large");
		skip_space(c);
		if (c->p < c->end && *c->p == ',') {
			c->p++;
			continue;
		}
		skip_space(c);
		if (c->p >= c->end || *c->p != ']')
			return fail(c, "expected ',' or ']' in array");
		break;
	}
	c->p++;
	v->type = strings ? LIC_TOML_ARRAY : LIC_TOML_OTHER;
	v->item_nr = strings ? n : 0;
	return 0;
}

/* { k = v, ... }: entries are emitted as "k.sub" when k is known. */
static int inline_table(struct cur *c, const char *k, unsigned depth,
			struct lic_toml_val *v)
{
	c->p++;
	skip_blank(c);
	if (c->p < c->end && *c->p == '}') {
		c->p++;
		v->type = LIC_TOML_OTHER;
		return 0;
	}
	for (;;) {
		struct oh_buf sk = OH_BUF_INIT;
		struct oh_buf s = OH_BUF_INIT;
		struct oh_buf items = OH_BUF_INIT;
		struct lic_toml_val iv = { .type = LIC_TOML_OTHER };
		unsigned line = c->line;
		int r;

		oh_buf_set_max(&sk, 1024);
		oh_buf_set_max(&s, LIC_TOML_MAX_STR);
		oh_buf_set_max(&items, LIC_TOML_MAX_BYTES);
		if (k)
			oh_buf_addf(&sk, "%s.", k);
		r = key(c, &sk);
		skip_blank(c);
		if (r == 0 && (c->p >= c->end || *c->p != '='))
			r = fail(c, "expected '=' in inline table");
		if (r == 0) {
			c->p++;
			skip_blank(c);
			r = value(c, k ? sk.buf : NULL, depth + 1, &iv, &s,
				  &items);
		}
		if (r == 0 && k && iv.type != LIC_TOML_OTHER)
			emit(c, sk.buf, &iv, line);
		oh_buf_release(&sk);
		oh_buf_release(&s);
		free((void *)iv.item);
		oh_buf_release(&items);
		if (r < 0)
			return r;
		skip_blank(c);
		if (c->p < c->end && *c->p == ',') {
			c->p++;
			continue;
		}
		if (c->p >= c->end || *c->p != '}')
			return fail(c, "expected ',' or '}' in inline table");
		c->p++;
		v->type = LIC_TOML_OTHER;
		return 0;
	}
}

/* Number, boolean, date: anything up to a delimiter. */
static int scalar(struct cur *c, struct lic_toml_val *v)
{
	const char *s = c->p;

	while (c->p < c->end && *c->p != ',' && *c->p != ']' && *c->p != '}' &&
	       *c->p != '\n' && *c->p != '#' && *c->p != '\r')
		c->p++;
	if (c->p == s)
		return fail(c, "expected a value");
	v->type = LIC_TOML_OTHER;
	return 0;
}

/* Split the NUL-separated items into an array of pointers. */
static void item_list(struct lic_toml_val *v, const struct oh_buf *items)
{
	const char **item = oh_xcalloc(v->item_nr + 1, sizeof(*item));
	const char *p = items->buf;

	for (size_t i = 0; i < v->item_nr; i++) {
		item[i] = p;
		p += strlen(p) + 1;
	}
	v->item = item;
}

static int value(struct cur *c, const char *k, unsigned depth,
		 struct lic_toml_val *v, struct oh_buf *sbuf,
		 struct oh_buf *items)
{
	memset(v, 0, sizeof(*v));
	if (depth > LIC_TOML_MAX_DEPTH)
		return oh_err_set(c->err, OH_ELIMIT, c->name, c->line, 0,
				  "values nested deeper than %u",
				  LIC_TOML_MAX_DEPTH);
	if (c->p >= c->end)
		return fail(c, "expected a value");
	if (*c->p == '"' || *c->p == '\'') {
		if (string(c, sbuf) < 0)
			return c->err->code;
		v->type = LIC_TOML_STRING;
		v->str = sbuf->buf;
		return 0;
	}
	if (*c->p == '[') {
		if (array(c, depth, v, items) < 0)
			return c->err->code;
		if (v->type == LIC_TOML_ARRAY)
			item_list(v, items);
		return 0;
	}
	if (*c->p == '{')
		return inline_table(c, k, depth, v);
	return scalar(c, v);
}

static int end_of_line(struct cur *c)
{
	skip_blank(c);
	skip_comment(c);
	if (c->p < c->end && *c->p == '\r')
		c->p++;
	if (c->p < c->end && *c->p != '\n')
		return fail(c, "unexpected text after a value");
	return 0;
}

static int header(struct cur *c)
{
	bool arr = at(c, "[[");
	struct oh_buf name = OH_BUF_INIT;
	int r;

	oh_buf_set_max(&name, 1024);
	c->p += arr ? 2 : 1;
	r = key(c, &name);
	skip_blank(c);
	if (r == 0 && !at(c, arr ? "]]" : "]"))
		r = fail(c, "unterminated table header");
	if (r == 0) {
		c->p += arr ? 2 : 1;
		if (arr && oh_buf_eq(&c->table, name.buf))
			c->index++;
		else
			c->index = 0;
		oh_buf_reset(&c->table);
		oh_buf_add(&c->table, name.buf, name.len);
		r = end_of_line(c);
	}
	oh_buf_release(&name);
	return r;
}

static int pair(struct cur *c)
{
	struct oh_buf k = OH_BUF_INIT;
	struct oh_buf s = OH_BUF_INIT;
	struct oh_buf items = OH_BUF_INIT;
	struct lic_toml_val v = { .type = LIC_TOML_OTHER };
	unsigned line = c->line;
	int r;

	oh_buf_set_max(&k, 1024);
	oh_buf_set_max(&s, LIC_TOML_MAX_STR);
	oh_buf_set_max(&items, LIC_TOML_MAX_BYTES);
	r = key(c, &k);
	skip_blank(c);
	if (r == 0 && (c->p >= c->end || *c->p != '='))
		r = fail(c, "expected '=' after a key");
	if (r == 0) {
		c->p++;
		skip_blank(c);
		r = value(c, k.buf, 0, &v, &s, &items);
	}
	if (r == 0)
		r = end_of_line(c);
	if (r == 0 && v.type != LIC_TOML_OTHER)
		emit(c, k.buf, &v, line);
	free((void *)v.item);
	oh_buf_release(&k);
	oh_buf_release(&s);
	oh_buf_release(&items);
	return r;
}

int lic_toml_parse(const char *buf, size_t len, const char *name,
		   lic_toml_cb cb, void *ctx, struct oh_err *err)
{
	struct cur c = { .p = buf,
			 .end = buf + len,
			 .line = 1,
			 .name = name,
			 .err = err,
			 .cb = cb,
			 .ctx = ctx };
	int r = 0;

	if (len > LIC_TOML_MAX_BYTES)
		return oh_err_set(err, OH_ELIMIT, name, 0, 0,
				  "larger than %u bytes", LIC_TOML_MAX_BYTES);
	oh_buf_init(&c.table, 64);
	while (r == 0 && !c.stop) {
		skip_space(&c);
		if (c.p >= c.end)
			break;
		if (*c.p == '[')
			r = header(&c);
		else
			r = pair(&c);
	}
	oh_buf_release(&c.table);
	return r < 0 ? r : 0;
}
