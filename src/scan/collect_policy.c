/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The origin-policy decision of a component in a scan: declared facts
 * from the manifest, the commit time-zone evidence of the last year, and
 * the health results answering the seed's EVALUATE questions.  The whole
 * explanation (profile, every rule that fired with its facts, the answers
 * and the evidence notes) is stored as facts so that `policy explain`
 * reads exactly what decided, long after the scan.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/xalloc.h"
#include "health/health.h"
#include "policy/policy.h"
#include "scan/manifest.h"
#include "scan/scan_int.h"
#include "core/banned.h"

static enum policy_tristate tristate(enum manifest_tristate t)
{
	switch (t) {
	case MANIFEST_TRUE:
		return POLICY_YES;
	case MANIFEST_FALSE:
		return POLICY_NO;
	case MANIFEST_UNSET:
		break;
	}
	return POLICY_UNKNOWN;
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
	ph->alternatives_known = in->declared.alternatives_known;
	ph->alternatives = (unsigned)in->declared.alternatives;
	ph->osi_license = !in->license.known         ? POLICY_UNKNOWN
			  : in->license.osi_approved ? POLICY_YES
						     : POLICY_NO;
}

void scan_collect_policy(struct scan_item *it, const struct scan_worker *wk,
			 const struct health_input *in,
			 const struct health_result *hr)
{
	const struct manifest_component *mc = it->mc;
	struct policy_component pc = {
		.name = mc->name,
		.url = it->repo_key,
		.origin = mc->origin,
		.organization = mc->organization,
		.foundation = mc->foundation,
		.category = mc->category,
		.security_critical = tristate(mc->security_critical),
		.tz = it->tz,
		.tz_nr = it->tz_nr,
	};
	struct policy_health ph = POLICY_HEALTH_INIT;
	struct policy_result *res;
	struct oh_buf text = OH_BUF_INIT;
	struct oh_buf json = OH_BUF_INIT;
	const char *names[1] = { mc->name };

	if (!wk->rules || !wk->profile)
		return;
	res = oh_xcalloc(1, sizeof(*res));
	health_summary(&ph, in, hr);
	policy_classify(res, wk->rules, wk->profile, &pc, &ph);
	snprintf(it->decision, sizeof(it->decision), "%s",
		 policy_decision_name(res->decision));
	policy_render(&text, wk->profile, wk->rules_source, names, res, 1,
		      false);
	policy_render(&json, wk->profile, wk->rules_source, names, res, 1,
		      true);
	scan_item_fact(it, "policy.decision", "%s", it->decision);
	scan_item_fact(it, "policy.profile", "%s", res->profile);
	scan_item_fact(it, "policy.decided_by", "%s", res->decided_by);
	scan_item_fact(it, "policy.security_critical", "%s",
		       res->security_critical ? "true" : "false");
	scan_item_fact(it, "policy.explain", "%s", text.buf);
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
	oh_buf_release(&text);
	oh_buf_release(&json);
	free(res);
}
