/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef OH_STORE_STORE_H
#define OH_STORE_STORE_H

/*
 * The osshealth database: one SQLite file holding collected facts
 * (commits, trailers, tags, files, blobs) and the results of every review
 * run (components, scores, findings, decisions).
 *
 * Operations: open/create with forward migrations, transactions, review
 * runs, and the summary behind `osshealth db info`.  Other modules' queries
 * live in further files of src/store/ (store_<area>.c) and are declared
 * here or in store_<area>.h; only src/store/ includes sqlite3.h.
 *
 * Invariants:
 *   - PRAGMA application_id is STORE_APP_ID; a file with tables but another
 *     id is refused as "not an osshealth database".
 *   - PRAGMA user_version is the schema version; migrations only move it
 *     forward, each inside one transaction.  A file with a version above
 *     STORE_SCHEMA_VERSION (written by a newer osshealth) is refused.
 *   - WAL journal, foreign keys on, busy timeout STORE_BUSY_MS; all SQL uses
 *     prepared statements with bound parameters.
 *   - Writers wrap each component in one transaction (store_begin/commit),
 *     so a killed process never leaves half a component.
 *   - Every open of an existing file runs PRAGMA quick_check: a file with
 *     damaged pages is refused (OH_EDB "database is corrupt"), never read
 *     with rows missing or written into.  Cost: O(size), about 0.25 s for
 *     40 MB.
 *   - STORE_READONLY in a directory that is not writable and without a
 *     -shm file opens the file immutable (SQLite needs to create -shm for
 *     WAL otherwise); a non-empty -wal there is an error, since immutable
 *     would ignore it.
 *
 * Thread safety: a struct store is used by one thread at a time (the
 * scan's single writer).  Credentials are never stored: URLs are redacted
 * by the caller before they reach this module.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct oh_err;
struct store;

#define STORE_SCHEMA_VERSION 11
#define STORE_APP_ID         0x4f534845 /* "OSHE" */
#define STORE_BUSY_MS        5000
#define STORE_DEFAULT_PATH   "osshealth.db"

enum store_flags {
	STORE_READONLY = 1u << 0, /* open read-only; never migrate or create */
	STORE_CREATE = 1u << 1,   /* create the file when it does not exist */
};

struct store_open_opts {
	unsigned flags;     /* enum store_flags */
	int target_version; /* migrate up to this; 0 = STORE_SCHEMA_VERSION */
	int busy_ms;        /* wait this long for a lock; 0 = STORE_BUSY_MS */
};

/* clang-format off */
#define STORE_OPEN_OPTS_INIT { .flags = STORE_CREATE, .target_version = 0 }
/* clang-format on */

/**
 * Open the database at `path` (NULL means STORE_DEFAULT_PATH) and bring
 * its schema up to date, unless STORE_READONLY.  On success *out is a new
 * handle the caller closes with store_close().
 *
 * Errors: OH_ENOTFOUND (missing file without STORE_CREATE), OH_EDB (locked,
 * corrupt, not a database, not an osshealth database, written by a newer
 * version, or any SQLite failure; SQLite's text is appended).
 */
int store_open(struct store **out, const char *path,
	       const struct store_open_opts *opts, struct oh_err *err);

/** Close the handle; NULL is a no-op. */
void store_close(struct store *st);

/** The path the store was opened with (borrowed). */
const char *store_path(const struct store *st);

/** Schema version of the open file (PRAGMA user_version). */
int store_schema_version(const struct store *st);

/**
 * Schema version the file had before store_open() migrated it (0 for a
 * file that was just created).
 */
int store_opened_version(const struct store *st);

/**
 * Transactions: BEGIN IMMEDIATE / COMMIT / ROLLBACK.  OH_EDB on failure.
 * A failed store_commit() rolls the transaction back: none is open after.
 */
int store_begin(struct store *st, struct oh_err *err);
int store_commit(struct store *st, struct oh_err *err);

/*
 * A read transaction (BEGIN DEFERRED), ended by store_commit(): reads
 * share one snapshot and one lock instead of taking them per statement.
 * Under WAL it never blocks a writer; it must not write.
 */
int store_begin_read(struct store *st, struct oh_err *err);
/** Roll back if a transaction is open; never fails. */
void store_rollback(struct store *st);

/** Free the handle's cached clean pages (after a bulk load: the pages
 * written are on disk, keeping them only raises the peak memory). */
void store_shrink(struct store *st);

/**
 * Turn the handle's automatic checkpoint on commit on (SQLite's 1,000
 * pages of log) or off.  Off, the log grows until a handle with it on
 * commits or the last handle closes.
 */
void store_autocheckpoint(struct store *st, bool on);

/**
 * Start writing the database's write-ahead log to disk without waiting
 * (Linux sync_file_range(); elsewhere nothing): the fdatasync() of the
 * next checkpoint then finds less to flush.  Errors are ignored.
 */
void store_log_writeback(const struct store *st);

/**
 * A passive checkpoint through this handle: the log's committed frames
 * that no reader needs are copied into the database and synced, beside
 * any writer (which it never blocks; a later checkpoint copies the rest).
 * The handle must have no transaction open.  Errors are ignored: the
 * next commit's or the last close's checkpoint does the work instead.
 */
void store_checkpoint(struct store *st);

/** Version string of the linked SQLite library (borrowed, static). */
const char *store_sqlite_version(void);

/* ---- review runs ------------------------------------------------------ */

enum store_run_status {
	STORE_RUN_RUNNING,
	STORE_RUN_DONE,
	STORE_RUN_PARTIAL,
	STORE_RUN_FAILED,
};

struct store_run {
	int64_t id;                   /* rowid */
	int64_t started_at;           /* seconds since the epoch, UTC */
	int64_t finished_at;          /* 0 while running */
	const char *tool_version;     /* e.g. "0.1.0" */
	const char *rules_version;    /* may be NULL */
	const char *profile;          /* jurisdiction profile; may be NULL */
	const char *inputs_json;      /* JSON array of inputs; may be NULL */
	enum store_run_status status; /* see above */
};

/** Record a new run (status running); its id goes to *id_out. */
int store_run_begin(int64_t *id_out, struct store *st,
		    const struct store_run *run, struct oh_err *err);

/** Set a run's final status and finish time. */
int store_run_finish(struct store *st, int64_t run_id,
		     enum store_run_status status, int64_t finished_at,
		     struct oh_err *err);

/** "running", "done", "partial", "failed". */
const char *store_run_status_name(enum store_run_status s);

/* ---- db info ---------------------------------------------------------- */

struct store_count {
	char *table; /* owned */
	int64_t rows;
};

struct store_run_summary {
	int64_t id;
	int64_t started_at;
	int64_t finished_at; /* 0 while running or killed */
	char *status;        /* owned */
	char *tool_version;  /* owned */
	int64_t components;  /* components in the run */
	int64_t failed;      /* of which failed */
};

struct store_info {
	int schema_version;            /* of the file */
	int code_version;              /* STORE_SCHEMA_VERSION */
	int64_t page_count;            /* pages in the file */
	int64_t page_size;             /* bytes per page */
	struct store_count *counts;    /* one per table, sorted by name */
	size_t counts_nr;              /* entries in counts */
	struct store_run_summary *run; /* newest first */
	size_t run_nr;                 /* entries in run */
};

/**
 * Fill *out with the schema version, page statistics, row counts of every
 * table and the list of review runs.  Release with store_info_release().
 */
int store_info_get(struct store_info *out, struct store *st,
		   struct oh_err *err);
void store_info_release(struct store_info *info);

#endif /* OH_STORE_STORE_H */
