/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * One pre-order walk over a revision's tree: file facts, and the content
 * each visitor asks for, each blob inflated at most once.
 */
#include "git/tree.h"

#include <stdlib.h>
#include <string.h>

#include <git2.h>

#include "core/buf.h"
#include "core/err.h"
#include "core/xalloc.h"
#include "git/gitlib.h"
#include "git/mirror_int.h"
#include "core/banned.h"

#define BINARY_PROBE 8000u

struct walk_ctx {
	struct tree_files *out;       /* being filled */
	git_repository *repo;         /* to read blobs */
	git_odb *odb;                 /* to read object headers */
	const struct tree_visitor *v; /* the visitors */
	size_t v_nr;                  /* how many */
	size_t *want;                 /* per visitor, this file */
	struct oh_buf path;           /* scratch for root + name */
	const char *name;             /* display name for errors */
	struct oh_err *err;
	int rc; /* the error that stopped the walk */
	const struct tree_blob_cache *cache; /* may be NULL */
};

/* Ask the visitors; the largest request, or 0. */
static int ask(struct walk_ctx *c, const struct tree_file *f, size_t *most)
{
	*most = 0;
	for (size_t i = 0; i < c->v_nr; i++) {
		int rc;

		c->want[i] = 0;
		rc = c->v[i].entry(c->v[i].payload, f, &c->want[i]);
		if (rc < 0)
			return rc;
		if (c->want[i] > *most)
			*most = c->want[i];
	}
	return 0;
}

/* Inflate the blob (its size is known and under the cap) and feed it. */
static int feed(struct walk_ctx *c, struct tree_file *f, const git_oid *id)
{
	git_blob *blob = NULL;
	const char *data;
	size_t len;
	int rc = 0;

	if (git_blob_lookup(&blob, c->repo, id) < 0)
		return gitlib_error(c->err, c->name, "cannot read blob %s",
				    f->blob_id);
	data = git_blob_rawcontent(blob);
	len = (size_t)git_blob_rawsize(blob);
	f->binary = memchr(data, '\0',
			   len < BINARY_PROBE ? len : BINARY_PROBE) != NULL;
	f->magic = magic_classify((const unsigned char *)data, len);
	for (size_t i = 0; i < c->v_nr && rc == 0; i++)
		if (c->want[i] > 0)
			rc = c->v[i].content(c->v[i].payload, f, data,
					     c->want[i] < len ? c->want[i]
							      : len);
	git_blob_free(blob);
	return rc;
}

static int visit_blob(struct walk_ctx *c, struct tree_file *f,
		      const git_oid *id)
{
	size_t size = 0;
	git_object_t type;
	size_t most;
	int rc;

	/*
	 * The cache knows a blob's content, not whether this repository
	 * still has it (a partial mirror filtered again, a re-clone): an
	 * absent blob is the unread file a first scan notes, below, never
	 * cached facts nor a failed read.  A pack index lookup, no inflate.
	 */
	if (c->cache && f->mode != TREE_MODE_LINK &&
	    git_odb_exists(c->odb, id) && c->cache->get(c->cache->ctx, f)) {
		/* known content: read only when a visitor asks for it */
		f->large = f->size > TREE_READ_MAX;
		if ((rc = ask(c, f, &most)) < 0 || most == 0 || f->large)
			return rc;
		rc = feed(c, f, id);
		if (rc == 0)
			c->cache->put(c->cache->ctx, f);
		return rc;
	}
	if ((rc = git_odb_read_header(&size, &type, c->odb, id)) < 0) {
		if (rc != GIT_ENOTFOUND)
			return gitlib_error(c->err, c->name,
					    "cannot read blob %s", f->blob_id);
		/* A partial mirror lacks some blobs: the file is a fact
		 * without content, not the end of the walk. */
		git_error_clear();
		f->missing = true;
		return ask(c, f, &most);
	}
	f->size = (uint64_t)size;
	f->large = size > TREE_READ_MAX;
	if ((rc = ask(c, f, &most)) < 0)
		return rc;
	if (f->mode == TREE_MODE_LINK)
		return 0;
	/* git's binary test needs the head even when no visitor does */
	rc = f->large ? 0 : feed(c, f, id);
	if (rc == 0 && c->cache)
		c->cache->put(c->cache->ctx, f);
	return rc;
}

static int walk_cb(const char *root, const git_tree_entry *entry, void *payload)
{
	struct walk_ctx *c = payload;
	git_object_t type = git_tree_entry_type(entry);
	struct tree_file *f;
	size_t most;

	if (type == GIT_OBJECT_TREE)
		return 0;
	if (c->out->file_nr >= TREE_MAX_FILES) {
		c->rc = oh_err_set(c->err, OH_ELIMIT, c->name, 0, 0,
				   "tree has more than %u files",
				   TREE_MAX_FILES);
		return -1;
	}
	oh_buf_reset(&c->path);
	oh_buf_adds(&c->path, root);
	oh_buf_adds(&c->path, git_tree_entry_name(entry));
	if (c->path.len > TREE_MAX_PATH) {
		c->out->skipped++;
		return 0;
	}
	OH_GROW(c->out->file, c->out->file_alloc, c->out->file_nr + 1);
	f = &c->out->file[c->out->file_nr++];
	memset(f, 0, sizeof(*f));
	f->path = oh_arena_strndup(&c->out->arena, c->path.buf, c->path.len);
	f->mode = (uint32_t)git_tree_entry_filemode_raw(entry);
	git_oid_tostr(f->blob_id, sizeof(f->blob_id), git_tree_entry_id(entry));
	if (type == GIT_OBJECT_BLOB)
		c->rc = visit_blob(c, f, git_tree_entry_id(entry));
	else
		c->rc = ask(c, f, &most);
	return c->rc < 0 ? -1 : 0;
}

/* The commit and tree of `rev`. */
static int peel(git_commit **commit, git_tree **tree, git_repository *repo,
		const char *rev, const char *name, struct oh_err *err)
{
	git_object *obj = NULL;
	int ret = 0;

	if (git_revparse_single(&obj, repo, rev ? rev : "HEAD") < 0) {
		/* A HEAD that names a missing or broken commit is not an
		 * empty repository. */
		if (!rev && git_repository_head_unborn(repo) == 0)
			return gitlib_repo_error(err, repo, name,
						 "cannot read HEAD");
		return oh_err_set(
			err, OH_ENOTFOUND, name, 0, 0,
			"revision '%.60s' not found (empty repository?)",
			rev ? rev : "HEAD");
	}
	if (git_object_peel((git_object **)commit, obj, GIT_OBJECT_COMMIT) <
		    0 ||
	    git_commit_tree(tree, *commit) < 0)
		ret = gitlib_error(err, name, "cannot read the tree of '%.60s'",
				   rev ? rev : "HEAD");
	git_object_free(obj);
	return ret;
}

int tree_walk(struct tree_files *out, struct mirror_repo *mr, const char *rev,
	      const char *name, const struct tree_visitor *v, size_t v_nr,
	      struct oh_err *err)
{
	return tree_walk_cached(out, mr, rev, name, v, v_nr, NULL, err);
}

int tree_walk_cached(struct tree_files *out, struct mirror_repo *mr,
		     const char *rev, const char *name,
		     const struct tree_visitor *v, size_t v_nr,
		     const struct tree_blob_cache *cache, struct oh_err *err)
{
	struct walk_ctx c = { .out = out,
			      .repo = mirror_repo_git(mr),
			      .v = v,
			      .v_nr = v_nr,
			      .cache = cache,
			      .name = name,
			      .err = err };
	git_commit *commit = NULL;
	git_tree *tree = NULL;
	int ret;

	oh_buf_init(&c.path, 256);
	c.want = oh_xcalloc(v_nr + 1, sizeof(*c.want));
	ret = peel(&commit, &tree, c.repo, rev, name, err);
	if (ret < 0)
		goto out;
	if (git_repository_odb(&c.odb, c.repo) < 0) {
		ret = gitlib_error(err, name,
				   "cannot open the object database");
		goto out;
	}
	git_oid_tostr(out->commit_id, sizeof(out->commit_id),
		      git_commit_id(commit));
	out->commit_time = (int64_t)git_commit_time(commit);
	if (git_tree_walk(tree, GIT_TREEWALK_PRE, walk_cb, &c) < 0) {
		ret = c.rc < 0
			      ? c.rc
			      : gitlib_error(err, name, "cannot walk the tree");
		goto out;
	}
	tree_files_sort(out);
out:
	free(c.want);
	oh_buf_release(&c.path);
	git_odb_free(c.odb);
	git_tree_free(tree);
	git_commit_free(commit);
	return ret;
}

int tree_collect(struct tree_files *out, struct mirror_repo *repo,
		 const char *rev, const char *name, struct oh_err *err)
{
	return tree_walk(out, repo, rev, name, NULL, 0, err);
}

int tree_blob_read(struct oh_buf *out, struct mirror_repo *mr,
		   const char *blob_id, size_t max, struct oh_err *err)
{
	git_repository *repo = mirror_repo_git(mr);
	git_odb *odb = NULL;
	git_object_t type;
	git_blob *blob = NULL;
	git_oid oid;
	size_t size = 0;
	int ret = 0;

	if (git_oid_fromstr(&oid, blob_id) < 0)
		return oh_err_set(err, OH_EINPUT, blob_id, 0, 0,
				  "not an object id");
	if (git_repository_odb(&odb, repo) < 0 ||
	    git_odb_read_header(&size, &type, odb, &oid) < 0) {
		git_odb_free(odb);
		return gitlib_error(err, blob_id, "cannot read blob");
	}
	git_odb_free(odb);
	if (size > max)
		return oh_err_set(err, OH_ELIMIT, blob_id, 0, 0,
				  "blob is larger than %zu bytes", max);
	if (git_blob_lookup(&blob, repo, &oid) < 0)
		return gitlib_error(err, blob_id, "cannot read blob");
	oh_buf_add(out, git_blob_rawcontent(blob),
		   (size_t)git_blob_rawsize(blob));
	git_blob_free(blob);
	return ret;
}

bool tree_has_tag(struct mirror_repo *mr, const char *tag)
{
	git_object *obj = NULL;
	char spec[300];
	int n = snprintf(spec, sizeof(spec), "refs/tags/%s^{commit}", tag);

	if (n < 0 || (size_t)n >= sizeof(spec) ||
	    git_revparse_single(&obj, mirror_repo_git(mr), spec) < 0) {
		git_error_clear();
		return false;
	}
	git_object_free(obj);
	return true;
}

/* ---- the pre-merge diff ---- */

static int peel_id(git_tree **out, git_repository *repo, const char *rev,
		   git_oid *commit_id, const char *name, struct oh_err *err)
{
	git_commit *c = NULL;
	int rc = peel(&c, out, repo, rev, name, err);

	if (rc == 0)
		git_oid_cpy(commit_id, git_commit_id(c));
	git_commit_free(c);
	return rc;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void collect_deltas(git_diff *diff, char ***out, size_t *nr)
{
	size_t alloc = 0;
	size_t n = git_diff_num_deltas(diff);

	for (size_t i = 0; i < n; i++) {
		const git_diff_delta *d = git_diff_get_delta(diff, i);

		if (d->status != GIT_DELTA_ADDED &&
		    d->status != GIT_DELTA_MODIFIED &&
		    d->status != GIT_DELTA_RENAMED &&
		    d->status != GIT_DELTA_COPIED &&
		    d->status != GIT_DELTA_TYPECHANGE)
			continue;
		OH_GROW(*out, alloc, *nr + 1);
		(*out)[(*nr)++] = oh_xstrdup(d->new_file.path);
	}
	if (*nr > 0)
		qsort(*out, *nr, sizeof(**out), cmp_str);
}

int tree_changed_paths(char ***out, size_t *nr, struct mirror_repo *mr,
		       const char *base, const char *head, const char *name,
		       struct oh_err *err)
{
	git_repository *repo = mirror_repo_git(mr);
	git_tree *bt = NULL;
	git_tree *ht = NULL;
	git_diff *diff = NULL;
	git_diff_options dopt;
	git_oid bid, hid, mb;
	int rc;

	*out = NULL;
	*nr = 0;
	git_diff_options_init(&dopt, GIT_DIFF_OPTIONS_VERSION);
	rc = peel_id(&bt, repo, base, &bid, name, err);
	if (rc == 0)
		rc = peel_id(&ht, repo, head ? head : "HEAD", &hid, name, err);
	if (rc < 0)
		goto out;
	/* BASE...HEAD: compare against the merge base, as a review does */
	if (git_merge_base(&mb, repo, &bid, &hid) == 0 &&
	    git_oid_cmp(&mb, &bid) != 0) {
		char hex[GIT_OID_HEXSZ + 1];

		git_tree_free(bt);
		bt = NULL;
		git_oid_tostr(hex, sizeof(hex), &mb);
		rc = peel_id(&bt, repo, hex, &bid, name, err);
		if (rc < 0)
			goto out;
	}
	dopt.flags = GIT_DIFF_SKIP_BINARY_CHECK;
	if (git_diff_tree_to_tree(&diff, repo, bt, ht, &dopt) < 0) {
		rc = gitlib_error(err, name, "cannot diff '%.80s'", base);
		goto out;
	}
	collect_deltas(diff, out, nr);
out:
	git_diff_free(diff);
	git_tree_free(bt);
	git_tree_free(ht);
	return rc;
}

void tree_paths_free(char **paths, size_t nr)
{
	for (size_t i = 0; i < nr; i++)
		free(paths[i]);
	free(paths);
}
