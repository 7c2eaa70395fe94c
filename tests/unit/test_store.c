/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * store: create, migrate, reopen, and refuse missing, corrupt, foreign,
 * locked and newer-version files.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/xattr.h>

#include <check.h>
#include <sqlite3.h>

#include "core/err.h"
#include "license/adapt.h"
#include "license/match_cache.h"
#include "store/store.h"
#include "store/store_blob.h"
#include "store/store_int.h"
#include "unit.h"

static void setup(void)
{
	unit_tmpdir();
}

static void teardown(void)
{
	unit_tmpdir_remove();
}

/* Run SQL directly on a file, as another program would. */
static void raw_exec(const char *path, const char *sql)
{
	sqlite3 *db = NULL;

	ck_assert_int_eq(sqlite3_open(path, &db), SQLITE_OK);
	ck_assert_int_eq(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
}

START_TEST(test_store_create)
{
	struct store *st = NULL;
	struct oh_err err = OH_ERR_INIT;
	const char *p = unit_path("new.db");

	ck_assert_int_eq(store_open(&st, p, NULL, &err), 0);
	ck_assert_int_eq(store_schema_version(st), STORE_SCHEMA_VERSION);
	ck_assert_str_eq(store_path(st), p);
	store_close(st);
	oh_err_release(&err);
}
END_TEST

START_TEST(test_store_missing_readonly)
{
	struct store_open_opts o = STORE_OPEN_OPTS_INIT;
	struct store *st = NULL;
	struct oh_err err = OH_ERR_INIT;

	o.flags = STORE_READONLY;
	ck_assert_int_eq(store_open(&st, unit_path("none.db"), &o, &err),
			 OH_ENOTFOUND);
	ck_assert_ptr_null(st);
	ck_assert_ptr_nonnull(strstr(err.msg, "does not exist"));
	ck_assert_ptr_nonnull(strstr(err.input, "none.db"));
	oh_err_release(&err);
}
END_TEST

START_TEST(test_store_migrate_keeps_data)
{
	struct store_open_opts o = STORE_OPEN_OPTS_INIT;
	struct store_run run = { .started_at = 1700000000,
				 .tool_version = "test" };
	struct store_info info;
	struct store *st = NULL;
	struct oh_err err = OH_ERR_INIT;
	const char *p = unit_path("old.db");
	int64_t id = 0;

	/* An old file at schema 1 with one run in it. */
	o.target_version = 1;
	ck_assert_int_eq(store_open(&st, p, &o, &err), 0);
	ck_assert_int_eq(store_schema_version(st), 1);
	ck_assert_int_eq(store_run_begin(&id, st, &run, &err), 0);
	ck_assert_int_eq(id, 1);
	store_close(st);

	/* Read-only opening never migrates. */
	o.target_version = 0;
	o.flags = STORE_READONLY;
	ck_assert_int_eq(store_open(&st, p, &o, &err), 0);
	ck_assert_int_eq(store_schema_version(st), 1);
	store_close(st);

	ck_assert_int_eq(store_open(&st, p, NULL, &err), 0);
	ck_assert_int_eq(store_schema_version(st), STORE_SCHEMA_VERSION);
	ck_assert_int_eq(store_info_get(&info, st, &err), 0);
	ck_assert_uint_eq(info.run_nr, 1);
	ck_assert_str_eq(info.run[0].tool_version, "test");
	ck_assert_str_eq(info.run[0].status, "running");
	store_info_release(&info);
	ck_assert_int_eq(
		store_run_finish(st, id, STORE_RUN_DONE, 1700000100, &err), 0);
	ck_assert_int_eq(store_run_finish(st, 99, STORE_RUN_DONE, 1, &err),
			 OH_ENOTFOUND);
	store_close(st);
	oh_err_release(&err);
}
END_TEST

START_TEST(test_store_info_counts)
{
	struct store_info info;
	struct store *st = NULL;
	struct oh_err err = OH_ERR_INIT;
	int seen = 0;

	ck_assert_int_eq(store_open(&st, unit_path("c.db"), NULL, &err), 0);
	ck_assert_int_eq(store_info_get(&info, st, &err), 0);
	ck_assert_int_eq(info.schema_version, STORE_SCHEMA_VERSION);
	ck_assert_int_gt(info.page_size, 0);
	for (size_t i = 0; i < info.counts_nr; i++) {
		if (i > 0)
			ck_assert_int_lt(strcmp(info.counts[i - 1].table,
						info.counts[i].table),
					 0);
		if (strcmp(info.counts[i].table, "commits") == 0 ||
		    strcmp(info.counts[i].table, "runs") == 0 ||
		    strcmp(info.counts[i].table, "findings") == 0)
			seen++;
		ck_assert_int_eq(info.counts[i].rows, 0);
	}
	ck_assert_int_eq(seen, 3);
	store_info_release(&info);
	store_close(st);
	oh_err_release(&err);
}
END_TEST

START_TEST(test_store_reject_corrupt)
{
	static const char junk[] = "this is not a database, just text\n";
	struct store *st = NULL;
	struct oh_err err = OH_ERR_INIT;
	const char *p = unit_path("junk.db");

	unit_write_file(p, junk, sizeof(junk) - 1);
	ck_assert_int_eq(store_open(&st, p, NULL, &err), OH_EDB);
	ck_assert_ptr_null(st);
	ck_assert_ptr_nonnull(strstr(err.msg, "corrupt or not a database"));
	oh_err_release(&err);
}
END_TEST

START_TEST(test_store_reject_truncated)
{
	struct store *st = NULL;
	struct oh_err err = OH_ERR_INIT;
	char p[512];
	char head[4096];
	FILE *fp;
	size_t n;

	snprintf(p, sizeof(p), "%s", unit_path("t.db"));
	ck_assert_int_eq(store_open(&st, p, NULL, &err), 0);
	store_close(st);
	/* Keep a valid header, smash the schema page. */
	fp = fopen(p, "r+b");
	ck_assert_ptr_nonnull(fp);
	n = fread(head, 1, sizeof(head), fp);
	ck_assert_uint_gt(n, 200);
	memset(head + 100, 0xA5, n - 100);
	fseek(fp, 0, SEEK_SET);
	fwrite(head, 1, n, fp);
	fclose(fp);
	ck_assert_int_lt(store_open(&st, p, NULL, &err), 0);
	ck_assert_int_eq(err.code, OH_EDB);
	ck_assert_ptr_null(st);
	oh_err_release(&err);
}
END_TEST

/* Overwrite a page in the middle of a file, as a damaged disk would. */
/* About 700 KB of pages, written by another program (raw SQLite). */
static void fill(const char *p)
{
	raw_exec(p, "CREATE TABLE filler (x BLOB);"
		    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1"
		    " FROM n WHERE i < 3000) INSERT INTO filler"
		    " SELECT randomblob(200) FROM n;");
}

static void damage_middle(const char *p)
{
	FILE *fp = fopen(p, "r+b");
	char junk[4096];
	long n;

	ck_assert_ptr_nonnull(fp);
	fseek(fp, 0, SEEK_END);
	n = ftell(fp);
	memset(junk, 0xA5, sizeof(junk));
	fseek(fp, (n / 2) & ~4095L, SEEK_SET);
	fwrite(junk, 1, sizeof(junk), fp);
	fclose(fp);
}

/*
 * quick_check runs once per file the process holds open: a second handle
 * opened while the first is open does not read every page again (the
 * damage done meanwhile by another program goes unseen, as it would by
 * the first handle), and once both are closed the next open checks again.
 */
START_TEST(test_store_check_once_while_open)
{
	struct store *a = NULL, *b = NULL, *c = NULL;
	struct oh_err err = OH_ERR_INIT;
	char p[512];

	snprintf(p, sizeof(p), "%s", unit_path("c.db"));
	ck_assert_int_eq(store_open(&a, p, NULL, &err), 0);
	store_close(a);
	fill(p);
	ck_assert_int_eq(store_open(&a, p, NULL, &err), 0);
	damage_middle(p);
	ck_assert_int_eq(store_open(&b, p, NULL, &err), 0);
	store_close(b);
	store_close(a);
	ck_assert_int_eq(store_open(&c, p, NULL, &err), OH_EDB);
	ck_assert_ptr_nonnull(strstr(err.msg, "database is corrupt"));
	ck_assert_ptr_null(c);
	oh_err_release(&err);
}
END_TEST

/*
 * A clean close stamps the file (store.c: the page check is skipped while
 * the file is as it was left); damage written afterwards changes the
 * file, so the next open checks and refuses it.
 */
START_TEST(test_store_stamp_then_damage)
{
	struct store *a = NULL;
	struct oh_err err = OH_ERR_INIT;
	char p[512];
	char v[96];

	snprintf(p, sizeof(p), "%s", unit_path("stamp.db"));
	ck_assert_int_eq(store_open(&a, p, NULL, &err), 0);
	store_close(a);
	fill(p);
	/* changed by another program since the stamp: checked, sound */
	ck_assert_int_eq(store_open(&a, p, NULL, &err), 0);
	store_close(a);
	if (getxattr(p, "user.osshealth.clean", v, sizeof(v)) < 0)
		ck_assert_int_eq(errno, ENOTSUP); /* no attributes here */
	else
		ck_assert_int_eq(store_open(&a, p, NULL, &err), 0);
	store_close(a);
	damage_middle(p);
	ck_assert_int_eq(store_open(&a, p, NULL, &err), OH_EDB);
	ck_assert_ptr_nonnull(strstr(err.msg, "database is corrupt"));
	ck_assert_ptr_null(a);
	oh_err_release(&err);
}
END_TEST

START_TEST(test_store_reject_foreign)
{
	struct store *st = NULL;
	struct oh_err err = OH_ERR_INIT;
	const char *p = unit_path("foreign.db");
	char path[512];

	snprintf(path, sizeof(path), "%s", p);
	raw_exec(path, "CREATE TABLE t (x); INSERT INTO t VALUES (1);");
	ck_assert_int_eq(store_open(&st, path, NULL, &err), OH_EDB);
	ck_assert_ptr_nonnull(strstr(err.msg, "not an osshealth database"));
	oh_err_release(&err);
}
END_TEST

START_TEST(test_store_reject_newer)
{
	struct store *st = NULL;
	struct oh_err err = OH_ERR_INIT;
	char path[512];
	char sql[128];

	snprintf(path, sizeof(path), "%s", unit_path("newer.db"));
	ck_assert_int_eq(store_open(&st, path, NULL, &err), 0);
	store_close(st);
	snprintf(sql, sizeof(sql), "PRAGMA user_version = %d;",
		 STORE_SCHEMA_VERSION + 1);
	raw_exec(path, sql);
	ck_assert_int_eq(store_open(&st, path, NULL, &err), OH_EDB);
	ck_assert_ptr_nonnull(strstr(err.msg, "newer osshealth"));
	oh_err_release(&err);
}
END_TEST

START_TEST(test_store_locked)
{
	struct store_open_opts o = STORE_OPEN_OPTS_INIT;
	struct store *st = NULL;
	struct store *st2 = NULL;
	struct oh_err err = OH_ERR_INIT;
	char path[512];
	sqlite3 *db = NULL;

	snprintf(path, sizeof(path), "%s", unit_path("locked.db"));
	ck_assert_int_eq(store_open(&st, path, NULL, &err), 0);
	store_close(st);
	/* Another process holds an exclusive lock. */
	ck_assert_int_eq(sqlite3_open(path, &db), SQLITE_OK);
	ck_assert_int_eq(sqlite3_exec(db,
				      "PRAGMA locking_mode=EXCLUSIVE;"
				      "BEGIN EXCLUSIVE;",
				      NULL, NULL, NULL),
			 SQLITE_OK);
	o.busy_ms = 50;
	ck_assert_int_eq(store_open(&st2, path, &o, &err), OH_EDB);
	ck_assert_ptr_nonnull(strstr(err.msg, "locked"));
	ck_assert_ptr_null(st2);
	sqlite3_close(db);
	oh_err_release(&err);
}
END_TEST

START_TEST(test_store_rollback)
{
	struct store_run run = { .started_at = 5, .tool_version = "t" };
	struct store_info info;
	struct store *st = NULL;
	struct oh_err err = OH_ERR_INIT;
	int64_t id;

	ck_assert_int_eq(store_open(&st, unit_path("rb.db"), NULL, &err), 0);
	ck_assert_int_eq(store_begin(st, &err), 0);
	ck_assert_int_eq(store_run_begin(&id, st, &run, &err), 0);
	store_rollback(st);
	ck_assert_int_eq(store_info_get(&info, st, &err), 0);
	ck_assert_uint_eq(info.run_nr, 0);
	store_info_release(&info);
	store_close(st);
}
END_TEST

/*
 * A COMMIT that fails ends the transaction: what it held is rolled back
 * and the next one can begin.  Found by the fault sweep (t1601): a failed
 * commit in store_hist_save() left the store "in a transaction" and the
 * next store_begin() died in OH_BUG("nested transaction").  A deferred
 * foreign key makes COMMIT fail here as a failed write did there.
 */
START_TEST(test_store_commit_failure_ends_tx)
{
	struct store *st = NULL;
	struct oh_err err = OH_ERR_INIT;
	struct oh_err err2 = OH_ERR_INIT;
	int64_t n = -1;

	ck_assert_int_eq(store_open(&st, unit_path("cf.db"), NULL, &err), 0);
	ck_assert_int_eq(
		store_exec(st,
			   "CREATE TABLE p (id INTEGER PRIMARY KEY);"
			   "CREATE TABLE c (p INTEGER REFERENCES p (id)"
			   " DEFERRABLE INITIALLY DEFERRED)",
			   &err),
		0);
	ck_assert_int_eq(store_begin(st, &err), 0);
	ck_assert_int_eq(store_exec(st, "INSERT INTO c VALUES (42)", &err), 0);
	/* Callers such as store_hist_save() return here without a rollback. */
	ck_assert_int_eq(store_commit(st, &err), OH_EDB);
	ck_assert_int_eq(store_begin(st, &err2), 0);
	ck_assert_int_eq(store_commit(st, &err2), 0);
	ck_assert_int_eq(sqlite3_get_autocommit(st->db), 1);
	{
		sqlite3_stmt *q = NULL;

		ck_assert_int_eq(
			store_prepare(st, &q, "SELECT count(*) FROM c", &err2),
			0);
		ck_assert_int_eq(sqlite3_step(q), SQLITE_ROW);
		n = sqlite3_column_int64(q, 0);
		sqlite3_finalize(q);
	}
	ck_assert_int_eq(n, 0);
	store_close(st);
	oh_err_release(&err);
	oh_err_release(&err2);
}
END_TEST

/*
 * The license matcher's answers (schema 9): a deferred put is seen by no
 * get until the batch writes it; then a get of the same text and engine
 * hits and decodes to the same match, another engine misses.
 */
START_TEST(test_store_license_matches)
{
	struct lic_adapt_match m = { .kind = LIC_ADAPT_CLOSE,
				     .expr = "MIT AND BSD-2-Clause",
				     .project = "MIT",
				     .bundled = "BSD-2-Clause",
				     .percent = 97,
				     .desc = "MIT (97%)" };
	struct lic_adapt_match back;
	struct store_blob_cache *c = NULL;
	struct store *st = NULL, *w = NULL;
	struct oh_err err = OH_ERR_INIT;
	char key[LIC_MATCH_KEY_SIZE], engine[192];
	const char *json = NULL;
	char *enc = lic_adapt_match_encode(&m);

	ck_assert(lic_match_cache_key(key, "some text", 9));
	ck_assert_uint_eq(strlen(key), 64);
	lic_match_cache_engine(engine, sizeof(engine), "3.99");
	ck_assert_ptr_nonnull(strstr(engine, "3.99"));
	ck_assert_int_eq(store_open(&st, unit_path("m.db"), NULL, &err), 0);
	ck_assert_int_eq(store_open(&w, unit_path("m.db"), NULL, &err), 0);
	ck_assert_int_eq(store_blob_cache_open_deferred(&c, st, &err), 0);
	ck_assert_int_eq(store_blob_match_get(c, key, engine, &json), 0);
	store_blob_match_put(c, key, engine, enc);
	ck_assert_int_eq(store_blob_match_get(c, key, engine, &json), 0);
	ck_assert_int_eq(store_begin(w, &err), 0);
	ck_assert_int_eq(store_blob_cache_write(c, w, &err), 0);
	ck_assert_int_eq(store_commit(w, &err), 0);
	ck_assert_int_eq(store_blob_match_get(c, key, engine, &json), 1);
	ck_assert(lic_adapt_match_decode(&back, json));
	ck_assert_int_eq(back.kind, LIC_ADAPT_CLOSE);
	ck_assert_str_eq(back.expr, m.expr);
	ck_assert_str_eq(back.project, "MIT");
	ck_assert_str_eq(back.bundled, "BSD-2-Clause");
	ck_assert_uint_eq(back.percent, 97);
	ck_assert_str_eq(back.desc, m.desc);
	ck_assert_int_eq(store_blob_match_get(c, key, "another engine", &json),
			 0);
	/* what is not ours is a miss, not a crash */
	ck_assert(!lic_adapt_match_decode(&back, "{\"kind\": 9}"));
	ck_assert(!lic_adapt_match_decode(&back, "[1"));
	ck_assert_int_eq(store_blob_cache_close(c, &err), 0);
	free(enc);
	store_close(w);
	store_close(st);
	oh_err_release(&err);
}
END_TEST

Suite *store_suite(void)
{
	Suite *s = suite_create("store");
	TCase *tc = tcase_create("open");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_store_create);
	tcase_add_test(tc, test_store_missing_readonly);
	tcase_add_test(tc, test_store_migrate_keeps_data);
	tcase_add_test(tc, test_store_info_counts);
	tcase_add_test(tc, test_store_reject_corrupt);
	tcase_add_test(tc, test_store_reject_truncated);
	tcase_add_test(tc, test_store_check_once_while_open);
	tcase_add_test(tc, test_store_stamp_then_damage);
	tcase_add_test(tc, test_store_reject_foreign);
	tcase_add_test(tc, test_store_reject_newer);
	tcase_add_test(tc, test_store_locked);
	tcase_add_test(tc, test_store_rollback);
	tcase_add_test(tc, test_store_commit_failure_ends_tx);
	tcase_add_test(tc, test_store_license_matches);
	suite_add_tcase(s, tc);
	return s;
}
