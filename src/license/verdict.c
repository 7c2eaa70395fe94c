/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Repository licensing verdict: declared expressions against detected
 * license texts, OSI outcome, findings with evidence.  See verdict.h.
 */
#include "license/verdict.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/err.h"
#include "core/xalloc.h"
#include "license/expr.h"
#include "license/list.h"
#include "license/match.h"
#include "core/banned.h"

#define MAX_IDS 256 /* distinct ids compared per side */

static const char *const kind_names[] = {
	[LIC_FIND_MISSING] = "missing",
	[LIC_FIND_UNKNOWN_TEXT] = "unknown-text",
	[LIC_FIND_UNKNOWN_ID] = "unknown-id",
	[LIC_FIND_INVALID_EXPR] = "invalid-expression",
	[LIC_FIND_DEPRECATED_ID] = "deprecated-id",
	[LIC_FIND_NON_OSI] = "non-osi",
	[LIC_FIND_DISAGREE] = "disagree",
	[LIC_FIND_AMBIGUOUS] = "ambiguous-version",
	[LIC_FIND_EXTRA_TEXT] = "extra-text",
	[LIC_FIND_MODIFIED_TEXT] = "modified-text",
};

const char *lic_finding_kind_name(enum lic_finding_kind k)
{
	if ((size_t)k >= sizeof(kind_names) / sizeof(kind_names[0]))
		return "unknown";
	return kind_names[k];
}

/* ---- OSI outcome ----------------------------------------------------- */

struct osi_ctx {
	const struct lic_list *list;
	unsigned depth;
	struct oh_buf *bad; /* non-approved leaves, ", "-joined; may be NULL */
};

static bool leaf_osi(void *ctx, const struct lic_expr_node *n);

/* A deprecated id counts as its modern expression. */
static bool replacement_osi(struct osi_ctx *c, const char *repl)
{
	struct lic_expr *e = NULL;
	struct oh_err err = OH_ERR_INIT;
	bool ok = false;

	if (c->depth < 2 && lic_expr_parse(&e, repl, strlen(repl), c->list, 0,
					   NULL, &err) == 0) {
		struct osi_ctx sub = { .list = c->list, .depth = c->depth + 1 };

		ok = lic_expr_eval(e->root, leaf_osi, &sub);
	}
	lic_expr_free(e);
	oh_err_release(&err);
	return ok;
}

static bool license_osi(struct osi_ctx *c, const struct lic_expr_node *n)
{
	const struct lic_info *info;
	char plus[160];

	if (n->kind != LIC_EXPR_LICENSE)
		return false; /* LicenseRef-: not on the OSI list */
	info = lic_list_find(c->list, n->id, strlen(n->id));
	if (info && info->deprecated && n->plus) {
		const struct lic_info *pi;

		snprintf(plus, sizeof(plus), "%s+", n->id);
		pi = lic_list_find(c->list, plus, strlen(plus));
		if (pi)
			info = pi;
	}
	if (!info)
		return false;
	if (info->deprecated && info->replacement)
		return replacement_osi(c, info->replacement);
	return info->osi;
}

static bool leaf_osi(void *ctx, const struct lic_expr_node *n)
{
	struct osi_ctx *c = ctx;
	bool ok;

	if (n->kind == LIC_EXPR_WITH)
		ok = license_osi(c, n->left) &&
		     lic_list_find_exception(c->list, n->exception,
					     strlen(n->exception)) != NULL;
	else
		ok = license_osi(c, n);
	if (!ok && c->bad) {
		if (c->bad->len > 0)
			oh_buf_adds(c->bad, ", ");
		lic_expr_print(c->bad, n);
	}
	return ok;
}

/* Every leaf is visited (no short cut) so that `bad` lists them all. */
static bool eval_all(const struct lic_expr_node *n, struct osi_ctx *c)
{
	bool l, r;

	switch (n->kind) {
	case LIC_EXPR_AND:
		l = eval_all(n->left, c);
		r = eval_all(n->right, c);
		return l && r;
	case LIC_EXPR_OR:
		l = eval_all(n->left, c);
		r = eval_all(n->right, c);
		return l || r;
	case LIC_EXPR_NONE:
	case LIC_EXPR_NOASSERTION:
		return false;
	default:
		return leaf_osi(c, n);
	}
}

int lic_expr_osi(enum lic_osi *out, const struct lic_list *list,
		 const char *expr, struct oh_err *err)
{
	struct lic_expr *e = NULL;
	struct osi_ctx c = { .list = list };
	int ret;

	*out = LIC_OSI_UNKNOWN;
	ret = lic_expr_parse(&e, expr, strlen(expr), list, 0, NULL, err);
	if (ret < 0)
		return ret;
	if (e->root->kind != LIC_EXPR_NONE &&
	    e->root->kind != LIC_EXPR_NOASSERTION)
		*out = eval_all(e->root, &c) ? LIC_OSI_YES : LIC_OSI_NO;
	lic_expr_free(e);
	return 0;
}

/* ---- verdict --------------------------------------------------------- */

struct idset {
	char *id[MAX_IDS];
	bool ambiguous[MAX_IDS]; /* GNU text: -only or -or-later */
	size_t n;
};

static void add_finding(struct lic_verdict *v, enum lic_finding_kind kind,
			const char *file, unsigned line, unsigned share,
			const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));

static void add_finding(struct lic_verdict *v, enum lic_finding_kind kind,
			const char *file, unsigned line, unsigned share,
			const char *fmt, ...)
{
	struct oh_buf msg = OH_BUF_INIT;
	struct lic_finding *f;
	va_list ap;

	va_start(ap, fmt);
	oh_buf_vaddf(&msg, fmt, ap);
	va_end(ap);
	v->finding = oh_xrealloc(v->finding,
				 (v->nfinding + 1) * sizeof(*v->finding));
	f = &v->finding[v->nfinding++];
	f->kind = kind;
	f->file = file ? oh_xstrdup(file) : NULL;
	f->line = line;
	f->share = share;
	f->msg = oh_buf_detach(&msg, NULL);
}

/* GNU base of an id: "GPL-2.0-only" -> "GPL-2.0"; else the id. */
static size_t base_len(const char *id)
{
	size_t n = strlen(id);

	if (n > 5 && strcmp(id + n - 5, "-only") == 0)
		return n - 5;
	if (n > 9 && strcmp(id + n - 9, "-or-later") == 0)
		return n - 9;
	return n;
}

static bool idset_has(const struct idset *s, const char *id, bool ambiguous)
{
	for (size_t i = 0; i < s->n; i++) {
		size_t a = base_len(s->id[i]);

		if (strcmp(s->id[i], id) == 0)
			return true;
		if ((ambiguous || s->ambiguous[i]) && a == base_len(id) &&
		    strncmp(s->id[i], id, a) == 0)
			return true;
	}
	return false;
}

static void idset_add(struct idset *s, const char *id, bool ambiguous)
{
	if (s->n >= MAX_IDS || idset_has(s, id, false))
		return;
	s->ambiguous[s->n] = ambiguous;
	s->id[s->n++] = oh_xstrdup(id);
}

static void idset_release(struct idset *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->id[i]);
	s->n = 0;
}

static int collect_leaf(void *ctx, const struct lic_expr_node *n)
{
	struct idset *s = ctx;

	if (n->kind == LIC_EXPR_WITH)
		n = n->left;
	if (n->kind == LIC_EXPR_LICENSE)
		idset_add(s, n->id, false);
	return 0;
}

static void expr_warnings(struct lic_verdict *v, const struct lic_expr *e,
			  const struct lic_declared_expr *d)
{
	for (size_t k = 0; k < e->nwarning; k++) {
		const struct lic_expr_warning *w = &e->warning[k];

		if (w->kind == LIC_EXPR_W_UNKNOWN_ID ||
		    w->kind == LIC_EXPR_W_UNKNOWN_EXC)
			add_finding(v, LIC_FIND_UNKNOWN_ID, d->file, d->line, 0,
				    "%s (in '%s')", w->msg, d->expr);
		else if (w->kind == LIC_EXPR_W_DEPRECATED)
			add_finding(v, LIC_FIND_DEPRECATED_ID, d->file, d->line,
				    0, "%s", w->msg);
	}
}

/* Parse every declaration; join the distinct modern forms with AND. */
static void declared_side(struct lic_verdict *v, struct idset *ids,
			  const struct lic_list *list,
			  const struct lic_declared_expr *decl, size_t ndecl)
{
	struct oh_buf all = OH_BUF_INIT;
	struct idset seen = { .n = 0 };
	size_t nexpr = 0;

	for (size_t i = 0; i < ndecl; i++) {
		struct oh_err err = OH_ERR_INIT;
		struct lic_expr *e = NULL;
		struct oh_buf one = OH_BUF_INIT;

		if (lic_expr_parse(&e, decl[i].expr, strlen(decl[i].expr), list,
				   0, decl[i].file, &err) < 0) {
			add_finding(v, LIC_FIND_INVALID_EXPR, decl[i].file,
				    decl[i].line, 0,
				    "invalid license expression '%s': column "
				    "%u: %s",
				    decl[i].expr, err.col, err.msg);
			oh_err_release(&err);
			continue;
		}
		expr_warnings(v, e, &decl[i]);
		lic_expr_print_modern(&one, e->root, list);
		if (!idset_has(&seen, one.buf, false) &&
		    e->root->kind != LIC_EXPR_NONE &&
		    e->root->kind != LIC_EXPR_NOASSERTION) {
			idset_add(&seen, one.buf, false);
			if (nexpr++ > 0)
				oh_buf_adds(&all, " AND ");
			oh_buf_addf(&all, "(%s)", one.buf);
			lic_expr_walk(e->root, collect_leaf, ids);
		}
		oh_buf_release(&one);
		lic_expr_free(e);
	}
	if (nexpr == 1) /* drop the parentheses around a single one */
		v->declared = oh_xstrndup(all.buf + 1, all.len - 2);
	else if (nexpr > 1)
		v->declared = oh_buf_detach(&all, NULL);
	oh_buf_release(&all);
	idset_release(&seen);
}

static void detected_hit(struct lic_verdict *v, struct idset *ids,
			 const struct lic_detected_text *d,
			 const struct lic_match_hit *h)
{
	struct oh_buf desc = OH_BUF_INIT;

	lic_match_hit_describe(&desc, h);
	if (h->kind == LIC_MATCH_UNKNOWN) {
		add_finding(v, LIC_FIND_UNKNOWN_TEXT, d->file, h->line_first,
			    h->percent, "license text not identified: %s",
			    desc.buf);
	} else {
		bool amb = (h->flags & LIC_MATCH_F_VERSION_AMBIGUOUS) != 0;

		idset_add(ids, h->id, amb);
		if (h->kind == LIC_MATCH_CLOSE)
			add_finding(v, LIC_FIND_MODIFIED_TEXT, d->file,
				    h->line_first, h->share,
				    "%s: the text differs from the SPDX text; "
				    "check that the changes keep the terms",
				    desc.buf);
		if (amb)
			add_finding(v, LIC_FIND_AMBIGUOUS, d->file,
				    h->line_first, h->share,
				    "%s: the text does not say whether later "
				    "versions apply; add a notice or an SPDX "
				    "tag",
				    desc.buf);
	}
	oh_buf_release(&desc);
}

static void detected_side(struct lic_verdict *v, struct idset *ids,
			  const struct lic_detected_text *det, size_t ndet)
{
	struct oh_buf all = OH_BUF_INIT;

	for (size_t i = 0; i < ndet; i++) {
		const struct lic_detected_text *d = &det[i];

		for (size_t k = 0; k < d->nhit; k++)
			detected_hit(v, ids, d, &d->hit[k]);
		if (d->nhit > 0 && d->hit[0].kind != LIC_MATCH_UNKNOWN &&
		    d->unmatched_share >= 20)
			add_finding(v, LIC_FIND_EXTRA_TEXT, d->file, 0,
				    100 - d->unmatched_share,
				    "%u%% of the file is text outside the "
				    "identified license(s)",
				    d->unmatched_share);
	}
	for (size_t i = 0; i < ids->n; i++) {
		if (i > 0)
			oh_buf_adds(&all, " AND ");
		oh_buf_adds(&all, ids->id[i]);
	}
	if (ids->n > 0)
		v->detected = oh_buf_detach(&all, NULL);
	oh_buf_release(&all);
}

static void compare(struct lic_verdict *v, const struct idset *decl,
		    const struct idset *det)
{
	struct oh_buf only_decl = OH_BUF_INIT;
	struct oh_buf only_det = OH_BUF_INIT;

	for (size_t i = 0; i < decl->n; i++)
		if (!idset_has(det, decl->id[i], false))
			oh_buf_addf(&only_decl, " %s", decl->id[i]);
	for (size_t i = 0; i < det->n; i++)
		if (!idset_has(decl, det->id[i], det->ambiguous[i]))
			oh_buf_addf(&only_det, " %s", det->id[i]);
	v->agree = decl->n > 0 && det->n > 0 && only_decl.len == 0 &&
		   only_det.len == 0;
	if (decl->n > 0 && det->n > 0 && !v->agree)
		add_finding(
			v, LIC_FIND_DISAGREE, NULL, 0, 0,
			"declared '%s' but the license files say '%s'%s%s%s"
			"%s",
			v->declared, v->detected,
			only_decl.len ? "; no text for:" : "", only_decl.buf,
			only_det.len ? "; not declared:" : "", only_det.buf);
	oh_buf_release(&only_decl);
	oh_buf_release(&only_det);
}

static void osi_outcome(struct lic_verdict *v, const struct lic_list *list,
			const struct lic_declared_expr *decl, size_t ndecl)
{
	struct oh_buf bad = OH_BUF_INIT;
	struct osi_ctx c = { .list = list, .bad = &bad };
	struct lic_expr *e = NULL;
	struct oh_err err = OH_ERR_INIT;
	const char *expr = v->declared ? v->declared : v->detected;

	if (!expr)
		goto out;
	if (lic_expr_parse(&e, expr, strlen(expr), list, 0, NULL, &err) < 0)
		goto out; /* detected ids always parse; declared did */
	v->osi = eval_all(e->root, &c) ? LIC_OSI_YES : LIC_OSI_NO;
	if (v->osi == LIC_OSI_NO)
		add_finding(v, LIC_FIND_NON_OSI,
			    v->declared && ndecl > 0 ? decl[0].file : NULL,
			    v->declared && ndecl > 0 ? decl[0].line : 0, 0,
			    "not OSI-approved: %s (%s '%s')", bad.buf,
			    v->declared ? "declared" : "detected", expr);
out:
	lic_expr_free(e);
	oh_err_release(&err);
	oh_buf_release(&bad);
}

int lic_verdict_compute(struct lic_verdict *out, const struct lic_list *list,
			const struct lic_declared_expr *decl, size_t ndecl,
			const struct lic_detected_text *det, size_t ndet)
{
	struct idset decl_ids = { .n = 0 };
	struct idset det_ids = { .n = 0 };

	memset(out, 0, sizeof(*out));
	declared_side(out, &decl_ids, list, decl, ndecl);
	detected_side(out, &det_ids, det, ndet);
	if (!out->declared && !out->detected)
		add_finding(out, LIC_FIND_MISSING, NULL, 0, 0,
			    "no license declared and no license text found");
	compare(out, &decl_ids, &det_ids);
	osi_outcome(out, list, decl, ndecl);
	idset_release(&decl_ids);
	idset_release(&det_ids);
	return 0;
}

void lic_verdict_release(struct lic_verdict *v)
{
	for (size_t i = 0; i < v->nfinding; i++) {
		free(v->finding[i].file);
		free(v->finding[i].msg);
	}
	free(v->finding);
	free(v->declared);
	free(v->detected);
	memset(v, 0, sizeof(*v));
}
