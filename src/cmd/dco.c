/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * `osshealth dco [--repo PATH] [RANGE]`: check the Developer Certificate
 * of Origin sign-offs of a range of commits (pre-merge gate), or of one
 * message with --message FILE (commit-msg hook).  Rules: git/dco.h and
 * docs/dco.md.
 */
#include "cmd/cmd.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/err.h"
#include "core/path.h"
#include "collect/collect.h"
#include "dco/dco.h"
#include "git/history.h"
#include "git/mirror.h"
#include "report/report.h"
#include "report/report_dco.h"
#include "core/banned.h"

enum { OPT_REQ_NAME = CMD_OPT_ID, OPT_MERGES, OPT_BOTS, OPT_BOTFILE };

struct dco_opts {
	const char *repo;          /* --repo, default "." */
	const char *range;         /* BASE..HEAD or NULL */
	const char *message;       /* --message FILE */
	const char *bots;          /* --bots FILE */
	enum report_format format; /* --format */
	struct dco_rules rules;    /* rule switches */
};

static const struct cmd_opt dco_opt[] = {
	{ "repo", 'r', required_argument, 'r', "PATH",
	  "repository (default: the one containing the current directory)" },
	{ "format", 'f', required_argument, 'f', "FMT",
	  "output: text (default), json, sarif, junit or codequality" },
	{ "message", 'm', required_argument, 'm', "FILE",
	  "check one commit message file (commit-msg hook)" },
	{ "require-name", 0, no_argument, OPT_REQ_NAME, NULL,
	  "the sign-off name must match the author's too" },
	{ "include-merges", 0, no_argument, OPT_MERGES, NULL,
	  "check merge commits too" },
	{ "include-bots", 0, no_argument, OPT_BOTS, NULL,
	  "check bot authors too" },
	{ "bots", 0, required_argument, OPT_BOTFILE, "FILE",
	  "bot patterns (default: rules/bots.json)" },
	{ NULL, 0, 0, 0, NULL, NULL },
};

static const struct cmd_spec dco_spec = {
	.name = "dco",
	.usage = "dco [--require-name] [--include-merges] [--include-bots] "
		 "[--repo PATH] [--format FMT] [--message FILE] [--bots FILE] "
		 "[RANGE]",
	.summary =
		"Check that every commit of RANGE (BASE..HEAD; default: from the merge base of HEAD and its upstream or origin/HEAD, else all of HEAD) is signed off by its author (Developer Certificate of Origin).  Exit 0 when all pass, 1 when any fails, 2 on bad input.  Rules: docs/dco.md.",
	.opts = dco_opt,
};

static int parse_opts(struct dco_opts *o, int argc, char **argv)
{
	struct cmd_parser p;
	int c;

	cmd_parser_init(&p, &dco_spec);
	while ((c = cmd_parser_next(&p, argc, argv)) != CMD_OPT_END) {
		switch (c) {
		case 'r':
			o->repo = optarg;
			break;
		case 'm':
			o->message = optarg;
			break;
		case 'f':
			if (report_format_parse(&o->format, optarg, NULL) < 0 ||
			    (o->format != REPORT_TEXT &&
			     o->format != REPORT_JSON &&
			     o->format != REPORT_SARIF &&
			     o->format != REPORT_JUNIT &&
			     o->format != REPORT_CODEQUALITY))
				return cmd_usage_error(
					"dco", "unknown format '%s'", optarg);
			break;
		case OPT_REQ_NAME:
			o->rules.require_name = true;
			break;
		case OPT_MERGES:
			o->rules.include_merges = true;
			break;
		case OPT_BOTS:
			o->rules.include_bots = true;
			break;
		case OPT_BOTFILE:
			o->bots = optarg;
			break;
		case CMD_OPT_HELP:
			cmd_help_print(stdout, &dco_spec);
			return -1;
		default:
			return OH_EXIT_USAGE;
		}
	}
	if (optind < argc)
		o->range = argv[optind++];
	if (optind < argc)
		return cmd_usage_error("dco", "unexpected argument '%s'",
				       argv[optind]);
	if (o->message && o->range)
		return cmd_usage_error(
			"dco", "--message and RANGE exclude each other");
	return 0;
}

static int load_bots(struct hist_bots **out, const char *file,
		     struct oh_err *err)
{
	struct oh_buf p = OH_BUF_INIT;
	int rc;

	if (file)
		return hist_bots_load(out, file, err);
	rc = oh_data_file(&p, "rules/bots.json", err);
	if (rc == 0)
		rc = hist_bots_load(out, p.buf, err);
	oh_buf_release(&p);
	return rc;
}

static int collect_message(struct hist *h, const struct dco_opts *o,
			   struct oh_err *err)
{
	struct oh_buf msg = OH_BUF_INIT;
	char *name = NULL;
	char *email = NULL;
	int rc;

	oh_buf_set_max(&msg, 16u << 20);
	rc = oh_buf_read_file(&msg, o->message, err);
	if (rc == 0)
		rc = hist_user_identity(&name, &email, o->repo, err);
	if (rc == 0)
		hist_message_add(h, msg.buf, name ? name : "", email);
	free(name);
	free(email);
	oh_buf_release(&msg);
	return rc;
}

static const char *range_base(const struct hist *h, const char *range)
{
	static char base[128];
	const char *dots;

	if (!range)
		return h->base;
	dots = strstr(range, "..");
	snprintf(base, sizeof(base), "%.*s", dots ? (int)(dots - range) : 0,
		 range);
	return base;
}

int cmd_dco(int argc, char **argv)
{
	struct dco_opts o = { .repo = ".", .format = REPORT_TEXT };
	struct hist_opts ho = HIST_OPTS_INIT;
	struct mirror_opts mo = MIRROR_OPTS_INIT;
	struct mirror_repo *mr = NULL;
	struct hist_bots *bots = NULL;
	struct dco_result *res = NULL;
	struct oh_err err = OH_ERR_INIT;
	struct hist h;
	int ret = parse_opts(&o, argc, argv);

	if (ret != 0)
		return ret < 0 ? OH_EXIT_OK : ret;
	hist_init(&h);
	if (o.message) {
		if (collect_message(&h, &o, &err) < 0)
			goto fail;
	} else {
		if (load_bots(&bots, o.bots, &err) < 0)
			goto fail;
		ho.tags = false;
		ho.range = o.range;
		ho.upstream_range = true;
		ho.bots = bots;
		mo.discover = true;
		if (collect_open(&mr, o.repo, &mo, NULL, &err) < 0 ||
		    collect_history(&h, mr, &ho, &err) < 0)
			goto fail;
	}
	dco_check(&res, &h, &o.rules);
	if (report_dco(stdout, &h, res, range_base(&h, o.range), o.format,
		       &err) < 0)
		goto fail;
	ret = res->failed > 0 ? OH_EXIT_FAILED : OH_EXIT_OK;
	goto out;
fail:
	ret = cmd_report_error(&err);
out:
	mirror_repo_free(mr);
	dco_result_free(res);
	hist_release(&h);
	hist_bots_free(bots);
	oh_err_release(&err);
	return ret;
}
