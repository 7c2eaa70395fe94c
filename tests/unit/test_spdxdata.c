/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * spdxdata: parsing licenses.json (caps and errors) and installing
 * licenses.tsv atomically with roll-back when the directory stops loading.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "core/buf.h"
#include "core/err.h"
#include "core/path.h"
#include "license/spdxdata.h"
#include "unit.h"

/* A licenses.json with n licenses L-0..L-(n-1) plus `extra` entries. */
static void make_list(struct oh_buf *b, int n, const char *extra)
{
	oh_buf_adds(b, "{\"licenseListVersion\":\"3.27\",\"licenses\":[");
	for (int i = 0; i < n; i++)
		oh_buf_addf(
			b,
			"%s{\"licenseId\":\"L-%d\",\"name\":\"Lic\\n%d\","
			"\"isOsiApproved\":%s,\"isDeprecatedLicenseId\":false}",
			i ? "," : "", i, i, i % 2 ? "true" : "false");
	oh_buf_adds(b, extra);
	oh_buf_adds(b, "]}");
}

START_TEST(test_spdx_parse)
{
	struct oh_buf b = OH_BUF_INIT;
	struct lic_spdx_list l;
	struct oh_err err = OH_ERR_INIT;

	make_list(&b, 120, "");
	ck_assert_int_eq(lic_spdx_parse(&l, b.buf, b.len, "in", &err), 0);
	ck_assert_str_eq(l.version, "3.27");
	ck_assert_uint_eq(l.nr, 120);
	ck_assert_str_eq(l.entry[0].id, "L-0");
	ck_assert_str_eq(l.entry[0].name, "Lic 0"); /* newline removed */
	ck_assert(!l.entry[0].osi);
	ck_assert_str_eq(l.entry[1].id, "L-1");
	ck_assert(l.entry[1].osi);
	lic_spdx_release(&l);
	oh_buf_release(&b);
	oh_err_release(&err);
}
END_TEST

static const struct {
	int n;
	const char *extra;
	int code;
	const char *msg;
} bad[] = {
	{ 99, "", OH_ELIMIT, "99 licenses; expected 100 to 8192" },
	{ 100,
	  ",{\"licenseId\":\"l-0\",\"name\":\"x\",\"isOsiApproved\":true,"
	  "\"isDeprecatedLicenseId\":false}",
	  OH_EINPUT, "duplicate licenseId" },
	{ 100, ",{\"licenseId\":\"a b\"}", OH_EINPUT,
	  "license 101: missing or invalid licenseId" },
	{ 100, ",{\"licenseId\":\"X\",\"name\":\"x\"}", OH_EINPUT,
	  "license 'X': name, isOsiApproved" },
	{ 100, ",7", OH_EINPUT, "license 101: missing or invalid licenseId" },
};

START_TEST(test_spdx_parse_bad)
{
	struct oh_buf b = OH_BUF_INIT;
	struct lic_spdx_list l;
	struct oh_err err = OH_ERR_INIT;

	make_list(&b, bad[_i].n, bad[_i].extra);
	ck_assert_int_eq(lic_spdx_parse(&l, b.buf, b.len, "in", &err),
			 bad[_i].code);
	ck_assert_msg(strstr(err.msg, bad[_i].msg), "%s", err.msg);
	ck_assert_uint_eq(l.nr, 0);
	ck_assert_ptr_null(l.version);
	oh_buf_release(&b);
	oh_err_release(&err);
}
END_TEST

START_TEST(test_spdx_parse_shape)
{
	static const char *const bodies[] = {
		"{\"licenses\":[]}",
		"{\"licenseListVersion\":\"1 2\",\"licenses\":[]}",
		"{\"licenseListVersion\":\"3\",\"licenses\":{}}",
		"{\"licenseListVersion\":\"3\"",
	};
	static const char *const msgs[] = {
		"missing or invalid licenseListVersion",
		"missing or invalid licenseListVersion",
		"\"licenses\" is missing or not an array",
		"invalid JSON at byte",
	};
	struct lic_spdx_list l;
	struct oh_err err = OH_ERR_INIT;

	for (size_t i = 0; i < 4; i++) {
		ck_assert_int_eq(lic_spdx_parse(&l, bodies[i],
						strlen(bodies[i]), "in", &err),
				 OH_EINPUT);
		ck_assert_msg(strstr(err.msg, msgs[i]), "%s", err.msg);
		oh_err_release(&err);
	}
	ck_assert_int_eq(
		lic_spdx_parse(&l, "{}", LIC_SPDX_MAX_BODY + 1, "in", &err),
		OH_ELIMIT);
	oh_err_release(&err);
}
END_TEST

static void setup(void)
{
	unit_tmpdir();
}

static void teardown(void)
{
	unit_tmpdir_remove();
}

/* The real licenses/ directory lists MIT in categories.json: a list
 * without it must not replace the old file. */
START_TEST(test_spdx_install_rollback)
{
	static const char *const files[] = { "licenses.tsv", "exceptions.tsv",
					     "replacements.tsv",
					     "categories.json" };
	struct oh_buf b = OH_BUF_INIT;
	struct oh_buf before = OH_BUF_INIT;
	struct oh_buf after = OH_BUF_INIT;
	struct lic_spdx_list l;
	struct oh_err err = OH_ERR_INIT;
	char dir[4096];
	size_t old = 0;

	snprintf(dir, sizeof(dir), "%s", unit_path("lic"));
	ck_assert_int_eq(oh_path_mkdirs(dir, &err), 0);
	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		oh_buf_reset(&b);
		oh_buf_addf(&b, "%s/licenses/%s", OH_SRCDIR, files[i]);
		oh_buf_reset(&before);
		ck_assert_int_eq(oh_buf_read_file(&before, b.buf, &err), 0);
		oh_buf_reset(&b);
		oh_buf_addf(&b, "%s/%s", dir, files[i]);
		unit_write_file(b.buf, before.buf, before.len);
	}
	oh_buf_reset(&before);
	oh_buf_reset(&b);
	oh_buf_addf(&b, "%s/licenses.tsv", dir);
	ck_assert_int_eq(oh_buf_read_file(&before, b.buf, &err), 0);
	oh_buf_reset(&b);
	make_list(&b, 120, "");
	ck_assert_int_eq(lic_spdx_parse(&l, b.buf, b.len, "in", &err), 0);
	ck_assert_int_lt(lic_spdx_install(&old, &l, dir, "test", &err), 0);
	ck_assert_msg(strstr(err.msg, "old list kept"), "%s", err.msg);
	ck_assert_uint_gt(old, 700);
	oh_buf_reset(&b);
	oh_buf_addf(&b, "%s/licenses.tsv", dir);
	oh_err_release(&err);
	ck_assert_int_eq(oh_buf_read_file(&after, b.buf, &err), 0);
	ck_assert_uint_eq(after.len, before.len);
	ck_assert_int_eq(memcmp(after.buf, before.buf, after.len), 0);
	lic_spdx_release(&l);
	oh_buf_release(&b);
	oh_buf_release(&before);
	oh_buf_release(&after);
	oh_err_release(&err);
}
END_TEST

Suite *spdxdata_suite(void)
{
	Suite *s = suite_create("spdxdata");
	TCase *tc = tcase_create("parse");
	TCase *ti = tcase_create("install");

	tcase_add_test(tc, test_spdx_parse);
	tcase_add_loop_test(tc, test_spdx_parse_bad, 0,
			    sizeof(bad) / sizeof(bad[0]));
	tcase_add_test(tc, test_spdx_parse_shape);
	suite_add_tcase(s, tc);
	tcase_add_checked_fixture(ti, setup, teardown);
	tcase_add_test(ti, test_spdx_install_rollback);
	suite_add_tcase(s, ti);
	return s;
}
