/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Adapter between the repository scanner and the license engine: the
 * SPDX list (list.h) for ids, OSI flags and categories, the expression
 * parser (expr.h) for validity and evaluation, the matcher (match.h) for
 * license texts and the verdict's OSI rule (verdict.h).
 */
#include "license/adapt.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/buf.h"
#include "core/err.h"
#include "core/xalloc.h"
#include "license/expr.h"
#include "license/list.h"
#include "license/match.h"
#include "license/verdict.h"
#include "core/banned.h"

struct lic_adapt {
	struct lic_list *list; /* the SPDX list */
	struct lic_matcher *m; /* built on first use */
	bool m_failed;         /* building it failed: texts stay unknown */
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
	lic_matcher_free(a->m);
	lic_list_free(a->list);
	free(a);
}

/* The text-matching part: the engine's matcher, built on first use. */
static int matcher(struct lic_adapt *a)
{
	struct oh_err err = OH_ERR_INIT;

	if (!a->m && !a->m_failed && lic_matcher_new(&a->m, a->list, &err) < 0)
		a->m_failed = true;
	oh_err_release(&err);
	return a->m ? 0 : -1;
}

static bool hit_known(const struct lic_match_hit *h)
{
	return h->kind != LIC_MATCH_UNKNOWN && h->id;
}

/* Distinct identified ids of the hits joined with AND. */
static void hits_expr(struct lic_adapt_match *out,
		      const struct lic_match_result *r)
{
	struct oh_buf b = OH_BUF_INIT;

	for (size_t i = 0; i < r->nhit; i++) {
		const struct lic_match_hit *h = &r->hit[i];
		bool dup = false;

		if (!hit_known(h))
			continue;
		for (size_t j = 0; j < i; j++)
			if (hit_known(&r->hit[j]) &&
			    strcmp(r->hit[j].id, h->id) == 0)
				dup = true;
		if (!dup)
			oh_buf_addf(&b, "%s%s", b.len ? " AND " : "", h->id);
	}
	snprintf(out->expr, sizeof(out->expr), "%s", b.buf);
	oh_buf_release(&b);
}

static void hits_desc(struct lic_adapt_match *out,
		      const struct lic_match_result *r)
{
	struct oh_buf b = OH_BUF_INIT;

	for (size_t i = 0; i < r->nhit; i++) {
		if (i > 0)
			oh_buf_adds(&b, "; ");
		lic_match_hit_describe(&b, &r->hit[i]);
	}
	if (r->nhit > 0 && r->unmatched_share >= 10)
		oh_buf_addf(&b, "; %u%% of the text unmatched",
			    r->unmatched_share);
	snprintf(out->desc, sizeof(out->desc), "%s", b.buf);
	oh_buf_release(&b);
}

void lic_adapt_match_text(struct lic_adapt_match *out, struct lic_adapt *a,
			  const char *text, size_t len)
{
	struct lic_match_result r = LIC_MATCH_RESULT_INIT;
	bool exact = true;

	memset(out, 0, sizeof(*out));
	out->kind = LIC_ADAPT_NONE;
	if (len == 0 || matcher(a) < 0)
		return;
	lic_match_text(&r, a->m, text, len);
	hits_expr(out, &r);
	hits_desc(out, &r);
	out->percent = 100;
	for (size_t i = 0; i < r.nhit; i++) {
		if (r.hit[i].kind != LIC_MATCH_EXACT)
			exact = false;
		if (r.hit[i].percent < out->percent)
			out->percent = r.hit[i].percent;
	}
	if (out->expr[0] == '\0') {
		out->kind = LIC_ADAPT_UNKNOWN;
		if (r.nhit > 0 && r.hit[0].id)
			snprintf(out->nearest, sizeof(out->nearest), "%s",
				 r.hit[0].id);
		out->percent = r.nhit > 0 ? r.hit[0].percent : 0;
	} else {
		out->kind = exact ? LIC_ADAPT_EXACT : LIC_ADAPT_CLOSE;
	}
	lic_match_result_release(&r);
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

int lic_adapt_osi(bool *result, struct lic_adapt *a, const char *expr,
		  struct oh_err *err)
{
	enum lic_osi o = LIC_OSI_UNKNOWN;

	*result = false;
	if (lic_expr_osi(&o, a->list, expr, err) < 0)
		return err->code;
	*result = o == LIC_OSI_YES;
	return 0;
}
