/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * license expressions: syntax (valid and invalid with positions),
 * precedence, printing and round trips, list-aware checks (unknown ids,
 * deprecated ids with their modern form, exceptions), limits.
 */
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "core/buf.h"
#include "core/err.h"
#include "license/expr.h"
#include "license/list.h"
#include "unit.h"

static const struct {
	const char *expr;
	const char *printed; /* canonical print, or NULL when invalid */
} syntax_cases[] = {
	{ "MIT", "MIT" },
	{ "  MIT  ", "MIT" },
	{ "MIT OR Apache-2.0", "MIT OR Apache-2.0" },
	{ "GPL-2.0-or-later WITH Classpath-exception-2.0",
	  "GPL-2.0-or-later WITH Classpath-exception-2.0" },
	{ "MIT AND BSD-3-Clause OR GPL-3.0+",
	  "MIT AND BSD-3-Clause OR GPL-3.0+" },
	{ "MIT AND (BSD-3-Clause OR GPL-3.0+)",
	  "MIT AND (BSD-3-Clause OR GPL-3.0+)" },
	{ "(MIT AND BSD-3-Clause) OR X", "MIT AND BSD-3-Clause OR X" },
	{ "A OR (B OR C)", "A OR (B OR C)" },
	{ "A OR B OR C", "A OR B OR C" },
	{ "((((MIT))))", "MIT" },
	{ "(MIT)AND(X)", "MIT AND X" },
	{ "A WITH E AND B", "A WITH E AND B" },
	{ "LicenseRef-my.lic-1", "LicenseRef-my.lic-1" },
	{ "DocumentRef-spdx-tool-1.2:LicenseRef-MIT-Style-2",
	  "DocumentRef-spdx-tool-1.2:LicenseRef-MIT-Style-2" },
	{ "LicenseRef-a WITH Some-exception",
	  "LicenseRef-a WITH Some-exception" },
	{ "NONE", "NONE" },
	{ "NOASSERTION", "NOASSERTION" },
	{ "mit and apache-2.0", "mit AND apache-2.0" },
	{ "MIT\r\n OR\tX", "MIT OR X" },
	{ "", NULL },
	{ "   ", NULL },
	{ "MIT OR", NULL },
	{ "(MIT", NULL },
	{ "MIT)", NULL },
	{ "MIT Apache-2.0", NULL },
	{ "MIT And Apache-2.0", NULL },
	{ "MIT WITH", NULL },
	{ "MIT WITH (X)", NULL },
	{ "(MIT OR X) WITH E", NULL },
	{ "MIT WITH A WITH B", NULL },
	{ "GPL-2.0++", NULL },
	{ "GP+L", NULL },
	{ "LicenseRef-", NULL },
	{ "LicenseRef-a+", NULL },
	{ "DocumentRef-a:", NULL },
	{ "DocumentRef-:LicenseRef-a", NULL },
	{ "a:LicenseRef-b", NULL },
	{ "MIT / Apache-2.0", NULL },
	{ "MIT, Apache-2.0", NULL },
	{ "NONE AND MIT", NULL },
	{ "MIT OR NOASSERTION", NULL },
	{ "()", NULL },
	{ "AND", NULL },
	{ "MIT\xc3\xa9", NULL },
};

/* parse(print(tree)) is the same tree: compare node by node */
static void same_tree(const struct lic_expr_node *a,
		      const struct lic_expr_node *b)
{
	if (!a || !b) {
		ck_assert_ptr_eq(a, b);
		return;
	}
	ck_assert_int_eq(a->kind, b->kind);
	ck_assert_int_eq(a->plus, b->plus);
	if (a->id)
		ck_assert_str_eq(a->id, b->id);
	if (a->exception)
		ck_assert_str_eq(a->exception, b->exception);
	if (a->document_ref)
		ck_assert_str_eq(a->document_ref, b->document_ref);
	same_tree(a->left, b->left);
	same_tree(a->right, b->right);
}

static void roundtrip(const struct lic_expr *e, const struct oh_buf *printed)
{
	struct lic_expr *e2 = NULL;
	struct oh_err err = OH_ERR_INIT;
	struct oh_buf again = OH_BUF_INIT;

	ck_assert_int_eq(lic_expr_parse(&e2, printed->buf, printed->len, NULL,
					0, NULL, &err),
			 0);
	same_tree(e->root, e2->root);
	lic_expr_print(&again, e2->root);
	ck_assert_str_eq(again.buf, printed->buf);
	lic_expr_free(e2);
	oh_buf_release(&again);
}

START_TEST(test_licexpr_syntax)
{
	struct lic_expr *e = NULL;
	struct oh_err err = OH_ERR_INIT;
	struct oh_buf out = OH_BUF_INIT;
	const char *s = syntax_cases[_i].expr;
	int ret;

	ret = lic_expr_parse(&e, s, strlen(s), NULL, 0, "t", &err);
	if (!syntax_cases[_i].printed) {
		ck_assert_msg(ret == OH_EINPUT, "'%s' accepted", s);
		ck_assert_ptr_null(e);
		ck_assert_uint_gt(err.col, 0);
	} else {
		ck_assert_msg(ret == 0, "'%s': %s", s, err.msg);
		lic_expr_print(&out, e->root);
		ck_assert_str_eq(out.buf, syntax_cases[_i].printed);
		roundtrip(e, &out);
	}
	ck_assert_int_eq(lic_expr_is_valid(s),
			 syntax_cases[_i].printed != NULL);
	lic_expr_free(e);
	oh_buf_release(&out);
	oh_err_release(&err);
}
END_TEST

static const struct {
	const char *expr;
	unsigned col;
	const char *msg; /* substring */
} error_cases[] = {
	{ "MIT OR", 7, "expected a license id" },
	{ "(MIT", 5, "to close '(' at column 1" },
	{ "MIT Apache-2.0", 5, "expected 'AND', 'OR', 'WITH'" },
	{ "MIT And X", 5, "must be written 'AND'" },
	{ "MIT WITH", 9, "expected an exception id after 'WITH'" },
	{ "NONE AND MIT", 1, "NONE is only valid as the whole" },
	{ "MIT / X", 5, "unexpected character '/'" },
	{ "", 1, "empty expression" },
	{ "DocumentRef-a:Foo", 15, "expected 'LicenseRef-<id>'" },
};

START_TEST(test_licexpr_errors)
{
	struct lic_expr *e = NULL;
	struct oh_err err = OH_ERR_INIT;
	const char *s = error_cases[_i].expr;

	ck_assert_int_eq(lic_expr_parse(&e, s, strlen(s), NULL, 0, "tag", &err),
			 OH_EINPUT);
	ck_assert_uint_eq(err.col, error_cases[_i].col);
	ck_assert_msg(strstr(err.msg, error_cases[_i].msg), "%s", err.msg);
	ck_assert_str_eq(err.input, "tag");
	oh_err_release(&err);
}
END_TEST

START_TEST(test_licexpr_tree)
{
	struct lic_expr *e = NULL;
	struct oh_err err = OH_ERR_INIT;
	const char *s = "A OR B AND C WITH X";
	const struct lic_expr_node *r;

	ck_assert_int_eq(lic_expr_parse(&e, s, strlen(s), NULL, 0, NULL, &err),
			 0);
	r = e->root;
	ck_assert_int_eq(r->kind, LIC_EXPR_OR);
	ck_assert_int_eq(r->left->kind, LIC_EXPR_LICENSE);
	ck_assert_str_eq(r->left->id, "A");
	ck_assert_int_eq(r->right->kind, LIC_EXPR_AND);
	ck_assert_int_eq(r->right->right->kind, LIC_EXPR_WITH);
	ck_assert_str_eq(r->right->right->exception, "X");
	ck_assert_str_eq(r->right->right->left->id, "C");
	ck_assert_uint_eq(r->right->right->col, 19);
	ck_assert_uint_eq(e->nwarning, 0);
	lic_expr_free(e);

	s = "GPL-2.0+ OR DocumentRef-d:LicenseRef-x";
	ck_assert_int_eq(lic_expr_parse(&e, s, strlen(s), NULL, 0, NULL, &err),
			 0);
	ck_assert(e->root->left->plus);
	ck_assert_str_eq(e->root->left->id, "GPL-2.0");
	ck_assert_int_eq(e->root->right->kind, LIC_EXPR_REF);
	ck_assert_str_eq(e->root->right->document_ref, "DocumentRef-d");
	ck_assert_str_eq(e->root->right->id, "LicenseRef-x");
	lic_expr_free(e);
	oh_err_release(&err);
}
END_TEST

START_TEST(test_licexpr_limits)
{
	struct lic_expr *e = NULL;
	struct oh_err err = OH_ERR_INIT;
	struct oh_buf b = OH_BUF_INIT;

	for (int i = 0; i < 100; i++)
		oh_buf_addch(&b, '(');
	oh_buf_adds(&b, "MIT");
	for (int i = 0; i < 100; i++)
		oh_buf_addch(&b, ')');
	ck_assert_int_eq(lic_expr_parse(&e, b.buf, b.len, NULL, 0, NULL, &err),
			 OH_ELIMIT);
	oh_err_release(&err);
	oh_buf_reset(&b);
	oh_buf_adds(&b, "MIT");
	while (b.len < LIC_EXPR_MAX_LEN)
		oh_buf_adds(&b, " OR MIT");
	ck_assert_int_eq(lic_expr_parse(&e, b.buf, b.len, NULL, 0, NULL, &err),
			 OH_ELIMIT);
	oh_err_release(&err);
	oh_buf_reset(&b);
	for (int i = 0; i < 200; i++)
		oh_buf_adds(&b, "a");
	ck_assert_int_eq(lic_expr_parse(&e, b.buf, b.len, NULL, 0, NULL, &err),
			 OH_ELIMIT);
	oh_err_release(&err);
	/* NUL inside the given length is an error, not an end */
	ck_assert_int_eq(lic_expr_parse(&e, "MIT\0X", 5, NULL, 0, NULL, &err),
			 OH_EINPUT);
	ck_assert_uint_eq(err.col, 4);
	oh_err_release(&err);
	oh_buf_release(&b);
}
END_TEST

static struct lic_list *list;

static void list_setup(void)
{
	struct oh_err err = OH_ERR_INIT;

	if (lic_list_load(&list, &err) < 0)
		ck_abort_msg("%s", err.msg);
}

static void list_teardown(void)
{
	lic_list_free(list);
	list = NULL;
}

START_TEST(test_licexpr_with_list)
{
	struct lic_expr *e = NULL;
	struct oh_err err = OH_ERR_INIT;
	struct oh_buf out = OH_BUF_INIT;
	const char *s = "gpl-2.0+ OR mit AND Foo-1 OR GPL-2.0 WITH "
			"classpath-exception-2.0 OR LGPL-2.1";

	ck_assert_int_eq(lic_expr_parse(&e, s, strlen(s), list, 0, NULL, &err),
			 0);
	lic_expr_print(&out, e->root);
	ck_assert_str_eq(out.buf, "GPL-2.0+ OR MIT AND Foo-1 OR GPL-2.0 WITH "
				  "Classpath-exception-2.0 OR LGPL-2.1");
	oh_buf_reset(&out);
	lic_expr_print_modern(&out, e->root, list);
	ck_assert_str_eq(out.buf,
			 "GPL-2.0-or-later OR MIT AND Foo-1 OR GPL-2.0-only "
			 "WITH Classpath-exception-2.0 OR LGPL-2.1-only");
	ck_assert(e->root->left->left->left->deprecated);
	ck_assert(e->root->left->left->left->known);
	ck_assert(!e->root->left->left->right->right->known);
	/* warnings: case x2, deprecated, unknown, case, deprecated, case... */
	{
		unsigned ndep = 0, nunk = 0, ncase = 0;

		for (size_t i = 0; i < e->nwarning; i++) {
			const struct lic_expr_warning *w = &e->warning[i];

			ndep += w->kind == LIC_EXPR_W_DEPRECATED;
			nunk += w->kind == LIC_EXPR_W_UNKNOWN_ID;
			ncase += w->kind == LIC_EXPR_W_CASE;
			if (w->kind == LIC_EXPR_W_DEPRECATED && w->col == 1) {
				ck_assert_str_eq(w->replacement,
						 "GPL-2.0-or-later");
			}
		}
		ck_assert_uint_eq(ndep, 3);
		ck_assert_uint_eq(nunk, 1);
		ck_assert_uint_eq(ncase, 3);
	}
	lic_expr_free(e);
	oh_buf_release(&out);

	s = "MIT AND Foo-1";
	ck_assert_int_eq(lic_expr_parse(&e, s, strlen(s), list, LIC_EXPR_STRICT,
					NULL, &err),
			 OH_EINPUT);
	ck_assert_uint_eq(err.col, 9);
	oh_err_release(&err);
	s = "MIT WITH Apache-2.0";
	ck_assert_int_eq(lic_expr_parse(&e, s, strlen(s), list, 0, NULL, &err),
			 OH_EINPUT);
	ck_assert_ptr_nonnull(
		strstr(err.msg, "is a license, not an exception"));
	oh_err_release(&err);
	s = "Classpath-exception-2.0";
	ck_assert_int_eq(lic_expr_parse(&e, s, strlen(s), list, 0, NULL, &err),
			 OH_EINPUT);
	oh_err_release(&err);
	s = "mit or x";
	ck_assert_int_eq(lic_expr_parse(&e, s, strlen(s), list, LIC_EXPR_STRICT,
					NULL, &err),
			 OH_EINPUT);
	oh_err_release(&err);
}
END_TEST

static int count_leaf(void *ctx, const struct lic_expr_node *n)
{
	(void)n;
	(*(int *)ctx)++;
	return 0;
}

static bool not_b(void *ctx, const struct lic_expr_node *n)
{
	const char *bad = ctx;

	if (n->kind == LIC_EXPR_WITH)
		n = n->left;
	return strcmp(n->id, bad) != 0;
}

START_TEST(test_licexpr_eval)
{
	struct lic_expr *e = NULL;
	struct oh_err err = OH_ERR_INIT;
	const char *s = "(A OR B) AND C WITH E";
	int n = 0;

	ck_assert_int_eq(lic_expr_parse(&e, s, strlen(s), NULL, 0, NULL, &err),
			 0);
	ck_assert_int_eq(lic_expr_walk(e->root, count_leaf, &n), 0);
	ck_assert_int_eq(n, 3);
	ck_assert(lic_expr_eval(e->root, not_b, "B"));
	ck_assert(lic_expr_eval(e->root, not_b, "A"));
	ck_assert(!lic_expr_eval(e->root, not_b, "C"));
	lic_expr_free(e);
}
END_TEST

Suite *licexpr_suite(void)
{
	Suite *s = suite_create("licexpr");
	TCase *tc = tcase_create("syntax");
	TCase *tl = tcase_create("list");

	tcase_add_loop_test(tc, test_licexpr_syntax, 0,
			    sizeof(syntax_cases) / sizeof(syntax_cases[0]));
	tcase_add_loop_test(tc, test_licexpr_errors, 0,
			    sizeof(error_cases) / sizeof(error_cases[0]));
	tcase_add_test(tc, test_licexpr_tree);
	tcase_add_test(tc, test_licexpr_limits);
	tcase_add_test(tc, test_licexpr_eval);
	suite_add_tcase(s, tc);
	tcase_add_checked_fixture(tl, list_setup, list_teardown);
	tcase_add_test(tl, test_licexpr_with_list);
	suite_add_tcase(s, tl);
	return s;
}
