/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef OH_REPORT_SARIF_H
#define OH_REPORT_SARIF_H

/*
 * The one SARIF 2.1.0 writer of osshealth (dco, license, report, sbom
 * validate), shaped for GitHub code scanning and checked with Microsoft's
 * SARIF multitool (`validate --rule-kind "Gh;Sarif"`, tests/cli/t0005):
 *
 *   - tool.driver carries name, version, informationUri and the rules
 *     used, each once, with a name distinct from its id, short and full
 *     descriptions, help (text and markdown), helpUri into the docs,
 *     properties.tags and, for security rules, security-severity;
 *   - every result has ruleId, ruleIndex, level, a message, one location
 *     with a physical location (a repository-relative, percent-encoded
 *     URI with uriBaseId %SRCROOT%, or a file:// URI for an absolute
 *     path) and, where given, a logical location, and partialFingerprints
 *     computed from the rule and what the result is about (never from the
 *     message or a line number), so they are stable across runs;
 *   - run.automationDetails.id is "osshealth/<command>/", so that uploads
 *     of several commands for one commit coexist.
 *
 * Rule texts come from a table in sarif_rules.c (per id, with a fallback
 * per id family).  Output is deterministic: rules in order of first use,
 * results in the order added.  Not thread-safe per writer.
 */

#include <stdbool.h>
#include <stdio.h>

struct cJSON;
struct oh_buf;
struct oh_err;

struct report_sarif {
	struct cJSON *root;    /* the log */
	struct cJSON *cq;      /* the same results as GitLab Code Quality */
	struct cJSON *rules;   /* runs[0].tool.driver.rules */
	struct cJSON *results; /* runs[0].results */
	struct cJSON *index;   /* rule id -> index in rules */
};

struct report_sarif_result {
	const char *rule;    /* rule id (required) */
	const char *level;   /* "error", "warning", "note"; NULL: the rule's */
	const char *message; /* one or more sentences (required) */
	const char *path;    /* artifact: repository-relative or absolute */
	unsigned long line;  /* 1-based start line; 0: none */
	const char *logical; /* logical location name, or NULL */
	const char *logical_kind; /* its kind ("module", "element", ...) */
	const char *logical_fqn;  /* its fully qualified name, or NULL */
	const char *identity; /* besides rule and path: what makes this result
				 the same one in the next run (commit id,
				 element, component); may be NULL */
};

/**
 * Start a log for `command` ("dco", "license", "report",
 * "sbom-validate"): automationDetails.id "osshealth/<command>/".
 */
void report_sarif_begin(struct report_sarif *s, const char *command);

/** Add one result; its rule is added to the driver on first use. */
void report_sarif_add(struct report_sarif *s,
		      const struct report_sarif_result *r);

/**
 * Add `value` (owned by the log from now on) as runs[0].properties.<key>:
 * what a run says beyond its results (a review's decisions).
 */
void report_sarif_run_property(struct report_sarif *s, const char *key,
			       struct cJSON *value);

/**
 * Print the log to fp, free it, and check the stream: OH_EIO naming
 * "<output>" when the write failed.
 */
int report_sarif_end(struct report_sarif *s, FILE *fp, struct oh_err *err);

/**
 * Print the results instead as a GitLab Code Quality report (a JSON array
 * of {description, check_name, fingerprint, severity, location.path,
 * location.lines.begin}; error is "major", warning "minor", note "info";
 * the path as given, "./" removed), free the log, check the stream.
 */
int report_sarif_end_codequality(struct report_sarif *s, FILE *fp,
				 struct oh_err *err);

/**
 * The artifact URI of `path` into out (reset first): a relative path is
 * percent-encoded (RFC 3986: everything but unreserved characters and
 * '/'), with "./" prefixes and repeated '/' removed; an absolute path
 * becomes "file://" + the encoded path.  Returns true when the result is
 * relative (and so takes uriBaseId %SRCROOT%).
 */
bool report_sarif_uri(struct oh_buf *out, const char *path);

/**
 * The rule's catalog texts (see sarif_rules.c).  brief, full and help
 * are never NULL; doc is a docs page with anchor ("dco.md#sarif");
 * tags space-separated; security_severity NULL unless a security rule.
 */
struct report_sarif_doc {
	const char *brief;             /* shortDescription */
	const char *full;              /* fullDescription; NULL: brief */
	const char *help;              /* how to fix, plain text */
	const char *doc;               /* page#anchor under the docs URL */
	const char *tags;              /* space-separated */
	const char *level;             /* default level */
	const char *security_severity; /* "8.0", or NULL */
};

/** The catalog entry for rule `id` (borrowed, static), never NULL. */
const struct report_sarif_doc *report_sarif_doc_find(const char *id);

#endif /* OH_REPORT_SARIF_H */
