/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Clock reading (once, in commands), ISO 8601 parsing and formatting.
 */
#include "core/timeutil.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/err.h"
#include "core/banned.h"

/* Days from 1970-01-01 to y-m-d in the proleptic Gregorian calendar. */
static int64_t days_from_civil(int64_t y, unsigned m, unsigned d)
{
	int64_t era;
	unsigned yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = (unsigned)(y - era * 400);
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (int64_t)doe - 719468;
}

static int digits(const char *s, int n, int *out)
{
	int v = 0;

	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 0;
}

static int parse_tz(const char *s, int *off)
{
	int hh, mm, sign;

	if (strcmp(s, "Z") == 0 || *s == '\0') {
		*off = 0;
		return 0;
	}
	if (*s != '+' && *s != '-')
		return -1;
	sign = *s == '-' ? -1 : 1;
	s++;
	if (digits(s, 2, &hh) < 0)
		return -1;
	s += 2;
	if (*s == ':')
		s++;
	if (digits(s, 2, &mm) < 0 || s[2] != '\0' || hh > 23 || mm > 59)
		return -1;
	*off = sign * (hh * 3600 + mm * 60);
	return 0;
}

int oh_time_parse(int64_t *out, const char *s, struct oh_err *err)
{
	int y, mo, d, h = 0, mi = 0, se = 0, off = 0;
	const char *p = s;

	if (strlen(s) < 10 || digits(p, 4, &y) < 0 || p[4] != '-' ||
	    digits(p + 5, 2, &mo) < 0 || p[7] != '-' ||
	    digits(p + 8, 2, &d) < 0)
		goto bad;
	p += 10;
	if (*p == 'T' || *p == ' ') {
		if (digits(p + 1, 2, &h) < 0 || p[3] != ':' ||
		    digits(p + 4, 2, &mi) < 0 || p[6] != ':' ||
		    digits(p + 7, 2, &se) < 0)
			goto bad;
		p += 9;
		if (parse_tz(p, &off) < 0)
			goto bad;
	} else if (*p != '\0') {
		goto bad;
	}
	if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 ||
	    se > 60)
		goto bad;
	*out = days_from_civil(y, (unsigned)mo, (unsigned)d) * 86400 +
	       h * 3600 + mi * 60 + se - off;
	return 0;
bad:
	return oh_err_set(
		err, OH_EINPUT, NULL, 0, 0,
		"'%.60s' is not a date (want YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ)",
		s);
}

int64_t oh_now(void)
{
	const char *env = getenv("OSSHEALTH_NOW");
	int64_t t;
	char *end;
	long long v;

	if (env && *env != '\0') {
		errno = 0;
		v = strtoll(env, &end, 10);
		if (errno == 0 && *end == '\0')
			return v;
		if (oh_time_parse(&t, env, NULL) == 0)
			return t;
	}
	return (int64_t)time(NULL);
}

static void format_utc(char *buf, size_t size, int64_t t, const char *fmt)
{
	time_t tt = (time_t)t;
	struct tm tm;

	if (!gmtime_r(&tt, &tm)) {
		snprintf(buf, size, "invalid-time");
		return;
	}
	strftime(buf, size, fmt, &tm);
}

void oh_time_format(char *buf, size_t size, int64_t t)
{
	format_utc(buf, size, t, "%Y-%m-%dT%H:%M:%SZ");
}

void oh_date_format(char *buf, size_t size, int64_t t)
{
	format_utc(buf, size, t, "%Y-%m-%d");
}

int64_t oh_days_between(int64_t now, int64_t t)
{
	double d = ((double)now - (double)t) / 86400.0;

	if (d >= 9.2e18)
		return INT64_MAX;
	if (d <= -9.2e18)
		return INT64_MIN;
	return (int64_t)d;
}
