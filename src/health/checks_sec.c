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
 * *.com DCL script is text.  Outside test-data directories each
 * executable, object or byte-code file costs a point and each compressed
 * archive half a point (opaque, but not runnable as it is); those inside
 * are listed but not scored (inputs of the test suite, not shipped).
 */
static void binary_artifacts(struct health_result *r,
			     const struct health_input *in)
{
	struct health_check *c =
		hc_begin(r, HEALTH_SECURITY, "binary-artifacts");
	size_t n = 0, code = 0, tests = 0;
	const char *first = NULL;

	if (!in->files) {
		hc_unknown(r, c, "the file tree was not read");
		return;
	}
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < in->files->file_nr; i++) {
			const struct tree_file *f = &in->files->file[i];
			bool td;

			if (f->large && pass == 0)
				hc_evidence(
					r, c,
					"%s (%llu bytes): too large to read, kind unknown, not scored",
					f->path, (unsigned long long)f->size);
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
				code += magic_is_code(f->magic);
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
		hc_score(
			r, c, 10.0 - (double)code - 0.5 * (double)(n - code),
			"%zu binary artifact%s committed (%zu executable or byte code, %zu compressed): %s",
			n, n == 1 ? "" : "s", code, n - code, first);
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

/*
 * Untrusted parts of the event that a pull request, issue or comment
 * author controls (GitHub Security Lab, "Keeping your GitHub Actions and
 * workflows secure Part 2: Untrusted input"): substrings of the context
 * expression inside ${{ }}.
 */
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
		"github.event.pages",
		"github.event.commits",
		"github.event.head_commit.message",
		"github.event.head_commit.author",
		"github.event.pull_request.head.ref",
		"github.event.pull_request.head.label",
		"github.event.pull_request.head.repo.default_branch",
		"github.event.discussion.title",
		"github.event.discussion.body",
		"github.event.workflow_run.head_branch",
		"github.event.workflow_run.head_commit.message",
		"github.event.workflow_run.head_commit.author",
		"github.event.workflow_run.pull_requests",
		"github.head_ref",
		NULL,
	};
	const char *open = strstr(s, "${{");

	for (; open; open = strstr(open + 3, "${{")) {
		const char *close = strstr(open, "}}");
		size_t len = close ? (size_t)(close - open) : strlen(open);

		for (size_t i = 0; bad[i]; i++) {
			const char *hit = strstr(open, bad[i]);

			if (hit && (size_t)(hit - open) < len)
				return true;
		}
	}
	return false;
}

/*
 * A reference to the pull request's own code: its head commit or branch,
 * the refs/pull/ namespace, or the head of the run that triggered a
 * workflow_run.  A base-branch name (`${{ inputs.target-branch }}`,
 * github.base_ref) is not one.
 */
static bool pr_head_ref(const char *s)
{
	static const char *const head[] = {
		"github.event.pull_request.head.sha",
		"github.event.pull_request.head.ref",
		"github.event.pull_request.merge_commit_sha",
		"github.head_ref",
		"refs/pull/",
		"github.event.workflow_run.head_sha",
		"github.event.workflow_run.head_branch",
		"github.event.number }}/merge",
		"gh pr checkout",
		NULL,
	};

	for (size_t i = 0; head[i]; i++)
		if (strstr(s, head[i]))
			return true;
	return false;
}

struct wf_scan {
	bool prt;             /* triggered by pull_request_target */
	bool wfrun;           /* triggered by workflow_run */
	size_t checkout_head; /* lines that fetch the PR head */
	size_t line_head;     /* first such line */
	char quote_head[96];  /* ... as written */
	size_t artifact;      /* download-artifact steps */
	size_t line_art;      /* first such line */
	char quote_art[96];   /* ... as written */
	size_t injection;     /* run: lines with untrusted expressions */
	size_t line_inj;      /* first such line */
	char quote_inj[96];   /* ... as written */
	bool top_permissions; /* a top-level permissions: key */
	bool write_all;       /* permissions: write-all */
	size_t uses;          /* uses: steps of remote actions */
	size_t pinned;        /* of which pinned to a full commit id */
	size_t images;        /* container images referenced */
	size_t images_pinned; /* of which by digest */
	const char *sast;     /* the first SAST tool named (static) */
	size_t line_sast;     /* ... on this line */
	size_t fuzz;          /* lines that run or name fuzzing */
	size_t line_fuzz;     /* first such line */
	char quote_fuzz[96];  /* ... as written */
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
}

static void quote(char *out, size_t size, const char *t);

/* Case-insensitive substring test (needle in lower case). */
static bool has_word(const char *s, const char *needle)
{
	size_t n = strlen(needle);

	for (; *s != '\0'; s++)
		if (strncasecmp(s, needle, n) == 0)
			return true;
	return false;
}

/* Static analysers as CI runs them (actions, commands, scanners). */
static const char *sast_tool(const char *t)
{
	static const char *const tools[] = {
		"codeql",         "semgrep",       "sonarcloud",
		"sonarqube",      "sonar-scanner", "sonarsource",
		"coverity",       "cov-build",     "clang-tidy",
		"cppcheck",       "scan-build",    "flawfinder",
		"snyk",           "bandit",        "gosec",
		"pvs-studio",     "-fanalyzer",    "analyze-build",
		"clang-analyzer", "infer run",     NULL,
	};

	for (size_t i = 0; tools[i]; i++)
		if (has_word(t, tools[i]))
			return tools[i];
	return NULL;
}

/* SAST and fuzzing named on a non-comment CI line. */
static void scan_tools(struct wf_scan *w, const char *t, size_t lineno)
{
	const char *tool;

	if (*t == '#')
		return;
	tool = sast_tool(t);
	if (tool && !w->sast) {
		w->sast = tool;
		w->line_sast = lineno;
	}
	if (has_word(t, "fuzz") && w->fuzz++ == 0) {
		w->line_fuzz = lineno;
		quote(w->quote_fuzz, sizeof(w->quote_fuzz), t);
	}
}

/* A line that checks out or fetches code: a `ref:` input (of
 * actions/checkout) or a git/gh command; not a concurrency group. */
static bool fetches(const char *t)
{
	return strncmp(t, "ref:", 4) == 0 || strstr(t, "git fetch") ||
	       strstr(t, "git checkout") || strstr(t, "git pull") ||
	       strstr(t, "gh pr checkout") || strstr(t, "git switch");
}

/* A trigger key: "pull_request_target:", "- pull_request_target", or in
 * a flow list "on: [push, pull_request_target]". */
static bool is_trigger(const char *t, const char *event)
{
	size_t n = strlen(event);
	const char *p;

	if (*t == '#')
		return false;
	if (strncmp(t, event, n) == 0 &&
	    (t[n] == ':' || t[n] == '\0' || t[n] == ' '))
		return true;
	if (strncmp(t, "on:", 3) != 0 && strncmp(t, "\"on\":", 5) != 0 &&
	    strncmp(t, "'on':", 5) != 0)
		return false;
	for (p = strstr(t, event); p; p = strstr(p + n, event))
		if (!(p[-1] >= 'a' && p[-1] <= 'z') && p[-1] != '.' &&
		    p[-1] != '_' && !(p[n] >= 'a' && p[n] <= 'z') &&
		    p[n] != '_' && p[n] != '.')
			return true;
	return false;
}

/* The line as evidence: trimmed, shortened, control bytes replaced. */
static void quote(char *out, size_t size, const char *t)
{
	size_t n = 0;

	for (; *t != '\0' && n + 4 < size; t++)
		out[n++] = (unsigned char)*t < 0x20 ? ' ' : *t;
	if (*t != '\0') {
		memcpy(out + n, "...", 3);
		n += 3;
	}
	while (n > 0 && out[n - 1] == ' ')
		n--;
	out[n] = '\0';
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
	if (strncmp(t, "script:", 7) == 0)
		*run_indent = ind; /* actions/github-script runs it too */
	if (*run_indent != (size_t)-1 && untrusted_expr(line)) {
		if (w->injection++ == 0) {
			w->line_inj = lineno;
			quote(w->quote_inj, sizeof(w->quote_inj), t);
		}
	}
	if (is_trigger(t, "pull_request_target"))
		w->prt = true;
	if (is_trigger(t, "workflow_run"))
		w->wfrun = true;
	if (fetches(t) && pr_head_ref(line) && w->checkout_head++ == 0) {
		w->line_head = lineno;
		quote(w->quote_head, sizeof(w->quote_head), t);
	}
	if (strncmp(t, "uses:", 5) == 0 && strstr(t, "download-artifact") &&
	    w->artifact++ == 0) {
		w->line_art = lineno;
		quote(w->quote_art, sizeof(w->quote_art), t);
	}
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
	scan_tools(w, t, lineno);
}

static void scan_workflow(struct wf_scan *w, const char *text, bool tools_only)
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
		++lineno;
		if (tools_only)
			scan_tools(w, line + indent_of(line), lineno);
		else
			scan_line(w, line, lineno, &run_indent);
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
	size_t bad = 0, flows = 0;

	for (size_t i = 0; i < nr; i++) {
		const char *trig =
			w[i].prt ? "pull_request_target" : "workflow_run";

		flows += is_workflow(in->ci_text[i].path);
		if ((w[i].prt || w[i].wfrun) && w[i].checkout_head) {
			hc_evidence(
				r, c,
				"%s:%zu: %s workflow fetches the pull request's code: %s",
				in->ci_text[i].path, w[i].line_head, trig,
				w[i].quote_head);
			bad++;
		}
		if (w[i].wfrun && w[i].artifact) {
			hc_evidence(
				r, c,
				"%s:%zu: workflow_run workflow downloads artifacts of the triggering run: %s",
				in->ci_text[i].path, w[i].line_art,
				w[i].quote_art);
			bad++;
		}
		if (w[i].injection > 0) {
			hc_evidence(
				r, c,
				"%s:%zu: untrusted github.event text expanded in a script: %s",
				in->ci_text[i].path, w[i].line_inj,
				w[i].quote_inj);
			bad++;
		}
	}
	if (flows == 0)
		hc_na(r, c, "no CI workflows");
	else if (bad == 0)
		hc_score(r, c, 10, "no dangerous patterns in %zu workflows",
			 flows);
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

/* Fuzzing signals in the file tree, one kind at a time. */
enum fuzz_sig {
	FZ_CFL,     /* ClusterFuzzLite configuration */
	FZ_OSSFUZZ, /* OSS-Fuzz build files in the tree */
	FZ_HARNESS, /* libFuzzer-style harness sources */
	FZ_CARGO,   /* cargo-fuzz targets */
	FZ_GO,      /* Go native fuzzing corpus (testdata/fuzz/) */
	FZ_DIR,     /* a fuzz/ directory */
	FZ_NR,
};

static bool src_ext(const char *p)
{
	return hc_ends_with(p, ".c") || hc_ends_with(p, ".cc") ||
	       hc_ends_with(p, ".cpp") || hc_ends_with(p, ".cxx");
}

static int fuzz_signal(const char *p)
{
	static const char *const oss[] = { "oss-fuzz", "ossfuzz", NULL };
	static const char *const dirs[] = { "fuzz",   "fuzzing",  "fuzzers",
					    "fuzzer", "fuzztest", NULL };
	const char *b = hc_basename(p);

	if (strncmp(p, ".clusterfuzzlite/", 17) == 0)
		return FZ_CFL;
	if (strstr(p, "fuzz_targets/") && hc_ends_with(p, ".rs"))
		return FZ_CARGO;
	if (strstr(p, "testdata/fuzz/"))
		return FZ_GO;
	/* fuzz-commit-graph.c, jq_fuzz_parse.c, cjson_read_fuzzer.c; not
	 * fuzzy.c */
	if (src_ext(p) && has_word(b, "fuzz") && !has_word(b, "fuzzy"))
		return FZ_HARNESS;
	if (hc_in_dir(p, oss))
		return FZ_OSSFUZZ;
	if (hc_in_dir(p, dirs))
		return FZ_DIR;
	return -1;
}

static void fuzzing(struct health_result *r, const struct health_input *in,
		    const struct wf_scan *w, size_t nr)
{
	static const char *const what[FZ_NR] = {
		"ClusterFuzzLite",          "OSS-Fuzz build files",
		"fuzz harness sources",     "cargo-fuzz targets",
		"Go native fuzzing corpus", "fuzzing directory",
	};
	struct health_check *c = hc_begin(r, HEALTH_SECURITY, "fuzzing");
	size_t count[FZ_NR] = { 0 };
	const char *first[FZ_NR] = { NULL };
	size_t found = 0;

	for (size_t i = 0; i < in->files->file_nr; i++) {
		const char *p = in->files->file[i].path;
		int k = hc_vendored(p) ? -1 : fuzz_signal(p);

		if (k < 0)
			continue;
		if (count[k]++ == 0)
			first[k] = p;
	}
	for (int k = 0; k < FZ_NR; k++)
		if (count[k] > 0) {
			hc_evidence(r, c, "%s: %zu file%s, e.g. %s", what[k],
				    count[k], count[k] == 1 ? "" : "s",
				    first[k]);
			found++;
		}
	for (size_t i = 0; i < nr; i++)
		if (w[i].fuzz) {
			hc_evidence(r, c, "CI: %s:%zu: %s", in->ci_text[i].path,
				    w[i].line_fuzz, w[i].quote_fuzz);
			found++;
		}
	if (found)
		hc_score(r, c, 10, "fuzzing setup found (%s)", c->evidence[0]);
	else
		hc_score(r, c, 0, "no fuzzing setup found");
}

/*
 * SAST that runs: a CI file naming CodeQL, Coverity, SonarCloud,
 * clang-tidy, cppcheck, semgrep, ... scores 10.  A configuration file
 * alone (.clang-tidy, sonar-project.properties) shows intent but not
 * that the analyser runs: 5.
 */
static void sast(struct health_result *r, const struct health_input *in,
		 const struct wf_scan *w, size_t nr)
{
	static const char *const names[] = {
		"codeql",     "semgrep",    "sonar",      "coverity",
		"cppcheck",   "clang-tidy", "flawfinder", "scan-build",
		"pvs-studio", ".snyk",      NULL
	};
	struct health_check *c = hc_begin(r, HEALTH_SECURITY, "sast");
	size_t runs = 0, config = 0;
	const char *first = NULL;

	for (size_t i = 0; i < nr; i++)
		if (w[i].sast) {
			hc_evidence(r, c, "CI: %s:%zu runs %s",
				    in->ci_text[i].path, w[i].line_sast,
				    w[i].sast);
			if (!first)
				first = w[i].sast;
			runs++;
		}
	for (size_t i = 0; i < in->files->file_nr && config < 4; i++) {
		const char *p = in->files->file[i].path;
		const char *b = hc_basename(p);

		if (strncmp(p, ".github/workflows/", 18) == 0)
			continue;
		for (size_t k = 0; names[k]; k++)
			if (has_word(b, names[k]) ||
			    strncmp(p, ".github/codeql/", 15) == 0) {
				hc_evidence(r, c, "configuration: %s", p);
				config++;
				break;
			}
	}
	if (runs)
		hc_score(r, c, 10, "static analysis (SAST) runs in CI (%s)",
			 first);
	else if (config)
		hc_score(
			r, c, 5,
			"static analysis (SAST) configured but not seen running in CI");
	else
		hc_score(r, c, 0, "no static analysis (SAST) found");
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
	const char *src =
		in->vulnerabilities_source ? in->vulnerabilities_source : "OSV";

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
			 "no known vulnerability affects this revision (%s)",
			 src);
	else
		hc_score(r, c, 10 - 2 * in->vulnerabilities.value,
			 "%.0f known vulnerabilities affect this revision (%s)",
			 in->vulnerabilities.value, src);
}

/*
 * The seed's "are security updates provided in a timely manner?": the
 * median days from an OSV record's publication to the first release tag
 * containing its fix (to the fix commit when no tag has it yet), over
 * the imported records that name the repository.  30 days or less
 * scores 10; up to 90 days (the disclosure deadline of Google Project
 * Zero and of most coordinated-disclosure policies) falls linearly to
 * 5; after that linearly to 0 at 365 days.
 */
static void time_to_fix(struct health_result *r, const struct health_input *in)
{
	struct health_check *c = hc_begin(r, HEALTH_SECURITY, "time-to-fix");
	double d = in->vuln_fix_days.value;
	double score;

	if (!in->vuln_fix_days.known) {
		hc_unknown(
			r, c, "%s",
			in->vuln_fix_note
				? in->vuln_fix_note
				: "time to fix needs imported OSV records naming the repository (osshealth vulns import)");
		return;
	}
	if (in->vuln_fix_evidence)
		hc_evidence(r, c, "%s", in->vuln_fix_evidence);
	if (d <= 30)
		score = 10;
	else if (d <= 90)
		score = 10 - 5 * (d - 30) / 60;
	else if (d <= 365)
		score = 5 - 5 * (d - 90) / 275;
	else
		score = 0;
	hc_score(r, c, score,
		 "median %.0f days from publication to a release with the fix",
		 d);
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
		scan_workflow(&w[i], in->ci_text[i].text,
			      !is_workflow(in->ci_text[i].path));
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
		fuzzing(r, in, w, nr);
		sast(r, in, w, nr);
		presence_check(r, "dependency-update-tool",
			       find_update_tool(in), "dependency update tool");
	}
	signed_releases(r, in);
	signed_commits(r, in);
	vulnerabilities(r, in);
	time_to_fix(r, in);
	code_review(r, in);
}
