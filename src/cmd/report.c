/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * `osshealth report` and `osshealth diff`: render a review run, or the
 * changes between two runs, from the database.
 */
#include "cmd/cmd.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "core/atomic.h"
#include "core/buf.h"
#include "core/err.h"
#include "report/changes.h"
#include "report/report.h"
#include "store/store.h"
#include "store/store_scan.h"
#include "store/store_trend.h"
#include "core/banned.h"

struct report_opts {
	const char *db;            /* --db */
	long long run;             /* --run; 0 = newest */
	enum report_format format; /* --format */
	const char *output;        /* -o; NULL = stdout */
};

static const struct cmd_opt report_opts_table[] = {
	{ "db", 'd', required_argument, 'd', "FILE",
	  "database file (default: osshealth.db)" },
	{ "run", 'r', required_argument, 'r', "ID",
	  "the review run (default: the newest)" },
	{ "format", 'f', required_argument, 'f', "FMT",
	  "text (default), json, md, csv, html, sarif or junit" },
	{ "output", 'o', required_argument, 'o', "FILE",
	  "write to FILE (replaced atomically) instead of stdout" },
	{ NULL, 0, 0, 0, NULL, NULL },
};

static const struct cmd_spec report_spec = {
	.name = "report",
	.usage =
		"report [--db FILE] [--run ID] [--format text|json|md|csv|html|sarif|junit] [-o FILE]",
	.summary =
		"Render a review run: a summary table, every check with its score, reason and evidence, the findings, and the changes since the previous run.",
	.opts = report_opts_table,
};

static const struct cmd_opt diff_opts_table[] = {
	{ "db", 'd', required_argument, 'd', "FILE",
	  "database file (default: osshealth.db)" },
	{ "format", 'f', required_argument, 'f', "FMT",
	  "text (default), json or md" },
	{ NULL, 0, 0, 0, NULL, NULL },
};

static const struct cmd_spec diff_spec = {
	.name = "diff",
	.usage = "diff [--db FILE] [--format text|json|md] [RUN_A [RUN_B]]",
	.summary =
		"Show what changed between two review runs (default: the last two): components added or removed, license changes, decision and risk level changes, scores that moved, absence factor fallen to 1, projects gone quiet.",
	.opts = diff_opts_table,
};

static int parse_report(struct report_opts *o, int argc, char **argv)
{
	struct cmd_parser p;
	int c;

	cmd_parser_init(&p, &report_spec);
	while ((c = cmd_parser_next(&p, argc, argv)) != CMD_OPT_END) {
		switch (c) {
		case 'd':
			o->db = optarg;
			break;
		case 'r':
			o->run = cmd_parse_long(optarg, 1, 2147483647L);
			if (o->run < 0)
				return cmd_usage_error(
					"report",
					"--run wants a run id, not '%s'",
					optarg);
			break;
		case 'f':
			/* codequality is a format of the gates (dco,
			 * license), not of a review run. */
			if (report_format_parse(&o->format, optarg, NULL) < 0 ||
			    o->format == REPORT_CODEQUALITY)
				return cmd_usage_error("report",
						       "unknown format '%s'",
						       optarg);
			break;
		case 'o':
			o->output = optarg;
			break;
		case CMD_OPT_HELP:
			cmd_help_print(stdout, &report_spec);
			return -1;
		default:
			return OH_EXIT_USAGE;
		}
	}
	if (optind < argc)
		return cmd_usage_error("report", "unexpected argument '%s'",
				       argv[optind]);
	return 0;
}

static int load_with_previous(struct store_run_report *cur,
			      struct store_run_report *prev, bool *has_prev,
			      struct store *st, long long run,
			      struct oh_err *err)
{
	int64_t prev_id = 0;

	*has_prev = false;
	if (store_run_report_load(cur, st, run, err) < 0 ||
	    store_run_previous(&prev_id, st, cur->run_id, err) < 0)
		return err->code;
	/* An unfinished run lacks components: no changes from or to it. */
	if (prev_id == 0 || !store_run_report_finished(cur))
		return 0;
	if (store_run_report_load(prev, st, prev_id, err) < 0)
		return err->code;
	*has_prev = true;
	return 0;
}

/* The trend chart's facts, in report_run_html()'s category order. */
static const char *const trend_keys[] = { "score.openness", "score.maturity",
					  "score.security", "score.activity",
					  "score.risk" };

int cmd_report(int argc, char **argv)
{
	struct report_opts o = { .format = REPORT_TEXT };
	struct store_open_opts so = STORE_OPEN_OPTS_INIT;
	struct store_run_report cur = { 0 }, prev = { 0 };
	struct report_changes ch = { 0 };
	struct store_trends trends = { 0 };
	struct oh_atomic_file f;
	struct oh_err err = OH_ERR_INIT;
	struct store *st = NULL;
	bool has_prev = false;
	int ret = parse_report(&o, argc, argv);

	if (ret != 0)
		return ret < 0 ? OH_EXIT_OK : ret;
	so.flags = STORE_READONLY;
	if (store_open(&st, o.db, &so, &err) < 0 ||
	    load_with_previous(&cur, &prev, &has_prev, st, o.run, &err) < 0) {
		ret = cmd_report_error(&err);
		goto out;
	}
	report_changes_compute(&ch, has_prev ? &prev : NULL, &cur);
	if (o.format == REPORT_HTML &&
	    store_trends_load(&trends, st, cur.run_id, 12, trend_keys,
			      sizeof(trend_keys) / sizeof(trend_keys[0]),
			      &err) < 0) {
		ret = cmd_report_error(&err);
		goto out;
	}
	if (oh_atomic_open(&f, o.output, &err) < 0) {
		ret = cmd_report_error(&err);
		goto out;
	}
	/* SARIF results point at the database file, which is in the
	 * repository a CI job reviews (docs/osshealth.1). */
	if (o.format == REPORT_SARIF)
		ret = report_run_sarif(f.fp, &cur, o.db, &err);
	else if (o.format == REPORT_HTML)
		ret = report_run_html(f.fp, &cur, has_prev ? &ch : NULL,
				      &trends, &err);
	else
		ret = report_run(f.fp, &cur, has_prev ? &ch : NULL, o.format,
				 &err);
	if (oh_atomic_close(&f, ret == 0, &err) < 0 || ret < 0) {
		ret = cmd_report_error(&err);
		goto out;
	}
	ret = OH_EXIT_OK;
out:
	store_trends_release(&trends);
	report_changes_release(&ch);
	store_run_report_release(&cur);
	store_run_report_release(&prev);
	store_close(st);
	oh_err_release(&err);
	return ret;
}

static int parse_diff(struct report_opts *o, long long run[2], int argc,
		      char **argv)
{
	struct cmd_parser p;
	int c;

	cmd_parser_init(&p, &diff_spec);
	while ((c = cmd_parser_next(&p, argc, argv)) != CMD_OPT_END) {
		switch (c) {
		case 'd':
			o->db = optarg;
			break;
		case 'f':
			if (report_format_parse(&o->format, optarg, NULL) < 0 ||
			    (o->format != REPORT_TEXT &&
			     o->format != REPORT_JSON &&
			     o->format != REPORT_MARKDOWN))
				return cmd_usage_error(
					"diff", "unknown format '%s'", optarg);
			break;
		case CMD_OPT_HELP:
			cmd_help_print(stdout, &diff_spec);
			return -1;
		default:
			return OH_EXIT_USAGE;
		}
	}
	for (int i = 0; i < 2 && optind < argc; i++, optind++) {
		run[i] = cmd_parse_long(argv[optind], 1, 2147483647L);
		if (run[i] < 0)
			return cmd_usage_error("diff", "'%s' is not a run id",
					       argv[optind]);
	}
	if (optind < argc)
		return cmd_usage_error("diff", "unexpected argument '%s'",
				       argv[optind]);
	return 0;
}

/* OH_EINPUT for a run that never finished (killed or still going). */
static int unfinished(const struct store_run_report *r, struct store *st,
		      struct oh_err *err)
{
	if (store_run_report_finished(r))
		return 0;
	return oh_err_set(err, OH_EINPUT, store_path(st), 0, 0,
			  "run %lld did not finish (status %s): it was "
			  "interrupted or is still going, and is not compared",
			  (long long)r->run_id, r->status);
}

int cmd_diff(int argc, char **argv)
{
	struct report_opts o = { .format = REPORT_TEXT };
	struct store_open_opts so = STORE_OPEN_OPTS_INIT;
	struct store_run_report a = { 0 }, b = { 0 };
	struct report_changes ch = { 0 };
	struct oh_err err = OH_ERR_INIT;
	struct store *st = NULL;
	long long run[2] = { 0, 0 };
	int64_t prev = 0;
	int ret = parse_diff(&o, run, argc, argv);

	if (ret != 0)
		return ret < 0 ? OH_EXIT_OK : ret;
	so.flags = STORE_READONLY;
	if (store_open(&st, o.db, &so, &err) < 0)
		goto fail;
	/* One id: compare it with its predecessor; none: the last two
	 * finished runs.  Unfinished runs are never compared. */
	if (run[1] == 0 && run[0] == 0 &&
	    store_run_previous(&prev, st, INT64_MAX, &err) < 0)
		goto fail;
	if (run[1] == 0 && run[0] == 0 && prev > 0)
		run[0] = prev;
	if (run[1] == 0) {
		if (store_run_report_load(&b, st, run[0], &err) < 0 ||
		    unfinished(&b, st, &err) < 0 ||
		    store_run_previous(&prev, st, b.run_id, &err) < 0)
			goto fail;
		if (prev == 0) {
			oh_err_set(
				&err, OH_ENOTFOUND, store_path(st), 0, 0,
				"run %lld has no earlier run to compare with",
				(long long)b.run_id);
			goto fail;
		}
		run[0] = prev;
	} else if (store_run_report_load(&b, st, run[1], &err) < 0 ||
		   unfinished(&b, st, &err) < 0) {
		goto fail;
	}
	if (store_run_report_load(&a, st, run[0], &err) < 0 ||
	    unfinished(&a, st, &err) < 0)
		goto fail;
	report_changes_compute(&ch, &a, &b);
	if (report_diff(stdout, (long long)a.run_id, (long long)b.run_id, &ch,
			o.format, &err) < 0)
		goto fail;
	ret = OH_EXIT_OK;
	goto out;
fail:
	ret = cmd_report_error(&err);
out:
	report_changes_release(&ch);
	store_run_report_release(&a);
	store_run_report_release(&b);
	store_close(st);
	oh_err_release(&err);
	return ret;
}
