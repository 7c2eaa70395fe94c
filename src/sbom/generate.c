/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Source facts -> SPDX 2.3 document (see generate.h for what is written).
 */
#include "sbom/generate.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/err.h"
#include "core/timeutil.h"
#include "core/xalloc.h"
#include "sbom/model.h"
#include "sbom/source.h"
#include "core/banned.h"

#define NOASSERTION "NOASSERTION"

struct gen {
	struct sbom_doc *d;
	const struct sbom_source *src;
	const char **refs; /* LicenseRef- ids used, in first-use order */
	size_t nrefs, refs_alloc;
};

static const char *dup(struct gen *g, const char *s)
{
	return oh_arena_strdup(&g->d->arena, s);
}

static const char *dupf(struct gen *g, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static const char *dupf(struct gen *g, const char *fmt, ...)
{
	struct oh_buf b = OH_BUF_INIT;
	const char *s;
	va_list ap;

	va_start(ap, fmt);
	oh_buf_vaddf(&b, fmt, ap);
	va_end(ap);
	s = oh_arena_strndup(&g->d->arena, b.buf, b.len);
	oh_buf_release(&b);
	return s;
}

/* SPDX ids allow letters, digits, '.' and '-'. */
static void id_chars(struct oh_buf *b, const char *s)
{
	for (; *s != '\0'; s++) {
		char c = *s;
		bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
			  (c >= '0' && c <= '9') || c == '.' || c == '-';

		oh_buf_addch(b, ok ? c : '-');
	}
}

/* Remember every LicenseRef- of an expression (not DocumentRef-x:...). */
static void note_refs(struct gen *g, const char *expr)
{
	const char *p = expr;

	while (expr && (p = strstr(p, "LicenseRef-")) != NULL) {
		const char *e = p + 11;
		const char *id;
		bool seen = false;

		while ((*e >= 'a' && *e <= 'z') || (*e >= 'A' && *e <= 'Z') ||
		       (*e >= '0' && *e <= '9') || *e == '.' || *e == '-')
			e++;
		if (p > expr && p[-1] == ':') {
			p = e;
			continue;
		}
		id = oh_arena_strndup(&g->d->arena, p, (size_t)(e - p));
		for (size_t i = 0; i < g->nrefs && !seen; i++)
			seen = strcmp(g->refs[i], id) == 0;
		if (!seen) {
			OH_GROW(g->refs, g->refs_alloc, g->nrefs + 1);
			g->refs[g->nrefs++] = id;
		}
		p = e;
	}
}

static bool word_is(const char *s, const char *e, const char *w)
{
	return (size_t)(e - s) == strlen(w) &&
	       memcmp(s, w, (size_t)(e - s)) == 0;
}

/* The ids of a matcher expression as licenseInfoInFiles (at most 16). */
static void license_words(struct gen *g, struct sbom_file *out, const char *e)
{
	size_t n = 0;

	out->license_info =
		oh_arena_alloc(&g->d->arena, 16 * sizeof(const char *));
	while (*e != '\0' && n < 16) {
		const char *s = e;

		while (*e != '\0' && *e != ' ' && *e != '(' && *e != ')')
			e++;
		if (e > s && !word_is(s, e, "AND") && !word_is(s, e, "OR") &&
		    !word_is(s, e, "WITH"))
			out->license_info[n++] = oh_arena_strndup(
				&g->d->arena, s, (size_t)(e - s));
		while (*e == ' ' || *e == '(' || *e == ')')
			e++;
	}
	out->nlicense_info = n;
}

static const char **list1(struct gen *g, const char *s)
{
	const char **v = oh_arena_alloc(&g->d->arena, sizeof(*v));

	v[0] = s;
	return v;
}

static struct sbom_checksum *checksums(struct gen *g,
				       const struct sbom_source_file *f)
{
	struct sbom_checksum *c = oh_arena_alloc(&g->d->arena, 2 * sizeof(*c));

	c[0].algorithm = "SHA1";
	c[0].value = dup(g, f->sha1);
	c[1].algorithm = "SHA256";
	c[1].value = dup(g, f->sha256);
	return c;
}

static void file(struct gen *g, struct sbom_file *out,
		 const struct sbom_source_file *f, size_t idx)
{
	out->spdxid = dupf(g, "SPDXRef-File-%zu", idx + 1);
	out->name = dupf(g, "./%s", f->path);
	out->checksum = checksums(g, f);
	out->nchecksum = 2;
	if (f->license && f->license_valid) {
		out->license_concluded = dup(g, f->license);
		note_refs(g, f->license);
	} else {
		out->license_concluded = NOASSERTION;
	}
	if (f->text_license && f->nids == 0) {
		/* a license text: what it holds, as the matcher named it */
		license_words(g, out, f->text_license);
	} else if (f->nids > 0) {
		out->license_info = oh_arena_alloc(
			&g->d->arena, f->nids * sizeof(*out->license_info));
		for (size_t i = 0; i < f->nids; i++) {
			out->license_info[i] = dup(g, f->ids[i]);
			note_refs(g, f->ids[i]);
		}
		out->nlicense_info = f->nids;
	} else {
		out->license_info =
			list1(g, f->read && !f->tag ? "NONE" : NOASSERTION);
		out->nlicense_info = 1;
	}
	if (f->tag && !f->tag_valid)
		out->license_comments = dupf(
			g, "SPDX tag is not a valid expression: %s", f->tag);
	out->copyright = NOASSERTION;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/*
 * Distinct licenses of all files' licenseInfoInFiles (tags and license
 * texts), sorted: what the package's files say, so a LICENSE file with
 * MIT makes MIT part of it.  NOASSERTION when files were not read.
 */
static void info_from_files(struct gen *g, struct sbom_package *p)
{
	const struct sbom_doc *d = g->d;
	const char **v = NULL;
	size_t n = 0, alloc = 0;
	bool unread = false;

	for (size_t i = 0; i < d->nfile; i++)
		for (size_t k = 0; k < d->file[i].nlicense_info; k++) {
			const char *id = d->file[i].license_info[k];

			unread |= strcmp(id, NOASSERTION) == 0;
			if (strcmp(id, "NONE") == 0 ||
			    strcmp(id, NOASSERTION) == 0)
				continue;
			OH_GROW(v, alloc, n + 1);
			v[n++] = id;
		}
	if (n > 0)
		qsort(v, n, sizeof(*v), cmp_str);
	p->license_info_from_files =
		oh_arena_alloc(&g->d->arena, (n + 1) * sizeof(const char *));
	for (size_t i = 0; i < n; i++)
		if (i == 0 || strcmp(v[i], v[i - 1]) != 0)
			p->license_info_from_files
				[p->nlicense_info_from_files++] = dup(g, v[i]);
	if (p->nlicense_info_from_files == 0)
		p->license_info_from_files[p->nlicense_info_from_files++] =
			unread ? NOASSERTION : "NONE";
	free(v);
}

/* "git@host:o/r.git" -> "ssh://git@host/o/r.git"; others unchanged */
static void vcs_url(struct oh_buf *b, const char *url)
{
	const char *colon = strchr(url, ':');
	const char *slash = strchr(url, '/');

	if (url[0] == '/') {
		oh_buf_addf(b, "file://%s", url);
		return;
	}
	if (!strstr(url, "://") && colon && (!slash || colon < slash)) {
		oh_buf_adds(b, "ssh://");
		oh_buf_add(b, url, (size_t)(colon - url));
		oh_buf_addch(b, '/');
		oh_buf_adds(b, colon + 1);
		return;
	}
	oh_buf_adds(b, url);
}

/* The path after a known forge host in url, and the purl type. */
static const char *forge_path(const char *url, const char **type)
{
	static const struct {
		const char *host, *type;
	} hosts[] = {
		/* registered purl types only ("gitlab" is a candidate) */
		{ "github.com/", "github" },
		{ "bitbucket.org/", "bitbucket" },
	};
	const char *at = strchr(url, '@');

	for (size_t i = 0; i < sizeof(hosts) / sizeof(hosts[0]); i++) {
		const char *h = strstr(url, hosts[i].host);
		size_t hl = strlen(hosts[i].host) - 1; /* without '/' */

		*type = hosts[i].type;
		if (h && (h == url || h[-1] == '/' || h[-1] == '@'))
			return h + hl + 1;
		if (at && !strstr(url, "://") &&
		    strncmp(at + 1, hosts[i].host, hl) == 0 &&
		    at[1 + hl] == ':')
			return at + 2 + hl; /* "git@github.com:o/r.git" */
	}
	return NULL;
}

/* Exactly "owner/name" in the n bytes at p. */
static bool owner_name(const char *p, size_t n)
{
	const char *sl = memchr(p, '/', n);

	return sl && sl != p && sl + 1 != p + n &&
	       !memchr(sl + 1, '/', (size_t)(p + n - sl - 1));
}

static void purl_escape(struct oh_buf *b, const char *v)
{
	for (; *v != '\0'; v++) {
		if ((*v >= 'a' && *v <= 'z') || (*v >= 'A' && *v <= 'Z') ||
		    (*v >= '0' && *v <= '9') || strchr(".-_~", *v))
			oh_buf_addch(b, *v);
		else
			oh_buf_addf(b, "%%%02X", (unsigned char)*v);
	}
}

int sbom_purl_for(char *out, size_t size, const char *url, const char *version)
{
	struct oh_buf b = OH_BUF_INIT;
	const char *p, *type = NULL;
	size_t n;
	int rc = -1;

	p = forge_path(url, &type);
	if (!p)
		return -1;
	n = strlen(p);
	while (n > 0 && p[n - 1] == '/')
		n--;
	if (n > 4 && memcmp(p + n - 4, ".git", 4) == 0)
		n -= 4;
	if (!owner_name(p, n))
		return -1;
	oh_buf_addf(&b, "pkg:%s/", type);
	for (size_t i = 0; i < n; i++)
		oh_buf_addch(&b, p[i] >= 'A' && p[i] <= 'Z' ? p[i] + 32 : p[i]);
	if (version) {
		oh_buf_addch(&b, '@');
		purl_escape(&b, version);
	}
	if (b.len < size) {
		memcpy(out, b.buf, b.len + 1);
		rc = 0;
	}
	oh_buf_release(&b);
	return rc;
}

static void package_ids(struct gen *g, struct sbom_package *p,
			const char *version)
{
	const struct sbom_source *s = g->src;
	char purl[1024];

	if (s->git && s->remote) {
		struct oh_buf b = OH_BUF_INIT;

		oh_buf_adds(&b, "git+");
		vcs_url(&b, s->remote);
		oh_buf_addf(&b, "@%s", s->commit);
		p->download_location = dup(g, b.buf);
		oh_buf_release(&b);
	} else {
		p->download_location = NOASSERTION;
	}
	if (s->git && s->remote &&
	    sbom_purl_for(purl, sizeof(purl), s->remote, version) == 0) {
		p->extref = oh_arena_alloc(&g->d->arena, sizeof(*p->extref));
		p->extref[0].category = "PACKAGE-MANAGER";
		p->extref[0].type = "purl";
		p->extref[0].locator = dup(g, purl);
		p->nextref = 1;
	}
}

static void package(struct gen *g, struct sbom_package *p,
		    const struct sbom_gen_opts *o)
{
	const struct sbom_source *s = g->src;
	const char *name = o->name ? o->name : s->name;
	const char *version = s->ntags ? s->tags[0] : s->describe;
	struct oh_buf b = OH_BUF_INIT;

	oh_buf_adds(&b, "SPDXRef-Package-");
	id_chars(&b, name);
	p->spdxid = dup(g, b.buf);
	oh_buf_release(&b);
	p->name = dup(g, name);
	p->version = version ? dup(g, version) : NULL;
	p->supplier = o->supplier ? dup(g, o->supplier) : NOASSERTION;
	/* purl-spec: a purl version is a tag or a commit, not describe */
	package_ids(g, p, s->ntags ? s->tags[0] : (s->git ? s->commit : NULL));
	p->files_analyzed = 1;
	p->verif_code = dup(g, s->verif_code);
	p->license_concluded = dup(g, s->concluded);
	note_refs(g, s->concluded);
	p->license_declared = s->declared ? dup(g, s->declared) : NOASSERTION;
	note_refs(g, s->declared);
	p->copyright = NOASSERTION;
	p->primary_purpose = "SOURCE";
	if (s->git)
		p->comment = dupf(g, "Source tree of commit %s", s->commit);
}

/* LICENSES/<ref>.txt (or any extension, or none) of the tree. */
static const char *ref_text(const struct sbom_source *s, const char *ref)
{
	size_t n = strlen(ref);

	for (size_t i = 0; i < s->file_nr; i++) {
		const char *p = s->file[i].path;

		if (strncmp(p, "LICENSES/", 9) == 0 &&
		    strncmp(p + 9, ref, n) == 0 &&
		    (p[9 + n] == '\0' ||
		     (p[9 + n] == '.' && !strchr(p + 9 + n, '/'))) &&
		    s->file[i].text)
			return s->file[i].text;
	}
	return NULL;
}

static void extracted(struct gen *g)
{
	struct sbom_doc *d = g->d;

	if (g->nrefs == 0)
		return;
	d->extracted =
		oh_arena_alloc(&d->arena, g->nrefs * sizeof(*d->extracted));
	for (size_t i = 0; i < g->nrefs; i++) {
		const char *t = ref_text(g->src, g->refs[i]);

		d->extracted[i].license_id = g->refs[i];
		d->extracted[i].name = g->refs[i];
		d->extracted[i].text =
			t && *t ? dup(g, t)
				: dupf(g,
				       "The text of %s was not found in the source tree (no LICENSES/%s file).",
				       g->refs[i], g->refs[i]);
	}
	d->nextracted = g->nrefs;
}

static void relationships(struct gen *g)
{
	struct sbom_doc *d = g->d;
	const char *pkg = d->pkg[0].spdxid;

	d->rel = oh_arena_alloc(&d->arena, (d->nfile + 1) * sizeof(*d->rel));
	d->rel[0].element = "SPDXRef-DOCUMENT";
	d->rel[0].type = "DESCRIBES";
	d->rel[0].related = pkg;
	for (size_t i = 0; i < d->nfile; i++) {
		d->rel[i + 1].element = pkg;
		d->rel[i + 1].type = "CONTAINS";
		d->rel[i + 1].related = d->file[i].spdxid;
	}
	d->nrel = d->nfile + 1;
}

static void creation(struct gen *g, const struct sbom_gen_opts *o)
{
	struct sbom_doc *d = g->d;
	const struct sbom_source *s = g->src;
	char when[32], compact[32];
	size_t k = 0;

	oh_time_format(when, sizeof(when), o->created);
	for (const char *c = when; *c != '\0'; c++)
		if (*c != '-' && *c != ':')
			compact[k++] = *c;
	compact[k] = '\0';
	d->spdx_version = "SPDX-2.3";
	d->data_license = "CC0-1.0";
	d->spdxid = "SPDXRef-DOCUMENT";
	d->name =
		dupf(g, "%s%s%s", d->pkg[0].name, d->pkg[0].version ? "-" : "",
		     d->pkg[0].version ? d->pkg[0].version : "");
	if (o->namespace_) {
		d->namespace_ = dup(g, o->namespace_);
	} else {
		struct oh_buf b = OH_BUF_INIT;

		oh_buf_adds(&b, "https://spdx.org/spdxdocs/osshealth/");
		id_chars(&b, d->pkg[0].name);
		oh_buf_addf(&b, "/%s/%s", s->git ? s->commit : s->verif_code,
			    compact);
		d->namespace_ = dup(g, b.buf);
		oh_buf_release(&b);
	}
	d->created = dup(g, when);
	d->creators = list1(g, dupf(g, "Tool: %s", o->tool));
	d->ncreators = 1;
	d->license_list_version = o->license_list_version
					  ? dup(g, o->license_list_version)
					  : NULL;
}

const char *sbom_license_list_version(const char *list_version)
{
	static const char prefix[] = "spdx-license-list-data-";
	const char *v;
	size_t major, minor;

	if (!list_version ||
	    strncmp(list_version, prefix, sizeof(prefix) - 1) != 0)
		return NULL;
	v = list_version + sizeof(prefix) - 1;
	major = strspn(v, "0123456789");
	if (major == 0 || v[major] != '.')
		return NULL;
	minor = strspn(v + major + 1, "0123456789");
	return minor > 0 && v[major + 1 + minor] == '\0' ? v : NULL;
}

int sbom_generate(struct sbom_doc **out, const struct sbom_source *src,
		  const struct sbom_gen_opts *opts, struct oh_err *err)
{
	struct gen g = { .d = sbom_doc_new(), .src = src };
	struct sbom_doc *d = g.d;

	(void)err;
	d->format = SBOM_FORMAT_JSON;
	d->pkg = oh_arena_alloc(&d->arena, sizeof(*d->pkg));
	d->npkg = 1;
	package(&g, &d->pkg[0], opts);
	d->file = oh_arena_alloc(&d->arena,
				 (src->file_nr + 1) * sizeof(*d->file));
	for (size_t i = 0; i < src->file_nr; i++)
		file(&g, &d->file[i], &src->file[i], i);
	d->nfile = src->file_nr;
	info_from_files(&g, &d->pkg[0]);
	relationships(&g);
	extracted(&g);
	creation(&g, opts);
	free(g.refs);
	*out = d;
	return 0;
}
