/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Per-item forge metrics over a sample: the CHAOSS time to first response
 * (issues and changes) and the share of merged changes that were
 * reviewed.  Each sampled item costs one or two requests, so the samples
 * are capped (FORGE_DETAIL_SAMPLE, the most recent items).
 */
#include "net/forge.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "core/buf.h"
#include "core/err.h"
#include "core/xalloc.h"
#include "net/forge_int.h"
#include "net/http.h"
#include "core/banned.h"

/* ---- parsing ------------------------------------------------------------ */

static bool bot(const char *login, forge_bot_fn is_bot, void *bot_arg)
{
	size_t n = strlen(login);

	if (n >= 5 && strcmp(login + n - 5, "[bot]") == 0)
		return true;
	return is_bot && is_bot(login, bot_arg);
}

/* Someone who can answer: known, not the author, not a bot. */
static bool other_person(const char *login, const char *author,
			 forge_bot_fn is_bot, void *bot_arg)
{
	return login && login[0] != '\0' && strcmp(login, author) != 0 &&
	       !bot(login, is_bot, bot_arg);
}

/* A submitted review (not pending, not a mere request for review). */
static bool review_state(const cJSON *rev)
{
	const cJSON *st = cJSON_GetObjectItemCaseSensitive(rev, "state");

	if (!cJSON_IsString(st))
		return false;
	return strcmp(st->valuestring, "PENDING") != 0 &&
	       strcmp(st->valuestring, "REQUEST_REVIEW") != 0 &&
	       st->valuestring[0] != '\0';
}

struct reply_ctx {
	enum forge_kind kind;
	enum forge_detail what;
	const char *author;
	forge_bot_fn is_bot;
	void *bot_arg;
	const char *name;
	struct oh_err *err;
};

static int one_reply(const struct reply_ctx *x, const cJSON *r, int64_t *first,
		     bool *reviewed)
{
	int64_t t = 0;

	if (!cJSON_IsObject(r))
		return oh_err_set(x->err, OH_EINPUT, x->name, 0, 0,
				  "a reply is not an object");
	if (!other_person(forge_login(r, x->kind), x->author, x->is_bot,
			  x->bot_arg))
		return 0;
	if (x->what == FORGE_D_COMMENTS &&
	    cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(r, "system")))
		return 0; /* GitLab: "changed the description" and alike */
	if (x->what == FORGE_D_REVIEWS && !review_state(r))
		return 0;
	if (forge_time(&t, r,
		       x->what == FORGE_D_REVIEWS ? "submitted_at"
						  : "created_at",
		       x->name, x->err) < 0)
		return x->err->code;
	if (x->what == FORGE_D_REVIEWS)
		*reviewed = true;
	if (t != 0 && (*first == 0 || t < *first))
		*first = t;
	return 0;
}

/* GitLab approvals: {"approved_by": [{"user": {"username": ...}}]}. */
static int approvals(const struct reply_ctx *x, const cJSON *root,
		     bool *reviewed)
{
	const cJSON *by = cJSON_GetObjectItemCaseSensitive(root, "approved_by");
	const cJSON *a;

	if (!cJSON_IsArray(by))
		return oh_err_set(x->err, OH_EINPUT, x->name, 0, 0,
				  "\"approved_by\" is missing");
	cJSON_ArrayForEach(a, by)
	{
		const cJSON *u = cJSON_GetObjectItemCaseSensitive(a, "user");
		const cJSON *l =
			cJSON_GetObjectItemCaseSensitive(u, "username");

		if (cJSON_IsString(l) && other_person(l->valuestring, x->author,
						      x->is_bot, x->bot_arg))
			*reviewed = true;
	}
	return 0;
}

int forge_parse_replies(int64_t *first, bool *reviewed, size_t *count,
			enum forge_kind kind, enum forge_detail what,
			const char *author, forge_bot_fn is_bot, void *bot_arg,
			const char *body, size_t len, const char *name,
			struct oh_err *err)
{
	cJSON *root =
		forge_json(body, len, name, what != FORGE_D_APPROVALS, err);
	int ret;

	if (!root)
		return err->code;
	ret = forge_replies_json(first, reviewed, count, kind, what, author,
				 is_bot, bot_arg, root, name, err);
	cJSON_Delete(root);
	return ret;
}

int forge_replies_json(int64_t *first, bool *reviewed, size_t *count,
		       enum forge_kind kind, enum forge_detail what,
		       const char *author, forge_bot_fn is_bot, void *bot_arg,
		       const cJSON *root, const char *name, struct oh_err *err)
{
	struct reply_ctx x = { kind, what, author, is_bot, bot_arg, name, err };
	bool want_array = what != FORGE_D_APPROVALS;
	const cJSON *r;
	int ret = 0;

	if (forge_json_want(root, want_array, name, err) < 0)
		return err->code;
	if (count)
		*count = want_array ? (size_t)cJSON_GetArraySize(root) : 1;
	if (!want_array) {
		ret = approvals(&x, root, reviewed);
	} else {
		cJSON_ArrayForEach(r, root)
		{
			ret = one_reply(&x, r, first, reviewed);
			if (ret < 0)
				break;
		}
	}
	return ret;
}

/* ---- samples ------------------------------------------------------------ */

static int64_t sample_time(const struct forge_item *it, bool merged)
{
	return merged ? it->merged : it->created;
}

static int by_created_desc(const void *a, const void *b)
{
	const struct forge_item *x = *(const struct forge_item *const *)a;
	const struct forge_item *y = *(const struct forge_item *const *)b;

	if (x->created != y->created)
		return x->created < y->created ? 1 : -1;
	return (x->number < y->number) - (x->number > y->number);
}

static int by_merged_desc(const void *a, const void *b)
{
	const struct forge_item *x = *(const struct forge_item *const *)a;
	const struct forge_item *y = *(const struct forge_item *const *)b;

	if (x->merged != y->merged)
		return x->merged < y->merged ? 1 : -1;
	return (x->number < y->number) - (x->number > y->number);
}

size_t forge_sample(const struct forge_item **out, size_t max,
		    const struct forge_acc *acc, bool merged, int64_t now,
		    forge_bot_fn is_bot, void *bot_arg)
{
	const struct forge_item **all;
	size_t n = 0;

	all = oh_xcalloc(acc->item_nr + 1, sizeof(*all));
	for (size_t i = 0; i < acc->item_nr; i++) {
		const struct forge_item *it = &acc->item[i];
		int64_t t = sample_time(it, merged);

		if (t == 0 || t < now - 365 * DAY || it->author[0] == '\0' ||
		    bot(it->author, is_bot, bot_arg))
			continue;
		if (merged && !it->change)
			continue;
		all[n++] = it;
	}
	qsort(all, n, sizeof(*all), merged ? by_merged_desc : by_created_desc);
	if (n > max)
		n = max;
	memcpy(out, all, n * sizeof(*out));
	free(all);
	return n;
}

/* ---- fetching ----------------------------------------------------------- */

struct detail {
	struct forge_facts *out;
	struct net_client *c;
	enum forge_kind kind;
	const char *proj_url;
	forge_bot_fn is_bot;
	void *bot_arg;
	/* reviews already read, by item: 0 not yet, 1 reviewed, 2 not */
	long seen_number[FORGE_DETAIL_SAMPLE * 2];
	char seen_state[FORGE_DETAIL_SAMPLE * 2];
	size_t seen_nr;
};

static int per_page(const struct detail *d)
{
	return d->kind == FORGE_GITEA ? 50 : FORGE_PER_PAGE;
}

static void replies_url(struct oh_buf *u, const struct detail *d,
			const struct forge_item *it, enum forge_detail what,
			int page)
{
	const char *list = it->change && d->kind == FORGE_GITLAB
				   ? "merge_requests"
				   : "issues";

	oh_buf_reset(u);
	if (what == FORGE_D_APPROVALS)
		oh_buf_addf(u, "%s/merge_requests/%ld/approvals", d->proj_url,
			    it->number);
	else if (what == FORGE_D_REVIEWS)
		oh_buf_addf(u, "%s/pulls/%ld/reviews?%s=%d", d->proj_url,
			    it->number,
			    d->kind == FORGE_GITEA ? "limit" : "per_page",
			    per_page(d));
	else if (d->kind == FORGE_GITLAB)
		oh_buf_addf(
			u,
			"%s/%s/%ld/notes?sort=asc&order_by=created_at&per_page=%d",
			d->proj_url, list, it->number, per_page(d));
	else
		oh_buf_addf(u, "%s/issues/%ld/comments?%s=%d", d->proj_url,
			    it->number,
			    d->kind == FORGE_GITEA ? "limit" : "per_page",
			    per_page(d));
	if (page > 1)
		oh_buf_addf(u, "&page=%d", page);
}

/*
 * The last page read was full and nothing on it counted: the reply that
 * counts may be on the next page, which is not read, so calling the item
 * unanswered (or unreviewed) would be a guess.
 */
static bool unread_reply(const struct detail *d, enum forge_detail what,
			 int64_t first, bool reviewed, size_t count)
{
	if (what == FORGE_D_APPROVALS || count < (size_t)per_page(d))
		return false;
	return what == FORGE_D_REVIEWS ? !reviewed : first == 0;
}

/*
 * Replies of one kind for an item.  Comments come oldest first: further
 * pages (up to FORGE_REPLY_PAGES) are read only while every reply so far
 * was the author's or a bot's and the page was full.
 */
static int fetch_replies(struct detail *d, const struct forge_item *it,
			 enum forge_detail what, int64_t *first, bool *reviewed,
			 struct oh_err *err)
{
	struct net_response r = NET_RESPONSE_INIT;
	struct oh_buf url = OH_BUF_INIT;
	int pages = what == FORGE_D_COMMENTS ? FORGE_REPLY_PAGES : 1;
	size_t count = (size_t)per_page(d);
	int ret = 0;

	/* Page 1 always: *first may come from the comments while the
	 * reviews still decide whether the change was reviewed. */
	for (int page = 1;
	     page <= pages && ret == 0 &&
	     (page == 1 || (*first == 0 && count >= (size_t)per_page(d)));
	     page++) {
		replies_url(&url, d, it, what, page);
		ret = forge_get(&r, d->c, d->kind, url.buf, err);
		if (ret == 0)
			ret = forge_parse_replies(
				first, reviewed, &count, d->kind, what,
				it->author, d->is_bot, d->bot_arg, r.body.buf,
				r.body.len, url.buf, err);
		net_response_release(&r);
	}
	if (ret == 0 && unread_reply(d, what, *first, *reviewed, count))
		ret = oh_err_set(err, OH_ELIMIT, url.buf, 0, 0,
				 "a full page of %d replies and none counted "
				 "(no further page is read)",
				 per_page(d));
	oh_buf_release(&url);
	return ret;
}

static void remember_review(struct detail *d, long number, bool reviewed)
{
	if (d->seen_nr < sizeof(d->seen_number) / sizeof(d->seen_number[0])) {
		d->seen_number[d->seen_nr] = number;
		d->seen_state[d->seen_nr++] = reviewed ? 1 : 2;
	}
}

static int seen_review(const struct detail *d, long number)
{
	for (size_t i = 0; i < d->seen_nr; i++)
		if (d->seen_number[i] == number)
			return d->seen_state[i];
	return 0;
}

/*
 * First reply to one item: comments (or notes), and for GitHub and Gitea
 * changes the reviews too.  *first stays 0 when nobody answered.
 */
static int first_reply(struct detail *d, const struct forge_item *it,
		       int64_t *first, struct oh_err *err)
{
	bool reviewed = false;

	*first = 0;
	if (fetch_replies(d, it, FORGE_D_COMMENTS, first, &reviewed, err) < 0)
		return err->code;
	if (!it->change || d->kind == FORGE_GITLAB)
		return 0;
	if (fetch_replies(d, it, FORGE_D_REVIEWS, first, &reviewed, err) < 0)
		return err->code;
	remember_review(d, it->number, reviewed);
	return 0;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a;
	double y = *(const double *)b;

	return (x > y) - (x < y);
}

double forge_median(double *v, size_t n)
{
	qsort(v, n, sizeof(*v), cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static void unknown(struct forge_facts *out, enum forge_metric *m,
		    const char *what, const struct oh_err *err)
{
	size_t used = strlen(out->detail_note);
	char why[300];

	*m = FORGE_METRIC_UNKNOWN;
	oh_err_format(why, sizeof(why), err);
	snprintf(out->detail_note + used, sizeof(out->detail_note) - used,
		 "%s%s unknown: %s", used ? "; " : "", what, why);
}

static void response_metric(struct detail *d, const struct forge_acc *acc,
			    int64_t now)
{
	const struct forge_item *s[FORGE_DETAIL_SAMPLE];
	double days[FORGE_DETAIL_SAMPLE];
	size_t n = forge_sample(s, FORGE_DETAIL_SAMPLE, acc, false, now,
				d->is_bot, d->bot_arg);
	struct forge_facts *out = d->out;
	struct oh_err err = OH_ERR_INIT;
	size_t answered = 0;

	out->median_response_days = -1;
	out->response = n > 0 ? FORGE_METRIC_OK : FORGE_METRIC_NONE;
	for (size_t i = 0; i < n; i++) {
		int64_t first;

		if (first_reply(d, s[i], &first, &err) < 0) {
			unknown(out, &out->response, "first response", &err);
			oh_err_release(&err);
			return;
		}
		if (first != 0)
			days[answered++] =
				first > s[i]->created
					? (double)(first - s[i]->created) / DAY
					: 0;
	}
	out->response_sample = (long)n;
	out->response_answered = (long)answered;
	if (answered > 0)
		out->median_response_days = forge_median(days, answered);
}

static void review_metric(struct detail *d, const struct forge_acc *acc,
			  int64_t now)
{
	const struct forge_item *s[FORGE_DETAIL_SAMPLE];
	size_t n = forge_sample(s, FORGE_DETAIL_SAMPLE, acc, true, now,
				d->is_bot, d->bot_arg);
	struct forge_facts *out = d->out;
	struct oh_err err = OH_ERR_INIT;
	long reviewed = 0;

	out->review = n > 0 ? FORGE_METRIC_OK : FORGE_METRIC_NONE;
	for (size_t i = 0; i < n; i++) {
		int seen = seen_review(d, s[i]->number);
		bool yes = seen == 1;
		int64_t first = 0;

		if (seen == 0 &&
		    fetch_replies(d, s[i],
				  d->kind == FORGE_GITLAB ? FORGE_D_APPROVALS
							  : FORGE_D_REVIEWS,
				  &first, &yes, &err) < 0) {
			unknown(out, &out->review, "review", &err);
			oh_err_release(&err);
			return;
		}
		reviewed += yes;
	}
	out->review_sample = (long)n;
	out->reviewed = reviewed;
}

/* Requests the samples may need: comments, reviews, merged changes. */
static long requests_needed(const struct forge_acc *acc, enum forge_kind kind,
			    int64_t now, forge_bot_fn is_bot, void *bot_arg)
{
	const struct forge_item *s[FORGE_DETAIL_SAMPLE];
	size_t n = forge_sample(s, FORGE_DETAIL_SAMPLE, acc, false, now, is_bot,
				bot_arg);
	long need = (long)n;

	for (size_t i = 0; i < n && kind != FORGE_GITLAB; i++)
		need += s[i]->change;
	return need + (long)forge_sample(s, FORGE_DETAIL_SAMPLE, acc, true, now,
					 is_bot, bot_arg);
}

void forge_fetch_detail(struct forge_facts *out, const struct forge_acc *acc,
			struct net_client *c, enum forge_kind kind,
			const char *proj_url, int64_t now, forge_bot_fn is_bot,
			void *bot_arg)
{
	struct detail d = { .out = out,
			    .c = c,
			    .kind = kind,
			    .proj_url = proj_url,
			    .is_bot = is_bot,
			    .bot_arg = bot_arg };
	long need = requests_needed(acc, kind, now, is_bot, bot_arg);

	out->detail_note[0] = '\0';
	out->median_response_days = -1;
	if (acc->ratelimit_remaining >= 0 && acc->ratelimit_remaining < need) {
		out->response = FORGE_METRIC_UNKNOWN;
		out->review = FORGE_METRIC_UNKNOWN;
		snprintf(
			out->detail_note, sizeof(out->detail_note),
			"first response and review not fetched: the forge's rate limit leaves %ld requests, the samples need at least %ld (set the forge's token)",
			acc->ratelimit_remaining, need);
		return;
	}
	response_metric(&d, acc, now);
	review_metric(&d, acc, now);
}
