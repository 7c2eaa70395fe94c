/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The batch: run records, resume, worker threads, the single writer.
 */
#include "scan/scan.h"

#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "core/err.h"
#include "core/xalloc.h"
#include "core/buf.h"
#include "core/path.h"
#include "git/gitlib.h"
#include "git/history.h"
#include "health/activity.h"
#include "license/adapt.h"
#include "net/http.h"
#include "policy/decide.h"
#include "policy/policy.h"
#include "git/mirror.h"
#include "health/health.h"
#include "scan/manifest.h"
#include "scan/scan_int.h"
#include "scan/shard.h"
#include "store/store.h"
#include "store/store_decision.h"
#include "store/store_merge.h"
#include "store/store_repo.h"
#include "store/store_scan.h"
#include "core/banned.h"

static volatile sig_atomic_t interrupted;

void scan_interrupt(void)
{
	interrupted = 1;
}

/*
 * What the batch keeps of each component until a worker takes it: the
 * full struct scan_item (about 14 KiB) exists only while the component is
 * in flight, so a run of 100,000 components does not hold 1.4 GB.
 */
struct scan_slot {
	const struct manifest_component *mc; /* borrowed from the manifest */
	int64_t component_id;                /* row id */
	const char *repo_key;                /* repositories.url (arena) */
	bool skip;                           /* done in the resumed run */
};

struct batch {
	struct store *st;                     /* the writer's connection */
	const struct scan_opts *opts;         /* borrowed */
	const struct health_weights *w;       /* scoring weights */
	struct hist_bots *bots;               /* rules/bots.json */
	struct act_orgs *orgs;                /* rules/orgs.json */
	struct policy_rules *rules;           /* rules/policy.json */
	const struct policy_profile *profile; /* --profile */
	struct scan_slot *slot;               /* one per component */
	struct oh_arena arena;                /* the slots' repo keys */
	size_t nr;                            /* slots */
	size_t next;                          /* next item to hand out */
	size_t finished;                      /* items written or failed */
	int64_t run_id;                       /* the run */
	struct scan_summary *sum;             /* counts */
	scan_event_fn cb;                     /* progress */
	void *payload;                        /* for cb */
	pthread_mutex_t lock;                 /* guards next, store, sum, cb */
	struct oh_err db_err;                 /* first database failure */
	bool split; /* workers run their history pass in a thread */
};

static void emit(struct batch *b, enum scan_event_kind kind, const char *name,
		 const char *msg)
{
	struct scan_event ev = { .kind = kind,
				 .name = name,
				 .message = msg,
				 .finished = b->finished,
				 .total = b->nr };

	if (b->cb)
		b->cb(&ev, b->payload);
}

static char *evidence_json(const struct health_check *c)
{
	cJSON *arr = cJSON_CreateArray();
	char *s;

	for (size_t i = 0; i < c->evidence_nr; i++)
		cJSON_AddItemToArray(arr, cJSON_CreateString(c->evidence[i]));
	if (c->evidence_more > 0) {
		char more[64];

		snprintf(more, sizeof(more), "... and %zu more",
			 c->evidence_more);
		cJSON_AddItemToArray(arr, cJSON_CreateString(more));
	}
	s = cJSON_PrintUnformatted(arr);
	cJSON_Delete(arr);
	if (!s)
		OH_BUG("cJSON_PrintUnformatted failed");
	return s;
}

/* Checks that score very low become findings. */
static const char *finding_severity(const struct health_check *c)
{
	if (c->state != HEALTH_SCORED || c->weight <= 0 || c->score > 3)
		return NULL;
	if (strcmp(c->name, "open-source") == 0 ||
	    strcmp(c->name, "dangerous-workflow") == 0 ||
	    strcmp(c->name, "vulnerabilities") == 0)
		return "high";
	if (c->category == HEALTH_SECURITY || c->category == HEALTH_RISK)
		return c->score == 0 ? "medium" : "low";
	return "low";
}

static int write_checks(struct batch *b, const struct scan_item *it,
			struct oh_err *err)
{
	for (size_t i = 0; i < it->health.check_nr; i++) {
		const struct health_check *c = &it->health.check[i];
		const char *sev = finding_severity(c);
		char *ev = evidence_json(c);
		char code[96];
		int ret;

		ret = store_score_put(b->st, b->run_id, it->component_id,
				      health_category_name(c->category),
				      c->name, health_state_name(c->state),
				      c->score, c->reason, ev, err);
		snprintf(code, sizeof(code), "%s/%s",
			 health_category_name(c->category), c->name);
		if (sev && (it->check_waived >> i & 1u) != 0)
			sev = "info";
		if (ret == 0 && sev)
			ret = store_finding_put(b->st, b->run_id,
						it->component_id, code, sev,
						c->reason, ev, err);
		cJSON_free(ev);
		if (ret < 0)
			return ret;
	}
	return 0;
}

static int write_categories(struct batch *b, const struct scan_item *it,
			    struct oh_err *err)
{
	for (int k = 0; k < HEALTH_CATEGORY_NR; k++) {
		const struct health_category_score *cs =
			&it->health.category[k];
		char key[48], val[32];

		snprintf(key, sizeof(key), "score.%s",
			 health_category_name((enum health_category)k));
		if (cs->state == HEALTH_SCORED)
			snprintf(val, sizeof(val), "%.1f", cs->score);
		else
			snprintf(val, sizeof(val), "unknown");
		if (store_fact_put(b->st, b->run_id, it->component_id, key, val,
				   err) < 0)
			return err->code;
	}
	return 0;
}

static int write_findings(struct batch *b, const struct scan_item *it,
			  struct oh_err *err)
{
	for (size_t i = 0; i < it->finding_nr; i++) {
		const struct scan_finding *f = &it->finding[i];

		if (store_finding_put(b->st, b->run_id, it->component_id,
				      f->code, f->severity, f->message,
				      f->evidence, err) < 0)
			return err->code;
	}
	return 0;
}

static int update_repo(struct batch *b, const struct scan_item *it,
		       struct oh_err *err)
{
	struct store_repo repo = {
		.url = it->repo_key,
		.kind = it->remote ? STORE_REPO_REMOTE : STORE_REPO_LOCAL,
		.mirror_path = it->mirror_path,
		.last_fetch_at =
			it->remote && !it->offline_mirror ? it->finished_at : 0,
		.last_head = it->revision,
	};
	int64_t id;

	return store_repo_upsert(&id, b->st, &repo, err);
}

static const char *item_fact(const struct scan_item *it, const char *key)
{
	for (size_t i = 0; i < it->fact_nr; i++)
		if (strcmp(it->fact[i].key, key) == 0)
			return it->fact[i].value;
	return NULL;
}

/* The origin decision and the overall decision's reasons (decide.h). */
static int write_decision(struct batch *b, const struct scan_item *it,
			  struct oh_err *err)
{
	return store_decision_put(b->st, b->run_id, it->component_id,
				  item_fact(it, "policy.decision"),
				  item_fact(it, "decision.reasons"), err);
}

static int write_item(struct batch *b, const struct scan_item *it,
		      struct oh_err *err)
{
	struct store_rc rc = { .status = it->failed ? "failed" : "done",
			       .revision =
				       it->revision[0] ? it->revision : NULL,
			       .error = it->failed ? it->error : NULL,
			       .decision =
				       it->decision[0] ? it->decision : NULL,
			       .started_at = it->started_at,
			       .finished_at = it->finished_at };

	if (store_begin(b->st, err) < 0)
		return err->code;
	if (store_run_component_put(b->st, b->run_id, it->component_id, &rc,
				    err) < 0)
		goto fail;
	if (!it->failed && update_repo(b, it, err) < 0)
		goto fail;
	if (scan_blobs_write(it->blobs, b->st, err) < 0)
		goto fail;
	if (!it->failed && write_decision(b, it, err) < 0)
		goto fail;
	if (!it->failed) {
		if (write_checks(b, it, err) < 0 ||
		    write_categories(b, it, err) < 0)
			goto fail;
		if (write_findings(b, it, err) < 0)
			goto fail;
		for (size_t i = 0; i < it->fact_nr; i++)
			if (store_fact_put(b->st, b->run_id, it->component_id,
					   it->fact[i].key, it->fact[i].value,
					   err) < 0)
				goto fail;
	}
	if (store_commit(b->st, err) < 0)
		goto fail;
	return 0;
fail:
	store_rollback(b->st);
	return err->code;
}

/* What a worker holds: its license engine, HTTP client, cache handle. */
void scan_worker_release(struct scan_worker *wk)
{
	lic_adapt_close(wk->lic);
	wk->lic = NULL;
	net_client_free(wk->net);
	wk->net = NULL;
	store_close(wk->net_cache);
	wk->net_cache = NULL;
	store_close(wk->vulns_db);
	wk->vulns_db = NULL;
	store_close(wk->blob_db);
	wk->blob_db = NULL;
}

static void *worker(void *arg)
{
	struct batch *b = arg;
	struct scan_worker wk = { .st = b->st,
				  .lock = &b->lock,
				  .bots = b->bots,
				  .orgs = b->orgs,
				  .rules = b->rules,
				  .rules_source =
					  b->opts->policy_rules
						  ? b->opts->policy_rules
						  : "rules/policy.json",
				  .profile = b->profile,
				  .split = b->split };

	for (;;) {
		struct scan_item *it;
		const struct scan_slot *sl;

		pthread_mutex_lock(&b->lock);
		while (b->next < b->nr && b->slot[b->next].skip)
			b->next++;
		if (b->next >= b->nr || interrupted ||
		    b->db_err.code != OH_OK) {
			pthread_mutex_unlock(&b->lock);
			break;
		}
		sl = &b->slot[b->next++];
		emit(b, SCAN_EV_START, sl->mc->name, NULL);
		pthread_mutex_unlock(&b->lock);

		it = oh_xcalloc(1, sizeof(*it));
		it->mc = sl->mc;
		it->component_id = sl->component_id;
		it->repo_key = oh_arena_strdup(&it->arena, sl->repo_key);

		scan_collect(it, &wk, b->opts, b->w);

		pthread_mutex_lock(&b->lock);
		if (b->db_err.code == OH_OK &&
		    write_item(b, it, &b->db_err) == 0) {
			b->finished++;
			if (it->failed)
				b->sum->failed++;
			else
				b->sum->done++;
			emit(b, it->failed ? SCAN_EV_FAILED : SCAN_EV_DONE,
			     it->mc->name, it->failed ? it->error : NULL);
		}
		pthread_mutex_unlock(&b->lock);
		scan_item_release(it);
		free(it);
	}
	scan_worker_release(&wk);
	return NULL;
}

/*
 * The repository row: the normalised, redacted URL for remote sources
 * (credentials never reach the database), the path for local ones.  The
 * writer completes it (mirror path, head, fetch time) after collection.
 */
static int record_component(struct batch *b, struct scan_slot *it,
			    struct oh_err *err)
{
	struct store_repo repo = { .kind = STORE_REPO_LOCAL };
	struct oh_buf key = OH_BUF_INIT;
	int64_t repo_id = 0;
	int ret;

	if (oh_url_is_remote(it->mc->repo)) {
		repo.kind = STORE_REPO_REMOTE;
		if (oh_url_normalise(&key, it->mc->repo, NULL) < 0) {
			oh_buf_reset(&key);
			oh_url_redact(&key, it->mc->repo);
		}
	} else {
		oh_buf_adds(&key, it->mc->repo);
	}
	repo.url = key.buf;
	it->repo_key = oh_arena_strdup(&b->arena, key.buf);
	ret = store_repo_upsert(&repo_id, b->st, &repo, err);
	if (ret == 0)
		ret = store_component_upsert(&it->component_id, b->st,
					     it->mc->name, repo_id,
					     it->mc->declared_json, err);
	oh_buf_release(&key);
	return ret;
}

/*
 * The SBOM packages left out, in one transaction; with OSV enrichment,
 * each row's reason carries what OSV knows of its purl (asked before the
 * transaction, one lookup for all of them).
 */
static int record_unreviewed(struct batch *b, const struct manifest *m,
			     struct oh_err *err)
{
	struct oh_buf *reason;
	int ret = 0;

	b->sum->unreviewed = m->unreviewed_nr;
	if (m->unreviewed_nr == 0)
		return 0;
	reason = oh_xcalloc(m->unreviewed_nr, sizeof(*reason));
	for (size_t i = 0; i < m->unreviewed_nr; i++)
		oh_buf_adds(&reason[i], m->unreviewed[i].reason
						? m->unreviewed[i].reason
						: "");
	scan_osv_unreviewed(reason, m->unreviewed, m->unreviewed_nr, b->opts);
	if (store_begin(b->st, err) < 0) {
		ret = err->code;
		goto out;
	}
	for (size_t i = 0; i < m->unreviewed_nr; i++) {
		const struct manifest_unreviewed *u = &m->unreviewed[i];

		if (store_run_unreviewed_put(b->st, b->run_id, (int64_t)i,
					     u->name, u->version, u->element,
					     reason[i].buf, err) < 0) {
			store_rollback(b->st);
			ret = err->code;
			goto out;
		}
	}
	if (store_commit(b->st, err) < 0)
		ret = err->code;
out:
	for (size_t i = 0; i < m->unreviewed_nr; i++)
		oh_buf_release(&reason[i]);
	free(reason);
	return ret;
}

static int start_run(struct batch *b, const struct manifest *m,
		     const char *inputs, struct oh_err *err)
{
	struct store_run run = { .started_at = b->opts->now,
				 .tool_version = b->opts->tool_version,
				 .rules_version = health_weights_version(b->w),
				 .profile = b->opts->profile ? b->opts->profile
							     : "default",
				 .inputs_json = inputs };

	if (!b->opts->new_run &&
	    store_run_find_resumable(&b->run_id, b->st, inputs, err) < 0)
		return err->code;
	b->sum->resumed = b->run_id > 0;
	if (b->run_id == 0 && store_run_begin(&b->run_id, b->st, &run, err) < 0)
		return err->code;
	if (b->opts->shard_count > 0 &&
	    store_run_shard_set(b->st, b->run_id, b->opts->shard_index,
				b->opts->shard_count, b->opts->inputs_digest,
				b->opts->all_inputs, err) < 0)
		return err->code;
	b->sum->run_id = b->run_id;
	if (record_unreviewed(b, m, err) < 0)
		return err->code;
	if (b->opts->waivers &&
	    store_run_waivers_put(b->st, b->run_id, b->opts->waivers->source,
				  b->opts->waivers->text, err) < 0)
		return err->code;
	/* One transaction for the rows of every component: 100,000
	 * autocommits would each wait for the WAL. */
	if (store_begin(b->st, err) < 0)
		return err->code;
	for (size_t i = 0; i < m->component_nr; i++) {
		struct scan_slot *it = &b->slot[i];
		int done;

		it->mc = &m->component[i];
		if (record_component(b, it, err) < 0)
			goto fail;
		done = b->sum->resumed
			       ? store_run_component_done(b->st, b->run_id,
							  it->component_id, err)
			       : 0;
		if (done < 0)
			goto fail;
		it->skip = done == 1;
		if (it->skip) {
			b->sum->skipped++;
			b->finished++;
			emit(b, SCAN_EV_SKIPPED, it->mc->name, NULL);
		}
	}
	if (store_commit(b->st, err) < 0)
		goto fail;
	return 0;
fail:
	store_rollback(b->st);
	return err->code;
}

static int run_workers(struct batch *b)
{
	pthread_t tid[SCAN_MAX_JOBS];
	unsigned jobs = b->opts->jobs;
	unsigned started = 0;

	if (jobs == 0)
		jobs = 1;
	if (jobs > SCAN_MAX_JOBS)
		jobs = SCAN_MAX_JOBS;
	if (jobs > b->nr)
		jobs = b->nr > 0 ? (unsigned)b->nr : 1;
	/* a core left idle by every worker: passes run side by side */
	b->split = b->opts->jobs >= 2 * jobs;
	for (unsigned i = 0; i < jobs; i++)
		if (pthread_create(&tid[i], NULL, worker, b) == 0)
			started++;
	if (started == 0)
		worker(b);
	for (unsigned i = 0; i < started; i++)
		pthread_join(tid[i], NULL);
	return 0;
}

/* The data files every worker shares: bot patterns, organisations. */
static int load_rules(struct batch *b, struct oh_err *err)
{
	struct oh_buf path = OH_BUF_INIT;
	int ret = oh_data_file(&path, "rules/bots.json", err);

	if (ret == 0)
		ret = hist_bots_load(&b->bots, path.buf, err);
	oh_buf_reset(&path);
	if (ret == 0)
		ret = oh_data_file(&path, "rules/orgs.json", err);
	if (ret == 0)
		ret = act_orgs_load(&b->orgs, path.buf, err);
	if (ret == 0)
		ret = policy_rules_load(&b->rules, b->opts->policy_rules, err);
	if (ret == 0) {
		b->profile = policy_profile_find(b->rules, b->opts->profile);
		if (!b->profile)
			ret = oh_err_set(err, OH_EINPUT, NULL, 0, 0,
					 "no policy profile named '%.60s'",
					 b->opts->profile);
	}
	oh_buf_release(&path);
	return ret;
}

int scan_run(struct scan_summary *out, struct store *st,
	     const struct manifest *m, const struct scan_opts *opts,
	     scan_event_fn cb, void *payload, struct oh_err *err)
{
	struct batch b = { .st = st,
			   .opts = opts,
			   .sum = out,
			   .cb = cb,
			   .payload = payload,
			   .db_err = OH_ERR_INIT };
	struct health_weights *w = NULL;
	char *inputs = scan_inputs_names(m);
	int ret;

	memset(out, 0, sizeof(*out));
	out->total = m->component_nr;
	interrupted = 0;
	ret = health_weights_load(&w, NULL, err);
	if (ret == 0)
		ret = load_rules(&b, err);
	if (ret < 0)
		goto out;
	b.w = w;
	b.nr = m->component_nr;
	b.slot = oh_xcalloc(b.nr ? b.nr : 1, sizeof(*b.slot));
	pthread_mutex_init(&b.lock, NULL);
	gitlib_init();
	ret = start_run(&b, m, inputs, err);
	if (ret == 0)
		run_workers(&b);
	gitlib_shutdown();
	pthread_mutex_destroy(&b.lock);
	if (ret == 0 && b.db_err.code != OH_OK) {
		ret = oh_err_set(err, b.db_err.code, b.db_err.input, 0, 0, "%s",
				 b.db_err.msg);
	}
	out->interrupted = interrupted != 0;
	if (ret == 0 && !out->interrupted)
		ret = store_run_finish(st, b.run_id,
				       out->failed > 0 ? STORE_RUN_PARTIAL
						       : STORE_RUN_DONE,
				       opts->now, err);
	free(b.slot);
	oh_arena_release(&b.arena);
out:
	oh_err_release(&b.db_err);
	hist_bots_free(b.bots);
	policy_rules_free(b.rules);
	act_orgs_free(b.orgs);
	health_weights_free(w);
	free(inputs);
	return ret;
}
