/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The classifier: declared facts + health summary -> ACCEPT / EVALUATE /
 * AVOID, following the evaluation order of docs/policy.md.  Every rule
 * that matches is recorded with its facts; the first deciding one wins.
 */
#include "policy/policy_int.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"
#include "core/banned.h"

struct cls {
	struct policy_result *out;
	const struct policy_rules *r;
	const struct policy_profile *p;
	const struct policy_component *f;
	pcre2_match_data *md;
	bool limit_hit; /* a pattern hit a PCRE2 limit */
};

const char *policy_decision_name(enum policy_decision d)
{
	switch (d) {
	case POLICY_ACCEPT:
		return "ACCEPT";
	case POLICY_EVALUATE:
		return "EVALUATE";
	case POLICY_AVOID:
		return "AVOID";
	case POLICY_NONE:
		break;
	}
	return "none";
}

int policy_decision_parse(enum policy_decision *out, const char *s)
{
	static const enum policy_decision all[] = { POLICY_ACCEPT,
						    POLICY_EVALUATE,
						    POLICY_AVOID };

	for (size_t i = 0; i < sizeof(all) / sizeof(all[0]); i++)
		if (strcmp(s, policy_decision_name(all[i])) == 0) {
			*out = all[i];
			return 0;
		}
	return -1;
}

static const char *fact_of(const struct policy_component *f,
			   enum policy_field pf)
{
	switch (pf) {
	case PF_NAME:
		return f->name;
	case PF_URL:
		return f->url;
	case PF_ORGANIZATION:
		return f->organization;
	case PF_FOUNDATION:
		return f->foundation;
	case PF_CATEGORY:
		return f->category;
	case PF_ARRANGEMENT:
		return f->arrangement;
	case PF_ORIGIN:
		return f->origin;
	case PF_DEPLOYMENT:
		return f->deployment_context;
	case PF_NR:
		break;
	}
	return NULL;
}

static bool alt_match(struct cls *c, const struct policy_alt *a)
{
	for (int pf = 0; pf < PF_NR; pf++) {
		const char *v;
		int rc;

		if (!a->re[pf])
			continue;
		v = fact_of(c->f, (enum policy_field)pf);
		if (!v)
			return false;
		rc = pcre2_match(a->re[pf], (PCRE2_SPTR)v, strlen(v), 0, 0,
				 c->md, c->r->mctx);
		if (rc == PCRE2_ERROR_MATCHLIMIT ||
		    rc == PCRE2_ERROR_DEPTHLIMIT || rc == PCRE2_ERROR_HEAPLIMIT)
			c->limit_hit = true;
		if (rc < 0)
			return false;
	}
	return true;
}

/* The first entry of the list that matches, and which match object. */
static const struct policy_entry *list_match(struct cls *c,
					     const struct policy_entry *e,
					     size_t nr,
					     const struct policy_alt **alt)
{
	for (size_t i = 0; i < nr; i++)
		for (size_t j = 0; j < e[i].alt_nr; j++)
			if (alt_match(c, &e[i].alt[j])) {
				*alt = &e[i].alt[j];
				return &e[i];
			}
	return NULL;
}

__attribute__((format(printf, 2, 3))) static void fact(struct policy_fired *fd,
						       const char *fmt, ...)
{
	va_list ap;

	if (!fd || fd->fact_nr >= POLICY_MAX_FACTS)
		return;
	va_start(ap, fmt);
	vsnprintf(fd->fact[fd->fact_nr++], POLICY_TEXT, fmt, ap);
	va_end(ap);
}

/* Record a rule; it decides when nothing decided before and d != NONE. */
__attribute__((format(printf, 4, 5))) static struct policy_fired *
fire(struct cls *c, const char *rule, enum policy_decision d, const char *fmt,
     ...)
{
	struct policy_result *o = c->out;
	struct policy_fired *fd;
	va_list ap;

	if (o->fired_nr >= POLICY_MAX_FIRED)
		return NULL;
	fd = &o->fired[o->fired_nr++];
	snprintf(fd->rule, sizeof(fd->rule), "%s", rule);
	fd->decision = d;
	va_start(ap, fmt);
	vsnprintf(fd->reason, sizeof(fd->reason), fmt, ap);
	va_end(ap);
	if (d != POLICY_NONE && o->decision == POLICY_NONE) {
		o->decision = d;
		fd->decided = true;
		snprintf(o->decided_by, sizeof(o->decided_by), "%s", rule);
	}
	return fd;
}

__attribute__((format(printf, 2, 3))) static void finding(struct cls *c,
							  const char *fmt, ...)
{
	struct policy_result *o = c->out;
	va_list ap;

	if (o->finding_nr >= POLICY_MAX_FINDINGS)
		return;
	va_start(ap, fmt);
	vsnprintf(o->finding[o->finding_nr++], POLICY_TEXT, fmt, ap);
	va_end(ap);
}

/* The facts a match object used: field="value" ~ /pattern/. */
static void alt_facts(struct policy_fired *fd, const struct cls *c,
		      const struct policy_alt *a)
{
	for (int pf = 0; pf < PF_NR; pf++)
		if (a->re[pf])
			fact(fd, "%s=\"%.80s\" matches /%.100s/",
			     policy_field_name((enum policy_field)pf),
			     fact_of(c->f, (enum policy_field)pf), a->src[pf]);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static bool country_in(const char *const *list, size_t nr, const char *cc)
{
	return cc && bsearch(&cc, list, nr, sizeof(*list), cmp_str) != NULL;
}

static void classify_sc(struct cls *c)
{
	const struct policy_component *f = c->f;
	struct policy_result *o = c->out;
	const struct policy_alt *alt = NULL;
	const struct policy_entry *e;

	e = list_match(c, c->r->seccrit.entry, c->r->seccrit.nr, &alt);
	if (f->security_critical == POLICY_YES) {
		o->security_critical = true;
		snprintf(o->sc_why, sizeof(o->sc_why),
			 "declared security_critical: true in the manifest");
	} else if (f->security_critical == POLICY_NO) {
		snprintf(o->sc_why, sizeof(o->sc_why),
			 "declared security_critical: false in the manifest");
		if (e)
			finding(c,
				"declared not security-critical although it matches the security-critical class '%s'",
				e->name);
	} else if (e) {
		o->security_critical = true;
		for (int pf = 0; pf < PF_NR; pf++)
			if (alt->re[pf]) {
				snprintf(
					o->sc_why, sizeof(o->sc_why),
					"%s \"%.60s\" matches /%.80s/ of the security-critical class '%s'",
					policy_field_name(
						(enum policy_field)pf),
					fact_of(f, (enum policy_field)pf),
					alt->src[pf], e->name);
				break;
			}
	} else {
		snprintf(o->sc_why, sizeof(o->sc_why),
			 "not declared; no security-critical pattern matched");
	}
}

static void step_entry(struct cls *c, const struct policy_list *l,
		       const char *kind, enum policy_decision d,
		       const char *why)
{
	const struct policy_alt *alt = NULL;
	const struct policy_entry *e = list_match(c, l->entry, l->nr, &alt);
	struct policy_fired *fd;
	char rule[80];

	if (!e)
		return;
	snprintf(rule, sizeof(rule), "%s:%s", kind, e->id);
	fd = fire(c, rule, d, "%s: %s", e->name, why);
	alt_facts(fd, c, alt);
}

static void step_overrides(struct cls *c)
{
	const struct policy_profile *p = c->p;
	const struct policy_alt *alt = NULL;
	const struct policy_entry *e;
	struct policy_fired *fd;
	char rule[80];

	e = list_match(c, p->override, p->override_nr, &alt);
	if (!e)
		return;
	snprintf(rule, sizeof(rule), "override:%s", e->id);
	fd = fire(c, rule, e->decision, "%s (override of profile %s)",
		  e->reason ? e->reason : e->name, p->name);
	alt_facts(fd, c, alt);
}

static void step_security(struct cls *c)
{
	const struct policy_profile *p = c->p;
	const char *origin = c->f->origin;
	struct policy_fired *fd;

	if (!c->out->security_critical)
		return;
	if (!origin) {
		fd = fire(
			c, "security-critical-unknown-origin",
			p->sc_unknown_origin,
			"security-critical component with no declared origin: allied origin cannot be shown");
	} else if (country_in(p->allied, p->allied_nr, origin)) {
		fd = fire(c, "security-critical-allied", POLICY_NONE,
			  "security-critical component of allied origin");
		fact(fd, "%s is in the allied set of profile %s", origin,
		     p->name);
	} else {
		fd = fire(
			c, "security-critical-outside-allied", POLICY_AVOID,
			"security-critical components must be of allied origin, regardless of open-source status");
		fact(fd, "%s is not in the allied set of profile %s", origin,
		     p->name);
	}
	fact(fd, "security_critical: %s", c->out->sc_why);
	if (origin)
		fact(fd, "origin=%s", origin);
}

static void step_concern(struct cls *c)
{
	const struct policy_profile *p = c->p;
	const char *origin = c->f->origin;
	struct policy_fired *fd;

	if (!country_in(p->concern, p->concern_nr, origin))
		return;
	fd = fire(
		c, "country-of-concern", POLICY_EVALUATE,
		"originates from a country of concern: case-by-case evaluation");
	fact(fd, "origin=%s", origin);
	fact(fd, "%s is a country of concern in profile %s", origin, p->name);
	if (c->f->organization)
		fact(fd, "organization=\"%.80s\"", c->f->organization);
	if (c->out->decision == POLICY_ACCEPT && c->f->foundation)
		finding(c,
			"originates from %s (a country of concern) and is hosted by %.80s: foundation governance applies",
			origin, c->f->foundation);
	else if (c->out->decision == POLICY_ACCEPT)
		finding(c,
			"originates from %s (a country of concern); accepted by an earlier rule",
			origin);
}

static void evidence_orgs(struct cls *c)
{
	const struct policy_component *f = c->f;
	const struct policy_country_share *top = NULL;

	for (size_t i = 0; i < f->org_country_nr; i++)
		if (f->org_country[i].country &&
		    (!top || f->org_country[i].share > top->share))
			top = &f->org_country[i];
	if (!top || top->share < c->p->evidence_share)
		return;
	if (f->origin && strcmp(top->country, f->origin) == 0)
		return;
	finding(c,
		"contributor organisations: %.0f%% of commits in the last 365 days come from organisations based in %.8s, but the declared origin is %s",
		top->share * 100.0, top->country,
		f->origin ? f->origin : "not given");
}

static void evidence_tz(struct cls *c)
{
	const struct policy_component *f = c->f;
	const struct policy_profile *p = c->p;
	const struct policy_tz_share *top = NULL;
	bool concern_tz = false;
	int off;

	for (size_t i = 0; i < f->tz_nr; i++)
		if (!top || f->tz[i].share > top->share)
			top = &f->tz[i];
	if (!top || top->share < p->evidence_share)
		return;
	for (size_t i = 0; i < p->concern_utc_offset_nr; i++)
		if (p->concern_utc_offset[i] == top->offset_minutes)
			concern_tz = true;
	if (!concern_tz || country_in(p->concern, p->concern_nr, f->origin))
		return;
	off = top->offset_minutes < 0 ? -top->offset_minutes
				      : top->offset_minutes;
	finding(c,
		"commit time zones: %.0f%% of commits in the last 365 days are at UTC%c%02d:%02d, consistent with a country of concern (among others), but the declared origin is %s",
		top->share * 100.0, top->offset_minutes < 0 ? '-' : '+',
		off / 60, off % 60, f->origin ? f->origin : "not given");
}

static void answer(struct policy_result *o, const char *id, const char *q,
		   bool known, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

static void answer(struct policy_result *o, const char *id, const char *q,
		   bool known, const char *fmt, ...)
{
	struct policy_answer *a = &o->answer[o->answer_nr++];
	va_list ap;

	a->id = id;
	a->question = q;
	a->known = known;
	va_start(ap, fmt);
	vsnprintf(a->answer, sizeof(a->answer), fmt, ap);
	va_end(ap);
}

static void answer_diversity(struct policy_result *o,
			     const struct policy_health *h)
{
	static const char q[] =
		"Is the community diverse (several organisations, active authors)?";

	if (h->elephant_known && h->authors_known)
		answer(o, "community-diversity", q, true,
		       "elephant factor %u; %u distinct authors in the last 365 days",
		       h->elephant_factor, h->authors_365);
	else if (h->elephant_known)
		answer(o, "community-diversity", q, true,
		       "elephant factor %u; active authors unknown",
		       h->elephant_factor);
	else if (h->authors_known)
		answer(o, "community-diversity", q, true,
		       "%u distinct authors in the last 365 days; elephant factor unknown",
		       h->authors_365);
	else
		answer(o, "community-diversity", q, false, "unknown");
}

static void answer_questions(struct policy_result *o,
			     const struct policy_health *h,
			     const struct policy_component *f)
{
	static const struct policy_health none = POLICY_HEALTH_INIT;
	static const char qa[] = "Are there alternatives?";
	static const char qf[] =
		"Is a security audit feasible (source open under an OSI-approved license)?";

	if (!h)
		h = &none;
	if (h->maturity_known)
		answer(o, "maturity", "How mature is the project?", true,
		       "maturity score %.1f/10", h->maturity);
	else
		answer(o, "maturity", "How mature is the project?", false,
		       "unknown");
	answer_diversity(o, h);
	if (h->alternatives_known)
		answer(o, "alternatives", qa, true, "%u known alternative%s",
		       h->alternatives, h->alternatives == 1 ? "" : "s");
	else
		answer(o, "alternatives", qa, false, "unknown");
	if (h->osi_license == POLICY_YES)
		answer(o, "audit-feasibility", qf, true,
		       "yes: the source is available under an OSI-approved license");
	else if (h->osi_license == POLICY_NO)
		answer(o, "audit-feasibility", qf, true,
		       "doubtful: the license is not OSI-approved");
	else
		answer(o, "audit-feasibility", qf, false, "unknown");
	if (f && f->deployment_context)
		answer(o, "deployment-context",
		       "Is the deployment context sensitive?", true,
		       "declared: %.200s", f->deployment_context);
	else
		answer(o, "deployment-context",
		       "Is the deployment context sensitive?", false,
		       "unknown: not declared (manifest key deployment_context)");
}

void policy_classify(struct policy_result *out, const struct policy_rules *r,
		     const struct policy_profile *profile,
		     const struct policy_component *facts,
		     const struct policy_health *health)
{
	struct cls c = { .out = out, .r = r, .p = profile, .f = facts };
	struct policy_fired *fd;

	memset(out, 0, sizeof(*out));
	out->profile = profile->name;
	c.md = pcre2_match_data_create(1, NULL);
	if (!c.md)
		OH_BUG("pcre2_match_data_create failed");
	classify_sc(&c);
	step_overrides(&c);
	step_entry(
		&c, &r->direct, "direct-collaboration", POLICY_AVOID,
		"no direct collaboration arrangements (political and intelligence risk)");
	step_entry(
		&c, &r->infra, "foundational-infrastructure", POLICY_ACCEPT,
		"foundational infrastructure: ubiquitous and extensively audited");
	step_security(&c);
	step_entry(
		&c, &r->foundation, "neutral-foundation", POLICY_ACCEPT,
		"hosted by a neutral foundation: its governance provides oversight");
	step_concern(&c);
	if (out->decision == POLICY_NONE) {
		fd = fire(
			&c, "default", profile->default_decision,
			"no origin rule applies: evaluated on technical merit");
		if (facts->origin)
			fact(fd, "origin=%s", facts->origin);
		else
			fact(fd, "origin not declared");
	}
	evidence_orgs(&c);
	evidence_tz(&c);
	if (c.limit_hit)
		finding(&c,
			"a rules pattern hit the PCRE2 match limit and was treated as not matching");
	if (out->decision == POLICY_EVALUATE)
		answer_questions(out, health, facts);
	pcre2_match_data_free(c.md);
}
