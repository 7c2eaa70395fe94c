/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * One revwalk, facts per commit and per tag; see history.h.  The walk
 * reuses one trailer list and interns repeated strings (identities,
 * trailer keys and values) so that memory grows with distinct values, not
 * with commits.
 */
#include "git/history.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>

#include <git2.h>

#include "core/buf.h"
#include "core/err.h"
#include "core/path.h"
#include "core/xalloc.h"
#include "git/gitlib.h"
#include "git/mirror_int.h"
#include "git/pathlog.h"
#include "git/rawcommit.h"
#include "facts/trailer.h"
#include "core/banned.h"

/* ---- one commit ------------------------------------------------------- */

/*
 * Identities repeat across commits: each raw (name, email) pair is
 * interned once and mapped to its .mailmap result and bot verdict, so
 * mailmap and the PCRE2 patterns run once per identity, not per commit.
 */
struct ident {
	const char *raw_name;  /* interned; NULL = empty slot */
	const char *raw_email; /* interned */
	const char *name;      /* after mailmap, interned */
	const char *email;     /* after mailmap, interned */
	bool bot;              /* raw identity matched a bot pattern */
};

struct walk {
	struct hist *h;
	const struct hist_opts *opts;
	git_repository *repo;
	git_mailmap *mailmap;
	git_oid base;  /* upstream merge base, when has_base */
	bool has_base; /* hide base and its past */
	struct trailer_list tl;
	struct oh_buf tmp;
	struct oh_buf u8;  /* text made valid UTF-8 by clean_utf8() */
	struct oh_buf lc;  /* lower-cased email for mailmap lookups */
	struct oh_buf raw; /* strings of the commit read by rawcommit */
	struct oh_buf sum; /* its summary */
	bool latin1;       /* this commit's encoding header is Latin-1 */
	struct ident_table *ident;  /* raw identity -> resolved (private) */
	struct ident_table *tident; /* the same for trailers' identities */
	struct ident last[2];       /* the last author's and committer's */
};

/* Length of the valid UTF-8 sequence at s (strict), or 0. */
static size_t utf8_seq(const unsigned char *s)
{
	unsigned c = s[0];
	size_t n;
	unsigned min;
	unsigned v;

	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf) {
		n = 2;
		min = 0x80;
		v = c & 0x1f;
	} else if (c >= 0xe0 && c <= 0xef) {
		n = 3;
		min = 0x800;
		v = c & 0x0f;
	} else if (c >= 0xf0 && c <= 0xf4) {
		n = 4;
		min = 0x10000;
		v = c & 0x07;
	} else {
		return 0;
	}
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		v = (v << 6) | (s[i] & 0x3f);
	}
	if (v < min || v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff))
		return 0;
	return n;
}

/*
 * s as valid UTF-8: unchanged when it already is; else Latin-1 bytes
 * converted (commits whose encoding header says so, as git log does) or
 * each invalid byte replaced by U+FFFD.  The result is borrowed until the
 * next call.
 */
static const char *clean_utf8(struct walk *w, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n;

	while (*p != '\0' && (n = utf8_seq(p)) > 0)
		p += n;
	if (*p == '\0')
		return s;
	oh_buf_reset(&w->u8);
	oh_buf_add(&w->u8, s, (size_t)((const char *)p - s));
	while (*p != '\0') {
		n = utf8_seq(p);
		if (n > 0 && !w->latin1) {
			oh_buf_add(&w->u8, p, n);
			p += n;
			continue;
		}
		if (w->latin1 && *p >= 0x80) {
			oh_buf_addch(&w->u8, 0xc0 | (*p >> 6));
			oh_buf_addch(&w->u8, 0x80 | (*p & 0x3f));
		} else if (*p < 0x80) {
			oh_buf_addch(&w->u8, *p);
		} else {
			oh_buf_adds(&w->u8, "\xef\xbf\xbd");
		}
		p++;
	}
	return w->u8.buf;
}

/*
 * git matches .mailmap emails ignoring case; libgit2 1.5 does not.  The
 * keys were lower-cased when the file was loaded (load_mailmap()), so
 * look up the lower-cased email and keep the original when unmapped.
 */
static void mailmap_resolve(struct walk *w, const char **n, const char **e,
			    const char *name, const char *email)
{
	oh_buf_reset(&w->lc);
	for (const char *p = email; *p != '\0'; p++)
		oh_buf_addch(&w->lc, (*p >= 'A' && *p <= 'Z')
					     ? (char)(*p - 'A' + 'a')
					     : *p);
	git_mailmap_resolve(n, e, w->mailmap, name, w->lc.buf);
	if (*e == w->lc.buf)
		*e = email;
}

struct ident_table {
	struct ident *slot;
	size_t cap; /* power of two */
	size_t nr;
};

static size_t ident_slot(const struct ident *t, size_t cap, const char *n,
			 const char *e)
{
	size_t j =
		(((uintptr_t)n >> 4) * 31u + ((uintptr_t)e >> 4)) & (cap - 1);

	while (t[j].raw_name && (t[j].raw_name != n || t[j].raw_email != e))
		j = (j + 1) & (cap - 1);
	return j;
}

static void ident_grow(struct ident_table *tab)
{
	size_t cap = tab->cap ? tab->cap * 2 : 256;
	struct ident *t = oh_xcalloc(cap, sizeof(*t));

	for (size_t i = 0; i < tab->cap; i++) {
		const struct ident *o = &tab->slot[i];

		if (o->raw_name)
			t[ident_slot(t, cap, o->raw_name, o->raw_email)] = *o;
	}
	free(tab->slot);
	tab->slot = t;
	tab->cap = cap;
}

/* The slot of interned (n, e) in tab: its raw_name is NULL when new. */
static struct ident *ident_find(struct ident_table *tab, const char *n,
				const char *e)
{
	if ((tab->nr + 1) * 2 > tab->cap)
		ident_grow(tab);
	return &tab->slot[ident_slot(tab->slot, tab->cap, n, e)];
}

static void ident_table_free(struct ident_table *tab)
{
	if (tab)
		free(tab->slot);
	free(tab);
}

/*
 * The identity of author (role 0) or committer (role 1): the one of the
 * commit before when it is the same (the committer of most commits of a
 * project is its maintainer), else looked up in, or added to, the table.
 */
static const struct ident *resolve(struct walk *w, int role, const char *name,
				   const char *email)
{
	struct ident *last = &w->last[role];
	const char *rn;
	const char *re;
	const char *n;
	const char *e;
	struct ident *id;

	if (last->raw_name && strcmp(last->raw_name, name) == 0 &&
	    strcmp(last->raw_email, email) == 0)
		return last;
	rn = hist_intern(w->h, name);
	re = hist_intern(w->h, email);
	id = ident_find(w->ident, rn, re);
	if (!id->raw_name) {
		n = rn;
		e = re;
		if (w->mailmap)
			mailmap_resolve(w, &n, &e, rn, re);
		id->raw_name = rn;
		id->raw_email = re;
		id->name = hist_intern(w->h, clean_utf8(w, n));
		id->email = hist_intern(w->h, clean_utf8(w, e));
		id->bot =
			w->opts->bots && hist_bots_match(w->opts->bots, rn, re);
		w->ident->nr++;
	}
	*last = *id; /* a copy: the table moves when it grows */
	return last;
}

/* "Name <email>" -> name and email after mailmap; false if not that. */
static bool split_ident(struct walk *w, const char *v, const char **name,
			const char **email)
{
	const char *lt = strrchr(v, '<');
	const char *gt = lt ? strchr(lt, '>') : NULL;
	const char *n;
	const char *e;
	char *nb;
	char *eb;
	size_t nl;

	if (!lt || !gt || gt[1] != '\0' || gt == lt + 1)
		return false;
	nl = (size_t)(lt - v);
	while (nl > 0 && (v[nl - 1] == ' ' || v[nl - 1] == '\t'))
		nl--;
	oh_buf_reset(&w->tmp);
	oh_buf_add(&w->tmp, v, nl);
	oh_buf_addch(&w->tmp, '\0');
	oh_buf_add(&w->tmp, lt + 1, (size_t)(gt - lt - 1));
	nb = w->tmp.buf;
	eb = w->tmp.buf + nl + 1;
	n = hist_intern(w->h, nb);
	e = hist_intern(w->h, eb);
	if (w->mailmap) { /* once per identity: the names repeat */
		struct ident *id = ident_find(w->tident, n, e);

		if (!id->raw_name) {
			id->raw_name = n;
			id->raw_email = e;
			mailmap_resolve(w, &n, &e, n, e);
			id->name = hist_intern(w->h, n);
			id->email = hist_intern(w->h, e);
			w->tident->nr++;
		}
		n = id->name;
		e = id->email;
	}
	*name = n;
	*email = e;
	return true;
}

static bool ci_prefix(const char *s, const char *p)
{
	for (; *p != '\0'; s++, p++) {
		char a = *s;

		if (a >= 'A' && a <= 'Z')
			a = (char)(a - 'A' + 'a');
		if (a != *p)
			return false;
	}
	return true;
}

static bool has_signoff_line(const char *msg)
{
	const char *s = msg;

	while (s) {
		if (ci_prefix(s, "signed-off-by:"))
			return true;
		s = strchr(s, '\n');
		if (s)
			s++;
	}
	return false;
}

static void add_trailers(struct walk *w, struct hist_commit *c, const char *msg)
{
	bool sob = false;

	if (trailer_parse(&w->tl, msg, strlen(msg), NULL) < 0)
		return;
	for (size_t i = 0; i < w->tl.nr; i++) {
		const char *v = clean_utf8(w, trailer_value(&w->tl, i));
		const char *in = NULL;
		const char *ie = NULL;

		(void)split_ident(w, v, &in, &ie);
		if (trailer_key_is(&w->tl, i, "Signed-off-by"))
			sob = true;
		hist_trailer_add(w->h, trailer_key(&w->tl, i), v, in, ie);
	}
	c->signoff_outside = !sob && has_signoff_line(msg);
}

static const char remedy_phrase[] =
	", hereby add my Signed-off-by to this commit: ";

/* Record every remediation statement of msg for commit index ci. */
static void add_remedies(struct hist *h, size_t ci, const char *msg)
{
	const char *p = msg;

	while ((p = strstr(p, remedy_phrase)) != NULL) {
		const char *sha = p + sizeof(remedy_phrase) - 1;
		const char *se = sha;
		const char *gt = p - 1;
		const char *lt;
		const char *i_;
		struct hist_remedy *r;

		p = sha;
		while ((*se >= '0' && *se <= '9') || (*se >= 'a' && *se <= 'f'))
			se++;
		if (se - sha < 7 || gt < msg || *gt != '>')
			continue;
		for (lt = gt; lt > msg && *lt != '<'; lt--)
			;
		for (i_ = lt; i_ > msg && !(i_[0] == 'I' && i_[1] == ','); i_--)
			;
		if (*lt != '<' || i_[0] != 'I' || i_ + 3 > lt)
			continue;
		OH_GROW(h->remedy, h->remedy_alloc, h->remedy_nr + 1);
		r = &h->remedy[h->remedy_nr++];
		r->commit = ci;
		r->email = oh_arena_strndup(&h->arena, lt + 1,
					    (size_t)(gt - lt - 1));
		r->name = oh_arena_strndup(&h->arena, i_ + 3,
					   (size_t)(lt - i_ - 3));
		if (strlen(r->name) > 0 && r->name[strlen(r->name) - 1] == ' ')
			((char *)r->name)[strlen(r->name) - 1] = '\0';
		r->sha = oh_arena_strndup(&h->arena, sha, (size_t)(se - sha));
	}
}

/* A "gpgsig" or "gpgsig-sha256" header line (PGP or SSH signature). */
static bool has_signature(const char *h, size_t len)
{
	const char *end = h + len;

	while (h < end) {
		size_t n = (size_t)(end - h);
		const char *eol;

		if (n >= 7 && memcmp(h, "gpgsig", 6) == 0 &&
		    (h[6] == ' ' ||
		     (n >= 14 && memcmp(h + 6, "-sha256 ", 8) == 0)))
			return true;
		eol = memchr(h, '\n', n);
		if (!eol)
			break;
		h = eol + 1;
	}
	return false;
}

/* The fields of a commit that libgit2 parsed, as rawcommit reads them. */
static void libgit2_view(struct rawcommit *v, const git_commit *gc)
{
	const git_signature *a = git_commit_author(gc);
	const git_signature *m = git_commit_committer(gc);
	const char *hdr = git_commit_raw_header(gc);

	memset(v, 0, sizeof(*v));
	v->parent_nr = git_commit_parentcount(gc);
	v->author_name = a->name;
	v->author_email = a->email;
	v->author_time = a->when.time;
	v->author_tz = a->when.offset;
	v->committer_name = m->name;
	v->committer_email = m->email;
	v->committer_time = m->when.time;
	v->committer_tz = m->when.offset;
	v->encoding = git_commit_message_encoding(gc);
	v->message = git_commit_message(gc);
	v->header = hdr;
	v->header_len = hdr ? strlen(hdr) : 0;
}

/* Commit `id` of fields v and summary sum (NULL: none) into the hist. */
static void add_commit(struct walk *w, const git_oid *id,
		       const struct rawcommit *v, const char *sum)
{
	struct hist *h = w->h;
	struct hist_commit *c = hist_commit_add(h);
	const char *msg = v->message;
	const char *enc = v->encoding;
	const struct ident *ai;
	const struct ident *mi;

	w->latin1 = enc && (strcasecmp(enc, "ISO-8859-1") == 0 ||
			    strcasecmp(enc, "ISO8859-1") == 0 ||
			    strcasecmp(enc, "latin1") == 0 ||
			    strcasecmp(enc, "latin-1") == 0);
	ai = resolve(w, 0, v->author_name, v->author_email);
	mi = resolve(w, 1, v->committer_name, v->committer_email);
	git_oid_tostr(c->id, sizeof(c->id), id);
	c->author_name = ai->name;
	c->author_email = ai->email;
	c->is_bot = ai->bot;
	c->committer_name = mi->name;
	c->committer_email = mi->email;
	c->author_time = v->author_time;
	c->author_tz = v->author_tz;
	c->committer_time = v->committer_time;
	c->committer_tz = v->committer_tz;
	c->parents = v->parent_nr;
	c->subject = oh_arena_strdup(&h->arena, clean_utf8(w, sum ? sum : ""));
	c->signature = v->header && has_signature(v->header, v->header_len);
	if (msg) {
		add_trailers(w, c, msg);
		if (strstr(msg, remedy_phrase))
			add_remedies(h, h->commit_nr - 1, msg);
	}
}

/* A commit as libgit2 parsed it. */
static void add_libgit2_commit(struct walk *w, git_commit *gc)
{
	struct rawcommit v;

	libgit2_view(&v, gc);
	add_commit(w, git_commit_id(gc), &v, git_commit_summary(gc));
}

/* ---- the walk --------------------------------------------------------- */

static char *config_str(git_config *cfg, const char *key);

static int hide_known(const git_oid *oid, void *payload)
{
	struct walk *w = payload;
	char hex[41];

	git_oid_tostr(hex, sizeof(hex), oid);
	return w->opts->known(w->opts->known_payload, hex) ? 1 : 0;
}

/*
 * The upstream of HEAD's branch from branch.<b>.remote and
 * branch.<b>.merge, mapped the default way to refs/remotes/<remote>/<m>
 * (or <m> itself for remote "."), into up_id.  Not git_branch_upstream():
 * libgit2 1.5.1 leaks PCRE2 match data in the remote lookup it does.
 */
static int upstream_id(git_oid *up_id, git_repository *repo,
		       git_reference *head)
{
	git_config *cfg = NULL;
	struct oh_buf key = OH_BUF_INIT;
	char *remote = NULL;
	char *merge = NULL;
	const char *name = git_reference_name(head);
	int rc = -1;

	if (strncmp(name, "refs/heads/", 11) != 0 ||
	    git_repository_config_snapshot(&cfg, repo) < 0)
		goto out;
	oh_buf_addf(&key, "branch.%s.remote", name + 11);
	remote = config_str(cfg, key.buf);
	oh_buf_reset(&key);
	oh_buf_addf(&key, "branch.%s.merge", name + 11);
	merge = config_str(cfg, key.buf);
	if (!remote || !merge || strncmp(merge, "refs/heads/", 11) != 0)
		goto out;
	oh_buf_reset(&key);
	if (strcmp(remote, ".") == 0)
		oh_buf_adds(&key, merge);
	else
		oh_buf_addf(&key, "refs/remotes/%s/%s", remote, merge + 11);
	rc = git_reference_name_to_id(up_id, repo, key.buf);
out:
	free(remote);
	free(merge);
	oh_buf_release(&key);
	git_config_free(cfg);
	return rc;
}

/* Merge base of HEAD and its upstream (or origin/HEAD) into base. */
static int upstream_base(git_oid *base, git_repository *repo)
{
	git_reference *head = NULL;
	git_oid head_id;
	git_oid up_id;
	int rc = -1;

	if (git_repository_head(&head, repo) < 0 ||
	    git_reference_name_to_id(&head_id, repo, "HEAD") < 0)
		goto out;
	if (upstream_id(&up_id, repo, head) < 0 &&
	    git_reference_name_to_id(&up_id, repo, "refs/remotes/origin/HEAD") <
		    0)
		goto out;
	rc = git_merge_base(base, repo, &head_id, &up_id);
out:
	git_error_clear();
	git_reference_free(head);
	return rc;
}

static int push_start(struct walk *w, git_revwalk *rw, const char *path,
		      struct oh_err *err)
{
	const struct hist_opts *o = w->opts;

	if (o->range) {
		if (git_revwalk_push_range(rw, o->range) < 0) {
			gitlib_error(err, path, "bad range '%s'", o->range);
			err->code = OH_EINPUT;
			return OH_EINPUT;
		}
		return 0;
	}
	if (o->all_refs && git_revwalk_push_glob(rw, "refs/*") < 0)
		return gitlib_error(err, path, "cannot walk the refs");
	if (git_revwalk_push_head(rw) < 0) {
		if (git_repository_head_unborn(w->repo) == 1 || o->all_refs) {
			git_error_clear();
			return 1; /* nothing to walk */
		}
		return gitlib_error(err, path, "cannot walk HEAD");
	}
	if (w->has_base && git_revwalk_hide(rw, &w->base) < 0)
		return gitlib_error(err, path, "cannot hide the base");
	return 0;
}

static int walk_commits(struct walk *w, const char *path, struct oh_err *err)
{
	git_revwalk *rw = NULL;
	git_commit *gc = NULL;
	git_oid oid;
	int rc;

	if (git_revwalk_new(&rw, w->repo) < 0)
		return gitlib_error(err, path, "cannot start a revwalk");
	git_revwalk_sorting(rw, GIT_SORT_TIME);
	if (w->opts->known && git_revwalk_add_hide_cb(rw, hide_known, w) < 0) {
		rc = gitlib_error(err, path, "cannot set the hide callback");
		goto out;
	}
	rc = push_start(w, rw, path, err);
	if (rc != 0) {
		rc = rc > 0 ? 0 : rc;
		goto out;
	}
	while ((rc = git_revwalk_next(&oid, rw)) == 0) {
		if (w->h->commit_nr >= HIST_MAX_COMMITS) {
			rc = oh_err_set(err, OH_ELIMIT, path, 0, 0,
					"more than %u commits",
					HIST_MAX_COMMITS);
			goto out;
		}
		if (git_commit_lookup(&gc, w->repo, &oid) < 0) {
			rc = gitlib_repo_error(err, w->repo, path,
					       "cannot read a commit");
			goto out;
		}
		add_libgit2_commit(w, gc);
		git_commit_free(gc);
		gc = NULL;
	}
	if (rc != GIT_ITEROVER) {
		rc = gitlib_repo_error(err, w->repo, path, "revwalk failed");
		goto out;
	}
	rc = 0;
out:
	git_revwalk_free(rw);
	return rc;
}

/*
 * Full walks (no range): our own traversal reads every commit once with
 * git_commit_lookup(), where a revwalk followed by a lookup inflates each
 * commit twice.  A commit already stored ends the walk along that line
 * (the stored set is closed under ancestry, so that equals hiding it).
 */
struct oidset {
	git_oid *slot; /* open addressing; all-zero = empty */
	size_t cap;    /* power of two */
	size_t nr;
};

/*
 * Ids compared as three words, inline: the set is probed twice per
 * commit, and a call to memcmp() per probe was 3% of the walk.
 */
_Static_assert(sizeof(((git_oid *)0)->id) == 20, "SHA-1 ids");

static inline bool oid_same(const git_oid *a, const git_oid *b)
{
	uint64_t a0, a1, b0, b1;
	uint32_t a2, b2;

	memcpy(&a0, a->id, 8);
	memcpy(&b0, b->id, 8);
	memcpy(&a1, a->id + 8, 8);
	memcpy(&b1, b->id + 8, 8);
	memcpy(&a2, a->id + 16, 4);
	memcpy(&b2, b->id + 16, 4);
	return ((a0 ^ b0) | (a1 ^ b1) | (uint64_t)(a2 ^ b2)) == 0;
}

static inline bool oid_zero(const git_oid *o)
{
	static const git_oid zero;

	return oid_same(o, &zero);
}

static size_t oid_hash(const git_oid *o)
{
	size_t h;

	memcpy(&h, o->id, sizeof(h));
	return h;
}

#define HUGE_PAGE ((size_t)2 << 20)

/*
 * n zeroed slots; a table of 2 MiB or more aligned to and advised as
 * transparent huge pages, as facts/hist.c does for the commit array (the
 * table of git/git is 5 MB of fresh memory: 1,300 page faults otherwise).
 */
static git_oid *oidset_slots(size_t n)
{
	size_t len = oh_mul(n, sizeof(git_oid));
	git_oid *p = NULL;

	if (len >= HUGE_PAGE)
		p = aligned_alloc(HUGE_PAGE, len); /* len: a power of two */
	if (!p)
		return oh_xcalloc(n, sizeof(git_oid));
#ifdef MADV_HUGEPAGE
	(void)madvise(p, len, MADV_HUGEPAGE);
#endif
	memset(p, 0, len);
	return p;
}

/* Add o; false when it was there already. */
static bool oidset_add(struct oidset *s, const git_oid *o)
{
	size_t j;

	if ((s->nr + 1) * 2 > s->cap) {
		struct oidset n = { .cap = s->cap ? s->cap * 2 : 4096 };

		n.slot = oidset_slots(n.cap);
		for (size_t i = 0; i < s->cap; i++) {
			if (oid_zero(&s->slot[i]))
				continue;
			j = oid_hash(&s->slot[i]) & (n.cap - 1);
			while (!oid_zero(&n.slot[j]))
				j = (j + 1) & (n.cap - 1);
			n.slot[j] = s->slot[i];
		}
		n.nr = s->nr;
		free(s->slot);
		*s = n;
	}
	j = oid_hash(o) & (s->cap - 1);
	while (!oid_zero(&s->slot[j])) {
		if (oid_same(&s->slot[j], o))
			return false;
		j = (j + 1) & (s->cap - 1);
	}
	s->slot[j] = *o;
	s->nr++;
	return true;
}

struct oidstack {
	git_oid *item;
	size_t nr, alloc;
};

static void push_new(struct walk *w, struct oidset *seen, struct oidstack *st,
		     const git_oid *o)
{
	char hex[41];

	if (!oidset_add(seen, o))
		return;
	if (w->opts->known) {
		git_oid_tostr(hex, sizeof(hex), o);
		if (w->opts->known(w->opts->known_payload, hex))
			return;
	}
	OH_GROW(st->item, st->alloc, st->nr + 1);
	st->item[st->nr++] = *o;
}

/* Tips: HEAD first, then with all_refs every ref that peels to a commit. */
static void push_tips(struct walk *w, struct oidset *seen, struct oidstack *st)
{
	git_reference_iterator *it = NULL;
	git_reference *ref = NULL;
	git_oid head;

	if (w->opts->all_refs &&
	    git_reference_iterator_new(&it, w->repo) == 0) {
		while (git_reference_next(&ref, it) == 0) {
			git_object *obj = NULL;

			if (git_reference_peel(&obj, ref, GIT_OBJECT_COMMIT) ==
			    0)
				push_new(w, seen, st, git_object_id(obj));
			git_object_free(obj);
			git_reference_free(ref);
		}
		git_reference_iterator_free(it);
	}
	/* HEAD last on the stack, so it is walked first. */
	if (git_reference_name_to_id(&head, w->repo, "HEAD") == 0)
		push_new(w, seen, st, &head);
	git_error_clear();
}

_Static_assert(RAWCOMMIT_ID_LEN == GIT_OID_RAWSZ, "SHA-1 ids");

#define RAW_KEEP ((size_t)1 << 20) /* bytes of buffer kept between commits */

/*
 * Commit o read from its bytes (rawcommit.h), its parents pushed: the
 * walk's usual case, without libgit2's parse and its allocations.  False
 * when it is not of the usual shape (or not there): the caller asks
 * libgit2, which gives the facts or the error it always gave.
 */
static bool walk_raw(struct walk *w, git_odb *odb, const git_oid *o,
		     struct oidset *seen, struct oidstack *st, bool *chain)
{
	git_odb_object *obj = NULL;
	struct rawcommit v;
	git_oid parent;
	bool ok;

	if (!odb || git_odb_read(&obj, odb, o) < 0) {
		git_error_clear();
		return false;
	}
	ok = git_odb_object_type(obj) == GIT_OBJECT_COMMIT &&
	     rawcommit_parse(&v, &w->raw, git_odb_object_data(obj),
			     git_odb_object_size(obj));
	if (ok) {
		oh_buf_reset(&w->sum);
		rawcommit_summary(&w->sum, v.message);
		add_commit(w, o, &v, w->sum.buf);
		if (*chain) /* first parents first: the chain, to its end */
			*chain = pathlog_chain_add(
				w->opts->chain, o->id, v.tree,
				v.parent_nr > 0 ? v.parent[0] : NULL);
		for (unsigned i = v.parent_nr; i-- > 0;) {
			git_oid_fromraw(&parent, v.parent[i]);
			push_new(w, seen, st, &parent);
		}
	}
	git_odb_object_free(obj);
	/* a huge message's copy is not kept for the rest of the walk */
	if (w->raw.alloc > RAW_KEEP)
		oh_buf_release(&w->raw);
	if (w->sum.alloc > RAW_KEEP)
		oh_buf_release(&w->sum);
	return ok;
}

static int walk_full(struct walk *w, const char *path, struct oh_err *err)
{
	struct oidset seen = { 0 };
	struct oidstack st = { 0 };
	git_commit *gc = NULL;
	git_odb *odb = NULL;
	bool chain = w->opts->chain != NULL;
	int rc = 0;

	if (git_repository_odb(&odb, w->repo) < 0) {
		odb = NULL; /* every commit through libgit2 */
		git_error_clear();
	}
	push_tips(w, &seen, &st);
	while (st.nr > 0) {
		git_oid o = st.item[--st.nr];
		unsigned np;

		if (w->h->commit_nr >= HIST_MAX_COMMITS) {
			rc = oh_err_set(err, OH_ELIMIT, path, 0, 0,
					"more than %u commits",
					HIST_MAX_COMMITS);
			break;
		}
		if (walk_raw(w, odb, &o, &seen, &st, &chain))
			continue;
		if (git_commit_lookup(&gc, w->repo, &o) < 0) {
			rc = gitlib_repo_error(err, w->repo, path,
					       "cannot read a commit");
			break;
		}
		add_libgit2_commit(w, gc);
		np = git_commit_parentcount(gc);
		if (chain) /* first parents first: the chain, to its end */
			chain = pathlog_chain_add(
				w->opts->chain, git_commit_id(gc)->id,
				git_commit_tree_id(gc)->id,
				np > 0 ? git_commit_parent_id(gc, 0)->id
				       : NULL);
		for (unsigned i = np; i-- > 0;)
			push_new(w, &seen, &st, git_commit_parent_id(gc, i));
		git_commit_free(gc);
	}
	git_odb_free(odb);
	free(seen.slot);
	free(st.item);
	return rc;
}

/* ---- tags ------------------------------------------------------------- */

static bool has_sig_block(const char *msg)
{
	return msg && (strstr(msg, "-----BEGIN PGP SIGNATURE-----") ||
		       strstr(msg, "-----BEGIN SSH SIGNATURE-----"));
}

/* Does the object database hold commit `id`?  Its header only. */
static bool commit_there(git_repository *repo, const git_oid *id)
{
	git_odb *odb = NULL;
	git_object_t type = GIT_OBJECT_INVALID;
	size_t len = 0;
	bool there = git_repository_odb(&odb, repo) == 0 &&
		     git_odb_read_header(&len, &type, odb, id) == 0 &&
		     type == GIT_OBJECT_COMMIT;

	git_odb_free(odb);
	return there;
}

static void add_tag(struct walk *w, const char *refname, git_object *obj)
{
	struct hist *h = w->h;
	struct hist_tag *t;
	git_object *peeled = NULL;

	OH_GROW(h->tag, h->tag_alloc, h->tag_nr + 1);
	t = &h->tag[h->tag_nr++];
	memset(t, 0, sizeof(*t));
	t->name = oh_arena_strdup(&h->arena, refname + strlen("refs/tags/"));
	(void)hist_semver_parse(t, t->name);
	if (git_object_type(obj) == GIT_OBJECT_TAG) {
		const git_tag *tag = (const git_tag *)obj;
		const git_signature *tg = git_tag_tagger(tag);

		t->annotated = true;
		t->signed_tag = has_sig_block(git_tag_message(tag));
		if (tg)
			t->time = tg->when.time;
		/*
		 * A tag of a commit, with a tagger date: what peeling gives
		 * without reading the commit (one per tag: half the cost of
		 * the tags of a re-scan).  Peeling fails when the object is
		 * missing or not the commit the tag says; so does this.
		 */
		if (t->time != 0 &&
		    git_tag_target_type(tag) == GIT_OBJECT_COMMIT &&
		    commit_there(w->repo, git_tag_target_id(tag))) {
			git_oid_tostr(t->target, sizeof(t->target),
				      git_tag_target_id(tag));
			git_error_clear();
			return;
		}
	}
	if (git_object_peel(&peeled, obj, GIT_OBJECT_COMMIT) == 0) {
		const git_commit *c = (const git_commit *)peeled;

		git_oid_tostr(t->target, sizeof(t->target), git_commit_id(c));
		if (t->time == 0)
			t->time = git_commit_committer(c)->when.time;
	}
	git_error_clear();
	git_object_free(peeled);
}

static int tag_cmp(const void *a, const void *b)
{
	return strcmp(((const struct hist_tag *)a)->name,
		      ((const struct hist_tag *)b)->name);
}

static int walk_tags(struct walk *w, const char *path, struct oh_err *err)
{
	git_reference_iterator *it = NULL;
	git_reference *ref = NULL;
	int rc;

	if (git_reference_iterator_glob_new(&it, w->repo, "refs/tags/*") < 0)
		return gitlib_error(err, path, "cannot list tags");
	while ((rc = git_reference_next(&ref, it)) == 0) {
		git_object *obj = NULL;

		const git_oid *id = git_reference_target(ref);

		/* The tag object itself (peeling would skip it). */
		if (id &&
		    git_object_lookup(&obj, w->repo, id, GIT_OBJECT_ANY) == 0)
			add_tag(w, git_reference_name(ref), obj);
		git_error_clear();
		git_object_free(obj);
		git_reference_free(ref);
	}
	git_reference_iterator_free(it);
	if (rc != GIT_ITEROVER)
		return gitlib_error(err, path, "cannot list tags");
	if (w->h->tag_nr > 1)
		qsort(w->h->tag, w->h->tag_nr, sizeof(*w->h->tag), tag_cmp);
	return 0;
}

/* True when path is the repository's git directory itself. */
static bool opened_at_gitdir(git_repository *repo, const char *path)
{
	char *abs = realpath(path, NULL);
	const char *gd = git_repository_path(repo);
	size_t n = abs ? strlen(abs) : 0;
	bool at = abs && strncmp(gd, abs, n) == 0 && gd[n] == '/' &&
		  gd[n + 1] == '\0';

	free(abs);
	return at;
}

/* Lower-case the last <email> of every line: the key git matches on. */
static void lower_keys(char *b, size_t len)
{
	char *end = b + len;

	while (b < end) {
		char *nl = memchr(b, '\n', (size_t)(end - b));
		char *le = nl ? nl : end;
		char *lt = NULL;

		for (char *p = b; p < le; p++)
			if (*p == '<')
				lt = p;
		for (char *p = lt; p && p < le && *p != '>'; p++)
			if (*p >= 'A' && *p <= 'Z')
				*p = (char)(*p - 'A' + 'a');
		b = le + 1;
	}
}

/* HEAD:.mailmap, unless its object header says it is too large. */
static void head_mailmap(struct oh_buf *out, git_repository *repo)
{
	git_object *tree = NULL;
	git_tree_entry *e = NULL;
	git_blob *blob = NULL;
	uint64_t size;

	if (git_revparse_single(&tree, repo, "HEAD^{tree}") == 0 &&
	    git_tree_entry_bypath(&e, (git_tree *)tree, ".mailmap") == 0 &&
	    git_tree_entry_type(e) == GIT_OBJECT_BLOB &&
	    gitlib_blob_lookup_max(&blob, &size, repo, git_tree_entry_id(e),
				   HIST_MAX_MAILMAP) == 0)
		oh_buf_add(out, git_blob_rawcontent(blob),
			   (size_t)git_blob_rawsize(blob));
	git_blob_free(blob);
	git_tree_entry_free(e);
	git_object_free(tree);
}

/* The .mailmap text git would read (see load_mailmap) into out. */
static void mailmap_text(struct oh_buf *out, git_repository *repo,
			 const char *path)
{
	struct oh_buf f = OH_BUF_INIT;

	if (git_repository_is_bare(repo) || opened_at_gitdir(repo, path)) {
		head_mailmap(out, repo);
	} else if (git_repository_workdir(repo)) {
		oh_buf_addf(&f, "%s.mailmap", git_repository_workdir(repo));
		oh_buf_set_max(out, HIST_MAX_MAILMAP);
		if (oh_path_exists(f.buf) &&
		    oh_buf_read_file(out, f.buf, NULL) < 0)
			oh_buf_reset(out);
	}
	git_error_clear();
	oh_buf_release(&f);
}

/*
 * .mailmap as git reads it: the work tree's file, or HEAD:.mailmap for a
 * bare repository.  A git directory opened directly counts as bare even
 * without core.bare (libgit2 then looks for a work tree above it and
 * finds no .mailmap; git treats it as bare).  Emails are matched ignoring
 * case (see mailmap_resolve).  mailmap.file and mailmap.blob settings are
 * not read.  NULL when there is no .mailmap.
 */
static git_mailmap *load_mailmap(git_repository *repo, const char *path)
{
	struct oh_buf text = OH_BUF_INIT;
	git_mailmap *mm = NULL;

	mailmap_text(&text, repo, path);
	if (text.len > 0 && text.len <= HIST_MAX_MAILMAP) {
		lower_keys(text.buf, text.len);
		if (git_mailmap_from_buffer(&mm, text.buf, text.len) < 0)
			mm = NULL;
	}
	git_error_clear();
	oh_buf_release(&text);
	return mm;
}

/* The walks over an open repository; `path` is where it was opened. */
static int collect(struct hist *h, git_repository *repo, const char *path,
		   const struct hist_opts *opts, struct oh_err *err)
{
	struct walk w = { .h = h,
			  .opts = opts,
			  .tl = TRAILER_LIST_INIT,
			  .tmp = OH_BUF_INIT,
			  .u8 = OH_BUF_INIT,
			  .lc = OH_BUF_INIT,
			  .raw = OH_BUF_INIT,
			  .sum = OH_BUF_INIT,
			  .ident = oh_xcalloc(1, sizeof(struct ident_table)),
			  .tident = oh_xcalloc(1, sizeof(struct ident_table)),
			  .repo = repo };
	int rc = 0;

	/*
	 * Each commit is read once; caching parsed commits only costs memory
	 * and allocator churn (this setting is process-wide in libgit2).
	 */
	git_libgit2_opts(GIT_OPT_SET_CACHE_OBJECT_LIMIT, GIT_OBJECT_COMMIT,
			 (size_t)0);
	/*
	 * Like git log, read commits without re-hashing each object (a
	 * corrupt object yields wrong facts, never unbounded parsing).
	 * Counted and restored below: the switch is process-wide
	 * (gitlib.h says why that is acceptable).
	 */
	gitlib_relax_hashes();
	w.mailmap = load_mailmap(w.repo, path);
	if (!opts->range && opts->upstream_range &&
	    upstream_base(&w.base, w.repo) == 0) {
		w.has_base = true;
		git_oid_tostr(h->base, sizeof(h->base), &w.base);
	}
	if (opts->range || w.has_base)
		rc = walk_commits(&w, path, err);
	else
		rc = walk_full(&w, path, err);
	if (rc == 0 && opts->tags)
		rc = walk_tags(&w, path, err);
	trailer_list_release(&w.tl);
	oh_buf_release(&w.tmp);
	oh_buf_release(&w.u8);
	oh_buf_release(&w.lc);
	oh_buf_release(&w.raw);
	oh_buf_release(&w.sum);
	ident_table_free(w.ident);
	ident_table_free(w.tident);
	git_mailmap_free(w.mailmap);
	gitlib_restore_hashes();
	return rc;
}

int hist_collect(struct hist *h, const char *path, const struct hist_opts *opts,
		 struct oh_err *err)
{
	git_repository *repo = NULL;
	int rc;

	gitlib_init();
	rc = git_repository_open_ext(&repo, path, 0, NULL);
	if (rc == GIT_ENOTFOUND) {
		rc = oh_err_set(err, OH_ENOTFOUND, path, 0, 0,
				"not a git repository");
		git_error_clear();
	} else if (rc < 0) {
		rc = gitlib_error(err, path, "cannot open the repository");
	} else {
		rc = collect(h, repo, path, opts, err);
	}
	git_repository_free(repo);
	gitlib_shutdown();
	return rc;
}

int hist_collect_tags_repo(struct hist *h, struct mirror_repo *repo,
			   struct oh_err *err)
{
	struct hist_opts opts = HIST_OPTS_INIT;
	struct walk w = { .h = h,
			  .opts = &opts,
			  .repo = mirror_repo_git(repo) };
	int rc;

	gitlib_relax_hashes(); /* as the walk reads them */
	rc = walk_tags(&w, mirror_repo_path(repo), err);
	gitlib_restore_hashes();
	return rc;
}

int hist_collect_repo(struct hist *h, struct mirror_repo *repo,
		      const struct hist_opts *opts, struct oh_err *err)
{
	return collect(h, mirror_repo_git(repo), mirror_repo_path(repo), opts,
		       err);
}

static char *config_str(git_config *cfg, const char *key)
{
	git_buf b = { 0 };
	char *s = NULL;

	if (cfg && git_config_get_string_buf(&b, cfg, key) == 0)
		s = oh_xstrdup(b.ptr);
	git_error_clear();
	git_buf_dispose(&b);
	return s;
}

int hist_user_identity(char **name, char **email, const char *path,
		       struct oh_err *err)
{
	git_repository *repo = NULL;
	git_config *cfg = NULL;
	const char *en = getenv("GIT_AUTHOR_NAME");
	const char *ee = getenv("GIT_AUTHOR_EMAIL");
	int rc = 0;

	gitlib_init();
	if (git_repository_open_ext(&repo, path, 0, NULL) == 0)
		(void)git_repository_config_snapshot(&cfg, repo);
	else
		(void)git_config_open_default(&cfg);
	git_error_clear();
	*name = en ? oh_xstrdup(en) : config_str(cfg, "user.name");
	*email = ee ? oh_xstrdup(ee) : config_str(cfg, "user.email");
	if (!*email)
		rc = oh_err_set(err, OH_ENOTFOUND, path, 0, 0,
				"no author email: set GIT_AUTHOR_EMAIL or "
				"user.email");
	git_config_free(cfg);
	git_repository_free(repo);
	gitlib_shutdown();
	return rc;
}

void hist_message_add(struct hist *h, const char *msg, const char *name,
		      const char *email)
{
	struct hist_opts o = HIST_OPTS_INIT;
	struct walk w = { .h = h,
			  .opts = &o,
			  .tl = TRAILER_LIST_INIT,
			  .tmp = OH_BUF_INIT,
			  .u8 = OH_BUF_INIT,
			  .lc = OH_BUF_INIT };
	struct hist_commit *c = hist_commit_add(h);
	const char *nl = strchr(msg, '\n');

	snprintf(c->id, sizeof(c->id), "%040d", 0);
	c->author_name = hist_intern(h, name);
	c->author_email = hist_intern(h, email);
	c->committer_name = c->author_name;
	c->committer_email = c->author_email;
	oh_buf_add(&w.tmp, msg, nl ? (size_t)(nl - msg) : strlen(msg));
	c->subject = oh_arena_strdup(&h->arena, clean_utf8(&w, w.tmp.buf));
	add_trailers(&w, c, msg);
	add_remedies(h, h->commit_nr - 1, msg);
	trailer_list_release(&w.tl);
	oh_buf_release(&w.tmp);
	oh_buf_release(&w.u8);
	oh_buf_release(&w.lc);
}
