/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Reachability for vulnerability ranges (see reach.h).
 */
#include "git/reach.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <git2.h>

#include "core/buf.h"
#include "core/err.h"
#include "core/url.h"
#include "core/xalloc.h"
#include "git/gitlib.h"
#include "git/mirror_int.h"
#include "core/banned.h"

int reach_resolve(char out[REACH_HEX], struct mirror_repo *mr, const char *rev,
		  struct oh_err *err)
{
	git_repository *repo = mirror_repo_git(mr);
	git_object *obj = NULL;
	git_object *c = NULL;
	int ret;

	if (!rev)
		rev = "HEAD";
	if (git_revparse_single(&obj, repo, rev) < 0 ||
	    git_object_peel(&c, obj, GIT_OBJECT_COMMIT) < 0) {
		ret = oh_err_set(err, OH_ENOTFOUND, mirror_repo_path(mr), 0, 0,
				 "revision '%s' names no commit", rev);
		goto out;
	}
	git_oid_tostr(out, REACH_HEX, git_object_id(c));
	ret = 0;
out:
	git_object_free(obj);
	git_object_free(c);
	git_error_clear();
	return ret;
}

static int lookup(git_oid *out, git_repository *repo, const char *hex,
		  const char *path, struct oh_err *err)
{
	git_odb *odb = NULL;
	git_object_t type = GIT_OBJECT_INVALID;
	size_t len = 0;
	bool ok;

	ok = strlen(hex) == 40 && git_oid_fromstr(out, hex) == 0 &&
	     git_repository_odb(&odb, repo) == 0 &&
	     git_odb_read_header(&len, &type, odb, out) == 0 &&
	     type == GIT_OBJECT_COMMIT;
	git_odb_free(odb);
	git_error_clear();
	if (!ok)
		return oh_err_set(err, OH_ENOTFOUND, path, 0, 0,
				  "commit '%s' is not in the repository", hex);
	return 0;
}

int reach_is_ancestor(bool *out, struct mirror_repo *mr, const char *ancestor,
		      const char *commit, struct oh_err *err)
{
	git_repository *repo = mirror_repo_git(mr);
	git_oid a;
	git_oid c;
	int rc;

	*out = false;
	if (lookup(&a, repo, ancestor, mirror_repo_path(mr), err) < 0 ||
	    lookup(&c, repo, commit, mirror_repo_path(mr), err) < 0)
		return err->code;
	if (git_oid_equal(&a, &c)) {
		*out = true;
		return 0;
	}
	rc = git_graph_descendant_of(repo, &c, &a);
	if (rc < 0)
		return gitlib_repo_error(err, repo, mirror_repo_path(mr),
					 "cannot test ancestry of %s", commit);
	*out = rc == 1;
	return 0;
}

int reach_commit_time(int64_t *out, struct mirror_repo *mr, const char *commit,
		      struct oh_err *err)
{
	git_repository *repo = mirror_repo_git(mr);
	git_commit *c = NULL;
	git_oid id;

	if (lookup(&id, repo, commit, mirror_repo_path(mr), err) < 0)
		return err->code;
	if (git_commit_lookup(&c, repo, &id) < 0)
		return gitlib_repo_error(err, repo, mirror_repo_path(mr),
					 "cannot read commit %s", commit);
	*out = (int64_t)git_commit_time(c);
	git_commit_free(c);
	return 0;
}

struct reach_set {
	git_oid *id; /* sorted */
	size_t nr;
	struct mirror_repo *repo;
	char commit[REACH_HEX];
};

static int oid_cmp(const void *a, const void *b)
{
	return git_oid_cmp(a, b);
}

int reach_set_new(struct reach_set **out, struct mirror_repo *mr,
		  const char *commit, struct oh_err *err)
{
	git_repository *repo = mirror_repo_git(mr);
	struct reach_set *s;
	git_revwalk *w = NULL;
	size_t alloc = 0;
	git_oid id;
	int rc;

	*out = NULL;
	if (lookup(&id, repo, commit, mirror_repo_path(mr), err) < 0)
		return err->code;
	if (git_revwalk_new(&w, repo) < 0 || git_revwalk_push(w, &id) < 0) {
		git_revwalk_free(w);
		return gitlib_repo_error(err, repo, mirror_repo_path(mr),
					 "cannot walk from %s", commit);
	}
	s = oh_xcalloc(1, sizeof(*s));
	s->repo = mr;
	snprintf(s->commit, sizeof(s->commit), "%s", commit);
	while ((rc = git_revwalk_next(&id, w)) == 0) {
		oh_grow((void **)&s->id, &alloc, s->nr + 1, sizeof(*s->id));
		git_oid_cpy(&s->id[s->nr++], &id);
	}
	git_revwalk_free(w);
	if (rc != GIT_ITEROVER) {
		reach_set_free(s);
		return gitlib_repo_error(err, repo, mirror_repo_path(mr),
					 "cannot walk from %s", commit);
	}
	qsort(s->id, s->nr, sizeof(*s->id), oid_cmp);
	*out = s;
	return 0;
}

void reach_set_free(struct reach_set *s)
{
	if (!s)
		return;
	free(s->id);
	free(s);
}

const char *reach_set_commit(const struct reach_set *s)
{
	return s->commit;
}

int reach_set_has(bool *out, struct reach_set *s, const char *ancestor,
		  struct oh_err *err)
{
	git_oid id;

	*out = false;
	if (lookup(&id, mirror_repo_git(s->repo), ancestor,
		   mirror_repo_path(s->repo), err) < 0)
		return err->code;
	*out = bsearch(&id, s->id, s->nr, sizeof(*s->id), oid_cmp) != NULL;
	return 0;
}

struct tag {
	char *name;   /* short name */
	git_oid id;   /* the commit it peels to */
	int64_t time; /* the commit's committer time */
};

struct reach_tags {
	struct tag *t; /* sorted by time, then name */
	size_t nr;
	size_t alloc;
	git_repository *repo;
	struct mirror_repo *mr;
};

static int tag_cb(const char *name, git_oid *oid, void *payload)
{
	struct reach_tags *ts = payload;
	git_object *obj = NULL;
	git_object *c = NULL;

	if (git_object_lookup(&obj, ts->repo, oid, GIT_OBJECT_ANY) == 0 &&
	    git_object_peel(&c, obj, GIT_OBJECT_COMMIT) == 0) {
		struct tag *t;

		oh_grow((void **)&ts->t, &ts->alloc, ts->nr + 1,
			sizeof(*ts->t));
		t = &ts->t[ts->nr++];
		t->name = oh_xstrdup(strncmp(name, "refs/tags/", 10) == 0
					     ? name + 10
					     : name);
		git_oid_cpy(&t->id, git_object_id(c));
		t->time = (int64_t)git_commit_time((git_commit *)c);
	}
	git_object_free(obj);
	git_object_free(c);
	git_error_clear();
	return 0;
}

static int tag_cmp(const void *pa, const void *pb)
{
	const struct tag *a = pa;
	const struct tag *b = pb;

	if (a->time != b->time)
		return a->time < b->time ? -1 : 1;
	return strcmp(a->name, b->name);
}

void reach_tags_new(struct reach_tags **out, struct mirror_repo *mr)
{
	struct reach_tags *ts = oh_xcalloc(1, sizeof(*ts));

	ts->repo = mirror_repo_git(mr);
	ts->mr = mr;
	git_tag_foreach(ts->repo, tag_cb, ts);
	git_error_clear();
	if (ts->nr > 0)
		qsort(ts->t, ts->nr, sizeof(*ts->t), tag_cmp);
	*out = ts;
}

void reach_tags_free(struct reach_tags *ts)
{
	if (!ts)
		return;
	for (size_t i = 0; i < ts->nr; i++)
		free(ts->t[i].name);
	free(ts->t);
	free(ts);
}

int reach_tags_first(const char **tag_out, int64_t *time_out,
		     struct reach_tags *ts, const char *commit,
		     struct oh_err *err)
{
	int64_t t0 = 0;
	git_oid id;

	*tag_out = NULL;
	*time_out = 0;
	if (reach_commit_time(&t0, ts->mr, commit, err) < 0)
		return err->code;
	git_oid_fromstr(&id, commit);
	for (size_t i = 0; i < ts->nr; i++) {
		int rc;

		/* a tag made before the commit cannot contain it */
		if (ts->t[i].time < t0)
			continue;
		rc = git_oid_equal(&ts->t[i].id, &id)
			     ? 1
			     : git_graph_descendant_of(ts->repo, &ts->t[i].id,
						       &id);
		if (rc < 0)
			return gitlib_repo_error(
				err, ts->repo, mirror_repo_path(ts->mr),
				"cannot test tag %s", ts->t[i].name);
		if (rc == 1) {
			*tag_out = ts->t[i].name;
			*time_out = ts->t[i].time;
			return 0;
		}
	}
	return 0;
}
