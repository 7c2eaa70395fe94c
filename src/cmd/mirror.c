/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * `osshealth mirror`: bring repositories into the mirror cache (clone or
 * fetch what is new) or check local ones, and print one line per source.
 */
#include "cmd/cmd.h"

#include <stdio.h>
#include <string.h>

#include "core/err.h"
#include "core/log.h"
#include "core/timeutil.h"
#include "git/mirror.h"
#include "report/report_summary.h"
#include "store/store.h"
#include "store/store_repo.h"
#include "core/banned.h"

enum {
	OPT_RETRIES = CMD_OPT_ID,
};

static const struct cmd_opt mirror_opts_table[] = {
	{ "cache", 'c', required_argument, 'c', "DIR",
	  "mirror cache (default: $XDG_CACHE_HOME/osshealth)" },
	{ "db", 'd', required_argument, 'd', "FILE",
	  "also record the repositories in this database" },
	{ "retries", 0, required_argument, OPT_RETRIES, "N",
	  "extra attempts on transient network errors (default: 2)" },
	{ "timeout", 't', required_argument, 't', "SEC",
	  "time limit per repository, 0 for none (default: 600)" },
	{ NULL, 0, 0, 0, NULL, NULL },
};

static const struct cmd_spec mirror_spec = {
	.name = "mirror",
	.usage =
		"mirror [--cache DIR] [--db FILE] [--retries N] [--timeout SEC] URL|PATH...",
	.summary =
		"Clone each URL as a bare mirror into the cache, or fetch only what is new when the mirror exists; open each local PATH in place without changing it.  Prints the source, the repository path, what was done and how many objects were received.",
	.opts = mirror_opts_table,
};

struct mirror_cmd_opts {
	struct mirror_opts mo;
	const char *db;
};

static void draw_progress(const struct mirror_progress *p, void *data)
{
	(void)data;
	if (p->stage == MIRROR_STAGE_RECEIVING)
		oh_progress("%s: receiving objects %u/%u, %zu KiB", p->url,
			    p->received_objects, p->total_objects,
			    p->received_bytes / 1024);
	else
		oh_progress("%s: indexing deltas %u/%u", p->url,
			    p->indexed_deltas, p->total_deltas);
}

static int record(struct store *st, const struct mirror_repo *r,
		  const struct mirror_outcome *oc, struct oh_err *err)
{
	struct store_repo row = {
		.url = mirror_repo_key(r),
		.kind = mirror_repo_kind(r) == MIRROR_REMOTE ? STORE_REPO_REMOTE
							     : STORE_REPO_LOCAL,
		.mirror_path = mirror_repo_path(r),
		.last_fetch_at = oc->cloned || oc->fetched ? oh_now() : 0,
		.last_head = mirror_repo_head(r),
	};
	int64_t id;

	return store_repo_upsert(&id, st, &row, err);
}

/* One source: 0 on success, else the exit code of its error. */
static int mirror_one(const char *source, const struct mirror_cmd_opts *o,
		      struct store *st)
{
	struct mirror_repo *r = NULL;
	struct mirror_outcome oc;
	struct oh_err err = OH_ERR_INIT;
	const char *what;
	int ret = OH_EXIT_OK;

	if (mirror_open(&r, source, &o->mo, &oc, &err) < 0) {
		oh_progress_done();
		ret = cmd_report_error(&err);
		goto out;
	}
	oh_progress_done();
	if (st && record(st, r, &oc, &err) < 0) {
		ret = cmd_report_error(&err);
		goto out;
	}
	what = oc.cloned ? "cloned" : oc.fetched ? "fetched" : "local";
	report_mirror(stdout, mirror_repo_key(r), mirror_repo_path(r), what,
		      oc.received_objects);
out:
	mirror_repo_free(r);
	oh_err_release(&err);
	return ret;
}

static int parse(struct mirror_cmd_opts *o, int argc, char **argv)
{
	struct cmd_parser p;
	long v;
	int c;

	cmd_parser_init(&p, &mirror_spec);
	while ((c = cmd_parser_next(&p, argc, argv)) != CMD_OPT_END) {
		switch (c) {
		case 'c':
			o->mo.cache_dir = optarg;
			break;
		case 'd':
			o->db = optarg;
			break;
		case 't':
		case OPT_RETRIES:
			v = cmd_parse_long(optarg, 0, c == 't' ? 86400 : 10);
			if (v < 0)
				return cmd_usage_error(
					"mirror", "bad value '%s' for --%s",
					optarg,
					c == 't' ? "timeout" : "retries");
			if (c == 't')
				o->mo.timeout = (unsigned)v;
			else
				o->mo.retries = (unsigned)v;
			break;
		case CMD_OPT_HELP:
			cmd_help_print(stdout, &mirror_spec);
			return -1;
		default:
			return OH_EXIT_USAGE;
		}
	}
	if (optind >= argc)
		return cmd_usage_error("mirror", "no URL or PATH given");
	return OH_EXIT_OK;
}

int cmd_mirror(int argc, char **argv)
{
	struct mirror_cmd_opts o = { .mo = MIRROR_OPTS_INIT };
	struct store *st = NULL;
	struct oh_err err = OH_ERR_INIT;
	int failed = 0;
	int last = OH_EXIT_OK;
	int ret = parse(&o, argc, argv);

	if (ret < 0)
		return OH_EXIT_OK; /* --help */
	if (ret != OH_EXIT_OK)
		return ret;
	if (oh_log_progress_enabled())
		o.mo.progress = draw_progress;
	if (o.db && store_open(&st, o.db, NULL, &err) < 0) {
		ret = cmd_report_error(&err);
		goto out;
	}
	for (int i = optind; i < argc; i++) {
		int rc = mirror_one(argv[i], &o, st);

		if (rc != OH_EXIT_OK) {
			failed++;
			last = rc;
		}
	}
	if (failed == 0)
		ret = OH_EXIT_OK;
	else if (failed == argc - optind)
		ret = last;
	else
		ret = OH_EXIT_PARTIAL;
out:
	store_close(st);
	oh_err_release(&err);
	return ret;
}
