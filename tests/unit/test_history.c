/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * history: a repository built with the git program (fixed dates, a
 * .mailmap, a raw commit with a gpgsig header, a bot, tags of each kind)
 * walked by hist_collect(), compared with what git says; semver and bot
 * pattern parsing; error paths; the walk's commit reader (rawcommit)
 * against libgit2's on hostile commit objects.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "core/err.h"
#include "git/history.h"
#include "git/pathlog.h"
#include "store/store.h"
#include "store/store_hist.h"
#include "unit.h"
#include "../fuzz/rawcommit_oracle.h"

static const char build[] =
	"set -e; cd '%s'; git init -q -b main r; cd r;"
	"export GIT_AUTHOR_NAME=Ann GIT_AUTHOR_EMAIL=ann@old.example"
	" GIT_COMMITTER_NAME=Ann GIT_COMMITTER_EMAIL=ann@old.example"
	" GIT_AUTHOR_DATE='2024-01-01T10:00:00+0200'"
	" GIT_COMMITTER_DATE='2024-01-01T10:00:00+0200';"
	"git commit -q --allow-empty -m 'first' -m 'Signed-off-by: Ann "
	"<ann@old.example>';"
	"printf 'Ann <ann@new.example> <ANN@Old.Example>\\n' >.mailmap;"
	"git add .mailmap; git commit -q -m 'mailmap' -m 'Reviewed-by: Bob "
	"<bob@x.org>';"
	"git tag v1.0.0; git tag -a -m 'release' v1.1.0;"
	"printf 'rel\\n-----BEGIN PGP SIGNATURE-----\\nabc\\n"
	"-----END PGP SIGNATURE-----\\n' >m; git tag -a -F m v2.0.0-rc1; rm m;"
	"t=$(git rev-parse HEAD^{tree}); p=$(git rev-parse HEAD);"
	"printf 'tree %%s\\nparent %%s\\nauthor Ann <ann@old.example> "
	"1704103200 +0200\\ncommitter Ann <ann@old.example> 1704103200 "
	"+0200\\ngpgsig -----BEGIN SSH SIGNATURE-----\\n xyz\\n "
	"-----END SSH SIGNATURE-----\\n\\nsigned commit\\n' $t $p >raw;"
	"c=$(git hash-object -t commit -w raw); rm raw;"
	"git update-ref refs/heads/main $c;"
	"GIT_AUTHOR_NAME='dependabot[bot]'"
	" GIT_AUTHOR_EMAIL='49699333+dependabot[bot]@users.noreply.github.com'"
	" git commit -q --allow-empty -m 'Bump x' -m '---' -m "
	"'Signed-off-by: dependabot[bot] <support@github.com>';"
	"git checkout -q -b side HEAD~1; git commit -q --allow-empty -m side;"
	"git checkout -q main; git tag light-on-side side;"
	"cd ..; git clone -q --bare r b.git; rm b.git/config";

static char repo[512];

static void setup(void)
{
	char cmd[4096];
	FILE *p;

	unit_tmpdir();
	snprintf(repo, sizeof(repo), "%s", unit_path("r"));
	snprintf(cmd, sizeof(cmd), build, unit_path(""));
	p = popen(cmd, "r");
	ck_assert_ptr_nonnull(p);
	ck_assert_int_eq(pclose(p), 0);
}

static void teardown(void)
{
	unit_tmpdir_remove();
}

static struct hist_bots *bots(void)
{
	struct hist_bots *b = NULL;
	struct oh_err err = OH_ERR_INIT;

	ck_assert_int_eq(hist_bots_parse(&b,
					 "{\"patterns\": [{\"field\": \"name\","
					 " \"regex\": \"\\\\[bot\\\\]$\"}]}",
					 "bots", &err),
			 0);
	return b;
}

START_TEST(test_history_walk)
{
	struct hist_opts o = HIST_OPTS_INIT;
	struct oh_err err = OH_ERR_INIT;
	struct hist h;
	const struct hist_commit *c;

	o.bots = bots();
	hist_init(&h);
	ck_assert_int_eq(hist_collect(&h, repo, &o, &err), 0);
	ck_assert_uint_eq(h.commit_nr, 4); /* git rev-list --count main */
	c = &h.commit[0];
	ck_assert_str_eq(c->subject, "Bump x");
	ck_assert(c->is_bot);
	ck_assert_uint_eq(c->trailer_nr, 1); /* past the --- line */
	ck_assert_str_eq(h.trailer[c->trailer_first].value,
			 "dependabot[bot] <support@github.com>");
	c = &h.commit[1];
	ck_assert_str_eq(c->subject, "signed commit");
	ck_assert(c->signature);
	ck_assert(!c->is_bot);
	ck_assert_str_eq(c->author_email, "ann@new.example"); /* mailmap */
	ck_assert_int_eq(c->author_time, 1704103200);
	ck_assert_int_eq(c->author_tz, 120);
	c = &h.commit[3];
	ck_assert_str_eq(c->subject, "first");
	ck_assert_uint_eq(c->parents, 0);
	ck_assert(!c->signature);
	ck_assert_str_eq(h.trailer[c->trailer_first].ident_email,
			 "ann@new.example");
	/* tags, sorted by name */
	ck_assert_uint_eq(h.tag_nr, 4);
	ck_assert_str_eq(h.tag[0].name, "light-on-side");
	ck_assert(!h.tag[0].annotated && !h.tag[0].semver);
	ck_assert_str_eq(h.tag[1].name, "v1.0.0");
	ck_assert(!h.tag[1].annotated && h.tag[1].semver);
	ck_assert_int_eq(h.tag[1].time, 1704096000);
	ck_assert(h.tag[2].annotated && !h.tag[2].signed_tag);
	ck_assert(h.tag[3].signed_tag && h.tag[3].prerelease);
	hist_release(&h);

	/* --all-refs adds the side branch; a range gives one commit. */
	hist_init(&h);
	o.all_refs = true;
	ck_assert_int_eq(hist_collect(&h, repo, &o, &err), 0);
	ck_assert_uint_eq(h.commit_nr, 5);
	hist_release(&h);
	hist_init(&h);
	o.all_refs = false;
	o.range = "main~1..main";
	ck_assert_int_eq(hist_collect(&h, repo, &o, &err), 0);
	ck_assert_uint_eq(h.commit_nr, 1);
	hist_release(&h);
	hist_bots_free((struct hist_bots *)o.bots);
}
END_TEST

/* The first-parent chain for a pathlog beside the walk: it follows
 * first parents from its start and ends at the first commit that does
 * not; a walk of a line fills it to the root. */
START_TEST(test_history_chain)
{
	struct hist_opts o = HIST_OPTS_INIT;
	struct oh_err err = OH_ERR_INIT;
	struct pathlog_chain *ch = pathlog_chain_new();
	unsigned char a[20], b[20], c[20], t[20];
	struct hist h;

	memset(a, 1, sizeof(a));
	memset(b, 2, sizeof(b));
	memset(c, 3, sizeof(c));
	memset(t, 9, sizeof(t));
	ck_assert(pathlog_chain_add(ch, a, t, b));
	ck_assert(pathlog_chain_add(ch, b, t, c));
	ck_assert(!pathlog_chain_add(ch, a, t, c)); /* not c: it ends */
	ck_assert(!pathlog_chain_add(ch, c, t, NULL));
	pathlog_chain_end(ch);
	pathlog_chain_free(ch);

	ch = pathlog_chain_new();
	o.chain = ch;
	hist_init(&h);
	ck_assert_int_eq(hist_collect(&h, repo, &o, &err), 0);
	ck_assert_uint_eq(h.commit_nr, 4);
	/* the root was reached: nothing follows a commit without parent */
	ck_assert(!pathlog_chain_add(ch, a, t, NULL));
	pathlog_chain_end(ch);
	pathlog_chain_free(ch);
	hist_release(&h);
}
END_TEST

/* A git directory without config (core.bare unset) reads HEAD:.mailmap. */
START_TEST(test_history_gitdir_mailmap)
{
	struct hist_opts o = HIST_OPTS_INIT;
	struct oh_err err = OH_ERR_INIT;
	struct hist h;

	hist_init(&h);
	ck_assert_int_eq(hist_collect(&h, unit_path("b.git"), &o, &err), 0);
	ck_assert_uint_eq(h.commit_nr, 4);
	ck_assert_str_eq(h.commit[3].author_email, "ann@new.example");
	hist_release(&h);
}
END_TEST

START_TEST(test_history_errors)
{
	struct hist_opts o = HIST_OPTS_INIT;
	struct oh_err err = OH_ERR_INIT;
	struct hist h;

	hist_init(&h);
	ck_assert_int_eq(hist_collect(&h, "/nonexistent/dir", &o, &err),
			 OH_ENOTFOUND);
	oh_err_release(&err);
	o.range = "nosuch..main";
	ck_assert_int_eq(hist_collect(&h, repo, &o, &err), OH_EINPUT);
	ck_assert(strstr(err.msg, "bad range") != NULL);
	oh_err_release(&err);
	hist_release(&h);
}
END_TEST

START_TEST(test_history_store_roundtrip)
{
	struct store_open_opts so = STORE_OPEN_OPTS_INIT;
	struct hist_opts o = HIST_OPTS_INIT;
	struct oh_err err = OH_ERR_INIT;
	struct store *st = NULL;
	struct store_hist *sh = NULL;
	struct hist a;
	struct hist b;

	ck_assert_int_eq(store_open(&st, unit_path("h.db"), &so, &err), 0);
	ck_assert_int_eq(store_hist_open(&sh, st, repo, "local", &err), 0);
	hist_init(&a);
	o.all_refs = true;
	o.known = store_hist_known;
	o.known_payload = sh;
	ck_assert_int_eq(hist_collect(&a, repo, &o, &err), 0);
	ck_assert_int_eq(store_hist_save(sh, &a, &err), 0);
	ck_assert_int_eq(store_hist_count(sh), 5);
	hist_init(&b);
	ck_assert_int_eq(store_hist_load(&b, sh, &err), 0);
	ck_assert_uint_eq(b.commit_nr, 5);
	ck_assert_uint_eq(b.trailer_nr, a.trailer_nr);
	ck_assert_uint_eq(b.tag_nr, 4);
	ck_assert(b.tag[3].prerelease);
	hist_release(&b);
	hist_release(&a);
	/* nothing new: the walk stops at once */
	hist_init(&a);
	ck_assert_int_eq(hist_collect(&a, repo, &o, &err), 0);
	ck_assert_uint_eq(a.commit_nr, 0);
	hist_release(&a);
	store_hist_close(sh);
	store_close(st);
}
END_TEST

static const struct {
	const char *name;
	bool ok;
	bool pre;
	unsigned long major, minor, patch;
} semver[] = {
	{ "1.2.3", true, false, 1, 2, 3 },
	{ "v10.20.30", true, false, 10, 20, 30 },
	{ "V1.0.0-rc.1", true, true, 1, 0, 0 },
	{ "1.0.0+build.5", true, false, 1, 0, 0 },
	{ "1.0.0-alpha+b", true, true, 1, 0, 0 },
	{ "01.0.0", false, false, 0, 0, 0 },
	{ "1.0", false, false, 0, 0, 0 },
	{ "1.0.0.0", false, false, 0, 0, 0 },
	{ "1.0.0-", false, false, 0, 0, 0 },
	{ "1.0.0+", false, false, 0, 0, 0 },
	{ "release-1.0.0", false, false, 0, 0, 0 },
	{ "1.0.0-a_b", false, false, 0, 0, 0 },
	{ "99999999999.0.0", false, false, 0, 0, 0 },
	{ "", false, false, 0, 0, 0 },
};

START_TEST(test_history_semver)
{
	struct hist_tag t;

	memset(&t, 0, sizeof(t));
	ck_assert_int_eq(hist_semver_parse(&t, semver[_i].name), semver[_i].ok);
	ck_assert_int_eq(t.semver, semver[_i].ok);
	if (semver[_i].ok) {
		ck_assert_int_eq(t.prerelease, semver[_i].pre);
		ck_assert_uint_eq(t.major, semver[_i].major);
		ck_assert_uint_eq(t.minor, semver[_i].minor);
		ck_assert_uint_eq(t.patch, semver[_i].patch);
	}
}
END_TEST

START_TEST(test_history_bots)
{
	struct hist_bots *b = NULL;
	struct oh_err err = OH_ERR_INIT;

	b = bots();
	ck_assert(hist_bots_match(b, "renovate[bot]", "x@y"));
	ck_assert(hist_bots_match(b, "X[BOT]", "x@y"));
	ck_assert(!hist_bots_match(b, "Ann", "bot@y"));
	hist_bots_free(b);
	ck_assert_int_eq(hist_bots_parse(&b, "{}", "bots.json", &err),
			 OH_EINPUT);
	oh_err_release(&err);
	ck_assert_int_eq(hist_bots_parse(&b,
					 "{\"patterns\": [{\"field\": \"x\","
					 " \"regex\": \"a\"}]}",
					 "bots.json", &err),
			 OH_EINPUT);
	ck_assert(strstr(err.msg, "patterns[0]") != NULL);
	oh_err_release(&err);
	ck_assert_int_eq(hist_bots_parse(&b,
					 "{\"patterns\": [{\"field\": \"name\","
					 " \"regex\": \"(\"}]}",
					 "bots.json", &err),
			 OH_EINPUT);
	ck_assert(strstr(err.msg, "offset") != NULL);
	oh_err_release(&err);
	/* catastrophic backtracking stops at the match limit: no match */
	ck_assert_int_eq(hist_bots_parse(&b,
					 "{\"patterns\": [{\"field\": \"name\","
					 " \"regex\": \"^(a+)+$\"}]}",
					 "bots.json", &err),
			 0);
	ck_assert(!hist_bots_match(b, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab",
				   NULL));
	hist_bots_free(b);
	ck_assert_ptr_null(NULL);
}
END_TEST

#define T40 "1111111111111111111111111111111111111111"
#define P40 "2222222222222222222222222222222222222222"
#define Q40 "3333333333333333333333333333333333333333"
#define PL  "parent " P40 "\n"
#define PL4 PL PL PL PL
#define AU  "author A U Thor <a@example.org> 1700000000 +0200\n"
#define CO  "committer C O Mitter <c@example.org> 1700000100 -0530\n"

/*
 * Commit objects and whether rawcommit reads them itself (else the walk
 * asks libgit2); each one read must give libgit2's fields exactly.
 */
static const struct {
	const char *name;
	const char *data;
	size_t len; /* 0: strlen(data) */
	bool parsed;
	bool libgit2_ok;
} raw[] = {
	{ "usual",
	  "tree " T40 "\nparent " P40 "\n" AU CO
	  "\nSubject\n\nBody.\n\nSigned-off-by: A <a@x>\n",
	  0, true, true },
	{ "root, signed, summary",
	  "tree " T40 "\n" AU CO "gpgsig -----BEGIN PGP SIGNATURE-----\n abc\n"
	  " -----END PGP SIGNATURE-----\n\n\n\nroot\n  second\n \nthird\n",
	  0, true, true },
	{ "merge, Latin-1, mergetag",
	  "tree " T40 "\nparent " P40 "\nparent " Q40 "\n" AU CO
	  "encoding ISO-8859-1\nmergetag object " P40
	  "\n type commit\n\nMerge \xe9t\xe9\n",
	  0, true, true },
	{ "odd white space",
	  "tree " T40 "\n" AU "committer C\t<c@x> 2 -0060\nencoding latin1\n\n"
	  "\t Lead\f\v\r\nnext\n",
	  0, true, true },
	{ "names trimmed of crud",
	  "tree " T40 "\n"
	  "author  .\"A\"; <<a@x>> 1 +0000\n"
	  "committer 'C', <:c@x;> 2 +0000\n\nx\n",
	  0, true, true },
	{ "empty name and email",
	  "tree " T40 "\nauthor <> 1 +0000\n" CO "\nx\n", 0, true, true },
	{ "brackets in the name",
	  "tree " T40 "\nauthor A <b> C <a@x> 1 +0000\n" CO "\nx\n", 0, true,
	  true },
	{ "zones past 14:59 read as 0",
	  "tree " T40 "\n"
	  "author A <a@x> 1 +1500\ncommitter C <c@x> 2 -0960\n\nx\n",
	  0, true, true },
	{ "no message", "tree " T40 "\n" AU CO, 0, true, true },
	{ "no blank line", "tree " T40 "\n" AU CO "encoding x", 0, true, true },
	{ "empty message", "tree " T40 "\n" AU CO "\n", 0, true, true },
	{ "18-digit time",
	  "tree " T40 "\n"
	  "author A <a@x> 999999999999999999 +0000\n" CO "\nx\n",
	  0, true, true },
	{ "16 parents", "tree " T40 "\n" PL4 PL4 PL4 PL4 AU CO "\nx\n", 0, true,
	  true },
	/* left to libgit2: */
	{ "17 parents", "tree " T40 "\n" PL4 PL4 PL4 PL4 PL AU CO "\nx\n", 0,
	  false, true },
	{ "no author", "tree " T40 "\n" CO "\nx\n", 0, false, false },
	{ "no committer", "tree " T40 "\n" AU "\nx\n", 0, false, false },
	{ "no tree", AU CO "\nx\n", 0, false, false },
	{ "two authors",
	  "tree " T40 "\n" AU "author B <b@x> 2 +0000\n" CO "\nx\n", 0, false,
	  true },
	{ "INT64_MIN date",
	  "tree " T40 "\n"
	  "author A <a@x> -9223372036854775808 +0000\n" CO "\nx\n",
	  0, false, true },
	{ "19-digit date",
	  "tree " T40 "\n"
	  "author A <a@x> 9999999999999999999 +0000\n" CO "\nx\n",
	  0, false, false },
	{ "no date", "tree " T40 "\nauthor A <a@x>\n" CO "\nx\n", 0, false,
	  true },
	{ "no zone", "tree " T40 "\nauthor A <a@x> 1\n" CO "\nx\n", 0, false,
	  true },
	{ "tab before the date",
	  "tree " T40 "\nauthor A <a@x>\t1 +0000\n" CO "\nx\n", 0, false,
	  true },
	{ "bad zone", "tree " T40 "\nauthor A <a@x> 1 0200\n" CO "\nx\n", 0,
	  false, true },
	{ "no email", "tree " T40 "\nauthor A 1 +0000\n" CO "\nx\n", 0, false,
	  false },
	{ "upper-case id",
	  "tree " T40 "\nparent "
	  "ABCDEF0123456789ABCDEF0123456789ABCDEF01\n" AU CO "\nx\n",
	  0, false, true },
	{ "NUL in the message", "tree " T40 "\n" AU CO "\nnul\0byte\n",
	  sizeof("tree " T40 "\n" AU CO "\nnul\0byte\n") - 1, false, true },
	{ "NUL in a name",
	  "tree " T40 "\nauthor A\0B <a@x> 1 +0000\n" CO "\nx\n",
	  sizeof("tree " T40 "\nauthor A\0B <a@x> 1 +0000\n" CO "\nx\n") - 1,
	  false, true },
	{ "CRLF lines", "tree " T40 "\r\n" AU CO "\nx\n", 0, false, false },
	{ "empty", "", 0, false, false },
};

START_TEST(test_history_rawcommit)
{
	struct rawcommit_oracle o;
	size_t len = raw[_i].len ? raw[_i].len : strlen(raw[_i].data);
	bool parsed;
	bool ok;
	int r;

	rawcommit_oracle_init(&o);
	r = rawcommit_oracle_check(&o, raw[_i].data, len, &parsed, &ok);
	if (r < 0)
		ck_abort_msg("%s: %s", raw[_i].name, o.why);
	ck_assert_msg(parsed == raw[_i].parsed, "%s: read %d", raw[_i].name,
		      parsed);
	ck_assert_msg(ok == raw[_i].libgit2_ok, "%s: libgit2 %d", raw[_i].name,
		      ok);
	rawcommit_oracle_release(&o);
}
END_TEST

Suite *history_suite(void)
{
	Suite *s = suite_create("history");
	TCase *tc = tcase_create("repo");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_history_walk);
	tcase_add_test(tc, test_history_chain);
	tcase_add_test(tc, test_history_errors);
	tcase_add_test(tc, test_history_gitdir_mailmap);
	tcase_add_test(tc, test_history_store_roundtrip);
	suite_add_tcase(s, tc);
	tc = tcase_create("parse");
	tcase_add_loop_test(tc, test_history_semver, 0,
			    (int)(sizeof(semver) / sizeof(semver[0])));
	tcase_add_test(tc, test_history_bots);
	tcase_add_loop_test(tc, test_history_rawcommit, 0,
			    (int)(sizeof(raw) / sizeof(raw[0])));
	suite_add_tcase(s, tc);
	return s;
}
