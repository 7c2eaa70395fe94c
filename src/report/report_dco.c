/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * `osshealth dco` output in text, JSON, SARIF 2.1.0 (sarif.h) and JUnit
 * XML (junit.h, libxml2's writer).
 */
#include "report/report_dco.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "core/buf.h"
#include "core/err.h"
#include "core/esc.h"
#include "dco/dco.h"
#include "facts/hist.h"
#include "report/junit.h"
#include "report/sarif.h"
#include "report/escape.h"
#include "core/banned.h"

/*
 * The sign-off with the author's identity.  The name and email are the
 * author's, so anyone can choose them: they are quoted for a POSIX shell,
 * and a value that cannot be shown as a command to check by eye (control
 * characters, bytes that are not UTF-8) gets no command at all.
 */
static void identity_fix(struct oh_buf *out, const struct hist_commit *c,
			 const char *base)
{
	size_t start = out->len;

	oh_buf_adds(out, "git -c user.name=");
	if (oh_esc_shell(out, c->author_name)) {
		oh_buf_adds(out, " -c user.email=");
		if (oh_esc_shell(out, c->author_email)) {
			oh_buf_addf(out, " rebase --signoff %s", base);
			return;
		}
	}
	oh_buf_setlen(out, start);
	oh_buf_addf(out,
		    "git rebase --signoff %s with user.name and user.email "
		    "set to the author's (the author's name cannot be "
		    "shown as a command)",
		    base);
}

/* The fix for a message being committed: edit it, nothing to rebase. */
static void message_fix(struct oh_buf *out, const struct hist_commit *c,
			enum dco_verdict v)
{
	if (v == DCO_NO_SIGNOFF || v == DCO_NOT_TRAILER)
		oh_buf_addf(out,
			    "add the line 'Signed-off-by: %s <%s>' as the last "
			    "paragraph of the message (git commit -s does it)",
			    c->author_name, c->author_email);
	else
		oh_buf_addf(out,
			    "sign off as the author: 'Signed-off-by: %s <%s>' "
			    "(or commit as the identity you sign off with: "
			    "user.name, user.email)",
			    c->author_name, c->author_email);
}

/* The exact command that fixes commit c. */
static void fix_command(struct oh_buf *out, const struct hist *h,
			const struct dco_item *it, const char *base)
{
	const struct hist_commit *c = &h->commit[it->commit];
	char b[16];

	/* dco --message (commit-msg hook): no commit to rebase yet. */
	if (strspn(c->id, "0") == strlen(c->id)) {
		message_fix(out, c, it->verdict);
		return;
	}
	if (base && *base != '\0')
		snprintf(b, sizeof(b), "%.12s", base);
	else
		snprintf(b, sizeof(b), "--root");
	switch (it->verdict) {
	case DCO_NO_SIGNOFF:
	case DCO_NOT_TRAILER:
		oh_buf_addf(out,
			    "git rebase --signoff %s (or for the last commit: "
			    "git commit --amend --signoff --no-edit)",
			    b);
		break;
	case DCO_EMAIL_MISMATCH:
	case DCO_NAME_MISMATCH:
		identity_fix(out, c, b);
		break;
	case DCO_FORGE_SQUASH:
		oh_buf_addf(out,
			    "git commit --amend --no-edit --author='NAME "
			    "<EMAIL>' with the address of the sign-off, or a "
			    "remediation commit \"I, NAME <EMAIL>, hereby add "
			    "my Signed-off-by to this commit: %s\"",
			    c->id);
		break;
	default:
		break;
	}
}

static void signoffs(struct oh_buf *out, const struct hist *h,
		     const struct hist_commit *c, const char *sep)
{
	size_t n = 0;

	for (size_t i = 0; i < c->trailer_nr; i++) {
		const struct hist_trailer *t =
			&h->trailer[c->trailer_first + i];

		if (strcasecmp(t->key, "Signed-off-by") != 0)
			continue;
		oh_buf_addf(out, "%s%s", n++ ? sep : "", t->value);
	}
	if (n == 0)
		oh_buf_adds(out, "none");
}

static void text_one(FILE *fp, const struct hist *h, const struct dco_item *it,
		     const char *base)
{
	const struct hist_commit *c = &h->commit[it->commit];
	struct oh_buf b = OH_BUF_INIT;
	struct oh_buf t = OH_BUF_INIT;

	/* Everything but the verdict came from the repository. */
	oh_buf_addf(&b, "FAIL %.12s ", c->id);
	report_esc_text(&b, c->subject);
	oh_buf_adds(&b, "\n  author:    ");
	report_esc_text(&b, c->author_name);
	oh_buf_adds(&b, " <");
	report_esc_text(&b, c->author_email);
	oh_buf_adds(&b, ">\n  sign-offs: ");
	signoffs(&t, h, c, "; ");
	report_esc_text(&b, t.buf);
	oh_buf_addf(&b, "\n  why:       %s\n  fix:       ",
		    dco_verdict_reason(it->verdict));
	oh_buf_reset(&t);
	fix_command(&t, h, it, base);
	report_esc_text(&b, t.buf);
	fprintf(fp, "%s\n", b.buf);
	oh_buf_release(&t);
	oh_buf_release(&b);
}

static void render_text(FILE *fp, const struct hist *h,
			const struct dco_result *r, const char *base)
{
	for (size_t i = 0; i < r->nr; i++)
		if (dco_verdict_failed(r->item[i].verdict))
			text_one(fp, h, &r->item[i], base);
	for (size_t i = 0; i < r->nr; i++) {
		const struct dco_item *it = &r->item[i];

		if (it->verdict == DCO_REMEDIATED)
			fprintf(fp, "remediated %.12s by %.12s\n",
				h->commit[it->commit].id,
				h->commit[it->remedied_by].id);
	}
	if (r->squashes > 0)
		fprintf(fp,
			"forge squash merges: %zu commit(s) authored with a "
			"GitHub no-reply address\n",
			r->squashes);
	fprintf(fp, "dco: %zu checked, %zu passed, %zu failed, %zu skipped\n",
		r->checked, r->passed, r->failed, r->skipped);
}

static cJSON *json_commit(const struct hist *h, const struct dco_item *it,
			  const char *base)
{
	const struct hist_commit *c = &h->commit[it->commit];
	cJSON *o = cJSON_CreateObject();
	cJSON *s = cJSON_AddArrayToObject(o, "signoffs");
	struct oh_buf b = OH_BUF_INIT;

	cJSON_AddStringToObject(o, "id", c->id);
	cJSON_AddStringToObject(o, "subject", c->subject);
	cJSON_AddStringToObject(o, "author_name", c->author_name);
	cJSON_AddStringToObject(o, "author_email", c->author_email);
	cJSON_AddStringToObject(o, "verdict", dco_verdict_code(it->verdict));
	cJSON_AddStringToObject(o, "reason", dco_verdict_reason(it->verdict));
	for (size_t i = 0; i < c->trailer_nr; i++) {
		const struct hist_trailer *t =
			&h->trailer[c->trailer_first + i];

		if (strcasecmp(t->key, "Signed-off-by") == 0)
			cJSON_AddItemToArray(s, cJSON_CreateString(t->value));
	}
	if (it->verdict == DCO_REMEDIATED)
		cJSON_AddStringToObject(o, "remediated_by",
					h->commit[it->remedied_by].id);
	fix_command(&b, h, it, base);
	if (b.len > 0)
		cJSON_AddStringToObject(o, "fix", b.buf);
	oh_buf_release(&b);
	return o;
}

static cJSON *build_json(const struct hist *h, const struct dco_result *r,
			 const char *base)
{
	cJSON *o = cJSON_CreateObject();
	cJSON *a;

	cJSON_AddStringToObject(o, "base", base ? base : "");
	cJSON_AddNumberToObject(o, "checked", (double)r->checked);
	cJSON_AddNumberToObject(o, "passed", (double)r->passed);
	cJSON_AddNumberToObject(o, "failed", (double)r->failed);
	cJSON_AddNumberToObject(o, "skipped", (double)r->skipped);
	cJSON_AddNumberToObject(o, "forge_squashes", (double)r->squashes);
	a = cJSON_AddArrayToObject(o, "commits");
	for (size_t i = 0; i < r->nr; i++)
		cJSON_AddItemToArray(a, json_commit(h, &r->item[i], base));
	return o;
}

/*
 * A commit is not a file: each result points at the repository's .git
 * (the artifact GitHub accepts for it, see docs/dco.md) with the commit
 * as logical location and the fingerprint keyed on the commit id.
 */
static int render_sarif(FILE *fp, const struct hist *h,
			const struct dco_result *r, const char *base,
			bool codequality, struct oh_err *err)
{
	struct report_sarif s;
	struct oh_buf rule = OH_BUF_INIT;
	struct oh_buf msg = OH_BUF_INIT;

	report_sarif_begin(&s, "dco");
	for (size_t i = 0; i < r->nr; i++) {
		const struct dco_item *it = &r->item[i];
		const struct hist_commit *c = &h->commit[it->commit];

		if (!dco_verdict_failed(it->verdict))
			continue;
		oh_buf_reset(&rule);
		oh_buf_addf(&rule, "dco/%s", dco_verdict_code(it->verdict));
		oh_buf_reset(&msg);
		oh_buf_addf(&msg,
			    "commit %.12s \"%s\" by %s <%s>: %s. Fix: ", c->id,
			    c->subject, c->author_name, c->author_email,
			    dco_verdict_reason(it->verdict));
		fix_command(&msg, h, it, base);
		report_sarif_add(&s, &(struct report_sarif_result){
					     .rule = rule.buf,
					     .level = "error",
					     .message = msg.buf,
					     .path = ".git",
					     .logical = c->id,
					     .logical_kind = "commit",
					     .identity = c->id,
				     });
	}
	oh_buf_release(&rule);
	oh_buf_release(&msg);
	return codequality ? report_sarif_end_codequality(&s, fp, err)
			   : report_sarif_end(&s, fp, err);
}

/* A failure body: what failed, the evidence, how to fix it. */
static void junit_body(struct oh_buf *out, const struct hist *h,
		       const struct dco_item *it, const char *base)
{
	const struct hist_commit *c = &h->commit[it->commit];

	oh_buf_addf(out, "commit:    %s\nsubject:   %s\nauthor:    %s <%s>\n",
		    c->id, c->subject, c->author_name, c->author_email);
	oh_buf_adds(out, "sign-offs: ");
	signoffs(out, h, c, "; ");
	oh_buf_addf(out, "\nwhy:       %s\nfix:       ",
		    dco_verdict_reason(it->verdict));
	fix_command(out, h, it, base);
	oh_buf_addch(out, '\n');
}

static void junit_case(struct report_junit *j, struct oh_buf *tmp,
		       const struct hist *h, const struct dco_item *it,
		       const char *base)
{
	const struct hist_commit *c = &h->commit[it->commit];
	struct oh_buf name = OH_BUF_INIT;
	struct oh_buf body = OH_BUF_INIT;

	oh_buf_addf(&name, "%.12s %s", c->id, c->subject);
	if (it->verdict == DCO_SKIP_MERGE || it->verdict == DCO_SKIP_BOT) {
		report_junit_skipped(j, tmp, "dco", name.buf,
				     dco_verdict_reason(it->verdict));
	} else if (dco_verdict_failed(it->verdict)) {
		junit_body(&body, h, it, base);
		report_junit_case(j, tmp, "dco", name.buf,
				  dco_verdict_code(it->verdict),
				  dco_verdict_reason(it->verdict), body.buf);
	} else {
		report_junit_case(j, tmp, "dco", name.buf, NULL, NULL, NULL);
	}
	oh_buf_release(&name);
	oh_buf_release(&body);
}

/* One suite "dco", one case per commit, through the shared frame. */
static void render_junit(FILE *fp, const struct hist *h,
			 const struct dco_result *r, const char *base)
{
	struct report_junit j;
	struct oh_buf tmp = OH_BUF_INIT;

	report_junit_begin(&j, "osshealth.dco", 0);
	report_junit_suite(&j, &tmp, "dco", r->nr, r->failed, 0, r->skipped,
			   NULL);
	for (size_t i = 0; i < r->nr; i++)
		junit_case(&j, &tmp, h, &r->item[i], base);
	report_junit_suite_end(&j, &tmp, NULL);
	report_junit_end(&j, fp);
	oh_buf_release(&tmp);
}

int report_dco(FILE *fp, const struct hist *h, const struct dco_result *r,
	       const char *base, enum report_format fmt, struct oh_err *err)
{
	switch (fmt) {
	case REPORT_TEXT:
		render_text(fp, h, r, base);
		break;
	case REPORT_JSON:
		report_print_json(fp, build_json(h, r, base));
		break;
	case REPORT_SARIF:
		return render_sarif(fp, h, r, base, false, err);
	case REPORT_CODEQUALITY:
		return render_sarif(fp, h, r, base, true, err);
	case REPORT_JUNIT:
		render_junit(fp, h, r, base);
		break;
	default:
		return oh_err_set(err, OH_EINPUT, NULL, 0, 0,
				  "dco output cannot be %s",
				  report_format_name(fmt));
	}
	return report_check_stream(fp, "<stdout>", err);
}
