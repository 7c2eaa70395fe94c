/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * SPDX 3.0.1 JSON-LD: the validator on single-fault edits of a valid
 * document, the mapping onto the SPDX 2.3 model, and the writer read
 * back (2.3 -> 3 -> 2.3 keeps what both can say).
 */
#include <stdlib.h>
#include <string.h>

#include <check.h>
#include <cjson/cJSON.h>

#include "core/buf.h"
#include "core/err.h"
#include "license/list.h"
#include "sbom/model.h"
#include "sbom/sbom.h"
#include "sbom/spdx3.h"
#include "unit.h"

#define NS "https://example.org/d#"

/* A valid document: every rule below is one edit of it. */
static const char valid[] =
	"{\"@context\":\"https://spdx.org/rdf/3.0.1/spdx-context.jsonld\","
	"\"@graph\":["
	"{\"type\":\"CreationInfo\",\"@id\":\"_:ci\",\"specVersion\":\"3.0.1\","
	"\"created\":\"2026-01-02T03:04:05Z\",\"createdBy\":[\"" NS "alice\"],"
	"\"createdUsing\":[\"" NS "tool\"]},"
	"{\"type\":\"Person\",\"spdxId\":\"" NS "alice\",\"name\":\"Alice\","
	"\"creationInfo\":\"_:ci\",\"externalIdentifier\":[{\"type\":"
	"\"ExternalIdentifier\",\"externalIdentifierType\":\"email\","
	"\"identifier\":\"a@example.org\"}]},"
	"{\"type\":\"Tool\",\"spdxId\":\"" NS "tool\",\"name\":\"gen-1\","
	"\"creationInfo\":\"_:ci\"},"
	"{\"type\":\"Organization\",\"spdxId\":\"" NS
	"acme\",\"name\":\"Acme\","
	"\"creationInfo\":\"_:ci\"},"
	"{\"type\":\"SpdxDocument\",\"spdxId\":\"" NS "doc\",\"name\":\"d\","
	"\"creationInfo\":\"_:ci\",\"rootElement\":[\"" NS "pkg\"],"
	"\"dataLicense\":\"" NS "cc0\"},"
	"{\"type\":\"software_Package\",\"spdxId\":\"" NS
	"pkg\",\"name\":\"p\","
	"\"creationInfo\":\"_:ci\",\"software_packageVersion\":\"1.0\","
	"\"software_packageUrl\":\"pkg:npm/p@1.0\",\"suppliedBy\":\"" NS
	"acme\","
	"\"software_downloadLocation\":\"https://example.org/p-1.0.tgz\","
	"\"software_primaryPurpose\":\"library\","
	"\"verifiedUsing\":[{\"type\":\"Hash\",\"algorithm\":\"sha256\","
	"\"hashValue\":\""
	"0123456789abcdef0123456789abcdef"
	"0123456789abcdef0123456789abcdef"
	"\"}],"
	"\"externalIdentifier\":[{\"type\":\"ExternalIdentifier\","
	"\"externalIdentifierType\":\"cpe23\",\"identifier\":"
	"\"cpe:2.3:a:acme:p:1.0:*:*:*:*:*:*:*\"}]},"
	"{\"type\":\"software_File\",\"spdxId\":\"" NS "f\",\"name\":\"./a.c\","
	"\"creationInfo\":\"_:ci\",\"software_fileKind\":\"file\"},"
	"{\"type\":\"simplelicensing_LicenseExpression\",\"spdxId\":\"" NS
	"mit\","
	"\"creationInfo\":\"_:ci\",\"simplelicensing_licenseExpression\":"
	"\"MIT OR Apache-2.0\"},"
	"{\"type\":\"simplelicensing_LicenseExpression\",\"spdxId\":\"" NS
	"cc0\","
	"\"creationInfo\":\"_:ci\",\"simplelicensing_licenseExpression\":"
	"\"CC0-1.0\"},"
	"{\"type\":\"Relationship\",\"spdxId\":\"" NS "r1\",\"creationInfo\":"
	"\"_:ci\",\"relationshipType\":\"hasDeclaredLicense\",\"from\":\"" NS
	"pkg\",\"to\":[\"" NS "mit\"]},"
	"{\"type\":\"Relationship\",\"spdxId\":\"" NS "r2\",\"creationInfo\":"
	"\"_:ci\",\"relationshipType\":\"contains\",\"from\":\"" NS
	"pkg\",\"to\":[\"" NS "f\"]},"
	"{\"type\":\"Relationship\",\"spdxId\":\"" NS "r3\",\"creationInfo\":"
	"\"_:ci\",\"relationshipType\":\"hasConcludedLicense\",\"from\":\"" NS
	"f\",\"to\":[\"expandedlicensing_NoneLicense\"]}"
	"]}";

/* `valid` with the first `from` replaced by `to` (caller frees). */
static char *edit(const char *from, const char *to)
{
	struct oh_buf b = OH_BUF_INIT;
	const char *p = strstr(valid, from);

	ck_assert_msg(p != NULL, "edit: '%s' not in the document", from);
	oh_buf_add(&b, valid, (size_t)(p - valid));
	oh_buf_adds(&b, to);
	oh_buf_adds(&b, p + strlen(from));
	return oh_buf_detach(&b, NULL);
}

/* Validate s: the diagnostics with `code`, and all errors. */
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
	ck_assert(strncmp(r.version, "SPDX-", 5) == 0);
	for (size_t i = 0; i < r.diag_nr; i++)
		if (!code || strcmp(r.diag[i].code, code) == 0)
			n++;
	*errors = r.errors;
	sbom_report_release(&r);
	lic_list_free(list);
	oh_err_release(&err);
	return n;
}

static const struct {
	const char *from, *to, *code; /* code NULL: still valid */
} cases[] = {
	{ "\"name\":\"p\",", "", "SPDX3-REQUIRED" },
	{ "\"specVersion\":\"3.0.1\"", "\"specVersion\":\"2.3\"",
	  "SPDX3-VERSION" },
	{ "\"specVersion\":\"3.0.1\"", "\"specVersion\":\"3.0.01\"",
	  "SPDX3-VERSION" },
	{ "2026-01-02T03:04:05Z", "2026-13-02T03:04:05Z", "SPDX3-DATE" },
	{ "\"createdBy\":[\"" NS "alice\"]", "\"createdBy\":[]",
	  "SPDX3-REQUIRED" },
	{ "\"createdBy\":[\"" NS "alice\"]", "\"createdBy\":[\"" NS "tool\"]",
	  "SPDX3-REF-TYPE" },
	{ "\"createdBy\":[\"" NS "alice\"]", "\"createdBy\":[\"" NS "bob\"]",
	  "SPDX3-REF" },
	{ "\"type\":\"software_Package\"", "\"type\":\"software_Pkg\"",
	  "SPDX3-TYPE" },
	{ "\"type\":\"software_Package\"",
	  "\"type\":\"https://example.org/ext#Thing\"", NULL },
	{ "\"relationshipType\":\"contains\"",
	  "\"relationshipType\":\"CONTAINS\"", "SPDX3-VOCAB" },
	{ "\"to\":[\"" NS "mit\"]", "\"to\":[\"" NS "f\"]", "SPDX3-REF-TYPE" },
	{ "\"to\":[\"" NS "f\"]", "\"to\":[]", "SPDX3-REQUIRED" },
	{ "\"from\":\"" NS "pkg\",\"to\":[\"" NS "f\"]",
	  "\"from\":[\"" NS "pkg\",\"" NS "f\"],\"to\":[\"" NS "f\"]",
	  "SPDX3-VALUE" },
	{ "MIT OR Apache-2.0", "MIT OR Foo-1.0", "SPDX3-LICENSE-UNKNOWN" },
	{ "MIT OR Apache-2.0", "MIT OR", "SPDX3-LICENSE-EXPR" },
	{ "MIT OR Apache-2.0", "NOASSERTION", NULL },
	{ "pkg:npm/p@1.0", "npm/p@1.0", "SPDX3-PURL" },
	{ "cpe:2.3:a:acme:p:1.0:*:*:*:*:*:*:*", "cpe:2.3:a:acme", "SPDX3-CPE" },
	{ "\"algorithm\":\"sha256\"", "\"algorithm\":\"sha1\"", "SPDX3-HASH" },
	{ "\"algorithm\":\"sha256\"", "\"algorithm\":\"SHA256\"",
	  "SPDX3-VOCAB" },
	{ "0123456789abcdef0123456789abcdef\"",
	  "0123456789ABCDEF0123456789abcdef\"", "SPDX3-HASH-CASE" },
	{ "\"software_primaryPurpose\":\"library\"",
	  "\"software_primaryPurpose\":\"LIBRARY\"", "SPDX3-VOCAB" },
	{ "\"software_fileKind\":\"file\"", "\"software_fileKind\":\"link\"",
	  "SPDX3-VOCAB" },
	{ "https://example.org/p-1.0.tgz", "https://example.org/p 1.0.tgz",
	  "SPDX3-URI" },
	{ "https://example.org/p-1.0.tgz", "NOASSERTION",
	  "SPDX3-URI-RELATIVE" },
	{ "\"creationInfo\":\"_:ci\",\"software_fileKind\"",
	  "\"software_fileKind\"", "SPDX3-REQUIRED" },
	{ "\"spdxId\":\"" NS "f\"", "\"spdxId\":\"f\"", "SPDX3-ID" },
	{ "\"spdxId\":\"" NS "f\"", "\"spdxId\":\"" NS "pkg\"",
	  "SPDX3-ID-DUPLICATE" },
	{ "\"@id\":\"_:ci\"", "\"@id\":\"ci\"", "SPDX3-ID" },
	{ "\"type\":\"SpdxDocument\"", "\"type\":\"Bundle\"",
	  "SPDX3-DOCUMENT" },
	{ "\"dataLicense\":\"" NS "cc0\"", "\"dataLicense\":\"" NS "pkg\"",
	  "SPDX3-REF-TYPE" },
	{ "\"suppliedBy\":\"" NS "acme\"",
	  "\"suppliedBy\":\"SpdxOrganization\"", NULL },
	{ "\"suppliedBy\":\"" NS "acme\"", "\"suppliedBy\":\"" NS "mit\"",
	  "SPDX3-REF-TYPE" },
	/* an element written in place of its id */
	{ "\"suppliedBy\":\"" NS "acme\"",
	  "\"suppliedBy\":{\"type\":\"Organization\",\"spdxId\":\"" NS
	  "acme2\",\"name\":\"A2\",\"creationInfo\":\"_:ci\"}",
	  NULL },
	/* properties: of the class or inherited, else SPDX3-PROPERTY */
	{ "\"software_packageVersion\":\"1.0\"",
	  "\"software_packageVersion\":\"1.0\",\"software_packageVersio\":\"1\"",
	  "SPDX3-PROPERTY" },
	{ "\"software_packageVersion\":\"1.0\"",
	  "\"software_packageVersion\":\"1.0\",\"software_fileKind\":\"file\"",
	  "SPDX3-PROPERTY" },
	{ "\"software_fileKind\":\"file\"",
	  "\"software_fileKind\":\"file\",\"software_copyrightText\":\"c\","
	  "\"builtTime\":\"2026-01-02T03:04:05Z\",\"comment\":\"x\"",
	  NULL },
	{ "\"algorithm\":\"sha256\"",
	  "\"algorithm\":\"sha256\",\"prefix\":\"x\"", "SPDX3-PROPERTY" },
	{ "\"algorithm\":\"sha256\"",
	  "\"algorithm\":\"sha256\",\"comment\":\"x\"", NULL },
	{ "\"specVersion\":\"3.0.1\"",
	  "\"specVersion\":\"3.0.1\",\"name\":\"x\"", "SPDX3-PROPERTY" },
	{ "\"identifier\":\"a@example.org\"",
	  "\"identifier\":\"a@example.org\",\"locator\":\"x\"",
	  "SPDX3-PROPERTY" },
	{ "\"relationshipType\":\"contains\"",
	  "\"relationshipType\":\"contains\",\"scope\":\"build\"",
	  "SPDX3-PROPERTY" },
	{ "\"software_packageVersion\":\"1.0\"",
	  "\"software_packageVersion\":\"1.0\",\"https://example.org/e#x\":1",
	  "SPDX3-PROPERTY-EXTENSION" },
	{ "\"software_packageVersion\":\"1.0\"",
	  "\"software_packageVersion\":\"1.0\",\"https://example.org/e#x\":1",
	  NULL },
	/* classes of the AI, Dataset, Security and Build profiles */
	{ "\"type\":\"software_Package\"",
	  "\"type\":\"ai_AIPackage\",\"ai_domain\":[\"vision\"],"
	  "\"ai_energyConsumption\":{\"type\":\"ai_EnergyConsumption\","
	  "\"ai_trainingEnergyConsumption\":[{\"type\":"
	  "\"ai_EnergyConsumptionDescription\",\"ai_energyQuantity\":\"1.5\","
	  "\"ai_energyUnit\":\"kilowattHour\"}]}",
	  NULL },
	{ "\"type\":\"software_Package\"",
	  "\"type\":\"ai_AIPackage\",\"ai_energyConsumption\":{\"type\":"
	  "\"ai_EnergyConsumption\",\"ai_energyUnit\":\"kilowattHour\"}",
	  "SPDX3-PROPERTY" },
	{ "\"type\":\"software_Package\"",
	  "\"type\":\"dataset_DatasetPackage\",\"dataset_datasetSize\":10,"
	  "\"dataset_datasetType\":[\"text\"]",
	  NULL },
	{ "\"type\":\"software_Package\"",
	  "\"type\":\"software_Package\",\"dataset_datasetSize\":10",
	  "SPDX3-PROPERTY" },
	{ "{\"type\":\"software_File\"",
	  "{\"type\":\"security_Vulnerability\",\"spdxId\":\"" NS "cve\","
	  "\"creationInfo\":\"_:ci\",\"security_publishedTime\":"
	  "\"2026-01-02T03:04:05Z\"},"
	  "{\"type\":\"security_VexAffectedVulnAssessmentRelationship\","
	  "\"spdxId\":\"" NS "vex\",\"creationInfo\":\"_:ci\","
	  "\"relationshipType\":\"affects\",\"from\":\"" NS "cve\","
	  "\"to\":[\"" NS "pkg\"],\"security_vexVersion\":\"1\","
	  "\"security_actionStatement\":\"upgrade\",\"security_assessedElement\":"
	  "\"" NS "pkg\"},"
	  "{\"type\":\"build_Build\",\"spdxId\":\"" NS "b\","
	  "\"creationInfo\":\"_:ci\",\"build_buildType\":\"https://example.org/b\","
	  "\"build_parameter\":[{\"type\":\"DictionaryEntry\",\"key\":\"k\","
	  "\"value\":\"v\"}]},"
	  "{\"type\":\"software_File\"",
	  NULL },
	{ "{\"type\":\"software_File\"",
	  "{\"type\":\"security_Vulnerability\",\"spdxId\":\"" NS "cve\","
	  "\"creationInfo\":\"_:ci\",\"security_score\":\"9.8\"},"
	  "{\"type\":\"software_File\"",
	  "SPDX3-PROPERTY" },
	{ "{\"type\":\"software_File\"",
	  "{\"type\":\"build_Build\",\"spdxId\":\"" NS "b\","
	  "\"creationInfo\":\"_:ci\",\"build_buildType\":\"https://example.org/b\","
	  "\"build_parameter\":[{\"type\":\"DictionaryEntry\",\"key\":\"k\","
	  "\"name\":\"v\"}]},"
	  "{\"type\":\"software_File\"",
	  "SPDX3-PROPERTY" },
	{ "\"@context\":\"https://spdx.org/rdf/3.0.1/spdx-context.jsonld\"",
	  "\"@context\":\"https://spdx.org/rdf/3.0.0/spdx-context.jsonld\"",
	  "SPDX3-CONTEXT" },
};

START_TEST(test_sbomspdx3_rules)
{
	size_t errors = 0;
	char *s = edit(cases[_i].from, cases[_i].to);
	size_t n = count(s, cases[_i].code, &errors);

	if (cases[_i].code)
		ck_assert_msg(n > 0, "case %d: no %s", _i, cases[_i].code);
	else
		ck_assert_msg(errors == 0, "case %d: %zu errors", _i, errors);
	free(s);
}
END_TEST

START_TEST(test_sbomspdx3_valid)
{
	size_t errors = 0;

	ck_assert_uint_eq(count(valid, NULL, &errors), 0);
	ck_assert_uint_eq(errors, 0);
}
END_TEST

static struct sbom_doc *read_doc(const char *s)
{
	struct sbom_doc *d = NULL;
	struct oh_err err = OH_ERR_INIT;

	ck_assert_msg(sbom_read(&d, s, strlen(s), "t", &err) == 0, "%s",
		      err.msg);
	oh_err_release(&err);
	return d;
}

START_TEST(test_sbomspdx3_to_model)
{
	struct sbom_doc *d = read_doc(valid);
	const struct sbom_package *p;

	ck_assert_str_eq(d->spdx_version, "SPDX-2.3");
	ck_assert_str_eq(d->namespace_, "https://example.org/d");
	ck_assert_str_eq(d->data_license, "CC0-1.0");
	ck_assert_str_eq(d->created, "2026-01-02T03:04:05Z");
	ck_assert_uint_eq(d->ncreators, 2);
	ck_assert_str_eq(d->creators[0], "Person: Alice (a@example.org)");
	ck_assert_str_eq(d->creators[1], "Tool: gen-1");
	ck_assert_uint_eq(d->npkg, 1);
	p = &d->pkg[0];
	ck_assert_str_eq(p->spdxid, "SPDXRef-pkg");
	ck_assert_str_eq(p->version, "1.0");
	ck_assert_str_eq(p->supplier, "Organization: Acme");
	ck_assert_str_eq(p->license_declared, "MIT OR Apache-2.0");
	ck_assert_str_eq(p->primary_purpose, "LIBRARY");
	ck_assert_uint_eq(p->nchecksum, 1);
	ck_assert_str_eq(p->checksum[0].algorithm, "SHA256");
	ck_assert_uint_eq(p->nextref, 2);
	ck_assert_str_eq(p->extref[0].type, "purl");
	ck_assert_str_eq(p->extref[1].type, "cpe23Type");
	ck_assert_uint_eq(d->nfile, 1);
	ck_assert_str_eq(d->file[0].license_concluded, "NONE");
	/* contains -> CONTAINS, rootElement -> DESCRIBES */
	ck_assert_uint_eq(d->nrel, 2);
	ck_assert_str_eq(d->rel[0].type, "CONTAINS");
	ck_assert_str_eq(d->rel[1].element, "SPDXRef-DOCUMENT");
	ck_assert_str_eq(d->rel[1].type, "DESCRIBES");
	sbom_doc_free(d);
}
END_TEST

START_TEST(test_sbomspdx3_roundtrip)
{
	struct oh_buf in = OH_BUF_INIT, j1 = OH_BUF_INIT, j2 = OH_BUF_INIT;
	struct oh_buf w = OH_BUF_INIT;
	struct oh_err err = OH_ERR_INIT;
	struct sbom_doc *a, *b;
	size_t errors = 0;

	ck_assert_int_eq(oh_buf_read_file(&in,
					  OH_SRCDIR
					  "/tests/data/sbom/valid.spdx.json",
					  &err),
			 0);
	a = read_doc(in.buf);
	sbom_spdx3_write(&w, a);
	count(w.buf, NULL, &errors);
	ck_assert_msg(errors == 0, "the written SPDX 3 has %zu errors", errors);
	b = read_doc(w.buf);
	ck_assert_uint_eq(a->npkg, b->npkg);
	ck_assert_uint_eq(a->nfile, b->nfile);
	for (size_t i = 0; i < a->npkg; i++) {
		ck_assert_str_eq(a->pkg[i].spdxid, b->pkg[i].spdxid);
		ck_assert_str_eq(a->pkg[i].name, b->pkg[i].name);
		ck_assert_uint_eq(a->pkg[i].nchecksum, b->pkg[i].nchecksum);
	}
	sbom_write_json(&j1, b);
	/* and SPDX 3 written from what was read back is the same */
	oh_buf_reset(&j2);
	sbom_spdx3_write(&j2, b);
	ck_assert_str_eq(j2.buf, w.buf);
	sbom_doc_free(a);
	sbom_doc_free(b);
	oh_buf_release(&in);
	oh_buf_release(&w);
	oh_buf_release(&j1);
	oh_buf_release(&j2);
	oh_err_release(&err);
}
END_TEST

START_TEST(test_sbomspdx3_refused)
{
	static const char *const bad[] = {
		"{\"@context\":\"https://spdx.org/rdf/3.0.1/spdx-context.jsonld\"}",
		"{\"@context\":\"https://spdx.org/rdf/3.0.1/spdx-context.jsonld\","
		"\"@graph\":{}}",
	};

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct sbom_doc *d = NULL;
		struct oh_err err = OH_ERR_INIT;

		ck_assert_int_eq(
			sbom_read(&d, bad[i], strlen(bad[i]), "t", &err),
			OH_EINPUT);
		ck_assert_ptr_null(d);
		oh_err_release(&err);
	}
}
END_TEST

Suite *sbomspdx3_suite(void)
{
	Suite *s = suite_create("sbomspdx3");
	TCase *tc = tcase_create("spdx3");

	tcase_add_test(tc, test_sbomspdx3_valid);
	tcase_add_loop_test(tc, test_sbomspdx3_rules, 0,
			    (int)(sizeof(cases) / sizeof(cases[0])));
	tcase_add_test(tc, test_sbomspdx3_to_model);
	tcase_add_test(tc, test_sbomspdx3_roundtrip);
	tcase_add_test(tc, test_sbomspdx3_refused);
	suite_add_tcase(s, tc);
	return s;
}
