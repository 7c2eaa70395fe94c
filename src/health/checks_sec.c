/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Security checks: the offline subset of the OpenSSF Scorecard checks,
 * with the same intent, reimplemented over file facts and CI workflow
 * texts.  Workflows are scanned line by line (indentation-aware), not
 * parsed as YAML: a pattern that a YAML parser would place elsewhere can
 * be missed, never invented from nothing.  Formulas: docs/scoring.md.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "facts/tree.h"
#include "health/health_int.h"
#include "core/banned.h"

static void security_policy(struct health_result *r,
			    const struct health_input *in)
{
	struct health_check *c =
		hc_begin(r, HEALTH_SECURITY, "security-policy");
	const struct tree_file *f;

	if (!in->files) {
		hc_unknown(r, c, "the file tree was not read");
		return;
	}
	f = hc_find_doc(in->files, "SECURITY");
	if (f) {
		hc_evidence(r, c, "%s", f->path);
		hc_score(r, c, 10, "security policy present");
	} else {
		hc_score(r, c, 0, "no SECURITY policy file");
	}
}

static bool test_data(const char *path)
{
	static const char *const dirs[] = {
		"test",      "tests",     "testdata", "test-data", "test_data",
		"t",         "testing",   "fixtures", "corpus",    "testfiles",
		"__tests__", "testsuite", NULL,
	};

	return hc_in_dir(path, dirs);
}

/*
 * Committed binaries by content (facts/magic.h), never by name: an OpenVMS
 * *.com DCL script is text.  Each binary outside test-data directories
 * costs a point; those inside are listed but not scored (they are inputs
 * of the test suite, not shipped artifacts).
 */
static void binary_artifacts(struct health_result *r,
			     const struct health_input *in)
{
	struct health_check *c =
		hc_begin(r, HEALTH_SECURITY, "binary-artifacts");
	size_t n = 0, tests = 0;
	const char *first = NULL;

	if (!in->files) {
		hc_unknown(r, c, "the file tree was not read");
		return;
	}
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < in->files->file_nr; i++) {
			const struct tree_file *f = &in->files->file[i];
			bool td;

			if (f->magic == MAGIC_NONE)
				continue;
			td = test_data(f->path);
			if (td != (pass == 1))
				continue;
			hc_evidence(r, c, "%s (%s, %llu bytes)%s", f->path,
				    magic_name(f->magic),
				    (unsigned long long)f->size,
				    td ? ", test data, not scored" : "");
			if (td) {
				tests++;
			} else {
				if (!first)
					first = f->path;
				n++;
			}
		}
	if (n == 0 && tests == 0)
		hc_score(r, c, 10, "no binary artifacts in the tree");
	else if (n == 0)
		hc_score(
			r, c, 10,
			"no binary artifacts outside test data (%zu binary test input%s)",
			tests, tests == 1 ? "" : "s");
	else
		hc_score(r, c, 10.0 - (double)n,
			 "%zu binary artifact%s committed: %s", n,
			 n == 1 ? "" : "s", first);
}

static bool is_workflow(const char *path)
{
	return strncmp(path, ".github/workflows/", 18) == 0 ||
	       strcmp(path, ".gitlab-ci.yml") == 0 ||
	       strncmp(path, ".forgejo/workflows/", 19) == 0 ||
	       strncmp(path, ".gitea/workflows/", 17) == 0;
}

static size_t indent_of(const char *line)
{
	size_t n = 0;

	while (line[n] == ' ')
		n++;
	return n;
}

/* Untrusted parts of the event a pull request or issue author controls. */
static bool untrusted_expr(const char *s)
{
	static const char *const bad[] = {
		"github.event.issue.title",
		"github.event.issue.body",
		"github.event.pull_request.title",
		"github.event.pull_request.body",
		"github.event.comment.body",
		"github.event.review.body",
		"github.event.review_comment.body",
		"github.event.pull_request.head.ref",
		"github.event.pull_request.head.label",
		"github.event.head_commit.message",
		"github.event.head_commit.author",
		"github.head_ref",
		"github.event.workflow_run.head_branch",
		NULL,
	};
	const char *open = strstr(s, "${{");

	for (; open; open = strstr(open + 3, "${{"))
		for (size_t i = 0; bad[i]; i++)
			if (strstr(open, bad[i]))
				return true;
	return false;
}

struct wf_scan {
	bool prt;             /* triggered by pull_request_target */
	bool checkout_head;   /* checks out the PR head */
	size_t injection;     /* run: lines with untrusted expressions */
	size_t line_inj;      /* first such line */
	bool top_permissions; /* a top-level permissions: key */
	bool write_all;       /* permissions: write-all */
	size_t uses;          /* uses: steps of remote actions */
	size_t pinned;        /* of which pinned to a full commit id */
	size_t images;        /* container images referenced */
	size_t images_pinned; /* of which by digest */
	bool sast;            /* a SAST tool runs */
	bool fuzz;            /* a fuzzing job runs */
};

static bool hex40(const char *s)
{
	size_t n = 0;

	while (isxdigit((unsigned char)s[n]))
		n++;
	return n == 40 && (s[n] == '\0' || isspace((unsigned char)s[n]) ||
			   s[n] == '"' || s[n] == '\'');
}

static void scan_uses(struct wf_scan *w, const char *v)
{
	const char *at;

	while (*v == ' ' || *v == '"' || *v == '\'')
		v++;
	if (strncmp(v, "./", 2) == 0)
		return;
	if (strncmp(v, "docker://", 9) == 0) {
		w->images++;
		if (strstr(v, "@sha256:"))
			w->images_pinned++;
		return;
	}
	w->uses++;
	at = strchr(v, '@');
	if (at && hex40(at + 1))
		w->pinned++;
	if (strstr(v, "codeql-action") || strstr(v, "semgrep") ||
	    strstr(v, "snyk") || strstr(v, "sonarcloud") ||
	    strstr(v, "sonarqube"))
		w->sast = true;
	if (strstr(v, "cifuzz") || strstr(v, "clusterfuzzlite"))
		w->fuzz = true;
}

static void scan_line(struct wf_scan *w, const char *line, size_t lineno,
		      size_t *run_indent)
{
	size_t ind = indent_of(line);
	const char *t = line + ind;
	const char *img;

	if (*run_indent != (size_t)-1 && ind <= *run_indent && *t != '\0')
		*run_indent = (size_t)-1;
	if (*t == '-' && t[1] == ' ')
		t += 2;
	if (strncmp(t, "run:", 4) == 0)
		*run_indent = ind;
	if (*run_indent != (size_t)-1 && untrusted_expr(line)) {
		if (w->injection++ == 0)
			w->line_inj = lineno;
	}
	if (strstr(line, "pull_request_target"))
		w->prt = true;
	if (strstr(line, "github.event.pull_request.head.sha") ||
	    strstr(line, "github.event.pull_request.head.ref") ||
	    strstr(line, "refs/pull/"))
		w->checkout_head = true;
	if (ind == 0 && strncmp(t, "permissions:", 12) == 0)
		w->top_permissions = true;
	if (strstr(line, "write-all"))
		w->write_all = true;
	if (strncmp(t, "uses:", 5) == 0)
		scan_uses(w, t + 5);
	img = strncmp(t, "image:", 6) == 0 ? t + 6 : NULL;
	if (img) {
		w->images++;
		if (strstr(img, "@sha256:"))
			w->images_pinned++;
	}
	if (strstr(line, "semgrep") || strstr(line, "codeql"))
		w->sast = true;
	if (strstr(line, "oss-fuzz") || strstr(line, "cifuzz"))
		w->fuzz = true;
}

static void scan_workflow(struct wf_scan *w, const char *text)
{
	char line[1024];
	size_t lineno = 0;
	size_t run_indent = (size_t)-1;

	while (*text != '\0') {
		size_t n = strcspn(text, "\n");
		size_t k = n < sizeof(line) - 1 ? n : sizeof(line) - 1;

		memcpy(line, text, k);
		line[k] = '\0';
		if (k > 0 && line[k - 1] == '\r')
			line[k - 1] = '\0';
		scan_line(w, line, ++lineno, &run_indent);
		text += n;
		if (*text == '\n')
			text++;
	}
}

static void dangerous_workflow(struct health_result *r,
			       const struct health_input *in,
			       const struct wf_scan *w, size_t nr)
{
	struct health_check *c =
		hc_begin(r, HEALTH_SECURITY, "dangerous-workflow");
	size_t bad = 0;

	for (size_t i = 0; i < nr; i++) {
		if (w[i].prt && w[i].checkout_head) {
			hc_evidence(
				r, c,
				"%s: pull_request_target checks out untrusted pull request code",
				in->ci_text[i].path);
			bad++;
		}
		if (w[i].injection > 0) {
			hc_evidence(
				r, c,
				"%s:%zu: untrusted github.event data expanded in a run: script",
				in->ci_text[i].path, w[i].line_inj);
			bad++;
		}
	}
	if (nr == 0)
		hc_na(r, c, "no CI workflows");
	else if (bad == 0)
		hc_score(r, c, 10, "no dangerous patterns in %zu workflows",
			 nr);
	else
		hc_score(r, c, 0, "%zu dangerous workflow pattern%s", bad,
			 bad == 1 ? "" : "s");
}

static void token_permissions(struct health_result *r,
			      const struct health_input *in,
			      const struct wf_scan *w, size_t nr)
{
	struct health_check *c =
		hc_begin(r, HEALTH_SECURITY, "token-permissions");
	size_t ok = 0;
	size_t gh = 0;

	for (size_t i = 0; i < nr; i++) {
		if (strncmp(in->ci_text[i].path, ".github/", 8) != 0)
			continue;
		gh++;
		if (w[i].top_permissions && !w[i].write_all)
			ok++;
		else
			hc_evidence(
				r, c, "%s: %s", in->ci_text[i].path,
				w[i].write_all
					? "permissions: write-all"
					: "no top-level permissions (token gets the repository default)");
	}
	if (gh == 0)
		hc_na(r, c, "no GitHub workflows");
	else
		hc_score(
			r, c, 10.0 * (double)ok / (double)gh,
			"%zu of %zu workflows restrict the token at the top level",
			ok, gh);
}

static void pinned_dependencies(struct health_result *r,
				const struct health_input *in,
				const struct wf_scan *w, size_t nr)
{
	struct health_check *c =
		hc_begin(r, HEALTH_SECURITY, "pinned-dependencies");
	size_t all = 0, pinned = 0;

	for (size_t i = 0; i < nr; i++) {
		all += w[i].uses + w[i].images;
		pinned += w[i].pinned + w[i].images_pinned;
		if (w[i].uses + w[i].images > w[i].pinned + w[i].images_pinned)
			hc_evidence(
				r, c,
				"%s: %zu of %zu actions/images not pinned by hash",
				in->ci_text[i].path,
				w[i].uses + w[i].images - w[i].pinned -
					w[i].images_pinned,
				w[i].uses + w[i].images);
	}
	if (all == 0)
		hc_na(r, c, "no third-party actions or images in CI");
	else
		hc_score(
			r, c, 10.0 * (double)pinned / (double)all,
			"%zu of %zu actions and images pinned by commit hash or digest",
			pinned, all);
}

static void presence_check(struct health_result *r, const char *name,
			   const char *found, const char *what)
{
	struct health_check *c = hc_begin(r, HEALTH_SECURITY, name);

	if (found) {
		hc_evidence(r, c, "%s", found);
		hc_score(r, c, 10, "%s found", what);
	} else {
		hc_score(r, c, 0, "no %s found", what);
	}
}

static const char *find_fuzzing(const struct health_input *in,
				const struct wf_scan *w, size_t nr)
{
	static const char *const dirs[] = { "fuzz", "fuzzing", "fuzzers",
					    "fuzzer", NULL };

	if (hc_has_prefix(in->files, ".clusterfuzzlite/", NULL))
		return ".clusterfuzzlite/";
	for (size_t i = 0; i < in->files->file_nr; i++) {
		const char *p = in->files->file[i].path;

		if (hc_in_dir(p, dirs) ||
		    strncasecmp(hc_basename(p), "fuzz_", 5) == 0)
			return p;
	}
	for (size_t i = 0; i < nr; i++)
		if (w[i].fuzz)
			return in->ci_text[i].path;
	return NULL;
}

static const char *find_sast(const struct health_input *in,
			     const struct wf_scan *w, size_t nr)
{
	static const char *const files[] = { ".semgrep.yml",
					     "sonar-project.properties",
					     ".github/codeql/codeql-config.yml",
					     ".snyk", NULL };

	for (size_t i = 0; files[i]; i++)
		if (tree_files_find(in->files, files[i]))
			return files[i];
	for (size_t i = 0; i < nr; i++)
		if (w[i].sast)
			return in->ci_text[i].path;
	return NULL;
}

static const char *find_update_tool(const struct health_input *in)
{
	static const char *const files[] = {
		".github/dependabot.yml",
		".github/dependabot.yaml",
		"renovate.json",
		"renovate.json5",
		".renovaterc",
		".renovaterc.json",
		".github/renovate.json",
		".gitlab/renovate.json",
		NULL,
	};

	for (size_t i = 0; files[i]; i++)
		if (tree_files_find(in->files, files[i]))
			return files[i];
	return NULL;
}

static void signed_releases(struct health_result *r,
			    const struct health_input *in)
{
	struct health_check *c =
		hc_begin(r, HEALTH_SECURITY, "signed-releases");
	const struct health_history *h = &in->history;

	if (!h->known) {
		hc_unknown(r, c, "tags were not read");
		return;
	}
	if (h->tags_all == 0) {
		hc_na(r, c, "no tags or releases to sign");
		return;
	}
	hc_evidence(r, c, "%llu of %llu tags signed",
		    (unsigned long long)h->tags_signed,
		    (unsigned long long)h->tags_all);
	hc_score(r, c, 10.0 * (double)h->tags_signed / (double)h->tags_all,
		 "%llu of %llu tags carry a signature",
		 (unsigned long long)h->tags_signed,
		 (unsigned long long)h->tags_all);
}

static void signed_commits(struct health_result *r,
			   const struct health_input *in)
{
	struct health_check *c = hc_begin(r, HEALTH_SECURITY, "signed-commits");
	const struct health_history *h = &in->history;

	if (!h->known) {
		hc_unknown(r, c, "history was not read");
		return;
	}
	if (h->commits_365 == 0) {
		hc_na(r, c, "no commits in the last 365 days");
		return;
	}
	hc_score(r, c,
		 10.0 * (double)h->signed_commits_365 / (double)h->commits_365,
		 "%llu of %llu commits in the last 365 days carry a signature",
		 (unsigned long long)h->signed_commits_365,
		 (unsigned long long)h->commits_365);
}

static void vulnerabilities(struct health_result *r,
			    const struct health_input *in)
{
	struct health_check *c =
		hc_begin(r, HEALTH_SECURITY, "vulnerabilities");

	if (!in->vulnerabilities.known) {
		hc_unknown(
			r, c, "%s",
			in->vulnerabilities_note
				? in->vulnerabilities_note
				: "known vulnerabilities need online enrichment (scan --enrich osv)");
		return;
	}
	if (in->vulnerabilities_ids)
		hc_evidence(r, c, "%s", in->vulnerabilities_ids);
	if (in->vulnerabilities.value == 0)
		hc_score(r, c, 10,
			 "no known vulnerability affects this revision (OSV)");
	else
		hc_score(
			r, c, 10 - 2 * in->vulnerabilities.value,
			"%.0f known vulnerabilities affect this revision (OSV)",
			in->vulnerabilities.value);
}

/*
 * Like Scorecard's Code-Review, from the forge: the share of the most
 * recently merged changes that someone other than their author reviewed
 * (GitHub/Gitea reviews, GitLab approvals), times 10.
 */
static void code_review(struct health_result *r, const struct health_input *in)
{
	struct health_check *c = hc_begin(r, HEALTH_SECURITY, "code-review");
	const struct health_forge *f = &in->forge;
	double share;

	if (!f->known || f->review_state == 2) {
		hc_unknown(
			r, c, "%s",
			!f->known
				? "review facts need online enrichment (scan --enrich forge)"
			: f->detail_note ? f->detail_note
					 : "a forge request failed");
		return;
	}
	if (f->review_state == 0 || f->review_sample == 0) {
		hc_na(r, c,
		      "no pull/merge request merged in the last 365 days (bots aside)");
		return;
	}
	share = (double)f->reviewed / (double)f->review_sample;
	hc_evidence(
		r, c,
		"%ld of the %ld most recently merged changes reviewed by someone other than their author",
		f->reviewed, f->review_sample);
	hc_score(r, c, 10 * share, "%.0f%% of sampled merged changes reviewed",
		 share * 100);
}

void health_check_security(struct health_result *r,
			   const struct health_input *in)
{
	struct wf_scan w[64];
	size_t nr = in->ci_text_nr < 64 ? in->ci_text_nr : 64;

	memset(w, 0, sizeof(w));
	for (size_t i = 0; i < nr; i++)
		if (is_workflow(in->ci_text[i].path))
			scan_workflow(&w[i], in->ci_text[i].text);
	security_policy(r, in);
	binary_artifacts(r, in);
	if (!in->files) {
		static const char *const names[] = {
			"dangerous-workflow",
			"token-permissions",
			"pinned-dependencies",
			"fuzzing",
			"sast",
			"dependency-update-tool",
		};

		for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
			hc_unknown(r, hc_begin(r, HEALTH_SECURITY, names[i]),
				   "the file tree was not read");
	} else {
		dangerous_workflow(r, in, w, nr);
		token_permissions(r, in, w, nr);
		pinned_dependencies(r, in, w, nr);
		presence_check(r, "fuzzing", find_fuzzing(in, w, nr),
			       "fuzzing setup");
		presence_check(r, "sast", find_sast(in, w, nr),
			       "static analysis (SAST) configuration");
		presence_check(r, "dependency-update-tool",
			       find_update_tool(in), "dependency update tool");
	}
	signed_releases(r, in);
	signed_commits(r, in);
	vulnerabilities(r, in);
	code_review(r, in);
}
