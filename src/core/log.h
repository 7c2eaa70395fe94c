/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef OH_CORE_LOG_H
#define OH_CORE_LOG_H

/*
 * Messages to the user on stderr.  Together with src/main.c and
 * src/cmd/, this is the only code that writes to the terminal.
 *
 *   oh_error()    "osshealth: <msg>"            always shown
 *   oh_warning()  "osshealth: warning: <msg>"   unless --quiet
 *   oh_info()     "osshealth: <msg>"            with --verbose, or a TTY
 *   oh_progress() one rewritable status line    only when stderr is a TTY
 *
 * Format strings never contain "\n"; the helper appends it.  Output is
 * serialised with a mutex so worker threads may log.
 */

#include <stdbool.h>

struct oh_err;

enum oh_log_level {
	OH_LOG_QUIET = 0,   /* errors only */
	OH_LOG_NORMAL = 1,  /* errors and warnings */
	OH_LOG_VERBOSE = 2, /* plus info lines */
};

void oh_log_set_level(enum oh_log_level level);
enum oh_log_level oh_log_get_level(void);

/** True when progress output is allowed (stderr is a TTY, not quiet). */
bool oh_log_progress_enabled(void);

void oh_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void oh_warning(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void oh_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/** Print a module error as "osshealth: <input>:<line>:<col>: <msg>". */
void oh_error_err(const struct oh_err *err);

/** Rewrite the progress line; oh_progress_done() ends it. */
void oh_progress(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void oh_progress_done(void);

#endif /* OH_CORE_LOG_H */
