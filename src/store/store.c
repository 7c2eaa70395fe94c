/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Opening the database, transactions, review runs and `db info`.
 */
#define _GNU_SOURCE /* sync_file_range(): Linux; store_log_writeback() */
#include "store/store_int.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include <sys/stat.h>
#include <sys/xattr.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/err.h"
#include "core/xalloc.h"
#include "core/banned.h"

/*
 * The clean-close stamp.  PRAGMA quick_check reads every page: a third
 * of a re-scan with nothing new on a 38 MB database.  When the last
 * handle of a sound database closes cleanly (no write-ahead log left
 * behind, no damage or I/O error seen by this process), the file gets an
 * extended attribute naming it as it is then: device, inode, size and
 * modification time to the nanosecond.  An open that finds the file
 * exactly so, with no -wal holding changes, skips the page check: a
 * write by anyone, a truncation or another file moved over it changes
 * those.  What it does not see, and quick_check would: damage that
 * keeps the modification time (a failing disk, a writer that resets the
 * time) or that another program wrote while our handle was writing.
 * Without extended attributes (a file system without them, a copy that
 * drops them) every open checks, as before.
 */
#define CLEAN_ATTR "user.osshealth.clean"

static bool damage_seen; /* this process saw a damaged or failing file */

/* Forget the stamp of a file found damaged, and stamp nothing more. */
static void store_damage_seen(const char *path)
{
	damage_seen = true;
	if (path)
		(void)removexattr(path, CLEAN_ATTR);
}

static bool file_stamp(char *out, size_t size, const char *path)
{
	struct stat sb;

	if (stat(path, &sb) < 0 || !S_ISREG(sb.st_mode))
		return false;
	snprintf(out, size, "1 %llu %llu %lld %lld.%09ld",
		 (unsigned long long)sb.st_dev, (unsigned long long)sb.st_ino,
		 (long long)sb.st_size, (long long)sb.st_mtim.tv_sec,
		 (long)sb.st_mtim.tv_nsec);
	return true;
}

static bool file_nonempty(const char *path, const char *suffix);

/* Is the file as our last clean close left it? */
static bool closed_clean(const char *path)
{
	char now[96];
	char was[96];
	ssize_t n;

	if (damage_seen || file_nonempty(path, "-wal") ||
	    !file_stamp(now, sizeof(now), path))
		return false;
	n = getxattr(path, CLEAN_ATTR, was, sizeof(was) - 1);
	if (n <= 0)
		return false;
	was[n] = '\0';
	return strcmp(now, was) == 0;
}

/*
 * After the handle closed: stamp the file when it is sound.  A handle
 * that wrote nothing while the file changed under it (another program
 * wrote to it) leaves no stamp, and removes an old one.
 */
static void stamp_clean(const struct store *st, bool wrote)
{
	char now[96];

	if (st->readonly || st->stamp[0] == '\0' || damage_seen ||
	    file_nonempty(st->path, "-wal") ||
	    !file_stamp(now, sizeof(now), st->path))
		return;
	if (!wrote && strcmp(now, st->stamp) != 0) {
		(void)removexattr(st->path, CLEAN_ATTR);
		return;
	}
	(void)setxattr(st->path, CLEAN_ATTR, now, strlen(now), 0);
}

int store_db_error(struct store *st, struct oh_err *err, const char *what)
{
	int rc = st && st->db ? sqlite3_extended_errcode(st->db) : 0;
	const char *msg = st && st->db ? sqlite3_errmsg(st->db) : "no handle";
	const char *path = st ? st->path : NULL;

	if ((rc & 0xff) == SQLITE_CORRUPT || (rc & 0xff) == SQLITE_NOTADB ||
	    (rc & 0xff) == SQLITE_IOERR)
		store_damage_seen(path);
	if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED)
		return oh_err_set(
			err, OH_EDB, path, 0, 0,
			"%s: database is locked by another process (waited %d ms)",
			what, st ? st->busy_ms : STORE_BUSY_MS);
	/* SQLite's header was read, the pages behind it are damaged: the
	 * same advice as a failed quick_check, wherever it was found */
	if ((rc & 0xff) == SQLITE_CORRUPT)
		return oh_err_set(
			err, OH_EDB, path, 0, 0,
			"database is corrupt (%s: sqlite: %.200s): restore it from a backup, or move it aside and scan again into a new file",
			what, msg);
	if ((rc & 0xff) == SQLITE_NOTADB)
		return oh_err_set(
			err, OH_EDB, path, 0, 0,
			"%s: file is corrupt or not a database (sqlite: %s)",
			what, msg);
	if ((rc & 0xff) == SQLITE_READONLY)
		return oh_err_set(err, OH_EDB, path, 0, 0,
				  "%s: database is read-only (sqlite: %s)",
				  what, msg);
	return oh_err_set(err, OH_EDB, path, 0, 0, "%s: sqlite: %s", what, msg);
}

int store_prepare(struct store *st, sqlite3_stmt **out, const char *sql,
		  struct oh_err *err)
{
	if (sqlite3_prepare_v2(st->db, sql, -1, out, NULL) != SQLITE_OK) {
		*out = NULL;
		return store_db_error(st, err, "preparing a query");
	}
	return 0;
}

int store_exec(struct store *st, const char *sql, struct oh_err *err)
{
	if (sqlite3_exec(st->db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return store_db_error(st, err, "running a statement");
	return 0;
}

int store_step_returning_id(struct store *st, sqlite3_stmt *stmt,
			    int64_t *id_out, const char *what,
			    struct oh_err *err)
{
	int64_t id;

	if (sqlite3_step(stmt) != SQLITE_ROW)
		return store_db_error(st, err, what);
	id = sqlite3_column_int64(stmt, 0);
	if (sqlite3_step(stmt) != SQLITE_DONE)
		return store_db_error(st, err, what);
	*id_out = id;
	return 0;
}

int store_bind_text(sqlite3_stmt *stmt, int idx, const char *s)
{
	if (!s)
		return sqlite3_bind_null(stmt, idx);
	return sqlite3_bind_text(stmt, idx, s, -1, SQLITE_TRANSIENT);
}

int store_step_done(struct store *st, sqlite3_stmt *stmt, const char *what,
		    struct oh_err *err)
{
	int ret = 0;

	if (sqlite3_step(stmt) != SQLITE_DONE)
		ret = store_db_error(st, err, what);
	sqlite3_finalize(stmt);
	return ret;
}

char *store_col_dup(sqlite3_stmt *stmt, int col)
{
	const unsigned char *s = sqlite3_column_text(stmt, col);

	return oh_xstrdup(s ? (const char *)s : "");
}

char *store_col_dup_or_null(sqlite3_stmt *stmt, int col)
{
	const unsigned char *s = sqlite3_column_text(stmt, col);

	return s ? oh_xstrdup((const char *)s) : NULL;
}

const char *store_sqlite_version(void)
{
	return sqlite3_libversion();
}

const char *store_path(const struct store *st)
{
	return st->path;
}

int store_schema_version(const struct store *st)
{
	return st->version;
}

int store_opened_version(const struct store *st)
{
	return st->opened;
}

static int pragma_int(struct store *st, const char *sql, int64_t *out,
		      struct oh_err *err)
{
	sqlite3_stmt *stmt = NULL;
	int ret = 0;

	if (store_prepare(st, &stmt, sql, err) < 0)
		return err->code;
	if (sqlite3_step(stmt) == SQLITE_ROW)
		*out = sqlite3_column_int64(stmt, 0);
	else
		ret = store_db_error(st, err, "reading the database header");
	sqlite3_finalize(stmt);
	return ret;
}

/* Is this file ours?  Checks application id and version, never writes. */
static int check_identity(struct store *st, struct oh_err *err)
{
	int64_t app = 0, ver = 0, tables = 0;

	if (pragma_int(st, "PRAGMA application_id", &app, err) < 0 ||
	    pragma_int(st, "PRAGMA user_version", &ver, err) < 0 ||
	    pragma_int(st, "SELECT count(*) FROM sqlite_schema", &tables, err) <
		    0)
		return err->code;
	if (app != STORE_APP_ID && (tables > 0 || ver != 0))
		return oh_err_set(
			err, OH_EDB, st->path, 0, 0,
			"not an osshealth database (application id 0x%llx, %lld tables)",
			(unsigned long long)app, (long long)tables);
	if (ver > STORE_SCHEMA_VERSION)
		return oh_err_set(
			err, OH_EDB, st->path, 0, 0,
			"written by a newer osshealth (schema %lld; this build knows up to %d): upgrade osshealth",
			(long long)ver, STORE_SCHEMA_VERSION);
	st->version = (int)ver;
	st->opened = (int)ver;
	return 0;
}

/*
 * PRAGMA quick_check: every page and index structure, without comparing
 * index contents with their tables (O(N), about 0.25 s for a 40 MB
 * database).  A file with damaged pages would otherwise answer queries
 * with rows missing, and a scan would keep writing into it.
 */
static int check_pages(struct store *st, struct oh_err *err)
{
	sqlite3_stmt *stmt = NULL;
	char *first = NULL;
	int ret = 0;
	int rc;

	if (store_prepare(st, &stmt, "PRAGMA quick_check(1)", err) < 0)
		return err->code;
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		const unsigned char *t = sqlite3_column_text(stmt, 0);

		first = oh_xstrdup(t ? (const char *)t : "");
	}
	if (rc != SQLITE_ROW) {
		ret = store_db_error(st, err, "checking the database");
	} else if (strcmp(first, "ok") != 0) {
		store_damage_seen(st->path);
		ret = oh_err_set(
			err, OH_EDB, st->path, 0, 0,
			"database is corrupt (PRAGMA quick_check: %.200s): restore it from a backup, or move it aside and scan again into a new file",
			first);
	}
	sqlite3_finalize(stmt);
	free(first);
	return ret;
}

/*
 * Files this process holds open and has checked: a second handle on the
 * same file (the scan's workers open one each, for the HTTP cache and the
 * OSV records) does not read every page again while the first is open.
 * Entries are counted by handle and dropped when the last one closes, so
 * a file closed, damaged and opened again is checked again.
 */
static struct checked_file {
	unsigned long long dev, ino;
	unsigned refs;
} checked[16];
static pthread_mutex_t checked_lock = PTHREAD_MUTEX_INITIALIZER;

/* Take a reference on the file when it is in the table. */
static bool checked_hold(const struct stat *sb)
{
	bool hit = false;

	pthread_mutex_lock(&checked_lock);
	for (size_t i = 0; i < sizeof(checked) / sizeof(checked[0]); i++)
		if (checked[i].refs > 0 &&
		    checked[i].dev == (unsigned long long)sb->st_dev &&
		    checked[i].ino == (unsigned long long)sb->st_ino) {
			checked[i].refs++;
			hit = true;
			break;
		}
	pthread_mutex_unlock(&checked_lock);
	return hit;
}

/* Enter a file just checked; a full table only costs speed. */
static bool checked_add(const struct stat *sb)
{
	bool added = false;

	pthread_mutex_lock(&checked_lock);
	for (size_t i = 0; i < sizeof(checked) / sizeof(checked[0]); i++)
		if (checked[i].refs == 0) {
			checked[i].dev = (unsigned long long)sb->st_dev;
			checked[i].ino = (unsigned long long)sb->st_ino;
			checked[i].refs = 1;
			added = true;
			break;
		}
	pthread_mutex_unlock(&checked_lock);
	return added;
}

static void checked_drop(struct store *st)
{
	if (!st->checked)
		return;
	pthread_mutex_lock(&checked_lock);
	for (size_t i = 0; i < sizeof(checked) / sizeof(checked[0]); i++)
		if (checked[i].refs > 0 && checked[i].dev == st->dev &&
		    checked[i].ino == st->ino) {
			checked[i].refs--;
			break;
		}
	pthread_mutex_unlock(&checked_lock);
	st->checked = false;
}

/* check_pages(), unless another open handle of this process did. */
static int check_once(struct store *st, struct oh_err *err)
{
	struct stat sb;
	bool known = stat(st->path, &sb) == 0;

	if (known && checked_hold(&sb)) {
		st->checked = true;
	} else {
		if (!closed_clean(st->path) && check_pages(st, err) < 0)
			return err->code;
		st->checked = known && checked_add(&sb);
	}
	if (st->checked) {
		st->dev = (unsigned long long)sb.st_dev;
		st->ino = (unsigned long long)sb.st_ino;
	}
	return 0;
}

static int configure(struct store *st, struct oh_err *err)
{
	sqlite3_busy_timeout(st->db, st->busy_ms);
	sqlite3_extended_result_codes(st->db, 1);
	if (store_exec(st, "PRAGMA foreign_keys = ON", err) < 0)
		return err->code;
	/*
	 * Bulk loads as SQLite's authors recommend: a page cache that holds
	 * a large history's working set, temporary b-trees in memory, and
	 * reads through a memory map instead of pread() per page -- set
	 * before the page check, which reads every page.
	 */
	if (store_exec(st, "PRAGMA cache_size = " STORE_CACHE_SIZE, err) < 0 ||
	    store_exec(st, "PRAGMA temp_store = MEMORY", err) < 0 ||
	    store_exec(st, "PRAGMA mmap_size = 268435456", err) < 0)
		return err->code;
	if (check_identity(st, err) < 0 ||
	    (st->version > 0 && check_once(st, err) < 0))
		return err->code;
	/* sound (checked, stamped clean, or new): what a clean close compares */
	if (!file_stamp(st->stamp, sizeof(st->stamp), st->path))
		st->stamp[0] = '\0';
	if (st->readonly)
		return 0;
	/*
	 * WAL lets `db info` and reports read while a scan writes; with WAL,
	 * synchronous=NORMAL keeps the database consistent after a crash
	 * or power loss (the last commits may be rolled back), and syncs
	 * only at checkpoints instead of at every commit.
	 */
	if (store_exec(st, "PRAGMA journal_mode = WAL", err) < 0)
		return err->code;
	return store_exec(st, "PRAGMA synchronous = NORMAL", err);
}

/* True when the directory holding `path` accepts new files. */
static bool dir_writable(const char *path)
{
	const char *slash = strrchr(path, '/');
	struct oh_buf dir = OH_BUF_INIT;
	bool ok;

	if (!slash)
		oh_buf_adds(&dir, ".");
	else if (slash == path)
		oh_buf_adds(&dir, "/");
	else
		oh_buf_add(&dir, path, (size_t)(slash - path));
	ok = access(dir.buf, W_OK) == 0;
	oh_buf_release(&dir);
	return ok;
}

static bool file_nonempty(const char *path, const char *suffix)
{
	struct oh_buf p = OH_BUF_INIT;
	struct stat sb;
	bool yes;

	oh_buf_addf(&p, "%s%s", path, suffix);
	yes = stat(p.buf, &sb) == 0 && sb.st_size > 0;
	oh_buf_release(&p);
	return yes;
}

/*
 * Read-only use of a WAL database needs its -shm file, which SQLite
 * creates next to it: in a read-only directory that fails.  When no
 * -shm exists and the -wal holds nothing, no writer is active and the
 * file alone is the whole database: open it immutable.  A -wal with
 * content (a writer crashed or is running) would then be ignored, so
 * that case is an error that says why.  Sets *uri to the URI to open, or
 * NULL to open the path as usual.
 */
static int readonly_uri(char **uri, const char *path, struct oh_err *err)
{
	struct oh_buf u = OH_BUF_INIT;

	*uri = NULL;
	if (dir_writable(path) || file_nonempty(path, "-shm"))
		return 0;
	if (file_nonempty(path, "-wal"))
		return oh_err_set(
			err, OH_EDB, path, 0, 0,
			"cannot read: the directory is read-only and the write-ahead log '%s-wal' holds changes not yet in the database",
			path);
	oh_buf_adds(&u, "file:");
	for (const char *p = path; *p != '\0'; p++)
		if (*p == '?' || *p == '#' || *p == '%')
			oh_buf_addf(&u, "%%%02X", (unsigned char)*p);
		else
			oh_buf_addch(&u, *p);
	oh_buf_adds(&u, "?immutable=1");
	*uri = oh_buf_detach(&u, NULL);
	return 0;
}

int store_open(struct store **out, const char *path,
	       const struct store_open_opts *opts, struct oh_err *err)
{
	struct store_open_opts def = STORE_OPEN_OPTS_INIT;
	struct store *st;
	char *uri = NULL;
	int flags;
	int target;

	*out = NULL;
	if (!opts)
		opts = &def;
	if (!path)
		path = STORE_DEFAULT_PATH;
	target = opts->target_version ? opts->target_version
				      : STORE_SCHEMA_VERSION;
	if (access(path, F_OK) < 0 && ((opts->flags & STORE_CREATE) == 0 ||
				       (opts->flags & STORE_READONLY) != 0))
		return oh_err_set(err, OH_ENOTFOUND, path, 0, 0,
				  "database does not exist");
	st = oh_xcalloc(1, sizeof(*st));
	st->path = oh_xstrdup(path);
	st->readonly = (opts->flags & STORE_READONLY) != 0;
	st->busy_ms = opts->busy_ms > 0 ? opts->busy_ms : STORE_BUSY_MS;
	flags = st->readonly ? SQLITE_OPEN_READONLY
			     : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
	if (st->readonly && readonly_uri(&uri, path, err) < 0)
		goto fail;
	if (sqlite3_open_v2(uri ? uri : path, &st->db,
			    flags | SQLITE_OPEN_NOMUTEX |
				    (uri ? SQLITE_OPEN_URI : 0),
			    NULL) != SQLITE_OK) {
		store_db_error(st, err, "cannot open database");
		goto fail;
	}
	if (configure(st, err) < 0)
		goto fail;
	if (!st->readonly && st->version < target &&
	    store_migrate(st, target, err) < 0)
		goto fail;
	free(uri);
	*out = st;
	return 0;
fail:
	free(uri);
	store_close(st);
	return err->code;
}

void store_close(struct store *st)
{
	bool wrote;

	if (!st)
		return;
	if (st->in_tx)
		store_rollback(st);
	checked_drop(st);
	wrote = st->db && (sqlite3_total_changes64(st->db) > 0 ||
			   st->version != st->opened);
	if (sqlite3_close(st->db) == SQLITE_OK && st->db)
		stamp_clean(st, wrote);
	free(st->path);
	free(st);
}

int store_begin(struct store *st, struct oh_err *err)
{
	if (st->in_tx)
		OH_BUG("nested transaction on %s", st->path);
	if (store_exec(st, "BEGIN IMMEDIATE", err) < 0)
		return err->code;
	st->in_tx = true;
	return 0;
}

int store_begin_read(struct store *st, struct oh_err *err)
{
	if (st->in_tx)
		OH_BUG("nested transaction on %s", st->path);
	if (store_exec(st, "BEGIN DEFERRED", err) < 0)
		return err->code;
	st->in_tx = true;
	return 0;
}

int store_commit(struct store *st, struct oh_err *err)
{
	if (!st->in_tx)
		OH_BUG("commit without a transaction on %s", st->path);
	if (store_exec(st, "COMMIT", err) < 0) {
		/* A failed COMMIT (a write or sync error, a deferred
		 * constraint) may leave the transaction open: end it, so a
		 * failed commit is a rollback and the next begin works. */
		if (!sqlite3_get_autocommit(st->db))
			sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
		st->in_tx = false;
		return err->code;
	}
	st->in_tx = false;
	return 0;
}

void store_shrink(struct store *st)
{
	(void)sqlite3_db_release_memory(st->db);
}

void store_autocheckpoint(struct store *st, bool on)
{
	(void)sqlite3_wal_autocheckpoint(st->db, on ? 1000 : 0);
}

void store_checkpoint(struct store *st)
{
	if (st && !st->in_tx)
		(void)sqlite3_wal_checkpoint_v2(
			st->db, NULL, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
}

void store_log_writeback(const struct store *st)
{
#ifdef SYNC_FILE_RANGE_WRITE
	struct oh_buf p = OH_BUF_INIT;
	int fd;

	oh_buf_addf(&p, "%s-wal", st->path);
	fd = open(p.buf, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	if (fd >= 0) {
		/* a hint: the kernel starts writing, we do not wait */
		(void)sync_file_range(fd, 0, 0, SYNC_FILE_RANGE_WRITE);
		close(fd);
	}
	oh_buf_release(&p);
#else
	(void)st;
#endif /* SYNC_FILE_RANGE_WRITE */
}

void store_rollback(struct store *st)
{
	if (!st->in_tx)
		return;
	sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
	st->in_tx = false;
}

const char *store_run_status_name(enum store_run_status s)
{
	switch (s) {
	case STORE_RUN_RUNNING:
		return "running";
	case STORE_RUN_DONE:
		return "done";
	case STORE_RUN_PARTIAL:
		return "partial";
	case STORE_RUN_FAILED:
		return "failed";
	}
	OH_BUG("bad run status %d", (int)s);
}

int store_run_begin(int64_t *id_out, struct store *st,
		    const struct store_run *run, struct oh_err *err)
{
	static const char sql[] =
		"INSERT INTO runs (started_at, tool_version, rules_version,"
		" profile, inputs, status) VALUES (?1, ?2, ?3, ?4,"
		" coalesce(?5, '[]'), 'running')";
	sqlite3_stmt *stmt = NULL;
	int ret = 0;

	if (store_prepare(st, &stmt, sql, err) < 0)
		return err->code;
	sqlite3_bind_int64(stmt, 1, run->started_at);
	store_bind_text(stmt, 2, run->tool_version);
	store_bind_text(stmt, 3, run->rules_version);
	store_bind_text(stmt, 4, run->profile);
	store_bind_text(stmt, 5, run->inputs_json);
	if (sqlite3_step(stmt) != SQLITE_DONE)
		ret = store_db_error(st, err, "recording a review run");
	else
		*id_out = sqlite3_last_insert_rowid(st->db);
	sqlite3_finalize(stmt);
	return ret;
}

int store_run_finish(struct store *st, int64_t run_id,
		     enum store_run_status status, int64_t finished_at,
		     struct oh_err *err)
{
	static const char sql[] =
		"UPDATE runs SET status = ?1, finished_at = ?2 WHERE id = ?3";
	sqlite3_stmt *stmt = NULL;
	int ret = 0;

	if (store_prepare(st, &stmt, sql, err) < 0)
		return err->code;
	store_bind_text(stmt, 1, store_run_status_name(status));
	sqlite3_bind_int64(stmt, 2, finished_at);
	sqlite3_bind_int64(stmt, 3, run_id);
	if (sqlite3_step(stmt) != SQLITE_DONE)
		ret = store_db_error(st, err, "finishing a review run");
	else if (sqlite3_changes(st->db) != 1)
		ret = oh_err_set(err, OH_ENOTFOUND, st->path, 0, 0,
				 "no review run %lld", (long long)run_id);
	sqlite3_finalize(stmt);
	return ret;
}

static int info_counts(struct store_info *out, struct store *st,
		       struct oh_err *err)
{
	static const char list_sql[] =
		"SELECT name FROM sqlite_schema WHERE type = 'table'"
		" AND name NOT LIKE 'sqlite_%' ORDER BY name";
	sqlite3_stmt *list = NULL;
	size_t alloc = 0;
	int rc;

	if (store_prepare(st, &list, list_sql, err) < 0)
		return err->code;
	while ((rc = sqlite3_step(list)) == SQLITE_ROW) {
		struct store_count *c;
		struct oh_buf sql = OH_BUF_INIT;
		int64_t rows = 0;
		int ret;

		OH_GROW(out->counts, alloc, out->counts_nr + 1);
		c = &out->counts[out->counts_nr++];
		c->table = store_col_dup(list, 0);
		c->rows = 0;
		/* Identifiers cannot be bound; the name is quoted. */
		oh_buf_addf(&sql, "SELECT count(*) FROM \"%s\"", c->table);
		ret = pragma_int(st, sql.buf, &rows, err);
		oh_buf_release(&sql);
		if (ret < 0) {
			sqlite3_finalize(list);
			return ret;
		}
		c->rows = rows;
	}
	sqlite3_finalize(list);
	if (rc != SQLITE_DONE)
		return store_db_error(st, err, "listing tables");
	return 0;
}

static int info_runs(struct store_info *out, struct store *st,
		     struct oh_err *err)
{
	static const char sql[] =
		"SELECT r.id, r.started_at, coalesce(r.finished_at, 0),"
		" r.status, r.tool_version,"
		" (SELECT count(*) FROM run_components c WHERE c.run_id = r.id),"
		" (SELECT count(*) FROM run_components c WHERE c.run_id = r.id"
		"  AND c.status = 'failed')"
		" FROM runs r ORDER BY r.id DESC";
	sqlite3_stmt *stmt = NULL;
	size_t alloc = 0;
	int rc;

	if (st->version < 1)
		return 0;
	if (store_prepare(st, &stmt, sql, err) < 0)
		return err->code;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		struct store_run_summary *r;

		OH_GROW(out->run, alloc, out->run_nr + 1);
		r = &out->run[out->run_nr++];
		r->id = sqlite3_column_int64(stmt, 0);
		r->started_at = sqlite3_column_int64(stmt, 1);
		r->finished_at = sqlite3_column_int64(stmt, 2);
		r->status = store_col_dup(stmt, 3);
		r->tool_version = store_col_dup(stmt, 4);
		r->components = sqlite3_column_int64(stmt, 5);
		r->failed = sqlite3_column_int64(stmt, 6);
	}
	sqlite3_finalize(stmt);
	if (rc != SQLITE_DONE)
		return store_db_error(st, err, "listing review runs");
	return 0;
}

int store_info_get(struct store_info *out, struct store *st, struct oh_err *err)
{
	memset(out, 0, sizeof(*out));
	out->schema_version = st->version;
	out->code_version = STORE_SCHEMA_VERSION;
	if (pragma_int(st, "PRAGMA page_count", &out->page_count, err) < 0 ||
	    pragma_int(st, "PRAGMA page_size", &out->page_size, err) < 0 ||
	    info_counts(out, st, err) < 0 || info_runs(out, st, err) < 0) {
		store_info_release(out);
		return err->code;
	}
	return 0;
}

void store_info_release(struct store_info *info)
{
	for (size_t i = 0; i < info->counts_nr; i++)
		free(info->counts[i].table);
	free(info->counts);
	for (size_t i = 0; i < info->run_nr; i++) {
		free(info->run[i].status);
		free(info->run[i].tool_version);
	}
	free(info->run);
	memset(info, 0, sizeof(*info));
}
