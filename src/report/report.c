/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Format names, stream checks, and small renderers (db info, versions).
 */
#include "report/report.h"
#include "report/report_int.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "core/err.h"
#include "core/timeutil.h"
#include "core/xalloc.h"
#include "git/gitlib.h"
#include "store/store.h"
#include "store/store_scan.h"
#include "core/json.h"
#include "core/banned.h"

#ifndef OH_VERSION
#define OH_VERSION "0.0.0-unknown"
#endif

static const struct {
	const char *name;
	enum report_format fmt;
} formats[] = {
	{ "text", REPORT_TEXT },
	{ "json", REPORT_JSON },
	{ "md", REPORT_MARKDOWN },
	{ "markdown", REPORT_MARKDOWN },
	{ "html", REPORT_HTML },
	{ "sarif", REPORT_SARIF },
	{ "junit", REPORT_JUNIT },
	{ "csv", REPORT_CSV },
	{ "codequality", REPORT_CODEQUALITY },
};

int report_format_parse(enum report_format *out, const char *name,
			struct oh_err *err)
{
	for (size_t i = 0; i < sizeof(formats) / sizeof(formats[0]); i++) {
		if (strcmp(formats[i].name, name) == 0) {
			*out = formats[i].fmt;
			return 0;
		}
	}
	return oh_err_set(err, OH_EINPUT, NULL, 0, 0, "unknown format '%.60s'",
			  name);
}

const char *report_format_name(enum report_format f)
{
	for (size_t i = 0; i < sizeof(formats) / sizeof(formats[0]); i++)
		if (formats[i].fmt == f)
			return formats[i].name;
	return "unknown";
}

int report_check_stream(FILE *fp, const char *name, struct oh_err *err)
{
	errno = 0;
	if (fflush(fp) != 0 || ferror(fp))
		return oh_err_set(err, OH_EIO, name, 0, 0, "cannot write: %s",
				  strerror(errno ? errno : EIO));
	return 0;
}

void report_library_versions(FILE *fp)
{
	char git[32];

	gitlib_version(git, sizeof(git));
	fprintf(fp, "libgit2: %s\n", git);
	fprintf(fp, "sqlite: %s\n", store_sqlite_version());
	fprintf(fp, "cjson: %s\n", cJSON_Version());
}

static void db_info_text(FILE *fp, const char *path,
			 const struct store_info *info)
{
	char t[32];

	fprintf(fp, "database: %s\n", path);
	fprintf(fp, "schema: %d (this osshealth: %d)\n", info->schema_version,
		info->code_version);
	fprintf(fp, "size: %lld bytes\n",
		(long long)(info->page_count * info->page_size));
	fprintf(fp, "runs: %zu\n", info->run_nr);
	for (size_t i = 0; i < info->run_nr; i++) {
		const struct store_run_summary *r = &info->run[i];

		oh_time_format(t, sizeof(t), r->started_at);
		fprintf(fp,
			"  run %lld  %s  %-8s  %lld components, %lld failed  (osshealth %s)\n",
			(long long)r->id, t, r->status,
			(long long)r->components, (long long)r->failed,
			r->tool_version);
	}
	fprintf(fp, "tables:\n");
	for (size_t i = 0; i < info->counts_nr; i++)
		fprintf(fp, "  %-16s %lld\n", info->counts[i].table,
			(long long)info->counts[i].rows);
}

static cJSON *db_info_json(const char *path, const struct store_info *info)
{
	cJSON *root = cJSON_CreateObject();
	cJSON *runs = NULL;
	cJSON *tables = NULL;
	char t[32];

	cJSON_AddStringToObject(root, "database", path);
	cJSON_AddNumberToObject(root, "schema_version", info->schema_version);
	cJSON_AddNumberToObject(root, "code_schema_version",
				info->code_version);
	cJSON_AddNumberToObject(root, "size_bytes",
				(double)(info->page_count * info->page_size));
	runs = cJSON_AddArrayToObject(root, "runs");
	for (size_t i = 0; i < info->run_nr; i++) {
		const struct store_run_summary *r = &info->run[i];
		cJSON *o = cJSON_CreateObject();

		cJSON_AddNumberToObject(o, "id", (double)r->id);
		oh_time_format(t, sizeof(t), r->started_at);
		cJSON_AddStringToObject(o, "started_at", t);
		if (r->finished_at > 0) {
			oh_time_format(t, sizeof(t), r->finished_at);
			cJSON_AddStringToObject(o, "finished_at", t);
		} else {
			cJSON_AddNullToObject(o, "finished_at");
		}
		cJSON_AddStringToObject(o, "status", r->status);
		cJSON_AddStringToObject(o, "tool_version", r->tool_version);
		cJSON_AddNumberToObject(o, "components", (double)r->components);
		cJSON_AddNumberToObject(o, "failed", (double)r->failed);
		cJSON_AddItemToArray(runs, o);
	}
	tables = cJSON_AddObjectToObject(root, "tables");
	for (size_t i = 0; i < info->counts_nr; i++)
		cJSON_AddNumberToObject(tables, info->counts[i].table,
					(double)info->counts[i].rows);
	return root;
}

int report_db_info(FILE *fp, const char *path, const struct store_info *info,
		   enum report_format fmt, struct oh_err *err)
{
	switch (fmt) {
	case REPORT_TEXT:
		db_info_text(fp, path, info);
		break;
	case REPORT_JSON:
		report_print_json(fp, db_info_json(path, info));
		break;
	default:
		return oh_err_set(err, OH_EINPUT, NULL, 0, 0,
				  "format '%s' is not supported for db info",
				  report_format_name(fmt));
	}
	return report_check_stream(fp, "<stdout>", err);
}

const char *report_fact(const struct store_component_row *c, const char *key)
{
	for (size_t i = 0; i < c->fact_nr; i++)
		if (strcmp(c->fact[i].key, key) == 0)
			return c->fact[i].value;
	return NULL;
}

void report_json_str(cJSON *o, const char *key, const char *v)
{
	if (v)
		cJSON_AddStringToObject(o, key, v);
	else
		cJSON_AddNullToObject(o, key);
}

void report_print_json(FILE *fp, cJSON *root)
{
	char *s;

	oh_json_utf8_fix(root);
	s = cJSON_Print(root);
	if (!s)
		OH_BUG("cJSON_Print failed");
	fprintf(fp, "%s\n", s);
	cJSON_free(s);
	cJSON_Delete(root);
}

bool report_share_pct(char out[16], const char *share, const char *commits)
{
	char *end = NULL;
	double d = share ? strtod(share, &end) : -1;

	if (commits && strcmp(commits, "0") == 0) {
		snprintf(out, 16, "no commits");
		return false;
	}
	if (!share || end == share || *end != '\0' || d < 0 || d > 1) {
		snprintf(out, 16, "unknown");
		return false;
	}
	snprintf(out, 16, "%.0f%%", d * 100);
	return true;
}
