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
#include "core/esc.h"
#include "core/xalloc.h"
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

/* A string member of `o` for a terminal; absent or not a string: "". */
static void put(struct oh_buf *b, const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);

	if (cJSON_IsString(v))
		oh_esc_term(b, v->valuestring);
}

static void put_list(struct oh_buf *b, const char *what, const cJSON *arr)
{
	const cJSON *v;
	bool first = true;

	if (cJSON_GetArraySize(arr) == 0)
		return;
	oh_buf_addf(b, "  %s:", what);
	cJSON_ArrayForEach(v, arr)
	{
		if (!cJSON_IsString(v))
			continue;
		oh_buf_adds(b, first ? " " : ", ");
		oh_esc_term(b, v->valuestring);
		first = false;
	}
	oh_buf_addch(b, '\n');
}

static const cJSON *member(const cJSON *o, const char *key)
{
	return cJSON_GetObjectItemCaseSensitive(o, key);
}

/* One line "prefix STRING" per string of the array arr. */
static void put_lines(struct oh_buf *b, const char *prefix, const cJSON *arr)
{
	const cJSON *v;

	cJSON_ArrayForEach(v, arr)
	{
		oh_buf_adds(b, prefix);
		if (cJSON_IsString(v))
			oh_esc_term(b, v->valuestring);
		oh_buf_addch(b, '\n');
	}
}

static void text_component(struct oh_buf *b, const cJSON *c)
{
	const cJSON *sc = member(c, "security_critical");
	const cJSON *x;

	oh_buf_addch(b, '\n');
	put(b, c, "name");
	oh_buf_adds(b, ": ");
	put(b, c, "decision");
	oh_buf_adds(b, " (decided by ");
	put(b, c, "decided_by");
	oh_buf_addf(b, ")\n  security-critical: %s (",
		    cJSON_IsTrue(member(sc, "verdict")) ? "yes" : "no");
	put(b, sc, "why");
	oh_buf_adds(b, ")\n");
	cJSON_ArrayForEach(x, member(c, "fired"))
	{
		oh_buf_adds(b, "  rule ");
		put(b, x, "rule");
		oh_buf_adds(b, ": ");
		put(b, x, "decision");
		if (cJSON_IsTrue(member(x, "decides")))
			oh_buf_adds(b, ", decides");
		oh_buf_adds(b, ": ");
		put(b, x, "reason");
		oh_buf_addch(b, '\n');
		put_lines(b, "    fact: ", member(x, "facts"));
	}
	put_lines(b, "  finding: ", member(c, "findings"));
	cJSON_ArrayForEach(x, member(c, "questions"))
	{
		oh_buf_adds(b, "  question ");
		put(b, x, "id");
		oh_buf_adds(b, ": ");
		put(b, x, "answer");
		oh_buf_addch(b, '\n');
	}
}

/*
 * A classification as text, from its data (policy_encode()): what
 * `policy classify` prints and `policy explain` renders from the fact a
 * scan stored, long after it.  Every string goes through the terminal
 * escaper: names and facts come from manifests and repositories.
 */
static void text_classification(struct oh_buf *b, const cJSON *root)
{
	const cJSON *p = member(root, "profile");
	const cJSON *fw = member(p, "frameworks");
	const cJSON *c;

	oh_buf_adds(b, "profile: ");
	put(b, p, "name");
	oh_buf_adds(b, " (");
	put(b, p, "label");
	oh_buf_adds(b, ")\nrules: ");
	put(b, root, "rules");
	oh_buf_addch(b, '\n');
	put_list(b, "data protection", member(fw, "data_protection"));
	put_list(b, "security framework", member(fw, "security"));
	cJSON_ArrayForEach(c, member(root, "components")) text_component(b, c);
}

void report_policy_classify(FILE *fp, const struct policy_profile *profile,
			    const char *rules_name, const char *const *names,
			    const struct policy_result *res, size_t n,
			    enum report_format fmt)
{
	struct oh_buf out = OH_BUF_INIT;
	struct oh_buf text = OH_BUF_INIT;
	cJSON *root;

	policy_encode(&out, profile, rules_name, names, res, n);
	if (fmt == REPORT_JSON) {
		fwrite(out.buf, 1, out.len, fp);
	} else {
		root = cJSON_ParseWithLength(out.buf, out.len);
		if (!root)
			OH_BUG("policy_encode() wrote invalid JSON");
		text_classification(&text, root);
		fwrite(text.buf, 1, text.len, fp);
		cJSON_Delete(root);
	}
	oh_buf_release(&text);
	oh_buf_release(&out);
}

const char *report_policy_explain_fact(enum report_format fmt)
{
	(void)fmt;
	return "policy.result";
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
	const char *data = report_fact(c, "policy.result");
	struct oh_buf safe = OH_BUF_INIT;
	cJSON *root;

	if (!data)
		data = "";
	report_esc_text(&safe, c->name);
	fprintf(fp, "run %lld, component %s\n", run_id, safe.buf);
	oh_buf_reset(&safe);
	if (fmt == REPORT_JSON) {
		report_explain_json(&safe, c->decision,
				    report_fact(c, "policy.decision"),
				    report_fact(c, "decision.reasons"), data);
	} else {
		explain_overall(fp, c);
		root = cJSON_Parse(data);
		if (root)
			text_classification(&safe, root);
		else
			oh_buf_adds(
				&safe,
				"(the stored classification cannot be read)\n");
		cJSON_Delete(root);
	}
	fputs(safe.buf, fp);
	oh_buf_release(&safe);
	if (fmt == REPORT_JSON && data[0] != '\0' &&
	    data[strlen(data) - 1] != '\n')
		putc('\n', fp);
}
