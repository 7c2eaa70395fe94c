/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Openness (the Four Opens) and maturity checks.  Formulas and sources:
 * docs/scoring.md.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "facts/tree.h"
#include "health/health_int.h"
#include "core/banned.h"

/* ---- Four Opens ------------------------------------------------------- */

static void open_source(struct health_result *r, const struct health_input *in)
{
	struct health_check *c = hc_begin(r, HEALTH_OPENNESS, "open-source");
	const struct health_license *l = &in->license;
	double s;

	if (!l->known) {
		hc_unknown(r, c, "license facts were not collected");
		return;
	}
	if (l->file)
		hc_evidence(r, c, "license file: %s", l->file);
	if (l->declared)
		hc_evidence(r, c, "declared: %s", l->declared);
	if (l->detected)
		hc_evidence(r, c, "detected: %s", l->detected);
	if (!l->declared && !l->detected) {
		hc_score(r, c, 0, "no license found");
		return;
	}
	if (!l->osi_approved && l->osi_class &&
	    strcmp(l->osi_class, "permissive-not-osi") == 0) {
		/* curl, public-domain dedications: free to use, modify and
		 * share, only not on the OSI list -- not "no license" */
		hc_score(r, c, 6,
			 "license '%s' is permissive but not OSI-approved",
			 l->detected ? l->detected : l->declared);
		return;
	}
	if (!l->osi_approved) {
		if (l->osi_class && strcmp(l->osi_class, "unknown") != 0)
			hc_score(r, c, 0,
				 "license '%s' is not OSI-approved (%s)",
				 l->detected ? l->detected : l->declared,
				 l->osi_class);
		else
			hc_score(r, c, 0, "license '%s' is not OSI-approved",
				 l->detected ? l->detected : l->declared);
		return;
	}
	s = 8;
	if (l->declared && l->detected && l->agree)
		s += 1;
	if (l->tagged_share.known && l->tagged_share.value >= 0.9)
		s += 1;
	else if (l->reuse)
		s += 1;
	if (l->declared && l->detected && !l->agree) {
		s -= 3;
		hc_score(
			r, c, s,
			"OSI-approved, but declared '%s' and detected '%s' disagree",
			l->declared, l->detected);
		return;
	}
	if (l->tagged_share.known)
		hc_evidence(r, c, "SPDX tags in %.0f%% of source files",
			    l->tagged_share.value * 100);
	hc_score(r, c, s, "OSI-approved license '%s'",
		 l->detected ? l->detected : l->declared);
}

static void open_design(struct health_result *r, const struct health_input *in)
{
	static const char *const design_dirs[] = {
		"adr",       "adrs",         "rfc",  "rfcs",      "design",
		"proposals", "enhancements", "keps", "decisions", NULL,
	};
	struct health_check *c = hc_begin(r, HEALTH_OPENNESS, "open-design");
	const struct tree_file *roadmap;
	size_t design = 0;

	if (!in->files) {
		hc_unknown(r, c, "the file tree was not read");
		return;
	}
	for (size_t i = 0; i < in->files->file_nr; i++) {
		if (hc_in_dir(in->files->file[i].path, design_dirs)) {
			if (design == 0)
				hc_evidence(r, c, "design record: %s",
					    in->files->file[i].path);
			design++;
		}
	}
	roadmap = hc_find_doc(in->files, "ROADMAP");
	if (roadmap)
		hc_evidence(r, c, "roadmap: %s", roadmap->path);
	if (design > 0 && roadmap)
		hc_score(r, c, 10, "%zu design records and a roadmap", design);
	else if (design > 0)
		hc_score(r, c, 8,
			 "%zu design records (ADR/RFC/proposals), no roadmap",
			 design);
	else if (roadmap)
		hc_score(r, c, 5, "a roadmap, but no design records");
	else
		hc_score(r, c, 0,
			 "no design records or roadmap in the repository");
}

static bool has_ci(const struct tree_files *t, const char **which)
{
	static const char *const ci[] = {
		".github/workflows/",  ".gitlab-ci.yml",    ".travis.yml",
		".circleci/",          "Jenkinsfile",       ".cirrus.yml",
		"azure-pipelines.yml", ".woodpecker",       ".drone.yml",
		"appveyor.yml",        ".buildkite/",       ".zuul.yaml",
		".forgejo/workflows/", ".gitea/workflows/", NULL,
	};

	for (size_t i = 0; ci[i]; i++)
		if (hc_has_prefix(t, ci[i], which))
			return true;
	return false;
}

static void open_development(struct health_result *r,
			     const struct health_input *in)
{
	struct health_check *c =
		hc_begin(r, HEALTH_OPENNESS, "open-development");
	const struct health_history *h = &in->history;
	const struct tree_file *contrib;
	const char *ci = NULL;
	double s = 0;
	int parts = 0;

	if (!in->files) {
		hc_unknown(r, c, "the file tree was not read");
		return;
	}
	contrib = hc_find_doc(in->files, "CONTRIBUTING");
	if (contrib) {
		s += 2.5;
		parts++;
		hc_evidence(r, c, "contribution guide: %s", contrib->path);
	}
	if (has_ci(in->files, &ci)) {
		s += 2.5;
		parts++;
		hc_evidence(r, c, "CI configuration: %s", ci);
	}
	if (h->known && h->commits_365 > 0) {
		double rev = (double)h->reviewed_365 / (double)h->commits_365;

		s += 2.5 * (rev > 1 ? 1 : rev);
		hc_evidence(
			r, c,
			"%llu of %llu commits in the last 365 days show review (merge, Reviewed-by/Acked-by, or committer != author)",
			(unsigned long long)h->reviewed_365,
			(unsigned long long)h->commits_365);
		s += 2.5 * h->dco_share_365;
		hc_evidence(
			r, c,
			"Signed-off-by on %.0f%% of non-merge commits in the last 365 days",
			h->dco_share_365 * 100);
	} else if (!h->known) {
		hc_score(
			r, c, s * 2,
			"history unknown; judged on files only (%d of 2 present)",
			parts);
		return;
	}
	hc_score(
		r, c, s,
		"contribution guide, CI, review evidence and sign-offs combined");
}

static void open_community(struct health_result *r,
			   const struct health_input *in)
{
	static const char *const docs[] = { "CODE_OF_CONDUCT", "GOVERNANCE",
					    "MAINTAINERS", "OWNERS",
					    "CODEOWNERS" };
	struct health_check *c = hc_begin(r, HEALTH_OPENNESS, "open-community");
	const struct health_history *h = &in->history;
	bool conduct = false, gov = false, owners = false;
	char ef[32];
	double s;

	if (!in->files) {
		hc_unknown(r, c, "the file tree was not read");
		return;
	}
	for (size_t i = 0; i < sizeof(docs) / sizeof(docs[0]); i++) {
		const struct tree_file *f = hc_find_doc(in->files, docs[i]);

		if (!f)
			continue;
		hc_evidence(r, c, "%s", f->path);
		if (i == 0)
			conduct = true;
		else if (i == 1)
			gov = true;
		else
			owners = true;
	}
	s = (conduct ? 2 : 0) + (gov ? 2 : 0) + (owners ? 2 : 0);
	if (!h->known) {
		hc_score(r, c, s / 6 * 10,
			 "history unknown; judged on community files only");
		return;
	}
	if (!h->elephant_known_365)
		snprintf(ef, sizeof(ef), "unknown");
	else
		snprintf(ef, sizeof(ef), "%llu",
			 (unsigned long long)h->elephant_factor_365);
	if (!h->elephant_known_365)
		s += h->authors_365 >= 2 ? 1 : 0; /* diversity unknown */
	else if (h->elephant_factor_365 >= 2)
		s += 2;
	else if (h->elephant_factor_365 == 1)
		s += 0.5;
	if (h->new_authors_365 > 0)
		s += 2;
	hc_evidence(
		r, c,
		"elephant factor %s (%.0f%% of the last year's contributions attributed to an organisation or an individual; known from 50%%), %llu new contributors in the last 365 days",
		ef, 100 * h->attributed_365,
		(unsigned long long)h->new_authors_365);
	hc_score(
		r, c, s,
		"code of conduct %s, governance %s, maintainers file %s, elephant factor %s",
		conduct ? "yes" : "no", gov ? "yes" : "no",
		owners ? "yes" : "no", ef);
}

void health_check_openness(struct health_result *r,
			   const struct health_input *in)
{
	open_source(r, in);
	open_design(r, in);
	open_development(r, in);
	open_community(r, in);
}

/* ---- Maturity --------------------------------------------------------- */

static bool is_test_path(const char *p)
{
	static const char *const dirs[] = {
		"test",      "tests",     "t",        "spec",    "specs",
		"__tests__", "testing",   "testdata", "regress", "regression",
		"testsuite", "unittests", NULL
	};
	const char *base = hc_basename(p);

	return hc_in_dir(p, dirs) || strncasecmp(base, "test_", 5) == 0 ||
	       strstr(base, "_test.") != NULL || strstr(base, ".test.") ||
	       strstr(base, ".spec.") != NULL;
}

static void tests_present(struct health_result *r,
			  const struct health_input *in)
{
	struct health_check *c = hc_begin(r, HEALTH_MATURITY, "tests");
	const char *first = NULL;
	size_t tests = 0;
	size_t total = 0;

	if (!in->files) {
		hc_unknown(r, c, "the file tree was not read");
		return;
	}
	for (size_t i = 0; i < in->files->file_nr; i++) {
		const char *p = in->files->file[i].path;

		if (in->files->file[i].binary || hc_vendored(p))
			continue;
		total++;
		if (is_test_path(p)) {
			/* name a test, not regress/.gitignore */
			if (!first || (*hc_basename(first) == '.' &&
				       *hc_basename(p) != '.'))
				first = p;
			tests++;
		}
	}
	if (first)
		hc_evidence(r, c, "test file: %s", first);
	hc_evidence(r, c, "%zu of %zu text files are tests", tests, total);
	if (total == 0)
		hc_na(r, c, "the repository has no text files");
	else if (tests == 0)
		hc_score(r, c, 0, "no tests found");
	else
		hc_score(r, c, 5 + 50.0 * (double)tests / (double)total,
			 "tests present (%.0f%% of text files)",
			 100.0 * (double)tests / (double)total);
}

static void ci_present(struct health_result *r, const struct health_input *in)
{
	struct health_check *c = hc_begin(r, HEALTH_MATURITY, "ci");
	const char *which = NULL;

	if (!in->files)
		hc_unknown(r, c, "the file tree was not read");
	else if (has_ci(in->files, &which)) {
		hc_evidence(r, c, "%s", which);
		hc_score(r, c, 10, "CI configuration present");
	} else
		hc_score(r, c, 0, "no CI configuration found");
}

static void releases(struct health_result *r, const struct health_input *in)
{
	struct health_check *c = hc_begin(r, HEALTH_MATURITY, "releases");
	const struct health_history *h = &in->history;
	struct hc_releases rel;
	double s;

	if (!hc_releases(&rel, in)) {
		hc_unknown(r, c, "tags were not read");
		return;
	}
	hc_evidence(r, c, "%llu releases and %llu pre-releases among %llu tags",
		    (unsigned long long)h->releases_all,
		    (unsigned long long)h->prereleases_all,
		    (unsigned long long)h->tags_all);
	if (rel.all == 0) {
		hc_score(r, c, 0, "no releases: %s",
			 h->prereleases_all ? "pre-release tags only"
			 : h->tags_all > 0  ? "no tag names a version"
					    : "no tags");
		return;
	}
	if (rel.from_forge)
		hc_evidence(
			r, c,
			"from the forge's releases: %llu releases and %llu pre-releases, last release %s",
			(unsigned long long)rel.all,
			(unsigned long long)rel.pre, rel.last_name);
	else
		hc_evidence(r, c, "tag scheme %s%s, last release %s",
			    h->release_scheme[0] ? h->release_scheme : "plain",
			    h->release_scheme[0] ? "-<version>"
						 : " [v]<version>",
			    rel.last_name);
	s = 5;
	if (rel.r365 > 0)
		s += 3;
	if (rel.interval > 0 && rel.interval <= 180)
		s += 2;
	if (rel.interval > 0)
		hc_evidence(r, c, "median interval %.0f days", rel.interval);
	hc_score(r, c, s, "%llu releases%s, %llu in the last 365 days",
		 (unsigned long long)rel.all,
		 rel.from_forge ? " on the forge" : "",
		 (unsigned long long)rel.r365);
}

/*
 * A change log or release notes in one of their common forms: a file
 * (CHANGELOG, NEWS, CHANGES, HISTORY, RELEASE-NOTES, ...) at the root or
 * in .github/, docs/, doc/; a directory of notes (git's
 * Documentation/RelNotes/, OpenStack reno's releasenotes/notes/,
 * towncrier's changelog.d/, docs/release-notes/); debian/changelog.
 */
static const char *changelog_dir(const char *p)
{
	static const char *const dirs[] = {
		"relnotes/",      "releasenotes/", "release-notes/",
		"release_notes/", "changelog.d/",  "changelogs/",
		"changelog/",     "changes.d/",    NULL,
	};

	for (size_t i = 0; dirs[i]; i++) {
		size_t n = strlen(dirs[i]);

		for (const char *q = p; q; q = strchr(q, '/')) {
			if (*q == '/')
				q++;
			if (strncasecmp(q, dirs[i], n) == 0 && q[n] != '\0')
				return dirs[i];
		}
	}
	return NULL;
}

static void changelog(struct health_result *r, const struct health_input *in)
{
	static const char *const stems[] = {
		"CHANGELOG",    "NEWS",          "CHANGES",
		"HISTORY",      "RELEASE-NOTES", "RELEASE_NOTES",
		"RELEASENOTES", "RELNOTES",      "RELEASES",
		NULL,
	};
	struct health_check *c = hc_begin(r, HEALTH_MATURITY, "changelog");
	const struct tree_file *f = NULL;

	if (!in->files) {
		hc_unknown(r, c, "the file tree was not read");
		return;
	}
	for (size_t i = 0; stems[i] && !f; i++)
		f = hc_find_doc(in->files, stems[i]);
	if (f) {
		hc_evidence(r, c, "%s", f->path);
		hc_score(r, c, 10, "changelog present");
		return;
	}
	f = tree_files_find(in->files, "debian/changelog");
	if (f) {
		hc_evidence(r, c, "%s", f->path);
		hc_score(r, c, 10, "changelog present (Debian changelog)");
		return;
	}
	for (size_t i = 0; i < in->files->file_nr; i++) {
		const char *p = in->files->file[i].path;

		if (changelog_dir(p)) {
			hc_evidence(r, c, "%s", p);
			hc_score(
				r, c, 10,
				"release notes present (a directory of notes)");
			return;
		}
	}
	if (in->forge.known && in->forge.releases_with_notes > 0) {
		hc_evidence(
			r, c,
			"%ld of the forge's %ld releases carry release notes",
			in->forge.releases_with_notes, in->forge.releases);
		hc_score(r, c, 10, "release notes present (on the forge)");
		return;
	}
	hc_score(r, c, 0, "no changelog or release notes found");
}

static void documentation(struct health_result *r,
			  const struct health_input *in)
{
	struct health_check *c = hc_begin(r, HEALTH_MATURITY, "documentation");
	const struct tree_file *readme;
	const char *docdir = NULL;
	double s = 0;

	if (!in->files) {
		hc_unknown(r, c, "the file tree was not read");
		return;
	}
	readme = hc_find_doc(in->files, "README");
	if (readme) {
		s += 5;
		hc_evidence(r, c, "%s (%llu bytes)", readme->path,
			    (unsigned long long)readme->size);
		if (readme->size >= 2048)
			s += 1;
	}
	if (hc_has_prefix(in->files, "docs/", NULL))
		docdir = "docs/";
	else if (hc_has_prefix(in->files, "doc/", NULL))
		docdir = "doc/";
	else if (hc_has_prefix(in->files, "Documentation/", NULL))
		docdir = "Documentation/";
	if (docdir) {
		s += 4;
		hc_evidence(r, c, "documentation folder: %s", docdir);
	}
	if (s == 0)
		hc_score(r, c, 0, "no README and no documentation folder");
	else
		hc_score(r, c, s, "README %s, documentation folder %s",
			 readme ? "present" : "missing",
			 docdir ? "present" : "missing");
}

static void age(struct health_result *r, const struct health_input *in)
{
	struct health_check *c = hc_begin(r, HEALTH_MATURITY, "age");
	const struct health_history *h = &in->history;
	double years;

	if (!h->known || h->commits_all == 0) {
		hc_unknown(r, c, "history was not read");
		return;
	}
	/* A commit date is whatever its author wrote: INT64_MIN would
	 * overflow the subtraction and a future date has no age. */
	if (h->first_commit < 0 || h->first_commit > in->now) {
		hc_unknown(r, c,
			   "first commit date implausible (%lld seconds since "
			   "1970)",
			   (long long)h->first_commit);
		return;
	}
	years = (double)(in->now - h->first_commit) / (365.25 * HC_DAY);
	hc_evidence(r, c, "first commit %.1f years ago", years);
	hc_score(r, c, years * 5, "%.1f years of history", years);
}

static void maintenance(struct health_result *r, const struct health_input *in)
{
	struct health_check *c = hc_begin(r, HEALTH_MATURITY, "maintenance");
	const struct health_history *h = &in->history;
	double s = 0;

	if (!h->known) {
		hc_unknown(r, c, "history was not read");
		return;
	}
	if (h->commits_90 > 0)
		s += 6;
	else if (h->commits_365 > 0)
		s += 3;
	if (h->releases_365 > 0)
		s += 4;
	hc_evidence(
		r, c,
		"%llu commits in the last 90 days, %llu releases in the last 365",
		(unsigned long long)h->commits_90,
		(unsigned long long)h->releases_365);
	hc_score(r, c, s, "%s",
		 s >= 10 ? "recent commits and releases"
		 : s > 0 ? "some recent maintenance"
			 : "no commit or release in the last 365 days");
}

static void standards(struct health_result *r, const struct health_input *in)
{
	struct health_check *c = hc_begin(r, HEALTH_MATURITY, "standards");
	const struct health_license *l = &in->license;
	const char *sbom = NULL;
	double s = 0;

	if (!in->files) {
		hc_unknown(r, c, "the file tree was not read");
		return;
	}
	for (size_t i = 0; i < in->files->file_nr && !sbom; i++) {
		const char *p = in->files->file[i].path;

		if (hc_ends_with(p, ".spdx") || hc_ends_with(p, ".spdx.json") ||
		    hc_ends_with(p, ".cdx.json") || strstr(p, "bom.json"))
			sbom = p;
	}
	if (sbom) {
		s += 3;
		hc_evidence(r, c, "SBOM: %s", sbom);
	}
	if (l->reuse) {
		s += 3;
		hc_evidence(r, c, "REUSE metadata present");
	}
	if (l->known && l->tagged_share.known) {
		s += 4 * l->tagged_share.value;
		hc_evidence(r, c, "SPDX tags in %.0f%% of source files",
			    l->tagged_share.value * 100);
	} else if (!l->known && !sbom) {
		hc_unknown(r, c, "license facts were not collected");
		return;
	}
	hc_score(r, c, s / 10 * 10, "SPDX tags, REUSE and published SBOM");
}

void health_check_maturity(struct health_result *r,
			   const struct health_input *in)
{
	tests_present(r, in);
	ci_present(r, in);
	releases(r, in);
	changelog(r, in);
	documentation(r, in);
	age(r, in);
	maintenance(r, in);
	standards(r, in);
}
