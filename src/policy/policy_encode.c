/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Classification results as data: the JSON document a scan stores and
 * the policy commands render (report/report_policy.c).  Order is the
 * input order; nothing here prints.
 */
#include "policy/policy.h"

#include <stdio.h>

#include <cjson/cJSON.h>

#include "core/buf.h"
#include "core/xalloc.h"
#include "core/json.h"
#include "core/banned.h"

static cJSON *json_strings(const char *const *l, size_t nr)
{
	cJSON *a = cJSON_CreateArray();

	for (size_t i = 0; i < nr; i++)
		cJSON_AddItemToArray(a, cJSON_CreateString(l[i]));
	return a;
}

static cJSON *json_profile(const struct policy_profile *p)
{
	cJSON *o = cJSON_CreateObject();
	cJSON *fw = cJSON_CreateObject();

	cJSON_AddStringToObject(o, "name", p->name);
	cJSON_AddStringToObject(o, "label", p->label);
	if (p->jurisdiction)
		cJSON_AddStringToObject(o, "jurisdiction", p->jurisdiction);
	else
		cJSON_AddNullToObject(o, "jurisdiction");
	cJSON_AddItemToObject(
		fw, "data_protection",
		json_strings(p->data_protection, p->data_protection_nr));
	cJSON_AddItemToObject(fw, "security",
			      json_strings(p->security, p->security_nr));
	cJSON_AddItemToObject(
		fw, "classification",
		json_strings(p->classification, p->classification_nr));
	cJSON_AddItemToObject(fw, "procurement",
			      json_strings(p->procurement, p->procurement_nr));
	cJSON_AddItemToObject(o, "frameworks", fw);
	cJSON_AddItemToObject(o, "allied",
			      json_strings(p->allied, p->allied_nr));
	cJSON_AddItemToObject(o, "concern",
			      json_strings(p->concern, p->concern_nr));
	return o;
}

static cJSON *json_fired(const struct policy_fired *f)
{
	cJSON *o = cJSON_CreateObject();
	cJSON *facts = cJSON_CreateArray();

	cJSON_AddStringToObject(o, "rule", f->rule);
	cJSON_AddStringToObject(o, "decision",
				policy_decision_name(f->decision));
	cJSON_AddBoolToObject(o, "decides", f->decided);
	cJSON_AddStringToObject(o, "reason", f->reason);
	for (size_t j = 0; j < f->fact_nr; j++)
		cJSON_AddItemToArray(facts, cJSON_CreateString(f->fact[j]));
	cJSON_AddItemToObject(o, "facts", facts);
	return o;
}

static cJSON *json_one(const char *name, const struct policy_result *r)
{
	cJSON *o = cJSON_CreateObject();
	cJSON *sc = cJSON_CreateObject();
	cJSON *fired = cJSON_CreateArray();
	cJSON *findings = cJSON_CreateArray();
	cJSON *qs = cJSON_CreateArray();

	cJSON_AddStringToObject(o, "name", name);
	cJSON_AddStringToObject(o, "decision",
				policy_decision_name(r->decision));
	cJSON_AddStringToObject(o, "decided_by", r->decided_by);
	cJSON_AddBoolToObject(sc, "verdict", r->security_critical);
	cJSON_AddStringToObject(sc, "why", r->sc_why);
	cJSON_AddItemToObject(o, "security_critical", sc);
	for (size_t i = 0; i < r->fired_nr; i++)
		cJSON_AddItemToArray(fired, json_fired(&r->fired[i]));
	cJSON_AddItemToObject(o, "fired", fired);
	for (size_t i = 0; i < r->finding_nr; i++)
		cJSON_AddItemToArray(findings,
				     cJSON_CreateString(r->finding[i]));
	cJSON_AddItemToObject(o, "findings", findings);
	for (size_t i = 0; i < r->answer_nr; i++) {
		cJSON *q = cJSON_CreateObject();

		cJSON_AddStringToObject(q, "id", r->answer[i].id);
		cJSON_AddStringToObject(q, "question", r->answer[i].question);
		cJSON_AddBoolToObject(q, "known", r->answer[i].known);
		cJSON_AddStringToObject(q, "answer", r->answer[i].answer);
		cJSON_AddItemToArray(qs, q);
	}
	cJSON_AddItemToObject(o, "questions", qs);
	return o;
}

void policy_encode(struct oh_buf *out, const struct policy_profile *profile,
		   const char *rules_name, const char *const *names,
		   const struct policy_result *res, size_t nr)
{
	cJSON *root = cJSON_CreateObject();
	cJSON *comps = cJSON_CreateArray();
	char *text;

	cJSON_AddItemToObject(root, "profile", json_profile(profile));
	cJSON_AddStringToObject(root, "rules", rules_name);
	for (size_t i = 0; i < nr; i++)
		cJSON_AddItemToArray(comps, json_one(names[i], &res[i]));
	cJSON_AddItemToObject(root, "components", comps);
	oh_json_utf8_fix(root);
	text = cJSON_Print(root);
	if (!text)
		OH_BUG("cJSON_Print failed");
	oh_buf_adds(out, text);
	oh_buf_addch(out, '\n');
	cJSON_free(text);
	cJSON_Delete(root);
}
