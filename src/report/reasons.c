/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Decision reasons for readers (reasons.h).
 */
#include "report/reasons.h"

#include <stdbool.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "core/buf.h"
#include "core/json.h"
#include "report/escape.h"
#include "core/banned.h"

struct reason {
	const char *source, *decision, *code, *text, *question;
	const char *w_state, *w_reason, *w_by, *w_expires; /* or NULL */
};

static const char *str(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);

	return cJSON_IsString(v) ? v->valuestring : NULL;
}

static void esc(FILE *fp, enum report_format fmt, const char *s)
{
	struct oh_buf b = OH_BUF_INIT;

	if (fmt == REPORT_HTML)
		report_esc_html(&b, s ? s : "");
	else if (fmt == REPORT_MARKDOWN)
		report_esc_md(&b, s ? s : "");
	else
		report_esc_text(&b, s ? s : "");
	fputs(b.buf, fp);
	oh_buf_release(&b);
}

static void waiver_text(FILE *fp, enum report_format fmt,
			const struct reason *r)
{
	bool active = strcmp(r->w_state, "active") == 0;

	fputs(active ? "waived until " : "waiver expired on ", fp);
	esc(fp, fmt, r->w_expires);
	fputs(" (approved by ", fp);
	esc(fp, fmt, r->w_by);
	fputs("): ", fp);
	esc(fp, fmt, r->w_reason);
}

static void one_text(FILE *fp, enum report_format fmt, const struct reason *r)
{
	bool md = fmt == REPORT_MARKDOWN;

	fprintf(fp, md ? "- **%s** (%s) `" : "    %-8s %-8s ", r->decision,
		r->source);
	esc(fp, fmt, r->code);
	fputs(md ? "`: " : ": ", fp);
	esc(fp, fmt, r->text);
	if (r->question) {
		fputs(md ? " Question: " : "\n      question: ", fp);
		esc(fp, fmt, r->question);
	}
	if (r->w_state) {
		fputs(md ? " *" : "\n      ", fp);
		waiver_text(fp, fmt, r);
		if (md)
			fputc('*', fp);
	}
	fputc('\n', fp);
}

static void one_html(FILE *fp, const struct reason *r)
{
	bool waived = r->w_state && strcmp(r->w_state, "active") == 0;

	fprintf(fp,
		"<tr class=\"%s\"><td>%s</td><td class=\"d-%s\">%s</td><td><code>",
		waived ? "waived" : "", r->source, r->decision, r->decision);
	esc(fp, REPORT_HTML, r->code);
	fputs("</code></td><td>", fp);
	esc(fp, REPORT_HTML, r->text);
	if (r->question) {
		fputs("<br><em>Question:</em> ", fp);
		esc(fp, REPORT_HTML, r->question);
	}
	fputs("</td><td>", fp);
	if (r->w_state)
		waiver_text(fp, REPORT_HTML, r);
	fputs("</td></tr>\n", fp);
}

static void read_reason(struct reason *r, const cJSON *o)
{
	const cJSON *w = cJSON_GetObjectItemCaseSensitive(o, "waiver");

	memset(r, 0, sizeof(*r));
	r->source = str(o, "source") ? str(o, "source") : "?";
	r->decision = str(o, "decision") ? str(o, "decision") : "?";
	r->code = str(o, "code");
	r->text = str(o, "reason");
	r->question = str(o, "question");
	if (cJSON_IsObject(w) && str(w, "state")) {
		r->w_state = str(w, "state");
		r->w_reason = str(w, "reason");
		r->w_by = str(w, "approved_by");
		r->w_expires = str(w, "expires");
	}
}

/* Sources and decisions are written unescaped: only safe names pass. */
static bool safe_name(const char *s)
{
	return strspn(s,
		      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ?") ==
	       strlen(s);
}

size_t report_reasons_write(FILE *fp, const char *reasons_json,
			    enum report_format fmt)
{
	cJSON *arr = reasons_json ? cJSON_Parse(reasons_json) : NULL;
	const cJSON *it;
	size_t n = 0;

	if (fmt == REPORT_HTML && cJSON_GetArraySize(arr) > 0)
		fputs("<table class=\"reasons\"><tr><th>source</th><th>asks for</th><th>code</th><th>reason</th><th>waiver</th></tr>\n",
		      fp);
	cJSON_ArrayForEach(it, arr)
	{
		struct reason r;

		read_reason(&r, it);
		if (!safe_name(r.source) || !safe_name(r.decision))
			continue;
		if (fmt == REPORT_HTML)
			one_html(fp, &r);
		else if (fmt == REPORT_TEXT || fmt == REPORT_MARKDOWN)
			one_text(fp, fmt, &r);
		n++;
	}
	if (fmt == REPORT_HTML && cJSON_GetArraySize(arr) > 0)
		fputs("</table>\n", fp);
	cJSON_Delete(arr);
	return n;
}

static void plain_one(struct oh_buf *out, const struct reason *r)
{
	oh_buf_addf(out, "%s %s %s: %s", r->source, r->decision,
		    r->code ? r->code : "-", r->text ? r->text : "");
	if (r->question)
		oh_buf_addf(out, " (question: %s)", r->question);
	if (r->w_state && strcmp(r->w_state, "active") == 0)
		oh_buf_addf(out, " (waived until %s by %s: %s)",
			    r->w_expires ? r->w_expires : "?",
			    r->w_by ? r->w_by : "?",
			    r->w_reason ? r->w_reason : "");
	else if (r->w_state)
		oh_buf_addf(out, " (waiver expired on %s)",
			    r->w_expires ? r->w_expires : "?");
}

size_t report_reasons_plain(struct oh_buf *out, const char *reasons_json,
			    const char *sep)
{
	cJSON *arr = reasons_json ? cJSON_Parse(reasons_json) : NULL;
	const cJSON *it;
	size_t n = 0;

	cJSON_ArrayForEach(it, arr)
	{
		struct reason r;

		read_reason(&r, it);
		if (n > 0)
			oh_buf_adds(out, sep);
		plain_one(out, &r);
		n++;
	}
	cJSON_Delete(arr);
	return n;
}

static void add_parsed(cJSON *o, const char *key, const char *json)
{
	cJSON *v = json ? cJSON_Parse(json) : NULL;

	if (v)
		cJSON_AddItemToObject(o, key, v);
	else
		cJSON_AddNullToObject(o, key);
}

static void add_string(cJSON *o, const char *key, const char *s)
{
	if (s && s[0] != '\0')
		cJSON_AddStringToObject(o, key, s);
	else
		cJSON_AddNullToObject(o, key);
}

void report_explain_json(struct oh_buf *out, const char *decision,
			 const char *origin_decision, const char *reasons_json,
			 const char *origin_json)
{
	cJSON *o = cJSON_CreateObject();
	char *s;

	add_string(o, "decision", decision);
	add_string(o, "origin_decision", origin_decision);
	add_parsed(o, "decision_reasons", reasons_json);
	add_parsed(o, "origin", origin_json);
	oh_json_utf8_fix(o);
	s = cJSON_Print(o);
	if (s)
		oh_buf_adds(out, s);
	cJSON_free(s);
	cJSON_Delete(o);
}
