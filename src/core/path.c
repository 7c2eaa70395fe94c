/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Path helpers and the data-directory lookup described in path.h.
 */
#include "core/path.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/err.h"
#include "core/banned.h"

#ifndef OH_DATADIR
#define OH_DATADIR "/usr/local/share/osshealth"
#endif
#ifndef OH_SRCDIR
#define OH_SRCDIR "."
#endif

void oh_path_join(struct oh_buf *out, const char *a, const char *b)
{
	size_t la = strlen(a);

	while (la > 1 && a[la - 1] == '/')
		la--;
	oh_buf_add(out, a, la);
	while (*b == '/')
		b++;
	if (la > 0 && a[la - 1] != '/')
		oh_buf_addch(out, '/');
	oh_buf_adds(out, b);
}

bool oh_path_is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

bool oh_path_exists(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0;
}

int oh_path_mkdirs(const char *path, struct oh_err *err)
{
	struct oh_buf b = OH_BUF_INIT;
	int ret = 0;

	oh_buf_adds(&b, path);
	for (size_t i = 1; i <= b.len; i++) {
		if (i < b.len && b.buf[i] != '/')
			continue;
		b.buf[i] = '\0';
		if (mkdir(b.buf, 0755) < 0 && errno != EEXIST) {
			ret = oh_err_set(err, OH_EIO, b.buf, 0, 0,
					 "cannot create directory: %s",
					 strerror(errno));
			break;
		}
		if (i < b.len)
			b.buf[i] = '/';
	}
	if (ret == 0 && !oh_path_is_dir(path))
		ret = oh_err_set(err, OH_EIO, path, 0, 0,
				 "exists and is not a directory");
	oh_buf_release(&b);
	return ret;
}

static bool has_rules(const char *dir)
{
	struct oh_buf b = OH_BUF_INIT;
	bool ok;

	oh_path_join(&b, dir, "rules");
	ok = oh_path_is_dir(b.buf);
	oh_buf_release(&b);
	return ok;
}

static bool exe_relative(struct oh_buf *out)
{
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	char *slash;

	if (n <= 0)
		return false;
	exe[n] = '\0';
	slash = strrchr(exe, '/');
	if (!slash)
		return false;
	*slash = '\0';
	oh_path_join(out, exe, "../share/osshealth");
	return has_rules(out->buf);
}

int oh_data_dir(struct oh_buf *out, struct oh_err *err)
{
	const char *env = getenv("OSSHEALTH_DATA");
	struct oh_buf tmp = OH_BUF_INIT;
	int ret = 0;

	if (env && *env != '\0') {
		if (!has_rules(env))
			return oh_err_set(
				err, OH_ENOTFOUND, env, 0, 0,
				"OSSHEALTH_DATA has no 'rules' directory");
		oh_buf_adds(out, env);
		return 0;
	}
	if (exe_relative(&tmp))
		oh_buf_add(out, tmp.buf, tmp.len);
	else if (has_rules(OH_DATADIR))
		oh_buf_adds(out, OH_DATADIR);
	else if (has_rules(OH_SRCDIR))
		oh_buf_adds(out, OH_SRCDIR);
	else
		ret = oh_err_set(
			err, OH_ENOTFOUND, NULL, 0, 0,
			"data files not found: set OSSHEALTH_DATA or install to '%s'",
			OH_DATADIR);
	oh_buf_release(&tmp);
	return ret;
}

int oh_data_file(struct oh_buf *out, const char *rel, struct oh_err *err)
{
	struct oh_buf dir = OH_BUF_INIT;
	size_t start = out->len;
	int ret;

	ret = oh_data_dir(&dir, err);
	if (ret == 0) {
		oh_path_join(out, dir.buf, rel);
		if (!oh_path_exists(out->buf + start))
			ret = oh_err_set(err, OH_ENOTFOUND, out->buf + start, 0,
					 0, "data file is missing");
	}
	oh_buf_release(&dir);
	return ret;
}

static const char *file_kind(mode_t m)
{
	if (S_ISFIFO(m))
		return "a FIFO";
	if (S_ISCHR(m))
		return "a character device";
	if (S_ISBLK(m))
		return "a block device";
	if (S_ISSOCK(m))
		return "a socket";
	if (S_ISDIR(m))
		return "a directory";
	return "a special file";
}

int oh_open_regular(const char *path, struct oh_err *err)
{
	struct stat st;
	int fd, flags;

	/* O_NONBLOCK: opening a FIFO with no writer would wait forever. */
	fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	if (fd < 0)
		return oh_err_set(err, errno == ENOENT ? OH_ENOTFOUND : OH_EIO,
				  path, 0, 0, "cannot open: %s",
				  strerror(errno));
	if (fstat(fd, &st) < 0) {
		int e = errno;

		close(fd);
		return oh_err_set(err, OH_EIO, path, 0, 0, "cannot stat: %s",
				  strerror(e));
	}
	if (!S_ISREG(st.st_mode)) {
		close(fd);
		return oh_err_set(err, OH_EINPUT, path, 0, 0,
				  "not a regular file (%s)",
				  file_kind(st.st_mode));
	}
	flags = fcntl(fd, F_GETFL);
	if (flags >= 0)
		fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
	return fd;
}
