/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Document -> SPDX tag-value.  Order: document, extracted licenses,
 * packages, files, snippets, relationships, annotations; each element's
 * SPDXID right after the tag that opens it (as the reader expects).  A
 * value with a line break, or leading or trailing blanks, is written in
 * <text></text>.  Absent fields are left out.  hasFiles has no tag-value
 * form and is not written (CONTAINS relationships say the same).
 */
#include "sbom/model.h"

#include <string.h>

#include "core/buf.h"
#include "core/banned.h"

static bool needs_text(const char *v)
{
	size_t n = strlen(v);

	return n == 0 || strchr(v, '\n') || strchr(v, '\r') || v[0] == ' ' ||
	       v[0] == '\t' || v[n - 1] == ' ' || v[n - 1] == '\t';
}

static void put(struct oh_buf *b, const char *tag, const char *v)
{
	if (!v)
		return;
	if (needs_text(v))
		oh_buf_addf(b, "%s: <text>%s</text>\n", tag, v);
	else
		oh_buf_addf(b, "%s: %s\n", tag, v);
}

static void put_list(struct oh_buf *b, const char *tag, const char *const *v,
		     size_t n)
{
	for (size_t i = 0; i < n; i++)
		put(b, tag, v[i]);
}

static void put_checksums(struct oh_buf *b, const char *tag,
			  const struct sbom_checksum *c, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (c[i].algorithm && c[i].value)
			oh_buf_addf(b, "%s: %s: %s\n", tag, c[i].algorithm,
				    c[i].value);
}

static void document(struct oh_buf *b, const struct sbom_doc *d)
{
	put(b, "SPDXVersion", d->spdx_version);
	put(b, "DataLicense", d->data_license);
	put(b, "SPDXID", d->spdxid);
	put(b, "DocumentName", d->name);
	put(b, "DocumentNamespace", d->namespace_);
	put(b, "DocumentComment", d->comment);
	for (size_t i = 0; i < d->ndocref; i++) {
		const struct sbom_docref *r = &d->docref[i];

		if (r->id && r->document && r->checksum_alg &&
		    r->checksum_value)
			oh_buf_addf(b, "ExternalDocumentRef: %s %s %s: %s\n",
				    r->id, r->document, r->checksum_alg,
				    r->checksum_value);
	}
	put(b, "LicenseListVersion", d->license_list_version);
	put_list(b, "Creator", d->creators, d->ncreators);
	put(b, "Created", d->created);
	put(b, "CreatorComment", d->creator_comment);
}

static void package(struct oh_buf *b, const struct sbom_package *p)
{
	oh_buf_addch(b, '\n');
	put(b, "PackageName", p->name ? p->name : "");
	put(b, "SPDXID", p->spdxid);
	put(b, "PackageVersion", p->version);
	put(b, "PackageFileName", p->file_name);
	put(b, "PackageSupplier", p->supplier);
	put(b, "PackageOriginator", p->originator);
	put(b, "PackageDownloadLocation", p->download_location);
	if (p->files_analyzed >= 0)
		put(b, "FilesAnalyzed", p->files_analyzed ? "true" : "false");
	if (p->verif_code) {
		oh_buf_addf(b, "PackageVerificationCode: %s", p->verif_code);
		for (size_t i = 0; i < p->nverif_excluded; i++)
			oh_buf_addf(b, "%s%s", i ? ", " : " (excludes: ",
				    p->verif_excluded[i]);
		oh_buf_adds(b, p->nverif_excluded ? ")\n" : "\n");
	}
	put_checksums(b, "PackageChecksum", p->checksum, p->nchecksum);
	put(b, "PackageHomePage", p->homepage);
	put(b, "PackageSourceInfo", p->source_info);
	put(b, "PackageLicenseConcluded", p->license_concluded);
	put_list(b, "PackageLicenseInfoFromFiles", p->license_info_from_files,
		 p->nlicense_info_from_files);
	put(b, "PackageLicenseDeclared", p->license_declared);
	put(b, "PackageLicenseComments", p->license_comments);
	put(b, "PackageCopyrightText", p->copyright);
	put(b, "PackageSummary", p->summary);
	put(b, "PackageDescription", p->description);
	put(b, "PackageComment", p->comment);
	for (size_t i = 0; i < p->nextref; i++) {
		const struct sbom_extref *r = &p->extref[i];

		if (r->category && r->type && r->locator)
			oh_buf_addf(b, "ExternalRef: %s %s %s\n", r->category,
				    r->type, r->locator);
		put(b, "ExternalRefComment", r->comment);
	}
	put_list(b, "PackageAttributionText", p->attribution, p->nattribution);
	put(b, "PrimaryPackagePurpose", p->primary_purpose);
	put(b, "ReleaseDate", p->release_date);
	put(b, "BuiltDate", p->built_date);
	put(b, "ValidUntilDate", p->valid_until_date);
}

static void file(struct oh_buf *b, const struct sbom_file *f)
{
	oh_buf_addch(b, '\n');
	put(b, "FileName", f->name ? f->name : "");
	put(b, "SPDXID", f->spdxid);
	put_list(b, "FileType", f->file_types, f->nfile_types);
	put_checksums(b, "FileChecksum", f->checksum, f->nchecksum);
	put(b, "LicenseConcluded", f->license_concluded);
	put_list(b, "LicenseInfoInFile", f->license_info, f->nlicense_info);
	put(b, "LicenseComments", f->license_comments);
	put(b, "FileCopyrightText", f->copyright);
	put(b, "FileComment", f->comment);
	put(b, "FileNotice", f->notice);
	put_list(b, "FileContributor", f->contributors, f->ncontributors);
}

static void snippet(struct oh_buf *b, const struct sbom_snippet *s)
{
	oh_buf_addch(b, '\n');
	put(b, "SnippetSPDXID", s->spdxid ? s->spdxid : "");
	put(b, "SnippetFromFileSPDXID", s->from_file);
	for (size_t i = 0; i < s->nrange; i++) {
		const struct sbom_range *g = &s->range[i];

		if (g->start >= 0 && g->end >= 0)
			oh_buf_addf(b, "%s: %lld:%lld\n",
				    g->is_line ? "SnippetLineRange"
					       : "SnippetByteRange",
				    g->start, g->end);
	}
	put(b, "SnippetLicenseConcluded", s->license_concluded);
	put_list(b, "LicenseInfoInSnippet", s->license_info, s->nlicense_info);
	put(b, "SnippetLicenseComments", s->license_comments);
	put(b, "SnippetCopyrightText", s->copyright);
	put(b, "SnippetComment", s->comment);
	put(b, "SnippetName", s->name);
}

void sbom_write_tv(struct oh_buf *b, const struct sbom_doc *d)
{
	document(b, d);
	for (size_t i = 0; i < d->nextracted; i++) {
		const struct sbom_extracted *e = &d->extracted[i];

		oh_buf_addch(b, '\n');
		put(b, "LicenseID", e->license_id ? e->license_id : "");
		put(b, "ExtractedText", e->text);
		put(b, "LicenseName", e->name);
		put_list(b, "LicenseCrossReference", e->see_also, e->nsee_also);
		put(b, "LicenseComment", e->comment);
	}
	for (size_t i = 0; i < d->npkg; i++)
		package(b, &d->pkg[i]);
	for (size_t i = 0; i < d->nfile; i++)
		file(b, &d->file[i]);
	for (size_t i = 0; i < d->nsnippet; i++)
		snippet(b, &d->snippet[i]);
	if (d->nrel)
		oh_buf_addch(b, '\n');
	for (size_t i = 0; i < d->nrel; i++) {
		const struct sbom_relationship *r = &d->rel[i];

		if (r->element && r->type && r->related)
			oh_buf_addf(b, "Relationship: %s %s %s\n", r->element,
				    r->type, r->related);
		put(b, "RelationshipComment", r->comment);
	}
	for (size_t i = 0; i < d->nannotation; i++) {
		const struct sbom_annotation *a = &d->annotation[i];

		oh_buf_addch(b, '\n');
		put(b, "Annotator", a->annotator ? a->annotator : "");
		put(b, "AnnotationDate", a->date);
		put(b, "AnnotationType", a->type);
		put(b, "SPDXREF", a->about);
		put(b, "AnnotationComment", a->comment);
	}
}
