/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef OH_COLLECT_VULNS_CHECK_H
#define OH_COLLECT_VULNS_CHECK_H

/*
 * Known vulnerabilities of one revision from the imported OSV records
 * (`vulns import`), decided on the repository's own history, or of one
 * package version named by a package URL.
 *
 *   collect_vulns_repo()   the records whose GIT ranges name the
 *                          repository (by normalised URL): verdict at the
 *                          revision (vulns_git_eval with libgit2
 *                          reachability, cached per record and commit in
 *                          the database), the fix commit, whether the
 *                          default branch (HEAD) contains it, the first
 *                          tag containing it, and the days to fix
 *   collect_vulns_purl()   the records naming the package: verdict by
 *                          version (vulns_version_eval)
 *
 * Time to fix: days from the record's `published` time to the fix
 * commit's committer time, and to the first tag containing the fix; a
 * fix made before publication counts 0 days (oss-fuzz publishes after
 * the fix).  The median is over the records with a fix on the default
 * branch.  Withdrawn records are skipped.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "facts/vulns_model.h"

struct mirror_repo;
struct oh_err;
struct store;

struct collect_vulns_hit {
	const struct vulns_record *rec; /* borrowed from the check's arena */
	enum vulns_verdict verdict;
	bool cached;            /* the verdict came from the cache */
	const char *introduced; /* an introduced event of a matching range */
	const char *fix;        /* the fix commit or version; NULL */
	bool fix_in_repo;       /* the fix commit exists in the repository */
	bool fix_on_default;    /* HEAD contains the fix commit */
	int64_t fix_time;       /* its committer time; 0 unknown */
	const char *fix_tag;    /* first tag containing it; NULL */
	int64_t fix_tag_time;   /* that tag's commit time */
	long days_to_fix;       /* published -> fix commit; -1 unknown */
	long days_to_release;   /* published -> fix_tag; -1 unknown */
};

struct collect_vulns {
	struct oh_arena arena;         /* records, strings */
	struct collect_vulns_hit *hit; /* sorted by record id */
	size_t hit_nr;
	const char *subject;  /* repository URL or purl */
	const char *repo_key; /* normalised URL; NULL for a purl */
	char commit[41];      /* the revision checked; "" for a purl */
	const char *version;  /* purl: the version checked; else NULL */
	size_t affected;      /* hits per verdict */
	size_t not_affected;
	size_t unknown;
	size_t withdrawn;            /* records skipped as withdrawn */
	long median_days_to_fix;     /* -1 when no record has a fix */
	long median_days_to_release; /* -1 when no fix is released */
	size_t fixes;                /* records in the median */
};

enum collect_vulns_flags {
	COLLECT_VULNS_NO_CACHE = 1u << 0, /* decide again, cache nothing */
	COLLECT_VULNS_NO_FIX = 1u << 1,   /* skip the fix/tag/time facts */
};

/**
 * Check revision `rev` (NULL: HEAD) of `repo` against the records for
 * `url` (NULL: the repository's remote.origin.url).  *out is zeroed
 * first; release with collect_vulns_release().  OH_EINPUT when there is
 * no URL to match records by, OH_ENOTFOUND for an unknown revision,
 * OH_EGIT, OH_EDB.
 */
int collect_vulns_repo(struct collect_vulns *out, struct store *st,
		       struct mirror_repo *repo, const char *rev,
		       const char *url, unsigned flags, struct oh_err *err);

/**
 * Check the package version `purl` names ("pkg:npm/x@1.2.3").  OH_EINPUT
 * for a purl without version or of a type without OSV ecosystem.
 */
int collect_vulns_purl(struct collect_vulns *out, struct store *st,
		       const char *purl, struct oh_err *err);

void collect_vulns_release(struct collect_vulns *c);

#endif /* OH_COLLECT_VULNS_CHECK_H */
