/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Tags, describe and origin URL of one commit (see refs.h).
 */
#include "git/refs.h"

#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/xalloc.h"
#include "git/mirror_int.h"
#include "core/banned.h"

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void tags_at(struct refs_at *out, git_repository *repo,
		    const git_oid *want)
{
	git_reference_iterator *it = NULL;
	git_reference *ref;
	size_t alloc = 0;

	if (git_reference_iterator_glob_new(&it, repo, "refs/tags/*") < 0)
		return;
	while (git_reference_next(&ref, it) == 0) {
		git_object *o = NULL;

		if (git_reference_peel(&o, ref, GIT_OBJECT_COMMIT) == 0 &&
		    git_oid_equal(git_object_id(o), want)) {
			OH_GROW(out->tag, alloc, out->tag_nr + 1);
			out->tag[out->tag_nr++] =
				oh_xstrdup(git_reference_shorthand(ref));
		}
		git_object_free(o);
		git_reference_free(ref);
	}
	git_reference_iterator_free(it);
	if (out->tag_nr > 1)
		qsort(out->tag, out->tag_nr, sizeof(*out->tag), cmp_str);
}

/* libgit2's describe walks history (about a second on git.git). */
static void describe(struct refs_at *out, git_object *commit)
{
	git_describe_result *d = NULL;
	git_describe_options dopt;
	git_describe_format_options fopt;
	git_buf b = { 0 };

	git_describe_options_init(&dopt, GIT_DESCRIBE_OPTIONS_VERSION);
	git_describe_format_options_init(&fopt,
					 GIT_DESCRIBE_FORMAT_OPTIONS_VERSION);
	dopt.describe_strategy = GIT_DESCRIBE_TAGS;
	if (git_describe_commit(&d, commit, &dopt) == 0 &&
	    git_describe_format(&b, d, &fopt) == 0)
		out->describe = oh_xstrdup(b.ptr);
	git_buf_dispose(&b);
	git_describe_result_free(d);
}

/* The configured URL; git_remote_lookup() would do more (and libgit2 1.5
 * leaks PCRE2 match data on that path). */
void refs_origin_url(char **out, struct mirror_repo *mr)
{
	git_config *cfg = NULL;
	const char *url = NULL;

	*out = NULL;
	if (git_repository_config_snapshot(&cfg, mirror_repo_git(mr)) == 0 &&
	    git_config_get_string(&url, cfg, "remote.origin.url") == 0 &&
	    url[0] != '\0') {
		struct oh_buf u = OH_BUF_INIT;

		oh_url_redact(&u, url);
		*out = oh_buf_detach(&u, NULL);
	}
	git_config_free(cfg);
	git_error_clear();
}

void refs_describe(struct refs_at *out, struct mirror_repo *mr,
		   const char *commit)
{
	git_repository *repo = mirror_repo_git(mr);
	git_object *c = NULL;
	git_oid want;

	memset(out, 0, sizeof(*out));
	if (git_oid_fromstr(&want, commit) == 0 &&
	    git_object_lookup(&c, repo, &want, GIT_OBJECT_COMMIT) == 0) {
		tags_at(out, repo, &want);
		if (out->tag_nr == 0)
			describe(out, c);
	}
	git_object_free(c);
	git_error_clear();
	refs_origin_url(&out->remote, mr);
}

void refs_at_release(struct refs_at *r)
{
	for (size_t i = 0; i < r->tag_nr; i++)
		free(r->tag[i]);
	free(r->tag);
	free(r->describe);
	free(r->remote);
	memset(r, 0, sizeof(*r));
}
