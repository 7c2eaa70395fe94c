/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * SPDX-License-Identifier tags: a memmem() per tag over the file's head,
 * then a check of the bytes around the key.  See tags.h for the rules.
 */
#include "license/tags.h"

#include <stdbool.h>
#include <string.h>

#include "core/banned.h"

static const char key[] = "SPDX-License-Identifier";
#define KEY_LEN (sizeof(key) - 1)

static bool is_value_char(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '+' ||
	       c == ':' || c == '(' || c == ')' || c == ' ' || c == '\t';
}

static bool glued_before(const char *buf, const char *k)
{
	unsigned char c;

	if (k == buf)
		return false;
	c = (unsigned char)k[-1];
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '"' ||
	       c == '\'' || c == '`';
}

/* Copy the value at p (up to end) into t; false when empty. */
static bool take_value(struct lic_tag *t, const char *p, const char *end)
{
	size_t n = 0;

	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	while (p + n < end && is_value_char((unsigned char)p[n]))
		n++;
	/* trim, then drop a trailing word of dashes: "MIT -->", "{- x -}" */
	for (;;) {
		size_t w = n;

		while (n > 0 && (p[n - 1] == ' ' || p[n - 1] == '\t'))
			n--;
		w = n;
		while (w > 0 && p[w - 1] == '-')
			w--;
		if (w == n || (w > 0 && p[w - 1] != ' ' && p[w - 1] != '\t'))
			break;
		n = w;
	}
	if (n == 0)
		return false;
	if (n > LIC_TAG_VALUE_MAX)
		n = LIC_TAG_VALUE_MAX;
	memcpy(t->value, p, n);
	t->value[n] = '\0';
	return true;
}

/* memmem() is a GNU extension; the key starts with a rare byte. */
static const char *find_key(const char *p, const char *end)
{
	while ((size_t)(end - p) >= KEY_LEN) {
		const char *s = memchr(p, 'S', (size_t)(end - p) - KEY_LEN + 1);

		if (!s)
			return NULL;
		if (memcmp(s, key, KEY_LEN) == 0)
			return s;
		p = s + 1;
	}
	return NULL;
}

/* REUSE's markers around text that only looks like a tag. */
static const char ign_start[] = "REUSE-Ignore"
				"Start";
static const char ign_end[] = "REUSE-Ignore"
			      "End";

static const char *find_str(const char *p, const char *end, const char *s)
{
	size_t n = strlen(s);

	while ((size_t)(end - p) >= n) {
		const char *q = memchr(p, s[0], (size_t)(end - p) - n + 1);

		if (!q)
			return NULL;
		if (memcmp(q, s, n) == 0)
			return q;
		p = q + 1;
	}
	return NULL;
}

/* Is k inside an ignored region that starts before it?  Moves *ign. */
static bool ignored(const char *buf, const char *end, const char *k,
		    const char **ign_from, const char **ign_to)
{
	while (*ign_from && *ign_from < k) {
		if (!*ign_to || *ign_to < *ign_from)
			*ign_to = find_str(*ign_from, end, ign_end);
		if (!*ign_to || *ign_to > k)
			return true; /* unterminated or covering k */
		*ign_from = find_str(*ign_to, end, ign_start);
	}
	(void)buf;
	return false;
}

static unsigned count_lines(const char *from, const char *to)
{
	unsigned n = 0;

	for (const char *p = from; p < to; p++)
		if (*p == '\n')
			n++;
	return n;
}

unsigned lic_tags_find(struct lic_tags *out, const char *buf, size_t len)
{
	const char *end;
	const char *p = buf;
	const char *counted = buf;
	const char *ign_from;
	const char *ign_to = NULL;
	unsigned line = 1;

	memset(out, 0, sizeof(*out));
	if (len > LIC_TAG_SCAN_BYTES)
		len = LIC_TAG_SCAN_BYTES;
	end = buf + len;
	ign_from = find_str(buf, end, ign_start);
	while (p < end) {
		const char *k = find_key(p, end);
		const char *v;
		const char *eol;
		struct lic_tag t;

		if (!k)
			break;
		line += count_lines(counted, k);
		counted = k;
		if (line > LIC_TAG_SCAN_LINES)
			break;
		p = k + KEY_LEN;
		if (glued_before(buf, k) ||
		    ignored(buf, end, k, &ign_from, &ign_to))
			continue;
		v = p;
		while (v < end && (*v == ' ' || *v == '\t'))
			v++;
		if (v >= end || *v != ':')
			continue;
		eol = memchr(v, '\n', (size_t)(end - v));
		if (!eol)
			eol = end;
		if (!take_value(&t, v + 1, eol))
			continue;
		t.line = line;
		if (out->nr < LIC_TAG_MAX)
			out->tag[out->nr++] = t;
		else
			out->dropped++;
	}
	return out->nr;
}
