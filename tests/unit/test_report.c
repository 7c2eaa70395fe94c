/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * report: run results written through the store and read back, the
 * changes between two runs, per-format escaping, rendering.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "core/buf.h"
#include "core/err.h"
#include "report/changes.h"
#include "report/escape.h"
#include "report/report.h"
#include "report/report_sbom.h"
#include "sbom/sbom.h"
#include "store/store.h"
#include "store/store_scan.h"
#include "unit.h"

struct comp_facts {
	const char *name;
	const char *license;
	const char *osi;
	const char *absence;
	const char *commits_90;
	const char *security;
};

static int64_t write_run(struct store *st, const struct comp_facts *c, size_t n)
{
	struct store_run run = { .started_at = 1000, .tool_version = "t" };
	struct oh_err err = OH_ERR_INIT;
	int64_t run_id, comp_id;

	ck_assert_int_eq(store_run_begin(&run_id, st, &run, &err), 0);
	for (size_t i = 0; i < n; i++) {
		struct store_rc rc = { .status = "done",
				       .revision = "abc",
				       .started_at = 1,
				       .finished_at = 2 };

		ck_assert_int_eq(store_component_upsert(&comp_id, st, c[i].name,
							0, "{}", &err),
				 0);
		ck_assert_int_eq(store_begin(st, &err), 0);
		ck_assert_int_eq(
			store_run_component_put(st, run_id, comp_id, &rc, &err),
			0);
		store_fact_put(st, run_id, comp_id, "license.concluded",
			       c[i].license, &err);
		store_fact_put(st, run_id, comp_id, "license.osi", c[i].osi,
			       &err);
		store_fact_put(st, run_id, comp_id,
			       "activity.absence_factor_365", c[i].absence,
			       &err);
		store_fact_put(st, run_id, comp_id, "activity.commits_90",
			       c[i].commits_90, &err);
		store_fact_put(st, run_id, comp_id, "score.security",
			       c[i].security, &err);
		ck_assert_int_eq(store_score_put(st, run_id, comp_id,
						 "security", "sast", "scored",
						 0, "no <b>SAST</b>", "[\"x\"]",
						 &err),
				 0);
		ck_assert_int_eq(store_finding_put(st, run_id, comp_id,
						   "security/sast", "medium",
						   "no SAST", "[]", &err),
				 0);
		ck_assert_int_eq(store_commit(st, &err), 0);
	}
	/* Only a finished run is a baseline for the next. */
	ck_assert_int_eq(
		store_run_finish(st, run_id, STORE_RUN_DONE, 2000, &err), 0);
	ck_assert_int_eq(err.code, OH_OK);
	return run_id;
}

START_TEST(test_report_changes)
{
	static const struct comp_facts first[] = {
		{ "a", "Apache-2.0", "true", "3", "12", "8.0" },
		{ "b", "MIT", "true", "2", "5", "6.0" },
	};
	static const struct comp_facts second[] = {
		{ "a", "BUSL-1.1", "false", "1", "0", "5.5" },
		{ "c", "MIT", "true", "2", "5", "6.0" },
	};
	struct store *st = NULL;
	struct oh_err err = OH_ERR_INIT;
	struct store_run_report r1, r2;
	struct report_changes ch;
	int64_t id1, id2, prev;
	const char *kinds[] = { "absence-factor-1",
				"license",
				"license-non-osi",
				"score",
				"went-quiet",
				"removed",
				"added" };

	unit_tmpdir();
	ck_assert_int_eq(store_open(&st, unit_path("r.db"), NULL, &err), 0);
	id1 = write_run(st, first, 2);
	id2 = write_run(st, second, 2);
	ck_assert_int_eq(store_run_previous(&prev, st, id2, &err), 0);
	ck_assert_int_eq(prev, id1);
	ck_assert_int_eq(store_run_report_load(&r1, st, id1, &err), 0);
	ck_assert_int_eq(store_run_report_load(&r2, st, 0, &err), 0);
	ck_assert_int_eq(r2.run_id, id2);
	ck_assert_uint_eq(r2.comp_nr, 2);
	ck_assert_str_eq(r2.comp[0].name, "a");
	ck_assert_uint_eq(r2.comp[0].score_nr, 1);
	ck_assert_uint_eq(r2.comp[0].finding_nr, 1);
	ck_assert_uint_eq(r2.comp[0].fact_nr, 5);
	report_changes_compute(&ch, &r1, &r2);
	ck_assert_uint_eq(ch.nr, 7);
	for (size_t i = 0; i < ch.nr; i++)
		ck_assert_str_eq(ch.change[i].kind, kinds[i]);
	ck_assert_str_eq(ch.change[1].text,
			 "license changed from 'Apache-2.0' to 'BUSL-1.1'");
	ck_assert_str_eq(ch.change[3].text, "security score 8.0 -> 5.5 (-2.5)");
	ck_assert_str_eq(ch.change[5].component, "b");
	report_changes_release(&ch);
	report_changes_compute(&ch, NULL, &r2);
	ck_assert_uint_eq(ch.nr, 0);
	report_changes_release(&ch);
	store_run_report_release(&r1);
	ck_assert_int_eq(store_run_report_load(&r1, st, 99, &err),
			 OH_ENOTFOUND);
	oh_err_release(&err);
	store_run_report_release(&r2);
	store_close(st);
	unit_tmpdir_remove();
}
END_TEST

START_TEST(test_report_escape)
{
	struct oh_buf b = OH_BUF_INIT;

	report_esc_html(&b, "<script>alert('x')</script>&\"");
	ck_assert_str_eq(
		b.buf,
		"&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;&quot;");
	oh_buf_reset(&b);
	report_esc_text(&b, "a\033[31mred\n");
	ck_assert_str_eq(b.buf, "a\\x1b[31mred\\x0a");
	oh_buf_reset(&b);
	report_esc_md(&b, "a|b *c* <d>");
	ck_assert_str_eq(b.buf, "a\\|b \\*c\\* &lt;d&gt;");
	oh_buf_reset(&b);
	report_esc_csv(&b, "=cmd()\"x\"");
	ck_assert_str_eq(b.buf, "\"'=cmd()\"\"x\"\"\"");
	oh_buf_release(&b);
}
END_TEST

START_TEST(test_report_full_device)
{
	static const struct comp_facts one[] = {
		{ "a", "MIT", "true", "2", "5", "6.0" },
	};
	struct store *st = NULL;
	struct oh_err err = OH_ERR_INIT;
	struct store_run_report r;
	FILE *full = fopen("/dev/full", "w");

	if (!full)
		return;
	unit_tmpdir();
	ck_assert_int_eq(store_open(&st, unit_path("f.db"), NULL, &err), 0);
	write_run(st, one, 1);
	ck_assert_int_eq(store_run_report_load(&r, st, 0, &err), 0);
	ck_assert_int_eq(report_run(full, &r, NULL, REPORT_JSON, &err), OH_EIO);
	ck_assert_ptr_nonnull(strstr(err.msg, "cannot write"));
	oh_err_release(&err);
	fclose(full);
	store_run_report_release(&r);
	store_close(st);
	unit_tmpdir_remove();
}
END_TEST

START_TEST(test_report_sbom_line)
{
	ck_assert_uint_eq(report_sbom_line("line 12: packages[0].name"), 12);
	ck_assert_uint_eq(report_sbom_line("line 70000: files[3]"), 70000);
	ck_assert_uint_eq(report_sbom_line("packages[0].name"), 0);
	ck_assert_uint_eq(report_sbom_line("line x: a"), 0);
	ck_assert_uint_eq(report_sbom_line("line 5 a"), 0);
	ck_assert_uint_eq(report_sbom_line(""), 0);
}
END_TEST

/* SARIF and JUnit of one report with an error, a warning and an
 * unreadable file, read back with a memory stream. */
START_TEST(test_report_sbom_ci)
{
	struct sbom_diag d[] = {
		{ SBOM_ERROR, "SPDX-CHECKSUM", "SPDXRef-F", "line 9: files[0]",
		  "bad <sum> \x01" },
		{ SBOM_WARNING, "SPDX-HEX-CASE", "SPDXRef-G", "files[1]",
		  "upper case" },
	};
	struct sbom_report r = {
		.diag = d, .diag_nr = 2, .errors = 1, .warnings = 1
	};
	struct report_sbom_file f[] = {
		{ "a.spdx", &r, NULL },
		{ "b.json", NULL, "b.json:1:1: invalid JSON" },
	};
	struct oh_err err = OH_ERR_INIT;
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);

	ck_assert_int_eq(report_sbom_sarif(fp, f, 2, &err), 0);
	fclose(fp);
	ck_assert_ptr_nonnull(strstr(buf, "\"startLine\":\t9"));
	ck_assert_ptr_nonnull(strstr(buf, "\"ruleId\":\t\"SPDX-HEX-CASE\""));
	ck_assert_ptr_nonnull(strstr(buf, "\"level\":\t\"warning\""));
	ck_assert_ptr_nonnull(strstr(buf, "\"ruleId\":\t\"SBOM-UNREADABLE\""));
	ck_assert_ptr_null(strstr(buf, "\"startLine\":\t0"));
	free(buf);

	fp = open_memstream(&buf, &len);
	ck_assert_int_eq(report_sbom_junit(fp, f, 2, &err), 0);
	fclose(fp);
	ck_assert_ptr_nonnull(strstr(
		buf,
		"<testsuite name=\"a.spdx\" tests=\"2\" failures=\"1\" errors=\"0\" skipped=\"0\""));
	ck_assert_ptr_nonnull(strstr(buf, "message=\"bad &lt;sum&gt; ?\""));
	ck_assert_ptr_nonnull(strstr(buf, "<system-out>"));
	ck_assert_ptr_nonnull(strstr(buf, ": warning SPDX-HEX-CASE"));
	/* Ant's schema: no output inside a test case. */
	ck_assert_ptr_null(strstr(buf, "\n   <system-out>"));
	ck_assert_ptr_nonnull(strstr(
		buf,
		"<testsuite name=\"b.json\" tests=\"1\" failures=\"0\" errors=\"1\" skipped=\"0\""));
	free(buf);
	oh_err_release(&err);
}
END_TEST

Suite *report_suite(void)
{
	Suite *s = suite_create("report");
	TCase *tc = tcase_create("run");

	tcase_add_test(tc, test_report_changes);
	tcase_add_test(tc, test_report_escape);
	tcase_add_test(tc, test_report_full_device);
	tcase_add_test(tc, test_report_sbom_line);
	tcase_add_test(tc, test_report_sbom_ci);
	suite_add_tcase(s, tc);
	return s;
}
