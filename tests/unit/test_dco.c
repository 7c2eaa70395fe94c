/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * dco: the rules as a pure function over hand-built commit facts, one
 * case per rule; and the history statistics (shares, enforcement date).
 */
#include <string.h>

#include <check.h>

#include "dco/dco.h"
#include "git/history.h"
#include "unit.h"

struct sob {
	const char *name;
	const char *email;
};

static struct hist_commit *add(struct hist *h, const char *id, const char *name,
			       const char *email, unsigned parents,
			       const struct sob *sob, size_t nsob)
{
	struct hist_commit *c = hist_commit_add(h);

	strcpy(c->id, id);
	c->author_name = hist_intern(h, name);
	c->author_email = hist_intern(h, email);
	c->parents = parents;
	c->subject = "s";
	for (size_t i = 0; i < nsob; i++)
		hist_trailer_add(h, "Signed-off-by", "x", sob[i].name,
				 sob[i].email);
	return &h->commit[h->commit_nr - 1];
}

static const struct {
	const char *name;
	const char *email;
	unsigned parents;
	bool bot;
	bool outside;
	struct sob sob[2];
	size_t nsob;
	struct dco_rules rules;
	enum dco_verdict want;
} cases[] = {
	{ "A",
	  "a@x.org",
	  1,
	  false,
	  false,
	  { { "A", "a@x.org" } },
	  1,
	  { 0 },
	  DCO_PASS },
	{ "A",
	  "a@x.org",
	  1,
	  false,
	  false,
	  { { "a", "A@X.ORG" } },
	  1,
	  { 0 },
	  DCO_PASS },
	{ "A",
	  "a@x.org",
	  1,
	  false,
	  false,
	  { { 0 } },
	  0,
	  { 0 },
	  DCO_NO_SIGNOFF },
	{ "A",
	  "a@x.org",
	  1,
	  false,
	  true,
	  { { 0 } },
	  0,
	  { 0 },
	  DCO_NOT_TRAILER },
	{ "A",
	  "a@x.org",
	  1,
	  false,
	  false,
	  { { "B", "b@x.org" } },
	  1,
	  { 0 },
	  DCO_EMAIL_MISMATCH },
	{ "A",
	  "a@x.org",
	  1,
	  false,
	  false,
	  { { "B", "b@x.org" }, { "A", "a@x.org" } },
	  2,
	  { 0 },
	  DCO_PASS },
	{ "Ann Example",
	  "a@x.org",
	  1,
	  false,
	  false,
	  { { "A. Example", "a@x.org" } },
	  1,
	  { .require_name = true },
	  DCO_NAME_MISMATCH },
	{ "Ann Example",
	  "a@x.org",
	  1,
	  false,
	  false,
	  { { "A. Example", "a@x.org" } },
	  1,
	  { 0 },
	  DCO_PASS },
	{ "A",
	  "a@x.org",
	  2,
	  false,
	  false,
	  { { 0 } },
	  0,
	  { 0 },
	  DCO_SKIP_MERGE },
	{ "A",
	  "a@x.org",
	  2,
	  false,
	  false,
	  { { 0 } },
	  0,
	  { .include_merges = true },
	  DCO_NO_SIGNOFF },
	{ "bot[bot]",
	  "1+bot[bot]@users.noreply.github.com",
	  1,
	  true,
	  false,
	  { { 0 } },
	  0,
	  { 0 },
	  DCO_SKIP_BOT },
	{ "bot[bot]",
	  "b@x.org",
	  1,
	  true,
	  false,
	  { { 0 } },
	  0,
	  { .include_bots = true },
	  DCO_NO_SIGNOFF },
	{ "Octo",
	  "12345+octo@users.noreply.github.com",
	  1,
	  false,
	  false,
	  { { "Octo", "octo@x.org" } },
	  1,
	  { 0 },
	  DCO_FORGE_SQUASH },
	{ "A",
	  "a@x.org",
	  1,
	  false,
	  false,
	  { { "A", NULL } },
	  1,
	  { 0 },
	  DCO_EMAIL_MISMATCH },
};

START_TEST(test_dco_rules)
{
	struct hist h;
	struct dco_result *r = NULL;
	struct hist_commit *c;

	hist_init(&h);
	c = add(&h, "1111111111111111111111111111111111111111", cases[_i].name,
		cases[_i].email, cases[_i].parents, cases[_i].sob,
		cases[_i].nsob);
	c->is_bot = cases[_i].bot;
	c->signoff_outside = cases[_i].outside;
	dco_check(&r, &h, &cases[_i].rules);
	ck_assert_uint_eq(r->nr, 1);
	ck_assert_msg(r->item[0].verdict == cases[_i].want, "case %d: got %s",
		      _i, dco_verdict_code(r->item[0].verdict));
	ck_assert_uint_eq(r->failed, dco_verdict_failed(cases[_i].want));
	dco_result_free(r);
	hist_release(&h);
}
END_TEST

START_TEST(test_dco_remediation)
{
	struct hist h;
	struct dco_result *r = NULL;
	struct dco_rules rules = { 0 };
	const struct sob me = { "Dan", "dan@x.org" };

	hist_init(&h);
	add(&h, "abcdef0123456789abcdef0123456789abcdef01", "Dan", "dan@x.org",
	    1, NULL, 0);
	add(&h, "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", "Eve", "eve@x.org",
	    1, NULL, 0);
	hist_message_add(&h,
			 "Fix\n\nI, Dan <DAN@x.org>, hereby add my "
			 "Signed-off-by to this commit: abcdef0\n"
			 "I, Dan <dan@x.org>, hereby add my Signed-off-by to "
			 "this commit: bbbbbbbbbb\n\nSigned-off-by: Dan "
			 "<dan@x.org>\n",
			 "Dan", "dan@x.org");
	ck_assert_uint_eq(h.remedy_nr, 2);
	ck_assert_str_eq(h.remedy[0].name, "Dan");
	ck_assert_str_eq(h.remedy[0].sha, "abcdef0");
	dco_check(&r, &h, &rules);
	ck_assert_int_eq(r->item[0].verdict, DCO_REMEDIATED);
	ck_assert_uint_eq(r->item[0].remedied_by, 2);
	/* Dan cannot remediate Eve's commit. */
	ck_assert_int_eq(r->item[1].verdict, DCO_NO_SIGNOFF);
	ck_assert_int_eq(r->item[2].verdict, DCO_PASS);
	ck_assert_uint_eq(r->passed, 2);
	ck_assert_uint_eq(r->failed, 1);
	dco_result_free(r);
	(void)me;
	hist_release(&h);
}
END_TEST

START_TEST(test_dco_stats)
{
	struct hist h;
	struct dco_stats s;
	const struct sob a = { "A", "a@x.org" };
	const int64_t now = 2000000000;
	struct hist_commit *c;

	hist_init(&h);
	/* 10 old unsigned, then 200 signed with one unsigned among them. */
	for (int i = 0; i < 211; i++) {
		bool sign = i >= 10 && i != 100;

		c = add(&h, "1111111111111111111111111111111111111111", "A",
			"a@x.org", 1, sign ? &a : NULL, sign ? 1 : 0);
		c->author_time = now - (211 - i) * 86400;
	}
	c = add(&h, "2222222222222222222222222222222222222222", "A", "a@x.org",
		2, NULL, 0); /* a merge: not counted */
	c->author_time = now;
	dco_stats_compute(&s, &h, now);
	ck_assert_uint_eq(s.nonmerge_all, 211);
	ck_assert_uint_eq(s.signed_all, 200);
	ck_assert_uint_eq(s.nonmerge_365, 211);
	ck_assert_int_eq(s.enforced_since, now - 201 * 86400);
	ck_assert_uint_eq(s.enforced_commits, 201);
	ck_assert(s.share_all > 0.947 && s.share_all < 0.948);
	/* Nothing: zeros, never enforced. */
	hist_release(&h);
	hist_init(&h);
	dco_stats_compute(&s, &h, now);
	ck_assert_int_eq(s.enforced_since, 0);
	ck_assert(s.share_all == 0.0);
	hist_release(&h);
}
END_TEST

/*
 * Commits with the same author time (a rebase, a scripted import): the
 * enforcement date does not depend on their order in the history (walk
 * order on a first scan, id order on a re-scan).  At equal times an
 * unsigned commit counts as the later one.
 */
START_TEST(test_dco_stats_same_time)
{
	const struct sob a = { "A", "a@x.org" };
	const int64_t now = 2000000000;
	struct dco_stats s[2];

	for (int order = 0; order < 2; order++) {
		struct hist h;
		struct hist_commit *c;

		hist_init(&h);
		for (int i = 0; i < 2; i++) {
			bool sign = (i == 0) == (order == 0);

			c = add(&h, "1111111111111111111111111111111111111111",
				"A", "a@x.org", 1, sign ? &a : NULL,
				sign ? 1 : 0);
			c->author_time = now - 86400;
		}
		c = add(&h, "3333333333333333333333333333333333333333", "A",
			"a@x.org", 1, &a, 1);
		c->author_time = now - 2 * 86400;
		dco_stats_compute(&s[order], &h, now);
		hist_release(&h);
	}
	ck_assert_int_eq(s[0].enforced_since, s[1].enforced_since);
	ck_assert_uint_eq(s[0].enforced_commits, s[1].enforced_commits);
	ck_assert_int_eq(s[0].enforced_since, 0);
}
END_TEST

START_TEST(test_dco_noreply)
{
	ck_assert(dco_is_forge_noreply("12345+octo@users.noreply.github.com"));
	ck_assert(dco_is_forge_noreply("1+a@Users.NoReply.GitHub.com"));
	ck_assert(!dco_is_forge_noreply("octo@users.noreply.github.com"));
	ck_assert(!dco_is_forge_noreply("12345+@users.noreply.github.co"));
	ck_assert(!dco_is_forge_noreply("12a+x@users.noreply.github.com"));
	ck_assert(!dco_is_forge_noreply(NULL));
}
END_TEST

Suite *dco_suite(void)
{
	Suite *s = suite_create("dco");
	TCase *tc = tcase_create("rules");

	tcase_add_loop_test(tc, test_dco_rules, 0,
			    (int)(sizeof(cases) / sizeof(cases[0])));
	tcase_add_test(tc, test_dco_remediation);
	tcase_add_test(tc, test_dco_noreply);
	suite_add_tcase(s, tc);
	tc = tcase_create("stats");
	tcase_add_test(tc, test_dco_stats);
	tcase_add_test(tc, test_dco_stats_same_time);
	suite_add_tcase(s, tc);
	return s;
}
