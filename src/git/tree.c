/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * One pre-order walk over a revision's tree, collecting file facts.
 */
#include "git/tree.h"

#include <stdlib.h>
#include <string.h>

#include <git2.h>

#include "core/buf.h"
#include "core/err.h"
#include "core/xalloc.h"
#include "git/gitlib.h"
#include "core/banned.h"

struct walk_ctx {
	struct tree_files *out; /* being filled */
	git_repository *repo;   /* to read blobs */
	struct oh_buf path;     /* scratch for root + name */
	int error;              /* OH_ELIMIT when the cap was hit */
};

static bool blob_is_binary(git_repository *repo, const git_oid *id,
			   uint64_t *size, bool *large)
{
	git_blob *blob = NULL;
	bool bin = false;

	*large = false;
	if (git_blob_lookup(&blob, repo, id) < 0)
		return false;
	*size = (uint64_t)git_blob_rawsize(blob);
	if (*size > TREE_BINARY_SCAN_MAX)
		*large = true;
	else
		bin = git_blob_is_binary(blob) != 0;
	git_blob_free(blob);
	return bin;
}

static int walk_cb(const char *root, const git_tree_entry *entry, void *payload)
{
	struct walk_ctx *c = payload;
	git_object_t type = git_tree_entry_type(entry);
	struct tree_file *f;

	if (type == GIT_OBJECT_TREE)
		return 0;
	if (c->out->file_nr >= TREE_MAX_FILES) {
		c->error = OH_ELIMIT;
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
		f->binary = blob_is_binary(c->repo, git_tree_entry_id(entry),
					   &f->size, &f->large);
	return 0;
}

static int cmp_file(const void *a, const void *b)
{
	return strcmp(((const struct tree_file *)a)->path,
		      ((const struct tree_file *)b)->path);
}

int tree_collect(struct tree_files *out, git_repository *repo, const char *rev,
		 const char *name, struct oh_err *err)
{
	struct walk_ctx c = { .out = out, .repo = repo };
	git_object *obj = NULL;
	git_commit *commit = NULL;
	git_tree *tree = NULL;
	int ret = OH_EGIT;

	oh_buf_init(&c.path, 256);
	if (git_revparse_single(&obj, repo, rev ? rev : "HEAD") < 0) {
		ret = oh_err_set(
			err, OH_ENOTFOUND, name, 0, 0,
			"revision '%.60s' not found (empty repository?)",
			rev ? rev : "HEAD");
		goto out;
	}
	if (git_object_peel((git_object **)&commit, obj, GIT_OBJECT_COMMIT) <
		    0 ||
	    git_commit_tree(&tree, commit) < 0) {
		ret = gitlib_error(err, name, "cannot read the tree of '%.60s'",
				   rev ? rev : "HEAD");
		goto out;
	}
	git_oid_tostr(out->commit_id, sizeof(out->commit_id),
		      git_commit_id(commit));
	out->commit_time = (int64_t)git_commit_time(commit);
	if (git_tree_walk(tree, GIT_TREEWALK_PRE, walk_cb, &c) < 0) {
		if (c.error == OH_ELIMIT)
			ret = oh_err_set(err, OH_ELIMIT, name, 0, 0,
					 "tree has more than %u files",
					 TREE_MAX_FILES);
		else
			ret = gitlib_error(err, name, "cannot walk the tree");
		goto out;
	}
	if (out->file_nr > 1)
		qsort(out->file, out->file_nr, sizeof(*out->file), cmp_file);
	ret = 0;
out:
	oh_buf_release(&c.path);
	git_tree_free(tree);
	git_commit_free(commit);
	git_object_free(obj);
	return ret;
}

void tree_files_release(struct tree_files *t)
{
	free(t->file);
	oh_arena_release(&t->arena);
	memset(t, 0, sizeof(*t));
}

const struct tree_file *tree_files_find(const struct tree_files *t,
					const char *path)
{
	size_t lo = 0, hi = t->file_nr;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(t->file[mid].path, path);

		if (c == 0)
			return &t->file[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

int tree_blob_read(struct oh_buf *out, git_repository *repo,
		   const char *blob_id, size_t max, struct oh_err *err)
{
	git_oid oid;
	git_blob *blob = NULL;
	int ret = 0;

	if (git_oid_fromstr(&oid, blob_id) < 0)
		return oh_err_set(err, OH_EINPUT, blob_id, 0, 0,
				  "not an object id");
	if (git_blob_lookup(&blob, repo, &oid) < 0)
		return gitlib_error(err, blob_id, "cannot read blob");
	if ((uint64_t)git_blob_rawsize(blob) > max)
		ret = oh_err_set(err, OH_ELIMIT, blob_id, 0, 0,
				 "blob is larger than %zu bytes", max);
	else
		oh_buf_add(out, git_blob_rawcontent(blob),
			   (size_t)git_blob_rawsize(blob));
	git_blob_free(blob);
	return ret;
}
