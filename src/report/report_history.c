/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * `osshealth history` output: the history facts of one repository in
 * text or JSON.  Identities and tag names are the repository's, so they
 * go through the escaping layer of the sink (report/escape.h for the
 * terminal, oh_json_utf8_fix() for JSON).
 */
#include "report/report_history.h"

#include <stdio.h>

#include <cjson/cJSON.h>

#include "core/buf.h"
#include "core/timeutil.h"
#include "dco/dco.h"
#include "facts/hist.h"
#include "health/activity.h"
#include "report/escape.h"
#include "report/report.h"
#include "core/banned.h"

static const char *const win_name[ACT_NWIN] = { "90d", "365d", "all" };

static void print_tags(FILE *fp, const struct hist *h)
{
	size_t annotated = 0;
	size_t signed_tags = 0;

	for (size_t i = 0; i < h->tag_nr; i++) {
		annotated += h->tag[i].annotated;
		signed_tags += h->tag[i].signed_tag;
	}
	fprintf(fp, "tags: %zu, annotated %zu, signed %zu\n", h->tag_nr,
		annotated, signed_tags);
}

/* The identities left out of the people metrics (evidence). */
static void print_excluded(FILE *fp, const struct act_window_metrics *x)
{
	struct oh_buf b = OH_BUF_INIT;

	if (x->excluded_nr == 0) {
		fprintf(fp, "excluded 365d: none\n");
		return;
	}
	fprintf(fp, "excluded 365d:");
	for (size_t i = 0; i < x->excluded_nr; i++) {
		oh_buf_reset(&b);
		report_esc_text(&b, x->excluded[i].ident);
		fprintf(fp, "%s %s %zu %s", i ? ";" : "", b.buf,
			x->excluded[i].commits,
			x->excluded[i].bot ? "commits (bot)" : "merges");
	}
	if (x->excluded_more)
		fprintf(fp, "; and %zu more", x->excluded_more);
	fprintf(fp, "\n");
	oh_buf_release(&b);
}

static void print_releases(FILE *fp, const struct act_metrics *m)
{
	const struct rel_summary *r = &m->rel;
	struct oh_buf fam = OH_BUF_INIT, ex = OH_BUF_INIT, last = OH_BUF_INIT;
	char date[32];

	if (r->releases == 0) {
		fprintf(fp,
			"releases: none (%zu pre-releases, %zu other tags)\n",
			r->prereleases, r->other + r->foreign);
		return;
	}
	/* tag names are the repository's: escaped for the terminal */
	report_esc_text(&fam, r->family[0] ? r->family : "plain");
	report_esc_text(&ex, r->family_example);
	report_esc_text(&last, r->last_name);
	oh_date_format(date, sizeof(date), r->last);
	fprintf(fp,
		"releases: %zu, pre-releases %zu, scheme '%s' (e.g. %s), "
		"other tags %zu, median interval %.1f days, last %s %.10s "
		"(%lld days ago)\n",
		r->releases, r->prereleases, fam.buf, ex.buf,
		r->other + r->foreign, r->median_interval_days, last.buf, date,
		(long long)r->days_since_last);
	oh_buf_release(&fam);
	oh_buf_release(&ex);
	oh_buf_release(&last);
}

void report_history_text(FILE *fp, const struct hist *h,
			 const struct act_metrics *m, const struct dco_stats *d,
			 size_t walked)
{
	char date[32] = "never";

	if (d->enforced_since != 0)
		oh_date_format(date, sizeof(date), d->enforced_since);
	fprintf(fp, "commits: %zu\n", h->commit_nr);
	if (walked != (size_t)-1)
		fprintf(fp, "walked: %zu new commits\n", walked);
	fprintf(fp,
		"signed-off: %zu/%zu non-merge (%.1f%%), last 365 days "
		"%zu/%zu (%.1f%%)\n",
		d->signed_all, d->nonmerge_all, 100 * d->share_all,
		d->signed_365, d->nonmerge_365, 100 * d->share_365);
	if (d->enforced_since != 0)
		fprintf(fp, "dco enforced since: %s (%zu commits)\n", date,
			d->enforced_commits);
	else
		fprintf(fp, "dco enforced since: never\n");
	for (int w = 0; w < ACT_NWIN; w++) {
		const struct act_window_metrics *x = &m->w[w];
		char ef[32] = "unknown";

		if (x->elephant_known)
			snprintf(ef, sizeof(ef), "%zu", x->elephant_factor);
		fprintf(fp,
			"window %s: commits %zu (previous %zu), authors %zu, "
			"new authors %zu, absence factor %zu, elephant factor "
			"%s, organisations %zu, contributions %zu, merges %zu, "
			"bot commits %zu, attributed %.0f%%\n",
			win_name[w], x->commits, x->prev_commits, x->authors,
			x->new_authors, x->absence_factor, ef, x->organisations,
			x->contributions, x->merges, x->bot_commits,
			x->contributions ? 100.0 * (double)x->attributed /
						   (double)x->contributions
					 : 0.0);
	}
	print_excluded(fp, &m->w[ACT_W365]);
	fprintf(fp, "inactive authors: %zu\n", m->inactive_authors);
	print_releases(fp, m);
	print_tags(fp, h);
	fprintf(fp, "days since last commit: %lld\n",
		(long long)m->days_since_commit);
	for (size_t i = 0; i < ACT_TZ_SLOTS; i++) {
		int t = act_tz_minutes(i);

		if (m->tz[i] > 0)
			fprintf(fp, "tz %c%02d%02d: %zu\n", t < 0 ? '-' : '+',
				(t < 0 ? -t : t) / 60, (t < 0 ? -t : t) % 60,
				m->tz[i]);
	}
}

void report_history_json(FILE *fp, const struct hist *h,
			 const struct act_metrics *m, const struct dco_stats *d,
			 size_t walked)
{
	cJSON *o = cJSON_CreateObject();
	cJSON *ws = cJSON_AddObjectToObject(o, "windows");
	cJSON *ex;

	cJSON_AddNumberToObject(o, "commits", (double)h->commit_nr);
	if (walked != (size_t)-1)
		cJSON_AddNumberToObject(o, "walked", (double)walked);
	cJSON_AddNumberToObject(o, "nonmerge", (double)d->nonmerge_all);
	cJSON_AddNumberToObject(o, "signed_off", (double)d->signed_all);
	cJSON_AddNumberToObject(o, "signed_off_share", d->share_all);
	cJSON_AddNumberToObject(o, "signed_off_share_365", d->share_365);
	cJSON_AddNumberToObject(o, "dco_enforced_since",
				(double)d->enforced_since);
	for (int w = 0; w < ACT_NWIN; w++) {
		const struct act_window_metrics *x = &m->w[w];
		cJSON *j = cJSON_AddObjectToObject(ws, win_name[w]);

		cJSON_AddNumberToObject(j, "commits", (double)x->commits);
		cJSON_AddNumberToObject(j, "previous", (double)x->prev_commits);
		cJSON_AddNumberToObject(j, "trend", x->trend);
		cJSON_AddNumberToObject(j, "authors", (double)x->authors);
		cJSON_AddNumberToObject(j, "new_authors",
					(double)x->new_authors);
		cJSON_AddNumberToObject(j, "absence_factor",
					(double)x->absence_factor);
		if (x->elephant_known)
			cJSON_AddNumberToObject(j, "elephant_factor",
						(double)x->elephant_factor);
		else
			cJSON_AddNullToObject(j, "elephant_factor");
		cJSON_AddNumberToObject(j, "organisations",
					(double)x->organisations);
		cJSON_AddNumberToObject(j, "contributions",
					(double)x->contributions);
		cJSON_AddNumberToObject(j, "merges", (double)x->merges);
		cJSON_AddNumberToObject(j, "bot_commits",
					(double)x->bot_commits);
		cJSON_AddNumberToObject(j, "attributed", (double)x->attributed);
		ex = cJSON_AddArrayToObject(j, "excluded");
		for (size_t i = 0; i < x->excluded_nr; i++) {
			cJSON *e = cJSON_CreateObject();

			cJSON_AddStringToObject(e, "identity",
						x->excluded[i].ident);
			cJSON_AddNumberToObject(e, "commits",
						(double)x->excluded[i].commits);
			cJSON_AddBoolToObject(e, "bot", x->excluded[i].bot);
			cJSON_AddItemToArray(ex, e);
		}
	}
	cJSON_AddNumberToObject(o, "inactive_authors",
				(double)m->inactive_authors);
	cJSON_AddNumberToObject(o, "releases", (double)m->releases);
	cJSON_AddNumberToObject(o, "prereleases", (double)m->rel.prereleases);
	cJSON_AddStringToObject(o, "release_scheme", m->rel.family);
	cJSON_AddNumberToObject(o, "release_interval_days",
				m->release_interval_days);
	if (m->rel.releases > 0) {
		cJSON_AddNumberToObject(o, "days_since_release",
					(double)m->rel.days_since_last);
		cJSON_AddStringToObject(o, "last_release", m->rel.last_name);
	} else {
		cJSON_AddNullToObject(o, "days_since_release");
		cJSON_AddNullToObject(o, "last_release");
	}
	cJSON_AddNumberToObject(o, "days_since_commit",
				(double)m->days_since_commit);
	report_print_json(fp, o);
}

void report_history(FILE *fp, const struct hist *h, const struct act_metrics *m,
		    const struct dco_stats *d, size_t walked,
		    enum report_format fmt)
{
	if (fmt == REPORT_JSON)
		report_history_json(fp, h, m, d, walked);
	else
		report_history_text(fp, h, m, d, walked);
}
