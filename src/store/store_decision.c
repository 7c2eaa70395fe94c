/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Overall-decision columns and run waivers (store_decision.h).
 */
#include "store/store_decision.h"

#include <stdlib.h>

#include "core/err.h"
#include "core/xalloc.h"
#include "store/store_int.h"
#include "core/banned.h"

int store_decision_put(struct store *st, int64_t run_id, int64_t component_id,
		       const char *origin_decision, const char *reasons_json,
		       struct oh_err *err)
{
	static const char sql[] =
		"UPDATE run_components SET origin_decision = ?3,"
		" decision_reasons = ?4 WHERE run_id = ?1 AND component_id = ?2";
	sqlite3_stmt *stmt = NULL;

	if (store_prepare(st, &stmt, sql, err) < 0)
		return err->code;
	sqlite3_bind_int64(stmt, 1, run_id);
	sqlite3_bind_int64(stmt, 2, component_id);
	store_bind_text(stmt, 3, origin_decision);
	store_bind_text(stmt, 4, reasons_json);
	return store_step_done(st, stmt,
			       "recording a component's decision reasons", err);
}

int store_run_waivers_put(struct store *st, int64_t run_id, const char *source,
			  const char *content, struct oh_err *err)
{
	static const char sql[] =
		"INSERT OR REPLACE INTO run_waivers (run_id, source, content)"
		" VALUES (?1, ?2, ?3)";
	sqlite3_stmt *stmt = NULL;

	if (store_prepare(st, &stmt, sql, err) < 0)
		return err->code;
	sqlite3_bind_int64(stmt, 1, run_id);
	store_bind_text(stmt, 2, source);
	store_bind_text(stmt, 3, content);
	return store_step_done(st, stmt, "recording the run's waivers", err);
}

int store_run_waivers_get(char **source_out, char **content_out,
			  struct store *st, int64_t run_id, struct oh_err *err)
{
	static const char sql[] =
		"SELECT source, content FROM run_waivers WHERE run_id = ?1";
	sqlite3_stmt *stmt = NULL;
	int rc;

	*source_out = NULL;
	*content_out = NULL;
	if (store_prepare(st, &stmt, sql, err) < 0)
		return err->code;
	sqlite3_bind_int64(stmt, 1, run_id);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		*source_out = store_col_dup_or_null(stmt, 0);
		*content_out = store_col_dup_or_null(stmt, 1);
	} else if (rc != SQLITE_DONE) {
		rc = store_db_error(st, err, "reading the run's waivers");
		sqlite3_finalize(stmt);
		return rc;
	}
	sqlite3_finalize(stmt);
	return 0;
}
