/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * DCO rules over commit facts; see dco.h and docs/dco.md.
 */
#include "dco/dco.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/xalloc.h"
#include "facts/hist.h"
#include "core/banned.h"

static bool ci_eq(const char *a, const char *b)
{
	/* The program never calls setlocale(): strcasecmp() is ASCII. */
	return a && b && strcasecmp(a, b) == 0;
}

static bool key_is_sob(const char *k)
{
	return ci_eq(k, "Signed-off-by");
}

bool dco_is_forge_noreply(const char *email)
{
	const char *s = email;
	static const char dom[] = "@users.noreply.github.com";
	size_t n;

	if (!s || *s < '0' || *s > '9')
		return false;
	while (*s >= '0' && *s <= '9')
		s++;
	if (*s != '+')
		return false;
	n = strlen(s);
	return n > sizeof(dom) && ci_eq(s + n - (sizeof(dom) - 1), dom);
}

/* Verdict for one commit before remediation. */
static enum dco_verdict judge(const struct hist *h, const struct hist_commit *c,
			      const struct dco_rules *r)
{
	bool any = false;
	bool email_ok = false;

	if (c->parents > 1 && !r->include_merges)
		return DCO_SKIP_MERGE;
	if (c->is_bot && !r->include_bots)
		return DCO_SKIP_BOT;
	for (size_t i = 0; i < c->trailer_nr; i++) {
		const struct hist_trailer *t =
			&h->trailer[c->trailer_first + i];

		if (!key_is_sob(t->key))
			continue;
		any = true;
		if (!ci_eq(t->ident_email, c->author_email))
			continue;
		email_ok = true;
		if (!r->require_name || ci_eq(t->ident_name, c->author_name))
			return DCO_PASS;
	}
	if (dco_is_forge_noreply(c->author_email))
		return DCO_FORGE_SQUASH;
	if (email_ok)
		return DCO_NAME_MISMATCH;
	if (any)
		return DCO_EMAIL_MISMATCH;
	return c->signoff_outside ? DCO_NOT_TRAILER : DCO_NO_SIGNOFF;
}

static bool id_has_prefix(const char *id, const char *sha)
{
	size_t n = strlen(sha);

	return n >= 7 && n <= 40 && strncmp(id, sha, n) == 0;
}

/* A remediation commit for commit i, or (size_t)-1. */
static size_t find_remedy(const struct hist *h, size_t i,
			  const struct dco_rules *r)
{
	const struct hist_commit *c = &h->commit[i];

	for (size_t k = 0; k < h->remedy_nr; k++) {
		const struct hist_remedy *m = &h->remedy[k];
		const struct hist_commit *by = &h->commit[m->commit];

		if (m->commit == i || !id_has_prefix(c->id, m->sha))
			continue;
		if (!ci_eq(m->email, c->author_email) ||
		    !ci_eq(by->author_email, c->author_email))
			continue;
		if (r->require_name && !ci_eq(m->name, c->author_name))
			continue;
		return m->commit;
	}
	return (size_t)-1;
}

void dco_check(struct dco_result **out, const struct hist *h,
	       const struct dco_rules *rules)
{
	struct dco_result *res = oh_xcalloc(1, sizeof(*res));

	res->item =
		oh_xcalloc(h->commit_nr ? h->commit_nr : 1, sizeof(*res->item));
	res->nr = h->commit_nr;
	for (size_t i = 0; i < h->commit_nr; i++) {
		struct dco_item *it = &res->item[i];

		it->commit = i;
		it->verdict = judge(h, &h->commit[i], rules);
		if (dco_verdict_failed(it->verdict)) {
			size_t by = find_remedy(h, i, rules);

			if (by != (size_t)-1) {
				it->verdict = DCO_REMEDIATED;
				it->remedied_by = by;
			}
		}
		if (it->verdict == DCO_SKIP_MERGE ||
		    it->verdict == DCO_SKIP_BOT) {
			res->skipped++;
			continue;
		}
		res->checked++;
		if (dco_verdict_failed(it->verdict)) {
			res->failed++;
			if (it->verdict == DCO_FORGE_SQUASH)
				res->squashes++;
		} else {
			res->passed++;
		}
	}
	*out = res;
}

void dco_result_free(struct dco_result *r)
{
	if (!r)
		return;
	free(r->item);
	free(r);
}

bool dco_verdict_failed(enum dco_verdict v)
{
	return v >= DCO_NO_SIGNOFF;
}

const char *dco_verdict_code(enum dco_verdict v)
{
	static const char *const code[] = {
		"pass",           "remediated",    "skip-merge",
		"skip-bot",       "no-signoff",    "signoff-not-trailer",
		"email-mismatch", "name-mismatch", "forge-squash",
	};

	return code[v];
}

const char *dco_verdict_reason(enum dco_verdict v)
{
	static const char *const reason[] = {
		"signed off by the author",
		"remediated by a later commit",
		"merge commit (not checked)",
		"bot author (not checked)",
		"no Signed-off-by trailer",
		"a Signed-off-by line is not in the trailer block (last "
		"paragraph), so git does not read it as a trailer",
		"no Signed-off-by trailer carries the author's email",
		"the sign-off email matches but the name differs",
		"authored with a GitHub no-reply address (squash merge?); "
		"no sign-off carries that address",
	};

	return reason[v];
}

static bool signed_by_author(const struct hist *h, const struct hist_commit *c)
{
	for (size_t i = 0; i < c->trailer_nr; i++) {
		const struct hist_trailer *t =
			&h->trailer[c->trailer_first + i];

		if (key_is_sob(t->key) &&
		    ci_eq(t->ident_email, c->author_email))
			return true;
	}
	return false;
}

struct dated {
	int64_t t;
	bool ok;
};

static int dated_cmp(const void *a, const void *b)
{
	const struct dated *x = a;
	const struct dated *y = b;

	/* equal times: an unsigned commit is the later one, so that the
	 * result does not depend on the order of the history (walk order
	 * on a first scan, id order on a re-scan) */
	if (x->t != y->t)
		return (x->t > y->t) - (x->t < y->t);
	return (int)y->ok - (int)x->ok;
}

void dco_stats_compute(struct dco_stats *out, const struct hist *h, int64_t now)
{
	struct dated *d = oh_xcalloc(h->commit_nr + 1, sizeof(*d));
	size_t n = 0;
	size_t after_ok = 0;

	memset(out, 0, sizeof(*out));
	for (size_t i = 0; i < h->commit_nr; i++) {
		const struct hist_commit *c = &h->commit[i];
		bool ok;

		if (c->parents > 1)
			continue;
		ok = signed_by_author(h, c);
		out->nonmerge_all++;
		out->signed_all += ok;
		if (c->author_time > now - 365 * 86400 &&
		    c->author_time <= now) {
			out->nonmerge_365++;
			out->signed_365 += ok;
		}
		d[n].t = c->author_time;
		d[n].ok = ok;
		n++;
	}
	if (out->nonmerge_all > 0)
		out->share_all = (double)out->signed_all / out->nonmerge_all;
	if (out->nonmerge_365 > 0)
		out->share_365 = (double)out->signed_365 / out->nonmerge_365;
	if (n > 1)
		qsort(d, n, sizeof(*d), dated_cmp);
	/* Scan from the newest back; remember the earliest good start. */
	for (size_t k = n; k-- > 0;) {
		after_ok += d[k].ok;
		if (d[k].ok && after_ok * 100 >= (n - k) * 99) {
			out->enforced_since = d[k].t;
			out->enforced_commits = n - k;
		}
	}
	free(d);
}
