/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef OH_REPORT_REPORT_POLICY_H
#define OH_REPORT_REPORT_POLICY_H

/*
 * The output of `policy check`, `policy classify` and `policy explain`,
 * in REPORT_TEXT or REPORT_JSON.  Pure rendering over what the commands
 * loaded; untrusted text from manifests and runs goes through the
 * escaping layer (report/escape.h) or cJSON.  Write errors are left to
 * the caller's check of the stream.
 */

#include <stddef.h>
#include <stdio.h>

#include "report/report.h"

struct oh_err;
struct policy_profile;
struct policy_result;
struct policy_rules;
struct store_component_row;

/**
 * `policy check` of the rules file `path`: `r` when it loaded, otherwise
 * NULL and `load_err` (its line, column and message).
 */
void report_policy_check(FILE *fp, const char *path,
			 const struct policy_rules *r,
			 const struct oh_err *load_err, enum report_format fmt);

/**
 * `policy classify`: the decisions `res` of the `n` components `names`
 * under `profile` of the rules named `rules_name`.
 */
void report_policy_classify(FILE *fp, const struct policy_profile *profile,
			    const char *rules_name, const char *const *names,
			    const struct policy_result *res, size_t n,
			    enum report_format fmt);

/**
 * `policy explain`: the decision that run `run_id` recorded for the
 * component `c` (its facts "policy.explain" for text, "policy.result" for
 * JSON, and "decision.reasons"); the caller checks that the fact exists.
 */
void report_policy_explain(FILE *fp, long long run_id,
			   const struct store_component_row *c,
			   enum report_format fmt);

/** The stored fact `policy explain` renders in `fmt`. */
const char *report_policy_explain_fact(enum report_format fmt);

#endif /* OH_REPORT_REPORT_POLICY_H */
