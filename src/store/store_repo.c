/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Queries on the repositories table (see store_repo.h).
 */
#include "store/store_repo.h"

#include <string.h>

#include "core/err.h"
#include "store/store_int.h"
#include "core/banned.h"

/* True when url is "scheme://user...@host...". */
static bool has_userinfo(const char *url)
{
	const char *a = strstr(url, "://");
	size_t n;

	if (!a)
		return false;
	a += 3;
	n = strcspn(a, "/?#");
	return memchr(a, '@', n) != NULL;
}

int store_repo_upsert(int64_t *id_out, struct store *st,
		      const struct store_repo *repo, struct oh_err *err)
{
	static const char sql[] =
		"INSERT INTO repositories (url, kind, mirror_path,"
		" last_fetch_at, last_head) VALUES (?1, ?2, ?3, ?4, ?5)"
		" ON CONFLICT (url) DO UPDATE SET kind = excluded.kind,"
		" mirror_path = excluded.mirror_path,"
		" last_fetch_at = coalesce(excluded.last_fetch_at,"
		"   last_fetch_at),"
		" last_head = coalesce(excluded.last_head, last_head)"
		" RETURNING id";
	sqlite3_stmt *stmt = NULL;
	int ret = 0;

	if (has_userinfo(repo->url))
		return oh_err_set(
			err, OH_EINPUT, NULL, 0, 0,
			"refusing to store a URL with user information");
	if (store_prepare(st, &stmt, sql, err) < 0)
		return err->code;
	store_bind_text(stmt, 1, repo->url);
	store_bind_text(stmt, 2,
			repo->kind == STORE_REPO_REMOTE ? "remote" : "local");
	store_bind_text(stmt, 3, repo->mirror_path);
	if (repo->last_fetch_at > 0)
		sqlite3_bind_int64(stmt, 4, repo->last_fetch_at);
	if (repo->last_head && repo->last_head[0] != '\0')
		store_bind_text(stmt, 5, repo->last_head);
	ret = store_step_returning_id(st, stmt, id_out,
				      "recording a repository", err);
	sqlite3_finalize(stmt);
	return ret;
}

int store_repo_find(int64_t *id_out, struct store *st, const char *url,
		    struct oh_err *err)
{
	static const char sql[] = "SELECT id FROM repositories WHERE url = ?1";
	sqlite3_stmt *stmt = NULL;
	int ret = 0;
	int rc;

	if (store_prepare(st, &stmt, sql, err) < 0)
		return err->code;
	store_bind_text(stmt, 1, url);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW)
		*id_out = sqlite3_column_int64(stmt, 0);
	else if (rc == SQLITE_DONE)
		ret = oh_err_set(err, OH_ENOTFOUND, url, 0, 0,
				 "repository not in the database");
	else
		ret = store_db_error(st, err, "looking up a repository");
	sqlite3_finalize(stmt);
	return ret;
}
