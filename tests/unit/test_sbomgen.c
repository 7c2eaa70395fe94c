/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * SBOM generation and verification over hand-made source facts (the pure
 * halves; t4002 runs them on the fixture repositories).
 */
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "core/buf.h"
#include "core/err.h"
#include "sbom/generate.h"
#include "sbom/model.h"
#include "sbom/source.h"
#include "sbom/verify.h"
#include "unit.h"

static const struct {
	const char *url, *version, *want; /* want NULL: no purl */
} purls[] = {
	{ "https://github.com/Owner/Repo.git", "v1.2",
	  "pkg:github/owner/repo@v1.2" },
	{ "https://github.com/o/r", NULL, "pkg:github/o/r" },
	{ "git@github.com:o/r.git", "1.0", "pkg:github/o/r@1.0" },
	{ "https://github.com/o/r.git", "2.0+b", "pkg:github/o/r@2.0%2Bb" },
	/* "gitlab" is a candidate purl type, not a registered one */
	{ "ssh://git@gitlab.com/group/proj.git", "2.0", NULL },
	{ "https://bitbucket.org/a/b/", NULL, "pkg:bitbucket/a/b" },
	{ "https://gitlab.com/group/sub/proj.git", NULL, NULL }, /* subgroup */
	{ "https://example.org/o/r.git", NULL, NULL },
	{ "https://notgithub.com/o/r", NULL, NULL },
	{ "/srv/git/r.git", NULL, NULL },
};

START_TEST(test_sbomgen_purl)
{
	char out[256];
	int rc = sbom_purl_for(out, sizeof(out), purls[_i].url,
			       purls[_i].version);

	if (!purls[_i].want) {
		ck_assert_msg(rc < 0, "%s gave %s", purls[_i].url, out);
		return;
	}
	ck_assert_int_eq(rc, 0);
	ck_assert_str_eq(out, purls[_i].want);
}
END_TEST

/* A source of three files, by hand. */
static void fake_source(struct sbom_source *s)
{
	static struct sbom_source_file f[3];

	memset(f, 0, sizeof(f));
	f[0].path = "LICENSE";
	memset(f[0].sha1, 'a', 40);
	memset(f[0].sha256, '1', 64);
	f[0].read = true;
	f[0].text_license = "MIT";
	f[1].path = "src/a.c";
	memset(f[1].sha1, '0', 40);
	memset(f[1].sha256, '2', 64);
	f[1].read = true;
	f[1].tag = "MIT";
	f[1].tag_valid = true;
	f[1].license = "MIT";
	f[1].license_valid = true;
	{
		static const char *ids[] = { "MIT" };
		f[1].ids = ids;
		f[1].nids = 1;
	}
	f[2].path = "src/b.png";
	memset(f[2].sha1, 'f', 40);
	memset(f[2].sha256, '3', 64);
	s->root = "/src/demo";
	s->name = "demo";
	s->git = true;
	memset(s->commit, 'c', 40);
	s->describe = "v1.0-2-gccccccc";
	s->remote = "https://github.com/example/demo.git";
	s->file = f;
	s->file_nr = 3;
	s->declared = "MIT";
	s->concluded = "MIT";
	sbom_verif_code(s->verif_code, s, NULL, 0);
}

START_TEST(test_sbomgen_verif_code)
{
	struct sbom_source s = SBOM_SOURCE_INIT;
	const char *ex[] = { "./src/a.c" };
	char code[41];

	fake_source(&s);
	/* sha1 over the sorted concatenation (computed with hashlib) */
	ck_assert_str_eq(s.verif_code,
			 "86d69c1005e4f4b6435afa63c34eac1dc8b1367a");
	sbom_verif_code(code, &s, ex, 1);
	ck_assert_str_eq(code, "5120ebf6f22b64f5865118018850b0ffeabe214c");
}
END_TEST

static void generate(struct sbom_doc **d, const struct sbom_source *s)
{
	struct sbom_gen_opts o = { .created = 1793491200, /* 2026-11-01 */
				   .tool = "osshealth-test",
				   .supplier = "Organization: Example" };
	struct oh_err err = OH_ERR_INIT;

	ck_assert_int_eq(sbom_generate(d, s, &o, &err), 0);
}

START_TEST(test_sbomgen_document)
{
	struct sbom_source s = SBOM_SOURCE_INIT;
	struct sbom_doc *d;
	struct sbom_report r = SBOM_REPORT_INIT;
	struct oh_buf json = OH_BUF_INIT;
	struct oh_err err = OH_ERR_INIT;

	fake_source(&s);
	generate(&d, &s);
	ck_assert_uint_eq(d->npkg, 1);
	ck_assert_str_eq(d->pkg[0].version, "v1.0-2-gccccccc");
	ck_assert_str_eq(d->pkg[0].download_location,
			 "git+https://github.com/example/demo.git@"
			 "cccccccccccccccccccccccccccccccccccccccc");
	/* purl-spec: the version of an untagged commit is the commit */
	ck_assert_str_eq(d->pkg[0].extref[0].locator,
			 "pkg:github/example/demo@"
			 "cccccccccccccccccccccccccccccccccccccccc");
	ck_assert_str_eq(d->created, "2026-11-01T00:00:00Z");
	ck_assert_uint_eq(d->nfile, 3);
	ck_assert_str_eq(d->file[0].name, "./LICENSE");
	ck_assert_str_eq(d->file[0].license_info[0], "MIT"); /* the text */
	/* the package's files say MIT (the LICENSE text) */
	ck_assert_str_eq(d->pkg[0].license_info_from_files[0], "MIT");
	ck_assert_str_eq(d->file[1].license_info[0], "MIT"); /* the tag */
	ck_assert_str_eq(d->file[2].license_info[0],
			 "NOASSERTION"); /* unread */
	ck_assert_uint_eq(d->nrel, 4);
	ck_assert_str_eq(d->rel[0].type, "DESCRIBES");
	/* what we write passes our own validator, both profiles */
	sbom_write_json(&json, d);
	ck_assert_int_eq(sbom_validate(&r, json.buf, json.len, "gen",
				       SBOM_PROFILE_SPDX | SBOM_PROFILE_NTIA,
				       NULL, &err),
			 0);
	ck_assert_msg(r.errors == 0, "%zu errors, first: %s %s", r.errors,
		      r.diag_nr ? r.diag[0].code : "",
		      r.diag_nr ? r.diag[0].message : "");
	sbom_report_release(&r);
	oh_buf_release(&json);
	sbom_doc_free(d);
}
END_TEST

static size_t count_code(const struct sbom_verify_report *r, const char *code)
{
	size_t n = 0;

	for (size_t i = 0; i < r->nf; i++)
		n += r->f[i].mismatch && strcmp(r->f[i].code, code) == 0;
	return n;
}

START_TEST(test_sbomgen_verify)
{
	struct sbom_source s = SBOM_SOURCE_INIT;
	struct sbom_verify_report r = SBOM_VERIFY_INIT;
	struct oh_err err = OH_ERR_INIT;
	struct sbom_doc *d;

	fake_source(&s);
	generate(&d, &s);
	ck_assert_int_eq(sbom_verify(&r, d, &s, &err), 0);
	ck_assert_uint_eq(r.mismatches, 0);
	ck_assert_uint_eq(r.files_checked, 3);
	ck_assert_uint_eq(r.checksums_ok, 6);
	sbom_verify_release(&r);

	/* the source moves on: one checksum, a license, the commit */
	s.file[1].sha256[0] = '9';
	s.file[1].tag = "Apache-2.0";
	s.declared = "Apache-2.0";
	s.commit[0] = 'd';
	s.describe = "v1.0-3-gdccccccc";
	r = (struct sbom_verify_report)SBOM_VERIFY_INIT;
	ck_assert_int_eq(sbom_verify(&r, d, &s, &err), 0);
	ck_assert_uint_eq(count_code(&r, "file-checksum"), 1);
	ck_assert_uint_eq(count_code(&r, "file-license"), 1);
	ck_assert_uint_eq(count_code(&r, "license-declared"), 1);
	ck_assert_uint_eq(count_code(&r, "download-commit"), 1);
	ck_assert_uint_eq(count_code(&r, "version"), 1);
	ck_assert_uint_eq(count_code(&r, "verification-code"), 0);
	ck_assert_uint_eq(r.mismatches, 5);
	sbom_verify_release(&r);

	/* a version written without the tag's 'v' still matches */
	s.describe = NULL;
	{
		static const char *tags[] = { "v1.0" };
		s.tags = tags;
		s.ntags = 1;
	}
	d->pkg[0].version = "1.0";
	r = (struct sbom_verify_report)SBOM_VERIFY_INIT;
	ck_assert_int_eq(sbom_verify(&r, d, &s, &err), 0);
	ck_assert_uint_eq(count_code(&r, "version"), 0);
	sbom_verify_release(&r);
	sbom_doc_free(d);
}
END_TEST

Suite *sbomgen_suite(void)
{
	Suite *s = suite_create("sbomgen");
	TCase *tc = tcase_create("core");

	tcase_add_loop_test(tc, test_sbomgen_purl, 0,
			    (int)(sizeof(purls) / sizeof(purls[0])));
	tcase_add_test(tc, test_sbomgen_verif_code);
	tcase_add_test(tc, test_sbomgen_document);
	tcase_add_test(tc, test_sbomgen_verify);
	suite_add_tcase(s, tc);
	return s;
}
