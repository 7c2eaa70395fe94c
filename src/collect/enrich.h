/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef OH_COLLECT_ENRICH_H
#define OH_COLLECT_ENRICH_H

/*
 * Online enrichment of one repository, shared by `scan --enrich` and
 * `enrich`: the OSV queries of a reviewed commit and a package URL, and
 * the forge facts of a repository URL.  Both return the facts as values;
 * turning them into findings, facts rows or a report is the caller's.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "net/forge.h"

struct hist_bots;
struct net_client;
struct oh_err;
struct osv_query;
struct osv_result;

/**
 * The OSV queries for `commit` (may be NULL) and `purl` (may be NULL)
 * into q[0..1] (two entries); returns how many.  A purl without an @version is asked
 * with `version` (may be NULL); when it has neither and `need_version`,
 * it is not asked at all, since it would match every release.
 */
size_t collect_osv_queries(struct osv_query *q, const char *commit,
			   const char *purl, const char *version,
			   bool need_version);

/** The known vulnerabilities for q[0..nr-1]; osv_lookup()'s contract. */
int collect_osv(struct osv_result *res, struct net_client *nc,
		const char *osv_url, const struct osv_query *q, size_t nr,
		struct oh_err *err);

/* The forge facts of one repository. */
struct collect_forge {
	enum forge_kind kind; /* the forge asked (or FORGE_UNKNOWN) */
	char *project;        /* owned: owner/name as the forge names it */
	char *api_base;       /* owned: the public API the URL implies */
	struct forge_facts facts;
};

/**
 * Locate `repo_url` on its forge (`kind`, or FORGE_UNKNOWN to tell it
 * from the host) and fetch its facts from
 * `api_url` (NULL: the forge's public API) as of `now`; `bots` (may be
 * NULL) tells bot logins apart.  *out is zeroed first; release it with
 * collect_forge_release() whatever the result.
 */
int collect_forge(struct collect_forge *out, struct net_client *nc,
		  const char *repo_url, enum forge_kind kind,
		  const char *api_url, int64_t now,
		  const struct hist_bots *bots, struct oh_err *err);

void collect_forge_release(struct collect_forge *f);

#endif /* OH_COLLECT_ENRICH_H */
