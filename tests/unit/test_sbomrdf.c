/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The SPDX RDF/XML reader: tests/data/sbom/valid.spdx.rdf.xml (elements
 * in place, by rdf:resource and by rdf:nodeID, license sets) reads to
 * exactly its hand-written JSON twin valid-rdf.spdx.json; every refusal
 * (not XML, DOCTYPE and entities, wrong root, no SpdxDocument, cycles,
 * caps) is an error with the input line.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>
#include <cjson/cJSON.h>

#include "core/buf.h"
#include "core/err.h"
#include "sbom/model.h"
#include "unit.h"

#define HEAD                                                                 \
	"<?xml version=\"1.0\"?>\n"                                          \
	"<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"" \
	" xmlns:rdfs=\"http://www.w3.org/2000/01/rdf-schema#\""              \
	" xmlns:spdx=\"http://spdx.org/rdf/terms#\">\n"
#define DOC_OPEN \
	"<spdx:SpdxDocument rdf:about=\"http://e.org/d#SPDXRef-DOCUMENT\">\n"
#define DOC_CLOSE "</spdx:SpdxDocument>\n"
#define TAIL      "</rdf:RDF>\n"

static const char *src_path(const char *rel)
{
	static char buf[4096];

	snprintf(buf, sizeof(buf), "%s/%s", OH_SRCDIR, rel);
	return buf;
}

static void read_file(struct oh_buf *b, const char *rel)
{
	struct oh_err err = OH_ERR_INIT;

	ck_assert_int_eq(oh_buf_read_file(b, src_path(rel), &err), 0);
}

static struct sbom_doc *read_ok(const char *s)
{
	struct oh_err err = OH_ERR_INIT;
	struct sbom_doc *d = NULL;

	ck_assert_msg(sbom_read_rdf(&d, s, strlen(s), "t.rdf", &err) == 0,
		      "%u: %s", err.line, err.msg);
	ck_assert_ptr_nonnull(d);
	return d;
}

/* RDF -> model -> JSON is the JSON document written for the same content */
START_TEST(test_sbomrdf_same_as_json)
{
	struct oh_buf rdf = OH_BUF_INIT, js = OH_BUF_INIT;
	struct oh_err err = OH_ERR_INIT;
	struct sbom_doc *d = NULL;
	cJSON *want, *got;
	char *a, *b;

	read_file(&rdf, "tests/data/sbom/valid.spdx.rdf.xml");
	read_file(&js, "tests/data/sbom/valid-rdf.spdx.json");
	ck_assert_msg(sbom_read(&d, rdf.buf, rdf.len, "valid.spdx.rdf.xml",
				&err) == 0,
		      "%u: %s", err.line, err.msg);
	ck_assert_int_eq(d->format, SBOM_FORMAT_RDF);
	want = cJSON_ParseWithLength(js.buf, js.len);
	ck_assert_ptr_nonnull(want);
	got = sbom_doc_to_json(d);
	a = cJSON_Print(want);
	b = cJSON_Print(got);
	ck_assert_msg(cJSON_Compare(want, got, 1), "want:\n%s\ngot:\n%s", a, b);
	cJSON_free(a);
	cJSON_free(b);
	cJSON_Delete(want);
	cJSON_Delete(got);
	sbom_doc_free(d);
	oh_buf_release(&rdf);
	oh_buf_release(&js);
}
END_TEST

/* Each element's line is where its describing node element starts. */
START_TEST(test_sbomrdf_lines)
{
	struct oh_buf rdf = OH_BUF_INIT;
	struct sbom_doc *d;

	read_file(&rdf, "tests/data/sbom/valid.spdx.rdf.xml");
	d = read_ok(rdf.buf);
	ck_assert_uint_eq(d->npkg, 3);
	ck_assert_uint_eq(d->pkg[0].line, 36);  /* in place */
	ck_assert_uint_eq(d->pkg[1].line, 155); /* first named at 103 */
	ck_assert_uint_eq(d->pkg[2].line, 189); /* rdf:Description */
	ck_assert_uint_eq(d->file[0].line, 85);
	ck_assert_uint_eq(d->file[1].line, 223);
	ck_assert_uint_eq(d->snippet[0].line, 257);
	ck_assert_uint_eq(d->rel[0].line, 123);
	ck_assert_uint_eq(d->rel[1].line, 100);
	ck_assert_uint_eq(d->extracted[0].line, 137);
	ck_assert_uint_eq(d->docref[0].line, 25);
	/* a field names its property's line, the element its own */
	ck_assert_uint_eq(sbom_doc_line(d, "packages[2].name"), 191);
	ck_assert_uint_eq(sbom_doc_line(d, "packages[2]"), 189);
	ck_assert_uint_eq(sbom_doc_line(d, "packages[2].comment"), 189);
	sbom_doc_free(d);
	oh_buf_release(&rdf);
}
END_TEST

/* Lines past 65535 (libxml2 keeps 16 bits of an element's line). */
START_TEST(test_sbomrdf_big_lines)
{
	struct oh_buf b = OH_BUF_INIT;
	struct sbom_doc *d;

	oh_buf_adds(&b, HEAD DOC_OPEN); /* lines 1-3 */
	for (int i = 0; i < 70000; i++)
		oh_buf_adds(&b, "<rdfs:comment>a</rdfs:comment>\n");
	oh_buf_adds(&b, DOC_CLOSE /* 70004 */
		    "<spdx:Package rdf:about=\"http://e.org/d#SPDXRef-p\">\n"
		    "<spdx:name>p</spdx:name></spdx:Package>\n" TAIL);
	d = read_ok(b.buf);
	ck_assert_uint_eq(d->pkg[0].line, 70005);
	sbom_doc_free(d);
	oh_buf_release(&b);
}
END_TEST

/*
 * Values as libxml2's DOM gave them: references in attributes decoded
 * (libxml2 hands '&' on as "&#38;"), and a literal's text put together
 * from the elements in it, in order.
 */
START_TEST(test_sbomrdf_values)
{
	struct sbom_doc *d = read_ok(
		HEAD DOC_OPEN DOC_CLOSE
		"<spdx:Package rdf:about=\"http://e.org/d#SPDXRef-p\">"
		"<spdx:downloadLocation rdf:resource="
		"\"http://e.org/?a=1&amp;b=&#50;&#x33;&lt;\"/>"
		"<spdx:name rdf:parseType=\"Literal\">a <b>bo<i>l</i>d</b>"
		"<![CDATA[ <c>]]><!-- no -->&amp;z</spdx:name>"
		"</spdx:Package>\n" TAIL);

	ck_assert_uint_eq(d->npkg, 1);
	ck_assert_str_eq(d->pkg[0].download_location,
			 "http://e.org/?a=1&b=23<");
	ck_assert_str_eq(d->pkg[0].name, "a bold <c>&z");
	sbom_doc_free(d);
}
END_TEST

/* License fields: sets, operators, nodeID and about references. */
static const struct {
	const char *field; /* the licenseConcluded element's content */
	const char *expr;
} lic_cases[] = {
	{ "rdf:resource=\"http://spdx.org/licenses/MIT\"/>", "MIT" },
	{ "rdf:resource=\"https://spdx.org/licenses/0BSD\"/>", "0BSD" },
	{ "rdf:resource=\"http://spdx.org/rdf/terms#noassertion\"/>",
	  "NOASSERTION" },
	{ "rdf:resource=\"http://e.org/d#LicenseRef-x\"/>", "LicenseRef-x" },
	{ "rdf:nodeID=\"set\"/>", "(ISC OR (MIT AND Zlib))" },
	{ ">NONE</spdx:licenseConcluded>", "NONE" },
	{ "><spdx:ConjunctiveLicenseSet><spdx:member "
	  "rdf:resource=\"http://spdx.org/licenses/MIT\"/>"
	  "</spdx:ConjunctiveLicenseSet></spdx:licenseConcluded>",
	  "MIT" },
	{ "><spdx:OrLaterOperator><spdx:member><spdx:License "
	  "rdf:about=\"http://spdx.org/licenses/GPL-2.0\"/></spdx:member>"
	  "</spdx:OrLaterOperator></spdx:licenseConcluded>",
	  "GPL-2.0+" },
	{ "><spdx:WithExceptionOperator><spdx:member "
	  "rdf:resource=\"http://spdx.org/licenses/Apache-2.0\"/>"
	  "<spdx:licenseException rdf:resource="
	  "\"http://spdx.org/licenses/LLVM-exception\"/>"
	  "</spdx:WithExceptionOperator></spdx:licenseConcluded>",
	  "Apache-2.0 WITH LLVM-exception" },
	{ "rdf:resource=\"http://e.org/lic#and\"/>", "(MIT AND Zlib)" },
};

START_TEST(test_sbomrdf_licenses)
{
	struct oh_buf b = OH_BUF_INIT;
	struct sbom_doc *d;

	oh_buf_addf(
		&b,
		HEAD DOC_OPEN DOC_CLOSE
		"<spdx:Package rdf:about=\"http://e.org/d#SPDXRef-p\">"
		"<spdx:licenseConcluded %s</spdx:Package>\n"
		"<spdx:DisjunctiveLicenseSet rdf:nodeID=\"set\">"
		"<spdx:member rdf:resource=\"http://spdx.org/licenses/ISC\"/>"
		"<spdx:member rdf:resource=\"http://e.org/lic#and\"/>"
		"</spdx:DisjunctiveLicenseSet>\n"
		"<spdx:ConjunctiveLicenseSet rdf:about=\"http://e.org/lic#and\">"
		"<spdx:member rdf:resource=\"http://spdx.org/licenses/MIT\"/>"
		"<spdx:member rdf:resource=\"http://spdx.org/licenses/Zlib\"/>"
		"</spdx:ConjunctiveLicenseSet>\n" TAIL,
		lic_cases[_i].field);
	d = read_ok(b.buf);
	ck_assert_uint_eq(d->npkg, 1);
	ck_assert_str_eq(d->pkg[0].license_concluded, lic_cases[_i].expr);
	sbom_doc_free(d);
	oh_buf_release(&b);
}
END_TEST

/* A document given as the root element, with parseType="Resource". */
START_TEST(test_sbomrdf_root_document)
{
	static const char doc[] =
		"<spdx:SpdxDocument rdf:about=\"http://e.org/x#SPDXRef-DOCUMENT\""
		" xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\""
		" xmlns:spdx=\"http://spdx.org/rdf/terms#\""
		" spdx:name=\"attr-name\">\n"
		"<spdx:creationInfo rdf:parseType=\"Resource\">"
		"<spdx:created>2026-01-01T00:00:00Z</spdx:created>"
		"</spdx:creationInfo>\n"
		"<spdx:describesPackage><spdx:Package rdf:about=\"#SPDXRef-a\">"
		"<spdx:name>a</spdx:name>"
		"<spdx:relationship><spdx:Relationship>"
		"<spdx:relationshipType rdf:resource=\"http://spdx.org/rdf/"
		"terms#relationshipType_dependsOn\"/>"
		"<spdx:relatedSpdxElement rdf:resource=\"http://spdx.org/rdf/"
		"terms#none\"/>"
		"</spdx:Relationship></spdx:relationship>"
		"</spdx:Package></spdx:describesPackage>\n"
		"</spdx:SpdxDocument>\n";
	struct sbom_doc *d = read_ok(doc);

	ck_assert_str_eq(d->namespace_, "http://e.org/x");
	ck_assert_str_eq(d->spdxid, "SPDXRef-DOCUMENT");
	ck_assert_str_eq(d->name, "attr-name");
	ck_assert_str_eq(d->created, "2026-01-01T00:00:00Z");
	ck_assert_str_eq(d->describes[0], "SPDXRef-a");
	ck_assert_str_eq(d->pkg[0].spdxid, "SPDXRef-a");
	ck_assert_uint_eq(d->nrel, 1);
	ck_assert_str_eq(d->rel[0].element, "SPDXRef-a");
	ck_assert_str_eq(d->rel[0].type, "DEPENDS_ON");
	ck_assert_str_eq(d->rel[0].related, "NONE");
	ck_assert_ptr_null(d->spdx_version); /* absent stays absent */
	sbom_doc_free(d);
}
END_TEST

/* Literal values are trimmed, as the SPDX tools read them. */
START_TEST(test_sbomrdf_literal_trimmed)
{
	static const char doc[] = HEAD DOC_OPEN DOC_CLOSE
		"<spdx:Package rdf:about=\"http://e.org/d#SPDXRef-p\">\n"
		"  <spdx:name>\n    p\n  </spdx:name>\n"
		"  <spdx:versionInfo> 1.0\t</spdx:versionInfo>\n"
		"</spdx:Package>\n" TAIL;
	struct sbom_doc *d = read_ok(doc);

	ck_assert_uint_eq(d->npkg, 1);
	ck_assert_str_eq(d->pkg[0].name, "p");
	ck_assert_str_eq(d->pkg[0].version, "1.0");
	sbom_doc_free(d);
}
END_TEST

static const struct {
	const char *text;
	int code;
	unsigned line;   /* of the error */
	const char *msg; /* part of it */
} bad[] = {
	{ "<a>\n<b>\n</a>\n", OH_EINPUT, 3, "not well-formed XML" },
	{ "<", OH_EINPUT, 1, "not well-formed XML" },
	{ "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n"
	  " <!ENTITY lol \"lol\">\n"
	  " <!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n"
	  " <!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">\n"
	  "]>\n<lolz>&lol3;</lolz>\n",
	  OH_EINPUT, 2, "DOCTYPE refused" },
	{ "<!DOCTYPE r SYSTEM \"http://e.org/evil.dtd\"><r/>", OH_EINPUT, 1,
	  "DOCTYPE refused" },
	{ "<r>\n&undefined;</r>", OH_EINPUT, 2, "not well-formed XML" },
	{ "<html>\n<body/></html>", OH_EINPUT, 1,
	  "root element 'html' is not rdf:RDF" },
	{ HEAD "<spdx:Package rdf:about=\"#SPDXRef-p\"/>\n" TAIL, OH_EINPUT, 2,
	  "no spdx:SpdxDocument" },
	{ HEAD DOC_OPEN DOC_CLOSE
	  "<spdx:Package rdf:about=\"http://e.org/d#SPDXRef-p\">\n"
	  "<spdx:filesAnalyzed>yes</spdx:filesAnalyzed></spdx:Package>" TAIL,
	  OH_EINPUT, 6, "'filesAnalyzed' must be true or false" },
	{ HEAD DOC_OPEN DOC_CLOSE
	  "<spdx:Package rdf:about=\"http://e.org/d#SPDXRef-p\">\n"
	  "<spdx:licenseConcluded rdf:nodeID=\"a\"/></spdx:Package>\n"
	  "<spdx:ConjunctiveLicenseSet rdf:nodeID=\"a\">"
	  "<spdx:member rdf:nodeID=\"b\"/></spdx:ConjunctiveLicenseSet>\n"
	  "<spdx:ConjunctiveLicenseSet rdf:nodeID=\"b\">\n"
	  "<spdx:member rdf:nodeID=\"a\"/></spdx:ConjunctiveLicenseSet>" TAIL,
	  OH_EINPUT, 9, "contains itself" },
	{ HEAD DOC_OPEN DOC_CLOSE
	  "<spdx:Snippet rdf:about=\"http://e.org/d#SPDXRef-s\"><spdx:range>"
	  "<ptr:StartEndPointer xmlns:ptr=\"http://www.w3.org/2009/pointers#\">"
	  "<ptr:startPointer><ptr:ByteOffsetPointer>\n"
	  "<ptr:offset>ten</ptr:offset>"
	  "</ptr:ByteOffsetPointer></ptr:startPointer></ptr:StartEndPointer>"
	  "</spdx:range></spdx:Snippet>" TAIL,
	  OH_EINPUT, 6, "is not a number" },
};

START_TEST(test_sbomrdf_errors)
{
	struct oh_err err = OH_ERR_INIT;
	struct sbom_doc *d = NULL;

	ck_assert_int_eq(sbom_read_rdf(&d, bad[_i].text, strlen(bad[_i].text),
				       "t.rdf", &err),
			 bad[_i].code);
	ck_assert_ptr_null(d);
	ck_assert_str_eq(err.input, "t.rdf");
	ck_assert_msg(strstr(err.msg, bad[_i].msg), "%s", err.msg);
	ck_assert_uint_eq(err.line, bad[_i].line);
	oh_err_release(&err);
}
END_TEST

static int read_buf(struct oh_buf *b, struct oh_err *err)
{
	struct sbom_doc *d = NULL;
	int rc = sbom_read_rdf(&d, b->buf, b->len, "t.rdf", err);

	ck_assert_ptr_null(d);
	return rc;
}

/* One list longer than SBOM_MAX_ITEMS. */
START_TEST(test_sbomrdf_cap_items)
{
	struct oh_buf b = OH_BUF_INIT;
	struct oh_err err = OH_ERR_INIT;

	oh_buf_adds(&b, HEAD DOC_OPEN "<spdx:creationInfo><spdx:CreationInfo>");
	for (unsigned i = 0; i <= SBOM_MAX_ITEMS; i++)
		oh_buf_adds(&b, "<spdx:creator>a</spdx:creator>");
	oh_buf_adds(&b,
		    "</spdx:CreationInfo></spdx:creationInfo>" DOC_CLOSE TAIL);
	ck_assert_int_eq(read_buf(&b, &err), OH_ELIMIT);
	ck_assert_msg(strstr(err.msg, "more than 2000000 items"), "%s",
		      err.msg);
	oh_err_release(&err);
	oh_buf_release(&b);
}
END_TEST

/* License references 70 deep, and a DAG that doubles at each level. */
START_TEST(test_sbomrdf_cap_license)
{
	struct oh_buf b = OH_BUF_INIT;
	struct oh_err err = OH_ERR_INIT;
	int deep = _i == 0;

	oh_buf_adds(
		&b, HEAD DOC_OPEN DOC_CLOSE
		"<spdx:Package rdf:about=\"http://e.org/d#SPDXRef-p\">"
		"<spdx:licenseDeclared rdf:nodeID=\"n0\"/></spdx:Package>\n");
	for (int i = 0; i < (deep ? 70 : 40); i++) {
		oh_buf_addf(&b,
			    "<spdx:ConjunctiveLicenseSet rdf:nodeID=\"n%d\">"
			    "<spdx:member rdf:nodeID=\"n%d\"/>",
			    i, i + 1);
		if (deep) /* a chain: n0 -> n1 -> ... */
			oh_buf_adds(&b, "<spdx:member rdf:resource=\"http://"
					"spdx.org/licenses/MIT\"/>");
		else /* both members name the next set: 2^40 leaves */
			oh_buf_addf(&b, "<spdx:member rdf:nodeID=\"n%d\"/>",
				    i + 1);
		oh_buf_adds(&b, "</spdx:ConjunctiveLicenseSet>\n");
	}
	oh_buf_adds(&b, TAIL);
	ck_assert_int_eq(read_buf(&b, &err), OH_ELIMIT);
	ck_assert_msg(strstr(err.msg, deep ? "nested deeper" : "longer than"),
		      "%s", err.msg);
	ck_assert_uint_ne(err.line, 0);
	oh_err_release(&err);
	oh_buf_release(&b);
}
END_TEST

/* Element nesting past libxml2's own limit, and the byte cap. */
START_TEST(test_sbomrdf_cap_depth_bytes)
{
	struct oh_buf b = OH_BUF_INIT;
	struct oh_err err = OH_ERR_INIT;
	struct sbom_doc *d = NULL;

	oh_buf_adds(&b, HEAD DOC_OPEN);
	for (int i = 0; i < 300; i++)
		oh_buf_adds(&b, "<spdx:x><spdx:Y>");
	for (int i = 0; i < 300; i++)
		oh_buf_adds(&b, "</spdx:Y></spdx:x>");
	oh_buf_adds(&b, DOC_CLOSE TAIL);
	ck_assert_int_lt(read_buf(&b, &err), 0);
	ck_assert_uint_ne(err.line, 0);
	oh_err_release(&err);
	/* the size is checked before a byte is read */
	ck_assert_int_eq(sbom_read_rdf(&d, b.buf, (size_t)SBOM_MAX_BYTES + 1,
				       "big.rdf", &err),
			 OH_ELIMIT);
	ck_assert_ptr_null(d);
	oh_err_release(&err);
	oh_buf_release(&b);
}
END_TEST

Suite *sbomrdf_suite(void)
{
	Suite *s = suite_create("sbomrdf");
	TCase *tc = tcase_create("core");

	/* the caps build documents of millions of elements (slow under SAN) */
	tcase_set_timeout(tc, 120);

	tcase_add_test(tc, test_sbomrdf_same_as_json);
	tcase_add_test(tc, test_sbomrdf_lines);
	tcase_add_test(tc, test_sbomrdf_big_lines);
	tcase_add_test(tc, test_sbomrdf_values);
	tcase_add_loop_test(tc, test_sbomrdf_licenses, 0,
			    sizeof(lic_cases) / sizeof(lic_cases[0]));
	tcase_add_test(tc, test_sbomrdf_root_document);
	tcase_add_test(tc, test_sbomrdf_literal_trimmed);
	tcase_add_loop_test(tc, test_sbomrdf_errors, 0,
			    sizeof(bad) / sizeof(bad[0]));
	tcase_add_test(tc, test_sbomrdf_cap_items);
	tcase_add_loop_test(tc, test_sbomrdf_cap_license, 0, 2);
	tcase_add_test(tc, test_sbomrdf_cap_depth_bytes);
	suite_add_tcase(s, tc);
	return s;
}
