/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef OH_REPORT_REPORT_SUMMARY_H
#define OH_REPORT_REPORT_SUMMARY_H

/*
 * The short summaries of the commands that change state, one line each
 * unless said otherwise: `scan`, `db upgrade`, `db merge`, `mirror`,
 * `data update`, `vulns import`; and `version`.  Plain text on the
 * stream given; write errors are left to the caller's check of the
 * stream (main.c checks stdout).
 */

#include <stddef.h>
#include <stdio.h>

struct manifest;
struct scan_summary;
struct store_merge_result;

/* SBOM packages `scan` names on its output; the rest only in the report. */
#define REPORT_UNREVIEWED_SHOWN 20

/**
 * `scan`: the run, its counts, then the SBOM packages of `m` the run did
 * not review (at most REPORT_UNREVIEWED_SHOWN, names quoted).
 */
void report_scan_summary(FILE *fp, const struct scan_summary *sum,
			 const struct manifest *m);

/** `db upgrade`: created (from 0), up to date, or migrated. */
void report_db_upgrade(FILE *fp, const char *path, int version,
		       int opened_version);

/** `db merge`. */
void report_db_merge(FILE *fp, const struct store_merge_result *res);

/** `mirror`: key, path, what happened, objects received (tab-separated). */
void report_mirror(FILE *fp, const char *key, const char *path,
		   const char *what, unsigned received);

/** `data update`: the list installed in `dir`. */
void report_data_update(FILE *fp, const char *dir, const char *version,
			size_t nr, size_t old_nr);

/** `vulns import`: the records by outcome. */
void report_vulns_import(FILE *fp, size_t added, size_t updated,
			 size_t unchanged, size_t skipped, size_t withdrawn);

/**
 * `version`: the version; with `verbose` the libraries and the data
 * directory (`data_dir`, NULL when not found).
 */
void report_version(FILE *fp, const char *version, int verbose,
		    const char *data_dir);

#endif /* OH_REPORT_REPORT_SUMMARY_H */
