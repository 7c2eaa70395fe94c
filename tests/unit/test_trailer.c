/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * trailer: every message of the table is committed with the git program
 * (`git commit-tree`, which stores it verbatim) and read back with
 * `git log -1 --format=%(trailers:unfold,only)`; trailer_parse() must
 * print exactly the same "Key: value" lines.  git is the oracle.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>
#include <git2.h>

#include "core/buf.h"
#include "core/err.h"
#include "facts/trailer.h"
#include "unit.h"

static const char *const messages[] = {
	"Subject\n\nSigned-off-by: A <a@x.org>\n",
	"Subject only\n",
	"Signed-off-by: A <a@x.org>\n",
	"Subject\nSigned-off-by: A <a@x.org>\n",
	"Subject\n\nBody text.\n\nSigned-off-by: A <a@x.org>\n",
	"Subject\n\nSigned-off-by: A <a@x.org>\n\nMore text after.\n",
	/* a "---" line: git log keeps reading, libgit2 stops */
	"Bump x\n\nBumps x.\n---\nupdated-dependencies:\n- name: x\n"
	"...\n\nSigned-off-by: dependabot[bot] <support@github.com>\n",
	"Subject\n\nBody\n---\nSigned-off-by: A <a@x.org>\n",
	"Subject\n\n---\n\nSigned-off-by: A <a@x.org>\n",
	/* CRLF line ends */
	"Subject\r\n\r\nSigned-off-by: A <a@x.org>\r\n",
	"Subject\r\n\r\nBody\r\n\r\nSigned-off-by: A <a@x.org>\r\n"
	"Reviewed-by: B <b@x.org>\r\n",
	"Subject\r\n\r\nSigned-off-by: A <a@x.org>\r\n\r\n"
	"Co-authored-by: C <c@x.org>\r\n",
	"Subject\r\n\r\nKey: long\r\n  folded\r\n",
	/* keys, separators, spaces */
	"Subject\n\nsigned-off-by: A <a@x.org>\n",
	"Subject\n\nSigned-off-by : A <a@x.org>\n",
	"Subject\n\nSigned-off-by:    A <a@x.org>   \n",
	"Subject\n\nSigned-off-by:A <a@x.org>\n",
	"Subject\n\nSigned-off-by:\n",
	"Subject\n\nKey\t: tabbed\n",
	"Subject\n\n Indented: no\n",
	"Subject\n\nKey: value\n  continued here\n\tand here\nOther: x\n",
	"Subject\n\nNot a trailer line\n  indented\nKey: v\n",
	"Subject\n\nhttp://example.org/path\n",
	"Subject\n\nFixes: 1234 (\"x\")\nLink: https://e.org/a\n",
	"Subject\n\nKey_with_underscore: v\n",
	"Subject\n\nKéy: v\n",
	/* the 25 % rule */
	"Subject\n\nline one\nline two\nline three\n"
	"Signed-off-by: A <a@x.org>\n",
	"Subject\n\nline one\nline two\nline three\nline four\n"
	"Signed-off-by: A <a@x.org>\n",
	"Subject\n\nline one\nKey: v\n",
	"Subject\n\nline one\nline two\nSigned-off-by: A <a@x.org>\n"
	"Key: v\n",
	"Subject\n\n[maint: fixed typo]\nSigned-off-by: A <a@x.org>\n"
	"Signed-off-by: M <m@x.org>\n",
	/* cherry-pick lines */
	"Subject\n\nSigned-off-by: A <a@x.org>\n"
	"(cherry picked from commit 0123456789abcdef0123456789abcdef01234567)"
	"\n",
	"Subject\n\nfree text\n"
	"(cherry picked from commit 0123456789abcdef0123456789abcdef01234567)"
	"\nKey: v\n",
	/* comments, blank tails, scissors, conflicts */
	"Subject\n\nSigned-off-by: A <a@x.org>\n# a comment\n",
	"Subject\n\nSigned-off-by: A <a@x.org>\n\n\n\n",
	"Subject\n\nSigned-off-by: A <a@x.org>\n   \n",
	"Subject\n\nSigned-off-by: A <a@x.org>\n"
	"# ------------------------ >8 ------------------------\n"
	"Key: after scissors\n",
	"Subject\n\nSigned-off-by: A <a@x.org>\n\nConflicts:\n\tfile.c\n",
	"Subject\r\n\r\nKey: v\r\n"
	"# ------------------------ >8 ------------------------\r\n"
	"Signed-off-by: A <a@x.org>\r\n",
	"Subject\n\nKey: v\n"
	"# ------------------------ >8 ------------------------ \n"
	"Signed-off-by: A <a@x.org>\n",
	"Subject\n\n# Key: commented\nSigned-off-by: A <a@x.org>\n",
	"\n\nSubject after blank lines\n\nKey: v\n",
	"Subject\n\nSigned-off-by: A <a@x.org>",
	"Subject\n\nKey: v\n\t\n",
	"Subject\n\n\nSigned-off-by: A <a@x.org>\nSigned-off-by: B <b@x.org>\n",
	"# comment title\nSubject\n\nKey: v\n",
	"Subject\n\nA: 1\nB: 2\nC: 3\nD: 4\nE: 5\n",
	"Subject\n\nKey: \n",
	"Subject\n\n:colon first\n",
	"Subject\n\n-: dash key\n",
	"Subject\n\nSigned-off-by: A <a@x.org>\n \n",
	"Subject\n\nKey: a\n\n \nKey2: b\n",
	"",
	"\n",
};

#define N_MESSAGES (sizeof(messages) / sizeof(messages[0]))

static void setup(void)
{
	char cmd[1024];
	FILE *p;

	unit_tmpdir();
	snprintf(cmd, sizeof(cmd),
		 "cd '%s' && git init -q repo && cd repo && "
		 "git mktree </dev/null >/dev/null",
		 unit_path(""));
	p = popen(cmd, "r");
	ck_assert_ptr_nonnull(p);
	ck_assert_int_eq(pclose(p), 0);
}

static void teardown(void)
{
	unit_tmpdir_remove();
}

/* The git program's answer for one message. */
static void git_trailers(struct oh_buf *out, const char *msg)
{
	char cmd[2048];
	char line[4096];
	char repo[512];
	FILE *p;
	size_t n;

	snprintf(repo, sizeof(repo), "%s", unit_path("repo"));
	unit_write_file(unit_path("msg"), msg, strlen(msg));
	snprintf(
		cmd, sizeof(cmd),
		"cd '%s' && export GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@x "
		"GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@x "
		"GIT_AUTHOR_DATE='@1000000000 +0000' GIT_COMMITTER_DATE='@1000000000 +0000' && "
		"c=$(git commit-tree 4b825dc642cb6eb9a060e54bf8d69288fbee4904"
		" -F ../msg) && "
		"git -c core.commentChar='#' log -1 "
		"'--format=%%(trailers:unfold,only)' $c",
		repo);
	p = popen(cmd, "r");
	ck_assert_ptr_nonnull(p);
	while ((n = fread(line, 1, sizeof(line), p)) > 0)
		oh_buf_add(out, line, n);
	ck_assert_int_eq(pclose(p), 0);
	/* git log adds one newline after the format's output */
	if (out->len > 0 && out->buf[out->len - 1] == '\n')
		oh_buf_setlen(out, out->len - 1);
}

START_TEST(test_trailer_git_oracle)
{
	struct trailer_list l = TRAILER_LIST_INIT;
	struct oh_err err = OH_ERR_INIT;
	struct oh_buf want = OH_BUF_INIT;
	struct oh_buf got = OH_BUF_INIT;
	const char *msg = messages[_i];

	git_trailers(&want, msg);
	ck_assert_int_eq(trailer_parse(&l, msg, strlen(msg), &err), 0);
	for (size_t i = 0; i < l.nr; i++)
		oh_buf_addf(&got, "%s: %s\n", trailer_key(&l, i),
			    trailer_value(&l, i));
	ck_assert_msg(oh_buf_eq(&got, want.buf),
		      "message %d:\n%s\n--- git:\n%s--- ours:\n%s", _i, msg,
		      want.buf, got.buf);
	trailer_list_release(&l);
	oh_buf_release(&want);
	oh_buf_release(&got);
}
END_TEST

START_TEST(test_trailer_key_case)
{
	struct trailer_list l = TRAILER_LIST_INIT;
	struct oh_err err = OH_ERR_INIT;
	const char *m = "S\n\nsIgNeD-oFf-By: A <a@x>\n";

	ck_assert_int_eq(trailer_parse(&l, m, strlen(m), &err), 0);
	ck_assert_uint_eq(l.nr, 1);
	ck_assert(trailer_key_is(&l, 0, "Signed-off-by"));
	ck_assert(!trailer_key_is(&l, 0, "Signed-off"));
	ck_assert(!trailer_key_is(&l, 0, "Signed-off-by-x"));
	ck_assert_str_eq(trailer_value(&l, 0), "A <a@x>");
	trailer_list_release(&l);
}
END_TEST

START_TEST(test_trailer_limits)
{
	struct trailer_list l = TRAILER_LIST_INIT;
	struct oh_err err = OH_ERR_INIT;
	struct oh_buf m = OH_BUF_INIT;

	oh_buf_adds(&m, "S\n\n");
	for (unsigned i = 0; i < TRAILER_MAX_ITEMS + 5; i++)
		oh_buf_addf(&m, "K%u: v\n", i);
	ck_assert_int_eq(trailer_parse(&l, m.buf, m.len, &err), 0);
	ck_assert_uint_eq(l.nr, TRAILER_MAX_ITEMS);
	ck_assert(l.truncated);
	ck_assert_int_eq(
		trailer_parse(&l, m.buf, (size_t)TRAILER_MAX_MSG + 1, &err),
		OH_ELIMIT);
	ck_assert_uint_eq(l.nr, 0);
	oh_err_release(&err);
	/* an embedded NUL ends the message, as in git */
	ck_assert_int_eq(trailer_parse(&l, "S\n\nA: 1\0B: 2\n", 13, NULL), 0);
	ck_assert_uint_eq(l.nr, 1);
	ck_assert_str_eq(trailer_value(&l, 0), "1");
	trailer_list_release(&l);
	oh_buf_release(&m);
}
END_TEST

/*
 * Why we do not use libgit2's git_message_trailers(): it stops at a "---"
 * line (a dependabot body loses its sign-off) and keeps CRs and folded
 * lines in values.  If libgit2 ever agrees with git here, revisit.
 */
START_TEST(test_trailer_libgit2_differs)
{
	const char *m = messages[6];
	git_message_trailer_array a = { 0 };
	struct trailer_list l = TRAILER_LIST_INIT;

	git_libgit2_init();
	ck_assert_int_eq(git_message_trailers(&a, m), 0);
	ck_assert_uint_eq(a.count, 0);
	git_message_trailer_array_free(&a);
	ck_assert_int_eq(trailer_parse(&l, m, strlen(m), NULL), 0);
	ck_assert_uint_eq(l.nr, 1);
	m = messages[9];
	ck_assert_int_eq(git_message_trailers(&a, m), 0);
	ck_assert_uint_eq(a.count, 1);
	ck_assert_str_eq(a.trailers[0].value, "A <a@x.org>\r");
	git_message_trailer_array_free(&a);
	ck_assert_int_eq(trailer_parse(&l, m, strlen(m), NULL), 0);
	ck_assert_str_eq(trailer_value(&l, 0), "A <a@x.org>");
	trailer_list_release(&l);
	git_libgit2_shutdown();
}
END_TEST

Suite *trailer_suite(void)
{
	Suite *s = suite_create("trailer");
	TCase *tc = tcase_create("git");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_loop_test(tc, test_trailer_git_oracle, 0, (int)N_MESSAGES);
	suite_add_tcase(s, tc);
	tc = tcase_create("api");
	tcase_add_test(tc, test_trailer_key_case);
	tcase_add_test(tc, test_trailer_limits);
	tcase_add_test(tc, test_trailer_libgit2_differs);
	suite_add_tcase(s, tc);
	return s;
}
