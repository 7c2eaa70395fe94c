/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * policy: the shipped rules classify the seed's own examples
 * (seeds/003_0bd0964dfc69ce9b.txt) as the seed says, under the default
 * profile and jurisdiction profiles; the security-critical verdict, the
 * EVALUATE questions, origin evidence as findings; malformed rules.
 */
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "core/err.h"
#include "policy/policy.h"
#include "unit.h"

static struct policy_rules *shipped(void)
{
	struct policy_rules *r = NULL;
	struct oh_err err = OH_ERR_INIT;

	ck_assert_msg(policy_rules_load(&r, NULL, &err) == 0,
		      "rules/policy.json: %u:%u: %s", err.line, err.col,
		      err.msg);
	oh_err_release(&err);
	return r;
}

#define A POLICY_ACCEPT
#define E POLICY_EVALUATE
#define V POLICY_AVOID

static const char *const profiles[] = { "default", "uk", "eu", "ca",
					"au",      "jp", "kr" };
#define PROFILE_NR (sizeof(profiles) / sizeof(profiles[0]))

static const struct {
	struct policy_component f;
	enum policy_decision want[PROFILE_NR]; /* per profiles[] */
	const char *decided_by;                /* under "default" */
} seed_cases[] = {
	/* 003:33,85-87 "Foundational infrastructure (Linux kernel, K8s,
	 * etc.) ACCEPT ... Impractical to avoid." */
	{ { .name = "Linux kernel",
	    .url = "https://git.kernel.org/pub/scm/linux/kernel/git/torvalds/linux.git",
	    .origin = "FI",
	    .foundation = "Linux Foundation" },
	  { A, A, A, A, A, A, A },
	  "foundational-infrastructure:linux" },
	/* 003:34,85-87 Kubernetes is foundational (and CNCF-hosted). */
	{ { .name = "kubernetes",
	    .url = "https://github.com/kubernetes/kubernetes",
	    .origin = "US",
	    .foundation = "CNCF" },
	  { A, A, A, A, A, A, A },
	  "foundational-infrastructure:kubernetes" },
	/* 003:40,91-93 "Chinese-originated projects (openEuler, openGauss,
	 * etc.) EVALUATE Case-by-case assessment." */
	{ { .name = "openEuler",
	    .url = "https://gitee.com/openeuler/kernel",
	    .origin = "CN",
	    .organization = "Huawei",
	    .foundation = "OpenAtom Foundation",
	    .category = "operating system" },
	  { E, E, E, E, E, E, E },
	  "country-of-concern" },
	/* 003:41,91-93 */
	{ { .name = "openGauss",
	    .url = "https://gitee.com/opengauss/openGauss-server",
	    .origin = "CN",
	    .organization = "Huawei",
	    .category = "database" },
	  { E, E, E, E, E, E, E },
	  "country-of-concern" },
	/* 003:42,91-93 */
	{ { .name = "PolarDB",
	    .url = "https://github.com/ApsaraDB/PolarDB-for-PostgreSQL",
	    .origin = "CN",
	    .organization = "Alibaba",
	    .category = "database" },
	  { E, E, E, E, E, E, E },
	  "country-of-concern" },
	/* 003:43,91-93 */
	{ { .name = "TiDB",
	    .url = "https://github.com/pingcap/tidb",
	    .origin = "CN",
	    .organization = "PingCAP",
	    .category = "database" },
	  { E, E, E, E, E, E, E },
	  "country-of-concern" },
	/* 003:44,88-90 "Neutral foundation projects (Apache, CNCF hosted)
	 * ACCEPT ... Origin less relevant than quality." and 003:100
	 * "Contributions flow through neutral foundations". */
	{ { .name = "Apache ShardingSphere",
	    .url = "https://github.com/apache/shardingsphere",
	    .origin = "CN",
	    .foundation = "Apache Software Foundation",
	    .category = "database middleware" },
	  { A, A, A, A, A, A, A },
	  "neutral-foundation:apache" },
	/* 003:45,88-90; matched by URL alone (no foundation declared). */
	{ { .name = "Apache DolphinScheduler",
	    .url = "https://github.com/apache/dolphinscheduler",
	    .origin = "CN",
	    .category = "workflow orchestration" },
	  { A, A, A, A, A, A, A },
	  "neutral-foundation:apache" },
	/* 003:97-99 "Security-critical components (HSMs, crypto, auth
	 * systems) AVOID ... No Chinese-originated cryptographic
	 * implementations regardless of open source status." */
	{ { .name = "Tongsuo",
	    .url = "https://github.com/Tongsuo-Project/Tongsuo",
	    .origin = "CN",
	    .category = "cryptography" },
	  { V, V, V, V, V, V, V },
	  "security-critical-outside-allied" },
	/* 003:99 "regardless of open source status": even when hosted by a
	 * neutral foundation, by the declared flag alone. */
	{ { .name = "Apache Example",
	    .url = "https://github.com/apache/example",
	    .origin = "CN",
	    .foundation = "Apache Software Foundation",
	    .security_critical = POLICY_YES },
	  { V, V, V, V, V, V, V },
	  "security-critical-outside-allied" },
	/* 003:99 "Use only Western/allied-origin security components":
	 * the same kind of library from an allied country is not AVOID. */
	{ { .name = "examplecrypt",
	    .url = "https://example.org/examplecrypt.git",
	    .origin = "DE",
	    .category = "cryptography" },
	  { A, A, A, A, A, A, A },
	  "default" },
	/* A TLS library from Japan: outside the coalition's allied set,
	 * inside it for the Asia-Pacific partner profiles (003:5-9). */
	{ { .name = "exampletls",
	    .url = "https://example.jp/exampletls.git",
	    .origin = "JP",
	    .category = "TLS library" },
	  { V, V, V, V, V, A, A },
	  "security-critical-outside-allied" },
	/* 003:94-96 "Direct collaboration (joint development, direct
	 * partnership) AVOID". */
	{ { .name = "joint-platform",
	    .origin = "CN",
	    .arrangement = "joint development" },
	  { V, V, V, V, V, V, V },
	  "direct-collaboration:direct-collaboration" },
	/* 003:100 technical merit first: a non-security component from
	 * outside both sets is accepted. */
	{ { .name = "exampledb", .origin = "BR", .category = "database" },
	  { A, A, A, A, A, A, A },
	  "default" },
};

START_TEST(test_policy_seed_table)
{
	struct policy_rules *r = shipped();
	struct policy_result res;

	for (size_t p = 0; p < PROFILE_NR; p++) {
		const struct policy_profile *prof =
			policy_profile_find(r, profiles[p]);

		ck_assert_ptr_nonnull(prof);
		policy_classify(&res, r, prof, &seed_cases[_i].f, NULL);
		ck_assert_msg(res.decision == seed_cases[_i].want[p],
			      "%s under %s: %s (by %s), expected %s",
			      seed_cases[_i].f.name, profiles[p],
			      policy_decision_name(res.decision),
			      res.decided_by,
			      policy_decision_name(seed_cases[_i].want[p]));
		ck_assert_str_eq(res.profile, profiles[p]);
		if (p == 0)
			ck_assert_str_eq(res.decided_by,
					 seed_cases[_i].decided_by);
	}
	policy_rules_free(r);
}
END_TEST

START_TEST(test_policy_sc_verdict)
{
	struct policy_rules *r = shipped();
	const struct policy_profile *p = policy_profile_find(r, NULL);
	struct policy_component f = { .name = "keycloak", .origin = "CN" };
	struct policy_result res;

	/* Patterns when nothing is declared. */
	policy_classify(&res, r, p, &f, NULL);
	ck_assert(res.security_critical);
	ck_assert_ptr_nonnull(strstr(res.sc_why, "authentication"));
	ck_assert_int_eq(res.decision, POLICY_AVOID);
	/* The declared flag comes first, and the match is a finding. */
	f.security_critical = POLICY_NO;
	policy_classify(&res, r, p, &f, NULL);
	ck_assert(!res.security_critical);
	ck_assert_ptr_nonnull(strstr(res.sc_why, "declared"));
	ck_assert_int_eq(res.decision, POLICY_EVALUATE);
	ck_assert_uint_eq(res.finding_nr, 1);
	/* No origin: the profile's decision for unknown origin. */
	f.security_critical = POLICY_YES;
	f.origin = NULL;
	policy_classify(&res, r, p, &f, NULL);
	ck_assert_int_eq(res.decision, POLICY_EVALUATE);
	ck_assert_str_eq(res.decided_by, "security-critical-unknown-origin");
	policy_rules_free(r);
}
END_TEST

START_TEST(test_policy_questions)
{
	struct policy_rules *r = shipped();
	const struct policy_profile *p = policy_profile_find(r, "uk");
	struct policy_component f = { .name = "TiDB", .origin = "CN" };
	struct policy_health h = {
		.maturity_known = true,
		.maturity = 7.5,
		.elephant_known = true,
		.elephant_factor = 2,
		.authors_known = true,
		.authors_365 = 140,
		.alternatives_known = false,
		.osi_license = POLICY_YES,
	};
	struct policy_result res;

	policy_classify(&res, r, p, &f, &h);
	ck_assert_int_eq(res.decision, POLICY_EVALUATE);
	ck_assert_uint_eq(res.answer_nr, 5);
	ck_assert_str_eq(res.answer[0].id, "maturity");
	ck_assert_str_eq(res.answer[0].answer, "maturity score 7.5/10");
	ck_assert_str_eq(
		res.answer[1].answer,
		"elephant factor 2; 140 distinct authors in the last 365 days");
	ck_assert(!res.answer[2].known);
	ck_assert_str_eq(res.answer[2].answer, "unknown");
	ck_assert(res.answer[3].known);
	ck_assert(!res.answer[4].known);
	/* Without a health summary everything is unknown. */
	policy_classify(&res, r, p, &f, NULL);
	for (size_t i = 0; i < res.answer_nr; i++)
		ck_assert(!res.answer[i].known);
	/* ACCEPT carries no questions. */
	f.origin = "DE";
	policy_classify(&res, r, p, &f, &h);
	ck_assert_uint_eq(res.answer_nr, 0);
	policy_rules_free(r);
}
END_TEST

START_TEST(test_policy_evidence)
{
	struct policy_rules *r = shipped();
	const struct policy_profile *p = policy_profile_find(r, "eu");
	const struct policy_country_share orgs[] = { { "DE", 0.2 },
						     { "CN", 0.7 } };
	const struct policy_tz_share tz[] = { { 60, 0.1 }, { 480, 0.8 } };
	struct policy_component f = { .name = "exampledb",
				      .origin = "DE",
				      .category = "database",
				      .org_country = orgs,
				      .org_country_nr = 2,
				      .tz = tz,
				      .tz_nr = 2 };
	struct policy_result res;

	/* Contradicting evidence is a finding, never a decision. */
	policy_classify(&res, r, p, &f, NULL);
	ck_assert_int_eq(res.decision, POLICY_ACCEPT);
	ck_assert_uint_eq(res.finding_nr, 2);
	ck_assert_ptr_nonnull(strstr(res.finding[0], "70% of commits"));
	ck_assert_ptr_nonnull(strstr(res.finding[1], "UTC+08:00"));
	/* Evidence agreeing with the declared origin says nothing. */
	f.origin = "CN";
	policy_classify(&res, r, p, &f, NULL);
	ck_assert_int_eq(res.decision, POLICY_EVALUATE);
	ck_assert_uint_eq(res.finding_nr, 0);
	policy_rules_free(r);
}
END_TEST

static const char override_rules[] =
	"{\"version\": 1, \"default_profile\": \"x\",\n"
	" \"country_sets\": {\"A\": [\"DE\", \"FR\"], \"B\": [\"@A\", \"GB\"]},\n"
	" \"profiles\": {\"x\": {\"label\": \"X\", \"allied\": [\"@B\"],\n"
	"  \"concern\": [\"CN\"], \"default_decision\": \"EVALUATE\",\n"
	"  \"overrides\": [{\"id\": \"no-db\", \"decision\": \"AVOID\",\n"
	"   \"reason\": \"no databases from CN\",\n"
	"   \"match\": {\"category\": \"database\", \"origin\": \"^CN$\"}}]}}}\n";

START_TEST(test_policy_override)
{
	struct policy_rules *r = NULL;
	struct oh_err err = OH_ERR_INIT;
	const struct policy_profile *p;
	struct policy_component f = { .name = "a",
				      .origin = "CN",
				      .category = "Database" };
	struct policy_result res;

	ck_assert_msg(policy_rules_parse(&r, override_rules,
					 strlen(override_rules), "o.json",
					 &err) == 0,
		      "%s", err.msg);
	p = policy_profile_find(r, NULL);
	ck_assert_uint_eq(p->allied_nr, 3);
	ck_assert_str_eq(p->allied[0], "DE");
	policy_classify(&res, r, p, &f, NULL);
	ck_assert_int_eq(res.decision, POLICY_AVOID);
	ck_assert_str_eq(res.decided_by, "override:no-db");
	ck_assert(res.fired[0].decided);
	ck_assert_uint_eq(res.fired[0].fact_nr, 2);
	/* Both fields must match (AND); the rest falls through. */
	f.category = "queue";
	policy_classify(&res, r, p, &f, NULL);
	ck_assert_int_eq(res.decision, POLICY_EVALUATE);
	f.origin = "GB";
	policy_classify(&res, r, p, &f, NULL);
	ck_assert_str_eq(res.decided_by, "default");
	ck_assert_int_eq(res.decision, POLICY_EVALUATE);
	policy_rules_free(r);
	oh_err_release(&err);
}
END_TEST

START_TEST(test_policy_match_limit)
{
	static const char rules[] =
		"{\"version\": 1, \"default_profile\": \"x\", \"profiles\": "
		"{\"x\": {\"label\": \"X\", \"allied\": [], \"concern\": [],"
		" \"overrides\": [{\"id\": \"slow\", \"decision\": \"AVOID\","
		" \"match\": {\"name\": \"^(a|aa)+$\"}}]}}}";
	struct policy_rules *r = NULL;
	struct oh_err err = OH_ERR_INIT;
	struct policy_component f = {
		.name = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!"
	};
	struct policy_result res;

	ck_assert_int_eq(
		policy_rules_parse(&r, rules, strlen(rules), "l", &err), 0);
	/* Catastrophic backtracking stops at the match limit: no match,
	 * and a finding says so. */
	policy_classify(&res, r, policy_profile_find(r, NULL), &f, NULL);
	ck_assert_int_eq(res.decision, POLICY_ACCEPT);
	ck_assert_uint_eq(res.finding_nr, 1);
	ck_assert_ptr_nonnull(strstr(res.finding[0], "match limit"));
	policy_rules_free(r);
	oh_err_release(&err);
}
END_TEST

#define MINI_HEAD                                                             \
	"{\"version\": 1, \"default_profile\": \"x\", \"profiles\": {\"x\": " \
	"{\"label\": \"X\", \"allied\": [\"DE\"], \"concern\": [\"CN\"]"

static const struct {
	const char *json;
	enum oh_code code;
	unsigned line, col;
	const char *msg; /* substring */
} bad_cases[] = {
	{ "{\"version\": 1,\n \"x\": }", OH_EINPUT, 2, 7, "invalid JSON" },
	{ "[1]", OH_EINPUT, 1, 1, "must be a JSON object" },
	{ "{\"version\": 2}", OH_EINPUT, 1, 2, "unsupported version" },
	{ "{\"version\": 1, \"profiles\": {}, \"bogus\": 1}", OH_EINPUT, 1, 32,
	  "unknown key 'bogus'" },
	{ MINI_HEAD ", \"overrides\": [{\"id\": \"o\", \"decision\": "
		    "\"REJECT\", \"match\": {\"name\": \"a\"}}]}}}",
	  OH_EINPUT, 1, 136, "unknown decision 'REJECT'" },
	{ MINI_HEAD ", \"overrides\": [{\"id\": \"o\", \"decision\": "
		    "\"AVOID\", \"match\": {\"name\": \"a(\"}}]}}}",
	  OH_EINPUT, 1, 167, "bad pattern at offset 2" },
	{ MINI_HEAD ", \"overrides\": [{\"id\": \"o\", \"decision\": "
		    "\"AVOID\", \"match\": {\"name\": 3}}]}}}",
	  OH_EINPUT, 1, 167, "must be a string" },
	{ MINI_HEAD ", \"overrides\": [{\"id\": \"o\", \"decision\": "
		    "\"AVOID\", \"match\": {\"nmae\": \"x\"}}]}}}",
	  OH_EINPUT, 1, 167, "unknown key 'nmae'" },
	{ MINI_HEAD ", \"overrides\": [{\"id\": \"o\", "
		    "\"match\": {\"name\": \"x\"}}]}}}",
	  OH_EINPUT, 0, 0, "'decision' is required" },
	{ MINI_HEAD ", \"evidence_share\": \"half\"}}}", OH_EINPUT, 1, 110,
	  "must be a number" },
	{ "{\"version\": 1, \"default_profile\": \"x\", \"profiles\": {\"x\": "
	  "{\"label\": \"X\", \"allied\": [\"de\"], \"concern\": []}}}",
	  OH_EINPUT, 1, 84, "not an upper-case ISO 3166" },
	{ "{\"version\": 1, \"default_profile\": \"x\", \"profiles\": {\"x\": "
	  "{\"label\": \"X\", \"allied\": [\"CN\"], \"concern\": [\"CN\"]}}}",
	  OH_EINPUT, 1, 91, "CN is both allied and of concern" },
	{ "{\"version\": 1, \"default_profile\": \"x\", \"profiles\": {\"x\": "
	  "{\"label\": \"X\", \"allied\": [\"@EU\"], \"concern\": []}}}",
	  OH_EINPUT, 1, 84, "unknown country set '@EU'" },
	{ "{\"version\": 1, \"default_profile\": \"y\", \"profiles\": {\"x\": "
	  "{\"label\": \"X\", \"allied\": [], \"concern\": []}}}",
	  OH_EINPUT, 1, 16, "no profile named 'y'" },
	{ "{\"version\": 1, \"default_profile\": \"x\", \"profiles\": {\"x\": "
	  "{\"label\": \"X\", \"allied\": [], \"concern\": []}},\n"
	  " \"security_critical\": [{\"id\": \"c\", \"decision\": \"AVOID\","
	  " \"match\": {\"name\": \"c\"}}]}",
	  OH_EINPUT, 2, 36, "only allowed in profile overrides" },
	{ "{\"version\": 1, \"default_profile\": \"x\", \"profiles\": {\"x\": "
	  "{\"label\": \"X\", \"allied\": [], \"concern\": []}},\n"
	  " \"security_critical\": [{\"id\": \"c\", \"match\": {\"name\": "
	  "\"c\"}}, {\"id\": \"c\", \"match\": {\"name\": \"d\"}}]}",
	  OH_EINPUT, 2, 61, "duplicate id 'c'" },
};

START_TEST(test_policy_bad_rules)
{
	struct policy_rules *r = NULL;
	struct oh_err err = OH_ERR_INIT;
	const char *j = bad_cases[_i].json;
	int rc = policy_rules_parse(&r, j, strlen(j), "bad.json", &err);

	ck_assert_msg(rc == (int)bad_cases[_i].code, "case %d: rc %d (%s)", _i,
		      rc, err.msg);
	ck_assert_ptr_null(r);
	ck_assert_msg(strstr(err.msg, bad_cases[_i].msg) != NULL,
		      "case %d: message '%s'", _i, err.msg);
	if (bad_cases[_i].line != 0)
		ck_assert_msg(err.line == bad_cases[_i].line &&
				      err.col == bad_cases[_i].col,
			      "case %d: at %u:%u, expected %u:%u (%s)", _i,
			      err.line, err.col, bad_cases[_i].line,
			      bad_cases[_i].col, err.msg);
	oh_err_release(&err);
}
END_TEST

START_TEST(test_policy_limits)
{
	struct policy_rules *r = NULL;
	struct oh_err err = OH_ERR_INIT;
	size_t n = POLICY_MAX_BYTES + 1;
	char *big = calloc(1, n);

	ck_assert_ptr_nonnull(big);
	memset(big, ' ', n);
	ck_assert_int_eq(policy_rules_parse(&r, big, n, "big", &err),
			 OH_ELIMIT);
	free(big);
	oh_err_release(&err);
	ck_assert_int_eq(policy_rules_load(&r, "/nonexistent/p.json", &err) < 0,
			 1);
	oh_err_release(&err);
}
END_TEST

START_TEST(test_policy_shipped_profiles)
{
	struct policy_rules *r = shipped();
	const struct policy_profile *uk = policy_profile_find(r, "uk");
	const struct policy_profile *jp = policy_profile_find(r, "jp");

	ck_assert_uint_eq(policy_profile_count(r), 7);
	ck_assert_str_eq(policy_profile_find(r, NULL)->name, "default");
	ck_assert_uint_eq(uk->data_protection_nr, 2);
	ck_assert_str_eq(uk->data_protection[0], "UK GDPR");
	ck_assert_str_eq(uk->security[0], "NCSC CAF");
	ck_assert_uint_eq(uk->allied_nr, 27 + 3 + 2 + 4);
	ck_assert_uint_eq(jp->allied_nr, uk->allied_nr + 2);
	ck_assert_uint_eq(jp->data_protection_nr, 0);
	ck_assert_ptr_null(policy_profile_find(r, "us"));
	policy_rules_free(r);
}
END_TEST

Suite *policy_suite(void)
{
	Suite *s = suite_create("policy");
	TCase *tc = tcase_create("classify");
	TCase *tl = tcase_create("rules");

	tcase_add_loop_test(tc, test_policy_seed_table, 0,
			    sizeof(seed_cases) / sizeof(seed_cases[0]));
	tcase_add_test(tc, test_policy_sc_verdict);
	tcase_add_test(tc, test_policy_questions);
	tcase_add_test(tc, test_policy_evidence);
	tcase_add_test(tc, test_policy_override);
	tcase_add_test(tc, test_policy_match_limit);
	suite_add_tcase(s, tc);
	tcase_add_loop_test(tl, test_policy_bad_rules, 0,
			    sizeof(bad_cases) / sizeof(bad_cases[0]));
	tcase_add_test(tl, test_policy_limits);
	tcase_add_test(tl, test_policy_shipped_profiles);
	suite_add_tcase(s, tl);
	return s;
}
