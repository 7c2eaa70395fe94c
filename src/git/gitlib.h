/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef OH_GIT_GITLIB_H
#define OH_GIT_GITLIB_H

/*
 * libgit2 set-up shared by the git modules (mirror_, hist_, tree_, dco_):
 * one-time initialisation and the error bridge that appends libgit2's
 * message after ours (STYLE.md rule 16).
 *
 * gitlib_init() is reference counted by libgit2 and safe to call from
 * every entry point; gitlib_shutdown() balances it.
 */

#include <stddef.h>

struct oh_err;

/* Bytes of parsed objects libgit2 may cache (process-wide). */
#define GITLIB_CACHE_MAX (16 << 20)
/* Pack windows: how much of the packs is mapped at once (process-wide). */
#define GITLIB_WINDOW     (32 << 20)
#define GITLIB_MAPPED_MAX (96 << 20)

/** Initialise libgit2 (idempotent, counted). */
void gitlib_init(void);

/** Balance one gitlib_init(). */
void gitlib_shutdown(void);

/** Write "major.minor.rev" of the linked libgit2 into buf. */
void gitlib_version(char *buf, size_t size);

/**
 * Set err to OH_EGIT for `input` with our message, then libgit2's last
 * error text appended as "(libgit2: ...)".  Returns OH_EGIT.
 */
int gitlib_error(struct oh_err *err, const char *input, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif /* OH_GIT_GITLIB_H */
