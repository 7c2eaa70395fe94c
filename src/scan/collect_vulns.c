/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Known vulnerabilities in a scan from the imported OSV records (`vulns
 * import`), decided on the component's own history at the reviewed
 * revision (collect/vulns_check.h), without any network: the
 * vulnerabilities check, one finding per affected record with its
 * evidence, and the time-to-fix facts.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "collect/vulns_check.h"
#include "core/buf.h"
#include "core/err.h"
#include "core/url.h"
#include "git/mirror.h"
#include "health/health.h"
#include "scan/manifest.h"
#include "scan/scan.h"
#include "scan/scan_int.h"
#include "store/store.h"
#include "store/store_vulns.h"
#include "core/banned.h"

static bool wanted(const struct scan_opts *opts)
{
	if (opts->vulns == SCAN_VULNS_LOCAL)
		return true;
	return opts->vulns == SCAN_VULNS_AUTO &&
	       (opts->enrich & SCAN_ENRICH_OSV) == 0;
}

static char *evidence(const struct collect_vulns_hit *h)
{
	cJSON *o = cJSON_CreateObject();
	cJSON *a = cJSON_AddArrayToObject(o, "aliases");
	char *s;

	cJSON_AddStringToObject(o, "id", h->rec->id);
	for (size_t i = 0; i < h->rec->alias_nr; i++)
		cJSON_AddItemToArray(a, cJSON_CreateString(h->rec->alias[i]));
	if (h->rec->severity)
		cJSON_AddStringToObject(o, "severity", h->rec->severity);
	if (h->introduced)
		cJSON_AddStringToObject(o, "introduced", h->introduced);
	if (h->fix)
		cJSON_AddStringToObject(o, "fixed", h->fix);
	cJSON_AddBoolToObject(o, "fix_on_default_branch", h->fix_on_default);
	if (h->fix_tag)
		cJSON_AddStringToObject(o, "fix_release", h->fix_tag);
	s = cJSON_PrintUnformatted(o);
	cJSON_Delete(o);
	return s;
}

static void findings(struct scan_item *it, const struct collect_vulns *c,
		     struct oh_buf *ids)
{
	for (size_t i = 0; i < c->hit_nr; i++) {
		const struct collect_vulns_hit *h = &c->hit[i];
		char *ev;

		if (h->verdict != VULNS_AFFECTED)
			continue;
		oh_buf_addf(ids, "%s%s", ids->len ? ", " : "", h->rec->id);
		ev = evidence(h);
		scan_item_finding(
			it, "security/vulnerability", "high", ev,
			"%s%s%s: %s (severity %s; %s)", h->rec->id,
			h->rec->alias_nr ? " / " : "",
			h->rec->alias_nr ? h->rec->alias[0] : "",
			h->rec->summary ? h->rec->summary : "no summary",
			h->rec->severity ? h->rec->severity : "unknown",
			!h->fix ? "no fix known"
			: h->fix_on_default
				? "fixed on the default branch"
				: "the fix is not on the default branch");
		cJSON_free(ev);
	}
}

static void time_to_fix(struct scan_item *it, const struct collect_vulns *c,
			struct health_input *in)
{
	struct oh_buf b = OH_BUF_INIT;
	long d = c->median_days_to_release >= 0 ? c->median_days_to_release
						: c->median_days_to_fix;

	if (d < 0) {
		in->vuln_fix_note = "no imported record of this repository has "
				    "a fix on the default branch";
		return;
	}
	for (size_t i = 0; i < c->hit_nr && b.len < 400; i++) {
		const struct collect_vulns_hit *h = &c->hit[i];

		if (!h->fix_on_default || h->days_to_fix < 0)
			continue;
		oh_buf_addf(&b, "%s%s: %ld days to %s", b.len ? ", " : "",
			    h->rec->id,
			    h->days_to_release >= 0 ? h->days_to_release
						    : h->days_to_fix,
			    h->fix_tag ? h->fix_tag : "the fix commit");
	}
	in->vuln_fix_days.known = true;
	in->vuln_fix_days.value = (double)d;
	scan_item_fact(it, "vulns.median_days_to_fix", "%ld",
		       c->median_days_to_fix);
	scan_item_fact(it, "vulns.median_days_to_release", "%ld",
		       c->median_days_to_release);
	scan_item_fact(it, "vulns.time_to_fix", "%s", b.buf);
	in->vuln_fix_evidence = it->fact[it->fact_nr - 1].value;
	oh_buf_release(&b);
}

static void apply(struct scan_item *it, const struct collect_vulns *c,
		  struct health_input *in)
{
	struct oh_buf ids = OH_BUF_INIT;

	scan_item_fact(it, "vulns.status", "ok");
	scan_item_fact(it, "vulns.records", "%zu", c->hit_nr);
	scan_item_fact(it, "vulns.affected", "%zu", c->affected);
	scan_item_fact(it, "vulns.unknown", "%zu", c->unknown);
	if (c->hit_nr == 0) {
		in->vulnerabilities_note =
			"no imported OSV record names this repository";
		in->vuln_fix_note = in->vulnerabilities_note;
		return;
	}
	findings(it, c, &ids);
	in->vulnerabilities.known = true;
	in->vulnerabilities.value = (double)c->affected;
	in->vulnerabilities_source = "local OSV records";
	if (ids.len > 0) {
		scan_item_fact(it, "vulns.ids", "%s", ids.buf);
		in->vulnerabilities_ids = it->fact[it->fact_nr - 1].value;
	}
	time_to_fix(it, c, in);
	oh_buf_release(&ids);
}

void scan_collect_vulns(struct scan_item *it, struct scan_worker *wk,
			const struct scan_opts *opts, struct health_input *in,
			struct mirror_repo *repo)
{
	struct collect_vulns c = { .arena = { 0 } };
	struct oh_err err = OH_ERR_INIT;
	long long records = 0;
	long long withdrawn = 0;
	long long verdicts = 0;
	const char *url;

	if (!wanted(opts))
		return;
	if (!wk->vulns_db &&
	    store_open(&wk->vulns_db, store_path(wk->st), NULL, &err) < 0)
		goto fail;
	if (store_vulns_count(&records, &withdrawn, &verdicts, wk->vulns_db,
			      &err) < 0)
		goto fail;
	if (records == 0) {
		in->vulnerabilities_note =
			opts->vulns == SCAN_VULNS_LOCAL
				? "no OSV records imported (osshealth vulns import)"
				: NULL;
		goto out;
	}
	url = oh_url_is_remote(it->mc->repo) ? it->mc->repo : NULL;
	if (collect_vulns_repo(&c, wk->vulns_db, repo, it->revision, url, 0,
			       &err) < 0)
		goto fail;
	apply(it, &c, in);
	goto out;
fail:
	scan_item_fact(it, "vulns.status", "unavailable: %s", err.msg);
	in->vulnerabilities_note =
		"the imported OSV records could not be read (see facts)";
out:
	collect_vulns_release(&c);
	oh_err_release(&err);
}
