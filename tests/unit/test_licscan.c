/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Unit tests of the repository license scanner: tags, REUSE globs and
 * files, package metadata, a directory scan, the policy and the gate.
 * REUSE-IgnoreStart (the strings below are test data, not our license)
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "unit.h"
#include "core/buf.h"
#include "core/err.h"
#include "core/path.h"
#include "license/adapt.h"
#include "license/match_cache.h"
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

/* ---- the project license model (real-world shaped inputs) ---- */

static void match_parts(struct lic_adapt_match *m, const struct oh_buf *b)
{
	struct lic_adapt *a = NULL;
	struct oh_err err = OH_ERR_INIT;

	ck_assert_int_eq(lic_adapt_open(&a, &err), 0);
	lic_adapt_match_text(m, a, b->buf, b->len);
	lic_adapt_close(a);
	oh_err_release(&err);
}

/* A COPYING shaped like libgit2's: a note, a linking exception above
 * the GPL, bundled notices after it.  The GPL never vanishes. */
START_TEST(test_licscan_gpl_exception)
{
	struct oh_buf b = OH_BUF_INIT;
	struct lic_adapt_match m;

	oh_buf_adds(
		&b,
		" frobgit is Copyright (C) the frobgit authors.\n\n"
		" Only version 2 of the GPL applies to this project, not\n"
		" any later one, unless a file says otherwise.\n\n"
		"--------------------------------------------------\n\n"
		"\t\tLINKING EXCEPTION\n\n"
		" In addition to the permissions in the GNU General Public\n"
		" License, the authors give you unlimited permission to link\n"
		" the compiled version of this library into combinations with\n"
		" other programs, and to distribute those combinations without\n"
		" any restriction coming from the use of this file.\n\n"
		"--------------------------------------------------\n\n");
	unit_spdx_text(&b, "GPL-2.0-only");
	oh_buf_adds(&b,
		    "\n--------------------------------------------------\n\n"
		    "The bundled compression code (deps/z) is licensed under\n"
		    "the zlib license:\n\n");
	unit_spdx_text(&b, "Zlib");
	match_parts(&m, &b);
	ck_assert_str_eq(m.project, "GPL-2.0-only WITH GCC-exception-2.0");
	ck_assert_str_eq(m.bundled, "Zlib");
	ck_assert_str_eq(m.expr,
			 "GPL-2.0-only WITH GCC-exception-2.0 AND Zlib");
	oh_buf_release(&b);
}
END_TEST

/* An exception the SPDX list does not have: the license plus a
 * LicenseRef named after the exception's title. */
START_TEST(test_licscan_gpl_exception_unlisted)
{
	struct oh_buf b = OH_BUF_INIT;
	struct lic_adapt_match m;

	oh_buf_adds(
		&b,
		"Frobnicator is free software under the GPL, version 2\n"
		"only, with the following exception.\n\n"
		"FROBNICATOR PLUGIN EXCEPTION\n\n"
		"As a special exception, the copyright holders permit you to\n"
		"load plugins built against the published plugin headers\n"
		"without those plugins becoming subject to the GPL.\n\n");
	unit_spdx_text(&b, "GPL-2.0-only");
	match_parts(&m, &b);
	ck_assert_str_eq(
		m.project,
		"GPL-2.0-only AND LicenseRef-FROBNICATOR-PLUGIN-EXCEPTION");
	ck_assert_str_eq(m.bundled, "");
	oh_buf_release(&b);
}
END_TEST

/* License paragraphs of Debian copyright files (bench/license corpus):
 * a GNU grant, then an exception paragraph or Debian's pointer to
 * /usr/share/common-licenses.  The exception is named; the pointer (whose
 * number is sometimes a copy slip) adds no second version. */
static const struct {
	const char *text;
	const char *expr;
} debian_para[] = {
	{ "This program is free software; you can redistribute it and/or\n"
	  "modify it under the terms of the GNU General Public License as\n"
	  "published by the Free Software Foundation; either version 2, or (at\n"
	  "your option) any later version.\n\n"
	  "As a special exception to the GNU General Public License, if you\n"
	  "distribute this file as part of a program that contains a\n"
	  "configuration script generated by Autoconf, you may include it under\n"
	  "the same distribution terms that you use for the rest of that program.\n",
	  "GPL-2.0-or-later WITH Autoconf-exception-generic" },
	{ "This program is free software: you can redistribute it and/or modify\n"
	  "it under the terms of the GNU General Public License as published by\n"
	  "the Free Software Foundation, either version 3 of the License, or\n"
	  "(at your option) any later version.\n\n"
	  "As a special exception, you may create a larger work that contains\n"
	  "part or all of the Bison parser skeleton and distribute that work\n"
	  "under terms of your choice, so long as that work isn't itself a\n"
	  "parser generator using the skeleton or a modified version thereof\n"
	  "as a parser skeleton.  Alternatively, if you modify or redistribute\n"
	  "the parser skeleton itself, you may (at your option) remove this\n"
	  "special exception, which will cause the skeleton and the resulting\n"
	  "Bison output files to be licensed under the GNU General Public\n"
	  "License without this special exception.\n\n"
	  "This special exception was added by the Free Software Foundation in\n"
	  "version 2.2 of Bison.\n",
	  "GPL-3.0-or-later WITH Bison-exception-2.2" },
	{ "This program is free software; you can redistribute it and/or modify\n"
	  "it under the terms of the GNU General Public License as published by\n"
	  "the Free Software Foundation; either version 2, or (at your option)\n"
	  "any later version.\n\n"
	  "As a special exception, when this file is read by TeX when processing\n"
	  "a Texinfo source document, you may use the result without\n"
	  "restriction.  (This has been our intent since Texinfo was invented.)\n",
	  "GPL-2.0-or-later WITH Texinfo-exception" },
	{ "This package is free software; you can redistribute it and/or\n"
	  "modify it under the terms of the GNU Lesser General Public\n"
	  "License as published by the Free Software Foundation; either\n"
	  "version 2.1 of the License, or (at your option) any later version.\n\n"
	  "On Debian systems, the complete text of the GNU Lesser General\n"
	  "Public License can be found in `/usr/share/common-licenses/LGPL-2'.\n",
	  "LGPL-2.1-or-later" },
	{ "This library is free software; you can redistribute it and/or modify\n"
	  "it under the terms of the GNU General Public License as published by\n"
	  "the Free Software Foundation; either version 3 of the License, or\n"
	  "(at your option) any later version.\n\n"
	  "On Debian systems, the complete text of the GNU General\n"
	  "Public License version 2 can be found in \"/usr/share/common-licenses/GPL-3\".\n",
	  "GPL-3.0-or-later" },
	{ "it under the terms of the GNU Lesser General Public License as published by\n"
	  "the Free Software Foundation, either version 2 of the License, or\n"
	  "(at your option) any later version.\n\n"
	  "On Debian systems, the full text of the GNU General Public License\n"
	  "version 3 can be found in the file /usr/share/common-licenses/GPL-3.\n",
	  "LGPL-2.0-or-later" },
	{ "This program is free software: you can redistribute it and/or modify\n"
	  "it under the terms of the GNU General Public License as published by\n"
	  "the Free Software Foundation, either version 3 of the License, or\n"
	  "(at your option) any later version.\n\n"
	  "As a special exception, the respective Autoconf Macro's copyright owner\n"
	  "gives unlimited permission to copy, distribute and modify the configure\n"
	  "scripts that are the output of Autoconf when processing the Macro.\n",
	  "GPL-3.0-or-later WITH Autoconf-exception-macro" },
	/* the pointer's prose names the version, the file name another */
	{ "On Debian systems, the complete text of the LGPL-2.1 can be found in\n"
	  "/usr/share/common-licenses/LGPL-2.\n",
	  "LGPL-2.1-only" },
	/* prose and path name different licenses: nothing is identified */
	{ "On Debian systems, the complete text of the BSD License\n"
	  "can be found in \"/usr/share/common-licenses/GPL-2\".\n",
	  "" },
	/* the name abbreviated, "or later" right after the version */
	{ "Released under the GNU LGPL version 2 or later\n",
	  "LGPL-2.0-or-later" },
	/* pointers to the CC0, Artistic and GPL-1 files */
	{ "To the extent possible under law, the author(s) have dedicated all\n"
	  "copyright and related and neighboring rights to this software to the\n"
	  "public domain worldwide. This software is distributed without any\n"
	  "warranty.\n\n"
	  "On Debian systems, the complete text of the CC0 license, version 1.0,\n"
	  "can be found in /usr/share/common-licenses/CC0-1.0.\n",
	  "CC0-1.0" },
	{ "On Debian systems, the full text can be found in the file\n"
	  "\"/usr/share/common-licenses/Artistic\"\n",
	  "Artistic-1.0-Perl" },
	{ "On Debian GNU/Linux systems, the complete text of the GNU General\n"
	  "Public License can be found in `/usr/share/common-licenses/GPL-1'.\n",
	  "GPL-1.0-only" },
	/* an LGPL grant whose boilerplate slips into "GNU General Public
	 * License" (no version of its own) and a pointer naming the GPL:
	 * one license, the grant's */
	{ "This program is free software; you can redistribute it\n"
	  "and/or modify it under the terms of the GNU Lesser General Public\n"
	  "License as published by the Free Software Foundation; either\n"
	  "version 2 of the License, or (at your option) any later\n"
	  "version.\n\n"
	  "This program is distributed in the hope that it will be\n"
	  "useful, but WITHOUT ANY WARRANTY; without even the implied\n"
	  "warranty of MERCHANTABILITY or FITNESS FOR A PARTICULAR\n"
	  "PURPOSE.  See the GNU General Public License for more\n"
	  "details.\n\n"
	  "You should have received a copy of the GNU General Public\n"
	  "License along with this package; if not, write to the Free\n"
	  "Software Foundation, Inc., 51 Franklin St, Fifth Floor,\n"
	  "Boston, MA  02110-1301 USA\n\n"
	  "On Debian systems, the full text of the GNU General Public\n"
	  "License version 2 can be found in the file\n"
	  "`/usr/share/common-licenses/LGPL-2'.\n",
	  "LGPL-2.0-or-later" },
	/* Apache-2.0 with the LLVM exception, Debian's way */
	{ "See /usr/share/common-licenses/Apache-2.0 on a Debian system for the text\n"
	  "of the Apache-2.0 license.\n\n"
	  "As an exception, if, as a result of your compiling your source code, portions\n"
	  "of this Software are embedded into an Object form of such source code, you\n"
	  "may redistribute such embedded portions in such Object form without complying\n"
	  "with the conditions of Sections 4(a), 4(b) and 4(d) of the License.\n\n"
	  "In addition, if you combine or link compiled forms of this Software with\n"
	  "software that is licensed under the GPLv2 (\"Combined Software\") and if a\n"
	  "court of competent jurisdiction determines that the patent provision (Section\n"
	  "3), the indemnity provision (Section 9) or other Section of the License\n"
	  "conflicts with the conditions of the GPLv2, you may retroactively and\n"
	  "prospectively choose to deem waived or otherwise exclude such Section(s) of\n"
	  "the License, but only in their entirety and only with respect to the Combined\n"
	  "Software.\n",
	  "Apache-2.0 WITH LLVM-exception" },
	/* the kernel's syscall note above a GPL-2.0 grant */
	{ "NOTE! This copyright does *not* cover user programs that use kernel services\n"
	  "by normal system calls - this is merely considered normal use of the kernel,\n"
	  "and does *not* fall under the heading of \"derived work\".\n\n"
	  "This program is free software; you can redistribute it and/or modify\n"
	  "it under the terms of the GNU General Public License as published by\n"
	  "the Free Software Foundation; version 2 of the License.\n",
	  "GPL-2.0-only WITH Linux-syscall-note" },
	/* two GNU grants in one sentence: both, the second not swallowed */
	{ "This file is free software.\n"
	  "It is dual-licensed under \"the GNU LGPLv3+ or the GNU GPLv2+\".\n"
	  "You can redistribute it and/or modify it under either\n"
	  "  - the terms of the GNU Lesser General Public License as published\n"
	  "    by the Free Software Foundation; either version 3, or (at your\n"
	  "    option) any later version, or\n"
	  "  - the terms of the GNU General Public License as published by the\n"
	  "    Free Software Foundation; either version 2, or (at your option)\n"
	  "    any later version.\n",
	  "LGPL-3.0-or-later OR GPL-2.0-or-later" },
	/* FSFULLR with the holder replaced ("the author(s)") */
	{ "This file is free software; the author(s) gives unlimited\n"
	  "permission to copy and/or distribute it, with or without\n"
	  "modifications, as long as this notice is preserved.\n",
	  "FSFULLR" },
	/* FSFULLRWD without the notice whose years ran on to a second line
	 * in the SPDX text */
	{ "This Makefile.in is free software; the Free Software Foundation\n"
	  "gives unlimited permission to copy and/or distribute it,\n"
	  "with or without modifications, as long as this notice is preserved.\n\n"
	  "This program is distributed in the hope that it will be useful,\n"
	  "but WITHOUT ANY WARRANTY, to the extent permitted by law; without\n"
	  "even the implied warranty of MERCHANTABILITY or FITNESS FOR A\n"
	  "PARTICULAR PURPOSE.\n",
	  "FSFULLRWD" },
	/* the MPL-1.1 header, its version number starting a line */
	{ "The contents of this file are subject to the Mozilla Public License Version\n"
	  "1.1 (the \"License\"); you may not use this file except in compliance with\n"
	  "the License. You may obtain a copy of the License at\n"
	  "http://www.mozilla.org/MPL/\n",
	  "MPL-1.1" },
	{ "Licensed under the Academic Free License version 2.1\n", "AFL-2.1" },
	/* Perl's terms: the Artistic License named in a GPL grant's choice */
	{ "This program is free software; you can redistribute it and/or modify\n"
	  "it under the terms of either:\n\n"
	  "   a) the GNU General Public License as published by the Free Software\n"
	  "      Foundation; either version 1, or (at your option) any later\n"
	  "      version, or\n\n"
	  "   b) the \"Artistic License\" which comes with Perl.\n",
	  "GPL-1.0-or-later OR Artistic-1.0-Perl" },
	/* FSFAP with its warranty sentence reworded: not the shorter
	 * FSFAP-no-warranty-disclaimer, whose words it holds exactly */
	{ "Copying and distribution of this file, with or without modification,\n"
	  "are permitted in any medium without royalty provided the copyright\n"
	  "notice and this notice are preserved.  This file is offered as-is,\n"
	  "without warranty of any kind.\n",
	  "FSFAP" },
	/* a UC text whose advertising clause was deleted: BSD-3-Clause */
	{ "Redistribution and use in source and binary forms, with or without\n"
	  "modification, are permitted provided that the following conditions\n"
	  "are met:\n"
	  "1. Redistributions of source code must retain the above copyright\n"
	  "   notice, this list of conditions and the following disclaimer.\n"
	  "2. Redistributions in binary form must reproduce the above copyright\n"
	  "   notice, this list of conditions and the following disclaimer in the\n"
	  "   documentation and/or other materials provided with the distribution.\n"
	  "3. <deleted>\n"
	  "4. Neither the name of the University nor the names of its contributors\n"
	  "   may be used to endorse or promote products derived from this software\n"
	  "   without specific prior written permission.\n\n"
	  "THIS SOFTWARE IS PROVIDED BY THE REGENTS AND CONTRIBUTORS ``AS IS'' AND\n"
	  "ANY EXPRESS OR IMPLIED WARRANTIES, INCLUDING, BUT NOT LIMITED TO, THE\n"
	  "IMPLIED WARRANTIES OF MERCHANTABILITY AND FITNESS FOR A PARTICULAR PURPOSE\n"
	  "ARE DISCLAIMED.  IN NO EVENT SHALL THE REGENTS OR CONTRIBUTORS BE LIABLE\n"
	  "FOR ANY DIRECT, INDIRECT, INCIDENTAL, SPECIAL, EXEMPLARY, OR CONSEQUENTIAL\n"
	  "DAMAGES (INCLUDING, BUT NOT LIMITED TO, PROCUREMENT OF SUBSTITUTE GOODS\n"
	  "OR SERVICES; LOSS OF USE, DATA, OR PROFITS; OR BUSINESS INTERRUPTION)\n"
	  "HOWEVER CAUSED AND ON ANY THEORY OF LIABILITY, WHETHER IN CONTRACT, STRICT\n"
	  "LIABILITY, OR TORT (INCLUDING NEGLIGENCE OR OTHERWISE) ARISING IN ANY WAY\n"
	  "OUT OF THE USE OF THIS SOFTWARE, EVEN IF ADVISED OF THE POSSIBILITY OF\n"
	  "SUCH DAMAGE.\n",
	  "BSD-3-Clause" },
	/* "the name of the author may not be used", "BY THE AUTHOR": the
	 * holder's name is replaceable text */
	{ "Redistribution and use in source and binary forms, with or without\n"
	  "modification, are permitted provided that the following conditions\n"
	  "are met:\n\n"
	  "1. Redistributions of source code must retain the copyright\n"
	  "   notice, this list of conditions and the following disclaimer.\n"
	  "2. Redistributions in binary form must reproduce the copyright\n"
	  "   notice, this list of conditions and the following disclaimer in the\n"
	  "   documentation and/or other materials provided with the distribution.\n"
	  "3. The name of the author may not be used to endorse or promote products\n"
	  "   derived from this software without specific prior written permission.\n\n"
	  "THIS SOFTWARE IS PROVIDED BY THE AUTHOR ``AS IS'' AND ANY EXPRESS OR\n"
	  "IMPLIED WARRANTIES, INCLUDING, BUT NOT LIMITED TO, THE IMPLIED WARRANTIES\n"
	  "OF MERCHANTABILITY AND FITNESS FOR A PARTICULAR PURPOSE ARE DISCLAIMED.\n"
	  "IN NO EVENT SHALL THE AUTHOR BE LIABLE FOR ANY DIRECT, INDIRECT,\n"
	  "INCIDENTAL, SPECIAL, EXEMPLARY, OR CONSEQUENTIAL DAMAGES (INCLUDING, BUT\n"
	  "NOT LIMITED TO, PROCUREMENT OF SUBSTITUTE GOODS OR SERVICES; LOSS OF USE,\n"
	  "DATA, OR PROFITS; OR BUSINESS INTERRUPTION) HOWEVER CAUSED AND ON ANY\n"
	  "THEORY OF LIABILITY, WHETHER IN CONTRACT, STRICT LIABILITY, OR TORT\n"
	  "(INCLUDING NEGLIGENCE OR OTHERWISE) ARISING IN ANY WAY OUT OF THE USE OF\n"
	  "THIS SOFTWARE, EVEN IF ADVISED OF THE POSSIBILITY OF SUCH DAMAGE.\n",
	  "BSD-3-Clause" },
};

START_TEST(test_licscan_debian_paragraph)
{
	struct oh_buf b = OH_BUF_INIT;
	struct lic_adapt_match m;

	oh_buf_adds(&b, debian_para[_i].text);
	match_parts(&m, &b);
	ck_assert_str_eq(m.expr, debian_para[_i].expr);
	oh_buf_release(&b);
}
END_TEST

/* Two siblings: the one whose own words the input carries.  An X11 text
 * without its trademark line (as less and findutils ship it) is X11, not
 * MIT; MPL-1.1 without its Exhibit A (naming Netscape) is not SPL-1.0 or CUA-OPL-1.0. */
START_TEST(test_licscan_sibling_marks)
{
	struct oh_buf b = OH_BUF_INIT;
	struct lic_adapt_match m;
	char *cut;

	unit_spdx_text(&b, "X11");
	cut = strstr(b.buf, "X Window System is a trademark");
	ck_assert_ptr_nonnull(cut);
	oh_buf_setlen(&b, (size_t)(cut - b.buf));
	match_parts(&m, &b);
	ck_assert_str_eq(m.expr, "X11");
	oh_buf_reset(&b);
	unit_spdx_text(&b, "MPL-1.1");
	cut = strstr(b.buf, "Exhibit A - Mozilla");
	ck_assert_ptr_nonnull(cut);
	oh_buf_setlen(&b, (size_t)(cut - b.buf));
	match_parts(&m, &b);
	ck_assert_str_eq(m.expr, "MPL-1.1");
	oh_buf_release(&b);
}
END_TEST

/* Template regions of licenses/replaceable.tsv on real shapes: a title
 * inside the first sentence (Beerware), a preamble ("..." region) and a
 * closing notice ("*") of CC-BY-4.0 and bzip2-1.0.6, Apache-1.1 written
 * for another foundation. */
static void cut_between(struct oh_buf *b, const char *from, const char *to)
{
	char *p = strstr(b->buf, from);
	char *q = to ? strstr(b->buf, to) : NULL;
	struct oh_buf out = OH_BUF_INIT;

	ck_assert_ptr_nonnull(p);
	oh_buf_add(&out, b->buf, (size_t)(p - b->buf));
	if (q)
		oh_buf_adds(&out, q);
	oh_buf_reset(b);
	oh_buf_add(b, out.buf, out.len);
	oh_buf_release(&out);
}

START_TEST(test_licscan_template_regions)
{
	struct oh_buf b = OH_BUF_INIT;
	struct lic_adapt_match m;
	struct lic_adapt *a = NULL;
	struct oh_err err = OH_ERR_INIT;

	ck_assert_int_eq(lic_adapt_open(&a, &err), 0);

	unit_spdx_text(&b, "Beerware");
	cut_between(&b, "\"THE BEER-WARE", "<phk@");
	lic_adapt_match_text(&m, a, b.buf, b.len);
	ck_assert_str_eq(m.expr, "Beerware");

	oh_buf_reset(&b);
	unit_spdx_text(&b, "CC-BY-4.0");
	cut_between(&b, "Creative Commons Corporation", "By exercising");
	cut_between(&b, "Creative Commons is not a party", NULL);
	lic_adapt_match_text(&m, a, b.buf, b.len);
	ck_assert_str_eq(m.expr, "CC-BY-4.0");

	oh_buf_reset(&b);
	unit_spdx_text(&b, "bzip2-1.0.6");
	cut_between(&b, "This program, \"bzip2\"", "Redistribution and use");
	cut_between(&b, "Julian Seward, jseward", NULL);
	lic_adapt_match_text(&m, a, b.buf, b.len);
	ck_assert_str_eq(m.expr, "bzip2-1.0.6");

	oh_buf_reset(&b);
	unit_spdx_text(&b, "Apache-1.1");
	cut_between(&b, "Portions of this software", NULL);
	for (char *p = strstr(b.buf, "Apache"); p; p = strstr(p, "Apache"))
		memcpy(p, "Quarry", 6);
	lic_adapt_match_text(&m, a, b.buf, b.len);
	ck_assert_str_eq(m.expr, "Apache-1.1");
	oh_buf_release(&b);
	lic_adapt_close(a);
}
END_TEST

/* "choose whichever you prefer" between two texts: OR. */
START_TEST(test_licscan_dual_choice)
{
	struct oh_buf b = OH_BUF_INIT;
	struct lic_adapt_match m;

	oh_buf_adds(&b, "This library is offered under two licenses; choose\n"
			"whichever you prefer.\n\n"
			"=== Option A: MIT License ===\n\n");
	unit_spdx_text(&b, "MIT");
	oh_buf_adds(&b, "\n=== Option B (alternative): Apache License ===\n\n");
	unit_spdx_text(&b, "Apache-2.0");
	match_parts(&m, &b);
	ck_assert_str_eq(m.project, "MIT OR Apache-2.0");
	ck_assert_str_eq(m.bundled, "");
	oh_buf_release(&b);
}
END_TEST

/* A license not on the SPDX list, offered beside SSPL: a LicenseRef from
 * its title, never dropped. */
START_TEST(test_licscan_licenseref_title)
{
	struct oh_buf b = OH_BUF_INIT;
	struct lic_adapt_match m;

	oh_buf_adds(&b, "From release 9 on, this server is available at the\n"
			"user's choice of the two licenses below.\n\n"
			"1. Quarry Community Source License 1.0\n\n");
	for (int i = 0; i < 30; i++)
		oh_buf_adds(
			&b,
			"The Licensor hereby grants you a limited licence to\n"
			"use the Software; you shall not offer it as a hosted\n"
			"service, and the Licensor gives no warranty.\n\n");
	oh_buf_adds(&b, "2. Server Side Public License\n\n");
	unit_spdx_text(&b, "SSPL-1.0");
	match_parts(&m, &b);
	ck_assert_str_eq(
		m.project,
		"LicenseRef-Quarry-Community-Source-License-1.0 OR SSPL-1.0");
	oh_buf_release(&b);
}
END_TEST

/* BUSL-1.1 with its parameters filled in and no covenants. */
START_TEST(test_licscan_busl_parameters)
{
	struct oh_buf busl = OH_BUF_INIT;
	struct oh_buf b = OH_BUF_INIT;
	struct lic_adapt_match m;
	const char *terms, *cov;

	unit_spdx_text(&busl, "BUSL-1.1");
	terms = strstr(busl.buf, "\nTerms\n");
	cov = strstr(busl.buf, "MariaDB hereby grants you permission");
	ck_assert_ptr_nonnull(terms);
	ck_assert_ptr_nonnull(cov);
	oh_buf_adds(
		&b,
		"License text copyright (c) 2020 MariaDB Corporation Ab, "
		"All Rights Reserved.\n\"Business Source License\" is a "
		"trademark of MariaDB Corporation Ab.\n\nParameters\n\n"
		"Licensor:             Quarry Data Inc.\n"
		"Licensed Work:        Quarry 4.2 or later.\n"
		"Additional Use Grant: You may make production use of the\n"
		"                      Licensed Work, except as a hosted\n"
		"                      database service offered to third\n"
		"                      parties.\n"
		"Change Date:          Four years from the date the Licensed\n"
		"                      Work is published.\n"
		"Change License:       MPL 2.0\n\n"
		"For information about alternative licensing arrangements\n"
		"for the Licensed Work, please contact sales.\n");
	oh_buf_add(&b, terms, (size_t)(cov - terms));
	match_parts(&m, &b);
	ck_assert_str_eq(m.project, "BUSL-1.1");
	oh_buf_release(&b);
	oh_buf_release(&busl);
}
END_TEST

/* git's case: a GPL COPYING and one file tagged LGPL; the tag is also
 * present, never the project license; a vendored text likewise. */
START_TEST(test_licscan_project_model)
{
	struct lic_scan s = LIC_SCAN_INIT;
	struct lic_summary sum = { 0 };
	struct lic_adapt *a = NULL;
	struct oh_err err = OH_ERR_INIT;
	struct oh_buf b = OH_BUF_INIT;
	const char *dir = unit_tmpdir();
	bool tag_also = false, zlib_also = false;

	oh_buf_adds(&b, " Note: the only valid version of the GPL for this\n"
			" project is version 2.\n\n");
	unit_spdx_text(&b, "GPL-2.0-only");
	wf("COPYING", b.buf);
	oh_buf_reset(&b);
	unit_spdx_text(&b, "Zlib");
	ck_assert_int_eq(oh_path_mkdirs(unit_path("vendor/z"), &err), 0);
	ck_assert_int_eq(oh_path_mkdirs(unit_path("tools/cocci"), &err), 0);
	wf("vendor/z/LICENSE", b.buf);
	wf("tools/cocci/rule.cocci", "// " KEY ": LGPL-2.1-or-later\n");
	wf("main.c", "int main(void) { return 0; }\n");
	wf("util.c", "int util;\n");
	ck_assert_int_eq(lic_scan_run(&s, dir, NULL, &err), 0);
	ck_assert_int_eq(lic_adapt_open(&a, &err), 0);
	lic_summary_build(&sum, &s, a);
	ck_assert_ptr_null(sum.declared);
	ck_assert_str_eq(sum.detected, "GPL-2.0-only");
	ck_assert_str_eq(sum.concluded, "GPL-2.0-only");
	ck_assert_int_eq(sum.osi, LIC_SUM_OSI_YES);
	for (size_t i = 0; i < sum.finding_nr; i++)
		ck_assert_str_ne(sum.finding[i].code, "license-disagree");
	for (size_t i = 0; i < sum.also_nr; i++) {
		if (strcmp(sum.also[i].expr, "LGPL-2.1-or-later") == 0 &&
		    strstr(sum.also[i].where, "tools/cocci/rule.cocci"))
			tag_also = true;
		if (strcmp(sum.also[i].expr, "Zlib") == 0 &&
		    strcmp(sum.also[i].where, "vendor/z/LICENSE") == 0)
			zlib_also = true;
	}
	ck_assert(tag_also);
	ck_assert(zlib_also);
	lic_summary_release(&sum);
	lic_adapt_close(a);
	lic_scan_release(&s);
	oh_buf_release(&b);
	oh_err_release(&err);
	unit_tmpdir_remove();
}
END_TEST

/* curl: permissive, not OSI-approved -- a low finding, not "none". */
START_TEST(test_licscan_osi_class)
{
	struct lic_scan s = LIC_SCAN_INIT;
	struct lic_summary sum = { 0 };
	struct lic_adapt *a = NULL;
	struct oh_err err = OH_ERR_INIT;
	struct oh_buf b = OH_BUF_INIT;
	const char *dir = unit_tmpdir();
	bool low = false;

	unit_spdx_text(&b, "curl");
	wf("COPYING", b.buf);
	wf("a.c", "int a;\n");
	ck_assert_int_eq(lic_scan_run(&s, dir, NULL, &err), 0);
	ck_assert_int_eq(lic_adapt_open(&a, &err), 0);
	lic_summary_build(&sum, &s, a);
	ck_assert_str_eq(sum.concluded, "curl");
	ck_assert_int_eq(sum.osi, LIC_SUM_OSI_NO);
	ck_assert_str_eq(sum.osi_class, "permissive-not-osi");
	for (size_t i = 0; i < sum.finding_nr; i++)
		if (strcmp(sum.finding[i].code, "license-non-osi") == 0)
			low = sum.finding[i].sev == LIC_SEV_LOW;
	ck_assert(low);
	lic_summary_release(&sum);
	lic_adapt_close(a);
	lic_scan_release(&s);
	oh_buf_release(&b);
	oh_err_release(&err);
	unit_tmpdir_remove();
}
END_TEST

/* The gate: an unknown id fails as invalid even beside an allowed one. */
START_TEST(test_licscan_gate_unknown_id)
{
	static const char *const paths[] = { "a.c" };
	struct lic_scan s = LIC_SCAN_INIT;
	struct lic_policy p;
	struct lic_gate g = { 0 };
	struct lic_adapt *a = NULL;
	struct oh_err err = OH_ERR_INIT;
	const char *dir = unit_tmpdir();

	wf("a.c", "// " KEY ": MIT OR Foo-1.0\n");
	ck_assert_int_eq(lic_scan_run(&s, dir, NULL, &err), 0);
	ck_assert_int_eq(lic_adapt_open(&a, &err), 0);
	lic_policy_default(&p);
	lic_gate_run(&g, &s, paths, 1, &p, a, "MIT");
	ck_assert_int_eq(g.item[0].status, LIC_GATE_INVALID);
	ck_assert_ptr_nonnull(strstr(g.item[0].problem, "'Foo-1.0'"));
	ck_assert_uint_eq(g.failed, 1);
	lic_gate_release(&g);
	lic_policy_release(&p);
	lic_adapt_close(a);
	lic_scan_release(&s);
	oh_err_release(&err);
	unit_tmpdir_remove();
}
END_TEST

/*
 * The default policy: OSI-approved licenses pass; free licenses without
 * OSI approval (curl, the Unicode and font licenses) are for review,
 * never silently denied; source-available terms and unknown ids are
 * denied.  An expression is as good as its best choice (OR) and its
 * worst part (AND).
 */
START_TEST(test_licscan_policy_default_review)
{
	struct lic_policy p;
	struct lic_adapt *a = NULL;
	struct oh_err err = OH_ERR_INIT;
	char why[300];

	ck_assert_int_eq(lic_adapt_open(&a, &err), 0);
	lic_policy_default(&p);
	ck_assert_int_eq(
		lic_policy_allows(&p, a, "MIT", why, sizeof(why), "x", &err),
		1);
	ck_assert_int_eq(
		lic_policy_allows(&p, a, "curl", why, sizeof(why), "x", &err),
		2);
	ck_assert_str_eq(why,
			 "curl (permissive) is not OSI-approved: to review");
	ck_assert_int_eq(lic_policy_allows(&p, a, "BUSL-1.1", why, sizeof(why),
					   "x", &err),
			 0);
	ck_assert_str_eq(
		why,
		"BUSL-1.1 (source-available) is not OSI-approved and not allowed");
	ck_assert_int_eq(lic_policy_allows(&p, a, "curl OR BUSL-1.1", why,
					   sizeof(why), "x", &err),
			 2);
	ck_assert_int_eq(lic_policy_allows(&p, a, "curl OR MIT", why,
					   sizeof(why), "x", &err),
			 1);
	ck_assert_int_eq(lic_policy_allows(&p, a, "curl AND BUSL-1.1", why,
					   sizeof(why), "x", &err),
			 0);
	ck_assert_str_eq(
		why,
		"BUSL-1.1 (source-available) is not OSI-approved and not allowed");
	ck_assert_int_eq(lic_policy_allows(&p, a, "curl AND MIT", why,
					   sizeof(why), "x", &err),
			 2);
	ck_assert_int_eq(lic_policy_allows(&p, a, "LicenseRef-Mine", why,
					   sizeof(why), "x", &err),
			 0);
	lic_policy_release(&p);
	/* A policy file names its own review list; none by default. */
	ck_assert_int_eq(
		lic_policy_parse(
			&p,
			"{\"allow\": {\"osi\": true}, \"review\": {\"ids\": [\"curl\"]}}",
			53, "p", &err),
		0);
	ck_assert_int_eq(
		lic_policy_allows(&p, a, "curl", why, sizeof(why), "x", &err),
		2);
	ck_assert_int_eq(lic_policy_allows(&p, a, "Beerware", why, sizeof(why),
					   "x", &err),
			 0);
	lic_policy_release(&p);
	ck_assert_int_eq(lic_policy_parse(&p, "{\"allow\": {\"osi\": true}}",
					  24, "p", &err),
			 0);
	ck_assert_int_eq(
		lic_policy_allows(&p, a, "curl", why, sizeof(why), "x", &err),
		0);
	lic_policy_release(&p);
	lic_adapt_close(a);
	oh_err_release(&err);
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

/* A cache that hands out one answer and records what is put. */
struct fake_cache {
	const char *answer; /* JSON served for every key, or NULL */
	int gets, puts;
	char put_json[1024];
};

static const char *fake_get(void *ctx, const char *engine, const char *key)
{
	struct fake_cache *f = ctx;

	(void)engine;
	(void)key;
	f->gets++;
	return f->answer;
}

static void fake_put(void *ctx, const char *engine, const char *key,
		     const char *json)
{
	struct fake_cache *f = ctx;

	(void)engine;
	(void)key;
	f->puts++;
	snprintf(f->put_json, sizeof(f->put_json), "%s", json);
}

/*
 * lic_adapt_match_text() asks the cache first: a known text is answered
 * from it (here an answer no matcher would give, so matching did not
 * run); an unknown one is matched and its answer put, and that answer
 * served back gives the same match.
 */
START_TEST(test_licscan_match_cache)
{
	static const char mit[] =
		"Permission is hereby granted, free of charge, to any person "
		"obtaining a copy of this software and associated "
		"documentation files (the \"Software\"), to deal in the "
		"Software without restriction";
	struct fake_cache f = { 0 };
	struct lic_adapt_cache c = { .get = fake_get,
				     .put = fake_put,
				     .ctx = &f };
	struct lic_adapt_match m, again;
	struct lic_adapt *a = NULL;
	struct oh_err err = OH_ERR_INIT;

	ck_assert_int_eq(lic_adapt_open(&a, &err), 0);
	lic_adapt_set_cache(a, &c);
	lic_adapt_match_text(&m, a, mit, strlen(mit));
	ck_assert_int_eq(f.gets, 1);
	ck_assert_int_eq(f.puts, 1);
	f.answer = f.put_json;
	lic_adapt_match_text(&again, a, mit, strlen(mit));
	ck_assert_int_eq(f.puts, 1);
	ck_assert_int_eq(again.kind, m.kind);
	ck_assert_str_eq(again.expr, m.expr);
	ck_assert_str_eq(again.desc, m.desc);
	ck_assert_uint_eq(again.percent, m.percent);
	ck_assert_int_eq(again.prose, m.prose);
	ck_assert_str_eq(again.ambiguous, m.ambiguous);
	f.answer = "{\"kind\":1,\"expr\":\"Zlib\",\"project\":\"Zlib\","
		   "\"bundled\":\"\",\"unnamed_own\":false,\"percent\":100,"
		   "\"nearest\":\"\",\"desc\":\"\",\"prose\":false,"
		   "\"ambiguous\":\"\"}";
	lic_adapt_match_text(&again, a, mit, strlen(mit));
	ck_assert_str_eq(again.expr, "Zlib");
	lic_adapt_set_cache(a, NULL);
	lic_adapt_match_text(&again, a, mit, strlen(mit));
	ck_assert_str_eq(again.expr, m.expr);
	ck_assert_int_eq(f.gets, 3);
	lic_adapt_close(a);
	oh_err_release(&err);
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
	tcase_add_test(tc, test_licscan_policy_default_review);
	tcase_add_test(tc, test_licscan_gpl_exception);
	tcase_add_test(tc, test_licscan_gpl_exception_unlisted);
	tcase_add_loop_test(
		tc, test_licscan_debian_paragraph, 0,
		(int)(sizeof(debian_para) / sizeof(debian_para[0])));
	tcase_add_test(tc, test_licscan_sibling_marks);
	tcase_add_test(tc, test_licscan_template_regions);
	tcase_add_test(tc, test_licscan_dual_choice);
	tcase_add_test(tc, test_licscan_licenseref_title);
	tcase_add_test(tc, test_licscan_busl_parameters);
	tcase_add_test(tc, test_licscan_project_model);
	tcase_add_test(tc, test_licscan_osi_class);
	tcase_add_test(tc, test_licscan_gate_unknown_id);
	tcase_add_test(tc, test_licscan_match_cache);
	suite_add_tcase(s, tc);
	return s;
}
/* REUSE-IgnoreEnd */
