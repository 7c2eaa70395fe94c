/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * A model document as a CycloneDX 1.6 BOM, JSON or XML (cdx.h).
 *
 * The package the document DESCRIBES is metadata.component; every other
 * package is a component (type from primaryPackagePurpose, library when
 * absent), bom-ref its SPDX id.  Files become components of type "file"
 * nested in the package that CONTAINS them (top level otherwise).
 * DEPENDS_ON (and the reverse DEPENDENCY_OF) relationships become the
 * dependency graph, with an entry for every package.  The serial number
 * is derived from the document namespace, so the same SPDX document gives
 * the same BOM.  Keys are added in the order of the XML schema's
 * sequences, so one tree serves both encodings.
 */
#include "sbom/cdx.h"
#include "sbom/model.h"
#include "sbom/cdx_int.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "core/buf.h"
#include "core/xalloc.h"
#include "core/banned.h"

/* SPDX id -> index+1 into packages (positive) or files (negative); 0. */
static long ix_num(const struct cdx_map *ids, const char *id)
{
	const union cdx_val *v = cdx_map_get(ids, id);

	return v ? v->num : 0;
}

static void put(cJSON *o, const char *k, const char *v)
{
	if (v && v[0])
		cJSON_AddStringToObject(o, k, v);
}

static bool asserted(const char *s)
{
	return s && s[0] && strcmp(s, "NOASSERTION") != 0 &&
	       strcmp(s, "NONE") != 0;
}

/* "Organization: X (mail)" -> "X" (static buffer of the caller). */
static const char *actor_name(char *out, size_t size, const char *a)
{
	const char *p = strchr(a, ':');
	size_t n;

	p = p ? p + 1 : a;
	while (*p == ' ')
		p++;
	n = strcspn(p, "(");
	while (n > 0 && p[n - 1] == ' ')
		n--;
	snprintf(out, size, "%.*s", (int)n, p);
	return out;
}

static void hashes(cJSON *o, const struct sbom_checksum *c, size_t n)
{
	cJSON *arr = NULL;

	for (size_t i = 0; i < n; i++) {
		const char *a = cdx_alg_from_spdx(c[i].algorithm);
		cJSON *h;

		if (!a || !c[i].value)
			continue;
		if (!arr)
			arr = cJSON_AddArrayToObject(o, "hashes");
		h = cJSON_CreateObject();
		cJSON_AddStringToObject(h, "alg", a);
		cJSON_AddStringToObject(h, "content", c[i].value);
		cJSON_AddItemToArray(arr, h);
	}
}

static bool plain_id(const char *s)
{
	if (strncmp(s, "LicenseRef-", 11) == 0 ||
	    strncmp(s, "DocumentRef-", 12) == 0)
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		      (*s >= '0' && *s <= '9') || *s == '.' || *s == '-'))
			return false;
	return true;
}

/* One expression: {license: {id}} for a single listed id, else expression. */
static void licenses(cJSON *o, const char *expr)
{
	cJSON *arr, *it;

	if (!asserted(expr))
		return;
	arr = cJSON_AddArrayToObject(o, "licenses");
	it = cJSON_CreateObject();
	if (plain_id(expr)) {
		cJSON *l = cJSON_AddObjectToObject(it, "license");

		cJSON_AddStringToObject(l, "id", expr);
	} else {
		cJSON_AddStringToObject(it, "expression", expr);
	}
	cJSON_AddItemToArray(arr, it);
}

static bool is_url(const char *s)
{
	return strncmp(s, "https://", 8) == 0 ||
	       strncmp(s, "http://", 7) == 0 || strncmp(s, "git+", 4) == 0 ||
	       strncmp(s, "ftp://", 6) == 0 || strncmp(s, "git://", 6) == 0 ||
	       strncmp(s, "ssh://", 6) == 0;
}

static void ext_ref(cJSON **arr, cJSON *o, const char *type, const char *url)
{
	cJSON *r;

	if (!*arr)
		*arr = cJSON_AddArrayToObject(o, "externalReferences");
	r = cJSON_CreateObject();
	cJSON_AddStringToObject(r, "type", type);
	cJSON_AddStringToObject(r, "url", url);
	cJSON_AddItemToArray(*arr, r);
}

static cJSON *package(const struct sbom_package *p)
{
	cJSON *o = cJSON_CreateObject();
	cJSON *refs = NULL;
	const char *purl = NULL, *cpe = NULL;
	char who[256];

	cJSON_AddStringToObject(o, "type",
				cdx_type_from_purpose(p->primary_purpose));
	put(o, "bom-ref", p->spdxid);
	if (asserted(p->supplier)) {
		cJSON *s = cJSON_AddObjectToObject(o, "supplier");

		cJSON_AddStringToObject(
			s, "name", actor_name(who, sizeof(who), p->supplier));
	}
	if (asserted(p->originator) &&
	    strncmp(p->originator, "Organization:", 13) == 0)
		put(o, "publisher",
		    actor_name(who, sizeof(who), p->originator));
	else if (asserted(p->originator))
		put(o, "author", actor_name(who, sizeof(who), p->originator));
	put(o, "name", p->name ? p->name : "");
	put(o, "version", p->version);
	put(o, "description", p->description ? p->description : p->summary);
	hashes(o, p->checksum, p->nchecksum);
	licenses(o, asserted(p->license_declared) ? p->license_declared
						  : p->license_concluded);
	if (asserted(p->copyright))
		put(o, "copyright", p->copyright);
	for (size_t i = 0; i < p->nextref; i++) {
		const char *t = p->extref[i].type;

		if (!t || !p->extref[i].locator)
			continue;
		if (!purl && strcmp(t, "purl") == 0)
			purl = p->extref[i].locator;
		else if (!cpe && strncmp(t, "cpe2", 4) == 0)
			cpe = p->extref[i].locator;
	}
	put(o, "cpe", cpe);
	put(o, "purl", purl);
	if (asserted(p->homepage))
		ext_ref(&refs, o, "website", p->homepage);
	if (asserted(p->download_location) && is_url(p->download_location))
		ext_ref(&refs, o,
			strncmp(p->download_location, "git", 3) == 0
				? "vcs"
				: "distribution",
			p->download_location);
	return o;
}

static cJSON *file(const struct sbom_file *f)
{
	cJSON *o = cJSON_CreateObject();

	cJSON_AddStringToObject(o, "type", "file");
	put(o, "bom-ref", f->spdxid);
	put(o, "name", f->name ? f->name : "");
	hashes(o, f->checksum, f->nchecksum);
	licenses(o, f->license_concluded);
	if (asserted(f->copyright))
		put(o, "copyright", f->copyright);
	return o;
}

/* A UUID from the namespace (FNV-1a, version 8 "custom" layout). */
static void serial(char *out, size_t size, const char *ns)
{
	uint64_t h1 = 14695981039346656037ull, h2 = h1 ^ 0x5bd1e995u;
	unsigned char b[16];

	for (const char *p = ns ? ns : ""; *p; p++) {
		h1 = (h1 ^ (unsigned char)*p) * 1099511628211ull;
		h2 = (h2 ^ (unsigned char)*p) * 1099511628211ull + 7;
	}
	for (int i = 0; i < 8; i++) {
		b[i] = (unsigned char)(h1 >> (8 * i));
		b[8 + i] = (unsigned char)(h2 >> (8 * i));
	}
	b[6] = (unsigned char)((b[6] & 0x0f) | 0x80);
	b[8] = (unsigned char)((b[8] & 0x3f) | 0x80);
	snprintf(
		out, size,
		"urn:uuid:%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
		b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9],
		b[10], b[11], b[12], b[13], b[14], b[15]);
}

static void metadata(cJSON *bom, const struct sbom_doc *d, cJSON *main_comp)
{
	cJSON *m = cJSON_AddObjectToObject(bom, "metadata");
	cJSON *tools = NULL, *authors = NULL;
	const char *org = NULL;
	char who[256];

	put(m, "timestamp", d->created);
	for (size_t i = 0; i < d->ncreators; i++) {
		const char *c = d->creators[i];

		if (!c)
			continue;
		if (strncmp(c, "Tool:", 5) == 0) {
			cJSON *t;

			if (!tools)
				tools = cJSON_AddArrayToObject(
					cJSON_AddObjectToObject(m, "tools"),
					"components");
			t = cJSON_CreateObject();
			cJSON_AddStringToObject(t, "type", "application");
			cJSON_AddStringToObject(
				t, "name", actor_name(who, sizeof(who), c));
			cJSON_AddItemToArray(tools, t);
		} else if (strncmp(c, "Person:", 7) == 0) {
			cJSON *a = cJSON_CreateObject();

			if (!authors)
				authors = cJSON_AddArrayToObject(m, "authors");
			cJSON_AddStringToObject(
				a, "name", actor_name(who, sizeof(who), c));
			cJSON_AddItemToArray(authors, a);
		} else if (strncmp(c, "Organization:", 13) == 0 && !org) {
			org = c;
		}
	}
	if (main_comp)
		cJSON_AddItemToObject(m, "component", main_comp);
	if (org) {
		cJSON *s = cJSON_AddObjectToObject(m, "supplier");

		cJSON_AddStringToObject(s, "name",
					actor_name(who, sizeof(who), org));
	}
}

/* The package the document describes: index+1, or 0. */
static size_t described(const struct sbom_doc *d, const struct cdx_map *ids)
{
	for (size_t i = 0; i < d->nrel; i++) {
		long k;

		if (!d->rel[i].type ||
		    strcmp(d->rel[i].type, "DESCRIBES") != 0 ||
		    !d->rel[i].element ||
		    strcmp(d->rel[i].element,
			   d->spdxid ? d->spdxid : "SPDXRef-DOCUMENT") != 0)
			continue;
		k = ix_num(ids, d->rel[i].related);
		if (k > 0)
			return (size_t)k;
	}
	for (size_t i = 0; i < d->ndescribes; i++) {
		long k = ix_num(ids, d->describes[i]);

		if (k > 0)
			return (size_t)k;
	}
	return 0;
}

/* DEPENDS_ON a->b (or DEPENDENCY_OF b->a) as package indexes; else 0. */
static int depends(const struct sbom_doc *d, const struct cdx_map *ids,
		   size_t i, long *a, long *b)
{
	const struct sbom_relationship *r = &d->rel[i];

	if (!r->type)
		return 0;
	*a = ix_num(ids, r->element);
	*b = ix_num(ids, r->related);
	if (strcmp(r->type, "DEPENDENCY_OF") == 0) {
		long t = *a;

		*a = *b;
		*b = t;
	} else if (strcmp(r->type, "DEPENDS_ON") != 0) {
		return 0;
	}
	return *a > 0 && *b > 0;
}

static cJSON *to_tree(const struct sbom_doc *d)
{
	cJSON *bom = cJSON_CreateObject();
	cJSON *comps, *deps, **pc, **on;
	struct cdx_map ids = { 0 };
	char sn[64];
	size_t main_idx;

	for (size_t i = 0; i < d->npkg; i++)
		cdx_map_add(&ids, d->pkg[i].spdxid,
			    (union cdx_val){ .num = (long)i + 1 });
	for (size_t i = 0; i < d->nfile; i++)
		cdx_map_add(&ids, d->file[i].spdxid,
			    (union cdx_val){ .num = -(long)i - 1 });
	cJSON_AddStringToObject(bom, "bomFormat", "CycloneDX");
	cJSON_AddStringToObject(bom, "specVersion", "1.6");
	serial(sn, sizeof(sn), d->namespace_);
	cJSON_AddStringToObject(bom, "serialNumber", sn);
	cJSON_AddNumberToObject(bom, "version", 1);
	pc = oh_xcalloc(d->npkg + 1, sizeof(*pc));
	on = oh_xcalloc(d->npkg + 1, sizeof(*on));
	for (size_t i = 0; i < d->npkg; i++)
		pc[i] = package(&d->pkg[i]);
	/* files into the package that CONTAINS them */
	{
		bool *placed = oh_xcalloc(d->nfile + 1, sizeof(*placed));

		for (size_t i = 0; i < d->nrel; i++) {
			const struct sbom_relationship *r = &d->rel[i];
			long a = ix_num(&ids, r->element);
			long b = ix_num(&ids, r->related);
			cJSON *kids;

			if (!r->type || strcmp(r->type, "CONTAINS") != 0 ||
			    a <= 0 || b >= 0 || placed[-b - 1])
				continue;
			placed[-b - 1] = true;
			kids = cJSON_GetObjectItemCaseSensitive(pc[a - 1],
								"components");
			if (!kids)
				kids = cJSON_AddArrayToObject(pc[a - 1],
							      "components");
			cJSON_AddItemToArray(kids, file(&d->file[-b - 1]));
		}
		main_idx = described(d, &ids);
		metadata(bom, d, main_idx ? pc[main_idx - 1] : NULL);
		comps = cJSON_AddArrayToObject(bom, "components");
		for (size_t i = 0; i < d->npkg; i++)
			if (i + 1 != main_idx)
				cJSON_AddItemToArray(comps, pc[i]);
		for (size_t i = 0; i < d->nfile; i++)
			if (!placed[i])
				cJSON_AddItemToArray(comps, file(&d->file[i]));
		free(placed);
	}
	deps = cJSON_AddArrayToObject(bom, "dependencies");
	for (size_t i = 0; i < d->npkg; i++) {
		cJSON *x = cJSON_CreateObject();

		if (!d->pkg[i].spdxid) {
			cJSON_Delete(x);
			continue;
		}
		cJSON_AddStringToObject(x, "ref", d->pkg[i].spdxid);
		on[i] = cJSON_AddArrayToObject(x, "dependsOn");
		cJSON_AddItemToArray(deps, x);
	}
	for (size_t i = 0; i < d->nrel; i++) {
		long a, b;
		const char *to;
		const cJSON *v;
		bool dupl = false;

		if (!depends(d, &ids, i, &a, &b) || !on[a - 1])
			continue;
		to = d->pkg[b - 1].spdxid;
		cJSON_ArrayForEach(
			v, on[a - 1]) if (strcmp(v->valuestring, to) == 0)
			dupl = true;
		if (!dupl)
			cJSON_AddItemToArray(on[a - 1], cJSON_CreateString(to));
	}
	free(pc);
	free(on);
	cdx_map_release(&ids);
	return bom;
}

void sbom_cdx_write_json(struct oh_buf *out, const struct sbom_doc *doc)
{
	cJSON *t = to_tree(doc);
	char *s = cJSON_Print(t);

	if (!s)
		OH_BUG("cJSON_Print failed (out of memory)");
	oh_buf_adds(out, s);
	oh_buf_addch(out, '\n');
	cJSON_free(s);
	cJSON_Delete(t);
}

/* ---- XML ---------------------------------------------------------------- */

/* Length of the valid UTF-8 sequence at s that XML 1.0 allows, or 0. */
static size_t xml_char(const unsigned char *s)
{
	unsigned cp;
	size_t n;

	if (s[0] < 0x80)
		return s[0] >= 0x20 || s[0] == '\t' || s[0] == '\n' ||
				       s[0] == '\r'
			       ? 1
			       : 0;
	if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		n = 2;
		cp = s[0] & 0x1fu;
	} else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		n = 3;
		cp = s[0] & 0x0fu;
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		n = 4;
		cp = s[0] & 0x07u;
	} else {
		return 0;
	}
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3fu);
	}
	if ((n == 3 && cp < 0x800) ||
	    (n == 4 && (cp < 0x10000 || cp > 0x10ffff)) ||
	    (cp >= 0xd800 && cp <= 0xdfff) || cp == 0xfffe || cp == 0xffff)
		return 0;
	return n;
}

/* Text or attribute value; what XML cannot carry becomes U+FFFD. */
static void esc(struct oh_buf *b, const char *s, bool attr)
{
	const unsigned char *u = (const unsigned char *)(s ? s : "");

	while (*u) {
		size_t n = xml_char(u);

		if (n == 0) {
			oh_buf_adds(b, "\xef\xbf\xbd");
			u++;
			continue;
		}
		if (*u == '&')
			oh_buf_adds(b, "&amp;");
		else if (*u == '<')
			oh_buf_adds(b, "&lt;");
		else if (*u == '>')
			oh_buf_adds(b, "&gt;");
		else if (attr && *u == '"')
			oh_buf_adds(b, "&quot;");
		else if (attr && (*u == '\n' || *u == '\t' || *u == '\r'))
			oh_buf_addf(b, "&#%u;", *u);
		else
			oh_buf_add(b, u, n);
		u += n;
	}
}

static void indent(struct oh_buf *b, unsigned n)
{
	for (unsigned i = 0; i < n; i++)
		oh_buf_adds(b, "  ");
}

/* Keys written as attributes of the element holding them. */
static bool is_attr(const char *elem, const char *key)
{
	return (strcmp(elem, "component") == 0 &&
		(strcmp(key, "type") == 0 || strcmp(key, "bom-ref") == 0)) ||
	       (strcmp(elem, "hash") == 0 && strcmp(key, "alg") == 0) ||
	       (strcmp(elem, "reference") == 0 && strcmp(key, "type") == 0);
}

static void xml_elem(struct oh_buf *b, const char *name, const cJSON *v,
		     unsigned depth);

/* An object's members: attributes first, then elements in key order. */
static void xml_obj(struct oh_buf *b, const char *name, const cJSON *o,
		    unsigned depth)
{
	const cJSON *k;
	bool kids = false;

	indent(b, depth);
	oh_buf_addf(b, "<%s", name);
	cJSON_ArrayForEach(k, o)
	{
		if (is_attr(name, k->string) && cJSON_IsString(k)) {
			oh_buf_addf(b, " %s=\"", k->string);
			esc(b, k->valuestring, true);
			oh_buf_addch(b, '"');
		}
	}
	if (strcmp(name, "hash") == 0) {
		oh_buf_addch(b, '>');
		esc(b,
		    cJSON_GetStringValue(
			    cJSON_GetObjectItemCaseSensitive(o, "content")),
		    false);
		oh_buf_addf(b, "</%s>\n", name);
		return;
	}
	cJSON_ArrayForEach(k, o)
	{
		if (is_attr(name, k->string))
			continue;
		if (!kids)
			oh_buf_adds(b, ">\n");
		kids = true;
		xml_elem(b, k->string, k, depth + 1);
	}
	if (!kids) {
		oh_buf_adds(b, "/>\n");
		return;
	}
	indent(b, depth);
	oh_buf_addf(b, "</%s>\n", name);
}

/* The element name of one item of a list element. */
static const char *item_name(const char *list)
{
	static const char *const map[][2] = {
		{ "components", "component" },         { "hashes", "hash" },
		{ "externalReferences", "reference" }, { "authors", "author" },
		{ "dependencies", "dependency" },
	};

	for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (strcmp(map[i][0], list) == 0)
			return map[i][1];
	return "item";
}

static void xml_elem(struct oh_buf *b, const char *name, const cJSON *v,
		     unsigned depth)
{
	const cJSON *k;

	if (cJSON_IsString(v) || cJSON_IsNumber(v)) {
		char num[32];

		indent(b, depth);
		oh_buf_addf(b, "<%s>", name);
		/* a number as it is (a score 7.5 stays 7.5), no cast */
		if (cJSON_IsNumber(v)) {
			snprintf(num, sizeof(num), "%.15g", v->valuedouble);
			if (strtod(num, NULL) != v->valuedouble)
				snprintf(num, sizeof(num), "%.17g",
					 v->valuedouble);
		}
		esc(b, cJSON_IsNumber(v) ? num : v->valuestring, false);
		oh_buf_addf(b, "</%s>\n", name);
		return;
	}
	if (cJSON_IsObject(v)) {
		xml_obj(b, name, v, depth);
		return;
	}
	if (!cJSON_IsArray(v))
		return;
	indent(b, depth);
	oh_buf_addf(b, "<%s>\n", name);
	cJSON_ArrayForEach(k, v)
	{
		if (strcmp(name, "licenses") == 0) {
			/* {license: {...}} / {expression: "..."} */
			if (k->child)
				xml_elem(b, k->child->string, k->child,
					 depth + 1);
		} else if (strcmp(name, "dependencies") == 0) {
			const cJSON *on = cJSON_GetObjectItemCaseSensitive(
				k, "dependsOn");
			const cJSON *x;

			indent(b, depth + 1);
			oh_buf_adds(b, "<dependency ref=\"");
			esc(b,
			    cJSON_GetStringValue(
				    cJSON_GetObjectItemCaseSensitive(k, "ref")),
			    true);
			if (cJSON_GetArraySize(on) == 0) {
				oh_buf_adds(b, "\"/>\n");
				continue;
			}
			oh_buf_adds(b, "\">\n");
			cJSON_ArrayForEach(x, on)
			{
				indent(b, depth + 2);
				oh_buf_adds(b, "<dependency ref=\"");
				esc(b, x->valuestring, true);
				oh_buf_adds(b, "\"/>\n");
			}
			indent(b, depth + 1);
			oh_buf_adds(b, "</dependency>\n");
		} else {
			xml_elem(b, item_name(name), k, depth + 1);
		}
	}
	indent(b, depth);
	oh_buf_addf(b, "</%s>\n", name);
}

void sbom_cdx_write_xml(struct oh_buf *out, const struct sbom_doc *doc)
{
	cJSON *t = to_tree(doc);
	const cJSON *k;

	oh_buf_adds(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
	oh_buf_addf(out, "<bom xmlns=\"%s1.6\" serialNumber=\"", SBOM_CDX_NS);
	esc(out,
	    cJSON_GetStringValue(
		    cJSON_GetObjectItemCaseSensitive(t, "serialNumber")),
	    true);
	oh_buf_adds(out, "\" version=\"1\">\n");
	cJSON_ArrayForEach(k, t)
	{
		if (cJSON_IsObject(k) ||
		    (cJSON_IsArray(k) && cJSON_GetArraySize(k) > 0))
			xml_elem(out, k->string, k, 1);
	}
	oh_buf_adds(out, "</bom>\n");
	cJSON_Delete(t);
}
