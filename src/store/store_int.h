/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef OH_STORE_STORE_INT_H
#define OH_STORE_STORE_INT_H

/*
 * Internals shared by the files of src/store/.  Nothing outside
 * src/store/ includes this header (it pulls in sqlite3.h).
 */

/* The page cache of every handle (PRAGMA cache_size; negative: KiB). */
#define STORE_CACHE_SIZE "-65536"

#include <sqlite3.h>

#include "store/store.h"

struct store {
	sqlite3 *db;   /* the connection */
	char *path;    /* owned copy of the path opened */
	int version;   /* PRAGMA user_version after migrations */
	int opened;    /* PRAGMA user_version before migrations */
	bool readonly; /* opened with STORE_READONLY */
	bool in_tx;    /* a transaction is open */
	int busy_ms;   /* lock wait in milliseconds */
	bool checked;  /* holds a reference in the checked-files table */
	unsigned long long dev, ino; /* the file, when checked */
	char stamp[96];              /* the file at open, sound ("" unknown):
					see store.c "clean close" */
};

/** Set err to OH_EDB with our text first and SQLite's message appended. */
int store_db_error(struct store *st, struct oh_err *err, const char *what);

/**
 * Prepare `sql` into *out; OH_EDB naming the statement's purpose on
 * failure.  The caller finalizes.
 */
int store_prepare(struct store *st, sqlite3_stmt **out, const char *sql,
		  struct oh_err *err);

/** Run SQL without results or parameters (schema, pragmas). */
int store_exec(struct store *st, const char *sql, struct oh_err *err);
/**
 * Step an INSERT ... RETURNING id to its end and put the id in *id_out.
 * Outside a transaction such a statement commits when it completes, not
 * when it returns its row: a failed commit (a write error) shows only in
 * the step after the row, and is lost if the caller stops at the row.
 * OH_EDB with `what` on failure.
 */
int store_step_returning_id(struct store *st, sqlite3_stmt *stmt,
			    int64_t *id_out, const char *what,
			    struct oh_err *err);

/** Bind text that may be NULL (binds SQL NULL then). */
int store_bind_text(sqlite3_stmt *stmt, int idx, const char *s);

/* Step a write statement once and finalize it; `what` names it in the
 * error (store_db_error()). */
int store_step_done(struct store *st, sqlite3_stmt *stmt, const char *what,
		    struct oh_err *err);

/* A copy of a text column: "" (store_col_dup) or NULL (..._or_null) for
 * SQL NULL. */
char *store_col_dup(sqlite3_stmt *stmt, int col);
char *store_col_dup_or_null(sqlite3_stmt *stmt, int col);

/** Migrations: apply each step above the file's version up to target. */
int store_migrate(struct store *st, int target, struct oh_err *err);

#endif /* OH_STORE_STORE_INT_H */
