/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * SBOM against source (see verify.h for the checks).
 */
#include "sbom/verify.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/buf.h"
#include "core/err.h"
#include "core/xalloc.h"
#include "core/url.h"
#include "sbom/model.h"
#include "sbom/source.h"
#include "core/banned.h"

struct vctx {
	struct sbom_verify_report *r;
	const struct sbom_doc *d;
	const struct sbom_source *s;
	const struct sbom_package *p;
};

static void add(struct vctx *c, bool mismatch, const char *code,
		const char *element, const char *what, const char *sbom,
		const char *source)
{
	struct sbom_verify_report *r = c->r;
	struct sbom_vfinding *f;

	if (mismatch)
		r->mismatches++;
	else
		r->notes++;
	if (r->nf >= SBOM_VERIFY_MAX) {
		r->more++;
		return;
	}
	OH_GROW(r->f, r->alloc, r->nf + 1);
	f = &r->f[r->nf++];
	f->mismatch = mismatch;
	f->code = code;
	f->element = oh_arena_strdup(&r->arena, element ? element : "document");
	f->what = oh_arena_strdup(&r->arena, what);
	f->sbom = sbom ? oh_arena_strdup(&r->arena, sbom) : NULL;
	f->source = source ? oh_arena_strdup(&r->arena, source) : NULL;
}

static bool is_noassert(const char *v)
{
	return !v || strcmp(v, "NOASSERTION") == 0;
}

/* ---- license id sets --------------------------------------------------- */

struct idset {
	char *v[64];
	size_t n;
};

static bool id_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '+' ||
	       c == ':';
}

/* The ids of an expression (operators, parentheses and WITH aside). */
static void ids_of(struct idset *set, const char *e)
{
	while (e && *e != '\0') {
		const char *s = e;
		char *w;
		bool seen = false;

		if (!id_char(*e)) {
			e++;
			continue;
		}
		while (id_char(*e))
			e++;
		w = oh_xstrndup(s, (size_t)(e - s));
		if (strcmp(w, "AND") == 0 || strcmp(w, "OR") == 0 ||
		    strcmp(w, "WITH") == 0 || strcasecmp(w, "and") == 0 ||
		    strcasecmp(w, "or") == 0 || strcasecmp(w, "with") == 0) {
			free(w);
			continue;
		}
		for (size_t i = 0; i < set->n && !seen; i++)
			seen = strcasecmp(set->v[i], w) == 0;
		if (seen || set->n == sizeof(set->v) / sizeof(set->v[0]))
			free(w);
		else
			set->v[set->n++] = w;
	}
}

static void ids_free(struct idset *set)
{
	for (size_t i = 0; i < set->n; i++)
		free(set->v[i]);
	set->n = 0;
}

static bool same_ids(const char *a, const char *b)
{
	struct idset x = { .n = 0 }, y = { .n = 0 };
	bool same;

	ids_of(&x, a);
	ids_of(&y, b);
	same = x.n == y.n;
	for (size_t i = 0; i < x.n && same; i++) {
		bool found = false;

		for (size_t k = 0; k < y.n && !found; k++)
			found = strcasecmp(x.v[i], y.v[k]) == 0;
		same = found;
	}
	ids_free(&x);
	ids_free(&y);
	return same;
}

/* ---- which package, which files ----------------------------------------- */

static const struct sbom_package *find_pkg(const struct sbom_doc *d,
					   const char *id)
{
	for (size_t i = 0; i < d->npkg; i++)
		if (d->pkg[i].spdxid && strcmp(d->pkg[i].spdxid, id) == 0)
			return &d->pkg[i];
	return NULL;
}

static const struct sbom_package *described(const struct sbom_doc *d)
{
	const struct sbom_package *p;

	for (size_t i = 0; i < d->ndescribes; i++)
		if ((p = find_pkg(d, d->describes[i])) != NULL)
			return p;
	for (size_t i = 0; i < d->nrel; i++) {
		const struct sbom_relationship *r = &d->rel[i];

		if (r->element && r->type && r->related &&
		    strcmp(r->element, "SPDXRef-DOCUMENT") == 0 &&
		    strcmp(r->type, "DESCRIBES") == 0 &&
		    (p = find_pkg(d, r->related)) != NULL)
			return p;
	}
	return d->npkg == 1 ? &d->pkg[0] : NULL;
}

static bool in_package(const struct vctx *c, const struct sbom_file *f,
		       bool any_link)
{
	const char *pid = c->p->spdxid;

	if (!any_link)
		return true; /* nothing says which files: all of them */
	for (size_t i = 0; i < c->p->nhas_files; i++)
		if (f->spdxid && strcmp(c->p->has_files[i], f->spdxid) == 0)
			return true;
	for (size_t i = 0; i < c->d->nrel; i++) {
		const struct sbom_relationship *r = &c->d->rel[i];

		if (!r->element || !r->type || !r->related || !f->spdxid)
			continue;
		if ((strcmp(r->type, "CONTAINS") == 0 &&
		     strcmp(r->element, pid) == 0 &&
		     strcmp(r->related, f->spdxid) == 0) ||
		    (strcmp(r->type, "CONTAINED_BY") == 0 &&
		     strcmp(r->related, pid) == 0 &&
		     strcmp(r->element, f->spdxid) == 0))
			return true;
	}
	return false;
}

static bool any_file_link(const struct vctx *c)
{
	if (c->p->nhas_files > 0)
		return true;
	for (size_t i = 0; i < c->d->nrel; i++) {
		const char *t = c->d->rel[i].type;

		if (t && (strcmp(t, "CONTAINS") == 0 ||
			  strcmp(t, "CONTAINED_BY") == 0))
			return true;
	}
	return false;
}

/* ---- the checks ------------------------------------------------------- */

static void file_checksums(struct vctx *c, const struct sbom_file *f,
			   const struct sbom_source_file *sf)
{
	struct oh_buf w = OH_BUF_INIT;
	bool checked = false;

	for (size_t k = 0; k < f->nchecksum; k++) {
		const struct sbom_checksum *ck = &f->checksum[k];
		const char *want = NULL;

		if (!ck->algorithm || !ck->value)
			continue;
		if (strcmp(ck->algorithm, "SHA1") == 0)
			want = sf->sha1;
		else if (strcmp(ck->algorithm, "SHA256") == 0)
			want = sf->sha256;
		if (!want)
			continue;
		checked = true;
		if (strcasecmp(ck->value, want) == 0) {
			c->r->checksums_ok++;
			continue;
		}
		oh_buf_reset(&w);
		oh_buf_addf(&w, "%s %s", f->name, ck->algorithm);
		add(c, true, "file-checksum", f->spdxid, w.buf, ck->value,
		    want);
	}
	if (!checked) {
		oh_buf_reset(&w);
		oh_buf_addf(&w, "%s checksums", f->name);
		add(c, false, "file-checksum", f->spdxid, w.buf,
		    "no SHA1 or SHA256", NULL);
	}
	oh_buf_release(&w);
}

static void file_license(struct vctx *c, const struct sbom_file *f,
			 const struct sbom_source_file *sf)
{
	struct oh_buf have = OH_BUF_INIT, w = OH_BUF_INIT;
	bool none = false, noassert = f->nlicense_info == 0;
	const char *truth;

	for (size_t k = 0; k < f->nlicense_info; k++) {
		const char *v = f->license_info[k];

		if (strcmp(v, "NOASSERTION") == 0)
			noassert = true;
		else if (strcmp(v, "NONE") == 0)
			none = true;
		else
			oh_buf_addf(&have, "%s%s", have.len ? " AND " : "", v);
	}
	if (noassert || !sf->read)
		goto out;
	oh_buf_addf(&w, "%s licenseInfoInFiles", f->name);
	/* the file's tags, or for a license text what it holds */
	truth = sf->tag ? sf->tag : sf->text_license;
	if (none && have.len == 0) {
		if (truth)
			add(c, true, "file-license", f->spdxid, w.buf, "NONE",
			    truth);
	} else if (!truth) {
		add(c, true, "file-license", f->spdxid, w.buf, have.buf,
		    "no SPDX tag in the file");
	} else if (!same_ids(have.buf, truth)) {
		add(c, true, "file-license", f->spdxid, w.buf, have.buf, truth);
	}
out:
	oh_buf_release(&have);
	oh_buf_release(&w);
}

static int cmp_path(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static bool excluded(const struct sbom_package *p, const char *path)
{
	for (size_t i = 0; i < p->nverif_excluded; i++) {
		const char *e = p->verif_excluded[i];

		if (strncmp(e, "./", 2) == 0)
			e += 2;
		if (strcmp(e, path) == 0)
			return true;
	}
	return false;
}

static void files(struct vctx *c)
{
	bool link = any_file_link(c);
	const char **listed = NULL;
	size_t nlisted = 0, alloc = 0;

	for (size_t i = 0; i < c->d->nfile; i++) {
		const struct sbom_file *f = &c->d->file[i];
		const struct sbom_source_file *sf;
		const char *n;

		if (!f->name || !in_package(c, f, link))
			continue;
		n = strncmp(f->name, "./", 2) == 0 ? f->name + 2 : f->name;
		OH_GROW(listed, alloc, nlisted + 1);
		listed[nlisted++] = n;
		sf = sbom_source_find(c->s, n);
		if (!sf) {
			add(c, true, "file-absent", f->spdxid, f->name,
			    "listed", "not in the source");
			continue;
		}
		c->r->files_checked++;
		file_checksums(c, f, sf);
		file_license(c, f, sf);
	}
	if (nlisted > 0 && c->p->files_analyzed != 0) {
		qsort(listed, nlisted, sizeof(*listed), cmp_path);
		for (size_t i = 0; i < c->s->file_nr; i++) {
			const char *path = c->s->file[i].path;
			struct oh_buf w = OH_BUF_INIT;

			if (bsearch(&path, listed, nlisted, sizeof(*listed),
				    cmp_path) ||
			    excluded(c->p, path))
				continue;
			oh_buf_addf(&w, "./%s", path);
			add(c, true, "file-unlisted", c->p->spdxid, w.buf,
			    "not listed", "in the source");
			oh_buf_release(&w);
		}
	} else if (nlisted == 0) {
		add(c, false, "file-unlisted", c->p->spdxid, "files",
		    "the package lists no files", NULL);
	}
	free(listed);
}

static void verif_code(struct vctx *c)
{
	char code[41];

	if (!c->p->verif_code) {
		if (c->p->files_analyzed != 0)
			add(c, false, "verification-code", c->p->spdxid,
			    "packageVerificationCode", "absent", NULL);
		return;
	}
	sbom_verif_code(code, c->s, c->p->verif_excluded,
			c->p->nverif_excluded);
	if (strcasecmp(code, c->p->verif_code) != 0)
		add(c, true, "verification-code", c->p->spdxid,
		    "packageVerificationCode", c->p->verif_code, code);
}

static void license(struct vctx *c, const char *field, const char *code,
		    const char *sbom, const char *source)
{
	if (is_noassert(sbom)) {
		add(c, false, code, c->p->spdxid, field, sbom ? sbom : "absent",
		    source);
		return;
	}
	if (!source || strcmp(source, "NONE") == 0) {
		if (strcmp(sbom, "NONE") != 0)
			add(c, true, code, c->p->spdxid, field, sbom,
			    "no license found in the source");
		return;
	}
	if (!same_ids(sbom, source))
		add(c, true, code, c->p->spdxid, field, sbom, source);
}

static bool version_is(const char *v, const char *tag)
{
	if (strcmp(v, tag) == 0)
		return true;
	/* "v1.2.0" tag, "1.2.0" version (and the reverse) */
	if ((tag[0] == 'v' || tag[0] == 'V') && strcmp(v, tag + 1) == 0)
		return true;
	return (v[0] == 'v' || v[0] == 'V') && strcmp(v + 1, tag) == 0;
}

static void version(struct vctx *c)
{
	const char *v = c->p->version;
	struct oh_buf b = OH_BUF_INIT;

	if (!c->s->git)
		return;
	if (!v) {
		add(c, false, "version", c->p->spdxid, "versionInfo", "absent",
		    NULL);
		return;
	}
	for (size_t i = 0; i < c->s->ntags; i++)
		if (version_is(v, c->s->tags[i]))
			return;
	if (c->s->describe && version_is(v, c->s->describe))
		return;
	for (size_t i = 0; i < c->s->ntags; i++)
		oh_buf_addf(&b, "%s%s",
			    i ? ", " : "tags at the commit: ", c->s->tags[i]);
	if (c->s->ntags == 0)
		oh_buf_addf(&b, "no tag at the commit; describe: %s",
			    c->s->describe ? c->s->describe : "none");
	add(c, true, "version", c->p->spdxid, "versionInfo", v, b.buf);
	oh_buf_release(&b);
}

static bool hex40_at(const char *s)
{
	size_t i;

	for (i = 0; i < 40; i++)
		if (!((s[i] >= '0' && s[i] <= '9') ||
		      (s[i] >= 'a' && s[i] <= 'f') ||
		      (s[i] >= 'A' && s[i] <= 'F')))
			return false;
	return s[40] == '\0' || s[40] == '#';
}

static void download(struct vctx *c)
{
	const char *dl = c->p->download_location;
	const char *url, *at;
	struct oh_buf u = OH_BUF_INIT, a = OH_BUF_INIT, b = OH_BUF_INIT;
	struct oh_err e = OH_ERR_INIT;

	if (!dl || strcmp(dl, "NOASSERTION") == 0 || strcmp(dl, "NONE") == 0) {
		add(c, false, "download-url", c->p->spdxid, "downloadLocation",
		    dl ? dl : "absent", NULL);
		return;
	}
	url = strncmp(dl, "git+", 4) == 0 ? dl + 4 : dl;
	at = strrchr(url, '@');
	if (at && strchr(at, '/'))
		at = NULL; /* user@host, not @revision */
	if (at && c->s->git && hex40_at(at + 1) &&
	    strncasecmp(at + 1, c->s->commit, 40) != 0)
		add(c, true, "download-commit", c->p->spdxid,
		    "downloadLocation", dl, c->s->commit);
	oh_buf_add(&u, url, at ? (size_t)(at - url) : strlen(url));
	if (!c->s->remote) {
		add(c, false, "download-url", c->p->spdxid, "downloadLocation",
		    dl, "the source has no origin remote");
	} else if (oh_url_normalise(&a, u.buf, &e) == 0 &&
		   oh_url_normalise(&b, c->s->remote, &e) == 0) {
		if (strcmp(a.buf, b.buf) != 0)
			add(c, true, "download-url", c->p->spdxid,
			    "downloadLocation", dl, c->s->remote);
	} else {
		add(c, true, "download-url", c->p->spdxid, "downloadLocation",
		    dl, c->s->remote);
	}
	oh_err_release(&e);
	oh_buf_release(&u);
	oh_buf_release(&a);
	oh_buf_release(&b);
}

int sbom_verify(struct sbom_verify_report *out, const struct sbom_doc *doc,
		const struct sbom_source *src, struct oh_err *err)
{
	struct vctx c = { .r = out, .d = doc, .s = src };

	c.p = described(doc);
	if (!c.p || !c.p->spdxid)
		return oh_err_set(err, OH_EINPUT, NULL, 0, 0,
				  "the document describes no package to verify "
				  "(%zu packages, no DESCRIBES relationship)",
				  doc->npkg);
	out->package = oh_arena_strdup(&out->arena, c.p->spdxid);
	files(&c);
	verif_code(&c);
	license(&c, "licenseDeclared", "license-declared",
		c.p->license_declared, src->declared);
	license(&c, "licenseConcluded", "license-concluded",
		c.p->license_concluded, src->concluded);
	version(&c);
	download(&c);
	return 0;
}

void sbom_verify_release(struct sbom_verify_report *r)
{
	free(r->f);
	oh_arena_release(&r->arena);
	memset(r, 0, sizeof(*r));
}
