/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Unit tests of the project license as people read it on real upstream
 * repositories (bench/real/license.tsv): license changes compared with
 * the GNU version ambiguity understood, README statements, prose license
 * files, exceptions newer than the imported SPDX list, BSD conditions
 * with a short disclaimer.  The texts are shaped like the real files;
 * the SPDX texts come from licenses/text.
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
#include "license/list.h"
#include "license/scan.h"
#include "license/summary.h"

static struct lic_adapt *engine(void)
{
	static struct lic_adapt *a;
	struct oh_err err = OH_ERR_INIT;

	if (!a)
		ck_assert_int_eq(lic_adapt_open(&a, &err), 0);
	oh_err_release(&err);
	return a;
}

static void match(struct lic_adapt_match *m, const char *text)
{
	lic_adapt_match_text(m, engine(), text, strlen(text));
}

/*
 * gnutls 2b8c3e4c71: a prose LICENSE stating "version 2.1 or later" was
 * deleted and the bare LGPL-2.1 text moved to the root beside the GPL-3
 * text.  The bare text does not say -only or -or-later: it is the same
 * license as the prose's, and the GPL is an added one, not a change.
 */
START_TEST(test_licproject_compare_ambiguous)
{
	struct lic_adapt_match prose, lesser, gpl;
	struct oh_buf b = OH_BUF_INIT;
	char after[600], amb[600];

	match(&prose,
	      "LICENSING\n=========\n\n"
	      "Since version 3.1.10, the core library is released under\n"
	      "the GNU Lesser General Public License (LGPL) version 2.1 or "
	      "later\n(see doc/COPYING.LESSER for the license terms).\n");
	ck_assert_str_eq(prose.project, "LGPL-2.1-or-later");
	ck_assert_str_eq(prose.ambiguous, "");
	unit_spdx_text(&b, "LGPL-2.1-only");
	match(&lesser, b.buf);
	oh_buf_reset(&b);
	unit_spdx_text(&b, "GPL-3.0-only");
	match(&gpl, b.buf);
	ck_assert_str_eq(lesser.project, "LGPL-2.1-only");
	ck_assert_str_eq(lesser.ambiguous, "LGPL-2.1-only");
	ck_assert_str_eq(gpl.ambiguous, "GPL-3.0-only");

	/* one file for another: the same license */
	ck_assert_int_eq(lic_adapt_compare(prose.project, prose.ambiguous,
					   lesser.project, lesser.ambiguous),
			 LIC_ADAPT_SAME);
	ck_assert_int_eq(lic_adapt_compare(lesser.project, lesser.ambiguous,
					   prose.project, prose.ambiguous),
			 LIC_ADAPT_SAME);
	/* the commit as a whole: the GPL joins the LGPL */
	snprintf(after, sizeof(after), "%s AND %s", gpl.project,
		 lesser.project);
	snprintf(amb, sizeof(amb), "%s %s", gpl.ambiguous, lesser.ambiguous);
	ck_assert_int_eq(
		lic_adapt_compare(prose.project, prose.ambiguous, after, amb),
		LIC_ADAPT_ADDED);
	/* stated on both sides, a different suffix is a change */
	ck_assert_int_eq(
		lic_adapt_compare("LGPL-2.1-or-later", "", "LGPL-2.1-only", ""),
		LIC_ADAPT_CHANGED);
	/* another version is a change even when open (gnutls de5cc9fd0e:
	 * GPL-2 -> GPL-3 for the tools) */
	ck_assert_int_eq(lic_adapt_compare("GPL-2.0-only", "GPL-2.0-only",
					   "GPL-3.0-only", "GPL-3.0-only"),
			 LIC_ADAPT_CHANGED);
	/* the order of a choice does not matter, nor that of the terms */
	ck_assert_int_eq(lic_adapt_compare("MIT OR Apache-2.0", NULL,
					   "Apache-2.0 OR MIT", NULL),
			 LIC_ADAPT_SAME);
	ck_assert_int_eq(
		lic_adapt_compare("(MIT OR Apache-2.0) AND BSD-3-Clause", NULL,
				  "BSD-3-Clause AND (Apache-2.0 OR MIT)", NULL),
		LIC_ADAPT_SAME);
	ck_assert_int_eq(lic_adapt_compare("GPL-2.0-only OR MIT",
					   "GPL-2.0-only",
					   "MIT OR GPL-2.0-or-later", NULL),
			 LIC_ADAPT_SAME);
	ck_assert_int_eq(lic_adapt_compare("MIT OR Apache-2.0", NULL,
					   "GPL-2.0-only OR MIT", NULL),
			 LIC_ADAPT_CHANGED);
	ck_assert_int_eq(lic_adapt_compare("MIT OR Apache-2.0", NULL,
					   "MIT OR Apache-2.0 OR BSD-2-Clause",
					   NULL),
			 LIC_ADAPT_CHANGED);
	/* structure counts: a choice is not the same as both */
	ck_assert_int_eq(lic_adapt_compare("MIT OR Apache-2.0", NULL,
					   "MIT AND Apache-2.0", NULL),
			 LIC_ADAPT_CHANGED);
	/* widened: lz4 36fc176001 ("GPLv2" -> "GPL-2.0-or-later" for the
	 * files outside lib/), PCRE2 40c8fcd337 (its exemption added) */
	ck_assert_int_eq(lic_adapt_compare("BSD-2-Clause AND GPL-2.0-only", "",
					   "BSD-2-Clause AND GPL-2.0-or-later",
					   ""),
			 LIC_ADAPT_WIDENED);
	ck_assert_int_eq(lic_adapt_compare("BSD-3-Clause", "",
					   "BSD-3-Clause WITH PCRE2-exception",
					   ""),
			 LIC_ADAPT_WIDENED);
	/* the reverse narrows: a change */
	ck_assert_int_eq(
		lic_adapt_compare("GPL-2.0-or-later", "", "GPL-2.0-only", ""),
		LIC_ADAPT_CHANGED);
	ck_assert_int_eq(lic_adapt_compare("BSD-3-Clause WITH PCRE2-exception",
					   "", "BSD-3-Clause", ""),
			 LIC_ADAPT_CHANGED);
	/* gnutls 2b8c3e4c71 once its prose LICENSE names both licenses */
	ck_assert_int_eq(lic_adapt_compare("LGPL-2.1-or-later AND GPL-3.0-only",
					   "", "GPL-3.0-only AND LGPL-2.1-only",
					   "GPL-3.0-only LGPL-2.1-only"),
			 LIC_ADAPT_SAME);
	/* a part's license gone, nothing new */
	ck_assert_int_eq(lic_adapt_compare("(Apache-2.0) AND (MIT) AND "
					   "(BSD-3-Clause)",
					   NULL, "Apache-2.0 AND MIT", NULL),
			 LIC_ADAPT_REMOVED);
	ck_assert_int_eq(lic_adapt_compare("BSD-3-Clause", NULL,
					   "(GPL-2.0-only) AND (BSD-3-Clause)",
					   "GPL-2.0-only"),
			 LIC_ADAPT_ADDED);
	oh_buf_release(&b);
}
END_TEST

static void wf(const char *name, const char *text)
{
	unit_write_file(unit_path(name), text, strlen(text));
}

static void wf_spdx(const char *name, const char *id)
{
	struct oh_buf b = OH_BUF_INIT;

	unit_spdx_text(&b, id);
	wf(name, b.buf);
	oh_buf_release(&b);
}

/* Scan the test directory and summarise it; the caller releases. */
static char tree[4096]; /* the test's directory (unit_tmpdir()) */

static void summarise(struct lic_summary *sum, struct lic_scan *s)
{
	struct oh_err err = OH_ERR_INIT;

	ck_assert_int_eq(lic_scan_run(s, tree, NULL, &err), 0);
	memset(sum, 0, sizeof(*sum));
	lic_summary_build(sum, s, engine());
	oh_err_release(&err);
}

static bool also_has(const struct lic_summary *sum, const char *expr)
{
	for (size_t i = 0; i < sum->also_nr; i++)
		if (strcmp(sum->also[i].expr, expr) == 0)
			return true;
	return false;
}

/*
 * zstd: LICENSE (BSD-3-Clause), COPYING (the bare GPL-2.0 text), and the
 * choice with its version only in README.md; a few files of a contrib
 * directory carry "GPL-2.0+ OR BSD-3-Clause" tags: also present, not
 * the project's statement.
 */
START_TEST(test_licproject_readme_choice)
{
	struct lic_scan s = LIC_SCAN_INIT;
	struct lic_summary sum;
	struct oh_err err = OH_ERR_INIT;

	snprintf(tree, sizeof(tree), "%s", unit_tmpdir());
	wf_spdx("LICENSE", "BSD-3-Clause");
	wf_spdx("COPYING", "GPL-2.0-only");
	wf("README.md",
	   "# Zfoo\n\nA fast compressor, provided as an open-source dual "
	   "[BSD](LICENSE) OR [GPLv2](COPYING) licensed C library.\n\n"
	   "## Building\n\nRun make.\n\n## License\n\n"
	   "Zfoo is dual-licensed under [BSD](LICENSE) OR "
	   "[GPLv2](COPYING).\n\n## Contributing\n\nSend patches.\n");
	ck_assert_int_eq(oh_path_mkdirs(unit_path("contrib/kernel"), &err), 0);
	for (int i = 0; i < 3; i++) {
		char name[64];

		snprintf(name, sizeof(name), "contrib/kernel/z%d.c", i);
		wf(name, "// SPDX-License-Identifier: GPL-2.0+ OR "
			 "BSD-3-Clause\nint z;\n");
	}
	for (int i = 0; i < 8; i++) {
		char name[64];

		snprintf(name, sizeof(name), "lib%d.c", i);
		wf(name, "/* see LICENSE */\nint x;\n");
	}
	summarise(&sum, &s);
	ck_assert_ptr_null(sum.declared);
	ck_assert_str_eq(sum.detected, "GPL-2.0-only OR BSD-3-Clause");
	ck_assert_str_eq(sum.concluded, "GPL-2.0-only OR BSD-3-Clause");
	ck_assert_ptr_nonnull(strstr(sum.detected_from, "README.md"));
	ck_assert(also_has(&sum, "GPL-2.0+ OR BSD-3-Clause"));
	lic_summary_release(&sum);
	lic_scan_release(&s);
	oh_err_release(&err);
	unit_tmpdir_remove();
}
END_TEST

/*
 * gnutls: COPYING (GPL-3.0) and COPYING.LESSERv2 (LGPL-2.1), bare texts;
 * the README's Licensing section states "version 2.1 or later" for the
 * libraries and "version 3 or later" for the rest.  The sentences about
 * the documentation's license and about the dependencies' licenses
 * (LGPLv3+ or GPLv2+) are not the project's.
 */
START_TEST(test_licproject_readme_versions)
{
	struct lic_scan s = LIC_SCAN_INIT;
	struct lic_summary sum;

	snprintf(tree, sizeof(tree), "%s", unit_tmpdir());
	wf_spdx("COPYING", "GPL-3.0-only");
	wf_spdx("COPYING.LESSERv2", "LGPL-2.1-only");
	wf("README.md",
	   "# Foo TLS\n\nA TLS library.\n\n# Licensing\n\n"
	   "The distribution consists of the libraries (in lib/), the\n"
	   "tools (in src/) and documentation.\n\n"
	   "Since version 3.1, the libraries are released under the GNU "
	   "Lesser\nGeneral Public License version 2.1 or later (LGPLv2+, "
	   "see\nCOPYING.LESSERv2), while the others are under the GNU "
	   "General\nPublic License version 3 or later (GPLv3+, see "
	   "COPYING).\n\n"
	   "The documentation in doc/ is under the GNU Free Documentation\n"
	   "License version 1.3 or later.\n\n"
	   "Note that the bignum libraries which are dependencies of Foo "
	   "are\ndistributed under a LGPLv3+ or GPLv2+ dual license. As "
	   "such\nbinaries linking to them must follow either LGPLv3+ or "
	   "the\nGPLv2+.\n\n# Contributing\n\nSee CONTRIBUTING.md.\n");
	summarise(&sum, &s);
	ck_assert_str_eq(sum.concluded,
			 "GPL-3.0-or-later AND LGPL-2.1-or-later");
	lic_summary_release(&sum);
	lic_scan_release(&s);

	/* without the README the versions stay open (the texts' -only) */
	unlink(unit_path("README.md"));
	summarise(&sum, &s);
	ck_assert_str_eq(sum.concluded, "GPL-3.0-only AND LGPL-2.1-only");
	lic_summary_release(&sum);
	lic_scan_release(&s);
	unit_tmpdir_remove();
}
END_TEST

/* A README never overrides a clear license text: it names MIT, the
 * COPYING is the GPL; nor does it add a license, nor change a version a
 * text states. */
START_TEST(test_licproject_readme_no_override)
{
	struct lic_scan s = LIC_SCAN_INIT;
	struct lic_summary sum;
	struct oh_buf b = OH_BUF_INIT;

	snprintf(tree, sizeof(tree), "%s", unit_tmpdir());
	oh_buf_adds(&b, "This program is free software; you can redistribute "
			"it and/or modify it under the terms of the GNU "
			"General Public License as published by the Free "
			"Software Foundation; either version 2 of the "
			"License, or (at your option) any later version.\n\n");
	unit_spdx_text(&b, "GPL-2.0-only");
	wf("COPYING", b.buf);
	wf("README",
	   "Bar\n===\n\nLicense\n-------\n\nBar is licensed under the MIT "
	   "license and the GNU GPL version 2 only; the logo is CC0.\n");
	summarise(&sum, &s);
	ck_assert_str_eq(sum.concluded, "GPL-2.0-or-later");
	lic_summary_release(&sum);
	lic_scan_release(&s);
	oh_buf_release(&b);
	unit_tmpdir_remove();
}
END_TEST

/* lz4: a LICENSE that names the licenses per directory instead of
 * holding their texts. */
START_TEST(test_licproject_prose_license)
{
	struct lic_adapt_match m;

	match(&m, "This repository uses 2 different licenses :\n"
		  "- all files in the `lib` directory use a BSD 2-Clause "
		  "license\n"
		  "- all other files use a GPL-2.0-or-later license, unless "
		  "explicitly stated otherwise\n\n"
		  "The relevant license is recalled at the top of each source "
		  "file.\n");
	ck_assert_str_eq(m.project, "");
	lic_adapt_match_root(&m, engine(),
			     "This repository uses 2 different licenses :\n"
			     "- all files in the `lib` directory use a BSD "
			     "2-Clause license\n"
			     "- all other files use a GPL-2.0-or-later "
			     "license, unless explicitly stated otherwise\n",
			     0);
	ck_assert_int_eq(m.kind, LIC_ADAPT_NONE);
	{
		static const char t[] =
			"This repository uses 2 different licenses :\n"
			"- all files in the `lib` directory use a BSD 2-Clause "
			"license\n"
			"- all other files use a GPL-2.0-or-later license, "
			"unless explicitly stated otherwise\n\n"
			"The relevant license is recalled at the top of each "
			"source file.\n";

		lic_adapt_match_root(&m, engine(), t, strlen(t));
	}
	ck_assert_int_eq(m.kind, LIC_ADAPT_CLOSE);
	ck_assert_str_eq(m.project, "BSD-2-Clause AND GPL-2.0-or-later");
	ck_assert(!m.unnamed_own);

	/* gnutls' old prose LICENSE: the LGPL notice and the tools' GPL;
	 * not the dependencies' licenses */
	{
		static const char t[] =
			"LICENSING\n=========\n\n"
			"Since version 3.1.10, the core library is released "
			"under\nthe GNU Lesser General Public License (LGPL) "
			"version 2.1 or later.\n\n"
			"The GNU LGPL applies to the main library, while the "
			"included\napplications are under the GNU GPL version "
			"3.\n\n"
			"Note, however, that the nettle library, a dependency, "
			"is\ndistributed under a LGPLv3+ or GPLv2+ dual "
			"license. As such\nbinaries linking to it need to "
			"adhere to either LGPLv3+\nor the GPLv2+ license.\n";

		lic_adapt_match_root(&m, engine(), t, strlen(t));
	}
	ck_assert_str_eq(m.project, "LGPL-2.1-or-later AND GPL-3.0-only");
	/* a choice in prose: OR */
	{
		static const char t[] =
			"You may use this software under the terms of either "
			"the MIT license or the Apache License, Version 2.0, "
			"at your choice.\n";

		lic_adapt_match_root(&m, engine(), t, strlen(t));
	}
	ck_assert_str_eq(m.project, "MIT OR Apache-2.0");
	/* "BSD" alone names no license */
	{
		static const char t[] = "License: BSD\n\nSee the files.\n";

		lic_adapt_match_root(&m, engine(), t, strlen(t));
	}
	ck_assert_str_eq(m.project, "");
}
END_TEST

/*
 * PCRE2's LICENCE: the BSD-3-Clause text, then its exemption for binary
 * library-like packages.  PCRE2-exception is on the SPDX list but newer
 * than the imported exception data: licenses/exceptions-newer.tsv
 * carries the id, so the project is "BSD-3-Clause WITH PCRE2-exception"
 * and the exception is known.
 */
START_TEST(test_licproject_pcre2_exception)
{
	struct lic_adapt_match m;
	struct oh_buf b = OH_BUF_INIT;
	struct oh_err err = OH_ERR_INIT;
	struct lic_list *l = NULL;
	const struct lic_info *e;

	oh_buf_adds(&b, "FOO2 LICENCE\n============\n\n"
			"Releases of FOO2 are distributed under the terms of "
			"the \"BSD\" licence, as\nspecified below, with one "
			"exemption for certain binary redistributions.\n\n");
	unit_spdx_text(&b, "BSD-3-Clause");
	oh_buf_adds(&b, "\nEXEMPTION FOR BINARY LIBRARY-LIKE PACKAGES\n"
			"------------------------------------------\n\n"
			"The second condition in the BSD licence (covering "
			"binary redistributions) does\nnot apply all the way "
			"down a chain of software. If binary package A\n"
			"includes FOO2, it must respect the condition, but if "
			"package B includes\npackage A, the condition is not "
			"imposed on package B unless it uses FOO2\n"
			"independently.\n");
	match(&m, b.buf);
	ck_assert_str_eq(m.project, "BSD-3-Clause WITH PCRE2-exception");
	ck_assert_int_eq(lic_list_load(&l, &err), 0);
	e = lic_list_find_exception(l, "PCRE2-exception", 15);
	ck_assert_ptr_nonnull(e);
	ck_assert(!e->deprecated);
	/* an imported id is not added twice */
	ck_assert_ptr_nonnull(
		lic_list_find_exception(l, "Classpath-exception-2.0", 23));
	lic_list_free(l);
	oh_buf_release(&b);
	oh_err_release(&err);
}
END_TEST

/*
 * libpcap's LICENSE: the three BSD-3-Clause conditions word for word,
 * then the short disclaimer of the LBL/UC texts ("AS IS AND WITHOUT ANY
 * EXPRESS OR IMPLIED WARRANTIES ...") and no limitation of liability.
 * No SPDX text fits (the disclaimer is neither replaceable nor omittable
 * text of BSD-3-Clause); licenses/replaceable.tsv lets a different
 * disclaimer stand after the conditions, so the answer is BSD-3-Clause,
 * close, never exact.
 */
START_TEST(test_licproject_bsd_short_disclaimer)
{
	struct lic_adapt_match m;
	struct oh_buf b = OH_BUF_INIT;
	struct oh_buf text = OH_BUF_INIT;
	const char *cut;

	unit_spdx_text(&b, "BSD-3-Clause");
	cut = strstr(b.buf, "THIS SOFTWARE IS PROVIDED");
	ck_assert_ptr_nonnull(cut);
	oh_buf_adds(&text, "License: BSD\n\n");
	oh_buf_add(&text, b.buf, (size_t)(cut - b.buf));
	oh_buf_adds(&text,
		    "THIS SOFTWARE IS PROVIDED ``AS IS'' AND WITHOUT ANY "
		    "EXPRESS OR\nIMPLIED WARRANTIES, INCLUDING, WITHOUT "
		    "LIMITATION, THE IMPLIED\nWARRANTIES OF MERCHANTABILITY "
		    "AND FITNESS FOR A PARTICULAR PURPOSE.\n");
	match(&m, text.buf);
	ck_assert_int_eq(m.kind, LIC_ADAPT_CLOSE);
	ck_assert_str_eq(m.project, "BSD-3-Clause");
	ck_assert_uint_ge(m.percent, 90);
	ck_assert_uint_lt(m.percent, 100);
	/* the SPDX text itself stays exact */
	match(&m, b.buf);
	ck_assert_int_eq(m.kind, LIC_ADAPT_EXACT);
	/* other terms after the conditions are no disclaimer: not named */
	oh_buf_reset(&text);
	oh_buf_add(&text, b.buf, (size_t)(cut - b.buf));
	oh_buf_adds(&text,
		    "4. This software may not be used for commercial "
		    "purposes, and any\nredistribution must be free of "
		    "charge to every recipient, who shall in\nturn accept "
		    "these conditions in writing before using it.\n");
	match(&m, text.buf);
	ck_assert_int_eq(m.kind, LIC_ADAPT_UNKNOWN);
	oh_buf_release(&b);
	oh_buf_release(&text);
}
END_TEST

/*
 * A prose root file that names the same licenses again and again (found
 * by fuzz_licstmt): each license once in the expression, and never an
 * expression cut in the middle of a term when the names do not fit.
 */
START_TEST(test_licproject_prose_repeated_names)
{
	static const char t[] =
		"Br as li-2se; GPL-2.0+ censedhe MIT  General Public Licefse;"
		" GPL-2.0+ and LGLP-2se; GPL-2.0+ anfcensedhe MIT  General Pu"
		"blic Licefse; GPL-2.0+ and LGLP-2se; GPL-2.0+ anfse; GPL-2.0"
		"+ and LGLP-s li-2se; GPL-2.0+ cense2se; GPL-2.0+ and LGPL-2."
		"1-onceral Public Li andse; d LGPL-2.1-onceral Public License"
		"; GPL-2.0+ under the MIT  General Publ%c Licefse; GPL-2.0+ a"
		"nd -2se; GPL-2.0+ censedhe MIT  General Public Licefse; Gly."
		"\n";
	struct lic_adapt_match m;
	struct oh_err err = OH_ERR_INIT;
	bool ok;

	lic_adapt_match_root(&m, engine(), t, strlen(t));
	ck_assert_int_eq(
		lic_adapt_eval(&ok, engine(), m.expr, NULL, NULL, "t", &err),
		0);
	ck_assert_int_eq(
		lic_adapt_eval(&ok, engine(), m.project, NULL, NULL, "t", &err),
		0);
	/* each license once */
	for (const char *id = m.project; *id != '\0';) {
		size_t n = strcspn(id, " ()");
		const char *q;

		for (q = strstr(id + n, id); n > 3 && q; q = strstr(q + 1, id))
			ck_assert_msg(!(q[-1] == ' ' && strchr(" )", q[n])),
				      "named twice: %s", m.project);
		id += n;
		id += strspn(id, " ()");
	}
	oh_err_release(&err);
}
END_TEST

Suite *licproject_suite(void)
{
	Suite *s = suite_create("licproject");
	TCase *tc = tcase_create("core");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_licproject_compare_ambiguous);
	tcase_add_test(tc, test_licproject_readme_choice);
	tcase_add_test(tc, test_licproject_readme_versions);
	tcase_add_test(tc, test_licproject_readme_no_override);
	tcase_add_test(tc, test_licproject_prose_license);
	tcase_add_test(tc, test_licproject_pcre2_exception);
	tcase_add_test(tc, test_licproject_bsd_short_disclaimer);
	tcase_add_test(tc, test_licproject_prose_repeated_names);
	suite_add_tcase(s, tc);
	return s;
}
