/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>
#include <cjson/cJSON.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/err.h"
#include "sbom/model.h"
#include "sbom/sbom.h"
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

/* YAML: the same tree as JSON, typed by the schema; refusals. */
static const struct {
	const char *yaml;
	int rc;          /* of sbom_read_yaml */
	const char *msg; /* part of the message, or NULL */
} yaml_cases[] = {
	{ "spdxVersion: SPDX-2.3\nname: 1.4\npackages:\n- versionInfo: 2.0\n"
	  "  filesAnalyzed: false\n",
	  0, NULL },
	{ "spdxVersion: SPDX-2.3\npackages:\n- filesAnalyzed: yes\n", OH_EINPUT,
	  "packages[0].filesAnalyzed: expected true or false" },
	{ "spdxVersion: SPDX-2.3\nname: &a x\ncomment: *a\n", OH_EINPUT,
	  "aliases are refused" },
	{ "spdxVersion: SPDX-2.3\n? [a]\n: b\n", OH_EINPUT,
	  "key must be a plain value" },
	{ "spdxVersion: SPDX-2.3\nname: \"a\\0b\"\n", OH_EINPUT,
	  "NUL character" },
	{ "--- {spdxVersion: SPDX-2.3}\n--- {}\n", OH_EINPUT,
	  "more than one YAML document" },
	{ "spdxVersion: SPDX-2.3\nname: x\nname: y\n", OH_EINPUT,
	  "key 'name' is given twice" },
	{ "spdxVersion: SPDX-2.3\nname: [\n", OH_EINPUT, "invalid YAML" },
	{ "spdxVersion: SPDX-2.3\nname: ~\n", OH_EINPUT,
	  "name: expected a string" },
};

START_TEST(test_sbom_yaml_cases)
{
	struct sbom_doc *d = NULL;
	struct oh_err err = OH_ERR_INIT;
	const char *y = yaml_cases[_i].yaml;

	ck_assert_int_eq(sbom_read_yaml(&d, y, strlen(y), "t", &err),
			 yaml_cases[_i].rc);
	if (yaml_cases[_i].msg)
		ck_assert_msg(strstr(err.msg, yaml_cases[_i].msg), "%s",
			      err.msg);
	else {
		ck_assert_str_eq(d->name, "1.4");
		ck_assert_str_eq(d->pkg[0].version, "2.0");
		ck_assert_int_eq(d->pkg[0].files_analyzed, 0);
		ck_assert_int_eq(d->format, SBOM_FORMAT_YAML);
	}
	sbom_doc_free(d);
	oh_err_release(&err);
}
END_TEST

/* Plain scalars: nulls in any spelling, the three typed keys typed, any
 * other key a string (the readers' fast paths test first bytes). */
START_TEST(test_sbom_yaml_scalars)
{
	static const char y[] = "a: ~\nb: Null\nc: nothing\nd: ''\n"
				"e: NULL\nf:\nfilesAnalyzed: FALSE\n"
				"fileName: false\noffset: 12\n"
				"lineNumber: 3\noriginator: 12\nlx: 4\n";
	struct oh_arena a = OH_ARENA_INIT;
	struct oh_err err = OH_ERR_INIT;
	cJSON *root = NULL;

	ck_assert_int_eq(
		sbom_yaml_parse_arena(&root, &a, y, strlen(y), "t", &err), 0);
	ck_assert(cJSON_IsNull(sbom_json_get(root, "a")));
	ck_assert(cJSON_IsNull(sbom_json_get(root, "b")));
	ck_assert_str_eq(sbom_json_get(root, "c")->valuestring, "nothing");
	ck_assert_str_eq(sbom_json_get(root, "d")->valuestring, "");
	ck_assert(cJSON_IsNull(sbom_json_get(root, "e")));
	ck_assert(cJSON_IsNull(sbom_json_get(root, "f")));
	ck_assert(cJSON_IsFalse(sbom_json_get(root, "filesAnalyzed")));
	ck_assert_str_eq(sbom_json_get(root, "fileName")->valuestring, "false");
	ck_assert(cJSON_IsNumber(sbom_json_get(root, "offset")));
	ck_assert_int_eq(sbom_json_get(root, "lineNumber")->valueint, 3);
	ck_assert_str_eq(sbom_json_get(root, "originator")->valuestring, "12");
	ck_assert_str_eq(sbom_json_get(root, "lx")->valuestring, "4");
	ck_assert_ptr_null(sbom_json_get(root, "zzz"));
	ck_assert_ptr_null(sbom_json_get(root, NULL));
	ck_assert_ptr_null(sbom_json_get(NULL, "a"));
	oh_arena_release(&a);
}
END_TEST

/*
 * A license expression repeated: one found clean is not parsed again, one
 * with a diagnostic gets it at every place.
 */
START_TEST(test_sbom_validate_repeat)
{
	static const char j[] =
		"{\"spdxVersion\":\"SPDX-2.3\",\"dataLicense\":\"CC0-1.0\","
		"\"SPDXID\":\"SPDXRef-DOCUMENT\",\"name\":\"t\","
		"\"documentNamespace\":\"https://example.org/t\","
		"\"creationInfo\":{\"created\":\"2026-01-01T00:00:00Z\","
		"\"creators\":[\"Tool: t\"]},\"packages\":["
		"{\"SPDXID\":\"SPDXRef-a\",\"name\":\"a\","
		"\"downloadLocation\":\"NONE\",\"licenseConcluded\":\"MIT\","
		"\"licenseDeclared\":\"LicenseRef-x\"},"
		"{\"SPDXID\":\"SPDXRef-b\",\"name\":\"b\","
		"\"downloadLocation\":\"NONE\",\"licenseConcluded\":\"MIT\","
		"\"licenseDeclared\":\"LicenseRef-x\"}],"
		"\"relationships\":[{\"spdxElementId\":\"SPDXRef-DOCUMENT\","
		"\"relationshipType\":\"DESCRIBES\","
		"\"relatedSpdxElement\":\"SPDXRef-a\"}]}";
	struct sbom_report r = SBOM_REPORT_INIT;
	struct oh_err err = OH_ERR_INIT;
	size_t undefined = 0;

	ck_assert_int_eq(sbom_validate(&r, j, strlen(j), "t", SBOM_PROFILE_SPDX,
				       NULL, &err),
			 0);
	for (size_t i = 0; i < r.diag_nr; i++) {
		ck_assert_msg(strstr(r.diag[i].where, "licenseConcluded") ==
				      NULL,
			      "%s", r.diag[i].where);
		if (strcmp(r.diag[i].code, "SPDX-LICENSEREF-UNDEFINED") == 0)
			undefined++;
	}
	ck_assert_uint_eq(undefined, 2);
	sbom_report_release(&r);
}
END_TEST

START_TEST(test_sbom_yaml_depth)
{
	char y[600];
	size_t n = 0;
	struct sbom_doc *d = NULL;
	struct oh_err err = OH_ERR_INIT;

	n += (size_t)snprintf(y, sizeof(y), "spdxVersion: SPDX-2.3\nx: ");
	for (int i = 0; i < SBOM_MAX_DEPTH; i++)
		y[n++] = '[';
	for (int i = 0; i < SBOM_MAX_DEPTH; i++)
		y[n++] = ']';
	y[n++] = '\n';
	ck_assert_int_eq(sbom_read_yaml(&d, y, n, "t", &err), OH_ELIMIT);
	oh_err_release(&err);
}
END_TEST

/* The YAML twin of valid.spdx.json reads to the same document. */
/* Two forms of one document read to the same SPDX JSON. */
static void assert_twins(const char *json_rel, const char *other_rel)
{
	char pa[4096], pb[4096];
	struct oh_buf a = OH_BUF_INIT, b = OH_BUF_INIT;
	struct oh_buf ja = OH_BUF_INIT, jb = OH_BUF_INIT;
	struct oh_err err = OH_ERR_INIT;
	struct sbom_doc *da = NULL, *db = NULL;

	snprintf(pa, sizeof(pa), "%s/%s", OH_SRCDIR, json_rel);
	snprintf(pb, sizeof(pb), "%s/%s", OH_SRCDIR, other_rel);
	ck_assert_int_eq(oh_buf_read_file(&a, pa, &err), 0);
	ck_assert_int_eq(oh_buf_read_file(&b, pb, &err), 0);
	ck_assert_int_eq(sbom_read(&da, a.buf, a.len, "json", &err), 0);
	ck_assert_msg(sbom_read(&db, b.buf, b.len, other_rel, &err) == 0, "%s",
		      err.msg);
	sbom_write_json(&ja, da);
	sbom_write_json(&jb, db);
	ck_assert_str_eq(ja.buf, jb.buf);
	sbom_doc_free(da);
	sbom_doc_free(db);
	oh_buf_release(&a);
	oh_buf_release(&b);
	oh_buf_release(&ja);
	oh_buf_release(&jb);
	oh_err_release(&err);
}

START_TEST(test_sbom_yaml_twin)
{
	assert_twins("tests/data/sbom/valid.spdx.json",
		     "tests/data/sbom/valid.spdx.yaml");
}
END_TEST

/* SPDX XML reads as the SPDX JSON of the same document. */
START_TEST(test_sbom_spdxxml_twin)
{
	static const char json[] = "tests/data/sbom/valid.spdx.json";
	static const char xml[] = "tests/data/sbom/valid.spdx.xml";
	struct oh_buf a = OH_BUF_INIT, b = OH_BUF_INIT;
	struct oh_err err = OH_ERR_INIT;

	assert_twins(json, xml);
	ck_assert_int_eq(
		oh_buf_read_file(
			&a, OH_SRCDIR "/tests/data/sbom/valid.spdx.json", &err),
		0);
	ck_assert_int_eq(
		oh_buf_read_file(
			&b, OH_SRCDIR "/tests/data/sbom/valid.spdx.xml", &err),
		0);
	ck_assert(sbom_spdxxml_is(b.buf, b.len));
	ck_assert(!sbom_spdxxml_is(a.buf, a.len));
	oh_buf_release(&a);
	oh_buf_release(&b);
	oh_err_release(&err);
}
END_TEST

/* The typing rules and the refusals of the SPDX XML reader. */
START_TEST(test_sbom_spdxxml_shapes)
{
	static const struct {
		const char *xml;
		int rc;
		const char *json; /* the tree, or a part of the message */
	} cases[] = {
		/* one <creators> is still an array; text trimmed */
		{ "<Document><creationInfo><creators> Tool: x </creators>"
		  "</creationInfo></Document>",
		  0, "{\"creationInfo\":{\"creators\":[\"Tool: x\"]}}" },
		/* booleans and numbers by the schema, else strings */
		{ "<Document><packages><filesAnalyzed>false</filesAnalyzed>"
		  "<versionInfo>1.4</versionInfo></packages><snippets><ranges>"
		  "<startPointer><offset>10</offset></startPointer></ranges>"
		  "</snippets></Document>",
		  0,
		  "{\"packages\":[{\"filesAnalyzed\":false,"
		  "\"versionInfo\":\"1.4\"}],\"snippets\":[{\"ranges\":"
		  "[{\"startPointer\":{\"offset\":10}}]}]}" },
		/* an offset past 15 digits stays text, never inf */
		{ "<Document><snippets><ranges><startPointer><offset>"
		  "1000000000000000000000000000000000000000</offset>"
		  "</startPointer></ranges></snippets></Document>",
		  0,
		  "{\"snippets\":[{\"ranges\":[{\"startPointer\":{\"offset\":"
		  "\"1000000000000000000000000000000000000000\"}}]}]}" },
		/* a word where a boolean is wanted stays a string */
		{ "<Document><packages><filesAnalyzed>yes</filesAnalyzed>"
		  "</packages></Document>",
		  0, "{\"packages\":[{\"filesAnalyzed\":\"yes\"}]}" },
		{ "<?xml version='1.0'?>\n<!-- c -->\n<Document/>", 0, "{}" },
		{ "<Document><name>a</name><name>b</name></Document>",
		  OH_EINPUT, "<name> is given twice in <Document>" },
		{ "<Document><packages>x<name>a</name></packages></Document>",
		  OH_EINPUT, "holds both text and elements" },
		{ "<Document><name>a</Document>", OH_EINPUT, "well-formed" },
		/* text beside the children of <Document>, before and after */
		{ "<Document>x<name>aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
		  "</name>yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy"
		  "</Document>",
		  OH_EINPUT, "<Document> holds both text and elements" },
		{ "<Document><name>a</name>y</Document>", OH_EINPUT,
		  "<Document> holds text" },
		{ "<!DOCTYPE Document [<!ENTITY e \"x\">]><Document>"
		  "<name>&e;</name></Document>",
		  OH_EINPUT, "DOCTYPE" },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct oh_arena a = OH_ARENA_INIT;
		struct oh_err err = OH_ERR_INIT;
		const char *x = cases[i].xml;
		cJSON *root = NULL;
		int rc = sbom_spdxxml_parse_arena(&root, &a, x, strlen(x),
						  "t.xml", &err);

		ck_assert_msg(rc == cases[i].rc, "case %zu: rc %d (%s)", i, rc,
			      err.msg ? err.msg : "");
		if (rc == 0) {
			char *got = cJSON_PrintUnformatted(root);

			ck_assert_str_eq(got, cases[i].json);
			cJSON_free(got);
		} else {
			ck_assert_msg(strstr(err.msg, cases[i].json),
				      "case %zu: %s", i, err.msg);
		}
		oh_err_release(&err);
		oh_arena_release(&a);
	}
}
END_TEST

/* UTF-16 with a byte-order mark, both orders, surrogate pairs. */
START_TEST(test_sbom_utf16)
{
	static const char le[] = "\xff\xfe{\0\xe9\0=\xd8\x00\xde}\0";
	static const char be[] = "\xfe\xff\0{\0\xe9\xd8=\xde\x00\0}";
	static const char lone[] = "\xff\xfe\x00\xdc";
	struct oh_buf b = OH_BUF_INIT;
	struct oh_err err = OH_ERR_INIT;

	ck_assert_int_eq(sbom_utf16_decode(&b, "{}", 2, "t", &err), 0);
	ck_assert_uint_eq(b.len, 0);
	ck_assert_int_eq(sbom_utf16_decode(&b, le, sizeof(le) - 1, "t", &err),
			 1);
	ck_assert_str_eq(b.buf, "{\xc3\xa9\xf0\x9f\x98\x80}");
	oh_buf_reset(&b);
	ck_assert_int_eq(sbom_utf16_decode(&b, be, sizeof(be) - 1, "t", &err),
			 1);
	ck_assert_str_eq(b.buf, "{\xc3\xa9\xf0\x9f\x98\x80}");
	oh_buf_reset(&b);
	ck_assert_int_eq(
		sbom_utf16_decode(&b, lone, sizeof(lone) - 1, "t", &err),
		OH_EINPUT);
	oh_err_release(&err);
	ck_assert_int_eq(sbom_utf16_decode(&b, le, 5, "t", &err), OH_EINPUT);
	oh_buf_release(&b);
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
	tcase_add_loop_test(tc, test_sbom_yaml_cases, 0,
			    sizeof(yaml_cases) / sizeof(yaml_cases[0]));
	tcase_add_test(tc, test_sbom_yaml_depth);
	tcase_add_test(tc, test_sbom_yaml_scalars);
	tcase_add_test(tc, test_sbom_validate_repeat);
	tcase_add_test(tc, test_sbom_yaml_twin);
	tcase_add_test(tc, test_sbom_spdxxml_twin);
	tcase_add_test(tc, test_sbom_spdxxml_shapes);
	tcase_add_test(tc, test_sbom_utf16);
	suite_add_tcase(s, tc);
	return s;
}
