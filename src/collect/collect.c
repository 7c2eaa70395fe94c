/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The collection layer: one open, one tree walk (with the license scan as
 * a visitor), one revwalk.  See collect.h.
 */
#include "collect/collect.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "core/err.h"
#include "core/path.h"
#include "facts/hist.h"
#include "facts/tree.h"
#include "git/history.h"
#include "git/mirror.h"
#include "git/reach.h"
#include "git/tree.h"
#include "license/scan.h"
#include "store/store_hist.h"
#include "core/banned.h"

int collect_open(struct mirror_repo **out, const char *source,
		 const struct mirror_opts *mo, struct mirror_outcome *oc,
		 struct oh_err *err)
{
	struct mirror_opts none = MIRROR_OPTS_INIT;
	struct mirror_outcome ignored;

	return mirror_open(out, source, mo ? mo : &none, oc ? oc : &ignored,
			   err);
}

int collect_tree(struct tree_files *files, struct lic_scan *lic,
		 struct mirror_repo *repo, const char *rev,
		 const struct lic_scan_opts *lo, const char *name,
		 struct oh_err *err)
{
	return collect_tree_cached(files, lic, repo, rev, lo, NULL, name, err);
}

int collect_tree_cached(struct tree_files *files, struct lic_scan *lic,
			struct mirror_repo *repo, const char *rev,
			const struct lic_scan_opts *lo,
			const struct tree_blob_cache *cache, const char *name,
			struct oh_err *err)
{
	struct lic_scan_walk *lw = NULL;
	struct tree_visitor v[1];
	size_t v_nr = 0;
	int rc;

	if (lic)
		lic_scan_walk_begin(&lw, &v[v_nr++], lic, lo, name, err);
	rc = tree_walk_cached(files, repo, rev, name, v, v_nr, cache, err);
	lic_scan_walk_end(lw, files->commit_id, rc == 0);
	return rc;
}

/* Is `path` a directory that holds a git repository (work tree or bare)? */
static bool looks_like_repo(const char *path)
{
	static const char *const probe[] = { "/.git", "/HEAD" };
	struct stat sb;

	if (stat(path, &sb) < 0 || !S_ISDIR(sb.st_mode))
		return false;
	for (size_t i = 0; i < sizeof(probe) / sizeof(probe[0]); i++) {
		char p[4096];
		int n = snprintf(p, sizeof(p), "%s%s", path, probe[i]);

		if (n > 0 && (size_t)n < sizeof(p) && oh_path_exists(p))
			return true;
	}
	return false;
}

int collect_license(struct lic_scan *lic, struct mirror_repo **repo_out,
		    const char *path, const struct lic_scan_opts *lo,
		    struct oh_err *err)
{
	struct tree_files files = TREE_FILES_INIT;
	struct mirror_repo *repo = NULL;
	int rc;

	if (repo_out)
		*repo_out = NULL;
	if ((lo && lo->no_git) || !looks_like_repo(path))
		return lic_scan_run(lic, path, lo, err);
	/* a repository that cannot be opened is an error, not a directory */
	rc = collect_open(&repo, path, NULL, NULL, err);
	if (rc < 0)
		return rc;
	rc = collect_tree(&files, lic, repo, lo ? lo->rev : NULL, lo, path,
			  err);
	tree_files_release(&files);
	if (rc == 0 && repo_out)
		*repo_out = repo;
	else
		mirror_repo_free(repo);
	return rc;
}

int collect_history(struct hist *h, struct mirror_repo *repo,
		    const struct hist_opts *opts, struct oh_err *err)
{
	return hist_collect_repo(h, repo, opts, err);
}

int collect_history_tags(struct hist *h, struct mirror_repo *repo,
			 struct oh_err *err)
{
	return hist_collect_tags_repo(h, repo, err);
}

int collect_history_rewritten(char from[41], struct store_hist *sh,
			      struct mirror_repo *repo, struct oh_err *err)
{
	char head[REACH_HEX];
	struct oh_err e = OH_ERR_INIT;
	bool on = true;
	int rc;

	from[0] = '\0';
	if (store_hist_last_head(sh, from) != 1)
		return 0;
	if (reach_resolve(head, repo, NULL, &e) == 0 &&
	    reach_is_ancestor(&on, repo, from, head, &e) < 0)
		/* gone from the repository: not its past; else keep it */
		on = e.code != OH_ENOTFOUND;
	oh_err_release(&e);
	if (on) {
		from[0] = '\0';
		return 0;
	}
	rc = store_hist_forget(sh, err);
	return rc < 0 ? rc : 1;
}

static int cmp_id(const void *a, const void *b)
{
	return strcmp(((const struct hist_commit *)a)->id,
		      ((const struct hist_commit *)b)->id);
}

/*
 * Append the walk's new commits to the stored ones read from the
 * snapshot, as store_hist_load_metrics() would read them all back: no
 * subjects, the three trailers the metrics read, in id order.
 */
static void append_fresh(struct hist *all, const struct hist *fresh)
{
	for (size_t i = 0; i < fresh->commit_nr; i++) {
		const struct hist_commit *f = &fresh->commit[i];
		struct hist_commit *c = hist_commit_add(all);

		memcpy(c->id, f->id, sizeof(c->id));
		c->author_name = hist_intern(all, f->author_name);
		c->author_email = hist_intern(all, f->author_email);
		c->committer_name = hist_intern(all, f->committer_name);
		c->committer_email = hist_intern(all, f->committer_email);
		c->author_time = f->author_time;
		c->committer_time = f->committer_time;
		c->author_tz = f->author_tz;
		c->committer_tz = f->committer_tz;
		c->parents = f->parents;
		c->subject = "";
		c->signature = f->signature;
		c->is_bot = f->is_bot;
		for (size_t t = 0; t < f->trailer_nr; t++) {
			const struct hist_trailer *tr =
				&fresh->trailer[f->trailer_first + t];

			if (strcasecmp(tr->key, "Signed-off-by") == 0 ||
			    strcasecmp(tr->key, "Reviewed-by") == 0 ||
			    strcasecmp(tr->key, "Acked-by") == 0)
				hist_trailer_add(all, tr->key, NULL, NULL,
						 tr->ident_email);
		}
	}
	if (fresh->commit_nr > 0)
		qsort(all->commit, all->commit_nr, sizeof(*all->commit),
		      cmp_id);
}

int collect_history_stored(struct hist *all, struct store_hist *sh,
			   int64_t stored, struct hist *fresh,
			   struct oh_err *err)
{
	struct oh_err e = OH_ERR_INIT;
	bool snap = false;
	int ret = 0;

	if (stored == 0) { /* nothing stored before: the walk is it all */
		hist_release(all);
		*all = *fresh;
		hist_init(fresh);
	} else if (store_hist_snapshot_load(all, sh, stored) == 1) {
		append_fresh(all, fresh);
		snap = fresh->commit_nr == 0;
		/*
		 * The table gained exactly the walk (each walked commit was
		 * new, as the save counted), or the rows are read: no
		 * count(*) over the table (a tenth of a re-scan's reading).
		 */
		if (store_hist_added(sh) != (int64_t)fresh->commit_nr) {
			hist_release(all);
			hist_init(all);
			ret = store_hist_load_metrics(all, sh, err);
			snap = false;
		}
	} else {
		ret = store_hist_load_metrics(all, sh, err);
	}
	/* a snapshot that cannot be written only costs the next re-scan */
	if (ret == 0 && !snap)
		(void)store_hist_snapshot_save(sh, all, &e);
	oh_err_release(&e);
	return ret;
}
