/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef OH_STORE_STORE_SCAN_H
#define OH_STORE_STORE_SCAN_H

/*
 * Writing the results of a review run: components, their status in the
 * run, scores, findings and derived facts; and reading them back for
 * reports and `diff`.  Writers call these inside one transaction per
 * component (store_begin/store_commit), so a killed scan never leaves a
 * component half written.
 *
 * Strings given in are copied by SQLite; strings handed out in the
 * report structures are owned by them (store_run_report_release()).
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct oh_err;
struct store;

/** Insert or update the component `name`; its id goes to *id_out. */
int store_component_upsert(int64_t *id_out, struct store *st, const char *name,
			   int64_t repo_id, const char *declared_json,
			   struct oh_err *err);

/**
 * Find a run to resume: the newest run whose status is still 'running'
 * and whose inputs equal `inputs_json`.  *id_out is 0 when there is none.
 */
int store_run_find_resumable(int64_t *id_out, struct store *st,
			     const char *inputs_json, struct oh_err *err);

/** True (1) when the component is already done in the run, else 0. */
int store_run_component_done(struct store *st, int64_t run_id,
			     int64_t component_id, struct oh_err *err);

struct store_rc {
	const char *status;   /* "pending", "done" or "failed" */
	const char *revision; /* commit id scanned; may be NULL */
	const char *error;    /* one line; may be NULL */
	const char *decision; /* policy decision; may be NULL */
	int64_t started_at;   /* seconds since the epoch */
	int64_t finished_at;  /* 0 while pending */
};

/**
 * Record the component's state in the run, replacing what a previous
 * attempt left (its scores, findings and facts are deleted too).
 */
int store_run_component_put(struct store *st, int64_t run_id,
			    int64_t component_id, const struct store_rc *rc,
			    struct oh_err *err);

/** One score row; `score` is ignored unless state is "scored". */
int store_score_put(struct store *st, int64_t run_id, int64_t component_id,
		    const char *category, const char *check, const char *state,
		    double score, const char *reason, const char *evidence_json,
		    struct oh_err *err);

/** One finding; severity is info|low|medium|high|critical. */
int store_finding_put(struct store *st, int64_t run_id, int64_t component_id,
		      const char *code, const char *severity,
		      const char *message, const char *evidence_json,
		      struct oh_err *err);

/** One derived fact (value is text or JSON). */
int store_fact_put(struct store *st, int64_t run_id, int64_t component_id,
		   const char *key, const char *value, struct oh_err *err);

/**
 * Record the `seq`th package of the run's SBOM input that is not
 * reviewed (replacing a row a resumed run wrote before).  `version` and
 * `element` may be NULL.
 */
/**
 * The value of fact `key` of a component in its latest run where it was
 * reviewed (status done), and the revision that run reviewed: facts that
 * depend only on the revision can be reused or extended.  Returns 1 and
 * sets *value (caller frees with free()) and `revision`, 0 when there is
 * none, or OH_EDB.
 */
int store_fact_latest(char **value, char revision[41], struct store *st,
		      int64_t component_id, const char *key,
		      struct oh_err *err);

int store_run_unreviewed_put(struct store *st, int64_t run_id, int64_t seq,
			     const char *name, const char *version,
			     const char *element, const char *reason,
			     struct oh_err *err);

/* ---- reading a run back ----------------------------------------------- */

struct store_score_row {
	char *category; /* owned */
	char *check;    /* owned */
	char *state;    /* owned: scored / not-applicable / unknown */
	double score;   /* valid when state is "scored" */
	char *reason;   /* owned */
	char *evidence; /* owned JSON array */
};

struct store_finding_row {
	char *code;     /* owned */
	char *severity; /* owned */
	char *message;  /* owned */
	char *evidence; /* owned JSON array */
};

struct store_fact_row {
	char *key;   /* owned */
	char *value; /* owned; may be "" */
};

struct store_component_row {
	int64_t id;     /* component id */
	char *name;     /* owned */
	char *repo;     /* owned; redacted URL or path; may be "" */
	char *declared; /* owned JSON object */
	char *status;   /* owned */
	char *revision; /* owned; may be "" */
	char *error;    /* owned; may be "" */
	char *decision; /* owned; may be "" */
	struct store_score_row *score; /* sorted by category, check */
	size_t score_nr;
	struct store_finding_row *finding; /* by severity, then code */
	size_t finding_nr;
	struct store_fact_row *fact; /* sorted by key */
	size_t fact_nr;
};

struct store_unreviewed_row {
	char *name;    /* owned */
	char *version; /* owned; may be "" */
	char *element; /* owned; may be "" */
	char *reason;  /* owned */
};

struct store_run_report {
	int64_t run_id;                   /* the run */
	int64_t started_at;               /* its start */
	int64_t finished_at;              /* 0 while running */
	char *status;                     /* owned */
	char *tool_version;               /* owned */
	char *rules_version;              /* owned; may be "" */
	char *profile;                    /* owned; may be "" */
	struct store_component_row *comp; /* sorted by name */
	size_t comp_nr;
	struct store_unreviewed_row *unrev; /* SBOM packages left out */
	size_t unrev_nr;                    /* in input order */
};

/**
 * Load run `run_id` (0: the newest run) with every component, score,
 * finding and fact.  OH_ENOTFOUND when there is no such run.
 */
int store_run_report_load(struct store_run_report *out, struct store *st,
			  int64_t run_id, struct oh_err *err);

/**
 * The id of the newest finished run (status done or partial) before
 * `run_id` (0 when none); INT64_MAX gives the newest finished run.  A run
 * still 'running' (interrupted by a kill, or in progress) or 'failed' is
 * never a baseline.
 */
int store_run_previous(int64_t *id_out, struct store *st, int64_t run_id,
		       struct oh_err *err);

/** True when the run finished: status done or partial. */
bool store_run_report_finished(const struct store_run_report *r);

void store_run_report_release(struct store_run_report *r);

/** Find a component row by name (borrowed), or NULL. */
const struct store_component_row *
store_run_report_find(const struct store_run_report *r, const char *name);

#endif /* OH_STORE_STORE_SCAN_H */
