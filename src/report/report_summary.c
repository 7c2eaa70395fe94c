/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The short summaries of the commands that change state (report_summary.h).
 */
#include "report/report_summary.h"

#include <string.h>

#include "core/buf.h"
#include "report/report.h"
#include "scan/manifest.h"
#include "scan/scan.h"
#include "store/store_merge.h"
#include "core/banned.h"

void report_scan_summary(FILE *fp, const struct scan_summary *sum,
			 const struct manifest *m)
{
	fprintf(fp,
		"run %lld%s: %zu components, %zu scanned, %zu failed, %zu already done\n",
		(long long)sum->run_id, sum->resumed ? " (resumed)" : "",
		sum->total, sum->done, sum->failed, sum->skipped);
	if (sum->unreviewed == 0)
		return;
	fprintf(fp,
		"%zu SBOM package%s not reviewed (all listed in `osshealth report`)\n",
		sum->unreviewed, sum->unreviewed == 1 ? "" : "s");
	for (size_t i = 0; i < m->unreviewed_nr && i < REPORT_UNREVIEWED_SHOWN;
	     i++) {
		struct oh_buf b = OH_BUF_INIT;
		const struct manifest_unreviewed *u = &m->unreviewed[i];

		oh_buf_add_quoted(&b, u->name, strlen(u->name), 60);
		if (u->version) {
			oh_buf_addch(&b, ' ');
			oh_buf_add_quoted(&b, u->version, strlen(u->version),
					  40);
		}
		fprintf(fp, "  not reviewed: %s: %s\n", b.buf, u->reason);
		oh_buf_release(&b);
	}
}

void report_db_upgrade(FILE *fp, const char *path, int version,
		       int opened_version)
{
	if (opened_version == version)
		fprintf(fp, "%s: schema %d, up to date\n", path, version);
	else if (opened_version == 0)
		fprintf(fp, "%s: schema %d, created\n", path, version);
	else
		fprintf(fp, "%s: schema %d, migrated from %d\n", path, version,
			opened_version);
}

void report_db_merge(FILE *fp, const struct store_merge_result *res)
{
	fprintf(fp,
		"run %lld: merged %u shards, %zu components, %zu failed, %zu packages not reviewed\n",
		(long long)res->run_id, res->shards, res->components,
		res->failed, res->unreviewed);
}

void report_mirror(FILE *fp, const char *key, const char *path,
		   const char *what, unsigned received)
{
	fprintf(fp, "%s\t%s\t%s\t%u objects received\n", key, path, what,
		received);
}

void report_data_update(FILE *fp, const char *dir, const char *version,
			size_t nr, size_t old_nr)
{
	fprintf(fp,
		"%s/licenses.tsv: SPDX license list %s, %zu licenses (was %zu)\n",
		dir, version, nr, old_nr);
}

void report_vulns_import(FILE *fp, size_t added, size_t updated,
			 size_t unchanged, size_t skipped, size_t withdrawn)
{
	fprintf(fp,
		"%zu records: %zu added, %zu updated, %zu unchanged, %zu skipped as malformed; %zu withdrawn\n",
		added + updated + unchanged + skipped, added, updated,
		unchanged, skipped, withdrawn);
}

void report_version(FILE *fp, const char *version, int verbose,
		    const char *data_dir)
{
	fprintf(fp, "osshealth %s\n", version);
	if (!verbose)
		return;
	report_library_versions(fp);
	if (data_dir)
		fprintf(fp, "data: %s\n", data_dir);
	else
		fprintf(fp, "data: not found (set OSSHEALTH_DATA)\n");
}
