/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef OH_HEALTH_ACTIVITY_H
#define OH_HEALTH_ACTIVITY_H

/*
 * CHAOSS activity metrics as pure functions over commit and tag facts
 * (struct hist) and `now`; every definition is in docs/metrics.md.
 * Windows end at now: ACT_W90 (now-90d, now], ACT_W365 (now-365d, now]
 * and ACT_WALL (all time, up to now).  Authors are identified by their
 * email after .mailmap, compared ignoring ASCII case; commit times are
 * author times.  Organisations come from an act_orgs map (rules/orgs.json:
 * email domain -> organisation and country; free-mail domains and unknown
 * domains count each author as their own organisation).
 *
 * Ownership: act_compute() fills a caller-provided struct without
 * pointers into h except `tz` counts (fixed array).  act_orgs_free()
 * frees a loaded map.  Limits: ACT_MAX_ORGS entries in an orgs file.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct hist;
struct oh_err;
struct act_orgs;

#define ACT_MAX_ORGS 100000u
#define ACT_TZ_SLOTS 105 /* offsets -12:00..+14:00 in 15-minute steps */

enum act_window { ACT_W90, ACT_W365, ACT_WALL, ACT_NWIN };

struct act_window_metrics {
	size_t commits;         /* commits in the window (merges too) */
	size_t prev_commits;    /* commits in the previous window of equal
				    length (0 for all time) */
	double trend;           /* commits / prev_commits - 1; 0 if prev 0 */
	size_t authors;         /* distinct author emails */
	size_t new_authors;     /* first commit ever inside the window */
	size_t absence_factor;  /* fewest authors with >= 50% commits */
	size_t elephant_factor; /* the same over organisations */
	size_t organisations;   /* distinct organisations */
};

struct act_metrics {
	struct act_window_metrics w[ACT_NWIN];
	size_t inactive_authors;      /* active (365-730d] ago, none in 365d */
	size_t releases;              /* semver tags without pre-release */
	double release_interval_days; /* mean gap; 0 with < 2 releases */
	int64_t days_since_commit;    /* -1 when no commits */
	int64_t days_since_release;   /* -1 when no release */
	size_t tz[ACT_TZ_SLOTS];      /* all-time commits per offset */
	size_t tz_other;              /* offsets not on the 15-min grid */
};

/** Compute every metric; orgs may be NULL (each author is an org). */
void act_compute(struct act_metrics *out, const struct hist *h,
		 const struct act_orgs *orgs, int64_t now);

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

#endif /* OH_HEALTH_ACTIVITY_H */
