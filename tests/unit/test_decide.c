/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * decide: the overall decision (policy/decide.h): the strictest input
 * wins, every source gives a reason, health gates fire only on measured
 * figures, waivers apply until their expiry day and are then ignored;
 * malformed gates and waivers files; CVSS v3 base scores against the
 * examples of the CVSS v3.1 specification.
 */
#include <math.h>
#include <string.h>

#include <check.h>

#include "core/buf.h"
#include "core/err.h"
#include "health/cvss.h"
#include "policy/decide.h"
#include "unit.h"

static struct policy_gates *shipped_gates(void)
{
	struct policy_gates *g = NULL;
	struct oh_err err = OH_ERR_INIT;

	ck_assert_msg(policy_gates_load(&g, NULL, &err) == 0, "%s", err.msg);
	oh_err_release(&err);
	return g;
}

static struct policy_result origin_of(enum policy_decision d, const char *rule)
{
	struct policy_result r;

	memset(&r, 0, sizeof(r));
	r.decision = d;
	r.profile = "default";
	snprintf(r.decided_by, sizeof(r.decided_by), "%s", rule);
	return r;
}

START_TEST(test_decide_strictest)
{
	struct policy_gates *g = shipped_gates();
	struct policy_result o = origin_of(POLICY_ACCEPT, "default");
	struct policy_license busl = { .state = POLICY_LICENSE_DENIED,
				       .expression = "BUSL-1.1",
				       .policy = "default" };
	struct policy_license mit = { .state = POLICY_LICENSE_ALLOWED,
				      .expression = "MIT" };
	struct policy_license unk = { .state = POLICY_LICENSE_UNKNOWN };
	struct policy_license curl = {
		.state = POLICY_LICENSE_REVIEW,
		.expression = "curl",
		.why = "curl (permissive) is not OSI-approved: to review",
		.policy = "default"
	};
	struct policy_metrics m;
	struct policy_overall out;

	memset(&m, 0, sizeof(m));
	policy_decide(&out, "x", &o, &mit, &m, g, NULL, 0);
	ck_assert_int_eq(out.decision, POLICY_ACCEPT);
	ck_assert_uint_eq(out.reason_nr, 3);
	ck_assert_str_eq(out.reason[2].code, "health/ok");
	policy_decide(&out, "x", &o, &busl, &m, g, NULL, 0);
	ck_assert_int_eq(out.decision, POLICY_AVOID);
	ck_assert_int_eq(out.origin, POLICY_ACCEPT);
	ck_assert_str_eq(out.reason[1].code, "license/denied");
	ck_assert_ptr_nonnull(strstr(out.reason[1].text, "BUSL-1.1"));
	policy_decide(&out, "x", &o, &unk, &m, g, NULL, 0);
	ck_assert_int_eq(out.decision, POLICY_EVALUATE);
	ck_assert_str_eq(out.reason[1].code, "license/unknown");
	/* A free license the policy leaves to review: EVALUATE, with the
	   question, never AVOID. */
	policy_decide(&out, "x", &o, &curl, &m, g, NULL, 0);
	ck_assert_int_eq(out.decision, POLICY_EVALUATE);
	ck_assert_str_eq(out.reason[1].code, "license/review");
	ck_assert_ptr_nonnull(strstr(out.reason[1].text, "curl"));
	ck_assert(out.reason[1].question[0] != '\0');
	/* Unmeasured figures never fire; measured ones do. */
	m.known[POLICY_METRIC_LOTTERY_FACTOR] = true;
	m.value[POLICY_METRIC_LOTTERY_FACTOR] = 2;
	policy_decide(&out, "x", &o, &mit, &m, g, NULL, 0);
	ck_assert_int_eq(out.decision, POLICY_ACCEPT);
	m.value[POLICY_METRIC_LOTTERY_FACTOR] = 1;
	m.known[POLICY_METRIC_ARCHIVED] = true;
	m.value[POLICY_METRIC_ARCHIVED] = 1;
	policy_decide(&out, "x", &o, &mit, &m, g, NULL, 0);
	ck_assert_int_eq(out.decision, POLICY_EVALUATE);
	ck_assert_uint_eq(out.reason_nr, 4);
	ck_assert_str_eq(out.reason[2].code, "health/lottery-factor");
	ck_assert_str_eq(out.reason[3].code, "health/archived");
	ck_assert(out.reason[3].question[0] != '\0');
	/* The origin policy's AVOID wins over the others. */
	o = origin_of(POLICY_AVOID, "security-critical-outside-allied");
	policy_decide(&out, "x", &o, &mit, &m, g, NULL, 0);
	ck_assert_int_eq(out.decision, POLICY_AVOID);
	ck_assert_str_eq(out.reason[0].code,
			 "origin/security-critical-outside-allied");
	policy_gates_free(g);
}
END_TEST

static const char waivers_doc[] =
	"{\"version\": 1, \"waivers\": ["
	" {\"component\": \"x\", \"code\": \"license/denied\","
	"  \"reason\": \"bought\", \"approved_by\": \"Legal\","
	"  \"expires\": \"2026-12-31\"}]}";

START_TEST(test_decide_waivers)
{
	struct policy_waivers *w = NULL;
	struct oh_err err = OH_ERR_INIT;
	struct policy_license busl = { .state = POLICY_LICENSE_DENIED,
				       .expression = "BUSL-1.1" };
	struct policy_result o = origin_of(POLICY_ACCEPT, "default");
	struct policy_overall out;
	struct oh_buf b = OH_BUF_INIT;
	/* 2026-12-31T23:59:59Z and one second later. */
	const int64_t last = 1798761599, after = 1798761600;

	ck_assert_int_eq(policy_waivers_parse(&w, waivers_doc,
					      strlen(waivers_doc), "w.json",
					      &err),
			 0);
	ck_assert_ptr_nonnull(strstr(w->text, "bought"));
	policy_decide(&out, "x", &o, &busl, NULL, NULL, w, last);
	ck_assert_int_eq(out.decision, POLICY_ACCEPT);
	ck_assert_int_eq(out.reason[1].waived, POLICY_WAIVER_ACTIVE);
	policy_decide_encode(&b, &out);
	ck_assert_ptr_nonnull(strstr(b.buf, "\"state\":\"active\""));
	policy_decide(&out, "x", &o, &busl, NULL, NULL, w, after);
	ck_assert_int_eq(out.decision, POLICY_AVOID);
	ck_assert_int_eq(out.reason[1].waived, POLICY_WAIVER_EXPIRED);
	/* Another component is not covered. */
	policy_decide(&out, "y", &o, &busl, NULL, NULL, w, last);
	ck_assert_int_eq(out.decision, POLICY_AVOID);
	ck_assert_ptr_null(out.reason[1].waiver);
	oh_buf_release(&b);
	policy_waivers_free(w);
	oh_err_release(&err);
}
END_TEST

static const struct {
	const char *doc;
	const char *msg; /* part of the error message */
} bad_waivers[] = {
	{ "[]", "must be an object" },
	{ "{\"waivers\": {}}", "'waivers' must be an array" },
	{ "{\"waivers\": [{\"component\": \"x\"}]}", "'code' is required" },
	{ "{\"waivers\": [{\"component\": \"x\", \"code\": \"c\", \"reason\": \"r\","
	  " \"approved_by\": \"a\", \"expires\": \"2026-13-01\"}]}",
	  "'expires' must be a date" },
	{ "{\"waivers\": [{\"component\": \"x\", \"code\": \"c\", \"reason\": \"r\","
	  " \"approved_by\": \"a\", \"expires\": \"soon\"}]}",
	  "'expires' must be a date" },
	{ "{\"waivers\": [{\"component\": \"x\", \"code\": \"c\", \"reason\": \"r\","
	  " \"approved_by\": \"\", \"expires\": \"2026-01-01\"}]}",
	  "'approved_by' must be a non-empty string" },
	{ "{\"waivers\": [], \"waiver\": 1}", "unknown key 'waiver'" },
	{ "{\"version\": 2, \"waivers\": []}", "'version' must be 1" },
};

START_TEST(test_decide_bad_waivers)
{
	struct policy_waivers *w = NULL;
	struct oh_err err = OH_ERR_INIT;
	const char *doc = bad_waivers[_i].doc;

	ck_assert_int_eq(
		policy_waivers_parse(&w, doc, strlen(doc), "w.json", &err),
		OH_EINPUT);
	ck_assert_ptr_null(w);
	ck_assert_msg(strstr(err.msg, bad_waivers[_i].msg), "%s", err.msg);
	oh_err_release(&err);
}
END_TEST

static const struct {
	const char *doc;
	const char *msg;
} bad_gates[] = {
	{ "{\"health\": [{\"id\": \"a\", \"metric\": \"nosuch\"}]}",
	  "unknown metric 'nosuch'" },
	{ "{\"health\": [{\"id\": \"a\", \"metric\": \"archived\","
	  " \"at_least\": 1, \"at_most\": 2}]}",
	  "exactly one of" },
	{ "{\"health\": [{\"id\": \"a\", \"metric\": \"lottery_factor\","
	  " \"at_most\": \"high\"}]}",
	  "must be a number" },
	{ "{\"health\": [{\"id\": \"a\", \"metric\": \"archived\","
	  " \"at_least\": true, \"reason\": \"r\", \"question\": \"q\","
	  " \"decision\": \"ACCEPT\"}]}",
	  "'decision' must be EVALUATE or AVOID" },
	{ "{\"health\": [], \"extra\": 1}", "unknown key 'extra'" },
};

START_TEST(test_decide_bad_gates)
{
	struct policy_gates *g = NULL;
	struct oh_err err = OH_ERR_INIT;
	const char *doc = bad_gates[_i].doc;

	ck_assert_int_eq(
		policy_gates_parse(&g, doc, strlen(doc), "g.json", &err),
		OH_EINPUT);
	ck_assert_ptr_null(g);
	ck_assert_msg(strstr(err.msg, bad_gates[_i].msg), "%s", err.msg);
	oh_err_release(&err);
}
END_TEST

/* CVSS v3.1 specification, section 8 (examples) and NVD calculator. */
static const struct {
	const char *vector;
	double score; /* < 0: not a v3 vector */
} cvss[] = {
	{ "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 9.8 },
	{ "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H", 10.0 },
	{ "CVSS:3.0/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N", 6.1 },
	{ "CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H", 7.8 },
	{ "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:N/A:N", 5.9 },
	{ "CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:L/I:L/A:N", 6.4 },
	{ "CVSS:3.1/AV:P/AC:H/PR:H/UI:R/S:U/C:N/I:N/A:N", 0.0 },
	{ "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H", -1 },
	{ "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N",
	  -1 },
	{ "AV:N/AC:L/Au:N/C:P/I:P/A:P", -1 },
};

START_TEST(test_decide_cvss)
{
	double v = -5;
	bool ok = health_cvss3_base(&v, cvss[_i].vector);

	if (cvss[_i].score < 0) {
		ck_assert(!ok);
		return;
	}
	ck_assert_msg(ok, "%s", cvss[_i].vector);
	ck_assert_msg(fabs(v - cvss[_i].score) < 1e-9, "%s: %.2f, want %.1f",
		      cvss[_i].vector, v, cvss[_i].score);
}
END_TEST

START_TEST(test_decide_severity)
{
	bool known;

	ck_assert(health_severity_is_critical("database", "critical", &known));
	ck_assert(known);
	ck_assert(!health_severity_is_critical("database", "HIGH", &known));
	ck_assert(known);
	ck_assert(health_severity_is_critical(
		"CVSS_V3", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
		&known));
	ck_assert(!health_severity_is_critical("CVSS_V4", "CVSS:4.0/AV:N",
					       &known));
	ck_assert(!known);
	ck_assert(!health_severity_is_critical(NULL, NULL, &known));
	ck_assert(!known);
}
END_TEST

Suite *decide_suite(void)
{
	Suite *s = suite_create("decide");
	TCase *tc = tcase_create("decide");

	tcase_add_test(tc, test_decide_strictest);
	tcase_add_test(tc, test_decide_waivers);
	tcase_add_loop_test(tc, test_decide_bad_waivers, 0,
			    sizeof(bad_waivers) / sizeof(bad_waivers[0]));
	tcase_add_loop_test(tc, test_decide_bad_gates, 0,
			    sizeof(bad_gates) / sizeof(bad_gates[0]));
	tcase_add_loop_test(tc, test_decide_cvss, 0,
			    sizeof(cvss) / sizeof(cvss[0]));
	tcase_add_test(tc, test_decide_severity);
	suite_add_tcase(s, tc);
	return s;
}
