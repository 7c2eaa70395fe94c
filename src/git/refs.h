/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef OH_GIT_REFS_H
#define OH_GIT_REFS_H

/*
 * What the references of a repository say about one commit, for SBOM
 * generation: the tags that name it, else `git describe --tags`, and the
 * configured origin URL (credentials removed).
 *
 * Memory: strings are malloc'd and owned by struct refs_at; release with
 * refs_at_release().
 */

#include <stddef.h>

struct mirror_repo;

struct refs_at {
	char **tag;     /* short tag names peeling to the commit, sorted */
	size_t tag_nr;  /* entries in tag */
	char *describe; /* describe --tags when no tag names it; or NULL */
	char *remote;   /* remote.origin.url redacted; or NULL */
};

/**
 * Fill `out` (zeroed first) for `commit` (hex id).  Facts that cannot be
 * read are left empty: this never fails.
 */
void refs_describe(struct refs_at *out, struct mirror_repo *repo,
		   const char *commit);

void refs_at_release(struct refs_at *r);

/** remote.origin.url, redacted, into *out (malloc'd; NULL when unset).
 *  Never fails. */
void refs_origin_url(char **out, struct mirror_repo *repo);

#endif /* OH_GIT_REFS_H */
