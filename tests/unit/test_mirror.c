/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * mirror: URL redaction and normalisation on many shapes, cache names,
 * local repositories (made with libgit2 here) opened in place, error
 * classes for local failures, and the repositories table.
 * The network paths are tested over a real loopback HTTP server in
 * tests/cli/t1001-mirror-http.sh.
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include <check.h>
#include <git2.h>

#include "core/buf.h"
#include "core/err.h"
#include "git/mirror.h"
#include "store/store.h"
#include "store/store_repo.h"
#include "unit.h"

static const struct {
	const char *in;
	const char *redacted;
} redact_cases[] = {
	{ "https://user:tok@github.com/o/r.git", "https://github.com/o/r.git" },
	{ "https://tok@github.com/o/r", "https://github.com/o/r" },
	{ "https://a:b@c@host:8443/x", "https://host:8443/x" },
	{ "http://127.0.0.1:8080/git/r.git",
	  "http://127.0.0.1:8080/git/r.git" },
	{ "ssh://git@host/o/r.git", "ssh://host/o/r.git" },
	{ "git://host/r", "git://host/r" },
	{ "file:///srv/r.git", "file:///srv/r.git" },
	{ "https://host/p?u=a@b", "https://host/p?u=a@b" },
	{ "git@github.com:o/r.git", "git@github.com:o/r.git" },
	{ "user:pw@host:o/r.git", "host:o/r.git" },
	{ "/local/path@x", "/local/path@x" },
	{ "", "" },
};

START_TEST(test_mirror_url_redact)
{
	struct oh_buf b = OH_BUF_INIT;

	oh_url_redact(&b, redact_cases[_i].in);
	ck_assert_str_eq(b.buf, redact_cases[_i].redacted);
	oh_buf_release(&b);
}
END_TEST

static const struct {
	const char *in;
	const char *norm; /* NULL: rejected */
} norm_cases[] = {
	{ "https://GitHub.COM/Org/Repo.git", "https://github.com/Org/Repo" },
	{ "HTTPS://github.com/o/r/", "https://github.com/o/r" },
	{ "https://github.com/o/r.git/", "https://github.com/o/r" },
	{ "https://github.com/o/r.git.git", "https://github.com/o/r.git" },
	{ "https://u:p@github.com:443/o/r", "https://github.com/o/r" },
	{ "http://host:80/r", "http://host/r" },
	{ "http://host:8080/r", "http://host:8080/r" },
	{ "http://127.0.0.1:4321/git/repo.git",
	  "http://127.0.0.1:4321/git/repo" },
	{ "ssh://git@Host:22/o/r.git", "ssh://host/o/r" },
	{ "ssh://git@host:2222/o/r.git", "ssh://host:2222/o/r" },
	{ "git://host:9418/r.git", "git://host/r" },
	{ "git@github.com:o/r.git", "ssh://github.com/o/r" },
	{ "GitHub.com:o/r", "ssh://github.com/o/r" },
	{ "host:/abs/r.git", "ssh://host/abs/r" },
	{ "https://[::1]:443/r", "https://[::1]/r" },
	{ "https://[::1]:8443/r", "https://[::1]:8443/r" },
	{ "file:///srv/git/r.git", "file:///srv/git/r" },
	{ "https://host", "https://host" },
	{ "https:///nohost", NULL },
	{ "https://host/a\nb", NULL },
	{ "relative/path", NULL },
	{ "host:", NULL },
};

START_TEST(test_mirror_url_normalise)
{
	struct oh_buf b = OH_BUF_INIT;
	struct oh_err err = OH_ERR_INIT;
	int rc = oh_url_normalise(&b, norm_cases[_i].in, &err);

	if (norm_cases[_i].norm) {
		ck_assert_int_eq(rc, 0);
		ck_assert_str_eq(b.buf, norm_cases[_i].norm);
	} else {
		ck_assert_int_eq(rc, OH_EINPUT);
		ck_assert_int_eq(err.code, OH_EINPUT);
	}
	oh_buf_release(&b);
	oh_err_release(&err);
}
END_TEST

START_TEST(test_mirror_url_too_long)
{
	static char url[MIRROR_SOURCE_MAX + 32];
	struct oh_buf b = OH_BUF_INIT;
	struct oh_err err = OH_ERR_INIT;

	memcpy(url, "https://h/", 10);
	memset(url + 10, 'a', sizeof(url) - 11);
	ck_assert_int_eq(oh_url_normalise(&b, url, &err), OH_EINPUT);
	ck_assert_ptr_nonnull(strstr(err.msg, "longer than"));
	oh_buf_release(&b);
	oh_err_release(&err);
}
END_TEST

START_TEST(test_mirror_is_url)
{
	ck_assert(oh_url_is_remote("https://h/r"));
	ck_assert(oh_url_is_remote("git@h:r"));
	ck_assert(oh_url_is_remote("file:///x"));
	ck_assert(!oh_url_is_remote("/abs/path"));
	ck_assert(!oh_url_is_remote("./a:b"));
	ck_assert(!oh_url_is_remote("dir/sub"));
	ck_assert(!oh_url_is_remote(":x"));
}
END_TEST

START_TEST(test_mirror_cache_name)
{
	struct oh_buf a = OH_BUF_INIT, b = OH_BUF_INIT;

	mirror_cache_name(&a, "https://github.com/o/r");
	mirror_cache_name(&b, "https://github.com/o/R");
	ck_assert_int_eq(strncmp(a.buf, "github.com_o_r-", 15), 0);
	ck_assert_uint_eq(a.len, 15 + 16 + 4);
	ck_assert_str_eq(a.buf + a.len - 4, ".git");
	ck_assert_str_ne(a.buf + 15, b.buf + 15);
	oh_buf_reset(&a);
	mirror_cache_name(&a, "https://h/../../etc/passwd");
	ck_assert_ptr_null(strchr(a.buf, '/'));
	oh_buf_reset(&b);
	mirror_cache_name(&b, "https://h/../../etc/passwd");
	ck_assert_str_eq(a.buf, b.buf); /* stable */
	oh_buf_release(&a);
	oh_buf_release(&b);
}
END_TEST

START_TEST(test_mirror_cache_default)
{
	struct oh_buf b = OH_BUF_INIT;
	struct oh_err err = OH_ERR_INIT;

	setenv("XDG_CACHE_HOME", "/x/cache", 1);
	ck_assert_int_eq(mirror_cache_dir_default(&b, &err), 0);
	ck_assert_str_eq(b.buf, "/x/cache/osshealth");
	oh_buf_reset(&b);
	unsetenv("XDG_CACHE_HOME");
	setenv("HOME", "/home/u", 1);
	ck_assert_int_eq(mirror_cache_dir_default(&b, &err), 0);
	ck_assert_str_eq(b.buf, "/home/u/.cache/osshealth");
	oh_buf_reset(&b);
	unsetenv("HOME");
	ck_assert_int_eq(mirror_cache_dir_default(&b, &err), OH_EINPUT);
	oh_buf_release(&b);
	oh_err_release(&err);
}
END_TEST

/* ---- local repositories ----------------------------------------------- */

static void setup(void)
{
	unit_tmpdir();
	git_libgit2_init();
}

static void teardown(void)
{
	git_libgit2_shutdown();
	unit_tmpdir_remove();
}

/* A repository with one commit of one file, made with libgit2. */
static void make_repo(const char *path, int bare, git_oid *commit_out)
{
	git_repository *repo = NULL;
	git_treebuilder *tb = NULL;
	git_signature *sig = NULL;
	git_tree *tree = NULL;
	git_oid blob, tree_id;

	ck_assert_int_eq(git_repository_init(&repo, path, (unsigned)bare), 0);
	ck_assert_int_eq(git_blob_create_from_buffer(&blob, repo, "hi\n", 3),
			 0);
	ck_assert_int_eq(git_treebuilder_new(&tb, repo, NULL), 0);
	ck_assert_int_eq(
		git_treebuilder_insert(NULL, tb, "a", &blob, GIT_FILEMODE_BLOB),
		0);
	ck_assert_int_eq(git_treebuilder_write(&tree_id, tb), 0);
	ck_assert_int_eq(git_tree_lookup(&tree, repo, &tree_id), 0);
	ck_assert_int_eq(git_signature_new(&sig, "Ann", "ann@example.org",
					   1767323045, 0),
			 0);
	ck_assert_int_eq(git_commit_create_v(commit_out, repo, "HEAD", sig, sig,
					     NULL, "one\n", tree, 0),
			 0);
	git_signature_free(sig);
	git_tree_free(tree);
	git_treebuilder_free(tb);
	git_repository_free(repo);
}

START_TEST(test_mirror_open_local)
{
	struct mirror_opts opts = MIRROR_OPTS_INIT;
	struct mirror_outcome oc;
	struct mirror_repo *r = NULL;
	struct oh_err err = OH_ERR_INIT;
	char hex[GIT_OID_HEXSZ + 1];
	char cache[600];
	git_oid id;
	struct stat sb;

	snprintf(cache, sizeof(cache), "%s", unit_path("cache"));
	opts.cache_dir = cache;
	make_repo(unit_path("work"), 0, &id);
	git_oid_tostr(hex, sizeof(hex), &id);
	ck_assert_int_eq(mirror_open(&r, unit_path("work"), &opts, &oc, &err),
			 0);
	ck_assert_int_eq(mirror_repo_kind(r), MIRROR_LOCAL);
	ck_assert_str_eq(mirror_repo_head(r), hex);
	ck_assert(!oc.cloned && !oc.fetched);
	ck_assert_int_eq(oc.failure, MIRROR_FAIL_NONE);
	ck_assert_ptr_nonnull(strstr(mirror_repo_path(r), "/work"));
	ck_assert_str_eq(mirror_repo_key(r), mirror_repo_path(r));
	mirror_repo_free(r);
	ck_assert_int_ne(stat(unit_path("cache"), &sb), 0);

	make_repo(unit_path("bare.git"), 1, &id);
	ck_assert_int_eq(
		mirror_open(&r, unit_path("bare.git"), &opts, &oc, &err), 0);
	git_oid_tostr(hex, sizeof(hex), &id);
	ck_assert_str_eq(mirror_repo_head(r), hex);
	mirror_repo_free(r);
	oh_err_release(&err);
}
END_TEST

START_TEST(test_mirror_open_local_errors)
{
	struct mirror_outcome oc;
	struct mirror_repo *r = NULL;
	struct oh_err err = OH_ERR_INIT;

	ck_assert_int_eq(mkdir(unit_path("plain"), 0777), 0);
	ck_assert_int_eq(mirror_open(&r, unit_path("plain"), NULL, &oc, &err),
			 OH_EINPUT);
	ck_assert_ptr_null(r);
	ck_assert_int_eq(oc.failure, MIRROR_FAIL_NOTREPO);
	ck_assert_str_eq(err.msg, "not a git repository");
	oh_err_release(&err);

	ck_assert_int_eq(mirror_open(&r, unit_path("missing"), NULL, &oc, &err),
			 OH_ENOTFOUND);
	ck_assert_int_eq(oc.failure, MIRROR_FAIL_NOTFOUND);
	oh_err_release(&err);

	unit_write_file(unit_path("file"), "x", 1);
	ck_assert_int_eq(mirror_open(&r, unit_path("file"), NULL, &oc, &err),
			 OH_EINPUT);
	ck_assert_int_eq(oc.failure, MIRROR_FAIL_NOTREPO);
	oh_err_release(&err);

	ck_assert_int_eq(mirror_open(&r, "", NULL, &oc, &err), OH_EINPUT);
	oh_err_release(&err);
}
END_TEST

/* A loose object replaced by garbage: corrupt, not "not a repository". */
START_TEST(test_mirror_open_local_corrupt)
{
	struct mirror_outcome oc;
	struct mirror_repo *r = NULL;
	struct oh_err err = OH_ERR_INIT;
	char hex[GIT_OID_HEXSZ + 1];
	char obj[700];
	git_oid id;

	make_repo(unit_path("c.git"), 1, &id);
	git_oid_tostr(hex, sizeof(hex), &id);
	snprintf(obj, sizeof(obj), "%s/objects/%.2s/%s", unit_path("c.git"),
		 hex, hex + 2);
	chmod(obj, 0644);
	unit_write_file(obj, "garbage", 7);
	ck_assert_int_eq(mirror_open(&r, unit_path("c.git"), NULL, &oc, &err),
			 OH_EGIT);
	ck_assert_int_eq(oc.failure, MIRROR_FAIL_CORRUPT);
	ck_assert_int_eq(strncmp(err.msg, "corrupt repository", 18), 0);
	oh_err_release(&err);
}
END_TEST

struct seen {
	unsigned calls;
	unsigned receiving;
	unsigned indexing;
	unsigned max_received;
	bool url_ok;
};

static void on_progress(const struct mirror_progress *p, void *data)
{
	struct seen *s = data;

	s->calls++;
	if (p->stage == MIRROR_STAGE_RECEIVING)
		s->receiving++;
	else
		s->indexing++;
	if (p->received_objects > s->max_received)
		s->max_received = p->received_objects;
	s->url_ok = strncmp(p->url, "file://", 7) == 0;
}

/* file:// goes through the transport into the cache; nothing new next. */
START_TEST(test_mirror_open_file_url)
{
	struct mirror_opts opts = MIRROR_OPTS_INIT;
	struct mirror_outcome oc;
	struct mirror_repo *r = NULL;
	struct oh_err err = OH_ERR_INIT;
	char url[600];
	char cache[600];
	char hex[GIT_OID_HEXSZ + 1];
	struct seen seen = { 0 };
	git_oid id;

	snprintf(cache, sizeof(cache), "%s", unit_path("cache"));
	opts.cache_dir = cache;
	make_repo(unit_path("src.git"), 1, &id);
	git_oid_tostr(hex, sizeof(hex), &id);
	snprintf(url, sizeof(url), "file://%s", unit_path("src.git"));
	opts.progress = on_progress;
	opts.progress_data = &seen;
	ck_assert_int_eq(mirror_open(&r, url, &opts, &oc, &err), 0);
	ck_assert(oc.cloned);
	ck_assert_uint_gt(seen.calls, 0);
	ck_assert_uint_gt(seen.indexing, 0);
	ck_assert_uint_eq(seen.max_received, 3);
	ck_assert(seen.url_ok);
	ck_assert_uint_eq(oc.received_objects, 3);
	ck_assert_int_eq(mirror_repo_kind(r), MIRROR_REMOTE);
	ck_assert_str_eq(mirror_repo_head(r), hex);
	ck_assert_ptr_nonnull(strstr(mirror_repo_path(r), "/cache/mirrors/"));
	mirror_repo_free(r);
	ck_assert_int_eq(mirror_open(&r, url, &opts, &oc, &err), 0);
	ck_assert(oc.fetched && !oc.cloned);
	ck_assert_uint_eq(oc.received_objects, 0);
	ck_assert_uint_eq(oc.attempts, 1);
	mirror_repo_free(r);
	oh_err_release(&err);
}
END_TEST

/* An empty remote repository mirrors fine, with an empty head. */
START_TEST(test_mirror_open_empty)
{
	struct mirror_opts opts = MIRROR_OPTS_INIT;
	struct mirror_outcome oc;
	struct mirror_repo *r = NULL;
	struct oh_err err = OH_ERR_INIT;
	git_repository *repo = NULL;
	char url[600];
	char cache[600];

	snprintf(cache, sizeof(cache), "%s", unit_path("cache"));
	opts.cache_dir = cache;
	ck_assert_int_eq(git_repository_init(&repo, unit_path("empty.git"), 1),
			 0);
	git_repository_free(repo);
	snprintf(url, sizeof(url), "file://%s", unit_path("empty.git"));
	ck_assert_int_eq(mirror_open(&r, url, &opts, &oc, &err), 0);
	ck_assert(oc.cloned);
	ck_assert_uint_eq(oc.received_objects, 0);
	ck_assert_str_eq(mirror_repo_head(r), "");
	mirror_repo_free(r);
	oh_err_release(&err);
}
END_TEST

/* ---- store_repo --------------------------------------------------------- */

START_TEST(test_mirror_store_repo)
{
	struct store *st = NULL;
	struct oh_err err = OH_ERR_INIT;
	struct store_repo row = {
		.url = "https://github.com/o/r",
		.kind = STORE_REPO_REMOTE,
		.mirror_path = "/c/mirrors/x.git",
		.last_fetch_at = 100,
		.last_head = "abc",
	};
	int64_t id1 = 0, id2 = 0, id3 = 0;

	ck_assert_int_eq(store_open(&st, unit_path("t.db"), NULL, &err), 0);
	ck_assert_int_eq(store_repo_upsert(&id1, st, &row, &err), 0);
	row.last_head = NULL; /* keeps the old head */
	row.last_fetch_at = 200;
	ck_assert_int_eq(store_repo_upsert(&id2, st, &row, &err), 0);
	ck_assert_int_eq(id1, id2);
	ck_assert_int_eq(store_repo_find(&id3, st, row.url, &err), 0);
	ck_assert_int_eq(id3, id1);
	ck_assert_int_eq(store_repo_find(&id3, st, "https://x/y", &err),
			 OH_ENOTFOUND);
	oh_err_release(&err);
	row.url = "https://user:tok@github.com/o/r";
	ck_assert_int_eq(store_repo_upsert(&id3, st, &row, &err), OH_EINPUT);
	oh_err_release(&err);
	store_close(st);
}
END_TEST

Suite *mirror_suite(void)
{
	Suite *s = suite_create("mirror");
	TCase *tc = tcase_create("url");
	TCase *tl = tcase_create("open");

	tcase_add_loop_test(tc, test_mirror_url_redact, 0,
			    sizeof(redact_cases) / sizeof(redact_cases[0]));
	tcase_add_loop_test(tc, test_mirror_url_normalise, 0,
			    sizeof(norm_cases) / sizeof(norm_cases[0]));
	tcase_add_test(tc, test_mirror_url_too_long);
	tcase_add_test(tc, test_mirror_is_url);
	tcase_add_test(tc, test_mirror_cache_name);
	tcase_add_test(tc, test_mirror_cache_default);
	suite_add_tcase(s, tc);
	tcase_add_checked_fixture(tl, setup, teardown);
	tcase_add_test(tl, test_mirror_open_local);
	tcase_add_test(tl, test_mirror_open_local_errors);
	tcase_add_test(tl, test_mirror_open_local_corrupt);
	tcase_add_test(tl, test_mirror_open_file_url);
	tcase_add_test(tl, test_mirror_open_empty);
	tcase_add_test(tl, test_mirror_store_repo);
	tcase_set_timeout(tl, 30);
	suite_add_tcase(s, tl);
	return s;
}
