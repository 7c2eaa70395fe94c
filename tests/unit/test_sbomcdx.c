/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * CycloneDX: the validator's rules on hand-made BOMs (JSON and XML), the
 * XML reader's shapes, the mapping onto the SPDX model and back.
 */
#include <stdlib.h>
#include <string.h>

#include <check.h>
#include <cjson/cJSON.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/err.h"
#include "license/list.h"
#include "sbom/cdx.h"
#include "sbom/model.h"
#include "sbom/sbom.h"
#include "unit.h"

#define HEAD                                                                  \
	"{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"%s\","                \
	"\"serialNumber\":\"urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79\"," \
	"\"version\":1,"

/* Validate s; the number of diagnostics with code (all when NULL). */
static size_t count(const char *s, const char *code, size_t *errors)
{
	struct sbom_report r = SBOM_REPORT_INIT;
	struct oh_err err = OH_ERR_INIT;
	struct lic_list *list = NULL;
	size_t n = 0;

	ck_assert_int_eq(lic_list_load(&list, &err), 0);
	ck_assert_msg(sbom_validate(&r, s, strlen(s), "t", SBOM_PROFILE_SPDX,
				    list, &err) == 0,
		      "unreadable: %s", err.msg);
	for (size_t i = 0; i < r.diag_nr; i++)
		if (!code || strcmp(r.diag[i].code, code) == 0)
			n++;
	if (errors)
		*errors = r.errors;
	sbom_report_release(&r);
	lic_list_free(list);
	oh_err_release(&err);
	return n;
}

static char *doc(const char *ver, const char *body)
{
	struct oh_buf b = OH_BUF_INIT;

	oh_buf_addf(&b, HEAD, ver);
	oh_buf_adds(&b, body);
	oh_buf_adds(&b, "}");
	return oh_buf_detach(&b, NULL);
}

static const struct {
	const char *ver, *body, *code; /* code NULL: valid */
} json_cases[] = {
	{ "1.6",
	  "\"components\":[{\"type\":\"library\",\"name\":\"a\",\"bom-ref\":\"a\"}],"
	  "\"dependencies\":[{\"ref\":\"a\",\"dependsOn\":[]}]",
	  NULL },
	{ "1.6", "\"components\":[{\"type\":\"library\"}]", "CDX-REQUIRED" },
	{ "1.6", "\"components\":[{\"type\":\"lib\",\"name\":\"a\"}]",
	  "CDX-ENUM" },
	/* platform is a 1.5 type */
	{ "1.4", "\"components\":[{\"type\":\"platform\",\"name\":\"a\"}]",
	  "CDX-ENUM" },
	{ "1.5", "\"components\":[{\"type\":\"platform\",\"name\":\"a\"}]",
	  NULL },
	{ "1.6",
	  "\"components\":[{\"type\":\"library\",\"name\":\"a\",\"bom-ref\":\"x\"},"
	  "{\"type\":\"library\",\"name\":\"b\",\"bom-ref\":\"x\"}]",
	  "CDX-BOMREF-DUP" },
	{ "1.6", "\"dependencies\":[{\"ref\":\"nowhere\"}]",
	  "CDX-REF-UNKNOWN" },
	{ "1.6", "\"dependencies\":[{\"ref\":\"urn:cdx:x/1#y\"}]", NULL },
	{ "1.6", "\"dependencies\":[{\"ref\":\"\"}]", "CDX-REF-EMPTY" },
	{ "1.6",
	  "\"components\":[{\"type\":\"library\",\"name\":\"a\",\"licenses\":"
	  "[{\"license\":{\"id\":\"MIT\"}},{\"expression\":\"MIT OR 0BSD\"}]}]",
	  "CDX-LICENSE-CHOICE" },
	/* 1.4 JSON allowed licenses and expressions side by side */
	{ "1.4",
	  "\"components\":[{\"type\":\"library\",\"name\":\"a\",\"licenses\":"
	  "[{\"license\":{\"id\":\"MIT\"}},{\"expression\":\"MIT OR 0BSD\"}]}]",
	  NULL },
	{ "1.6",
	  "\"components\":[{\"type\":\"library\",\"name\":\"a\",\"licenses\":"
	  "[{\"license\":{\"id\":\"MIT\",\"name\":\"MIT\"}}]}]",
	  "CDX-LICENSE" },
	{ "1.6",
	  "\"components\":[{\"type\":\"library\",\"name\":\"a\",\"licenses\":"
	  "[{\"license\":{\"id\":\"Apache-2\"}}]}]",
	  "CDX-LICENSE-UNKNOWN" },
	{ "1.6",
	  "\"components\":[{\"type\":\"library\",\"name\":\"a\",\"licenses\":"
	  "[{\"expression\":\"MIT AND\"}]}]",
	  "CDX-LICENSE-EXPR" },
	{ "1.6",
	  "\"components\":[{\"type\":\"library\",\"name\":\"a\",\"hashes\":"
	  "[{\"alg\":\"SHA-1\",\"content\":\"abc\"}]}]",
	  "CDX-HASH" },
	{ "1.6",
	  "\"components\":[{\"type\":\"library\",\"name\":\"a\",\"purl\":\"npm/x\"}]",
	  "CDX-PURL" },
	{ "1.6", "\"metadata\":{\"timestamp\":\"2024-13-01T00:00:00Z\"}",
	  "CDX-TIMESTAMP" },
	{ "1.6", "\"metadata\":{\"timestamp\":\"2024-01-31T23:59:59.5+01:00\"}",
	  NULL },
	{ "1.6", "\"colour\":\"blue\"", "CDX-SCHEMA" },
	{ "1.5", "\"metadata\":{\"manufacturer\":{\"name\":\"x\"}}",
	  "CDX-SCHEMA" },
	{ "1.6", "\"metadata\":{\"properties\":[{\"value\":\"v\"}]}",
	  "CDX-REQUIRED" },
	{ "1.5", "\"metadata\":{\"properties\":[{\"value\":\"v\"}]}", NULL },
	{ "1.6",
	  "\"services\":[{\"name\":\"s\",\"data\":[{\"flow\":\"up\","
	  "\"classification\":\"PII\"}]}]",
	  "CDX-ENUM" },
	{ "2.0", "\"components\":[]", "CDX-SPEC-VERSION" },
};

START_TEST(test_sbomcdx_json_rules)
{
	char *s = doc(json_cases[_i].ver, json_cases[_i].body);
	size_t errors = 0;

	if (!json_cases[_i].code) {
		ck_assert_msg(count(s, NULL, &errors) == 0, "case %d: %s", _i,
			      s);
	} else {
		ck_assert_msg(count(s, json_cases[_i].code, &errors) >= 1,
			      "case %d: no %s in %s", _i, json_cases[_i].code,
			      s);
		ck_assert_uint_ge(errors, 1);
	}
	free(s);
}
END_TEST

#define XHEAD                                                                    \
	"<?xml version=\"1.0\"?>\n<bom xmlns=\"http://cyclonedx.org/schema/bom/" \
	"1.6\" version=\"1\">\n"

START_TEST(test_sbomcdx_xml_shapes)
{
	static const char x[] = XHEAD
		"<components><component type=\"library\" bom-ref=\"a\">"
		"<name>a</name><version>1</version>"
		"<hashes><hash alg=\"SHA-1\">da39a3ee5e6b4b0d3255bfef95601890afd80709</hash></hashes>"
		"<licenses><expression acknowledgement=\"concluded\">MIT</expression></licenses>"
		"<properties><property name=\"k\">v</property></properties>"
		"</component><component type=\"library\" bom-ref=\"b\"><name>b</name></component>"
		"</components><dependencies><dependency ref=\"a\">"
		"<dependency ref=\"b\"/></dependency></dependencies></bom>\n";
	struct oh_err err = OH_ERR_INIT;
	struct oh_arena ta = OH_ARENA_INIT;
	cJSON *t = NULL;
	const cJSON *c, *dep;

	ck_assert_int_eq(
		sbom_cdx_xml_parse(&t, &ta, x, sizeof(x) - 1, "t", &err), 0);
	ck_assert_str_eq(
		cJSON_GetStringValue(cJSON_GetObjectItem(t, "specVersion")),
		"1.6");
	ck_assert(cJSON_IsNumber(cJSON_GetObjectItem(t, "version")));
	c = cJSON_GetArrayItem(cJSON_GetObjectItem(t, "components"), 0);
	ck_assert_str_eq(
		cJSON_GetStringValue(cJSON_GetObjectItem(c, "bom-ref")), "a");
	ck_assert_str_eq(
		cJSON_GetStringValue(cJSON_GetObjectItem(
			cJSON_GetArrayItem(cJSON_GetObjectItem(c, "hashes"), 0),
			"content")),
		"da39a3ee5e6b4b0d3255bfef95601890afd80709");
	ck_assert_str_eq(cJSON_GetStringValue(cJSON_GetObjectItem(
				 cJSON_GetArrayItem(
					 cJSON_GetObjectItem(c, "licenses"), 0),
				 "expression")),
			 "MIT");
	ck_assert_str_eq(
		cJSON_GetStringValue(cJSON_GetObjectItem(
			cJSON_GetArrayItem(cJSON_GetObjectItem(c, "properties"),
					   0),
			"value")),
		"v");
	dep = cJSON_GetArrayItem(cJSON_GetObjectItem(t, "dependencies"), 0);
	ck_assert_str_eq(cJSON_GetStringValue(cJSON_GetArrayItem(
				 cJSON_GetObjectItem(dep, "dependsOn"), 0)),
			 "b");
	oh_arena_release(&ta);
	oh_err_release(&err);
	ck_assert_uint_eq(count(x, NULL, NULL), 0);
}
END_TEST

/* Read streaming: text and CDATA between the items that are dropped from
 * the libxml2 tree as they end, items of other namespaces, and the order
 * of errors (a broken document is refused as XML first). */
START_TEST(test_sbomcdx_xml_streaming)
{
	static const char x[] =
		XHEAD "text<components>t1<component type=\"library\">"
		      "<name>a</name></component><![CDATA[c1]]>t2"
		      "<x:e xmlns:x=\"urn:x\">ext</x:e><component "
		      "type=\"library\"><name>b</name></component>"
		      "<![CDATA[c2]]><component type=\"library\"><name>c"
		      "</name></component>t3</components>more<dependencies>"
		      "<dependency ref=\"a\"/></dependencies>end</bom>";
	struct oh_err err = OH_ERR_INIT;
	struct oh_arena ta = OH_ARENA_INIT;
	const cJSON *a;
	cJSON *t = NULL;

	ck_assert_int_eq(
		sbom_cdx_xml_parse(&t, &ta, x, sizeof(x) - 1, "t", &err), 0);
	a = cJSON_GetObjectItem(t, "components");
	ck_assert_int_eq(cJSON_GetArraySize(a), 3);
	ck_assert_str_eq(cJSON_GetStringValue(cJSON_GetObjectItem(
				 cJSON_GetArrayItem(a, 2), "name")),
			 "c");
	ck_assert_int_eq(
		cJSON_GetArraySize(cJSON_GetObjectItem(t, "dependencies")), 1);
	ck_assert_ptr_null(cJSON_GetObjectItem(t, "content"));
	oh_arena_release(&ta);
	t = NULL;
	/* nested too deep for the mapping (inside a streamed list), then
	 * not well formed: refused as XML; well formed: the mapping's limit */
	for (int broken = 1; broken >= 0; broken--) {
		struct oh_buf b = OH_BUF_INIT;

		oh_buf_adds(&b, XHEAD "<components>");
		for (int i = 0; i < 40; i++)
			oh_buf_adds(&b, "<component><components>");
		for (int i = 0; i < 40; i++)
			oh_buf_adds(&b, "</components></component>");
		oh_buf_adds(&b, broken ? "</components><broken>"
				       : "</components></bom>");
		ck_assert_int_eq(
			sbom_cdx_xml_parse(&t, &ta, b.buf, b.len, "t", &err),
			broken ? OH_EINPUT : OH_ELIMIT);
		ck_assert_ptr_null(t);
		oh_arena_release(&ta);
		oh_err_release(&err);
		oh_buf_release(&b);
	}
}
END_TEST

START_TEST(test_sbomcdx_xml_refused)
{
	static const char *const bad[] = {
		"<?xml version=\"1.0\"?><rdf:RDF xmlns:rdf=\"x\"/>",
		"<?xml version=\"1.0\"?>\n<!DOCTYPE bom [<!ENTITY e \"x\">]>\n"
		"<bom xmlns=\"http://cyclonedx.org/schema/bom/1.6\"/>",
		"<bom xmlns=\"http://cyclonedx.org/schema/bom/1.6\"><components>",
	};

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct oh_err err = OH_ERR_INIT;
		struct oh_arena ta = OH_ARENA_INIT;
		cJSON *t = NULL;

		ck_assert_int_eq(sbom_cdx_xml_parse(&t, &ta, bad[i],
						    strlen(bad[i]), "t", &err),
				 OH_EINPUT);
		ck_assert_ptr_null(t);
		oh_arena_release(&ta);
		oh_err_release(&err);
	}
	/* two ids in one license: the schema allows one */
	ck_assert_uint_ge(
		count(XHEAD
		      "<components><component type=\"library\"><name>a</name>"
		      "<licenses><license><id>MIT</id><id>MIT</id></license>"
		      "</licenses></component></components></bom>",
		      "CDX-SCHEMA", NULL),
		1);
	/* a namespace of no version */
	ck_assert_uint_eq(
		count("<bom xmlns=\"http://cyclonedx.org/schema/bom/12\"/>",
		      "CDX-SPEC-VERSION", NULL),
		1);
}
END_TEST

static struct sbom_doc *read_json(const char *s)
{
	struct oh_err err = OH_ERR_INIT;
	struct sbom_doc *d = NULL;

	ck_assert_msg(sbom_read(&d, s, strlen(s), "t", &err) == 0, "%s",
		      err.msg);
	oh_err_release(&err);
	return d;
}

static bool has_rel(const struct sbom_doc *d, const char *a, const char *t,
		    const char *b)
{
	for (size_t i = 0; i < d->nrel; i++)
		if (strcmp(d->rel[i].element, a) == 0 &&
		    strcmp(d->rel[i].type, t) == 0 &&
		    strcmp(d->rel[i].related, b) == 0)
			return true;
	return false;
}

START_TEST(test_sbomcdx_to_model)
{
	char *s = doc(
		"1.6",
		"\"metadata\":{\"timestamp\":\"2026-01-01T00:00:00Z\","
		"\"component\":{\"type\":\"application\",\"name\":\"app\",\"bom-ref\":\"app@1\"}},"
		"\"components\":[{\"type\":\"library\",\"group\":\"g\",\"name\":\"x\","
		"\"bom-ref\":\"x y\",\"version\":\"2\",\"purl\":\"pkg:npm/x@2\","
		"\"hashes\":[{\"alg\":\"SHA-256\",\"content\":\"" /* 64 */
		"ABCDEF0123456789abcdef0123456789abcdef0123456789abcdef0123456789\"}],"
		"\"licenses\":[{\"license\":{\"id\":\"MIT\"}},{\"license\":{\"name\":\"Our terms\"}}],"
		"\"components\":[{\"type\":\"file\",\"name\":\"x.c\",\"bom-ref\":\"f\"}]},"
		"{\"type\":\"library\",\"name\":\"z\",\"bom-ref\":\"x-y\"}],"
		"\"dependencies\":[{\"ref\":\"app@1\",\"dependsOn\":[\"x y\",\"gone\"]}]");
	struct sbom_doc *d = read_json(s);

	ck_assert_uint_eq(d->npkg, 3);
	ck_assert_uint_eq(d->nfile, 1);
	ck_assert_str_eq(d->pkg[0].spdxid, "SPDXRef-app-1");
	ck_assert_str_eq(d->pkg[1].spdxid, "SPDXRef-x-y");
	ck_assert_str_eq(d->pkg[1].name, "g/x");
	/* "x-y" sanitises to the id "x y" took: made unique */
	ck_assert_str_eq(d->pkg[2].spdxid, "SPDXRef-x-y-2");
	ck_assert_str_eq(d->pkg[1].checksum[0].algorithm, "SHA256");
	ck_assert_str_eq(
		d->pkg[1].checksum[0].value,
		"abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789");
	ck_assert_str_eq(d->pkg[1].license_declared,
			 "MIT AND LicenseRef-Our-terms");
	ck_assert_uint_eq(d->nextracted, 1);
	ck_assert_str_eq(d->pkg[1].extref[0].type, "purl");
	ck_assert(has_rel(d, "SPDXRef-DOCUMENT", "DESCRIBES", "SPDXRef-app-1"));
	ck_assert(has_rel(d, "SPDXRef-app-1", "DEPENDS_ON", "SPDXRef-x-y"));
	ck_assert(has_rel(d, "SPDXRef-x-y", "CONTAINS", d->file[0].spdxid));
	ck_assert_int_eq(d->pkg[1].files_analyzed, -1);
	ck_assert_int_eq(d->pkg[2].files_analyzed, 0);
	ck_assert_str_eq(d->created, "2026-01-01T00:00:00Z");
	sbom_doc_free(d);
	free(s);
}
END_TEST

/* SPDX -> CycloneDX JSON and XML -> valid, and back to the same packages. */
START_TEST(test_sbomcdx_write_roundtrip)
{
	char *s = doc(
		"1.6",
		"\"metadata\":{\"timestamp\":\"2026-01-01T00:00:00Z\","
		"\"tools\":{\"components\":[{\"type\":\"application\",\"name\":\"t\"}]},"
		"\"component\":{\"type\":\"application\",\"name\":\"app\",\"bom-ref\":\"app\","
		"\"licenses\":[{\"expression\":\"MIT OR Apache-2.0\"}]}},"
		"\"components\":[{\"type\":\"library\",\"name\":\"x & <y>\",\"bom-ref\":\"x\","
		"\"version\":\"2\",\"purl\":\"pkg:npm/x@2\",\"supplier\":{\"name\":\"S\"},"
		"\"hashes\":[{\"alg\":\"SHA-1\",\"content\":\"da39a3ee5e6b4b0d3255bfef95601890afd80709\"}]}],"
		"\"dependencies\":[{\"ref\":\"app\",\"dependsOn\":[\"x\"]},{\"ref\":\"x\"}]");
	struct sbom_doc *d = read_json(s), *back;
	struct oh_buf j = OH_BUF_INIT, x = OH_BUF_INIT;

	sbom_cdx_write_json(&j, d);
	sbom_cdx_write_xml(&x, d);
	ck_assert_msg(count(j.buf, NULL, NULL) == 0, "%s", j.buf);
	ck_assert_msg(count(x.buf, NULL, NULL) == 0, "%s", x.buf);
	back = read_json(x.buf);
	ck_assert_uint_eq(back->npkg, 2);
	ck_assert_str_eq(back->pkg[0].spdxid, d->pkg[0].spdxid);
	ck_assert_str_eq(back->pkg[1].name, "x & <y>");
	ck_assert_str_eq(back->pkg[0].license_declared, "MIT OR Apache-2.0");
	ck_assert_str_eq(back->pkg[1].supplier, "Organization: S");
	ck_assert(has_rel(back, back->pkg[0].spdxid, "DEPENDS_ON",
			  back->pkg[1].spdxid));
	sbom_doc_free(back);
	back = read_json(j.buf);
	ck_assert_uint_eq(back->npkg, 2);
	ck_assert_str_eq(back->pkg[1].checksum[0].value,
			 "da39a3ee5e6b4b0d3255bfef95601890afd80709");
	sbom_doc_free(back);
	oh_buf_release(&j);
	oh_buf_release(&x);
	sbom_doc_free(d);
	free(s);
}
END_TEST

Suite *sbomcdx_suite(void)
{
	Suite *s = suite_create("sbomcdx");
	TCase *tc = tcase_create("core");

	tcase_add_loop_test(tc, test_sbomcdx_json_rules, 0,
			    (int)(sizeof(json_cases) / sizeof(json_cases[0])));
	tcase_add_test(tc, test_sbomcdx_xml_shapes);
	tcase_add_test(tc, test_sbomcdx_xml_refused);
	tcase_add_test(tc, test_sbomcdx_xml_streaming);
	tcase_add_test(tc, test_sbomcdx_to_model);
	tcase_add_test(tc, test_sbomcdx_write_roundtrip);
	suite_add_tcase(s, tc);
	return s;
}
