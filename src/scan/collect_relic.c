/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Relicensing-risk evidence of one component (health/relicense.h): CLA
 * files and wording in the contribution guides and CI workflows, the
 * copyright holders named in the heads of a sample of source files, and
 * the license history the license pass recorded.
 *
 * Cost: at most RELIC_SAMPLE source files are read, RELIC_HEAD bytes of
 * each (files up to RELIC_MAX_FILE bytes), spread evenly over the sorted
 * tree so that every part of a large repository is represented; at most
 * RELIC_GUIDES contribution guides of RELIC_GUIDE_MAX bytes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/buf.h"
#include "core/err.h"
#include "core/xalloc.h"
#include "git/tree.h"
#include "health/health.h"
#include "health/relicense.h"
#include "scan/scan_int.h"
#include "core/banned.h"

#define RELIC_SAMPLE    400
#define RELIC_HEAD      4096
#define RELIC_MAX_FILE  (1u << 20)
#define RELIC_GUIDES    8
#define RELIC_GUIDE_MAX (256u * 1024)

static bool is_source(const char *path)
{
	static const char *const ext[] = {
		".c",  ".h",    ".cc",    ".cpp",   ".hpp", ".cxx", ".go",
		".rs", ".java", ".py",    ".js",    ".ts",  ".rb",  ".php",
		".cs", ".kt",   ".swift", ".scala", ".pl",  ".sh",  ".m",
		".mm", ".lua",  ".tcl",   ".ex",    ".erl", ".hs",  ".zig",
	};
	const char *dot = strrchr(path, '.');

	if (!dot || strchr(dot, '/'))
		return false;
	for (size_t i = 0; i < sizeof(ext) / sizeof(ext[0]); i++)
		if (strcasecmp(dot, ext[i]) == 0)
			return true;
	return false;
}

static bool is_guide(const char *path)
{
	const char *b = strrchr(path, '/');
	size_t depth = 0;

	for (const char *p = path; *p != '\0'; p++)
		depth += *p == '/';
	b = b ? b + 1 : path;
	return depth <= 1 && (strncasecmp(b, "contributing", 12) == 0 ||
			      strncasecmp(b, "contributors", 12) == 0 ||
			      strncasecmp(b, "hacking", 7) == 0);
}

static void set_cla(struct scan_item *it, struct health_relicensing *x,
		    const char *path, const char *what, bool assignment)
{
	char line[256];

	if (x->cla && (x->assignment || !assignment))
		return;
	snprintf(line, sizeof(line), "%s: %s", path, what);
	x->cla = oh_arena_strdup(&it->arena, line);
	x->assignment = assignment;
}

static void guides(struct scan_item *it, struct health_relicensing *x,
		   struct mirror_repo *repo, const struct tree_files *t,
		   const struct health_input *in)
{
	size_t read = 0;
	bool assign;
	const char *what;

	for (size_t i = 0; i < t->file_nr; i++) {
		const struct tree_file *f = &t->file[i];
		struct oh_buf b = OH_BUF_INIT;
		struct oh_err err = OH_ERR_INIT;

		what = health_cla_path(f->path);
		if (what)
			set_cla(it, x, f->path, what, false);
		if (!is_guide(f->path) || read >= RELIC_GUIDES)
			continue;
		read++;
		if (tree_blob_read(&b, repo, f->blob_id, RELIC_GUIDE_MAX,
				   &err) == 0) {
			what = health_cla_text(b.buf, &assign);
			if (what)
				set_cla(it, x, f->path, what, assign);
		}
		oh_buf_release(&b);
		oh_err_release(&err);
	}
	for (size_t i = 0; i < in->ci_text_nr; i++) {
		what = health_cla_text(in->ci_text[i].text, &assign);
		if (what)
			set_cla(it, x, in->ci_text[i].path, what, assign);
	}
}

/*
 * The key of the holders kept per blob (scan_blobs_holder_get()): a
 * digest the Makefile takes of what decides a holder (this file and
 * health/relicense.*), so that a changed reader never serves old ones.
 */
#ifndef RELIC_DIGEST
#error "RELIC_DIGEST is set by the Makefile"
#endif
#define RELIC_ENGINE "relicensing-holder " RELIC_DIGEST

static void sample(struct health_holders *hh, struct scan_blobs *cache,
		   struct mirror_repo *repo, const struct tree_files *t)
{
	char holder[HEALTH_HOLDER_MAX];
	size_t nsrc = 0, step, k = 0;

	for (size_t i = 0; i < t->file_nr; i++)
		nsrc += is_source(t->file[i].path) && !t->file[i].binary;
	step = nsrc > RELIC_SAMPLE ? nsrc / RELIC_SAMPLE : 1;
	for (size_t i = 0; i < t->file_nr && hh->sampled < RELIC_SAMPLE; i++) {
		const struct tree_file *f = &t->file[i];
		struct oh_buf b = OH_BUF_INIT;
		struct oh_err err = OH_ERR_INIT;
		bool found;

		if (!is_source(f->path) || f->binary ||
		    f->size > RELIC_MAX_FILE || k++ % step != 0)
			continue;
		/* a blob the repository lacks is not read, cached or not */
		if (!f->missing &&
		    scan_blobs_holder_get(cache, RELIC_ENGINE, f->blob_id,
					  holder, sizeof(holder),
					  &found) == 1) {
			health_holders_add(hh, found ? holder : NULL);
		} else if (tree_blob_read(&b, repo, f->blob_id, RELIC_MAX_FILE,
					  &err) == 0) {
			found = health_copyright_holder(
				holder, sizeof(holder), b.buf,
				b.len < RELIC_HEAD ? b.len : RELIC_HEAD);
			health_holders_add(hh, found ? holder : NULL);
			scan_blobs_holder_put(cache, RELIC_ENGINE, f->blob_id,
					      found ? holder : NULL);
		}
		oh_buf_release(&b);
		oh_err_release(&err);
	}
}

static void holders(struct scan_item *it, struct health_relicensing *x,
		    struct mirror_repo *repo, const struct tree_files *t)
{
	struct health_holders *hh = oh_xcalloc(1, sizeof(*hh)); /* 18 KiB */
	int top;

	sample(hh, it->blobs, repo, t);
	top = health_holders_top(hh);
	x->sampled = hh->sampled;
	x->noticed = hh->noticed;
	x->holders = hh->nr + (hh->other > 0 ? 1 : 0);
	if (top >= 0) {
		x->top_holder = oh_arena_strdup(&it->arena, hh->name[top]);
		x->top_files = hh->files[top];
	}
	free(hh);
}

/* The license history, as the license pass recorded it (findings). */
static void history(struct scan_item *it, struct health_relicensing *x,
		    const struct health_input *in)
{
	if (in->license.osi_class &&
	    strcmp(in->license.osi_class, "source-available") == 0)
		x->source_available = true;
	for (size_t i = 0; i < it->finding_nr; i++) {
		const struct scan_finding *f = &it->finding[i];

		if (strcmp(f->code, "license/changed") != 0)
			continue;
		x->relicensed = true;
		x->relicensed_note = f->message;
		if (strstr(f->message, "non-OSI") ||
		    strstr(f->message, "source-available"))
			x->source_available = true;
	}
}

void scan_collect_relicensing(struct scan_item *it, struct health_input *in,
			      struct mirror_repo *repo,
			      const struct tree_files *t)
{
	struct health_relicensing *x = &in->relicensing;

	memset(x, 0, sizeof(*x));
	if (!t)
		return;
	x->known = true;
	guides(it, x, repo, t, in);
	holders(it, x, repo, t);
	history(it, x, in);
	scan_item_fact(
		it, "relicensing.copyright",
		"%s in %zu of %zu files with a notice; %zu holders; %zu files read",
		x->top_holder ? x->top_holder : "none", x->top_files,
		x->noticed, x->holders, x->sampled);
	scan_item_fact(it, "relicensing.cla", "%s", x->cla ? x->cla : "none");
}
