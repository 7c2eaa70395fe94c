/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Online enrichment in a scan (off by default; --offline forbids it):
 * known vulnerabilities of the reviewed commit from OSV, and forge facts
 * (archived flag, issues and changes over the last year, time to close).
 * Each worker has its own HTTP client and its own database handle for
 * the response cache (WAL lets it write beside the scan's writer), so
 * a periodic review revalidates instead of refetching.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/err.h"
#include "core/timeutil.h"
#include "core/xalloc.h"
#include "collect/enrich.h"
#include "health/cvss.h"
#include "health/health.h"
#include "git/history.h"
#include "net/forge.h"
#include "net/http.h"
#include "net/osv.h"
#include "scan/manifest.h"
#include "scan/scan_int.h"
#include "store/store.h"
#include "store/store_http.h"
#include "core/banned.h"

static struct net_client *client(struct scan_worker *wk,
				 const struct scan_opts *opts)
{
	struct net_opts no = NET_OPTS_INIT;
	struct oh_err err = OH_ERR_INIT;

	if (wk->net || wk->net_broken)
		return wk->net;
	/* The cache is an optimisation: without its handle, fetch anyway. */
	if (store_open(&wk->net_cache, store_path(wk->st), NULL, &err) < 0) {
		wk->net_cache = NULL;
		oh_err_release(&err);
	}
	no.offline = opts->offline;
	if (wk->net_cache)
		no.cache = store_http_cache(wk->net_cache);
	no.forge_url = opts->forge_url;
	if (net_client_new(&wk->net, &no, &err) < 0) {
		wk->net_broken = true;
		oh_err_format(wk->net_error, sizeof(wk->net_error), &err);
		wk->net = NULL;
	}
	oh_err_release(&err);
	return wk->net;
}

static void unavailable(struct scan_item *it, const char *source,
			const struct oh_err *err, const char *fallback)
{
	char line[512];

	if (err && err->code != OH_OK)
		oh_err_format(line, sizeof(line), err);
	else
		snprintf(line, sizeof(line), "%s", fallback);
	scan_item_fact(it, source, "unavailable: %s", line);
	scan_item_finding(it, "enrich/unavailable", "info", NULL,
			  "%s enrichment unavailable: %s",
			  strncmp(source, "osv", 3) == 0 ? "OSV" : "forge",
			  line);
}

/*
 * The queries: the reviewed commit, and an SBOM package's purl with its
 * version (in the purl, else the package's); a purl without any version
 * would match every release, so it is not asked.
 */
static size_t osv_queries(struct osv_query *q, const struct scan_item *it)
{
	return collect_osv_queries(q, it->revision, it->mc->purl,
				   it->mc->purl_version, true);
}

static void osv(struct scan_item *it, struct net_client *nc,
		const struct scan_opts *opts, struct health_input *in)
{
	struct osv_query q[2];
	size_t nq = osv_queries(q, it);
	struct osv_result res = { 0 };
	struct oh_err err = OH_ERR_INIT;
	struct oh_buf ids = OH_BUF_INIT;
	size_t open = 0;
	size_t critical = 0; /* open, no fix known, rated critical */
	size_t unrated = 0;  /* open, no fix known, severity not judged */

	if (collect_osv(&res, nc, opts->osv_url, q, nq, &err) < 0) {
		unavailable(it, "osv.status", &err, "");
		in->vulnerabilities_note = "OSV was unavailable (see findings)";
		goto out;
	}
	for (size_t i = 0; i < res.vuln_nr; i++) {
		const struct osv_vuln *v = &res.vuln[i];

		if (v->withdrawn)
			continue;
		open++;
		if (!v->fixed) {
			bool known;

			if (health_severity_is_critical(v->severity_type,
							v->severity, &known))
				critical++;
			else if (!known)
				unrated++;
		}
		oh_buf_addf(&ids, "%s%s", ids.len ? ", " : "", v->id);
		scan_item_finding(it, "security/vulnerability", "high", NULL,
				  "%s%s%s: %s (severity %s; %s)", v->id,
				  v->alias_nr ? " / " : "",
				  v->alias_nr ? v->alias[0] : "",
				  v->summary ? v->summary : "no summary",
				  v->severity ? v->severity : "unknown",
				  v->fixed ? "a fix exists" : "no fix known");
	}
	in->vulnerabilities.known = true;
	in->vulnerabilities.value = (double)open;
	scan_item_fact(it, "osv.status", "ok");
	if (nq > 1)
		scan_item_fact(it, "osv.purl", "%s%s%s", q[1].purl,
			       q[1].version ? " version " : "",
			       q[1].version ? q[1].version : "");
	scan_item_fact(it, "osv.vulnerabilities", "%zu", open);
	scan_item_fact(it, "osv.unfixed_critical", "%zu", critical);
	if (unrated > 0)
		scan_item_fact(it, "osv.unfixed_unrated", "%zu", unrated);
	if (ids.len > 0) {
		scan_item_fact(it, "osv.ids", "%s", ids.buf);
		in->vulnerabilities_ids = it->fact[it->fact_nr - 1].value;
	}
out:
	osv_result_release(&res);
	oh_buf_release(&ids);
	oh_err_release(&err);
}

/* One package's line from the lookup's answer for its query. */
static void unreviewed_line(struct oh_buf *out, const struct osv_each *e,
			    size_t qi)
{
	struct oh_buf ids = OH_BUF_INIT;
	size_t open = 0;

	for (size_t j = 0; j < e->hit_nr[qi]; j++) {
		const struct osv_vuln *v = &e->all.vuln[e->hit[qi][j]];

		if (v->withdrawn)
			continue;
		oh_buf_addf(&ids, "%s%s", open ? ", " : "", v->id);
		open++;
	}
	if (open == 0)
		oh_buf_adds(out, "no known vulnerability");
	else
		oh_buf_addf(out, "%zu known vulnerabilit%s: %s", open,
			    open == 1 ? "y" : "ies", ids.buf);
	oh_buf_release(&ids);
}

void scan_osv_unreviewed(struct oh_buf *reason,
			 const struct manifest_unreviewed *u, size_t nr,
			 const struct scan_opts *opts)
{
	struct osv_query *q;
	size_t *of; /* of[i]: the query of package i, or nr */
	size_t nq = 0;
	struct osv_each e = { 0 };
	struct net_opts no = NET_OPTS_INIT;
	struct net_client *nc = NULL;
	struct oh_err err = OH_ERR_INIT;
	char line[512];
	int rc;

	if (!(opts->enrich & SCAN_ENRICH_OSV) || nr == 0)
		return;
	q = oh_xcalloc(nr, sizeof(*q));
	of = oh_xcalloc(nr, sizeof(*of));
	for (size_t i = 0; i < nr; i++) {
		of[i] = nr;
		if (collect_osv_queries(&q[nq], NULL, u[i].purl, u[i].version,
					true) == 1)
			of[i] = nq++;
	}
	no.offline = opts->offline;
	no.forge_url = opts->forge_url;
	rc = nq == 0 ? 0 : net_client_new(&nc, &no, &err);
	if (rc == 0 && nq > 0)
		rc = osv_lookup_each(&e, nc, opts->osv_url, q, nq, &err);
	if (rc < 0)
		oh_err_format(line, sizeof(line), &err);
	for (size_t i = 0; i < nr; i++) {
		const struct osv_query *qi = &q[of[i]];

		if (of[i] == nr)
			continue;
		oh_buf_addf(&reason[i], "; OSV %s%s%s: ", qi->purl,
			    qi->version ? " version " : "",
			    qi->version ? qi->version : "");
		if (rc < 0)
			oh_buf_addf(&reason[i], "unavailable: %s", line);
		else
			unreviewed_line(&reason[i], &e, of[i]);
	}
	osv_each_release(&e);
	net_client_free(nc);
	oh_err_release(&err);
	free(of);
	free(q);
}

static const char *metric_state(enum forge_metric m)
{
	return m == FORGE_METRIC_UNKNOWN ? "unknown"
	       : m == FORGE_METRIC_NONE  ? "none"
					 : "ok";
}

/*
 * The per-item metrics and the releases as facts: values, one per key
 * (the state ok / none / unknown, then the figures), rendered by the
 * reports; the reason of an unknown one in forge.detail_note.
 */
static void forge_detail_facts(struct scan_item *it,
			       const struct forge_facts *ff)
{
	const struct forge_releases *rel = &ff->rel;
	char when[32];

	scan_item_fact(it, "forge.first_response", "%s",
		       metric_state(ff->response));
	if (ff->response == FORGE_METRIC_OK) {
		scan_item_fact(it, "forge.first_response_median_days", "%.1f",
			       ff->median_response_days);
		scan_item_fact(it, "forge.first_response_answered", "%ld",
			       ff->response_answered);
		scan_item_fact(it, "forge.first_response_sample", "%ld",
			       ff->response_sample);
	}
	scan_item_fact(it, "forge.review", "%s", metric_state(ff->review));
	if (ff->review == FORGE_METRIC_OK) {
		scan_item_fact(it, "forge.review_reviewed", "%ld",
			       ff->reviewed);
		scan_item_fact(it, "forge.review_sample", "%ld",
			       ff->review_sample);
	}
	scan_item_fact(it, "forge.releases", "%s", metric_state(rel->state));
	if (rel->state == FORGE_METRIC_OK) {
		scan_item_fact(it, "forge.releases_count", "%ld",
			       rel->releases);
		scan_item_fact(it, "forge.prereleases_count", "%ld",
			       rel->prereleases);
		scan_item_fact(it, "forge.releases_365", "%ld",
			       rel->releases_365);
		scan_item_fact(it, "forge.releases_with_notes", "%ld",
			       rel->with_notes);
	}
	if (rel->last != 0) {
		oh_time_format(when, sizeof(when), rel->last);
		scan_item_fact(it, "forge.last_release", "%s", when);
		scan_item_fact(it, "forge.last_release_tag", "%s",
			       rel->last_tag);
	}
	if (rel->median_interval_days >= 0)
		scan_item_fact(it, "forge.release_interval_days", "%.1f",
			       rel->median_interval_days);
	if (ff->detail_note[0] == '\0')
		return;
	scan_item_fact(it, "forge.detail_note", "%s", ff->detail_note);
	scan_item_finding(it, "enrich/unavailable", "info", NULL,
			  "forge enrichment partly unavailable: %s",
			  ff->detail_note);
}

static void forge(struct scan_item *it, struct net_client *nc,
		  const struct hist_bots *bots, const struct scan_opts *opts,
		  struct health_input *in)
{
	enum forge_kind kind = FORGE_UNKNOWN;
	struct oh_err err = OH_ERR_INIT;
	struct collect_forge cf = { .kind = FORGE_UNKNOWN };
	const struct forge_facts *ff = &cf.facts;
	struct health_forge *f = &in->forge;

	if (!it->remote) {
		unavailable(it, "forge.status", NULL,
			    "a local repository has no forge");
		return;
	}
	if ((opts->forge_kind &&
	     forge_kind_parse(&kind, opts->forge_kind, &err) < 0) ||
	    collect_forge(&cf, nc, it->repo_key, kind, opts->forge_url, in->now,
			  bots, &err) < 0) {
		unavailable(it, "forge.status", &err, "");
		goto out;
	}
	f->known = true;
	f->archived = ff->archived;
	f->stars = ff->stars;
	f->forks = ff->forks;
	f->issues_opened_365 = ff->issues.opened;
	f->issues_closed_365 = ff->issues.closed;
	f->changes_opened_365 = ff->changes.opened;
	f->changes_closed_365 = ff->changes.closed;
	f->median_close_days = ff->median_close_days;
	f->response_state = (int)ff->response;
	f->median_response_days = ff->median_response_days;
	f->response_sample = ff->response_sample;
	f->response_answered = ff->response_answered;
	f->review_state = (int)ff->review;
	f->review_sample = ff->review_sample;
	f->reviewed = ff->reviewed;
	f->releases_state = (int)ff->rel.state;
	f->releases = ff->rel.releases;
	f->prereleases = ff->rel.prereleases;
	f->releases_365 = ff->rel.releases_365;
	f->releases_with_notes = ff->rel.with_notes;
	f->last_release = ff->rel.last;
	f->last_release_tag = oh_arena_strdup(&it->arena, ff->rel.last_tag);
	f->release_interval_days = ff->rel.median_interval_days;
	f->detail_note = ff->detail_note[0]
				 ? oh_arena_strdup(&it->arena, ff->detail_note)
				 : NULL;
	scan_item_fact(it, "forge.status", "ok");
	scan_item_fact(it, "forge.archived", "%s",
		       ff->archived ? "true" : "false");
	scan_item_fact(it, "forge.stars", "%ld", ff->stars);
	scan_item_fact(it, "forge.forks", "%ld", ff->forks);
	scan_item_fact(it, "forge.issues_opened_365", "%ld", ff->issues.opened);
	scan_item_fact(it, "forge.issues_closed_365", "%ld", ff->issues.closed);
	scan_item_fact(it, "forge.changes_opened_365", "%ld",
		       ff->changes.opened);
	scan_item_fact(it, "forge.changes_closed_365", "%ld",
		       ff->changes.closed);
	forge_detail_facts(it, ff);
	if (ff->archived)
		scan_item_finding(it, "risk/archived", "high", NULL,
				  "the repository is archived on its forge");
out:
	collect_forge_release(&cf);
	oh_err_release(&err);
}

void scan_collect_enrich(struct scan_item *it, struct scan_worker *wk,
			 const struct scan_opts *opts, struct health_input *in)
{
	struct net_client *nc;

	if (opts->enrich == 0)
		return;
	nc = client(wk, opts);
	if (!nc) {
		if (opts->enrich & SCAN_ENRICH_OSV)
			unavailable(it, "osv.status", NULL, wk->net_error);
		if (opts->enrich & SCAN_ENRICH_FORGE)
			unavailable(it, "forge.status", NULL, wk->net_error);
		return;
	}
	if (opts->enrich & SCAN_ENRICH_OSV)
		osv(it, nc, opts, in);
	if (opts->enrich & SCAN_ENRICH_FORGE)
		forge(it, nc, wk->bots, opts, in);
}
