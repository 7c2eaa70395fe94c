/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * bom: SBOMs as scan input.  Download locations and purls to repository
 * and revision (or the reason there is none), and whole SPDX (JSON,
 * tag-value) and CycloneDX documents to components and packages left
 * out.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "core/arena.h"
#include "core/err.h"
#include "scan/bom.h"
#include "scan/manifest.h"
#include "unit.h"

struct loc_case {
	const char *in;   /* download location or purl */
	const char *repo; /* expected repository, NULL: none */
	const char *ref;  /* expected revision, NULL: HEAD */
	const char *why;  /* a part of the reason when repo is NULL */
};

static const struct loc_case loc_cases[] = {
	{ "git+https://github.com/o/r.git@v1.2.3#sub/dir",
	  "https://github.com/o/r.git", "v1.2.3", NULL },
	{ "git+https://example.org/r.git", "https://example.org/r.git", NULL,
	  NULL },
	{ "git+ssh://git@example.org/r.git@abc123",
	  "ssh://git@example.org/r.git", "abc123", NULL },
	{ "git+git@github.com:o/r.git@main", "https://github.com/o/r.git",
	  "main", NULL },
	{ "git://git.example.org/r", "git://git.example.org/r", NULL, NULL },
	{ "git://github.com/o/r.git", "https://github.com/o/r.git", NULL,
	  NULL },
	{ "git+ssh://git@github.com:22/o/r.git", "https://github.com/o/r.git",
	  NULL, NULL },
	{ "ssh://gitlab.com/g/p.git", "https://gitlab.com/g/p.git", NULL,
	  NULL },
	{ "git@example.org:o/r.git", "git@example.org:o/r.git", NULL, NULL },
	{ "git+http://127.0.0.1:8080/git/a.git@v1",
	  "http://127.0.0.1:8080/git/a.git", "v1", NULL },
	{ "https://github.com/o/r", "https://github.com/o/r", NULL, NULL },
	{ "https://github.com/o/r/archive/refs/tags/v2.0.tar.gz",
	  "https://github.com/o/r", "v2.0", NULL },
	{ "https://github.com/o/r/archive/0123abcd.zip",
	  "https://github.com/o/r", "0123abcd", NULL },
	{ "https://github.com/o/r/releases/download/v3/r-3.tar.xz",
	  "https://github.com/o/r", "v3", NULL },
	{ "https://gitlab.com/g/sub/p/-/archive/v4/p-v4.tar.gz",
	  "https://gitlab.com/g/sub/p", "v4", NULL },
	{ "https://gitlab.com/g/sub/p", "https://gitlab.com/g/sub/p", NULL,
	  NULL },
	{ "https://bitbucket.org/o/r/get/v5.zip", "https://bitbucket.org/o/r",
	  "v5", NULL },
	{ "http://github.com/o/r.git", "https://github.com/o/r.git", NULL,
	  NULL },
	{ "github:samccone/chrome-trace-event",
	  "https://github.com/samccone/chrome-trace-event", NULL, NULL },
	{ "gitlab:g/s/p#v2", "https://gitlab.com/g/s/p", "v2", NULL },
	{ "bitbucket:o/r", "https://bitbucket.org/o/r", NULL, NULL },
	{ "github:nothing", NULL, NULL, "not a URL osshealth can clone" },
	{ "git+http://github.com/o/r.git@v1", "https://github.com/o/r.git",
	  "v1", NULL },
	{ "https://example.org/x/r.git", "https://example.org/x/r.git", NULL,
	  NULL },
	{ "https://git.example.org/leaf.git",
	  "https://git.example.org/leaf.git", NULL, NULL },
	{ "https://git.example.org/.git", NULL, NULL, "not a git repository" },
	{ "http://127.0.0.1:8080/git/r.git?x=1#top",
	  "http://127.0.0.1:8080/git/r.git", NULL, NULL },
	{ "https://u:pw@gitlab.example.com:8443/g/p.git",
	  "https://gitlab.example.com:8443/g/p.git", NULL, NULL },
	{ "NOASSERTION", NULL, NULL, "download location is NOASSERTION" },
	{ "NONE", NULL, NULL, "download location is NONE" },
	{ "", NULL, NULL, "no download location" },
	{ "hg+https://hg.example.org/r", NULL, NULL, "Mercurial source" },
	{ "svn+https://svn.example.org/r/trunk", NULL, NULL,
	  "Subversion source" },
	{ "https://registry.npmjs.org/a/-/a-1.0.0.tgz", NULL, NULL,
	  "web address, not a git repository" },
	{ "https://github.com/o/r/blob/main/README.md", NULL, NULL,
	  "not its repository or a source archive" },
	{ "https://github.com/o", NULL, NULL, "not a git repository" },
	{ "git+file:///srv/r.git", NULL, NULL, "local file URL" },
	{ "ftp://example.org/r.tar.gz", NULL, NULL, "not a URL osshealth" },
	{ "https://u:secret@example.org/a.tgz", NULL, NULL,
	  "https://example.org/a.tgz" },
};

static void check_source(const struct loc_case *c, int found,
			 const struct bom_source *s)
{
	if (!c->repo) {
		ck_assert_msg(found == 0, "%s: found %s", c->in, s->repo);
		ck_assert_ptr_null(s->repo);
		ck_assert_msg(strstr(s->reason, c->why) != NULL,
			      "%s: reason '%s' lacks '%s'", c->in, s->reason,
			      c->why);
		ck_assert_msg(!strstr(s->reason, "secret"), "%s", s->reason);
		return;
	}
	ck_assert_msg(found == 1, "%s: not found: %s", c->in, s->reason);
	ck_assert_str_eq(s->repo, c->repo);
	if (c->ref)
		ck_assert_pstr_eq(s->ref, c->ref);
	else
		ck_assert_msg(s->ref == NULL, "%s: ref %s", c->in, s->ref);
}

START_TEST(test_bom_location)
{
	const struct loc_case *c = &loc_cases[_i];
	struct oh_arena a = OH_ARENA_INIT;
	struct bom_source s;
	int found = bom_source_from_location(&s, &a, c->in);

	check_source(c, found, &s);
	oh_arena_release(&a);
}
END_TEST

START_TEST(test_bom_location_subpath)
{
	struct oh_arena a = OH_ARENA_INIT;
	struct bom_source s;

	ck_assert_int_eq(
		bom_source_from_location(
			&s, &a, "git+https://h.example/r.git@v1#lib/x"),
		1);
	ck_assert_str_eq(s.subpath, "lib/x");
	ck_assert_str_eq(s.via, "download location");
	oh_arena_release(&a);
}
END_TEST

static const struct loc_case purl_cases[] = {
	{ "pkg:github/o/r@v1.0", "https://github.com/o/r", "v1.0", NULL },
	{ "pkg:github/o/r", "https://github.com/o/r", NULL, NULL },
	{ "pkg:gitlab/g/s/p@1.2", "https://gitlab.com/g/s/p", "1.2", NULL },
	{ "pkg:bitbucket/o/r@abc", "https://bitbucket.org/o/r", "abc", NULL },
	{ "pkg:golang/github.com/o/r@v1.4.0", "https://github.com/o/r",
	  "v1.4.0", NULL },
	{ "pkg:golang/github.com/o/r/v2@v2.0.1+incompatible",
	  "https://github.com/o/r", "v2.0.1", NULL },
	{ "pkg:golang/github.com/o/r@v0.0.0-20200102150405-abcdef123456",
	  "https://github.com/o/r", "abcdef123456", NULL },
	{ "pkg:golang/golang.org/x/net@v0.1.0", NULL, NULL,
	  "not hosted on a known forge" },
	{ "pkg:npm/%40scope/a@1.0.0?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Fo%2Fa.git%40v1.0.0",
	  "https://github.com/o/a.git", "v1.0.0", NULL },
	{ "pkg:npm/left-pad@1.3.0", NULL, NULL,
	  "purl type 'npm' names a registry package" },
	{ "pkg:deb/debian/curl@7.88.1-10", NULL, NULL, "purl type 'deb'" },
	{ "pkg:github/r", NULL, NULL, "without an owner" },
	{ "npm/left-pad", NULL, NULL, "not a valid purl" },
	{ "pkg:", NULL, NULL, "not a valid purl" },
};

START_TEST(test_bom_purl)
{
	const struct loc_case *c = &purl_cases[_i];
	struct oh_arena a = OH_ARENA_INIT;
	struct bom_source s;
	int found = bom_source_from_purl(&s, &a, c->in);

	check_source(c, found, &s);
	oh_arena_release(&a);
}
END_TEST

static struct manifest *parse_ok(const char *doc, const char *name)
{
	struct manifest *m = NULL;
	struct oh_err err = OH_ERR_INIT;

	ck_assert_msg(bom_parse(&m, doc, strlen(doc), name, NULL, &err) == 0,
		      "parse failed: %s", err.msg);
	oh_err_release(&err);
	return m;
}

static const char spdx_json[] =
	"{\"spdxVersion\": \"SPDX-2.3\", \"dataLicense\": \"CC0-1.0\","
	" \"SPDXID\": \"SPDXRef-DOCUMENT\", \"name\": \"d\","
	" \"documentNamespace\": \"https://example.org/d\","
	" \"creationInfo\": {\"created\": \"2026-01-01T00:00:00Z\","
	"  \"creators\": [\"Tool: t\"]},"
	" \"packages\": ["
	"  {\"SPDXID\": \"SPDXRef-a\", \"name\": \"liba\", \"versionInfo\": \"1.0\","
	"   \"supplier\": \"Organization: Acme Ltd (x@acme.example)\","
	"   \"licenseDeclared\": \"MIT\","
	"   \"downloadLocation\": \"git+https://github.com/acme/liba.git@v1.0\"},"
	"  {\"SPDXID\": \"SPDXRef-b\", \"name\": \"libb\", \"versionInfo\": \"2.0\","
	"   \"downloadLocation\": \"NOASSERTION\","
	"   \"externalRefs\": [{\"referenceCategory\": \"PACKAGE-MANAGER\","
	"    \"referenceType\": \"purl\","
	"    \"referenceLocator\": \"pkg:github/acme/libb@v2.0\"}]},"
	"  {\"SPDXID\": \"SPDXRef-c\", \"name\": \"left-pad\", \"versionInfo\": \"1.3.0\","
	"   \"downloadLocation\": \"NOASSERTION\","
	"   \"externalRefs\": [{\"referenceCategory\": \"PACKAGE-MANAGER\","
	"    \"referenceType\": \"purl\","
	"    \"referenceLocator\": \"pkg:npm/left-pad@1.3.0\"}]},"
	"  {\"SPDXID\": \"SPDXRef-d\", \"name\": \"liba\", \"versionInfo\": \"1.0\","
	"   \"downloadLocation\": \"git+https://github.com/acme/liba.git@v1.0\"},"
	"  {\"SPDXID\": \"SPDXRef-e\", \"name\": \"liba\", \"versionInfo\": \"0.9\","
	"   \"downloadLocation\": \"https://github.com/acme/liba/archive/refs/tags/v0.9.tar.gz\"}"
	" ]}";

START_TEST(test_bom_spdx_json)
{
	struct manifest *m = parse_ok(spdx_json, "s.spdx.json");
	const struct manifest_component *a = manifest_find(m, "liba");
	const struct manifest_component *b = manifest_find(m, "libb");
	const struct manifest_component *e = manifest_find(m, "liba@0.9");

	ck_assert_uint_eq(m->component_nr, 3);
	ck_assert_ptr_nonnull(a);
	ck_assert_str_eq(a->repo, "https://github.com/acme/liba.git");
	ck_assert_str_eq(a->ref, "v1.0");
	ck_assert_ptr_null(a->version); /* the location names the revision */
	ck_assert_str_eq(a->organization, "Acme Ltd");
	ck_assert_ptr_nonnull(
		strstr(a->declared_json, "\"element\":\"SPDXRef-a\""));
	ck_assert_ptr_nonnull(strstr(a->declared_json,
				     "\"source_from\":\"download location\""));
	ck_assert_ptr_nonnull(b);
	ck_assert_str_eq(b->repo, "https://github.com/acme/libb");
	ck_assert_str_eq(b->ref, "v2.0");
	ck_assert_ptr_nonnull(
		strstr(b->declared_json, "\"source_from\":\"purl\""));
	ck_assert_ptr_nonnull(e);
	ck_assert_str_eq(e->ref, "v0.9");
	ck_assert_uint_eq(m->unreviewed_nr, 2);
	ck_assert_str_eq(m->unreviewed[0].name, "left-pad");
	ck_assert_str_eq(m->unreviewed[0].version, "1.3.0");
	ck_assert_str_eq(m->unreviewed[0].element, "SPDXRef-c");
	ck_assert_str_eq(
		m->unreviewed[0].reason,
		"download location is NOASSERTION; purl type 'npm' names a "
		"registry package whose repository is not known offline: "
		"pkg:npm/left-pad@1.3.0");
	ck_assert_str_eq(m->unreviewed[1].element, "SPDXRef-d");
	ck_assert_str_eq(m->unreviewed[1].reason,
			 "same repository and revision as component 'liba', "
			 "reviewed once");
	manifest_free(m);
}
END_TEST

/* The same document in UTF-16 (LE, with its mark): the same components. */
START_TEST(test_bom_spdx_utf16)
{
	size_t n = strlen(spdx_json);
	char *u16 = malloc(2 * n + 2);
	struct manifest *m = NULL;
	struct oh_err err = OH_ERR_INIT;

	u16[0] = '\xff';
	u16[1] = '\xfe';
	for (size_t i = 0; i < n; i++) {
		u16[2 + 2 * i] = spdx_json[i];
		u16[3 + 2 * i] = '\0';
	}
	ck_assert_msg(bom_parse(&m, u16, 2 * n + 2, "u.json", NULL, &err) == 0,
		      "%s", err.msg);
	ck_assert_uint_eq(m->component_nr, 3);
	ck_assert_ptr_nonnull(manifest_find(m, "liba"));
	manifest_free(m);
	free(u16);
	oh_err_release(&err);
}
END_TEST

START_TEST(test_bom_spdx_tagvalue)
{
	static const char tv[] =
		"SPDXVersion: SPDX-2.3\nDataLicense: CC0-1.0\n"
		"SPDXID: SPDXRef-DOCUMENT\nDocumentName: d\n"
		"DocumentNamespace: https://example.org/d\n"
		"Creator: Tool: t\nCreated: 2026-01-01T00:00:00Z\n\n"
		"PackageName: zlib\nSPDXID: SPDXRef-z\nPackageVersion: 1.3\n"
		"PackageDownloadLocation: git+https://github.com/madler/zlib.git@v1.3\n\n"
		"PackageName: tarball\nSPDXID: SPDXRef-t\n"
		"PackageDownloadLocation: https://example.org/t-1.tar.gz\n";
	struct manifest *m = parse_ok(tv, "s.spdx");

	ck_assert_uint_eq(m->component_nr, 1);
	ck_assert_str_eq(m->component[0].name, "zlib");
	ck_assert_str_eq(m->component[0].ref, "v1.3");
	ck_assert_uint_eq(m->unreviewed_nr, 1);
	ck_assert_str_eq(m->unreviewed[0].name, "tarball");
	ck_assert_ptr_null(m->unreviewed[0].version);
	manifest_free(m);
}
END_TEST

START_TEST(test_bom_cyclonedx)
{
	static const char cdx[] =
		"{\"bomFormat\": \"CycloneDX\", \"specVersion\": \"1.5\","
		" \"metadata\": {\"component\": {\"type\": \"application\","
		"  \"name\": \"app\", \"bom-ref\": \"app\"}},"
		" \"components\": ["
		"  {\"type\": \"library\", \"group\": \"org.acme\", \"name\": \"core\","
		"   \"version\": \"3.1\", \"bom-ref\": \"c1\","
		"   \"supplier\": {\"name\": \"Acme\"},"
		"   \"purl\": \"pkg:maven/org.acme/core@3.1\","
		"   \"externalReferences\": [{\"type\": \"website\", \"url\": \"https://acme.example\"},"
		"    {\"type\": \"vcs\", \"url\": \"https://github.com/acme/core\"}],"
		"   \"components\": [{\"type\": \"library\", \"name\": \"inner\","
		"    \"purl\": \"pkg:github/acme/inner@v1\"}]},"
		"  {\"type\": \"library\", \"name\": \"lodash\", \"version\": \"4.17.21\","
		"   \"purl\": \"pkg:npm/lodash@4.17.21\"}"
		" ]}";
	struct manifest *m = parse_ok(cdx, "b.cdx.json");
	const struct manifest_component *core =
		manifest_find(m, "org.acme/core");

	ck_assert_uint_eq(m->component_nr, 2);
	ck_assert_ptr_nonnull(core);
	ck_assert_str_eq(core->repo, "https://github.com/acme/core");
	ck_assert_ptr_null(core->ref);
	ck_assert_str_eq(core->version, "3.1");
	ck_assert_str_eq(core->organization, "Acme");
	ck_assert_ptr_nonnull(
		strstr(core->declared_json,
		       "\"source_from\":\"vcs external reference\""));
	ck_assert_ptr_nonnull(
		strstr(core->declared_json, "\"format\":\"CycloneDX\""));
	ck_assert_ptr_nonnull(manifest_find(m, "inner"));
	ck_assert_str_eq(manifest_find(m, "inner")->ref, "v1");
	ck_assert_uint_eq(m->unreviewed_nr, 2);
	ck_assert_str_eq(m->unreviewed[0].name, "app");
	ck_assert_str_eq(m->unreviewed[0].reason, "no vcs external reference");
	ck_assert_str_eq(m->unreviewed[1].name, "lodash");
	ck_assert_ptr_nonnull(strstr(m->unreviewed[1].reason, "'npm'"));
	manifest_free(m);
}
END_TEST

/* A monorepo: packages of one repository are one review per version. */
START_TEST(test_bom_monorepo)
{
	static const char cdx[] =
		"{\"bomFormat\": \"CycloneDX\", \"specVersion\": \"1.5\","
		" \"components\": ["
		"  {\"name\": \"@m/a\", \"version\": \"7.1.0\", \"externalReferences\":"
		"   [{\"type\": \"vcs\", \"url\": \"git+https://github.com/m/m.git#packages/a\"}]},"
		"  {\"name\": \"@m/b\", \"version\": \"7.1.0\", \"externalReferences\":"
		"   [{\"type\": \"vcs\", \"url\": \"git+https://github.com/m/m.git#packages/b\"}]},"
		"  {\"name\": \"@m/c\", \"version\": \"7.2.0\", \"externalReferences\":"
		"   [{\"type\": \"vcs\", \"url\": \"git+https://github.com/m/m.git#packages/c\"}]}"
		" ]}";
	struct manifest *m = parse_ok(cdx, "mono.cdx.json");

	ck_assert_uint_eq(m->component_nr, 2);
	ck_assert_str_eq(m->component[0].version, "7.1.0");
	ck_assert_str_eq(m->component[1].name, "@m/c");
	ck_assert_str_eq(m->component[1].version, "7.2.0");
	ck_assert_ptr_nonnull(strstr(m->component[0].declared_json,
				     "\"subpath\":\"packages/a\""));
	ck_assert_uint_eq(m->unreviewed_nr, 1);
	ck_assert_str_eq(m->unreviewed[0].name, "@m/b");
	ck_assert_str_eq(m->unreviewed[0].reason,
			 "same repository and version as component '@m/a', "
			 "reviewed once");
	manifest_free(m);
}
END_TEST

/* Supplier text reaches terminals and logs: names are cleaned. */
START_TEST(test_bom_hostile_names)
{
	static const char cdx[] =
		"{\"bomFormat\": \"CycloneDX\", \"specVersion\": \"1.5\","
		" \"components\": ["
		"  {\"name\": \"evil\\u001b]0;pwned\\u0007\", \"version\": \"1\","
		"   \"purl\": \"pkg:github/o/a@v1\"},"
		"  {\"name\": \"evil\\u001b]0;pwned\\u0007\", \"version\": \"2\\n\","
		"   \"purl\": \"pkg:github/o/a@v2\"}"
		" ]}";
	struct manifest *m = parse_ok(cdx, "h.cdx.json");

	ck_assert_uint_eq(m->component_nr, 2);
	ck_assert_str_eq(m->component[0].name, "evil?]0;pwned?");
	ck_assert_str_eq(m->component[1].name, "evil?]0;pwned?@2?");
	manifest_free(m);
}
END_TEST

START_TEST(test_bom_manifest_passthrough)
{
	static const char mf[] = "{\"components\": [{\"name\": \"x\","
				 " \"repo\": \"https://example.org/x.git\"}]}";
	struct manifest *m = parse_ok(mf, "m.json");

	ck_assert_uint_eq(m->component_nr, 1);
	ck_assert_str_eq(m->component[0].name, "x");
	ck_assert_uint_eq(m->unreviewed_nr, 0);
	manifest_free(m);
}
END_TEST

struct bad_case {
	const char *doc;
	int code;
	const char *msg;
};

static const struct bad_case bad_cases[] = {
	{ "{\"bomFormat\": \"CycloneDX\", \"specVersion\": \"1.5\","
	  " \"components\": [{\"type\": \"library\"}]}",
	  OH_EINPUT, "components[0].name must be a string" },
	{ "{\"bomFormat\": \"CycloneDX\", \"specVersion\": \"1.5\","
	  " \"components\": [{\"name\": \"a\", \"components\": 3}]}",
	  OH_EINPUT, "components[0].components must be an array" },
	{ "{\"bomFormat\": \"CycloneDX\", \"components\": []}", OH_EINPUT,
	  "specVersion must be a string" },
	{ "{\"hello\": 1}", OH_EINPUT, "neither a manifest" },
	{ "just text", OH_EINPUT, "not a manifest (JSON), an SPDX document" },
	{ "spdxVersion: SPDX-2.3\nname: &a x\ncomment: *a\n", OH_EINPUT,
	  "YAML aliases are refused" },
	{ "{\"spdxVersion\": \"SPDX-2.3\", \"packages\": 5}", OH_EINPUT,
	  "packages" },
	{ "{\"bomFormat\": \"CycloneDX\", ", OH_EINPUT, "b.json" },
};

START_TEST(test_bom_errors)
{
	const struct bad_case *c = &bad_cases[_i];
	struct manifest *m = NULL;
	struct oh_err err = OH_ERR_INIT;

	ck_assert_int_eq(
		bom_parse(&m, c->doc, strlen(c->doc), "b.json", NULL, &err),
		c->code);
	ck_assert_ptr_null(m);
	ck_assert_msg(strstr(err.msg, c->msg) ||
			      (err.input && strstr(err.input, c->msg)),
		      "case %d: message '%s' lacks '%s'", _i, err.msg, c->msg);
	oh_err_release(&err);
}
END_TEST

START_TEST(test_bom_nesting_limit)
{
	char doc[4096];
	size_t n = 0;

	n += (size_t)snprintf(
		doc + n, sizeof(doc) - n,
		"{\"bomFormat\": \"CycloneDX\", \"specVersion\": \"1.5\", \"components\": ");
	for (int i = 0; i < BOM_MAX_DEPTH + 2; i++)
		n += (size_t)snprintf(
			doc + n, sizeof(doc) - n,
			"[{\"name\": \"n%d\", \"components\": ", i);
	n += (size_t)snprintf(doc + n, sizeof(doc) - n, "[]");
	for (int i = 0; i < BOM_MAX_DEPTH + 2; i++)
		n += (size_t)snprintf(doc + n, sizeof(doc) - n, "}]");
	snprintf(doc + n, sizeof(doc) - n, "}");

	{
		struct manifest *m = NULL;
		struct oh_err err = OH_ERR_INIT;

		ck_assert_int_eq(bom_parse(&m, doc, strlen(doc), "deep.json",
					   NULL, &err),
				 OH_ELIMIT);
		ck_assert_ptr_nonnull(strstr(err.msg, "nested deeper"));
		oh_err_release(&err);
	}
}
END_TEST

Suite *bom_suite(void)
{
	Suite *s = suite_create("bom");
	TCase *tc = tcase_create("sources");
	TCase *td = tcase_create("documents");

	tcase_add_loop_test(tc, test_bom_location, 0,
			    sizeof(loc_cases) / sizeof(loc_cases[0]));
	tcase_add_test(tc, test_bom_location_subpath);
	tcase_add_loop_test(tc, test_bom_purl, 0,
			    sizeof(purl_cases) / sizeof(purl_cases[0]));
	tcase_add_test(td, test_bom_spdx_json);
	tcase_add_test(td, test_bom_spdx_utf16);
	tcase_add_test(td, test_bom_spdx_tagvalue);
	tcase_add_test(td, test_bom_cyclonedx);
	tcase_add_test(td, test_bom_manifest_passthrough);
	tcase_add_test(td, test_bom_hostile_names);
	tcase_add_test(td, test_bom_monorepo);
	tcase_add_loop_test(td, test_bom_errors, 0,
			    sizeof(bad_cases) / sizeof(bad_cases[0]));
	tcase_add_test(td, test_bom_nesting_limit);
	suite_add_tcase(s, tc);
	suite_add_tcase(s, td);
	return s;
}
