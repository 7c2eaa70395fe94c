/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * CycloneDX XML into the JSON tree of the same BOM (cdx.h).
 *
 * The mapping is generic with a few special shapes: an element's
 * attributes and child elements become keys; an element without either is
 * its text; text next to attributes is "content" (<hash alg>,
 * <text content-type>), "value" for <property name>.  Elements named in
 * `lists` become arrays of their children; <licenses> items keep their
 * element name as key ({"license": ..}, {"expression": ..}); a
 * <dependency ref> with nested <dependency ref> elements gives
 * {"ref", "dependsOn"} (and <provides> "provides"); service <data> gives
 * the 1.4 and 1.5+ JSON shapes.  A child element given twice where no
 * list is expected becomes an array, which the validator then reports
 * where the schema wants one value (two <id> in a license).  Elements of
 * other namespaces (extensions, xml signatures) are skipped.
 *
 * The tree is built in the caller's arena (nodes, values, keys interned
 * per BOM), as json_arena.c builds one; a value that is an element's or
 * attribute's only text node is read in place, without libxml2's copy.
 */
#include "sbom/cdx.h"
#include "sbom/model.h"

#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>
#include <libxml/tree.h>

#include "core/arena.h"
#include "core/err.h"
#include "core/xalloc.h"
#include "core/banned.h"

/* Elements whose children form a JSON array. */
static const char *const lists[] = { "components",
				     "services",
				     "hashes",
				     "licenses",
				     "externalReferences",
				     "properties",
				     "dependencies",
				     "endpoints",
				     "patches",
				     "resolves",
				     "ancestors",
				     "descendants",
				     "variants",
				     "commits",
				     "vulnerabilities",
				     "references",
				     "ratings",
				     "cwes",
				     "advisories",
				     "affects",
				     "versions",
				     "lifecycles",
				     "tags",
				     "authors",
				     "contacts",
				     "compositions",
				     "assemblies",
				     "aliases",
				     "occurrences",
				     "annotations",
				     "subjects",
				     "formulation",
				     "workflows",
				     "tasks",
				     "steps",
				     "commands",
				     "inputs",
				     "outputs",
				     "frames",
				     "tools",
				     "licensees",
				     "licensors",
				     "methods",
				     "taskTypes",
				     "cryptoFunctions",
				     "cipherSuites",
				     "algorithms",
				     "identifiers",
				     NULL };

/* Elements that stay objects in JSON although they hold one kind of
 * child ("tools" of 1.5+ with <components>, "releaseNotes" and
 * "copyright" of evidence are lists of other shapes): decided per
 * children below. */

#define KEY_SLOTS 1024 /* distinct keys interned per BOM (power of two) */

struct xc {
	const char *name;
	struct oh_err *err;
	unsigned depth;
	const char *ns;     /* the document's CycloneDX namespace */
	struct oh_arena *a; /* owns the tree */
	const char **keys;  /* KEY_SLOTS interned keys, or NULL */
};

static bool is_list(const char *name)
{
	for (size_t i = 0; lists[i]; i++)
		if (strcmp(lists[i], name) == 0)
			return true;
	return false;
}

static bool ours(const struct xc *c, const xmlNode *n)
{
	return n->type == XML_ELEMENT_NODE && n->ns && n->ns->href &&
	       strcmp((const char *)n->ns->href, c->ns) == 0;
}

static unsigned line_of(const xmlNode *n)
{
	long l = xmlGetLineNo(n);

	return l > 0 ? (unsigned)l : 0;
}

/* ---- the tree, in the arena: nodes as json_arena.c makes them ---- */

static cJSON *node_new(struct xc *c, int type)
{
	cJSON *n = oh_arena_alloc(c->a, sizeof(*n));

	n->type = type;
	return n;
}

static cJSON *str_new(struct xc *c, const char *s, size_t len)
{
	cJSON *n = node_new(c, cJSON_String);

	n->valuestring = oh_arena_strndup(c->a, s, len);
	return n;
}

/* A key kept once per BOM (element and attribute names repeat). */
static const char *key_of(struct xc *c, const char *k)
{
	uint32_t h = 2166136261u;
	size_t len = strlen(k);

	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)k[i]) * 16777619u;
	for (size_t i = 0; c->keys && i < 8; i++) {
		const char **slot = &c->keys[(h + i) & (KEY_SLOTS - 1)];

		if (!*slot)
			return *slot = oh_arena_strndup(c->a, k, len);
		if (strcmp(*slot, k) == 0)
			return *slot;
	}
	return oh_arena_strndup(c->a, k, len);
}

/* o[k] = v, after o's other members (k is kept, v is linked). */
static void obj_add(struct xc *c, cJSON *o, const char *k, cJSON *v)
{
	v->string = (char *)key_of(c, k);
	sbom_json_arena_link(o, v);
}

/* The text of an element or attribute: its only text child's, without a
 * copy, or libxml2's (*keep, for xmlFree()). */
static const char *content(const xmlNode *n, xmlChar **keep)
{
	const xmlNode *k = n->children;

	*keep = NULL;
	if (!k)
		return "";
	if (!k->next &&
	    (k->type == XML_TEXT_NODE || k->type == XML_CDATA_SECTION_NODE))
		return k->content ? (const char *)k->content : "";
	*keep = xmlNodeGetContent(n);
	return *keep ? (const char *)*keep : "";
}

/* The element's own text (text and CDATA children), trimmed. */
static cJSON *text_of(struct xc *c, const xmlNode *n)
{
	xmlChar *t;
	const char *s = content(n, &t);
	size_t len;
	cJSON *v;

	while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
		s++;
	len = strlen(s);
	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t' ||
			   s[len - 1] == '\r' || s[len - 1] == '\n'))
		len--;
	v = str_new(c, s, len);
	xmlFree(t);
	return v;
}

static bool has_elements(const struct xc *c, const xmlNode *n)
{
	for (const xmlNode *k = n->children; k; k = k->next)
		if (ours(c, k))
			return true;
	return false;
}

bool sbom_xml_has_text(const struct _xmlNode *n)
{
	for (const xmlNode *k = n->children; k; k = k->next) {
		if (k->type != XML_TEXT_NODE &&
		    k->type != XML_CDATA_SECTION_NODE)
			continue;
		for (const xmlChar *p = k->content; p && *p; p++)
			if (*p != ' ' && *p != '\t' && *p != '\r' && *p != '\n')
				return true;
	}
	return false;
}

/* Attribute names that differ between the serialisations. */
static const char *json_key(const char *attr)
{
	if (strcmp(attr, "content-type") == 0)
		return "contentType";
	return attr;
}

static void add_attrs(struct xc *c, cJSON *o, const xmlNode *n)
{
	for (const xmlAttr *a = n->properties; a; a = a->next) {
		xmlChar *keep;
		const char *v;

		if (a->ns) /* xsi:..., xml:... */
			continue;
		v = content((const xmlNode *)a, &keep);
		obj_add(c, o, json_key((const char *)a->name),
			str_new(c, v, strlen(v)));
		xmlFree(keep);
	}
}

static int element(struct xc *c, cJSON **out, const xmlNode *n,
		   const char *parent);

/* Elements that are objects in JSON even when empty or text only. */
static bool always_object(const char *name)
{
	static const char *const objs[] = {
		"license", "property",  "component", "service", "hash",
		"swid",    "reference", "metadata",  NULL
	};

	for (size_t i = 0; objs[i]; i++)
		if (strcmp(objs[i], name) == 0)
			return true;
	return false;
}

/* Add child value v under key k, turning a repeated key into an array. */
static void put(struct xc *c, cJSON *o, const char *k, cJSON *v)
{
	cJSON *old = cJSON_GetObjectItemCaseSensitive(o, k);

	if (!old) {
		obj_add(c, o, k, v);
		return;
	}
	if (!cJSON_IsArray(old)) {
		cJSON *arr = node_new(c, cJSON_Array);

		/* pointer surgery only: nothing of the arena is freed */
		cJSON_DetachItemViaPointer(o, old);
		sbom_json_arena_link(arr, old);
		obj_add(c, o, k, arr);
		old = arr;
	}
	sbom_json_arena_link(old, v);
}

/* Attribute `name` (no namespace) of n, or NULL (xmlGetNoNsProp()). */
static const char *attr(const xmlNode *n, const char *name, xmlChar **keep)
{
	*keep = NULL;
	for (const xmlAttr *a = n->properties; a; a = a->next)
		if (!a->ns && strcmp((const char *)a->name, name) == 0)
			return content((const xmlNode *)a, keep);
	return NULL;
}

/* <dependency ref="a"><dependency ref="b"/><provides ref="c"/></dependency> */
static cJSON *dependency(struct xc *c, const xmlNode *n)
{
	cJSON *o = node_new(c, cJSON_Object);
	cJSON *on = NULL, *prov = NULL;

	add_attrs(c, o, n);
	for (const xmlNode *k = n->children; k; k = k->next) {
		xmlChar *ref;
		const char *r;
		cJSON **arr;

		if (!ours(c, k))
			continue;
		if (strcmp((const char *)k->name, "dependency") == 0)
			arr = &on;
		else if (strcmp((const char *)k->name, "provides") == 0)
			arr = &prov;
		else
			continue;
		if (!*arr) {
			*arr = node_new(c, cJSON_Array);
			obj_add(c, o, arr == &on ? "dependsOn" : "provides",
				*arr);
		}
		r = attr(k, "ref", &ref);
		sbom_json_arena_link(*arr, r ? str_new(c, r, strlen(r))
					     : node_new(c, cJSON_NULL));
		xmlFree(ref);
	}
	return o;
}

/* Service data: 1.4 <classification flow>, 1.5+ <dataflow>. */
static cJSON *data_item(struct xc *c, const xmlNode *n)
{
	cJSON *o = node_new(c, cJSON_Object);
	xmlChar *flow = NULL;
	const xmlNode *cl = n;

	if (strcmp((const char *)n->name, "dataflow") == 0) {
		add_attrs(c, o, n);
		for (cl = n->children; cl; cl = cl->next)
			if (ours(c, cl) && strcmp((const char *)cl->name,
						  "classification") == 0)
				break;
	}
	if (cl) {
		const char *f = attr(cl, "flow", &flow);

		if (f)
			obj_add(c, o, "flow", str_new(c, f, strlen(f)));
		obj_add(c, o, "classification", text_of(c, cl));
		xmlFree(flow);
	}
	return o;
}

/* Item k (one of ours) of the list element named name: *out, or NULL. */
static int list_item(struct xc *c, cJSON **out, const xmlNode *k,
		     const char *name)
{
	const char *kn = (const char *)k->name;
	cJSON *v = NULL;
	int rc = 0;

	if (strcmp(name, "dependencies") == 0) {
		v = dependency(c, k);
	} else if (strcmp(name, "data") == 0) {
		v = data_item(c, k);
	} else if (strcmp(name, "licenses") == 0) {
		cJSON *inner = NULL;

		rc = element(c, &inner, k, name);
		v = node_new(c, cJSON_Object);
		if (cJSON_IsObject(inner) && strcmp(kn, "expression") == 0) {
			/* <expression acknowledgement=..>E</expression> */
			cJSON *e = cJSON_DetachItemFromObject(inner, "content");

			obj_add(c, v, "expression", e ? e : str_new(c, "", 0));
			for (cJSON *a = inner->child; a;) {
				cJSON *next = a->next;
				const char *k2 = a->string;

				cJSON_DetachItemViaPointer(inner, a);
				obj_add(c, v, k2, a);
				a = next;
			}
		} else if (inner) {
			obj_add(c, v, kn, inner);
		}
	} else {
		rc = element(c, &v, k, name);
	}
	*out = v;
	return rc;
}

static int list(struct xc *c, cJSON **out, const xmlNode *n)
{
	const char *name = (const char *)n->name;
	cJSON *arr = node_new(c, cJSON_Array);
	int rc = 0;

	*out = arr;
	for (const xmlNode *k = n->children; k && rc == 0; k = k->next) {
		cJSON *v = NULL;

		if (!ours(c, k))
			continue;
		rc = list_item(c, &v, k, name);
		if (v)
			sbom_json_arena_link(arr, v);
	}
	return rc;
}

/* 1.4 <tools><tool/></tools> is a list; 1.5+ <tools><components/> not. */
static bool list_here(const struct xc *c, const xmlNode *n)
{
	const char *name = (const char *)n->name;

	if (strcmp(name, "data") == 0)
		return true;
	/* evidence copyright is a list of {text}; a component's a string */
	if (strcmp(name, "copyright") == 0)
		return n->parent &&
		       strcmp((const char *)n->parent->name, "evidence") == 0;
	if (!is_list(name))
		return false;
	if (strcmp(name, "tools") == 0)
		for (const xmlNode *k = n->children; k; k = k->next)
			if (ours(c, k) &&
			    strcmp((const char *)k->name, "tool") != 0)
				return false;
	return true;
}

static int element(struct xc *c, cJSON **out, const xmlNode *n,
		   const char *parent)
{
	const char *name = (const char *)n->name;
	cJSON *o;
	int rc = 0;

	*out = NULL;
	if (++c->depth > SBOM_MAX_DEPTH) {
		c->depth--;
		return oh_err_set(c->err, OH_ELIMIT, c->name, line_of(n), 0,
				  "XML elements nested deeper than %d",
				  SBOM_MAX_DEPTH);
	}
	if (strcmp(name, "data") != 0 || strcmp(parent, "service") == 0) {
		if (list_here(c, n)) {
			rc = list(c, out, n);
			c->depth--;
			return rc;
		}
	}
	if (!n->properties && !has_elements(c, n) && !always_object(name)) {
		*out = text_of(c, n);
		c->depth--;
		return 0;
	}
	o = node_new(c, cJSON_Object);
	*out = o;
	add_attrs(c, o, n);
	if ((sbom_xml_has_text(n) || strcmp(name, "property") == 0) &&
	    !has_elements(c, n))
		obj_add(c, o,
			strcmp(name, "property") == 0 ? "value" : "content",
			text_of(c, n));
	for (const xmlNode *k = n->children; k && rc == 0; k = k->next) {
		cJSON *v = NULL;

		if (!ours(c, k))
			continue;
		rc = element(c, &v, k, name);
		if (v)
			put(c, o, (const char *)k->name, v);
	}
	c->depth--;
	return rc;
}

bool sbom_cdx_is_xml(const char *s, size_t len)
{
	size_t n = len < 4096 ? len : 4096;

	for (size_t i = 0; i + sizeof(SBOM_CDX_NS) - 1 <= n; i++)
		if (memcmp(s + i, SBOM_CDX_NS, sizeof(SBOM_CDX_NS) - 1) == 0)
			return true;
	return false;
}

/*
 * Streaming: the children of <bom> are mapped as their end tags are read,
 * and the items of a list child (<components>, <dependencies>, ...) one by
 * one, each then dropped from the libxml2 tree, so the tree never holds
 * the whole BOM.  The result is element()'s on the whole tree: the same
 * functions see the same subtrees, in document order.
 */
struct xs {
	struct xc c;
	struct oh_err err;      /* the first mapping error */
	int rc;                 /* its code */
	bool decided;           /* the root looked at */
	bool active;            /* the root is a CycloneDX <bom> */
	bool seen;              /* a child element of ours was mapped */
	cJSON *tree;            /* the root's object so far */
	const xmlNode *list_at; /* the list element whose items are read */
	cJSON *list;            /* its items so far */
};

/* A child of <bom> that element() reads with list() (list_here()). */
static bool streamed_list(const struct xc *c, const xmlNode *n)
{
	const char *name = (const char *)n->name;

	return ours(c, n) && is_list(name) && strcmp(name, "tools") != 0;
}

/*
 * Drop n and the text beside it: the parser appends later text to its
 * parent's last child, so that is never left a text node it did not
 * just write (and the parent's text is read by no mapping here).
 */
void sbom_xml_drop(struct _xmlNode *n)
{
	xmlNode *p = n->parent;

	xmlUnlinkNode(n);
	xmlFreeNode(n);
	for (xmlNode *k = p ? p->children : NULL, *next; k; k = next) {
		next = k->next;
		if (k->type == XML_TEXT_NODE ||
		    k->type == XML_CDATA_SECTION_NODE) {
			xmlUnlinkNode(k);
			xmlFreeNode(k);
		}
	}
}

static bool cdx_root(const xmlNode *root)
{
	const char *href = root && root->ns && root->ns->href
				   ? (const char *)root->ns->href
				   : "";

	return root && strcmp((const char *)root->name, "bom") == 0 &&
	       strncmp(href, SBOM_CDX_NS, sizeof(SBOM_CDX_NS) - 1) == 0;
}

static void decide(struct xs *x, const xmlNode *n)
{
	const xmlNode *root = n;

	x->decided = true;
	while (root->parent && root->parent->type == XML_ELEMENT_NODE)
		root = root->parent;
	if (!cdx_root(root))
		return;
	x->active = true;
	x->c.ns = (const char *)root->ns->href;
	x->tree = node_new(&x->c, cJSON_Object);
	add_attrs(&x->c, x->tree, root);
}

static void on_end(void *ctx, xmlNode *n, int depth)
{
	struct xs *x = ctx;
	cJSON *v = NULL;

	if (depth == 0)
		return;
	if (!x->decided)
		decide(x, n);
	if (!x->active)
		return;
	if (depth == 2 && n->parent && streamed_list(&x->c, n->parent)) {
		if (x->list_at != n->parent) {
			x->list_at = n->parent;
			x->list = node_new(&x->c, cJSON_Array);
		}
		if (x->rc == 0 && ours(&x->c, n)) {
			x->c.depth = 2;
			x->rc = list_item(&x->c, &v, n,
					  (const char *)n->parent->name);
			if (v)
				sbom_json_arena_link(x->list, v);
		}
		sbom_xml_drop(n);
		return;
	}
	if (depth != 1 || !ours(&x->c, n))
		return;
	x->seen = true;
	if (streamed_list(&x->c, n)) {
		v = x->list_at == n ? x->list : node_new(&x->c, cJSON_Array);
		x->list_at = NULL;
		x->list = NULL;
	} else if (x->rc == 0) {
		x->c.depth = 1;
		x->rc = element(&x->c, &v, n, "bom");
	}
	if (v && x->rc == 0)
		put(&x->c, x->tree, (const char *)n->name, v);
	sbom_xml_drop(n);
}

int sbom_cdx_xml_parse(struct cJSON **out, struct oh_arena *a, const char *s,
		       size_t len, const char *name, struct oh_err *err)
{
	const char **keys = oh_xcalloc(KEY_SLOTS, sizeof(*keys));
	struct xs xs = { .err = OH_ERR_INIT };
	struct xc c = { .name = name, .err = err, .a = a, .keys = keys };
	xmlDoc *x = NULL;
	xmlNode *root;
	cJSON *tree = NULL, *v;
	const char *href, *ver;
	char *end = NULL;
	long n;
	int rc;

	*out = NULL;
	xs.c = c;
	xs.c.err = &xs.err;
	rc = sbom_xml_parse_stream(&x, s, len, name, on_end, &xs, err);
	if (rc < 0)
		goto out;
	if (xs.rc < 0) {
		/* a mapping error of the streamed part, now that the XML is
		 * known to be well formed */
		rc = oh_err_set(err, xs.err.code, xs.err.input, xs.err.line,
				xs.err.col, "%s", xs.err.msg);
		goto out;
	}
	root = xmlDocGetRootElement(x);
	href = root && root->ns && root->ns->href ? (const char *)root->ns->href
						  : "";
	if (!root || strcmp((const char *)root->name, "bom") != 0 ||
	    strncmp(href, SBOM_CDX_NS, sizeof(SBOM_CDX_NS) - 1) != 0) {
		rc = oh_err_set(
			err, OH_EINPUT, name, root ? line_of(root) : 0, 0,
			"root element is not a CycloneDX <bom> (namespace %s<version>)",
			SBOM_CDX_NS);
		goto out;
	}
	ver = href + sizeof(SBOM_CDX_NS) - 1;
	c.ns = href;
	if (xs.seen)
		tree = xs.tree; /* what is left of root is read */
	else if ((rc = element(&c, &tree, root, "")) < 0)
		goto out;
	if (!cJSON_IsObject(tree))
		tree = node_new(&c, cJSON_Object);
	obj_add(&c, tree, "bomFormat", str_new(&c, "CycloneDX", 9));
	obj_add(&c, tree, "specVersion", str_new(&c, ver, strlen(ver)));
	/* the version attribute is an integer in JSON */
	v = cJSON_GetObjectItemCaseSensitive(tree, "version");
	if (cJSON_IsString(v)) {
		n = strtol(v->valuestring, &end, 10);
		if (end != v->valuestring && *end == '\0') {
			/* in place: the string stays in the arena */
			v->type = cJSON_Number;
			v->valuedouble = (double)n;
			v->valueint = n >= INT_MAX   ? INT_MAX
				      : n <= INT_MIN ? INT_MIN
						     : (int)n;
			v->valuestring = NULL;
		}
	}
	*out = tree;
out:
	oh_err_release(&xs.err);
	xmlFreeDoc(x);
	free(keys);
	return rc;
}
