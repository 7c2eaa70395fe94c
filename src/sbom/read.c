/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The generic reader (format from content), document life cycle, and the
 * map from a validator JSON path back to an input line.
 */
#include "sbom/model.h"

#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "core/xalloc.h"
#include "core/banned.h"

struct sbom_doc *sbom_doc_new(void)
{
	struct sbom_doc *d = oh_xcalloc(1, sizeof(*d));

	d->arena = (struct oh_arena)OH_ARENA_INIT;
	d->format = SBOM_FORMAT_UNKNOWN;
	return d;
}

void *sbom_arena_grow(struct oh_arena *a, void *old, size_t n, size_t size)
{
	void *p;

	if (n != 0 && (n & (n - 1)) != 0)
		return old; /* room left below the next power of two */
	p = oh_arena_alloc(a, (n ? 2 * n : 1) * size);
	if (n)
		memcpy(p, old, n * size);
	return p;
}

int sbom_read(struct sbom_doc **out, const char *s, size_t len,
	      const char *name, struct oh_err *err)
{
	enum sbom_format f = sbom_format_detect(s, len);

	*out = NULL;
	switch (f) {
	case SBOM_FORMAT_JSON:
		return sbom_read_json(out, s, len, name, err);
	case SBOM_FORMAT_TAGVALUE:
		return sbom_read_tv(out, s, len, name, err);
	case SBOM_FORMAT_RDF:
		return sbom_read_rdf(out, s, len, name, err);
	case SBOM_FORMAT_YAML:
		return sbom_read_yaml(out, s, len, name, err);
	case SBOM_FORMAT_XLSX:
		return oh_err_set(err, OH_EINPUT, name, 0, 0,
				  "%s is not supported; use SPDX JSON, "
				  "YAML, tag-value or RDF/XML",
				  sbom_format_name(f));
	case SBOM_FORMAT_UNKNOWN:
		break;
	}
	return oh_err_set(err, OH_EINPUT, name, 0, 0,
			  "not an SPDX document (no JSON object, tag-value "
			  "SPDXVersion tag or XML found)");
}

void sbom_doc_free(struct sbom_doc *doc)
{
	if (!doc)
		return;
	oh_arena_release(&doc->arena);
	free(doc);
}

/* "packages[12]..." -> 12 when `where` starts with `key` and an index. */
static int path_index(const char *where, const char *key, size_t *idx)
{
	size_t n = strlen(key);
	char *end;
	unsigned long v;

	if (strncmp(where, key, n) != 0 || where[n] != '[' ||
	    where[n + 1] < '0' || where[n + 1] > '9')
		return 0;
	v = strtoul(where + n + 1, &end, 10);
	if (*end != ']')
		return 0;
	*idx = v;
	return 1;
}

/*
 * The line of field `rest` ("checksums[1].checksumValue", "versionInfo")
 * of element idx in `fl`, or 0.  A key matches when `rest` starts with it
 * followed by the end, '.' or '[' (then the index is the occurrence).
 */
static unsigned field_line(const struct sbom_fieldlines *fl, size_t idx,
			   const char *rest)
{
	size_t lo = 0, hi = fl->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (fl->e[mid].idx < idx)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (size_t i = lo; i < fl->n && fl->e[i].idx == idx; i++) {
		const struct sbom_fieldline *e = &fl->e[i];
		size_t k = strlen(e->key);
		unsigned long occ = 0;
		char c;

		if (strncmp(rest, e->key, k) != 0)
			continue;
		c = rest[k];
		if (c != '\0' && c != '.' && c != '[')
			continue;
		if (c == '[')
			occ = strtoul(rest + k + 1, NULL, 10);
		if (occ == e->occ)
			return e->line;
	}
	return 0;
}

/* After "packages[12]": the field path, or "" for the element itself. */
static const char *after_index(const char *where)
{
	const char *p = strchr(where, ']');

	if (!p)
		return "";
	return p[1] == '.' ? p + 2 : p + 1;
}

static unsigned element_line(const struct sbom_doc *doc, const char *where,
			     size_t i, enum sbom_fl_kind kind, unsigned line)
{
	unsigned f = field_line(&doc->fl[kind], i, after_index(where));

	return f ? f : line;
}

unsigned sbom_doc_line(const struct sbom_doc *doc, const char *where)
{
	size_t i;

	if (!doc || !where)
		return 0;
	if (path_index(where, "packages", &i))
		return i < doc->npkg ? element_line(doc, where, i, SBOM_FL_PKG,
						    doc->pkg[i].line)
				     : 0;
	if (path_index(where, "files", &i))
		return i < doc->nfile
			       ? element_line(doc, where, i, SBOM_FL_FILE,
					      doc->file[i].line)
			       : 0;
	if (path_index(where, "snippets", &i))
		return i < doc->nsnippet
			       ? element_line(doc, where, i, SBOM_FL_SNIP,
					      doc->snippet[i].line)
			       : 0;
	if (path_index(where, "hasExtractedLicensingInfos", &i))
		return i < doc->nextracted
			       ? element_line(doc, where, i, SBOM_FL_LIC,
					      doc->extracted[i].line)
			       : 0;
	if (path_index(where, "relationships", &i))
		return i < doc->nrel ? doc->rel[i].line : 0;
	if (path_index(where, "annotations", &i))
		return i < doc->nannotation ? doc->annotation[i].line : 0;
	if (path_index(where, "externalDocumentRefs", &i))
		return i < doc->ndocref ? doc->docref[i].line : 0;
	return field_line(&doc->fl[SBOM_FL_DOC], 0, where);
}
