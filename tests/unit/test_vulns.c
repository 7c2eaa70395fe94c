/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * vulns: SemVer precedence, the GIT range rules over a small graph given
 * as a table (a reference for the callback), version ranges, package
 * URLs, and the record reader's refusals.
 */
#include <stdbool.h>
#include <string.h>

#include <check.h>

#include "core/arena.h"
#include "core/err.h"
#include "vulns/vulns.h"
#include "unit.h"

/* ---- SemVer ------------------------------------------------------------- */

static const struct {
	const char *a;
	const char *b;
	int cmp; /* -1, 0, 1; 2: not SemVer */
} semver_cases[] = {
	/* the precedence example of semver.org 2.0.0, item 11 */
	{ "1.0.0-alpha", "1.0.0-alpha.1", -1 },
	{ "1.0.0-alpha.1", "1.0.0-alpha.beta", -1 },
	{ "1.0.0-alpha.beta", "1.0.0-beta", -1 },
	{ "1.0.0-beta", "1.0.0-beta.2", -1 },
	{ "1.0.0-beta.2", "1.0.0-beta.11", -1 },
	{ "1.0.0-beta.11", "1.0.0-rc.1", -1 },
	{ "1.0.0-rc.1", "1.0.0", -1 },
	{ "1.0.0", "2.0.0", -1 },
	{ "2.0.0", "2.1.0", -1 },
	{ "2.1.0", "2.1.1", -1 },
	{ "1.10.0", "1.9.0", 1 },
	{ "1.0.0+build.1", "1.0.0+build.2", 0 },
	{ "1.0.0", "1.0", 2 },
	{ "01.0.0", "1.0.0", 2 },
	{ "1.0.0-", "1.0.0", 2 },
	{ "1.0.0-a..b", "1.0.0", 2 },
	{ "v1.0.0", "1.0.0", 2 },
	{ "99999999999999999999.0.0", "1.0.0", 2 },
};

START_TEST(test_vulns_semver)
{
	int c = 9;
	bool ok = vulns_semver_cmp(&c, semver_cases[_i].a, semver_cases[_i].b,
				   false);

	if (semver_cases[_i].cmp == 2) {
		ck_assert_msg(!ok, "%s accepted", semver_cases[_i].a);
		return;
	}
	ck_assert_msg(ok, "%s vs %s refused", semver_cases[_i].a,
		      semver_cases[_i].b);
	ck_assert_int_eq(c, semver_cases[_i].cmp);
	ck_assert(vulns_semver_cmp(&c, semver_cases[_i].b, semver_cases[_i].a,
				   false));
	ck_assert_int_eq(c, -semver_cases[_i].cmp);
}
END_TEST

START_TEST(test_vulns_semver_go_v)
{
	int c = 9;

	ck_assert(vulns_semver_cmp(&c, "v1.2.3", "v1.10.0", true));
	ck_assert_int_eq(c, -1);
}
END_TEST

/* ---- GIT ranges over a table graph ------------------------------------- */

/*
 *   a - b - c - d        (main)
 *        \       \
 *         e - f   g      (e, f: a branch from b; g merges f into d)
 *            \___/
 * Commits are one letter; parent[x] lists x's parents; "z" is missing.
 */
static const char *const parent[] = {
	"a", "", "b", "a", "c", "b", "d", "c", "e", "b", "f", "e", "g", "df",
};

static const char *parents_of(char x)
{
	for (size_t i = 0; i < sizeof(parent) / sizeof(parent[0]); i += 2)
		if (parent[i][0] == x)
			return parent[i + 1];
	return NULL;
}

static bool anc(char a, char c)
{
	const char *p;

	if (a == c)
		return true;
	p = parents_of(c);
	for (; p && *p; p++)
		if (anc(a, *p))
			return true;
	return false;
}

static int reach(bool *out, const char *a, const char *c, void *payload,
		 struct oh_err *err)
{
	int *calls = payload;

	(*calls)++;
	if (!parents_of(a[0]) || !parents_of(c[0]))
		return oh_err_set(err, OH_ENOTFOUND, NULL, 0, 0, "missing");
	*out = anc(a[0], c[0]);
	return 0;
}

static const struct {
	const char *
		events; /* "i:b f:d" ... (i, f, l = last_affected, m = limit) */
	const char *verdicts; /* for a b c d e f g: a n u */
} git_cases[] = {
	{ "i:b f:d", "naanaan" }, /* g merges the branch: d is in g, fixed */
	{ "i:e f:g", "nnnnaan" },     { "i:0 f:c", "aannaan" },
	{ "i:b f:c f:f", "nannann" }, { "i:b l:c", "naanaan" },
	{ "i:c m:g", "nnaannn" },     { "i:b m:d", "naannnn" },
	{ "i:b f:z", "nuuuuuu" },     { "i:z f:c", "uuuuuuu" },
	{ "i:e", "nnnnaaa" },
};

START_TEST(test_vulns_git_table)
{
	static const char letters[] = "abcdefg";
	struct vulns_event ev[8];
	struct vulns_range r = { .type = VULNS_GIT, .event = ev };
	char val[8][2];
	const char *p = git_cases[_i].events;
	struct oh_err err = OH_ERR_INIT;
	int calls = 0;

	while (*p != '\0') {
		size_t k = r.event_nr++;

		ev[k].kind = p[0] == 'i'   ? VULNS_INTRODUCED
			     : p[0] == 'f' ? VULNS_FIXED
			     : p[0] == 'l' ? VULNS_LAST_AFFECTED
					   : VULNS_LIMIT;
		val[k][0] = p[2];
		val[k][1] = '\0';
		ev[k].value = val[k];
		p += p[3] == ' ' ? 4 : 3;
	}
	for (size_t i = 0; i < 7; i++) {
		char c[2] = { letters[i], '\0' };
		enum vulns_verdict v;
		char want = git_cases[_i].verdicts[i];

		ck_assert_int_eq(vulns_git_eval(&v, &r, c, reach, &calls, &err),
				 0);
		ck_assert_msg(v == (want == 'a'   ? VULNS_AFFECTED
				    : want == 'n' ? VULNS_NOT_AFFECTED
						  : VULNS_UNKNOWN),
			      "case %d at %s: got %s, want %c", _i, c,
			      vulns_verdict_name(v), want);
	}
	oh_err_release(&err);
}
END_TEST

/* ---- versions ----------------------------------------------------------- */

START_TEST(test_vulns_versions)
{
	struct vulns_event sem_ev[] = { { VULNS_INTRODUCED, "1.0.0" },
					{ VULNS_FIXED, "1.2.3" },
					{ VULNS_INTRODUCED, "2.0.0" },
					{ VULNS_LAST_AFFECTED, "2.1.0" } };
	struct vulns_range sem = { .type = VULNS_SEMVER,
				   .event = sem_ev,
				   .event_nr = 4 };
	const char *listed[] = { "0.1.0" };
	struct vulns_affected a = { .ecosystem = "PyPI",
				    .range = &sem,
				    .range_nr = 1,
				    .version = listed,
				    .version_nr = 1 };
	struct vulns_range eco = { .type = VULNS_ECOSYSTEM,
				   .event = sem_ev,
				   .event_nr = 2 };

	ck_assert_int_eq(vulns_version_eval(&a, "0.1.0"), VULNS_AFFECTED);
	ck_assert_int_eq(vulns_version_eval(&a, "0.9.0"), VULNS_NOT_AFFECTED);
	ck_assert_int_eq(vulns_version_eval(&a, "1.2.2"), VULNS_AFFECTED);
	ck_assert_int_eq(vulns_version_eval(&a, "1.2.3"), VULNS_NOT_AFFECTED);
	ck_assert_int_eq(vulns_version_eval(&a, "2.1.0"), VULNS_AFFECTED);
	ck_assert_int_eq(vulns_version_eval(&a, "2.1.1"), VULNS_NOT_AFFECTED);
	ck_assert_int_eq(vulns_version_eval(&a, "not.a.version"),
			 VULNS_UNKNOWN);
	/* an ECOSYSTEM range of PyPI: its order is not implemented */
	a.range = &eco;
	ck_assert_int_eq(vulns_version_eval(&a, "1.1.0"), VULNS_UNKNOWN);
	a.ecosystem = "crates.io";
	ck_assert_int_eq(vulns_version_eval(&a, "1.1.0"), VULNS_AFFECTED);
}
END_TEST

START_TEST(test_vulns_purl)
{
	struct oh_arena a = OH_ARENA_INIT;
	const char *eco;
	const char *name;
	const char *ver;

	ck_assert(vulns_purl_package(&eco, &name, &ver, &a,
				     "pkg:npm/%40scope/left-pad@1.2.3?x=y"));
	ck_assert_str_eq(eco, "npm");
	ck_assert_str_eq(name, "@scope/left-pad");
	ck_assert_str_eq(ver, "1.2.3");
	ck_assert(vulns_purl_package(&eco, &name, &ver, &a,
				     "pkg:maven/org.apache/commons-text@1.9"));
	ck_assert_str_eq(name, "org.apache:commons-text");
	ck_assert(vulns_purl_package(&eco, &name, &ver, &a,
				     "pkg:golang/github.com/x/y@v1.0.0"));
	ck_assert_str_eq(eco, "Go");
	ck_assert_str_eq(name, "github.com/x/y");
	ck_assert(!vulns_purl_package(&eco, &name, &ver, &a, "pkg:npm/%4"));
	ck_assert(!vulns_purl_package(&eco, &name, &ver, &a, "pkg:deb/x@1"));
	ck_assert(!vulns_purl_package(&eco, &name, &ver, &a, "npm/x@1"));
	oh_arena_release(&a);
}
END_TEST

/* ---- the reader --------------------------------------------------------- */

static const struct {
	const char *text;
	bool yaml;
	int code;
	const char *msg; /* start of the message; NULL when accepted */
} read_cases[] = {
	{ "{\"id\":\"A-1\",\"modified\":\"2025-01-01T00:00:00Z\"}", false, 0,
	  NULL },
	{ "id: A-1\nmodified: x\naffected:\n- ranges:\n  - type: GIT\n"
	  "    repo: r\n    events:\n    - introduced: 0\n",
	  true, 0, NULL },
	{ "[]", false, OH_EINPUT, "a record must be an object" },
	{ "{\"modified\":\"x\"}", false, OH_EINPUT, "'id' is missing" },
	{ "{\"id\":\"a b\",\"modified\":\"x\"}", false, OH_EINPUT,
	  "'id' must be of" },
	{ "{\"id\":\"A\",\"modified\":1}", false, OH_EINPUT,
	  "'modified' must be a string" },
	{ "{\"id\":\"A\",\"modified\":\"x\",\"aliases\":[1]}", false, OH_EINPUT,
	  "'aliases' must hold strings" },
	{ "{\"id\":\"A\",\"modified\":\"x\",\"affected\":[{\"ranges\":[{"
	  "\"type\":\"GIT\",\"events\":[{\"introduced\":\"0\"}]}]}]}",
	  false, OH_EINPUT, "affected[0].ranges[0]: 'repo' is missing" },
	{ "{\"id\":\"A\",\"modified\":\"x\",\"affected\":[{\"ranges\":[{"
	  "\"type\":\"SEMVER\",\"events\":[{\"fixed\":\"1.0.0\"}]}]}]}",
	  false, OH_EINPUT,
	  "affected[0].ranges[0]: 'events' must have an 'introduced' event" },
	{ "{\"id\":\"A\",\"modified\":\"x\",\"affected\":[{\"ranges\":[{"
	  "\"type\":\"SEMVER\",\"events\":[]}]}]}",
	  false, OH_EINPUT,
	  "affected[0].ranges[0]: 'events' must not be empty" },
	{ "id: A\nmodified: &m x\nsummary: *m\n", true, OH_EINPUT, NULL },
};

START_TEST(test_vulns_read)
{
	struct oh_arena a = OH_ARENA_INIT;
	struct oh_err err = OH_ERR_INIT;
	struct vulns_record rec;
	const char *t = read_cases[_i].text;
	int rc = vulns_record_parse(&rec, &a, t, strlen(t), read_cases[_i].yaml,
				    "rec", &err);

	ck_assert_int_eq(rc, read_cases[_i].code);
	if (rc == 0)
		ck_assert_str_eq(rec.id, "A-1");
	if (read_cases[_i].msg)
		ck_assert_msg(strncmp(err.msg, read_cases[_i].msg,
				      strlen(read_cases[_i].msg)) == 0,
			      "message '%s'", err.msg);
	if (rc < 0)
		ck_assert_ptr_null(rec.id);
	oh_err_release(&err);
	oh_arena_release(&a);
}
END_TEST

START_TEST(test_vulns_read_limit)
{
	struct oh_arena a = OH_ARENA_INIT;
	struct oh_err err = OH_ERR_INIT;
	struct vulns_record rec;

	ck_assert_int_eq(vulns_record_parse(&rec, &a, "{}", VULNS_MAX_BYTES + 1,
					    false, "big", &err),
			 OH_ELIMIT);
	oh_err_release(&err);
	oh_arena_release(&a);
}
END_TEST

Suite *vulns_suite(void)
{
	Suite *s = suite_create("vulns");
	TCase *tc = tcase_create("semver");

	tcase_add_loop_test(tc, test_vulns_semver, 0,
			    sizeof(semver_cases) / sizeof(semver_cases[0]));
	tcase_add_test(tc, test_vulns_semver_go_v);
	suite_add_tcase(s, tc);
	tc = tcase_create("git");
	tcase_add_loop_test(tc, test_vulns_git_table, 0,
			    sizeof(git_cases) / sizeof(git_cases[0]));
	suite_add_tcase(s, tc);
	tc = tcase_create("versions");
	tcase_add_test(tc, test_vulns_versions);
	tcase_add_test(tc, test_vulns_purl);
	suite_add_tcase(s, tc);
	tc = tcase_create("read");
	tcase_add_loop_test(tc, test_vulns_read, 0,
			    sizeof(read_cases) / sizeof(read_cases[0]));
	tcase_add_test(tc, test_vulns_read_limit);
	suite_add_tcase(s, tc);
	return s;
}
