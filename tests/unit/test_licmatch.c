/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * license data and matcher: the list loader (and its errors), the
 * normaliser, the accuracy self-test over every imported SPDX text, and
 * curated real-world variations in tests/data/licenses/.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "core/buf.h"
#include "core/err.h"
#include "license/list.h"
#include "license/match.h"
#include "unit.h"

static struct lic_list *list;
static struct lic_matcher *matcher;

static void engine_setup(void)
{
	struct oh_err err = OH_ERR_INIT;

	if (lic_list_load(&list, &err) < 0 ||
	    lic_matcher_new(&matcher, list, &err) < 0)
		ck_abort_msg("%s: %s", err.input ? err.input : "", err.msg);
}

static void engine_teardown(void)
{
	lic_matcher_free(matcher);
	lic_list_free(list);
}

static void describe_all(struct oh_buf *out, const struct lic_match_result *r)
{
	for (size_t i = 0; i < r->nhit; i++) {
		if (i > 0)
			oh_buf_adds(out, "; ");
		lic_match_hit_describe(out, &r->hit[i]);
	}
}

/* ---- list ------------------------------------------------------------ */

START_TEST(test_licmatch_list)
{
	const struct lic_info *i;

	ck_assert_uint_gt(lic_list_count(list), 700);
	ck_assert_uint_gt(lic_list_exception_count(list), 60);
	i = lic_list_find(list, "mit", 3);
	ck_assert_ptr_nonnull(i);
	ck_assert_str_eq(i->id, "MIT");
	ck_assert(i->osi);
	ck_assert_int_eq(i->category, LIC_CAT_PERMISSIVE);
	i = lic_list_find(list, "GPL-2.0", 7);
	ck_assert(i->deprecated);
	ck_assert_str_eq(i->replacement, "GPL-2.0-only");
	ck_assert_int_eq(i->category, LIC_CAT_STRONG_COPYLEFT);
	i = lic_list_find(list, "BUSL-1.1", 8);
	ck_assert(!i->osi);
	ck_assert_str_eq(lic_category_name(i->category), "source-available");
	ck_assert_int_eq(lic_list_find(list, "AGPL-3.0-only", 13)->category,
			 LIC_CAT_NETWORK_COPYLEFT);
	ck_assert_ptr_null(lic_list_find(list, "MIT-nope", 8));
	ck_assert_ptr_null(lic_list_find(list, "Classpath-exception-2.0", 23));
	ck_assert_ptr_nonnull(
		lic_list_find_exception(list, "classpath-exception-2.0", 23));
	ck_assert_str_eq(lic_list_version(list), "spdx-license-list-6.12.0");
}
END_TEST

static void write_data(const char *lic, const char *exc, const char *rep,
		       const char *cat)
{
	char dir[4096];

	snprintf(dir, sizeof(dir), "%s", unit_path("text"));
	unit_write_file(unit_path("licenses.tsv"), lic, strlen(lic));
	unit_write_file(unit_path("exceptions.tsv"), exc, strlen(exc));
	unit_write_file(unit_path("replacements.tsv"), rep, strlen(rep));
	unit_write_file(unit_path("categories.json"), cat, strlen(cat));
}

static const struct {
	const char *lic, *exc, *rep, *cat;
	int code;
	const char *file; /* suffix of err.input */
	unsigned line;
} bad_data[] = {
	{ "MIT\t1\t0\t0\tMIT\n", "E\t0\n", "", "{}", 0, NULL, 0 },
	{ "# c\nMIT\t1\t0\t0\n", "E\t0\n", "", "{}", OH_EINPUT, "licenses.tsv",
	  2 },
	{ "MIT\t2\t0\t0\tx\n", "E\t0\n", "", "{}", OH_EINPUT, "licenses.tsv",
	  1 },
	{ "M/T\t1\t0\t0\tx\n", "E\t0\n", "", "{}", OH_EINPUT, "licenses.tsv",
	  1 },
	{ "MIT\t1\t0\t0\tx\nmit\t1\t0\t0\ty\n", "E\t0\n", "", "{}", OH_EINPUT,
	  "licenses.tsv", 0 },
	{ "MIT\t1\t0\t0\tx\n", "E\n", "", "{}", OH_EINPUT, "exceptions.tsv",
	  1 },
	{ "MIT\t1\t0\t0\tx\n", "E\t0\n", "MIT\tX\n", "{}", OH_EINPUT,
	  "replacements.tsv", 1 },
	{ "MIT\t1\t0\t0\tx\n", "E\t0\n", "", "[", OH_EINPUT, "categories.json",
	  0 },
	{ "MIT\t1\t0\t0\tx\n", "E\t0\n", "", "{\"permissive\":[\"X\"]}",
	  OH_EINPUT, "categories.json", 0 },
	{ "MIT\t1\t0\t0\tx\n", "E\t0\n", "", "{\"nice\":[\"MIT\"]}", OH_EINPUT,
	  "categories.json", 0 },
};

/* licenses/exceptions-newer.tsv (our own): ids the import lacks are
 * added; one the import has (a newer import) is not a duplicate. */
START_TEST(test_licmatch_list_newer_exceptions)
{
	static const char newer[] = "# ours\nNew-exception\t0\tNew\n"
				    "E\t0\tAlready imported\n";
	struct lic_list *l = NULL;
	struct oh_err err = OH_ERR_INIT;
	const char *dir = unit_tmpdir();

	write_data("MIT\t1\t0\t0\tx\n", "E\t0\n", "", "{}");
	unit_write_file(unit_path("exceptions-newer.tsv"), newer,
			strlen(newer));
	ck_assert_int_eq(lic_list_load_dir(&l, dir, &err), 0);
	ck_assert_ptr_nonnull(lic_list_find_exception(l, "New-exception", 13));
	ck_assert_ptr_nonnull(lic_list_find_exception(l, "E", 1));
	ck_assert_uint_eq(lic_list_exception_count(l), 2);
	lic_list_free(l);
	oh_err_release(&err);
	unit_tmpdir_remove();
}
END_TEST

START_TEST(test_licmatch_list_errors)
{
	struct lic_list *l = NULL;
	struct oh_err err = OH_ERR_INIT;
	const char *dir = unit_tmpdir();
	int ret;

	write_data(bad_data[_i].lic, bad_data[_i].exc, bad_data[_i].rep,
		   bad_data[_i].cat);
	ret = lic_list_load_dir(&l, dir, &err);
	ck_assert_int_eq(ret, bad_data[_i].code);
	if (bad_data[_i].code == 0) {
		ck_assert_ptr_nonnull(lic_list_find(l, "MIT", 3));
		lic_list_free(l);
	} else {
		ck_assert_ptr_null(l);
		ck_assert_ptr_nonnull(strstr(err.input, bad_data[_i].file));
		ck_assert_uint_eq(err.line, bad_data[_i].line);
	}
	oh_err_release(&err);
	unit_tmpdir_remove();
}
END_TEST

START_TEST(test_licmatch_list_missing)
{
	struct lic_list *l = NULL;
	struct oh_err err = OH_ERR_INIT;
	const char *dir = unit_tmpdir();

	ck_assert_int_eq(lic_list_load_dir(&l, dir, &err), OH_ENOTFOUND);
	ck_assert_ptr_nonnull(strstr(err.input, "licenses.tsv"));
	ck_assert_ptr_nonnull(strstr(err.msg, "missing"));
	oh_err_release(&err);
	unit_tmpdir_remove();
}
END_TEST

/* ---- normaliser ------------------------------------------------------ */

static const struct {
	const char *in, *out;
} norm_cases[] = {
	{ "Hello,   WORLD!\n", "hello world" },
	{ "Copyright (c) 2020 Jane Doe\nAll rights reserved.\nText here.",
	  "text here" },
	{ "The above copyright notice\ncopyright notice stays",
	  "the above "
	  "copyright "
	  "notice "
	  "copyright "
	  "notice stays" },
	{ "\xc2\xa9 2021 Foo\n(C) 2020 Bar\nok", "ok" },
	{ "1. First\n(a) second\niv) third\n2.1 fourth", "first second third "
							 "1 fourth" },
	{ "v. 2.0 stays", "v 2 0 stays" },
	{ "(c) You must", "you must" },
	{ " * // # -- comment markers", "comment markers" },
	{ "\xe2\x80\x9cquoted\xe2\x80\x9d \xe2\x80\x94 dash\xe2\x80\x99s",
	  "quoted dash s" },
	{ "Licence and sub-license, whilst", "license and sublicense while" },
	{ "SPDX-License-Identifier: MIT\nbody", "body" },
	{ "a\r\nb\r\n", "a b" },
	{ "All rights are reserved by the author", "all rights are reserved by "
						   "the author" },
};

START_TEST(test_licmatch_norm)
{
	struct oh_buf out = OH_BUF_INIT;

	lic_norm_text(&out, matcher, norm_cases[_i].in,
		      strlen(norm_cases[_i].in));
	ck_assert_str_eq(out.buf, norm_cases[_i].out);
	oh_buf_release(&out);
}
END_TEST

/* ---- self-test over the SPDX texts ----------------------------------- */

struct twin {
	char *id, *as;
};

static size_t load_twins(struct twin **out, struct oh_buf *b)
{
	struct oh_err err = OH_ERR_INIT;
	size_t n = 0;
	char *p;

	*out = NULL;
	ck_assert_int_eq(
		oh_buf_read_file(b, OH_SRCDIR "/licenses/twins.tsv", &err), 0);
	for (p = b->buf; p && *p != '\0';) {
		char *nl = strchr(p, '\n');
		char *t1 = strchr(p, '\t');
		char *t2 = t1 ? strchr(t1 + 1, '\t') : NULL;

		if (nl)
			*nl = '\0';
		if (*p != '#' && t2) {
			*t1 = '\0';
			*t2 = '\0';
			*out = realloc(*out, (n + 1) * sizeof(**out));
			(*out)[n++] = (struct twin){ .id = p, .as = t1 + 1 };
		}
		p = nl ? nl + 1 : NULL;
	}
	return n;
}

static bool same(const char *a, const char *b)
{
	return a && b && strcmp(a, b) == 0;
}

static bool accepted(const struct lic_info *info, const struct lic_match_hit *h,
		     const struct twin *tw, size_t ntw)
{
	if (h->kind != LIC_MATCH_EXACT)
		return false;
	if (same(h->id, info->id) || same(h->alt_id, info->id))
		return true;
	if (info->replacement && (same(h->id, info->replacement) ||
				  same(h->alt_id, info->replacement)))
		return true;
	for (size_t k = 0; k < ntw; k++)
		if (same(tw[k].id, info->id) && same(tw[k].as, h->id))
			return true;
	return false;
}

START_TEST(test_licmatch_selftest)
{
	struct oh_err err = OH_ERR_INIT;
	struct oh_buf tb = OH_BUF_INIT;
	struct oh_buf bad = OH_BUF_INIT;
	struct twin *tw;
	size_t ntw = load_twins(&tw, &tb);
	unsigned total = 0, self = 0, twin = 0, fail = 0;

	for (size_t i = 0; i < lic_list_count(list); i++) {
		const struct lic_info *info = lic_list_at(list, i);
		struct lic_match_result r;
		const char *text;
		size_t len;

		ck_assert_int_eq(lic_list_text(&text, &len, list, info, &err),
				 0);
		if (!text)
			continue;
		total++;
		lic_match_text(&r, matcher, text, len);
		if (info->deprecated && strstr(info->id, "-with-")) {
			/* "GPL-2.0-with-bison-exception": SPDX's text is the
			 * exception paragraph alone; no license is named from
			 * it (the caller adds WITH from the wording) */
			if (r.nhit == 0 || r.hit[0].kind == LIC_MATCH_UNKNOWN) {
				self++;
			} else {
				fail++;
				oh_buf_addf(&bad, " %s:", info->id);
				describe_all(&bad, &r);
			}
		} else if (r.nhit > 0 && accepted(info, &r.hit[0], tw, ntw)) {
			if (same(r.hit[0].id, info->id))
				self++;
			else
				twin++;
		} else {
			fail++;
			oh_buf_addf(&bad, " %s:", info->id);
			describe_all(&bad, &r);
		}
		lic_match_result_release(&r);
	}
	ck_assert_msg(fail == 0, "%u of %u texts misidentified:%.900s", fail,
		      total, bad.buf);
	ck_assert_uint_eq(self + twin, total);
	ck_assert_uint_gt(total, 700);
	free(tw);
	oh_buf_release(&tb);
	oh_buf_release(&bad);
}
END_TEST

/* ---- curated variations ---------------------------------------------- */

static const struct {
	const char *file;
	const char *expect; /* every hit, described, joined with "; " */
} fixtures[] = {
	{ "mit-rewrapped.txt", "MIT (exact)" },
	{ "mit-markdown-crlf.md", "MIT (exact)" },
	{ "mit-comment-block.js", "MIT (exact)" },
	{ "mit-with-notices.txt",
	  "MIT (exact); BSD-3-Clause (exact); ISC (exact)" },
	{ "mit-added-clause.txt", "MIT (close, 94%)" },
	{ "mit0.txt", "MIT-0 (exact)" },
	{ "x11.txt", "X11 (exact)" },
	{ "isc.txt", "ISC (exact)" },
	{ "0bsd.txt", "0BSD (exact)" },
	{ "json-evil.txt", "JSON (exact)" },
	{ "bsd2.txt", "BSD-2-Clause (exact)" },
	/* only names changed: replaceable text (licenses/replaceable.tsv) */
	{ "bsd3-acme.txt", "BSD-3-Clause (exact)" },
	{ "bsd3-clear.txt", "BSD-3-Clause-Clear (exact)" },
	{ "apache-no-appendix.txt", "Apache-2.0 (exact)" },
	{ "apache-with-appendix.txt", "Apache-2.0 (exact)" },
	{ "dual-mit-apache.txt", "Apache-2.0 (exact); MIT (exact)" },
	{ "gpl2-or-later-preface.txt", "GPL-2.0-or-later (exact)" },
	{ "gpl2-only-preface.txt", "GPL-2.0-only (exact)" },
	{ "gpl3-bare.txt",
	  "GPL-3.0-only or GPL-3.0-or-later (exact; version ambiguous)" },
	{ "mpl2-incompatible.txt", "MPL-2.0-no-copyleft-exception (exact)" },
	{ "custom-terms.txt", "" },
	/* "the author" wording: clause 3 and the disclaimer name the
	 * author (replaceable text of licenses/replaceable.tsv); not -HP,
	 * whose "patent infringement" is absent */
	{ "bsd3-author.txt", "BSD-3-Clause (exact)" },
	/* a run of BSD texts in a notices file: each found, not merged */
	{ "notices-bsd-run.txt",
	  "MIT (exact); BSD-3-Clause (exact); BSD-3-Clause (exact); BSD-3-Clause (exact)" },
	{ "notice-gpl2-or-later.txt", "GPL-2.0-or-later (notice)" },
	/* real variants: version before the name, pointers to the text */
	{ "notice-gpl2-version-first.txt",
	  "GPL-2.0-only or GPL-2.0-or-later (notice; version ambiguous)" },
	{ "notice-lgpl21-version-first-later.txt",
	  "LGPL-2.1-or-later (notice)" },
	{ "notice-debian-pointer-lgpl21.txt",
	  "LGPL-2.1-only or LGPL-2.1-or-later (notice; version ambiguous)" },
	{ "notice-gpl2-pointer-only.txt",
	  "GPL-2.0-only or GPL-2.0-or-later (notice; version ambiguous)" },
	{ "notice-lgpl21-only.txt", "LGPL-2.1-only (notice)" },
	{ "notice-apache.txt", "Apache-2.0 (notice)" },
	{ "notice-mpl.txt", "MPL-2.0 (notice)" },
	{ "notice-agpl3-bare.txt",
	  "AGPL-3.0-only or AGPL-3.0-or-later (notice; version ambiguous)" },
};

START_TEST(test_licmatch_fixtures)
{
	struct oh_err err = OH_ERR_INIT;
	struct oh_buf text = OH_BUF_INIT;
	struct oh_buf got = OH_BUF_INIT;
	struct oh_buf path = OH_BUF_INIT;
	struct lic_match_result r;

	oh_buf_addf(&path, "%s/tests/data/licenses/%s", OH_SRCDIR,
		    fixtures[_i].file);
	ck_assert_int_eq(oh_buf_read_file(&text, path.buf, &err), 0);
	lic_match_text(&r, matcher, text.buf, text.len);
	describe_all(&got, &r);
	ck_assert_msg(strcmp(got.buf, fixtures[_i].expect) == 0,
		      "%s: got '%s', want '%s'", fixtures[_i].file, got.buf,
		      fixtures[_i].expect);
	lic_match_result_release(&r);
	oh_buf_release(&text);
	oh_buf_release(&got);
	oh_buf_release(&path);
}
END_TEST

START_TEST(test_licmatch_edge)
{
	struct lic_match_result r;
	char junk[4096];

	lic_match_text(&r, matcher, "", 0);
	ck_assert_uint_eq(r.nhit, 0);
	lic_match_result_release(&r);
	for (size_t i = 0; i < sizeof(junk); i++)
		junk[i] = (char)(i * 7 + 3);
	lic_match_text(&r, matcher, junk, sizeof(junk));
	ck_assert(r.nhit == 0 || r.hit[0].kind == LIC_MATCH_UNKNOWN);
	lic_match_result_release(&r);
}
END_TEST

/*
 * A GNU title above another license's text: the notice ends where the
 * text's hit begins, so the shares of the hits and the unmatched words
 * add up to 100% (the fuzz campaign found 104%: the notice ran 24 words
 * past its version, into the MIT text, and counted them again).
 */
START_TEST(test_licmatch_notice_before_text)
{
	struct oh_err err = OH_ERR_INIT;
	struct oh_buf text = OH_BUF_INIT;
	struct oh_buf path = OH_BUF_INIT;
	struct lic_match_result r;
	unsigned total;

	/* the input the campaign found: a mangled GPL-2.0 title and
	 * copyright line, an MIT text, a mangled FSF address */
	oh_buf_addf(&path, "%s/tests/data/licenses/gnu-title-before-mit.txt",
		    OH_SRCDIR);
	ck_assert_int_eq(oh_buf_read_file(&text, path.buf, &err), 0);
	lic_match_text(&r, matcher, text.buf, text.len);
	ck_assert_uint_eq(r.nhit, 2);
	total = r.unmatched_share;
	for (size_t i = 0; i < r.nhit; i++) {
		total += r.hit[i].share;
		if (r.hit[i].flags & LIC_MATCH_F_NOTICE)
			ck_assert_uint_le(r.hit[i].line_last, 2);
		else
			ck_assert_str_eq(r.hit[i].id, "MIT");
	}
	ck_assert_uint_le(total, 101);
	lic_match_result_release(&r);
	oh_buf_release(&text);
	oh_buf_release(&path);
}
END_TEST

/* Every field of every hit, one line each. */
static void dump(struct oh_buf *out, const struct lic_match_result *r)
{
	oh_buf_addf(out, "%zu hits, %u%% unmatched\n", r->nhit,
		    r->unmatched_share);
	for (size_t i = 0; i < r->nhit; i++) {
		const struct lic_match_hit *h = &r->hit[i];

		lic_match_hit_describe(out, h);
		oh_buf_addf(out, " | %d %s %s %u %u-%u %u %x\n", (int)h->kind,
			    h->id ? h->id : "-", h->alt_id ? h->alt_id : "-",
			    h->percent, h->line_first, h->line_last, h->share,
			    h->flags);
	}
}

static void match_dump(struct oh_buf *out, const char *text, size_t len)
{
	struct lic_match_result r;

	lic_match_text(&r, matcher, text, len);
	dump(out, &r);
	lic_match_result_release(&r);
}

/*
 * The matcher skips the diff of candidates whose similarity bound shows
 * they can be neither the best, nor a wider text, nor the rival: every
 * hit must be what confirming every candidate gives.  Inputs: each SPDX
 * text whole, cut to its first third (a close, not exact, match), and
 * glued to the next text (two licenses, rivals over the seam).
 */
START_TEST(test_licmatch_bound_exact)
{
	struct oh_err err = OH_ERR_INIT;
	struct oh_buf in = OH_BUF_INIT;
	struct oh_buf fast = OH_BUF_INIT;
	struct oh_buf full = OH_BUF_INIT;
	const char *prev = NULL;
	size_t prev_len = 0;
	unsigned n = 0;

	for (size_t i = 0; i < lic_list_count(list); i++) {
		const char *text;
		size_t len;

		ck_assert_int_eq(lic_list_text(&text, &len, list,
					       lic_list_at(list, i), &err),
				 0);
		if (!text)
			continue;
		for (int v = 0; v < 3; v++) {
			oh_buf_reset(&in);
			if (v == 0)
				oh_buf_add(&in, text, len);
			else if (v == 1)
				oh_buf_add(&in, text, len / 3);
			else if (prev) {
				oh_buf_add(&in, prev, prev_len);
				oh_buf_adds(&in, "\n\n");
				oh_buf_add(&in, text, len);
			} else
				continue;
			oh_buf_reset(&fast);
			oh_buf_reset(&full);
			match_dump(&fast, in.buf, in.len);
			lic_match_test_exhaustive(true);
			match_dump(&full, in.buf, in.len);
			lic_match_test_exhaustive(false);
			ck_assert_msg(strcmp(fast.buf, full.buf) == 0,
				      "%s (variant %d): bounded\n%s"
				      "exhaustive\n%s",
				      lic_list_at(list, i)->id, v, fast.buf,
				      full.buf);
			n++;
		}
		prev = text;
		prev_len = len;
	}
	ck_assert_uint_gt(n, 1500);
	oh_buf_release(&in);
	oh_buf_release(&fast);
	oh_buf_release(&full);
}
END_TEST

/*
 * lic_match_text() in parallel on one matcher (the scan's jobs do):
 * the scratch memory the matcher keeps between matches is taken and
 * given back under a lock; each thread must get what one thread gets.
 */
#define PAR_THREADS 4
#define PAR_ROUNDS  3

static const char *const par_files[] = {
	"mit-rewrapped.txt",     "apache-with-appendix.txt",
	"dual-mit-apache.txt",   "gnu-title-before-mit.txt",
	"gpl2-only-preface.txt", "bsd3-acme.txt",
};
#define PAR_N (sizeof(par_files) / sizeof(par_files[0]))

static struct oh_buf par_text[PAR_N];
static struct oh_buf par_want[PAR_N];

static void *par_worker(void *arg)
{
	unsigned start = (unsigned)(uintptr_t)arg;
	struct oh_buf got = OH_BUF_INIT;
	uintptr_t bad = 0;

	for (unsigned r = 0; r < PAR_ROUNDS * PAR_N; r++) {
		size_t k = (start + r) % PAR_N;

		oh_buf_reset(&got);
		match_dump(&got, par_text[k].buf, par_text[k].len);
		if (strcmp(got.buf, par_want[k].buf) != 0)
			bad++;
	}
	oh_buf_release(&got);
	return (void *)bad;
}

START_TEST(test_licmatch_parallel)
{
	struct oh_err err = OH_ERR_INIT;
	pthread_t th[PAR_THREADS];

	for (size_t k = 0; k < PAR_N; k++) {
		struct oh_buf path = OH_BUF_INIT;

		oh_buf_addf(&path, "%s/tests/data/licenses/%s", OH_SRCDIR,
			    par_files[k]);
		ck_assert_int_eq(oh_buf_read_file(&par_text[k], path.buf, &err),
				 0);
		match_dump(&par_want[k], par_text[k].buf, par_text[k].len);
		oh_buf_release(&path);
	}
	for (uintptr_t t = 0; t < PAR_THREADS; t++)
		ck_assert_int_eq(
			pthread_create(&th[t], NULL, par_worker, (void *)t), 0);
	for (size_t t = 0; t < PAR_THREADS; t++) {
		void *bad;

		ck_assert_int_eq(pthread_join(th[t], &bad), 0);
		ck_assert_msg(bad == NULL, "thread %zu: %zu results differ", t,
			      (size_t)(uintptr_t)bad);
	}
	for (size_t k = 0; k < PAR_N; k++) {
		oh_buf_release(&par_text[k]);
		oh_buf_release(&par_want[k]);
	}
}
END_TEST

Suite *licmatch_suite(void)
{
	Suite *s = suite_create("licmatch");
	TCase *tc = tcase_create("engine");
	TCase *td = tcase_create("data");

	tcase_set_timeout(tc, 60);
	tcase_add_unchecked_fixture(tc, engine_setup, engine_teardown);
	tcase_add_test(tc, test_licmatch_list);
	tcase_add_loop_test(tc, test_licmatch_norm, 0,
			    sizeof(norm_cases) / sizeof(norm_cases[0]));
	tcase_add_test(tc, test_licmatch_selftest);
	tcase_add_loop_test(tc, test_licmatch_fixtures, 0,
			    sizeof(fixtures) / sizeof(fixtures[0]));
	tcase_add_test(tc, test_licmatch_edge);
	tcase_add_test(tc, test_licmatch_notice_before_text);
	tcase_add_test(tc, test_licmatch_bound_exact);
	tcase_add_test(tc, test_licmatch_parallel);
	suite_add_tcase(s, tc);
	tcase_add_test(td, test_licmatch_list_newer_exceptions);
	tcase_add_loop_test(td, test_licmatch_list_errors, 0,
			    sizeof(bad_data) / sizeof(bad_data[0]));
	tcase_add_test(td, test_licmatch_list_missing);
	suite_add_tcase(s, td);
	return s;
}
