/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The shared SARIF writer: artifact URIs (RFC 3986 percent-encoding,
 * relative vs file://), rules added once with every property GitHub
 * requires, fingerprints stable across runs and distinct per subject.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>
#include <cjson/cJSON.h>

#include "core/buf.h"
#include "core/err.h"
#include "report/sarif.h"
#include "unit.h"

static const struct {
	const char *path;
	const char *uri;
	bool rel;
} uri_cases[] = {
	{ "a/b.c", "a/b.c", true },
	{ "./sp ace/br\xc3\xb6 ken.json", "sp%20ace/br%C3%B6%20ken.json",
	  true },
	{ ".//x//y", "x/y", true },
	{ "100%#?.txt", "100%25%23%3F.txt", true },
	{ "/abs/p q", "file:///abs/p%20q", false },
	{ "./", ".", true },
};

START_TEST(test_sarif_uri)
{
	struct oh_buf b = OH_BUF_INIT;

	ck_assert(report_sarif_uri(&b, uri_cases[_i].path) ==
		  uri_cases[_i].rel);
	ck_assert_str_eq(b.buf, uri_cases[_i].uri);
	oh_buf_release(&b);
}
END_TEST

/* Render two results of one rule and one of another; parse it back. */
static cJSON *render(const char *commit)
{
	struct report_sarif s;
	struct oh_err err = OH_ERR_INIT;
	char *text = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&text, &len);
	cJSON *j;

	report_sarif_begin(&s, "dco");
	report_sarif_add(&s, &(struct report_sarif_result){
				     .rule = "dco/no-signoff",
				     .message = "m1",
				     .path = ".git",
				     .logical = commit,
				     .logical_kind = "commit",
				     .identity = commit,
			     });
	report_sarif_add(&s, &(struct report_sarif_result){
				     .rule = "dco/no-signoff",
				     .message = "m2 differs",
				     .path = ".git",
				     .identity = "other",
			     });
	report_sarif_add(&s, &(struct report_sarif_result){
				     .rule = "SPDX-CHECKSUM",
				     .message = "m3",
				     .path = "x.json",
				     .line = 3,
			     });
	ck_assert_int_eq(report_sarif_end(&s, fp, &err), 0);
	fclose(fp);
	j = cJSON_Parse(text);
	ck_assert_ptr_nonnull(j);
	free(text);
	return j;
}

static const cJSON *at(const cJSON *o, const char *path)
{
	char key[64];

	while (o && *path != '\0') {
		size_t n = strcspn(path, ".");

		snprintf(key, sizeof(key), "%.*s", (int)n, path);
		if (key[0] >= '0' && key[0] <= '9')
			o = cJSON_GetArrayItem(o, (int)strtol(key, NULL, 10));
		else
			o = cJSON_GetObjectItemCaseSensitive(o, key);
		path += n + (path[n] == '.');
	}
	return o;
}

static const char *str(const cJSON *o, const char *path)
{
	const cJSON *v = at(o, path);

	ck_assert_msg(cJSON_IsString(v), "%s is not a string", path);
	return v->valuestring;
}

START_TEST(test_sarif_log)
{
	cJSON *a = render("0123abcd");
	cJSON *b = render("0123abcd");
	cJSON *c = render("9999ffff");
	const cJSON *run = at(a, "runs.0");

	ck_assert_str_eq(str(run, "automationDetails.id"), "osshealth/dco/");
	ck_assert_str_eq(str(run, "tool.driver.informationUri"),
			 "https://osshealth.invalid");
	/* Each rule once, in order of first use, with what GitHub needs. */
	ck_assert_int_eq(cJSON_GetArraySize(at(run, "tool.driver.rules")), 2);
	ck_assert_str_eq(str(run, "tool.driver.rules.0.id"), "dco/no-signoff");
	ck_assert_str_eq(str(run, "tool.driver.rules.0.name"), "DcoNoSignoff");
	ck_assert_str_eq(str(run, "tool.driver.rules.1.name"), "SpdxChecksum");
	str(run, "tool.driver.rules.1.fullDescription.text");
	str(run, "tool.driver.rules.1.help.text");
	str(run, "tool.driver.rules.1.help.markdown");
	ck_assert(strstr(str(run, "tool.driver.rules.0.helpUri"),
			 "/docs/dco.md#") != NULL);
	ck_assert_int_eq(at(run, "results.2.ruleIndex")->valueint, 1);
	ck_assert_str_eq(str(run, "results.0.locations.0.physicalLocation."
				  "artifactLocation.uriBaseId"),
			 "%SRCROOT%");
	ck_assert_str_eq(str(run, "results.0.locations.0.logicalLocations.0."
				  "name"),
			 "0123abcd");
	/* Same subject, same fingerprint; another subject, another. */
	ck_assert_str_eq(str(run, "results.0.partialFingerprints.osshealth/v1"),
			 str(at(b, "runs.0"),
			     "results.0.partialFingerprints.osshealth/v1"));
	ck_assert_str_ne(str(run, "results.0.partialFingerprints.osshealth/v1"),
			 str(at(c, "runs.0"),
			     "results.0.partialFingerprints.osshealth/v1"));
	ck_assert_str_ne(
		str(run, "results.0.partialFingerprints.osshealth/v1"),
		str(run, "results.1.partialFingerprints.osshealth/v1"));
	cJSON_Delete(a);
	cJSON_Delete(b);
	cJSON_Delete(c);
}
END_TEST

/* The same results as GitLab Code Quality: paths as given, severities. */
START_TEST(test_sarif_codequality)
{
	struct report_sarif s;
	struct oh_err err = OH_ERR_INIT;
	char *text = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&text, &len);
	cJSON *j;

	report_sarif_begin(&s, "license");
	report_sarif_add(&s, &(struct report_sarif_result){
				     .rule = "license-gate/no-tag",
				     .message = "no tag",
				     .path = "./sp ace/a.c",
			     });
	report_sarif_add(&s, &(struct report_sarif_result){
				     .rule = "SPDX-CHECKSUM-CASE",
				     .message = "upper case",
				     .path = "b.json",
				     .line = 7,
			     });
	ck_assert_int_eq(report_sarif_end_codequality(&s, fp, &err), 0);
	fclose(fp);
	j = cJSON_Parse(text);
	ck_assert(cJSON_IsArray(j));
	ck_assert_int_eq(cJSON_GetArraySize(j), 2);
	ck_assert_str_eq(str(j, "0.location.path"), "sp ace/a.c");
	ck_assert_int_eq(at(j, "0.location.lines.begin")->valueint, 1);
	ck_assert_str_eq(str(j, "0.severity"), "major");
	ck_assert_str_eq(str(j, "1.severity"), "minor");
	ck_assert_int_eq(at(j, "1.location.lines.begin")->valueint, 7);
	ck_assert_str_eq(str(j, "1.check_name"), "SPDX-CHECKSUM-CASE");
	ck_assert_str_ne(str(j, "0.fingerprint"), str(j, "1.fingerprint"));
	cJSON_Delete(j);
	free(text);
}
END_TEST

/* Every id family has texts; review-run license codes find their row. */
START_TEST(test_sarif_rules)
{
	static const char *const ids[] = {
		"dco/no-signoff",   "license-gate/no-tag",
		"license-non-osi",  "license/license-missing",
		"SPDX-NAMESPACE",   "NTIA-SUPPLIER",
		"security/fuzzing", "unheard-of",
	};

	for (size_t i = 0; i < sizeof(ids) / sizeof(ids[0]); i++) {
		const struct report_sarif_doc *d =
			report_sarif_doc_find(ids[i]);

		ck_assert(d->brief[0] != '\0' && d->full[0] != '\0');
		ck_assert(d->help[0] != '\0' && d->doc[0] != '\0');
	}
	ck_assert_ptr_eq(report_sarif_doc_find("license/license-missing"),
			 report_sarif_doc_find("license-missing"));
	ck_assert_ptr_nonnull(
		report_sarif_doc_find("security/fuzzing")->security_severity);
	ck_assert_ptr_null(
		report_sarif_doc_find("dco/no-signoff")->security_severity);
}
END_TEST

Suite *sarif_suite(void)
{
	Suite *s = suite_create("sarif");
	TCase *tc = tcase_create("writer");

	tcase_add_loop_test(tc, test_sarif_uri, 0,
			    sizeof(uri_cases) / sizeof(uri_cases[0]));
	tcase_add_test(tc, test_sarif_log);
	tcase_add_test(tc, test_sarif_rules);
	tcase_add_test(tc, test_sarif_codequality);
	suite_add_tcase(s, tc);
	return s;
}
