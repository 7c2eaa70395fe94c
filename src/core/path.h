/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef OH_CORE_PATH_H
#define OH_CORE_PATH_H

/*
 * Paths: joining, creating directories, and finding osshealth's data files
 * (rules/ and licenses/).
 *
 * The data directory is looked up in this order, first hit wins:
 *   1. $OSSHEALTH_DATA, if set (an error if it lacks rules/),
 *   2. <dir of the executable>/../share/osshealth (an installed copy,
 *      also under DESTDIR staging),
 *   3. the compiled-in OH_DATADIR ($(PREFIX)/share/osshealth),
 *   4. the compiled-in source tree OH_SRCDIR (running from a checkout).
 * A directory counts when it holds a rules/ subdirectory.
 */

#include <stdbool.h>

struct oh_buf;
struct oh_err;

/** Append "a/b" to out, with exactly one slash between the parts. */
void oh_path_join(struct oh_buf *out, const char *a, const char *b);

/**
 * Open `path` for reading only if it is a regular file (symbolic links
 * are followed).  A FIFO, device or socket is never opened in a way that
 * can block or act on it: the open is non-blocking and the type is
 * checked before anything is read.  Returns the descriptor (blocking
 * again, close-on-exec; the caller closes it), or OH_ENOTFOUND / OH_EIO
 * "cannot open: ..." / OH_EINPUT "not a regular file (a FIFO)" naming
 * path.
 */
int oh_open_regular(const char *path, struct oh_err *err);

/** True when path exists and is a directory. */
bool oh_path_is_dir(const char *path);

/** True when path exists (any type). */
bool oh_path_exists(const char *path);

/** mkdir -p with mode 0755; OH_EIO naming the path on failure. */
int oh_path_mkdirs(const char *path, struct oh_err *err);

/**
 * Find the data directory (see above) and append it to out.
 * OH_ENOTFOUND when none of the candidates exists, naming them all.
 */
int oh_data_dir(struct oh_buf *out, struct oh_err *err);

/**
 * Append the path of data file `rel` (e.g. "rules/bots.json") to out;
 * OH_ENOTFOUND names the full path when the file is missing.
 */
int oh_data_file(struct oh_buf *out, const char *rel, struct oh_err *err);

#endif /* OH_CORE_PATH_H */
