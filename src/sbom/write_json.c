/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Document -> SPDX JSON tree and text.  Keys and their order follow the
 * SPDX 2.3 JSON schema; a field the model holds as NULL (or an empty
 * list) is left out, so "absent" survives a round trip.  Annotations go
 * back under the element they are about (or the document).
 */
#include "sbom/model.h"

#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "core/buf.h"
#include "core/xalloc.h"
#include "core/json.h"
#include "core/banned.h"

static void put(cJSON *o, const char *key, const char *v)
{
	if (v)
		cJSON_AddItemToObject(o, key, cJSON_CreateString(v));
}

static void put_list(cJSON *o, const char *key, const char *const *v, size_t n)
{
	cJSON *a;

	if (n == 0)
		return;
	a = cJSON_AddArrayToObject(o, key);
	for (size_t i = 0; i < n; i++)
		cJSON_AddItemToArray(a, cJSON_CreateString(v[i] ? v[i] : ""));
}

static void put_checksums(cJSON *o, const struct sbom_checksum *c, size_t n)
{
	cJSON *a;

	if (n == 0)
		return;
	a = cJSON_AddArrayToObject(o, "checksums");
	for (size_t i = 0; i < n; i++) {
		cJSON *x = cJSON_CreateObject();

		put(x, "algorithm", c[i].algorithm);
		put(x, "checksumValue", c[i].value);
		cJSON_AddItemToArray(a, x);
	}
}

static void put_annotations(cJSON *o, const struct sbom_doc *d,
			    const char *about)
{
	cJSON *a = NULL;

	if (!about)
		return;
	for (size_t i = 0; i < d->nannotation; i++) {
		const struct sbom_annotation *n = &d->annotation[i];
		cJSON *x;

		if (!n->about || strcmp(n->about, about) != 0)
			continue;
		if (!a)
			a = cJSON_AddArrayToObject(o, "annotations");
		x = cJSON_CreateObject();
		put(x, "annotationDate", n->date);
		put(x, "annotationType", n->type);
		put(x, "annotator", n->annotator);
		put(x, "comment", n->comment);
		cJSON_AddItemToArray(a, x);
	}
}

static cJSON *package(const struct sbom_doc *d, const struct sbom_package *p)
{
	cJSON *o = cJSON_CreateObject();

	put(o, "SPDXID", p->spdxid);
	put(o, "name", p->name);
	put(o, "versionInfo", p->version);
	put(o, "packageFileName", p->file_name);
	put(o, "supplier", p->supplier);
	put(o, "originator", p->originator);
	put(o, "downloadLocation", p->download_location);
	if (p->files_analyzed >= 0)
		cJSON_AddBoolToObject(o, "filesAnalyzed", p->files_analyzed);
	if (p->verif_code || p->nverif_excluded) {
		cJSON *v =
			cJSON_AddObjectToObject(o, "packageVerificationCode");

		put(v, "packageVerificationCodeValue", p->verif_code);
		put_list(v, "packageVerificationCodeExcludedFiles",
			 p->verif_excluded, p->nverif_excluded);
	}
	put_checksums(o, p->checksum, p->nchecksum);
	put(o, "homepage", p->homepage);
	put(o, "sourceInfo", p->source_info);
	put(o, "licenseConcluded", p->license_concluded);
	put_list(o, "licenseInfoFromFiles", p->license_info_from_files,
		 p->nlicense_info_from_files);
	put(o, "licenseDeclared", p->license_declared);
	put(o, "licenseComments", p->license_comments);
	put(o, "copyrightText", p->copyright);
	put(o, "summary", p->summary);
	put(o, "description", p->description);
	put(o, "comment", p->comment);
	if (p->nextref) {
		cJSON *a = cJSON_AddArrayToObject(o, "externalRefs");

		for (size_t i = 0; i < p->nextref; i++) {
			cJSON *x = cJSON_CreateObject();

			put(x, "referenceCategory", p->extref[i].category);
			put(x, "referenceType", p->extref[i].type);
			put(x, "referenceLocator", p->extref[i].locator);
			put(x, "comment", p->extref[i].comment);
			cJSON_AddItemToArray(a, x);
		}
	}
	put_list(o, "attributionTexts", p->attribution, p->nattribution);
	put(o, "primaryPackagePurpose", p->primary_purpose);
	put(o, "releaseDate", p->release_date);
	put(o, "builtDate", p->built_date);
	put(o, "validUntilDate", p->valid_until_date);
	put_list(o, "hasFiles", p->has_files, p->nhas_files);
	put_annotations(o, d, p->spdxid);
	return o;
}

static cJSON *file(const struct sbom_doc *d, const struct sbom_file *f)
{
	cJSON *o = cJSON_CreateObject();

	put(o, "SPDXID", f->spdxid);
	put(o, "fileName", f->name);
	put_list(o, "fileTypes", f->file_types, f->nfile_types);
	put_checksums(o, f->checksum, f->nchecksum);
	put(o, "licenseConcluded", f->license_concluded);
	put_list(o, "licenseInfoInFiles", f->license_info, f->nlicense_info);
	put(o, "licenseComments", f->license_comments);
	put(o, "copyrightText", f->copyright);
	put(o, "comment", f->comment);
	put(o, "noticeText", f->notice);
	put_list(o, "fileContributors", f->contributors, f->ncontributors);
	put_annotations(o, d, f->spdxid);
	return o;
}

static cJSON *pointer(const struct sbom_range *g, long long at)
{
	cJSON *o = cJSON_CreateObject();

	put(o, "reference", g->ref);
	cJSON_AddNumberToObject(o, g->is_line ? "lineNumber" : "offset",
				(double)at);
	return o;
}

static cJSON *snippet(const struct sbom_doc *d, const struct sbom_snippet *s)
{
	cJSON *o = cJSON_CreateObject();

	put(o, "SPDXID", s->spdxid);
	put(o, "name", s->name);
	put(o, "snippetFromFile", s->from_file);
	if (s->nrange) {
		cJSON *a = cJSON_AddArrayToObject(o, "ranges");

		for (size_t i = 0; i < s->nrange; i++) {
			const struct sbom_range *g = &s->range[i];
			cJSON *x = cJSON_CreateObject();

			if (g->start >= 0)
				cJSON_AddItemToObject(x, "startPointer",
						      pointer(g, g->start));
			if (g->end >= 0)
				cJSON_AddItemToObject(x, "endPointer",
						      pointer(g, g->end));
			cJSON_AddItemToArray(a, x);
		}
	}
	put(o, "licenseConcluded", s->license_concluded);
	put_list(o, "licenseInfoInSnippets", s->license_info, s->nlicense_info);
	put(o, "licenseComments", s->license_comments);
	put(o, "copyrightText", s->copyright);
	put(o, "comment", s->comment);
	put_annotations(o, d, s->spdxid);
	return o;
}

static void top(cJSON *o, const struct sbom_doc *d)
{
	put(o, "spdxVersion", d->spdx_version);
	put(o, "dataLicense", d->data_license);
	put(o, "SPDXID", d->spdxid);
	put(o, "name", d->name);
	put(o, "documentNamespace", d->namespace_);
	put(o, "comment", d->comment);
	if (d->ndocref) {
		cJSON *a = cJSON_AddArrayToObject(o, "externalDocumentRefs");

		for (size_t i = 0; i < d->ndocref; i++) {
			const struct sbom_docref *r = &d->docref[i];
			cJSON *x = cJSON_CreateObject();

			put(x, "externalDocumentId", r->id);
			put(x, "spdxDocument", r->document);
			if (r->checksum_alg || r->checksum_value) {
				cJSON *c =
					cJSON_AddObjectToObject(x, "checksum");
				put(c, "algorithm", r->checksum_alg);
				put(c, "checksumValue", r->checksum_value);
			}
			cJSON_AddItemToArray(a, x);
		}
	}
	if (d->created || d->ncreators || d->creator_comment ||
	    d->license_list_version) {
		cJSON *c = cJSON_AddObjectToObject(o, "creationInfo");

		put(c, "licenseListVersion", d->license_list_version);
		put_list(c, "creators", d->creators, d->ncreators);
		put(c, "created", d->created);
		put(c, "comment", d->creator_comment);
	}
	put_list(o, "documentDescribes", d->describes, d->ndescribes);
	put_annotations(o, d, d->spdxid);
}

cJSON *sbom_doc_to_json(const struct sbom_doc *d)
{
	cJSON *o = cJSON_CreateObject();
	cJSON *a;

	top(o, d);
	if (d->nextracted) {
		a = cJSON_AddArrayToObject(o, "hasExtractedLicensingInfos");
		for (size_t i = 0; i < d->nextracted; i++) {
			const struct sbom_extracted *e = &d->extracted[i];
			cJSON *x = cJSON_CreateObject();

			put(x, "licenseId", e->license_id);
			put(x, "extractedText", e->text);
			put(x, "name", e->name);
			put(x, "comment", e->comment);
			put_list(x, "seeAlsos", e->see_also, e->nsee_also);
			cJSON_AddItemToArray(a, x);
		}
	}
	if (d->npkg) {
		a = cJSON_AddArrayToObject(o, "packages");
		for (size_t i = 0; i < d->npkg; i++)
			cJSON_AddItemToArray(a, package(d, &d->pkg[i]));
	}
	if (d->nfile) {
		a = cJSON_AddArrayToObject(o, "files");
		for (size_t i = 0; i < d->nfile; i++)
			cJSON_AddItemToArray(a, file(d, &d->file[i]));
	}
	if (d->nsnippet) {
		a = cJSON_AddArrayToObject(o, "snippets");
		for (size_t i = 0; i < d->nsnippet; i++)
			cJSON_AddItemToArray(a, snippet(d, &d->snippet[i]));
	}
	if (d->nrel) {
		a = cJSON_AddArrayToObject(o, "relationships");
		for (size_t i = 0; i < d->nrel; i++) {
			const struct sbom_relationship *r = &d->rel[i];
			cJSON *x = cJSON_CreateObject();

			put(x, "spdxElementId", r->element);
			put(x, "relationshipType", r->type);
			put(x, "relatedSpdxElement", r->related);
			put(x, "comment", r->comment);
			cJSON_AddItemToArray(a, x);
		}
	}
	return o;
}

void sbom_write_json(struct oh_buf *out, const struct sbom_doc *doc)
{
	cJSON *o = sbom_doc_to_json(doc);
	char *s;

	oh_json_utf8_fix(o);
	s = cJSON_Print(o);

	if (!s)
		OH_BUG("cJSON_Print failed (out of memory)");
	oh_buf_adds(out, s);
	oh_buf_addch(out, '\n');
	cJSON_free(s);
	cJSON_Delete(o);
}
