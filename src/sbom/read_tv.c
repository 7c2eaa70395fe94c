/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * SPDX tag-value reader: "Tag: value" lines, '#' comments, blank lines,
 * and values in <text>...</text> that may span lines.  PackageName,
 * FileName, SnippetSPDXID, LicenseID and Annotator start a new element;
 * the tags after it belong to it (SPDXID included).  A Relationship or an
 * annotation written among an element's tags does not end the element:
 * the element's tags after it still belong to it.  As SPDX 2.3 clause
 * 5.2.3 says (and tools-python reads), a file that follows a package
 * belongs to it: the reader adds "package CONTAINS file" for the last
 * package before each file, unless the document states that very
 * relationship itself.  Unknown tags are skipped.  Errors give the line (and column);
 * the line of every field read is kept (doc->fieldline) for diagnostics.
 */
#include "sbom/model.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/err.h"
#include "core/xalloc.h"
#include "core/banned.h"

enum section { S_DOC, S_PKG, S_FILE, S_SNIP, S_LIC, S_ANN, S_REL };

#define COUNTERS_MAX 16 /* list fields per element kind is below this */

/* How many of each list field ("checksums") an element has so far. */
struct counters {
	struct {
		const char *key; /* static string: compared by address */
		unsigned n;
	} c[COUNTERS_MAX];
	size_t n;
};

struct tv {
	struct sbom_doc *d;
	const char *name;
	struct oh_err *err;
	enum section sec;
	enum section elem; /* the element a relationship or annotation is in */
	unsigned line;
	size_t last_pkg;          /* 1 + index of the last package; 0 none */
	struct counters elem_cnt; /* list fields of the current element */
	struct counters doc_cnt;  /* list fields of the document */
};

#define PUSH(tv, arr, n)                                              \
	((arr) = sbom_arena_grow(&(tv)->d->arena, (void *)(arr), (n), \
				 sizeof(*(arr))),                     \
	 &(arr)[(n)++])

static int fail(struct tv *t, unsigned col, const char *msg, const char *v)
{
	return oh_err_set(t->err, OH_EINPUT, t->name, t->line, col,
			  "%s%s%.60s%s", msg, v ? " '" : "", v ? v : "",
			  v ? "'" : "");
}

static int limit(struct tv *t, size_t n)
{
	if (n >= SBOM_MAX_ITEMS)
		return oh_err_set(t->err, OH_ELIMIT, t->name, t->line, 0,
				  "more than %u items in one list",
				  SBOM_MAX_ITEMS);
	return 0;
}

static const char *dup(struct tv *t, const char *s)
{
	return oh_arena_strdup(&t->d->arena, s);
}

/* Split "a b c" into words (at most max); returns the count. */
static size_t words(char *s, char **w, size_t max)
{
	size_t n = 0;

	while (*s != '\0' && n < max) {
		while (*s == ' ' || *s == '\t')
			s++;
		if (*s == '\0')
			break;
		w[n++] = s;
		if (n == max)
			break;
		while (*s != '\0' && *s != ' ' && *s != '\t')
			s++;
		if (*s != '\0')
			*s++ = '\0';
	}
	return n;
}

/* "SHA1: hex" */
static int checksum(struct tv *t, struct sbom_checksum *c, char *v)
{
	char *colon = strchr(v, ':');

	if (!colon || colon == v)
		return fail(t, 0, "expected 'ALGORITHM: value', not", v);
	*colon = '\0';
	c->algorithm = dup(t, v);
	for (colon++; *colon == ' '; colon++)
		;
	c->value = dup(t, colon);
	return 0;
}

static struct sbom_package *pkg(struct tv *t)
{
	return t->sec == S_PKG ? &t->d->pkg[t->d->npkg - 1] : NULL;
}

static struct sbom_file *file(struct tv *t)
{
	return t->sec == S_FILE ? &t->d->file[t->d->nfile - 1] : NULL;
}

static struct sbom_snippet *snip(struct tv *t)
{
	return t->sec == S_SNIP ? &t->d->snippet[t->d->nsnippet - 1] : NULL;
}

static int start(struct tv *t, enum section s)
{
	struct sbom_doc *d = t->d;
	int rc = 0;

	switch (s) {
	case S_PKG:
		if ((rc = limit(t, d->npkg)) == 0) {
			struct sbom_package *p = PUSH(t, d->pkg, d->npkg);
			p->files_analyzed = -1;
			p->line = t->line;
			t->last_pkg = d->npkg;
		}
		break;
	case S_FILE:
		if ((rc = limit(t, d->nfile)) == 0) {
			struct sbom_file *f = PUSH(t, d->file, d->nfile);
			f->line = t->line;
			f->tv_package = t->last_pkg;
		}
		break;
	case S_SNIP:
		if ((rc = limit(t, d->nsnippet)) == 0)
			PUSH(t, d->snippet, d->nsnippet)->line = t->line;
		break;
	case S_LIC:
		if ((rc = limit(t, d->nextracted)) == 0)
			PUSH(t, d->extracted, d->nextracted)->line = t->line;
		break;
	case S_ANN:
		if ((rc = limit(t, d->nannotation)) == 0)
			PUSH(t, d->annotation, d->nannotation)->line = t->line;
		break;
	default:
		break;
	}
	t->sec = s;
	if (s != S_ANN) {
		t->elem = s;
		t->elem_cnt.n = 0;
	}
	return rc;
}

/* Document-level tags. */
static int doc_field(struct tv *t, const char *tag, char *v, bool *done)
{
	struct sbom_doc *d = t->d;
	char *w[4];
	int rc = 0;

	*done = true;
	if (strcmp(tag, "SPDXVersion") == 0) {
		d->spdx_version = dup(t, v);
	} else if (strcmp(tag, "DataLicense") == 0) {
		d->data_license = dup(t, v);
	} else if (strcmp(tag, "DocumentName") == 0) {
		d->name = dup(t, v);
	} else if (strcmp(tag, "DocumentNamespace") == 0) {
		d->namespace_ = dup(t, v);
	} else if (strcmp(tag, "DocumentComment") == 0) {
		d->comment = dup(t, v);
	} else if (strcmp(tag, "Creator") == 0) {
		if ((rc = limit(t, d->ncreators)) == 0)
			*PUSH(t, d->creators, d->ncreators) = dup(t, v);
	} else if (strcmp(tag, "Created") == 0) {
		d->created = dup(t, v);
	} else if (strcmp(tag, "CreatorComment") == 0) {
		d->creator_comment = dup(t, v);
	} else if (strcmp(tag, "LicenseListVersion") == 0) {
		d->license_list_version = dup(t, v);
	} else if (strcmp(tag, "ExternalDocumentRef") == 0) {
		struct sbom_docref *r;
		struct sbom_checksum c;

		if (words(v, w, 3) != 3)
			return fail(
				t, 0,
				"expected 'DocumentRef-x URI ALGORITHM: value'",
				NULL);
		if ((rc = limit(t, d->ndocref)) < 0 ||
		    (rc = checksum(t, &c, w[2])) < 0)
			return rc;
		r = PUSH(t, d->docref, d->ndocref);
		r->id = dup(t, w[0]);
		r->document = dup(t, w[1]);
		r->checksum_alg = c.algorithm;
		r->checksum_value = c.value;
		r->line = t->line;
	} else {
		*done = false;
	}
	return rc;
}

/* Tags that open an element or live at document level. */
static int doc_tag(struct tv *t, const char *tag, char *v, bool *done)
{
	struct sbom_doc *d = t->d;
	char *w[4];
	int rc = 0;

	*done = true;
	if (strcmp(tag, "PackageName") == 0) {
		if ((rc = start(t, S_PKG)) == 0)
			pkg(t)->name = dup(t, v);
	} else if (strcmp(tag, "FileName") == 0) {
		if ((rc = start(t, S_FILE)) == 0)
			file(t)->name = dup(t, v);
	} else if (strcmp(tag, "SnippetSPDXID") == 0) {
		if ((rc = start(t, S_SNIP)) == 0) {
			snip(t)->spdxid = dup(t, v);
		}
	} else if (strcmp(tag, "LicenseID") == 0) {
		if ((rc = start(t, S_LIC)) == 0)
			d->extracted[d->nextracted - 1].license_id = dup(t, v);
	} else if (strcmp(tag, "Annotator") == 0) {
		if ((rc = start(t, S_ANN)) == 0)
			d->annotation[d->nannotation - 1].annotator = dup(t, v);
	} else if (strcmp(tag, "Relationship") == 0) {
		struct sbom_relationship *r;

		if (words(v, w, 3) != 3)
			return fail(t, 0, "expected 'ELEMENT TYPE ELEMENT'",
				    NULL);
		if ((rc = limit(t, d->nrel)) < 0)
			return rc;
		r = PUSH(t, d->rel, d->nrel);
		r->element = dup(t, w[0]);
		r->type = dup(t, w[1]);
		r->related = dup(t, w[2]);
		r->line = t->line;
		t->sec = S_REL;
	} else if (strcmp(tag, "RelationshipComment") == 0 && t->sec == S_REL) {
		d->rel[d->nrel - 1].comment = dup(t, v);
	} else {
		return doc_field(t, tag, v, done);
	}
	return rc;
}

/* The list a repeatable package tag appends to, or NULL. */
static const char ***pkg_list_tag(struct sbom_package *p, const char *tag,
				  size_t **n)
{
	if (strcmp(tag, "PackageLicenseInfoFromFiles") == 0) {
		*n = &p->nlicense_info_from_files;
		return &p->license_info_from_files;
	}
	if (strcmp(tag, "PackageAttributionText") == 0) {
		*n = &p->nattribution;
		return &p->attribution;
	}
	return NULL;
}

/* "a, b" after "excludes:" */
static void excludes(struct tv *t, struct sbom_package *p, char *s)
{
	while (s && *s != '\0') {
		char *comma = strchr(s, ',');
		size_t n;

		if (comma)
			*comma = '\0';
		while (*s == ' ')
			s++;
		n = strlen(s);
		while (n > 0 && s[n - 1] == ' ')
			s[--n] = '\0';
		if (*s != '\0')
			*PUSH(t, p->verif_excluded, p->nverif_excluded) =
				dup(t, s);
		s = comma ? comma + 1 : NULL;
	}
}

static int verif_code(struct tv *t, struct sbom_package *p, char *v)
{
	char *open = strchr(v, '(');
	char *end = v + strlen(v);

	if (open) {
		char *close = strrchr(open, ')');
		char *s = open + 1;

		*open = '\0';
		if (!close || close[1 + strspn(close + 1, " \t")] != '\0')
			return fail(t, 0,
				    "expected 'HEX (excludes: FILE, ...)'",
				    NULL);
		*close = '\0';
		/* "(excludes: a, b)" (7.9) or "(a, b)" as the 2.3 example */
		s += strspn(s, " \t");
		if (strncasecmp(s, "excludes", 8) == 0 &&
		    s[8 + strspn(s + 8, " \t")] == ':')
			s = strchr(s, ':') + 1;
		excludes(t, p, s);
		end = open;
	}
	while (end > v && end[-1] == ' ')
		*--end = '\0';
	p->verif_code = dup(t, v);
	return 0;
}

static int pkg_tag(struct tv *t, struct sbom_package *p, const char *tag,
		   char *v)
{
	static const struct {
		const char *tag;
		size_t off;
	} strs[] = {
#define F(tag, field) { tag, offsetof(struct sbom_package, field) }
		F("SPDXID", spdxid),
		F("PackageVersion", version),
		F("PackageFileName", file_name),
		F("PackageSupplier", supplier),
		F("PackageOriginator", originator),
		F("PackageDownloadLocation", download_location),
		F("PackageHomePage", homepage),
		F("PackageSourceInfo", source_info),
		F("PackageLicenseConcluded", license_concluded),
		F("PackageLicenseDeclared", license_declared),
		F("PackageLicenseComments", license_comments),
		F("PackageCopyrightText", copyright),
		F("PackageSummary", summary),
		F("PackageDescription", description),
		F("PackageComment", comment),
		F("PrimaryPackagePurpose", primary_purpose),
		F("ReleaseDate", release_date),
		F("BuiltDate", built_date),
		F("ValidUntilDate", valid_until_date),
#undef F
	};
	const char ***list;
	size_t *n;
	char *w[3];

	for (size_t i = 0; i < sizeof(strs) / sizeof(strs[0]); i++)
		if (strcmp(tag, strs[i].tag) == 0) {
			*(const char **)((char *)p + strs[i].off) = dup(t, v);
			return 0;
		}
	if ((list = pkg_list_tag(p, tag, &n)) != NULL) {
		int rc = limit(t, *n);

		if (rc < 0)
			return rc;
		*PUSH(t, *list, *n) = dup(t, v);
		return 0;
	}
	if (strcmp(tag, "FilesAnalyzed") == 0) {
		if (strcmp(v, "true") != 0 && strcmp(v, "false") != 0)
			return fail(t, 0, "expected true or false, not", v);
		p->files_analyzed = strcmp(v, "true") == 0;
	} else if (strcmp(tag, "PackageVerificationCode") == 0) {
		return verif_code(t, p, v);
	} else if (strcmp(tag, "PackageChecksum") == 0) {
		int rc = limit(t, p->nchecksum);

		return rc < 0 ? rc
			      : checksum(t, PUSH(t, p->checksum, p->nchecksum),
					 v);
	} else if (strcmp(tag, "ExternalRef") == 0) {
		struct sbom_extref *r;

		if (words(v, w, 3) != 3)
			return fail(t, 0, "expected 'CATEGORY TYPE LOCATOR'",
				    NULL);
		r = PUSH(t, p->extref, p->nextref);
		r->category = dup(t, w[0]);
		r->type = dup(t, w[1]);
		r->locator = dup(t, w[2]);
	} else if (strcmp(tag, "ExternalRefComment") == 0 && p->nextref) {
		p->extref[p->nextref - 1].comment = dup(t, v);
	}
	return 0;
}

static int file_tag(struct tv *t, struct sbom_file *f, const char *tag, char *v)
{
	const char ***list = NULL;
	size_t *n = NULL;

	if (strcmp(tag, "SPDXID") == 0)
		f->spdxid = dup(t, v);
	else if (strcmp(tag, "LicenseConcluded") == 0)
		f->license_concluded = dup(t, v);
	else if (strcmp(tag, "FileCopyrightText") == 0)
		f->copyright = dup(t, v);
	else if (strcmp(tag, "FileComment") == 0)
		f->comment = dup(t, v);
	else if (strcmp(tag, "FileNotice") == 0)
		f->notice = dup(t, v);
	else if (strcmp(tag, "LicenseComments") == 0)
		f->license_comments = dup(t, v);
	else if (strcmp(tag, "FileChecksum") == 0) {
		int rc = limit(t, f->nchecksum);

		return rc < 0 ? rc
			      : checksum(t, PUSH(t, f->checksum, f->nchecksum),
					 v);
	} else if (strcmp(tag, "LicenseInfoInFile") == 0) {
		list = &f->license_info;
		n = &f->nlicense_info;
	} else if (strcmp(tag, "FileType") == 0) {
		list = &f->file_types;
		n = &f->nfile_types;
	} else if (strcmp(tag, "FileContributor") == 0) {
		list = &f->contributors;
		n = &f->ncontributors;
	}
	if (list) {
		int rc = limit(t, *n);

		if (rc < 0)
			return rc;
		*PUSH(t, *list, *n) = dup(t, v);
	}
	return 0;
}

static int range(struct tv *t, struct sbom_snippet *s, char *v, int is_line)
{
	char *colon = strchr(v, ':');
	char *e1, *e2;
	struct sbom_range *g;
	long long a, b;

	if (!colon)
		return fail(t, 0, "expected 'START:END', not", v);
	a = strtoll(v, &e1, 10);
	b = strtoll(colon + 1, &e2, 10);
	if (e1 != colon || *e2 != '\0' || a < 0 || b < 0)
		return fail(t, 0, "expected 'START:END', not", v);
	g = PUSH(t, s->range, s->nrange);
	g->ref = s->from_file;
	g->start = a;
	g->end = b;
	g->is_line = is_line;
	return 0;
}

static int snip_tag(struct tv *t, struct sbom_snippet *s, const char *tag,
		    char *v)
{
	if (strcmp(tag, "SnippetFromFileSPDXID") == 0) {
		s->from_file = dup(t, v);
		for (size_t i = 0; i < s->nrange; i++)
			s->range[i].ref = s->from_file;
	} else if (strcmp(tag, "SnippetByteRange") == 0) {
		return range(t, s, v, 0);
	} else if (strcmp(tag, "SnippetLineRange") == 0) {
		return range(t, s, v, 1);
	} else if (strcmp(tag, "SnippetLicenseConcluded") == 0) {
		s->license_concluded = dup(t, v);
	} else if (strcmp(tag, "LicenseInfoInSnippet") == 0) {
		*PUSH(t, s->license_info, s->nlicense_info) = dup(t, v);
	} else if (strcmp(tag, "SnippetLicenseComments") == 0) {
		s->license_comments = dup(t, v);
	} else if (strcmp(tag, "SnippetCopyrightText") == 0) {
		s->copyright = dup(t, v);
	} else if (strcmp(tag, "SnippetComment") == 0) {
		s->comment = dup(t, v);
	} else if (strcmp(tag, "SnippetName") == 0) {
		s->name = dup(t, v);
	}
	return 0;
}

static int other_tag(struct tv *t, const char *tag, char *v)
{
	struct sbom_doc *d = t->d;

	if (t->sec == S_LIC) {
		struct sbom_extracted *e = &d->extracted[d->nextracted - 1];

		if (strcmp(tag, "ExtractedText") == 0)
			e->text = dup(t, v);
		else if (strcmp(tag, "LicenseName") == 0)
			e->name = dup(t, v);
		else if (strcmp(tag, "LicenseComment") == 0)
			e->comment = dup(t, v);
		else if (strcmp(tag, "LicenseCrossReference") == 0)
			*PUSH(t, e->see_also, e->nsee_also) = dup(t, v);
		return 0;
	}
	if (t->sec == S_ANN) {
		struct sbom_annotation *a = &d->annotation[d->nannotation - 1];

		if (strcmp(tag, "AnnotationDate") == 0)
			a->date = dup(t, v);
		else if (strcmp(tag, "AnnotationType") == 0)
			a->type = dup(t, v);
		else if (strcmp(tag, "AnnotationComment") == 0)
			a->comment = dup(t, v);
		else if (strcmp(tag, "SPDXREF") == 0)
			a->about = dup(t, v);
		return 0;
	}
	if (strcmp(tag, "SPDXID") == 0 && t->sec == S_DOC)
		d->spdxid = dup(t, v);
	return 0;
}

static bool annotation_tag(const char *tag)
{
	return strcmp(tag, "AnnotationDate") == 0 ||
	       strcmp(tag, "AnnotationType") == 0 ||
	       strcmp(tag, "AnnotationComment") == 0 ||
	       strcmp(tag, "SPDXREF") == 0;
}

static int tag_value(struct tv *t, const char *tag, char *v)
{
	bool done;
	int rc = doc_tag(t, tag, v, &done);

	if (done || rc < 0)
		return rc;
	/* Back to the element a relationship or annotation interrupted. */
	if (t->sec == S_REL || (t->sec == S_ANN && !annotation_tag(tag)))
		t->sec = t->elem;
	switch (t->sec) {
	case S_PKG:
		return pkg_tag(t, pkg(t), tag, v);
	case S_FILE:
		return file_tag(t, file(t), tag, v);
	case S_SNIP:
		return snip_tag(t, snip(t), tag, v);
	default:
		return other_tag(t, tag, v);
	}
}

/* The value after "Tag:" at p (one line, or <text> over lines). */
static int value(struct tv *t, char **out, const char **p, const char *end)
{
	const char *s = *p, *nl;

	while (s < end && (*s == ' ' || *s == '\t'))
		s++;
	if (end - s >= 6 && memcmp(s, "<text>", 6) == 0) {
		const char *close = NULL;
		unsigned opened = t->line;

		for (const char *q = s + 6; q + 7 <= end; q++)
			if (memcmp(q, "</text>", 7) == 0) {
				close = q;
				break;
			}
		if (!close) {
			t->line = opened;
			return fail(t, 0, "<text> is never closed", NULL);
		}
		if (memchr(s + 6, '\0', (size_t)(close - s - 6)))
			return fail(t, 0, "NUL byte in a value", NULL);
		*out = oh_xstrndup(s + 6, (size_t)(close - s - 6));
		for (const char *q = s; q < close; q++)
			t->line += *q == '\n';
		nl = memchr(close, '\n', (size_t)(end - close));
		*p = nl ? nl + 1 : end;
		return 0;
	}
	nl = memchr(s, '\n', (size_t)(end - s));
	{
		const char *e = nl ? nl : end;

		while (e > s &&
		       (e[-1] == '\r' || e[-1] == ' ' || e[-1] == '\t'))
			e--;
		if (memchr(s, '\0', (size_t)(e - s)))
			return fail(t, 0, "NUL byte in a value", NULL);
		*out = oh_xstrndup(s, (size_t)(e - s));
	}
	*p = nl ? nl + 1 : end;
	return 0;
}

/* The "Tag:" of the line at p (to le) into tag; the colon's address. */
static int line_tag(struct tv *t, char *tag, size_t size, const char *p,
		    const char *q, const char *le, const char **colon)
{
	*colon = memchr(q, ':', (size_t)(le - q));
	if (!*colon || *colon == q || (size_t)(*colon - q) >= size)
		return fail(t, (unsigned)(q - p) + 1, "expected 'Tag: value'",
			    NULL);
	memcpy(tag, q, (size_t)(*colon - q));
	tag[*colon - q] = '\0';
	for (char *c = tag; *c != '\0'; c++)
		if (*c == ' ' || *c == '\t')
			return fail(t, (unsigned)(q - p) + 1,
				    "a tag has no spaces:", tag);
	return 0;
}

/* ---- field lines -------------------------------------------------------- */

struct field_key {
	const char *tag;
	const char *key;
	bool list; /* repeatable: each one is an entry of a JSON array */
};

static const struct field_key doc_keys[] = {
	{ "SPDXVersion", "spdxVersion", false },
	{ "DataLicense", "dataLicense", false },
	{ "DocumentName", "name", false },
	{ "DocumentNamespace", "documentNamespace", false },
	{ "DocumentComment", "comment", false },
	{ "Creator", "creationInfo.creators", true },
	{ "Created", "creationInfo.created", false },
	{ "CreatorComment", "creationInfo.comment", false },
	{ "LicenseListVersion", "creationInfo.licenseListVersion", false },
	{ NULL, NULL, false },
};

static const struct field_key pkg_keys[] = {
	{ "PackageName", "name", false },
	{ "SPDXID", "SPDXID", false },
	{ "PackageVersion", "versionInfo", false },
	{ "PackageFileName", "packageFileName", false },
	{ "PackageSupplier", "supplier", false },
	{ "PackageOriginator", "originator", false },
	{ "PackageDownloadLocation", "downloadLocation", false },
	{ "FilesAnalyzed", "filesAnalyzed", false },
	{ "PackageVerificationCode", "packageVerificationCode", false },
	{ "PackageChecksum", "checksums", true },
	{ "PackageHomePage", "homepage", false },
	{ "PackageSourceInfo", "sourceInfo", false },
	{ "PackageLicenseConcluded", "licenseConcluded", false },
	{ "PackageLicenseInfoFromFiles", "licenseInfoFromFiles", true },
	{ "PackageLicenseDeclared", "licenseDeclared", false },
	{ "PackageLicenseComments", "licenseComments", false },
	{ "PackageCopyrightText", "copyrightText", false },
	{ "PackageSummary", "summary", false },
	{ "PackageDescription", "description", false },
	{ "PackageComment", "comment", false },
	{ "ExternalRef", "externalRefs", true },
	{ "PackageAttributionText", "attributionTexts", true },
	{ "PrimaryPackagePurpose", "primaryPackagePurpose", false },
	{ "ReleaseDate", "releaseDate", false },
	{ "BuiltDate", "builtDate", false },
	{ "ValidUntilDate", "validUntilDate", false },
	{ NULL, NULL, false },
};

static const struct field_key file_keys[] = {
	{ "FileName", "fileName", false },
	{ "SPDXID", "SPDXID", false },
	{ "FileChecksum", "checksums", true },
	{ "LicenseConcluded", "licenseConcluded", false },
	{ "LicenseInfoInFile", "licenseInfoInFiles", true },
	{ "FileCopyrightText", "copyrightText", false },
	{ "FileComment", "comment", false },
	{ "FileNotice", "noticeText", false },
	{ "LicenseComments", "licenseComments", false },
	{ "FileType", "fileTypes", true },
	{ "FileContributor", "fileContributors", true },
	{ NULL, NULL, false },
};

static const struct field_key snip_keys[] = {
	{ "SnippetSPDXID", "SPDXID", false },
	{ "SnippetFromFileSPDXID", "snippetFromFile", false },
	{ "SnippetByteRange", "ranges", true },
	{ "SnippetLineRange", "ranges", true },
	{ "SnippetLicenseConcluded", "licenseConcluded", false },
	{ "LicenseInfoInSnippet", "licenseInfoInSnippets", true },
	{ "SnippetLicenseComments", "licenseComments", false },
	{ "SnippetCopyrightText", "copyrightText", false },
	{ "SnippetComment", "comment", false },
	{ "SnippetName", "name", false },
	{ NULL, NULL, false },
};

static const struct field_key lic_keys[] = {
	{ "LicenseID", "licenseId", false },
	{ "ExtractedText", "extractedText", false },
	{ "LicenseName", "name", false },
	{ "LicenseCrossReference", "seeAlsos", true },
	{ "LicenseComment", "comment", false },
	{ NULL, NULL, false },
};

static const struct field_key doc_spdxid = { "SPDXID", "SPDXID", false };

static const struct field_key *find_key(const struct field_key *k,
					const char *tag)
{
	for (; k->tag; k++)
		if (strcmp(k->tag, tag) == 0)
			return k;
	return NULL;
}

/* The element the tag just read belongs to: kind and index. */
static const struct field_key *field_of(struct tv *t, const char *tag,
					enum sbom_fl_kind *kind, size_t *idx)
{
	const struct field_key *k = find_key(doc_keys, tag);

	*idx = 0;
	*kind = SBOM_FL_DOC;
	if (k)
		return k;
	switch (t->sec) {
	case S_PKG:
		*kind = SBOM_FL_PKG;
		*idx = t->d->npkg - 1;
		return find_key(pkg_keys, tag);
	case S_FILE:
		*kind = SBOM_FL_FILE;
		*idx = t->d->nfile - 1;
		return find_key(file_keys, tag);
	case S_SNIP:
		*kind = SBOM_FL_SNIP;
		*idx = t->d->nsnippet - 1;
		return find_key(snip_keys, tag);
	case S_LIC:
		*kind = SBOM_FL_LIC;
		*idx = t->d->nextracted - 1;
		return find_key(lic_keys, tag);
	case S_DOC:
		return strcmp(tag, "SPDXID") == 0 ? &doc_spdxid : NULL;
	default:
		return NULL;
	}
}

/* How many of list field `key` came before; counts this one. */
static unsigned occurrence(struct counters *cs, const char *key)
{
	for (size_t i = 0; i < cs->n; i++)
		if (cs->c[i].key == key)
			return cs->c[i].n++;
	if (cs->n < COUNTERS_MAX) {
		cs->c[cs->n].key = key;
		cs->c[cs->n++].n = 1;
	}
	return 0;
}

/* Keep the line of the field a tag just filled. */
static void field_line(struct tv *t, const char *tag)
{
	enum sbom_fl_kind kind;
	size_t idx;
	const struct field_key *k = field_of(t, tag, &kind, &idx);
	struct sbom_fieldlines *fl;
	struct sbom_fieldline *e;

	if (!k)
		return;
	fl = &t->d->fl[kind];
	e = PUSH(t, fl->e, fl->n);
	e->key = k->key;
	e->idx = (unsigned)idx;
	e->line = t->line;
	e->occ = 0;
	if (k->list)
		e->occ = occurrence(kind == SBOM_FL_DOC ? &t->doc_cnt
							: &t->elem_cnt,
				    k->key);
}

/* One tag and its value starting at *p; *p moves past the value. */
static int one_tag(struct tv *t, const char **p, const char *le,
		   const char *end)
{
	const char *q = *p, *colon;
	char tag[64];
	char *v = NULL;
	unsigned at = t->line;
	int rc;

	while (q < le && (*q == ' ' || *q == '\t' || *q == '\r'))
		q++;
	if ((rc = line_tag(t, tag, sizeof(tag), *p, q, le, &colon)) < 0)
		return rc;
	*p = colon + 1;
	if ((rc = value(t, &v, p, end)) == 0) {
		unsigned last = t->line;

		t->line = at;
		rc = tag_value(t, tag, v);
		if (rc == 0) {
			field_line(t, tag);
			t->line = last;
		}
	}
	free(v);
	return rc;
}

static int parse(struct tv *t, const char *s, size_t len)
{
	const char *p = s, *end = s + len;
	int rc = 0;

	if (len >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0)
		p += 3;
	for (t->line = 1; p < end && rc == 0; t->line++) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *le = nl ? nl : end;
		const char *q = p;

		while (q < le && (*q == ' ' || *q == '\t' || *q == '\r'))
			q++;
		if (q == le || *q == '#')
			p = nl ? nl + 1 : end;
		else
			rc = one_tag(t, &p, le, end);
	}
	return rc;
}

static int key_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* "a\nb" in arena `a`: one key for the pair a CONTAINS b. */
static const char *pair_key(struct oh_arena *a, const char *x, const char *y)
{
	size_t nx = strlen(x), ny = strlen(y);
	char *k = oh_arena_alloc(a, nx + ny + 2);

	memcpy(k, x, nx);
	k[nx] = '\n';
	memcpy(k + nx + 1, y, ny + 1);
	return k;
}

/*
 * SPDX 5.2.3: each file that follows a package is CONTAINED by the last
 * package before it.  Added after the relationships read, skipping the
 * pairs the document states itself.  O((r + f) log r).
 */
static int implied_contains(struct tv *t)
{
	struct sbom_doc *d = t->d;
	struct oh_arena tmp = OH_ARENA_INIT;
	const char **keys = oh_xcalloc(d->nrel + 1, sizeof(*keys));
	size_t nkeys = 0, nrel = d->nrel;
	int rc = 0;

	for (size_t i = 0; i < nrel; i++)
		if (strcmp(d->rel[i].type, "CONTAINS") == 0)
			keys[nkeys++] = pair_key(&tmp, d->rel[i].element,
						 d->rel[i].related);
	qsort(keys, nkeys, sizeof(*keys), key_cmp);
	for (size_t i = 0; i < d->nfile && rc == 0; i++) {
		const struct sbom_file *f = &d->file[i];
		const char *pkg =
			f->tv_package ? d->pkg[f->tv_package - 1].spdxid : NULL;
		const char *k;
		struct sbom_relationship *r;

		if (!pkg || !f->spdxid)
			continue;
		k = pair_key(&tmp, pkg, f->spdxid);
		if (bsearch(&k, keys, nkeys, sizeof(*keys), key_cmp))
			continue;
		t->line = f->line;
		if ((rc = limit(t, d->nrel)) < 0)
			break;
		r = PUSH(t, d->rel, d->nrel);
		r->element = pkg;
		r->type = "CONTAINS";
		r->related = f->spdxid;
		r->line = f->line;
	}
	free(keys);
	oh_arena_release(&tmp);
	return rc;
}

int sbom_read_tv(struct sbom_doc **out, const char *s, size_t len,
		 const char *name, struct oh_err *err)
{
	struct tv t = { .name = name, .err = err };
	int rc;

	*out = NULL;
	if (len > SBOM_MAX_BYTES)
		return oh_err_set(err, OH_ELIMIT, name, 0, 0,
				  "document larger than %u bytes",
				  SBOM_MAX_BYTES);
	t.d = sbom_doc_new();
	t.d->format = SBOM_FORMAT_TAGVALUE;
	rc = parse(&t, s, len);
	if (rc == 0)
		rc = implied_contains(&t);
	if (rc == 0 && !t.d->spdx_version)
		rc = oh_err_set(err, OH_EINPUT, name, 0, 0,
				"not an SPDX document: no SPDXVersion tag");
	if (rc < 0) {
		sbom_doc_free(t.d);
		return rc;
	}
	*out = t.d;
	return 0;
}
