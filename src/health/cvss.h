/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef OH_HEALTH_CVSS_H
#define OH_HEALTH_CVSS_H

/*
 * CVSS v3.0/v3.1 base scores from a vector string
 * ("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"), with the equations
 * and the Roundup function of the CVSS v3.1 specification (section 7.1
 * and appendix A), and the qualitative rating of OSV's
 * database_specific severity text.  Used to tell critical
 * vulnerabilities (9.0 and above) for the overall decision.
 * Pure; no state.  Temporal and environmental metrics are ignored.
 */

#include <stdbool.h>

/**
 * The base score of a CVSS 3.x vector into *out (0.0..10.0).  Returns
 * false (and leaves *out alone) for anything else, including CVSS v2 and
 * v4 vectors and vectors missing a base metric.
 */
bool health_cvss3_base(double *out, const char *vector);

/**
 * Is an OSV severity critical?  `type` "CVSS_V3" with a vector scoring
 * 9.0 or more, or a database rating "CRITICAL" (any case).  `known_out`
 * is set to false when the severity cannot be judged (NULL, CVSS v2/v4).
 */
bool health_severity_is_critical(const char *type, const char *score,
				 bool *known_out);

#endif /* OH_HEALTH_CVSS_H */
