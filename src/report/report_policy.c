/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * `policy check`, `policy classify` and `policy explain` as text and JSON.
 */
#include "report/report_policy.h"

#include <stdbool.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "core/buf.h"
#include "core/err.h"
#include "policy/policy.h"
#include "report/escape.h"
#include "report/reasons.h"
#include "store/store_scan.h"
#include "core/banned.h"

void report_policy_check(FILE *fp, const char *path,
			 const struct policy_rules *r,
			 const struct oh_err *load_err, enum report_format fmt)
{
	cJSON *o;

	if (fmt != REPORT_JSON) {
		if (!r)
			fprintf(fp, "%s:%u:%u: %s\n", path, load_err->line,
				load_err->col, load_err->msg);
		else
			fprintf(fp, "%s: valid: %zu profiles, %zu patterns\n",
				path, policy_profile_count(r),
				policy_rules_pattern_count(r));
		return;
	}
	o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "file", path);
	cJSON_AddBoolToObject(o, "valid", r != NULL);
	if (r) {
		cJSON *ps = cJSON_AddArrayToObject(o, "profiles");

		for (size_t i = 0; i < policy_profile_count(r); i++)
			cJSON_AddItemToArray(
				ps, cJSON_CreateString(
					    policy_profile_at(r, i)->name));
		cJSON_AddNumberToObject(o, "patterns",
					(double)policy_rules_pattern_count(r));
	} else {
		cJSON *e = cJSON_AddObjectToObject(o, "error");

		cJSON_AddNumberToObject(e, "line", load_err->line);
		cJSON_AddNumberToObject(e, "col", load_err->col);
		cJSON_AddStringToObject(e, "message", load_err->msg);
	}
	report_print_json(fp, o);
}

void report_policy_classify(FILE *fp, const struct policy_profile *profile,
			    const char *rules_name, const char *const *names,
			    const struct policy_result *res, size_t n,
			    enum report_format fmt)
{
	struct oh_buf out = OH_BUF_INIT;

	policy_render(&out, profile, rules_name, names, res, n,
		      fmt == REPORT_JSON);
	fwrite(out.buf, 1, out.len, fp);
	oh_buf_release(&out);
}

const char *report_policy_explain_fact(enum report_format fmt)
{
	return fmt == REPORT_JSON ? "policy.result" : "policy.explain";
}

/* The overall decision and its reasons, before the origin policy's. */
static void explain_overall(FILE *fp, const struct store_component_row *c)
{
	const char *reasons = report_fact(c, "decision.reasons");
	const char *origin = report_fact(c, "policy.decision");

	if (!reasons)
		return;
	fprintf(fp, "decision: %s (origin policy alone: %s)\n",
		c->decision[0] != '\0' ? c->decision : "none",
		origin ? origin : "none");
	report_reasons_write(fp, reasons, REPORT_TEXT);
	fprintf(fp, "\norigin policy:\n");
}

void report_policy_explain(FILE *fp, long long run_id,
			   const struct store_component_row *c,
			   enum report_format fmt)
{
	const char *text = report_fact(c, report_policy_explain_fact(fmt));
	struct oh_buf safe = OH_BUF_INIT;

	if (!text)
		text = "";
	/* Stored text that quotes names from manifests and repositories. */
	report_esc_text(&safe, c->name);
	fprintf(fp, "run %lld, component %s\n", run_id, safe.buf);
	oh_buf_reset(&safe);
	if (fmt == REPORT_JSON) {
		report_explain_json(&safe, c->decision,
				    report_fact(c, "policy.decision"),
				    report_fact(c, "decision.reasons"), text);
	} else {
		explain_overall(fp, c);
		report_esc_lines(&safe, text);
	}
	fputs(safe.buf, fp);
	oh_buf_release(&safe);
	if (text[0] != '\0' && text[strlen(text) - 1] != '\n')
		putc('\n', fp);
}
