/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * `osshealth history [--repo PATH] [--all-refs] [--format text|json]`:
 * the history facts of one repository (commits, authors, sign-off share,
 * DCO enforcement date, CHAOSS activity windows, releases, time zones),
 * the numbers a scan records, printed for checking against git.
 */
#include "cmd/cmd.h"

#include <stdbool.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>

#include <cjson/cJSON.h>

#include "core/buf.h"
#include "core/err.h"
#include "core/path.h"
#include "core/timeutil.h"
#include "dco/dco.h"
#include "git/history.h"
#include "health/activity.h"
#include "report/report.h"
#include "store/store.h"
#include "store/store_hist.h"
#include "core/banned.h"

enum { OPT_ALL = CMD_OPT_ID };

/* What the command walked: a fresh walk, or new commits on top of --db. */
struct hist_run {
	struct hist walked; /* commits walked now */
	struct hist all;    /* all commits (== walked without --db) */
	bool stored;        /* --db given */
};

static const struct cmd_opt hist_opt[] = {
	{ "repo", 'r', required_argument, 'r', "PATH",
	  "repository (default: the current directory)" },
	{ "format", 'f', required_argument, 'f', "FMT",
	  "output: text (default) or json" },
	{ "db", 'd', required_argument, 'd', "FILE",
	  "keep commit facts in this database; walk only new commits" },
	{ "all-refs", 0, no_argument, OPT_ALL, NULL,
	  "walk every ref and HEAD, like git log --all" },
	{ NULL, 0, 0, 0, NULL, NULL },
};

static const struct cmd_spec hist_spec = {
	.name = "history",
	.usage =
		"history [--all-refs] [--repo PATH] [--db FILE] [--format FMT]",
	.summary =
		"Print the history facts of a repository: commits, authors, signed-off share and DCO enforcement date, CHAOSS activity windows (90 days, 365 days, all time; people metrics count non-merge commits by people, the identities left out are listed), releases of any tag scheme and commit time zones.  Definitions: docs/metrics.md.",
	.opts = hist_opt,
};

static const char *const win_name[ACT_NWIN] = { "90d", "365d", "all" };

static void print_tags(const struct hist *h)
{
	size_t annotated = 0;
	size_t signed_tags = 0;

	for (size_t i = 0; i < h->tag_nr; i++) {
		annotated += h->tag[i].annotated;
		signed_tags += h->tag[i].signed_tag;
	}
	printf("tags: %zu, annotated %zu, signed %zu\n", h->tag_nr, annotated,
	       signed_tags);
}

/* The identities left out of the people metrics (evidence). */
static void print_excluded(const struct act_window_metrics *x)
{
	if (x->excluded_nr == 0) {
		printf("excluded 365d: none\n");
		return;
	}
	printf("excluded 365d:");
	for (size_t i = 0; i < x->excluded_nr; i++)
		printf("%s %s %zu %s", i ? ";" : "", x->excluded[i].ident,
		       x->excluded[i].commits,
		       x->excluded[i].bot ? "commits (bot)" : "merges");
	if (x->excluded_more)
		printf("; and %zu more", x->excluded_more);
	printf("\n");
}

static void print_releases(const struct act_metrics *m)
{
	const struct rel_summary *r = &m->rel;
	char date[32];

	if (r->releases == 0) {
		printf("releases: none (%zu pre-releases, %zu other tags)\n",
		       r->prereleases, r->other + r->foreign);
		return;
	}
	oh_date_format(date, sizeof(date), r->last);
	printf("releases: %zu, pre-releases %zu, scheme '%s' (e.g. %s), "
	       "other tags %zu, median interval %.1f days, last %s %.10s "
	       "(%lld days ago)\n",
	       r->releases, r->prereleases, r->family[0] ? r->family : "plain",
	       r->family_example, r->other + r->foreign,
	       r->median_interval_days, r->last_name, date,
	       (long long)r->days_since_last);
}

static void print_text(const struct hist *h, const struct act_metrics *m,
		       const struct dco_stats *d, size_t walked)
{
	char date[32] = "never";

	if (d->enforced_since != 0)
		oh_date_format(date, sizeof(date), d->enforced_since);
	printf("commits: %zu\n", h->commit_nr);
	if (walked != (size_t)-1)
		printf("walked: %zu new commits\n", walked);
	printf("signed-off: %zu/%zu non-merge (%.1f%%), last 365 days "
	       "%zu/%zu (%.1f%%)\n",
	       d->signed_all, d->nonmerge_all, 100 * d->share_all,
	       d->signed_365, d->nonmerge_365, 100 * d->share_365);
	if (d->enforced_since != 0)
		printf("dco enforced since: %s (%zu commits)\n", date,
		       d->enforced_commits);
	else
		printf("dco enforced since: never\n");
	for (int w = 0; w < ACT_NWIN; w++) {
		const struct act_window_metrics *x = &m->w[w];
		char ef[32] = "unknown";

		if (x->elephant_known)
			snprintf(ef, sizeof(ef), "%zu", x->elephant_factor);
		printf("window %s: commits %zu (previous %zu), authors %zu, "
		       "new authors %zu, absence factor %zu, elephant factor "
		       "%s, organisations %zu, contributions %zu, merges %zu, "
		       "bot commits %zu, attributed %.0f%%\n",
		       win_name[w], x->commits, x->prev_commits, x->authors,
		       x->new_authors, x->absence_factor, ef, x->organisations,
		       x->contributions, x->merges, x->bot_commits,
		       x->contributions ? 100.0 * (double)x->attributed /
						  (double)x->contributions
					: 0.0);
	}
	print_excluded(&m->w[ACT_W365]);
	printf("inactive authors: %zu\n", m->inactive_authors);
	print_releases(m);
	print_tags(h);
	printf("days since last commit: %lld\n",
	       (long long)m->days_since_commit);
	for (size_t i = 0; i < ACT_TZ_SLOTS; i++) {
		int t = act_tz_minutes(i);

		if (m->tz[i] > 0)
			printf("tz %c%02d%02d: %zu\n", t < 0 ? '-' : '+',
			       (t < 0 ? -t : t) / 60, (t < 0 ? -t : t) % 60,
			       m->tz[i]);
	}
}

static void print_json(const struct hist *h, const struct act_metrics *m,
		       const struct dco_stats *d, size_t walked)
{
	cJSON *o = cJSON_CreateObject();
	cJSON *ws = cJSON_AddObjectToObject(o, "windows");
	cJSON *ex;

	cJSON_AddNumberToObject(o, "commits", (double)h->commit_nr);
	if (walked != (size_t)-1)
		cJSON_AddNumberToObject(o, "walked", (double)walked);
	cJSON_AddNumberToObject(o, "nonmerge", (double)d->nonmerge_all);
	cJSON_AddNumberToObject(o, "signed_off", (double)d->signed_all);
	cJSON_AddNumberToObject(o, "signed_off_share", d->share_all);
	cJSON_AddNumberToObject(o, "signed_off_share_365", d->share_365);
	cJSON_AddNumberToObject(o, "dco_enforced_since",
				(double)d->enforced_since);
	for (int w = 0; w < ACT_NWIN; w++) {
		const struct act_window_metrics *x = &m->w[w];
		cJSON *j = cJSON_AddObjectToObject(ws, win_name[w]);

		cJSON_AddNumberToObject(j, "commits", (double)x->commits);
		cJSON_AddNumberToObject(j, "previous", (double)x->prev_commits);
		cJSON_AddNumberToObject(j, "trend", x->trend);
		cJSON_AddNumberToObject(j, "authors", (double)x->authors);
		cJSON_AddNumberToObject(j, "new_authors",
					(double)x->new_authors);
		cJSON_AddNumberToObject(j, "absence_factor",
					(double)x->absence_factor);
		if (x->elephant_known)
			cJSON_AddNumberToObject(j, "elephant_factor",
						(double)x->elephant_factor);
		else
			cJSON_AddNullToObject(j, "elephant_factor");
		cJSON_AddNumberToObject(j, "organisations",
					(double)x->organisations);
		cJSON_AddNumberToObject(j, "contributions",
					(double)x->contributions);
		cJSON_AddNumberToObject(j, "merges", (double)x->merges);
		cJSON_AddNumberToObject(j, "bot_commits",
					(double)x->bot_commits);
		cJSON_AddNumberToObject(j, "attributed", (double)x->attributed);
		ex = cJSON_AddArrayToObject(j, "excluded");
		for (size_t i = 0; i < x->excluded_nr; i++) {
			cJSON *e = cJSON_CreateObject();

			cJSON_AddStringToObject(e, "identity",
						x->excluded[i].ident);
			cJSON_AddNumberToObject(e, "commits",
						(double)x->excluded[i].commits);
			cJSON_AddBoolToObject(e, "bot", x->excluded[i].bot);
			cJSON_AddItemToArray(ex, e);
		}
	}
	cJSON_AddNumberToObject(o, "inactive_authors",
				(double)m->inactive_authors);
	cJSON_AddNumberToObject(o, "releases", (double)m->releases);
	cJSON_AddNumberToObject(o, "prereleases", (double)m->rel.prereleases);
	cJSON_AddStringToObject(o, "release_scheme", m->rel.family);
	cJSON_AddNumberToObject(o, "release_interval_days",
				m->release_interval_days);
	if (m->rel.releases > 0) {
		cJSON_AddNumberToObject(o, "days_since_release",
					(double)m->rel.days_since_last);
		cJSON_AddStringToObject(o, "last_release", m->rel.last_name);
	} else {
		cJSON_AddNullToObject(o, "days_since_release");
		cJSON_AddNullToObject(o, "last_release");
	}
	cJSON_AddNumberToObject(o, "days_since_commit",
				(double)m->days_since_commit);
	report_print_json(stdout, o);
}

static int load_rules(struct hist_bots **bots, struct act_orgs **orgs,
		      struct oh_err *err)
{
	struct oh_buf p = OH_BUF_INIT;
	int rc = oh_data_file(&p, "rules/bots.json", err);

	if (rc == 0)
		rc = hist_bots_load(bots, p.buf, err);
	oh_buf_reset(&p);
	if (rc == 0)
		rc = oh_data_file(&p, "rules/orgs.json", err);
	if (rc == 0)
		rc = act_orgs_load(orgs, p.buf, err);
	oh_buf_release(&p);
	return rc;
}

/* Walk new commits, store them, load everything back. */
static int collect_stored(struct hist_run *r, const char *repo, const char *db,
			  struct hist_opts *ho, struct oh_err *err)
{
	struct store_open_opts so = STORE_OPEN_OPTS_INIT;
	struct store *st = NULL;
	struct store_hist *sh = NULL;
	char *abs = realpath(repo, NULL);
	int rc;

	rc = store_open(&st, db, &so, err);
	if (rc == 0)
		rc = store_hist_open(&sh, st, abs ? abs : repo, "local", err);
	if (rc == 0) {
		ho->known = store_hist_known;
		ho->known_payload = sh;
		rc = hist_collect(&r->walked, repo, ho, err);
	}
	if (rc == 0)
		rc = store_hist_save(sh, &r->walked, err);
	if (rc == 0)
		rc = store_hist_load(&r->all, sh, err);
	store_hist_close(sh);
	store_close(st);
	free(abs);
	return rc;
}

int cmd_history(int argc, char **argv)
{
	struct hist_opts ho = HIST_OPTS_INIT;
	enum report_format fmt = REPORT_TEXT;
	struct hist_bots *bots = NULL;
	struct act_orgs *orgs = NULL;
	struct oh_err err = OH_ERR_INIT;
	struct act_metrics m;
	struct dco_stats d;
	struct cmd_parser p;
	const char *repo = ".";
	struct hist_run r = { .stored = false };
	const char *db = NULL;
	int64_t now = oh_now();
	int ret = OH_EXIT_OK;
	int c;

	cmd_parser_init(&p, &hist_spec);
	while ((c = cmd_parser_next(&p, argc, argv)) != CMD_OPT_END) {
		switch (c) {
		case 'r':
			repo = optarg;
			break;
		case 'f':
			if (report_format_parse(&fmt, optarg, NULL) < 0 ||
			    (fmt != REPORT_TEXT && fmt != REPORT_JSON))
				return cmd_usage_error("history",
						       "unknown format '%s'",
						       optarg);
			break;
		case OPT_ALL:
			ho.all_refs = true;
			break;
		case 'd':
			db = optarg;
			break;
		case CMD_OPT_HELP:
			cmd_help_print(stdout, &hist_spec);
			return OH_EXIT_OK;
		default:
			return OH_EXIT_USAGE;
		}
	}
	if (optind < argc)
		return cmd_usage_error("history", "unexpected argument '%s'",
				       argv[optind]);
	hist_init(&r.walked);
	hist_init(&r.all);
	if (load_rules(&bots, &orgs, &err) < 0)
		goto fail;
	ho.bots = bots;
	if (db) {
		r.stored = true;
		if (collect_stored(&r, repo, db, &ho, &err) < 0)
			goto fail;
	} else if (hist_collect(&r.all, repo, &ho, &err) < 0) {
		goto fail;
	}
	act_compute(&m, &r.all, orgs, now);
	dco_stats_compute(&d, &r.all, now);
	if (fmt == REPORT_JSON)
		print_json(&r.all, &m, &d,
			   r.stored ? r.walked.commit_nr : (size_t)-1);
	else
		print_text(&r.all, &m, &d,
			   r.stored ? r.walked.commit_nr : (size_t)-1);
	goto out;
fail:
	ret = cmd_report_error(&err);
out:
	hist_release(&r.walked);
	hist_release(&r.all);
	hist_bots_free(bots);
	act_orgs_free(orgs);
	oh_err_release(&err);
	return ret;
}
