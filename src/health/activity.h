/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef OH_HEALTH_ACTIVITY_H
#define OH_HEALTH_ACTIVITY_H

/*
 * CHAOSS activity metrics as pure functions over commit and tag facts
 * (struct hist) and `now`; every definition is in docs/metrics.md.
 * Windows end at now: ACT_W90 (now-90d, now], ACT_W365 (now-365d, now]
 * and ACT_WALL (all time, up to now).  Authors are identified by their
 * email after .mailmap, compared ignoring ASCII case; commit times are
 * author times.
 *
 * People, not machinery (CHAOSS: a contribution is a non-merge commit):
 * `commits` counts every commit, but authors, new authors, the absence
 * and elephant factors and organisations count contributions only,
 * non-merge commits whose author is no bot (hist_commit.is_bot, from
 * rules/bots.json).  The identities left out (bots, and authors of
 * nothing but merges such as Zuul) are listed in `excluded`.
 *
 * Organisations come from an act_orgs map (rules/orgs.json: email domain
 * -> organisation and country).  A free-mail domain makes the author an
 * individual; a domain in neither list leaves the commit unattributed
 * (each such author counts as their own organisation).  The elephant
 * factor is known only when at least ACT_ATTRIBUTED_MIN of the window's
 * contributions are attributed (to an organisation or an individual).
 *
 * Releases come from the tag names through health/release.h (any scheme,
 * the project's family learned from its tags).
 *
 * Ownership: act_compute() fills a caller-provided struct; `rel` holds
 * borrowed tag names from h, everything else is copied.  act_orgs_free()
 * frees a loaded map.  Limits: ACT_MAX_ORGS entries in an orgs file.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "health/release.h"

struct hist;
struct oh_err;
struct act_orgs;

#define ACT_MAX_ORGS       100000u
#define ACT_TZ_SLOTS       105 /* offsets -12:00..+14:00 in 15-minute steps */
#define ACT_ATTRIBUTED_MIN 0.5 /* attributed share for an elephant factor */
#define ACT_MAX_EXCLUDED   6   /* excluded identities listed per window */

enum act_window { ACT_W90, ACT_W365, ACT_WALL, ACT_NWIN };

/* An identity whose commits were left out of the people metrics. */
struct act_excluded {
	char ident[128]; /* "Name <email>", shortened */
	size_t commits;  /* its commits in the window */
	bool bot;        /* matched rules/bots.json (else merges only) */
};

struct act_window_metrics {
	size_t commits;         /* commits in the window (merges too) */
	size_t prev_commits;    /* commits in the previous window of equal
				    length (0 for all time) */
	double trend;           /* commits / prev_commits - 1; 0 if prev 0 */
	size_t merges;          /* commits with 2+ parents */
	size_t bot_commits;     /* non-merge commits by bots */
	size_t contributions;   /* non-merge commits by people */
	size_t authors;         /* distinct authors of contributions */
	size_t new_authors;     /* first contribution ever in the window */
	size_t absence_factor;  /* fewest authors with >= 50% contribs */
	size_t elephant_factor; /* the same over organisations */
	bool elephant_known;    /* attributed >= ACT_ATTRIBUTED_MIN */
	size_t attributed;      /* contributions with a known domain */
	size_t organisations;   /* distinct organisations */
	struct act_excluded excluded[ACT_MAX_EXCLUDED]; /* most commits */
	size_t excluded_nr;                             /* entries */
	size_t excluded_more;                           /* not listed */
};

struct act_metrics {
	struct act_window_metrics w[ACT_NWIN];
	size_t inactive_authors;      /* active (365-730d] ago, none in 365d */
	struct rel_summary rel;       /* releases from the tags */
	size_t releases;              /* rel.releases */
	double release_interval_days; /* median gap; 0 with < 2 releases */
	int64_t days_since_commit;    /* -1 when no commits */
	int64_t days_since_release;   /* -1 when no release (never shown) */
	size_t tz[ACT_TZ_SLOTS];      /* all-time commits per offset */
	size_t tz_other;              /* offsets not on the 15-min grid */
};

/** Compute every metric; orgs may be NULL (each author is an org). */
void act_compute(struct act_metrics *out, const struct hist *h,
		 const struct act_orgs *orgs, int64_t now);

/**
 * Write a window's excluded identities as one evidence line into buf
 * ("Zuul <zuul@...>: 404 merges; ..."), "" when none; always terminated.
 */
void act_excluded_format(char *buf, size_t size,
			 const struct act_window_metrics *w);

/** Time-zone offset in minutes of slot i. */
int act_tz_minutes(size_t slot);

/**
 * Load rules/orgs.json (format in docs/metrics.md).  OH_EIO, OH_EINPUT
 * naming the entry, OH_ELIMIT.
 */
int act_orgs_load(struct act_orgs **out, const char *path, struct oh_err *err);
int act_orgs_parse(struct act_orgs **out, const char *json, const char *name,
		   struct oh_err *err);
void act_orgs_free(struct act_orgs *o);

/**
 * Organisation of an email (borrowed), or NULL for free-mail and unknown
 * domains.  Subdomains match their parent ("x.corp.com" -> "corp.com").
 */
const char *act_org_of(const struct act_orgs *o, const char *email);

enum act_affiliation {
	ACT_AFF_UNKNOWN,    /* domain in neither list (or no map) */
	ACT_AFF_INDIVIDUAL, /* a free-mail domain */
	ACT_AFF_ORG,        /* an organisation's domain */
};

/** What the map says about an email's domain; *org set for ACT_AFF_ORG. */
enum act_affiliation act_affiliation_of(const struct act_orgs *o,
					const char *email, const char **org);

#endif /* OH_HEALTH_ACTIVITY_H */
