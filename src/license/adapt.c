/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Adapter between the repository scanner and the license engine.
 *
 * TEMPORARY FALLBACK (until the engine of src/license/ lands): a small
 * built-in table of common ids, a keyword identifier for license texts
 * that only ever answers "close" or "unknown", and an expression
 * evaluator.  The interface in adapt.h is what the scanner needs; the
 * bodies below are replaced by calls into the engine.
 */
#include "license/adapt.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/err.h"
#include "core/xalloc.h"
#include "core/banned.h"

struct lic_adapt {
	int unused;
};

static const struct {
	const char *id;
	bool osi;
	const char *category;
} ids[] = {
	{ "0BSD", true, "permissive" },
	{ "AGPL-3.0-only", true, "network-copyleft" },
	{ "AGPL-3.0-or-later", true, "network-copyleft" },
	{ "Apache-2.0", true, "permissive" },
	{ "BSD-2-Clause", true, "permissive" },
	{ "BSD-3-Clause", true, "permissive" },
	{ "BUSL-1.1", false, "source-available" },
	{ "CC-BY-4.0", false, "permissive" },
	{ "CC0-1.0", false, "public-domain" },
	{ "GPL-2.0-only", true, "strong-copyleft" },
	{ "GPL-2.0-or-later", true, "strong-copyleft" },
	{ "GPL-3.0-only", true, "strong-copyleft" },
	{ "GPL-3.0-or-later", true, "strong-copyleft" },
	{ "ISC", true, "permissive" },
	{ "LGPL-2.1-only", true, "weak-copyleft" },
	{ "LGPL-2.1-or-later", true, "weak-copyleft" },
	{ "LGPL-3.0-only", true, "weak-copyleft" },
	{ "LGPL-3.0-or-later", true, "weak-copyleft" },
	{ "MIT", true, "permissive" },
	{ "MPL-2.0", true, "weak-copyleft" },
	{ "SSPL-1.0", false, "source-available" },
	{ "Unlicense", true, "public-domain" },
	{ "Zlib", true, "permissive" },
};

static const char *const exceptions[] = {
	"Classpath-exception-2.0",
	"LLVM-exception",
	"GCC-exception-3.1",
};

int lic_adapt_open(struct lic_adapt **out, struct oh_err *err)
{
	(void)err;
	*out = oh_xcalloc(1, sizeof(**out));
	return 0;
}

void lic_adapt_close(struct lic_adapt *a)
{
	free(a);
}

static bool has(const char *text, size_t len, const char *needle)
{
	size_t m = strlen(needle);

	for (size_t i = 0; i + m <= len; i++)
		if (strncasecmp(text + i, needle, m) == 0)
			return true;
	return false;
}

void lic_adapt_match_text(struct lic_adapt_match *out, struct lic_adapt *a,
			  const char *text, size_t len)
{
	static const struct {
		const char *needle;
		const char *id;
	} kw[] = {
		{ "Business Source License 1.1", "BUSL-1.1" },
		{ "GNU AFFERO GENERAL PUBLIC LICENSE", "AGPL-3.0-only" },
		{ "GNU LESSER GENERAL PUBLIC LICENSE", "LGPL-3.0-only" },
		{ "Version 3, 29 June 2007", "GPL-3.0-only" },
		{ "Version 2, June 1991", "GPL-2.0-only" },
		{ "Version 2.0, January 2004", "Apache-2.0" },
		{ "Apache License, Version 2.0", "Apache-2.0" },
		{ "Mozilla Public License Version 2.0", "MPL-2.0" },
		{ "Permission is hereby granted, free of charge", "MIT" },
		{ "Permission to use, copy, modify, and/or distribute", "ISC" },
		{ "Neither the name of", "BSD-3-Clause" },
		{ "Redistribution and use in source and binary forms",
		  "BSD-2-Clause" },
		{ "This is free and unencumbered software", "Unlicense" },
		{ "CC0 1.0 Universal", "CC0-1.0" },
	};

	(void)a;
	memset(out, 0, sizeof(*out));
	if (len == 0) {
		out->kind = LIC_ADAPT_NONE;
		return;
	}
	/* titles sit at the top; later text cites other licenses */
	if (len > 600)
		len = 600;
	for (size_t i = 0; i < sizeof(kw) / sizeof(kw[0]); i++) {
		if (has(text, len, kw[i].needle)) {
			out->kind = LIC_ADAPT_CLOSE;
			out->percent = 90;
			snprintf(out->expr, sizeof(out->expr), "%s", kw[i].id);
			return;
		}
	}
	out->kind = LIC_ADAPT_UNKNOWN;
}

/* ---- expressions (fallback evaluator) ---- */

struct ev {
	const char *s;    /* whole expression */
	const char *p;    /* cursor */
	const char *name; /* input name for errors */
	struct oh_err *err;
	lic_adapt_leaf_fn fn;
	void *ctx;
	unsigned depth;
};

static void blanks(struct ev *e)
{
	while (*e->p == ' ' || *e->p == '\t')
		e->p++;
}

static size_t word(struct ev *e)
{
	size_t n = 0;

	blanks(e);
	while ((e->p[n] >= 'a' && e->p[n] <= 'z') ||
	       (e->p[n] >= 'A' && e->p[n] <= 'Z') ||
	       (e->p[n] >= '0' && e->p[n] <= '9') || e->p[n] == '.' ||
	       e->p[n] == '-' || e->p[n] == ':' || e->p[n] == '+')
		n++;
	return n;
}

static bool is_op(const char *p, size_t n, const char *op)
{
	return n == strlen(op) &&
	       (strncmp(p, op, n) == 0 || strncasecmp(p, op, n) == 0);
}

static int bad(struct ev *e, const char *what)
{
	return oh_err_set(
		e->err, OH_EINPUT, e->name, 0, (unsigned)(e->p - e->s) + 1,
		"invalid license expression '%.120s': %s", e->s, what);
}

static void fill_leaf(struct lic_adapt_leaf *l)
{
	const char *id = l->id;

	l->known = strncmp(id, "LicenseRef-", 11) == 0 ||
		   strncmp(id, "DocumentRef-", 12) == 0;
	l->category = "";
	for (size_t i = 0; i < sizeof(ids) / sizeof(ids[0]); i++) {
		if (strcmp(ids[i].id, id) == 0) {
			l->known = true;
			l->osi = ids[i].osi;
			l->category = ids[i].category;
		}
	}
	for (size_t i = 0;
	     l->exception && i < sizeof(exceptions) / sizeof(exceptions[0]);
	     i++)
		if (strcmp(exceptions[i], l->exception) == 0)
			l->exception_known = true;
}

static int expr_or(struct ev *e, bool *r);

static int atom(struct ev *e, bool *r)
{
	char id[128];
	char ex[128];
	struct lic_adapt_leaf l = { .id = id };
	size_t n;

	blanks(e);
	if (*e->p == '(') {
		e->p++;
		if (++e->depth > 32)
			return bad(e, "nested too deeply");
		if (expr_or(e, r) < 0)
			return e->err->code;
		e->depth--;
		blanks(e);
		if (*e->p != ')')
			return bad(e, "expected ')'");
		e->p++;
		return 0;
	}
	n = word(e);
	if (n == 0 || n >= sizeof(id) || is_op(e->p, n, "AND") ||
	    is_op(e->p, n, "OR") || is_op(e->p, n, "WITH"))
		return bad(e, "expected a license id");
	snprintf(id, sizeof(id), "%.*s", (int)n, e->p);
	e->p += n;
	if (n > 1 && id[n - 1] == '+') {
		id[n - 1] = '\0';
		l.plus = true;
	}
	n = word(e);
	if (is_op(e->p, n, "WITH")) {
		e->p += n;
		n = word(e);
		if (n == 0 || n >= sizeof(ex))
			return bad(e, "expected an exception id after WITH");
		snprintf(ex, sizeof(ex), "%.*s", (int)n, e->p);
		e->p += n;
		l.exception = ex;
	}
	fill_leaf(&l);
	*r = e->fn ? e->fn(e->ctx, &l) : true;
	return 0;
}

static int expr_and(struct ev *e, bool *r)
{
	bool x;
	size_t n;

	if (atom(e, r) < 0)
		return e->err->code;
	for (;;) {
		n = word(e);
		if (!is_op(e->p, n, "AND"))
			return 0;
		e->p += n;
		if (atom(e, &x) < 0)
			return e->err->code;
		*r = *r && x;
	}
}

static int expr_or(struct ev *e, bool *r)
{
	bool x;
	size_t n;

	if (expr_and(e, r) < 0)
		return e->err->code;
	for (;;) {
		n = word(e);
		if (!is_op(e->p, n, "OR"))
			return 0;
		e->p += n;
		if (expr_and(e, &x) < 0)
			return e->err->code;
		*r = *r || x;
	}
}

int lic_adapt_eval(bool *result, struct lic_adapt *a, const char *expr,
		   lic_adapt_leaf_fn fn, void *ctx, const char *name,
		   struct oh_err *err)
{
	struct ev e = { .s = expr,
			.p = expr,
			.name = name,
			.err = err,
			.fn = fn,
			.ctx = ctx };

	(void)a;
	*result = false;
	if (expr_or(&e, result) < 0)
		return err->code;
	blanks(&e);
	if (*e.p != '\0')
		return bad(&e, "unexpected text");
	return 0;
}

static bool osi_leaf(void *ctx, const struct lic_adapt_leaf *l)
{
	(void)ctx;
	return l->osi && (!l->exception || l->exception_known);
}

int lic_adapt_osi(bool *result, struct lic_adapt *a, const char *expr,
		  struct oh_err *err)
{
	return lic_adapt_eval(result, a, expr, osi_leaf, NULL, expr, err);
}
