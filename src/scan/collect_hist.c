/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * History facts for the scan: one incremental walk (commits already in
 * the database hide their whole past), the commit facts stored, the
 * stored history read back as the metrics need it (the snapshot of
 * store_hist.h plus the walk, or every row), then the CHAOSS activity
 * metrics, the DCO shares and the release facts that the health checks
 * and the report use.
 *
 * The database is shared by the workers: every access holds the batch's
 * store lock, including the per-commit "is it stored?" question asked
 * during the walk.  The commit facts are saved in their own transaction
 * before the component's results: facts are keyed by commit id and are
 * true whatever happens to the run, so a kill in between loses nothing.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cjson/cJSON.h>

#include "collect/collect.h"
#include "core/buf.h"
#include "core/err.h"
#include "core/timeutil.h"
#include "core/xalloc.h"
#include "dco/dco.h"
#include "git/history.h"
#include "git/pathlog.h"
#include "health/activity.h"
#include "health/health.h"
#include "policy/policy.h"
#include "scan/manifest.h"
#include "scan/scan_int.h"
#include "store/store.h"
#include "store/store_hist.h"
#include "core/banned.h"

#define DAY            86400
#define MONTHS_CHARTED 24

/* The hand-over of a split pass (scan_int.h). */
struct scan_hist_share {
	pthread_mutex_t mu;
	pthread_cond_t cv;
	bool published;   /* the history thread is past its walk */
	bool taken;       /* a first scan: the rest is scan_hist_share_*()'s */
	bool saved;       /* the commits' transaction is over */
	bool encoded;     /* the snapshot is encoded (or never will be) */
	bool tags_read;   /* the tags below are read (or never will be) */
	struct hist tags; /* read by the collecting thread, for the walk */
	struct pathlog_chain *chain; /* the walk's, for the license paths */
	int tags_ret;
	struct oh_err tags_err;
	/* when taken: */
	struct hist walk;      /* read by both threads, written by none */
	struct store_hist *sh; /* open; used under the store lock */
	int ret;               /* the commits' save: read after the join */
	struct oh_err err;
	struct act_metrics m; /* computed beside the save */
	struct dco_stats d;
	struct store_hist_snap *snap;
};

struct known_ctx {
	struct store_hist *sh; /* the repository's stored facts */
	pthread_mutex_t *lock; /* the store lock */
};

static bool known_locked(void *payload, const char *hex_id)
{
	struct known_ctx *k = payload;
	bool known;

	pthread_mutex_lock(k->lock);
	known = store_hist_known(k->sh, hex_id);
	pthread_mutex_unlock(k->lock);
	return known;
}

static void publish(struct scan_hist_share *s, bool taken)
{
	if (!s)
		return;
	pthread_mutex_lock(&s->mu);
	if (!s->published) {
		s->published = true;
		s->taken = taken;
	}
	pthread_cond_signal(&s->cv);
	pthread_mutex_unlock(&s->mu);
}

/* Set *flag and wake the other thread. */
static void signal_flag(struct scan_hist_share *s, bool *flag)
{
	pthread_mutex_lock(&s->mu);
	*flag = true;
	pthread_cond_broadcast(&s->cv);
	pthread_mutex_unlock(&s->mu);
}

static void wait_flag(struct scan_hist_share *s, const bool *flag)
{
	pthread_mutex_lock(&s->mu);
	while (!*flag)
		pthread_cond_wait(&s->cv, &s->mu);
	pthread_mutex_unlock(&s->mu);
}

/* The walk takes the tags the other thread read meanwhile. */
static int take_tags(struct scan_hist_share *s, struct hist *walk,
		     struct oh_err *err)
{
	wait_flag(s, &s->tags_read);
	if (s->tags_ret < 0)
		return oh_err_set(err, s->tags_err.code, s->tags_err.input,
				  s->tags_err.line, s->tags_err.col, "%s",
				  s->tags_err.msg);
	hist_tags_move(walk, &s->tags);
	return 0;
}

/*
 * A first scan with a share: hand the walk (and the open sh) over, save
 * the commits while the other thread reads the walk, then write the
 * snapshot it encoded meanwhile, while it checkpoints the commits
 * (scan_hist_share_prepare()).  The autocheckpoint of the shared handle
 * stays off until the pass is over (close_shared()).
 */
static void save_shared(struct scan_hist_share *s, struct hist *fresh,
			struct store_hist **sh, struct scan_worker *wk)
{
	struct oh_err e = OH_ERR_INIT;

	pthread_mutex_lock(&s->mu);
	s->walk = *fresh;
	hist_init(fresh);
	s->sh = *sh;
	*sh = NULL;
	pthread_mutex_unlock(&s->mu);
	publish(s, true);
	pthread_mutex_lock(wk->lock);
	store_autocheckpoint(wk->st, false);
	s->ret = store_hist_save(s->sh, &s->walk, &s->err);
	if (s->ret == 0 && s->walk.commit_nr > 0)
		store_log_writeback(wk->st);
	pthread_mutex_unlock(wk->lock);
	signal_flag(s, &s->saved);
	wait_flag(s, &s->encoded);
	if (s->ret < 0 || !s->snap)
		return;
	/* a snapshot that cannot be written only costs the next re-scan */
	pthread_mutex_lock(wk->lock);
	(void)store_hist_snapshot_write(s->sh, s->snap, &e);
	pthread_mutex_unlock(wk->lock);
	oh_err_release(&e);
}

/*
 * Walk what is new, store it, and load the whole history into *all.
 * Returns 1 when the rest went to the share.
 */
static int walk_and_store(struct hist *all, struct scan_item *it,
			  struct scan_worker *wk, struct mirror_repo *repo,
			  struct scan_hist_share *share, struct oh_err *err)
{
	struct hist_opts ho = HIST_OPTS_INIT;
	struct known_ctx k = { .lock = wk->lock };
	struct hist fresh;
	char from[41];
	int64_t stored;
	int rewritten;
	int ret;

	hist_init(&fresh);
	pthread_mutex_lock(wk->lock);
	ret = store_hist_open(&k.sh, wk->st, it->repo_key,
			      it->remote ? "remote" : "local", err);
	pthread_mutex_unlock(wk->lock);
	if (ret < 0)
		goto out;
	pthread_mutex_lock(wk->lock);
	rewritten = collect_history_rewritten(from, k.sh, repo, err);
	stored = store_hist_count(k.sh);
	pthread_mutex_unlock(wk->lock);
	if (rewritten < 0) {
		ret = rewritten;
		goto out;
	}
	if (rewritten == 1) {
		scan_item_fact(it, "history.rewritten_from", "%s", from);
		scan_item_finding(
			it, "risk/history-rewritten",
			it->remote ? "medium" : "info", NULL,
			"commit %.12s, where the last scan's walk started, is no longer in the history of HEAD (%s); the stored history was dropped and read again",
			from,
			it->remote
				? "the upstream rewrote its history: a force-push"
				: "a rewrite, or another branch checked out");
	}
	ho.bots = wk->bots;
	if (stored > 0) { /* nothing stored: no commit is known, ask none */
		ho.known = known_locked;
		ho.known_payload = &k;
	}
	ho.tags = !share; /* else read by the other thread meanwhile */
	ho.chain = share ? share->chain : NULL;
	ret = collect_history(&fresh, repo, &ho, err);
	if (share)
		pathlog_chain_end(share->chain);
	if (ret == 0 && share)
		ret = take_tags(share, &fresh, err);
	if (ret < 0)
		goto out;
	if (share && stored == 0) {
		scan_item_fact(it, "history.walked", "%zu", fresh.commit_nr);
		save_shared(share, &fresh, &k.sh, wk);
		ret = 1;
		goto out;
	}
	/*
	 * No checkpoint at these commits: it would wait on an fdatasync()
	 * of the log here, on the scan's longest path, while the main
	 * thread's blob-cache reader keeps it from copying anything.  The
	 * kernel starts writing the log instead, and the item's commit
	 * after the join checkpoints it all.
	 */
	pthread_mutex_lock(wk->lock);
	store_autocheckpoint(wk->st, false);
	ret = store_hist_save(k.sh, &fresh, err);
	scan_item_fact(it, "history.walked", "%zu", fresh.commit_nr);
	if (ret == 0 && fresh.commit_nr > 0)
		store_log_writeback(wk->st);
	if (ret == 0)
		ret = collect_history_stored(all, k.sh, stored, &fresh, err);
	store_autocheckpoint(wk->st, true);
	pthread_mutex_unlock(wk->lock);
out:
	if (k.sh) {
		pthread_mutex_lock(wk->lock);
		store_hist_close(k.sh);
		pthread_mutex_unlock(wk->lock);
	}
	hist_release(&fresh);
	return ret;
}

static bool reviewed(const struct hist *h, const struct hist_commit *c)
{
	if (c->parents > 1 ||
	    strcasecmp(c->author_email, c->committer_email) != 0)
		return true;
	for (size_t t = c->trailer_first; t < c->trailer_first + c->trailer_nr;
	     t++)
		if (strcasecmp(h->trailer[t].key, "Reviewed-by") == 0 ||
		    strcasecmp(h->trailer[t].key, "Acked-by") == 0)
			return true;
	return false;
}

static void commit_facts(struct health_history *hh, const struct hist *h,
			 int64_t now)
{
	for (size_t i = 0; i < h->commit_nr; i++) {
		const struct hist_commit *c = &h->commit[i];
		bool recent = c->author_time > now - 365 * DAY &&
			      c->author_time <= now;

		if (hh->first_commit == 0 || c->author_time < hh->first_commit)
			hh->first_commit = c->author_time;
		if (c->author_time > hh->last_commit && c->author_time <= now)
			hh->last_commit = c->author_time;
		if (c->parents > 1)
			hh->merges_all++;
		if (recent && reviewed(h, c))
			hh->reviewed_365++;
		if (recent && c->signature)
			hh->signed_commits_365++;
	}
}

static void tag_facts(struct health_history *hh, const struct hist *h,
		      int64_t now)
{
	for (size_t i = 0; i < h->tag_nr; i++) {
		const struct hist_tag *t = &h->tag[i];

		hh->tags_all++;
		if (t->signed_tag)
			hh->tags_signed++;
	}
	(void)now;
}

static void fill_history(struct health_history *hh, const struct hist *h,
			 const struct act_metrics *m, const struct dco_stats *d,
			 int64_t now)
{
	memset(hh, 0, sizeof(*hh));
	hh->known = true;
	hh->commits_all = m->w[ACT_WALL].commits;
	hh->commits_90 = m->w[ACT_W90].commits;
	hh->commits_365 = m->w[ACT_W365].commits;
	hh->commits_prev_365 = m->w[ACT_W365].prev_commits;
	hh->authors_365 = m->w[ACT_W365].authors;
	hh->authors_all = m->w[ACT_WALL].authors;
	hh->new_authors_365 = m->w[ACT_W365].new_authors;
	hh->absence_factor_365 = m->w[ACT_W365].absence_factor;
	hh->elephant_factor_365 = m->w[ACT_W365].elephant_factor;
	hh->dco_share_365 = d->share_365;
	hh->dco_share_all = d->share_all;
	hh->elephant_known_365 = m->w[ACT_W365].elephant_known;
	hh->contributions_365 = m->w[ACT_W365].contributions;
	hh->merges_365 = m->w[ACT_W365].merges;
	hh->bot_commits_365 = m->w[ACT_W365].bot_commits;
	if (hh->contributions_365 > 0)
		hh->attributed_365 = (double)m->w[ACT_W365].attributed /
				     (double)hh->contributions_365;
	act_excluded_format(hh->excluded_365, sizeof(hh->excluded_365),
			    &m->w[ACT_W365]);
	hh->releases_all = m->rel.releases;
	hh->prereleases_all = m->rel.prereleases;
	hh->releases_365 = m->rel.releases_365;
	hh->last_release = m->rel.releases ? m->rel.last : 0;
	snprintf(hh->release_scheme, sizeof(hh->release_scheme), "%s",
		 m->rel.family);
	snprintf(hh->last_release_name, sizeof(hh->last_release_name), "%s",
		 m->rel.last_name ? m->rel.last_name : "");
	hh->release_interval_days = m->rel.median_interval_days;
	commit_facts(hh, h, now);
	tag_facts(hh, h, now);
}

static char *json_done(cJSON *o)
{
	char *s = cJSON_PrintUnformatted(o);

	cJSON_Delete(o);
	if (!s)
		OH_BUG("cJSON_PrintUnformatted failed");
	return s;
}

/* Commits per month for the last MONTHS_CHARTED months, oldest first. */
static char *monthly_json(const struct hist *h, int64_t now)
{
	size_t count[MONTHS_CHARTED] = { 0 };
	int64_t start = now - (int64_t)MONTHS_CHARTED * 30 * DAY;
	cJSON *o = cJSON_CreateObject();

	for (size_t i = 0; i < h->commit_nr; i++) {
		int64_t t = h->commit[i].author_time;
		size_t slot;

		if (t <= start || t > now)
			continue;
		slot = (size_t)((t - start) / (30 * DAY));
		if (slot < MONTHS_CHARTED)
			count[slot]++;
	}
	for (size_t k = 0; k < MONTHS_CHARTED; k++) {
		char label[16];

		oh_date_format(label, sizeof(label),
			       start + (int64_t)k * 30 * DAY);
		label[7] = '\0'; /* YYYY-MM */
		if (cJSON_GetObjectItemCaseSensitive(o, label))
			label[6] = (char)('a' + (k % 26)); /* keep keys apart */
		cJSON_AddNumberToObject(o, label, (double)count[k]);
	}
	return json_done(o);
}

static int cmp_key(const void *a, const void *b)
{
	return strcmp((*(cJSON *const *)a)->string,
		      (*(cJSON *const *)b)->string);
}

/* Sort an object's members by key: the same facts whatever the order of
 * the commits (walk order on a first scan, id order when read back). */
static void sort_keys(cJSON *o)
{
	size_t n = (size_t)cJSON_GetArraySize(o);
	cJSON **item;
	size_t i = 0;

	if (n < 2)
		return;
	item = oh_xcalloc(n, sizeof(*item));
	while (o->child)
		item[i++] = cJSON_DetachItemViaPointer(o, o->child);
	qsort(item, n, sizeof(*item), cmp_key);
	for (i = 0; i < n; i++)
		cJSON_AddItemToArray(o, item[i]);
	free(item);
}

/* Commits of the last 365 days per organisation (individuals pooled). */
static char *orgs_json(const struct hist *h, const struct act_orgs *orgs,
		       int64_t now)
{
	cJSON *o = cJSON_CreateObject();

	for (size_t i = 0; i < h->commit_nr; i++) {
		const struct hist_commit *c = &h->commit[i];
		const char *org;
		cJSON *n;

		if (c->author_time <= now - 365 * DAY || c->author_time > now)
			continue;
		org = orgs ? act_org_of(orgs, c->author_email) : NULL;
		if (!org)
			org = "(individuals and unknown domains)";
		n = cJSON_GetObjectItemCaseSensitive(o, org);
		if (n)
			cJSON_SetNumberValue(n, n->valuedouble + 1);
		else
			cJSON_AddNumberToObject(o, org, 1);
	}
	sort_keys(o);
	return json_done(o);
}

static char *tz_json(const struct act_metrics *m)
{
	cJSON *o = cJSON_CreateObject();

	for (size_t i = 0; i < ACT_TZ_SLOTS; i++) {
		int min = act_tz_minutes(i);
		char label[16];

		if (m->tz[i] == 0)
			continue;
		snprintf(label, sizeof(label), "%c%02d%02d",
			 min < 0 ? '-' : '+', (min < 0 ? -min : min) / 60,
			 (min < 0 ? -min : min) % 60);
		cJSON_AddNumberToObject(o, label, (double)m->tz[i]);
	}
	return json_done(o);
}

static void record(struct scan_item *it, const struct hist *h,
		   const struct act_metrics *m, const struct dco_stats *d,
		   const struct scan_worker *wk, int64_t now)
{
	char *s;
	char day[16];

	scan_item_fact(it, "activity.commits_all", "%zu",
		       m->w[ACT_WALL].commits);
	scan_item_fact(it, "activity.commits_365", "%zu",
		       m->w[ACT_W365].commits);
	scan_item_fact(it, "activity.commits_90", "%zu", m->w[ACT_W90].commits);
	scan_item_fact(it, "activity.authors_365", "%zu",
		       m->w[ACT_W365].authors);
	scan_item_fact(it, "activity.new_authors_365", "%zu",
		       m->w[ACT_W365].new_authors);
	scan_item_fact(it, "activity.inactive_authors", "%zu",
		       m->inactive_authors);
	scan_item_fact(it, "activity.absence_factor_365", "%zu",
		       m->w[ACT_W365].absence_factor);
	if (m->w[ACT_W365].elephant_known)
		scan_item_fact(it, "activity.elephant_factor_365", "%zu",
			       m->w[ACT_W365].elephant_factor);
	else
		scan_item_fact(it, "activity.elephant_factor_365", "unknown");
	scan_item_fact(it, "activity.releases", "%zu", m->releases);
	scan_item_fact(it, "activity.days_since_commit", "%lld",
		       (long long)m->days_since_commit);
	if (m->rel.releases > 0)
		scan_item_fact(it, "activity.days_since_release", "%lld",
			       (long long)m->rel.days_since_last);
	else
		scan_item_fact(it, "activity.days_since_release", "none");
	/* No commit in a window: no share, not a share of 0. */
	if (d->nonmerge_all > 0)
		scan_item_fact(it, "dco.share_all", "%.2f", d->share_all);
	else
		scan_item_fact(it, "dco.share_all", "none");
	if (d->nonmerge_365 > 0)
		scan_item_fact(it, "dco.share_365", "%.2f", d->share_365);
	else
		scan_item_fact(it, "dco.share_365", "none");
	if (d->enforced_since > 0) {
		oh_date_format(day, sizeof(day), d->enforced_since);
		scan_item_fact(it, "dco.enforced_since",
			       "%s (%zu commits since)", day,
			       d->enforced_commits);
	}
	s = monthly_json(h, now);
	scan_item_fact(it, "activity.monthly_commits", "%s", s);
	cJSON_free(s);
	s = orgs_json(h, wk->orgs, now);
	scan_item_fact(it, "activity.orgs_365", "%s", s);
	cJSON_free(s);
	s = tz_json(m);
	scan_item_fact(it, "activity.timezones", "%s", s);
	cJSON_free(s);
}

/* The shares of last year's commits per time-zone offset (evidence). */
static void tz_shares(struct scan_item *it, const struct hist *h, int64_t now)
{
	int off[64];
	size_t cnt[64];
	size_t n = 0, total = 0;

	for (size_t i = 0; i < h->commit_nr; i++) {
		const struct hist_commit *c = &h->commit[i];
		size_t k;

		if (c->author_time <= now - 365 * DAY || c->author_time > now)
			continue;
		for (k = 0; k < n && off[k] != c->author_tz; k++)
			;
		if (k == n) {
			if (n == 64)
				continue;
			off[n] = c->author_tz;
			cnt[n++] = 0;
		}
		cnt[k]++;
		total++;
	}
	if (total == 0)
		return;
	it->tz = oh_arena_alloc(&it->arena, n * sizeof(*it->tz));
	for (size_t k = 0; k < n; k++) {
		it->tz[k].offset_minutes = off[k];
		it->tz[k].share = (double)cnt[k] / (double)total;
	}
	it->tz_nr = n;
}

static void history_failed(struct scan_item *it, const struct oh_err *err)
{
	char line[512];

	oh_err_format(line, sizeof(line), err);
	/* The database failing is no fact about the component: the
	 * component fails, the run does not say "unknown" and pass. */
	if (err->code == OH_EDB) {
		it->failed = true;
		snprintf(it->error, sizeof(it->error), "%s", line);
		return;
	}
	scan_item_finding(it, "activity/history-unavailable", "medium", NULL,
			  "history facts unknown: %s", line);
}

static void history_facts(struct scan_item *it, const struct scan_worker *wk,
			  struct health_input *in, const struct hist *all,
			  const struct act_metrics *m,
			  const struct dco_stats *d)
{
	fill_history(&in->history, all, m, d, in->now);
	record(it, all, m, d, wk, in->now);
	tz_shares(it, all, in->now);
}

void scan_collect_history(struct scan_item *it, struct scan_worker *wk,
			  struct health_input *in, struct mirror_repo *repo,
			  struct scan_hist_share *share)
{
	struct oh_err err = OH_ERR_INIT;
	struct act_metrics m;
	struct dco_stats d;
	struct hist all;
	int ret;

	hist_init(&all);
	ret = walk_and_store(&all, it, wk, repo, share, &err);
	if (ret < 0) {
		history_failed(it, &err);
	} else if (ret == 0) {
		act_compute(&m, &all, wk->orgs, in->now);
		dco_stats_compute(&d, &all, in->now);
		history_facts(it, wk, in, &all, &m, &d);
	}
	publish(share, false); /* no-op when handed over */
	if (share)
		pathlog_chain_end(share->chain); /* one that never walked */
	hist_release(&all);
	oh_err_release(&err);
}

struct scan_hist_share *scan_hist_share_new(void)
{
	struct scan_hist_share *s = oh_xcalloc(1, sizeof(*s));

	pthread_mutex_init(&s->mu, NULL);
	pthread_cond_init(&s->cv, NULL);
	hist_init(&s->walk);
	hist_init(&s->tags);
	s->chain = pathlog_chain_new();
	s->err = (struct oh_err)OH_ERR_INIT;
	s->tags_err = (struct oh_err)OH_ERR_INIT;
	return s;
}

void scan_hist_share_prepare(struct scan_hist_share *s,
			     const struct scan_worker *wk,
			     const struct health_input *in)
{
	bool taken;

	pthread_mutex_lock(&s->mu);
	while (!s->published)
		pthread_cond_wait(&s->cv, &s->mu);
	taken = s->taken;
	pthread_mutex_unlock(&s->mu);
	if (!taken)
		return;
	/* beside the save of the same commits: both only read the walk */
	act_compute(&s->m, &s->walk, wk->orgs, in->now);
	dco_stats_compute(&s->d, &s->walk, in->now);
	s->snap = store_hist_snapshot_encode(&s->walk);
	signal_flag(s, &s->encoded);
	/*
	 * The commits are in the log, the snapshot on its way: copying them
	 * into the database now, through this thread's own handle (the blob
	 * cache's, its read transaction over), takes most of the work, a
	 * sync of 40 MB on git/git, off the item's commit after the join.
	 */
	wait_flag(s, &s->saved);
	if (s->ret == 0)
		store_checkpoint(wk->blob_db);
}

void scan_hist_share_tags(struct scan_hist_share *s, struct mirror_repo *repo)
{
	s->tags_ret = collect_history_tags(&s->tags, repo, &s->tags_err);
	signal_flag(s, &s->tags_read);
}

struct pathlog_chain *scan_hist_share_chain(struct scan_hist_share *s)
{
	return s ? s->chain : NULL;
}

void scan_hist_share_cancel(struct scan_hist_share *s)
{
	signal_flag(s, &s->tags_read); /* the walk's result is dropped */
	signal_flag(s, &s->encoded);   /* nothing will be encoded */
}

/* The end of the pass on the store: the checkpoints back, sh closed. */
static void close_shared(struct scan_hist_share *s, struct scan_worker *wk)
{
	if (!s->sh)
		return;
	pthread_mutex_lock(wk->lock);
	store_autocheckpoint(wk->st, true);
	store_hist_close(s->sh);
	s->sh = NULL;
	pthread_mutex_unlock(wk->lock);
}

void scan_hist_share_finish(struct scan_hist_share *s, struct scan_item *it,
			    struct scan_worker *wk, struct health_input *in)
{
	if (!s->taken)
		return;
	close_shared(s, wk);
	if (s->ret < 0)
		history_failed(it, &s->err);
	else
		history_facts(it, wk, in, &s->walk, &s->m, &s->d);
}

void scan_hist_share_free(struct scan_hist_share *s, struct scan_worker *wk)
{
	if (!s)
		return;
	close_shared(s, wk);
	hist_release(&s->walk);
	hist_release(&s->tags);
	pathlog_chain_free(s->chain);
	store_hist_snapshot_free(s->snap);
	oh_err_release(&s->err);
	oh_err_release(&s->tags_err);
	pthread_cond_destroy(&s->cv);
	pthread_mutex_destroy(&s->mu);
	free(s);
}
