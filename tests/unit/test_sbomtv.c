/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The SPDX tag-value reader, and the model's JSON writer: the tag-value
 * twin of tests/data/sbom/valid.spdx.json reads to the same SPDX JSON
 * (hasFiles aside), and JSON read then written is the same JSON.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>
#include <cjson/cJSON.h>

#include "core/buf.h"
#include "core/err.h"
#include "sbom/model.h"
#include "unit.h"

static const char *src_path(const char *rel)
{
	static char buf[4096];

	snprintf(buf, sizeof(buf), "%s/%s", OH_SRCDIR, rel);
	return buf;
}

static cJSON *read_as_json(const char *rel, struct sbom_doc **doc)
{
	struct oh_buf b = OH_BUF_INIT;
	struct oh_err err = OH_ERR_INIT;
	cJSON *j;

	ck_assert_int_eq(oh_buf_read_file(&b, src_path(rel), &err), 0);
	ck_assert_msg(sbom_read(doc, b.buf, b.len, rel, &err) == 0, "%s",
		      err.msg ? err.msg : "");
	j = sbom_doc_to_json(*doc);
	oh_buf_release(&b);
	return j;
}

static cJSON *parse_file(const char *rel)
{
	struct oh_buf b = OH_BUF_INIT;
	struct oh_err err = OH_ERR_INIT;
	cJSON *j;

	ck_assert_int_eq(oh_buf_read_file(&b, src_path(rel), &err), 0);
	j = cJSON_ParseWithLength(b.buf, b.len);
	ck_assert_ptr_nonnull(j);
	oh_buf_release(&b);
	return j;
}

START_TEST(test_sbomtv_json_roundtrip)
{
	struct sbom_doc *d;
	cJSON *want = parse_file("tests/data/sbom/valid.spdx.json");
	cJSON *got = read_as_json("tests/data/sbom/valid.spdx.json", &d);

	ck_assert_msg(cJSON_Compare(want, got, 1),
		      "JSON -> model -> JSON differs");
	cJSON_Delete(want);
	cJSON_Delete(got);
	sbom_doc_free(d);
}
END_TEST

START_TEST(test_sbomtv_same_as_json)
{
	struct sbom_doc *d;
	cJSON *want = parse_file("tests/data/sbom/valid.spdx.json");
	cJSON *got = read_as_json("tests/data/sbom/valid.spdx", &d);
	cJSON *pkgs = cJSON_GetObjectItemCaseSensitive(want, "packages");
	cJSON *ex;

	/* tag-value has no hasFiles; its <text> spans a line */
	cJSON_DeleteItemFromObjectCaseSensitive(cJSON_GetArrayItem(pkgs, 0),
						"hasFiles");
	ex = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(
					want, "hasExtractedLicensingInfos"),
				0);
	cJSON_ReplaceItemInObjectCaseSensitive(
		ex, "extractedText",
		cJSON_CreateString("This notice may\nnot be removed."));
	ck_assert_int_eq(d->format, SBOM_FORMAT_TAGVALUE);
	ck_assert_uint_eq(d->pkg[0].line, 12);
	ck_assert_uint_eq(d->file[0].line, 25);
	ck_assert_uint_eq(d->pkg[1].line, 31);
	ck_assert_msg(cJSON_Compare(want, got, 1), "tag-value != JSON");
	cJSON_Delete(want);
	cJSON_Delete(got);
	sbom_doc_free(d);
}
END_TEST

/* JSON -> tag-value -> JSON: the same tree (hasFiles aside). */
START_TEST(test_sbomtv_write_roundtrip)
{
	struct sbom_doc *d, *back;
	struct oh_buf tv = OH_BUF_INIT, tv2 = OH_BUF_INIT;
	struct oh_err err = OH_ERR_INIT;
	cJSON *want = read_as_json("tests/data/sbom/valid.spdx.json", &d);
	cJSON *got;

	cJSON_DeleteItemFromObjectCaseSensitive(
		cJSON_GetArrayItem(
			cJSON_GetObjectItemCaseSensitive(want, "packages"), 0),
		"hasFiles");
	ck_assert_int_eq(sbom_write_tv(&tv, d, NULL), 0);
	ck_assert_msg(sbom_read_tv(&back, tv.buf, tv.len, "tv", &err) == 0,
		      "%s\n%s", err.msg, tv.buf);
	got = sbom_doc_to_json(back);
	ck_assert_msg(cJSON_Compare(want, got, 1), "JSON -> TV -> JSON:\n%s",
		      tv.buf);
	/* and tag-value written again is the same text */
	ck_assert_int_eq(sbom_write_tv(&tv2, back, NULL), 0);
	ck_assert_str_eq(tv.buf, tv2.buf);
	cJSON_Delete(want);
	cJSON_Delete(got);
	oh_buf_release(&tv);
	oh_buf_release(&tv2);
	sbom_doc_free(back);
	sbom_doc_free(d);
}
END_TEST

static const struct {
	const char *text;
	unsigned line;   /* of the error */
	const char *msg; /* part of it */
} bad[] = {
	{ "SPDXVersion: SPDX-2.3\nno colon here\n", 2,
	  "expected 'Tag: value'" },
	{ "SPDXVersion: SPDX-2.3\n\n\nDocumentComment: <text>a\nb\n", 4,
	  "<text> is never closed" },
	{ "SPDXVersion: SPDX-2.3\nPackageName: p\nFilesAnalyzed: yes\n", 3,
	  "expected true or false" },
	{ "SPDXVersion: SPDX-2.3\nPackageName: p\nPackageChecksum: abc\n", 3,
	  "ALGORITHM: value" },
	{ "SPDXVersion: SPDX-2.3\nRelationship: a b\n", 2,
	  "ELEMENT TYPE ELEMENT" },
	{ "SPDXVersion: SPDX-2.3\nA: <text>x\ny</text>\nSnippetSPDXID: s\nSnippetByteRange: 1-2\n",
	  5, "START:END" },
	{ "DataLicense: CC0-1.0\n", 0, "no SPDXVersion" },
};

START_TEST(test_sbomtv_errors)
{
	struct oh_err err = OH_ERR_INIT;
	struct sbom_doc *d = NULL;

	ck_assert_int_eq(
		sbom_read_tv(&d, bad[_i].text, strlen(bad[_i].text), "t", &err),
		OH_EINPUT);
	ck_assert_ptr_null(d);
	ck_assert_uint_eq(err.line, bad[_i].line);
	ck_assert_msg(strstr(err.msg, bad[_i].msg), "%s", err.msg);
	oh_err_release(&err);
}
END_TEST

START_TEST(test_sbomtv_fields)
{
	static const char doc[] =
		"# comment\nSPDXVersion: SPDX-2.2\n"
		"ExternalDocumentRef: DocumentRef-x https://e.org/x SHA1: ab\n"
		"PackageName: p\n"
		"PackageVerificationCode: 0123 (excludes: ./a.spdx, ./b)\n"
		"ExternalRef: SECURITY cpe23Type cpe:2.3:a:x\n"
		"ExternalRefComment: c\n"
		"SnippetSPDXID: SPDXRef-s\nSnippetFromFileSPDXID: SPDXRef-f\n"
		"SnippetLineRange: 3:9\n"
		"Annotator: Person: A\nSPDXREF: SPDXRef-p\nAnnotationType: REVIEW\n";
	struct oh_err err = OH_ERR_INIT;
	struct sbom_doc *d;

	ck_assert_int_eq(sbom_read_tv(&d, doc, strlen(doc), "t", &err), 0);
	ck_assert_str_eq(d->docref[0].id, "DocumentRef-x");
	ck_assert_str_eq(d->docref[0].checksum_value, "ab");
	ck_assert_str_eq(d->pkg[0].verif_code, "0123");
	ck_assert_uint_eq(d->pkg[0].nverif_excluded, 2);
	ck_assert_str_eq(d->pkg[0].verif_excluded[1], "./b");
	ck_assert_str_eq(d->pkg[0].extref[0].comment, "c");
	ck_assert_int_eq(d->snippet[0].range[0].is_line, 1);
	ck_assert_int_eq(d->snippet[0].range[0].end, 9);
	ck_assert_str_eq(d->snippet[0].range[0].ref, "SPDXRef-f");
	ck_assert_str_eq(d->annotation[0].about, "SPDXRef-p");
	sbom_doc_free(d);
}
END_TEST

/* Field lines: list entries, document fields, tags after a Relationship
 * or an annotation inside a package still belong to the package. */
START_TEST(test_sbomtv_field_lines)
{
	static const char tv[] =
		"SPDXVersion: SPDX-2.3\n"                    /* 1 */
		"DataLicense: CC0-1.0\n"                     /* 2 */
		"SPDXID: SPDXRef-DOCUMENT\n"                 /* 3 */
		"DocumentName: d\n"                          /* 4 */
		"DocumentNamespace: https://example.org/d\n" /* 5 */
		"Creator: Tool: t\n"                         /* 6 */
		"Creator: Person: p\n"                       /* 7 */
		"Created: 2026-01-01T00:00:00Z\n"            /* 8 */
		"\n"                                         /* 9 */
		"PackageName: app\n"                         /* 10 */
		"SPDXID: SPDXRef-app\n"                      /* 11 */
		"Relationship: SPDXRef-DOCUMENT DESCRIBES SPDXRef-app\n" /* 12 */
		"PackageVersion: 1.0\n" /* 13 */
		"PackageChecksum: SHA1: 0000000000000000000000000000000000000000\n" /* 14 */
		"Annotator: Person: a\n"                 /* 15 */
		"AnnotationDate: 2026-01-01T00:00:00Z\n" /* 16 */
		"AnnotationType: REVIEW\n"               /* 17 */
		"SPDXREF: SPDXRef-app\n"                 /* 18 */
		"AnnotationComment: ok\n"                /* 19 */
		"PackageChecksum: SHA256: abc\n"         /* 20 */
		"PackageDownloadLocation: NONE\n"        /* 21 */
		"\n"                                     /* 22 */
		"FileName: ./a.c\n"                      /* 23 */
		"SPDXID: SPDXRef-a\n"                    /* 24 */
		"LicenseInfoInFile: MIT\n"               /* 25 */
		"LicenseInfoInFile: Apache-2.0\n";       /* 26 */
	struct sbom_doc *d = NULL;
	struct oh_err err = OH_ERR_INIT;

	ck_assert_int_eq(sbom_read_tv(&d, tv, strlen(tv), "f.spdx", &err), 0);
	ck_assert_str_eq(d->pkg[0].version, "1.0");
	ck_assert_str_eq(d->pkg[0].download_location, "NONE");
	ck_assert_uint_eq(d->pkg[0].nchecksum, 2);
	ck_assert_uint_eq(d->nannotation, 1);
	ck_assert_str_eq(d->annotation[0].comment, "ok");
	ck_assert_uint_eq(sbom_doc_line(d, "spdxVersion"), 1);
	ck_assert_uint_eq(sbom_doc_line(d, "creationInfo.created"), 8);
	ck_assert_uint_eq(sbom_doc_line(d, "creationInfo.creators[1]"), 7);
	ck_assert_uint_eq(sbom_doc_line(d, "creationInfo.creators"), 6);
	ck_assert_uint_eq(sbom_doc_line(d, "packages[0].versionInfo"), 13);
	ck_assert_uint_eq(sbom_doc_line(d, "packages[0].checksums[0]"), 14);
	ck_assert_uint_eq(
		sbom_doc_line(d, "packages[0].checksums[1].checksumValue"), 20);
	ck_assert_uint_eq(sbom_doc_line(d, "packages[0].downloadLocation"), 21);
	ck_assert_uint_eq(sbom_doc_line(d, "packages[0].licenseDeclared"), 10);
	ck_assert_uint_eq(sbom_doc_line(d, "packages[0]"), 10);
	ck_assert_uint_eq(sbom_doc_line(d, "relationships[0]"), 12);
	ck_assert_uint_eq(sbom_doc_line(d, "annotations[0]"), 15);
	ck_assert_uint_eq(sbom_doc_line(d, "files[0].licenseInfoInFiles[1]"),
			  26);
	ck_assert_uint_eq(sbom_doc_line(d, "files[0].copyrightText"), 23);
	ck_assert_uint_eq(sbom_doc_line(d, "packages[7].name"), 0);
	ck_assert_uint_eq(sbom_doc_line(d, "documentDescribes"), 0);
	sbom_doc_free(d);
	oh_err_release(&err);
}
END_TEST

/*
 * Hostile values in a package comment: each is either written so that it
 * reads back the same (and no element is added), or refused.
 */
static const struct {
	const char *comment;
	bool refused;
} hostile[] = {
	{ "a\n</text>\nPackageName: INJECTED\nSPDXID: SPDXRef-X\n<text>",
	  true },
	{ " </text>", true },
	{ "<text>single line", false },
	{ "<text>", false },
	{ "plain </text> inside one line", false },
	{ "two\nPackageName: INJECTED\nlines", false },
	{ "\r\nFileName: x\r\n", false },
};

START_TEST(test_sbomtv_write_hostile)
{
	struct sbom_doc *d = sbom_doc_new(), *back = NULL;
	struct oh_buf tv = OH_BUF_INIT;
	struct oh_err err = OH_ERR_INIT;
	struct sbom_package *p;
	int rc;

	d->spdx_version = "SPDX-2.3";
	d->npkg = 1;
	d->pkg = oh_arena_alloc(&d->arena, sizeof(*d->pkg));
	p = &d->pkg[0];
	p->files_analyzed = -1;
	p->name = "p";
	p->spdxid = "SPDXRef-p";
	p->comment = hostile[_i].comment;
	rc = sbom_write_tv(&tv, d, &err);
	if (hostile[_i].refused) {
		ck_assert_int_eq(rc, OH_EINPUT);
		ck_assert_uint_eq(tv.len, 0);
		ck_assert_ptr_nonnull(strstr(err.msg, "PackageComment"));
	} else {
		ck_assert_int_eq(rc, 0);
		ck_assert_msg(sbom_read_tv(&back, tv.buf, tv.len, "tv", &err) ==
				      0,
			      "%s\n%s", err.msg, tv.buf);
		ck_assert_uint_eq(back->npkg, 1);
		ck_assert_uint_eq(back->nfile, 0);
		ck_assert_str_eq(back->pkg[0].comment, hostile[_i].comment);
	}
	sbom_doc_free(back);
	sbom_doc_free(d);
	oh_buf_release(&tv);
	oh_err_release(&err);
}
END_TEST

/* A blank inside a relationship word would shift the words. */
START_TEST(test_sbomtv_write_words)
{
	struct sbom_doc *d = sbom_doc_new();
	struct oh_buf tv = OH_BUF_INIT;
	struct oh_err err = OH_ERR_INIT;

	d->spdx_version = "SPDX-2.3";
	d->nrel = 1;
	d->rel = oh_arena_alloc(&d->arena, sizeof(*d->rel));
	d->rel[0].element = "SPDXRef-DOCUMENT";
	d->rel[0].type = "DESCRIBES";
	d->rel[0].related = "SPDXRef-a\nPackageName: INJECTED";
	ck_assert_int_eq(sbom_write_tv(&tv, d, &err), OH_EINPUT);
	ck_assert_ptr_nonnull(strstr(err.msg, "Relationship"));
	ck_assert_uint_eq(tv.len, 0);
	sbom_doc_free(d);
	oh_buf_release(&tv);
	oh_err_release(&err);
}
END_TEST

/*
 * SPDX 5.2.3: a file after a package belongs to it.  f0 comes before any
 * package; f1 follows A with its CONTAINS stated; f2 follows A after an
 * extracted license; f3 follows B.
 */
static const char implied[] =
	"SPDXVersion: SPDX-2.3\n"
	"FileName: ./top.c\nSPDXID: SPDXRef-f0\n"
	"PackageName: a\nSPDXID: SPDXRef-A\n"
	"PackageVerificationCode: d6a770ba38583ed4bb4525bd96e50461655d2758"
	"(./a.spdx)\n"
	"FileName: ./a1.c\nSPDXID: SPDXRef-f1\n"
	"Relationship: SPDXRef-A CONTAINS SPDXRef-f1\n"
	"LicenseID: LicenseRef-x\nExtractedText: x\n"
	"FileName: ./a2.c\nSPDXID: SPDXRef-f2\n"
	"PackageName: b\nSPDXID: SPDXRef-B\n"
	"PackageVerificationCode: d6a770ba38583ed4bb4525bd96e50461655d2758 "
	"(excludes: ./b.spdx, ./c d.txt)\n"
	"FileName: ./b1.c\nSPDXID: SPDXRef-f3\n";

START_TEST(test_sbomtv_implied_contains)
{
	struct sbom_doc *d = NULL, *back = NULL;
	struct oh_buf tv = OH_BUF_INIT;
	struct oh_err err = OH_ERR_INIT;

	ck_assert_msg(sbom_read_tv(&d, implied, strlen(implied), "t", &err) ==
			      0,
		      "%s", err.msg);
	ck_assert_uint_eq(d->nrel, 3);
	ck_assert_str_eq(d->rel[0].related, "SPDXRef-f1"); /* stated */
	ck_assert_str_eq(d->rel[1].element, "SPDXRef-A");
	ck_assert_str_eq(d->rel[1].type, "CONTAINS");
	ck_assert_str_eq(d->rel[1].related, "SPDXRef-f2");
	ck_assert_uint_eq(d->rel[1].line, d->file[2].line);
	ck_assert_str_eq(d->rel[2].element, "SPDXRef-B");
	ck_assert_str_eq(d->rel[2].related, "SPDXRef-f3");
	/* both verification code forms, the excluded files read */
	ck_assert_uint_eq(d->pkg[0].nverif_excluded, 1);
	ck_assert_str_eq(d->pkg[0].verif_excluded[0], "./a.spdx");
	ck_assert_str_eq(d->pkg[0].verif_code,
			 "d6a770ba38583ed4bb4525bd96e50461655d2758");
	ck_assert_uint_eq(d->pkg[1].nverif_excluded, 2);
	ck_assert_str_eq(d->pkg[1].verif_excluded[1], "./c d.txt");
	/* written and read again: the same relationships, none added */
	ck_assert_int_eq(sbom_write_tv(&tv, d, &err), 0);
	ck_assert_msg(sbom_read_tv(&back, tv.buf, tv.len, "tv", &err) == 0,
		      "%s", err.msg);
	ck_assert_uint_eq(back->nrel, 3);
	ck_assert_uint_eq(back->nfile, 4);
	ck_assert_str_eq(back->file[0].spdxid, "SPDXRef-f0");
	sbom_doc_free(back);
	sbom_doc_free(d);
	oh_buf_release(&tv);
	oh_err_release(&err);
}
END_TEST

/*
 * The writer puts each file after the package that contains it, and the
 * files of no package before every package, so that 5.2.3 adds nothing.
 */
START_TEST(test_sbomtv_write_order)
{
	static const char json[] =
		"{\"spdxVersion\":\"SPDX-2.3\",\"packages\":["
		"{\"SPDXID\":\"SPDXRef-A\",\"name\":\"a\"},"
		"{\"SPDXID\":\"SPDXRef-B\",\"name\":\"b\","
		"\"hasFiles\":[\"SPDXRef-f1\"]}],"
		"\"files\":[{\"SPDXID\":\"SPDXRef-f1\",\"fileName\":\"1\"},"
		"{\"SPDXID\":\"SPDXRef-f2\",\"fileName\":\"2\"},"
		"{\"SPDXID\":\"SPDXRef-f3\",\"fileName\":\"3\"}],"
		"\"relationships\":[{\"spdxElementId\":\"SPDXRef-A\","
		"\"relationshipType\":\"CONTAINS\","
		"\"relatedSpdxElement\":\"SPDXRef-f3\"}]}";
	struct sbom_doc *d = NULL, *back = NULL;
	struct oh_buf tv = OH_BUF_INIT;
	struct oh_err err = OH_ERR_INIT;
	const char *a, *b, *f1, *f2, *f3;

	ck_assert_int_eq(sbom_read_json(&d, json, strlen(json), "t", &err), 0);
	ck_assert_int_eq(sbom_write_tv(&tv, d, &err), 0);
	a = strstr(tv.buf, "PackageName: a");
	b = strstr(tv.buf, "PackageName: b");
	f1 = strstr(tv.buf, "FileName: 1");
	f2 = strstr(tv.buf, "FileName: 2");
	f3 = strstr(tv.buf, "FileName: 3");
	ck_assert_msg(f2 < a && a < f3 && f3 < b && b < f1, "%s", tv.buf);
	ck_assert_int_eq(sbom_read_tv(&back, tv.buf, tv.len, "tv", &err), 0);
	/* the stated CONTAINS, and hasFiles as its relationship */
	ck_assert_uint_eq(back->nrel, 2);
	ck_assert_str_eq(back->rel[1].element, "SPDXRef-B");
	ck_assert_str_eq(back->rel[1].related, "SPDXRef-f1");
	sbom_doc_free(back);
	sbom_doc_free(d);
	oh_buf_release(&tv);
	oh_err_release(&err);
}
END_TEST

Suite *sbomtv_suite(void)
{
	Suite *s = suite_create("sbomtv");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_sbomtv_json_roundtrip);
	tcase_add_test(tc, test_sbomtv_same_as_json);
	tcase_add_test(tc, test_sbomtv_write_roundtrip);
	tcase_add_loop_test(tc, test_sbomtv_write_hostile, 0,
			    sizeof(hostile) / sizeof(hostile[0]));
	tcase_add_test(tc, test_sbomtv_write_words);
	tcase_add_test(tc, test_sbomtv_implied_contains);
	tcase_add_test(tc, test_sbomtv_write_order);
	tcase_add_loop_test(tc, test_sbomtv_errors, 0,
			    (int)(sizeof(bad) / sizeof(bad[0])));
	tcase_add_test(tc, test_sbomtv_fields);
	tcase_add_test(tc, test_sbomtv_field_lines);
	suite_add_tcase(s, tc);
	return s;
}
