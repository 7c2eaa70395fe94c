/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * CVSS v3 base score (cvss.h).  The metric weights are those of the
 * CVSS v3.1 specification, section 7.4.
 */
#include "health/cvss.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "core/banned.h"

struct weight {
	const char *metric; /* "AV" */
	char value;         /* 'N' */
	double w;           /* unchanged scope */
	double w_changed;   /* changed scope (PR only differs) */
};

static const struct weight weights[] = {
	{ "AV", 'N', 0.85, 0.85 }, { "AV", 'A', 0.62, 0.62 },
	{ "AV", 'L', 0.55, 0.55 }, { "AV", 'P', 0.2, 0.2 },
	{ "AC", 'L', 0.77, 0.77 }, { "AC", 'H', 0.44, 0.44 },
	{ "PR", 'N', 0.85, 0.85 }, { "PR", 'L', 0.62, 0.68 },
	{ "PR", 'H', 0.27, 0.5 },  { "UI", 'N', 0.85, 0.85 },
	{ "UI", 'R', 0.62, 0.62 }, { "C", 'H', 0.56, 0.56 },
	{ "C", 'L', 0.22, 0.22 },  { "C", 'N', 0, 0 },
	{ "I", 'H', 0.56, 0.56 },  { "I", 'L', 0.22, 0.22 },
	{ "I", 'N', 0, 0 },        { "A", 'H', 0.56, 0.56 },
	{ "A", 'L', 0.22, 0.22 },  { "A", 'N', 0, 0 },
};

static const char *const base[] = { "AV", "AC", "PR", "UI", "C", "I", "A" };
#define BASE_NR 7

/* The value letter of `metric` in the vector, or 0. */
static char value_of(const char *vector, const char *metric)
{
	size_t n = strlen(metric);
	const char *p = vector;

	while ((p = strchr(p, '/')) != NULL) {
		p++;
		if (strncmp(p, metric, n) == 0 && p[n] == ':' &&
		    p[n + 1] != '\0' && (p[n + 2] == '/' || p[n + 2] == '\0'))
			return p[n + 1];
	}
	return 0;
}

static bool weight_of(double *out, const char *metric, char v, bool changed)
{
	for (size_t i = 0; i < sizeof(weights) / sizeof(weights[0]); i++)
		if (strcmp(weights[i].metric, metric) == 0 &&
		    weights[i].value == v) {
			*out = changed ? weights[i].w_changed : weights[i].w;
			return true;
		}
	return false;
}

/* CVSS v3.1 appendix A: the smallest one-decimal number >= x. */
static double roundup(double x)
{
	long long i = llround(x * 100000.0);

	if (i % 10000 == 0)
		return (double)i / 100000.0;
	return (floor((double)i / 10000.0) + 1.0) / 10.0;
}

bool health_cvss3_base(double *out, const char *vector)
{
	double w[BASE_NR];
	double iss, impact, expl;
	char s;

	if (!vector || (strncmp(vector, "CVSS:3.0/", 9) != 0 &&
			strncmp(vector, "CVSS:3.1/", 9) != 0))
		return false;
	s = value_of(vector, "S");
	if (s != 'U' && s != 'C')
		return false;
	for (size_t i = 0; i < BASE_NR; i++)
		if (!weight_of(&w[i], base[i], value_of(vector, base[i]),
			       s == 'C'))
			return false;
	iss = 1.0 - (1.0 - w[4]) * (1.0 - w[5]) * (1.0 - w[6]);
	impact = s == 'U' ? 6.42 * iss
			  : 7.52 * (iss - 0.029) - 3.25 * pow(iss - 0.02, 15);
	expl = 8.22 * w[0] * w[1] * w[2] * w[3];
	if (impact <= 0)
		*out = 0;
	else if (s == 'U')
		*out = roundup(fmin(impact + expl, 10));
	else
		*out = roundup(fmin(1.08 * (impact + expl), 10));
	return true;
}

bool health_severity_is_critical(const char *type, const char *score,
				 bool *known_out)
{
	double v;

	*known_out = false;
	if (!score)
		return false;
	if (type && strcmp(type, "database") == 0) {
		*known_out = true;
		return strcasecmp(score, "CRITICAL") == 0;
	}
	if (health_cvss3_base(&v, score)) {
		*known_out = true;
		return v >= 9.0;
	}
	return false;
}
