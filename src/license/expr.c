/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * SPDX license-expression parser: a lexer that cuts the input into words
 * and parentheses, and a recursive-descent parser with one function per
 * precedence level (OR < AND < WITH).  See expr.h for the grammar.
 */
#include "license/expr.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/buf.h"
#include "core/err.h"
#include "core/xalloc.h"
#include "license/list.h"
#include "core/banned.h"

enum tok_kind {
	TOK_END,
	TOK_LPAREN,
	TOK_RPAREN,
	TOK_AND,
	TOK_OR,
	TOK_WITH,
	TOK_WORD, /* an id-like word (validated by the parser) */
};

struct tok {
	enum tok_kind kind;
	const char *s; /* start in the input */
	size_t len;
	unsigned col; /* 1-based */
};

struct parser {
	const char *s;
	size_t len;
	size_t pos;
	struct tok tok; /* current token */
	struct lic_expr *e;
	const struct lic_list *list;
	unsigned flags;
	unsigned depth;
	const char *name;
	struct oh_err *err;
	size_t walloc;
};

static bool is_idchar(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '-' || c == '.';
}

static bool is_wordchar(int c)
{
	return is_idchar(c) || c == '+' || c == ':';
}

static bool is_space(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static int fail(struct parser *p, unsigned col, enum oh_code code,
		const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static int fail(struct parser *p, unsigned col, enum oh_code code,
		const char *fmt, ...)
{
	va_list ap;
	int ret;

	va_start(ap, fmt);
	ret = oh_err_vset(p->err, code, p->name ? p->name : "<expression>", 0,
			  col, fmt, ap);
	va_end(ap);
	return ret;
}

/* A printable rendering of the current token for messages. */
static void tok_show(char *out, size_t size, const struct tok *t)
{
	int n;

	if (t->kind == TOK_END) {
		snprintf(out, size, "end of expression");
		return;
	}
	n = t->len > 40 ? 40 : (int)t->len;
	snprintf(out, size, "'%.*s%s'", n, t->s, t->len > 40 ? "..." : "");
}

static void add_warning(struct parser *p, enum lic_expr_warn_kind kind,
			unsigned col, const char *id, const char *repl,
			const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));

static void add_warning(struct parser *p, enum lic_expr_warn_kind kind,
			unsigned col, const char *id, const char *repl,
			const char *fmt, ...)
{
	struct lic_expr *e = p->e;
	struct lic_expr_warning *w;
	va_list ap;

	if (e->nwarning >= LIC_EXPR_MAX_NODES)
		return;
	OH_GROW(e->warning, p->walloc, e->nwarning + 1);
	w = &e->warning[e->nwarning++];
	w->kind = kind;
	w->col = col;
	w->id = id ? oh_arena_strdup(&e->arena, id) : NULL;
	w->replacement = repl ? oh_arena_strdup(&e->arena, repl) : NULL;
	va_start(ap, fmt);
	vsnprintf(w->msg, sizeof(w->msg), fmt, ap);
	va_end(ap);
}

static bool word_is(const struct tok *t, const char *w)
{
	return t->len == strlen(w) && strncasecmp(t->s, w, t->len) == 0;
}

/* Classify a word as an operator; mixed-case operators are errors. */
static int classify_op(struct parser *p, struct tok *t)
{
	static const struct {
		const char *upper, *lower;
		enum tok_kind kind;
	} ops[] = {
		{ "AND", "and", TOK_AND },
		{ "OR", "or", TOK_OR },
		{ "WITH", "with", TOK_WITH },
	};

	for (size_t i = 0; i < sizeof(ops) / sizeof(ops[0]); i++) {
		if (!word_is(t, ops[i].upper))
			continue;
		if (strncmp(t->s, ops[i].upper, t->len) == 0) {
			t->kind = ops[i].kind;
			return 0;
		}
		if (strncmp(t->s, ops[i].lower, t->len) != 0)
			return fail(p, t->col, OH_EINPUT,
				    "operator '%.*s' must be written '%s'",
				    (int)t->len, t->s, ops[i].upper);
		if (p->flags & LIC_EXPR_STRICT)
			return fail(p, t->col, OH_EINPUT,
				    "operator '%s' must be upper case (%s)",
				    ops[i].lower, ops[i].upper);
		add_warning(p, LIC_EXPR_W_LOWER_OPERATOR, t->col, ops[i].lower,
			    ops[i].upper,
			    "lower-case operator '%s' (SPDX 2.3 wants '%s')",
			    ops[i].lower, ops[i].upper);
		t->kind = ops[i].kind;
		return 0;
	}
	t->kind = TOK_WORD;
	return 0;
}

static int next(struct parser *p)
{
	struct tok *t = &p->tok;
	unsigned char c;

	while (p->pos < p->len && is_space((unsigned char)p->s[p->pos]))
		p->pos++;
	t->s = p->s + p->pos;
	t->col = (unsigned)p->pos + 1;
	t->len = 0;
	if (p->pos >= p->len) {
		t->kind = TOK_END;
		return 0;
	}
	c = (unsigned char)p->s[p->pos];
	if (c == '(' || c == ')') {
		t->kind = c == '(' ? TOK_LPAREN : TOK_RPAREN;
		t->len = 1;
		p->pos++;
		return 0;
	}
	if (!is_wordchar(c)) {
		if (c >= 0x20 && c < 0x7f)
			return fail(p, t->col, OH_EINPUT,
				    "unexpected character '%c'", c);
		return fail(p, t->col, OH_EINPUT,
			    "unexpected byte 0x%02x (expressions are ASCII)",
			    c);
	}
	while (p->pos < p->len && is_wordchar((unsigned char)p->s[p->pos]))
		p->pos++;
	t->len = (size_t)(p->s + p->pos - t->s);
	return classify_op(p, t);
}

static struct lic_expr_node *node_new(struct parser *p, enum lic_expr_kind kind,
				      unsigned col)
{
	struct lic_expr_node *n;

	n = oh_arena_alloc(&p->e->arena, sizeof(*n));
	n->kind = kind;
	n->col = col;
	p->e->nnodes++;
	return n;
}

/* Check that [s, s+len) is a non-empty idstring. */
static bool valid_idstring(const char *s, size_t len)
{
	if (len == 0)
		return false;
	for (size_t i = 0; i < len; i++)
		if (!is_idchar((unsigned char)s[i]))
			return false;
	return true;
}

/* "[DocumentRef-x:]LicenseRef-y" */
static int parse_ref(struct parser *p, struct lic_expr_node *n,
		     const struct tok *t)
{
	const char *colon = memchr(t->s, ':', t->len);
	const char *ref = t->s;
	size_t rlen = t->len;

	if (colon) {
		size_t dlen = (size_t)(colon - t->s);

		if (dlen <= 12 || strncasecmp(t->s, "DocumentRef-", 12) != 0 ||
		    !valid_idstring(t->s + 12, dlen - 12))
			return fail(p, t->col, OH_EINPUT,
				    "expected 'DocumentRef-<id>:' before ':'");
		n->document_ref = oh_arena_strndup(&p->e->arena, t->s, dlen);
		ref = colon + 1;
		rlen = t->len - dlen - 1;
	}
	if (rlen <= 11 || strncasecmp(ref, "LicenseRef-", 11) != 0 ||
	    !valid_idstring(ref + 11, rlen - 11))
		return fail(p, t->col + (unsigned)(ref - t->s), OH_EINPUT,
			    "expected 'LicenseRef-<id>' (letters, digits, "
			    "'-' and '.')");
	n->id = oh_arena_strndup(&p->e->arena, ref, rlen);
	return 0;
}

static int check_license(struct parser *p, struct lic_expr_node *n,
			 const char *id, size_t len)
{
	const struct lic_info *info;
	char idplus[LIC_EXPR_MAX_ID + 2];

	info = lic_list_find(p->list, id, len);
	if (!info) {
		if (lic_list_find_exception(p->list, id, len))
			return fail(p, n->col, OH_EINPUT,
				    "'%s' is an exception, not a license: "
				    "expected it after 'WITH'",
				    n->id);
		if (p->flags & LIC_EXPR_STRICT)
			return fail(p, n->col, OH_EINPUT,
				    "unknown license id '%s'", n->id);
		add_warning(p, LIC_EXPR_W_UNKNOWN_ID, n->col, n->id, NULL,
			    "unknown license id '%s'", n->id);
		return 0;
	}
	n->known = true;
	if (strcmp(info->id, n->id) != 0) {
		add_warning(p, LIC_EXPR_W_CASE, n->col, n->id, info->id,
			    "'%s' is spelled '%s'", n->id, info->id);
		n->id = oh_arena_strdup(&p->e->arena, info->id);
	}
	if (!info->deprecated)
		return 0;
	n->deprecated = true;
	if (n->plus) {
		const struct lic_info *pi;

		snprintf(idplus, sizeof(idplus), "%s+", info->id);
		pi = lic_list_find(p->list, idplus, strlen(idplus));
		if (pi && pi->replacement)
			info = pi;
	}
	add_warning(p, LIC_EXPR_W_DEPRECATED, n->col, n->id, info->replacement,
		    "deprecated license id '%s%s'%s%s", n->id,
		    n->plus ? "+" : "", info->replacement ? ": use " : "",
		    info->replacement ? info->replacement : "");
	return 0;
}

/* A word in license position: id, id+, LicenseRef, NONE, NOASSERTION. */
static int parse_simple(struct parser *p, struct lic_expr_node **out)
{
	const struct tok *t = &p->tok;
	struct lic_expr_node *n;
	size_t len = t->len;
	char shown[64];

	if (t->kind != TOK_WORD) {
		tok_show(shown, sizeof(shown), t);
		return fail(p, t->col, OH_EINPUT,
			    "expected a license id, LicenseRef- or '(' but "
			    "found %s",
			    shown);
	}
	if (len > LIC_EXPR_MAX_ID)
		return fail(p, t->col, OH_ELIMIT, "id longer than %d bytes",
			    LIC_EXPR_MAX_ID);
	if (word_is(t, "NONE") || word_is(t, "NOASSERTION")) {
		if (strncmp(t->s, len == 4 ? "NONE" : "NOASSERTION", len) ==
		    0) {
			n = node_new(p,
				     len == 4 ? LIC_EXPR_NONE
					      : LIC_EXPR_NOASSERTION,
				     t->col);
			*out = n;
			return next(p);
		}
	}
	n = node_new(p, LIC_EXPR_LICENSE, t->col);
	if (memchr(t->s, ':', len) ||
	    (len >= 11 && strncasecmp(t->s, "LicenseRef-", 11) == 0)) {
		n->kind = LIC_EXPR_REF;
		if (parse_ref(p, n, t) < 0)
			return p->err->code;
	} else {
		if (t->s[len - 1] == '+') {
			n->plus = true;
			len--;
		}
		if (!valid_idstring(t->s, len))
			return fail(
				p, t->col, OH_EINPUT,
				"malformed license id '%.*s': only letters, "
				"digits, '-', '.' and a final '+'",
				(int)t->len, t->s);
		n->id = oh_arena_strndup(&p->e->arena, t->s, len);
		if (p->list && check_license(p, n, t->s, len) < 0)
			return p->err->code;
	}
	*out = n;
	return next(p);
}

static int check_exception(struct parser *p, struct lic_expr_node *w)
{
	const struct lic_info *info;
	size_t len = strlen(w->exception);

	info = lic_list_find_exception(p->list, w->exception, len);
	if (!info) {
		if (lic_list_find(p->list, w->exception, len))
			return fail(p, w->col, OH_EINPUT,
				    "'%s' is a license, not an exception: "
				    "expected 'AND' or 'OR' before it",
				    w->exception);
		if (p->flags & LIC_EXPR_STRICT)
			return fail(p, w->col, OH_EINPUT,
				    "unknown exception id '%s'", w->exception);
		add_warning(p, LIC_EXPR_W_UNKNOWN_EXC, w->col, w->exception,
			    NULL, "unknown exception id '%s'", w->exception);
		return 0;
	}
	w->known = true;
	if (strcmp(info->id, w->exception) != 0) {
		add_warning(p, LIC_EXPR_W_CASE, w->col, w->exception, info->id,
			    "'%s' is spelled '%s'", w->exception, info->id);
		w->exception = oh_arena_strdup(&p->e->arena, info->id);
	}
	if (info->deprecated)
		add_warning(p, LIC_EXPR_W_DEPRECATED, w->col, w->exception,
			    info->replacement, "deprecated exception id '%s'",
			    w->exception);
	return 0;
}

static int parse_or(struct parser *p, struct lic_expr_node **out);

static int enter(struct parser *p)
{
	if (++p->depth > LIC_EXPR_MAX_DEPTH)
		return fail(p, p->tok.col, OH_ELIMIT,
			    "expression nested deeper than %d levels",
			    LIC_EXPR_MAX_DEPTH);
	if (p->e->nnodes >= LIC_EXPR_MAX_NODES)
		return fail(p, p->tok.col, OH_ELIMIT,
			    "expression has more than %d terms",
			    LIC_EXPR_MAX_NODES);
	return 0;
}

static int parse_paren(struct parser *p, struct lic_expr_node **out)
{
	unsigned open_col = p->tok.col;
	char shown[64];

	if (next(p) < 0 || enter(p) < 0 || parse_or(p, out) < 0)
		return p->err->code;
	p->depth--;
	if (p->tok.kind != TOK_RPAREN) {
		tok_show(shown, sizeof(shown), &p->tok);
		return fail(p, p->tok.col, OH_EINPUT,
			    "expected 'AND', 'OR' or ')' to close '(' at "
			    "column %u but found %s",
			    open_col, shown);
	}
	return next(p);
}

static int parse_with(struct parser *p, struct lic_expr_node **out)
{
	struct lic_expr_node *w;
	char shown[64];

	if (p->tok.kind == TOK_LPAREN)
		return parse_paren(p, out);
	if (parse_simple(p, out) < 0)
		return p->err->code;
	if (p->tok.kind != TOK_WITH)
		return 0;
	if ((*out)->kind != LIC_EXPR_LICENSE && (*out)->kind != LIC_EXPR_REF)
		return fail(p, p->tok.col, OH_EINPUT,
			    "'WITH' needs a license before it");
	w = node_new(p, LIC_EXPR_WITH, p->tok.col);
	if (next(p) < 0)
		return p->err->code;
	if (p->tok.kind != TOK_WORD || !valid_idstring(p->tok.s, p->tok.len)) {
		tok_show(shown, sizeof(shown), &p->tok);
		return fail(p, p->tok.col, OH_EINPUT,
			    "expected an exception id after 'WITH' but "
			    "found %s",
			    shown);
	}
	if (p->tok.len > LIC_EXPR_MAX_ID)
		return fail(p, p->tok.col, OH_ELIMIT, "id longer than %d bytes",
			    LIC_EXPR_MAX_ID);
	w->exception = oh_arena_strndup(&p->e->arena, p->tok.s, p->tok.len);
	w->col = p->tok.col;
	w->left = *out;
	if (p->list && check_exception(p, w) < 0)
		return p->err->code;
	*out = w;
	return next(p);
}

static int parse_binary(struct parser *p, struct lic_expr_node **out,
			enum tok_kind op, enum lic_expr_kind kind,
			int (*sub)(struct parser *, struct lic_expr_node **))
{
	struct lic_expr_node *n;
	struct lic_expr_node *right;

	if (sub(p, out) < 0)
		return p->err->code;
	while (p->tok.kind == op) {
		n = node_new(p, kind, p->tok.col);
		if (next(p) < 0 || enter(p) < 0 || sub(p, &right) < 0)
			return p->err->code;
		p->depth--;
		n->left = *out;
		n->right = right;
		*out = n;
	}
	return 0;
}

static int parse_and(struct parser *p, struct lic_expr_node **out)
{
	return parse_binary(p, out, TOK_AND, LIC_EXPR_AND, parse_with);
}

static int parse_or(struct parser *p, struct lic_expr_node **out)
{
	return parse_binary(p, out, TOK_OR, LIC_EXPR_OR, parse_and);
}

/* NONE and NOASSERTION may only stand alone. */
static int check_special(struct parser *p, const struct lic_expr_node *n,
			 bool top)
{
	if (!n)
		return 0;
	if ((n->kind == LIC_EXPR_NONE || n->kind == LIC_EXPR_NOASSERTION) &&
	    !top)
		return fail(p, n->col, OH_EINPUT,
			    "%s is only valid as the whole expression",
			    n->kind == LIC_EXPR_NONE ? "NONE" : "NOASSERTION");
	if (check_special(p, n->left, false) < 0)
		return p->err->code;
	return check_special(p, n->right, false);
}

static int parse_all(struct parser *p)
{
	char shown[64];

	if (next(p) < 0)
		return p->err->code;
	if (p->tok.kind == TOK_END)
		return fail(p, 1, OH_EINPUT,
			    "empty expression: expected a license id");
	if (parse_or(p, &p->e->root) < 0)
		return p->err->code;
	if (p->tok.kind != TOK_END) {
		tok_show(shown, sizeof(shown), &p->tok);
		return fail(p, p->tok.col, OH_EINPUT,
			    "expected 'AND', 'OR', 'WITH' or end of "
			    "expression but found %s",
			    shown);
	}
	return check_special(p, p->e->root, true);
}

int lic_expr_parse(struct lic_expr **out, const char *s, size_t len,
		   const struct lic_list *list, unsigned flags,
		   const char *name, struct oh_err *err)
{
	struct parser p = { .s = s, .len = len, .list = list, .flags = flags };
	int ret;

	*out = NULL;
	p.name = name;
	p.err = err;
	if (len > LIC_EXPR_MAX_LEN)
		return fail(&p, 0, OH_ELIMIT, "expression longer than %d bytes",
			    LIC_EXPR_MAX_LEN);
	p.e = oh_xcalloc(1, sizeof(*p.e));
	ret = parse_all(&p);
	if (ret < 0) {
		lic_expr_free(p.e);
		return ret;
	}
	*out = p.e;
	return 0;
}

void lic_expr_free(struct lic_expr *e)
{
	if (!e)
		return;
	oh_arena_release(&e->arena);
	free(e->warning);
	free(e);
}

bool lic_expr_is_valid(const char *s)
{
	struct lic_expr *e = NULL;
	struct oh_err err = OH_ERR_INIT;
	int ret;

	ret = lic_expr_parse(&e, s, strlen(s), NULL, 0, NULL, &err);
	lic_expr_free(e);
	oh_err_release(&err);
	return ret == 0;
}

static int prec(const struct lic_expr_node *n)
{
	switch (n->kind) {
	case LIC_EXPR_OR:
		return 1;
	case LIC_EXPR_AND:
		return 2;
	default:
		return 3;
	}
}

static void print_leaf(struct oh_buf *out, const struct lic_expr_node *n,
		       const struct lic_list *list)
{
	const struct lic_info *info = NULL;
	char idplus[LIC_EXPR_MAX_ID + 2];

	if (list && n->kind == LIC_EXPR_LICENSE && n->deprecated) {
		if (n->plus) {
			snprintf(idplus, sizeof(idplus), "%s+", n->id);
			info = lic_list_find(list, idplus, strlen(idplus));
		}
		if (!info || !info->replacement)
			info = lic_list_find(list, n->id, strlen(n->id));
		if (info && info->replacement) {
			oh_buf_adds(out, info->replacement);
			return;
		}
	}
	if (n->document_ref)
		oh_buf_addf(out, "%s:", n->document_ref);
	oh_buf_adds(out, n->id);
	if (n->plus)
		oh_buf_addch(out, '+');
}

static void print_node(struct oh_buf *out, const struct lic_expr_node *n,
		       int parent, const struct lic_list *list)
{
	bool paren = prec(n) < parent;

	if (paren)
		oh_buf_addch(out, '(');
	switch (n->kind) {
	case LIC_EXPR_NONE:
		oh_buf_adds(out, "NONE");
		break;
	case LIC_EXPR_NOASSERTION:
		oh_buf_adds(out, "NOASSERTION");
		break;
	case LIC_EXPR_LICENSE:
	case LIC_EXPR_REF:
		print_leaf(out, n, list);
		break;
	case LIC_EXPR_WITH:
		print_leaf(out, n->left, list);
		oh_buf_addf(out, " WITH %s", n->exception);
		break;
	case LIC_EXPR_AND:
	case LIC_EXPR_OR:
		print_node(out, n->left, prec(n), list);
		oh_buf_adds(out, n->kind == LIC_EXPR_AND ? " AND " : " OR ");
		print_node(out, n->right, prec(n) + 1, list);
		break;
	}
	if (paren)
		oh_buf_addch(out, ')');
}

void lic_expr_print(struct oh_buf *out, const struct lic_expr_node *n)
{
	print_node(out, n, 0, NULL);
}

void lic_expr_print_modern(struct oh_buf *out, const struct lic_expr_node *n,
			   const struct lic_list *list)
{
	/* A replacement may itself hold an operator: parenthesise it. */
	struct oh_buf tmp = OH_BUF_INIT;

	print_node(&tmp, n, 0, list);
	oh_buf_add(out, tmp.buf, tmp.len);
	oh_buf_release(&tmp);
}

int lic_expr_walk(const struct lic_expr_node *n, lic_expr_leaf_fn fn, void *ctx)
{
	int r;

	switch (n->kind) {
	case LIC_EXPR_AND:
	case LIC_EXPR_OR:
		r = lic_expr_walk(n->left, fn, ctx);
		if (r != 0)
			return r;
		return lic_expr_walk(n->right, fn, ctx);
	case LIC_EXPR_NONE:
	case LIC_EXPR_NOASSERTION:
		return 0;
	default:
		return fn(ctx, n);
	}
}

bool lic_expr_eval(const struct lic_expr_node *n,
		   bool (*fn)(void *ctx, const struct lic_expr_node *leaf),
		   void *ctx)
{
	switch (n->kind) {
	case LIC_EXPR_AND:
		return lic_expr_eval(n->left, fn, ctx) &&
		       lic_expr_eval(n->right, fn, ctx);
	case LIC_EXPR_OR:
		return lic_expr_eval(n->left, fn, ctx) ||
		       lic_expr_eval(n->right, fn, ctx);
	case LIC_EXPR_NONE:
	case LIC_EXPR_NOASSERTION:
		return false;
	default:
		return fn(ctx, n);
	}
}
