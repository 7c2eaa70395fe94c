/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Online enrichment of one repository (collect/enrich.h): the one place
 * that decides what OSV is asked and how a forge is located and read, for
 * `scan --enrich` and `enrich` alike.
 */
#include "collect/enrich.h"

#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "facts/bots.h"
#include "net/forge.h"
#include "net/osv.h"
#include "core/banned.h"

size_t collect_osv_queries(struct osv_query *q, const char *commit,
			   const char *purl, const char *version,
			   bool need_version)
{
	const char *at = purl ? strrchr(purl, '@') : NULL;
	const char *slash = purl ? strrchr(purl, '/') : NULL;
	size_t n = 0;

	if (commit)
		q[n++] = (struct osv_query){ .commit = commit };
	if (!purl)
		return n;
	if (at && (!slash || at > slash))
		q[n++] = (struct osv_query){ .purl = purl };
	else if (version && *version)
		q[n++] = (struct osv_query){ .purl = purl, .version = version };
	else if (!need_version)
		q[n++] = (struct osv_query){ .purl = purl };
	return n;
}

int collect_osv(struct osv_result *res, struct net_client *nc,
		const char *osv_url, const struct osv_query *q, size_t nr,
		struct oh_err *err)
{
	return osv_lookup(res, nc, osv_url, q, nr, err);
}

static bool login_is_bot(const char *login, void *bots)
{
	return bots && hist_bots_match(bots, login, NULL);
}

int collect_forge(struct collect_forge *out, struct net_client *nc,
		  const char *repo_url, enum forge_kind kind,
		  const char *api_url, int64_t now,
		  const struct hist_bots *bots, struct oh_err *err)
{
	memset(out, 0, sizeof(*out));
	out->kind = kind;
	if (forge_locate(&out->kind, &out->project, &out->api_base, repo_url,
			 err) < 0)
		return err->code;
	return forge_fetch(&out->facts, nc, out->kind,
			   api_url ? api_url : out->api_base, out->project, now,
			   login_is_bot, (void *)bots, err);
}

void collect_forge_release(struct collect_forge *f)
{
	free(f->project);
	free(f->api_base);
	f->project = NULL;
	f->api_base = NULL;
}
