/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * SPDX XML reader: the XML form of SPDX 2.x that the SPDX tools write and
 * read (a <Document> root, one element per JSON key, no namespace), read
 * into the same JSON tree the SPDX JSON of the same document gives, which
 * the JSON reader and the validator then take, as for YAML.
 *
 * XML has no arrays and no types, so the SPDX 2.2/2.3 JSON schemas decide:
 * an element whose name is an array property there (packages, creators,
 * checksums, ...) is one item of that array, however many times it is
 * given; any other element given twice in one parent is refused with its
 * line.  Text is trimmed, as the SPDX tools read it; "filesAnalyzed" (and
 * a cross reference's isLive, isValid, isWayBackLink) read "true" and
 * "false" as booleans, and a range pointer's offset and lineNumber (and a
 * cross reference's order) read decimal integers as numbers; any other
 * text stays a string, which the validator then reports where the schema
 * wants another type.  An element with both text and child elements is
 * refused.  Attributes and namespaces are ignored: the format has none.
 *
 * The XML is read by sbom_xml_parse_stream() (read_rdf.c), with its
 * limits: no network, no DTD, no entity expansion, SBOM_MAX_BYTES.  Each
 * child of <Document> (one package, one relationship) is mapped as soon as
 * its end tag is read and then dropped (sbom_xml_drop(), with the text
 * beside it), so libxml2's tree never holds the whole document; the JSON tree is built in an arena (json_arena.c).
 */
#include "sbom/model.h"

#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>
#include <libxml/tree.h>

#include "core/arena.h"
#include "core/err.h"
#include "core/banned.h"

enum kind { K_STRING, K_ARRAY, K_NUMBER, K_BOOL };

/* Property names of the SPDX 2.2/2.3 JSON schemas that are not strings. */
static const struct {
	const char *name;
	enum kind kind;
} typed[] = {
	{ "annotations", K_ARRAY },
	{ "artifactOfs", K_ARRAY },
	{ "attributionTexts", K_ARRAY },
	{ "checksums", K_ARRAY },
	{ "creators", K_ARRAY },
	{ "crossRefs", K_ARRAY },
	{ "documentDescribes", K_ARRAY },
	{ "externalDocumentRefs", K_ARRAY },
	{ "externalRefs", K_ARRAY },
	{ "fileContributors", K_ARRAY },
	{ "fileDependencies", K_ARRAY },
	{ "fileTypes", K_ARRAY },
	{ "files", K_ARRAY },
	{ "filesAnalyzed", K_BOOL },
	{ "hasExtractedLicensingInfos", K_ARRAY },
	{ "hasFiles", K_ARRAY },
	{ "isLive", K_BOOL },
	{ "isValid", K_BOOL },
	{ "isWayBackLink", K_BOOL },
	{ "licenseInfoFromFiles", K_ARRAY },
	{ "licenseInfoInFiles", K_ARRAY },
	{ "licenseInfoInSnippets", K_ARRAY },
	{ "lineNumber", K_NUMBER },
	{ "offset", K_NUMBER },
	{ "order", K_NUMBER },
	{ "packageVerificationCodeExcludedFiles", K_ARRAY },
	{ "packages", K_ARRAY },
	{ "ranges", K_ARRAY },
	{ "relationships", K_ARRAY },
	{ "revieweds", K_ARRAY },
	{ "seeAlsos", K_ARRAY },
	{ "snippets", K_ARRAY },
};

#define NAME_SLOTS 512 /* distinct element names interned (power of two) */

/* An element name, copied once into the arena, with its kind. */
struct name {
	char *s;
	enum kind kind;
};

struct sx {
	struct oh_arena *a;
	const char *input;
	struct oh_err err; /* the first mapping error */
	int rc;
	cJSON *root; /* the <Document> object so far */
	struct name names[NAME_SLOTS];
	size_t names_nr;
};

static enum kind kind_of(const char *s)
{
	size_t lo = 0, hi = sizeof(typed) / sizeof(typed[0]);

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(s, typed[mid].name);

		if (c == 0)
			return typed[mid].kind;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return K_STRING;
}

/*
 * The interned copy of an element name: equal names give one pointer, so
 * an object's members are found by comparing pointers.  Past NAME_SLOTS
 * distinct names (a hostile document) NULL: the caller refuses it.
 */
static const struct name *intern(struct sx *x, const char *s)
{
	uint32_t h = 2166136261u;
	size_t len = strlen(s);

	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	for (size_t i = 0; i < NAME_SLOTS; i++) {
		struct name *n = &x->names[(h + i) & (NAME_SLOTS - 1)];

		if (!n->s) {
			if (x->names_nr >= NAME_SLOTS / 2)
				return NULL;
			n->s = oh_arena_strndup(x->a, s, len);
			n->kind = kind_of(n->s);
			x->names_nr++;
			return n;
		}
		if (strcmp(n->s, s) == 0)
			return n;
	}
	return NULL;
}

static unsigned line_of(const xmlNode *n)
{
	long l = xmlGetLineNo(n);

	return l > 0 && l <= INT_MAX ? (unsigned)l : 0;
}

static void fail(struct sx *x, int code, const xmlNode *n, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void fail(struct sx *x, int code, const xmlNode *n, const char *fmt, ...)
{
	va_list ap;

	if (x->rc)
		return;
	va_start(ap, fmt);
	x->rc = oh_err_vset(&x->err, code, x->input, n ? line_of(n) : 0, 0, fmt,
			    ap);
	va_end(ap);
}

static cJSON *new_node(struct sx *x, int type)
{
	cJSON *n = oh_arena_alloc(x->a, sizeof(*n));

	n->type = type;
	return n;
}

static bool space(int c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static bool has_elements(const xmlNode *n)
{
	for (const xmlNode *k = n->children; k; k = k->next)
		if (k->type == XML_ELEMENT_NODE)
			return true;
	return false;
}

/*
 * A decimal integer, as the schemas' "integer" wants it, of at most 15
 * digits (exact in a double): a longer one stays text, which validation
 * reports as the wrong type, never an infinite or rounded offset.
 */
static bool integer(const char *s, double *out)
{
	const char *p = s;
	double v = 0;
	int digits = 0;

	if (*p == '-')
		p++;
	if (*p < '0' || *p > '9')
		return false;
	for (; *p >= '0' && *p <= '9'; p++, digits++)
		v = v * 10 + (*p - '0');
	if (*p || digits > 15)
		return false;
	*out = *s == '-' ? -v : v;
	return true;
}

/* An element without child elements: its trimmed text, typed by name. */
static cJSON *scalar(struct sx *x, const xmlNode *n, enum kind kind)
{
	xmlChar *t = xmlNodeGetContent(n);
	const char *s = t ? (const char *)t : "";
	size_t len;
	cJSON *v;
	double d;

	while (space(*s))
		s++;
	len = strlen(s);
	while (len > 0 && space(s[len - 1]))
		len--;
	if (kind == K_BOOL && len == 4 && memcmp(s, "true", 4) == 0) {
		v = new_node(x, cJSON_True);
	} else if (kind == K_BOOL && len == 5 && memcmp(s, "false", 5) == 0) {
		v = new_node(x, cJSON_False);
	} else {
		v = new_node(x, cJSON_String);
		v->valuestring = oh_arena_strndup(x->a, s, len);
		if (kind == K_NUMBER && integer(v->valuestring, &d)) {
			v->type = cJSON_Number;
			v->valuedouble = d;
			v->valueint = d >= INT_MAX           ? INT_MAX
				      : d <= (double)INT_MIN ? INT_MIN
							     : (int)d;
			v->valuestring = NULL;
		}
	}
	xmlFree(t);
	return v;
}

static cJSON *member(const cJSON *o, const char *interned)
{
	for (cJSON *k = o->child; k; k = k->next)
		if (k->string == interned)
			return k;
	return NULL;
}

static cJSON *element(struct sx *x, const xmlNode *n, enum kind kind,
		      int depth);

/* Child element k of n as a member of the object o. */
static int add_member(struct sx *x, cJSON *o, const xmlNode *k, int depth)
{
	const struct name *nm = intern(x, (const char *)k->name);
	cJSON *v, *arr;

	if (!nm) {
		fail(x, OH_ELIMIT, k, "more than %d distinct element names",
		     NAME_SLOTS / 2);
		return x->rc;
	}
	if (!(v = element(x, k, nm->kind, depth + 1)))
		return x->rc;
	if (nm->kind == K_ARRAY) {
		if (!(arr = member(o, nm->s))) {
			arr = new_node(x, cJSON_Array);
			arr->string = nm->s;
			sbom_json_arena_link(o, arr);
		}
		sbom_json_arena_link(arr, v);
		return 0;
	}
	if (member(o, nm->s)) {
		fail(x, OH_EINPUT, k,
		     "<%.60s> is given twice in <%.60s> (one value expected)",
		     (const char *)k->name,
		     k->parent ? (const char *)k->parent->name : "");
		return x->rc;
	}
	v->string = nm->s;
	sbom_json_arena_link(o, v);
	return 0;
}

/* Element n as JSON: an object of its child elements, or its text. */
static cJSON *element(struct sx *x, const xmlNode *n, enum kind kind, int depth)
{
	cJSON *o;

	if (depth > SBOM_MAX_DEPTH) {
		fail(x, OH_ELIMIT, n, "nesting deeper than %d", SBOM_MAX_DEPTH);
		return NULL;
	}
	if (!has_elements(n))
		return scalar(x, n, kind == K_ARRAY ? K_STRING : kind);
	if (sbom_xml_has_text(n)) {
		fail(x, OH_EINPUT, n, "<%.60s> holds both text and elements",
		     (const char *)n->name);
		return NULL;
	}
	o = new_node(x, cJSON_Object);
	for (const xmlNode *k = n->children; k; k = k->next)
		if (k->type == XML_ELEMENT_NODE && add_member(x, o, k, depth))
			return NULL;
	return o;
}

/* Each child of <Document> once read: mapped, then dropped. */
static void on_end(void *ctx, xmlNode *n, int depth)
{
	struct sx *x = ctx;

	if (depth == 0 && x->rc == 0 && sbom_xml_has_text(n))
		/* text after the last child (what was before is checked) */
		fail(x, OH_EINPUT, n, "<%.60s> holds text",
		     (const char *)n->name);
	if (depth != 1)
		return;
	if (!x->root)
		x->root = new_node(x, cJSON_Object);
	if (x->rc == 0 && n->parent && sbom_xml_has_text(n->parent))
		/* before sbom_xml_drop() takes that text away */
		fail(x, OH_EINPUT, n->parent,
		     "<%.60s> holds both text and elements",
		     (const char *)n->parent->name);
	if (x->rc == 0 && n->type == XML_ELEMENT_NODE)
		(void)add_member(x, x->root, n, 0);
	sbom_xml_drop(n);
}

/* The first element's name, skipping the prolog; "" when none is seen. */
static void root_name(const char *s, size_t len, char *out, size_t size)
{
	char head[1024];
	size_t n = 0, i = 0, step = 1;
	const unsigned char *u = (const unsigned char *)s;
	const char *p, *q;

	/* UTF-16 with a byte-order mark: its ASCII characters suffice */
	if (len >= 2 && u[0] == 0xFF && u[1] == 0xFE)
		i = 2, step = 2;
	else if (len >= 2 && u[0] == 0xFE && u[1] == 0xFF)
		i = 3, step = 2;
	else if (len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF)
		i = 3;
	for (; i < len && n + 1 < sizeof(head); i += step)
		head[n++] = s[i] ? s[i] : ' ';
	head[n] = '\0';
	out[0] = '\0';
	for (p = head; (p = strchr(p, '<'));) {
		if (p[1] == '?') {
			p = strstr(p, "?>");
		} else if (strncmp(p, "<!--", 4) == 0) {
			p = strstr(p, "-->");
		} else if (p[1] == '!') {
			p = strchr(p, '>');
		} else {
			p++;
			q = p + strcspn(p, " \t\r\n/>");
			if (memchr(p, ':', (size_t)(q - p)))
				p = (const char *)memchr(p, ':',
							 (size_t)(q - p)) +
				    1;
			if ((size_t)(q - p) < size) {
				memcpy(out, p, (size_t)(q - p));
				out[q - p] = '\0';
			}
			return;
		}
		if (!p)
			return;
		p++;
	}
}

bool sbom_spdxxml_is(const char *s, size_t len)
{
	char name[16];

	root_name(s, len, name, sizeof(name));
	return strcmp(name, "Document") == 0;
}

int sbom_spdxxml_parse_arena(cJSON **out, struct oh_arena *a, const char *s,
			     size_t len, const char *name, struct oh_err *err)
{
	struct sx x = { .a = a, .input = name, .err = OH_ERR_INIT };
	xmlDoc *doc = NULL;
	xmlNode *root;
	int rc;

	*out = NULL;
	rc = sbom_xml_parse_stream(&doc, s, len, name, on_end, &x, err);
	if (rc == 0 && x.rc < 0)
		/* a mapping error, now that the XML is known to be well
		 * formed */
		rc = oh_err_set(err, x.err.code, x.err.input, x.err.line,
				x.err.col, "%s", x.err.msg);
	if (rc == 0) {
		root = xmlDocGetRootElement(doc);
		if (!root || strcmp((const char *)root->name, "Document") != 0)
			rc = oh_err_set(
				err, OH_EINPUT, name, root ? line_of(root) : 0,
				0, "root element is not an SPDX <Document>");
	}
	oh_err_release(&x.err);
	xmlFreeDoc(doc);
	if (rc < 0)
		return rc;
	*out = x.root ? x.root : new_node(&x, cJSON_Object);
	return 0;
}

int sbom_read_spdxxml(struct sbom_doc **out, const char *s, size_t len,
		      const char *name, struct oh_err *err)
{
	struct oh_arena tree = OH_ARENA_INIT;
	cJSON *root = NULL;
	int rc;

	*out = NULL;
	if ((rc = sbom_spdxxml_parse_arena(&root, &tree, s, len, name, err)) ==
	    0) {
		rc = sbom_read_json_tree(out, root, name, err);
		if (rc == 0)
			/* the XML family: RDF/XML's format code */
			(*out)->format = SBOM_FORMAT_RDF;
	}
	oh_arena_release(&tree);
	return rc;
}
