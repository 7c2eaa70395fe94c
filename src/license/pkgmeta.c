/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Declared licenses in package metadata, one small reader per format.
 * See pkgmeta.h for what each reads and how lists are combined.
 */
#include "license/pkgmeta.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cjson/cJSON.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "core/buf.h"
#include "core/err.h"
#include "license/minitoml.h"
#include "core/banned.h"

static const struct {
	const char *name;
	enum lic_meta_kind kind;
} kind_name[] = {
	{ "package.json", LIC_META_NPM },
	{ "composer.json", LIC_META_COMPOSER },
	{ "Cargo.toml", LIC_META_CARGO },
	{ "pyproject.toml", LIC_META_PYPROJECT },
	{ "setup.cfg", LIC_META_SETUPCFG },
	{ "pom.xml", LIC_META_POM },
	{ "DESCRIPTION", LIC_META_RDESC },
	{ "go.mod", LIC_META_GOMOD },
};

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s);
	size_t m = strlen(suffix);

	return n > m && strcmp(s + n - m, suffix) == 0;
}

enum lic_meta_kind lic_meta_kind_of(const char *base)
{
	for (size_t i = 0; i < sizeof(kind_name) / sizeof(kind_name[0]); i++)
		if (strcmp(base, kind_name[i].name) == 0)
			return kind_name[i].kind;
	if (ends_with(base, ".gemspec"))
		return LIC_META_GEMSPEC;
	if (ends_with(base, ".cabal"))
		return LIC_META_CABAL;
	return LIC_META_NONE;
}

const char *lic_meta_kind_name(enum lic_meta_kind kind)
{
	if (kind == LIC_META_GEMSPEC)
		return "gemspec";
	if (kind == LIC_META_CABAL)
		return "cabal";
	for (size_t i = 0; i < sizeof(kind_name) / sizeof(kind_name[0]); i++)
		if (kind_name[i].kind == kind)
			return kind_name[i].name;
	return "none";
}

/* ---- conventional names -> SPDX ids ---- */

static const struct {
	const char *name; /* compared case-insensitively, blanks collapsed */
	const char *id;
} known_name[] = {
	/* R (DESCRIPTION) */
	{ "GPL-2", "GPL-2.0-only" },
	{ "GPL-3", "GPL-3.0-only" },
	{ "GPL (>= 2)", "GPL-2.0-or-later" },
	{ "GPL (>= 2.0)", "GPL-2.0-or-later" },
	{ "GPL (>= 3)", "GPL-3.0-or-later" },
	{ "GPL (>= 3.0)", "GPL-3.0-or-later" },
	{ "LGPL-2", "LGPL-2.0-only" },
	{ "LGPL-2.1", "LGPL-2.1-only" },
	{ "LGPL (>= 2)", "LGPL-2.0-or-later" },
	{ "LGPL (>= 2.1)", "LGPL-2.1-or-later" },
	{ "LGPL-3", "LGPL-3.0-only" },
	{ "LGPL (>= 3)", "LGPL-3.0-or-later" },
	{ "AGPL-3", "AGPL-3.0-only" },
	{ "AGPL (>= 3)", "AGPL-3.0-or-later" },
	{ "BSD_2_clause", "BSD-2-Clause" },
	{ "BSD_3_clause", "BSD-3-Clause" },
	{ "Apache License 2.0", "Apache-2.0" },
	{ "Apache License (== 2.0)", "Apache-2.0" },
	{ "Apache License (== 2)", "Apache-2.0" },
	{ "CC0", "CC0-1.0" },
	/* cabal before 2.2 */
	{ "BSD2", "BSD-2-Clause" },
	{ "BSD3", "BSD-3-Clause" },
	{ "BSD4", "BSD-4-Clause" },
	{ "Apache-2", "Apache-2.0" },
	{ "Apache", "Apache-2.0" },
	/* Maven <name> */
	{ "Apache License, Version 2.0", "Apache-2.0" },
	{ "The Apache License, Version 2.0", "Apache-2.0" },
	{ "The Apache Software License, Version 2.0", "Apache-2.0" },
	{ "Apache Software License - Version 2.0", "Apache-2.0" },
	{ "Apache 2.0", "Apache-2.0" },
	{ "Apache 2", "Apache-2.0" },
	{ "MIT License", "MIT" },
	{ "The MIT License", "MIT" },
	{ "The MIT License (MIT)", "MIT" },
	{ "BSD 2-Clause License", "BSD-2-Clause" },
	{ "The BSD 2-Clause License", "BSD-2-Clause" },
	{ "BSD 3-Clause License", "BSD-3-Clause" },
	{ "The BSD 3-Clause License", "BSD-3-Clause" },
	{ "New BSD License", "BSD-3-Clause" },
	{ "Eclipse Public License - v 1.0", "EPL-1.0" },
	{ "Eclipse Public License 1.0", "EPL-1.0" },
	{ "Eclipse Public License - v 2.0", "EPL-2.0" },
	{ "Eclipse Public License 2.0", "EPL-2.0" },
	{ "Eclipse Public License v2.0", "EPL-2.0" },
	{ "Mozilla Public License 2.0", "MPL-2.0" },
	{ "Mozilla Public License, Version 2.0", "MPL-2.0" },
	{ "ISC License", "ISC" },
};

static const struct {
	const char *url; /* suffix after "http(s)://" and an optional "www." */
	const char *id;
} known_url[] = {
	{ "apache.org/licenses/LICENSE-2.0", "Apache-2.0" },
	{ "apache.org/licenses/LICENSE-2.0.txt", "Apache-2.0" },
	{ "apache.org/licenses/LICENSE-2.0.html", "Apache-2.0" },
	{ "opensource.org/licenses/MIT", "MIT" },
	{ "opensource.org/licenses/mit-license.php", "MIT" },
	{ "opensource.org/licenses/BSD-3-Clause", "BSD-3-Clause" },
	{ "opensource.org/licenses/BSD-2-Clause", "BSD-2-Clause" },
	{ "eclipse.org/legal/epl-2.0", "EPL-2.0" },
	{ "eclipse.org/legal/epl-v20.html", "EPL-2.0" },
	{ "mozilla.org/MPL/2.0/", "MPL-2.0" },
};

/* Collapse blanks and compare case-insensitively. */
static bool name_eq(const char *a, size_t an, const char *b)
{
	size_t i = 0;

	while (i < an && *b != '\0') {
		if (a[i] == ' ' || a[i] == '\t' || a[i] == '\n') {
			if (*b != ' ')
				return false;
			while (i < an &&
			       (a[i] == ' ' || a[i] == '\t' || a[i] == '\n'))
				i++;
			b++;
			continue;
		}
		if ((a[i] | 0x20) != (*b | 0x20))
			return false;
		i++;
		b++;
	}
	return i == an && *b == '\0';
}

static const char *map_name(const char *s, size_t n)
{
	for (size_t i = 0; i < sizeof(known_name) / sizeof(known_name[0]); i++)
		if (name_eq(s, n, known_name[i].name))
			return known_name[i].id;
	return NULL;
}

static const char *map_url(const char *u)
{
	if (strncmp(u, "https://", 8) == 0)
		u += 8;
	else if (strncmp(u, "http://", 7) == 0)
		u += 7;
	else
		return NULL;
	if (strncmp(u, "www.", 4) == 0)
		u += 4;
	for (size_t i = 0; i < sizeof(known_url) / sizeof(known_url[0]); i++)
		if (strcasecmp(u, known_url[i].url) == 0)
			return known_url[i].id;
	return NULL;
}

/* A plausible SPDX expression: only expression characters. */
static bool looks_spdx(const char *s, size_t n)
{
	if (n == 0)
		return false;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (c >= '0' && c <= '9') || c == '.' || c == '-' ||
		      c == '+' || c == ':' || c == '(' || c == ')' || c == ' '))
			return false;
	}
	return true;
}

/* ---- the result ---- */

static void out_add(struct lic_declared *out, const char *s, size_t n)
{
	size_t have = strlen(out->expr);

	if (have + n > LIC_META_EXPR_MAX) {
		n = LIC_META_EXPR_MAX - have;
		out->truncated = true;
	}
	memcpy(out->expr + have, s, n);
	out->expr[have + n] = '\0';
}

/* Append one list element, "a OR b" style; names are mapped. */
static void out_item(struct lic_declared *out, const char *s, size_t n,
		     const char *op)
{
	const char *id;

	while (n > 0 && (*s == ' ' || *s == '\t')) {
		s++;
		n--;
	}
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' ||
			 s[n - 1] == '\r' || s[n - 1] == '\n'))
		n--;
	if (n == 0)
		return;
	id = map_name(s, n);

	if (out->expr[0] != '\0')
		out_add(out, op, strlen(op));
	if (id) {
		out_add(out, id, strlen(id));
		return;
	}
	if (!looks_spdx(s, n))
		out->is_name = true;
	out_add(out, s, n);
}

static unsigned line_of(const char *buf, size_t len, const char *needle)
{
	size_t m = strlen(needle);
	unsigned line = 1;

	for (size_t i = 0; i + m <= len; i++) {
		if (buf[i] == '\n')
			line++;
		else if (memcmp(buf + i, needle, m) == 0)
			return line;
	}
	return 0;
}

/* ---- JSON: package.json, composer.json ---- */

static void json_item(struct lic_declared *out, const cJSON *it)
{
	const cJSON *t = it;

	if (cJSON_IsObject(it))
		t = cJSON_GetObjectItemCaseSensitive(it, "type");
	if (cJSON_IsString(t) && t->valuestring)
		out_item(out, t->valuestring, strlen(t->valuestring), " OR ");
}

static int parse_json(struct lic_declared *out, const char *buf, size_t len,
		      const char *name, struct oh_err *err)
{
	cJSON *root = cJSON_ParseWithLength(buf, len);
	const cJSON *lic;
	const cJSON *it;

	if (!root || !cJSON_IsObject(root)) {
		cJSON_Delete(root);
		return oh_err_set(err, OH_EINPUT, name, 0, 0,
				  "not a JSON object");
	}
	lic = cJSON_GetObjectItemCaseSensitive(root, "license");
	if (!lic)
		lic = cJSON_GetObjectItemCaseSensitive(root, "licenses");
	if (cJSON_IsArray(lic)) {
		cJSON_ArrayForEach(it, lic) json_item(out, it);
	} else if (lic) {
		json_item(out, lic);
	}
	if (strncmp(out->expr, "SEE LICENSE IN ", 15) == 0) {
		snprintf(out->license_file, sizeof(out->license_file), "%s",
			 out->expr + 15);
		out->is_name = true;
	}
	if (out->expr[0] != '\0')
		out->line = line_of(buf, len, "\"license");
	cJSON_Delete(root);
	return 0;
}

/* ---- TOML: Cargo.toml, pyproject.toml ---- */

struct toml_want {
	struct lic_declared *out;
	enum lic_meta_kind kind;
};

static bool toml_is_license(enum lic_meta_kind kind, const char *table,
			    const char *key)
{
	if (kind == LIC_META_CARGO)
		return strcmp(table, "package") == 0 ||
		       strcmp(table, "workspace.package") == 0;
	return strcmp(table, "project") == 0 ||
	       strcmp(table, "tool.poetry") == 0 ||
	       (table[0] == '\0' && strncmp(key, "project.", 8) == 0);
}

static int toml_cb(void *ctx, const char *table, unsigned index,
		   const char *key, const struct lic_toml_val *v, unsigned line)
{
	struct toml_want *w = ctx;
	const char *k = key;

	(void)index;
	if (!toml_is_license(w->kind, table, key))
		return 0;
	if (strncmp(k, "project.", 8) == 0)
		k += 8;
	if (v->type != LIC_TOML_STRING)
		return 0;
	if (strcmp(k, "license-file") == 0 || strcmp(k, "license.file") == 0) {
		snprintf(w->out->license_file, sizeof(w->out->license_file),
			 "%s", v->str);
		return 0;
	}
	if (strcmp(k, "license") != 0 && strcmp(k, "license.text") != 0)
		return 0;
	if (w->out->expr[0] != '\0')
		return 0; /* the first declaration wins */
	w->out->line = line;
	if (strcmp(k, "license.text") == 0) {
		out_item(w->out, v->str, strlen(v->str), " OR ");
		return 0;
	}
	/* Cargo's old "MIT/Apache-2.0" means OR */
	for (const char *s = v->str; *s != '\0';) {
		size_t n = strcspn(s, "/");

		out_item(w->out, s, n, " OR ");
		s += n;
		if (*s == '/')
			s++;
	}
	return 0;
}

static int parse_toml(struct lic_declared *out, enum lic_meta_kind kind,
		      const char *buf, size_t len, const char *name,
		      struct oh_err *err)
{
	struct toml_want w = { .out = out, .kind = kind };

	return lic_toml_parse(buf, len, name, toml_cb, &w, err);
}

/* ---- line-oriented: setup.cfg, DESCRIPTION, cabal, go.mod ---- */

struct line_iter {
	const char *p;
	const char *end;
	unsigned line;
};

static bool next_line(struct line_iter *it, const char **s, size_t *n)
{
	const char *nl;

	if (it->p >= it->end)
		return false;
	nl = memchr(it->p, '\n', (size_t)(it->end - it->p));
	*s = it->p;
	*n = nl ? (size_t)(nl - it->p) : (size_t)(it->end - it->p);
	it->p = nl ? nl + 1 : it->end;
	it->line++;
	if (*n > 0 && (*s)[*n - 1] == '\r')
		(*n)--;
	return true;
}

/* "key <sep> value" at line start, key compared case-insensitively. */
static bool field(const char *s, size_t n, const char *key, char sep,
		  const char **v, size_t *vn)
{
	size_t k = strlen(key);
	size_t i = k;

	if (n < k || strncasecmp(s, key, k) != 0)
		return false;
	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	if (i >= n || (s[i] != sep && !(sep == '=' && s[i] == ':')))
		return false;
	*v = s + i + 1;
	*vn = n - i - 1;
	return true;
}

static int parse_setupcfg(struct lic_declared *out, const char *buf, size_t len)
{
	struct line_iter it = { buf, buf + len, 0 };
	bool meta = false;
	const char *s;
	const char *v;
	size_t n;
	size_t vn;

	while (next_line(&it, &s, &n)) {
		if (n > 0 && s[0] == '[') {
			meta = n >= 10 && strncmp(s, "[metadata]", 10) == 0;
			continue;
		}
		if (!meta || out->expr[0] != '\0')
			continue;
		if (field(s, n, "license_expression", '=', &v, &vn) ||
		    field(s, n, "license", '=', &v, &vn)) {
			out->line = it.line;
			out_item(out, v, vn, " OR ");
		}
	}
	return 0;
}

/* R's "A | B + file LICENSE": alternatives, each mapped. */
static void r_item(struct lic_declared *out, const char *s, size_t n)
{
	for (size_t i = 0; i + 1 < n; i++) {
		if (s[i] == '+' && i > 0) {
			n = i; /* "+ file LICENSE", "+ FOSS_4.0" */
			break;
		}
	}
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	while (n > 0 && (*s == ' ' || *s == '\t')) {
		s++;
		n--;
	}
	out_item(out, s, n, " OR ");
}

static int parse_rdesc(struct lic_declared *out, const char *buf, size_t len)
{
	struct line_iter it = { buf, buf + len, 0 };
	struct oh_buf val = OH_BUF_INIT;
	bool in = false;
	const char *s;
	const char *v;
	size_t n;
	size_t vn;

	oh_buf_set_max(&val, LIC_META_EXPR_MAX);
	while (next_line(&it, &s, &n)) {
		if (in && n > 0 && (s[0] == ' ' || s[0] == '\t')) {
			oh_buf_addch(&val, ' ');
			oh_buf_add(&val, s, n);
			continue;
		}
		in = false;
		if (out->line == 0 && field(s, n, "License", ':', &v, &vn)) {
			out->line = it.line;
			oh_buf_add(&val, v, vn);
			in = true;
		}
	}
	for (const char *p = val.buf; *p != '\0';) {
		size_t m = strcspn(p, "|");

		r_item(out, p, m);
		p += m;
		if (*p == '|')
			p++;
	}
	oh_buf_release(&val);
	return 0;
}

static int parse_cabal(struct lic_declared *out, const char *buf, size_t len)
{
	struct line_iter it = { buf, buf + len, 0 };
	const char *s;
	const char *v;
	size_t n;
	size_t vn;

	while (next_line(&it, &s, &n)) {
		if (field(s, n, "license-file", ':', &v, &vn)) {
			while (vn > 0 && (*v == ' ' || *v == '\t')) {
				v++;
				vn--;
			}
			snprintf(out->license_file, sizeof(out->license_file),
				 "%.*s", (int)vn, v);
		} else if (out->expr[0] == '\0' &&
			   field(s, n, "license", ':', &v, &vn)) {
			out->line = it.line;
			out_item(out, v, vn, " OR ");
		}
	}
	return 0;
}

/* ---- gemspec: read as text, never evaluated ---- */

/* %w[a b c]: blank-separated words up to `close`. */
static void ruby_words(struct lic_declared *out, const char *p, const char *end,
		       char close)
{
	while (p < end && *p != '\n' && *p != close) {
		const char *s = p;

		while (p < end && *p != ' ' && *p != close && *p != '\n')
			p++;
		if (p > s)
			out_item(out, s, (size_t)(p - s), " OR ");
		while (p < end && *p == ' ')
			p++;
	}
}

/* Append the quoted strings of a Ruby literal at p: "x", 'x', [..], %w[..] */
static void ruby_strings(struct lic_declared *out, const char *p,
			 const char *end)
{
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	if (end - p >= 3 && p[0] == '%' && (p[1] == 'w' || p[1] == 'W')) {
		char close = p[2] == '[' ? ']' : p[2] == '(' ? ')' : p[2];

		ruby_words(out, p + 3, end, close);
		return;
	}
	while (p < end && *p != '\n' && *p != '#') {
		const char *q;

		if (*p != '"' && *p != '\'') {
			p++;
			continue;
		}
		q = memchr(p + 1, *p, (size_t)(end - p - 1));
		if (!q)
			return;
		out_item(out, p + 1, (size_t)(q - p - 1), " OR ");
		p = q + 1;
	}
}

static int parse_gemspec(struct lic_declared *out, const char *buf, size_t len)
{
	struct line_iter it = { buf, buf + len, 0 };
	const char *s;
	size_t n;

	while (next_line(&it, &s, &n)) {
		const char *dot = memchr(s, '.', n);
		const char *p;
		const char *end = s + n;

		if (!dot || out->expr[0] != '\0')
			continue;
		p = dot + 1;
		if (end - p < 7 || strncmp(p, "license", 7) != 0)
			continue;
		p += 7;
		if (p < end && *p == 's')
			p++;
		while (p < end && (*p == ' ' || *p == '\t'))
			p++;
		if (p >= end || *p != '=' || (p + 1 < end && p[1] == '='))
			continue;
		out->line = it.line;
		ruby_strings(out, p + 1, end);
	}
	return 0;
}

/* ---- pom.xml ---- */

static const xmlNode *child(const xmlNode *n, const char *name)
{
	for (const xmlNode *c = n ? n->children : NULL; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE &&
		    strcmp((const char *)c->name, name) == 0)
			return c;
	return NULL;
}

static void pom_license(struct lic_declared *out, const xmlNode *lic)
{
	const xmlNode *nm = child(lic, "name");
	const xmlNode *url = child(lic, "url");
	xmlChar *t = nm ? xmlNodeGetContent(nm) : NULL;
	xmlChar *u = url ? xmlNodeGetContent(url) : NULL;
	const char *id = u ? map_url((const char *)u) : NULL;

	if (out->line == 0)
		out->line = (unsigned)xmlGetLineNo(lic);
	if (t && (!id || map_name((const char *)t, strlen((const char *)t))))
		out_item(out, (const char *)t, strlen((const char *)t),
			 " AND ");
	else if (id)
		out_item(out, id, strlen(id), " AND ");
	xmlFree(t);
	xmlFree(u);
}

static int parse_pom(struct lic_declared *out, const char *buf, size_t len,
		     const char *name, struct oh_err *err)
{
	xmlDoc *doc;
	const xmlNode *root;
	const xmlNode *lics;

	/* style: rule 26: no NOENT, no DTDLOAD: entities stay unexpanded */
	doc = xmlReadMemory(buf, (int)len, name, NULL,
			    XML_PARSE_NONET | XML_PARSE_NOERROR |
				    XML_PARSE_NOWARNING);
	if (!doc)
		return oh_err_set(err, OH_EINPUT, name, 0, 0,
				  "not well-formed XML");
	root = xmlDocGetRootElement(doc);
	lics = root && strcmp((const char *)root->name, "project") == 0
		       ? child(root, "licenses")
		       : NULL;
	for (const xmlNode *c = lics ? lics->children : NULL; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE &&
		    strcmp((const char *)c->name, "license") == 0)
			pom_license(out, c);
	xmlFreeDoc(doc);
	return 0;
}

int lic_meta_parse(struct lic_declared *out, enum lic_meta_kind kind,
		   const char *buf, size_t len, const char *name,
		   struct oh_err *err)
{
	memset(out, 0, sizeof(*out));
	out->kind = kind;
	if (len > LIC_META_MAX_BYTES)
		return oh_err_set(err, OH_ELIMIT, name, 0, 0,
				  "larger than %u bytes", LIC_META_MAX_BYTES);
	switch (kind) {
	case LIC_META_NPM:
	case LIC_META_COMPOSER:
		return parse_json(out, buf, len, name, err);
	case LIC_META_CARGO:
	case LIC_META_PYPROJECT:
		return parse_toml(out, kind, buf, len, name, err);
	case LIC_META_SETUPCFG:
		return parse_setupcfg(out, buf, len);
	case LIC_META_GEMSPEC:
		return parse_gemspec(out, buf, len);
	case LIC_META_POM:
		return parse_pom(out, buf, len, name, err);
	case LIC_META_RDESC:
		return parse_rdesc(out, buf, len);
	case LIC_META_CABAL:
		return parse_cabal(out, buf, len);
	case LIC_META_GOMOD:
	case LIC_META_NONE:
		return 0;
	}
	return 0;
}
