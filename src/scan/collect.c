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
#include "scan/manifest.h"
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

	it->remote = mirror_source_is_url(it->mc->repo);
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
		    strncmp(f->path, ".gitea/workflows/", 17) != 0)
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
	size_t n = 0;

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
	return n;
}

/*
 * Record, as a JSON fact, every commit that added, changed or removed a
 * root license file: the evidence for "the license changed in commit X".
 */
static bool license_history(struct pathlog *log, struct scan_item *it,
			    struct mirror_repo *repo, const char **paths,
			    const struct tree_files *t)
{
	size_t n = root_license_files(paths, t);
	struct oh_err err = OH_ERR_INIT;
	cJSON *arr;
	char *json;

	if (n == 0 || pathlog_collect(log, repo, it->revision, paths, n, 0,
				      it->mc->name, &err) < 0) {
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
	size_t ci_nr;

	it->started_at = (int64_t)time(NULL);
	if (open_repo(&repo, it, opts, &err) < 0) {
		fail(it, &err);
		goto out;
	}
	/* the one tree walk: file facts and the license scan together */
	if (collect_tree(&files, &ls, repo, version_ref(it, repo), NULL,
			 it->mc->name, &err) < 0) {
		fail(it, &err);
		goto out;
	}
	snprintf(it->revision, sizeof(it->revision), "%s", files.commit_id);
	ci_nr = read_ci(ci, &it->arena, repo, &files);
	memset(&in, 0, sizeof(in));
	in.now = opts->now;
	in.files = &files;
	in.ci_text = ci;
	in.ci_text_nr = ci_nr;
	declared_facts(&in, it->mc);
	has_log = license_history(&log, it, repo, lic_paths, &files);
	scan_collect_license(it, wk, &in, &ls, repo, has_log ? &log : NULL);
	if (has_log)
		pathlog_release(&log);
	scan_collect_history(it, wk, &in, repo);
	scan_collect_enrich(it, wk, opts, &in);
	health_evaluate(&it->health, &in, w);
	scan_collect_policy(it, wk, &in, &it->health);
	record_facts(it, &files, ci_nr);
out:
	it->finished_at = (int64_t)time(NULL);
	tree_files_release(&files);
	lic_scan_release(&ls);
	mirror_repo_free(repo);
	oh_err_release(&err);
}
