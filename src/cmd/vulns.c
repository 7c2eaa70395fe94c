/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * `osshealth vulns VERB`: OSV vulnerability records in the database.
 * Verbs: import (zip exports, directory trees, files), check (a revision
 * of a repository, or a package URL).
 */
#include "cmd/cmd.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "collect/collect.h"
#include "collect/vulns_check.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/err.h"
#include "core/url.h"
#include "core/log.h"
#include "git/mirror.h"
#include "report/report.h"
#include "report/report_summary.h"
#include "report/report_vulns.h"
#include "store/store.h"
#include "store/store_vulns.h"
#include "vulns/vulns.h"
#include "core/banned.h"

static const struct cmd_opt import_opts[] = {
	{ "db", 'd', required_argument, 'd', "FILE",
	  "database file (default: osshealth.db)" },
	{ NULL, 0, 0, 0, NULL, NULL },
};

static const struct cmd_spec import_spec = {
	.name = "vulns import",
	.usage = "vulns import [--db FILE] PATH...",
	.summary =
		"Import OSV vulnerability records into the database: a zip export (all.zip of an ecosystem), a directory tree of .json/.yaml/.yml records (google/oss-fuzz-vulns), or single files.  A record already stored is replaced only by a later 'modified'.  Malformed records are reported with their file and the place in the record, and skipped; the import is one transaction.  Exit 3 when records were skipped.",
	.opts = import_opts,
};

#define OPT_NO_CACHE      CMD_OPT_ID
#define OPT_VERDICTS_ONLY (CMD_OPT_ID + 1)

static const struct cmd_opt check_opts[] = {
	{ "db", 'd', required_argument, 'd', "FILE",
	  "database file (default: osshealth.db)" },
	{ "repo", 'r', required_argument, 'r', "PATH",
	  "repository (work tree or bare, or a mirror) to check" },
	{ "rev", 0, required_argument, 'R', "REV",
	  "revision to check (default: HEAD)" },
	{ "url", 'u', required_argument, 'u', "URL",
	  "match records by this URL instead of remote.origin.url" },
	{ "purl", 'p', required_argument, 'p', "PURL",
	  "check a package version instead: pkg:TYPE/NAME@VERSION" },
	{ "no-cache", 0, no_argument, OPT_NO_CACHE, NULL,
	  "decide every record again; do not read or write cached verdicts" },
	{ "verdicts-only", 0, no_argument, OPT_VERDICTS_ONLY, NULL,
	  "only the verdicts: skip the fix commit, tag and time-to-fix facts" },
	{ "format", 'f', required_argument, 'f', "FMT",
	  "output format: text (default), json or sarif" },
	{ NULL, 0, 0, 0, NULL, NULL },
};

static const struct cmd_spec check_spec = {
	.name = "vulns check",
	.usage =
		"vulns check [--no-cache] [--verdicts-only] [--db FILE] [--format FMT] (--repo PATH [--rev REV] [--url URL] | --purl PURL)",
	.summary =
		"Which imported OSV records affect a revision of a repository, decided on its own history by the records' GIT ranges (records apply by the normalised remote.origin.url, or --url), or a package version named by a package URL (SEMVER ranges; ECOSYSTEM ranges of npm, crates.io and Go; versions lists).  Each record shows its verdict (affected, not-affected, unknown), the fix commit, whether the default branch has it, the first tag containing it and the days from publication to the fix.  Exit 1 when a record affects the revision.",
	.opts = check_opts,
};

static const struct cmd_opt none_opts[] = {
	{ NULL, 0, 0, 0, NULL, NULL },
};

static const struct cmd_spec vulns_spec = {
	.name = "vulns",
	.usage =
		"vulns import [--db FILE] PATH...\n"
		"vulns check [--no-cache] [--verdicts-only] [--db FILE] [--format FMT] (--repo PATH [--rev REV] [--url URL] | --purl PURL)",
	.summary =
		"OSV vulnerability records, offline.  Verbs:\n  import    read OSV records (zip, directory, files) into the database\n  check     which records affect a revision or a package version",
	.opts = none_opts,
};

/* ---- import ------------------------------------------------------------- */

struct import {
	struct store_vulns_writer *w;
	struct oh_arena arena; /* one record at a time */
	struct oh_err *err;    /* a database failure stops the import */
	size_t added, updated, unchanged, withdrawn, skipped;
};

/* Normalised repository URL of every range, in record order. */
static const char **range_keys(struct import *im,
			       const struct vulns_record *rec)
{
	size_t n = 0;
	size_t k = 0;
	const char **key;
	struct oh_buf b = OH_BUF_INIT;
	struct oh_err e = OH_ERR_INIT;

	for (size_t i = 0; i < rec->affected_nr; i++)
		n += rec->affected[i].range_nr;
	key = oh_arena_alloc(&im->arena, (n + 1) * sizeof(*key));
	for (size_t i = 0; i < rec->affected_nr; i++) {
		for (size_t j = 0; j < rec->affected[i].range_nr; j++, k++) {
			const char *repo = rec->affected[i].range[j].repo;

			oh_buf_reset(&b);
			if (repo && oh_url_normalise(&b, repo, &e) == 0)
				key[k] = oh_arena_strdup(&im->arena, b.buf);
			oh_err_release(&e);
		}
	}
	oh_buf_release(&b);
	return key;
}

static int import_file(const char *name, const char *data, size_t len,
		       bool yaml, void *payload)
{
	struct import *im = payload;
	struct vulns_record rec;
	struct oh_err e = OH_ERR_INIT;
	enum store_vulns_put_result res;
	int rc;

	oh_arena_release(&im->arena);
	if (!data)
		rc = oh_err_set(&e, OH_ELIMIT, name, 0, 0,
				"record is larger than %u bytes",
				VULNS_MAX_BYTES);
	else
		rc = vulns_record_parse(&rec, &im->arena, data, len, yaml, name,
					&e);
	if (rc < 0) {
		oh_error_err(&e);
		oh_err_release(&e);
		im->skipped++;
		return 0;
	}
	if (store_vulns_put(&res, im->w, &rec, range_keys(im, &rec), name,
			    im->err) < 0)
		return im->err->code;
	if (res == STORE_VULNS_ADDED)
		im->added++;
	else if (res == STORE_VULNS_UPDATED)
		im->updated++;
	else
		im->unchanged++;
	if (rec.withdrawn && res != STORE_VULNS_UNCHANGED)
		im->withdrawn++;
	return 0;
}

static int vulns_import(int argc, char **argv)
{
	struct import im = { .arena = OH_ARENA_INIT };
	struct store *st = NULL;
	struct oh_err err = OH_ERR_INIT;
	const char *db = NULL;
	int ret = OH_EXIT_USAGE;

	ret = cmd_parse_db_only(&import_spec, &db, argc, argv);
	if (ret >= 0)
		return ret;
	if (optind >= argc)
		return cmd_usage_error("vulns import", "no PATH to import");
	im.err = &err;
	if (store_open(&st, db, NULL, &err) < 0 ||
	    store_vulns_writer_new(&im.w, st, &err) < 0 ||
	    store_begin(st, &err) < 0)
		goto fail;
	for (int i = optind; i < argc; i++)
		if (vulns_load(argv[i], import_file, &im, &err) < 0)
			goto fail;
	if (store_commit(st, &err) < 0)
		goto fail;
	report_vulns_import(stdout, im.added, im.updated, im.unchanged,
			    im.skipped, im.withdrawn);
	ret = im.skipped > 0 ? OH_EXIT_PARTIAL : OH_EXIT_OK;
	goto out;
fail:
	if (st)
		store_rollback(st);
	ret = cmd_report_error(&err);
out:
	store_vulns_writer_free(im.w);
	oh_arena_release(&im.arena);
	store_close(st);
	oh_err_release(&err);
	return ret;
}

/* ---- check -------------------------------------------------------------- */

struct check_opts {
	const char *db;
	const char *repo;
	const char *rev;
	const char *url;
	const char *purl;
	unsigned flags; /* enum collect_vulns_flags */
	enum report_format format;
};

static int parse_check(struct check_opts *o, int argc, char **argv)
{
	struct cmd_parser p;
	int c;

	cmd_parser_init(&p, &check_spec);
	while ((c = cmd_parser_next(&p, argc, argv)) != CMD_OPT_END) {
		switch (c) {
		case 'd':
			o->db = optarg;
			break;
		case 'r':
			o->repo = optarg;
			break;
		case 'R':
			o->rev = optarg;
			break;
		case 'u':
			o->url = optarg;
			break;
		case 'p':
			o->purl = optarg;
			break;
		case OPT_NO_CACHE:
			o->flags |= COLLECT_VULNS_NO_CACHE;
			break;
		case OPT_VERDICTS_ONLY:
			o->flags |= COLLECT_VULNS_NO_FIX;
			break;
		case 'f':
			if (report_format_parse(&o->format, optarg, NULL) < 0 ||
			    (o->format != REPORT_TEXT &&
			     o->format != REPORT_JSON &&
			     o->format != REPORT_SARIF))
				return cmd_usage_error("vulns check",
						       "unknown format '%s'",
						       optarg);
			break;
		case CMD_OPT_HELP:
			cmd_help_print(stdout, &check_spec);
			return -1;
		default:
			return OH_EXIT_USAGE;
		}
	}
	if (optind < argc)
		return cmd_usage_error("vulns check",
				       "unexpected argument '%s'",
				       argv[optind]);
	if (!o->repo == !o->purl)
		return cmd_usage_error("vulns check",
				       "give exactly one of --repo and --purl");
	if (o->purl && (o->rev || o->url))
		return cmd_usage_error("vulns check",
				       "--rev and --url go with --repo");
	return 0;
}

static int vulns_check(int argc, char **argv)
{
	struct check_opts o = { .format = REPORT_TEXT };
	struct store_open_opts so = STORE_OPEN_OPTS_INIT;
	struct collect_vulns res = { .arena = OH_ARENA_INIT };
	struct mirror_repo *repo = NULL;
	struct store *st = NULL;
	struct oh_err err = OH_ERR_INIT;
	int ret;

	ret = parse_check(&o, argc, argv);
	if (ret != 0)
		return ret < 0 ? OH_EXIT_OK : ret;
	so.flags = 0; /* the database must exist: records come from import */
	if (store_open(&st, o.db, &so, &err) < 0)
		goto fail;
	if (o.repo) {
		if (collect_open(&repo, o.repo, NULL, NULL, &err) < 0 ||
		    collect_vulns_repo(&res, st, repo, o.rev, o.url, o.flags,
				       &err) < 0)
			goto fail;
	} else if (collect_vulns_purl(&res, st, o.purl, &err) < 0) {
		goto fail;
	}
	if (report_vulns(stdout, &res, o.format, &err) < 0)
		goto fail;
	ret = res.affected > 0 ? OH_EXIT_FAILED : OH_EXIT_OK;
	goto out;
fail:
	ret = cmd_report_error(&err);
out:
	collect_vulns_release(&res);
	mirror_repo_free(repo);
	store_close(st);
	oh_err_release(&err);
	return ret;
}

static const struct cmd_verb verbs[] = {
	{ "check", vulns_check },
	{ "import", vulns_import },
};

int cmd_vulns(int argc, char **argv)
{
	return cmd_dispatch_verbs("vulns", &vulns_spec, verbs,
				  sizeof(verbs) / sizeof(verbs[0]), argc, argv);
}
