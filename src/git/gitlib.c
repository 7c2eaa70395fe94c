/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * libgit2 initialisation, version and error bridge.
 */
#include "git/gitlib.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <git2.h>

#include "core/buf.h"
#include "core/err.h"
#include "core/xalloc.h"
#include "core/banned.h"

void gitlib_init(void)
{
	/*
	 * libgit2 keeps parsed trees and commits in a cache of up to 256 MiB
	 * by default.  Our walks read each object once (the tree walk, the
	 * first-parent chain of the license files, the revwalk), so the
	 * cache only grows: 180 MB on git/git's 24k root trees.  A small
	 * cache keeps the peak where the facts need it.
	 */
	git_libgit2_init();
	git_libgit2_opts(GIT_OPT_SET_CACHE_MAX_SIZE, (ssize_t)GITLIB_CACHE_MAX);
	git_libgit2_opts(GIT_OPT_SET_MWINDOW_SIZE, (size_t)GITLIB_WINDOW);
	git_libgit2_opts(GIT_OPT_SET_MWINDOW_MAPPED_LIMIT,
			 (size_t)GITLIB_MAPPED_MAX);
}

static pthread_mutex_t relax_lock = PTHREAD_MUTEX_INITIALIZER;
static unsigned relax_nr; /* walks running without verification */

void gitlib_relax_hashes(void)
{
	pthread_mutex_lock(&relax_lock);
	if (relax_nr++ == 0)
		git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0);
	pthread_mutex_unlock(&relax_lock);
}

void gitlib_restore_hashes(void)
{
	pthread_mutex_lock(&relax_lock);
	if (relax_nr > 0 && --relax_nr == 0)
		git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 1);
	pthread_mutex_unlock(&relax_lock);
}

void gitlib_shutdown(void)
{
	git_libgit2_shutdown();
}

void gitlib_version(char *buf, size_t size)
{
	int major = 0, minor = 0, rev = 0;

	git_libgit2_version(&major, &minor, &rev);
	snprintf(buf, size, "%d.%d.%d", major, minor, rev);
}

int gitlib_blob_lookup_max(git_blob **out, uint64_t *size, git_repository *repo,
			   const git_oid *id, uint64_t max)
{
	git_odb *odb = NULL;
	size_t len = 0;
	git_object_t type = GIT_OBJECT_INVALID;
	int ret = -1;

	*out = NULL;
	*size = 0;
	if (git_repository_odb(&odb, repo) < 0 ||
	    git_odb_read_header(&len, &type, odb, id) < 0)
		goto out;
	if (type != GIT_OBJECT_BLOB) {
		git_error_set_str(GIT_ERROR_OBJECT, "the object is not a blob");
		goto out;
	}
	*size = (uint64_t)len;
	if (*size > max)
		ret = 1;
	else
		ret = git_blob_lookup(out, repo, id) < 0 ? -1 : 0;
out:
	git_odb_free(odb);
	return ret;
}

static bool has(const char *s, const char *what)
{
	return s && strstr(s, what) != NULL;
}

int gitlib_repo_error(struct oh_err *err, git_repository *repo,
		      const char *input, const char *fmt, ...)
{
	const git_error *ge = git_error_last();
	/* Copied first: the shallow test below resets libgit2's error. */
	char *m = ge && ge->message ? oh_xstrdup(ge->message) : NULL;
	int klass = ge ? ge->klass : GIT_ERROR_NONE;
	struct oh_buf msg = OH_BUF_INIT;
	va_list ap;
	int ret;

	if (repo && git_repository_is_shallow(repo) == 1)
		oh_buf_adds(&msg, "shallow clone (history cut off where the "
				  "clone stopped; fetch all of it with 'git "
				  "fetch --unshallow'): ");
	else if (klass == GIT_ERROR_ZLIB || has(m, "inflate") ||
		 has(m, "corrupt") || has(m, "object not found") ||
		 has(m, "hash mismatch"))
		oh_buf_adds(&msg, "corrupt repository: ");
	va_start(ap, fmt);
	oh_buf_vaddf(&msg, fmt, ap);
	va_end(ap);
	if (m)
		oh_buf_addf(&msg, " (libgit2: %s)", m);
	ret = oh_err_set(err, OH_EGIT, input, 0, 0, "%s", msg.buf);
	oh_buf_release(&msg);
	free(m);
	return ret;
}

int gitlib_error(struct oh_err *err, const char *input, const char *fmt, ...)
{
	const git_error *ge = git_error_last();
	struct oh_buf msg = OH_BUF_INIT;
	va_list ap;
	int ret;

	va_start(ap, fmt);
	oh_buf_vaddf(&msg, fmt, ap);
	va_end(ap);
	if (ge && ge->message)
		oh_buf_addf(&msg, " (libgit2: %s)", ge->message);
	ret = oh_err_set(err, OH_EGIT, input, 0, 0, "%s", msg.buf);
	oh_buf_release(&msg);
	return ret;
}
