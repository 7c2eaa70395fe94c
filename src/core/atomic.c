/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Atomic output files: temporary file, fsync, rename.
 */
#include "core/atomic.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/err.h"
#include "core/banned.h"

/* A special file: written in place, never replaced. */
static int open_direct(struct oh_atomic_file *f, const struct stat *st,
		       struct oh_err *err)
{
	int fd;

	if (S_ISDIR(st->st_mode))
		return oh_err_set(err, OH_EIO, f->path, 0, 0,
				  "cannot write: is a directory");
	fd = open(f->path, O_WRONLY | O_NOCTTY | O_CLOEXEC);
	if (fd < 0 || !(f->fp = fdopen(fd, "w"))) {
		int e = errno;

		if (fd >= 0)
			close(fd);
		return oh_err_set(err, OH_EIO, f->path, 0, 0, "cannot open: %s",
				  strerror(e));
	}
	f->direct = true;
	return 0;
}

int oh_atomic_open(struct oh_atomic_file *f, const char *path,
		   struct oh_err *err)
{
	struct stat st;
	mode_t mask;
	int fd;

	f->path = path;
	f->tmp = (struct oh_buf)OH_BUF_INIT;
	f->fp = NULL;
	f->direct = false;
	if (!path) {
		f->fp = stdout;
		return 0;
	}
	if (stat(path, &st) == 0 && !S_ISREG(st.st_mode))
		return open_direct(f, &st, err);
	oh_buf_addf(&f->tmp, "%s.tmpXXXXXX", path);
	fd = mkstemp(f->tmp.buf);
	if (fd >= 0) {
		/* mkstemp makes 0600; an output file is an ordinary file */
		mask = umask(0);
		umask(mask);
		(void)fchmod(fd, 0666 & ~mask);
	}
	if (fd < 0 || !(f->fp = fdopen(fd, "w"))) {
		int e = errno;

		if (fd >= 0) {
			close(fd);
			unlink(f->tmp.buf);
		}
		oh_buf_release(&f->tmp);
		return oh_err_set(err, OH_EIO, path, 0, 0, "cannot create: %s",
				  strerror(e));
	}
	return 0;
}

int oh_atomic_close(struct oh_atomic_file *f, bool ok, struct oh_err *err)
{
	int rc = 0;

	if (!f->path) {
		if (ok && fflush(stdout) != 0)
			rc = oh_err_set(err, OH_EIO, "<stdout>", 0, 0,
					"cannot write: %s", strerror(errno));
		return rc;
	}
	if (f->direct) {
		if (ok && fflush(f->fp) != 0)
			rc = oh_err_set(err, OH_EIO, f->path, 0, 0,
					"cannot write: %s", strerror(errno));
		if (fclose(f->fp) != 0 && ok && rc == 0)
			rc = oh_err_set(err, OH_EIO, f->path, 0, 0,
					"cannot write: %s", strerror(errno));
		f->fp = NULL;
		return rc;
	}
	if (ok && (fflush(f->fp) != 0 || fsync(fileno(f->fp)) != 0))
		rc = oh_err_set(err, OH_EIO, f->path, 0, 0, "cannot write: %s",
				strerror(errno));
	if (fclose(f->fp) != 0 && ok && rc == 0)
		rc = oh_err_set(err, OH_EIO, f->path, 0, 0, "cannot write: %s",
				strerror(errno));
	if (ok && rc == 0 && rename(f->tmp.buf, f->path) < 0)
		rc = oh_err_set(err, OH_EIO, f->path, 0, 0,
				"cannot replace: %s", strerror(errno));
	if (!ok || rc < 0)
		unlink(f->tmp.buf);
	oh_buf_release(&f->tmp);
	f->fp = NULL;
	return rc;
}

int oh_atomic_write(const char *path, const void *data, size_t len,
		    struct oh_err *err)
{
	struct oh_atomic_file f;
	bool ok;

	if (oh_atomic_open(&f, path, err) < 0)
		return err->code;
	ok = fwrite(data, 1, len, f.fp) == len;
	if (!ok)
		oh_err_set(err, OH_EIO, path ? path : "<stdout>", 0, 0,
			   "cannot write: %s", strerror(errno));
	if (oh_atomic_close(&f, ok, err) < 0 || !ok)
		return err->code;
	return 0;
}
