/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Mirror cache: open local repositories in place, clone and fetch bare
 * mirrors of remote ones.  The contract is in mirror.h; the failure
 * classification is documented in docs/mirror.md.
 */
#include "git/mirror_int.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/err.h"
#include "core/url.h"
#include "core/xalloc.h"
#include "git/gitlib.h"
#include "core/banned.h"

struct mirror_repo {
	git_repository *repo;
	enum mirror_kind kind;
	char *path; /* absolute */
	char *key;  /* normalised redacted URL or absolute path */
	char head[GIT_OID_HEXSZ + 1];
};

/* State shared by the callbacks of one network attempt. */
struct sync_ctx {
	const struct mirror_opts *opts;
	const char *redacted;
	int64_t deadline; /* monotonic ms; 0 = none */
	bool timed_out;
	bool auth_asked;
	unsigned cred_calls;
	struct mirror_progress prog;
};

git_repository *mirror_repo_git(struct mirror_repo *r)
{
	return r->repo;
}

enum mirror_kind mirror_repo_kind(const struct mirror_repo *r)
{
	return r->kind;
}

const char *mirror_repo_path(const struct mirror_repo *r)
{
	return r->path;
}

const char *mirror_repo_key(const struct mirror_repo *r)
{
	return r->key;
}

const char *mirror_repo_head(const struct mirror_repo *r)
{
	return r->head;
}

void mirror_repo_free(struct mirror_repo *r)
{
	if (!r)
		return;
	git_repository_free(r->repo);
	free(r->path);
	free(r->key);
	free(r);
	gitlib_shutdown();
}

int mirror_repo_reopen(struct mirror_repo **out, const struct mirror_repo *r,
		       struct oh_err *err)
{
	struct mirror_repo *n = oh_xcalloc(1, sizeof(*n));

	gitlib_init();
	*out = NULL;
	if (git_repository_open_ext(&n->repo, r->path,
				    GIT_REPOSITORY_OPEN_NO_SEARCH, NULL) < 0) {
		int rc = gitlib_error(err, r->key, "cannot open it again");

		mirror_repo_free(n);
		return rc;
	}
	n->kind = r->kind;
	n->path = oh_xstrdup(r->path);
	n->key = oh_xstrdup(r->key);
	memcpy(n->head, r->head, sizeof(n->head));
	*out = n;
	return 0;
}

/* ---- failure classification ------------------------------------------ */

static bool has(const char *msg, const char *needle)
{
	return msg && strstr(msg, needle) != NULL;
}

/*
 * Map a libgit2 failure to a class (docs/mirror.md has the table).  The
 * callbacks' own flags come first: they know what happened for certain.
 */
static enum mirror_failure classify(int rc, const struct sync_ctx *ctx)
{
	const git_error *ge = git_error_last();
	const char *m = ge ? ge->message : NULL;
	int klass = ge ? ge->klass : GIT_ERROR_NONE;

	if (ctx->timed_out || mirror_stream_timed_out())
		return MIRROR_FAIL_TIMEOUT;
	if (rc == GIT_EAUTH || has(m, "status code: 401") ||
	    has(m, "status code: 403") || has(m, "authentication") ||
	    (ctx->auth_asked && klass == GIT_ERROR_SSH))
		return MIRROR_FAIL_AUTH;
	if (has(m, "status code: 404") || has(m, "not found") ||
	    has(m, "could not find repository") || has(m, "not a valid path") ||
	    has(m, "does not appear to be") ||
	    has(m, "No such file or directory"))
		return MIRROR_FAIL_NOTFOUND;
	if (klass == GIT_ERROR_ODB || klass == GIT_ERROR_ZLIB ||
	    klass == GIT_ERROR_INDEXER || klass == GIT_ERROR_OBJECT ||
	    has(m, "corrupt") || has(m, "truncated"))
		return MIRROR_FAIL_CORRUPT;
	if (klass == GIT_ERROR_NET || klass == GIT_ERROR_OS ||
	    klass == GIT_ERROR_SSL || klass == GIT_ERROR_SSH ||
	    klass == GIT_ERROR_HTTP)
		return MIRROR_FAIL_NETWORK;
	return MIRROR_FAIL_OTHER;
}

/* libgit2's message, with the URL's user information cut out. */
static void git_message(struct oh_buf *out, const char *source)
{
	const git_error *ge = git_error_last();
	struct oh_buf red = OH_BUF_INIT;
	const char *sep = strstr(source, "://");
	const char *at = sep ? strchr(sep + 3, '@') : NULL;
	const char *m = ge && ge->message ? ge->message : "unknown error";

	if (!at || at - sep - 3 <= 0 || !strstr(m, sep + 3)) {
		oh_buf_adds(out, m);
		return;
	}
	oh_url_redact(&red, m);
	oh_buf_add(out, red.buf, red.len);
	oh_buf_release(&red);
}

static int fail(struct oh_err *err, struct mirror_outcome *oc,
		enum mirror_failure f, const char *input, const char *source,
		const struct mirror_opts *opts, const char *detail)
{
	struct oh_buf g = OH_BUF_INIT;
	int ret;

	oc->failure = f;
	git_message(&g, source);
	switch (f) {
	case MIRROR_FAIL_NOTFOUND:
		ret = oh_err_set(err, OH_ENOTFOUND, input, 0, 0,
				 "repository not found (%s)", g.buf);
		break;
	case MIRROR_FAIL_AUTH:
		ret = oh_err_set(
			err, OH_ENET, input, 0, 0,
			"authentication required or refused; set OSSHEALTH_GIT_TOKEN and OSSHEALTH_GIT_TOKEN_HOSTS for HTTPS or load a key into ssh-agent (%s)",
			g.buf);
		break;
	case MIRROR_FAIL_NETWORK:
		ret = oh_err_set(
			err, OH_ENET, input, 0, 0,
			"cannot reach the server after %u attempt%s (%s)",
			oc->attempts, oc->attempts == 1 ? "" : "s", g.buf);
		break;
	case MIRROR_FAIL_TIMEOUT:
		ret = oh_err_set(err, OH_ENET, input, 0, 0,
				 "timed out after %u s", opts->timeout);
		break;
	case MIRROR_FAIL_NOTREPO:
		ret = oh_err_set(err, OH_EINPUT, input, 0, 0,
				 "not a git repository");
		break;
	case MIRROR_FAIL_CORRUPT:
		ret = oh_err_set(err, OH_EGIT, input, 0, 0,
				 "corrupt repository%s%s%s (%s)",
				 detail ? " at " : "", detail ? detail : "",
				 detail ? "; delete it to clone again" : "",
				 g.buf);
		break;
	default:
		ret = oh_err_set(err, OH_EGIT, input, 0, 0, "%s%s(libgit2: %s)",
				 detail ? detail : "", detail ? " " : "",
				 g.buf);
		break;
	}
	oh_buf_release(&g);
	return ret;
}

/* ---- callbacks -------------------------------------------------------- */

static bool past_deadline(struct sync_ctx *ctx)
{
	if (ctx->deadline == 0 || mirror_clock_ms() < ctx->deadline)
		return false;
	ctx->timed_out = true;
	git_error_set_str(GIT_ERROR_NET, "time limit reached");
	return true;
}

static int on_transfer(const git_indexer_progress *st, void *payload)
{
	struct sync_ctx *ctx = payload;
	struct mirror_progress *p = &ctx->prog;

	if (past_deadline(ctx))
		return -1;
	p->total_objects = st->total_objects;
	p->received_objects = st->received_objects;
	p->indexed_objects = st->indexed_objects;
	p->total_deltas = st->total_deltas;
	p->indexed_deltas = st->indexed_deltas;
	p->received_bytes = st->received_bytes;
	p->stage = st->total_objects > 0 &&
				   st->received_objects == st->total_objects
			   ? MIRROR_STAGE_INDEXING
			   : MIRROR_STAGE_RECEIVING;
	if (ctx->opts->progress)
		ctx->opts->progress(p, ctx->opts->progress_data);
	return 0;
}

static int on_sideband(const char *str, int len, void *payload)
{
	(void)str;
	(void)len;
	return past_deadline(payload) ? -1 : 0;
}

/*
 * The token for url: OSSHEALTH_GIT_TOKEN for the hosts the user named in
 * OSSHEALTH_GIT_TOKEN_HOSTS, GITHUB_TOKEN for github.com; only over a
 * secure connection.  A server asking for credentials is no reason to
 * hand it one: the URL may come from an untrusted manifest or SBOM.
 */
static const char *env_token(const char *url)
{
	const char *t = getenv("OSSHEALTH_GIT_TOKEN");

	if (!url || !oh_url_secure(url))
		return NULL;
	if (t && t[0] != '\0' &&
	    oh_url_host_in(url, getenv("OSSHEALTH_GIT_TOKEN_HOSTS")))
		return t;
	t = getenv("GITHUB_TOKEN");
	if (t && t[0] != '\0' && oh_url_host_in(url, "github.com"))
		return t;
	return NULL;
}

/* Credentials from the environment or ssh-agent; one try each. */
static int on_credentials(git_credential **out, const char *url,
			  const char *user, unsigned int allowed, void *payload)
{
	struct sync_ctx *ctx = payload;
	const char *token = env_token(url);

	ctx->auth_asked = true;
	if (ctx->cred_calls++ > 0) {
		git_error_set_str(
			GIT_ERROR_NET,
			"authentication failed with the credentials available");
		return GIT_EAUTH;
	}
	if ((allowed & GIT_CREDENTIAL_SSH_KEY) != 0)
		return git_credential_ssh_key_from_agent(out,
							 user ? user : "git");
	if ((allowed & GIT_CREDENTIAL_USERPASS_PLAINTEXT) != 0 && token)
		return git_credential_userpass_plaintext_new(
			out, user ? user : "x-access-token", token);
	git_error_set_str(
		GIT_ERROR_NET,
		"authentication required and no credentials available");
	return GIT_EAUTH;
}

/* ---- fetching --------------------------------------------------------- */

static void callbacks_init(git_remote_callbacks *cb, struct sync_ctx *ctx)
{
	git_remote_init_callbacks(cb, GIT_REMOTE_CALLBACKS_VERSION);
	cb->transfer_progress = on_transfer;
	cb->sideband_progress = on_sideband;
	cb->credentials = on_credentials;
	cb->payload = ctx;
}

/* Point HEAD at the remote's default branch when it names one. */
static void set_head(git_repository *repo, git_remote *remote)
{
	git_buf def = { 0 };

	if (git_remote_default_branch(&def, remote) == 0 && def.ptr)
		git_repository_set_head(repo, def.ptr);
	git_buf_dispose(&def);
	git_error_clear();
}

/*
 * One attempt: connect, download every ref's objects, then update refs
 * (every ref as is, pruning refs gone upstream) and HEAD.  Refs change
 * only after the pack is complete, so a failure leaves them as they were.
 */
static int sync_once(git_repository *repo, const char *url,
		     struct sync_ctx *ctx, struct mirror_outcome *oc)
{
	git_remote_create_options co;
	git_fetch_options fo;
	git_remote *remote = NULL;
	const git_indexer_progress *st;
	int rc;

	git_remote_create_options_init(&co, GIT_REMOTE_CREATE_OPTIONS_VERSION);
	git_fetch_options_init(&fo, GIT_FETCH_OPTIONS_VERSION);
	co.repository = repo;
	co.fetchspec = "+refs/*:refs/*";
	co.flags = GIT_REMOTE_CREATE_SKIP_INSTEADOF;
	rc = git_remote_create_with_opts(&remote, url, &co);
	if (rc < 0)
		goto out;
	callbacks_init(&fo.callbacks, ctx);
	fo.download_tags = GIT_REMOTE_DOWNLOAD_TAGS_ALL;
	fo.update_fetchhead = 0;
	rc = git_remote_connect(remote, GIT_DIRECTION_FETCH, &fo.callbacks,
				&fo.proxy_opts, NULL);
	if (rc < 0)
		goto out;
	rc = git_remote_download(remote, NULL, &fo);
	if (rc < 0)
		goto out;
	st = git_remote_stats(remote);
	oc->received_objects = st->received_objects;
	oc->received_bytes = st->received_bytes;
	oc->local_objects = st->local_objects;
	rc = git_remote_update_tips(remote, &fo.callbacks, 0,
				    GIT_REMOTE_DOWNLOAD_TAGS_ALL,
				    "osshealth: mirror fetch");
	if (rc < 0)
		goto out;
	rc = git_remote_prune(remote, &fo.callbacks);
	if (rc < 0)
		goto out;
	set_head(repo, remote);
out:
	if (remote)
		git_remote_disconnect(remote);
	git_remote_free(remote);
	return rc;
}

static void sleep_ms(int64_t ms)
{
	struct timespec ts = { .tv_sec = ms / 1000,
			       .tv_nsec = (ms % 1000) * 1000000 };

	while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
		;
}

/*
 * Attempts with back-off while the failure is transient and time is
 * left.  Returns 0 or the failure class (the libgit2 error stays set).
 */
static enum mirror_failure sync_retry(git_repository *repo, const char *url,
				      struct sync_ctx *ctx,
				      struct mirror_outcome *oc)
{
	int64_t wait = ctx->opts->backoff_ms;
	enum mirror_failure f;

	for (;;) {
		oc->attempts++;
		if (sync_once(repo, url, ctx, oc) == 0)
			return MIRROR_FAIL_NONE;
		f = classify(-1, ctx);
		if (f != MIRROR_FAIL_NETWORK ||
		    oc->attempts > ctx->opts->retries)
			return f;
		if (ctx->deadline > 0 &&
		    mirror_clock_ms() + wait >= ctx->deadline)
			return f;
		sleep_ms(wait);
		wait *= 2;
	}
}

/* ---- opening ---------------------------------------------------------- */

/*
 * Read HEAD's commit and tree: a cheap check that the object store is
 * readable (a truncated or damaged pack fails here).  An empty
 * repository passes with head "".
 */
static int check_head(struct mirror_repo *r)
{
	git_reference *ref = NULL;
	git_commit *commit = NULL;
	git_tree *tree = NULL;
	int rc = git_repository_head(&ref, r->repo);

	r->head[0] = '\0';
	if (rc == GIT_EUNBORNBRANCH || rc == GIT_ENOTFOUND) {
		git_error_clear();
		return 0;
	}
	if (rc < 0)
		goto out;
	rc = git_reference_peel((git_object **)&commit, ref, GIT_OBJECT_COMMIT);
	if (rc < 0)
		goto out;
	rc = git_commit_tree(&tree, commit);
	if (rc < 0)
		goto out;
	git_oid_tostr(r->head, sizeof(r->head), git_commit_id(commit));
out:
	git_tree_free(tree);
	git_commit_free(commit);
	git_reference_free(ref);
	return rc;
}

/* Is abs (a real path) the repository's git directory itself? */
static bool is_git_dir(git_repository *repo, const char *abs)
{
	const char *gd = git_repository_path(repo);
	size_t n = strlen(abs);

	return strncmp(gd, abs, n) == 0 && gd[n] == '/' && gd[n + 1] == '\0';
}

static int open_local(struct mirror_repo *r, const char *path,
		      const struct mirror_opts *opts, struct mirror_outcome *oc,
		      struct oh_err *err)
{
	struct sync_ctx ctx = { .opts = opts };
	char abs[PATH_MAX];
	struct stat sb;

	if (stat(path, &sb) < 0) {
		oc->failure = errno == ENOENT ? MIRROR_FAIL_NOTFOUND
					      : MIRROR_FAIL_OTHER;
		return oh_err_set(err, errno == ENOENT ? OH_ENOTFOUND : OH_EIO,
				  path, 0, 0, "cannot open the repository: %s",
				  strerror(errno));
	}
	if (!S_ISDIR(sb.st_mode) || !realpath(path, abs)) {
		oc->failure = MIRROR_FAIL_NOTREPO;
		return oh_err_set(err, OH_EINPUT, path, 0, 0,
				  "not a git repository");
	}
	if (git_repository_open_ext(
		    &r->repo, abs,
		    opts->discover ? 0 : GIT_REPOSITORY_OPEN_NO_SEARCH,
		    NULL) < 0)
		return fail(err, oc,
			    git_error_last() && git_error_last()->klass ==
							GIT_ERROR_REPOSITORY
				    ? MIRROR_FAIL_NOTREPO
				    : classify(-1, &ctx),
			    path, path, opts, NULL);
	r->kind = MIRROR_LOCAL;
	/*
	 * Bare as git sees it: a git directory named directly is bare even
	 * without a config file saying core.bare (libgit2 then assumes a
	 * work tree above it, whose .mailmap is not the repository's).
	 */
	r->path = oh_xstrdup(git_repository_is_bare(r->repo) ||
					     is_git_dir(r->repo, abs) ||
					     !git_repository_workdir(r->repo)
				     ? git_repository_path(r->repo)
				     : git_repository_workdir(r->repo));
	if (r->path[0] != '\0' && r->path[strlen(r->path) - 1] == '/' &&
	    strlen(r->path) > 1)
		r->path[strlen(r->path) - 1] = '\0';
	r->key = oh_xstrdup(r->path);
	if (check_head(r) < 0)
		return fail(err, oc, MIRROR_FAIL_CORRUPT, path, path, opts,
			    NULL);
	return 0;
}

static int rm_entry(const char *p, const struct stat *sb, int type,
		    struct FTW *ftw)
{
	(void)sb;
	(void)type;
	(void)ftw;
	return remove(p);
}

static void remove_tree(const char *dir)
{
	nftw(dir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

static int make_dirs(const char *dir, struct oh_err *err)
{
	struct oh_buf b = OH_BUF_INIT;
	int ret = 0;

	oh_buf_adds(&b, dir);
	for (size_t i = 1; i <= b.len; i++) {
		if (b.buf[i] != '/' && b.buf[i] != '\0')
			continue;
		b.buf[i] = '\0';
		if (mkdir(b.buf, 0777) < 0 && errno != EEXIST) {
			ret = oh_err_set(
				err, OH_EIO, b.buf, 0, 0,
				"cannot create the cache directory: %s",
				strerror(errno));
			break;
		}
		if (i < b.len)
			b.buf[i] = '/';
	}
	oh_buf_release(&b);
	return ret;
}

/* Clone into a temporary directory, rename into place on success. */
static int clone_new(struct mirror_repo *r, const char *url, const char *final,
		     struct sync_ctx *ctx, struct mirror_outcome *oc,
		     struct oh_err *err)
{
	struct oh_buf tmp = OH_BUF_INIT;
	git_repository *repo = NULL;
	enum mirror_failure f;
	int ret = 0;

	oh_buf_addf(&tmp, "%s.tmp-XXXXXX", final);
	if (!mkdtemp(tmp.buf)) {
		ret = oh_err_set(err, OH_EIO, tmp.buf, 0, 0,
				 "cannot create a directory: %s",
				 strerror(errno));
		goto out;
	}
	if (git_repository_init(&repo, tmp.buf, 1) < 0) {
		ret = fail(err, oc, MIRROR_FAIL_OTHER, ctx->redacted, url,
			   ctx->opts, "cannot create the mirror");
		goto out;
	}
	f = sync_retry(repo, url, ctx, oc);
	git_repository_free(repo);
	repo = NULL;
	if (f != MIRROR_FAIL_NONE) {
		ret = fail(err, oc, f, ctx->redacted, url, ctx->opts, NULL);
		goto out;
	}
	if (rename(tmp.buf, final) < 0 && errno != ENOTEMPTY &&
	    errno != EEXIST) {
		ret = oh_err_set(err, OH_EIO, final, 0, 0,
				 "cannot move the new mirror into place: %s",
				 strerror(errno));
		goto out;
	}
	oc->cloned = true;
out:
	if (tmp.len > 0)
		remove_tree(tmp.buf); /* gone after a successful rename */
	oh_buf_release(&tmp);
	(void)r;
	return ret;
}

/* When a mirror was last cloned or fetched: its newest ref file time. */
static int64_t synced_at(const char *dir)
{
	static const char *const names[] = { "FETCH_HEAD", "packed-refs",
					     "HEAD" };
	struct oh_buf p = OH_BUF_INIT;
	int64_t newest = 0;
	struct stat sb;

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		oh_buf_reset(&p);
		oh_buf_addf(&p, "%s/%s", dir, names[i]);
		if (stat(p.buf, &sb) == 0 && (int64_t)sb.st_mtime > newest)
			newest = (int64_t)sb.st_mtime;
	}
	oh_buf_release(&p);
	return newest;
}

/* The mirror's directory for a normalised URL, the cache made if new. */
static int mirror_dir(struct oh_buf *dir, const struct mirror_opts *opts,
		      const char *key, struct oh_err *err)
{
	char abs[PATH_MAX];
	int ret;

	if (opts->cache_dir)
		oh_buf_adds(dir, opts->cache_dir);
	else if ((ret = mirror_cache_dir_default(dir, err)) < 0)
		return ret;
	oh_buf_adds(dir, "/mirrors");
	if ((ret = make_dirs(dir->buf, err)) < 0)
		return ret;
	if (!realpath(dir->buf, abs))
		return oh_err_set(err, OH_EIO, dir->buf, 0, 0,
				  "cannot resolve the cache directory: %s",
				  strerror(errno));
	oh_buf_reset(dir);
	oh_buf_adds(dir, abs);
	oh_buf_addch(dir, '/');
	mirror_cache_name(dir, key);
	return 0;
}

/*
 * The mirror's lock: flock() on <cache>/locks/<mirror name>.lock, held
 * while the mirror is cloned or fetched, so that two processes (two
 * shards sharing a read-write-many cache volume) or two threads never
 * write the same mirror at once; the second waits, then fetches what the
 * first left.  Lock files are never removed (removing one races with its
 * next user); they are empty.  Waits until the deadline (0: for ever).
 * Returns the locked descriptor, or -1 with err set.
 */
static int lock_mirror(const char *dir, int64_t deadline, const char *red,
		       struct oh_err *err)
{
	const char *name = strrchr(dir, '/') + 1; /* dir is <cache>/mirrors/x */
	struct oh_buf p = OH_BUF_INIT;
	int fd = -1;

	/* mirror_dir() made dir "<cache>/mirrors/<name>" */
	oh_buf_add(&p, dir, (size_t)(name - dir) - strlen("mirrors/"));
	oh_buf_adds(&p, "locks");
	if (make_dirs(p.buf, err) < 0)
		goto out;
	oh_buf_addf(&p, "/%s.lock", name);
	fd = open(p.buf, O_RDWR | O_CREAT | O_CLOEXEC, 0666);
	if (fd < 0) {
		oh_err_set(err, OH_EIO, p.buf, 0, 0,
			   "cannot open the mirror's lock file: %s",
			   strerror(errno));
		goto out;
	}
	while (flock(fd, LOCK_EX | LOCK_NB) < 0) {
		if ((errno != EWOULDBLOCK && errno != EINTR) ||
		    (deadline > 0 && mirror_clock_ms() >= deadline)) {
			oh_err_set(
				err, errno == EWOULDBLOCK ? OH_ENET : OH_EIO,
				red, 0, 0,
				"the mirror is being written by another process (lock '%s'): %s",
				p.buf,
				errno == EWOULDBLOCK ? "timed out"
						     : strerror(errno));
			close(fd);
			fd = -1;
			break;
		}
		sleep_ms(100);
	}
out:
	oh_buf_release(&p);
	return fd;
}

static int open_remote(struct mirror_repo *r, const char *url,
		       const struct mirror_opts *opts,
		       struct mirror_outcome *oc, struct oh_err *err)
{
	struct sync_ctx ctx = { .opts = opts };
	struct oh_buf red = OH_BUF_INIT, key = OH_BUF_INIT, dir = OH_BUF_INIT;
	struct stat sb;
	enum mirror_failure f;
	int lock = -1;
	int ret;

	oh_url_redact(&red, url);
	ctx.redacted = red.buf;
	ctx.prog.url = red.buf;
	ret = oh_url_normalise(&key, url, err);
	if (ret < 0) {
		oh_err_set(err, OH_EINPUT, red.buf, 0, 0, "not a URL");
		goto out;
	}
	if ((ret = mirror_dir(&dir, opts, key.buf, err)) < 0)
		goto out;
	if (opts->timeout > 0)
		ctx.deadline =
			mirror_clock_ms() + (int64_t)opts->timeout * 1000;
	mirror_stream_register();
	mirror_stream_deadline_set(ctx.deadline);
	r->kind = MIRROR_REMOTE;
	r->key = oh_buf_detach(&key, NULL);
	r->path = oh_xstrdup(dir.buf);
	if (opts->offline && stat(dir.buf, &sb) < 0) {
		oc->failure = MIRROR_FAIL_NETWORK;
		ret = oh_err_set(
			err, OH_ENET, red.buf, 0, 0,
			"not in the mirror cache, and --offline forbids fetching it (run osshealth mirror where the network is reachable)");
		goto out;
	}
	if (!opts->offline &&
	    (lock = lock_mirror(dir.buf, ctx.deadline, red.buf, err)) < 0) {
		oc->failure = MIRROR_FAIL_TIMEOUT;
		ret = err->code;
		goto out;
	}
	if (stat(dir.buf, &sb) < 0 &&
	    (ret = clone_new(r, url, dir.buf, &ctx, oc, err)) < 0)
		goto out;
	if (git_repository_open_bare(&r->repo, dir.buf) < 0) {
		ret = fail(err, oc, MIRROR_FAIL_CORRUPT, red.buf, url, opts,
			   dir.buf);
		goto out;
	}
	if (check_head(r) < 0) {
		ret = fail(err, oc, MIRROR_FAIL_CORRUPT, red.buf, url, opts,
			   dir.buf);
		goto out;
	}
	if (opts->offline)
		oc->synced_at = synced_at(dir.buf);
	if (!oc->cloned && !opts->offline) {
		f = sync_retry(r->repo, url, &ctx, oc);
		if (f != MIRROR_FAIL_NONE) {
			ret = fail(err, oc, f, red.buf, url, opts,
				   f == MIRROR_FAIL_CORRUPT ? dir.buf : NULL);
			goto out;
		}
		oc->fetched = true;
		if (check_head(r) < 0) {
			ret = fail(err, oc, MIRROR_FAIL_CORRUPT, red.buf, url,
				   opts, dir.buf);
			goto out;
		}
	}
	ret = 0;
out:
	if (lock >= 0)
		close(lock); /* releases the flock */
	mirror_stream_deadline_set(0);
	oh_buf_release(&red);
	oh_buf_release(&key);
	oh_buf_release(&dir);
	return ret;
}

int mirror_open(struct mirror_repo **out, const char *source,
		const struct mirror_opts *opts, struct mirror_outcome *outcome,
		struct oh_err *err)
{
	static const struct mirror_opts defaults = MIRROR_OPTS_INIT;
	struct mirror_outcome local_oc;
	struct mirror_repo *r;
	int ret;

	*out = NULL;
	if (!opts)
		opts = &defaults;
	if (!outcome)
		outcome = &local_oc;
	memset(outcome, 0, sizeof(*outcome));
	if (source[0] == '\0' || strlen(source) > MIRROR_SOURCE_MAX)
		return oh_err_set(err, OH_EINPUT, NULL, 0, 0,
				  "empty or over-long repository source");
	gitlib_init();
	git_error_clear();
	r = oh_xcalloc(1, sizeof(*r));
	if (oh_url_is_remote(source))
		ret = open_remote(r, source, opts, outcome, err);
	else
		ret = open_local(r, source, opts, outcome, err);
	if (ret < 0) {
		if (outcome->failure == MIRROR_FAIL_NONE)
			outcome->failure = MIRROR_FAIL_OTHER;
		mirror_repo_free(r);
		return ret;
	}
	*out = r;
	return 0;
}
