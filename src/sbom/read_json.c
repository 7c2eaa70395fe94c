/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * SPDX JSON reader: cJSON tree -> struct sbom_doc.  Every field is copied
 * into the document arena, or borrowed from a tree in an arena that lives
 * as long as the document (sbom_read_json_tree_borrow(): no second copy
 * of a 100 MB document's strings); type errors name the JSON path.
 */
#include "sbom/model.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "core/err.h"
#include "core/json.h"
#include "core/xalloc.h"
#include "core/banned.h"

struct jr {
	struct sbom_doc *doc;
	size_t annotation_alloc; /* capacity of doc->annotation */
	bool borrow;             /* strings are the tree's, not copies */
	const char *name;
	struct oh_err *err;
};

#define CAP_STR_(n)    #n
#define CAP_STR(n)     CAP_STR_(n)
#define TOO_MANY(what) "too many " what " (cap " CAP_STR(SBOM_MAX_ITEMS_DEC) ")"
_Static_assert(SBOM_MAX_ITEMS == SBOM_MAX_ITEMS_DEC, "cap in messages");

/* A tree string as the document keeps it. */
static const char *jr_keep(struct jr *r, const char *s)
{
	return r->borrow ? s : oh_arena_strdup(&r->doc->arena, s);
}

static int jr_fail(struct jr *r, int code, const char *path, const char *key,
		   const char *what)
{
	return oh_err_set(r->err, code, r->name, 0, 0, "%s%s%s: %s", path,
			  *path && key ? "." : "", key ? key : "", what);
}

/* Depth check over the whole tree (cJSON has its own nesting limit too). */
static int jr_depth(const cJSON *j, int depth)
{
	const cJSON *c;

	if (depth > SBOM_MAX_DEPTH)
		return -1;
	cJSON_ArrayForEach(c, j)
	{
		if ((cJSON_IsArray(c) || cJSON_IsObject(c)) &&
		    jr_depth(c, depth + 1) < 0)
			return -1;
	}
	return 0;
}

/*
 * A NUL byte, raw or as the escape \u0000: cJSON keeps strings as C
 * strings, so the value would silently end there ("ab\u0000c" read as
 * "ab").  Runs on text cJSON accepted, where a backslash only occurs in
 * strings.
 */
int sbom_json_nul(const char *s, size_t len, const char *name,
		  struct oh_err *err)
{
	const char *raw = memchr(s, '\0', len);
	size_t at = raw ? (size_t)(raw - s) : len;
	unsigned line, col;

	for (size_t i = 0; i + 1 < at; i++) {
		if (s[i] != '\\')
			continue;
		if (s[i + 1] == 'u' && i + 6 <= len &&
		    memcmp(s + i + 2, "0000", 4) == 0) {
			at = i;
			break;
		}
		i++; /* the escaped character, "\\" included */
	}
	if (at == len)
		return 0;
	oh_text_position(s, at, &line, &col);
	return oh_err_set(err, OH_EINPUT, name, line, col,
			  "a NUL character in a string is refused");
}

int sbom_json_parse(cJSON **out, const char *s, size_t len, const char *name,
		    struct oh_err *err)
{
	cJSON *root = NULL;
	int rc;

	*out = NULL;
	if (len > SBOM_MAX_BYTES)
		return oh_err_set(err, OH_ELIMIT, name, 0, 0,
				  "document larger than %u bytes",
				  SBOM_MAX_BYTES);
	if ((rc = oh_json_parse(&root, s, len, name, err)) < 0)
		return rc;
	if ((rc = sbom_json_nul(s, len, name, err)) < 0)
		goto fail;
	if (jr_depth(root, 1) < 0) {
		rc = oh_err_set(err, OH_ELIMIT, name, 0, 0,
				"nesting deeper than %d", SBOM_MAX_DEPTH);
		goto fail;
	}
	*out = root;
	return 0;
fail:
	cJSON_Delete(root);
	return rc;
}

/* Append n bytes of s at out[*at], keeping room for the NUL. */
static void put(char *out, size_t size, size_t *at, const char *s, size_t n)
{
	if (n > size - 1 - *at)
		n = size - 1 - *at;
	memcpy(out + *at, s, n);
	*at += n;
}

/* [idx] at out[*at], cut as put() cuts. */
static void put_index(char *out, size_t size, size_t *at, size_t idx)
{
	char num[24];
	size_t k = sizeof(num);

	num[--k] = ']';
	do
		num[--k] = (char)('0' + idx % 10);
	while ((idx /= 10) > 0);
	num[--k] = '[';
	put(out, size, at, num + k, sizeof(num) - k);
}

void sbom_path(char *out, size_t size, const char *base, const char *key,
	       size_t idx)
{
	size_t at = 0;

	put(out, size, &at, base, strlen(base));
	if (base[0] != '\0')
		put(out, size, &at, ".", 1);
	put(out, size, &at, key, strlen(key));
	if (idx != SBOM_NO_INDEX)
		put_index(out, size, &at, idx);
	out[at] = '\0';
}

static int key_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The first key of object o given twice, or NULL. */
static const char *dup_key(const cJSON *o)
{
	const cJSON *c;
	const char **k;
	const char *found = NULL;
	size_t n = 0, i = 0;

	cJSON_ArrayForEach(c, o) n++;
	if (n < 2)
		return NULL;
	if (n <= 16) {
		/* the usual SPDX object: pairwise, no allocation */
		for (const cJSON *x = o->child; x; x = x->next)
			for (const cJSON *y = x->next; y; y = y->next)
				if (x->string && y->string &&
				    x->string[0] == y->string[0] &&
				    strcmp(x->string, y->string) == 0)
					return y->string;
		return NULL;
	}
	k = oh_xcalloc(n, sizeof(*k));
	cJSON_ArrayForEach(c, o) k[i++] = c->string ? c->string : "";
	qsort(k, n, sizeof(*k), key_cmp);
	for (i = 1; i < n && !found; i++)
		if (strcmp(k[i - 1], k[i]) == 0)
			found = k[i];
	free(k);
	return found;
}

/* path[len..]: "[i]", or ".key" (key cut to 40 bytes; no '.' at the top). */
static void dups_step(char *path, size_t cap, size_t len, const char *key,
		      size_t i)
{
	size_t at = len;

	if (!key) {
		put_index(path, cap, &at, i);
	} else {
		if (len > 0)
			put(path, cap, &at, ".", 1);
		put(path, cap, &at, key, strnlen(key, 40));
	}
	path[at] = '\0';
}

/*
 * Duplicate keys anywhere (RFC 8259 leaves their meaning open: cJSON
 * would take the first, other readers the last).  `path` (cap bytes)
 * holds the JSON path of j.
 */
static int jr_dups(struct jr *r, const cJSON *j, char *path, size_t cap)
{
	const cJSON *c;
	size_t len = strlen(path);
	size_t i = 0;
	const char *k = cJSON_IsObject(j) ? dup_key(j) : NULL;
	int rc = 0;

	if (k) {
		char what[128];

		snprintf(what, sizeof(what), "key '%.60s' is given twice", k);
		return jr_fail(r, OH_EINPUT, path, NULL, what);
	}
	cJSON_ArrayForEach(c, j)
	{
		if (cJSON_IsObject(c) || cJSON_IsArray(c)) {
			const char *key = c->string ? c->string : "(null)";

			dups_step(path, cap, len, cJSON_IsArray(j) ? NULL : key,
				  i);
			if ((rc = jr_dups(r, c, path, cap)) < 0)
				return rc;
			path[len] = '\0';
		}
		i++;
	}
	return 0;
}

/* String member `key` of object o, copied; NULL when absent. */
static int jr_str(struct jr *r, const char **out, const cJSON *o,
		  const char *key, const char *path)
{
	const cJSON *v = sbom_json_get(o, key);

	*out = NULL;
	if (!v)
		return 0;
	if (!cJSON_IsString(v))
		return jr_fail(r, OH_EINPUT, path, key, "expected a string");
	*out = jr_keep(r, v->valuestring);
	return 0;
}

static int jr_count(struct jr *r, size_t *n, const cJSON *a, const char *path,
		    const char *key)
{
	int c;

	if (!cJSON_IsArray(a))
		return jr_fail(r, OH_EINPUT, path, key, "expected an array");
	c = cJSON_GetArraySize(a);
	if (c < 0 || (unsigned)c > SBOM_MAX_ITEMS)
		return jr_fail(r, OH_ELIMIT, path, key, TOO_MANY("elements"));
	*n = (size_t)c;
	return 0;
}

/* Array of strings `key`; absent -> NULL/0. */
static int jr_strs(struct jr *r, const char ***out, size_t *n, const cJSON *o,
		   const char *key, const char *path)
{
	const cJSON *a = sbom_json_get(o, key);
	const cJSON *v;
	size_t i = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (!a)
		return 0;
	if ((rc = jr_count(r, n, a, path, key)) < 0)
		return rc;
	*out = oh_arena_alloc(&r->doc->arena, (*n + 1) * sizeof(**out));
	cJSON_ArrayForEach(v, a)
	{
		if (!cJSON_IsString(v)) {
			char idx[32];
			snprintf(idx, sizeof(idx), "%s[%zu]", key, i);
			return jr_fail(r, OH_EINPUT, path, idx,
				       "expected a string");
		}
		(*out)[i++] = jr_keep(r, v->valuestring);
	}
	return 0;
}

/* Iterate array member `key` of o: *a set, *n counted, items allocated. */
static int jr_objs(struct jr *r, const cJSON **a, size_t *n, void **items,
		   size_t size, const cJSON *o, const char *key,
		   const char *path)
{
	int rc;

	*a = sbom_json_get(o, key);
	*n = 0;
	*items = NULL;
	if (!*a)
		return 0;
	if ((rc = jr_count(r, n, *a, path, key)) < 0)
		return rc;
	*items = oh_arena_alloc(&r->doc->arena, (*n + 1) * size);
	return 0;
}

static void jr_path(char *p, size_t cap, const char *base, const char *key,
		    size_t i)
{
	sbom_path(p, cap, base, key, i);
}

static int jr_obj_check(struct jr *r, const cJSON *v, const char *p)
{
	if (!cJSON_IsObject(v))
		return jr_fail(r, OH_EINPUT, p, NULL, "expected an object");
	return 0;
}

static int jr_checksums(struct jr *r, struct sbom_checksum **out, size_t *n,
			const cJSON *o, const char *path)
{
	const cJSON *a, *v;
	char p[256];
	size_t i = 0;
	int rc;

	if ((rc = jr_objs(r, &a, n, (void **)out, sizeof(**out), o, "checksums",
			  path)) < 0)
		return rc;
	cJSON_ArrayForEach(v, a)
	{
		jr_path(p, sizeof(p), path, "checksums", i);
		if ((rc = jr_obj_check(r, v, p)) < 0 ||
		    (rc = jr_str(r, &(*out)[i].algorithm, v, "algorithm", p)) <
			    0 ||
		    (rc = jr_str(r, &(*out)[i].value, v, "checksumValue", p)) <
			    0)
			return rc;
		i++;
	}
	return 0;
}

static int jr_package(struct jr *r, struct sbom_package *pk, const cJSON *o,
		      const char *p)
{
	struct {
		const char **dst;
		const char *key;
	} s[] = {
		{ &pk->spdxid, "SPDXID" },
		{ &pk->name, "name" },
		{ &pk->version, "versionInfo" },
		{ &pk->file_name, "packageFileName" },
		{ &pk->supplier, "supplier" },
		{ &pk->originator, "originator" },
		{ &pk->download_location, "downloadLocation" },
		{ &pk->homepage, "homepage" },
		{ &pk->source_info, "sourceInfo" },
		{ &pk->license_concluded, "licenseConcluded" },
		{ &pk->license_declared, "licenseDeclared" },
		{ &pk->copyright, "copyrightText" },
		{ &pk->license_comments, "licenseComments" },
		{ &pk->summary, "summary" },
		{ &pk->description, "description" },
		{ &pk->comment, "comment" },
		{ &pk->primary_purpose, "primaryPackagePurpose" },
		{ &pk->release_date, "releaseDate" },
		{ &pk->built_date, "builtDate" },
		{ &pk->valid_until_date, "validUntilDate" },
	};
	const cJSON *fa, *vc, *a, *v;
	char q[256];
	size_t i;
	int rc;

	for (i = 0; i < sizeof(s) / sizeof(s[0]); i++)
		if ((rc = jr_str(r, s[i].dst, o, s[i].key, p)) < 0)
			return rc;
	pk->files_analyzed = -1;
	fa = sbom_json_get(o, "filesAnalyzed");
	if (fa) {
		if (!cJSON_IsBool(fa))
			return jr_fail(r, OH_EINPUT, p, "filesAnalyzed",
				       "expected true or false");
		pk->files_analyzed = cJSON_IsTrue(fa) ? 1 : 0;
	}
	vc = sbom_json_get(o, "packageVerificationCode");
	if (vc) {
		snprintf(q, sizeof(q), "%s.packageVerificationCode", p);
		if ((rc = jr_obj_check(r, vc, q)) < 0 ||
		    (rc = jr_str(r, &pk->verif_code, vc,
				 "packageVerificationCodeValue", q)) < 0 ||
		    (rc = jr_strs(r, &pk->verif_excluded, &pk->nverif_excluded,
				  vc, "packageVerificationCodeExcludedFiles",
				  q)) < 0)
			return rc;
	}
	if ((rc = jr_strs(r, &pk->license_info_from_files,
			  &pk->nlicense_info_from_files, o,
			  "licenseInfoFromFiles", p)) < 0 ||
	    (rc = jr_strs(r, &pk->attribution, &pk->nattribution, o,
			  "attributionTexts", p)) < 0 ||
	    (rc = jr_strs(r, &pk->has_files, &pk->nhas_files, o, "hasFiles",
			  p)) < 0 ||
	    (rc = jr_checksums(r, &pk->checksum, &pk->nchecksum, o, p)) < 0)
		return rc;
	if ((rc = jr_objs(r, &a, &pk->nextref, (void **)&pk->extref,
			  sizeof(*pk->extref), o, "externalRefs", p)) < 0)
		return rc;
	i = 0;
	cJSON_ArrayForEach(v, a)
	{
		struct sbom_extref *x = &pk->extref[i];
		jr_path(q, sizeof(q), p, "externalRefs", i);
		if ((rc = jr_obj_check(r, v, q)) < 0 ||
		    (rc = jr_str(r, &x->category, v, "referenceCategory", q)) <
			    0 ||
		    (rc = jr_str(r, &x->type, v, "referenceType", q)) < 0 ||
		    (rc = jr_str(r, &x->locator, v, "referenceLocator", q)) <
			    0 ||
		    (rc = jr_str(r, &x->comment, v, "comment", q)) < 0)
			return rc;
		i++;
	}
	return 0;
}

static int jr_file(struct jr *r, struct sbom_file *f, const cJSON *o,
		   const char *p)
{
	int rc;

	if ((rc = jr_str(r, &f->spdxid, o, "SPDXID", p)) < 0 ||
	    (rc = jr_str(r, &f->name, o, "fileName", p)) < 0 ||
	    (rc = jr_str(r, &f->license_concluded, o, "licenseConcluded", p)) <
		    0 ||
	    (rc = jr_str(r, &f->copyright, o, "copyrightText", p)) < 0 ||
	    (rc = jr_str(r, &f->comment, o, "comment", p)) < 0 ||
	    (rc = jr_str(r, &f->notice, o, "noticeText", p)) < 0 ||
	    (rc = jr_str(r, &f->license_comments, o, "licenseComments", p)) <
		    0 ||
	    (rc = jr_strs(r, &f->license_info, &f->nlicense_info, o,
			  "licenseInfoInFiles", p)) < 0 ||
	    (rc = jr_strs(r, &f->file_types, &f->nfile_types, o, "fileTypes",
			  p)) < 0 ||
	    (rc = jr_strs(r, &f->contributors, &f->ncontributors, o,
			  "fileContributors", p)) < 0)
		return rc;
	return jr_checksums(r, &f->checksum, &f->nchecksum, o, p);
}

static int jr_range_ptr(struct jr *r, struct sbom_range *g, const cJSON *o,
			const char *p, int end)
{
	const cJSON *ptr =
		sbom_json_get(o, end ? "endPointer" : "startPointer");
	const cJSON *v;
	char q[300];
	int rc;

	if (!ptr)
		return 0;
	snprintf(q, sizeof(q), "%s.%s", p, end ? "endPointer" : "startPointer");
	if ((rc = jr_obj_check(r, ptr, q)) < 0)
		return rc;
	if (!g->ref && (rc = jr_str(r, &g->ref, ptr, "reference", q)) < 0)
		return rc;
	v = sbom_json_get(ptr, "offset");
	if (!v) {
		v = sbom_json_get(ptr, "lineNumber");
		g->is_line = v != NULL;
	}
	if (v && (!cJSON_IsNumber(v) || !(v->valuedouble >= 0) ||
		  v->valuedouble > 9007199254740992.0 ||
		  v->valuedouble != (double)(long long)v->valuedouble))
		return jr_fail(r, OH_EINPUT, q, NULL,
			       "expected a non-negative integer");
	if (v) {
		if (end)
			g->end = (long long)v->valuedouble;
		else
			g->start = (long long)v->valuedouble;
	}
	return 0;
}

static int jr_snippet(struct jr *r, struct sbom_snippet *s, const cJSON *o,
		      const char *p)
{
	const cJSON *a, *v;
	char q[256];
	size_t i = 0;
	int rc;

	if ((rc = jr_str(r, &s->spdxid, o, "SPDXID", p)) < 0 ||
	    (rc = jr_str(r, &s->name, o, "name", p)) < 0 ||
	    (rc = jr_str(r, &s->from_file, o, "snippetFromFile", p)) < 0 ||
	    (rc = jr_str(r, &s->license_concluded, o, "licenseConcluded", p)) <
		    0 ||
	    (rc = jr_str(r, &s->copyright, o, "copyrightText", p)) < 0 ||
	    (rc = jr_str(r, &s->comment, o, "comment", p)) < 0 ||
	    (rc = jr_str(r, &s->license_comments, o, "licenseComments", p)) <
		    0 ||
	    (rc = jr_strs(r, &s->license_info, &s->nlicense_info, o,
			  "licenseInfoInSnippets", p)) < 0)
		return rc;
	if ((rc = jr_objs(r, &a, &s->nrange, (void **)&s->range,
			  sizeof(*s->range), o, "ranges", p)) < 0)
		return rc;
	cJSON_ArrayForEach(v, a)
	{
		struct sbom_range *g = &s->range[i];
		g->start = g->end = -1;
		jr_path(q, sizeof(q), p, "ranges", i);
		if ((rc = jr_obj_check(r, v, q)) < 0 ||
		    (rc = jr_range_ptr(r, g, v, q, 0)) < 0 ||
		    (rc = jr_range_ptr(r, g, v, q, 1)) < 0)
			return rc;
		i++;
	}
	return 0;
}

static int jr_annotations(struct jr *r, const cJSON *o, const char *about,
			  const char *p)
{
	const cJSON *a = sbom_json_get(o, "annotations");
	const cJSON *v;
	struct sbom_doc *d = r->doc;
	struct sbom_annotation *na;
	char q[256];
	size_t n, i = 0;
	int rc;

	if (!a)
		return 0;
	if ((rc = jr_count(r, &n, a, p, "annotations")) < 0)
		return rc;
	if (d->nannotation + n > SBOM_MAX_ITEMS)
		return jr_fail(r, OH_ELIMIT, p, "annotations",
			       TOO_MANY("annotations"));
	if (d->nannotation + n > r->annotation_alloc) {
		/* doubling keeps copying linear over many elements */
		size_t want = d->nannotation + n;
		size_t cap = r->annotation_alloc * 2 > want
				     ? r->annotation_alloc * 2
				     : want;
		na = oh_arena_alloc(&d->arena, cap * sizeof(*na));
		if (d->nannotation)
			memcpy(na, d->annotation, d->nannotation * sizeof(*na));
		d->annotation = na;
		r->annotation_alloc = cap;
	}
	na = d->annotation;
	cJSON_ArrayForEach(v, a)
	{
		struct sbom_annotation *x = &na[d->nannotation];
		jr_path(q, sizeof(q), p, "annotations", i++);
		x->about = about;
		if ((rc = jr_obj_check(r, v, q)) < 0 ||
		    (rc = jr_str(r, &x->annotator, v, "annotator", q)) < 0 ||
		    (rc = jr_str(r, &x->date, v, "annotationDate", q)) < 0 ||
		    (rc = jr_str(r, &x->type, v, "annotationType", q)) < 0 ||
		    (rc = jr_str(r, &x->comment, v, "comment", q)) < 0)
			return rc;
		d->nannotation++;
	}
	return 0;
}

static int jr_doc_top(struct jr *r, const cJSON *root)
{
	struct sbom_doc *d = r->doc;
	const cJSON *ci;
	int rc;

	if ((rc = jr_str(r, &d->spdx_version, root, "spdxVersion", "")) < 0 ||
	    (rc = jr_str(r, &d->data_license, root, "dataLicense", "")) < 0 ||
	    (rc = jr_str(r, &d->spdxid, root, "SPDXID", "")) < 0 ||
	    (rc = jr_str(r, &d->name, root, "name", "")) < 0 ||
	    (rc = jr_str(r, &d->namespace_, root, "documentNamespace", "")) <
		    0 ||
	    (rc = jr_str(r, &d->comment, root, "comment", "")) < 0 ||
	    (rc = jr_strs(r, &d->describes, &d->ndescribes, root,
			  "documentDescribes", "")) < 0)
		return rc;
	ci = sbom_json_get(root, "creationInfo");
	if (ci) {
		if ((rc = jr_obj_check(r, ci, "creationInfo")) < 0 ||
		    (rc = jr_str(r, &d->created, ci, "created",
				 "creationInfo")) < 0 ||
		    (rc = jr_str(r, &d->creator_comment, ci, "comment",
				 "creationInfo")) < 0 ||
		    (rc = jr_str(r, &d->license_list_version, ci,
				 "licenseListVersion", "creationInfo")) < 0 ||
		    (rc = jr_strs(r, &d->creators, &d->ncreators, ci,
				  "creators", "creationInfo")) < 0)
			return rc;
	}
	return jr_annotations(r, root, d->spdxid, "");
}

static int jr_docrefs(struct jr *r, const cJSON *root)
{
	struct sbom_doc *d = r->doc;
	const cJSON *a, *v, *cs;
	char p[256];
	size_t i = 0;
	int rc;

	if ((rc = jr_objs(r, &a, &d->ndocref, (void **)&d->docref,
			  sizeof(*d->docref), root, "externalDocumentRefs",
			  "")) < 0)
		return rc;
	cJSON_ArrayForEach(v, a)
	{
		struct sbom_docref *x = &d->docref[i];
		jr_path(p, sizeof(p), "", "externalDocumentRefs", i++);
		if ((rc = jr_obj_check(r, v, p)) < 0 ||
		    (rc = jr_str(r, &x->id, v, "externalDocumentId", p)) < 0 ||
		    (rc = jr_str(r, &x->document, v, "spdxDocument", p)) < 0)
			return rc;
		cs = sbom_json_get(v, "checksum");
		if (cs) {
			char q[300];
			snprintf(q, sizeof(q), "%s.checksum", p);
			if ((rc = jr_obj_check(r, cs, q)) < 0 ||
			    (rc = jr_str(r, &x->checksum_alg, cs, "algorithm",
					 q)) < 0 ||
			    (rc = jr_str(r, &x->checksum_value, cs,
					 "checksumValue", q)) < 0)
				return rc;
		}
	}
	return 0;
}

static int jr_elements(struct jr *r, const cJSON *root)
{
	struct sbom_doc *d = r->doc;
	const cJSON *a, *v;
	char p[256];
	size_t i;
	int rc;

	if ((rc = jr_objs(r, &a, &d->npkg, (void **)&d->pkg, sizeof(*d->pkg),
			  root, "packages", "")) < 0)
		return rc;
	i = 0;
	cJSON_ArrayForEach(v, a)
	{
		jr_path(p, sizeof(p), "", "packages", i);
		if ((rc = jr_obj_check(r, v, p)) < 0 ||
		    (rc = jr_package(r, &d->pkg[i], v, p)) < 0 ||
		    (rc = jr_annotations(r, v, d->pkg[i].spdxid, p)) < 0)
			return rc;
		i++;
	}
	if ((rc = jr_objs(r, &a, &d->nfile, (void **)&d->file, sizeof(*d->file),
			  root, "files", "")) < 0)
		return rc;
	i = 0;
	cJSON_ArrayForEach(v, a)
	{
		jr_path(p, sizeof(p), "", "files", i);
		if ((rc = jr_obj_check(r, v, p)) < 0 ||
		    (rc = jr_file(r, &d->file[i], v, p)) < 0 ||
		    (rc = jr_annotations(r, v, d->file[i].spdxid, p)) < 0)
			return rc;
		i++;
	}
	if ((rc = jr_objs(r, &a, &d->nsnippet, (void **)&d->snippet,
			  sizeof(*d->snippet), root, "snippets", "")) < 0)
		return rc;
	i = 0;
	cJSON_ArrayForEach(v, a)
	{
		jr_path(p, sizeof(p), "", "snippets", i);
		if ((rc = jr_obj_check(r, v, p)) < 0 ||
		    (rc = jr_snippet(r, &d->snippet[i], v, p)) < 0 ||
		    (rc = jr_annotations(r, v, d->snippet[i].spdxid, p)) < 0)
			return rc;
		i++;
	}
	return 0;
}

static int jr_rels(struct jr *r, const cJSON *root)
{
	struct sbom_doc *d = r->doc;
	const cJSON *a, *v;
	char p[256];
	size_t i = 0;
	int rc;

	if ((rc = jr_objs(r, &a, &d->nrel, (void **)&d->rel, sizeof(*d->rel),
			  root, "relationships", "")) < 0)
		return rc;
	cJSON_ArrayForEach(v, a)
	{
		struct sbom_relationship *x = &d->rel[i];
		jr_path(p, sizeof(p), "", "relationships", i++);
		if ((rc = jr_obj_check(r, v, p)) < 0 ||
		    (rc = jr_str(r, &x->element, v, "spdxElementId", p)) < 0 ||
		    (rc = jr_str(r, &x->type, v, "relationshipType", p)) < 0 ||
		    (rc = jr_str(r, &x->related, v, "relatedSpdxElement", p)) <
			    0 ||
		    (rc = jr_str(r, &x->comment, v, "comment", p)) < 0)
			return rc;
	}
	if ((rc = jr_objs(r, &a, &d->nextracted, (void **)&d->extracted,
			  sizeof(*d->extracted), root,
			  "hasExtractedLicensingInfos", "")) < 0)
		return rc;
	i = 0;
	cJSON_ArrayForEach(v, a)
	{
		struct sbom_extracted *x = &d->extracted[i];
		jr_path(p, sizeof(p), "", "hasExtractedLicensingInfos", i++);
		if ((rc = jr_obj_check(r, v, p)) < 0 ||
		    (rc = jr_str(r, &x->license_id, v, "licenseId", p)) < 0 ||
		    (rc = jr_str(r, &x->text, v, "extractedText", p)) < 0 ||
		    (rc = jr_str(r, &x->name, v, "name", p)) < 0 ||
		    (rc = jr_str(r, &x->comment, v, "comment", p)) < 0 ||
		    (rc = jr_strs(r, &x->see_also, &x->nsee_also, v, "seeAlsos",
				  p)) < 0)
			return rc;
	}
	return 0;
}

static int read_tree(struct sbom_doc **out, const cJSON *root, bool borrow,
		     const char *name, struct oh_err *err)
{
	struct jr r = { .borrow = borrow, .name = name, .err = err };
	char path[512] = "";
	int rc = 0;

	*out = NULL;
	if (!cJSON_IsObject(root))
		return oh_err_set(err, OH_EINPUT, name, 0, 0,
				  "top level: expected an object");
	if ((rc = jr_dups(&r, root, path, sizeof(path))) < 0)
		return rc;
	r.doc = sbom_doc_new();
	r.doc->format = SBOM_FORMAT_JSON;
	if ((rc = jr_doc_top(&r, root)) < 0 ||
	    (rc = jr_docrefs(&r, root)) < 0 ||
	    (rc = jr_elements(&r, root)) < 0 || (rc = jr_rels(&r, root)) < 0)
		goto out;
	*out = r.doc;
	r.doc = NULL;
out:
	sbom_doc_free(r.doc);
	return rc;
}

int sbom_read_json_tree(struct sbom_doc **out, const cJSON *root,
			const char *name, struct oh_err *err)
{
	return read_tree(out, root, false, name, err);
}

int sbom_read_json_tree_borrow(struct sbom_doc **out, const cJSON *root,
			       struct oh_arena *tree, const char *name,
			       struct oh_err *err)
{
	int rc = read_tree(out, root, true, name, err);

	if (rc == 0 && tree)
		oh_arena_adopt(&(*out)->arena, tree);
	return rc;
}

int sbom_read_json(struct sbom_doc **out, const char *s, size_t len,
		   const char *name, struct oh_err *err)
{
	struct oh_arena tree = OH_ARENA_INIT;
	cJSON *root = NULL;
	int rc;

	*out = NULL;
	if ((rc = sbom_json_parse_arena(&root, &tree, s, len, name, err)) == 0)
		rc = sbom_read_json_tree_borrow(out, root, &tree, name, err);
	oh_arena_release(&tree);
	return rc;
}
