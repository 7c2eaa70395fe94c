/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef OH_FACTS_HIST_H
#define OH_FACTS_HIST_H

/*
 * Commit and tag facts of one history (git/history.h fills them from a
 * revwalk, store/store_hist.h saves and loads them): plain data with no
 * library behind it, read by the analysers (dco/, health/).
 *
 * Memory: all strings live in the hist's arena; names, emails and trailer
 * keys and values are interned (stored once).  Not thread safe: one
 * struct hist per thread.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"

struct hist_trailer {
	const char *key;         /* as written, e.g. "Signed-off-by" */
	const char *value;       /* unfolded value */
	const char *ident_name;  /* "Name <email>" values: name after mailmap */
	const char *ident_email; /* ... and email; both NULL otherwise */
};

struct hist_commit {
	char id[41];                /* hex object id */
	const char *author_name;    /* after .mailmap */
	const char *author_email;   /* after .mailmap */
	const char *committer_name; /* after .mailmap */
	const char *committer_email;
	int64_t author_time;    /* seconds since the epoch */
	int64_t committer_time; /* seconds since the epoch */
	int author_tz;          /* minutes east of UTC */
	int committer_tz;       /* minutes east of UTC */
	unsigned parents;       /* 0 for a root, 2+ for a merge */
	const char *subject;    /* first paragraph joined to one line */
	size_t trailer_first;   /* index into hist.trailer */
	size_t trailer_nr;      /* trailers of this commit */
	bool signature;         /* gpgsig header present */
	bool is_bot;            /* author matched rules/bots.json */
	bool signoff_outside;   /* "Signed-off-by:" line not in the trailers */
};

/* "I, Name <email>, hereby add my Signed-off-by to this commit: <sha>" */
struct hist_remedy {
	size_t commit;     /* index of the commit whose message says it */
	const char *name;  /* as written */
	const char *email; /* as written */
	const char *sha;   /* abbreviated or full id, lower case */
};

struct hist_tag {
	const char *name; /* without refs/tags/ */
	char target[41];  /* peeled commit id ("" if not a commit) */
	int64_t time;     /* tagger date, else target's committer date */
	bool annotated;   /* a tag object */
	bool signed_tag;  /* PGP/SSH signature block in the message */
	bool semver;      /* name is [v]MAJOR.MINOR.PATCH[-pre][+build] */
	bool prerelease;  /* semver with a -pre part */
	unsigned long major, minor, patch;
};

struct hist {
	struct oh_arena arena;      /* every string below */
	struct hist_commit *commit; /* in walk order (newest first) */
	size_t commit_nr, commit_alloc;
	struct hist_trailer *trailer;
	size_t trailer_nr, trailer_alloc;
	struct hist_remedy *remedy;
	size_t remedy_nr, remedy_alloc;
	struct hist_tag *tag; /* sorted by name */
	size_t tag_nr, tag_alloc;
	char base[41]; /* range base used ("" when none) */
	void *intern;  /* string table (private) */
};

/** Prepare an empty hist (for tests that build facts by hand). */
void hist_init(struct hist *h);

/** Free everything the hist holds. */
void hist_release(struct hist *h);

/** Move src's tags to the end of dst's (names copied); src keeps none. */
void hist_tags_move(struct hist *dst, struct hist *src);

/** Intern a string in h (returns the one stored copy; NULL stays NULL). */
const char *hist_intern(struct hist *h, const char *s);

/**
 * Make room for `commits` more commits and `trailers` more trailers
 * (one allocation each instead of a copy per doubling; large arrays are
 * advised as huge pages).
 */
void hist_reserve(struct hist *h, size_t commits, size_t trailers);

/**
 * The commits in id order (strcmp() of the hex ids): an array of
 * h->commit_nr pointers into h->commit, NULL-terminated, which the
 * caller frees.
 */
const struct hist_commit **hist_commits_by_id(const struct hist *h);

/** Append a zeroed commit and return it (valid until the next append). */
struct hist_commit *hist_commit_add(struct hist *h);

/** Append a trailer to the last commit added (strings are interned). */
void hist_trailer_add(struct hist *h, const char *key, const char *value,
		      const char *ident_name, const char *ident_email);

/**
 * hist_trailer_add() of a key and an email already interned in h (from
 * hist_intern(h, ...); email may be NULL), without value and name: what
 * the history snapshot holds.  No hashing.
 */
void hist_trailer_add_interned(struct hist *h, const char *key,
			       const char *ident_email);

/** Parse a tag name as [v]MAJOR.MINOR.PATCH[-pre][+build] into t. */
bool hist_semver_parse(struct hist_tag *t, const char *name);

#endif /* OH_FACTS_HIST_H */
