/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * SPDX RDF/XML reader: libxml2 SAX2 -> compact tree -> struct sbom_doc.
 *
 * Parsing: libxml2 with XML_PARSE_NONET and without XML_PARSE_NOENT,
 * XML_PARSE_DTDLOAD or XML_PARSE_HUGE; a DOCTYPE stops the parser at once
 * (so no entity is ever declared, let alone expanded: no "billion
 * laughs"); libxml2's messages are caught per parse and never printed.
 * The reader builds its own tree from the SAX2 callbacks (struct xel:
 * elements, attributes, character data; no DOM): a fifth of libxml2's
 * DOM in memory, its attribute values and short texts kept once each in
 * the document's arena.  SPDX XML gets the SAX2 callbacks passed on
 * (sbom_xml_parse_sax()); CycloneDX XML (sbom_xml_parse_stream()) still
 * gets libxml2's DOM, dropped as it is read.
 *
 * Every parse is libxml2's push parser fed PUSH_CHUNK bytes at a time:
 * the memory parser copies the whole input first.  A document the push
 * parser refuses is parsed again by the memory parser, callbacks muted,
 * for the message and line it has always had.
 *
 * RDF: the tree is read in the "striped" RDF/XML syntax (node element,
 * property element, node element, ...).  Every node element is a subject
 * keyed by its rdf:about (made absolute against the document namespace
 * when it starts with '#') or its rdf:nodeID; all descriptions of one
 * subject are merged, so an element may be written in place, or given by
 * rdf:resource / rdf:nodeID and described elsewhere in the file.
 * rdf:parseType="Resource" property elements are blank nodes;
 * rdf:Description with an rdf:type in the SPDX namespace is typed by it.
 * License fields become SPDX expressions (sets, WITH, "+"); resolving them
 * is memoised, depth-capped and refuses cycles.
 *
 * Limits: SBOM_MAX_BYTES of input, SBOM_MAX_ITEMS items in one list,
 * RDF_MAX_DEPTH element nesting (libxml2 itself stops at 256 without
 * XML_PARSE_HUGE), SBOM_MAX_DEPTH levels of license references and
 * EXPR_MAX bytes of one license expression (OH_ELIMIT).  Errors name the
 * input and the line.  Not read: rdf:parseType="Collection", property
 * attributes other than the SPDX ones, SPDX 1.x terms (artifactOf,
 * reviewed), xml:base other than the document namespace.
 */
#include "sbom/model.h"

#include <errno.h>
#include <limits.h>
#include <stddef.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/SAX2.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlversion.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/err.h"
#include "core/xalloc.h"
#include "core/banned.h"

#define NS_RDF   "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
#define NS_RDFS  "http://www.w3.org/2000/01/rdf-schema#"
#define NS_SPDX  "http://spdx.org/rdf/terms#"
#define NS_PTR   "http://www.w3.org/2009/pointers#"
#define NS_DOAP  "http://usefulinc.com/ns/doap#"
#define LIC_HTTP "http://spdx.org/licenses/"
#define LIC_TLS  "https://spdx.org/licenses/"
#define REF_TYPE "http://spdx.org/rdf/references/"

#define RDF_MAX_DEPTH 256     /* element nesting we walk */
#define EXPR_MAX      65536u  /* bytes of one license expression */
#define PUSH_CHUNK    262144u /* bytes given to the push parser at once */
#define KEEP_TEXT     24u     /* longest element text kept once (keep()) */
#define VMEMO         64u     /* conversions vocab() remembers */
#define TREE_SLAB     16384u  /* bytes of elements taken from the arena */

#if LIBXML_VERSION >= 21200
typedef const xmlError *rdf_xml_error; /* style: rule 10: libxml2 type */
#else
typedef xmlError *rdf_xml_error; /* style: rule 10: libxml2 type */
#endif

/*
 * The terms the reader asks for: (namespace, local name).  A name libxml2
 * gives is resolved to one of them once (struct xqn) and compared as a
 * number ever after: a package's properties are looked for some thirty
 * times.
 * style: 6: the local names keep their case in the constants, as
 * spdxDocument and SpdxDocument are two terms.
 */
#define TERMS(X)                                     \
	X(RDF, RDF)                                  \
	X(RDF, Description)                          \
	X(RDF, about)                                \
	X(RDF, resource)                             \
	X(RDF, nodeID)                               \
	X(RDF, parseType)                            \
	X(RDF, type)                                 \
	X(RDFS, comment)                             \
	X(RDFS, seeAlso)                             \
	X(PTR, startPointer)                         \
	X(PTR, endPointer)                           \
	X(PTR, reference)                            \
	X(PTR, offset)                               \
	X(PTR, lineNumber)                           \
	X(DOAP, homepage)                            \
	X(SPDX, SpdxDocument)                        \
	X(SPDX, spdxDocument)                        \
	X(SPDX, specVersion)                         \
	X(SPDX, dataLicense)                         \
	X(SPDX, name)                                \
	X(SPDX, creationInfo)                        \
	X(SPDX, created)                             \
	X(SPDX, creator)                             \
	X(SPDX, licenseListVersion)                  \
	X(SPDX, describesPackage)                    \
	X(SPDX, externalDocumentRef)                 \
	X(SPDX, externalDocumentId)                  \
	X(SPDX, relationship)                        \
	X(SPDX, relationshipType)                    \
	X(SPDX, relatedSpdxElement)                  \
	X(SPDX, annotation)                          \
	X(SPDX, annotator)                           \
	X(SPDX, annotationType)                      \
	X(SPDX, annotationDate)                      \
	X(SPDX, member)                              \
	X(SPDX, licenseId)                           \
	X(SPDX, licenseExceptionId)                  \
	X(SPDX, licenseException)                    \
	X(SPDX, extractedText)                       \
	X(SPDX, versionInfo)                         \
	X(SPDX, packageFileName)                     \
	X(SPDX, supplier)                            \
	X(SPDX, originator)                          \
	X(SPDX, downloadLocation)                    \
	X(SPDX, filesAnalyzed)                       \
	X(SPDX, packageVerificationCode)             \
	X(SPDX, packageVerificationCodeValue)        \
	X(SPDX, packageVerificationCodeExcludedFile) \
	X(SPDX, checksum)                            \
	X(SPDX, algorithm)                           \
	X(SPDX, checksumValue)                       \
	X(SPDX, sourceInfo)                          \
	X(SPDX, licenseConcluded)                    \
	X(SPDX, licenseInfoFromFiles)                \
	X(SPDX, licenseDeclared)                     \
	X(SPDX, licenseComments)                     \
	X(SPDX, copyrightText)                       \
	X(SPDX, summary)                             \
	X(SPDX, description)                         \
	X(SPDX, externalRef)                         \
	X(SPDX, referenceCategory)                   \
	X(SPDX, referenceType)                       \
	X(SPDX, referenceLocator)                    \
	X(SPDX, attributionText)                     \
	X(SPDX, primaryPackagePurpose)               \
	X(SPDX, releaseDate)                         \
	X(SPDX, builtDate)                           \
	X(SPDX, validUntilDate)                      \
	X(SPDX, homepage)                            \
	X(SPDX, hasFile)                             \
	X(SPDX, fileName)                            \
	X(SPDX, fileType)                            \
	X(SPDX, licenseInfoInFile)                   \
	X(SPDX, noticeText)                          \
	X(SPDX, fileContributor)                     \
	X(SPDX, snippetFromFile)                     \
	X(SPDX, range)                               \
	X(SPDX, licenseInfoInSnippet)

#define TERM_ENUM(ns, local) TERM_##ns##_##local,
#define TERM_NAME(ns, local) { NS_##ns, #local },

enum term { TERM_NONE, TERMS(TERM_ENUM) TERM_COUNT };

static const struct {
	const char *ns;    /* namespace URI */
	const char *local; /* local name */
} term_name[] = { { NULL, NULL }, TERMS(TERM_NAME) };

/*
 * One element of the compact tree built while parsing (tree_*() below):
 * what the reader needs of libxml2's DOM at a fraction of its size.  The
 * element's own character data (text and CDATA, entities decoded) is one
 * string; a child element records where in it it began, so the content
 * of an element (xmlNodeGetContent()) can be put together again in order.
 */
struct xel {
	const struct xqn *qn; /* its name */
	struct xel *kids;     /* first child element */
	struct xel *next;     /* next sibling element */
	const char *text;     /* own character data, or NULL */
	struct subj *priv;    /* the subject it describes, or NULL */
	unsigned ntext;       /* bytes of text */
	unsigned tpos;        /* bytes of the parent's text before it */
	unsigned line;        /* line of the start tag (its end) */
	unsigned nattr;       /* entries in attr */
	struct xattr {
		const struct xqn *qn; /* its name */
		const char *value;    /* value, references decoded */
	} attr[];                     /* attributes, in document order */
};

/*
 * The name of elements and attributes: one per (local name, prefix,
 * namespace) libxml2 gives (its names are its dictionary's, so the same
 * name is the same pointers), resolved to the term it is once.
 */
struct xqn {
	const char *name;  /* local name ("pfx:name" for an undeclared pfx) */
	const char *ns;    /* namespace URI, or NULL */
	enum term term;    /* the term of the reader it is, or TERM_NONE */
	bool node_ns;      /* in the SPDX or pointer terms: a class name */
	unsigned char key; /* its prop_keys[] entry + 1, or 0 */
};

/* A name in struct rr's qn table, keyed by libxml2's pointers. */
struct qslot {
	const xmlChar *local; /* NULL: free slot */
	const xmlChar *pfx;
	const xmlChar *uri;
	struct xqn *qn;
};

/* A string kept once in the document's arena (keep()). */
struct kslot {
	const char *s; /* the copy, NUL-terminated; NULL: free slot */
	unsigned n;    /* bytes of it */
	unsigned h;    /* its hash */
};

/* An open element while the tree is built. */
struct xopen {
	struct xel *el;    /* the element */
	struct xel *last;  /* its last child element so far */
	struct oh_buf txt; /* its character data so far */
};

/* One RDF subject: every node element with the same about/nodeID. */
struct subj {
	const char *key;   /* index key, NULL for a blank node in place */
	const char *id;    /* SPDX id from rdf:about, or NULL */
	const char *cls;   /* class (local name in the SPDX or ptr terms) */
	struct xel **desc; /* its descriptions, in document order */
	size_t ndesc;      /* entries in desc */
	const char *expr;  /* license expression once resolved */
	int busy;          /* license resolution under way (cycle guard) */
	struct subj *next; /* next subject in document order */
};

/* A term of the SPDX vocabulary converted (vocab()): kept values are
 * kept once (keep()), so the same term is the same pointer. */
struct vmemo {
	const char *in;  /* the value, NULL: free */
	const char *out; /* its conversion */
	int style;       /* enum vstyle of the conversion */
};

/* A subject in the index (struct rr's ix): keyed by its key's pointer,
 * which keep() makes the same for the same string. */
struct islot {
	const char *key; /* a kept string; NULL: free slot */
	struct subj *s;  /* the subject of that key */
};

struct rr {
	struct sbom_doc *d;
	const char *name;
	struct oh_err *err;
	struct islot *ix;       /* key -> struct subj, open addressing */
	struct oh_arena ix_mem; /* where ix is (table_new()) */
	size_t nix;             /* slots of ix in use */
	size_t aix;             /* slots (a power of two), 0 before the first */
	struct subj *first;     /* every subject, in document order */
	struct subj *last;
	const char *ns; /* document namespace, without '#'; may be NULL */
	size_t nns;
	/* first libxml2 error, and a DOCTYPE seen */
	unsigned xml_line;
	char xml_msg[160];
	int doctype;
	unsigned doctype_line;
	int options; /* libxml2 options besides NONET and BIG_LINES */
	sbom_xml_end_fn *on_end; /* sbom_xml_parse_stream(): each element */
	void *end_ctx;
	/* the compact tree (RDF reader only; NULL tree: libxml2's DOM) */
	struct oh_arena *tree; /* where its elements and strings live */
	struct xel *root;      /* the root element once parsed */
	char *slab;            /* room for elements (tree_alloc()) */
	size_t slab_left;      /* bytes of it */
	struct qslot *qn;      /* names seen, open addressing */
	size_t nqn;            /* slots of qn in use */
	size_t aqn;            /* slots (a power of two), 0 before the first */
	xmlDict *dict;         /* the parser's names, kept for the tree */
	struct xopen *open;    /* open elements, root first */
	size_t nopen;          /* entries of open in use */
	size_t aopen;          /* entries of open allocated */
	struct kslot *kept;    /* strings of the document, each once */
	struct oh_arena kept_mem; /* where kept is (table_new()) */
	size_t nkept;             /* slots in use */
	size_t akept; /* slots (a power of two), 0 before the first */
	bool quiet;   /* parse(): a second parse, for its error only */
	/* sbom_xml_parse_sax(): the caller's callbacks (NULL otherwise) */
	const struct sbom_xml_sax *sax;
	char *scratch;              /* one start tag's names and values */
	size_t nscratch;            /* bytes of scratch in use */
	size_t ascratch;            /* bytes of scratch allocated */
	struct sbom_xml_attr *attr; /* its attributes */
	size_t *attr_at; /* 2 per attribute: scratch offsets (name + 1, value) */
	size_t aattr;    /* entries of attr allocated (attr_at: twice) */
	/* vocab(): the last conversion of each of a few terms */
	struct vmemo vmemo[VMEMO];
	/* room of the document's biggest arrays (PUT()) */
	size_t pkg_cap; /* d->pkg */
	size_t rel_cap; /* d->rel */
};

/* Property iterator over all descriptions of a subject. */
struct pit {
	size_t d;      /* description index */
	struct xel *c; /* last property returned */
};

/* ---- small helpers ---- */

static unsigned line_of(const struct xel *n)
{
	return n ? n->line : 0;
}

static int fail(struct rr *r, int code, const struct xel *n, const char *fmt,
		const char *v)
{
	return oh_err_set(r->err, code, r->name, line_of(n), 0, fmt, v);
}

/*
 * &arr[n++] in an array whose room build() made at once (reserve()): cap
 * is that room, doubled when full as sbom_arena_grow() would.
 */
#define PUT(r, arr, n, cap) \
	((arr) = room((r), (arr), (n), &(cap), sizeof(*(arr))), &(arr)[(n)++])

#define PUSH(r, arr, n)                                              \
	((arr) = sbom_arena_grow(&(r)->d->arena, (void *)(arr), (n), \
				 sizeof(*(arr))),                    \
	 &(arr)[(n)++])

/* The items an array of n items made by sbom_arena_grow() has room for. */
static size_t pow2_room(size_t n)
{
	size_t c = 1;

	if (n == 0)
		return 0;
	while (c < n)
		c *= 2;
	return c;
}

/*
 * arr (n items, room for *cap; 0: as sbom_arena_grow() left it) with room
 * for `more` items beyond n, in a power of two as sbom_arena_grow() keeps
 * it, so PUSH() may still follow.
 */
static void *reserve(struct rr *r, void *arr, size_t n, size_t *cap,
		     size_t more, size_t size)
{
	size_t want = pow2_room(oh_add(n, more));
	void *p;

	if (*cap < n)
		*cap = pow2_room(n);
	if (want <= *cap)
		return arr;
	p = oh_arena_alloc(&r->d->arena, oh_mul(want, size));
	if (n)
		memcpy(p, arr, n * size);
	*cap = want;
	return p;
}

static void *room(struct rr *r, void *arr, size_t n, size_t *cap, size_t size)
{
	return reserve(r, arr, n, cap, 1, size);
}

static int limit(struct rr *r, size_t n, const struct xel *at)
{
	if (n >= SBOM_MAX_ITEMS)
		return oh_err_set(r->err, OH_ELIMIT, r->name, line_of(at), 0,
				  "more than %u items in one list",
				  SBOM_MAX_ITEMS);
	return 0;
}

static bool is(const struct xel *n, enum term t)
{
	return n && n->qn->term == t;
}

static bool starts(const char *s, const char *pfx)
{
	return strncmp(s, pfx, strlen(pfx)) == 0;
}

/* Eight bytes a step: the values kept are mostly long URIs. */
static unsigned khash(const char *s, size_t n)
{
	uint64_t h = 0x9e3779b97f4a7c15u ^ n;
	uint64_t w;
	size_t i = 0;

	for (; i + 8 <= n; i += 8) {
		memcpy(&w, s + i, 8);
		h = (h ^ w) * 0xff51afd7ed558ccdu;
		h ^= h >> 32;
	}
	if (i < n) {
		w = 0;
		memcpy(&w, s + i, n - i);
		h = (h ^ w) * 0xff51afd7ed558ccdu;
	}
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53u;
	h ^= h >> 33;
	return (unsigned)h;
}

/*
 * A zeroed hash table of `size` bytes in a fresh *mem, the one before in
 * *was (the caller moves its slots over, then releases *was): the arena
 * maps big ones as huge pages (a 100k-package document's string table is
 * 16 MB; in malloc's 4 KiB pages its page faults cost more than filling
 * it), and each old copy is freed as soon as it is moved.
 */
static void *table_new(struct oh_arena *mem, struct oh_arena *was, size_t size)
{
	*was = *mem;
	*mem = (struct oh_arena)OH_ARENA_INIT;
	return oh_arena_alloc(mem, size);
}

/*
 * s[0..n) copied to the document's arena once: the tree's values and
 * the reader's own strings (URIs made absolute, ids) are mostly a few
 * strings given many times (license URIs, relationship targets).
 */
static const char *keep(struct rr *r, const char *s, size_t n)
{
	unsigned h = khash(s, n);
	size_t mask, i;

	if (n >= UINT_MAX)
		return oh_arena_strndup(&r->d->arena, s, n);
	if (2 * (r->nkept + 1) > r->akept) {
		struct kslot *old = r->kept;
		size_t was = r->akept;
		struct oh_arena mem; /* the old table */

		r->akept = was ? 2 * was : 1024;
		r->kept = table_new(&r->kept_mem, &mem,
				    oh_mul(r->akept, sizeof(*r->kept)));
		mask = r->akept - 1;
		for (size_t k = 0; k < was; k++) {
			if (!old[k].s)
				continue;
			for (i = old[k].h & mask; r->kept[i].s;
			     i = (i + 1) & mask)
				;
			r->kept[i] = old[k];
		}
		oh_arena_release(&mem);
	}
	mask = r->akept - 1;
	for (i = h & mask; r->kept[i].s; i = (i + 1) & mask)
		if (r->kept[i].h == h && r->kept[i].n == n &&
		    memcmp(r->kept[i].s, s, n) == 0)
			return r->kept[i].s;
	r->kept[i].s = oh_arena_strndup(&r->d->arena, s, n);
	r->kept[i].n = (unsigned)n;
	r->kept[i].h = h;
	r->nkept++;
	return r->kept[i].s;
}

/* Attribute t of n (borrowed from the tree), or NULL. */
static const char *attr_of(const struct xel *n, enum term t)
{
	for (unsigned i = 0; n && i < n->nattr; i++)
		if (n->attr[i].qn->term == t)
			return n->attr[i].value;
	return NULL;
}

/* Attribute t of n, or NULL; in the document's arena (keep()). */
static const char *attr(struct rr *r, const struct xel *n, enum term t)
{
	(void)r;
	return attr_of(n, t);
}

/* The text of n and of every element in it, in document order. */
static void content(struct oh_buf *b, const struct xel *n)
{
	unsigned at = 0;

	for (const struct xel *c = n->kids; c; c = c->next) {
		/* no text before c: n->text may be NULL, NULL + 0 is UB */
		if (c->tpos > at)
			oh_buf_add(b, n->text + at, c->tpos - at);
		at = c->tpos;
		content(b, c);
	}
	if (n->ntext > at)
		oh_buf_add(b, n->text + at, n->ntext - at);
}

static const char *text(struct rr *r, const struct xel *n)
{
	struct oh_buf b = OH_BUF_INIT;
	const char *s;

	if (!n->kids)
		return n->text ? n->text : "";
	content(&b, n);
	s = keep(r, b.len ? b.buf : "", b.len);
	oh_buf_release(&b);
	return s;
}

static const char *trimmed(struct rr *r, const char *s)
{
	size_t n;

	while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
		s++;
	n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' ||
			 s[n - 1] == '\r' || s[n - 1] == '\n'))
		n--;
	return oh_arena_strndup(&r->d->arena, s, n);
}

static const char *cat(struct rr *r, const char *a, const char *b)
{
	struct oh_buf t = OH_BUF_INIT;
	const char *s;

	oh_buf_adds(&t, a);
	oh_buf_adds(&t, b);
	s = keep(r, t.buf, t.len);
	oh_buf_release(&t);
	return s;
}

static struct xel *first_elem(const struct xel *n)
{
	return n->kids;
}

/* ---- subjects ---- */

/* rdf:about made absolute against the document namespace. */
static const char *abs_uri(struct rr *r, const char *u)
{
	if (u[0] == '#' && r->ns)
		return cat(r, r->ns, u);
	return u;
}

/*
 * The SPDX id a URI names: "ns#SPDXRef-x" -> "SPDXRef-x",
 * "other#SPDXRef-y" -> "DocumentRef-o:SPDXRef-y" when "other" is the
 * document of an external document reference, else the URI unchanged.
 */
static const char *uri_id(struct rr *r, const char *u)
{
	const char *hash = strrchr(u, '#');
	size_t plen;

	if (!hash)
		return u;
	plen = (size_t)(hash - u);
	if (plen == 0 ||
	    (r->ns && plen == r->nns && memcmp(u, r->ns, plen) == 0))
		return oh_arena_strdup(&r->d->arena, hash + 1);
	for (size_t i = 0; i < r->d->ndocref; i++) {
		const struct sbom_docref *x = &r->d->docref[i];

		if (x->id && x->document && strlen(x->document) == plen &&
		    memcmp(x->document, u, plen) == 0)
			return cat(r, cat(r, x->id, ":"), hash + 1);
	}
	return u;
}

/*
 * Where key is in the index, or the free slot it would take.  Every key
 * is a kept string (node_key(), abs_uri(), cat() all go through keep()),
 * so equal keys are equal pointers: no string is hashed or compared.
 */
static struct islot *ix_slot(const struct rr *r, const char *key)
{
	uint64_t h = (uint64_t)(uintptr_t)key;
	size_t mask = r->aix - 1;
	size_t i;

	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdu;
	h ^= h >> 33;
	for (i = (size_t)h & mask; r->ix[i].key && r->ix[i].key != key;
	     i = (i + 1) & mask)
		;
	return &r->ix[i];
}

static void ix_put(struct rr *r, const char *key, struct subj *s)
{
	struct islot *at;

	if (2 * (r->nix + 1) > r->aix) {
		struct islot *old = r->ix;
		size_t was = r->aix;
		struct oh_arena mem; /* the old table */

		r->aix = was ? 2 * was : 1024;
		r->ix = table_new(&r->ix_mem, &mem,
				  oh_mul(r->aix, sizeof(*r->ix)));
		for (size_t k = 0; k < was; k++)
			if (old[k].key)
				*ix_slot(r, old[k].key) = old[k];
		oh_arena_release(&mem);
	}
	at = ix_slot(r, key);
	if (at->key)
		OH_BUG("a subject key indexed twice");
	at->key = key;
	at->s = s;
	r->nix++;
}

static struct subj *subj_new(struct rr *r, const char *key)
{
	struct subj *s = oh_arena_alloc(r->tree, sizeof(*s));

	s->key = key;
	if (r->last)
		r->last->next = s;
	else
		r->first = s;
	r->last = s;
	if (key)
		ix_put(r, key, s);
	return s;
}

static struct subj *lookup(struct rr *r, const char *key)
{
	return key && r->aix ? ix_slot(r, key)->s : NULL;
}

/* Class of a node element: its SPDX/ptr local name, or its rdf:type. */
static const char *node_class(struct rr *r, const struct xel *n)
{
	if (n->qn->node_ns)
		return n->qn->name;
	if (!is(n, TERM_RDF_Description))
		return NULL;
	for (const struct xel *c = n->kids; c; c = c->next) {
		const char *t;

		if (!is(c, TERM_RDF_type))
			continue;
		t = attr(r, c, TERM_RDF_resource);
		if (t && starts(t, NS_SPDX))
			return t + strlen(NS_SPDX);
		if (t && starts(t, NS_PTR))
			return t + strlen(NS_PTR);
	}
	return NULL;
}

static const char *node_key(struct rr *r, const struct xel *n, const char **id)
{
	const char *about = attr(r, n, TERM_RDF_about);
	const char *nid;

	*id = NULL;
	if (about) {
		about = abs_uri(r, about);
		*id = about; /* made an SPDX id once docrefs are known */
		return about;
	}
	nid = attr(r, n, TERM_RDF_nodeID);
	return nid ? cat(r, "_:", nid) : NULL;
}

static void subj_add_desc(struct rr *r, struct subj *s, struct xel *n)
{
	s->desc = sbom_arena_grow(r->tree, s->desc, s->ndesc, sizeof(*s->desc));
	s->desc[s->ndesc++] = n;
	n->priv = s;
}

static int walk_prop(struct rr *r, struct xel *p, int depth);

static int walk_node(struct rr *r, struct xel *n, int depth)
{
	const char *id;
	const char *key = node_key(r, n, &id);
	const char *cls = node_class(r, n);
	struct subj *s = lookup(r, key);
	int rc;

	if (depth > RDF_MAX_DEPTH)
		return fail(r, OH_ELIMIT, n, "elements nested deeper than %s",
			    "256");
	if (!s)
		s = subj_new(r, key);
	if (!s->cls && cls)
		s->cls = cls;
	if (!s->id && id)
		s->id = id;
	subj_add_desc(r, s, n);
	for (struct xel *c = n->kids; c; c = c->next)
		if ((rc = walk_prop(r, c, depth + 1)) < 0)
			return rc;
	return 0;
}

static int walk_prop(struct rr *r, struct xel *p, int depth)
{
	const char *pt = attr(r, p, TERM_RDF_parseType);
	int rc;

	if (depth > RDF_MAX_DEPTH)
		return fail(r, OH_ELIMIT, p, "elements nested deeper than %s",
			    "256");
	if (pt && strcmp(pt, "Literal") == 0)
		return 0;
	if (pt && strcmp(pt, "Resource") == 0) {
		subj_add_desc(r, subj_new(r, NULL), p);
		for (struct xel *c = p->kids; c; c = c->next)
			if ((rc = walk_prop(r, c, depth + 1)) < 0)
				return rc;
		return 0;
	}
	for (struct xel *c = p->kids; c; c = c->next)
		if ((rc = walk_node(r, c, depth + 1)) < 0)
			return rc;
	return 0;
}

/* ---- properties ---- */

static struct xel *prop_next(const struct subj *s, struct pit *it, enum term t)
{
	while (s && it->d < s->ndesc) {
		struct xel *c = it->c ? it->c->next : s->desc[it->d]->kids;

		for (; c; c = c->next)
			if (is(c, t)) {
				it->c = c;
				return c;
			}
		it->d++;
		it->c = NULL;
	}
	return NULL;
}

static struct xel *prop(const struct subj *s, enum term t)
{
	struct pit it = { 0 };

	return prop_next(s, &it, t);
}

/* The subject a property's object is, or NULL for a literal/unknown URI. */
static struct subj *obj(struct rr *r, const struct xel *p)
{
	const char *u;
	struct xel *c;

	if (!p)
		return NULL;
	if (p->priv)
		return p->priv; /* rdf:parseType="Resource" */
	u = attr(r, p, TERM_RDF_resource);
	if (u)
		return lookup(r, abs_uri(r, u));
	u = attr(r, p, TERM_RDF_nodeID);
	if (u)
		return lookup(r, cat(r, "_:", u));
	c = first_elem(p);
	return c ? c->priv : NULL;
}

static bool has_children(const struct subj *s)
{
	for (size_t i = 0; s && i < s->ndesc; i++)
		if (first_elem(s->desc[i]))
			return true;
	return false;
}

/* The line of a subject: its first description with properties. */
static unsigned subj_line(const struct subj *s)
{
	for (size_t i = 0; s && i < s->ndesc; i++)
		if (first_elem(s->desc[i]))
			return line_of(s->desc[i]);
	return s && s->ndesc ? line_of(s->desc[0]) : 0;
}

/* "noassertion"/"none" individuals of the SPDX terms. */
static const char *special(const char *u)
{
	if (strcmp(u, NS_SPDX "noassertion") == 0)
		return "NOASSERTION";
	if (strcmp(u, NS_SPDX "none") == 0)
		return "NONE";
	return NULL;
}

static bool is_literal(struct rr *r, const struct xel *p)
{
	const char *pt = attr(r, p, TERM_RDF_parseType);

	return pt && strcmp(pt, "Literal") == 0;
}

/* A literal property value (or a URI one): text, resource, or about. */
static const char *value_of(struct rr *r, const struct xel *p)
{
	const char *u = attr(r, p, TERM_RDF_resource);
	const struct xel *c;

	if (u)
		return special(u) ? special(u) : u;
	c = first_elem(p);
	if (c && !p->priv && !is_literal(r, p)) {
		u = attr(r, c, TERM_RDF_about);
		return u ? abs_uri(r, u) : NULL;
	}
	if (p->priv)
		return NULL;
	/* trimmed, as the SPDX tools read RDF literals: an indented
	 * closing tag adds no characters to the value */
	return trimmed(r, text(r, p));
}

/* String property: the first value, or a property attribute. */
static const char *str(struct rr *r, const struct subj *s, enum term t)
{
	struct xel *p = prop(s, t);

	if (p)
		return value_of(r, p);
	for (size_t i = 0; s && i < s->ndesc; i++) {
		const char *a = attr(r, s->desc[i], t);

		if (a)
			return a;
	}
	return NULL;
}

static int strs(struct rr *r, const char ***out, size_t *n,
		const struct subj *s, enum term t)
{
	struct pit it = { 0 };
	struct xel *p;
	int rc;

	while ((p = prop_next(s, &it, t))) {
		const char *v = value_of(r, p);

		if (!v)
			continue;
		if ((rc = limit(r, *n, p)) < 0)
			return rc;
		*PUSH(r, *out, *n) = v;
	}
	return 0;
}

/* The SPDX id a property refers to (resource, nested element). */
static const char *ref_id(struct rr *r, const struct xel *p)
{
	const char *u;
	const struct subj *s;

	if (!p)
		return NULL;
	u = attr(r, p, TERM_RDF_resource);
	if (u)
		return special(u) ? special(u) : uri_id(r, abs_uri(r, u));
	s = obj(r, p);
	if (s)
		return s->id ? uri_id(r, s->id) : NULL;
	return trimmed(r, text(r, p));
}

/* ---- vocabulary (enumerations as individuals of the SPDX terms) ---- */

enum vstyle {
	V_UPPER, /* fileType_source -> SOURCE */
	V_SNAKE, /* relationshipType_dependsOn -> DEPENDS_ON */
	V_DASH,  /* referenceCategory_packageManager -> PACKAGE-MANAGER */
};

static const struct {
	const char *rdf, *json;
} vocab_odd[] = {
	{ "relationshipType_amendment", "AMENDS" },
	{ "relationshipType_testcaseOf", "TEST_CASE_OF" },
	{ "relationshipType_documentation", "DOCUMENTATION_OF" },
	{ "relationshipType_dataFile", "DATA_FILE_OF" },
	{ "checksumAlgorithm_blake2b256", "BLAKE2b-256" },
	{ "checksumAlgorithm_blake2b384", "BLAKE2b-384" },
	{ "checksumAlgorithm_blake2b512", "BLAKE2b-512" },
};

static const char *vocab_conv(struct rr *r, const char *local,
			      enum vstyle style)
{
	const char *u = strchr(local, '_');
	struct oh_buf b = OH_BUF_INIT;
	const char *s;

	for (size_t i = 0; i < sizeof(vocab_odd) / sizeof(vocab_odd[0]); i++)
		if (strcmp(local, vocab_odd[i].rdf) == 0)
			return vocab_odd[i].json;
	if (!u)
		return oh_arena_strdup(&r->d->arena, local);
	for (u++; *u != '\0'; u++) {
		if (*u >= 'A' && *u <= 'Z' && style != V_UPPER && b.len > 0)
			oh_buf_addch(&b, style == V_SNAKE ? '_' : '-');
		if (*u == '_' && style == V_UPPER)
			oh_buf_addch(&b, '-'); /* sha3_256 -> SHA3-256 */
		else if (*u >= 'a' && *u <= 'z')
			oh_buf_addch(&b, *u - 'a' + 'A');
		else
			oh_buf_addch(&b, *u);
	}
	s = oh_arena_strndup(&r->d->arena, b.buf, b.len);
	oh_buf_release(&b);
	return s;
}

/* An enumerated property: resource in the SPDX terms, or literal. */
static const char *vocab(struct rr *r, const struct xel *p, enum vstyle style)
{
	const char *v;

	if (!p)
		return NULL;
	v = value_of(r, p);
	if (!v)
		return NULL;
	if (starts(v, NS_SPDX)) {
		struct vmemo *m =
			&r->vmemo[((uintptr_t)v >> 4 ^ (uintptr_t)style) %
				  VMEMO];

		if (m->in != v || m->style != (int)style) {
			m->in = v;
			m->style = (int)style;
			m->out = vocab_conv(r, v + strlen(NS_SPDX), style);
		}
		return m->out;
	}
	return trimmed(r, v);
}

/* ---- license expressions ---- */

static int lic_prop(struct rr *r, const char **out, const struct xel *p,
		    int depth);

static bool lic_listed(const char *u, const char **id)
{
	if (starts(u, LIC_HTTP))
		*id = u + strlen(LIC_HTTP);
	else if (starts(u, LIC_TLS))
		*id = u + strlen(LIC_TLS);
	else
		return false;
	return true;
}

/* A license or exception named by its node: licenseId, else its URI. */
static const char *lic_named(struct rr *r, const struct subj *s)
{
	const char *id = str(r, s, TERM_SPDX_licenseId);

	if (!id)
		id = str(r, s, TERM_SPDX_licenseExceptionId);
	if (id)
		return trimmed(r, id);
	if (s->id && lic_listed(s->id, &id))
		return id;
	return s->id ? uri_id(r, s->id) : "";
}

/* Members of a set joined with `op`, in parentheses when more than one. */
static int lic_set(struct rr *r, struct oh_buf *b, const struct subj *s,
		   const char *op, int depth)
{
	struct oh_buf in = OH_BUF_INIT;
	struct pit it = { 0 };
	struct xel *p;
	size_t n = 0;
	int rc = 0;

	oh_buf_set_max(&in, EXPR_MAX);
	while (rc == 0 && (p = prop_next(s, &it, TERM_SPDX_member))) {
		const char *m;

		if ((rc = lic_prop(r, &m, p, depth + 1)) < 0)
			break;
		if (n++ > 0)
			rc = oh_buf_adds(&in, op);
		if (rc == 0)
			rc = oh_buf_adds(&in, m ? m : "");
	}
	if (rc == 0 && n > 1)
		rc = oh_buf_addch(b, '(');
	if (rc == 0)
		rc = oh_buf_add(b, in.buf, in.len);
	if (rc == 0 && n > 1)
		rc = oh_buf_addch(b, ')');
	oh_buf_release(&in);
	return rc;
}

static int lic_build(struct rr *r, struct oh_buf *b, const struct subj *s,
		     int depth)
{
	const char *m = NULL, *x = NULL;
	int rc;

	if (strcmp(s->cls, "ConjunctiveLicenseSet") == 0)
		return lic_set(r, b, s, " AND ", depth);
	if (strcmp(s->cls, "DisjunctiveLicenseSet") == 0)
		return lic_set(r, b, s, " OR ", depth);
	if (strcmp(s->cls, "WithExceptionOperator") == 0 ||
	    strcmp(s->cls, "OrLaterOperator") == 0) {
		if ((rc = lic_prop(r, &m, prop(s, TERM_SPDX_member),
				   depth + 1)) < 0)
			return rc;
		oh_buf_adds(b, m ? m : "");
		if (strcmp(s->cls, "OrLaterOperator") == 0)
			return oh_buf_addch(b, '+');
		if ((rc = lic_prop(r, &x, prop(s, TERM_SPDX_licenseException),
				   depth + 1)) < 0)
			return rc;
		oh_buf_adds(b, " WITH ");
		return oh_buf_adds(b, x ? x : "");
	}
	return oh_buf_adds(b, lic_named(r, s));
}

/* The expression of a license node; memoised, cycles refused. */
static int lic_subj(struct rr *r, const char **out, struct subj *s,
		    const struct xel *at, int depth)
{
	struct oh_buf b = OH_BUF_INIT;
	int rc;

	if (s->expr) {
		*out = s->expr;
		return 0;
	}
	if (s->busy)
		return fail(r, OH_EINPUT, at,
			    "license element '%.60s' "
			    "contains itself",
			    s->key ? s->key : "");
	if (depth > SBOM_MAX_DEPTH)
		return fail(r, OH_ELIMIT, at, "license nested deeper than %s",
			    "64");
	if (!s->cls)
		s->cls = "";
	s->busy = 1;
	oh_buf_set_max(&b, EXPR_MAX);
	rc = lic_build(r, &b, s, depth);
	s->busy = 0;
	if (rc == OH_ELIMIT && r->err->code == OH_OK)
		rc = fail(r, OH_ELIMIT, at,
			  "license expression longer than %s bytes", "65536");
	if (rc == 0)
		s->expr = *out = oh_arena_strndup(&r->d->arena, b.buf, b.len);
	oh_buf_release(&b);
	return rc;
}

/* A license-valued property: listed URI, special, node or literal. */
static int lic_prop(struct rr *r, const char **out, const struct xel *p,
		    int depth)
{
	const char *u, *id;
	struct subj *s;

	*out = NULL;
	if (!p)
		return 0;
	u = attr(r, p, TERM_RDF_resource);
	if (u && special(u)) {
		*out = special(u);
		return 0;
	}
	s = obj(r, p);
	if (s && (has_children(s) || !s->id))
		return lic_subj(r, out, s, p, depth);
	if (u && lic_listed(u, &id))
		*out = id;
	else if (u)
		*out = uri_id(r, abs_uri(r, u));
	else if (s)
		return lic_subj(r, out, s, p, depth);
	else
		*out = trimmed(r, text(r, p));
	return 0;
}

static int lic(struct rr *r, const char **out, const struct subj *s,
	       enum term t)
{
	return lic_prop(r, out, prop(s, t), 0);
}

static int lics(struct rr *r, const char ***out, size_t *n,
		const struct subj *s, enum term t)
{
	struct pit it = { 0 };
	struct xel *p;
	int rc;

	while ((p = prop_next(s, &it, t))) {
		const char *v;

		if ((rc = lic_prop(r, &v, p, 0)) < 0 ||
		    (rc = limit(r, *n, p)) < 0)
			return rc;
		*PUSH(r, *out, *n) = v;
	}
	return 0;
}

/* ---- elements ---- */

static int checksums(struct rr *r, struct sbom_checksum **out, size_t *n,
		     const struct subj *s)
{
	struct pit it = { 0 };
	struct xel *p;
	int rc;

	while ((p = prop_next(s, &it, TERM_SPDX_checksum))) {
		const struct subj *c = obj(r, p);
		struct sbom_checksum *x;

		if ((rc = limit(r, *n, p)) < 0)
			return rc;
		x = PUSH(r, *out, *n);
		x->algorithm = vocab(r, prop(c, TERM_SPDX_algorithm), V_UPPER);
		x->value = str(r, c, TERM_SPDX_checksumValue);
	}
	return 0;
}

static int files_analyzed(struct rr *r, struct sbom_package *pk,
			  const struct subj *s)
{
	struct xel *p = prop(s, TERM_SPDX_filesAnalyzed);
	const char *v;

	pk->files_analyzed = -1;
	if (!p)
		return 0;
	v = trimmed(r, text(r, p));
	if (strcmp(v, "true") == 0 || strcmp(v, "1") == 0)
		pk->files_analyzed = 1;
	else if (strcmp(v, "false") == 0 || strcmp(v, "0") == 0)
		pk->files_analyzed = 0;
	else
		return fail(r, OH_EINPUT, p,
			    "'filesAnalyzed' must be true or false, not "
			    "'%.60s'",
			    v);
	return 0;
}

static int extrefs(struct rr *r, struct sbom_package *pk, const struct subj *s)
{
	struct pit it = { 0 };
	struct xel *p;
	int rc;

	while ((p = prop_next(s, &it, TERM_SPDX_externalRef))) {
		const struct subj *c = obj(r, p);
		struct sbom_extref *x;
		const char *t;

		if ((rc = limit(r, pk->nextref, p)) < 0)
			return rc;
		x = PUSH(r, pk->extref, pk->nextref);
		x->category =
			vocab(r, prop(c, TERM_SPDX_referenceCategory), V_DASH);
		t = str(r, c, TERM_SPDX_referenceType);
		if (t && starts(t, REF_TYPE))
			t += strlen(REF_TYPE);
		x->type = t;
		x->locator = str(r, c, TERM_SPDX_referenceLocator);
		x->comment = str(r, c, TERM_RDFS_comment);
	}
	return 0;
}

static void pkg_strings(struct rr *r, struct sbom_package *pk,
			const struct subj *s)
{
	static const struct {
		size_t off;
		enum term t;
	} f[] = {
		{ offsetof(struct sbom_package, name), TERM_SPDX_name },
		{ offsetof(struct sbom_package, version),
		  TERM_SPDX_versionInfo },
		{ offsetof(struct sbom_package, file_name),
		  TERM_SPDX_packageFileName },
		{ offsetof(struct sbom_package, supplier), TERM_SPDX_supplier },
		{ offsetof(struct sbom_package, originator),
		  TERM_SPDX_originator },
		{ offsetof(struct sbom_package, download_location),
		  TERM_SPDX_downloadLocation },
		{ offsetof(struct sbom_package, source_info),
		  TERM_SPDX_sourceInfo },
		{ offsetof(struct sbom_package, copyright),
		  TERM_SPDX_copyrightText },
		{ offsetof(struct sbom_package, license_comments),
		  TERM_SPDX_licenseComments },
		{ offsetof(struct sbom_package, summary), TERM_SPDX_summary },
		{ offsetof(struct sbom_package, description),
		  TERM_SPDX_description },
		{ offsetof(struct sbom_package, release_date),
		  TERM_SPDX_releaseDate },
		{ offsetof(struct sbom_package, built_date),
		  TERM_SPDX_builtDate },
		{ offsetof(struct sbom_package, valid_until_date),
		  TERM_SPDX_validUntilDate },
	};

	for (size_t i = 0; i < sizeof(f) / sizeof(f[0]); i++)
		*(const char **)((char *)pk + f[i].off) = str(r, s, f[i].t);
	pk->homepage = str(r, s, TERM_SPDX_homepage);
	if (!pk->homepage)
		pk->homepage = str(r, s, TERM_DOAP_homepage);
	pk->comment = str(r, s, TERM_RDFS_comment);
	pk->primary_purpose =
		vocab(r, prop(s, TERM_SPDX_primaryPackagePurpose), V_SNAKE);
}

static int has_files(struct rr *r, struct sbom_package *pk,
		     const struct subj *s)
{
	struct pit it = { 0 };
	struct xel *p;
	int rc;

	while ((p = prop_next(s, &it, TERM_SPDX_hasFile))) {
		if ((rc = limit(r, pk->nhas_files, p)) < 0)
			return rc;
		*PUSH(r, pk->has_files, pk->nhas_files) = ref_id(r, p);
	}
	return 0;
}

/* ---- property lines (for diagnostics that name a field) ---- */

static const struct {
	enum term rdf;   /* its term (in the SPDX terms) */
	const char *key; /* SPDX JSON key */
	bool list;       /* repeatable: entries of a JSON array */
} prop_keys[] = {
	{ TERM_SPDX_name, "name", false },
	{ TERM_SPDX_versionInfo, "versionInfo", false },
	{ TERM_SPDX_packageFileName, "packageFileName", false },
	{ TERM_SPDX_supplier, "supplier", false },
	{ TERM_SPDX_originator, "originator", false },
	{ TERM_SPDX_downloadLocation, "downloadLocation", false },
	{ TERM_SPDX_filesAnalyzed, "filesAnalyzed", false },
	{ TERM_SPDX_packageVerificationCode, "packageVerificationCode", false },
	{ TERM_SPDX_checksum, "checksums", true },
	{ TERM_SPDX_sourceInfo, "sourceInfo", false },
	{ TERM_SPDX_licenseConcluded, "licenseConcluded", false },
	{ TERM_SPDX_licenseInfoFromFiles, "licenseInfoFromFiles", true },
	{ TERM_SPDX_licenseDeclared, "licenseDeclared", false },
	{ TERM_SPDX_licenseComments, "licenseComments", false },
	{ TERM_SPDX_copyrightText, "copyrightText", false },
	{ TERM_SPDX_summary, "summary", false },
	{ TERM_SPDX_description, "description", false },
	{ TERM_SPDX_externalRef, "externalRefs", true },
	{ TERM_SPDX_attributionText, "attributionTexts", true },
	{ TERM_SPDX_primaryPackagePurpose, "primaryPackagePurpose", false },
	{ TERM_SPDX_releaseDate, "releaseDate", false },
	{ TERM_SPDX_builtDate, "builtDate", false },
	{ TERM_SPDX_validUntilDate, "validUntilDate", false },
	{ TERM_SPDX_fileName, "fileName", false },
	{ TERM_SPDX_fileType, "fileTypes", true },
	{ TERM_SPDX_licenseInfoInFile, "licenseInfoInFiles", true },
	{ TERM_SPDX_noticeText, "noticeText", false },
	{ TERM_SPDX_fileContributor, "fileContributors", true },
	{ TERM_SPDX_snippetFromFile, "snippetFromFile", false },
	{ TERM_SPDX_range, "ranges", true },
	{ TERM_SPDX_licenseInfoInSnippet, "licenseInfoInSnippets", true },
	{ TERM_SPDX_licenseId, "licenseId", false },
	{ TERM_SPDX_extractedText, "extractedText", false },
};

#define PROP_KEYS (sizeof(prop_keys) / sizeof(prop_keys[0]))

_Static_assert(PROP_KEYS < UCHAR_MAX, "struct xqn's key is one byte");

/*
 * Keep the line of every property of element idx (of `kind`) that has a
 * SPDX JSON key, so a diagnostic on "packages[3].checksums[1]" names the
 * line of that property rather than the element's.
 */
static void prop_lines(struct rr *r, enum sbom_fl_kind kind, size_t idx,
		       const struct subj *s)
{
	struct sbom_fieldlines *fl = &r->d->fl[kind];
	unsigned occ[PROP_KEYS] = { 0 };

	for (size_t i = 0; i < s->ndesc; i++) {
		for (const struct xel *p = s->desc[i]->kids; p; p = p->next) {
			struct sbom_fieldline *e;
			size_t k;

			if (p->qn->key == 0)
				continue;
			k = p->qn->key - 1u;
			e = PUSH(r, fl->e, fl->n);
			e->key = prop_keys[k].key;
			e->idx = (unsigned)idx;
			e->occ = prop_keys[k].list ? occ[k]++ : 0;
			e->line = line_of(p);
		}
	}
}

static int package(struct rr *r, const struct subj *s)
{
	struct sbom_doc *d = r->d;
	struct sbom_package *pk;
	const struct subj *vc;
	int rc;

	if ((rc = limit(r, d->npkg, s->desc[0])) < 0)
		return rc;
	pk = PUT(r, d->pkg, d->npkg, r->pkg_cap);
	pk->spdxid = s->id ? uri_id(r, s->id) : NULL;
	pk->line = subj_line(s);
	prop_lines(r, SBOM_FL_PKG, d->npkg - 1, s);
	pkg_strings(r, pk, s);
	vc = obj(r, prop(s, TERM_SPDX_packageVerificationCode));
	if (vc) {
		pk->verif_code =
			str(r, vc, TERM_SPDX_packageVerificationCodeValue);
		if ((rc = strs(r, &pk->verif_excluded, &pk->nverif_excluded, vc,
			       TERM_SPDX_packageVerificationCodeExcludedFile)) <
		    0)
			return rc;
	}
	if ((rc = files_analyzed(r, pk, s)) < 0 ||
	    (rc = lic(r, &pk->license_concluded, s,
		      TERM_SPDX_licenseConcluded)) < 0 ||
	    (rc = lic(r, &pk->license_declared, s, TERM_SPDX_licenseDeclared)) <
		    0 ||
	    (rc = lics(r, &pk->license_info_from_files,
		       &pk->nlicense_info_from_files, s,
		       TERM_SPDX_licenseInfoFromFiles)) < 0 ||
	    (rc = strs(r, &pk->attribution, &pk->nattribution, s,
		       TERM_SPDX_attributionText)) < 0 ||
	    (rc = checksums(r, &pk->checksum, &pk->nchecksum, s)) < 0 ||
	    (rc = extrefs(r, pk, s)) < 0 || (rc = has_files(r, pk, s)) < 0)
		return rc;
	return 0;
}

static int file(struct rr *r, const struct subj *s)
{
	struct sbom_doc *d = r->d;
	struct sbom_file *f;
	struct pit it = { 0 };
	struct xel *p;
	int rc;

	if ((rc = limit(r, d->nfile, s->desc[0])) < 0)
		return rc;
	f = PUSH(r, d->file, d->nfile);
	f->spdxid = s->id ? uri_id(r, s->id) : NULL;
	f->line = subj_line(s);
	prop_lines(r, SBOM_FL_FILE, d->nfile - 1, s);
	f->name = str(r, s, TERM_SPDX_fileName);
	f->copyright = str(r, s, TERM_SPDX_copyrightText);
	f->comment = str(r, s, TERM_RDFS_comment);
	f->notice = str(r, s, TERM_SPDX_noticeText);
	f->license_comments = str(r, s, TERM_SPDX_licenseComments);
	while ((p = prop_next(s, &it, TERM_SPDX_fileType))) {
		if ((rc = limit(r, f->nfile_types, p)) < 0)
			return rc;
		*PUSH(r, f->file_types, f->nfile_types) = vocab(r, p, V_UPPER);
	}
	if ((rc = lic(r, &f->license_concluded, s,
		      TERM_SPDX_licenseConcluded)) < 0 ||
	    (rc = lics(r, &f->license_info, &f->nlicense_info, s,
		       TERM_SPDX_licenseInfoInFile)) < 0 ||
	    (rc = strs(r, &f->contributors, &f->ncontributors, s,
		       TERM_SPDX_fileContributor)) < 0 ||
	    (rc = checksums(r, &f->checksum, &f->nchecksum, s)) < 0)
		return rc;
	return 0;
}

static int pointer(struct rr *r, struct sbom_range *g, const struct xel *p,
		   int end)
{
	const struct subj *s = obj(r, p);
	struct xel *v;
	const char *t;
	char *e;
	long long n;

	if (!s)
		return 0;
	if (!g->ref)
		g->ref = ref_id(r, prop(s, TERM_PTR_reference));
	v = prop(s, TERM_PTR_offset);
	if (!v) {
		v = prop(s, TERM_PTR_lineNumber);
		g->is_line = v != NULL;
	}
	if (!v)
		return 0;
	t = trimmed(r, text(r, v));
	errno = 0;
	n = strtoll(t, &e, 10);
	if (*t == '\0' || *e != '\0' || errno != 0 || n < 0)
		return fail(r, OH_EINPUT, v,
			    "pointer offset or line '%.60s' is not a number",
			    t);
	if (end)
		g->end = n;
	else
		g->start = n;
	return 0;
}

static int snippet(struct rr *r, const struct subj *s)
{
	struct sbom_doc *d = r->d;
	struct sbom_snippet *x;
	struct pit it = { 0 };
	struct xel *p;
	int rc;

	if ((rc = limit(r, d->nsnippet, s->desc[0])) < 0)
		return rc;
	x = PUSH(r, d->snippet, d->nsnippet);
	x->spdxid = s->id ? uri_id(r, s->id) : NULL;
	x->line = subj_line(s);
	prop_lines(r, SBOM_FL_SNIP, d->nsnippet - 1, s);
	x->name = str(r, s, TERM_SPDX_name);
	x->from_file = ref_id(r, prop(s, TERM_SPDX_snippetFromFile));
	x->copyright = str(r, s, TERM_SPDX_copyrightText);
	x->comment = str(r, s, TERM_RDFS_comment);
	x->license_comments = str(r, s, TERM_SPDX_licenseComments);
	if ((rc = lic(r, &x->license_concluded, s,
		      TERM_SPDX_licenseConcluded)) < 0 ||
	    (rc = lics(r, &x->license_info, &x->nlicense_info, s,
		       TERM_SPDX_licenseInfoInSnippet)) < 0)
		return rc;
	while ((p = prop_next(s, &it, TERM_SPDX_range))) {
		const struct subj *se = obj(r, p);
		struct sbom_range *g;

		if ((rc = limit(r, x->nrange, p)) < 0)
			return rc;
		g = PUSH(r, x->range, x->nrange);
		g->start = g->end = -1;
		if ((rc = pointer(r, g, prop(se, TERM_PTR_startPointer), 0)) <
			    0 ||
		    (rc = pointer(r, g, prop(se, TERM_PTR_endPointer), 1)) < 0)
			return rc;
	}
	return 0;
}

static int extracted(struct rr *r, const struct subj *s)
{
	struct sbom_doc *d = r->d;
	struct sbom_extracted *x;
	int rc;

	if ((rc = limit(r, d->nextracted, s->desc[0])) < 0)
		return rc;
	x = PUSH(r, d->extracted, d->nextracted);
	x->line = subj_line(s);
	prop_lines(r, SBOM_FL_LIC, d->nextracted - 1, s);
	x->license_id = str(r, s, TERM_SPDX_licenseId);
	if (x->license_id)
		x->license_id = trimmed(r, x->license_id);
	else if (s->id)
		x->license_id = uri_id(r, s->id);
	x->text = str(r, s, TERM_SPDX_extractedText);
	x->name = str(r, s, TERM_SPDX_name);
	x->comment = str(r, s, TERM_RDFS_comment);
	return strs(r, &x->see_also, &x->nsee_also, s, TERM_RDFS_seeAlso);
}

/* Relationships and annotations held by any subject with an SPDX id. */
static int rels(struct rr *r, const struct subj *s)
{
	struct sbom_doc *d = r->d;
	const char *id = s->id ? uri_id(r, s->id) : NULL;
	struct pit it = { 0 };
	struct xel *p;
	int rc;

	while ((p = prop_next(s, &it, TERM_SPDX_relationship))) {
		const struct subj *o = obj(r, p);
		struct sbom_relationship *x;

		if ((rc = limit(r, d->nrel, p)) < 0)
			return rc;
		x = PUT(r, d->rel, d->nrel, r->rel_cap);
		x->line = o ? subj_line(o) : line_of(p);
		x->element = id;
		x->type =
			vocab(r, prop(o, TERM_SPDX_relationshipType), V_SNAKE);
		x->related = ref_id(r, prop(o, TERM_SPDX_relatedSpdxElement));
		x->comment = str(r, o, TERM_RDFS_comment);
	}
	it = (struct pit){ 0 };
	while ((p = prop_next(s, &it, TERM_SPDX_annotation))) {
		const struct subj *o = obj(r, p);
		struct sbom_annotation *x;

		if ((rc = limit(r, d->nannotation, p)) < 0)
			return rc;
		x = PUSH(r, d->annotation, d->nannotation);
		x->line = o ? subj_line(o) : line_of(p);
		x->about = id;
		x->annotator = str(r, o, TERM_SPDX_annotator);
		x->date = str(r, o, TERM_SPDX_annotationDate);
		x->type = vocab(r, prop(o, TERM_SPDX_annotationType), V_UPPER);
		x->comment = str(r, o, TERM_RDFS_comment);
	}
	return 0;
}

/* ---- the document ---- */

static int docrefs(struct rr *r, const struct subj *doc)
{
	struct sbom_doc *d = r->d;
	struct pit it = { 0 };
	struct xel *p;
	int rc;

	while ((p = prop_next(doc, &it, TERM_SPDX_externalDocumentRef))) {
		const struct subj *o = obj(r, p);
		const struct subj *cs = obj(r, prop(o, TERM_SPDX_checksum));
		struct sbom_docref *x;

		if ((rc = limit(r, d->ndocref, p)) < 0)
			return rc;
		x = PUSH(r, d->docref, d->ndocref);
		x->line = o ? subj_line(o) : line_of(p);
		x->id = str(r, o, TERM_SPDX_externalDocumentId);
		if (!x->id && o && o->id)
			x->id = uri_id(r, o->id);
		x->document = str(r, o, TERM_SPDX_spdxDocument);
		x->checksum_alg =
			vocab(r, prop(cs, TERM_SPDX_algorithm), V_UPPER);
		x->checksum_value = str(r, cs, TERM_SPDX_checksumValue);
	}
	return 0;
}

static void namespace_of(struct rr *r, const struct xel *n)
{
	const char *about = attr(r, n, TERM_RDF_about);
	const char *hash;

	if (!about)
		return;
	hash = strrchr(about, '#');
	if (!hash) {
		r->ns = about;
		r->nns = strlen(about);
		return;
	}
	r->nns = (size_t)(hash - about);
	r->ns = r->nns ? oh_arena_strndup(&r->d->arena, about, r->nns) : NULL;
}

static int doc_top(struct rr *r, const struct subj *s)
{
	struct sbom_doc *d = r->d;
	const struct subj *ci = obj(r, prop(s, TERM_SPDX_creationInfo));
	struct pit it = { 0 };
	struct xel *p;
	int rc;

	d->namespace_ = r->ns;
	d->spdxid = s->id ? uri_id(r, s->id) : NULL;
	d->spdx_version = str(r, s, TERM_SPDX_specVersion);
	d->name = str(r, s, TERM_SPDX_name);
	d->comment = str(r, s, TERM_RDFS_comment);
	if ((rc = lic(r, &d->data_license, s, TERM_SPDX_dataLicense)) < 0)
		return rc;
	d->created = str(r, ci, TERM_SPDX_created);
	d->license_list_version = str(r, ci, TERM_SPDX_licenseListVersion);
	d->creator_comment = str(r, ci, TERM_RDFS_comment);
	if ((rc = strs(r, &d->creators, &d->ncreators, ci, TERM_SPDX_creator)) <
	    0)
		return rc;
	while ((p = prop_next(s, &it, TERM_SPDX_describesPackage))) {
		if ((rc = limit(r, d->ndescribes, p)) < 0)
			return rc;
		*PUSH(r, d->describes, d->ndescribes) = ref_id(r, p);
	}
	return 0;
}

/* The SpdxDocument: the root itself, or the first one under rdf:RDF. */
static int find_doc(struct rr *r, struct xel *root, struct xel **out)
{
	*out = NULL;
	if (is(root, TERM_SPDX_SpdxDocument)) {
		*out = root;
		return 0;
	}
	if (!is(root, TERM_RDF_RDF))
		return fail(
			r, OH_EINPUT, root,
			"root element '%.60s' is not rdf:RDF (namespace " NS_RDF
			")",
			root->qn->name);
	for (struct xel *c = root->kids; c; c = c->next)
		if (is(c, TERM_SPDX_SpdxDocument) ||
		    (is(c, TERM_RDF_Description) && node_class(r, c) &&
		     strcmp(node_class(r, c), "SpdxDocument") == 0)) {
			*out = c;
			return 0;
		}
	return fail(r, OH_EINPUT, root,
		    "no spdx:SpdxDocument under rdf:RDF (namespace %s)",
		    NS_SPDX);
}

static int elements(struct rr *r)
{
	static const struct {
		const char *cls;
		int (*fn)(struct rr *, const struct subj *);
	} kinds[] = {
		{ "Package", package },
		{ "File", file },
		{ "Snippet", snippet },
		{ "ExtractedLicensingInfo", extracted },
	};
	int rc;

	for (struct subj *s = r->first; s; s = s->next) {
		for (size_t k = 0;
		     s->cls && k < sizeof(kinds) / sizeof(kinds[0]); k++)
			if (strcmp(s->cls, kinds[k].cls) == 0 &&
			    (rc = kinds[k].fn(r, s)) < 0)
				return rc;
	}
	return 0;
}

static int all_rels(struct rr *r, const struct subj *doc)
{
	int rc;

	if ((rc = rels(r, doc)) < 0)
		return rc;
	for (const struct subj *s = r->first; s; s = s->next)
		if (s != doc && s->id && (rc = rels(r, s)) < 0)
			return rc;
	return 0;
}

/*
 * Room for every package and relationship at once: grown one power of two
 * at a time, the arrays are copied and zeroed twice over (the packages of
 * a 100k-package document are 28 MB).  The counts are those package() and
 * rels() will find.
 */
static void reserve_all(struct rr *r, const struct subj *doc)
{
	size_t npkg = 0, nrel = 0;

	for (const struct subj *s = r->first; s; s = s->next) {
		if (s->cls && strcmp(s->cls, "Package") == 0)
			npkg++;
		if (s != doc && !s->id)
			continue;
		for (size_t i = 0; i < s->ndesc; i++)
			for (const struct xel *p = s->desc[i]->kids; p;
			     p = p->next)
				if (is(p, TERM_SPDX_relationship))
					nrel++;
	}
	/* limit() stops a list at SBOM_MAX_ITEMS: no room past it */
	npkg = npkg < SBOM_MAX_ITEMS ? npkg : SBOM_MAX_ITEMS;
	nrel = nrel < SBOM_MAX_ITEMS ? nrel : SBOM_MAX_ITEMS;
	r->d->pkg = reserve(r, r->d->pkg, r->d->npkg, &r->pkg_cap, npkg,
			    sizeof(*r->d->pkg));
	r->d->rel = reserve(r, r->d->rel, r->d->nrel, &r->rel_cap, nrel,
			    sizeof(*r->d->rel));
}

static int build(struct rr *r, struct xel *root)
{
	struct xel *dn;
	struct subj *doc;
	int rc;

	if ((rc = find_doc(r, root, &dn)) < 0)
		return rc;
	namespace_of(r, dn);
	if ((rc = is(root, TERM_RDF_RDF) ? walk_prop(r, root, 1)
					 : walk_node(r, root, 1)) < 0)
		return rc;
	doc = dn->priv;
	reserve_all(r, doc);
	if ((rc = docrefs(r, doc)) < 0 || (rc = doc_top(r, doc)) < 0 ||
	    (rc = elements(r)) < 0 || (rc = all_rels(r, doc)) < 0)
		return rc;
	return 0;
}

/* ---- libxml2 ---- */

static void keep_error(struct rr *r, rdf_xml_error e)
{
	size_t n;

	if (!e || e->level < XML_ERR_ERROR || r->xml_msg[0] != '\0')
		return;
	r->xml_line = e->line > 0 ? (unsigned)e->line : 0;
	snprintf(r->xml_msg, sizeof(r->xml_msg), "%s",
		 e->message ? e->message : "unknown error");
	n = strlen(r->xml_msg);
	while (n > 0 && (r->xml_msg[n - 1] == '\n' || r->xml_msg[n - 1] == ' '))
		r->xml_msg[--n] = '\0';
}

/* Errors raised with the parser context: data is the context. */
static void on_ctxt_error(void *data, rdf_xml_error e)
{
	xmlParserCtxt *ctxt = data;

	keep_error(ctxt->_private, e);
}

/* Errors raised without a context (encoding, I/O): data is ours. */
static void on_error(void *data, rdf_xml_error e)
{
	keep_error(data, e);
}

static void on_generic(void *data, const char *fmt, ...)
{
	(void)data;
	(void)fmt;
}

static void on_doctype(void *data, const xmlChar *name, const xmlChar *ext,
		       const xmlChar *sys)
{
	xmlParserCtxt *ctxt = data;
	struct rr *r = ctxt->_private;

	(void)name;
	(void)ext;
	(void)sys;
	r->doctype = 1;
	r->doctype_line = ctxt->input ? (unsigned)ctxt->input->line : 0;
	xmlStopParser(ctxt);
}

/* ---- the compact tree, built by SAX2 callbacks ---- */

/* libxml2's DOM name of an element or attribute: "pfx:local" when the
 * prefix is undeclared (no namespace), else the local name. */
static const char *tree_name(struct rr *r, const xmlChar *local,
			     const xmlChar *pfx, const xmlChar *uri)
{
	size_t np, nl;
	char *q;

	if (!pfx || uri)
		return (const char *)local;
	np = strlen((const char *)pfx);
	nl = strlen((const char *)local);
	q = oh_arena_alloc(r->tree, np + nl + 2);
	memcpy(q, pfx, np);
	q[np] = ':';
	memcpy(q + np + 1, local, nl);
	return q;
}

/* One character or entity reference at *p (after '&'), as UTF-8 in out;
 * its length, or 0 when it is none of the XML ones. */
static size_t ref_char(char out[4], const char **p, const char *end)
{
	static const struct {
		const char *name;
		char c;
	} pre[] = { { "amp;", '&' },
		    { "lt;", '<' },
		    { "gt;", '>' },
		    { "apos;", '\'' },
		    { "quot;", '"' } };
	const char *s = *p;
	unsigned long v = 0;
	int base = 10;

	for (size_t i = 0; i < sizeof(pre) / sizeof(pre[0]); i++) {
		size_t n = strlen(pre[i].name);

		if ((size_t)(end - s) >= n && memcmp(s, pre[i].name, n) == 0) {
			*p = s + n;
			out[0] = pre[i].c;
			return 1;
		}
	}
	if (s >= end || *s++ != '#')
		return 0;
	if (s < end && *s == 'x') {
		base = 16;
		s++;
	}
	for (; s < end && *s != ';' && v <= 0x10FFFF; s++) {
		int d = *s >= '0' && *s <= '9'                 ? *s - '0'
			: base == 16 && *s >= 'a' && *s <= 'f' ? *s - 'a' + 10
			: base == 16 && *s >= 'A' && *s <= 'F' ? *s - 'A' + 10
							       : -1;

		if (d < 0)
			return 0;
		v = v * (unsigned long)base + (unsigned long)d;
	}
	if (s >= end || *s != ';' || v == 0 || v > 0x10FFFF)
		return 0;
	*p = s + 1;
	if (v < 0x80) {
		out[0] = (char)v;
		return 1;
	}
	if (v < 0x800) {
		out[0] = (char)(0xC0 | (v >> 6));
		out[1] = (char)(0x80 | (v & 0x3F));
		return 2;
	}
	if (v < 0x10000) {
		out[0] = (char)(0xE0 | (v >> 12));
		out[1] = (char)(0x80 | ((v >> 6) & 0x3F));
		out[2] = (char)(0x80 | (v & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | (v >> 18));
	out[1] = (char)(0x80 | ((v >> 12) & 0x3F));
	out[2] = (char)(0x80 | ((v >> 6) & 0x3F));
	out[3] = (char)(0x80 | (v & 0x3F));
	return 4;
}

/*
 * s..e with its references decoded into q (room for e - s + 1 bytes),
 * NUL-terminated: its length.
 */
static size_t unref(char *q, const char *s, const char *e)
{
	size_t k = 0;

	while (s < e) {
		char u[4];
		const char *at = s + 1;
		size_t m;

		if (*s == '&' && (m = ref_char(u, &at, e)) > 0) {
			memcpy(q + k, u, m);
			k += m;
			s = at;
		} else {
			q[k++] = *s++;
		}
	}
	q[k] = '\0';
	return k;
}

/*
 * An attribute value copied to the tree.  Without XML_PARSE_NOENT libxml2
 * hands '&' on as "&#38;" and leaves its DOM builder to decode it
 * (xmlStringLenGetNodeList()); so do we: any '&' left is a reference.
 */
static const char *tree_value(struct rr *r, const xmlChar *v,
			      const xmlChar *end)
{
	const char *s = (const char *)v;
	const char *e = (const char *)end;
	size_t n = (size_t)(e - s);
	char *q;

	if (!memchr(s, '&', n))
		return keep(r, s, n);
	q = oh_arena_alloc(r->tree, n + 1);
	return keep(r, q, unref(q, s, e));
}

/* A new name: its term, its class-ness and its prop_keys[] entry. */
static struct xqn *qn_new(struct rr *r, const xmlChar *local,
			  const xmlChar *pfx, const xmlChar *uri)
{
	struct xqn *q = oh_arena_alloc(r->tree, sizeof(*q));

	q->name = tree_name(r, local, pfx, uri);
	q->ns = (const char *)uri;
	if (!q->ns)
		return q;
	q->node_ns = strcmp(q->ns, NS_SPDX) == 0 || strcmp(q->ns, NS_PTR) == 0;
	for (size_t t = 1; t < TERM_COUNT; t++)
		if (strcmp(q->name, term_name[t].local) == 0 &&
		    strcmp(q->ns, term_name[t].ns) == 0)
			q->term = (enum term)t;
	for (size_t k = 0; q->term != TERM_NONE && q->key == 0 && k < PROP_KEYS;
	     k++)
		if (prop_keys[k].rdf == q->term)
			q->key = (unsigned char)(k + 1);
	return q;
}

/* Where libxml2's (local, pfx, uri) is in the name table, or the free
 * slot it would take. */
static struct qslot *qn_slot(const struct rr *r, const xmlChar *local,
			     const xmlChar *pfx, const xmlChar *uri)
{
	uint64_t h = (uint64_t)(uintptr_t)local * 0x9e3779b97f4a7c15u ^
		     (uint64_t)(uintptr_t)pfx * 0xc2b2ae3d27d4eb4fu ^
		     (uint64_t)(uintptr_t)uri;
	size_t mask = r->aqn - 1;
	size_t i;

	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdu;
	h ^= h >> 33;
	for (i = (size_t)h & mask; r->qn[i].local; i = (i + 1) & mask)
		if (r->qn[i].local == local && r->qn[i].pfx == pfx &&
		    r->qn[i].uri == uri)
			break;
	return &r->qn[i];
}

/* The name of an element or attribute, made once. */
static const struct xqn *qname(struct rr *r, const xmlChar *local,
			       const xmlChar *pfx, const xmlChar *uri)
{
	struct qslot *at;

	if (2 * (r->nqn + 1) > r->aqn) {
		struct qslot *old = r->qn;
		size_t was = r->aqn;

		r->aqn = was ? 2 * was : 64;
		r->qn = oh_xcalloc(r->aqn, sizeof(*r->qn));
		for (size_t k = 0; k < was; k++)
			if (old[k].local)
				*qn_slot(r, old[k].local, old[k].pfx,
					 old[k].uri) = old[k];
		free(old);
	}
	at = qn_slot(r, local, pfx, uri);
	if (!at->local) {
		at->local = local;
		at->pfx = pfx;
		at->uri = uri;
		at->qn = qn_new(r, local, pfx, uri);
		r->nqn++;
	}
	return at->qn;
}

/*
 * `size` zeroed bytes for an element, 8-byte aligned: the arena aligns
 * its items to 16 bytes, and a 100k-package document has 3 million
 * elements.  Packed in TREE_SLAB pieces of the arena; SAN builds
 * (OH_ARENA_DEBUG) give each element its own allocation.
 */
static void *tree_alloc(struct rr *r, size_t size)
{
	void *p;

	size = oh_add(size, 7) & ~(size_t)7;
#ifndef OH_ARENA_DEBUG
	if (size <= TREE_SLAB / 4) {
		if (size > r->slab_left) {
			r->slab = oh_arena_alloc(r->tree, TREE_SLAB);
			r->slab_left = TREE_SLAB;
		}
		p = r->slab;
		r->slab += size;
		r->slab_left -= size;
		return p;
	}
#endif /* OH_ARENA_DEBUG */
	p = oh_arena_alloc(r->tree, size);
	return p;
}

static void tree_start(void *data, const xmlChar *local, const xmlChar *pfx,
		       const xmlChar *uri, int nns, const xmlChar **ns,
		       int nattr, int ndef, const xmlChar **attrs)
{
	xmlParserCtxt *ctxt = data;
	struct rr *r = ctxt->_private;
	struct xopen *up = r->nopen ? &r->open[r->nopen - 1] : NULL;
	size_t na = nattr > 0 ? (size_t)nattr : 0;
	struct xel *e;

	if (r->quiet)
		return;
	(void)nns;
	(void)ns;
	(void)ndef;
	e = tree_alloc(r, oh_add(sizeof(*e), oh_mul(na, sizeof(e->attr[0]))));
	e->qn = qname(r, local, pfx, uri);
	e->line = ctxt->input && ctxt->input->line > 0
			  ? (unsigned)ctxt->input->line
			  : 0;
	for (size_t i = 0; i < na; i++, attrs += 5) {
		e->attr[i].qn = qname(r, attrs[0], attrs[1], attrs[2]);
		e->attr[i].value = tree_value(r, attrs[3], attrs[4]);
	}
	e->nattr = (unsigned)na;
	if (up) {
		e->tpos = (unsigned)up->txt.len;
		if (up->last)
			up->last->next = e;
		else
			up->el->kids = e;
		up->last = e;
	} else if (!r->root) {
		r->root = e;
	}
	if (r->nopen == r->aopen) {
		size_t was = r->aopen;

		OH_GROW(r->open, r->aopen, r->nopen + 1);
		for (size_t i = was; i < r->aopen; i++)
			oh_buf_init(&r->open[i].txt, 0);
	}
	r->open[r->nopen].el = e;
	r->open[r->nopen].last = NULL;
	oh_buf_reset(&r->open[r->nopen].txt);
	r->nopen++;
}

static void tree_end(void *data, const xmlChar *local, const xmlChar *pfx,
		     const xmlChar *uri)
{
	xmlParserCtxt *ctxt = data;
	struct rr *r = ctxt->_private;
	struct xopen *o;

	if (r->quiet)
		return;
	(void)local;
	(void)pfx;
	(void)uri;
	if (r->nopen == 0)
		return;
	o = &r->open[--r->nopen];
	if (o->txt.len > 0) {
		/* short text repeats (blanks between elements, "false"),
		 * long text (checksums, locators) is mostly given once:
		 * hashing it would cost more than it saves */
		o->el->text =
			o->txt.len <= KEEP_TEXT
				? keep(r, o->txt.buf, o->txt.len)
				: oh_arena_strndup(&r->d->arena, o->txt.buf,
						   o->txt.len);
		o->el->ntext = (unsigned)o->txt.len;
	}
}

/* Text, CDATA and (kept) blanks alike: the element's character data. */
static void tree_text(void *data, const xmlChar *s, int len)
{
	xmlParserCtxt *ctxt = data;
	struct rr *r = ctxt->_private;

	if (!r->quiet && r->nopen > 0 && len > 0)
		oh_buf_add(&r->open[r->nopen - 1].txt, s, (size_t)len);
}

/*
 * Comments, processing instructions and entity references are no part of
 * the tree; the handlers are there because libxml2 checks errors (and
 * words them) differently when there is none.
 */
static void tree_comment(void *data, const xmlChar *s)
{
	(void)data;
	(void)s;
}

static void tree_pi(void *data, const xmlChar *target, const xmlChar *s)
{
	(void)data;
	(void)target;
	(void)s;
}

static void tree_ref(void *data, const xmlChar *name)
{
	(void)data;
	(void)name;
}

static void tree_release(struct rr *r)
{
	for (size_t i = 0; i < r->aopen; i++)
		oh_buf_release(&r->open[i].txt);
	free(r->open);
	r->open = NULL;
	r->nopen = r->aopen = 0;
	oh_arena_release(&r->kept_mem);
	r->kept = NULL;
	r->nkept = r->akept = 0;
	oh_arena_release(&r->ix_mem);
	r->ix = NULL;
	r->nix = r->aix = 0;
	free(r->qn);
	r->qn = NULL;
	r->nqn = r->aqn = 0;
}

/* ---- sbom_xml_parse_sax(): the caller's callbacks, no tree ---- */

/* Room for n more bytes in r->scratch: where they go. */
static char *sax_room(struct rr *r, size_t n)
{
	OH_GROW(r->scratch, r->ascratch, oh_add(r->nscratch, n));
	return r->scratch + r->nscratch;
}

/* "pfx:local" (libxml2's DOM name for an undeclared prefix) in
 * r->scratch: its offset + 1; 0 when the name is local itself. */
static size_t sax_name(struct rr *r, const xmlChar *local, const xmlChar *pfx,
		       const xmlChar *uri)
{
	size_t at = r->nscratch, np, nl;
	char *q;

	if (!pfx || uri)
		return 0;
	np = strlen((const char *)pfx);
	nl = strlen((const char *)local);
	q = sax_room(r, np + nl + 2);
	memcpy(q, pfx, np);
	q[np] = ':';
	memcpy(q + np + 1, local, nl + 1);
	r->nscratch += np + nl + 2;
	return at + 1;
}

static const char *sax_str(const struct rr *r, size_t at, const xmlChar *local)
{
	return at ? r->scratch + at - 1 : (const char *)local;
}

static void sax_start(void *data, const xmlChar *local, const xmlChar *pfx,
		      const xmlChar *uri, int nns, const xmlChar **ns,
		      int nattr, int ndef, const xmlChar **attrs)
{
	xmlParserCtxt *ctxt = data;
	struct rr *r = ctxt->_private;
	size_t name_at, n = nattr > 0 ? (size_t)nattr : 0;
	unsigned line = ctxt->input && ctxt->input->line > 0
				? (unsigned)ctxt->input->line
				: 0;

	if (r->quiet)
		return;
	(void)nns;
	(void)ns;
	(void)ndef;
	r->nscratch = 0;
	name_at = sax_name(r, local, pfx, uri);
	if (n > r->aattr) {
		size_t was = r->aattr;

		OH_GROW(r->attr, r->aattr, n);
		OH_GROW(r->attr_at, was, 2 * r->aattr);
	}
	/* offsets first: the scratch buffer moves while it grows */
	for (size_t i = 0; i < n; i++) {
		const char *v = (const char *)attrs[5 * i + 3];
		const char *e = (const char *)attrs[5 * i + 4];

		r->attr_at[2 * i] = sax_name(r, attrs[5 * i], attrs[5 * i + 1],
					     attrs[5 * i + 2]);
		r->attr_at[2 * i + 1] = r->nscratch;
		r->nscratch +=
			unref(sax_room(r, (size_t)(e - v) + 1), v, e) + 1;
	}
	for (size_t i = 0; i < n; i++) {
		r->attr[i].ns = (const char *)attrs[5 * i + 2];
		r->attr[i].name = sax_str(r, r->attr_at[2 * i], attrs[5 * i]);
		r->attr[i].value = r->scratch + r->attr_at[2 * i + 1];
	}
	r->sax->start(sax_str(r, name_at, local), (const char *)uri, r->attr, n,
		      line, r->sax->payload);
}

static void sax_end(void *data, const xmlChar *local, const xmlChar *pfx,
		    const xmlChar *uri)
{
	xmlParserCtxt *ctxt = data;
	struct rr *r = ctxt->_private;

	(void)local;
	(void)pfx;
	(void)uri;
	if (!r->quiet)
		r->sax->end(r->sax->payload);
}

static void sax_text(void *data, const xmlChar *s, int len)
{
	xmlParserCtxt *ctxt = data;
	struct rr *r = ctxt->_private;

	if (!r->quiet && len > 0)
		r->sax->text((const char *)s, (size_t)len, r->sax->payload);
}

/* The SAX2 element start, keeping lines past 65535 in the node's psvi. */
static void on_start(void *data, const xmlChar *local, const xmlChar *prefix,
		     const xmlChar *uri, int nns, const xmlChar **ns, int nattr,
		     int ndef, const xmlChar **attrs)
{
	xmlParserCtxt *ctxt = data;

	xmlSAX2StartElementNs(data, local, prefix, uri, nns, ns, nattr, ndef,
			      attrs);
	if (ctxt->node && ctxt->input && ctxt->input->line >= USHRT_MAX &&
	    strcmp((const char *)ctxt->node->name, (const char *)local) == 0)
		ctxt->node->psvi = (void *)(ptrdiff_t)ctxt->input->line;
}

/* The SAX2 element end, then the streaming reader's look at it. */
static void on_end(void *data, const xmlChar *local, const xmlChar *prefix,
		   const xmlChar *uri)
{
	xmlParserCtxt *ctxt = data;
	struct rr *r = ctxt->_private;
	xmlNode *n = ctxt->node;

	xmlSAX2EndElementNs(data, local, prefix, uri);
	if (!n || n->type != XML_ELEMENT_NODE || ctxt->node == n)
		return;
	if (!r->quiet)
		r->on_end(r->end_ctx, n, ctxt->nodeNr);
	else if (ctxt->nodeNr > 0)
		sbom_xml_drop(n); /* only the error is wanted */
}

/*
 * Feed s to the push parser in PUSH_CHUNK pieces, the last with the
 * terminate flag; stop early once the parser stopped (a fatal error, a
 * DOCTYPE): the first error is kept and nothing after it is read.
 */
static void push(xmlParserCtxt *ctxt, const char *s, size_t len)
{
	size_t at = 0;

	while (at < len) {
		size_t n = len - at < PUSH_CHUNK ? len - at : PUSH_CHUNK;

		at += n;
		xmlParseChunk(ctxt, s + at - n, (int)n, at == len);
		if (ctxt->disableSAX || ctxt->instate == XML_PARSER_EOF)
			break;
	}
}

/*
 * One parse of s with our handlers: by the push parser, or (pull) by the
 * memory parser, which copies s first.  True when s is well formed and
 * has no DOCTYPE.
 */
static bool run(struct rr *r, xmlDoc **out, const char *s, size_t len,
		bool pull)
{
	xmlParserCtxt *ctxt;
	bool ok;

	*out = NULL;
	if (len == 0)
		return false; /* no document */
	ctxt = pull ? xmlCreateMemoryParserCtxt(s, (int)len)
		    : xmlCreatePushParserCtxt(NULL, NULL, NULL, 0, NULL);
	if (!ctxt)
		return false;
	/* style: rule 26: no NOENT, no DTDLOAD, no HUGE */
	xmlCtxtUseOptions(ctxt,
			  XML_PARSE_NONET | XML_PARSE_BIG_LINES | r->options);
	ctxt->_private = r;
	ctxt->sax->serror = on_ctxt_error;
	ctxt->sax->internalSubset = on_doctype;
	ctxt->sax->startElementNs = on_start;
	if (r->on_end)
		ctxt->sax->endElementNs = on_end;
	ctxt->sax->externalSubset = NULL;
	ctxt->sax->entityDecl = NULL;
	if (r->tree || r->sax) {
		ctxt->sax->startElementNs = r->sax ? sax_start : tree_start;
		ctxt->sax->endElementNs = r->sax ? sax_end : tree_end;
		ctxt->sax->characters = r->sax ? sax_text : tree_text;
		ctxt->sax->ignorableWhitespace = ctxt->sax->characters;
		ctxt->sax->cdataBlock = ctxt->sax->characters;
		ctxt->sax->comment = tree_comment;
		ctxt->sax->processingInstruction = tree_pi;
		ctxt->sax->reference = tree_ref;
	}
	if (r->tree && !r->dict) {
		/* the names in the tree are the parser's */
		r->dict = ctxt->dict;
		xmlDictReference(r->dict);
	}
	if (pull)
		xmlParseDocument(ctxt);
	else
		push(ctxt, s, len);
	ok = ctxt->wellFormed && !r->doctype;
	*out = ctxt->myDoc;
	ctxt->myDoc = NULL;
	xmlFreeParserCtxt(ctxt);
	return ok && *out;
}

/*
 * Parse s with the push parser: the memory parser would first copy the
 * whole input (hundreds of MB for a big SBOM), and a no-copy buffer past
 * 10 MB fails with "Huge input lookup" without XML_PARSE_HUGE.  The push
 * parser words some errors otherwise (a truncated document is "Extra
 * content at the end"): a document it refuses is parsed once more by the
 * memory parser, its reader's callbacks muted, for the message and line
 * the readers have always given.
 */
static int parse(struct rr *r, xmlDoc **out, const char *s, size_t len)
{
	xmlStructuredErrorFunc old = xmlStructuredError;
	void *old_ctx = xmlStructuredErrorContext;
	xmlGenericErrorFunc old_gen = xmlGenericError;
	void *old_gen_ctx = xmlGenericErrorContext;
	char msg[sizeof(r->xml_msg)];
	unsigned line = r->xml_line, doctype_line = r->doctype_line;
	int doctype = r->doctype;
	bool ok;

	xmlInitParser();
	xmlSetStructuredErrorFunc(r, on_error);
	xmlSetGenericErrorFunc(NULL, on_generic);
	ok = run(r, out, s, len, false);
	if (!ok && len > 0) {
		memcpy(msg, r->xml_msg, sizeof(msg));
		line = r->xml_line;
		doctype = r->doctype;
		doctype_line = r->doctype_line;
		r->quiet = true;
		r->xml_msg[0] = '\0';
		r->xml_line = 0;
		r->doctype = 0;
		xmlFreeDoc(*out);
		if (run(r, out, s, len, true)) {
			/* never taken for well formed: the first verdict */
			memcpy(r->xml_msg, msg, sizeof(msg));
			r->xml_line = line;
			r->doctype = doctype;
			r->doctype_line = doctype_line;
			xmlFreeDoc(*out);
			*out = NULL;
		}
	}
	xmlSetStructuredErrorFunc(old_ctx, old);
	xmlSetGenericErrorFunc(old_gen_ctx, old_gen);
	if (r->doctype)
		return oh_err_set(r->err, OH_EINPUT, r->name, r->doctype_line,
				  0,
				  "DOCTYPE refused: SPDX RDF/XML needs no DTD "
				  "and entities are not expanded");
	if (!ok)
		return oh_err_set(r->err, OH_EINPUT, r->name, r->xml_line, 0,
				  "not well-formed XML: %s",
				  r->xml_msg[0] != '\0' ? r->xml_msg
							: "no document");
	return 0;
}

int sbom_read_rdf(struct sbom_doc **out, const char *s, size_t len,
		  const char *name, struct oh_err *err)
{
	struct oh_arena tree = OH_ARENA_INIT;
	struct rr r = { .name = name, .err = err, .tree = &tree };
	xmlDoc *x = NULL;
	int rc;

	*out = NULL;
	if (len > SBOM_MAX_BYTES)
		return oh_err_set(err, OH_ELIMIT, name, 0, 0,
				  "document larger than %u bytes",
				  SBOM_MAX_BYTES);
	/* the tree's strings are the document's own (keep()) */
	r.d = sbom_doc_new();
	r.d->format = SBOM_FORMAT_RDF;
	rc = parse(&r, &x, s, len);
	if (rc < 0)
		goto out;
	if (!r.root) {
		rc = oh_err_set(err, OH_EINPUT, name, 0, 0, "no root element");
		goto out;
	}
	if ((rc = build(&r, r.root)) < 0)
		goto out;
	/* the tree's memory, already there, for what the caller builds next
	 * in the document's arena (validation: its JSON form) */
	oh_arena_recycle(&r.d->arena, &tree);
	*out = r.d;
	r.d = NULL;
out:
	tree_release(&r);
	sbom_doc_free(r.d);
	xmlFreeDoc(x);
	xmlDictFree(r.dict);
	oh_arena_release(&tree);
	return rc;
}

int sbom_xml_parse(struct _xmlDoc **out, const char *s, size_t len,
		   const char *name, struct oh_err *err)
{
	return sbom_xml_parse_stream(out, s, len, name, NULL, NULL, err);
}

int sbom_xml_parse_stream(struct _xmlDoc **out, const char *s, size_t len,
			  const char *name, sbom_xml_end_fn *end_fn, void *ctx,
			  struct oh_err *err)
{
	/* whitespace-only text is no CycloneDX value: not kept at all */
	struct rr r = { .name = name,
			.err = err,
			.options = XML_PARSE_NOBLANKS | XML_PARSE_COMPACT,
			.on_end = end_fn,
			.end_ctx = ctx };

	int rc;

	*out = NULL;
	if (len > SBOM_MAX_BYTES || len > INT_MAX)
		return oh_err_set(err, OH_ELIMIT, name, 0, 0,
				  "document larger than %u bytes",
				  SBOM_MAX_BYTES);
	/* parse() leaves what it built of a broken document in *out */
	if ((rc = parse(&r, out, s, len)) < 0) {
		xmlFreeDoc(*out);
		*out = NULL;
	}
	return rc;
}

int sbom_xml_parse_sax(const char *s, size_t len, const char *name,
		       const struct sbom_xml_sax *sax, struct oh_err *err)
{
	struct rr r = { .name = name, .err = err, .sax = sax };
	xmlDoc *x = NULL;
	int rc;

	if (len > SBOM_MAX_BYTES || len > INT_MAX)
		return oh_err_set(err, OH_ELIMIT, name, 0, 0,
				  "document larger than %u bytes",
				  SBOM_MAX_BYTES);
	rc = parse(&r, &x, s, len);
	xmlFreeDoc(x);
	free(r.scratch);
	free(r.attr);
	free(r.attr_at);
	return rc;
}
