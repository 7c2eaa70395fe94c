/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef OH_CORE_TIMEUTIL_H
#define OH_CORE_TIMEUTIL_H

/*
 * Time in osshealth is seconds since the epoch, UTC, in int64_t.
 * Analysers never read the clock: commands call oh_now() once and pass
 * the value down.  $OSSHEALTH_NOW (seconds, or YYYY-MM-DD[THH:MM:SSZ])
 * pins "now" so reports and tests are reproducible.
 */

#include <stddef.h>
#include <stdint.h>

struct oh_err;

/** The current time, or $OSSHEALTH_NOW when set and valid. */
int64_t oh_now(void);

/**
 * Parse "YYYY-MM-DD", "YYYY-MM-DDTHH:MM:SSZ" or "YYYY-MM-DDTHH:MM:SS+HH:MM"
 * (also "+HHMM") into seconds since the epoch.  OH_EINPUT on anything else.
 */
int oh_time_parse(int64_t *out, const char *s, struct oh_err *err);

/** Write "YYYY-MM-DDTHH:MM:SSZ" into buf (at least 21 bytes). */
void oh_time_format(char *buf, size_t size, int64_t t);

/** Write "YYYY-MM-DD" into buf (at least 11 bytes). */
void oh_date_format(char *buf, size_t size, int64_t t);

/*
 * Whole days from t to now (truncated toward zero), saturated at the
 * int64 range: dates are what authors and taggers wrote, and now - t
 * overflows for t = INT64_MIN, so the difference is taken in double
 * (exact to the day for any int64 pair).
 */
int64_t oh_days_between(int64_t now, int64_t t);

#endif /* OH_CORE_TIMEUTIL_H */
