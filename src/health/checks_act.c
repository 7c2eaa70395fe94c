/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Activity (CHAOSS-derived) and risk checks.  Risk checks score 10 for low
 * risk and 0 for high risk, so that every category reads "higher is
 * better".  Formulas: docs/scoring.md.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "facts/tree.h"
#include "health/health_int.h"
#include "core/banned.h"

static bool history_or_unknown(struct health_result *r, struct health_check *c,
			       const struct health_input *in)
{
	if (in->history.known)
		return true;
	hc_unknown(r, c, "history was not read");
	return false;
}

static void commit_frequency(struct health_result *r,
			     const struct health_input *in)
{
	struct health_check *c =
		hc_begin(r, HEALTH_ACTIVITY, "commit-frequency");
	const struct health_history *h = &in->history;

	if (!history_or_unknown(r, c, in))
		return;
	hc_evidence(r, c,
		    "%llu commits in the last 90 days, %llu in the last 365",
		    (unsigned long long)h->commits_90,
		    (unsigned long long)h->commits_365);
	/* About one commit a week over 90 days earns the full score. */
	hc_score(r, c, (double)h->commits_90 / 13.0 * 10,
		 "%llu commits in the last 90 days",
		 (unsigned long long)h->commits_90);
}

static void contributors(struct health_result *r, const struct health_input *in)
{
	struct health_check *c = hc_begin(r, HEALTH_ACTIVITY, "contributors");
	const struct health_history *h = &in->history;

	if (!history_or_unknown(r, c, in))
		return;
	hc_evidence(
		r, c,
		"%llu active authors in the last 365 days, %llu all time, %llu new",
		(unsigned long long)h->authors_365,
		(unsigned long long)h->authors_all,
		(unsigned long long)h->new_authors_365);
	hc_evidence(r, c,
		    "people only: %llu non-merge commits by people; left out "
		    "%llu merges and %llu bot commits",
		    (unsigned long long)h->contributions_365,
		    (unsigned long long)h->merges_365,
		    (unsigned long long)h->bot_commits_365);
	if (h->excluded_365[0] != '\0')
		hc_evidence(r, c, "identities left out: %s", h->excluded_365);
	/* Logarithmic: 1 author 2.9, 3 authors 5.8, 10 authors 10. */
	hc_score(r, c, 10 * log2(1 + (double)h->authors_365) / log2(11),
		 "%llu active authors in the last 365 days",
		 (unsigned long long)h->authors_365);
}

static void trend(struct health_result *r, const struct health_input *in)
{
	struct health_check *c = hc_begin(r, HEALTH_ACTIVITY, "trend");
	const struct health_history *h = &in->history;
	double ratio;

	if (!history_or_unknown(r, c, in))
		return;
	hc_evidence(r, c,
		    "%llu commits in the last 365 days, %llu in the 365 before",
		    (unsigned long long)h->commits_365,
		    (unsigned long long)h->commits_prev_365);
	if (h->commits_prev_365 == 0 && h->commits_365 == 0) {
		hc_score(r, c, 0, "no commits in the last two years");
		return;
	}
	if (h->commits_prev_365 == 0) {
		hc_score(r, c, 10, "new activity this year");
		return;
	}
	ratio = (double)h->commits_365 / (double)h->commits_prev_365;
	if (ratio >= 1)
		hc_score(r, c, 10, "activity stable or growing (x%.2f)", ratio);
	else if (ratio >= 0.5)
		hc_score(r, c, 5 + 10 * (ratio - 0.5),
			 "activity falling (x%.2f year on year)", ratio);
	else
		hc_score(r, c, 10 * ratio,
			 "activity falling sharply (x%.2f year on year)",
			 ratio);
}

static double days_since(int64_t now, int64_t t)
{
	return t > 0 ? (double)(now - t) / HC_DAY : -1;
}

static void recency(struct health_result *r, const struct health_input *in)
{
	struct health_check *c = hc_begin(r, HEALTH_ACTIVITY, "recency");
	const struct health_history *h = &in->history;
	double d;
	double s;

	if (!history_or_unknown(r, c, in))
		return;
	if (h->commits_all == 0) {
		hc_score(r, c, 0, "no commits");
		return;
	}
	d = days_since(in->now, h->last_commit);
	s = d <= 30    ? 10
	    : d <= 90  ? 8
	    : d <= 180 ? 6
	    : d <= 365 ? 4
	    : d <= 730 ? 2
		       : 0;
	hc_evidence(r, c, "last commit %.0f days ago", d);
	hc_score(r, c, s, "last commit %.0f days ago", d);
}

static void release_activity(struct health_result *r,
			     const struct health_input *in)
{
	struct health_check *c =
		hc_begin(r, HEALTH_ACTIVITY, "release-activity");
	struct hc_releases rel;
	double d;
	double s;

	if (!history_or_unknown(r, c, in))
		return;
	hc_releases(&rel, in);
	if (rel.all == 0 || rel.last == 0) {
		hc_score(r, c, 0, "no releases");
		return;
	}
	/* whole days, as `history` prints them */
	d = trunc(days_since(in->now, rel.last));
	s = d <= 180 ? 10 : d <= 365 ? 7 : d <= 548 ? 4 : 0;
	hc_evidence(
		r, c,
		"last release %s %.0f days ago, %llu in the last 365 days%s",
		rel.last_name, d, (unsigned long long)rel.r365,
		rel.from_forge ? " (the forge's releases)" : "");
	hc_score(r, c, s, "last release %.0f days ago", d);
}

static void issue_responsiveness(struct health_result *r,
				 const struct health_input *in)
{
	struct health_check *c =
		hc_begin(r, HEALTH_ACTIVITY, "issue-responsiveness");
	const struct health_forge *f = &in->forge;
	double d = f->median_close_days;
	double s;

	if (!f->known) {
		hc_unknown(
			r, c,
			"issue facts need online enrichment (scan --enrich forge)");
		return;
	}
	hc_evidence(
		r, c,
		"%ld issues opened and %ld closed in the last 365 days; %ld pull/merge requests opened, %ld closed",
		f->issues_opened_365, f->issues_closed_365,
		f->changes_opened_365, f->changes_closed_365);
	if (f->issues_opened_365 == 0 && f->issues_closed_365 == 0) {
		hc_na(r, c, "no issues in the last 365 days");
		return;
	}
	if (d < 0) {
		hc_score(r, c, 0, "no issue closed in the last 365 days");
		return;
	}
	s = d <= 7 ? 10 : d <= 30 ? 8 : d <= 90 ? 5 : d <= 365 ? 2 : 0;
	hc_score(r, c, s, "median time to close an issue: %.1f days", d);
}

/*
 * CHAOSS time to first response over the forge sample: median days from
 * opening to the first reply by someone other than the author (bots
 * left out).  <= 2: 10, <= 7: 8, <= 30: 5, <= 90: 2, else 0; nobody
 * answered any sampled item: 0.
 */
static void first_response(struct health_result *r,
			   const struct health_input *in)
{
	struct health_check *c = hc_begin(r, HEALTH_ACTIVITY, "first-response");
	const struct health_forge *f = &in->forge;
	double d = f->median_response_days;
	double s;

	if (!f->known || f->response_state == 2) {
		hc_unknown(
			r, c, "%s",
			!f->known
				? "response facts need online enrichment (scan --enrich forge)"
			: f->detail_note ? f->detail_note
					 : "a forge request failed");
		return;
	}
	if (f->response_state == 0 || f->response_sample == 0) {
		hc_na(r, c,
		      "no issue or change opened in the last 365 days (bots aside)");
		return;
	}
	hc_evidence(
		r, c,
		"%ld of the %ld most recent issues and changes answered by someone other than their author",
		f->response_answered, f->response_sample);
	if (f->response_answered == 0 || d < 0) {
		hc_score(r, c, 0,
			 "none of %ld sampled issues and changes answered",
			 f->response_sample);
		return;
	}
	s = d <= 2 ? 10 : d <= 7 ? 8 : d <= 30 ? 5 : d <= 90 ? 2 : 0;
	hc_score(r, c, s, "median time to first response: %.1f days", d);
}

static void adoption(struct health_result *r, const struct health_input *in)
{
	struct health_check *c = hc_begin(r, HEALTH_ACTIVITY, "adoption");
	const struct health_forge *f = &in->forge;
	double n;

	if (!f->known) {
		hc_unknown(
			r, c,
			"adoption signals need online enrichment (scan --enrich forge)");
		return;
	}
	hc_evidence(r, c, "%ld stars, %ld forks", f->stars, f->forks);
	/* Logarithmic: 10 stars+forks 2.5, 1000 about 7.5, 10000 10. */
	n = (double)(f->stars > 0 ? f->stars : 0) +
	    (double)(f->forks > 0 ? f->forks : 0);
	hc_score(r, c, 10 * log10(1 + n) / 4,
		 "%ld stars and %ld forks on the forge", f->stars, f->forks);
}

void health_check_activity(struct health_result *r,
			   const struct health_input *in)
{
	commit_frequency(r, in);
	contributors(r, in);
	trend(r, in);
	recency(r, in);
	release_activity(r, in);
	issue_responsiveness(r, in);
	first_response(r, in);
	adoption(r, in);
}

/* ---- Risk ------------------------------------------------------------- */

static void likelihood_to_fail(struct health_result *r,
			       const struct health_input *in)
{
	struct health_check *c = hc_begin(r, HEALTH_RISK, "likelihood-to-fail");
	const struct health_history *h = &in->history;
	struct hc_releases rel;
	double s = 10;
	double since;

	if (!history_or_unknown(r, c, in))
		return;
	if (h->commits_365 == 0) {
		s -= 3;
		hc_evidence(r, c, "no commit in the last 365 days");
	}
	if (in->forge.known && in->forge.archived) {
		s -= 5;
		hc_evidence(r, c,
			    "archived on its forge: the maintainers ended it");
	}
	if (h->absence_factor_365 == 1) {
		s -= 3;
		hc_evidence(
			r, c,
			"contributor absence factor 1: one author made half of the last year's non-merge commits (bots aside)");
	}
	if (h->elephant_known_365 && h->elephant_factor_365 == 1) {
		s -= 2;
		hc_evidence(
			r, c,
			"elephant factor 1: one organisation made half of the last year's commits");
	}
	if (h->commits_prev_365 > 0 &&
	    (double)h->commits_365 < 0.5 * (double)h->commits_prev_365) {
		s -= 2;
		hc_evidence(r, c,
			    "activity fell by more than half year on year");
	}
	hc_releases(&rel, in);
	since = days_since(in->now, rel.last);
	if (rel.all == 0 || since > 548) {
		s -= 2;
		hc_evidence(r, c, "no release in 18 months");
	}
	hc_score(r, c, s, "%s",
		 c->evidence_nr == 0
			 ? "no failure signals"
			 : "failure signals present (see evidence)");
}

static void ease_of_replacement(struct health_result *r,
				const struct health_input *in)
{
	struct health_check *c =
		hc_begin(r, HEALTH_RISK, "ease-of-replacement");
	size_t n = in->declared.alternatives;

	if (!in->declared.alternatives_known) {
		hc_unknown(r, c, "no alternatives declared in the manifest");
		return;
	}
	hc_evidence(r, c, "%zu declared alternatives", n);
	if (n == 0)
		hc_score(r, c, 2, "no known alternative: hard to replace");
	else
		hc_score(r, c, n >= 2 ? 10 : 7, "%zu known alternative%s", n,
			 n == 1 ? "" : "s");
}

static const char *find_build_file(const struct tree_files *t)
{
	static const char *const files[] = {
		"Makefile",         "CMakeLists.txt",
		"meson.build",      "configure.ac",
		"package.json",     "Cargo.toml",
		"pom.xml",          "build.gradle",
		"build.gradle.kts", "setup.py",
		"pyproject.toml",   "go.mod",
		"BUILD.bazel",      "WORKSPACE",
		"Gemfile",          "composer.json",
		"GNUmakefile",      "build.sbt",
		"mix.exs",          NULL,
	};

	for (size_t i = 0; files[i]; i++)
		if (tree_files_find(t, files[i]))
			return files[i];
	return NULL;
}

static void ability_to_fork(struct health_result *r,
			    const struct health_input *in)
{
	struct health_check *c = hc_begin(r, HEALTH_RISK, "ability-to-fork");
	const char *build;
	double s = 0;

	if (!in->files || !in->license.known) {
		hc_unknown(r, c, "file tree or license facts missing");
		return;
	}
	if (in->license.osi_approved) {
		s += 4;
		hc_evidence(r, c, "OSI-approved license");
	} else if (in->license.osi_class &&
		   (strcmp(in->license.osi_class, "permissive-not-osi") == 0 ||
		    strcmp(in->license.osi_class, "copyleft-not-osi") == 0)) {
		/* curl, blessing: free to modify and redistribute */
		s += 4;
		hc_evidence(
			r, c,
			"free license, not OSI-approved (%s): forks allowed",
			in->license.osi_class);
	} else {
		hc_evidence(
			r, c,
			"no OSI-approved license: a fork may not be allowed");
	}
	build = find_build_file(in->files);
	if (build) {
		s += 2;
		hc_evidence(r, c, "build file: %s", build);
	}
	if (hc_find_doc(in->files, "README")) {
		s += 2;
		hc_evidence(r, c, "README present");
	}
	if (in->history.known && (in->history.authors_365 >= 3 ||
				  in->history.absence_factor_365 >= 2)) {
		s += 2;
		hc_evidence(r, c, "knowledge spread over %llu recent authors",
			    (unsigned long long)in->history.authors_365);
	}
	hc_score(r, c, s,
		 "license, build files, documentation and knowledge spread");
}

/*
 * How easily the owners could change the license: a CLA or copyright
 * assignment, copyright concentrated in one holder, a past relicensing
 * and a source-available license each make it easier (docs/scoring.md).
 */
static void relicensing_risk(struct health_result *r,
			     const struct health_input *in)
{
	struct health_check *c = hc_begin(r, HEALTH_RISK, "relicensing-risk");
	const struct health_relicensing *x = &in->relicensing;
	double share =
		x->noticed > 0 ? (double)x->top_files / (double)x->noticed : 0;
	double s = 10;

	if (!x->known) {
		hc_unknown(r, c, "the file tree was not read");
		return;
	}
	if (x->cla) {
		s -= x->assignment ? 4 : 3;
		hc_evidence(r, c, "%s: %s",
			    x->assignment ? "copyright assignment" : "CLA",
			    x->cla);
	}
	if (x->top_holder && x->noticed >= 10 && share >= 0.8) {
		s -= 3;
	} else if (x->top_holder && x->noticed >= 10 && share >= 0.5) {
		s -= 1.5;
	}
	if (x->top_holder)
		hc_evidence(
			r, c,
			"copyright: '%s' in %zu of %zu files with a notice (%.0f%%); %zu holders; %zu files read",
			x->top_holder, x->top_files, x->noticed, share * 100,
			x->holders, x->sampled);
	else
		hc_evidence(r, c, "no copyright notices in %zu files read",
			    x->sampled);
	if (x->relicensed) {
		s -= 2;
		hc_evidence(r, c, "relicensed before: %s",
			    x->relicensed_note ? x->relicensed_note : "");
	}
	if (x->source_available) {
		s -= 2;
		hc_evidence(r, c, "a source-available license now or before");
	}
	hc_score(r, c, s < 0 ? 0 : s, "%s",
		 s <= 4 ? "the owners could change the license: see evidence"
			: "relicensing needs many copyright holders' consent");
}

void health_check_risk(struct health_result *r, const struct health_input *in)
{
	likelihood_to_fail(r, in);
	ease_of_replacement(r, in);
	ability_to_fork(r, in);
	relicensing_risk(r, in);
}
