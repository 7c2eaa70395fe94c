/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * license verdict: OSI outcome of expressions (AND/OR/WITH, deprecated
 * ids, LicenseRef), agreement of declared and detected licenses, and the
 * findings with their evidence.
 */
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "core/err.h"
#include "license/list.h"
#include "license/match.h"
#include "license/verdict.h"
#include "unit.h"

static struct lic_list *list;

static void setup(void)
{
	struct oh_err err = OH_ERR_INIT;

	if (lic_list_load(&list, &err) < 0)
		ck_abort_msg("%s", err.msg);
}

static void teardown(void)
{
	lic_list_free(list);
}

static const struct {
	const char *expr;
	enum lic_osi osi;
} osi_cases[] = {
	{ "MIT", LIC_OSI_YES },
	{ "MIT AND Apache-2.0", LIC_OSI_YES },
	{ "MIT AND BUSL-1.1", LIC_OSI_NO },
	{ "MIT OR BUSL-1.1", LIC_OSI_YES },
	{ "BUSL-1.1 OR SSPL-1.0", LIC_OSI_NO },
	{ "(BUSL-1.1 OR MIT) AND (Elastic-2.0 OR Apache-2.0)", LIC_OSI_YES },
	{ "GPL-2.0-only WITH Classpath-exception-2.0", LIC_OSI_YES },
	{ "GPL-2.0-only WITH Foo-exception", LIC_OSI_NO },
	{ "BUSL-1.1 WITH Classpath-exception-2.0", LIC_OSI_NO },
	{ "GPL-2.0", LIC_OSI_YES },
	{ "GPL-2.0+", LIC_OSI_YES },
	{ "GPL-2.0-with-classpath-exception", LIC_OSI_YES },
	{ "LicenseRef-custom", LIC_OSI_NO },
	{ "Unknown-License-1.0", LIC_OSI_NO },
	{ "JSON", LIC_OSI_NO },
	{ "NONE", LIC_OSI_UNKNOWN },
	{ "NOASSERTION", LIC_OSI_UNKNOWN },
	{ "mit", LIC_OSI_YES },
};

START_TEST(test_licverdict_osi)
{
	struct oh_err err = OH_ERR_INIT;
	enum lic_osi osi;

	ck_assert_int_eq(lic_expr_osi(&osi, list, osi_cases[_i].expr, &err), 0);
	ck_assert_msg(osi == osi_cases[_i].osi, "%s: %d", osi_cases[_i].expr,
		      osi);
	ck_assert_int_eq(lic_expr_osi(&osi, list, "MIT OR", &err), OH_EINPUT);
	oh_err_release(&err);
}
END_TEST

static unsigned count(const struct lic_verdict *v, enum lic_finding_kind k)
{
	unsigned n = 0;

	for (size_t i = 0; i < v->nfinding; i++)
		n += v->finding[i].kind == k;
	return n;
}

static const struct lic_finding *find(const struct lic_verdict *v,
				      enum lic_finding_kind k)
{
	for (size_t i = 0; i < v->nfinding; i++)
		if (v->finding[i].kind == k)
			return &v->finding[i];
	return NULL;
}

static struct lic_match_hit hit(enum lic_match_kind kind, const char *id,
				unsigned flags)
{
	struct lic_match_hit h = { .kind = kind, .id = id, .flags = flags };

	h.percent = kind == LIC_MATCH_EXACT ? 100 : 70;
	h.line_first = 1;
	h.line_last = 20;
	h.share = 100;
	if (flags & LIC_MATCH_F_VERSION_AMBIGUOUS)
		h.alt_id = "GPL-2.0-or-later";
	return h;
}

START_TEST(test_licverdict_agree)
{
	struct lic_declared_expr d[] = {
		{ "MIT OR Apache-2.0", "Cargo.toml", 5, "cargo" },
		{ "MIT OR Apache-2.0", "src/lib.rs", 1, "spdx-tag" },
	};
	struct lic_match_hit h1 = hit(LIC_MATCH_EXACT, "MIT", 0);
	struct lic_match_hit h2 = hit(LIC_MATCH_CLOSE, "Apache-2.0", 0);
	struct lic_detected_text t[] = {
		{ "LICENSE-MIT", &h1, 1, 0 },
		{ "LICENSE-APACHE", &h2, 1, 2 },
	};
	struct lic_verdict v;

	ck_assert_int_eq(lic_verdict_compute(&v, list, d, 2, t, 2), 0);
	ck_assert_str_eq(v.declared, "MIT OR Apache-2.0");
	ck_assert_str_eq(v.detected, "MIT AND Apache-2.0");
	ck_assert(v.agree);
	ck_assert_int_eq(v.osi, LIC_OSI_YES);
	ck_assert_uint_eq(v.nfinding, 1);
	ck_assert_int_eq(v.finding[0].kind, LIC_FIND_MODIFIED_TEXT);
	ck_assert_str_eq(v.finding[0].file, "LICENSE-APACHE");
	ck_assert_ptr_nonnull(strstr(v.finding[0].msg, "close, 70%"));
	lic_verdict_release(&v);
}
END_TEST

START_TEST(test_licverdict_disagree)
{
	struct lic_declared_expr d[] = {
		{ "MIT", "package.json", 4, "npm" },
		{ "BUSL-1.1", "src/x.c", 1, "spdx-tag" },
	};
	struct lic_match_hit h1 = hit(LIC_MATCH_EXACT, "Apache-2.0", 0);
	struct lic_detected_text t[] = { { "LICENSE", &h1, 1, 0 } };
	struct lic_verdict v;
	const struct lic_finding *f;

	lic_verdict_compute(&v, list, d, 2, t, 1);
	ck_assert_str_eq(v.declared, "(MIT) AND (BUSL-1.1)");
	ck_assert(!v.agree);
	ck_assert_int_eq(v.osi, LIC_OSI_NO);
	f = find(&v, LIC_FIND_DISAGREE);
	ck_assert_ptr_nonnull(f);
	ck_assert_ptr_nonnull(strstr(f->msg, "no text for: MIT BUSL-1.1"));
	ck_assert_ptr_nonnull(strstr(f->msg, "not declared: Apache-2.0"));
	f = find(&v, LIC_FIND_NON_OSI);
	ck_assert_ptr_nonnull(f);
	ck_assert_ptr_nonnull(strstr(f->msg, "BUSL-1.1"));
	ck_assert_str_eq(f->file, "package.json");
	lic_verdict_release(&v);
}
END_TEST

START_TEST(test_licverdict_problems)
{
	struct lic_declared_expr d[] = {
		{ "MIT OR", "setup.cfg", 7, "python" },
		{ "GPL-2.0 AND Foo-1.0", "a.c", 2, "spdx-tag" },
	};
	struct lic_match_hit h[] = {
		hit(LIC_MATCH_EXACT, "GPL-2.0-only",
		    LIC_MATCH_F_VERSION_AMBIGUOUS),
	};
	struct lic_match_hit u = hit(LIC_MATCH_UNKNOWN, "BSD-3-Clause", 0);
	struct lic_detected_text t[] = {
		{ "COPYING", h, 1, 30 },
		{ "LICENSE.third", &u, 1, 100 },
	};
	struct lic_verdict v;
	const struct lic_finding *f;

	lic_verdict_compute(&v, list, d, 2, t, 2);
	f = find(&v, LIC_FIND_INVALID_EXPR);
	ck_assert_ptr_nonnull(f);
	ck_assert_str_eq(f->file, "setup.cfg");
	ck_assert_uint_eq(f->line, 7);
	ck_assert_ptr_nonnull(strstr(f->msg, "column 7"));
	ck_assert_uint_eq(count(&v, LIC_FIND_DEPRECATED_ID), 1);
	ck_assert_ptr_nonnull(
		strstr(find(&v, LIC_FIND_DEPRECATED_ID)->msg, "GPL-2.0-only"));
	ck_assert_uint_eq(count(&v, LIC_FIND_UNKNOWN_ID), 1);
	ck_assert_uint_eq(count(&v, LIC_FIND_AMBIGUOUS), 1);
	ck_assert_uint_eq(count(&v, LIC_FIND_EXTRA_TEXT), 1);
	f = find(&v, LIC_FIND_UNKNOWN_TEXT);
	ck_assert_ptr_nonnull(f);
	ck_assert_str_eq(f->file, "LICENSE.third");
	ck_assert_ptr_nonnull(strstr(f->msg, "nearest: BSD-3-Clause at 70%"));
	ck_assert_str_eq(v.declared, "GPL-2.0-only AND Foo-1.0");
	ck_assert_int_eq(v.osi, LIC_OSI_NO); /* Foo-1.0 is unknown */
	lic_verdict_release(&v);
}
END_TEST

START_TEST(test_licverdict_version)
{
	struct lic_declared_expr d[] = {
		{ "GPL-2.0-or-later", "README", 0, "readme" },
	};
	struct lic_match_hit h = hit(LIC_MATCH_EXACT, "GPL-2.0-only",
				     LIC_MATCH_F_VERSION_AMBIGUOUS);
	struct lic_match_hit o = hit(LIC_MATCH_EXACT, "GPL-2.0-only", 0);
	struct lic_detected_text t[] = { { "COPYING", &h, 1, 0 } };
	struct lic_verdict v;

	lic_verdict_compute(&v, list, d, 1, t, 1);
	ck_assert(v.agree); /* the text leaves the version open */
	ck_assert_int_eq(v.osi, LIC_OSI_YES);
	lic_verdict_release(&v);
	t[0].hit = &o; /* a notice said "version 2 only" */
	lic_verdict_compute(&v, list, d, 1, t, 1);
	ck_assert(!v.agree);
	ck_assert_uint_eq(count(&v, LIC_FIND_DISAGREE), 1);
	lic_verdict_release(&v);
}
END_TEST

START_TEST(test_licverdict_missing)
{
	struct lic_verdict v;
	struct lic_declared_expr d[] = { { "NOASSERTION", "x.spdx", 3, "" } };

	lic_verdict_compute(&v, list, NULL, 0, NULL, 0);
	ck_assert_uint_eq(count(&v, LIC_FIND_MISSING), 1);
	ck_assert_int_eq(v.osi, LIC_OSI_UNKNOWN);
	ck_assert_ptr_null(v.declared);
	ck_assert(!v.agree);
	ck_assert_str_eq(lic_finding_kind_name(v.finding[0].kind), "missing");
	lic_verdict_release(&v);
	lic_verdict_compute(&v, list, d, 1, NULL, 0);
	ck_assert_uint_eq(count(&v, LIC_FIND_MISSING), 1);
	lic_verdict_release(&v);
}
END_TEST

Suite *licverdict_suite(void)
{
	Suite *s = suite_create("licverdict");
	TCase *tc = tcase_create("verdict");

	tcase_add_unchecked_fixture(tc, setup, teardown);
	tcase_add_loop_test(tc, test_licverdict_osi, 0,
			    sizeof(osi_cases) / sizeof(osi_cases[0]));
	tcase_add_test(tc, test_licverdict_agree);
	tcase_add_test(tc, test_licverdict_disagree);
	tcase_add_test(tc, test_licverdict_problems);
	tcase_add_test(tc, test_licverdict_version);
	tcase_add_test(tc, test_licverdict_missing);
	suite_add_tcase(s, tc);
	return s;
}
