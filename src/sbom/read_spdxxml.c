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
 * The XML is read by sbom_xml_parse_sax() (read_rdf.c), with its limits:
 * no network, no DTD, no entity expansion, SBOM_MAX_BYTES; its start
 * tag, end tag and text callbacks build the JSON tree straight into an
 * arena (as json_arena.c does), with no libxml2 tree at all: a stack of
 * open elements, the text of the innermost one while it has no child
 * element, and the first error by its place in the document (a DOM walk's
 * order, though a parent's text beside its elements is only known at its
 * end tag).  Memory: the tree, and the text of one value.
 */
#include "sbom/model.h"

#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "core/arena.h"
#include "core/err.h"
#include "core/xalloc.h"
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

/* An open element. */
struct frame {
	const char *name;      /* its name (interned below the root) */
	const struct name *nm; /* interned name; NULL for the root or past
				  NAME_SLOTS */
	cJSON *obj;            /* its object once a child element began */
	uint64_t seq;          /* its start tag's number (from 1) */
	unsigned line;         /* line of its start tag */
	bool kids;             /* a child element began */
	bool text;             /* text not all space (the root: since its
				  last child began) */
};

/*
 * The mapping state.  Errors are kept by place, not by time: the reader
 * reports the error a walk of the whole tree in document order would meet
 * first, as the DOM reader did, although a parent's text beside its
 * elements is only known at its end tag.  Place: (start tag number) * 8 +
 * the step of the walk there (PLACE_*).
 */
struct sx {
	struct oh_arena *a;
	const char *input;
	struct oh_err err;     /* the error with the first place */
	int rc;                /* its code */
	uint64_t err_at;       /* its place */
	cJSON *root;           /* the root's object so far */
	const char *root_name; /* the root element's name (arena) */
	unsigned root_line;
	struct frame *open; /* open elements, root first */
	size_t nopen;
	size_t aopen;
	char *txt;    /* text of the innermost element, while it has no
			 child element */
	size_t ntxt;  /* bytes of txt */
	size_t atxt;  /* bytes allocated */
	uint64_t seq; /* start tags so far */
	struct name names[NAME_SLOTS];
	size_t names_nr;
};

enum place {
	PLACE_TEXT_BEFORE = 0, /* the root's text before this child */
	PLACE_NAME = 1,        /* its name interned */
	PLACE_DEPTH = 2,       /* its nesting */
	PLACE_MIXED = 3,       /* its own text beside its elements */
	PLACE_AFTER = 7,       /* given twice: after all inside it */
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

static void fail(struct sx *x, uint64_t at, int code, unsigned line,
		 const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* An error at place `at`: kept when it comes before the one kept. */
static void fail(struct sx *x, uint64_t at, int code, unsigned line,
		 const char *fmt, ...)
{
	va_list ap;

	if (x->rc && at >= x->err_at)
		return;
	oh_err_release(&x->err);
	va_start(ap, fmt);
	x->rc = oh_err_vset(&x->err, code, x->input, line <= INT_MAX ? line : 0,
			    0, fmt, ap);
	va_end(ap);
	x->err_at = at;
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

static bool blank(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (!space(s[i]))
			return false;
	return true;
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
static cJSON *scalar(struct sx *x, const char *s, size_t len, enum kind kind)
{
	cJSON *v;
	double d;

	while (len > 0 && space(*s))
		s++, len--;
	while (len > 0 && space(s[len - 1]))
		len--;
	if (kind == K_BOOL && len == 4 && memcmp(s, "true", 4) == 0)
		return new_node(x, cJSON_True);
	if (kind == K_BOOL && len == 5 && memcmp(s, "false", 5) == 0)
		return new_node(x, cJSON_False);
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
	return v;
}

static cJSON *member(const cJSON *o, const char *interned)
{
	for (cJSON *k = o->child; k; k = k->next)
		if (k->string == interned)
			return k;
	return NULL;
}

/* The value v of the element f (just ended) as a member of its parent. */
static void add_member(struct sx *x, struct frame *up, const struct frame *f,
		       cJSON *v)
{
	cJSON *arr;

	if (f->nm->kind == K_ARRAY) {
		if (!(arr = member(up->obj, f->nm->s))) {
			arr = new_node(x, cJSON_Array);
			arr->string = f->nm->s;
			sbom_json_arena_link(up->obj, arr);
		}
		sbom_json_arena_link(arr, v);
		return;
	}
	if (member(up->obj, f->nm->s)) {
		fail(x, x->seq * 8 + PLACE_AFTER, OH_EINPUT, f->line,
		     "<%.60s> is given twice in <%.60s> (one value expected)",
		     f->name, up->name);
		return;
	}
	v->string = f->nm->s;
	sbom_json_arena_link(up->obj, v);
}

static void on_start(const char *name, const char *ns,
		     const struct sbom_xml_attr *attr, size_t nattr,
		     unsigned line, void *payload)
{
	struct sx *x = payload;
	struct frame *up = x->nopen ? &x->open[x->nopen - 1] : NULL;
	struct frame *f;
	uint64_t seq = ++x->seq;

	(void)ns; /* the format has neither namespaces nor attributes */
	(void)attr;
	(void)nattr;
	if (up && !up->kids) {
		/* up is an object: its text so far only counts if not space */
		up->kids = true;
		up->text = up->text || !blank(x->txt, x->ntxt);
		up->obj = x->nopen == 1 ? x->root : new_node(x, cJSON_Object);
	}
	x->ntxt = 0;
	if (up && x->nopen == 1 && up->text) {
		/* text before this child of the root */
		fail(x, seq * 8 + PLACE_TEXT_BEFORE, OH_EINPUT, up->line,
		     "<%.60s> holds both text and elements", up->name);
		up->text = false;
	}
	if (x->nopen == x->aopen)
		OH_GROW(x->open, x->aopen, x->nopen + 1);
	f = &x->open[x->nopen++];
	*f = (struct frame){ .seq = seq, .line = line };
	if (!up) {
		f->name = x->root_name = oh_arena_strdup(x->a, name);
		x->root_line = line;
		x->root = new_node(x, cJSON_Object);
		return;
	}
	if (!(f->nm = intern(x, name))) {
		f->name = oh_arena_strdup(x->a, name);
		fail(x, seq * 8 + PLACE_NAME, OH_ELIMIT, line,
		     "more than %d distinct element names", NAME_SLOTS / 2);
		return;
	}
	f->name = f->nm->s;
	if (x->nopen - 1 > SBOM_MAX_DEPTH)
		fail(x, seq * 8 + PLACE_DEPTH, OH_ELIMIT, line,
		     "nesting deeper than %d", SBOM_MAX_DEPTH);
}

static void on_end(void *payload)
{
	struct sx *x = payload;
	struct frame *f, *up;
	cJSON *v;

	if (x->nopen == 0)
		return;
	f = &x->open[--x->nopen];
	up = x->nopen ? &x->open[x->nopen - 1] : NULL;
	if (!up) {
		/* the root: text after its last child, or of no child */
		if (x->rc == 0 && f->text)
			fail(x, UINT64_MAX, OH_EINPUT, f->line,
			     "<%.60s> holds text", f->name);
		return;
	}
	if (!f->kids)
		f->text = !blank(x->txt, x->ntxt);
	if (f->kids && f->text)
		fail(x, f->seq * 8 + PLACE_MIXED, OH_EINPUT, f->line,
		     "<%.60s> holds both text and elements", f->name);
	if (x->rc == 0 && f->nm) {
		/* no text yet: txt is still NULL */
		v = f->kids ? f->obj
			    : scalar(x, x->ntxt ? x->txt : "", x->ntxt,
				     f->nm->kind == K_ARRAY ? K_STRING
							    : f->nm->kind);
		add_member(x, up, f, v);
	}
	x->ntxt = 0;
}

static void on_text(const char *s, size_t len, void *payload)
{
	struct sx *x = payload;
	struct frame *f = x->nopen ? &x->open[x->nopen - 1] : NULL;

	if (!f)
		return;
	if (f->kids || x->nopen == 1) {
		/* an object's (or the root's) text: whether it is space */
		f->text = f->text || !blank(s, len);
		return;
	}
	OH_GROW(x->txt, x->atxt, oh_add(x->ntxt, len));
	memcpy(x->txt + x->ntxt, s, len);
	x->ntxt += len;
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
	struct sbom_xml_sax sax = {
		.start = on_start, .end = on_end, .text = on_text, .payload = &x
	};
	int rc;

	*out = NULL;
	rc = sbom_xml_parse_sax(s, len, name, &sax, err);
	if (rc == 0 && x.rc < 0)
		/* a mapping error, now that the XML is known to be well
		 * formed */
		rc = oh_err_set(err, x.err.code, x.err.input, x.err.line,
				x.err.col, "%s", x.err.msg);
	if (rc == 0 && (!x.root_name || strcmp(x.root_name, "Document") != 0))
		rc = oh_err_set(err, OH_EINPUT, name, x.root_line, 0,
				"root element is not an SPDX <Document>");
	oh_err_release(&x.err);
	free(x.open);
	free(x.txt);
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
