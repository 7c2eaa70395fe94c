/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef OH_REPORT_REPORT_INT_H
#define OH_REPORT_REPORT_INT_H

/*
 * Helpers the renderers of src/report/ share and nobody else needs.
 */

#include <stdbool.h>

struct cJSON;

/**
 * A share fact 0..1 (`share`, e.g. dco.share_all; may be NULL) as a whole
 * percentage ("87%") in out.  `commits` (may be NULL) is the number of
 * commits of the same window: when it is "0", out is "no commits" (the
 * scan records a share of 0 there, which is not a measurement) and the
 * result false; a missing or malformed share gives "unknown" and false.
 */
bool report_share_pct(char out[16], const char *share, const char *commits);

/** Add the string member `key` to `o`: `v`, or null when `v` is NULL. */
void report_json_str(struct cJSON *o, const char *key, const char *v);

#endif /* OH_REPORT_REPORT_INT_H */
