/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * REUSE.toml and .reuse/dep5 readers and their globs.  See reuse.h.
 */
#include "license/reuse.h"

#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/err.h"
#include "core/xalloc.h"
#include "license/minitoml.h"
#include "core/banned.h"

/* ---- globs ---- */

/*
 * Iterative wildcard matching with one remembered star: linear-time for
 * '*' patterns (the classic two-pointer algorithm).  In REUSE.toml mode
 * a single '*' must not cross '/', so its restart point is dropped when a
 * '/' is consumed by it; '**' keeps it.
 */
bool lic_reuse_glob(const char *pat, const char *path, bool dep5)
{
	const char *p = pat;
	const char *s = path;
	const char *star_p = NULL;  /* pattern after the last single star */
	const char *star_s = NULL;  /* where that star resumes */
	const char *dstar_p = NULL; /* the same for the last '**' */
	const char *dstar_s = NULL;

	while (*s != '\0') {
		if (*p == '*') {
			bool dbl = dep5 || p[1] == '*';

			while (*p == '*')
				p++;
			if (dbl) {
				dstar_p = p;
				dstar_s = s;
				star_p = NULL;
			} else {
				star_p = p;
				star_s = s;
			}
			continue;
		}
		if (*p == '\\' && p[1] != '\0' && p[1] == *s) {
			p += 2;
			s++;
			continue;
		}
		if (*p != '\\' && *p != '\0' &&
		    (*p == *s || (dep5 && *p == '?'))) {
			p++;
			s++;
			continue;
		}
		if (star_p && *star_s != '/') {
			p = star_p;
			s = ++star_s;
			continue;
		}
		if (!dstar_p)
			return false;
		star_p = NULL;
		p = dstar_p;
		s = ++dstar_s;
	}
	while (*p == '*')
		p++;
	return *p == '\0';
}

/* ---- shared ---- */

static struct lic_reuse_rule *rule_new(struct lic_reuse *r, unsigned line,
				       const char *name, struct oh_err *err)
{
	struct lic_reuse_rule *ru;

	if (r->rule_nr >= LIC_REUSE_MAX_RULES) {
		oh_err_set(err, OH_ELIMIT, name, line, 0, "more than %u rules",
			   LIC_REUSE_MAX_RULES);
		return NULL;
	}
	OH_GROW(r->rule, r->rule_alloc, r->rule_nr + 1);
	ru = &r->rule[r->rule_nr++];
	memset(ru, 0, sizeof(*ru));
	ru->line = line;
	return ru;
}

static int add_pattern(struct lic_reuse *r, struct lic_reuse_rule *ru,
		       const char *s, size_t n, const char *name,
		       struct oh_err *err)
{
	const char **np;

	if (ru->pattern_nr >= LIC_REUSE_MAX_PATTERNS)
		return oh_err_set(err, OH_ELIMIT, name, ru->line, 0,
				  "more than %u paths in one rule",
				  LIC_REUSE_MAX_PATTERNS);
	/* grow in the arena: copy to a bigger array on powers of two */
	if ((ru->pattern_nr & (ru->pattern_nr - 1)) == 0) {
		size_t cap = ru->pattern_nr ? ru->pattern_nr * 2 : 1;

		np = oh_arena_alloc(&r->arena, cap * sizeof(*np));
		if (ru->pattern_nr > 0)
			memcpy(np, ru->pattern, ru->pattern_nr * sizeof(*np));
		ru->pattern = np;
	}
	while (n > 0 && s[0] == '.' && n > 1 && s[1] == '/') {
		s += 2; /* "./x" is "x" */
		n -= 2;
	}
	ru->pattern[ru->pattern_nr++] = oh_arena_strndup(&r->arena, s, n);
	return 0;
}

/* ---- REUSE.toml ---- */

struct toml_ctx {
	struct lic_reuse *r;
	const char *name;
	struct oh_err *err;
	struct lic_reuse_rule *cur; /* rule of the current [[annotations]] */
	unsigned cur_index;         /* its index + 1; 0 = none yet */
	int rc;                     /* first error */
};

static int set_license(struct toml_ctx *t, const struct lic_toml_val *v,
		       unsigned line)
{
	struct oh_buf b = OH_BUF_INIT;
	int rc = 0;

	oh_buf_set_max(&b, LIC_REUSE_MAX_EXPR);
	if (v->type == LIC_TOML_STRING) {
		rc = oh_buf_adds(&b, v->str);
	} else if (v->type == LIC_TOML_ARRAY) {
		for (size_t i = 0; rc == 0 && i < v->item_nr; i++)
			rc = oh_buf_addf(&b, "%s(%s)", i ? " AND " : "",
					 v->item[i]);
		if (rc == 0 && v->item_nr == 1) {
			oh_buf_reset(&b);
			rc = oh_buf_adds(&b, v->item[0]);
		}
	}
	if (rc < 0)
		rc = oh_err_set(t->err, OH_ELIMIT, t->name, line, 0,
				"license expression longer than %u bytes",
				LIC_REUSE_MAX_EXPR);
	else
		t->cur->license = oh_arena_strndup(&t->r->arena, b.buf, b.len);
	oh_buf_release(&b);
	return rc;
}

static int annotation_key(struct toml_ctx *t, const char *key,
			  const struct lic_toml_val *v, unsigned line)
{
	if (strcmp(key, "path") == 0) {
		if (v->type == LIC_TOML_STRING)
			return add_pattern(t->r, t->cur, v->str, strlen(v->str),
					   t->name, t->err);
		for (size_t i = 0; i < v->item_nr; i++)
			if (add_pattern(t->r, t->cur, v->item[i],
					strlen(v->item[i]), t->name,
					t->err) < 0)
				return t->err->code;
		return 0;
	}
	if (strcmp(key, "precedence") == 0) {
		const char *s = v->type == LIC_TOML_STRING ? v->str : "";

		if (strcmp(s, "closest") == 0)
			t->cur->prec = LIC_REUSE_CLOSEST;
		else if (strcmp(s, "aggregate") == 0)
			t->cur->prec = LIC_REUSE_AGGREGATE;
		else if (strcmp(s, "override") == 0)
			t->cur->prec = LIC_REUSE_OVERRIDE;
		else
			return oh_err_set(
				t->err, OH_EINPUT, t->name, line, 0,
				"precedence must be closest, aggregate or override");
		return 0;
	}
	if (strcmp(key, "SPDX-License-Identifier") == 0)
		return set_license(t, v, line);
	return 0;
}

static int toml_cb(void *ctx, const char *table, unsigned index,
		   const char *key, const struct lic_toml_val *v, unsigned line)
{
	struct toml_ctx *t = ctx;

	if (table[0] == '\0') {
		if (strcmp(key, "version") == 0)
			t->rc = oh_err_set(t->err, OH_EINPUT, t->name, line, 0,
					   "version must be the integer 1");
		return t->rc != 0;
	}
	if (strcmp(table, "annotations") != 0)
		return 0;
	if (!t->cur || t->cur_index != index + 1) {
		t->cur = rule_new(t->r, line, t->name, t->err);
		t->cur_index = index + 1;
		if (!t->cur) {
			t->rc = t->err->code;
			return 1;
		}
	}
	t->rc = annotation_key(t, key, v, line);
	return t->rc != 0;
}

int lic_reuse_parse_toml(struct lic_reuse *out, const char *buf, size_t len,
			 const char *name, struct oh_err *err)
{
	struct toml_ctx t = { .r = out, .name = name, .err = err };
	int rc;

	out->dep5 = false;
	out->source = "REUSE.toml";
	if (len > LIC_REUSE_MAX_BYTES)
		return oh_err_set(err, OH_ELIMIT, name, 0, 0,
				  "larger than %u bytes", LIC_REUSE_MAX_BYTES);
	rc = lic_toml_parse(buf, len, name, toml_cb, &t, err);
	if (rc < 0)
		return rc;
	return t.rc;
}

/* ---- .reuse/dep5 ---- */

struct dep5_para {
	struct oh_buf files;   /* value of Files:, continuation lines joined */
	struct oh_buf license; /* first line of License: */
	unsigned line;         /* first line of the paragraph */
	int field;             /* 1 Files, 2 License, 0 other */
};

static int dep5_flush(struct lic_reuse *r, struct dep5_para *pa,
		      const char *name, struct oh_err *err)
{
	struct lic_reuse_rule *ru;
	const char *s = pa->files.buf;
	int rc = 0;

	if (pa->files.len == 0)
		goto out; /* header or stand-alone License paragraph */
	ru = rule_new(r, pa->line, name, err);
	if (!ru)
		return err->code;
	while (rc == 0 && *s != '\0') {
		size_t n;

		s += strspn(s, " \t");
		n = strcspn(s, " \t");
		if (n > 0)
			rc = add_pattern(r, ru, s, n, name, err);
		s += n;
	}
	oh_buf_rtrim(&pa->license);
	if (pa->license.len > 0)
		ru->license = oh_arena_strndup(&r->arena, pa->license.buf,
					       pa->license.len);
out:
	oh_buf_reset(&pa->files);
	oh_buf_reset(&pa->license);
	pa->field = 0;
	return rc;
}

static int dep5_line(struct dep5_para *pa, const char *s, size_t n,
		     unsigned line, const char *name, struct oh_err *err)
{
	const char *colon;

	if (s[0] == ' ' || s[0] == '\t') {
		if (pa->field == 1 && (oh_buf_addch(&pa->files, ' ') < 0 ||
				       oh_buf_add(&pa->files, s, n) < 0))
			return oh_err_set(err, OH_ELIMIT, name, line, 0,
					  "Files field too long");
		return 0; /* License text continuation is not needed */
	}
	colon = memchr(s, ':', n);
	if (!colon)
		return oh_err_set(err, OH_EINPUT, name, line, 0,
				  "expected 'Field: value'");
	if (pa->files.len == 0 && pa->license.len == 0)
		pa->line = line;
	pa->field = 0;
	if ((size_t)(colon - s) == 5 && strncasecmp(s, "Files", 5) == 0) {
		pa->field = 1;
		if (oh_buf_add(&pa->files, colon + 1,
			       n - (size_t)(colon + 1 - s)) < 0)
			return oh_err_set(err, OH_ELIMIT, name, line, 0,
					  "Files field too long");
	} else if ((size_t)(colon - s) == 7 &&
		   strncasecmp(s, "License", 7) == 0) {
		const char *v = colon + 1;
		size_t vn = n - (size_t)(v - s);

		while (vn > 0 && (*v == ' ' || *v == '\t')) {
			v++;
			vn--;
		}
		pa->field = 2;
		if (oh_buf_add(&pa->license, v, vn) < 0)
			return oh_err_set(err, OH_ELIMIT, name, line, 0,
					  "License field longer than %u bytes",
					  LIC_REUSE_MAX_EXPR);
	}
	return 0;
}

static bool blank(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t')
			return false;
	return true;
}

int lic_reuse_parse_dep5(struct lic_reuse *out, const char *buf, size_t len,
			 const char *name, struct oh_err *err)
{
	struct dep5_para pa = { .files = OH_BUF_INIT, .license = OH_BUF_INIT };
	const char *p = buf;
	const char *end = buf + len;
	unsigned line = 0;
	int rc = 0;

	out->dep5 = true;
	out->source = ".reuse/dep5";
	if (len > LIC_REUSE_MAX_BYTES)
		return oh_err_set(err, OH_ELIMIT, name, 0, 0,
				  "larger than %u bytes", LIC_REUSE_MAX_BYTES);
	oh_buf_set_max(&pa.files, LIC_REUSE_MAX_BYTES);
	oh_buf_set_max(&pa.license, LIC_REUSE_MAX_EXPR);
	while (rc == 0 && p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);

		line++;
		if (n > 0 && p[n - 1] == '\r')
			n--;
		if (blank(p, n))
			rc = dep5_flush(out, &pa, name, err);
		else if (p[0] != '#')
			rc = dep5_line(&pa, p, n, line, name, err);
		p = nl ? nl + 1 : end;
	}
	if (rc == 0)
		rc = dep5_flush(out, &pa, name, err);
	oh_buf_release(&pa.files);
	oh_buf_release(&pa.license);
	return rc;
}

/* ---- lookup ---- */

const struct lic_reuse_rule *lic_reuse_match(const struct lic_reuse *r,
					     const char *path)
{
	for (size_t i = r->rule_nr; i-- > 0;) {
		const struct lic_reuse_rule *ru = &r->rule[i];

		if (!ru->license)
			continue;
		for (size_t j = 0; j < ru->pattern_nr; j++)
			if (lic_reuse_glob(ru->pattern[j], path, r->dep5))
				return ru;
	}
	return NULL;
}

void lic_reuse_release(struct lic_reuse *r)
{
	free(r->rule);
	oh_arena_release(&r->arena);
	memset(r, 0, sizeof(*r));
}
