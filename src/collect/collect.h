/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef OH_COLLECT_COLLECT_H
#define OH_COLLECT_COLLECT_H

/*
 * The collection layer: the facts of one repository, gathered in one pass
 * over a handle opened once.  `scan` calls these for every component of
 * a batch; the single-repository commands (`license`, `history`, `sbom
 * generate`, ...) call the same functions, so a fact means the same
 * everywhere.
 *
 *   collect_open()     a local path or URL through the mirror cache;
 *                      the one open of the repository
 *   collect_tree()     the one tree walk: file facts, the binary test and,
 *                      when asked, the license scan as a visitor
 *   collect_history()  the one revwalk: commits, trailers, tags
 *   collect_license()  a path: the same tree walk when it is a git
 *                      repository, else a plain directory walk
 *
 * Functions return 0 or a negative oh_code with err filled; they never
 * print.  Handles and fact structs are owned by the caller.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct hist;
struct hist_opts;
struct lic_scan;
struct lic_scan_opts;
struct mirror_opts;
struct mirror_outcome;
struct mirror_repo;
struct oh_err;
struct tree_files;

/**
 * Open `source` (a path: in place; a URL: through the mirror cache, cloned
 * or fetched as `mo` says).  Free *out with mirror_repo_free().  `mo` and
 * `oc` may be NULL.  Errors as mirror_open().
 */
int collect_open(struct mirror_repo **out, const char *source,
		 const struct mirror_opts *mo, struct mirror_outcome *oc,
		 struct oh_err *err);

/**
 * The one tree walk over `rev` (NULL: HEAD): file facts into `files`
 * (TREE_FILES_INIT), and when `lic` is not NULL (LIC_SCAN_INIT) the
 * license scan with `lo` (may be NULL) in the same pass.  `name` names
 * the repository in errors.
 */
int collect_tree(struct tree_files *files, struct lic_scan *lic,
		 struct mirror_repo *repo, const char *rev,
		 const struct lic_scan_opts *lo, const char *name,
		 struct oh_err *err);

/** collect_tree() with a blob cache (facts/tree.h; NULL: none). */
struct tree_blob_cache;
int collect_tree_cached(struct tree_files *files, struct lic_scan *lic,
			struct mirror_repo *repo, const char *rev,
			const struct lic_scan_opts *lo,
			const struct tree_blob_cache *cache, const char *name,
			struct oh_err *err);

/**
 * The license scan of `path`: a git repository (work tree or bare, at
 * lo->rev) is opened once and walked with collect_tree(); anything else
 * (or lo->no_git) is read as a plain directory.  *lic is LIC_SCAN_INIT.
 * When `repo_out` is not NULL and `path` was a repository, the open
 * handle is handed over (caller frees with mirror_repo_free()).
 */
int collect_license(struct lic_scan *lic, struct mirror_repo **repo_out,
		    const char *path, const struct lic_scan_opts *lo,
		    struct oh_err *err);

/**
 * The facts of a source tree for SBOM generation and verification
 * (sbom/source.h): `path` is a git repository at `rev` (NULL meaning
 * HEAD) unless `no_git`, otherwise a directory, read into *out
 * (SBOM_SOURCE_INIT).  Errors: OH_ENOTFOUND (path or revision), OH_EGIT,
 * OH_EIO, OH_ELIMIT, and the license engine's data errors.
 */
struct sbom_source;
int collect_sbom_source(struct sbom_source *out, const char *path,
			const char *rev, bool no_git, struct oh_err *err);

/** The one revwalk over an open repository (hist_collect_repo()). */
int collect_history(struct hist *h, struct mirror_repo *repo,
		    const struct hist_opts *opts, struct oh_err *err);

/** The tags alone (hist_collect_tags_repo()), for a walk without them. */
int collect_history_tags(struct hist *h, struct mirror_repo *repo,
			 struct oh_err *err);

/**
 * Before an incremental walk over stored history (`sh`): is the commit
 * the last walk started from (last_head) still in the past of HEAD?  If
 * not, the history was rewritten (a force-push, or another branch
 * checked out): the stored commits are no longer the repository's past,
 * so they are dropped (store_hist_forget()) and the walk reads it all.
 * Returns 1 when they were dropped (`from`: the old head, hex), 0 when
 * the stored history stands or none is recorded, or an error of the
 * store.  A HEAD or ancestry that cannot be read keeps the history.
 */
struct store_hist;
int collect_history_rewritten(char from[41], struct store_hist *sh,
			      struct mirror_repo *repo, struct oh_err *err);

/**
 * The stored history as the metrics read it (store_hist_load_metrics():
 * no subjects, only the Signed-off-by, Reviewed-by and Acked-by
 * trailers, in id order), after the walk's new commits `fresh` were
 * saved by store_hist_save(sh) over `stored` earlier ones: the snapshot
 * of what was stored before plus `fresh` (only what changed is read),
 * else every row read back.  With nothing stored before, *fresh itself is moved into *all
 * (walk order).  A snapshot is written whenever it was missing or the
 * history grew; failing to write it only costs the next run.
 */
int collect_history_stored(struct hist *all, struct store_hist *sh,
			   int64_t stored, struct hist *fresh,
			   struct oh_err *err);
#endif /* OH_COLLECT_COLLECT_H */
