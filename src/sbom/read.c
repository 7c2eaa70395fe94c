/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The generic reader (format from content), document life cycle, and the
 * map from a validator JSON path back to an input line.
 */
#include "sbom/model.h"
#include "sbom/cdx.h"
#include "sbom/spdx3.h"

#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/err.h"
#include "core/xalloc.h"
#include "core/banned.h"

/* One UTF-16 code unit at s (2 bytes), little or big endian. */
static unsigned unit(const unsigned char *s, bool le)
{
	return le ? (unsigned)s[0] | (unsigned)s[1] << 8
		  : (unsigned)s[0] << 8 | (unsigned)s[1];
}

static void put_utf8(struct oh_buf *out, unsigned cp)
{
	if (cp < 0x80) {
		oh_buf_addch(out, (int)cp);
	} else if (cp < 0x800) {
		oh_buf_addch(out, (int)(0xc0 | cp >> 6));
		oh_buf_addch(out, (int)(0x80 | (cp & 0x3f)));
	} else if (cp < 0x10000) {
		oh_buf_addch(out, (int)(0xe0 | cp >> 12));
		oh_buf_addch(out, (int)(0x80 | (cp >> 6 & 0x3f)));
		oh_buf_addch(out, (int)(0x80 | (cp & 0x3f)));
	} else {
		oh_buf_addch(out, (int)(0xf0 | cp >> 18));
		oh_buf_addch(out, (int)(0x80 | (cp >> 12 & 0x3f)));
		oh_buf_addch(out, (int)(0x80 | (cp >> 6 & 0x3f)));
		oh_buf_addch(out, (int)(0x80 | (cp & 0x3f)));
	}
}

int sbom_utf16_decode(struct oh_buf *out, const char *s, size_t len,
		      const char *name, struct oh_err *err)
{
	const unsigned char *u = (const unsigned char *)s;
	bool le;
	size_t i;

	if (len < 2 ||
	    !((u[0] == 0xff && u[1] == 0xfe) || (u[0] == 0xfe && u[1] == 0xff)))
		return 0;
	le = u[0] == 0xff;
	if (len % 2 != 0)
		return oh_err_set(err, OH_EINPUT, name, 0, 0,
				  "UTF-16 text of an odd number of bytes");
	for (i = 2; i + 1 < len; i += 2) {
		unsigned cp = unit(u + i, le);

		if (cp >= 0xdc00 && cp <= 0xdfff)
			break;
		if (cp >= 0xd800 && cp <= 0xdbff) {
			unsigned lo = i + 3 < len ? unit(u + i + 2, le) : 0;

			if (lo < 0xdc00 || lo > 0xdfff)
				break;
			cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
			i += 2;
		}
		put_utf8(out, cp);
	}
	if (i < len) {
		oh_buf_reset(out);
		return oh_err_set(err, OH_EINPUT, name, 0, 0,
				  "invalid UTF-16 at byte %zu", i);
	}
	return 1;
}

struct sbom_doc *sbom_doc_new(void)
{
	struct sbom_doc *d = oh_xcalloc(1, sizeof(*d));

	d->arena = (struct oh_arena)OH_ARENA_INIT;
	d->format = SBOM_FORMAT_UNKNOWN;
	return d;
}

void *sbom_arena_grow(struct oh_arena *a, void *old, size_t n, size_t size)
{
	if (n != 0 && (n & (n - 1)) != 0)
		return old; /* room left below the next power of two */
	if (n == 0)
		return oh_arena_alloc(a, size);
	/* in place where it can: no old copies left behind */
	return oh_arena_grow(a, old, oh_mul(n, size), oh_mul(2 * n, size));
}

static int read_utf8(struct sbom_doc **out, const char *s, size_t len,
		     const char *name, struct oh_err *err);
static int read_xml_any(struct sbom_doc **out, const char *s, size_t len,
			const char *name, struct oh_err *err);

/* UTF-16 with a byte-order mark (SPDX tools ship such examples). */
int sbom_read(struct sbom_doc **out, const char *s, size_t len,
	      const char *name, struct oh_err *err)
{
	struct oh_buf u8 = OH_BUF_INIT;
	int rc;

	*out = NULL;
	if (len > SBOM_MAX_BYTES)
		return oh_err_set(err, OH_ELIMIT, name, 0, 0,
				  "document larger than %u bytes",
				  SBOM_MAX_BYTES);
	rc = sbom_utf16_decode(&u8, s, len, name, err);
	if (rc == 1)
		/* libxml2 reads UTF-16 XML itself, by its declaration */
		rc = sbom_format_detect(u8.buf, u8.len) == SBOM_FORMAT_RDF
			     ? read_xml_any(out, s, len, name, err)
			     : read_utf8(out, u8.buf, u8.len, name, err);
	else if (rc == 0)
		rc = read_utf8(out, s, len, name, err);
	oh_buf_release(&u8);
	return rc;
}

/* JSON: an SPDX 2 document, SPDX 3 JSON-LD or a CycloneDX BOM. */
static int read_json_any(struct sbom_doc **out, const char *s, size_t len,
			 const char *name, struct oh_err *err)
{
	struct oh_arena tree = OH_ARENA_INIT;
	cJSON *root = NULL;
	int rc;

	if ((rc = sbom_json_parse_arena(&root, &tree, s, len, name, err)) < 0)
		;
	else if (sbom_cdx_is_tree(root))
		rc = sbom_cdx_read_tree(out, root, name, err);
	else if (sbom_spdx3_is_tree(root))
		rc = sbom_spdx3_read_tree(out, root, name, err);
	else
		rc = sbom_read_json_tree_borrow(out, root, &tree, name, err);
	oh_arena_release(&tree);
	return rc;
}

/* XML: SPDX RDF/XML, SPDX XML or a CycloneDX BOM. */
static int read_xml_any(struct sbom_doc **out, const char *s, size_t len,
			const char *name, struct oh_err *err)
{
	struct oh_arena tree = OH_ARENA_INIT;
	cJSON *root = NULL;
	int rc;

	if (sbom_spdxxml_is(s, len))
		return sbom_read_spdxxml(out, s, len, name, err);
	if (!sbom_cdx_is_xml(s, len))
		return sbom_read_rdf(out, s, len, name, err);
	if ((rc = sbom_cdx_xml_parse(&root, &tree, s, len, name, err)) == 0) {
		rc = sbom_cdx_read_tree(out, root, name, err);
		if (rc == 0)
			(*out)->format = SBOM_FORMAT_RDF;
	}
	oh_arena_release(&tree);
	return rc;
}

static int read_utf8(struct sbom_doc **out, const char *s, size_t len,
		     const char *name, struct oh_err *err)
{
	enum sbom_format f = sbom_format_detect(s, len);

	*out = NULL;
	switch (f) {
	case SBOM_FORMAT_JSON:
		return read_json_any(out, s, len, name, err);
	case SBOM_FORMAT_TAGVALUE:
		return sbom_read_tv(out, s, len, name, err);
	case SBOM_FORMAT_RDF:
		return read_xml_any(out, s, len, name, err);
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
