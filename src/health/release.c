/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Release tags of any naming scheme; see release.h.  A name is tried at
 * each place a number starts after a separator (or after a `v` that
 * starts a word), so `libssh2-1.11.0` is `libssh2` + 1.11.0, not 2.1.
 */
#include "health/release.h"

#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"
#include "core/timeutil.h"
#include "core/banned.h"

#define DAY 86400

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static char lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

static bool is_sep(char c)
{
	return c == '-' || c == '_' || c == '.' || c == '/' || c == ' ';
}

/* May a version start at name[i]? */
static bool version_start(const char *name, size_t i)
{
	char p;

	if (!is_digit(name[i]))
		return false;
	if (i == 0)
		return true;
	p = name[i - 1];
	if (is_sep(p))
		return true;
	/* "v1.2", "release-v1.2", "V_1" but not "libv1" */
	if (i == 1 && (p == 'r' || p == 'R'))
		return true; /* "r58" */
	return (p == 'v' || p == 'V') && (i == 1 || is_sep(name[i - 2]));
}

/* Parse the numbers at s; returns the end or NULL. */
static const char *parse_parts(struct rel_version *v, const char *s)
{
	for (;;) {
		unsigned long n = 0;
		size_t d = 0;

		while (is_digit(s[d])) {
			if (d == 9)
				return NULL; /* no version has such parts */
			n = n * 10 + (unsigned long)(s[d] - '0');
			d++;
		}
		if (v->part_nr == REL_MAX_PARTS)
			return NULL;
		v->part[v->part_nr++] = n;
		s += d;
		if ((*s == '.' || *s == '_') && is_digit(s[1]))
			s++;
		else
			return s;
	}
}

static bool word_in(const char *w, size_t n, const char *const *set)
{
	for (size_t i = 0; set[i]; i++)
		if (strlen(set[i]) == n && strncmp(w, set[i], n) == 0)
			return true;
	return false;
}

/* Only letters, digits and separators may follow a known word. */
static bool tail_ok(const char *s)
{
	for (; *s != '\0'; s++)
		if (!is_digit(*s) && !is_alpha(*s) && !is_sep(*s) &&
		    *s != '+' && *s != '@')
			return false;
	return true;
}

/* A tag prefix made of one of these marks a pre-release ("rc-8_22_0-1"). */
static const char *const pre_words[] = {
	"alpha",    "beta",      "rc",      "pre",  "preview",   "dev",
	"snapshot", "milestone", "nightly", "test", "candidate", NULL,
};

static enum rel_kind suffix_kind(const char *s)
{
	static const char *const pre[] = {
		"a",         "alpha", "b",       "beta", "c",        "rc",
		"cr",        "pre",   "preview", "dev",  "snapshot", "m",
		"milestone", "ea",    "nightly", "test", NULL,
	};
	static const char *const rel[] = { "final", "release", "stable", "ga",
					   "post",  "p",       "lts",    NULL };
	char w[16];
	size_t n = 0;
	bool sep = false;

	if (*s == '\0' || *s == '+')
		return REL_RELEASE;
	if (*s == '-' || *s == '.' || *s == '_' || *s == '~') {
		sep = true;
		s++;
	}
	while (is_alpha(s[n]) && n < sizeof(w))
		n++;
	if (n == sizeof(w))
		return REL_NONE;
	for (size_t i = 0; i < n; i++)
		w[i] = lower(s[i]);
	if (n == 0) {
		/* "-1" packaging revision, "-20230812" date stamp */
		size_t d = 0;

		while (is_digit(s[d]))
			d++;
		return sep && d > 0 && (s[d] == '\0' || s[d] == '+')
			       ? REL_RELEASE
			       : REL_NONE;
	}
	if (!tail_ok(s + n))
		return REL_NONE;
	/* a bare letter is a patch release: tmux 3.3a, OpenSSL 1.1.1w,
	 * libevent 1.4.14b-stable */
	if (n == 1 && !sep &&
	    (s[1] == '\0' ||
	     (is_sep(s[1]) && suffix_kind(s + 1) == REL_RELEASE &&
	      is_alpha(s[2]))))
		return REL_RELEASE;
	if (word_in(w, n, pre))
		return REL_PRERELEASE;
	if (word_in(w, n, rel))
		return REL_RELEASE;
	return REL_NONE;
}

static bool trailing_word(const char *f, size_t *len, const char *word)
{
	size_t n = strlen(word);

	if (*len < n || strncmp(f + *len - n, word, n) != 0)
		return false;
	if (*len > n && !is_sep(f[*len - n - 1]))
		return false;
	*len -= n;
	return true;
}

static void strip_seps(const char *f, size_t *len)
{
	while (*len > 0 && is_sep(f[*len - 1]))
		(*len)--;
}

/* Fold a prefix into its family name. */
static void fold_family(char *out, const char *name, size_t n)
{
	static const char *const words[] = { "release", "releases", "rel",
					     "version", "ver",      NULL };
	char f[REL_MAX_NAME + 1];
	size_t len = n;

	for (size_t i = 0; i < n; i++)
		f[i] = lower(name[i]);
	strip_seps(f, &len);
	if (len > 0 && f[len - 1] == 'v' && (len == 1 || is_sep(f[len - 2]))) {
		len--;
		strip_seps(f, &len);
	}
	for (size_t i = 0; words[i]; i++)
		if (trailing_word(f, &len, words[i])) {
			strip_seps(f, &len);
			break;
		}
	if (len >= REL_MAX_FAMILY)
		len = REL_MAX_FAMILY - 1;
	memcpy(out, f, len);
	out[len] = '\0';
}

bool rel_parse(struct rel_version *out, const char *name)
{
	size_t len = name ? strlen(name) : 0;

	memset(out, 0, sizeof(*out));
	if (len == 0 || len > REL_MAX_NAME)
		return false;
	for (size_t i = 0; i < len; i++) {
		struct rel_version v = { .kind = REL_NONE };
		const char *end;

		if (!version_start(name, i))
			continue;
		end = parse_parts(&v, name + i);
		/* one number only after an "r" (inih's r58, lz4's r131) */
		if (!end || (v.part_nr < 2 &&
			     !(i == 1 && (name[0] == 'r' || name[0] == 'R'))))
			continue;
		v.kind = suffix_kind(end);
		if (v.kind == REL_NONE)
			continue;
		if (is_alpha(end[0]) && !is_alpha(end[1]) &&
		    v.kind == REL_RELEASE)
			v.letter = lower(end[0]);
		fold_family(v.family, name, i);
		/* "rc-8_22_0-1": a prefix that says pre-release */
		if (word_in(v.family, strlen(v.family), pre_words))
			v.kind = REL_PRERELEASE;
		*out = v;
		return true;
	}
	return false;
}

/* ---- summary ---------------------------------------------------------- */

struct entry {
	struct rel_version v;
	const char *name;
	int64_t time;
	bool kept; /* of the project's family, or its renamed successor */
};

static int cmp_version(const void *a, const void *b)
{
	const struct entry *x = a, *y = b;
	size_t n = x->v.part_nr > y->v.part_nr ? x->v.part_nr : y->v.part_nr;

	if (x->v.kind != y->v.kind)
		return x->v.kind < y->v.kind ? -1 : 1;
	for (size_t i = 0; i < n; i++) {
		unsigned long p = i < x->v.part_nr ? x->v.part[i] : 0;
		unsigned long q = i < y->v.part_nr ? y->v.part[i] : 0;

		if (p != q)
			return p < q ? -1 : 1;
	}
	if (x->v.part_nr != y->v.part_nr)
		return x->v.part_nr < y->v.part_nr ? -1 : 1;
	if (x->v.letter != y->v.letter)
		return x->v.letter < y->v.letter ? -1 : 1;
	return (x->time > y->time) - (x->time < y->time);
}

/* Two names of one release (curl-8_11_1 and CURL_8_11_1); pre-releases
 * of one version (rc0, rc1, rc2) are each their own. */
static bool same_version(const struct entry *x, const struct entry *y)
{
	return x->v.kind == REL_RELEASE && y->v.kind == REL_RELEASE &&
	       x->v.letter == y->v.letter && x->v.part_nr == y->v.part_nr &&
	       memcmp(x->v.part, y->v.part,
		      x->v.part_nr * sizeof(x->v.part[0])) == 0;
}

static int cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return (x > y) - (x < y);
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static int cmp_family(const void *a, const void *b)
{
	const struct entry *x = a, *y = b;
	int c = strcmp(x->v.family, y->v.family);

	return c != 0 ? c : cmp_version(a, b);
}

/*
 * The family with the most releases (then pre-releases); the first in
 * byte order wins ties, so "" (plain v1.2) before any named prefix.
 * Entries are sorted by family.
 */
static void pick_family(struct rel_summary *out, const struct entry *e,
			size_t n)
{
	size_t best_rel = 0, best_pre = 0;

	for (size_t i = 0; i < n;) {
		size_t rel = 0, pre = 0, j = i;

		for (; j < n && strcmp(e[j].v.family, e[i].v.family) == 0; j++)
			if (e[j].v.kind == REL_RELEASE)
				rel++;
			else
				pre++;
		if (i == 0 || rel > best_rel ||
		    (rel == best_rel && pre > best_pre)) {
			memcpy(out->family, e[i].v.family, sizeof(out->family));
			out->family_example = e[j - 1].name;
			best_rel = rel;
			best_pre = pre;
		}
		i = j;
	}
}

/*
 * Mark the entries of the chosen family, and of a family that took over
 * from it or that it took over from: a scheme renamed (c-ares went from
 * cares-1_29_0 to v1.30.0, lz4 from r131 to v1.7.3, libssh2 from
 * RELEASE.1.1 to libssh2-1.2): two releases or more, every tag newer
 * than the chosen family's last release, or every tag older than its
 * first release with no higher version than its lowest.  Families released side by side (the
 * crates of a Rust workspace, git-gui inside git) interleave in time and
 * stay foreign.  Entries are sorted by family.
 */
static int cmp_parts(const struct rel_version *x, const struct rel_version *y)
{
	size_t n = x->part_nr > y->part_nr ? x->part_nr : y->part_nr;

	for (size_t i = 0; i < n; i++) {
		unsigned long p = i < x->part_nr ? x->part[i] : 0;
		unsigned long q = i < y->part_nr ? y->part[i] : 0;

		if (p != q)
			return p < q ? -1 : 1;
	}
	return 0;
}

static void renamed_families(struct entry *e, size_t n, const char *family)
{
	int64_t first_rel = INT64_MAX, last_rel = INT64_MIN;
	const struct rel_version *low = NULL;

	for (size_t i = 0; i < n; i++) {
		/* "rc-8_22_0-1": a family named for pre-releases is the
		 * project's release candidates */
		e[i].kept = strcmp(e[i].v.family, family) == 0 ||
			    word_in(e[i].v.family, strlen(e[i].v.family),
				    pre_words);
		if (!e[i].kept || e[i].v.kind != REL_RELEASE)
			continue;
		if (e[i].time > last_rel)
			last_rel = e[i].time;
		if (e[i].time < first_rel)
			first_rel = e[i].time;
		if (!low || cmp_parts(&e[i].v, low) < 0)
			low = &e[i].v;
	}
	if (!low)
		return;
	for (size_t i = 0; i < n;) {
		size_t j = i;
		int64_t first = INT64_MAX, last = INT64_MIN;
		size_t releases = 0;
		bool below = true;

		for (; j < n && strcmp(e[j].v.family, e[i].v.family) == 0;
		     j++) {
			if (e[j].time < first)
				first = e[j].time;
			if (e[j].time > last)
				last = e[j].time;
			releases += e[j].v.kind == REL_RELEASE;
			if (cmp_parts(&e[j].v, low) > 0)
				below = false;
		}
		/* a successor: all of it after the last release; a
		 * predecessor: all of it before the first, and older versions */
		if (!e[i].kept && releases >= 2 &&
		    (first > last_rel || (last < first_rel && below)))
			for (size_t k = i; k < j; k++)
				e[k].kept = true;
		i = j;
	}
}

static void cadence(struct rel_summary *out, const struct entry *e, size_t n,
		    int64_t now)
{
	int64_t *t = oh_xcalloc(n + 1, sizeof(*t));
	double *gap = oh_xcalloc(n + 1, sizeof(*gap));
	size_t k = 0;

	for (size_t i = 0; i < n; i++) {
		if (e[i].v.kind != REL_RELEASE)
			continue;
		t[k++] = e[i].time;
		if ((double)e[i].time > (double)now - 365.0 * DAY)
			out->releases_365++;
		if (out->last_name == NULL || e[i].time > out->last) {
			out->last = e[i].time;
			out->last_name = e[i].name;
		}
	}
	if (k > 1)
		qsort(t, k, sizeof(*t), cmp_i64);
	if (k > 0) {
		out->first = t[0];
		out->days_since_last = oh_days_between(now, out->last);
	}
	/* releases on one day (maintenance releases of several series
	 * together) are one release event for the cadence */
	size_t g = 0;

	for (size_t i = 1; i < k; i++)
		if (t[i] / DAY != t[i - 1] / DAY)
			gap[g++] = ((double)t[i] - (double)t[i - 1]) / DAY;
	if (g >= 1) {

		if (g > 1)
			qsort(gap, g, sizeof(*gap), cmp_double);
		out->median_interval_days =
			g % 2 ? gap[g / 2] : (gap[g / 2 - 1] + gap[g / 2]) / 2;
	}
	free(t);
	free(gap);
}

void rel_summarise(struct rel_summary *out, const struct rel_tag *tags,
		   size_t n, int64_t now)
{
	struct entry *e = oh_xcalloc(n + 1, sizeof(*e));
	size_t en = 0, kept = 0;

	memset(out, 0, sizeof(*out));
	for (size_t i = 0; i < n; i++) {
		if (tags[i].time > now)
			continue;
		if (!rel_parse(&e[en].v, tags[i].name)) {
			out->other++;
			continue;
		}
		e[en].name = tags[i].name;
		e[en].time = tags[i].time;
		en++;
	}
	if (en > 1)
		qsort(e, en, sizeof(*e), cmp_family);
	pick_family(out, e, en);
	renamed_families(e, en, out->family);
	for (size_t i = 0; i < en; i++) {
		if (!e[i].kept)
			out->foreign++;
		else
			e[kept++] = e[i];
	}
	if (kept > 1)
		qsort(e, kept, sizeof(*e), cmp_version);
	en = 0;
	for (size_t i = 0; i < kept; i++) {
		/* sorted oldest first within a version: keep the first */
		if (en > 0 && same_version(&e[en - 1], &e[i]))
			continue;
		e[en++] = e[i];
		if (e[i].v.kind == REL_RELEASE)
			out->releases++;
		else
			out->prereleases++;
	}
	cadence(out, e, en, now);
	if (out->last_name) {
		struct rel_version v;

		out->family_example = out->last_name;
		if (rel_parse(&v, out->last_name)) /* a renamed scheme */
			memcpy(out->family, v.family, sizeof(out->family));
	}
	free(e);
}
