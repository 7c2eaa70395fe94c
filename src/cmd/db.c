/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * `osshealth db VERB`: inspect the database.  Verbs: info, upgrade, merge.
 */
#include "cmd/cmd.h"

#include <stdio.h>
#include <string.h>

#include "core/err.h"
#include "report/report.h"
#include "report/report_summary.h"
#include "store/store.h"
#include "store/store_merge.h"
#include "core/banned.h"

struct db_opts {
	const char *db;            /* --db, or NULL for the default */
	enum report_format format; /* --format */
};

static const struct cmd_opt info_opts[] = {
	{ "db", 'd', required_argument, 'd', "FILE",
	  "database file (default: osshealth.db)" },
	{ "format", 'f', required_argument, 'f', "FMT",
	  "output format: text (default) or json" },
	{ NULL, 0, 0, 0, NULL, NULL },
};

static const struct cmd_spec info_spec = {
	.name = "db info",
	.usage = "db info [--db FILE] [--format text|json]",
	.summary =
		"Show the schema version, the review runs and the row count of every table of an osshealth database.  The database is opened read-only and never migrated.",
	.opts = info_opts,
};

static const struct cmd_opt upgrade_opts[] = {
	{ "db", 'd', required_argument, 'd', "FILE",
	  "database file (default: osshealth.db)" },
	{ NULL, 0, 0, 0, NULL, NULL },
};

static const struct cmd_spec upgrade_spec = {
	.name = "db upgrade",
	.usage = "db upgrade [--db FILE]",
	.summary =
		"Create the database if it does not exist, or migrate it to the schema of this osshealth.  Every other writing command does the same implicitly; this verb makes it explicit (for example before a read-only deployment).",
	.opts = upgrade_opts,
};

static const struct cmd_opt merge_opts[] = {
	{ "db", 'd', required_argument, 'd', "FILE",
	  "the output database: new, or an existing review history (default: osshealth.db)" },
	{ NULL, 0, 0, 0, NULL, NULL },
};

static const struct cmd_spec merge_spec = {
	.name = "db merge",
	.usage = "db merge [--db FILE] SHARD.db...",
	.summary =
		"Merge the shard runs of `scan --shard I/N` (the newest shard run of each SHARD.db) into one review run of the output database, as a single scan of the same inputs would record it.  Refused, with nothing written: shards of different inputs, rules versions, profiles or shard counts, a shard missing or given twice, a shard still running.  The merge is one transaction.",
	.opts = merge_opts,
};

static const struct cmd_opt db_opts_none[] = {
	{ NULL, 0, 0, 0, NULL, NULL },
};

static const struct cmd_spec db_spec = {
	.name = "db",
	.usage = "db info [--db FILE] [--format text|json]\n"
		 "db upgrade [--db FILE]\n"
		 "db merge [--db FILE] SHARD.db...",
	.summary =
		"Inspect or upgrade an osshealth database.  Verbs:\n  info      schema version, review runs and row counts\n  upgrade   create the database or migrate it to the current schema\n  merge     merge the runs of sharded scans into one review run",
	.opts = db_opts_none,
};

static int db_info(int argc, char **argv)
{
	struct db_opts opts = { .db = NULL, .format = REPORT_TEXT };
	struct store_open_opts so = STORE_OPEN_OPTS_INIT;
	struct store_info info = { 0 };
	struct store *st = NULL;
	struct oh_err err = OH_ERR_INIT;
	struct cmd_parser p;
	int ret = OH_EXIT_USAGE;
	int c;

	cmd_parser_init(&p, &info_spec);
	while ((c = cmd_parser_next(&p, argc, argv)) != CMD_OPT_END) {
		switch (c) {
		case 'd':
			opts.db = optarg;
			break;
		case 'f':
			if (report_format_parse(&opts.format, optarg, NULL) <
				    0 ||
			    (opts.format != REPORT_TEXT &&
			     opts.format != REPORT_JSON))
				return cmd_usage_error("db info",
						       "unknown format '%s'",
						       optarg);
			break;
		case CMD_OPT_HELP:
			cmd_help_print(stdout, &info_spec);
			return OH_EXIT_OK;
		default:
			return OH_EXIT_USAGE;
		}
	}
	if (optind < argc)
		return cmd_usage_error("db info", "unexpected argument '%s'",
				       argv[optind]);

	so.flags = STORE_READONLY;
	if (store_open(&st, opts.db, &so, &err) < 0 ||
	    store_info_get(&info, st, &err) < 0 ||
	    report_db_info(stdout, store_path(st), &info, opts.format, &err) <
		    0) {
		ret = cmd_report_error(&err);
		goto out;
	}
	ret = OH_EXIT_OK;
out:
	store_info_release(&info);
	store_close(st);
	oh_err_release(&err);
	return ret;
}

static int db_upgrade(int argc, char **argv)
{
	struct store *st = NULL;
	struct oh_err err = OH_ERR_INIT;
	const char *db = NULL;
	int ret = OH_EXIT_USAGE;

	ret = cmd_parse_db_only(&upgrade_spec, &db, argc, argv);
	if (ret >= 0)
		return ret;
	if (optind < argc)
		return cmd_usage_error("db upgrade", "unexpected argument '%s'",
				       argv[optind]);
	if (store_open(&st, db, NULL, &err) < 0) {
		ret = cmd_report_error(&err);
		goto out;
	}
	report_db_upgrade(stdout, store_path(st), store_schema_version(st),
			  store_opened_version(st));
	ret = OH_EXIT_OK;
out:
	store_close(st);
	oh_err_release(&err);
	return ret;
}

static int db_merge(int argc, char **argv)
{
	struct store_merge_result res;
	struct store *st = NULL;
	struct oh_err err = OH_ERR_INIT;
	const char *db = NULL;
	int ret = OH_EXIT_USAGE;

	ret = cmd_parse_db_only(&merge_spec, &db, argc, argv);
	if (ret >= 0)
		return ret;
	if (optind >= argc)
		return cmd_usage_error("db merge",
				       "name the shard databases to merge");
	if (store_open(&st, db, NULL, &err) < 0 ||
	    store_merge(&res, st, (const char *const *)argv + optind,
			(size_t)(argc - optind), &err) < 0) {
		ret = cmd_report_error(&err);
		goto out;
	}
	report_db_merge(stdout, &res);
	ret = OH_EXIT_OK;
out:
	store_close(st);
	oh_err_release(&err);
	return ret;
}

static const struct cmd_verb verbs[] = {
	{ "info", db_info },
	{ "upgrade", db_upgrade },
	{ "merge", db_merge },
};

int cmd_db(int argc, char **argv)
{
	return cmd_dispatch_verbs("db", &db_spec, verbs,
				  sizeof(verbs) / sizeof(verbs[0]), argc, argv);
}
