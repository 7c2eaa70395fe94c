/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Document -> SPDX tag-value.  Order: document, extracted licenses,
 * the files no package contains, then each package followed by the files
 * it contains (SPDX 5.2.3: a reader takes a file after a package as
 * contained by it; the CONTAINS relationships are written as well, so
 * readers that ignore 5.2.3 lose nothing), snippets, relationships,
 * annotations; each element's
 * SPDXID right after the tag that opens it (as the reader expects).  A
 * value with a line break, or leading or trailing blanks, is written in
 * <text></text>.  Absent fields are left out.  hasFiles has no tag-value
 * form and is not written (CONTAINS relationships say the same).
 *
 * Tag-value has no escapes, so a value the reader would read differently
 * is refused, never written: a <text> value holding "</text>" (the rest
 * would be read as tags: an injected package), and a word of a structured
 * line (ids, checksums, external references, relationships) holding a
 * blank, a control character or its separator.  Such documents can only
 * be written as SPDX JSON.
 */
#include "sbom/model.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/err.h"
#include "core/xalloc.h"
#include "core/banned.h"

/* The output and the first value that cannot be written. */
struct tvw {
	struct oh_buf *b;
	struct oh_err *err;
	const char *elem; /* SPDX id of the element being written */
};

static void refuse(struct tvw *w, const char *tag, const char *why)
{
	oh_err_set(
		w->err, OH_EINPUT, NULL, 0, 0,
		"'%s' of '%.60s' cannot be written as tag-value: %s; write SPDX JSON instead",
		tag, w->elem ? w->elem : "SPDXRef-DOCUMENT", why);
}

static bool needs_text(const char *v)
{
	size_t n = strlen(v);

	return n == 0 || strchr(v, '\n') || strchr(v, '\r') || v[0] == ' ' ||
	       v[0] == '\t' || v[n - 1] == ' ' || v[n - 1] == '\t' ||
	       strncmp(v, "<text>", 6) == 0;
}

static void put(struct tvw *w, const char *tag, const char *v)
{
	if (!v)
		return;
	if (!needs_text(v))
		oh_buf_addf(w->b, "%s: %s\n", tag, v);
	else if (strstr(v, "</text>"))
		refuse(w, tag, "a multi-line value holds '</text>'");
	else
		oh_buf_addf(w->b, "%s: <text>%s</text>\n", tag, v);
}

/*
 * One word of a structured line: not empty, no blank, no control
 * character and none of `seps` (NULL: none).  Refused otherwise.
 */
static bool word(struct tvw *w, const char *tag, const char *v,
		 const char *seps)
{
	const unsigned char *s = (const unsigned char *)v;
	bool ok = *s != '\0';

	for (; ok && *s != '\0'; s++)
		if (*s <= ' ' || *s == 0x7f ||
		    (seps && strchr(seps, *s) != NULL))
			ok = false;
	if (!ok)
		refuse(w, tag,
		       "a word is empty or holds a blank, a control character or a separator");
	return ok;
}

static void put_list(struct tvw *w, const char *tag, const char *const *v,
		     size_t n)
{
	for (size_t i = 0; i < n; i++)
		put(w, tag, v[i]);
}

static void put_checksums(struct tvw *w, const char *tag,
			  const struct sbom_checksum *c, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (c[i].algorithm && c[i].value &&
		    word(w, tag, c[i].algorithm, ":") &&
		    word(w, tag, c[i].value, NULL))
			oh_buf_addf(w->b, "%s: %s: %s\n", tag, c[i].algorithm,
				    c[i].value);
}

/* "DocumentRef-x URI ALG: hex": four words. */
static bool docref_ok(struct tvw *w, const struct sbom_docref *r)
{
	return word(w, "ExternalDocumentRef", r->id, NULL) &&
	       word(w, "ExternalDocumentRef", r->document, NULL) &&
	       word(w, "ExternalDocumentRef", r->checksum_alg, ":") &&
	       word(w, "ExternalDocumentRef", r->checksum_value, NULL);
}

/* "HEX (excludes: a, b)": names without ',' ')' or line breaks. */
static bool verif_ok(struct tvw *w, const struct sbom_package *p)
{
	if (!word(w, "PackageVerificationCode", p->verif_code, "("))
		return false;
	for (size_t i = 0; i < p->nverif_excluded; i++) {
		const char *f = p->verif_excluded[i];
		size_t n = strlen(f);

		if (n == 0 || strpbrk(f, ",()\n\r") || f[0] == ' ' ||
		    f[n - 1] == ' ') {
			refuse(w, "PackageVerificationCode",
			       "an excluded file name is empty, has blanks around it or holds ',', '(', ')' or a line break");
			return false;
		}
	}
	return true;
}

static void document(struct tvw *w, const struct sbom_doc *d)
{
	put(w, "SPDXVersion", d->spdx_version);
	put(w, "DataLicense", d->data_license);
	put(w, "SPDXID", d->spdxid);
	put(w, "DocumentName", d->name);
	put(w, "DocumentNamespace", d->namespace_);
	put(w, "DocumentComment", d->comment);
	for (size_t i = 0; i < d->ndocref; i++) {
		const struct sbom_docref *r = &d->docref[i];

		if (r->id && r->document && r->checksum_alg &&
		    r->checksum_value && docref_ok(w, r))
			oh_buf_addf(w->b, "ExternalDocumentRef: %s %s %s: %s\n",
				    r->id, r->document, r->checksum_alg,
				    r->checksum_value);
	}
	put(w, "LicenseListVersion", d->license_list_version);
	put_list(w, "Creator", d->creators, d->ncreators);
	put(w, "Created", d->created);
	put(w, "CreatorComment", d->creator_comment);
}

static void package(struct tvw *w, const struct sbom_package *p)
{
	w->elem = p->spdxid;
	oh_buf_addch(w->b, '\n');
	put(w, "PackageName", p->name ? p->name : "");
	put(w, "SPDXID", p->spdxid);
	put(w, "PackageVersion", p->version);
	put(w, "PackageFileName", p->file_name);
	put(w, "PackageSupplier", p->supplier);
	put(w, "PackageOriginator", p->originator);
	put(w, "PackageDownloadLocation", p->download_location);
	if (p->files_analyzed >= 0)
		put(w, "FilesAnalyzed", p->files_analyzed ? "true" : "false");
	if (p->verif_code && verif_ok(w, p)) {
		oh_buf_addf(w->b, "PackageVerificationCode: %s", p->verif_code);
		for (size_t i = 0; i < p->nverif_excluded; i++)
			oh_buf_addf(w->b, "%s%s", i ? ", " : " (excludes: ",
				    p->verif_excluded[i]);
		oh_buf_adds(w->b, p->nverif_excluded ? ")\n" : "\n");
	}
	put_checksums(w, "PackageChecksum", p->checksum, p->nchecksum);
	put(w, "PackageHomePage", p->homepage);
	put(w, "PackageSourceInfo", p->source_info);
	put(w, "PackageLicenseConcluded", p->license_concluded);
	put_list(w, "PackageLicenseInfoFromFiles", p->license_info_from_files,
		 p->nlicense_info_from_files);
	put(w, "PackageLicenseDeclared", p->license_declared);
	put(w, "PackageLicenseComments", p->license_comments);
	put(w, "PackageCopyrightText", p->copyright);
	put(w, "PackageSummary", p->summary);
	put(w, "PackageDescription", p->description);
	put(w, "PackageComment", p->comment);
	for (size_t i = 0; i < p->nextref; i++) {
		const struct sbom_extref *r = &p->extref[i];

		if (r->category && r->type && r->locator &&
		    word(w, "ExternalRef", r->category, NULL) &&
		    word(w, "ExternalRef", r->type, NULL) &&
		    word(w, "ExternalRef", r->locator, NULL))
			oh_buf_addf(w->b, "ExternalRef: %s %s %s\n",
				    r->category, r->type, r->locator);
		put(w, "ExternalRefComment", r->comment);
	}
	put_list(w, "PackageAttributionText", p->attribution, p->nattribution);
	put(w, "PrimaryPackagePurpose", p->primary_purpose);
	put(w, "ReleaseDate", p->release_date);
	put(w, "BuiltDate", p->built_date);
	put(w, "ValidUntilDate", p->valid_until_date);
}

static void file(struct tvw *w, const struct sbom_file *f)
{
	w->elem = f->spdxid;
	oh_buf_addch(w->b, '\n');
	put(w, "FileName", f->name ? f->name : "");
	put(w, "SPDXID", f->spdxid);
	put_list(w, "FileType", f->file_types, f->nfile_types);
	put_checksums(w, "FileChecksum", f->checksum, f->nchecksum);
	put(w, "LicenseConcluded", f->license_concluded);
	put_list(w, "LicenseInfoInFile", f->license_info, f->nlicense_info);
	put(w, "LicenseComments", f->license_comments);
	put(w, "FileCopyrightText", f->copyright);
	put(w, "FileComment", f->comment);
	put(w, "FileNotice", f->notice);
	put_list(w, "FileContributor", f->contributors, f->ncontributors);
}

static void snippet(struct tvw *w, const struct sbom_snippet *s)
{
	w->elem = s->spdxid;
	oh_buf_addch(w->b, '\n');
	put(w, "SnippetSPDXID", s->spdxid ? s->spdxid : "");
	put(w, "SnippetFromFileSPDXID", s->from_file);
	for (size_t i = 0; i < s->nrange; i++) {
		const struct sbom_range *g = &s->range[i];

		if (g->start >= 0 && g->end >= 0)
			oh_buf_addf(w->b, "%s: %lld:%lld\n",
				    g->is_line ? "SnippetLineRange"
					       : "SnippetByteRange",
				    g->start, g->end);
	}
	put(w, "SnippetLicenseConcluded", s->license_concluded);
	put_list(w, "LicenseInfoInSnippet", s->license_info, s->nlicense_info);
	put(w, "SnippetLicenseComments", s->license_comments);
	put(w, "SnippetCopyrightText", s->copyright);
	put(w, "SnippetComment", s->comment);
	put(w, "SnippetName", s->name);
}

/* An id and its element's index, sorted by id for bsearch. */
struct idx {
	const char *id;
	size_t i;
};

static int idx_cmp(const void *a, const void *b)
{
	return strcmp(((const struct idx *)a)->id, ((const struct idx *)b)->id);
}

static struct idx *index_ids(const char *const *ids, size_t n, size_t *nout)
{
	struct idx *x = oh_xcalloc(n + 1, sizeof(*x));

	*nout = 0;
	for (size_t i = 0; i < n; i++)
		if (ids[i]) {
			x[*nout].id = ids[i];
			x[(*nout)++].i = i;
		}
	qsort(x, *nout, sizeof(*x), idx_cmp);
	return x;
}

static size_t find(const struct idx *x, size_t n, const char *id)
{
	struct idx key = { .id = id };
	const struct idx *hit =
		id ? bsearch(&key, x, n, sizeof(*x), idx_cmp) : NULL;

	return hit ? hit->i : (size_t)-1;
}

/* The file's package: the first one that CONTAINS it (or hasFiles). */
static void owners(size_t *owner, const struct sbom_doc *d)
{
	const char **ids = oh_xcalloc(d->npkg + d->nfile + 1, sizeof(*ids));
	struct idx *pk, *fl;
	size_t npk, nfl;

	for (size_t i = 0; i < d->npkg; i++)
		ids[i] = d->pkg[i].spdxid;
	for (size_t i = 0; i < d->nfile; i++)
		ids[d->npkg + i] = d->file[i].spdxid;
	pk = index_ids(ids, d->npkg, &npk);
	fl = index_ids(ids + d->npkg, d->nfile, &nfl);
	for (size_t i = 0; i < d->nfile; i++)
		owner[i] = (size_t)-1;
	for (size_t i = 0; i < d->nrel; i++) {
		const struct sbom_relationship *r = &d->rel[i];
		size_t p, f;

		if (!r->type || strcmp(r->type, "CONTAINS") != 0 ||
		    !r->element || !r->related)
			continue;
		p = find(pk, npk, r->element);
		f = find(fl, nfl, r->related);
		if (p != (size_t)-1 && f != (size_t)-1 && p < owner[f])
			owner[f] = p;
	}
	for (size_t p = 0; p < d->npkg; p++)
		for (size_t k = 0; k < d->pkg[p].nhas_files; k++) {
			size_t f = find(fl, nfl, d->pkg[p].has_files[k]);

			if (f != (size_t)-1 && p < owner[f])
				owner[f] = p;
		}
	free(ids);
	free(pk);
	free(fl);
}

static void packages_and_files(struct tvw *w, const struct sbom_doc *d)
{
	size_t *owner = oh_xcalloc(d->nfile + 1, sizeof(*owner));
	size_t *order = oh_xcalloc(d->nfile + 1, sizeof(*order));
	size_t *start = oh_xcalloc(d->npkg + 2, sizeof(*start));

	owners(owner, d);
	/* counting sort by owner; no owner (-1) first, then package order */
	for (size_t i = 0; i < d->nfile; i++)
		start[owner[i] + 2]++;
	for (size_t p = 1; p <= d->npkg + 1; p++)
		start[p] += start[p - 1];
	for (size_t i = 0; i < d->nfile; i++)
		order[start[owner[i] + 1]++] = i;
	/* start[p + 1] is now the end of package p's files */
	for (size_t k = 0, p = 0; k <= d->npkg; k++) {
		if (k > 0)
			package(w, &d->pkg[k - 1]);
		for (; p < start[k]; p++)
			file(w, &d->file[order[p]]);
	}
	free(owner);
	free(order);
	free(start);
}

int sbom_write_tv(struct oh_buf *out, const struct sbom_doc *d,
		  struct oh_err *err)
{
	struct oh_err mine = OH_ERR_INIT;
	struct tvw tw = { .b = out, .err = err ? err : &mine };
	struct tvw *w = &tw;
	size_t start = out->len;
	int rc;

	document(w, d);
	for (size_t i = 0; i < d->nextracted; i++) {
		const struct sbom_extracted *e = &d->extracted[i];

		w->elem = e->license_id;
		oh_buf_addch(w->b, '\n');
		put(w, "LicenseID", e->license_id ? e->license_id : "");
		put(w, "ExtractedText", e->text);
		put(w, "LicenseName", e->name);
		put_list(w, "LicenseCrossReference", e->see_also, e->nsee_also);
		put(w, "LicenseComment", e->comment);
	}
	packages_and_files(w, d);
	for (size_t i = 0; i < d->nsnippet; i++)
		snippet(w, &d->snippet[i]);
	if (d->nrel)
		oh_buf_addch(w->b, '\n');
	for (size_t i = 0; i < d->nrel; i++) {
		const struct sbom_relationship *r = &d->rel[i];

		w->elem = r->element;
		if (r->element && r->type && r->related &&
		    word(w, "Relationship", r->element, NULL) &&
		    word(w, "Relationship", r->type, NULL) &&
		    word(w, "Relationship", r->related, NULL))
			oh_buf_addf(w->b, "Relationship: %s %s %s\n",
				    r->element, r->type, r->related);
		put(w, "RelationshipComment", r->comment);
	}
	for (size_t i = 0; i < d->nannotation; i++) {
		const struct sbom_annotation *a = &d->annotation[i];

		w->elem = a->about;
		oh_buf_addch(w->b, '\n');
		put(w, "Annotator", a->annotator ? a->annotator : "");
		put(w, "AnnotationDate", a->date);
		put(w, "AnnotationType", a->type);
		put(w, "SPDXREF", a->about);
		put(w, "AnnotationComment", a->comment);
	}
	rc = tw.err->code;
	if (rc < 0)
		oh_buf_setlen(out, start);
	oh_err_release(&mine);
	return rc;
}
