/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * forge: locating the forge and project from URLs, the repository record
 * of each forge, counting items in the 90/365-day windows, the median,
 * and every parse error.
 */
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "core/err.h"
#include "net/forge.h"
#include "unit.h"

#define NOW 1793491200 /* 2026-11-01T00:00:00Z */

static const struct {
	const char *url;
	enum forge_kind given;
	enum forge_kind kind;
	const char *project;
	const char *api;
} locate_ok[] = {
	{ "https://github.com/acme/widget", FORGE_UNKNOWN, FORGE_GITHUB,
	  "acme/widget", "https://api.github.com" },
	{ "https://github.com/acme/widget.git/", FORGE_UNKNOWN, FORGE_GITHUB,
	  "acme/widget", "https://api.github.com" },
	{ "git@github.com:acme/widget.git", FORGE_UNKNOWN, FORGE_GITHUB,
	  "acme/widget", "https://api.github.com" },
	{ "https://gitlab.com/group/sub/proj", FORGE_UNKNOWN, FORGE_GITLAB,
	  "group/sub/proj", "https://gitlab.com/api/v4" },
	{ "https://gitlab.example.org:8443/a/b", FORGE_UNKNOWN, FORGE_GITLAB,
	  "a/b", "https://gitlab.example.org:8443/api/v4" },
	{ "https://codeberg.org/forgejo/forgejo", FORGE_UNKNOWN, FORGE_GITEA,
	  "forgejo/forgejo", "https://codeberg.org/api/v1" },
	{ "https://git.example.org/a/b", FORGE_GITEA, FORGE_GITEA, "a/b",
	  "https://git.example.org/api/v1" },
	/* Gitea under a sub-path; a git server's prefix before GitHub's
	 * owner/repo; GitLab keeps its subgroups */
	{ "https://git.example.org/gitea/a/b.git", FORGE_GITEA, FORGE_GITEA,
	  "a/b", "https://git.example.org/gitea/api/v1" },
	{ "http://127.0.0.1:8080/git/acme/widget.git", FORGE_GITHUB,
	  FORGE_GITHUB, "acme/widget", "https://api.github.com" },
	{ "https://gitlab.example.org/g/s/p", FORGE_UNKNOWN, FORGE_GITLAB,
	  "g/s/p", "https://gitlab.example.org/api/v4" },
};

START_TEST(test_forge_locate_ok)
{
	enum forge_kind k = locate_ok[_i].given;
	char *project = NULL;
	char *api = NULL;
	struct oh_err err = OH_ERR_INIT;

	ck_assert_int_eq(
		forge_locate(&k, &project, &api, locate_ok[_i].url, &err), 0);
	ck_assert_int_eq(k, locate_ok[_i].kind);
	ck_assert_str_eq(project, locate_ok[_i].project);
	ck_assert_str_eq(api, locate_ok[_i].api);
	free(project);
	free(api);
	oh_err_release(&err);
}
END_TEST

static const struct {
	const char *url;
	const char *msg;
} locate_bad[] = {
	{ "https://example.org/a/b",
	  "cannot tell the forge of host 'example.org'" },
	{ "https://github.com/", "no owner/repository path" },
	{ "https://github.com/a/../b", "no owner/repository path" },
	{ "https://u:p@github.com/a/b", "not a forge repository URL" },
	{ "/srv/git/x", "not a forge repository URL" },
};

START_TEST(test_forge_locate_bad)
{
	enum forge_kind k = FORGE_UNKNOWN;
	char *project = NULL;
	char *api = NULL;
	struct oh_err err = OH_ERR_INIT;

	ck_assert_int_eq(
		forge_locate(&k, &project, &api, locate_bad[_i].url, &err),
		OH_EINPUT);
	ck_assert_msg(strstr(err.msg, locate_bad[_i].msg), "%s", err.msg);
	ck_assert_ptr_null(project);
	ck_assert_ptr_null(api);
	oh_err_release(&err);
}
END_TEST

START_TEST(test_forge_repo)
{
	static const char gh[] = "{\"archived\":false,\"disabled\":true,"
				 "\"stargazers_count\":42,\"forks_count\":7,"
				 "\"open_issues_count\":3}";
	static const char gl[] = "{\"archived\":true,\"star_count\":5,"
				 "\"forks_count\":1,\"open_issues_count\":0}";
	static const char bad[] = "{\"stars_count\":\"9\",\"forks_count\":1,"
				  "\"open_issues_count\":0}";
	struct forge_facts f = { 0 };
	struct oh_err err = OH_ERR_INIT;

	ck_assert_int_eq(
		forge_parse_repo(&f, FORGE_GITHUB, gh, strlen(gh), "r", &err),
		0);
	ck_assert(f.archived); /* disabled counts as archived */
	ck_assert_int_eq(f.stars, 42);
	ck_assert_int_eq(f.forks, 7);
	ck_assert_int_eq(f.open_issues, 3);
	ck_assert_int_eq(
		forge_parse_repo(&f, FORGE_GITLAB, gl, strlen(gl), "r", &err),
		0);
	ck_assert(f.archived);
	ck_assert_int_eq(f.stars, 5);
	ck_assert_int_eq(
		forge_parse_repo(&f, FORGE_GITEA, bad, strlen(bad), "r", &err),
		OH_EINPUT);
	ck_assert_str_eq(err.msg, "\"stars_count\" is missing or not a count");
	oh_err_release(&err);
	ck_assert_int_eq(forge_parse_repo(&f, FORGE_GITEA, "[]", 2, "r", &err),
			 OH_EINPUT);
	ck_assert_str_eq(err.msg, "reply is not a JSON object");
	oh_err_release(&err);
}
END_TEST

START_TEST(test_forge_items)
{
	/* Issue closed after 2 days (10 days ago), an old open issue, a pull
	 * request (GitHub marks it in the issue list) closed 100 days ago,
	 * an issue with fractional seconds and an offset. */
	static const char page[] =
		"[{\"created_at\":\"2026-10-20T00:00:00Z\","
		"\"closed_at\":\"2026-10-22T00:00:00Z\"},"
		"{\"created_at\":\"2025-06-01T00:00:00Z\",\"closed_at\":null},"
		"{\"created_at\":\"2026-07-01T00:00:00Z\","
		"\"closed_at\":\"2026-07-23T00:00:00Z\",\"pull_request\":{}},"
		"{\"created_at\":\"2026-09-01T02:00:00.5+02:00\","
		"\"closed_at\":\"2026-09-07T00:00:00.999Z\"}]";
	struct forge_facts f = { 0 };
	struct forge_acc acc = { 0 };
	struct oh_err err = OH_ERR_INIT;
	size_t n = 0;

	ck_assert_int_eq(forge_parse_items(&f, &acc, &n, FORGE_GITHUB, false,
					   NOW, page, strlen(page), "p", &err),
			 0);
	ck_assert_uint_eq(n, 4);
	ck_assert_int_eq(f.issues.opened, 2);
	ck_assert_int_eq(f.issues.closed, 2);
	ck_assert_int_eq(f.issues90.opened, 2);
	ck_assert_int_eq(f.issues90.closed, 2);
	ck_assert_int_eq(f.changes.opened, 1);
	ck_assert_int_eq(f.changes.closed, 1);
	ck_assert_int_eq(f.changes90.opened, 0);
	ck_assert_int_eq(f.changes90.closed, 0);
	forge_acc_finish(&f, &acc);
	ck_assert_int_eq(f.close_sample, 2);
	/* (2 + 6) / 2 days */
	ck_assert(f.median_close_days > 3.99 && f.median_close_days < 4.01);
	oh_err_release(&err);
}
END_TEST

static const struct {
	const char *body;
	const char *msg;
} items_bad[] = {
	{ "{}", "reply is not a JSON array" },
	{ "[1", "invalid JSON" },
	{ "[1]", "an item is not an object" },
	{ "[{}]", "an item has no \"created_at\"" },
	{ "[{\"created_at\":\"yesterday\"}]", "\"created_at\" is not a time" },
	{ "[{\"created_at\":7}]", "\"created_at\" is not a time" },
	{ "[{\"created_at\":\"2026-01-01T00:00:00Z\",\"closed_at\":[]}]",
	  "\"closed_at\" is not a time" },
};

START_TEST(test_forge_items_bad)
{
	struct forge_facts f = { 0 };
	struct forge_acc acc = { 0 };
	struct oh_err err = OH_ERR_INIT;
	size_t n = 0;
	const char *b = items_bad[_i].body;

	ck_assert_int_eq(forge_parse_items(&f, &acc, &n, FORGE_GITLAB, false,
					   NOW, b, strlen(b), "p", &err),
			 OH_EINPUT);
	ck_assert_msg(strstr(err.msg, items_bad[_i].msg), "%s", err.msg);
	forge_acc_finish(&f, &acc);
	oh_err_release(&err);
}
END_TEST

START_TEST(test_forge_kind)
{
	enum forge_kind k;
	struct oh_err err = OH_ERR_INIT;

	ck_assert_int_eq(forge_kind_parse(&k, "forgejo", &err), 0);
	ck_assert_int_eq(k, FORGE_GITEA);
	ck_assert_str_eq(forge_kind_name(k), "gitea");
	ck_assert_int_eq(forge_kind_parse(&k, "svn", &err), OH_EINPUT);
	oh_err_release(&err);
}
END_TEST

static bool test_bot(const char *login, void *arg)
{
	(void)arg;
	return strncmp(login, "renovate", 8) == 0;
}

struct reply_case {
	enum forge_kind kind;
	enum forge_detail what;
	const char *body;
	int64_t first; /* expected earliest reply, 0 none */
	bool reviewed; /* expected */
};

static const struct reply_case reply_cases[] = {
	/* GitHub comments: the author, a [bot] and a rule bot do not count;
	 * the earliest of the others does, in any order. */
	{ FORGE_GITHUB, FORGE_D_COMMENTS,
	  "[{\"user\":{\"login\":\"amy\"},\"created_at\":\"2026-10-01T00:00:00Z\"},"
	  "{\"user\":{\"login\":\"x[bot]\"},\"created_at\":\"2026-10-01T01:00:00Z\"},"
	  "{\"user\":{\"login\":\"renovate-bot\"},\"created_at\":\"2026-10-01T02:00:00Z\"},"
	  "{\"user\":{\"login\":\"bo\"},\"created_at\":\"2026-10-03T00:00:00Z\"},"
	  "{\"user\":{\"login\":\"cy\"},\"created_at\":\"2026-10-02T00:00:00.5Z\"}]",
	  1790899200, false },
	/* no replies; a reply without a user */
	{ FORGE_GITHUB, FORGE_D_COMMENTS, "[]", 0, false },
	{ FORGE_GITEA, FORGE_D_COMMENTS,
	  "[{\"created_at\":\"2026-10-02T00:00:00Z\"}]", 0, false },
	/* reviews: pending and self reviews are none; COMMENTED is one */
	{ FORGE_GITHUB, FORGE_D_REVIEWS,
	  "[{\"user\":{\"login\":\"bo\"},\"state\":\"PENDING\"},"
	  "{\"user\":{\"login\":\"amy\"},\"state\":\"APPROVED\","
	  "\"submitted_at\":\"2026-10-01T00:00:00Z\"}]",
	  0, false },
	{ FORGE_GITHUB, FORGE_D_REVIEWS,
	  "[{\"user\":{\"login\":\"bo\"},\"state\":\"COMMENTED\","
	  "\"submitted_at\":\"2026-10-02T00:00:00Z\"}]",
	  1790899200, true },
	/* Gitea: a review request is not a review */
	{ FORGE_GITEA, FORGE_D_REVIEWS,
	  "[{\"user\":{\"login\":\"bo\"},\"state\":\"REQUEST_REVIEW\","
	  "\"submitted_at\":\"2026-10-02T00:00:00Z\"}]",
	  0, false },
	/* GitLab notes: system notes and the author's do not count */
	{ FORGE_GITLAB, FORGE_D_COMMENTS,
	  "[{\"author\":{\"username\":\"bo\"},\"system\":true,"
	  "\"created_at\":\"2026-10-01T00:00:00Z\"},"
	  "{\"author\":{\"username\":\"amy\"},\"system\":false,"
	  "\"created_at\":\"2026-10-01T01:00:00Z\"},"
	  "{\"author\":{\"username\":\"bo\"},\"system\":false,"
	  "\"created_at\":\"2026-10-02T00:00:00.123Z\"}]",
	  1790899200, false },
	/* GitLab approvals: by the author or a bot, then by someone else */
	{ FORGE_GITLAB, FORGE_D_APPROVALS,
	  "{\"approved_by\":[{\"user\":{\"username\":\"amy\"}},"
	  "{\"user\":{\"username\":\"renovate\"}}]}",
	  0, false },
	{ FORGE_GITLAB, FORGE_D_APPROVALS,
	  "{\"approved_by\":[{\"user\":{\"username\":\"bo\"}}]}", 0, true },
};

START_TEST(test_forge_replies)
{
	const struct reply_case *c = &reply_cases[_i];
	struct oh_err err = OH_ERR_INIT;
	int64_t first = 0;
	bool reviewed = false;

	ck_assert_int_eq(forge_parse_replies(&first, &reviewed, NULL, c->kind,
					     c->what, "amy", test_bot, NULL,
					     c->body, strlen(c->body), "r",
					     &err),
			 0);
	ck_assert_int_eq(first, c->first);
	ck_assert_int_eq(reviewed, c->reviewed);
	oh_err_release(&err);
}
END_TEST

static const struct {
	enum forge_detail what;
	const char *body;
	const char *msg;
} replies_bad[] = {
	{ FORGE_D_COMMENTS, "{}", "not a JSON array" },
	{ FORGE_D_COMMENTS, "[1]", "a reply is not an object" },
	{ FORGE_D_COMMENTS,
	  "[{\"author\":{\"username\":\"bo\"},\"created_at\":\"yesterday\"}]",
	  "\"created_at\" is not a time" },
	{ FORGE_D_APPROVALS, "{\"approved\":true}",
	  "\"approved_by\" is missing" },
	{ FORGE_D_REVIEWS, "[{\"user\":", "invalid JSON" },
};

START_TEST(test_forge_replies_bad)
{
	struct oh_err err = OH_ERR_INIT;
	int64_t first = 0;
	bool reviewed = false;

	ck_assert_int_eq(
		forge_parse_replies(&first, &reviewed, NULL, FORGE_GITLAB,
				    replies_bad[_i].what, "amy", NULL, NULL,
				    replies_bad[_i].body,
				    strlen(replies_bad[_i].body), "r", &err),
		OH_EINPUT);
	ck_assert_msg(strstr(err.msg, replies_bad[_i].msg), "%s", err.msg);
	oh_err_release(&err);
}
END_TEST

/* The lists keep what the samples need; the samples pick the most
 * recent, leave out bots and old items, and order merged changes by
 * their merge. */
START_TEST(test_forge_samples)
{
	static const char page[] =
		"[{\"number\":1,\"created_at\":\"2026-10-30T00:00:00Z\","
		"\"user\":{\"login\":\"amy\"}},"
		"{\"number\":2,\"created_at\":\"2026-10-31T00:00:00Z\","
		"\"user\":{\"login\":\"dependabot[bot]\"},"
		"\"pull_request\":{\"merged_at\":\"2026-10-31T01:00:00Z\"},"
		"\"closed_at\":\"2026-10-31T01:00:00Z\"},"
		"{\"number\":3,\"created_at\":\"2026-09-01T00:00:00Z\","
		"\"user\":{\"login\":\"bo\"},"
		"\"pull_request\":{\"merged_at\":\"2026-10-29T00:00:00Z\"},"
		"\"closed_at\":\"2026-10-29T00:00:00Z\"},"
		"{\"number\":4,\"created_at\":\"2026-10-01T00:00:00Z\","
		"\"user\":{\"login\":\"cy\"},"
		"\"pull_request\":{\"merged_at\":\"2026-10-30T00:00:00Z\"},"
		"\"closed_at\":\"2026-10-30T00:00:00Z\"},"
		"{\"number\":5,\"created_at\":\"2024-01-01T00:00:00Z\","
		"\"user\":{\"login\":\"amy\"},"
		"\"closed_at\":\"2026-10-01T00:00:00Z\"},"
		"{\"number\":6,\"created_at\":\"2026-10-15T00:00:00Z\","
		"\"user\":{\"login\":\"renovate[bot]\"}},"
		"{\"number\":7,\"created_at\":\"2026-10-20T00:00:00Z\","
		"\"user\":{\"login\":\"renovate\"}},"
		"{\"number\":8,\"created_at\":\"2026-10-21T00:00:00Z\"}]";
	struct forge_facts f = { 0 };
	struct forge_acc acc = { 0 };
	struct oh_err err = OH_ERR_INIT;
	const struct forge_item *s[4];
	size_t items, n;

	ck_assert_int_eq(forge_parse_items(&f, &acc, &items, FORGE_GITHUB,
					   false, NOW, page, strlen(page), "p",
					   &err),
			 0);
	ck_assert_uint_eq(acc.item_nr, 8);
	ck_assert_int_eq(acc.item[2].change, true);
	ck_assert_int_eq(acc.item[2].merged, 1793232000); /* 2026-10-29 */
	ck_assert_str_eq(acc.item[0].author, "amy");
	/* opened in 365 days, not by a bot, newest first; #8 has no
	 * author and #5 is older than a year */
	n = forge_sample(s, 4, &acc, false, NOW, test_bot, NULL);
	ck_assert_uint_eq(n, 3);
	ck_assert_int_eq(s[0]->number, 1);
	ck_assert_int_eq(s[1]->number, 4);
	ck_assert_int_eq(s[2]->number, 3);
	n = forge_sample(s, 1, &acc, false, NOW, test_bot, NULL);
	ck_assert_uint_eq(n, 1);
	ck_assert_int_eq(s[0]->number, 1);
	/* merged in 365 days, by merge time: #4 then #3 (#2 is a bot's) */
	n = forge_sample(s, 4, &acc, true, NOW, test_bot, NULL);
	ck_assert_uint_eq(n, 2);
	ck_assert_int_eq(s[0]->number, 4);
	ck_assert_int_eq(s[1]->number, 3);
	forge_acc_finish(&f, &acc);
	oh_err_release(&err);
}
END_TEST

/* Drafts, GitLab's upcoming releases and future dates are left out;
 * pre-releases counted apart; blank notes are no notes. */
START_TEST(test_forge_releases)
{
	static const char gh[] =
		"[{\"tag_name\":\"v3\",\"draft\":true,\"published_at\":null},"
		"{\"tag_name\":\"v9\",\"published_at\":\"2027-01-01T00:00:00Z\"},"
		"{\"tag_name\":\"v2\",\"published_at\":\"2026-10-22T00:00:00.5Z\","
		"\"body\":\"fixes\"},"
		"{\"tag_name\":\"v2-rc1\",\"prerelease\":true,"
		"\"published_at\":\"2026-10-12T00:00:00Z\"},"
		"{\"tag_name\":\"v1.1\",\"published_at\":\"2026-10-22T09:00:00Z\","
		"\"body\":\" \\n\"},"
		"{\"tag_name\":\"v1\",\"published_at\":\"2025-09-27T00:00:00Z\"}]";
	static const char gl[] =
		"[{\"tag_name\":\"v2\",\"upcoming_release\":true,"
		"\"released_at\":\"2026-10-01T00:00:00Z\"},"
		"{\"tag_name\":\"v1\",\"released_at\":\"2026-10-01T00:00:00Z\","
		"\"description\":\"notes\"}]";
	struct forge_releases rel = { 0 };
	struct oh_err err = OH_ERR_INIT;
	int64_t t[8];
	size_t tn = 0, items = 0;

	ck_assert_int_eq(forge_parse_releases(&rel, t, &tn, 8, &items,
					      FORGE_GITHUB, NOW, gh, strlen(gh),
					      "p", &err),
			 0);
	forge_releases_finish(&rel, t, tn);
	ck_assert_uint_eq(items, 6);
	ck_assert_int_eq(rel.state, FORGE_METRIC_OK);
	ck_assert_int_eq(rel.releases, 3);
	ck_assert_int_eq(rel.prereleases, 1);
	ck_assert_int_eq(rel.releases_365, 2);
	ck_assert_int_eq(rel.with_notes, 1);
	ck_assert_str_eq(rel.last_tag, "v1.1");
	/* two release days 390 days apart: v2 and v1.1 share a day */
	ck_assert(rel.median_interval_days > 389.9 &&
		  rel.median_interval_days < 390.1);

	memset(&rel, 0, sizeof(rel));
	tn = 0;
	ck_assert_int_eq(forge_parse_releases(&rel, t, &tn, 8, &items,
					      FORGE_GITLAB, NOW, gl, strlen(gl),
					      "p", &err),
			 0);
	forge_releases_finish(&rel, t, tn);
	ck_assert_int_eq(rel.releases, 1);
	ck_assert_int_eq(rel.with_notes, 1);
	ck_assert(rel.median_interval_days < 0);

	memset(&rel, 0, sizeof(rel));
	tn = 0;
	ck_assert_int_eq(forge_parse_releases(&rel, t, &tn, 8, &items,
					      FORGE_GITHUB, NOW, "[]", 2, "p",
					      &err),
			 0);
	forge_releases_finish(&rel, t, tn);
	ck_assert_int_eq(rel.state, FORGE_METRIC_NONE);

	ck_assert_int_eq(forge_parse_releases(&rel, t, &tn, 8, &items,
					      FORGE_GITHUB, NOW, "[{}]", 4, "p",
					      &err),
			 OH_EINPUT);
	ck_assert_msg(strstr(err.msg, "tag_name"), "%s", err.msg);
	oh_err_release(&err);
	ck_assert_int_eq(forge_parse_releases(&rel, t, &tn, 8, &items,
					      FORGE_GITHUB, NOW, "{\"a\":1}", 7,
					      "p", &err),
			 OH_EINPUT);
	oh_err_release(&err);
}
END_TEST

Suite *forge_suite(void)
{
	Suite *s = suite_create("forge");
	TCase *tc = tcase_create("parse");

	tcase_add_test(tc, test_forge_releases);
	tcase_add_loop_test(tc, test_forge_locate_ok, 0,
			    sizeof(locate_ok) / sizeof(locate_ok[0]));
	tcase_add_loop_test(tc, test_forge_locate_bad, 0,
			    sizeof(locate_bad) / sizeof(locate_bad[0]));
	tcase_add_test(tc, test_forge_repo);
	tcase_add_test(tc, test_forge_items);
	tcase_add_loop_test(tc, test_forge_items_bad, 0,
			    sizeof(items_bad) / sizeof(items_bad[0]));
	tcase_add_test(tc, test_forge_kind);
	tcase_add_loop_test(tc, test_forge_replies, 0,
			    sizeof(reply_cases) / sizeof(reply_cases[0]));
	tcase_add_loop_test(tc, test_forge_replies_bad, 0,
			    sizeof(replies_bad) / sizeof(replies_bad[0]));
	tcase_add_test(tc, test_forge_samples);
	suite_add_tcase(s, tc);
	return s;
}
