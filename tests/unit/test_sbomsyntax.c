/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Value syntax of SPDX fields (src/sbom/syntax.c): dates, actors, URLs
 * and download locations, package URLs, CPE 2.2 and 2.3 names.  Each
 * table row is a value and whether it is well formed.
 */
#include <stdbool.h>
#include <stddef.h>

#include <check.h>

#include "sbom/syntax.h"
#include "unit.h"

enum kind { DATE, ACTOR, SUPPLIER, URL, DOWNLOAD, PURL, CPE23, CPE22 };

static const struct {
	enum kind kind;
	const char *value;
	bool ok;
} rows[] = {
	{ DATE, "2026-10-01T12:00:00Z", true },
	{ DATE, "2024-02-29T23:59:59Z", true },
	{ DATE, "2023-02-29T00:00:00Z", false },
	{ DATE, "1900-02-29T00:00:00Z", false },
	{ DATE, "2000-02-29T00:00:00Z", true },
	{ DATE, "2020-13-45T00:00:00Z", false },
	{ DATE, "2020-04-31T00:00:00Z", false },
	{ DATE, "2020-01-01T24:00:00Z", false },
	{ DATE, "2020-01-01T00:00:00.5Z", false },
	{ DATE, "yesterday", false },
	{ ACTOR, "Tool: osshealth-1.0", true },
	{ ACTOR, "Tool: ", false },
	{ ACTOR, "Tool:", false },
	{ ACTOR, "Person: Jane Doe (jane@example.org)", true },
	{ ACTOR, "Person: (jane@example.org)", false },
	{ ACTOR, "Organization:Example", true },
	{ ACTOR, "Example Org", false },
	{ ACTOR, "NOASSERTION", false },
	{ SUPPLIER, "NOASSERTION", true },
	{ SUPPLIER, "Organization: Example Org", true },
	{ SUPPLIER, "Tool: x", false },
	{ SUPPLIER, "Organization: ", false },
	{ URL, "https://zlib.net/", true },
	{ URL, "http://www.example.org:8080/a?b#c", true },
	{ URL, "example.org", true },
	{ URL, "https://user@git.example.org/x.git", true },
	{ URL, "see README", false },
	{ URL, "unknown", false },
	{ URL, "https://localhost/x", false },
	{ URL, "file:///tmp/x", false },
	{ URL, "https://example.org:http/", false },
	{ URL, "", false },
	{ DOWNLOAD, "NONE", true },
	{ DOWNLOAD, "NOASSERTION", true },
	{ DOWNLOAD, "git+https://git.example.org/app.git@v1.4.0", true },
	{ DOWNLOAD, "git+ssh://git.example.org/app.git#sub/dir", true },
	{ DOWNLOAD, "hg+https://hg.example.org/repo@abc", true },
	{ DOWNLOAD, "git+git@github.com:spdx/spdx-spec.git", true },
	{ DOWNLOAD, "bzr+lp:charm-helpers", true },
	{ DOWNLOAD, "https://zlib.net/zlib-1.3.1.tar.gz", true },
	{ DOWNLOAD, "git+git@github.com", false },
	{ DOWNLOAD, "cvs+pserver://x.org/y", false },
	{ DOWNLOAD, "unknown", false },
	{ PURL, "pkg:generic/example-app@1.4.0", true },
	{ PURL, "pkg:npm/%40angular/core@16.0.0", true },
	{ PURL, "pkg:maven/org.apache/commons-io@2.0?type=jar&classifier=x",
	  true },
	{ PURL, "pkg:github/spdx/tools-python@v0.8.0#src", true },
	{ PURL, "pkg://npm/left-pad", true },
	{ PURL, "generic/example-app@1.4.0", false },
	{ PURL, "pkg:npm", false },
	{ PURL, "pkg:npm/", false },
	{ PURL, "pkg:npm/left-pad@", false },
	{ PURL, "pkg:1npm/left-pad", false },
	{ PURL, "pkg:npm/left pad", false },
	{ PURL, "pkg:npm/left-pad?=x", false },
	{ PURL, "pkg:npm/left-pad?1a=x", false },
	{ PURL, "pkg:npm/left%2", false },
	{ CPE23, "cpe:2.3:a:zlib:zlib:1.3.1:*:*:*:*:*:*:*", true },
	{ CPE23, "cpe:2.3:o:linux:linux_kernel:6.1:-:*:en-us:*:*:x86:*", true },
	{ CPE23, "cpe:2.3:a:vendor:prod\\:uct:1.0:*:*:*:*:*:*:*", true },
	{ CPE23, "cpe:2.3:a:v:p*:1.?:*:*:*:*:*:*:*", true },
	{ CPE23, "cpe:2.3:a:zlib:zlib:1.3.1", false },
	{ CPE23, "cpe:2.3:x:zlib:zlib:1.3.1:*:*:*:*:*:*:*", false },
	{ CPE23, "cpe:2.3:a:zlib:zlib:1.3.1:*:*:english:*:*:*:*", false },
	{ CPE23, "cpe:2.3:a:zl ib:zlib:1.3.1:*:*:*:*:*:*:*", false },
	{ CPE23, "cpe:2.3:a:zlib:zlib:1.3.1:*:*:*:*:*:*:*:*", false },
	{ CPE23, "cpe:/a:zlib:zlib:1.3.1", false },
	{ CPE22, "cpe:/a:zlib:zlib:1.3.1", true },
	{ CPE22, "cpe:/o:linux:kernel:6.1:~~~~x86~", true },
	{ CPE22, "cpe:/x:zlib", false },
	{ CPE22, "cpe:2.3:a:zlib:zlib", false },
	{ CPE22, "cpe:/a:z:l:i:b:x:y:z", false },
};

START_TEST(test_sbomsyntax_table)
{
	const char *v = rows[_i].value;
	bool ok = false;

	switch (rows[_i].kind) {
	case DATE:
		ok = sbom_date_is_valid(v);
		break;
	case ACTOR:
		ok = sbom_actor_error(v, true, false) == NULL;
		break;
	case SUPPLIER:
		ok = sbom_actor_error(v, false, true) == NULL;
		break;
	case URL:
		ok = sbom_url_error(v) == NULL;
		break;
	case DOWNLOAD:
		ok = sbom_download_location_error(v) == NULL;
		break;
	case PURL:
		ok = sbom_purl_error(v) == NULL;
		break;
	case CPE23:
		ok = sbom_cpe23_error(v) == NULL;
		break;
	case CPE22:
		ok = sbom_cpe22_error(v) == NULL;
		break;
	}
	ck_assert_msg(ok == rows[_i].ok, "'%s' should be %s", v,
		      rows[_i].ok ? "accepted" : "refused");
}
END_TEST

Suite *sbomsyntax_suite(void)
{
	Suite *s = suite_create("sbomsyntax");
	TCase *tc = tcase_create("values");

	tcase_add_loop_test(tc, test_sbomsyntax_table, 0,
			    sizeof(rows) / sizeof(rows[0]));
	suite_add_tcase(s, tc);
	return s;
}
