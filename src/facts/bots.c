/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Bot author patterns (rules/bots.json); declared in facts/bots.h.  PCRE2 with match and depth limits; a pattern that errors or
 * hits a limit counts as no match.  A loaded set is shared read-only by
 * the scan's worker threads, so every match gets its own match data
 * (PCRE2 keeps its backtracking frames there).
 */
#define PCRE2_CODE_UNIT_WIDTH 8

#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>
#include <pcre2.h>

#include "core/buf.h"
#include "core/err.h"
#include "core/xalloc.h"
#include "facts/bots.h"
#include "core/banned.h"

struct bot_rule {
	bool email;     /* match the email, else the name */
	pcre2_code *re; /* compiled pattern */
};

struct hist_bots {
	struct bot_rule *rule;
	size_t nr;
	pcre2_match_context *mctx; /* limits only: read-only when matching */
};

void hist_bots_free(struct hist_bots *b)
{
	if (!b)
		return;
	for (size_t i = 0; i < b->nr; i++)
		pcre2_code_free(b->rule[i].re);
	free(b->rule);
	pcre2_match_context_free(b->mctx);
	free(b);
}

static int add_rule(struct hist_bots *b, const cJSON *e, size_t i,
		    const char *name, struct oh_err *err)
{
	const cJSON *f = cJSON_GetObjectItemCaseSensitive(e, "field");
	const cJSON *r = cJSON_GetObjectItemCaseSensitive(e, "regex");
	struct bot_rule *br = &b->rule[b->nr];
	PCRE2_SIZE off = 0;
	int ec = 0;

	if (!cJSON_IsString(f) || !cJSON_IsString(r) ||
	    (strcmp(f->valuestring, "name") != 0 &&
	     strcmp(f->valuestring, "email") != 0))
		return oh_err_set(err, OH_EINPUT, name, 0, 0,
				  "patterns[%zu]: needs \"field\" (name or "
				  "email) and \"regex\" strings",
				  i);
	br->email = strcmp(f->valuestring, "email") == 0;
	br->re =
		pcre2_compile((PCRE2_SPTR)r->valuestring, PCRE2_ZERO_TERMINATED,
			      PCRE2_CASELESS | PCRE2_UTF, &ec, &off, NULL);
	if (!br->re) {
		PCRE2_UCHAR msg[128];

		pcre2_get_error_message(ec, msg, sizeof(msg));
		return oh_err_set(err, OH_EINPUT, name, 0, 0,
				  "patterns[%zu]: regex at offset %zu: %s", i,
				  (size_t)off, (const char *)msg);
	}
	b->nr++;
	return 0;
}

int hist_bots_parse(struct hist_bots **out, const char *json, const char *name,
		    struct oh_err *err)
{
	cJSON *root = cJSON_Parse(json);
	const cJSON *pats;
	struct hist_bots *b = NULL;
	size_t n;
	int rc = 0;

	*out = NULL;
	pats = cJSON_GetObjectItemCaseSensitive(root, "patterns");
	if (!root || !cJSON_IsArray(pats)) {
		rc = oh_err_set(err, OH_EINPUT, name, 0, 0,
				"expected an object with a \"patterns\" array");
		goto out;
	}
	n = (size_t)cJSON_GetArraySize(pats);
	if (n > HIST_MAX_BOT_RULES) {
		rc = oh_err_set(err, OH_ELIMIT, name, 0, 0,
				"%zu patterns exceed %u", n,
				HIST_MAX_BOT_RULES);
		goto out;
	}
	b = oh_xcalloc(1, sizeof(*b));
	b->rule = oh_xcalloc(n ? n : 1, sizeof(*b->rule));
	b->mctx = pcre2_match_context_create(NULL);
	if (!b->mctx)
		OH_BUG("pcre2 allocation failed");
	pcre2_set_match_limit(b->mctx, HIST_BOT_MATCH_LIMIT);
	pcre2_set_depth_limit(b->mctx, HIST_BOT_DEPTH_LIMIT);
	for (size_t i = 0; i < n; i++) {
		rc = add_rule(b, cJSON_GetArrayItem(pats, (int)i), i, name,
			      err);
		if (rc < 0)
			goto out;
	}
	*out = b;
	b = NULL;
out:
	hist_bots_free(b);
	cJSON_Delete(root);
	return rc;
}

int hist_bots_load(struct hist_bots **out, const char *path, struct oh_err *err)
{
	struct oh_buf text = OH_BUF_INIT;
	int rc;

	*out = NULL;
	oh_buf_set_max(&text, 1u << 20);
	rc = oh_buf_read_file(&text, path, err);
	if (rc == 0)
		rc = hist_bots_parse(out, text.buf, path, err);
	oh_buf_release(&text);
	return rc;
}

bool hist_bots_match(const struct hist_bots *b, const char *name,
		     const char *email)
{
	pcre2_match_data *md;
	bool hit = false;

	if (!b || b->nr == 0)
		return false;
	md = pcre2_match_data_create(4, NULL);
	if (!md)
		OH_BUG("out of memory for PCRE2 match data");
	for (size_t i = 0; i < b->nr && !hit; i++) {
		const char *s = b->rule[i].email ? email : name;

		hit = s && pcre2_match(b->rule[i].re, (PCRE2_SPTR)s,
				       PCRE2_ZERO_TERMINATED, 0, 0, md,
				       b->mctx) >= 0;
	}
	pcre2_match_data_free(md);
	return hit;
}
