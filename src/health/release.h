/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef OH_HEALTH_RELEASE_H
#define OH_HEALTH_RELEASE_H

/*
 * Releases from tag names, whatever the naming scheme: `v1.2.3`, `1.2`,
 * `curl-8_11_0`, `release-1.2`, `R_1_2`, `openssl-3.0.0`, `2024.01`,
 * `jq-1.7.1`; pre-releases (`v2.0.0-rc1`, `1.0b2`, `curl-7_9_8-pre1`,
 * `2.0.0.0rc1`) are counted apart.  A name is split into a prefix
 * ("curl-"), a version of two to six numbers separated by `.` or `_`, and
 * a suffix that says whether it is a pre-release, a release (nothing,
 * `+build`, `-1` packaging revisions, `.post1`, `-final`) or something
 * else (`2023.1-eom`: not a release).
 *
 * The project's own scheme is learned from its tags (rel_summarise): the
 * prefixes are folded into families (case ignored; trailing separators,
 * a trailing `v` and the words release/rel/version/ver dropped, so
 * `v1.2`, `release-1.2` and `1.2` are one family, `OpenSSL_1_1_1` and
 * `openssl-3.0.0` another), and the family with the most release tags is
 * the project's; a family that took over from it (two releases or more,
 * every tag newer than its last release: c-ares's cares-1_29_0 then
 * v1.30.0) or that it took over from (every tag older than its first
 * release, no higher version: libssh2's RELEASE.1.1) is the project's
 * too, and the scheme reported is that of the last release.  Tags of
 * other families (a subtree's `gitgui-0.10.0`, the crates of a
 * workspace) are counted as foreign and left out.  Tags naming the same
 * version count once.  A version has two to six numbers, or one after
 * an `r` (`r58`); a bare letter after the numbers is a patch release
 * (tmux `3.3a`, OpenSSL `1_1_1w`).
 *
 * Cadence is the median gap in days between consecutive release days
 * (several releases on one day, such as maintenance releases of many
 * series, are one event; with one release day there is no cadence);
 * days since the last release are whole days before `now`.  With no
 * release at all, `releases` is 0 and the day counts are meaningless
 * (callers print "no releases", never -1).
 *
 * Pure: no git, no clock, no globals; thread safe.  Limits: tag names up
 * to REL_MAX_NAME bytes are parsed, longer ones are not releases.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define REL_MAX_NAME   256 /* longest tag name parsed */
#define REL_MAX_PARTS  6   /* version numbers kept */
#define REL_MAX_FAMILY 48  /* bytes of a family name, NUL included */

enum rel_kind {
	REL_NONE,       /* not a version tag */
	REL_RELEASE,    /* a release */
	REL_PRERELEASE, /* alpha, beta, rc, pre, dev, preview, snapshot */
};

struct rel_version {
	enum rel_kind kind;                /* what the tag is */
	char family[REL_MAX_FAMILY];       /* folded prefix; "" for v1.2 */
	unsigned long part[REL_MAX_PARTS]; /* version numbers */
	size_t part_nr;                    /* 2..REL_MAX_PARTS when a version */
	char letter;                       /* patch letter (3.3a), or 0 */
};

/** Parse one tag name (without refs/tags/); false when not a version. */
bool rel_parse(struct rel_version *out, const char *name);

/* One tag as the summary needs it. */
struct rel_tag {
	const char *name; /* tag name */
	int64_t time;     /* tagger date, else the target commit's date */
};

struct rel_summary {
	char family[REL_MAX_FAMILY]; /* the project's family ("" = plain) */
	const char *family_example;  /* the last release, else a tag of
					the family (borrowed) */
	size_t releases;             /* distinct release versions */
	size_t prereleases;          /* distinct pre-release versions */
	size_t releases_365;         /* releases in (now-365d, now] */
	size_t foreign;              /* version tags of other families */
	size_t other;                /* tags that are no version */
	int64_t first;               /* date of the oldest release */
	int64_t last;                /* date of the newest release */
	const char *last_name;       /* its tag name (borrowed) */
	double median_interval_days; /* median gap; 0 with < 2 days */
	int64_t days_since_last;     /* whole days; 0 with no release */
};

/**
 * Summarise the releases among `tags` (n entries) as of `now`: tags dated
 * after now are ignored.  Borrowed strings point into `tags`.
 */
void rel_summarise(struct rel_summary *out, const struct rel_tag *tags,
		   size_t n, int64_t now);

#endif /* OH_HEALTH_RELEASE_H */
