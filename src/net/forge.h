/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef OH_NET_FORGE_H
#define OH_NET_FORGE_H

/*
 * Activity and adoption facts from a forge API: GitHub REST, GitLab REST
 * (v4) and Gitea/Forgejo (v1), chosen from the repository URL or given.
 *
 * Operations: tell the forge and project from a URL, parse the repository
 * record (archived, stars, forks, open issues), parse pages of issues and
 * pull/merge requests into counts (opened and closed in the last 90 and
 * 365 days) and the median time to close, and forge_fetch() doing it all
 * over a net_client.  Tokens come from GITHUB_TOKEN, GITLAB_TOKEN,
 * GITEA_TOKEN (through src/net/http.h; never stored).
 *
 * Pagination: items updated in the last 365 days, FORGE_PER_PAGE per
 * page, until an empty page; more than FORGE_MAX_PAGES pages is an error
 * (OH_ELIMIT), never a short count.  HTTP 403/429 name the token variable
 * (rate limit or missing permission).
 *
 * Limits (untrusted replies): body as the net_client caps it, JSON via
 * cJSON, times must parse (RFC 3339, fractional seconds ignored), at most
 * FORGE_PER_PAGE * FORGE_MAX_PAGES items per list.
 *
 * Not collected (yet): time to first response (needs one request per
 * issue) and the share of reviewed changes.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct oh_err;
struct net_client;

#define FORGE_PER_PAGE  100
#define FORGE_MAX_PAGES 10

enum forge_kind {
	FORGE_UNKNOWN,
	FORGE_GITHUB,
	FORGE_GITLAB,
	FORGE_GITEA,
};

struct forge_window {
	long opened; /* created in the window */
	long closed; /* closed (or merged) in the window */
};

struct forge_facts {
	bool archived;                 /* archived (or disabled) */
	long stars;                    /* stargazers */
	long forks;                    /* forks */
	long open_issues;              /* as the forge counts them */
	struct forge_window issues;    /* last 365 days */
	struct forge_window issues90;  /* last 90 days */
	struct forge_window changes;   /* pull/merge requests, 365 days */
	struct forge_window changes90; /* last 90 days */
	double median_close_days;      /* issues closed in 365 days; -1 none */
	long close_sample;             /* issues behind the median */
};

/**
 * Parse "github", "gitlab", "gitea" or "forgejo".  OH_EINPUT otherwise.
 */
int forge_kind_parse(enum forge_kind *out, const char *name,
		     struct oh_err *err);

/** "github", "gitlab", "gitea" or "unknown". */
const char *forge_kind_name(enum forge_kind k);

/**
 * From a repository URL (https://host/owner/repo[.git] or
 * git@host:owner/repo.git) derive the project path "owner/repo" and, when
 * *kind is FORGE_UNKNOWN, the kind from the host (github.com, gitlab.com
 * or gitlab.*, codeberg.org or hosts naming gitea/forgejo), and the API
 * base (https://api.github.com, https://host/api/v4, https://host/api/v1).
 * Caller frees *project and *api_base with free().  OH_EINPUT when the
 * URL or forge cannot be told.
 */
int forge_locate(enum forge_kind *kind, char **project, char **api_base,
		 const char *repo_url, struct oh_err *err);

/** Parse the repository record into archived, stars, forks, open issues. */
int forge_parse_repo(struct forge_facts *out, enum forge_kind kind,
		     const char *body, size_t len, const char *name,
		     struct oh_err *err);

/** Accumulator for the pages of one forge_fetch(). */
struct forge_acc {
	double *close_days; /* durations of issues closed in 365 days */
	size_t close_nr;
	size_t close_alloc;
};

/**
 * Add one page of issues (changes = false) or pull/merge requests
 * (changes = true; GitHub marks them inside the issue list, then
 * `changes` is ignored) to out.  *items_out is the page's item count.
 */
int forge_parse_items(struct forge_facts *out, struct forge_acc *acc,
		      size_t *items_out, enum forge_kind kind, bool changes,
		      int64_t now, const char *body, size_t len,
		      const char *name, struct oh_err *err);

/** Compute the median from acc into out and free acc. */
void forge_acc_finish(struct forge_facts *out, struct forge_acc *acc);

/**
 * Fetch everything for `project` from api_base.  `now` is the review
 * time.  All or nothing: on failure *out is zeroed and err says why.
 */
int forge_fetch(struct forge_facts *out, struct net_client *c,
		enum forge_kind kind, const char *api_base, const char *project,
		int64_t now, struct oh_err *err);

#endif /* OH_NET_FORGE_H */
