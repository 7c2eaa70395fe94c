/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef OH_SCAN_SCAN_INT_H
#define OH_SCAN_SCAN_INT_H

/*
 * Internals of the scan: one item per component, filled by a worker
 * (collect.c) and written by the writer (scan.c).
 */

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>

#include "core/arena.h"
#include "health/health.h"
#include "scan/scan.h"

struct manifest_component;
struct health_weights;

#define SCAN_MAX_FACTS    64
#define SCAN_MAX_FINDINGS 64

struct lic_adapt;

struct hist_bots;
struct act_orgs;
struct store;
struct policy_rules;
struct policy_profile;
struct policy_tz_share;
struct net_client;
struct scan_hist_share;

/* Per worker thread: engines that are costly to build and not shared. */
struct scan_worker {
	struct store *st;                 /* the database; only under *lock */
	pthread_mutex_t *lock;            /* the batch's store lock */
	const struct hist_bots *bots;     /* rules/bots.json; may be NULL */
	const struct act_orgs *orgs;      /* rules/orgs.json; may be NULL */
	const struct policy_rules *rules; /* rules/policy.json */
	const char *rules_source;         /* the rules file, as named */
	const struct policy_profile *profile; /* the jurisdiction profile */
	struct net_client *net;  /* HTTP client, created on first use */
	struct store *net_cache; /* this worker's own database handle */
	struct store *vulns_db;  /* another, for the imported OSV records */
	struct store *blob_db;   /* another, for the blob cache */
	bool net_broken;         /* creating the client failed */
	char net_error[256];     /* why */
	struct lic_adapt *lic;   /* license engine, opened on first use */
	bool lic_broken;         /* opening it failed; do not retry */
	char lic_error[256];     /* why */
	bool split; /* a core is idle: the history pass runs in a thread of
		       its own, beside the tree pass (collect.c) */
};

struct scan_finding {
	const char *code;     /* stable code, e.g. "license/changed" */
	const char *severity; /* info|low|medium|high|critical (static) */
	const char *message;  /* one line (arena) */
	const char *evidence; /* JSON array (arena) */
};

struct scan_fact {
	const char *key;   /* e.g. "files.count" */
	const char *value; /* text or JSON */
};

struct scan_item {
	const struct manifest_component *mc; /* borrowed from the manifest */
	int64_t component_id;                /* row id */
	const char *repo_key;    /* repositories.url, in the arena */
	const char *mirror_path; /* git dir read (arena); NULL if local */
	bool remote;             /* read through the mirror cache */
	bool offline_mirror;     /* --offline: the cached mirror, unfetched */
	bool skip;               /* done in the resumed run */
	bool failed;             /* collection failed */
	char error[512];         /* why, one line */
	char revision[41];       /* commit scanned */
	int64_t started_at, finished_at;       /* wall-clock seconds */
	struct health_result health;           /* checks, when !failed */
	struct scan_fact fact[SCAN_MAX_FACTS]; /* derived facts */
	size_t fact_nr;                        /* entries in fact */
	struct scan_finding finding[SCAN_MAX_FINDINGS]; /* besides checks */
	size_t finding_nr;                              /* entries in finding */
	size_t finding_more;                            /* findings not kept */
	struct policy_tz_share *tz; /* commit time zones, last 365 days */
	size_t tz_nr;               /* entries in tz (arena) */
	char decision[16];          /* ACCEPT / EVALUATE / AVOID, or "" */
	uint64_t check_waived;      /* bit i: health.check[i] is waived; its
				  finding is written at severity info */
	struct oh_arena arena;      /* owns fact strings */
	struct scan_blobs *blobs;   /* new blob rows, for the writer */
};

/**
 * Collect the facts of one component and evaluate it into `it` (never
 * fails as a function: a failure is recorded in it->failed/error).
 */
void scan_collect(struct scan_item *it, struct scan_worker *wk,
		  const struct scan_opts *opts, const struct health_weights *w);

/** Release what a worker holds (engines, client, cache handle); scan.c. */
void scan_worker_release(struct scan_worker *wk);

/**
 * The license facts of the reviewed revision into `in` and the item's
 * facts and findings (collect_lic.c), from the license scan `ls` of the
 * one tree walk.  `repo` is the open handle, for reading old license
 * blobs; `hist` the root license files' history (may be NULL).  Failures
 * leave the license facts unknown and add a finding; they never fail the
 * component.
 */
struct mirror_repo;
struct pathlog;
struct health_input;
struct lic_scan;
void scan_collect_license(struct scan_item *it, struct scan_worker *wk,
			  struct health_input *in, struct lic_scan *ls,
			  struct mirror_repo *repo, const struct pathlog *hist);

/**
 * Relicensing-risk evidence (collect_relic.c) into in->relicensing: CLA
 * files and wording, copyright holders of a sample of source files, and
 * the license history from the license pass's findings (so it runs after
 * scan_collect_license()).  Records facts relicensing.*.  `t` NULL: the
 * evidence stays unknown.
 */
struct tree_files;
void scan_collect_relicensing(struct scan_item *it, struct health_input *in,
			      struct mirror_repo *repo,
			      const struct tree_files *t);

/**
 * History facts (collect_hist.c): walk the commits not yet stored, store
 * them, load the whole history back, and fill in->history, the item's
 * activity and DCO facts, over the open handle `repo`.  Failures leave
 * the history unknown and add a finding.  `share` (may be NULL): see
 * below.
 */
void scan_collect_history(struct scan_item *it, struct scan_worker *wk,
			  struct health_input *in, struct mirror_repo *repo,
			  struct scan_hist_share *share);

/**
 * The history pass in a thread of its own (collect.c) hands its walk to
 * the collecting thread through a share.  On a first scan (nothing
 * stored: the walk is the whole history) the history thread only walks
 * and saves the commits; meanwhile scan_hist_share_prepare(), on the
 * collecting thread, waits for the walk and computes the metrics and the
 * snapshot's encoding from it, which the history thread writes after the
 * commits while the collecting thread checkpoints them (through its blob
 * cache handle, wk->blob_db, with no transaction open); after the join
 * and the merge of the pass's item scan_hist_share_finish() records the
 * facts, as scan_collect_history() would have.  Otherwise the pass does
 * it all and the share is only a signal.  scan_hist_share_free()
 * releases what is left (the join must come first).
 */
struct scan_hist_share *scan_hist_share_new(void);
void scan_hist_share_prepare(struct scan_hist_share *s,
			     const struct scan_worker *wk,
			     const struct health_input *in);
void scan_hist_share_finish(struct scan_hist_share *s, struct scan_item *it,
			    struct scan_worker *wk, struct health_input *in);
/* The tags, on the collecting thread's handle, for the walk (which waits
 * for them): right after the pass started, before anything can fail. */
void scan_hist_share_tags(struct scan_hist_share *s, struct mirror_repo *repo);
/* The walk's first-parent chain for the license files' history
 * (git/pathlog.h); NULL for a NULL share. */
struct pathlog_chain *scan_hist_share_chain(struct scan_hist_share *s);
/* Before a join without scan_hist_share_prepare(): the history thread
 * waits for the snapshot's encoding otherwise. */
void scan_hist_share_cancel(struct scan_hist_share *s);
void scan_hist_share_free(struct scan_hist_share *s, struct scan_worker *wk);

/**
 * The origin-policy decision (collect_policy.c) from the declared facts,
 * the time-zone evidence and the health result, then the overall
 * decision from origin, license policy and health thresholds with the
 * waivers in opts: sets it->decision (the overall one) and records both
 * explanations as facts (policy.*, decision.*) for `policy explain`.
 */
void scan_collect_policy(struct scan_item *it, const struct scan_worker *wk,
			 const struct scan_opts *opts,
			 const struct health_input *in,
			 const struct health_result *hr);

/**
 * Online enrichment (collect_net.c), when opts->enrich asks for it: OSV
 * vulnerabilities of the revision and forge facts, into `in` and the
 * item's facts.  A source that fails leaves its facts unknown with the
 * reason, and adds an info finding; it never fails the component.
 */
void scan_collect_enrich(struct scan_item *it, struct scan_worker *wk,
			 const struct scan_opts *opts, struct health_input *in);

/*
 * OSV for the SBOM packages that are not reviewed, u[0..nr), with OSV
 * enrichment on: "; OSV <purl>: N known vulnerabilities: IDS" (or "no
 * known vulnerability", or "unavailable: why") added to reason[i].  One
 * lookup for all of them (batches of OSV_MAX_QUERIES, every page
 * followed, each record fetched once).  Nothing for a package without a
 * purl or a version.
 */
struct manifest_unreviewed;
struct oh_buf;
void scan_osv_unreviewed(struct oh_buf *reason,
			 const struct manifest_unreviewed *u, size_t nr,
			 const struct scan_opts *opts);

/*
 * Known vulnerabilities from the imported OSV records (collect_vulns.c),
 * unless opts->vulns is off or online (or auto with --enrich osv):
 * verdicts at the reviewed revision, findings with evidence, and the
 * time-to-fix facts.  Uses the worker's own database handle.
 */
void scan_collect_vulns(struct scan_item *it, struct scan_worker *wk,
			const struct scan_opts *opts, struct health_input *in,
			struct mirror_repo *repo);

/*
 * The blob cache of the one tree walk (collect_blobs.c), on the worker's
 * own database handle: callbacks for the walk (*tc) and the license
 * scanner (*lc).  *out stays NULL (no cache) without a database or when
 * it cannot be opened.  After the walk, scan_blobs_finish(); the batch
 * writes the new rows in the component's transaction (scan_blobs_write(),
 * through its own handle), and scan_item_release() frees the cache.
 */
struct scan_blobs;
struct tree_blob_cache;
struct lic_scan_cache;
void scan_blobs_open(struct scan_blobs **out, struct scan_worker *wk,
		     struct tree_blob_cache *tc, struct lic_scan_cache *lc);
void scan_blobs_finish(struct scan_blobs *b);
/* The license matcher's cache over the same rows' database (*out). */
struct lic_adapt_cache;
void scan_blobs_match_cache(struct lic_adapt_cache *out, struct scan_blobs *b);
/*
 * The copyright holder the relicensing sample (collect_relic.c) found in
 * the head of a blob, kept in the same table as the matcher's answers
 * under the key `engine` (the sample's own: its code's digest) and the
 * blob id.  get: 1, *named and out filled, 0 on a miss or without a
 * cache; put: holder NULL when the head names none.
 */
int scan_blobs_holder_get(struct scan_blobs *b, const char *engine,
			  const char *blob_id, char *out, size_t size,
			  bool *named);
void scan_blobs_holder_put(struct scan_blobs *b, const char *engine,
			   const char *blob_id, const char *holder);
int scan_blobs_write(struct scan_blobs *b, struct store *st,
		     struct oh_err *err);
void scan_blobs_free(struct scan_blobs *b);

/** Add a finding (strings copied into the item's arena). */
void scan_item_finding(struct scan_item *it, const char *code,
		       const char *severity, const char *evidence_json,
		       const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

/** Add a fact (copied into the item's arena). */
void scan_item_fact(struct scan_item *it, const char *key, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/** Free what the item holds. */
void scan_item_release(struct scan_item *it);

#endif /* OH_SCAN_SCAN_INT_H */
