/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef OH_GIT_MIRROR_INT_H
#define OH_GIT_MIRROR_INT_H

/*
 * Internals of the mirror cache for the other git modules (hist_, tree_,
 * dco_): the libgit2 handle behind a struct mirror_repo, and the TCP
 * stream with a deadline that mirror_open() registers with libgit2.
 * Only src/git/ includes this header (it pulls in git2.h).
 */

#include <stdbool.h>
#include <stdint.h>

#include <git2.h>

#include "git/mirror.h"

/** The repository behind r; owned by r, valid until mirror_repo_free(). */
git_repository *mirror_repo_git(struct mirror_repo *r);

/**
 * Register the deadline-aware TCP stream as libgit2's standard stream
 * (idempotent; call after git_libgit2_init()).  Returns 0 or a libgit2
 * error code.
 */
int mirror_stream_register(void);

/**
 * Set the calling thread's network deadline (CLOCK_MONOTONIC
 * milliseconds; 0 = none) and clear its time-out flag.
 */
void mirror_stream_deadline_set(int64_t deadline_ms);

/** True when a stream of this thread gave up on the deadline. */
bool mirror_stream_timed_out(void);

/** Milliseconds of CLOCK_MONOTONIC. */
int64_t mirror_clock_ms(void);

#endif /* OH_GIT_MIRROR_INT_H */
