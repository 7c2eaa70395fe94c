/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef OH_CORE_ATOMIC_H
#define OH_CORE_ATOMIC_H

/*
 * Output files written atomically: the content goes to a temporary file
 * next to the target (PATH.tmpXXXXXX), which replaces the target by
 * rename() only once everything was written, flushed and synced.  A
 * failed or interrupted write leaves the old file (or none) and no
 * temporary behind.  The file gets mode 0666 minus the umask, as a file
 * made by open() would.  A NULL path means standard output.
 *
 * Used by every command option that writes a file (-o), so no report or
 * SBOM is ever half written.
 *
 * Only a regular file (or a new name) is replaced.  A target that exists
 * and is something else (a FIFO, a character device such as /dev/null or
 * /dev/stdout, a socket) is written straight to, as a shell redirection
 * would: renaming over it would replace the device node (as root, for
 * /dev/null) or the pipe a reader waits on.  A directory is an error.
 */

#include <stdbool.h>
#include <stdio.h>

#include "core/buf.h"

struct oh_err;

struct oh_atomic_file {
	FILE *fp;          /* write here; stdout when path is NULL */
	const char *path;  /* the target (borrowed), or NULL */
	struct oh_buf tmp; /* the temporary file's name */
	bool direct;       /* writing straight to a special file */
};

/** Start writing `path` (NULL: stdout).  OH_EIO naming path. */
int oh_atomic_open(struct oh_atomic_file *f, const char *path,
		   struct oh_err *err);

/**
 * Finish: with `ok`, flush, sync and rename over the target (OH_EIO on
 * failure, the temporary removed); without, remove the temporary.
 * Standard output is only flushed.  Always releases `f`.
 */
int oh_atomic_close(struct oh_atomic_file *f, bool ok, struct oh_err *err);

/** Write `len` bytes to `path` (NULL: stdout) atomically. */
int oh_atomic_write(const char *path, const void *data, size_t len,
		    struct oh_err *err);

#endif /* OH_CORE_ATOMIC_H */
