/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Unit tests of the repository license scanner: tags, REUSE globs and
 * files, package metadata, a directory scan, the policy and the gate.
 * REUSE-IgnoreStart (the strings below are test data, not our license)
 */
#include <string.h>
#include <unistd.h>

#include "unit.h"
#include "core/err.h"
#include "core/path.h"
#include "license/adapt.h"
#include "license/pkgmeta.h"
#include "license/policy_gate.h"
#include "license/reuse.h"
#include "license/scan.h"
#include "license/summary.h"
#include "license/tags.h"

#define KEY "SPDX-License-Identifier"

static const struct {
	const char *text;
	const char *first; /* expected first tag, or NULL */
	unsigned line;
	unsigned nr;
} tag_cases[] = {
	{ "/* " KEY ": GPL-3.0-or-later */\nint x;\n", "GPL-3.0-or-later", 1,
	  1 },
	{ "#!/bin/sh\n# " KEY ": MIT\n", "MIT", 2, 1 },
	{ "<!-- " KEY ": Apache-2.0 -->\n", "Apache-2.0", 1, 1 },
	{ "{- " KEY ": BSD-3-Clause -}\n", "BSD-3-Clause", 1, 1 },
	{ "-- " KEY ":   MIT OR (Apache-2.0 WITH LLVM-exception)\n",
	  "MIT OR (Apache-2.0 WITH LLVM-exception)", 1, 1 },
	{ "\"\"\" " KEY ": MIT\"\"\"\n", "MIT", 1, 1 },
	{ "s = \"" KEY ": MIT\";\n", NULL, 0, 0 }, /* a string */
	{ "x" KEY ": MIT\n", NULL, 0, 0 },         /* glued */
	{ "// " KEY "\n", NULL, 0, 0 },            /* no colon */
	{ "// " KEY ": */\n", NULL, 0, 0 },        /* empty */
	{ "// " KEY " : MIT\r\n", "MIT", 1, 1 },   /* CRLF */
	{ "# " KEY ": MIT\n# " KEY ": ISC\n", "MIT", 1, 2 },
	{ "REUSE-Ignore"
	  "Start\n# " KEY ": BUSL-1.1\nREUSE-Ignore"
	  "End\n# " KEY ": MIT\n",
	  "MIT", 4, 1 },
	{ "REUSE-Ignore"
	  "Start\n# " KEY ": BUSL-1.1\n",
	  NULL, 0, 0 },
};

START_TEST(test_licscan_tags)
{
	struct lic_tags t;
	const char *s = tag_cases[_i].text;

	ck_assert_uint_eq(lic_tags_find(&t, s, strlen(s)), tag_cases[_i].nr);
	if (tag_cases[_i].first) {
		ck_assert_str_eq(t.tag[0].value, tag_cases[_i].first);
		ck_assert_uint_eq(t.tag[0].line, tag_cases[_i].line);
	}
}
END_TEST

START_TEST(test_licscan_tags_limits)
{
	static char big[LIC_TAG_SCAN_BYTES + 100];
	struct lic_tags t;
	const char tail[] = "\n// " KEY ": MIT\n";

	/* a tag beyond the head is not read */
	memset(big, 'a', sizeof(big));
	memcpy(big + sizeof(big) - sizeof(tail), tail, sizeof(tail) - 1);
	ck_assert_uint_eq(lic_tags_find(&t, big, sizeof(big)), 0);
	/* nor beyond LIC_TAG_SCAN_LINES lines */
	memset(big, '\n', LIC_TAG_SCAN_LINES + 1);
	memcpy(big + LIC_TAG_SCAN_LINES + 1, tail, sizeof(tail) - 1);
	ck_assert_uint_eq(
		lic_tags_find(&t, big, LIC_TAG_SCAN_LINES + sizeof(tail)), 0);
}
END_TEST

static const struct {
	const char *pat;
	const char *path;
	bool dep5;
	bool match;
} glob_cases[] = {
	{ "*.md", "README.md", false, true },
	{ "*.md", "docs/a.md", false, false },
	{ "**/*.md", "docs/a.md", false, true },
	{ "docs/**", "docs/a/b/c.png", false, true },
	{ "src/*.c", "src/a.c", false, true },
	{ "src/*.c", "src/x/a.c", false, false },
	{ "src/**/*.c", "src/x/y/a.c", false, true },
	{ "a\\*b", "a*b", false, true },
	{ "a\\*b", "axb", false, false },
	{ "*", "any/path", true, true },
	{ "src/*", "src/x/y.c", true, true },
	{ "doc?/x", "docs/x", true, true },
	{ "doc?/x", "doc/x", true, false },
	{ "README", "README", false, true },
	{ "README", "READMEx", false, false },
};

START_TEST(test_licscan_glob)
{
	ck_assert_int_eq(lic_reuse_glob(glob_cases[_i].pat, glob_cases[_i].path,
					glob_cases[_i].dep5),
			 glob_cases[_i].match);
}
END_TEST

START_TEST(test_licscan_reuse_toml)
{
	static const char toml[] =
		"version = 1\n"
		"[[annotations]]\n"
		"path = [\"docs/**\", \"*.json\"]\n"
		"SPDX-License-Identifier = \"CC-BY-4.0\"\n"
		"\n"
		"[[annotations]]\n"
		"path = 'docs/img/**' # later rules win\n"
		"precedence = \"override\"\n" KEY " = [\"MIT\", \"CC0-1.0\"]\n";
	struct lic_reuse r = LIC_REUSE_INIT;
	struct oh_err err = OH_ERR_INIT;
	const struct lic_reuse_rule *ru;

	ck_assert_int_eq(
		lic_reuse_parse_toml(&r, toml, strlen(toml), "t", &err), 0);
	ck_assert_uint_eq(r.rule_nr, 2);
	ru = lic_reuse_match(&r, "docs/a.md");
	ck_assert_ptr_nonnull(ru);
	ck_assert_str_eq(ru->license, "CC-BY-4.0");
	ck_assert_int_eq(ru->prec, LIC_REUSE_CLOSEST);
	ru = lic_reuse_match(&r, "docs/img/x.png");
	ck_assert_str_eq(ru->license, "(MIT) AND (CC0-1.0)");
	ck_assert_int_eq(ru->prec, LIC_REUSE_OVERRIDE);
	ck_assert_uint_eq(ru->line, 7);
	ck_assert_ptr_null(lic_reuse_match(&r, "src/a.c"));
	lic_reuse_release(&r);

	/* errors name the file and line */
	ck_assert_int_eq(lic_reuse_parse_toml(
				 &r, "[[annotations]]\nprecedence = \"x\"\n",
				 33, "R.toml", &err),
			 OH_EINPUT);
	ck_assert_uint_eq(err.line, 2);
	ck_assert_str_eq(err.input, "R.toml");
	lic_reuse_release(&r);
	oh_err_release(&err);
	ck_assert_int_eq(lic_reuse_parse_toml(&r, "a = \"unterminated\n", 18,
					      "R.toml", &err),
			 OH_EINPUT);
	lic_reuse_release(&r);
	oh_err_release(&err);
}
END_TEST

START_TEST(test_licscan_dep5)
{
	static const char dep5[] =
		"Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n"
		"Upstream-Name: x\n"
		"\n"
		"Files: *\n"
		"Copyright: 2020 A\n"
		"License: GPL-3.0-or-later\n"
		"\n"
		"Files: docs/*.png\n"
		"  images/*\n"
		"License: CC-BY-4.0\n"
		" The text of the license follows.\n";
	struct lic_reuse r = LIC_REUSE_INIT;
	struct oh_err err = OH_ERR_INIT;

	ck_assert_int_eq(
		lic_reuse_parse_dep5(&r, dep5, strlen(dep5), "d", &err), 0);
	ck_assert_uint_eq(r.rule_nr, 2);
	ck_assert_str_eq(lic_reuse_match(&r, "docs/a/b.png")->license,
			 "CC-BY-4.0");
	ck_assert_str_eq(lic_reuse_match(&r, "images/x")->license, "CC-BY-4.0");
	ck_assert_str_eq(lic_reuse_match(&r, "src/a.c")->license,
			 "GPL-3.0-or-later");
	lic_reuse_release(&r);
	ck_assert_int_eq(lic_reuse_parse_dep5(&r, "garbage\n", 8, "d", &err),
			 OH_EINPUT);
	ck_assert_uint_eq(err.line, 1);
	lic_reuse_release(&r);
	oh_err_release(&err);
}
END_TEST

static const struct {
	const char *base;
	const char *text;
	const char *expr;
	bool is_name;
} meta_cases[] = {
	{ "package.json", "{\"license\": \"MIT\"}", "MIT", false },
	{ "package.json", "{\"license\": {\"type\": \"ISC\"}}", "ISC", false },
	{ "package.json",
	  "{\"licenses\": [{\"type\": \"MIT\"}, {\"type\": \"Apache-2.0\"}]}",
	  "MIT OR Apache-2.0", false },
	{ "package.json", "{\"license\": \"SEE LICENSE IN x.txt\"}",
	  "SEE LICENSE IN x.txt", true },
	{ "package.json", "{\"name\": \"x\"}", "", false },
	{ "composer.json", "{\"license\": [\"MIT\", \"GPL-2.0-only\"]}",
	  "MIT OR GPL-2.0-only", false },
	{ "Cargo.toml",
	  "[package]\nname = \"x\"\nlicense = \"MIT/Apache-2.0\"\n",
	  "MIT OR Apache-2.0", false },
	{ "Cargo.toml", "[dependencies]\nlicense = \"no\"\n", "", false },
	{ "pyproject.toml", "[project]\nlicense = \"BSD-3-Clause\"\n",
	  "BSD-3-Clause", false },
	{ "pyproject.toml", "[project]\nlicense = {text = \"MIT License\"}\n",
	  "MIT", false },
	{ "pyproject.toml", "[tool.poetry]\nlicense = \"GPL-3.0-only\"\n",
	  "GPL-3.0-only", false },
	{ "setup.cfg", "[metadata]\nname = x\nlicense = Apache-2.0\n",
	  "Apache-2.0", false },
	{ "x.gemspec",
	  "Gem::Specification.new do |s|\n  s.licenses = ['MIT', \"Ruby\"]\nend\n",
	  "MIT OR Ruby", false },
	{ "x.gemspec", "s.license = \"BSD-2-Clause\" # note\n", "BSD-2-Clause",
	  false },
	{ "pom.xml",
	  "<project><licenses><license><name>The Apache Software License, Version 2.0</name></license></licenses></project>",
	  "Apache-2.0", false },
	{ "pom.xml",
	  "<project><licenses><license><name>Foo</name><url>https://opensource.org/licenses/MIT</url></license></licenses></project>",
	  "MIT", false },
	{ "DESCRIPTION", "Package: x\nLicense: GPL (>= 2)\n",
	  "GPL-2.0-or-later", false },
	{ "DESCRIPTION", "License: MIT + file LICENSE |\n  GPL-3\n",
	  "MIT OR GPL-3.0-only", false },
	{ "x.cabal", "name: x\nlicense: BSD3\n", "BSD-3-Clause", false },
	{ "x.cabal", "License:    MPL-2.0\n", "MPL-2.0", false },
	{ "go.mod", "module example.com/x\n", "", false },
};

START_TEST(test_licscan_meta)
{
	struct lic_declared d;
	struct oh_err err = OH_ERR_INIT;
	enum lic_meta_kind k = lic_meta_kind_of(meta_cases[_i].base);

	ck_assert_int_ne(k, LIC_META_NONE);
	ck_assert_int_eq(lic_meta_parse(&d, k, meta_cases[_i].text,
					strlen(meta_cases[_i].text),
					meta_cases[_i].base, &err),
			 0);
	ck_assert_str_eq(d.expr, meta_cases[_i].expr);
	ck_assert_int_eq(d.is_name, meta_cases[_i].is_name);
	oh_err_release(&err);
}
END_TEST

START_TEST(test_licscan_meta_errors)
{
	static const char xxe[] =
		"<?xml version=\"1.0\"?>\n"
		"<!DOCTYPE p [<!ENTITY x SYSTEM \"file:///etc/hostname\">]>\n"
		"<project><licenses><license><name>&x;</name></license>"
		"</licenses></project>\n";
	struct lic_declared d;
	struct oh_err err = OH_ERR_INIT;

	ck_assert_int_eq(lic_meta_parse(&d, LIC_META_NPM, "{\"license\":", 11,
					"package.json", &err),
			 OH_EINPUT);
	ck_assert_str_eq(err.input, "package.json");
	oh_err_release(&err);
	ck_assert_int_eq(lic_meta_parse(&d, LIC_META_POM, "<project>", 9,
					"pom.xml", &err),
			 OH_EINPUT);
	oh_err_release(&err);
	/* an external entity is never loaded */
	ck_assert_int_eq(lic_meta_parse(&d, LIC_META_POM, xxe, strlen(xxe),
					"pom.xml", &err),
			 0);
	ck_assert_str_eq(d.expr, "");
	ck_assert_int_eq(lic_meta_parse(&d, LIC_META_CARGO, "x", 2u << 20,
					"Cargo.toml", &err),
			 OH_ELIMIT);
	oh_err_release(&err);
}
END_TEST

static void wf(const char *name, const char *text)
{
	unit_write_file(unit_path(name), text, strlen(text));
}

static const char *write_tree(void)
{
	static const char mit[] =
		"MIT License\n\nCopyright (c) 2026 X\n\n"
		"Permission is hereby granted, free of charge, to any person "
		"obtaining a copy\nof this software and associated "
		"documentation files (the \"Software\"), to deal\nin the "
		"Software without restriction, including without limitation "
		"the rights\nto use, copy, modify, merge, publish, distribute, "
		"sublicense, and/or sell\ncopies of the Software, and to "
		"permit persons to whom the Software is\nfurnished to do so, "
		"subject to the following conditions:\n\nThe above copyright "
		"notice and this permission notice shall be included in "
		"all\ncopies or substantial portions of the Software.\n\n"
		"THE SOFTWARE IS PROVIDED \"AS IS\", WITHOUT WARRANTY OF ANY "
		"KIND, EXPRESS OR\nIMPLIED, INCLUDING BUT NOT LIMITED TO THE "
		"WARRANTIES OF MERCHANTABILITY,\nFITNESS FOR A PARTICULAR "
		"PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE\nAUTHORS "
		"OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR "
		"OTHER\nLIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR "
		"OTHERWISE, ARISING FROM,\nOUT OF OR IN CONNECTION WITH THE "
		"SOFTWARE OR THE USE OR OTHER DEALINGS IN THE\nSOFTWARE.\n";
	const char *dir = unit_tmpdir();

	wf("LICENSE", mit);
	wf("package.json", "{\"license\":\"MIT\"}");
	wf("a.c", "// " KEY ": MIT\n");
	wf("b.c", "int b;\n");
	unit_write_file(unit_path("img.png"), "\x89PNG\0\0", 6);
	wf("img.png.license", KEY ": CC0-1.0\n");
	wf("REUSE.toml", "version = 1\n[[annotations]]\npath = \"*.md\"\n" KEY
			 " = \"MIT\"\n");
	wf("doc.md", "# doc\n");
	return dir;
}

START_TEST(test_licscan_dir)
{
	struct lic_scan s = LIC_SCAN_INIT;
	struct lic_summary sum = { 0 };
	struct lic_adapt *a = NULL;
	struct oh_err err = OH_ERR_INIT;
	const struct lic_scan_file *f;

	ck_assert_int_eq(lic_scan_run(&s, write_tree(), NULL, &err), 0);
	ck_assert(!s.git);
	ck_assert(s.has_reuse);
	ck_assert_uint_eq(s.file_nr, 8);
	f = lic_scan_find(&s, "a.c");
	ck_assert_str_eq(f->tag, "MIT");
	ck_assert_str_eq(f->license, "MIT");
	f = lic_scan_find(&s, "b.c");
	ck_assert_ptr_null(f->license);
	f = lic_scan_find(&s, "img.png");
	ck_assert(f->flags & LIC_SF_BINARY);
	ck_assert_str_eq(f->license, "CC0-1.0");
	ck_assert_str_eq(f->reuse_at, "img.png.license");
	ck_assert(lic_scan_find(&s, "img.png.license")->flags & LIC_SF_EXEMPT);
	f = lic_scan_find(&s, "doc.md");
	ck_assert_str_eq(f->license, "MIT");
	ck_assert_str_eq(f->reuse_at, "REUSE.toml:3");
	ck_assert(lic_scan_find(&s, "LICENSE")->flags & LIC_SF_ROOTTEXT);

	ck_assert_int_eq(lic_adapt_open(&a, &err), 0);
	lic_summary_build(&sum, &s, a);
	ck_assert_str_eq(sum.declared, "MIT");
	ck_assert_str_eq(sum.detected, "MIT");
	ck_assert(sum.agree);
	ck_assert_str_eq(sum.concluded, "MIT");
	ck_assert_int_eq(sum.osi, LIC_SUM_OSI_YES);
	ck_assert_uint_eq(sum.unlicensed, 2); /* b.c, package.json */
	lic_summary_release(&sum);
	lic_adapt_close(a);
	lic_scan_release(&s);
	oh_err_release(&err);
	unit_tmpdir_remove();
}
END_TEST

START_TEST(test_licscan_gomod)
{
	struct lic_scan s = LIC_SCAN_INIT;
	struct lic_summary sum = { 0 };
	struct lic_adapt *a = NULL;
	struct oh_err err = OH_ERR_INIT;
	const char *dir = write_tree();
	size_t go = 0;

	ck_assert_int_eq(oh_path_mkdirs(unit_path("sub/inner"), &err), 0);
	ck_assert_int_eq(oh_path_mkdirs(unit_path("other"), &err), 0);
	wf("sub/inner/go.mod", "module example.com/x/sub/inner\n");
	wf("other/go.mod", "module example.com/other\n");
	wf("other/LICENSE", "Some license\n");
	unlink(unit_path("LICENSE"));
	ck_assert_int_eq(lic_scan_run(&s, dir, NULL, &err), 0);
	ck_assert_int_eq(lic_adapt_open(&a, &err), 0);
	lic_summary_build(&sum, &s, a);
	for (size_t i = 0; i < sum.finding_nr; i++) {
		if (strcmp(sum.finding[i].code,
			   "license-go-module-without-license") != 0)
			continue;
		go++;
		ck_assert_str_eq(sum.finding[i].path, "sub/inner/go.mod");
	}
	ck_assert_uint_eq(go, 1);
	lic_summary_release(&sum);
	lic_adapt_close(a);
	lic_scan_release(&s);
	oh_err_release(&err);
	unit_tmpdir_remove();
}
END_TEST

START_TEST(test_licscan_gate)
{
	static const char *const paths[] = { "LICENSE", "a.c", "b.c", "img.png",
					     "nope" };
	struct lic_scan s = LIC_SCAN_INIT;
	struct lic_policy p;
	struct lic_gate g = { 0 };
	struct lic_adapt *a = NULL;
	struct oh_err err = OH_ERR_INIT;

	ck_assert_int_eq(lic_scan_run(&s, write_tree(), NULL, &err), 0);
	ck_assert_int_eq(lic_adapt_open(&a, &err), 0);
	lic_policy_default(&p);
	lic_gate_run(&g, &s, paths, 5, &p, a, "MIT");
	ck_assert_uint_eq(g.item_nr, 5);
	ck_assert_int_eq(g.item[0].status, LIC_GATE_EXEMPT);
	ck_assert_int_eq(g.item[1].status, LIC_GATE_OK);
	ck_assert_int_eq(g.item[2].status, LIC_GATE_NOTAG);
	ck_assert_str_eq(g.item[2].fix, "add the line '/* " KEY
					": MIT */' near the top of the file");
	ck_assert_int_eq(g.item[3].status, LIC_GATE_DENIED); /* CC0 */
	ck_assert_int_eq(g.item[4].status, LIC_GATE_NOTFOUND);
	ck_assert_uint_eq(g.failed, 3);
	lic_gate_release(&g);
	lic_policy_release(&p);
	lic_adapt_close(a);
	lic_scan_release(&s);
	oh_err_release(&err);
	unit_tmpdir_remove();
}
END_TEST

START_TEST(test_licscan_policy)
{
	static const char pol[] =
		"{\"allow\": {\"osi\": false, \"ids\": [\"MIT\"], "
		"\"categories\": [\"weak-copyleft\"]}, "
		"\"deny\": {\"ids\": [\"LGPL-2.1-only\"]}}";
	struct lic_policy p;
	struct lic_adapt *a = NULL;
	struct oh_err err = OH_ERR_INIT;
	char why[300];

	ck_assert_int_eq(lic_adapt_open(&a, &err), 0);
	ck_assert_int_eq(lic_policy_parse(&p, pol, strlen(pol), "p", &err), 0);
	ck_assert_int_eq(
		lic_policy_allows(&p, a, "MIT", why, sizeof(why), "x", &err),
		1);
	ck_assert_int_eq(lic_policy_allows(&p, a, "Apache-2.0", why,
					   sizeof(why), "x", &err),
			 0);
	ck_assert_str_eq(why,
			 "Apache-2.0 (permissive) is not on the allow list");
	ck_assert_int_eq(lic_policy_allows(&p, a, "MIT OR Apache-2.0", why,
					   sizeof(why), "x", &err),
			 1);
	ck_assert_int_eq(lic_policy_allows(&p, a, "MIT AND Apache-2.0", why,
					   sizeof(why), "x", &err),
			 0);
	ck_assert_int_eq(lic_policy_allows(&p, a, "MPL-2.0", why, sizeof(why),
					   "x", &err),
			 1);
	ck_assert_int_eq(lic_policy_allows(&p, a, "LGPL-2.1-only", why,
					   sizeof(why), "x", &err),
			 0);
	ck_assert_int_eq(lic_policy_allows(&p, a, "MIT AND", why, sizeof(why),
					   "x", &err),
			 OH_EINPUT);
	oh_err_release(&err);
	lic_policy_release(&p);
	ck_assert_int_eq(lic_policy_parse(&p, "{\"deny\": {\"id\": []}}", 20,
					  "p.json", &err),
			 OH_EINPUT);
	ck_assert_str_eq(err.msg, "unknown key 'deny.id'");
	lic_policy_release(&p);
	oh_err_release(&err);
	lic_adapt_close(a);
}
END_TEST

Suite *licscan_suite(void)
{
	Suite *s = suite_create("licscan");
	TCase *tc = tcase_create("tags");

	tcase_add_loop_test(tc, test_licscan_tags, 0,
			    sizeof(tag_cases) / sizeof(tag_cases[0]));
	tcase_add_test(tc, test_licscan_tags_limits);
	suite_add_tcase(s, tc);
	tc = tcase_create("reuse");
	tcase_add_loop_test(tc, test_licscan_glob, 0,
			    sizeof(glob_cases) / sizeof(glob_cases[0]));
	tcase_add_test(tc, test_licscan_reuse_toml);
	tcase_add_test(tc, test_licscan_dep5);
	suite_add_tcase(s, tc);
	tc = tcase_create("meta");
	tcase_add_loop_test(tc, test_licscan_meta, 0,
			    sizeof(meta_cases) / sizeof(meta_cases[0]));
	tcase_add_test(tc, test_licscan_meta_errors);
	suite_add_tcase(s, tc);
	tc = tcase_create("scan");
	tcase_add_test(tc, test_licscan_dir);
	tcase_add_test(tc, test_licscan_gate);
	tcase_add_test(tc, test_licscan_gomod);
	tcase_add_test(tc, test_licscan_policy);
	suite_add_tcase(s, tc);
	return s;
}
/* REUSE-IgnoreEnd */
