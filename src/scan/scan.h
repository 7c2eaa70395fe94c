/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef OH_SCAN_SCAN_H
#define OH_SCAN_SCAN_H

/*
 * The review run: for every component of a manifest, open its repository,
 * collect facts (tree, history, licenses), evaluate the health checks and
 * record everything in the database, one transaction per component.
 *
 * Batch behaviour:
 *   - `jobs` worker threads, each with its own libgit2 handles; results
 *     are written by one writer at a time (a mutex around the store);
 *   - a component that fails (missing repository, corrupt objects, time
 *     out) is recorded as failed with its error; the others go on;
 *   - scan_interrupt() (async-signal-safe) stops handing out components;
 *     the run stays 'running' and running the same scan again resumes it,
 *     skipping the components already done.  A SIGKILL loses at most the
 *     components in flight: each is one transaction.
 *
 * The module never prints: progress goes to the caller's event callback,
 * which may be called from worker threads (serialised by the module).
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct manifest;
struct oh_err;
struct store;

#define SCAN_MAX_JOBS     64
#define SCAN_MAX_CI_FILES 64           /* workflow files read per repo */
#define SCAN_MAX_CI_BYTES (256u << 10) /* bytes read per workflow file */

enum scan_enrich {
	SCAN_ENRICH_OSV = 1u << 0,   /* known vulnerabilities from OSV */
	SCAN_ENRICH_FORGE = 1u << 1, /* issues, changes, archived flag */
};

struct lic_policy;
struct policy_gates;
struct policy_waivers;

/* Where known vulnerabilities come from (scan --vulns). */
enum scan_vulns {
	SCAN_VULNS_AUTO = 0, /* online with --enrich osv, else local */
	SCAN_VULNS_LOCAL,    /* imported OSV records (vulns import) */
	SCAN_VULNS_ONLINE,   /* the OSV API */
	SCAN_VULNS_OFF,      /* none: the check is unknown */
};

struct scan_opts {
	unsigned jobs;            /* worker threads, 1..SCAN_MAX_JOBS */
	bool new_run;             /* never resume an interrupted run */
	bool offline;             /* no network at all */
	const char *cache_dir;    /* mirror cache; NULL = default */
	unsigned timeout;         /* seconds per component; 0 = default */
	const char *tool_version; /* recorded with the run */
	int64_t now;              /* evaluation time (oh_now()) */
	const char *profile;      /* policy profile; NULL = the default */
	const char *policy_rules; /* rules file; NULL = rules/policy.json */
	unsigned enrich;          /* enum scan_enrich; 0 = none (default) */
	const char *osv_url;      /* OSV API base; NULL = api.osv.dev */
	enum scan_vulns vulns;    /* local records, OSV API, or none */
	const char *forge_url;    /* forge API base; NULL = from the URL */
	const char *forge_kind;   /* github|gitlab|gitea for hosts that do
				     not tell; NULL = from the URL */
	const struct lic_policy *license_policy; /* overall decision's
						    license input; NULL:
						    license unknown */
	const struct policy_gates *gates;     /* health thresholds; or NULL */
	const struct policy_waivers *waivers; /* reviewed exceptions; or NULL */
	unsigned shard_index;      /* scan --shard I/N: I (0-based) */
	unsigned shard_count;      /* N; 0 = not a shard run */
	const char *inputs_digest; /* shard runs: scan_inputs_digest() */
	const char *all_inputs;    /* shard runs: every component name,
				      JSON array (scan_inputs_names()) */
};

/* clang-format off */
#define SCAN_OPTS_INIT { .jobs = 1 }
/* clang-format on */

enum scan_event_kind {
	SCAN_EV_START,   /* a component is being scanned */
	SCAN_EV_DONE,    /* finished and recorded */
	SCAN_EV_FAILED,  /* could not be scanned; message says why */
	SCAN_EV_SKIPPED, /* already done in the resumed run */
};

struct scan_event {
	enum scan_event_kind kind; /* what happened */
	const char *name;          /* component name */
	const char *message;       /* error text for FAILED; else NULL */
	size_t finished;           /* components finished so far */
	size_t total;              /* components in the run */
};

typedef void (*scan_event_fn)(const struct scan_event *ev, void *payload);

struct scan_summary {
	int64_t run_id;    /* the run written */
	bool resumed;      /* an interrupted run was continued */
	bool interrupted;  /* scan_interrupt() stopped it */
	size_t total;      /* components in the manifest */
	size_t done;       /* scanned now */
	size_t skipped;    /* already done before (resume) */
	size_t failed;     /* could not be scanned */
	size_t unreviewed; /* SBOM packages listed but not reviewed */
};

/**
 * Run the review over `m` into `st`.  Returns 0 when the run was recorded
 * (even if components failed: see out->failed), or a negative oh_code
 * when the run itself could not be recorded (database errors).
 */
int scan_run(struct scan_summary *out, struct store *st,
	     const struct manifest *m, const struct scan_opts *opts,
	     scan_event_fn cb, void *payload, struct oh_err *err);

/** Ask a running scan to stop after the components in flight. */
void scan_interrupt(void);

/**
 * The declared facts of a manifest component as the origin-policy engine
 * takes them, for `scan` and `policy classify` alike: *f from the
 * manifest (url: the manifest's repository), *h with only the declared
 * alternatives known.  A scan then adds what it measured.
 */
struct manifest_component;
struct policy_component;
struct policy_health;
void scan_policy_declared(struct policy_component *f, struct policy_health *h,
			  const struct manifest_component *mc);

#endif /* OH_SCAN_SCAN_H */
