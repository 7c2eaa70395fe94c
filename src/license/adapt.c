/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Adapter between the repository scanner and the license engine: the
 * SPDX list (list.h) for ids, OSI flags and categories, the expression
 * parser (expr.h) for validity and evaluation.
 *
 * TEMPORARY: license texts are identified by a keyword table below until
 * the engine's matcher (match.h) is implemented; it answers "close" only
 * for a title found in the first 600 bytes, else "unknown".
 */
#include "license/adapt.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/err.h"
#include "core/xalloc.h"
#include "license/expr.h"
#include "license/list.h"
#include "core/banned.h"

struct lic_adapt {
	struct lic_list *list; /* the SPDX list */
};

int lic_adapt_open(struct lic_adapt **out, struct oh_err *err)
{
	struct lic_adapt *a = oh_xcalloc(1, sizeof(*a));

	if (lic_list_load(&a->list, err) < 0) {
		free(a);
		return err->code;
	}
	*out = a;
	return 0;
}

void lic_adapt_close(struct lic_adapt *a)
{
	if (!a)
		return;
	lic_list_free(a->list);
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

/* ---- expressions ---- */

struct walk {
	struct lic_adapt *a;
	lic_adapt_leaf_fn fn;
	void *ctx;
	char ref[LIC_EXPR_MAX_ID * 2 + 2]; /* DocumentRef-x:LicenseRef-y */
};

static bool leaf(void *ctx, const struct lic_expr_node *n)
{
	struct walk *w = ctx;
	const struct lic_expr_node *lic = n;
	struct lic_adapt_leaf l = { .category = "" };
	const struct lic_info *info;

	if (n->kind == LIC_EXPR_WITH) {
		lic = n->left;
		l.exception = n->exception;
		l.exception_known = n->known;
	}
	if (lic->kind == LIC_EXPR_REF) {
		snprintf(w->ref, sizeof(w->ref), "%s%s%s",
			 lic->document_ref ? lic->document_ref : "",
			 lic->document_ref ? ":" : "", lic->id);
		l.id = w->ref;
		l.known = true; /* user-defined, never OSI-approved */
	} else {
		l.id = lic->id;
		l.plus = lic->plus;
		l.known = lic->known;
		l.deprecated = lic->deprecated;
		info = lic_list_find(w->a->list, lic->id, strlen(lic->id));
		if (info) {
			l.osi = info->osi;
			l.category = lic_category_name(info->category);
		}
	}
	return w->fn ? w->fn(w->ctx, &l) : true;
}

int lic_adapt_eval(bool *result, struct lic_adapt *a, const char *expr,
		   lic_adapt_leaf_fn fn, void *ctx, const char *name,
		   struct oh_err *err)
{
	struct walk w = { .a = a, .fn = fn, .ctx = ctx };
	struct lic_expr *e = NULL;

	*result = false;
	if (lic_expr_parse(&e, expr, strlen(expr), a->list, 0, name, err) < 0)
		return err->code;
	*result = lic_expr_eval(e->root, leaf, &w);
	lic_expr_free(e);
	return 0;
}

static int walk_leaf(void *ctx, const struct lic_expr_node *n)
{
	(void)leaf(ctx, n);
	return 0;
}

int lic_adapt_walk(struct lic_adapt *a, const char *expr, lic_adapt_leaf_fn fn,
		   void *ctx, const char *name, struct oh_err *err)
{
	struct walk w = { .a = a, .fn = fn, .ctx = ctx };
	struct lic_expr *e = NULL;

	if (lic_expr_parse(&e, expr, strlen(expr), a->list, 0, name, err) < 0)
		return err->code;
	lic_expr_walk(e->root, walk_leaf, &w);
	lic_expr_free(e);
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
