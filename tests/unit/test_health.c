/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * health: checks fed with facts directly; unknown is never a zero;
 * weights and category means; the workflow scanner.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "core/err.h"
#include "git/tree.h"
#include "health/health.h"
#include "unit.h"

#define NOW 1793491200 /* 2026-11-01 */
#define DAY 86400

static void add_file(struct tree_files *t, const char *path, bool binary,
		     unsigned mode)
{
	struct tree_file *f;

	t->file = realloc(t->file, (t->file_nr + 1) * sizeof(*t->file));
	f = &t->file[t->file_nr++];
	memset(f, 0, sizeof(*f));
	f->path = oh_arena_strdup(&t->arena, path);
	f->binary = binary;
	f->mode = mode;
	f->size = 100;
}

/* A tree in sorted order, as tree_collect() leaves it. */
static void mature_tree(struct tree_files *t)
{
	static const char *const paths[] = {
		".github/dependabot.yml",
		".github/workflows/ci.yml",
		"CHANGELOG.md",
		"CODE_OF_CONDUCT.md",
		"CONTRIBUTING.md",
		"GOVERNANCE.md",
		"LICENSE",
		"MAINTAINERS",
		"Makefile",
		"README.md",
		"SECURITY.md",
		"docs/adr/0001-record.md",
		"docs/guide.md",
		"src/main.c",
		"tests/test_main.c",
	};

	for (size_t i = 0; i < sizeof(paths) / sizeof(paths[0]); i++)
		add_file(t, paths[i], false, 0100644);
}

static void healthy_history(struct health_history *h)
{
	memset(h, 0, sizeof(*h));
	h->known = true;
	h->first_commit = NOW - 4 * 365 * DAY;
	h->last_commit = NOW - 3 * DAY;
	h->commits_all = 400;
	h->commits_90 = 30;
	h->commits_365 = 120;
	h->commits_prev_365 = 100;
	h->authors_365 = 12;
	h->authors_all = 30;
	h->new_authors_365 = 4;
	h->absence_factor_365 = 3;
	h->elephant_factor_365 = 2;
	h->elephant_known_365 = true;
	h->attributed_365 = 0.8;
	h->contributions_365 = 110;
	h->merges_365 = 10;
	h->reviewed_365 = 100;
	h->dco_share_365 = 1;
	h->dco_share_all = 0.9;
	h->releases_all = 8;
	h->releases_365 = 2;
	h->tags_all = 8;
	h->tags_signed = 4;
	h->last_release = NOW - 40 * DAY;
	h->release_interval_days = 120;
	snprintf(h->last_release_name, sizeof(h->last_release_name), "v1.8.0");
}

START_TEST(test_health_all_unknown)
{
	struct health_input in = { .now = NOW };
	struct health_result r;

	health_evaluate(&r, &in, NULL);
	ck_assert_uint_gt(r.check_nr, 30);
	for (size_t i = 0; i < r.check_nr; i++) {
		/* Without facts, nothing is scored, and nothing is zero. */
		ck_assert_msg(r.check[i].state != HEALTH_SCORED,
			      "%s scored without facts", r.check[i].name);
		ck_assert_str_ne(r.check[i].reason, "");
	}
	for (int k = 0; k < HEALTH_CATEGORY_NR; k++)
		ck_assert_int_eq(r.category[k].state, HEALTH_UNKNOWN);
	ck_assert_int_eq(r.risk, HEALTH_RISK_UNKNOWN);
	health_result_release(&r);
}
END_TEST

START_TEST(test_health_extreme_dates)
{
	static const int64_t firsts[] = { INT64_MIN, -1, INT64_MAX };
	struct health_input in = { .now = NOW };
	struct health_result r;
	const struct health_check *c;

	for (size_t i = 0; i < sizeof(firsts) / sizeof(*firsts); i++) {
		healthy_history(&in.history);
		in.history.first_commit = firsts[i];
		in.history.last_commit = firsts[i];
		health_evaluate(&r, &in, NULL);
		c = health_result_find(&r, "age");
		ck_assert_int_eq(c->state, HEALTH_UNKNOWN);
		ck_assert_ptr_nonnull(strstr(c->reason, "implausible"));
		health_result_release(&r);
	}
}
END_TEST

START_TEST(test_health_no_license)
{
	struct tree_files t = TREE_FILES_INIT;
	struct health_input in = { .now = NOW, .files = &t };
	struct health_result r;
	const struct health_check *c;

	add_file(&t, "README", false, 0100644);
	in.license.known = true;
	health_evaluate(&r, &in, NULL);
	c = health_result_find(&r, "open-source");
	ck_assert_int_eq(c->state, HEALTH_SCORED);
	ck_assert(c->score == 0);
	ck_assert_str_eq(c->reason, "no license found");
	health_result_release(&r);
	tree_files_release(&t);
}
END_TEST

/* curl: permissive, not on the OSI list -- not scored as no license */
START_TEST(test_health_permissive_not_osi)
{
	struct health_input in = { .now = NOW };
	struct health_result r;
	const struct health_check *c;

	in.license.known = true;
	in.license.detected = "curl";
	in.license.osi_class = "permissive-not-osi";
	health_evaluate(&r, &in, NULL);
	c = health_result_find(&r, "open-source");
	ck_assert(c->score == 6);
	ck_assert_str_eq(c->reason,
			 "license 'curl' is permissive but not OSI-approved");
	health_result_release(&r);
}
END_TEST

START_TEST(test_health_non_osi)
{
	struct health_input in = { .now = NOW };
	struct health_result r;
	const struct health_check *c;

	in.license.known = true;
	in.license.detected = "BUSL-1.1";
	in.license.file = "LICENSE";
	health_evaluate(&r, &in, NULL);
	c = health_result_find(&r, "open-source");
	ck_assert(c->score == 0);
	ck_assert_str_eq(c->reason, "license 'BUSL-1.1' is not OSI-approved");
	ck_assert_str_eq(c->evidence[0], "license file: LICENSE");
	health_result_release(&r);
}
END_TEST

/* Shapes seen on real upstreams: tmux keeps its tests in regress/,
 * redis and libgit2 vendor libraries (with their own fuzzers and tests)
 * under deps/; a vendored library's fuzzer or tests are not the
 * project's. */
START_TEST(test_health_real_tree_shapes)
{
	struct tree_files t = TREE_FILES_INIT;
	struct health_input in = { .now = NOW, .files = &t };
	struct health_result r;
	const struct health_check *c;

	add_file(&t, "README", false, 0100644);
	add_file(&t, "deps/hiredis/fuzzing/format_command_fuzzer.c", false,
		 0100644);
	add_file(&t, "deps/hiredis/test.c", false, 0100644);
	add_file(&t, "deps/lua/test/bisect.lua", false, 0100644);
	add_file(&t, "docs/.gitignore", false, 0100644);
	add_file(&t, "docs/guide.md", false, 0100644);
	add_file(&t, "regress/.gitignore", false, 0100644);
	add_file(&t, "regress/alerts.sh", false, 0100644);
	add_file(&t, "server.c", false, 0100644);
	add_file(&t, "third_party/x/x_fuzzer.c", false, 0100644);
	add_file(&t, "vendor/y/tests/y_test.go", false, 0100644);
	health_evaluate(&r, &in, NULL);

	c = health_result_find(&r, "tests");
	ck_assert_int_eq(c->state, HEALTH_SCORED);
	ck_assert_str_eq(c->evidence[0], "test file: regress/alerts.sh");
	/* vendored files count neither as tests nor as the project's */
	ck_assert_str_eq(c->evidence[1], "2 of 6 text files are tests");

	c = health_result_find(&r, "fuzzing");
	ck_assert(c->score == 0);
	ck_assert_str_eq(c->reason, "no fuzzing setup found");

	c = health_result_find(&r, "documentation");
	ck_assert_str_eq(c->evidence[1], "documentation folder: docs/");
	health_result_release(&r);

	/* libgit2: its own fuzzers/ beside a vendored pcre2 fuzzer */
	add_file(&t, "fuzzers/config_file_fuzzer.c", false, 0100644);
	health_evaluate(&r, &in, NULL);
	c = health_result_find(&r, "fuzzing");
	ck_assert(c->score == 10);
	ck_assert_str_eq(
		c->evidence[0],
		"fuzz harness sources: 1 file, e.g. fuzzers/config_file_fuzzer.c");
	health_result_release(&r);
	tree_files_release(&t);
}
END_TEST

/* curl: a free license off the OSI list does not forbid a fork; a
 * source-available one does. */
START_TEST(test_health_fork_free_not_osi)
{
	struct tree_files t = TREE_FILES_INIT;
	struct health_input in = { .now = NOW, .files = &t };
	struct health_result r;
	const struct health_check *c;

	add_file(&t, "COPYING", false, 0100644);
	add_file(&t, "CMakeLists.txt", false, 0100644);
	add_file(&t, "README", false, 0100644);
	healthy_history(&in.history);
	in.license.known = true;
	in.license.detected = "curl";
	in.license.osi_class = "permissive-not-osi";
	health_evaluate(&r, &in, NULL);
	c = health_result_find(&r, "ability-to-fork");
	ck_assert(c->score == 10);
	ck_assert_str_eq(
		c->evidence[0],
		"free license, not OSI-approved (permissive-not-osi): forks allowed");
	health_result_release(&r);

	in.license.detected = "BUSL-1.1";
	in.license.osi_class = "source-available";
	health_evaluate(&r, &in, NULL);
	c = health_result_find(&r, "ability-to-fork");
	ck_assert(c->score == 6);
	ck_assert_str_eq(c->evidence[0],
			 "no OSI-approved license: a fork may not be allowed");
	health_result_release(&r);
	tree_files_release(&t);
}
END_TEST

START_TEST(test_health_binary_artifact)
{
	struct tree_files t = TREE_FILES_INIT;
	struct health_input in = { .now = NOW, .files = &t };
	struct health_result r;
	const struct health_check *c;

	add_file(&t, ".clang-tidy", false, 0100644);
	add_file(&t, "README.md", false, 0100644);
	add_file(&t, "bin/tool.exe", true, 0100644);
	t.file[t.file_nr - 1].magic = MAGIC_PE;
	add_file(&t, "logo.png", true, 0100644);
	add_file(&t, "tests/data/x.gz", true, 0100644);
	t.file[t.file_nr - 1].magic = MAGIC_GZIP;
	/* an OpenVMS DCL script: text, whatever its name says */
	add_file(&t, "vms/build_vms.com", false, 0100644);
	add_file(&t, "lib/a.so", false, 0100755);
	health_evaluate(&r, &in, NULL);
	c = health_result_find(&r, "binary-artifacts");
	ck_assert_int_eq(c->state, HEALTH_SCORED);
	ck_assert(c->score == 9);
	ck_assert_uint_eq(c->evidence_nr, 2);
	ck_assert_str_eq(c->evidence[0], "bin/tool.exe (PE/MZ, 100 bytes)");
	/* a .clang-tidy alone: configured, not seen running */
	ck_assert(health_result_find(&r, "sast")->score == 5);
	ck_assert_str_eq(
		c->evidence[1],
		"tests/data/x.gz (gzip, 100 bytes), test data, not scored");
	ck_assert_ptr_nonnull(strstr(c->reason, "bin/tool.exe"));
	health_result_release(&r);
	tree_files_release(&t);
}
END_TEST

static const char bad_workflow[] =
	"name: triage\n"
	"on:\n"
	"  pull_request_target:\n"
	"jobs:\n"
	"  build:\n"
	"    runs-on: ubuntu-latest\n"
	"    steps:\n"
	"      - uses: actions/checkout@v4\n"
	"        with:\n"
	"          ref: ${{ github.event.pull_request.head.sha }}\n"
	"      - uses: actions/setup-node@8f152de45cc393bb48ce5d89d36b731f54556e65\n"
	"      - run: |\n"
	"          echo \"${{ github.event.issue.title }}\"\n"
	"      - name: safe\n"
	"        env:\n"
	"          TITLE: ${{ github.event.issue.title }}\n";

static const char good_workflow[] =
	"name: ci\r\n"
	"on: [push]\r\n"
	"permissions:\r\n"
	"  contents: read\r\n"
	"jobs:\r\n"
	"  test:\r\n"
	"    steps:\r\n"
	"      - uses: actions/checkout@b4ffde65f46336ab88eb53be808477a3936bae11\r\n"
	"      - uses: github/codeql-action/init@aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n"
	"      - run: make check\r\n";

/* Backport after a merge: pull_request_target, but what it checks out
 * is the target branch; the PR's head is only named in a concurrency
 * group and in an env: value. */
static const char safe_prt[] =
	"on:\n"
	"  pull_request_target:\n"
	"    types: [closed, labeled]\n"
	"permissions:\n"
	"  contents: read\n"
	"concurrency:\n"
	"  group: ${{ github.head_ref || github.run_id }}\n"
	"jobs:\n"
	"  backport:\n"
	"    steps:\n"
	"      - uses: actions/checkout@b4ffde65f46336ab88eb53be808477a3936bae11\n"
	"        with:\n"
	"          ref: ${{ inputs.target-branch }}\n"
	"      - env:\n"
	"          HEAD: ${{ github.event.pull_request.head.ref }}\n"
	"        run: echo \"$HEAD\"\n";

/* workflow_run: artifacts of the untrusted run, and its branch name in a
 * shell command. */
static const char wfrun[] =
	"on:\n"
	"  workflow_run:\n"
	"    workflows: [ci]\n"
	"jobs:\n"
	"  comment:\n"
	"    steps:\n"
	"      - uses: actions/download-artifact@v4\n"
	"        with:\n"
	"          run-id: ${{ github.event.workflow_run.id }}\n"
	"      - run: git fetch origin ${{ github.event.workflow_run.head_branch }}\n";

START_TEST(test_health_workflows_prt)
{
	struct tree_files t = TREE_FILES_INIT;
	struct health_text texts[2] = {
		{ ".github/workflows/backport.yml", safe_prt },
		{ ".github/workflows/comment.yml", wfrun },
	};
	struct health_input in = {
		.now = NOW, .files = &t, .ci_text = texts, .ci_text_nr = 1
	};
	struct health_result r;
	const struct health_check *c;

	add_file(&t, ".github/workflows/backport.yml", false, 0100644);
	health_evaluate(&r, &in, NULL);
	c = health_result_find(&r, "dangerous-workflow");
	ck_assert_msg(c->score == 10, "%s", c->evidence[0]);
	health_result_release(&r);
	in.ci_text_nr = 2;
	health_evaluate(&r, &in, NULL);
	c = health_result_find(&r, "dangerous-workflow");
	ck_assert(c->score == 0);
	ck_assert_uint_eq(c->evidence_nr, 3);
	ck_assert_str_eq(
		c->evidence[0],
		".github/workflows/comment.yml:10: workflow_run workflow fetches the pull request's code: run: git fetch origin ${{ github.event.workflow_run.head_branch }}");
	ck_assert_str_eq(
		c->evidence[1],
		".github/workflows/comment.yml:7: workflow_run workflow downloads artifacts of the triggering run: uses: actions/download-artifact@v4");
	ck_assert_ptr_nonnull(
		strstr(c->evidence[2], "comment.yml:10: untrusted"));
	health_result_release(&r);
	tree_files_release(&t);
}
END_TEST

START_TEST(test_health_workflows)
{
	struct tree_files t = TREE_FILES_INIT;
	struct health_text texts[2] = {
		{ ".github/workflows/bad.yml", bad_workflow },
		{ ".github/workflows/good.yml", good_workflow },
	};
	struct health_input in = {
		.now = NOW, .files = &t, .ci_text = texts, .ci_text_nr = 2
	};
	struct health_result r;
	const struct health_check *c;

	add_file(&t, ".github/workflows/bad.yml", false, 0100644);
	add_file(&t, ".github/workflows/good.yml", false, 0100644);
	health_evaluate(&r, &in, NULL);
	c = health_result_find(&r, "dangerous-workflow");
	ck_assert(c->score == 0);
	ck_assert_uint_eq(c->evidence_nr, 2);
	ck_assert_str_eq(
		c->evidence[0],
		".github/workflows/bad.yml:10: pull_request_target workflow fetches the pull request's code: ref: ${{ github.event.pull_request.head.sha }}");
	/* The injection is on line 13, inside the run: block, and the env:
	 * use on line 16 is not flagged. */
	ck_assert_str_eq(
		c->evidence[1],
		".github/workflows/bad.yml:13: untrusted github.event text expanded in a script: echo \"${{ github.event.issue.title }}\"");
	c = health_result_find(&r, "token-permissions");
	ck_assert(c->score == 5);
	c = health_result_find(&r, "pinned-dependencies");
	ck_assert_str_eq(
		c->reason,
		"3 of 4 actions and images pinned by commit hash or digest");
	c = health_result_find(&r, "sast");
	ck_assert(c->score == 10);
	health_result_release(&r);
	tree_files_release(&t);
}
END_TEST

START_TEST(test_health_mature_project)
{
	struct tree_files t = TREE_FILES_INIT;
	struct health_input in = { .now = NOW, .files = &t };
	struct health_result r;

	mature_tree(&t);
	healthy_history(&in.history);
	in.license.known = true;
	in.license.declared = "MIT";
	in.license.detected = "MIT";
	in.license.agree = true;
	in.license.osi_approved = true;
	in.license.file = "LICENSE";
	in.declared.alternatives_known = true;
	in.declared.alternatives = 2;
	health_evaluate(&r, &in, NULL);
	ck_assert(health_result_find(&r, "open-source")->score == 9);
	ck_assert(health_result_find(&r, "security-policy")->score == 10);
	ck_assert(health_result_find(&r, "dependency-update-tool")->score ==
		  10);
	ck_assert(health_result_find(&r, "changelog")->score == 10);
	ck_assert_int_eq(health_result_find(&r, "vulnerabilities")->state,
			 HEALTH_UNKNOWN);
	ck_assert(health_result_find(&r, "likelihood-to-fail")->score == 10);
	ck_assert_int_eq(r.risk, HEALTH_RISK_LOW);
	for (int k = 0; k < HEALTH_CATEGORY_NR; k++)
		ck_assert_int_eq(r.category[k].state, HEALTH_SCORED);
	ck_assert(r.category[HEALTH_ACTIVITY].score >= 9);
	health_result_release(&r);
	tree_files_release(&t);
}
END_TEST

START_TEST(test_health_elephant_unknown)
{
	struct health_input in = { .now = NOW };
	struct health_result r;
	const struct health_check *c;

	healthy_history(&in.history);
	in.history.elephant_factor_365 = 1;
	in.history.elephant_known_365 = false; /* 20% attributed */
	in.history.attributed_365 = 0.2;
	health_evaluate(&r, &in, NULL);
	c = health_result_find(&r, "likelihood-to-fail");
	ck_assert(c->score == 10); /* an unknown factor is no signal */
	health_result_release(&r);
}
END_TEST

START_TEST(test_health_single_maintainer)
{
	struct health_input in = { .now = NOW };
	struct health_result r;
	const struct health_check *c;

	healthy_history(&in.history);
	in.history.absence_factor_365 = 1;
	in.history.elephant_factor_365 = 1;
	in.history.commits_365 = 10;
	in.history.last_release = NOW - 600 * DAY;
	health_evaluate(&r, &in, NULL);
	c = health_result_find(&r, "likelihood-to-fail");
	/* absence 1 (-3), elephant 1 (-2), activity fell (-2), no release
	 * in 18 months (-2). */
	ck_assert(c->score == 1);
	ck_assert_uint_eq(c->evidence_nr, 4);
	ck_assert_int_eq(r.risk, HEALTH_RISK_HIGH);
	health_result_release(&r);
}
END_TEST

START_TEST(test_health_weights)
{
	static const char json[] =
		"{\"version\": 3, \"weights\": {\"activity\": "
		"{\"commit-frequency\": 0, \"recency\": 2}}}";
	struct health_weights *w = NULL;
	struct health_input in = { .now = NOW };
	struct health_result r;
	struct oh_err err = OH_ERR_INIT;

	ck_assert_int_eq(
		health_weights_parse(&w, json, strlen(json), "w.json", &err),
		0);
	ck_assert_str_eq(health_weights_version(w), "scoring.json v3");
	healthy_history(&in.history);
	in.history.commits_90 = 0;
	health_evaluate(&r, &in, w);
	/* commit-frequency scored 0 but weighs 0, so it does not pull the
	 * mean down. */
	ck_assert(health_result_find(&r, "commit-frequency")->score == 0);
	ck_assert(health_result_find(&r, "commit-frequency")->weight == 0);
	ck_assert(r.category[HEALTH_ACTIVITY].score > 8);
	health_result_release(&r);
	health_weights_free(w);

	ck_assert_int_eq(health_weights_parse(&w,
					      "{\"version\":1,\"weights\":"
					      "{\"nope\":{}}}",
					      35, "w.json", &err),
			 OH_EINPUT);
	ck_assert_ptr_nonnull(strstr(err.msg, "unknown category 'nope'"));
	oh_err_release(&err);
	ck_assert_int_eq(health_weights_parse(&w,
					      "{\"version\":1,\"weights\":"
					      "{\"risk\":{\"x\":-1}}}",
					      41, "w.json", &err),
			 OH_EINPUT);
	oh_err_release(&err);
	/* The shipped weights load. */
	ck_assert_int_eq(health_weights_load(&w, NULL, &err), 0);
	health_weights_free(w);
}
END_TEST

START_TEST(test_health_forge_facts)
{
	struct health_input in = { .now = NOW };
	struct health_result r;
	const struct health_check *c;

	health_evaluate(&r, &in, NULL);
	ck_assert_int_eq(health_result_find(&r, "adoption")->state,
			 HEALTH_UNKNOWN);
	ck_assert_int_eq(health_result_find(&r, "issue-responsiveness")->state,
			 HEALTH_UNKNOWN);
	health_result_release(&r);

	healthy_history(&in.history);
	in.forge.known = true;
	in.forge.archived = true;
	in.forge.stars = 9000;
	in.forge.forks = 999;
	in.forge.issues_opened_365 = 40;
	in.forge.issues_closed_365 = 30;
	in.forge.median_close_days = 12.5;
	health_evaluate(&r, &in, NULL);
	ck_assert(health_result_find(&r, "adoption")->score == 10);
	c = health_result_find(&r, "issue-responsiveness");
	ck_assert(c->score == 8);
	ck_assert_str_eq(c->reason, "median time to close an issue: 12.5 days");
	/* Archived on the forge: the maintainers ended it. */
	c = health_result_find(&r, "likelihood-to-fail");
	ck_assert(c->score == 5);
	/* Per-item metrics not measured (no items): not applicable. */
	ck_assert_int_eq(health_result_find(&r, "first-response")->state,
			 HEALTH_NOT_APPLICABLE);
	ck_assert_int_eq(health_result_find(&r, "code-review")->state,
			 HEALTH_NOT_APPLICABLE);
	health_result_release(&r);

	/* Measured: 3.5 days is 8; 15 of 20 reviewed is 7.5. */
	in.forge.response_state = 1;
	in.forge.response_sample = 20;
	in.forge.response_answered = 12;
	in.forge.median_response_days = 3.5;
	in.forge.review_state = 1;
	in.forge.review_sample = 20;
	in.forge.reviewed = 15;
	health_evaluate(&r, &in, NULL);
	c = health_result_find(&r, "first-response");
	ck_assert(c->score == 8);
	ck_assert_str_eq(c->reason, "median time to first response: 3.5 days");
	c = health_result_find(&r, "code-review");
	ck_assert(c->score == 7.5);
	ck_assert_str_eq(c->reason, "75% of sampled merged changes reviewed");
	health_result_release(&r);

	/* Nobody answered: 0, said so. */
	in.forge.response_answered = 0;
	in.forge.median_response_days = -1;
	health_evaluate(&r, &in, NULL);
	c = health_result_find(&r, "first-response");
	ck_assert(c->score == 0);
	ck_assert_str_eq(c->reason,
			 "none of 20 sampled issues and changes answered");
	health_result_release(&r);

	/* A request failed: unknown with the reason, never 0. */
	in.forge.response_state = 2;
	in.forge.review_state = 2;
	in.forge.detail_note = "first response unknown: HTTP 500";
	health_evaluate(&r, &in, NULL);
	c = health_result_find(&r, "first-response");
	ck_assert_int_eq(c->state, HEALTH_UNKNOWN);
	ck_assert_str_eq(c->reason, "first response unknown: HTTP 500");
	ck_assert_int_eq(health_result_find(&r, "code-review")->state,
			 HEALTH_UNKNOWN);
	health_result_release(&r);
}
END_TEST

Suite *health_suite(void)
{
	Suite *s = suite_create("health");
	TCase *tc = tcase_create("checks");

	tcase_add_test(tc, test_health_all_unknown);
	tcase_add_test(tc, test_health_extreme_dates);
	tcase_add_test(tc, test_health_no_license);
	tcase_add_test(tc, test_health_non_osi);
	tcase_add_test(tc, test_health_permissive_not_osi);
	tcase_add_test(tc, test_health_binary_artifact);
	tcase_add_test(tc, test_health_real_tree_shapes);
	tcase_add_test(tc, test_health_fork_free_not_osi);
	tcase_add_test(tc, test_health_workflows_prt);
	tcase_add_test(tc, test_health_workflows);
	tcase_add_test(tc, test_health_mature_project);
	tcase_add_test(tc, test_health_single_maintainer);
	tcase_add_test(tc, test_health_elephant_unknown);
	tcase_add_test(tc, test_health_weights);
	tcase_add_test(tc, test_health_forge_facts);
	suite_add_tcase(s, tc);
	return s;
}
