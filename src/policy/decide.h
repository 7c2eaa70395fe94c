/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef OH_POLICY_DECIDE_H
#define OH_POLICY_DECIDE_H

/*
 * The overall decision of a component: one verdict from three inputs,
 * each with its reasons, and the reviewed exceptions (waivers) to them.
 *
 *   origin   the origin policy's decision (policy.h, policy_classify());
 *   license  the license policy's verdict on the concluded license,
 *            computed by the caller with the license gate
 *            (license/policy_gate.h): not allowed AVOID, unknown EVALUATE;
 *   health   thresholds on health figures (rules/decision.json, format in
 *            docs/policy.md "Overall decision"): a gate that is crossed
 *            gives its decision (EVALUATE) and the reviewer's question.
 *
 * The strictest reason wins (AVOID over EVALUATE over ACCEPT).  A reason
 * covered by an active waiver is kept and shown as waived but does not
 * count; a waiver past its expiry date does not apply and is reported.
 *
 * Operations: policy_gates_parse()/_load()/_free() read the thresholds;
 * policy_waivers_parse()/_load()/_free() read a waivers file;
 * policy_waiver_find() looks one up; policy_decide() combines;
 * policy_decide_encode() writes the reasons as data (JSON).
 *
 * Limits: POLICY_DECIDE_MAX_BYTES per file, POLICY_MAX_GATES gates,
 * POLICY_MAX_WAIVERS waivers, POLICY_TEXT bytes per text field
 * (OH_ELIMIT); unknown keys and wrong types are OH_EINPUT naming the key.
 *
 * Pure: no clock (the caller passes `now`), no I/O besides the _load
 * functions.  Loaded gates and waivers are immutable and may be shared by
 * threads.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "policy/policy.h"

struct oh_buf;
struct oh_err;

#define POLICY_DECIDE_MAX_BYTES (256u * 1024)
#define POLICY_MAX_GATES        64
#define POLICY_MAX_WAIVERS      4096
#define POLICY_MAX_REASONS      24

/* The health figures a gate can test. */
enum policy_metric {
	POLICY_METRIC_RISK_LEVEL,       /* 1 low, 2 medium, 3 high */
	POLICY_METRIC_LOTTERY_FACTOR,   /* authors making half the commits */
	POLICY_METRIC_ARCHIVED,         /* 1: archived on the forge */
	POLICY_METRIC_CRITICAL_VULNS,   /* open critical vulns, no fix known */
	POLICY_METRIC_RELICENSING_RISK, /* relicensing-risk check score 0..10 */
	POLICY_METRIC_NR,
};

/* One threshold: the metric compared with `value`. */
struct policy_gate {
	char *id;                      /* "lottery-factor" */
	enum policy_metric metric;     /* what is tested */
	bool at_most;                  /* fires when metric <= value */
	double value;                  /* else when metric >= value */
	enum policy_decision decision; /* EVALUATE or AVOID */
	char *reason;                  /* one sentence */
	char *question;                /* what the reviewer must answer */
};

struct policy_gates {
	struct policy_gate *gate; /* in file order */
	size_t gate_nr;
	char *source; /* the file, as named */
};

/* The measured figures; a metric not known never fires a gate. */
struct policy_metrics {
	bool known[POLICY_METRIC_NR];
	double value[POLICY_METRIC_NR];
};

/* One reviewed exception. */
struct policy_waiver {
	char *component;   /* component name, exact */
	char *code;        /* reason or finding code, e.g. "license/denied" */
	char *reason;      /* why it is accepted */
	char *approved_by; /* who approved it */
	char *expires;     /* "YYYY-MM-DD", the last day it applies */
	int64_t end;       /* first second after the expiry day (UTC) */
};

struct policy_waivers {
	struct policy_waiver *waiver; /* in file order */
	size_t waiver_nr;
	char *source; /* the file, as named */
	char *text;   /* the whole file, stored with the run */
};

/* The license policy's verdict, computed by the caller. */
enum policy_license_state {
	POLICY_LICENSE_UNKNOWN = 0, /* not scanned, or not identified */
	POLICY_LICENSE_ALLOWED,
	POLICY_LICENSE_DENIED,
	POLICY_LICENSE_REVIEW, /* a free license the policy leaves to review */
};

struct policy_license {
	enum policy_license_state state;
	const char *expression; /* concluded license; NULL when unknown */
	const char *why;        /* one line: which license and why */
	const char *policy;     /* the license policy's source */
};

enum policy_source {
	POLICY_FROM_ORIGIN,
	POLICY_FROM_LICENSE,
	POLICY_FROM_HEALTH,
};

enum policy_waiver_state {
	POLICY_WAIVER_NONE = 0,
	POLICY_WAIVER_ACTIVE,  /* the reason does not count */
	POLICY_WAIVER_EXPIRED, /* the reason counts; the expiry is a finding */
};

struct policy_reason {
	enum policy_source source;
	enum policy_decision decision; /* what this reason asks for */
	char code[80];                 /* "license/denied", "health/archived" */
	char text[POLICY_TEXT];        /* one sentence */
	char question[POLICY_TEXT];    /* for EVALUATE; "" otherwise */
	enum policy_waiver_state waived;
	const struct policy_waiver *waiver; /* borrowed; NULL when none */
};

/* Fixed size; holds no heap memory. */
struct policy_overall {
	enum policy_decision decision; /* the overall one */
	enum policy_decision origin;   /* the origin policy's alone */
	struct policy_reason reason[POLICY_MAX_REASONS];
	size_t reason_nr;
};

/** Parse gates from memory; free with policy_gates_free(). */
int policy_gates_parse(struct policy_gates **out, const char *data, size_t len,
		       const char *name, struct oh_err *err);

/** Read gates; `path` NULL: rules/decision.json from the data directory. */
int policy_gates_load(struct policy_gates **out, const char *path,
		      struct oh_err *err);

void policy_gates_free(struct policy_gates *g);

/** Parse a waivers file from memory; free with policy_waivers_free(). */
int policy_waivers_parse(struct policy_waivers **out, const char *data,
			 size_t len, const char *name, struct oh_err *err);

/** Read a waivers file.  OH_EIO, OH_EINPUT, OH_ELIMIT. */
int policy_waivers_load(struct policy_waivers **out, const char *path,
			struct oh_err *err);

void policy_waivers_free(struct policy_waivers *w);

/**
 * The waiver for (component, code), or NULL (borrowed from `w`, which
 * may be NULL).  When several match, an active one at `now` wins.
 */
const struct policy_waiver *policy_waiver_find(const struct policy_waivers *w,
					       const char *component,
					       const char *code, int64_t now);

/** Does `w` still apply at `now`? */
bool policy_waiver_is_active(const struct policy_waiver *w, int64_t now);

/**
 * Combine.  `origin` is the origin policy's result (NULL: none ran),
 * `lic` the license verdict, `m` the health figures, `gates` and
 * `waivers` may be NULL.  Never fails.
 */
void policy_decide(struct policy_overall *out, const char *component,
		   const struct policy_result *origin,
		   const struct policy_license *lic,
		   const struct policy_metrics *m,
		   const struct policy_gates *gates,
		   const struct policy_waivers *waivers, int64_t now);

/**
 * Append the reasons as data: a JSON array of objects source, decision,
 * code, reason, question, waiver (the fact "decision.reasons", rendered
 * by report/reasons.c).  Never fails.
 */
void policy_decide_encode(struct oh_buf *out, const struct policy_overall *o);

/** "origin", "license" or "health". */
const char *policy_source_name(enum policy_source s);

/** "risk_level", "lottery_factor", ... */
const char *policy_metric_name(enum policy_metric m);

#endif /* OH_POLICY_DECIDE_H */
