/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * manifest: parsing, path resolution, declared facts, and every error
 * with its location.
 */
#include <string.h>

#include <check.h>

#include "core/err.h"
#include "scan/manifest.h"
#include "unit.h"

static struct manifest *parse_ok(const char *json)
{
	struct manifest *m = NULL;
	struct oh_err err = OH_ERR_INIT;

	ck_assert_msg(manifest_parse(&m, json, strlen(json), "m.json", "/base",
				     &err) == 0,
		      "parse failed: %s", err.msg);
	oh_err_release(&err);
	return m;
}

START_TEST(test_manifest_full)
{
	struct manifest *m = parse_ok(
		"{\"name\": \"product\", \"components\": ["
		"{\"name\": \"a\", \"repo\": \"repos/a\", \"ref\": \"v1\","
		" \"origin_country\": \"cn\", \"organization\": \"Org\","
		" \"foundation\": \"Apache\", \"category\": \"database\","
		" \"security_critical\": true, \"alternatives\": [\"x\", \"y\"],"
		" \"notes\": \"n\", \"future_key\": 1},"
		"{\"name\": \"b\", \"repo\": \"https://u:secret@example.org/b.git\","
		" \"version\": \"2.1\"}"
		"]}");
	const struct manifest_component *a = manifest_find(m, "a");
	const struct manifest_component *b = manifest_find(m, "b");

	ck_assert_str_eq(m->title, "product");
	ck_assert_uint_eq(m->component_nr, 2);
	ck_assert_ptr_nonnull(a);
	ck_assert_str_eq(a->repo, "/base/repos/a");
	ck_assert_str_eq(a->ref, "v1");
	ck_assert_ptr_null(a->version);
	ck_assert_str_eq(b->version, "2.1");
	ck_assert_str_eq(a->origin, "CN");
	ck_assert_str_eq(a->foundation, "Apache");
	ck_assert_int_eq(a->security_critical, MANIFEST_TRUE);
	ck_assert_uint_eq(a->alternative_nr, 2);
	ck_assert_str_eq(a->alternative[1], "y");
	ck_assert_uint_eq(m->warning_nr, 1);
	ck_assert_ptr_nonnull(strstr(m->warning[0], "future_key"));
	ck_assert_str_eq(b->repo, "https://u:secret@example.org/b.git");
	ck_assert_int_eq(b->security_critical, MANIFEST_UNSET);
	/* Credentials never reach the stored declared facts. */
	ck_assert_ptr_null(strstr(b->declared_json, "secret"));
	ck_assert_ptr_null(strstr(a->declared_json, "repos/a"));
	ck_assert_ptr_nonnull(strstr(a->declared_json, "\"origin_country\""));
	ck_assert_ptr_null(manifest_find(m, "c"));
	manifest_free(m);
}
END_TEST

static const struct {
	const char *json;
	int code;
	const char *msg; /* substring of the message */
	unsigned line, col;
} bad_cases[] = {
	{ "{\"components\": [", OH_EINPUT, "invalid JSON", 1, 16 },
	{ "{\n  \"components\": [\n    {\"name\": }\n]}", OH_EINPUT,
	  "invalid JSON", 3, 14 },
	{ "[]", OH_EINPUT, "must be a JSON object", 0, 0 },
	{ "{}", OH_EINPUT, "'components' must be an array", 0, 0 },
	{ "{\"components\": [1]}", OH_EINPUT, "components[0] must be an object",
	  0, 0 },
	{ "{\"components\": [{\"repo\": \"x\"}]}", OH_EINPUT,
	  "components[0]: 'name' is required", 0, 0 },
	{ "{\"components\": [{\"name\": \"\", \"repo\": \"x\"}]}", OH_EINPUT,
	  "components[0].name must not be empty", 0, 0 },
	{ "{\"components\": [{\"name\": \"a\"}]}", OH_EINPUT,
	  "'repo' is required", 0, 0 },
	{ "{\"components\": [{\"name\": 5, \"repo\": \"x\"}]}", OH_EINPUT,
	  "components[0].name must be a string", 0, 0 },
	{ "{\"components\": [{\"name\": \"a\", \"repo\": \"x\"},"
	  "{\"name\": \"a\", \"repo\": \"y\"}]}",
	  OH_EINPUT, "components[1]: duplicate component name 'a'", 0, 0 },
	{ "{\"components\": [{\"name\": \"a\", \"repo\": \"x\","
	  " \"origin_country\": \"China\"}]}",
	  OH_EINPUT, "not an ISO 3166 alpha-2 code", 0, 0 },
	{ "{\"components\": [{\"name\": \"a\", \"repo\": \"x\","
	  " \"security_critical\": \"yes\"}]}",
	  OH_EINPUT, "security_critical must be true or false", 0, 0 },
	{ "{\"components\": [{\"name\": \"a\", \"repo\": \"x\","
	  " \"alternatives\": \"b\"}]}",
	  OH_EINPUT, "alternatives must be an array", 0, 0 },
	{ "{\"components\": [{\"name\": \"a\", \"repo\": \"x\","
	  " \"alternatives\": [\"b\", 3]}]}",
	  OH_EINPUT, "alternatives[1] must be a string", 0, 0 },
};

START_TEST(test_manifest_errors)
{
	struct manifest *m = NULL;
	struct oh_err err = OH_ERR_INIT;
	const char *j = bad_cases[_i].json;

	ck_assert_int_eq(manifest_parse(&m, j, strlen(j), "m.json", NULL, &err),
			 bad_cases[_i].code);
	ck_assert_ptr_null(m);
	ck_assert_msg(strstr(err.msg, bad_cases[_i].msg) != NULL,
		      "message '%s' lacks '%s'", err.msg, bad_cases[_i].msg);
	ck_assert_str_eq(err.input, "m.json");
	ck_assert_uint_eq(err.line, bad_cases[_i].line);
	ck_assert_uint_eq(err.col, bad_cases[_i].col);
	oh_err_release(&err);
}
END_TEST

START_TEST(test_manifest_sources)
{
	struct manifest *m = manifest_new("<args>");
	struct oh_err err = OH_ERR_INIT;

	ck_assert_int_eq(manifest_add_source(m, "https://h/org/proj.git", &err),
			 0);
	ck_assert_int_eq(manifest_add_source(m, "/srv/git/other/", &err), 0);
	ck_assert_int_eq(manifest_add_source(m, "git@host:org/third.git", &err),
			 0);
	ck_assert_int_eq(manifest_add_source(m, "/elsewhere/proj", &err),
			 OH_EINPUT);
	ck_assert_ptr_nonnull(strstr(err.msg, "already listed"));
	oh_err_release(&err);
	ck_assert_int_eq(manifest_add_source(m, "", &err), OH_EINPUT);
	oh_err_release(&err);
	ck_assert_str_eq(m->component[0].name, "proj");
	ck_assert_str_eq(m->component[1].name, "other");
	ck_assert_str_eq(m->component[1].repo, "/srv/git/other/");
	ck_assert_str_eq(m->component[2].name, "third");
	manifest_free(m);
}
END_TEST

START_TEST(test_manifest_load_missing)
{
	struct manifest *m = NULL;
	struct oh_err err = OH_ERR_INIT;

	ck_assert_int_eq(manifest_load(&m, "/nonexistent/m.json", &err),
			 OH_ENOTFOUND);
	ck_assert_str_eq(err.input, "/nonexistent/m.json");
	oh_err_release(&err);
}
END_TEST

Suite *manifest_suite(void)
{
	Suite *s = suite_create("manifest");
	TCase *tc = tcase_create("parse");

	tcase_add_test(tc, test_manifest_full);
	tcase_add_loop_test(tc, test_manifest_errors, 0,
			    sizeof(bad_cases) / sizeof(bad_cases[0]));
	tcase_add_test(tc, test_manifest_sources);
	tcase_add_test(tc, test_manifest_load_missing);
	suite_add_tcase(s, tc);
	return s;
}
