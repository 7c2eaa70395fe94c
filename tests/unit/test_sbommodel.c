/* SPDX-License-Identifier: GPL-3.0-or-later */
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

Suite *sbommodel_suite(void)
{
	Suite *s = suite_create("sbommodel");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_sbom_json_read);
	tcase_add_test(tc, test_sbom_json_path_error);
	tcase_add_test(tc, test_sbom_detect);
	suite_add_tcase(s, tc);
	return s;
}
