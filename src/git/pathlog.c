/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * First-parent walk recording changes of a few paths.
 */
#include "git/pathlog.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
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

/*
 * The same walk on raw objects, for root paths only (the scan's license
 * files): per commit only its tree and first parent are read from the
 * commit, and from the tree only the entries of the paths, instead of
 * parsing both objects whole (a third of the walk on git/git, whose root
 * tree has 500 entries).  A commit is parsed in full only when it made a
 * change.  An object that does not read as a commit or tree fails the
 * walk, as the parse of libgit2 does.
 */

/* Read hex id `hex` (40 digits) at p into out; false if not one. */
static bool raw_oid(git_oid *out, const char *p, const char *end)
{
	return end - p >= GIT_OID_HEXSZ &&
	       git_oid_fromstrn(out, p, GIT_OID_HEXSZ) == 0;
}

/* The tree and first parent of commit `id` ("tree X\nparent Y\n..."). */
/* ---- the chain of a walk on another thread (pathlog.h) ------------- */

struct chain_rec {
	unsigned char id[GIT_OID_RAWSZ], tree[GIT_OID_RAWSZ],
		parent[GIT_OID_RAWSZ];
	bool has_parent;
};

struct pathlog_chain {
	pthread_mutex_t mu;
	pthread_cond_t cv;
	struct chain_rec *rec; /* only under mu: it moves as it grows */
	size_t nr, alloc;
	bool ended;   /* nothing more will come */
	bool waiting; /* the reader sleeps on cv */
};

struct pathlog_chain *pathlog_chain_new(void)
{
	struct pathlog_chain *ch = oh_xcalloc(1, sizeof(*ch));

	pthread_mutex_init(&ch->mu, NULL);
	pthread_cond_init(&ch->cv, NULL);
	return ch;
}

void pathlog_chain_free(struct pathlog_chain *ch)
{
	if (!ch)
		return;
	pthread_cond_destroy(&ch->cv);
	pthread_mutex_destroy(&ch->mu);
	free(ch->rec);
	free(ch);
}

static void chain_wake(struct pathlog_chain *ch)
{
	if (ch->waiting) {
		ch->waiting = false;
		pthread_cond_broadcast(&ch->cv);
	}
}

bool pathlog_chain_add(struct pathlog_chain *ch, const unsigned char *id,
		       const unsigned char *tree, const unsigned char *parent)
{
	struct chain_rec *r;
	bool on;

	pthread_mutex_lock(&ch->mu);
	on = !ch->ended && (ch->nr == 0 || (ch->rec[ch->nr - 1].has_parent &&
					    memcmp(ch->rec[ch->nr - 1].parent,
						   id, GIT_OID_RAWSZ) == 0));
	if (on) {
		OH_GROW(ch->rec, ch->alloc, ch->nr + 1);
		r = &ch->rec[ch->nr++];
		memcpy(r->id, id, GIT_OID_RAWSZ);
		memcpy(r->tree, tree, GIT_OID_RAWSZ);
		r->has_parent = parent != NULL;
		if (parent)
			memcpy(r->parent, parent, GIT_OID_RAWSZ);
	} else {
		ch->ended = true;
	}
	chain_wake(ch);
	pthread_mutex_unlock(&ch->mu);
	return on;
}

void pathlog_chain_end(struct pathlog_chain *ch)
{
	if (!ch)
		return;
	pthread_mutex_lock(&ch->mu);
	ch->ended = true;
	chain_wake(ch);
	pthread_mutex_unlock(&ch->mu);
}

/* Commit `id`'s tree and first parent from record k of the chain, once
 * the walk got there; false when the chain ended before or holds
 * another commit there. */
static bool chain_get(struct pathlog_chain *ch, size_t k, const git_oid *id,
		      git_oid *tree, git_oid *parent, bool *has_parent)
{
	bool ok;

	pthread_mutex_lock(&ch->mu);
	while (ch->nr <= k && !ch->ended) {
		ch->waiting = true;
		pthread_cond_wait(&ch->cv, &ch->mu);
	}
	ok = ch->nr > k && memcmp(ch->rec[k].id, id->id, GIT_OID_RAWSZ) == 0;
	if (ok) {
		git_oid_fromraw(tree, ch->rec[k].tree);
		*has_parent = ch->rec[k].has_parent;
		if (*has_parent)
			git_oid_fromraw(parent, ch->rec[k].parent);
	}
	pthread_mutex_unlock(&ch->mu);
	return ok;
}

static int raw_commit(git_odb *odb, const git_oid *id, git_oid *tree,
		      git_oid *parent, bool *has_parent)
{
	git_odb_object *o = NULL;
	const char *p, *end;
	int ret = -1;

	*has_parent = false;
	if (git_odb_read(&o, odb, id) < 0)
		return -1;
	p = git_odb_object_data(o);
	end = p + git_odb_object_size(o);
	if (git_odb_object_type(o) != GIT_OBJECT_COMMIT ||
	    end - p < 5 + GIT_OID_HEXSZ + 1 || memcmp(p, "tree ", 5) != 0 ||
	    !raw_oid(tree, p + 5, end) || p[5 + GIT_OID_HEXSZ] != '\n')
		goto out;
	p += 5 + GIT_OID_HEXSZ + 1;
	if (end - p >= 7 + GIT_OID_HEXSZ + 1 && memcmp(p, "parent ", 7) == 0) {
		if (!raw_oid(parent, p + 7, end) ||
		    p[7 + GIT_OID_HEXSZ] != '\n')
			goto out;
		*has_parent = true;
	}
	ret = 0;
out:
	git_odb_object_free(o);
	return ret;
}

/*
 * Whether tree entry `name` (a tree's name compared as "name/") sorts
 * after the file `path`: git keeps a tree's entries in that order, so
 * the file is not in the rest of the tree.
 */
static bool past(const char *name, size_t len, bool tree, const char *path,
		 size_t plen)
{
	size_t n = len < plen ? len : plen;
	int c = memcmp(name, path, n);

	if (c != 0)
		return c > 0;
	return len > plen || (len == plen && tree);
}

/*
 * The blob ids of the root paths in tree `id` (zero when absent or not
 * a blob: a tree or a submodule), entry by entry: "<mode> <name>\0<id>".
 * The walk stops at the first entry past every path (an entry of git's
 * order): most of a big root tree is never looked at.
 */
static int raw_root_blobs(git_odb *odb, const git_oid *id,
			  const char *const *paths, size_t path_nr,
			  git_oid *out)
{
	git_odb_object *o = NULL;
	const char *p, *end;
	size_t found = 0, len[PATHLOG_MAX_PATHS];
	bool got[PATHLOG_MAX_PATHS] = { false };
	int ret = -1;

	memset(out, 0, path_nr * sizeof(*out));
	for (size_t i = 0; i < path_nr; i++)
		len[i] = strlen(paths[i]);
	if (git_odb_read(&o, odb, id) < 0)
		return -1;
	p = git_odb_object_data(o);
	end = p + git_odb_object_size(o);
	if (git_odb_object_type(o) != GIT_OBJECT_TREE)
		goto out;
	while (p < end && found < path_nr) {
		const char *name, *nul;
		unsigned mode = 0;
		bool tree;

		for (; p < end && *p >= '0' && *p <= '7'; p++)
			mode = (mode << 3) | (unsigned)(*p - '0');
		if (p >= end || *p != ' ' || mode > 07777777)
			goto out;
		name = p + 1;
		nul = memchr(name, '\0', (size_t)(end - name));
		if (!nul || nul == name || end - (nul + 1) < GIT_OID_RAWSZ)
			goto out;
		p = nul + 1 + GIT_OID_RAWSZ;
		tree = (mode & 0170000) == 0040000;
		for (size_t i = 0; i < path_nr; i++) {
			if (got[i])
				continue;
			if (past(name, (size_t)(nul - name), tree, paths[i],
				 len[i])) {
				got[i] = true; /* absent */
				found++;
				continue;
			}
			if (tree || (mode & 0170000) == 0160000)
				continue; /* a tree or a submodule */
			if (len[i] == (size_t)(nul - name) &&
			    paths[i][0] == name[0] &&
			    memcmp(paths[i], name, len[i]) == 0) {
				git_oid_fromraw(&out[i],
						(const unsigned char *)nul + 1);
				got[i] = true;
				found++;
				break;
			}
		}
	}
	ret = 0;
out:
	git_odb_object_free(o);
	return ret;
}

static int record_id(struct pathlog *out, git_repository *repo,
		     const git_oid *id, const char *path, const git_oid *old,
		     const git_oid *new)
{
	git_commit *c = NULL;

	if (out->change_nr >= PATHLOG_MAX_CHANGES) {
		out->more++;
		return 0;
	}
	if (git_commit_lookup(&c, repo, id) < 0)
		return -1;
	record(out, c, path, old, new);
	git_commit_free(c);
	return 0;
}

/* The walk's next commit: from the chain while it follows (*k its
 * record), else read (the chain then no more: *ch = NULL). */
static int next_commit(git_odb *odb, struct pathlog_chain **ch, size_t *k,
		       const git_oid *id, git_oid *tree, git_oid *parent,
		       bool *has_parent)
{
	if (*ch && chain_get(*ch, *k, id, tree, parent, has_parent)) {
		(*k)++;
		return 0;
	}
	*ch = NULL;
	return raw_commit(odb, id, tree, parent, has_parent);
}

static int walk_chain_raw(struct pathlog *out, git_repository *repo,
			  const git_oid *head, struct pathlog_chain *ch,
			  const char *const *paths, size_t path_nr,
			  size_t max_commits, const git_oid *stop)
{
	size_t k = 0;
	git_oid cur[PATHLOG_MAX_PATHS], prev[PATHLOG_MAX_PATHS];
	git_oid c = *head, tree, parent, ptree, pparent;
	bool has_parent, phas = false;
	git_odb *odb = NULL;
	int ret = -1;

	if (git_repository_odb(&odb, repo) < 0 ||
	    next_commit(odb, &ch, &k, &c, &tree, &parent, &has_parent) < 0 ||
	    raw_root_blobs(odb, &tree, paths, path_nr, cur) < 0)
		goto out;
	for (;;) {
		bool same = false;

		if (max_commits > 0 && out->commits >= max_commits)
			break;
		if (stop && git_oid_equal(&c, stop)) {
			out->stopped = true;
			break;
		}
		memset(prev, 0, sizeof(prev));
		if (has_parent) {
			if (next_commit(odb, &ch, &k, &parent, &ptree, &pparent,
					&phas) < 0)
				goto out;
			same = git_oid_equal(&ptree, &tree);
			if (same)
				memcpy(prev, cur, path_nr * sizeof(*cur));
			else if (raw_root_blobs(odb, &ptree, paths, path_nr,
						prev) < 0)
				goto out;
		}
		for (size_t i = 0; !same && i < path_nr; i++)
			if (!git_oid_equal(&cur[i], &prev[i]) &&
			    record_id(out, repo, &c, paths[i], &prev[i],
				      &cur[i]) < 0)
				goto out;
		out->commits++;
		if (!has_parent)
			break;
		c = parent;
		tree = ptree;
		parent = pparent;
		has_parent = phas;
		memcpy(cur, prev, path_nr * sizeof(*cur));
	}
	ret = 0;
out:
	git_odb_free(odb);
	return ret;
}

static bool all_root(const char *const *paths, size_t path_nr)
{
	for (size_t i = 0; i < path_nr; i++)
		if (strchr(paths[i], '/'))
			return false;
	return true;
}

int pathlog_collect(struct pathlog *out, struct mirror_repo *mr,
		    const char *rev, const char *const *paths, size_t path_nr,
		    size_t max_commits, const char *name, struct oh_err *err)
{
	return pathlog_collect_until(out, mr, rev, NULL, NULL, paths, path_nr,
				     max_commits, name, err);
}

int pathlog_collect_until(struct pathlog *out, struct mirror_repo *mr,
			  const char *rev, const char *stop,
			  struct pathlog_chain *chain, const char *const *paths,
			  size_t path_nr, size_t max_commits, const char *name,
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
	if (all_root(paths, path_nr)) {
		git_oid id;

		git_oid_cpy(&id, git_commit_id(head));
		git_commit_free(head);
		/* as the history walk: objects not re-hashed (gitlib.h) */
		gitlib_relax_hashes();
		ret = walk_chain_raw(out, repo, &id, chain, paths, path_nr,
				     max_commits, has_stop ? &stop_id : NULL);
		gitlib_restore_hashes();
	} else { /* walk_chain() owns and frees the commits it walks */
		ret = walk_chain(out, head, paths, path_nr, max_commits,
				 has_stop ? &stop_id : NULL);
	}
	if (ret < 0) {
		ret = gitlib_error(err, name, "cannot walk the history");
		goto out;
	}
	ret = 0;
out:
	git_object_free(start);
	return ret;
}
