/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The collection layer: one open, one tree walk (with the license scan as
 * a visitor), one revwalk.  See collect.h.
 */
#include "collect/collect.h"

#include <stdio.h>
#include <sys/stat.h>

#include "core/err.h"
#include "core/path.h"
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
