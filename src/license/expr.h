/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef OH_LICENSE_EXPR_H
#define OH_LICENSE_EXPR_H

/*
 * SPDX 2.3 license expressions (SPDX spec Annex D): parse, print, walk.
 *
 * Grammar (precedence high to low: "+", WITH, AND, OR; parentheses group):
 *   compound = or
 *   or       = and *( "OR" and )
 *   and      = with *( "AND" with )
 *   with     = simple [ "WITH" exception-id ] / "(" compound ")"
 *   simple   = license-id [ "+" ] / license-ref / "NONE" / "NOASSERTION"
 *   license-ref = [ "DocumentRef-" idstring ":" ] "LicenseRef-" idstring
 *   idstring = 1*( ALPHA / DIGIT / "-" / "." )
 * NONE and NOASSERTION are only valid as the whole expression.
 *
 * Operators: SPDX 2.3 says they match case-sensitively (upper case).  The
 * all-lower-case forms ("and", "or", "with", allowed by SPDX 3.0) are
 * accepted with a warning unless LIC_EXPR_STRICT is given; mixed case
 * ("And") is an error.  Ids are case-insensitive; with a list the
 * canonical spelling is recorded (and a warning given when it differs).
 *
 * Without a list (parse-only mode) any idstring is accepted as a license
 * or exception id.  With a list: unknown license or exception ids are
 * warnings (errors with LIC_EXPR_STRICT); deprecated ids are accepted with
 * a warning naming the modern equivalent; a license id used after WITH or
 * an exception id used as a license is an error.
 *
 * Errors are OH_EINPUT with err->col the 1-based byte position and a
 * message saying what was expected ("expected a license id or '(' after
 * 'AND'").  Limits: LIC_EXPR_MAX_LEN bytes (OH_ELIMIT), LIC_EXPR_MAX_DEPTH
 * nested parentheses/operators (OH_ELIMIT), LIC_EXPR_MAX_NODES nodes
 * (OH_ELIMIT), ids of at most LIC_EXPR_MAX_ID bytes (OH_ELIMIT).  NUL
 * bytes and bytes outside printable ASCII are errors.
 *
 * Memory: a struct lic_expr owns its nodes (one arena); free it with
 * lic_expr_free().  Node strings are valid until then.  Thread safety:
 * parsing is reentrant; a parsed tree is read-only and may be shared.
 */

#include <stdbool.h>
#include <stddef.h>

#include "core/arena.h"

struct oh_buf;
struct oh_err;
struct lic_list;

#define LIC_EXPR_MAX_LEN   4096
#define LIC_EXPR_MAX_DEPTH 64
#define LIC_EXPR_MAX_NODES 1024
#define LIC_EXPR_MAX_ID    128

/* Parse flags. */
#define LIC_EXPR_STRICT 0x1 /* lower-case operators, unknown ids: errors */

enum lic_expr_kind {
	LIC_EXPR_LICENSE, /* id, plus */
	LIC_EXPR_REF,     /* document_ref (may be NULL), id "LicenseRef-x" */
	LIC_EXPR_NONE,    /* the whole expression is NONE */
	LIC_EXPR_NOASSERTION, /* the whole expression is NOASSERTION */
	LIC_EXPR_WITH,        /* left (LICENSE or REF), exception */
	LIC_EXPR_AND,         /* left, right */
	LIC_EXPR_OR,          /* left, right */
};

struct lic_expr_node {
	enum lic_expr_kind kind;
	const char *id;           /* LICENSE/REF: canonical id when known */
	const char *document_ref; /* REF: "DocumentRef-x" or NULL */
	const char *exception;    /* WITH: exception id (canonical if known) */
	bool plus;                /* LICENSE: written as "id+" */
	bool known;      /* LICENSE: on the list; WITH: exception on it */
	bool deprecated; /* LICENSE: a deprecated list id */
	unsigned col;    /* 1-based byte position in the input */
	struct lic_expr_node *left, *right;
};

enum lic_expr_warn_kind {
	LIC_EXPR_W_DEPRECATED,     /* id is deprecated; `replacement` set */
	LIC_EXPR_W_UNKNOWN_ID,     /* license id not on the list */
	LIC_EXPR_W_UNKNOWN_EXC,    /* exception id not on the list */
	LIC_EXPR_W_LOWER_OPERATOR, /* "and"/"or"/"with" (SPDX 3.0 form) */
	LIC_EXPR_W_CASE,           /* id spelled in a different case */
};

struct lic_expr_warning {
	enum lic_expr_warn_kind kind;
	unsigned col;            /* 1-based byte position */
	const char *id;          /* the id as written */
	const char *replacement; /* DEPRECATED: modern expression; CASE:
				  * canonical id; else NULL */
	char msg[160];           /* one line, ready to print */
};

struct lic_expr {
	struct oh_arena arena;
	struct lic_expr_node *root;
	struct lic_expr_warning *warning; /* in input order */
	size_t nwarning;
	size_t nnodes;
};

/**
 * Parse `len` bytes of `s` (need not be NUL-terminated).  `list` may be
 * NULL (syntax only).  `name` names the input in errors (may be NULL).
 * On success *out is a new tree (caller frees with lic_expr_free()); on
 * failure *out is NULL and err says where and what was expected.
 */
int lic_expr_parse(struct lic_expr **out, const char *s, size_t len,
		   const struct lic_list *list, unsigned flags,
		   const char *name, struct oh_err *err);

/** Free a tree; NULL is a no-op. */
void lic_expr_free(struct lic_expr *e);

/** True when the NUL-terminated s is a syntactically valid expression. */
bool lic_expr_is_valid(const char *s);

/**
 * Append the canonical text of a (sub)tree: single spaces, upper-case
 * operators, parentheses only where precedence needs them.  Parsing the
 * output gives the same tree.
 */
void lic_expr_print(struct oh_buf *out, const struct lic_expr_node *n);

/**
 * Append the expression with every deprecated id replaced by its modern
 * equivalent (GPL-2.0 -> GPL-2.0-only, GPL-2.0+ -> GPL-2.0-or-later,
 * GPL-2.0-with-classpath-exception -> GPL-2.0-only WITH
 * Classpath-exception-2.0).  Needs the tree to have been parsed with a
 * list; otherwise the same as lic_expr_print().
 */
void lic_expr_print_modern(struct oh_buf *out, const struct lic_expr_node *n,
			   const struct lic_list *list);

/** Callback for lic_expr_walk(): called for LICENSE, REF, WITH leaves. */
typedef int (*lic_expr_leaf_fn)(void *ctx, const struct lic_expr_node *leaf);

/**
 * Call fn for every leaf (a WITH node counts as one leaf; its left child
 * is not visited separately), left to right.  A non-zero return stops the
 * walk and is returned.
 */
int lic_expr_walk(const struct lic_expr_node *n, lic_expr_leaf_fn fn,
		  void *ctx);

/**
 * Evaluate a tree with a per-leaf predicate: OR is true when some branch
 * is, AND when all are.  NONE and NOASSERTION are false.  fn receives the
 * leaf (LICENSE, REF or WITH node).
 */
bool lic_expr_eval(const struct lic_expr_node *n,
		   bool (*fn)(void *ctx, const struct lic_expr_node *leaf),
		   void *ctx);

#endif /* OH_LICENSE_EXPR_H */
