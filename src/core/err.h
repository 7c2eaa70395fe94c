/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef OH_CORE_ERR_H
#define OH_CORE_ERR_H

/*
 * Error reporting for modules.  A module never prints and never exits: it
 * returns one of the codes below and describes the problem in the
 * caller's struct oh_err.  The first message set wins; callers add context
 * with oh_err_prefix(), they never replace the text.
 *
 * Codes are never renumbered and never reused; new ones go at the end.
 * src/main.c maps them to process exit codes (see oh_err_exit_code()).
 *
 * Thread safety: an oh_err belongs to one operation and one thread.
 */

#include <stdarg.h>

enum oh_code {
	OH_OK = 0,
	OH_EINPUT = -1,    /* malformed input: the input and location are set */
	OH_ENOTFOUND = -2, /* a named thing does not exist */
	OH_ELIMIT = -3,    /* input exceeds a documented size or depth cap */
	OH_EIO = -4,       /* read, write or open failed; errno text included */
	OH_EGIT = -5,      /* libgit2 failed; its message is appended */
	OH_EDB = -6,       /* SQLite failed; its message is appended */
	OH_ENET = -7,      /* HTTP failed or was refused (offline mode) */
	OH_EBUG = -8,      /* internal inconsistency: a bug in osshealth */
};

struct oh_err {
	enum oh_code code; /* OH_OK until the first oh_err_set() */
	char *input;       /* owned copy: path, URL or "<stdin>"; may be NULL */
	unsigned line;     /* 1-based; 0 when not applicable */
	unsigned col;      /* 1-based; 0 when not applicable */
	char msg[512];     /* one line, no trailing period or newline */
};

/* clang-format off */
#define OH_ERR_INIT { .code = OH_OK }
/* clang-format on */

/**
 * Record the first failure and return its code (for "return oh_err_set()").
 * If err already holds a failure, nothing changes and the old code is
 * returned, so the innermost message wins.  `input` may be NULL; it is
 * copied.  `code` must be negative.
 */
int oh_err_set(struct oh_err *err, enum oh_code code, const char *input,
	       unsigned line, unsigned col, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));

/** va_list form of oh_err_set(). */
int oh_err_vset(struct oh_err *err, enum oh_code code, const char *input,
		unsigned line, unsigned col, const char *fmt, va_list ap)
	__attribute__((format(printf, 6, 0)));

/**
 * Put context in front of an existing message ("scanning 'x': " + msg).
 * Does nothing when err holds no failure.
 */
void oh_err_prefix(struct oh_err *err, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/**
 * Format the error as one line without the trailing newline:
 * "<input>[:<line>[:<col>]]: <msg>" into buf (always NUL-terminated).
 */
void oh_err_format(char *buf, unsigned long size, const struct oh_err *err);

/** Free what oh_err_set() allocated and return to OH_ERR_INIT. */
void oh_err_release(struct oh_err *err);

/** A short constant name for a code ("input", "not found", ...). */
const char *oh_code_name(enum oh_code code);

#endif /* OH_CORE_ERR_H */
