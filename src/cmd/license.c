/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * `osshealth license`: the licensing of a repository or directory, and
 * with --changed-since (or --all) the pre-merge license gate.
 */
#include "cmd/cmd.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "collect/collect.h"
#include "core/err.h"
#include "core/log.h"
#include "core/xalloc.h"
#include "git/mirror.h"
#include "git/tree.h"
#include "license/adapt.h"
#include "license/policy_gate.h"
#include "license/scan.h"
#include "license/summary.h"
#include "report/report_license.h"
#include "store/store.h"
#include "store/store_blob.h"
#include "core/banned.h"

enum { OPT_ALL = CMD_OPT_ID, OPT_DIR, OPT_CHANGED };

struct license_opts {
	const char *path;   /* PATH|REPO, default "." */
	const char *rev;    /* --rev */
	const char *base;   /* --changed-since */
	const char *policy; /* --policy */
	const char *db;     /* --db: blob-facts cache */
	bool all;           /* --all: gate every file */
	bool dir;           /* --dir: no git */
	enum report_lic_format format;
};

static const struct cmd_opt license_opts_tab[] = {
	{ "all", 0, no_argument, OPT_ALL, NULL,
	  "gate every file of the tree, not only changed ones" },
	{ "dir", 0, no_argument, OPT_DIR, NULL,
	  "read PATH as a plain directory even if it is a git repository" },
	{ "rev", 'r', required_argument, 'r', "REV",
	  "revision to read (default: HEAD)" },
	{ "changed-since", 0, required_argument, OPT_CHANGED, "BASE",
	  "gate: files added or modified since BASE must pass" },
	{ "db", 'd', required_argument, 'd', "FILE",
	  "cache per-blob facts in this database (re-scans read new blobs only)" },
	{ "policy", 'p', required_argument, 'p', "FILE",
	  "license policy (JSON; default: OSI-approved allowed, other free licenses to review, the rest denied)" },
	{ "format", 'f', required_argument, 'f', "FMT",
	  "text (default), json, sarif, junit, codequality or spdx-tv" },
	{ NULL, 0, 0, 0, NULL, NULL },
};

static const struct cmd_spec license_spec = {
	.name = "license",
	.usage =
		"license [--all] [--dir] [--rev REV] [--changed-since BASE] [--db FILE] [--policy FILE] [--format text|json|sarif|junit|codequality|spdx-tv] [PATH|REPO]",
	.summary =
		"Report the licensing of a git repository (read from git objects at REV, no checkout) or a directory: declared license (package metadata), detected license (license files), whether they agree, the concluded license and whether it is OSI-approved, and a per-file table of SPDX-License-Identifier tags and REUSE coverage.  Exit 1 when the concluded license is not allowed by the policy.\n\nWith --changed-since BASE (or --all), run the pre-merge gate instead: every file added or modified since the merge base of BASE and REV must carry an SPDX tag or be covered by REUSE metadata, and its license must be allowed by the policy; exit 1 on any violation, listing each file and the fix.",
	.opts = license_opts_tab,
};

static int parse(struct license_opts *o, int argc, char **argv)
{
	struct cmd_parser p;
	int c;

	cmd_parser_init(&p, &license_spec);
	while ((c = cmd_parser_next(&p, argc, argv)) != CMD_OPT_END) {
		switch (c) {
		case OPT_ALL:
			o->all = true;
			break;
		case OPT_DIR:
			o->dir = true;
			break;
		case 'r':
			o->rev = optarg;
			break;
		case OPT_CHANGED:
			o->base = optarg;
			break;
		case 'p':
			o->policy = optarg;
			break;
		case 'd':
			o->db = optarg;
			break;
		case 'f':
			if (report_lic_format_parse(&o->format, optarg) < 0)
				return cmd_usage_error("license",
						       "unknown format '%s'",
						       optarg);
			break;
		case CMD_OPT_HELP:
			cmd_help_print(stdout, &license_spec);
			return -1;
		default:
			return OH_EXIT_USAGE;
		}
	}
	if (optind < argc)
		o->path = argv[optind++];
	if (optind < argc)
		return cmd_usage_error("license", "unexpected argument '%s'",
				       argv[optind]);
	if (o->base && o->all)
		return cmd_usage_error(
			"license",
			"--all and --changed-since exclude each other");
	if (o->base && o->dir)
		return cmd_usage_error("license",
				       "--changed-since needs git, not --dir");
	return 0;
}

/* The paths the gate judges: changed ones, or every file. */
static void all_paths(const struct lic_scan *s, const char ***out, size_t *nr)
{
	*out = oh_xcalloc(s->file_nr + 1, sizeof(**out));
	for (size_t i = 0; i < s->file_nr; i++)
		(*out)[i] = s->file[i].path;
	*nr = s->file_nr;
}

/* The repository's license, proposed in fixes when the policy allows. */
static const char *suggestion(const struct lic_summary *sum,
			      const struct lic_policy *pol, struct lic_adapt *a)
{
	struct oh_err err = OH_ERR_INIT;
	char why[300];
	int ok;

	if (strcmp(sum->concluded, "NONE") == 0)
		return NULL;
	ok = lic_policy_allows(pol, a, sum->concluded, why, sizeof(why),
			       "concluded", &err);
	oh_err_release(&err);
	return ok == 1 ? sum->concluded : NULL;
}

struct license_run {
	struct lic_scan scan;
	struct lic_summary sum;
	struct lic_gate gate;
	struct lic_policy pol;
	struct lic_adapt *eng;
	struct store *st;
	struct store_blob_cache *cache;
	struct mirror_repo *repo; /* the repository, when it is one */
	char **changed;
	size_t changed_nr;
};

/* The scanner's cache interface over the store's blobs table. */
static int cache_get(void *ctx, const char *id, struct lic_blob_facts *out)
{
	struct store_blob_row row;

	if (store_blob_get(ctx, id, &row) != 1)
		return 0;
	*out = (struct lic_blob_facts){ .size = row.size,
					.binary = row.binary,
					.large = row.large,
					.tag = row.tag,
					.tag_line = row.tag_line,
					.tag_nr = row.tag_nr };
	return 1;
}

static void cache_put(void *ctx, const char *id, const struct lic_blob_facts *f)
{
	struct store_blob_row row = { .size = f->size,
				      .binary = f->binary,
				      .large = f->large,
				      .tag = f->tag,
				      .tag_line = f->tag_line,
				      .tag_nr = f->tag_nr };

	store_blob_put(ctx, id, &row);
}

static int scan(struct license_run *r, const struct license_opts *o,
		struct lic_scan_opts *so, struct oh_err *err)
{
	struct lic_scan_cache cache = { .get = cache_get, .put = cache_put };
	uint64_t hits;
	uint64_t misses;
	int rc;

	if (o->db) {
		if (store_open(&r->st, o->db, NULL, err) < 0 ||
		    store_blob_cache_open(&r->cache, r->st, err) < 0)
			return err->code;
		cache.ctx = r->cache;
		so->cache = &cache;
	}
	rc = collect_license(&r->scan, &r->repo, o->path, so, err);
	if (r->cache) {
		store_blob_stats(r->cache, &hits, &misses);
		oh_info("blob cache %s: %llu hits, %llu misses", o->db,
			(unsigned long long)hits, (unsigned long long)misses);
		if (store_blob_cache_close(r->cache, err) < 0 && rc == 0)
			rc = err->code;
		r->cache = NULL;
	}
	return rc;
}

static int run(struct license_run *r, const struct license_opts *o,
	       struct oh_err *err)
{
	struct lic_scan_opts so = { .rev = o->rev, .no_git = o->dir };

	if (o->policy ? lic_policy_load(&r->pol, o->policy, err) < 0
		      : (lic_policy_default(&r->pol), 0) < 0)
		return err->code;
	if (scan(r, o, &so, err) < 0 || lic_adapt_open(&r->eng, err) < 0)
		return err->code;
	if (o->base) {
		/*
		 * Every head is still read (lic_scan_opts.only is not set):
		 * the summary and the license proposed in fixes need the
		 * tags of the whole tree, and a tree scan is cheap (--db
		 * makes a re-scan cheaper still).
		 */
		if (!r->repo)
			return oh_err_set(err, OH_EINPUT, o->path, 0, 0,
					  "--changed-since needs a git "
					  "repository");
		if (tree_changed_paths(&r->changed, &r->changed_nr, r->repo,
				       o->base, o->rev, o->path, err) < 0)
			return err->code;
	}
	lic_summary_build(&r->sum, &r->scan, r->eng);
	if (o->base) {
		lic_gate_run(&r->gate, &r->scan,
			     (const char *const *)r->changed, r->changed_nr,
			     &r->pol, r->eng,
			     suggestion(&r->sum, &r->pol, r->eng));
	} else if (o->all) {
		const char **paths;
		size_t nr;

		all_paths(&r->scan, &paths, &nr);
		lic_gate_run(&r->gate, &r->scan, paths, nr, &r->pol, r->eng,
			     suggestion(&r->sum, &r->pol, r->eng));
		free(paths);
	}
	return 0;
}

int cmd_license(int argc, char **argv)
{
	struct license_opts o = { .path = ".", .format = REPORT_LIC_TEXT };
	struct license_run r = { .scan = LIC_SCAN_INIT };
	struct oh_err err = OH_ERR_INIT;
	struct report_lic rep;
	int ret = parse(&o, argc, argv);

	if (ret != 0)
		return ret < 0 ? OH_EXIT_OK : ret;
	if (run(&r, &o, &err) < 0) {
		ret = cmd_report_error(&err);
		goto out;
	}
	rep = (struct report_lic){ .input = o.path,
				   .scan = &r.scan,
				   .sum = &r.sum,
				   .gate = (o.base || o.all) ? &r.gate : NULL,
				   .base = o.base,
				   .policy = r.pol.source };
	if (report_license(stdout, &rep, o.format, &err) < 0) {
		ret = cmd_report_error(&err);
		goto out;
	}
	if (rep.gate)
		ret = r.gate.failed ? OH_EXIT_FAILED : OH_EXIT_OK;
	else
		ret = suggestion(&r.sum, &r.pol, r.eng) ? OH_EXIT_OK
							: OH_EXIT_FAILED;
out:
	lic_gate_release(&r.gate);
	lic_summary_release(&r.sum);
	lic_scan_release(&r.scan);
	lic_policy_release(&r.pol);
	lic_adapt_close(r.eng);
	store_close(r.st);
	tree_paths_free(r.changed, r.changed_nr);
	mirror_repo_free(r.repo);
	oh_err_release(&err);
	return ret;
}
