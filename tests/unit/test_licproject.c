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

#include "unit.h"
#include "core/buf.h"
#include "core/err.h"
#include "core/path.h"
#include "license/adapt.h"
#include "license/scan.h"
#include "license/summary.h"

static void spdx_text(struct oh_buf *b, const char *id)
{
	struct oh_buf path = OH_BUF_INIT;
	struct oh_err err = OH_ERR_INIT;
	char rel[128];

	snprintf(rel, sizeof(rel), "licenses/text/%s.txt", id);
	ck_assert_int_eq(oh_data_file(&path, rel, &err), 0);
	ck_assert_int_eq(oh_buf_read_file(b, path.buf, &err), 0);
	oh_buf_addch(b, '\n');
	oh_buf_release(&path);
	oh_err_release(&err);
}

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
	spdx_text(&b, "LGPL-2.1-only");
	match(&lesser, b.buf);
	oh_buf_reset(&b);
	spdx_text(&b, "GPL-3.0-only");
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
	ck_assert_int_eq(lic_adapt_compare(prose.project, prose.ambiguous,
					   after, amb),
			 LIC_ADAPT_ADDED);
	/* stated on both sides, a different suffix is a change */
	ck_assert_int_eq(lic_adapt_compare("LGPL-2.1-or-later", "",
					   "LGPL-2.1-only", ""),
			 LIC_ADAPT_CHANGED);
	/* another version is a change even when open (gnutls de5cc9fd0e:
	 * GPL-2 -> GPL-3 for the tools) */
	ck_assert_int_eq(lic_adapt_compare("GPL-2.0-only", "GPL-2.0-only",
					   "GPL-3.0-only", "GPL-3.0-only"),
			 LIC_ADAPT_CHANGED);
	/* structure counts: a choice is not the same as both */
	ck_assert_int_eq(lic_adapt_compare("MIT OR Apache-2.0", NULL,
					   "MIT AND Apache-2.0", NULL),
			 LIC_ADAPT_CHANGED);
	ck_assert_int_eq(lic_adapt_compare("BSD-3-Clause", NULL,
					   "(GPL-2.0-only) AND (BSD-3-Clause)",
					   "GPL-2.0-only"),
			 LIC_ADAPT_ADDED);
	oh_buf_release(&b);
}
END_TEST

Suite *licproject_suite(void)
{
	Suite *s = suite_create("licproject");
	TCase *tc = tcase_create("core");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_licproject_compare_ambiguous);
	suite_add_tcase(s, tc);
	return s;
}
