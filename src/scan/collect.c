/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Collecting one component's facts and evaluating its health.  Runs in a
 * worker thread: the repository is opened once (collect_open), its tree
 * walked once (collect_tree: file facts and license scan), its history
 * walked once (collect_history, in collect_hist.c).
 */
#include "scan/scan_int.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdbool.h>
#include <strings.h>
#include <time.h>

#include <cjson/cJSON.h>

#include "core/buf.h"
#include "core/err.h"
#include "core/timeutil.h"
#include "core/xalloc.h"
#include "collect/collect.h"
#include "git/mirror.h"
#include "git/pathlog.h"
#include "git/tree.h"
#include "license/scan.h"
#include "policy/policy.h"
#include "scan/manifest.h"
#include "store/store_scan.h"
#include "core/banned.h"

void scan_item_fact(struct scan_item *it, const char *key, const char *fmt, ...)
{
	struct oh_buf b = OH_BUF_INIT;
	va_list ap;

	if (it->fact_nr >= SCAN_MAX_FACTS)
		OH_BUG("more than %d facts", SCAN_MAX_FACTS);
	va_start(ap, fmt);
	oh_buf_vaddf(&b, fmt, ap);
	va_end(ap);
	it->fact[it->fact_nr].key = key;
	it->fact[it->fact_nr].value =
		oh_arena_strndup(&it->arena, b.buf, b.len);
	it->fact_nr++;
	oh_buf_release(&b);
}

void scan_item_release(struct scan_item *it)
{
	health_result_release(&it->health);
	oh_arena_release(&it->arena);
	scan_blobs_free(it->blobs);
	it->blobs = NULL;
}

static void fail(struct scan_item *it, const struct oh_err *err)
{
	char line[512];

	oh_err_format(line, sizeof(line), err);
	it->failed = true;
	snprintf(it->error, sizeof(it->error), "%s", line);
}

/*
 * Open the component's repository: a local path in place, a URL through
 * the mirror cache (clone or incremental fetch, with the time limit).
 */
static int open_repo(struct mirror_repo **repo, struct scan_item *it,
		     const struct scan_opts *opts, struct oh_err *err)
{
	struct mirror_opts mo = MIRROR_OPTS_INIT;

	struct mirror_outcome oc;
	char t[32];
	int ret;

	it->remote = oh_url_is_remote(it->mc->repo);
	mo.cache_dir = opts->cache_dir;
	mo.offline = opts->offline;
	if (opts->timeout > 0)
		mo.timeout = opts->timeout;
	ret = collect_open(repo, it->mc->repo, &mo, &oc, err);
	if (ret == 0 && it->remote)
		it->mirror_path =
			oh_arena_strdup(&it->arena, mirror_repo_path(*repo));
	if (ret == 0 && it->remote && opts->offline) {
		/* The air gap: say how old the reviewed mirror is. */
		oh_time_format(t, sizeof(t), oc.synced_at);
		scan_item_fact(
			it, "mirror.offline",
			"not fetched (--offline): the cached mirror, last fetched %s",
			oc.synced_at > 0 ? t : "at an unknown time");
		it->offline_mirror = true;
	}
	return ret;
}

/* CI configuration files of other services (tools run there count for
 * the SAST and fuzzing checks). */
static bool other_ci_file(const char *p)
{
	static const char *const names[] = {
		".travis.yml",
		".cirrus.yml",
		"appveyor.yml",
		".appveyor.yml",
		"azure-pipelines.yml",
		".circleci/config.yml",
		"Jenkinsfile",
		".buildkite/pipeline.yml",
		".zuul.yaml",
		"zuul.yaml",
		NULL,
	};

	for (size_t i = 0; names[i]; i++)
		if (strcmp(p, names[i]) == 0)
			return true;
	return false;
}

/* Read the CI workflow files the security checks look at. */
static size_t read_ci(struct health_text *out, struct oh_arena *arena,
		      struct mirror_repo *repo, const struct tree_files *t)
{
	size_t n = 0;

	for (size_t i = 0; i < t->file_nr && n < SCAN_MAX_CI_FILES; i++) {
		const struct tree_file *f = &t->file[i];
		struct oh_buf b = OH_BUF_INIT;
		struct oh_err err = OH_ERR_INIT;

		if (strncmp(f->path, ".github/workflows/", 18) != 0 &&
		    strcmp(f->path, ".gitlab-ci.yml") != 0 &&
		    strncmp(f->path, ".forgejo/workflows/", 19) != 0 &&
		    strncmp(f->path, ".gitea/workflows/", 17) != 0 &&
		    !other_ci_file(f->path))
			continue;
		if (tree_blob_read(&b, repo, f->blob_id, SCAN_MAX_CI_BYTES,
				   &err) == 0) {
			out[n].path = f->path;
			out[n].text = oh_arena_strndup(arena, b.buf, b.len);
			n++;
		}
		oh_buf_release(&b);
		oh_err_release(&err);
	}
	return n;
}

/* License files at the root: the ones whose history the scan follows. */
static size_t root_license_files(const char **out, const struct tree_files *t)
{
	static const char *const stems[] = { "LICENSE", "LICENCE", "COPYING",
					     "UNLICENSE" };
	/* also followed when absent now: a relicensing that deleted one of
	 * them and added another in one commit is a change of license */
	static const char *const usual[] = { "COPYING",     "LICENSE",
					     "LICENSE.txt", "LICENSE.md",
					     "COPYING.txt", "LICENCE" };
	size_t n = 0;
	size_t present;

	for (size_t i = 0; i < t->file_nr && n < PATHLOG_MAX_PATHS; i++) {
		const char *p = t->file[i].path;

		if (strchr(p, '/'))
			continue;
		for (size_t k = 0; k < sizeof(stems) / sizeof(stems[0]); k++) {
			if (strncasecmp(p, stems[k], strlen(stems[k])) == 0) {
				out[n++] = p;
				break;
			}
		}
	}
	present = n;
	for (size_t k = 0;
	     present > 0 && k < sizeof(usual) / sizeof(usual[0]) &&
	     n < PATHLOG_MAX_PATHS;
	     k++) {
		bool have = false;

		for (size_t i = 0; i < present; i++)
			have = have || strcmp(out[i], usual[k]) == 0;
		if (!have)
			out[n++] = usual[k];
	}
	return n;
}

/* The paths followed, joined: a stored history serves only the same set. */
static void join_paths(struct oh_buf *b, const char **paths, size_t n)
{
	for (size_t i = 0; i < n; i++)
		oh_buf_addf(b, "%s%s", i ? "\n" : "", paths[i]);
}

static const char *json_str(const cJSON *o, const char *key)
{
	const char *v =
		cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(o, key));

	return v ? v : "";
}

/* Append the changes of a stored license.file_history fact to log. */
static bool log_from_json(struct pathlog *log, const char *json,
			  const char **paths, size_t n)
{
	cJSON *arr = cJSON_Parse(json);
	const cJSON *o;
	bool ok = cJSON_IsArray(arr);

	if (!ok) {
		cJSON_Delete(arr);
		return false;
	}
	cJSON_ArrayForEach(o, arr)
	{
		struct pathlog_change *c;
		const char *path = cJSON_GetStringValue(
			cJSON_GetObjectItemCaseSensitive(o, "path"));
		const char *kind = cJSON_GetStringValue(
			cJSON_GetObjectItemCaseSensitive(o, "change"));
		const char *subject = cJSON_GetStringValue(
			cJSON_GetObjectItemCaseSensitive(o, "subject"));
		size_t k;

		for (k = 0; path && k < n && strcmp(paths[k], path) != 0; k++)
			;
		if (!path || k == n || !kind || !subject) {
			ok = false;
			break;
		}
		if (log->change_nr >= PATHLOG_MAX_CHANGES) {
			log->more++;
			continue;
		}
		c = &log->change[log->change_nr++];
		memset(c, 0, sizeof(*c));
		c->path = paths[k];
		c->kind = strcmp(kind, "added") == 0     ? PATHLOG_ADDED
			  : strcmp(kind, "removed") == 0 ? PATHLOG_REMOVED
							 : PATHLOG_MODIFIED;
		c->time = (int64_t)cJSON_GetNumberValue(
			cJSON_GetObjectItemCaseSensitive(o, "time"));
		c->subject = oh_arena_strdup(&log->arena, subject);
		snprintf(c->commit, sizeof(c->commit), "%s",
			 json_str(o, "commit"));
		snprintf(c->old_blob, sizeof(c->old_blob), "%s",
			 json_str(o, "old_blob"));
		snprintf(c->new_blob, sizeof(c->new_blob), "%s",
			 json_str(o, "new_blob"));
	}
	cJSON_Delete(arr);
	return ok;
}

/*
 * The history of the root license files, walked only as far as the
 * previous review of the component: the changes up to the revision it
 * reviewed are facts of that revision, kept in the database.  Same
 * revision: nothing is walked; a later one on the first-parent chain:
 * only the new commits.  Anything else (other paths, a rewritten
 * history, a stored fact that does not read back): the whole chain.
 */
static int walk_license_paths(struct pathlog *log, struct scan_item *it,
			      struct scan_worker *wk, struct mirror_repo *repo,
			      struct pathlog_chain *chain, const char **paths,
			      size_t n, struct oh_err *err)
{
	struct oh_buf want = OH_BUF_INIT;
	char *prev = NULL, *prev_paths = NULL;
	char rev[41], rev2[41];
	int found = 0, rc;

	join_paths(&want, paths, n);
	if (wk->st) {
		struct oh_err e = OH_ERR_INIT;

		pthread_mutex_lock(wk->lock);
		found = store_fact_latest(&prev_paths, rev2, wk->st,
					  it->component_id,
					  "license.file_history_paths", &e);
		if (found == 1)
			found = store_fact_latest(&prev, rev, wk->st,
						  it->component_id,
						  "license.file_history", &e);
		pthread_mutex_unlock(wk->lock);
		oh_err_release(&e);
		if (found == 1 && (strcmp(prev_paths, want.buf) != 0 ||
				   strcmp(rev, rev2) != 0))
			found = 0;
	}
	if (found == 1 && strcmp(rev, it->revision) == 0) {
		memset(log, 0, sizeof(*log));
		rc = log_from_json(log, prev, paths, n) ? 0 : -1;
	} else {
		rc = pathlog_collect_until(log, repo, it->revision,
					   found == 1 ? rev : NULL, chain,
					   paths, n, 0, it->mc->name, err);
		if (rc == 0 && log->stopped &&
		    !log_from_json(log, prev, paths, n))
			rc = -1;
	}
	if (rc == -1) { /* the stored fact did not read back: walk it all */
		pathlog_release(log);
		rc = pathlog_collect(log, repo, it->revision, paths, n, 0,
				     it->mc->name, err);
	}
	if (rc == 0)
		scan_item_fact(it, "license.file_history_paths", "%s",
			       want.buf);
	free(prev);
	free(prev_paths);
	oh_buf_release(&want);
	return rc;
}

/*
 * Record, as a JSON fact, every commit that added, changed or removed a
 * root license file: the evidence for "the license changed in commit X".
 */
static bool license_history(struct pathlog *log, struct scan_item *it,
			    struct scan_worker *wk, struct mirror_repo *repo,
			    struct pathlog_chain *chain, const char **paths,
			    const struct tree_files *t)
{
	size_t n = root_license_files(paths, t);
	struct oh_err err = OH_ERR_INIT;
	cJSON *arr;
	char *json;

	if (n == 0 ||
	    walk_license_paths(log, it, wk, repo, chain, paths, n, &err) < 0) {
		oh_err_release(&err);
		return false;
	}
	arr = cJSON_CreateArray();
	for (size_t i = 0; i < log->change_nr; i++) {
		const struct pathlog_change *c = &log->change[i];
		cJSON *o = cJSON_CreateObject();

		cJSON_AddStringToObject(o, "commit", c->commit);
		cJSON_AddNumberToObject(o, "time", (double)c->time);
		cJSON_AddStringToObject(o, "path", c->path);
		cJSON_AddStringToObject(o, "change",
					pathlog_kind_name(c->kind));
		cJSON_AddStringToObject(o, "subject", c->subject);
		cJSON_AddStringToObject(o, "old_blob", c->old_blob);
		cJSON_AddStringToObject(o, "new_blob", c->new_blob);
		cJSON_AddItemToArray(arr, o);
	}
	json = cJSON_PrintUnformatted(arr);
	if (!json)
		OH_BUG("cJSON_PrintUnformatted failed");
	scan_item_fact(it, "license.file_history", "%s", json);
	cJSON_free(json);
	cJSON_Delete(arr);
	return true;
}

static void declared_facts(struct health_input *in,
			   const struct manifest_component *mc)
{
	/* Only a manifest entry that lists alternatives says something. */
	in->declared.alternatives_known = mc->alternative_nr > 0;
	in->declared.alternatives = mc->alternative_nr;
}

static void record_facts(struct scan_item *it, const struct tree_files *t,
			 size_t ci_nr)
{
	size_t binary = 0;

	for (size_t i = 0; i < t->file_nr; i++)
		if (t->file[i].binary)
			binary++;
	scan_item_fact(it, "revision", "%s", t->commit_id);
	scan_item_fact(it, "files.count", "%zu", t->file_nr);
	scan_item_fact(it, "files.binary", "%zu", binary);
	scan_item_fact(it, "ci.workflows", "%zu", ci_nr);
	scan_item_fact(it, "risk.level", "%s",
		       health_risk_name(it->health.risk));
}

/*
 * The revision of a component from an SBOM that names a version but no
 * revision: the first tag of v<version>, <version>, <name>-<version>,
 * <name>@<version> the repository has, else HEAD.  Which one is recorded
 * as the fact sbom.revision, so a report says what was reviewed.
 */
static const char *version_ref(struct scan_item *it, struct mirror_repo *repo)
{
	const struct manifest_component *mc = it->mc;
	const char *v = mc->version;
	const char *slash = strrchr(mc->name, '/');
	const char *base = slash ? slash + 1 : mc->name;
	size_t blen = strcspn(base, "@ ");
	char cand[4][256];

	if (mc->ref || !v || v[0] == '\0')
		return mc->ref;
	snprintf(cand[0], sizeof(cand[0]), "v%s", v);
	snprintf(cand[1], sizeof(cand[1]), "%s", v);
	snprintf(cand[2], sizeof(cand[2]), "%.*s-%s", (int)blen, base, v);
	snprintf(cand[3], sizeof(cand[3]), "%.*s@%s", (int)blen, base, v);
	for (size_t i = 0; i < 4; i++)
		if (tree_has_tag(repo, cand[i])) {
			scan_item_fact(it, "sbom.revision",
				       "tag %s (version %s)", cand[i], v);
			return oh_arena_strdup(&it->arena, cand[i]);
		}
	scan_item_fact(it, "sbom.revision",
		       "HEAD: no tag names version %s (tried %s, %s, %s, %s)",
		       v, cand[0], cand[1], cand[2], cand[3]);
	return NULL;
}

/*
 * The history pass in a thread of its own, on its own handle (libgit2
 * handles are one per thread) and its own item, merged after the join so
 * that the facts come out in the order of a sequential scan.
 */
struct hist_pass {
	struct scan_item item;    /* what the pass records */
	struct scan_worker *wk;   /* shared: the store is used under its lock */
	struct health_input *in;  /* the pass writes in->history only */
	struct mirror_repo *repo; /* the second handle */
	struct scan_hist_share *share; /* its walk, handed over */
	pthread_t tid;
	bool started;
};

static void *hist_thread(void *arg)
{
	struct hist_pass *p = arg;

	scan_collect_history(&p->item, p->wk, p->in, p->repo, p->share);
	return NULL;
}

static void hist_start(struct hist_pass *p, struct scan_item *it,
		       struct scan_worker *wk, struct health_input *in,
		       struct mirror_repo *repo)
{
	struct oh_err err = OH_ERR_INIT;

	memset(p, 0, sizeof(*p));
	if (!wk->split || mirror_repo_reopen(&p->repo, repo, &err) < 0) {
		oh_err_release(&err);
		return; /* the pass runs in sequence instead */
	}
	p->item.mc = it->mc;
	p->item.component_id = it->component_id;
	p->item.repo_key = it->repo_key;
	p->item.remote = it->remote;
	p->wk = wk;
	p->in = in;
	p->share = scan_hist_share_new();
	p->started = pthread_create(&p->tid, NULL, hist_thread, p) == 0;
	if (!p->started) {
		mirror_repo_free(p->repo);
		p->repo = NULL;
		scan_hist_share_free(p->share, wk);
		p->share = NULL;
	}
}

/* Join the pass (or run it now) and take over what it recorded. */
static void hist_finish(struct hist_pass *p, struct scan_item *it,
			struct scan_worker *wk, struct health_input *in,
			struct mirror_repo *repo)
{
	struct scan_item *h = &p->item;

	if (!p->started) {
		scan_collect_history(it, wk, in, repo, NULL);
		return;
	}
	/* a first scan: the metrics and the snapshot beside the save */
	scan_hist_share_prepare(p->share, wk, in);
	pthread_join(p->tid, NULL);
	p->started = false;
	if (h->failed && !it->failed) { /* the database failed the pass */
		it->failed = true;
		snprintf(it->error, sizeof(it->error), "%s", h->error);
	}
	for (size_t i = 0; i < h->fact_nr; i++)
		scan_item_fact(it, h->fact[i].key, "%s", h->fact[i].value);
	for (size_t i = 0; i < h->finding_nr; i++)
		scan_item_finding(
			it, h->finding[i].code, h->finding[i].severity,
			h->finding[i].evidence, "%s", h->finding[i].message);
	it->finding_more += h->finding_more;
	if (h->tz_nr > 0) {
		it->tz = oh_arena_alloc(&it->arena, h->tz_nr * sizeof(*it->tz));
		memcpy(it->tz, h->tz, h->tz_nr * sizeof(*it->tz));
		it->tz_nr = h->tz_nr;
	}
	scan_hist_share_finish(p->share, it, wk, in);
	scan_hist_share_free(p->share, wk);
	p->share = NULL;
	scan_item_release(h);
	mirror_repo_free(p->repo);
}

void scan_collect(struct scan_item *it, struct scan_worker *wk,
		  const struct scan_opts *opts, const struct health_weights *w)
{
	const char *lic_paths[PATHLOG_MAX_PATHS];
	struct pathlog log;
	bool has_log;
	struct oh_err err = OH_ERR_INIT;
	struct tree_files files = TREE_FILES_INIT;
	struct health_text ci[SCAN_MAX_CI_FILES];
	struct health_input in;
	struct lic_scan ls = LIC_SCAN_INIT;
	struct mirror_repo *repo = NULL;
	struct hist_pass hp;
	struct scan_blobs *blobs = NULL;
	struct tree_blob_cache tc;
	struct lic_scan_cache lc;
	struct lic_scan_opts lo = { 0 };
	size_t ci_nr;
	int rc;

	it->started_at = (int64_t)time(NULL);
	memset(&hp, 0, sizeof(hp));
	memset(&in, 0, sizeof(in));
	in.now = opts->now;
	if (open_repo(&repo, it, opts, &err) < 0) {
		fail(it, &err);
		goto out;
	}
	hist_start(&hp, it, wk, &in, repo);
	if (hp.started) /* its tags, read here beside its walk */
		scan_hist_share_tags(hp.share, repo);
	/* the one tree walk: file facts and the license scan together,
	 * reading only the blobs the cache does not know */
	scan_blobs_open(&blobs, wk, &tc, &lc);
	it->blobs = blobs; /* the license matcher's cache too */
	lo.cache = blobs ? &lc : NULL;
	rc = collect_tree_cached(&files, &ls, repo, version_ref(it, repo), &lo,
				 blobs ? &tc : NULL, it->mc->name, &err);
	if (rc < 0) {
		fail(it, &err);
		goto out;
	}
	snprintf(it->revision, sizeof(it->revision), "%s", files.commit_id);
	ci_nr = read_ci(ci, &it->arena, repo, &files);
	in.files = &files;
	in.ci_text = ci;
	in.ci_text_nr = ci_nr;
	declared_facts(&in, it->mc);
	/* the first-parent chain from the history walk, when beside */
	has_log = license_history(&log, it, wk, repo,
				  scan_hist_share_chain(hp.share), lic_paths,
				  &files);
	scan_collect_license(it, wk, &in, &ls, repo, has_log ? &log : NULL);
	scan_collect_relicensing(it, &in, repo, &files);
	if (has_log)
		pathlog_release(&log);
	/* the blob cache is read no more: its read transaction ends before
	 * the history pass's commits are checkpointed (hist_finish) */
	scan_blobs_finish(blobs);
	hist_finish(&hp, it, wk, &in, repo);
	scan_collect_enrich(it, wk, opts, &in);
	scan_collect_vulns(it, wk, opts, &in, repo);
	health_evaluate(&it->health, &in, w);
	scan_collect_policy(it, wk, opts, &in, &it->health);
	record_facts(it, &files, ci_nr);
out:
	if (hp.started && it->failed) { /* the pass is of no use now */
		scan_hist_share_cancel(hp.share);
		pthread_join(hp.tid, NULL);
		scan_hist_share_free(hp.share, wk);
		scan_item_release(&hp.item);
		mirror_repo_free(hp.repo);
	}
	scan_blobs_finish(blobs);
	it->blobs = blobs; /* written with the item */
	it->finished_at = (int64_t)time(NULL);
	tree_files_release(&files);
	lic_scan_release(&ls);
	mirror_repo_free(repo);
	oh_err_release(&err);
}
