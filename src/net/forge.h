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
 * Per-item metrics (forge_detail.c), over a sample because each item
 * costs requests: the CHAOSS time to first response of the
 * FORGE_DETAIL_SAMPLE most recent issues and changes opened in 365 days,
 * and the share of the FORGE_DETAIL_SAMPLE most recently merged changes
 * that someone other than their author reviewed.  Items opened by bots
 * are left out, and replies by bots or by the item's author do not count
 * (logins ending in "[bot]", and whatever the caller's forge_bot_fn
 * says).  A failed per-item request makes that metric unknown, with the
 * reason in detail_note: never 0, never a number from part of the sample.
 * Replies are read oldest first, up to FORGE_REPLY_PAGES comment pages
 * and one review page; when the last page read is full and nothing on it
 * counts, the metric is unknown too (the answer may be on the next).
 * When the forge's rate-limit header says fewer requests are left than
 * the samples need, they are not fetched (unknown, saying so), which
 * keeps the quota for the counts of the next components.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct oh_err;
struct net_client;

#define FORGE_PER_PAGE      100
#define FORGE_MAX_PAGES     10
#define FORGE_DETAIL_SAMPLE 20 /* items per per-item metric */
#define FORGE_REPLY_PAGES   3  /* comment pages read per item at most */
#define FORGE_LOGIN_MAX     64

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

/* The state of a per-item metric. */
enum forge_metric {
	FORGE_METRIC_NONE,    /* nothing to measure (no item in the window) */
	FORGE_METRIC_OK,      /* measured over the sample */
	FORGE_METRIC_UNKNOWN, /* a request failed: see detail_note */
};

/** Is `login` a bot?  The caller's rule (e.g. rules/bots.json). */
typedef bool (*forge_bot_fn)(const char *login, void *payload);

/*
 * Releases published on the forge (GitHub and Gitea releases, GitLab
 * releases): what a project announces as a release, including projects
 * whose git tags follow no version scheme.  Drafts, GitLab's upcoming
 * releases and releases dated after `now` are left out.
 */
struct forge_releases {
	enum forge_metric state;     /* NONE: no release; UNKNOWN: see note */
	long releases;               /* published, not pre-releases */
	long prereleases;            /* marked as pre-releases */
	long releases_365;           /* releases in the 365 days before now */
	long with_notes;             /* releases with a description */
	bool capped;                 /* FORGE_MAX_PAGES pages were full */
	int64_t first;               /* oldest release, 0 none */
	int64_t last;                /* newest release, 0 none */
	char last_tag[128];          /* its tag */
	double median_interval_days; /* between release days; -1 < 2 days */
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
	enum forge_metric response;    /* time to first response */
	double median_response_days;   /* over answered items; -1 none */
	long response_sample;          /* issues and changes sampled */
	long response_answered;        /* of them with a response */
	enum forge_metric review;      /* review of merged changes */
	long review_sample;            /* merged changes sampled */
	long reviewed;                 /* of them reviewed by another */
	struct forge_releases rel;     /* releases on the forge */
	char detail_note[640];         /* why a metric is unknown */
};

/* An issue or change that may enter a per-item sample. */
struct forge_item {
	long number;                  /* issue/PR number; GitLab iid */
	int64_t created;              /* opened */
	int64_t merged;               /* merged; 0 if not a merged change */
	bool change;                  /* a pull/merge request */
	char author[FORGE_LOGIN_MAX]; /* login; "" when not given */
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

/**
 * May a request to `url` carry the token of forge `kind`?  Only over a
 * secure connection (oh_url_secure()) and only to the API host of the
 * forge's public instance (api.github.com, gitlab.com, codeberg.org), to
 * the host of `forge_url` (the --forge-url the user gave; may be NULL),
 * or to a host listed in OSSHEALTH_FORGE_HOSTS (comma-separated
 * host[:port]).  Never from the spelling of a host name: a manifest may
 * name any host.
 */
bool forge_token_allowed(enum forge_kind kind, const char *url,
			 const char *forge_url);

/** Parse the repository record into archived, stars, forks, open issues. */
int forge_parse_repo(struct forge_facts *out, enum forge_kind kind,
		     const char *body, size_t len, const char *name,
		     struct oh_err *err);

/** Accumulator for the pages of one forge_fetch(). */
struct forge_acc {
	double *close_days; /* durations of issues closed in 365 days */
	size_t close_nr;
	size_t close_alloc;
	struct forge_item *item; /* every item of the lists */
	size_t item_nr;
	size_t item_alloc;
	long ratelimit_remaining; /* the last reply's count; -1 unknown */
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

/* What a per-item reply page holds. */
enum forge_detail {
	FORGE_D_COMMENTS,  /* comments (GitHub, Gitea) or notes (GitLab) */
	FORGE_D_REVIEWS,   /* pull request reviews (GitHub, Gitea) */
	FORGE_D_APPROVALS, /* merge request approvals (GitLab; an object) */
};

/**
 * Read one page of replies to an item opened by `author`.  *first becomes
 * the earliest reply by someone who is neither the author nor a bot, if
 * earlier than its value (0 = none yet); GitLab system notes and pending
 * reviews are no replies.  *reviewed is set when the page holds a review
 * or an approval by such a person.  *count (may be NULL) gets the number
 * of replies on the page.  is_bot may be NULL.
 */
int forge_parse_replies(int64_t *first, bool *reviewed, size_t *count,
			enum forge_kind kind, enum forge_detail what,
			const char *author, forge_bot_fn is_bot, void *bot_arg,
			const char *body, size_t len, const char *name,
			struct oh_err *err);

/**
 * The samples: the `max` most recent items of acc opened in the 365 days
 * before now (changes = false: issues and changes, for the first
 * response) or merged in them (changes = true), not opened by a bot.
 * Writes at most `max` pointers into acc's items; returns the count.
 */
size_t forge_sample(const struct forge_item **out, size_t max,
		    const struct forge_acc *acc, bool merged, int64_t now,
		    forge_bot_fn is_bot, void *bot_arg);

/**
 * The per-item metrics over the lists in acc (call before
 * forge_acc_finish).  Never fails: a failed request makes its metric
 * FORGE_METRIC_UNKNOWN with the reason in out->detail_note.
 */
void forge_fetch_detail(struct forge_facts *out, const struct forge_acc *acc,
			struct net_client *c, enum forge_kind kind,
			const char *proj_url, int64_t now, forge_bot_fn is_bot,
			void *bot_arg);

/**
 * One page of a forge's release list into rel and times (the publication
 * times of the releases, for the cadence; *time_nr grows, at most
 * time_max).  *items_out gets the number of entries on the page.  A reply
 * that is not an array of objects, or an entry without a tag name, fails
 * with err naming `name`.
 */
int forge_parse_releases(struct forge_releases *rel, int64_t *times,
			 size_t *time_nr, size_t time_max, size_t *items_out,
			 enum forge_kind kind, int64_t now, const char *body,
			 size_t len, const char *name, struct oh_err *err);

/** Counts, last release and median interval from the parsed pages. */
void forge_releases_finish(struct forge_releases *rel, int64_t *times,
			   size_t time_nr);

/**
 * The releases of the project at proj_url into out->rel.  Never fails: a
 * failed request makes out->rel.state FORGE_METRIC_UNKNOWN with the
 * reason appended to out->detail_note.
 */
void forge_fetch_releases(struct forge_facts *out, struct net_client *c,
			  enum forge_kind kind, const char *proj_url,
			  int64_t now);

/**
 * Fetch everything for `project` from api_base.  `now` is the review
 * time; is_bot (may be NULL) tells bots' logins.  The repository record
 * and the lists are all or nothing: on failure *out is zeroed and err
 * says why.  The per-item metrics may be unknown on their own.
 */
int forge_fetch(struct forge_facts *out, struct net_client *c,
		enum forge_kind kind, const char *api_base, const char *project,
		int64_t now, forge_bot_fn is_bot, void *bot_arg,
		struct oh_err *err);

#endif /* OH_NET_FORGE_H */
