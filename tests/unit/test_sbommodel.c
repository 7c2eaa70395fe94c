/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "core/err.h"
#include "sbom/model.h"
#include "unit.h"

static const char doc_ok[] =
	"{\"spdxVersion\":\"SPDX-2.3\",\"dataLicense\":\"CC0-1.0\","
	"\"SPDXID\":\"SPDXRef-DOCUMENT\",\"name\":\"d\","
	"\"documentNamespace\":\"https://example.org/d\","
	"\"creationInfo\":{\"created\":\"2026-11-01T00:00:00Z\","
	"\"creators\":[\"Tool: osshealth\"]},"
	"\"packages\":[{\"SPDXID\":\"SPDXRef-p\",\"name\":\"p\","
	"\"downloadLocation\":\"NOASSERTION\",\"filesAnalyzed\":false,"
	"\"checksums\":[{\"algorithm\":\"SHA1\",\"checksumValue\":\"ab\"}],"
	"\"externalRefs\":[{\"referenceCategory\":\"PACKAGE-MANAGER\","
	"\"referenceType\":\"purl\",\"referenceLocator\":\"pkg:generic/p\"}]}],"
	"\"relationships\":[{\"spdxElementId\":\"SPDXRef-DOCUMENT\","
	"\"relationshipType\":\"DESCRIBES\",\"relatedSpdxElement\":"
	"\"SPDXRef-p\"}]}";

START_TEST(test_sbom_json_read)
{
	struct oh_err err = OH_ERR_INIT;
	struct sbom_doc *d = NULL;

	ck_assert_int_eq(sbom_read(&d, doc_ok, strlen(doc_ok), "t", &err), 0);
	ck_assert_str_eq(d->spdx_version, "SPDX-2.3");
	ck_assert_uint_eq(d->ncreators, 1);
	ck_assert_uint_eq(d->npkg, 1);
	ck_assert_int_eq(d->pkg[0].files_analyzed, 0);
	ck_assert_str_eq(d->pkg[0].extref[0].locator, "pkg:generic/p");
	ck_assert_str_eq(d->pkg[0].checksum[0].algorithm, "SHA1");
	ck_assert_uint_eq(d->nrel, 1);
	ck_assert_str_eq(d->rel[0].type, "DESCRIBES");
	ck_assert_ptr_null(d->pkg[0].version);
	sbom_doc_free(d);
}
END_TEST

START_TEST(test_sbom_json_path_error)
{
	static const char bad[] = "{\"packages\":[{},{},{},{\"SPDXID\":3}]}";
	struct oh_err err = OH_ERR_INIT;
	struct sbom_doc *d = NULL;

	ck_assert_int_eq(sbom_read(&d, bad, strlen(bad), "t", &err), OH_EINPUT);
	ck_assert_ptr_null(d);
	ck_assert_ptr_nonnull(strstr(err.msg, "packages[3].SPDXID"));
	oh_err_release(&err);
}
END_TEST

START_TEST(test_sbom_detect)
{
	ck_assert_int_eq(sbom_format_detect("  {", 3), SBOM_FORMAT_JSON);
	ck_assert_int_eq(sbom_format_detect("SPDXVersion: SPDX-2.3\n", 22),
			 SBOM_FORMAT_TAGVALUE);
	ck_assert_int_eq(sbom_format_detect("<?xml", 5), SBOM_FORMAT_RDF);
	ck_assert_int_eq(sbom_format_detect("spdxVersion: x\n", 15),
			 SBOM_FORMAT_YAML);
	ck_assert_int_eq(sbom_format_detect("PK\x03\x04", 4), SBOM_FORMAT_XLSX);
	ck_assert_int_eq(sbom_format_detect("hello", 5), SBOM_FORMAT_UNKNOWN);
}
END_TEST

/* The JSON reader's strictness (issue 16, hole 15). */
static const struct {
	const char *json;
	int rc;          /* of sbom_read_json */
	const char *msg; /* part of the message, or NULL */
} strict[] = {
	{ "{\"spdxVersion\":\"SPDX-2.3\",\"name\":\"a\",\"name\":\"b\"}",
	  OH_EINPUT, "key 'name' is given twice" },
	{ "{\"spdxVersion\":\"SPDX-2.3\",\"packages\":[{\"SPDXID\":\"x\","
	  "\"SPDXID\":\"y\"}]}",
	  OH_EINPUT, "packages[0]: key 'SPDXID' is given twice" },
	{ "{\"spdxVersion\":\"SPDX-2.3\",\"name\":\"a\\u0000b\"}", OH_EINPUT,
	  "NUL character" },
	{ "{\"spdxVersion\":\"SPDX-2.3\",\"na\\u0000me\":\"a\"}", OH_EINPUT,
	  "NUL character" },
	/* an escaped backslash followed by "u0000" is no NUL */
	{ "{\"spdxVersion\":\"SPDX-2.3\",\"name\":\"a\\\\u0000b\"}", 0, NULL },
	{ "{\"spdxVersion\":\"SPDX-2.3\",\"packages\":[{\"filesAnalyzed\":"
	  "\"yes\"}]}",
	  OH_EINPUT, "packages[0].filesAnalyzed: expected true or false" },
	{ "{\"spdxVersion\":\"SPDX-2.3\",\"packages\":[{\"filesAnalyzed\":"
	  "1e400}]}",
	  OH_EINPUT, "expected true or false" },
	{ "{\"spdxVersion\":\"SPDX-2.3\",\"snippets\":[{\"ranges\":[{"
	  "\"startPointer\":{\"offset\":1e400}}]}]}",
	  OH_EINPUT, "expected a non-negative integer" },
	{ "{\"spdxVersion\":\"SPDX-2.3\",\"snippets\":[{\"ranges\":[{"
	  "\"startPointer\":{\"offset\":1.5}}]}]}",
	  OH_EINPUT, "expected a non-negative integer" },
};

START_TEST(test_sbom_json_strict)
{
	struct sbom_doc *d = NULL;
	struct oh_err err = OH_ERR_INIT;
	const char *j = strict[_i].json;

	ck_assert_int_eq(sbom_read_json(&d, j, strlen(j), "t", &err),
			 strict[_i].rc);
	if (strict[_i].msg)
		ck_assert_msg(strstr(err.msg, strict[_i].msg), "%s", err.msg);
	sbom_doc_free(d);
	oh_err_release(&err);
}
END_TEST

/* Nesting: the same cap for every reader (validate included). */
START_TEST(test_sbom_json_depth)
{
	char j[400];
	size_t n = 0;
	struct sbom_doc *d = NULL;
	struct oh_err err = OH_ERR_INIT;

	n += (size_t)snprintf(j, sizeof(j),
			      "{\"spdxVersion\":\"SPDX-2.3\",\"x\":");
	for (int i = 0; i < SBOM_MAX_DEPTH; i++)
		j[n++] = '[';
	for (int i = 0; i < SBOM_MAX_DEPTH; i++)
		j[n++] = ']';
	j[n++] = '}';
	ck_assert_int_eq(sbom_read_json(&d, j, n, "t", &err), OH_ELIMIT);
	oh_err_release(&err);
}
END_TEST

Suite *sbommodel_suite(void)
{
	Suite *s = suite_create("sbommodel");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_sbom_json_read);
	tcase_add_test(tc, test_sbom_json_path_error);
	tcase_add_test(tc, test_sbom_detect);
	tcase_add_loop_test(tc, test_sbom_json_strict, 0,
			    sizeof(strict) / sizeof(strict[0]));
	tcase_add_test(tc, test_sbom_json_depth);
	suite_add_tcase(s, tc);
	return s;
}
