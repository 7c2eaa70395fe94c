/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef OH_STORE_STORE_DECISION_H
#define OH_STORE_STORE_DECISION_H

/*
 * The overall decision's extra columns and the waivers of a run
 * (migration 5 -> 6): run_components.origin_decision and
 * run_components.decision_reasons beside run_components.decision (the
 * overall one), and run_waivers holding the waivers file a run applied,
 * word for word, so that a review can be reproduced.  Not thread safe
 * (one writer, as store.h).
 */

#include <stdint.h>

struct oh_err;
struct store;

/**
 * Record the origin policy's decision and the reasons (a JSON array,
 * docs/report-schema.md) of a component already put with
 * store_run_component_put().  Either may be NULL.  OH_EDB.
 */
int store_decision_put(struct store *st, int64_t run_id, int64_t component_id,
		       const char *origin_decision, const char *reasons_json,
		       struct oh_err *err);

/** Keep the waivers file `source` with its `content` for run_id.  OH_EDB. */
int store_run_waivers_put(struct store *st, int64_t run_id, const char *source,
			  const char *content, struct oh_err *err);

/**
 * The waivers file of run_id: *source_out and *content_out (caller frees
 * both with free()), or both NULL when the run applied none.  OH_EDB.
 */
int store_run_waivers_get(char **source_out, char **content_out,
			  struct store *st, int64_t run_id, struct oh_err *err);

#endif /* OH_STORE_STORE_DECISION_H */
