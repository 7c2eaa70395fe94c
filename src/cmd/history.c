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

#include "core/buf.h"
#include "core/err.h"
#include "core/log.h"
#include "core/path.h"
#include "core/timeutil.h"
#include "collect/collect.h"
#include "dco/dco.h"
#include "git/history.h"
#include "git/mirror.h"
#include "health/activity.h"
#include "report/report.h"
#include "report/report_history.h"
#include "store/store.h"
#include "store/store_hist.h"
#include "core/banned.h"

enum { OPT_ALL = CMD_OPT_ID };

/* What the command walked: a fresh walk, or new commits on top of --db. */
struct hist_run {
	struct hist walked; /* commits walked now */
	struct hist all;    /* all commits (== walked without --db) */
	size_t walked_nr;   /* commits walked now (walked may move to all) */
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
static int collect_stored(struct hist_run *r, struct mirror_repo *mr,
			  const char *repo, const char *db,
			  struct hist_opts *ho, struct oh_err *err)
{
	struct store_open_opts so = STORE_OPEN_OPTS_INIT;
	struct store *st = NULL;
	struct store_hist *sh = NULL;
	char *abs = realpath(repo, NULL);
	char from[41];
	int64_t stored = 0;
	int rc;

	rc = store_open(&st, db, &so, err);
	if (rc == 0)
		rc = store_hist_open(&sh, st, abs ? abs : repo, "local", err);
	if (rc == 0)
		rc = collect_history_rewritten(from, sh, mr, err);
	if (rc == 1)
		oh_warning(
			"%s: commit %.12s of the last walk is no longer in the history of HEAD; the stored history was dropped and read again",
			repo, from);
	if (rc >= 0)
		stored = store_hist_count(sh);
	if (rc >= 0) {
		ho->known = store_hist_known;
		ho->known_payload = sh;
		rc = collect_history(&r->walked, mr, ho, err);
	}
	if (rc == 0)
		rc = store_hist_save(sh, &r->walked, err);
	/* the walk's count before it moves (the report prints it) */
	r->walked_nr = r->walked.commit_nr;
	if (rc == 0)
		rc = collect_history_stored(&r->all, sh, stored, &r->walked,
					    err);
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
	struct mirror_opts mo = MIRROR_OPTS_INIT;
	struct mirror_repo *mr = NULL;
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
	mo.discover = true;
	if (collect_open(&mr, repo, &mo, NULL, &err) < 0)
		goto fail;
	if (db) {
		r.stored = true;
		if (collect_stored(&r, mr, repo, db, &ho, &err) < 0)
			goto fail;
	} else if (collect_history(&r.all, mr, &ho, &err) < 0) {
		goto fail;
	}
	act_compute(&m, &r.all, orgs, now);
	dco_stats_compute(&d, &r.all, now);
	report_history(stdout, &r.all, &m, &d,
		       r.stored ? r.walked_nr : (size_t)-1, fmt);
	goto out;
fail:
	ret = cmd_report_error(&err);
out:
	mirror_repo_free(mr);
	hist_release(&r.walked);
	hist_release(&r.all);
	hist_bots_free(bots);
	act_orgs_free(orgs);
	oh_err_release(&err);
	return ret;
}
