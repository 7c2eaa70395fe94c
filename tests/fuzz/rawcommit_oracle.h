/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The history walk's commit reader (git/rawcommit.h) against libgit2's,
 * on one commit object: used by tests/fuzz/fuzz_rawcommit.c and
 * tests/unit/test_history.c.  The object is written into an in-memory
 * object database (mempack), read back with git_commit_lookup(), and
 * every field rawcommit_parse() gives must be the one libgit2 gives.
 */
#ifndef OH_TESTS_RAWCOMMIT_ORACLE_H
#define OH_TESTS_RAWCOMMIT_ORACLE_H

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include <git2.h>
#include <git2/sys/mempack.h>
#include <git2/sys/repository.h>

#include "core/buf.h"
#include "git/rawcommit.h"

struct rawcommit_oracle {
	git_repository *repo;
	git_odb *odb;
	git_odb_backend *mempack;
	struct oh_buf buf, sum;
	char why[160]; /* the first difference */
};

static inline void rawcommit_oracle_init(struct rawcommit_oracle *o)
{
	memset(o, 0, sizeof(*o));
	o->buf = (struct oh_buf)OH_BUF_INIT;
	o->sum = (struct oh_buf)OH_BUF_INIT;
	git_libgit2_init();
	if (git_odb_new(&o->odb) < 0 || git_mempack_new(&o->mempack) < 0 ||
	    git_odb_add_backend(o->odb, o->mempack, 1) < 0 ||
	    git_repository_wrap_odb(&o->repo, o->odb) < 0)
		abort();
	/* as the walk reads: no object cache */
	git_libgit2_opts(GIT_OPT_SET_CACHE_OBJECT_LIMIT, GIT_OBJECT_COMMIT,
			 (size_t)0);
}

static inline void rawcommit_oracle_release(struct rawcommit_oracle *o)
{
	git_repository_free(o->repo);
	git_odb_free(o->odb); /* frees the backend */
	oh_buf_release(&o->buf);
	oh_buf_release(&o->sum);
	git_libgit2_shutdown();
}

static inline bool oracle_str(struct rawcommit_oracle *o, const char *what,
			      const char *a, const char *b)
{
	if ((a == NULL) != (b == NULL) || (a && strcmp(a, b) != 0)) {
		snprintf(o->why, sizeof(o->why),
			 "%s: '%.60s' vs libgit2 '%.60s'", what,
			 a ? a : "(null)", b ? b : "(null)");
		return false;
	}
	return true;
}

static inline bool oracle_int(struct rawcommit_oracle *o, const char *what,
			      long long a, long long b)
{
	if (a != b) {
		snprintf(o->why, sizeof(o->why), "%s: %lld vs libgit2 %lld",
			 what, a, b);
		return false;
	}
	return true;
}

static inline bool oracle_id(struct rawcommit_oracle *o, const char *what,
			     const unsigned char *raw, const git_oid *id)
{
	git_oid r;
	char a[GIT_OID_HEXSZ + 1];
	char b[GIT_OID_HEXSZ + 1];

	git_oid_fromraw(&r, raw);
	if (!id || !git_oid_equal(&r, id)) {
		git_oid_tostr(a, sizeof(a), &r);
		if (id)
			git_oid_tostr(b, sizeof(b), id);
		snprintf(o->why, sizeof(o->why), "%s: %s vs libgit2 %s", what,
			 a, id ? b : "(none)");
		return false;
	}
	return true;
}

/*
 * 1: rawcommit read the object as libgit2 does; 0: rawcommit left it to
 * libgit2 (*parsed false); -1: they differ (o->why says where).
 * *parsed: whether rawcommit took it; *libgit2_ok: whether libgit2 did.
 */
static inline int rawcommit_oracle_check(struct rawcommit_oracle *o,
					 const char *data, size_t len,
					 bool *parsed, bool *libgit2_ok)
{
	struct rawcommit c;
	git_commit *gc = NULL;
	const git_signature *a;
	const git_signature *m;
	const char *hdr;
	git_oid id;
	bool same;

	o->why[0] = '\0';
	*parsed = rawcommit_parse(&c, &o->buf, data, len);
	*libgit2_ok =
		git_odb_write(&id, o->odb, data, len, GIT_OBJECT_COMMIT) == 0 &&
		git_commit_lookup(&gc, o->repo, &id) == 0;
	git_error_clear();
	if (!*parsed) {
		git_commit_free(gc);
		git_mempack_reset(o->mempack);
		return 0;
	}
	if (!*libgit2_ok) {
		snprintf(o->why, sizeof(o->why),
			 "rawcommit read what libgit2 refuses");
		git_mempack_reset(o->mempack);
		return -1;
	}
	oh_buf_reset(&o->sum);
	rawcommit_summary(&o->sum, c.message);
	a = git_commit_author(gc);
	m = git_commit_committer(gc);
	hdr = git_commit_raw_header(gc);

	same = oracle_id(o, "tree", c.tree, git_commit_tree_id(gc)) &&
	       oracle_int(o, "parents", c.parent_nr,
			  git_commit_parentcount(gc));
	for (unsigned i = 0; same && i < c.parent_nr; i++)
		same = oracle_id(o, "parent", c.parent[i],
				 git_commit_parent_id(gc, i));
	same = same && oracle_str(o, "author name", c.author_name, a->name) &&
	       oracle_str(o, "author email", c.author_email, a->email) &&
	       oracle_int(o, "author time", c.author_time, a->when.time) &&
	       oracle_int(o, "author tz", c.author_tz, a->when.offset) &&
	       oracle_str(o, "committer name", c.committer_name, m->name) &&
	       oracle_str(o, "committer email", c.committer_email, m->email) &&
	       oracle_int(o, "committer time", c.committer_time,
			  m->when.time) &&
	       oracle_int(o, "committer tz", c.committer_tz, m->when.offset) &&
	       oracle_str(o, "encoding", c.encoding,
			  git_commit_message_encoding(gc)) &&
	       oracle_str(o, "message", c.message, git_commit_message(gc)) &&
	       oracle_str(o, "summary", o->sum.buf, git_commit_summary(gc)) &&
	       oracle_int(o, "header length", (long long)c.header_len,
			  hdr ? (long long)strlen(hdr) : -1) &&
	       (c.header_len == 0 || memcmp(c.header, hdr, c.header_len) == 0);
	if (same == false && o->why[0] == '\0')
		snprintf(o->why, sizeof(o->why), "header bytes");
	git_commit_free(gc);
	git_mempack_reset(o->mempack);
	return same ? 1 : -1;
}

#endif /* OH_TESTS_RAWCOMMIT_ORACLE_H */
