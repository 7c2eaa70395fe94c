/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The origin-policy decision of a component in a scan: declared facts
 * from the manifest, the commit time-zone evidence of the last year, and
 * the health results answering the seed's EVALUATE questions.  The whole
 * classification (profile, rules file, every rule that fired with its
 * facts, the answers and the evidence notes) is stored as data, the fact
 * "policy.result" (policy_encode()), and the overall decision's reasons as
 * "decision.reasons"; `policy explain` renders them long after the scan.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/err.h"
#include "core/xalloc.h"
#include "health/health.h"
#include "license/policy_gate.h"
#include "policy/decide.h"
#include "policy/policy.h"
#include "scan/manifest.h"
#include "scan/scan.h"
#include "scan/scan_int.h"
#include "core/banned.h"

void scan_policy_declared(struct policy_component *f, struct policy_health *h,
			  const struct manifest_component *mc)
{
	memset(f, 0, sizeof(*f));
	f->name = mc->name;
	f->url = mc->repo;
	f->origin = mc->origin;
	f->organization = mc->organization;
	f->foundation = mc->foundation;
	f->category = mc->category;
	f->arrangement = mc->arrangement;
	f->deployment_context = mc->deployment_context;
	f->security_critical =
		mc->security_critical == MANIFEST_TRUE    ? POLICY_YES
		: mc->security_critical == MANIFEST_FALSE ? POLICY_NO
							  : POLICY_UNKNOWN;
	*h = (struct policy_health)POLICY_HEALTH_INIT;
	/* Alternatives are declared, not measured: known when listed. */
	h->alternatives_known = mc->alternative_nr > 0;
	h->alternatives = (unsigned)mc->alternative_nr;
}

static void health_summary(struct policy_health *ph,
			   const struct health_input *in,
			   const struct health_result *hr)
{
	const struct health_category_score *mat =
		&hr->category[HEALTH_MATURITY];

	ph->maturity_known = mat->state == HEALTH_SCORED;
	ph->maturity = mat->score;
	ph->elephant_known =
		in->history.known && in->history.elephant_known_365;
	ph->elephant_factor = (unsigned)in->history.elephant_factor_365;
	ph->authors_known = in->history.known;
	ph->authors_365 = (unsigned)in->history.authors_365;
	ph->osi_license = !in->license.known         ? POLICY_UNKNOWN
			  : in->license.osi_approved ? POLICY_YES
						     : POLICY_NO;
}

static const char *item_fact(const struct scan_item *it, const char *key)
{
	for (size_t i = 0; i < it->fact_nr; i++)
		if (strcmp(it->fact[i].key, key) == 0)
			return it->fact[i].value;
	return NULL;
}

/*
 * The license policy's verdict on the concluded license.  NONE (no
 * license found) grants nobody anything: not allowed.  NOASSERTION and
 * an expression the engine cannot judge are unknown.
 */
static void license_verdict(struct policy_license *out, char *why,
			    size_t why_size, const struct scan_item *it,
			    const struct scan_worker *wk,
			    const struct scan_opts *opts)
{
	const struct lic_policy *p = opts->license_policy;
	const char *expr = item_fact(it, "license.concluded");
	struct oh_err err = OH_ERR_INIT;
	int rc;

	out->policy = p && p->source ? p->source : "default";
	out->expression = expr && expr[0] != '\0' ? expr : NULL;
	out->why = why;
	why[0] = '\0';
	if (!out->expression || strcmp(expr, "NOASSERTION") == 0 || !wk->lic ||
	    !p) {
		out->state = POLICY_LICENSE_UNKNOWN;
		return;
	}
	if (strcmp(expr, "NONE") == 0) {
		out->state = POLICY_LICENSE_DENIED;
		snprintf(
			why, why_size,
			"no license was found, so nobody is granted the right to use, change or share the code");
		return;
	}
	rc = lic_policy_allows(p, wk->lic, expr, why, why_size, it->mc->name,
			       &err);
	if (rc < 0) {
		out->state = POLICY_LICENSE_UNKNOWN;
		oh_err_format(why, why_size, &err);
	} else {
		out->state = rc == 1   ? POLICY_LICENSE_ALLOWED
			     : rc == 2 ? POLICY_LICENSE_REVIEW
				       : POLICY_LICENSE_DENIED;
	}
	oh_err_release(&err);
}

static void fact_metric(struct policy_metrics *m, enum policy_metric k,
			const struct scan_item *it, const char *key)
{
	const char *v = item_fact(it, key);
	char *end;
	double d;

	if (!v)
		return;
	d = strtod(v, &end);
	if (end == v || *end != '\0')
		return;
	m->known[k] = true;
	m->value[k] = d;
}

static void health_metrics(struct policy_metrics *m, const struct scan_item *it,
			   const struct health_input *in,
			   const struct health_result *hr)
{
	memset(m, 0, sizeof(*m));
	if (hr->risk != HEALTH_RISK_UNKNOWN) {
		m->known[POLICY_METRIC_RISK_LEVEL] = true;
		m->value[POLICY_METRIC_RISK_LEVEL] =
			hr->risk == HEALTH_RISK_HIGH     ? 3
			: hr->risk == HEALTH_RISK_MEDIUM ? 2
							 : 1;
	}
	if (in->history.known && in->history.absence_factor_365 > 0) {
		m->known[POLICY_METRIC_LOTTERY_FACTOR] = true;
		m->value[POLICY_METRIC_LOTTERY_FACTOR] =
			(double)in->history.absence_factor_365;
	}
	if (in->forge.known) {
		m->known[POLICY_METRIC_ARCHIVED] = true;
		m->value[POLICY_METRIC_ARCHIVED] = in->forge.archived ? 1 : 0;
	}
	fact_metric(m, POLICY_METRIC_CRITICAL_VULNS, it,
		    "osv.unfixed_critical");
	for (size_t i = 0; i < hr->check_nr; i++)
		if (strcmp(hr->check[i].name, "relicensing-risk") == 0 &&
		    hr->check[i].state == HEALTH_SCORED) {
			m->known[POLICY_METRIC_RELICENSING_RISK] = true;
			m->value[POLICY_METRIC_RELICENSING_RISK] =
				hr->check[i].score;
		}
}

/* An expired waiver is a finding of its own, one per code it named. */
static void expired(struct scan_item *it, const char *code,
		    const struct policy_waiver *w)
{
	char fcode[128];

	snprintf(fcode, sizeof(fcode), "waiver/expired/%s", code);
	scan_item_finding(it, fcode, "medium", NULL,
			  "the waiver of %s expired on %s (%s, approved by %s)",
			  code, w->expires, w->reason, w->approved_by);
}

/*
 * Findings the waivers cover are kept, marked as waived with the reason;
 * an expired waiver is a finding of its own.
 */
static void waive_findings(struct scan_item *it, const struct scan_opts *opts)
{
	size_t nr = it->finding_nr;

	for (size_t i = 0; i < nr; i++) {
		struct scan_finding *f = &it->finding[i];
		const struct policy_waiver *w = policy_waiver_find(
			opts->waivers, it->mc->name, f->code, opts->now);
		struct oh_buf b = OH_BUF_INIT;

		if (!w)
			continue;
		if (!policy_waiver_is_active(w, opts->now)) {
			expired(it, f->code, w);
			continue;
		}
		oh_buf_addf(&b, "waived until %s by %s (%s): %s", w->expires,
			    w->approved_by, w->reason, f->message);
		f->message = oh_arena_strndup(&it->arena, b.buf, b.len);
		f->severity = "info";
		oh_buf_release(&b);
	}
}

/*
 * Health checks the waivers cover ("category/check", the code of their
 * finding): the reason says so, and the writer records the finding at
 * severity info.  An expired waiver is a finding.
 */
static void waive_checks(struct scan_item *it, const struct scan_opts *opts)
{
	for (size_t i = 0; i < it->health.check_nr && i < 64; i++) {
		struct health_check *c = &it->health.check[i];
		const struct policy_waiver *w;
		struct oh_buf b = OH_BUF_INIT;
		char code[96];

		snprintf(code, sizeof(code), "%s/%s",
			 health_category_name(c->category), c->name);
		w = policy_waiver_find(opts->waivers, it->mc->name, code,
				       opts->now);
		if (!w)
			continue;
		if (!policy_waiver_is_active(w, opts->now)) {
			expired(it, code, w);
			continue;
		}
		oh_buf_addf(&b, "waived until %s by %s (%s): %s", w->expires,
			    w->approved_by, w->reason, c->reason);
		c->reason = oh_arena_strndup(&it->arena, b.buf, b.len);
		it->check_waived |= (uint64_t)1 << i;
		oh_buf_release(&b);
	}
}

static void overall(struct scan_item *it, const struct scan_worker *wk,
		    const struct scan_opts *opts, const struct health_input *in,
		    const struct policy_result *res)
{
	struct policy_overall *o = oh_xcalloc(1, sizeof(*o));
	struct policy_license lic = { .state = POLICY_LICENSE_UNKNOWN };
	struct policy_metrics m;
	struct oh_buf json = OH_BUF_INIT;
	char why[POLICY_TEXT];

	license_verdict(&lic, why, sizeof(why), it, wk, opts);
	health_metrics(&m, it, in, &it->health);
	policy_decide(o, it->mc->name, res, &lic, &m, opts->gates,
		      opts->waivers, opts->now);
	snprintf(it->decision, sizeof(it->decision), "%s",
		 policy_decision_name(o->decision));
	policy_decide_encode(&json, o);
	scan_item_fact(it, "decision.reasons", "%s", json.buf);
	for (size_t i = 0; i < o->reason_nr; i++) {
		const struct policy_reason *r = &o->reason[i];
		char code[128];

		if (r->waived == POLICY_WAIVER_EXPIRED) {
			expired(it, r->code, r->waiver);
		} else if (r->waived == POLICY_WAIVER_ACTIVE) {
			snprintf(code, sizeof(code), "waiver/applied/%s",
				 r->code);
			scan_item_finding(it, code, "info", NULL,
					  "%s waived until %s by %s: %s",
					  r->code, r->waiver->expires,
					  r->waiver->approved_by,
					  r->waiver->reason);
		} else if (r->source != POLICY_FROM_ORIGIN &&
			   r->decision > POLICY_ACCEPT) {
			snprintf(code, sizeof(code), "decision/%s", r->code);
			scan_item_finding(
				it, code,
				r->decision == POLICY_AVOID ? "high" : "medium",
				NULL, "%s %s: %s",
				policy_decision_name(r->decision), r->code,
				r->text);
		}
	}
	waive_findings(it, opts);
	waive_checks(it, opts);
	oh_buf_release(&json);
	free(o);
}

void scan_collect_policy(struct scan_item *it, const struct scan_worker *wk,
			 const struct scan_opts *opts,
			 const struct health_input *in,
			 const struct health_result *hr)
{
	const struct manifest_component *mc = it->mc;
	struct policy_component pc;
	struct policy_health ph;
	struct policy_result *res;
	struct oh_buf json = OH_BUF_INIT;
	const char *names[1] = { mc->name };

	if (!wk->rules || !wk->profile)
		return;
	res = oh_xcalloc(1, sizeof(*res));
	scan_policy_declared(&pc, &ph, mc);
	pc.url = it->repo_key;
	pc.tz = it->tz;
	pc.tz_nr = it->tz_nr;
	health_summary(&ph, in, hr);
	policy_classify(res, wk->rules, wk->profile, &pc, &ph);
	policy_encode(&json, wk->profile, wk->rules_source, names, res, 1);
	scan_item_fact(it, "policy.decision", "%s",
		       policy_decision_name(res->decision));
	scan_item_fact(it, "policy.profile", "%s", res->profile);
	scan_item_fact(it, "policy.decided_by", "%s", res->decided_by);
	scan_item_fact(it, "policy.security_critical", "%s",
		       res->security_critical ? "true" : "false");
	scan_item_fact(it, "policy.result", "%s", json.buf);
	for (size_t i = 0; i < res->finding_nr; i++)
		scan_item_finding(it, "policy/origin-evidence", "info", NULL,
				  "%s", res->finding[i]);
	if (res->decision == POLICY_AVOID)
		scan_item_finding(it, "policy/avoid", "high", NULL,
				  "origin policy (%s): AVOID, decided by %s",
				  res->profile, res->decided_by);
	else if (res->decision == POLICY_EVALUATE)
		scan_item_finding(
			it, "policy/evaluate", "medium", NULL,
			"origin policy (%s): EVALUATE case by case, decided by %s",
			res->profile, res->decided_by);
	overall(it, wk, opts, in, res);
	oh_buf_release(&json);
	free(res);
}
