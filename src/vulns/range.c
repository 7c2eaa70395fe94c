/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Range rules: GIT ranges by reachability (the rules are in vulns.h),
 * SEMVER and ECOSYSTEM ranges by the OSV schema's evaluation over sorted
 * events, SemVer 2.0.0 precedence, and the package-URL to OSV package
 * mapping.
 */
#include "vulns/vulns.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/arena.h"
#include "core/err.h"
#include "core/xalloc.h"
#include "core/banned.h"

/* ---- GIT ranges --------------------------------------------------------- */

struct git_state {
	vulns_reach_fn reach;
	void *payload;
	struct oh_err *err;
	bool missing; /* an event commit is not in the repository */
};

/* anc <= c; false with missing set when a commit is absent. */
static int le(bool *out, struct git_state *g, const char *anc, const char *c)
{
	int rc;

	*out = false;
	if (strcmp(anc, c) == 0) {
		*out = true;
		return 0;
	}
	rc = g->reach(out, anc, c, g->payload, g->err);
	if (rc == OH_ENOTFOUND) {
		oh_err_release(g->err);
		*out = false;
		g->missing = true;
		return 0;
	}
	return rc;
}

/* Does some event of `kind` relate to c as asked?  (strict: a != c) */
static int any(bool *hit, bool *missing, struct git_state *g,
	       const struct vulns_range *r, enum vulns_event_kind kind,
	       const char *c, bool up, bool strict)
{
	bool v;

	*hit = false;
	*missing = false;
	for (size_t i = 0; i < r->event_nr && !*hit; i++) {
		const char *e = r->event[i].value;

		if (r->event[i].kind != kind)
			continue;
		if (kind == VULNS_INTRODUCED && strcmp(e, "0") == 0) {
			*hit = true;
			break;
		}
		if (strict && strcmp(e, c) == 0)
			continue;
		g->missing = false;
		if ((up ? le(&v, g, e, c) : le(&v, g, c, e)) < 0)
			return g->err->code;
		*hit = v;
		*missing |= g->missing;
	}
	return 0;
}

static bool has_kind(const struct vulns_range *r, enum vulns_event_kind kind)
{
	for (size_t i = 0; i < r->event_nr; i++)
		if (r->event[i].kind == kind)
			return true;
	return false;
}

int vulns_git_eval(enum vulns_verdict *out, const struct vulns_range *r,
		   const char *commit, vulns_reach_fn reach, void *payload,
		   struct oh_err *err)
{
	struct git_state g = { .reach = reach, .payload = payload, .err = err };
	bool hit;
	bool miss;
	bool unsure = false;

	*out = VULNS_NOT_AFFECTED;
	if (any(&hit, &miss, &g, r, VULNS_INTRODUCED, commit, true, false) < 0)
		return err->code;
	if (!hit) {
		if (miss)
			*out = VULNS_UNKNOWN;
		return 0;
	}
	if (any(&hit, &miss, &g, r, VULNS_FIXED, commit, true, false) < 0)
		return err->code;
	if (hit)
		return 0;
	unsure |= miss;
	if (any(&hit, &miss, &g, r, VULNS_LAST_AFFECTED, commit, true, true) <
	    0)
		return err->code;
	if (hit)
		return 0;
	unsure |= miss;
	if (has_kind(r, VULNS_LIMIT)) {
		if (any(&hit, &miss, &g, r, VULNS_LIMIT, commit, false, true) <
		    0)
			return err->code;
		if (!hit) {
			if (miss)
				*out = VULNS_UNKNOWN;
			return 0;
		}
	}
	*out = unsure ? VULNS_UNKNOWN : VULNS_AFFECTED;
	return 0;
}

/* ---- SemVer ------------------------------------------------------------- */

struct semver {
	unsigned long long n[3];
	const char *pre; /* after '-', up to '+' or end; NULL when none */
	size_t pre_len;
};

static bool number(unsigned long long *out, const char **s)
{
	const char *p = *s;
	unsigned long long v = 0;

	if (*p < '0' || *p > '9' || (p[0] == '0' && p[1] >= '0' && p[1] <= '9'))
		return false;
	for (; *p >= '0' && *p <= '9'; p++) {
		if (v > (~0ULL - 9) / 10)
			return false;
		v = v * 10 + (unsigned long long)(*p - '0');
	}
	*out = v;
	*s = p;
	return true;
}

static bool ident_chars(const char *s, size_t n)
{
	if (n == 0)
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];

		if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
		      (c >= 'A' && c <= 'Z') || c == '-' || c == '.'))
			return false;
		if (c == '.' && (i == 0 || i + 1 == n || s[i + 1] == '.'))
			return false;
	}
	return true;
}

static bool semver_parse(struct semver *v, const char *s, bool allow_v)
{
	const char *plus;

	memset(v, 0, sizeof(*v));
	if (allow_v && *s == 'v')
		s++;
	for (int i = 0; i < 3; i++) {
		if (!number(&v->n[i], &s))
			return false;
		if (i < 2 && *s++ != '.')
			return false;
	}
	plus = strchr(s, '+');
	if (*s == '-') {
		v->pre = s + 1;
		v->pre_len = plus ? (size_t)(plus - v->pre) : strlen(v->pre);
		if (!ident_chars(v->pre, v->pre_len))
			return false;
	} else if (*s != '+' && *s != '\0') {
		return false;
	}
	return !plus || ident_chars(plus + 1, strlen(plus + 1));
}

static bool all_digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return n > 0;
}

/* Compare one dot-separated pre-release identifier each. */
static int ident_cmp(const char *a, size_t an, const char *b, size_t bn)
{
	bool da = all_digits(a, an);
	bool db = all_digits(b, bn);
	int c;

	if (da && db) {
		/* no leading zeros in numeric identifiers: longer is larger */
		if (an != bn)
			return an < bn ? -1 : 1;
		c = memcmp(a, b, an);
		return c < 0 ? -1 : c > 0;
	}
	if (da != db)
		return da ? -1 : 1;
	c = memcmp(a, b, an < bn ? an : bn);
	if (c != 0)
		return c < 0 ? -1 : 1;
	return an == bn ? 0 : (an < bn ? -1 : 1);
}

static int pre_cmp(const struct semver *a, const struct semver *b)
{
	const char *p = a->pre;
	const char *q = b->pre;
	const char *pe;
	const char *qe;

	/* no offset on NULL, not even 0 (UB: clang's UBSan aborts) */
	if (!p || !q)
		return !p && !q ? 0 : (!p ? 1 : -1);
	pe = p + a->pre_len;
	qe = q + b->pre_len;
	while (p < pe && q < qe) {
		const char *pd = memchr(p, '.', (size_t)(pe - p));
		const char *qd = memchr(q, '.', (size_t)(qe - q));
		size_t pn = pd ? (size_t)(pd - p) : (size_t)(pe - p);
		size_t qn = qd ? (size_t)(qd - q) : (size_t)(qe - q);
		int c = ident_cmp(p, pn, q, qn);

		if (c != 0)
			return c;
		p += pn + (pd ? 1 : 0);
		q += qn + (qd ? 1 : 0);
	}
	if (p < pe)
		return 1;
	return q < qe ? -1 : 0;
}

bool vulns_semver_cmp(int *out, const char *a, const char *b, bool allow_v)
{
	struct semver x;
	struct semver y;

	if (!semver_parse(&x, a, allow_v) || !semver_parse(&y, b, allow_v))
		return false;
	for (int i = 0; i < 3; i++) {
		if (x.n[i] != y.n[i]) {
			*out = x.n[i] < y.n[i] ? -1 : 1;
			return true;
		}
	}
	*out = pre_cmp(&x, &y);
	return true;
}

/* ---- version ranges ----------------------------------------------------- */

/* Ecosystems whose versions are SemVer here; *allow_v for Go's "v". */
static bool semver_ecosystem(const char *eco, bool *allow_v)
{
	*allow_v = false;
	if (!eco)
		return false;
	if (strcmp(eco, "Go") == 0) {
		*allow_v = true;
		return true;
	}
	return strcmp(eco, "npm") == 0 || strcmp(eco, "crates.io") == 0;
}

struct sorted_event {
	const struct vulns_event *e;
	size_t seq;
};

static int event_cmp(const struct sorted_event *a, const struct sorted_event *b,
		     bool allow_v)
{
	bool az = strcmp(a->e->value, "0") == 0;
	bool bz = strcmp(b->e->value, "0") == 0;
	int c = 0;

	if (az || bz)
		c = az == bz ? 0 : (az ? -1 : 1);
	else if (!vulns_semver_cmp(&c, a->e->value, b->e->value, allow_v))
		c = 0;
	if (c != 0)
		return c;
	return a->seq < b->seq ? -1 : (a->seq > b->seq);
}

/* The OSV schema's algorithm: walk the sorted events, last match wins. */
static enum vulns_verdict ordered_eval(const struct vulns_range *r,
				       const char *version, bool allow_v)
{
	struct sorted_event *ev;
	bool vulnerable = false;
	int c;

	for (size_t i = 0; i < r->event_nr; i++)
		if (strcmp(r->event[i].value, "0") != 0 &&
		    !vulns_semver_cmp(&c, r->event[i].value, version, allow_v))
			return VULNS_UNKNOWN;
	if (!vulns_semver_cmp(&c, version, version, allow_v))
		return VULNS_UNKNOWN;
	if (r->event_nr > 1000)
		return VULNS_UNKNOWN; /* the sort below is quadratic */
	ev = oh_xcalloc(r->event_nr, sizeof(*ev));
	for (size_t i = 0; i < r->event_nr; i++) {
		ev[i].e = &r->event[i];
		ev[i].seq = i;
	}
	/* insertion sort: stable, and ranges have a handful of events */
	for (size_t i = 1; i < r->event_nr; i++) {
		struct sorted_event t = ev[i];
		size_t j = i;

		for (; j > 0 && event_cmp(&ev[j - 1], &t, allow_v) > 0; j--)
			ev[j] = ev[j - 1];
		ev[j] = t;
	}
	for (size_t i = 0; i < r->event_nr; i++) {
		const struct vulns_event *e = ev[i].e;
		bool zero = strcmp(e->value, "0") == 0;

		if (zero)
			c = 1;
		else
			vulns_semver_cmp(&c, version, e->value, allow_v);
		if (e->kind == VULNS_INTRODUCED && c >= 0)
			vulnerable = true;
		else if (e->kind == VULNS_FIXED && c >= 0)
			vulnerable = false;
		else if (e->kind == VULNS_LAST_AFFECTED && c > 0)
			vulnerable = false;
		else if (e->kind == VULNS_LIMIT && c >= 0)
			vulnerable = false;
	}
	free(ev);
	return vulnerable ? VULNS_AFFECTED : VULNS_NOT_AFFECTED;
}

enum vulns_verdict vulns_version_eval(const struct vulns_affected *a,
				      const char *version)
{
	enum vulns_verdict out = VULNS_NOT_AFFECTED;
	bool allow_v;

	for (size_t i = 0; i < a->version_nr; i++)
		if (strcmp(a->version[i], version) == 0)
			return VULNS_AFFECTED;
	for (size_t i = 0; i < a->range_nr; i++) {
		const struct vulns_range *r = &a->range[i];
		enum vulns_verdict v = VULNS_UNKNOWN;

		if (r->type == VULNS_SEMVER)
			v = ordered_eval(r, version, false);
		else if (r->type == VULNS_ECOSYSTEM &&
			 semver_ecosystem(a->ecosystem, &allow_v))
			v = ordered_eval(r, version, allow_v);
		else if (r->type == VULNS_GIT)
			continue; /* by commit, not by version */
		if (v == VULNS_AFFECTED)
			return v;
		if (v == VULNS_UNKNOWN)
			out = v;
	}
	return out;
}

/* ---- package URLs --------------------------------------------------------- */

static const struct {
	const char *type;
	const char *ecosystem;
	char sep; /* between namespace and name in the OSV name; 0: none */
} purl_map[] = {
	{ "cargo", "crates.io", 0 },  { "composer", "Packagist", '/' },
	{ "gem", "RubyGems", 0 },     { "golang", "Go", '/' },
	{ "hex", "Hex", 0 },          { "maven", "Maven", ':' },
	{ "npm", "npm", '/' },        { "nuget", "NuGet", 0 },
	{ "pub", "Pub", 0 },          { "pypi", "PyPI", 0 },
	{ "swift", "SwiftURL", '/' },
};

/* Percent-decode s[0..n) into the arena; NULL on a bad escape. */
static char *decode(struct oh_arena *a, const char *s, size_t n)
{
	char *out = oh_arena_alloc(a, n + 1);
	size_t j = 0;

	for (size_t i = 0; i < n; i++) {
		if (s[i] != '%') {
			out[j++] = s[i];
			continue;
		}
		if (i + 2 >= n)
			return NULL;
		{
			char hex[3] = { s[i + 1], s[i + 2], '\0' };
			char *end;
			long v = strtol(hex, &end, 16);

			if (*end != '\0' || v <= 0)
				return NULL;
			out[j++] = (char)v;
			i += 2;
		}
	}
	out[j] = '\0';
	return out;
}

bool vulns_purl_package(const char **ecosystem_out, const char **name_out,
			const char **version_out, struct oh_arena *a,
			const char *purl)
{
	const char *p;
	const char *slash;
	const char *at;
	const char *end;
	const char *last;
	char *path;

	*ecosystem_out = *name_out = *version_out = NULL;
	if (strncmp(purl, "pkg:", 4) != 0)
		return false;
	p = purl + 4;
	slash = strchr(p, '/');
	if (!slash)
		return false;
	end = p + strcspn(p, "?#");
	for (size_t i = 0; i < sizeof(purl_map) / sizeof(purl_map[0]); i++) {
		size_t tn = strlen(purl_map[i].type);

		if ((size_t)(slash - p) != tn ||
		    strncasecmp(p, purl_map[i].type, tn) != 0)
			continue;
		at = memchr(slash + 1, '@', (size_t)(end - slash - 1));
		path = decode(a, slash + 1,
			      (size_t)((at ? at : end) - slash - 1));
		if (!path || path[0] == '\0')
			return false;
		last = strrchr(path, '/');
		if (last && purl_map[i].sep == ':')
			path[last - path] = ':';
		else if (last && purl_map[i].sep == 0)
			path = (char *)last + 1;
		*ecosystem_out = purl_map[i].ecosystem;
		*name_out = path;
		if (at)
			*version_out =
				decode(a, at + 1, (size_t)(end - at - 1));
		return true;
	}
	return false;
}
