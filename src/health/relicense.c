/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Relicensing-risk evidence (relicense.h): copyright notices, CLA
 * wording, CLA files.  Plain string scanning; no regular expressions, so
 * every input is linear.
 */
#include "health/relicense.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "core/banned.h"

/* Case-insensitive search in the first n bytes of s (NUL-terminated). */
static const char *find_ci(const char *s, size_t n, const char *needle)
{
	size_t k = strlen(needle);

	for (size_t i = 0; i + k <= n && s[i] != '\0'; i++)
		if (strncasecmp(s + i, needle, k) == 0)
			return s + i;
	return NULL;
}

static bool is_year_char(char c)
{
	return isdigit((unsigned char)c) || c == '-' || c == ',' || c == ' ' ||
	       c == '\t';
}

/* Skip "(c)", "©", years and ranges, "by" and punctuation. */
static const char *skip_preamble(const char *p, const char *end)
{
	for (;;) {
		while (p < end && (*p == ' ' || *p == '\t' || *p == ':'))
			p++;
		if (end - p >= 3 && strncasecmp(p, "(c)", 3) == 0)
			p += 3;
		else if (end - p >= 2 && (unsigned char)p[0] == 0xc2 &&
			 (unsigned char)p[1] == 0xa9)
			p += 2;
		else if (p < end && isdigit((unsigned char)*p))
			while (p < end && is_year_char(*p))
				p++;
		else if (end - p >= 7 && strncasecmp(p, "present", 7) == 0)
			p += 7; /* "2024-present, Redis Ltd." */
		else if (p < end && *p == ',')
			p++;
		else if (end - p >= 3 && strncasecmp(p, "by ", 3) == 0)
			p += 3;
		else
			return p;
	}
}

static const char *const suffixes[] = {
	" all rights reserved",
	" and contributors",
	" and its affiliates",
	" and others",
	" et al",
	" contributors",
	" inc",
	" llc",
	" ltd",
	" limited",
	" corp",
	" corporation",
	" gmbh",
	" co",
	" ag",
	" s.a",
	" b.v",
	" plc",
};

static void strip_suffixes(char *s)
{
	bool again = true;

	while (again) {
		size_t n = strlen(s);

		again = false;
		while (n > 0 && (s[n - 1] == '.' || s[n - 1] == ',' ||
				 s[n - 1] == ' ' || s[n - 1] == ';'))
			s[--n] = '\0';
		for (size_t i = 0; i < sizeof(suffixes) / sizeof(suffixes[0]);
		     i++) {
			size_t k = strlen(suffixes[i]);

			if (n > k && strcmp(s + n - k, suffixes[i]) == 0) {
				s[n - k] = '\0';
				again = true;
				break;
			}
		}
	}
}

static bool template_or_prose(const char *s)
{
	static const char *const bad[] = {
		"[",         "<",      "{",       "the ",      "holder",
		"notice",    "owner",  "license", "licence",   "law",
		"act",       "yyyy",   "year",    "name of",   "this ",
		"such ",     "and/or", "author",  "statement", "applies",
		"protected", "info",   "header",  "your",
	};

	if (strlen(s) < 2)
		return true;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (strncmp(s, bad[i], strlen(bad[i])) == 0)
			return true;
	return strstr(s, "copyright") != NULL;
}

/* The holder after the word at p, on the line ending at end. */
static bool holder_at(char *out, size_t size, const char *p, const char *end)
{
	size_t n = 0;

	p = skip_preamble(p, end);
	while (p < end && n + 1 < size && *p != '<' && *p != '(' && *p != '*' &&
	       *p != '"' && !(*p == ' ' && p[1] == '-') &&
	       !(*p == '/' && p[1] == '/')) {
		out[n++] = (char)tolower((unsigned char)*p);
		p++;
	}
	out[n] = '\0';
	strip_suffixes(out);
	/* Years after the name ("Foo Inc., 2019") are not part of it. */
	n = strlen(out);
	while (n > 0 && is_year_char(out[n - 1]))
		out[--n] = '\0';
	strip_suffixes(out);
	return !template_or_prose(out);
}

bool health_copyright_holder(char *out, size_t size, const char *text,
			     size_t len)
{
	const char *p = text;
	const char *stop = text + len;

	for (int line = 0; p < stop && line < HEALTH_NOTICE_LINES; line++) {
		const char *end = memchr(p, '\n', (size_t)(stop - p));
		const char *c;

		if (!end)
			end = stop;
		c = find_ci(p, (size_t)(end - p), "copyright");
		if (c && holder_at(out, size, c + 9, end))
			return true;
		p = end + 1;
	}
	out[0] = '\0';
	return false;
}

const char *health_cla_text(const char *text, bool *assignment)
{
	static const char *const assign[] = {
		"copyright assignment",    "assign copyright",
		"assign the copyright",    "assigns copyright",
		"assignment of copyright", "transfer the copyright",
		"transfer copyright",
	};
	static const char *const cla[] = {
		"contributor license agreement",
		"contributor licence agreement",
		"contributor agreement",
		"cla-assistant",
		"contributor-assistant/github-action",
		"easycla",
		"cla-bot",
		"clabot",
		"sign the cla",
		"signed the cla",
		"sign our cla",
	};
	size_t n = strlen(text);

	*assignment = false;
	for (size_t i = 0; i < sizeof(assign) / sizeof(assign[0]); i++)
		if (find_ci(text, n, assign[i])) {
			*assignment = true;
			return assign[i];
		}
	for (size_t i = 0; i < sizeof(cla) / sizeof(cla[0]); i++)
		if (find_ci(text, n, cla[i]))
			return cla[i];
	return NULL;
}

const char *health_cla_path(const char *path)
{
	const char *b = strrchr(path, '/');

	b = b ? b + 1 : path;
	if (strcasecmp(b, ".clabot") == 0 || strcasecmp(b, "cla.json") == 0)
		return "CLA bot configuration";
	if (strcasecmp(b, "cla.yml") == 0 || strcasecmp(b, "cla.yaml") == 0)
		return strncmp(path, ".github/", 8) == 0
			       ? "CLA workflow or bot configuration"
			       : "CLA configuration";
	if (strncasecmp(b, "cla.", 4) == 0 || strcasecmp(b, "cla") == 0 ||
	    strncasecmp(b, "icla", 4) == 0 || strncasecmp(b, "ccla", 4) == 0 ||
	    strncasecmp(b, "cla-", 4) == 0 || strncasecmp(b, "cla_", 4) == 0)
		return "CLA document";
	return NULL;
}

void health_holders_add(struct health_holders *h, const char *holder)
{
	h->sampled++;
	if (!holder)
		return;
	h->noticed++;
	for (size_t i = 0; i < h->nr; i++)
		if (strcmp(h->name[i], holder) == 0) {
			h->files[i]++;
			return;
		}
	if (h->nr >= HEALTH_MAX_HOLDERS) {
		h->other++;
		return;
	}
	snprintf(h->name[h->nr], sizeof(h->name[h->nr]), "%s", holder);
	h->files[h->nr++] = 1;
}

int health_holders_top(const struct health_holders *h)
{
	int top = -1;

	for (size_t i = 0; i < h->nr; i++)
		if (top < 0 || h->files[i] > h->files[top])
			top = (int)i;
	return top;
}
