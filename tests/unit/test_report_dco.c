/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * report_dco: hostile subjects and identities (markup, quotes, control
 * bytes) still give well-formed JUnit XML (parsed by libxml2) and valid
 * JSON/SARIF (parsed by cJSON) that carry the text back unchanged.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>
#include <cjson/cJSON.h>
#include <libxml/parser.h>

#include "core/err.h"
#include "dco/dco.h"
#include "git/history.h"
#include "report/report_dco.h"
#include "unit.h"

static const char subject[] = "<b>&amp; \"q\" 'a' ]]> \x01\x1f end";

static void facts(struct hist *h)
{
	struct hist_commit *c;

	hist_init(h);
	c = hist_commit_add(h);
	strcpy(c->id, "0123456789abcdef0123456789abcdef01234567");
	c->author_name = hist_intern(h, "M\xc3\xbcller <&>");
	c->author_email = hist_intern(h, "m@x.org");
	c->parents = 1;
	c->subject = subject;
	hist_trailer_add(h, "Signed-off-by", "Other <o@x.org>", "Other",
			 "o@x.org");
}

static char *render(const struct hist *h, enum report_format f)
{
	struct dco_rules rules = { 0 };
	struct dco_result *r = NULL;
	struct oh_err err = OH_ERR_INIT;
	char *text = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&text, &len);

	dco_check(&r, h, &rules);
	ck_assert_uint_eq(r->failed, 1);
	ck_assert_int_eq(report_dco(fp, h, r, "abc", f, &err), 0);
	fclose(fp);
	dco_result_free(r);
	return text;
}

START_TEST(test_report_dco_junit)
{
	struct hist h;
	char *x;
	xmlDoc *doc;

	facts(&h);
	x = render(&h, REPORT_JUNIT);
	doc = xmlReadMemory(x, (int)strlen(x), "junit.xml", NULL,
			    XML_PARSE_NONET | XML_PARSE_NOERROR |
				    XML_PARSE_NOWARNING);
	ck_assert_msg(doc != NULL, "not well-formed:\n%s", x);
	ck_assert(strstr(x, "&lt;b&gt;&amp;amp; &quot;q&quot;") != NULL);
	xmlFreeDoc(doc);
	free(x);
	hist_release(&h);
}
END_TEST

START_TEST(test_report_dco_json)
{
	struct hist h;
	char *x;
	cJSON *j;
	const cJSON *c;

	facts(&h);
	x = render(&h, REPORT_JSON);
	j = cJSON_Parse(x);
	ck_assert_ptr_nonnull(j);
	c = cJSON_GetArrayItem(cJSON_GetObjectItem(j, "commits"), 0);
	ck_assert_str_eq(cJSON_GetObjectItem(c, "subject")->valuestring,
			 subject);
	ck_assert_str_eq(cJSON_GetObjectItem(c, "verdict")->valuestring,
			 "email-mismatch");
	cJSON_Delete(j);
	free(x);
	x = render(&h, REPORT_SARIF);
	j = cJSON_Parse(x);
	ck_assert_ptr_nonnull(j);
	ck_assert_str_eq(cJSON_GetObjectItem(j, "version")->valuestring,
			 "2.1.0");
	c = cJSON_GetArrayItem(
		cJSON_GetObjectItem(
			cJSON_GetArrayItem(cJSON_GetObjectItem(j, "runs"), 0),
			"results"),
		0);
	ck_assert_str_eq(cJSON_GetObjectItem(c, "ruleId")->valuestring,
			 "dco/email-mismatch");
	cJSON_Delete(j);
	free(x);
	hist_release(&h);
}
END_TEST

START_TEST(test_report_dco_errors)
{
	struct hist h;
	struct dco_rules rules = { 0 };
	struct dco_result *r = NULL;
	struct oh_err err = OH_ERR_INIT;
	FILE *full = fopen("/dev/full", "w");

	facts(&h);
	dco_check(&r, &h, &rules);
	ck_assert_int_eq(report_dco(stdout, &h, r, NULL, REPORT_HTML, &err),
			 OH_EINPUT);
	oh_err_release(&err);
	if (full) {
		ck_assert_int_eq(
			report_dco(full, &h, r, NULL, REPORT_TEXT, &err),
			OH_EIO);
		oh_err_release(&err);
		fclose(full);
	}
	dco_result_free(r);
	hist_release(&h);
}
END_TEST

Suite *report_dco_suite(void)
{
	Suite *s = suite_create("report_dco");
	TCase *tc = tcase_create("formats");

	tcase_add_test(tc, test_report_dco_junit);
	tcase_add_test(tc, test_report_dco_json);
	tcase_add_test(tc, test_report_dco_errors);
	suite_add_tcase(s, tc);
	return s;
}
