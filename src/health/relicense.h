/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef OH_HEALTH_RELICENSE_H
#define OH_HEALTH_RELICENSE_H

/*
 * Relicensing risk: how easily the owners of a project could change its
 * license (seed: "distributed copyright (like the Linux kernel)
 * intentionally prevents dual licensing, license changes").  The
 * pieces, each a pure function over text the scan read:
 *
 *   health_copyright_holder()  the holder named by the first copyright
 *                              notice in a file's head, normalised;
 *   health_cla_text()          CLA or copyright-assignment wording in a
 *                              contribution guide or CI workflow;
 *   health_cla_path()          a CLA file or CLA bot configuration;
 *   health_holders_add()       copyright concentration over files.
 *
 * The check itself (relicensing-risk, risk category) combines these with
 * the license history in health.c's evaluation (checks_act.c).
 *
 * Limits: a head is searched in its first HEALTH_NOTICE_LINES lines; a
 * holder is at most HEALTH_HOLDER_MAX bytes; HEALTH_MAX_HOLDERS distinct
 * holders are counted (later ones go to "other").
 */

#include <stdbool.h>
#include <stddef.h>

#define HEALTH_NOTICE_LINES 60
#define HEALTH_HOLDER_MAX   64
#define HEALTH_MAX_HOLDERS  256

/**
 * The first copyright holder in text[0..len) into out (lower case, years,
 * "(c)", e-mail addresses, "All rights reserved" and company suffixes
 * removed: "hashicorp", "daniel stenberg").  Returns false when the head
 * has no notice naming a holder (templates such as "[yyyy] [name]" and
 * sentences about copyright do not count).
 */
bool health_copyright_holder(char *out, size_t size, const char *text,
			     size_t len);

/**
 * CLA or copyright-assignment wording in a contribution guide or CI
 * workflow: returns the phrase found (static), or NULL.  *assignment is
 * set when the wording assigns copyright (stronger than a license grant).
 */
const char *health_cla_text(const char *text, bool *assignment);

/** Is `path` a CLA document or CLA bot configuration?  Static reason or NULL. */
const char *health_cla_path(const char *path);

/** Copyright concentration: holders and the files naming them. */
struct health_holders {
	char name[HEALTH_MAX_HOLDERS][HEALTH_HOLDER_MAX];
	size_t files[HEALTH_MAX_HOLDERS];
	size_t nr;      /* distinct holders kept */
	size_t other;   /* files naming a holder beyond the cap */
	size_t noticed; /* files with a notice */
	size_t sampled; /* files read */
};

/** Count one file's holder (NULL: the file had no notice). */
void health_holders_add(struct health_holders *h, const char *holder);

/** Index of the holder naming the most files (ties: first); -1 none. */
int health_holders_top(const struct health_holders *h);

#endif /* OH_HEALTH_RELICENSE_H */
