/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Document -> SPDX JSON tree and text.  Keys and their order follow the
 * SPDX 2.3 JSON schema; a field the model holds as NULL (or an empty
 * list) is left out, so "absent" survives a round trip.  Annotations go
 * back under the element they are about (or the document).
 */
#include "sbom/model.h"

#include <limits.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "core/buf.h"
#include "core/xalloc.h"
#include "core/json.h"
#include "core/banned.h"

/*
 * The tree is built either with cJSON's malloc (a: NULL; the writers,
 * which print and cJSON_Delete() it) or in the arena a (validation: one
 * allocation per block instead of three per member; keys are the string
 * literals below and values the document's own strings, so the tree
 * lives no longer than the document and is never given to cJSON_Delete).
 */
struct jb {
	struct oh_arena *a;
};

static cJSON *mk(struct jb *b, int type)
{
	cJSON *n;

	if (!b->a)
		return type == cJSON_Object ? cJSON_CreateObject()
					    : cJSON_CreateArray();
	n = oh_arena_alloc(b->a, sizeof(*n));
	n->type = type;
	return n;
}

/* Link item as the last member of o (under key, for an object). */
static void link_item(struct jb *b, cJSON *o, const char *key, cJSON *item)
{
	if (!b->a) {
		if (key)
			cJSON_AddItemToObject(o, key, item);
		else
			cJSON_AddItemToArray(o, item);
		return;
	}
	item->string = (char *)key; /* a literal, never freed (see above) */
	sbom_json_arena_link(o, item);
}

static cJSON *add_mk(struct jb *b, cJSON *o, int type, const char *key)
{
	cJSON *n = mk(b, type);

	link_item(b, o, key, n);
	return n;
}

static cJSON *string_item(struct jb *b, const char *v)
{
	cJSON *n;

	if (!b->a)
		return cJSON_CreateString(v);
	n = oh_arena_alloc(b->a, sizeof(*n));
	n->type = cJSON_String;
	n->valuestring = (char *)v; /* the document's string */
	return n;
}

static void put(struct jb *b, cJSON *o, const char *key, const char *v)
{
	if (v)
		link_item(b, o, key, string_item(b, v));
}

static void put_bool(struct jb *b, cJSON *o, const char *key, bool v)
{
	cJSON *n;

	if (!b->a) {
		cJSON_AddBoolToObject(o, key, v);
		return;
	}
	n = oh_arena_alloc(b->a, sizeof(*n));
	n->type = v ? cJSON_True : cJSON_False;
	link_item(b, o, key, n);
}

static void put_number(struct jb *b, cJSON *o, const char *key, double v)
{
	cJSON *n;

	if (!b->a) {
		cJSON_AddNumberToObject(o, key, v);
		return;
	}
	n = oh_arena_alloc(b->a, sizeof(*n));
	n->type = cJSON_Number;
	n->valuedouble = v;
	if (v >= INT_MAX) /* cJSON's clamping */
		n->valueint = INT_MAX;
	else if (v <= (double)INT_MIN)
		n->valueint = INT_MIN;
	else
		n->valueint = (int)v;
	link_item(b, o, key, n);
}

static void put_list(struct jb *b, cJSON *o, const char *key,
		     const char *const *v, size_t n)
{
	cJSON *a;

	if (n == 0)
		return;
	a = add_mk(b, o, cJSON_Array, key);
	for (size_t i = 0; i < n; i++)
		link_item(b, a, NULL, string_item(b, v[i] ? v[i] : ""));
}

static void put_checksums(struct jb *b, cJSON *o, const struct sbom_checksum *c,
			  size_t n)
{
	cJSON *a;

	if (n == 0)
		return;
	a = add_mk(b, o, cJSON_Array, "checksums");
	for (size_t i = 0; i < n; i++) {
		cJSON *x = mk(b, cJSON_Object);

		put(b, x, "algorithm", c[i].algorithm);
		put(b, x, "checksumValue", c[i].value);
		link_item(b, a, NULL, x);
	}
}

static void put_annotations(struct jb *b, cJSON *o, const struct sbom_doc *d,
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
			a = add_mk(b, o, cJSON_Array, "annotations");
		x = mk(b, cJSON_Object);
		put(b, x, "annotationDate", n->date);
		put(b, x, "annotationType", n->type);
		put(b, x, "annotator", n->annotator);
		put(b, x, "comment", n->comment);
		link_item(b, a, NULL, x);
	}
}

static cJSON *package(struct jb *b, const struct sbom_doc *d,
		      const struct sbom_package *p)
{
	cJSON *o = mk(b, cJSON_Object);

	put(b, o, "SPDXID", p->spdxid);
	put(b, o, "name", p->name);
	put(b, o, "versionInfo", p->version);
	put(b, o, "packageFileName", p->file_name);
	put(b, o, "supplier", p->supplier);
	put(b, o, "originator", p->originator);
	put(b, o, "downloadLocation", p->download_location);
	if (p->files_analyzed >= 0)
		put_bool(b, o, "filesAnalyzed", p->files_analyzed);
	if (p->verif_code || p->nverif_excluded) {
		cJSON *v =
			add_mk(b, o, cJSON_Object, "packageVerificationCode");

		put(b, v, "packageVerificationCodeValue", p->verif_code);
		put_list(b, v, "packageVerificationCodeExcludedFiles",
			 p->verif_excluded, p->nverif_excluded);
	}
	put_checksums(b, o, p->checksum, p->nchecksum);
	put(b, o, "homepage", p->homepage);
	put(b, o, "sourceInfo", p->source_info);
	put(b, o, "licenseConcluded", p->license_concluded);
	put_list(b, o, "licenseInfoFromFiles", p->license_info_from_files,
		 p->nlicense_info_from_files);
	put(b, o, "licenseDeclared", p->license_declared);
	put(b, o, "licenseComments", p->license_comments);
	put(b, o, "copyrightText", p->copyright);
	put(b, o, "summary", p->summary);
	put(b, o, "description", p->description);
	put(b, o, "comment", p->comment);
	if (p->nextref) {
		cJSON *a = add_mk(b, o, cJSON_Array, "externalRefs");

		for (size_t i = 0; i < p->nextref; i++) {
			cJSON *x = mk(b, cJSON_Object);

			put(b, x, "referenceCategory", p->extref[i].category);
			put(b, x, "referenceType", p->extref[i].type);
			put(b, x, "referenceLocator", p->extref[i].locator);
			put(b, x, "comment", p->extref[i].comment);
			link_item(b, a, NULL, x);
		}
	}
	put_list(b, o, "attributionTexts", p->attribution, p->nattribution);
	put(b, o, "primaryPackagePurpose", p->primary_purpose);
	put(b, o, "releaseDate", p->release_date);
	put(b, o, "builtDate", p->built_date);
	put(b, o, "validUntilDate", p->valid_until_date);
	put_list(b, o, "hasFiles", p->has_files, p->nhas_files);
	put_annotations(b, o, d, p->spdxid);
	return o;
}

static cJSON *file(struct jb *b, const struct sbom_doc *d,
		   const struct sbom_file *f)
{
	cJSON *o = mk(b, cJSON_Object);

	put(b, o, "SPDXID", f->spdxid);
	put(b, o, "fileName", f->name);
	put_list(b, o, "fileTypes", f->file_types, f->nfile_types);
	put_checksums(b, o, f->checksum, f->nchecksum);
	put(b, o, "licenseConcluded", f->license_concluded);
	put_list(b, o, "licenseInfoInFiles", f->license_info, f->nlicense_info);
	put(b, o, "licenseComments", f->license_comments);
	put(b, o, "copyrightText", f->copyright);
	put(b, o, "comment", f->comment);
	put(b, o, "noticeText", f->notice);
	put_list(b, o, "fileContributors", f->contributors, f->ncontributors);
	put_annotations(b, o, d, f->spdxid);
	return o;
}

static cJSON *pointer(struct jb *b, const struct sbom_range *g, long long at)
{
	cJSON *o = mk(b, cJSON_Object);

	put(b, o, "reference", g->ref);
	put_number(b, o, g->is_line ? "lineNumber" : "offset", (double)at);
	return o;
}

static cJSON *snippet(struct jb *b, const struct sbom_doc *d,
		      const struct sbom_snippet *s)
{
	cJSON *o = mk(b, cJSON_Object);

	put(b, o, "SPDXID", s->spdxid);
	put(b, o, "name", s->name);
	put(b, o, "snippetFromFile", s->from_file);
	if (s->nrange) {
		cJSON *a = add_mk(b, o, cJSON_Array, "ranges");

		for (size_t i = 0; i < s->nrange; i++) {
			const struct sbom_range *g = &s->range[i];
			cJSON *x = mk(b, cJSON_Object);

			if (g->start >= 0)
				link_item(b, x, "startPointer",
					  pointer(b, g, g->start));
			if (g->end >= 0)
				link_item(b, x, "endPointer",
					  pointer(b, g, g->end));
			link_item(b, a, NULL, x);
		}
	}
	put(b, o, "licenseConcluded", s->license_concluded);
	put_list(b, o, "licenseInfoInSnippets", s->license_info,
		 s->nlicense_info);
	put(b, o, "licenseComments", s->license_comments);
	put(b, o, "copyrightText", s->copyright);
	put(b, o, "comment", s->comment);
	put_annotations(b, o, d, s->spdxid);
	return o;
}

static void top(struct jb *b, cJSON *o, const struct sbom_doc *d)
{
	put(b, o, "spdxVersion", d->spdx_version);
	put(b, o, "dataLicense", d->data_license);
	put(b, o, "SPDXID", d->spdxid);
	put(b, o, "name", d->name);
	put(b, o, "documentNamespace", d->namespace_);
	put(b, o, "comment", d->comment);
	if (d->ndocref) {
		cJSON *a = add_mk(b, o, cJSON_Array, "externalDocumentRefs");

		for (size_t i = 0; i < d->ndocref; i++) {
			const struct sbom_docref *r = &d->docref[i];
			cJSON *x = mk(b, cJSON_Object);

			put(b, x, "externalDocumentId", r->id);
			put(b, x, "spdxDocument", r->document);
			if (r->checksum_alg || r->checksum_value) {
				cJSON *c =
					add_mk(b, x, cJSON_Object, "checksum");
				put(b, c, "algorithm", r->checksum_alg);
				put(b, c, "checksumValue", r->checksum_value);
			}
			link_item(b, a, NULL, x);
		}
	}
	if (d->created || d->ncreators || d->creator_comment ||
	    d->license_list_version) {
		cJSON *c = add_mk(b, o, cJSON_Object, "creationInfo");

		put(b, c, "licenseListVersion", d->license_list_version);
		put_list(b, c, "creators", d->creators, d->ncreators);
		put(b, c, "created", d->created);
		put(b, c, "comment", d->creator_comment);
	}
	put_list(b, o, "documentDescribes", d->describes, d->ndescribes);
	put_annotations(b, o, d, d->spdxid);
}

static cJSON *doc_tree(struct jb *b, const struct sbom_doc *d)
{
	cJSON *o = mk(b, cJSON_Object);
	cJSON *a;

	top(b, o, d);
	if (d->nextracted) {
		a = add_mk(b, o, cJSON_Array, "hasExtractedLicensingInfos");
		for (size_t i = 0; i < d->nextracted; i++) {
			const struct sbom_extracted *e = &d->extracted[i];
			cJSON *x = mk(b, cJSON_Object);

			put(b, x, "licenseId", e->license_id);
			put(b, x, "extractedText", e->text);
			put(b, x, "name", e->name);
			put(b, x, "comment", e->comment);
			put_list(b, x, "seeAlsos", e->see_also, e->nsee_also);
			link_item(b, a, NULL, x);
		}
	}
	if (d->npkg) {
		a = add_mk(b, o, cJSON_Array, "packages");
		for (size_t i = 0; i < d->npkg; i++)
			link_item(b, a, NULL, package(b, d, &d->pkg[i]));
	}
	if (d->nfile) {
		a = add_mk(b, o, cJSON_Array, "files");
		for (size_t i = 0; i < d->nfile; i++)
			link_item(b, a, NULL, file(b, d, &d->file[i]));
	}
	if (d->nsnippet) {
		a = add_mk(b, o, cJSON_Array, "snippets");
		for (size_t i = 0; i < d->nsnippet; i++)
			link_item(b, a, NULL, snippet(b, d, &d->snippet[i]));
	}
	if (d->nrel) {
		a = add_mk(b, o, cJSON_Array, "relationships");
		for (size_t i = 0; i < d->nrel; i++) {
			const struct sbom_relationship *r = &d->rel[i];
			cJSON *x = mk(b, cJSON_Object);

			put(b, x, "spdxElementId", r->element);
			put(b, x, "relationshipType", r->type);
			put(b, x, "relatedSpdxElement", r->related);
			put(b, x, "comment", r->comment);
			link_item(b, a, NULL, x);
		}
	}
	return o;
}

cJSON *sbom_doc_to_json(const struct sbom_doc *d)
{
	struct jb b = { .a = NULL };

	return doc_tree(&b, d);
}

const cJSON *sbom_doc_to_json_arena(const struct sbom_doc *d,
				    struct oh_arena *a)
{
	struct jb b = { .a = a };

	return doc_tree(&b, d);
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
