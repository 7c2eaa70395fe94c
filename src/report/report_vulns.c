/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * `vulns check` renderers (see report_vulns.h).
 */
#include "report/report_vulns.h"

#include <string.h>

#include <cjson/cJSON.h>

#include "collect/vulns_check.h"
#include "core/buf.h"
#include "core/err.h"
#include "core/esc.h"
#include "report/report_int.h"
#include "report/sarif.h"
#include "vulns/vulns.h"
#include "core/banned.h"

static void text_hit(FILE *fp, const struct collect_vulns_hit *h,
		     struct oh_buf *b)
{
	const struct vulns_record *r = h->rec;

	oh_buf_reset(b);
	oh_esc_term(b, r->id);
	fprintf(fp, "%-13s %s", vulns_verdict_name(h->verdict), b->buf);
	if (r->alias_nr > 0) {
		oh_buf_reset(b);
		for (size_t i = 0; i < r->alias_nr; i++) {
			if (i > 0)
				oh_buf_adds(b, ", ");
			oh_esc_term(b, r->alias[i]);
		}
		fprintf(fp, " (%s)", b->buf);
	}
	if (r->severity) {
		oh_buf_reset(b);
		oh_esc_term(b, r->severity);
		fprintf(fp, " severity %s", b->buf);
	}
	if (h->fix) {
		fprintf(fp, " fix %.12s%s", h->fix,
			!h->fix_in_repo     ? " (not in the repository)"
			: h->fix_on_default ? " (on the default branch)"
					    : " (not on the default branch)");
		if (h->fix_tag) {
			oh_buf_reset(b);
			oh_esc_term(b, h->fix_tag);
			fprintf(fp, ", released in %s", b->buf);
		}
		if (h->days_to_fix >= 0)
			fprintf(fp, ", %ld days to fix", h->days_to_fix);
	}
	if (r->summary) {
		oh_buf_reset(b);
		oh_esc_term(b, r->summary);
		fprintf(fp, ": %s", b->buf);
	}
	fputc('\n', fp);
}

static void text(FILE *fp, const struct collect_vulns *c)
{
	struct oh_buf b = OH_BUF_INIT;

	oh_esc_term(&b, c->subject ? c->subject : "");
	if (c->commit[0] != '\0')
		fprintf(fp, "%s at %s\n", b.buf, c->commit);
	else
		fprintf(fp, "%s\n", b.buf);
	for (size_t i = 0; i < c->hit_nr; i++)
		text_hit(fp, &c->hit[i], &b);
	fprintf(fp,
		"%zu records: %zu affected, %zu not affected, %zu unknown, %zu withdrawn skipped\n",
		c->hit_nr, c->affected, c->not_affected, c->unknown,
		c->withdrawn);
	if (c->median_days_to_fix >= 0)
		fprintf(fp,
			"time to fix (median of %zu): %ld days to the fix commit, %ld days to a release\n",
			c->fixes, c->median_days_to_fix,
			c->median_days_to_release);
	oh_buf_release(&b);
}

static void add_days(cJSON *o, const char *k, long v)
{
	if (v >= 0)
		cJSON_AddNumberToObject(o, k, (double)v);
	else
		cJSON_AddNullToObject(o, k);
}

static cJSON *json_hit(const struct collect_vulns_hit *h)
{
	const struct vulns_record *r = h->rec;
	cJSON *o = cJSON_CreateObject();
	cJSON *a = cJSON_AddArrayToObject(o, "aliases");

	report_json_str(o, "id", r->id);
	for (size_t i = 0; i < r->alias_nr; i++)
		cJSON_AddItemToArray(a, cJSON_CreateString(r->alias[i]));
	report_json_str(o, "verdict", vulns_verdict_name(h->verdict));
	cJSON_AddBoolToObject(o, "cached", h->cached);
	report_json_str(o, "summary", r->summary);
	report_json_str(o, "severity_type", r->severity_type);
	report_json_str(o, "severity", r->severity);
	report_json_str(o, "published", r->published);
	report_json_str(o, "modified", r->modified);
	report_json_str(o, "introduced", h->introduced);
	report_json_str(o, "fix", h->fix);
	cJSON_AddBoolToObject(o, "fix_in_repository", h->fix_in_repo);
	cJSON_AddBoolToObject(o, "fix_on_default_branch", h->fix_on_default);
	report_json_str(o, "fix_tag", h->fix_tag);
	add_days(o, "days_to_fix", h->days_to_fix);
	add_days(o, "days_to_release", h->days_to_release);
	return o;
}

static void json(FILE *fp, const struct collect_vulns *c)
{
	cJSON *root = cJSON_CreateObject();
	cJSON *recs;
	cJSON *sum;

	report_json_str(root, "subject", c->subject);
	report_json_str(root, "repository_key", c->repo_key);
	report_json_str(root, "commit",
			c->commit[0] != '\0' ? c->commit : NULL);
	report_json_str(root, "version", c->version);
	recs = cJSON_AddArrayToObject(root, "records");
	for (size_t i = 0; i < c->hit_nr; i++)
		cJSON_AddItemToArray(recs, json_hit(&c->hit[i]));
	sum = cJSON_AddObjectToObject(root, "summary");
	cJSON_AddNumberToObject(sum, "records", (double)c->hit_nr);
	cJSON_AddNumberToObject(sum, "affected", (double)c->affected);
	cJSON_AddNumberToObject(sum, "not_affected", (double)c->not_affected);
	cJSON_AddNumberToObject(sum, "unknown", (double)c->unknown);
	cJSON_AddNumberToObject(sum, "withdrawn_skipped", (double)c->withdrawn);
	add_days(sum, "median_days_to_fix", c->median_days_to_fix);
	add_days(sum, "median_days_to_release", c->median_days_to_release);
	cJSON_AddNumberToObject(sum, "fixes", (double)c->fixes);
	report_print_json(fp, root);
}

static int sarif(FILE *fp, const struct collect_vulns *c, struct oh_err *err)
{
	struct report_sarif s;
	struct oh_buf msg = OH_BUF_INIT;
	struct oh_buf id = OH_BUF_INIT;

	report_sarif_begin(&s, "vulns-check");
	for (size_t i = 0; i < c->hit_nr; i++) {
		const struct collect_vulns_hit *h = &c->hit[i];

		if (h->verdict == VULNS_NOT_AFFECTED)
			continue;
		oh_buf_reset(&msg);
		oh_buf_addf(&msg, "%s %s %s", h->rec->id,
			    h->verdict == VULNS_AFFECTED ? "affects"
							 : "may affect",
			    c->commit[0] != '\0' ? c->commit : c->subject);
		if (h->rec->summary)
			oh_buf_addf(&msg, ": %s", h->rec->summary);
		if (h->fix)
			oh_buf_addf(&msg, ". Fixed by %s%s%s", h->fix,
				    h->fix_tag ? ", released in " : "",
				    h->fix_tag ? h->fix_tag : "");
		oh_buf_reset(&id);
		oh_buf_addf(&id, "%s@%s", h->rec->id, c->subject);
		report_sarif_add(
			&s,
			&(struct report_sarif_result){
				.rule = h->verdict == VULNS_AFFECTED
						? "security/vulnerability"
						: "security/vulnerability-unknown",
				.message = msg.buf,
				.path = ".git",
				.logical = h->rec->id,
				.logical_kind = "vulnerability",
				.identity = id.buf,
			});
	}
	oh_buf_release(&msg);
	oh_buf_release(&id);
	return report_sarif_end(&s, fp, err);
}

int report_vulns(FILE *fp, const struct collect_vulns *c,
		 enum report_format fmt, struct oh_err *err)
{
	switch (fmt) {
	case REPORT_TEXT:
		text(fp, c);
		break;
	case REPORT_JSON:
		json(fp, c);
		break;
	case REPORT_SARIF:
		return sarif(fp, c, err);
	default:
		return oh_err_set(
			err, OH_EINPUT, NULL, 0, 0,
			"format '%s' is not supported for vulns check",
			report_format_name(fmt));
	}
	return report_check_stream(fp, "<stdout>", err);
}
