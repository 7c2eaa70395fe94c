/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * activity: CHAOSS metrics over hand-built facts with numbers worked out
 * by hand, and the organisation map (lookup, free-mail, errors).
 */
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "core/err.h"
#include "git/history.h"
#include "health/activity.h"
#include "unit.h"

#define DAY 86400
#define NOW ((int64_t)1800000000)

static const char orgs_json[] =
	"{\"domains\": {\"corp.com\": {\"org\": \"Corp\", \"country\": \"US\"},"
	" \"acme.example\": {\"org\": \"Acme\"}},"
	" \"freemail\": [\"gmail.com\", {\"domain\": \"mail.example\","
	" \"source\": \"https://mail.example/\"}]}";

static void commit(struct hist *h, const char *email, int64_t days_ago, int tz)
{
	struct hist_commit *c = hist_commit_add(h);

	c->author_name = hist_intern(h, email);
	c->author_email = hist_intern(h, email);
	c->author_time = NOW - days_ago * DAY;
	c->author_tz = tz;
	c->parents = 1;
}

START_TEST(test_activity_windows)
{
	struct act_orgs *o = NULL;
	struct oh_err err = OH_ERR_INIT;
	struct act_metrics m;
	struct hist h;

	ck_assert_int_eq(act_orgs_parse(&o, orgs_json, "t", &err), 0);
	hist_init(&h);
	/* last 90 days: a@corp 3, B@Corp (same org) 1, x@gmail 2 */
	for (int i = 0; i < 3; i++)
		commit(&h, "a@corp.com", 10 + i, 60);
	commit(&h, "B@Corp.com", 5, 60);
	commit(&h, "x@gmail.com", 20, -300);
	commit(&h, "X@gmail.com", 21, -300);
	/* 90..365: y@gmail 4, p@acme 1 */
	for (int i = 0; i < 4; i++)
		commit(&h, "y@gmail.com", 100 + i, 330);
	commit(&h, "p@acme.example", 200, 330);
	/* previous year: old@eu.corp.com 5 (subdomain of corp.com), b 1 */
	for (int i = 0; i < 5; i++)
		commit(&h, "old@eu.corp.com", 400 + i, 0);
	commit(&h, "b@corp.com", 500, 60);
	/* in the future: ignored */
	commit(&h, "a@corp.com", -3, 60);
	act_compute(&m, &h, o, NOW);

	ck_assert_uint_eq(m.w[ACT_W90].commits, 6);
	ck_assert_uint_eq(m.w[ACT_W90].authors, 3);
	ck_assert_uint_eq(m.w[ACT_W90].prev_commits, 4);
	ck_assert_uint_eq(m.w[ACT_W90].absence_factor, 1);  /* 3 of 6 */
	ck_assert_uint_eq(m.w[ACT_W90].elephant_factor, 1); /* Corp 4 */
	ck_assert_uint_eq(m.w[ACT_W90].organisations, 2);
	ck_assert_uint_eq(m.w[ACT_W90].new_authors, 2); /* a, x; b older */
	ck_assert(m.w[ACT_W90].trend > 0.49 && m.w[ACT_W90].trend < 0.51);

	ck_assert_uint_eq(m.w[ACT_W365].commits, 11);
	ck_assert_uint_eq(m.w[ACT_W365].prev_commits, 6);
	ck_assert_uint_eq(m.w[ACT_W365].authors, 5);
	/* y 4, a 3: 7 >= 5.5 -> 2 */
	ck_assert_uint_eq(m.w[ACT_W365].absence_factor, 2);
	/* Corp 4, y 4, x 2, Acme 1: 4 + 4 = 8 >= 5.5 -> 2 */
	ck_assert_uint_eq(m.w[ACT_W365].elephant_factor, 2);
	ck_assert_uint_eq(m.w[ACT_W365].new_authors, 4);

	ck_assert_uint_eq(m.w[ACT_WALL].commits, 17);
	ck_assert_uint_eq(m.w[ACT_WALL].authors, 6);
	ck_assert_uint_eq(m.w[ACT_WALL].prev_commits, 0);
	/* Corp (a, b, old) 10 of 17 -> 1 */
	ck_assert_uint_eq(m.w[ACT_WALL].elephant_factor, 1);
	ck_assert_uint_eq(m.inactive_authors, 1); /* old */
	ck_assert_int_eq(m.days_since_commit, 5);
	ck_assert_uint_eq(m.tz[(60 + 720) / 15], 5);
	ck_assert_uint_eq(m.tz[720 / 15], 5);
	ck_assert_uint_eq(m.tz[(-300 + 720) / 15], 2);
	ck_assert_uint_eq(m.tz[(330 + 720) / 15], 5);
	ck_assert_int_eq(act_tz_minutes((330 + 720) / 15), 330);
	ck_assert_int_eq(m.days_since_release, -1);
	act_orgs_free(o);
	hist_release(&h);
}
END_TEST

START_TEST(test_activity_releases)
{
	struct act_metrics m;
	struct hist h;
	const char *names[] = { "v1.0.0",  "1.1.0",  "v2.0.0-rc1",
				"nightly", "v2.0.0", "v3.0.0" };
	const int64_t ago[] = { 300, 200, 150, 10, 100, -5 };

	hist_init(&h);
	for (size_t i = 0; i < 6; i++) {
		struct hist_tag *t;

		h.tag = realloc(h.tag, (h.tag_nr + 1) * sizeof(*h.tag));
		t = &h.tag[h.tag_nr++];
		memset(t, 0, sizeof(*t));
		t->name = names[i];
		t->time = NOW - ago[i] * DAY;
		hist_semver_parse(t, t->name);
	}
	h.tag_alloc = h.tag_nr;
	act_compute(&m, &h, NULL, NOW);
	ck_assert_uint_eq(m.releases, 3);
	ck_assert(m.release_interval_days == 100.0);
	ck_assert_int_eq(m.days_since_release, 100);
	ck_assert_int_eq(m.days_since_commit, -1);
	ck_assert_uint_eq(m.w[ACT_WALL].absence_factor, 0);
	hist_release(&h);
}
END_TEST

START_TEST(test_activity_people)
{
	struct act_orgs *o = NULL;
	struct oh_err err = OH_ERR_INIT;
	struct act_metrics m;
	struct hist h;
	struct hist_commit *c;
	char line[256];

	ck_assert_int_eq(act_orgs_parse(&o, orgs_json, "t", &err), 0);
	hist_init(&h);
	/* a gated project: Zuul merges everything, a bot bumps deps */
	for (int i = 0; i < 6; i++) {
		c = hist_commit_add(&h);
		c->author_name = hist_intern(&h, "Zuul");
		c->author_email = hist_intern(&h, "zuul@review.opendev.org");
		c->author_time = NOW - (10 + i) * DAY;
		c->parents = 2;
	}
	for (int i = 0; i < 3; i++) {
		c = hist_commit_add(&h);
		c->author_name = hist_intern(&h, "dependabot[bot]");
		c->author_email = hist_intern(&h, "dep@bot.example");
		c->author_time = NOW - (20 + i) * DAY;
		c->parents = 1;
		c->is_bot = true;
	}
	commit(&h, "a@corp.com", 30, 0);
	commit(&h, "a@corp.com", 31, 0);
	commit(&h, "x@gmail.com", 32, 0);
	commit(&h, "u@unknown.example", 33, 0);
	act_compute(&m, &h, o, NOW);
	ck_assert_uint_eq(m.w[ACT_W365].commits, 13);
	ck_assert_uint_eq(m.w[ACT_W365].merges, 6);
	ck_assert_uint_eq(m.w[ACT_W365].bot_commits, 3);
	ck_assert_uint_eq(m.w[ACT_W365].contributions, 4);
	ck_assert_uint_eq(m.w[ACT_W365].authors, 3);
	ck_assert_uint_eq(m.w[ACT_W365].absence_factor, 1); /* a: 2 of 4 */
	ck_assert_uint_eq(m.w[ACT_W365].attributed, 3);     /* not u@ */
	ck_assert(m.w[ACT_W365].elephant_known);
	ck_assert_uint_eq(m.w[ACT_W365].excluded_nr, 2);
	ck_assert_str_eq(m.w[ACT_W365].excluded[0].ident,
			 "Zuul <zuul@review.opendev.org>");
	ck_assert(!m.w[ACT_W365].excluded[0].bot);
	ck_assert(m.w[ACT_W365].excluded[1].bot);
	act_excluded_format(line, sizeof(line), &m.w[ACT_W365]);
	ck_assert_str_eq(line,
			 "Zuul <zuul@review.opendev.org>: 6 merges; "
			 "dependabot[bot] <dep@bot.example>: 3 commits (bot)");
	/* two unknown domains of three: the elephant factor is unknown */
	commit(&h, "v@unknown2.example", 34, 0);
	commit(&h, "w@unknown3.example", 35, 0);
	act_compute(&m, &h, o, NOW);
	ck_assert_uint_eq(m.w[ACT_W365].attributed, 3);
	ck_assert_uint_eq(m.w[ACT_W365].contributions, 6);
	ck_assert(m.w[ACT_W365].elephant_known); /* exactly half */
	commit(&h, "z@unknown4.example", 36, 0);
	act_compute(&m, &h, o, NOW);
	ck_assert(!m.w[ACT_W365].elephant_known);
	act_orgs_free(o);
	hist_release(&h);
}
END_TEST

START_TEST(test_activity_orgs)
{
	const char *org = NULL;
	struct act_orgs *o = NULL;
	struct oh_err err = OH_ERR_INIT;

	ck_assert_int_eq(act_orgs_parse(&o, orgs_json, "t", &err), 0);
	ck_assert_str_eq(act_org_of(o, "a@corp.com"), "Corp");
	ck_assert_str_eq(act_org_of(o, "a@dev.eu.CORP.com"), "Corp");
	ck_assert_ptr_null(act_org_of(o, "a@gmail.com"));
	ck_assert_int_eq(act_affiliation_of(o, "a@mail.example", &org),
			 ACT_AFF_INDIVIDUAL);
	ck_assert_int_eq(act_affiliation_of(o, "a@x.corp.com", &org),
			 ACT_AFF_ORG);
	ck_assert_str_eq(org, "Corp");
	ck_assert_int_eq(act_affiliation_of(o, "a@unknown.org", &org),
			 ACT_AFF_UNKNOWN);
	ck_assert_ptr_null(act_org_of(o, "a@unknown.org"));
	ck_assert_ptr_null(act_org_of(o, "no-at-sign"));
	ck_assert_ptr_null(act_org_of(o, "a@com"));
	act_orgs_free(o);

	ck_assert_int_eq(act_orgs_parse(&o, "[]", "bad.json", &err), OH_EINPUT);
	ck_assert_ptr_null(o);
	oh_err_release(&err);
	ck_assert_int_eq(act_orgs_parse(&o,
					"{\"domains\": {\"a.com\": 1},"
					" \"freemail\": []}",
					"bad.json", &err),
			 OH_EINPUT);
	ck_assert(strstr(err.msg, "domains.a.com") != NULL);
	oh_err_release(&err);
	ck_assert_int_eq(act_orgs_load(&o, "/nonexistent/orgs.json", &err),
			 OH_ENOTFOUND);
	oh_err_release(&err);
}
END_TEST

Suite *activity_suite(void)
{
	Suite *s = suite_create("activity");
	TCase *tc = tcase_create("metrics");

	tcase_add_test(tc, test_activity_windows);
	tcase_add_test(tc, test_activity_releases);
	tcase_add_test(tc, test_activity_orgs);
	tcase_add_test(tc, test_activity_people);
	suite_add_tcase(s, tc);
	return s;
}
