/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * First-parent walk recording changes of a few paths.
 */
#include "git/pathlog.h"

#include <stdbool.h>
#include <string.h>

#include <git2.h>

#include "core/err.h"
#include "core/xalloc.h"
#include "git/gitlib.h"
#include "git/mirror_int.h"
#include "core/banned.h"

const char *pathlog_kind_name(enum pathlog_kind k)
{
	switch (k) {
	case PATHLOG_ADDED:
		return "added";
	case PATHLOG_MODIFIED:
		return "modified";
	case PATHLOG_REMOVED:
		return "removed";
	}
	OH_BUG("bad pathlog kind %d", (int)k);
}

void pathlog_release(struct pathlog *p)
{
	oh_arena_release(&p->arena);
	memset(p, 0, sizeof(*p));
}

/* The blob id at `path` in `tree`, or a zero id when absent. */
static void blob_at(git_oid *out, git_tree *tree, const char *path)
{
	const git_tree_entry *top;
	git_tree_entry *e = NULL;

	memset(out, 0, sizeof(*out));
	if (!tree)
		return;
	if (!strchr(path, '/')) {
		/* Root files (the common case): no allocation, no lookup of
		 * sub-trees. */
		top = git_tree_entry_byname(tree, path);
		if (top && git_tree_entry_type(top) == GIT_OBJECT_BLOB)
			git_oid_cpy(out, git_tree_entry_id(top));
		return;
	}
	if (git_tree_entry_bypath(&e, tree, path) == 0) {
		if (git_tree_entry_type(e) == GIT_OBJECT_BLOB)
			git_oid_cpy(out, git_tree_entry_id(e));
		git_tree_entry_free(e);
	}
}

static void record(struct pathlog *out, const git_commit *c, const char *path,
		   const git_oid *old, const git_oid *new)
{
	struct pathlog_change *ch;
	const char *summary;

	if (out->change_nr >= PATHLOG_MAX_CHANGES) {
		out->more++;
		return;
	}
	ch = &out->change[out->change_nr++];
	memset(ch, 0, sizeof(*ch));
	git_oid_tostr(ch->commit, sizeof(ch->commit), git_commit_id(c));
	ch->time = (int64_t)git_commit_author(c)->when.time;
	summary = git_commit_summary((git_commit *)c);
	ch->subject = oh_arena_strdup(&out->arena, summary ? summary : "");
	ch->path = path;
	ch->kind = git_oid_is_zero(old)   ? PATHLOG_ADDED
		   : git_oid_is_zero(new) ? PATHLOG_REMOVED
					  : PATHLOG_MODIFIED;
	if (!git_oid_is_zero(old))
		git_oid_tostr(ch->old_blob, sizeof(ch->old_blob), old);
	if (!git_oid_is_zero(new))
		git_oid_tostr(ch->new_blob, sizeof(ch->new_blob), new);
}

/* Record the paths whose blob differs between `tree` and `ptree`. */
static void compare(struct pathlog *out, const git_commit *c, git_tree *tree,
		    git_tree *ptree, const char *const *paths, size_t path_nr)
{
	if (ptree && git_oid_equal(git_tree_id(tree), git_tree_id(ptree)))
		return;
	for (size_t i = 0; i < path_nr; i++) {
		git_oid now, before;

		blob_at(&now, tree, paths[i]);
		blob_at(&before, ptree, paths[i]);
		if (!git_oid_equal(&now, &before))
			record(out, c, paths[i], &before, &now);
	}
}

/*
 * Follow the first-parent chain by hand: each commit's tree is read once
 * and serves as the parent tree of the commit before it.
 */
static int walk_chain(struct pathlog *out, git_commit *c,
		      const char *const *paths, size_t path_nr,
		      size_t max_commits, const git_oid *stop)
{
	git_tree *tree = NULL;
	int ret = -1;

	if (git_commit_tree(&tree, c) < 0)
		goto out;
	while (c) {
		git_commit *parent = NULL;
		git_tree *ptree = NULL;

		if (max_commits > 0 && out->commits >= max_commits)
			break;
		if (stop && git_oid_equal(git_commit_id(c), stop)) {
			out->stopped = true;
			break;
		}
		if (git_commit_parentcount(c) > 0 &&
		    (git_commit_parent(&parent, c, 0) < 0 ||
		     git_commit_tree(&ptree, parent) < 0)) {
			git_commit_free(parent);
			goto out;
		}
		compare(out, c, tree, ptree, paths, path_nr);
		out->commits++;
		git_tree_free(tree);
		tree = ptree;
		git_commit_free(c);
		c = parent;
	}
	ret = 0;
out:
	git_tree_free(tree);
	git_commit_free(c);
	return ret;
}

int pathlog_collect(struct pathlog *out, struct mirror_repo *mr,
		    const char *rev, const char *const *paths, size_t path_nr,
		    size_t max_commits, const char *name, struct oh_err *err)
{
	return pathlog_collect_until(out, mr, rev, NULL, paths, path_nr,
				     max_commits, name, err);
}

int pathlog_collect_until(struct pathlog *out, struct mirror_repo *mr,
			  const char *rev, const char *stop,
			  const char *const *paths, size_t path_nr,
			  size_t max_commits, const char *name,
			  struct oh_err *err)
{
	git_repository *repo = mirror_repo_git(mr);
	git_oid stop_id;
	bool has_stop = stop && git_oid_fromstr(&stop_id, stop) == 0;
	git_object *start = NULL;
	git_commit *head = NULL;
	int ret = OH_EGIT;

	memset(out, 0, sizeof(*out));
	if (path_nr > PATHLOG_MAX_PATHS)
		return oh_err_set(err, OH_EINPUT, name, 0, 0,
				  "more than %d paths to follow",
				  PATHLOG_MAX_PATHS);
	if (git_revparse_single(&start, repo, rev ? rev : "HEAD") < 0)
		return oh_err_set(err, OH_ENOTFOUND, name, 0, 0,
				  "revision '%.60s' not found",
				  rev ? rev : "HEAD");
	if (git_object_peel((git_object **)&head, start, GIT_OBJECT_COMMIT) <
	    0) {
		ret = gitlib_error(err, name, "'%.60s' is not a commit",
				   rev ? rev : "HEAD");
		goto out;
	}
	/* walk_chain() owns and frees the commits it walks. */
	if (walk_chain(out, head, paths, path_nr, max_commits,
		       has_stop ? &stop_id : NULL) < 0) {
		ret = gitlib_error(err, name, "cannot walk the history");
		goto out;
	}
	ret = 0;
out:
	git_object_free(start);
	return ret;
}
