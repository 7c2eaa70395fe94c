/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The overall decision (decide.h): one reason per input at least, so that
 * a reader sees all three sources even when they agree on ACCEPT, then the
 * strictest reason that no active waiver covers.
 */
#include "policy/decide.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "core/buf.h"
#include "core/json.h"
#include "core/banned.h"

const char *policy_source_name(enum policy_source s)
{
	switch (s) {
	case POLICY_FROM_ORIGIN:
		return "origin";
	case POLICY_FROM_LICENSE:
		return "license";
	case POLICY_FROM_HEALTH:
		break;
	}
	return "health";
}

bool policy_waiver_is_active(const struct policy_waiver *w, int64_t now)
{
	return now < w->end;
}

const struct policy_waiver *policy_waiver_find(const struct policy_waivers *w,
					       const char *component,
					       const char *code, int64_t now)
{
	const struct policy_waiver *found = NULL;

	if (!w)
		return NULL;
	for (size_t i = 0; i < w->waiver_nr; i++) {
		const struct policy_waiver *x = &w->waiver[i];

		if (strcmp(x->component, component) != 0 ||
		    strcmp(x->code, code) != 0)
			continue;
		if (policy_waiver_is_active(x, now))
			return x;
		if (!found)
			found = x;
	}
	return found;
}

static struct policy_reason *
add(struct policy_overall *o, enum policy_source src, enum policy_decision d,
    const char *code, const char *question, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));

static struct policy_reason *add(struct policy_overall *o,
				 enum policy_source src, enum policy_decision d,
				 const char *code, const char *question,
				 const char *fmt, ...)
{
	struct policy_reason *r;
	va_list ap;

	if (o->reason_nr >= POLICY_MAX_REASONS)
		return NULL;
	r = &o->reason[o->reason_nr++];
	memset(r, 0, sizeof(*r));
	r->source = src;
	r->decision = d;
	snprintf(r->code, sizeof(r->code), "%s", code);
	snprintf(r->question, sizeof(r->question), "%s",
		 question ? question : "");
	va_start(ap, fmt);
	vsnprintf(r->text, sizeof(r->text), fmt, ap);
	va_end(ap);
	return r;
}

static void from_origin(struct policy_overall *o,
			const struct policy_result *res)
{
	const char *why = "";
	char code[80];

	if (!res) {
		o->origin = POLICY_NONE;
		add(o, POLICY_FROM_ORIGIN, POLICY_NONE, "origin/none", NULL,
		    "no origin policy was evaluated");
		return;
	}
	o->origin = res->decision;
	for (size_t i = 0; i < res->fired_nr; i++)
		if (res->fired[i].decided)
			why = res->fired[i].reason;
	snprintf(code, sizeof(code), "origin/%s", res->decided_by);
	add(o, POLICY_FROM_ORIGIN, res->decision, code,
	    res->decision == POLICY_EVALUATE
		    ? "Answer the origin policy's EVALUATE questions (policy explain): maturity, community diversity, alternatives, audit feasibility."
		    : NULL,
	    "origin policy (%s): %s by rule %s%s%s", res->profile,
	    policy_decision_name(res->decision), res->decided_by,
	    why[0] != '\0' ? ": " : "", why);
}

static void from_license(struct policy_overall *o,
			 const struct policy_license *lic)
{
	const char *policy = lic && lic->policy ? lic->policy : "default";
	const char *why = lic && lic->why ? lic->why : "";

	if (!lic || lic->state == POLICY_LICENSE_UNKNOWN) {
		add(o, POLICY_FROM_LICENSE, POLICY_EVALUATE, "license/unknown",
		    "Which license applies, and does the license policy allow it?",
		    "license %s is unknown to the license policy (%s)%s%s",
		    lic && lic->expression ? lic->expression : "(not scanned)",
		    policy, why[0] != '\0' ? ": " : "", why);
		return;
	}
	if (lic->state == POLICY_LICENSE_DENIED) {
		add(o, POLICY_FROM_LICENSE, POLICY_AVOID, "license/denied",
		    NULL,
		    "license %s is not allowed by the license policy (%s)%s%s",
		    lic->expression ? lic->expression : "NONE", policy,
		    why[0] != '\0' ? ": " : "", why);
		return;
	}
	if (lic->state == POLICY_LICENSE_REVIEW) {
		add(o, POLICY_FROM_LICENSE, POLICY_EVALUATE, "license/review",
		    "Is this free license acceptable for your use (its terms next to an OSI-approved equivalent)? If so, add it to the license policy's allow list.",
		    "license %s needs review under the license policy (%s)%s%s",
		    lic->expression ? lic->expression : "", policy,
		    why[0] != '\0' ? ": " : "", why);
		return;
	}
	add(o, POLICY_FROM_LICENSE, POLICY_ACCEPT, "license/allowed", NULL,
	    "license %s is allowed by the license policy (%s)",
	    lic->expression ? lic->expression : "", policy);
}

static bool crossed(const struct policy_gate *g, double v)
{
	return g->at_most ? v <= g->value : v >= g->value;
}

static void from_health(struct policy_overall *o,
			const struct policy_metrics *m,
			const struct policy_gates *gates)
{
	size_t before = o->reason_nr;

	for (size_t i = 0; gates && m && i < gates->gate_nr; i++) {
		const struct policy_gate *g = &gates->gate[i];
		char code[80];

		if (!m->known[g->metric] || !crossed(g, m->value[g->metric]))
			continue;
		snprintf(code, sizeof(code), "health/%s", g->id);
		add(o, POLICY_FROM_HEALTH, g->decision, code, g->question,
		    "%s (%s %g)", g->reason, policy_metric_name(g->metric),
		    m->value[g->metric]);
	}
	if (o->reason_nr == before)
		add(o, POLICY_FROM_HEALTH, POLICY_ACCEPT, "health/ok", NULL,
		    "no health threshold crossed (%s)",
		    gates ? gates->source : "no thresholds loaded");
}

void policy_decide(struct policy_overall *out, const char *component,
		   const struct policy_result *origin,
		   const struct policy_license *lic,
		   const struct policy_metrics *m,
		   const struct policy_gates *gates,
		   const struct policy_waivers *waivers, int64_t now)
{
	memset(out, 0, sizeof(*out));
	from_origin(out, origin);
	from_license(out, lic);
	from_health(out, m, gates);
	out->decision = POLICY_ACCEPT;
	for (size_t i = 0; i < out->reason_nr; i++) {
		struct policy_reason *r = &out->reason[i];

		r->waiver =
			policy_waiver_find(waivers, component, r->code, now);
		if (r->waiver)
			r->waived = policy_waiver_is_active(r->waiver, now)
					    ? POLICY_WAIVER_ACTIVE
					    : POLICY_WAIVER_EXPIRED;
		if (r->waived != POLICY_WAIVER_ACTIVE &&
		    r->decision > out->decision)
			out->decision = r->decision;
	}
}

static void render_json(struct oh_buf *out, const struct policy_overall *o)
{
	cJSON *arr = cJSON_CreateArray();
	char *s;

	for (size_t i = 0; i < o->reason_nr; i++) {
		const struct policy_reason *r = &o->reason[i];
		cJSON *x = cJSON_CreateObject();

		cJSON_AddStringToObject(x, "source",
					policy_source_name(r->source));
		cJSON_AddStringToObject(x, "decision",
					policy_decision_name(r->decision));
		cJSON_AddStringToObject(x, "code", r->code);
		cJSON_AddStringToObject(x, "reason", r->text);
		if (r->question[0] != '\0')
			cJSON_AddStringToObject(x, "question", r->question);
		if (r->waiver) {
			cJSON *w = cJSON_AddObjectToObject(x, "waiver");

			cJSON_AddStringToObject(
				w, "state",
				r->waived == POLICY_WAIVER_ACTIVE ? "active"
								  : "expired");
			cJSON_AddStringToObject(w, "reason", r->waiver->reason);
			cJSON_AddStringToObject(w, "approved_by",
						r->waiver->approved_by);
			cJSON_AddStringToObject(w, "expires",
						r->waiver->expires);
		}
		cJSON_AddItemToArray(arr, x);
	}
	oh_json_utf8_fix(arr);
	s = cJSON_PrintUnformatted(arr);
	if (s)
		oh_buf_adds(out, s);
	cJSON_free(s);
	cJSON_Delete(arr);
}

void policy_decide_encode(struct oh_buf *out, const struct policy_overall *o)
{
	render_json(out, o);
}
