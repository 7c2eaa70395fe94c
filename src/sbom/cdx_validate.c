/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * CycloneDX validation over the JSON tree (cdx.h).  The schema rules are
 * those of the official bom-1.x.schema.json of the document's
 * specVersion, for the objects a consumer relies on: the root, metadata,
 * components (recursively, with pedigree, swid, hashes, licenses,
 * external references, properties), services (data flow), dependencies.
 * Objects not listed here (vulnerabilities, formulation, declarations,
 * crypto properties, model cards, ...) are walked for bom-refs only.
 * Semantics the schema cannot state are checked on top: bom-ref unique,
 * every dependency reference defined, purl syntax, license expressions
 * parsed and their ids on the SPDX list.
 */
#include "sbom/cdx.h"
#include "sbom/model.h"
#include "sbom/sbom.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "core/buf.h"
#include "core/err.h"
#include "core/xalloc.h"
#include "license/expr.h"
#include "license/list.h"
#include "sbom/cdx_int.h"
#include "sbom/syntax.h"
#include "core/banned.h"

#define WHERE_MAX 512

struct cctx {
	struct sbom_report *r;
	const cJSON *root;
	int minor;       /* 1.<minor>; 7 and later checked as 6 */
	const char *ver; /* "1.6", for messages */
	bool known;      /* a version whose key lists we have (1.4-1.6) */
	bool xml;        /* tree from XML: no JSON booleans or numbers */
	unsigned profiles;
	const struct lic_list *licenses;
	struct cdx_map refs; /* every bom-ref */
	unsigned depth;
	bool quiet;    /* count, do not report */
	bool no_count; /* tools and pedigree: not packages of the BOM */
};

static void diag(struct cctx *c, enum sbom_severity sev, const char *code,
		 const char *element, const char *where, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));

static void diag(struct cctx *c, enum sbom_severity sev, const char *code,
		 const char *element, const char *where, const char *fmt, ...)
{
	va_list ap;

	if (c->quiet)
		return;
	va_start(ap, fmt);
	sbom_report_vadd(c->r, sev, code, element,
			 where[0] ? where : "document", fmt, ap);
	va_end(ap);
}

/* ---- helpers ----------------------------------------------------------- */

static const cJSON *get(const cJSON *o, const char *key)
{
	return cJSON_GetObjectItemCaseSensitive(o, key);
}

static const char *str(const cJSON *o, const char *key)
{
	const cJSON *v = get(o, key);

	return cJSON_IsString(v) ? v->valuestring : NULL;
}

/* base.key into out (WHERE_MAX bytes, cut to fit); no printf: this runs
 * for every field of every component. */
static size_t at_len(char *out, const char *base, const char *key)
{
	size_t n = strlen(base), k = strlen(key), o = 0;

	if (n > WHERE_MAX - 32)
		n = WHERE_MAX - 32;
	memcpy(out, base, n);
	o = n;
	if (n)
		out[o++] = '.';
	if (k > WHERE_MAX - 24 - o)
		k = WHERE_MAX - 24 - o;
	memcpy(out + o, key, k);
	o += k;
	out[o] = '\0';
	return o;
}

static void at(char *out, const char *base, const char *key)
{
	at_len(out, base, key);
}

static void at_i(char *out, const char *base, const char *key, int i)
{
	size_t o = at_len(out, base, key);
	char digits[16];
	size_t n = 0;
	unsigned v = i < 0 ? 0 : (unsigned)i;

	do
		digits[n++] = (char)('0' + v % 10);
	while ((v /= 10) != 0);
	out[o++] = '[';
	while (n)
		out[o++] = digits[--n];
	out[o++] = ']';
	out[o] = '\0';
}

/*
 * A walk over the items of the array o[key], each with its place
 * "base.key[i]" in `where`:
 *
 *	struct items it;
 *
 *	if (items_begin(&it, c, o, "hashes", element, base))
 *		while (items_next(&it))
 *			... it.item, it.where, it.i ...
 *
 * items_begin() is false when the member is absent and, reported as
 * CDX-SCHEMA "must be an array", when it is not an array.
 * items_quiet() reports nothing: a member that is not an array is
 * skipped.  items_any() walks whatever the member holds, the way
 * cJSON_ArrayForEach() does (an object's members too): the profiles walk
 * a tree that the specification pass has already judged.
 */
struct items {
	const cJSON *arr;  /* the member, or NULL */
	const cJSON *item; /* the current item */
	int i;             /* its index */
	const char *base, *key;
	char where[WHERE_MAX]; /* base.key, then base.key[i] */
};

static void items_any(struct items *it, const cJSON *o, const char *key,
		      const char *base)
{
	it->arr = get(o, key);
	it->item = NULL;
	it->i = -1;
	it->base = base;
	it->key = key;
	it->where[0] = '\0';
}

static bool items_quiet(struct items *it, const cJSON *o, const char *key,
			const char *base)
{
	items_any(it, o, key, base);
	return cJSON_IsArray(it->arr);
}

static bool array(struct cctx *c, const cJSON *o, const char *element,
		  const char *where);

static bool items_begin(struct items *it, struct cctx *c, const cJSON *o,
			const char *key, const char *element, const char *base)
{
	items_any(it, o, key, base);
	if (!it->arr)
		return false;
	at(it->where, base, key);
	return array(c, it->arr, element, it->where);
}

static bool items_next(struct items *it)
{
	it->item = it->item ? it->item->next : it->arr ? it->arr->child : NULL;
	if (!it->item)
		return false;
	at_i(it->where, it->base, it->key, ++it->i);
	return true;
}

/* Sets of strings owned by the tree: bom-refs, references. */
static bool ref_has(const struct cdx_map *set, const char *s)
{
	return cdx_map_get(set, s) != NULL;
}

/* Add s; false when it was there already. */
static bool ref_add(struct cdx_map *set, const char *s)
{
	return cdx_map_add(set, s, (union cdx_val){ .num = 0 });
}

/* A key allowed from 1.<since> on. */
struct key {
	const char *name;
	int since;
};

static const struct key root_keys[] = {
	{ "$schema", 2 },
	{ "bomFormat", 2 },
	{ "specVersion", 2 },
	{ "serialNumber", 2 },
	{ "version", 2 },
	{ "metadata", 2 },
	{ "components", 2 },
	{ "services", 2 },
	{ "externalReferences", 2 },
	{ "dependencies", 2 },
	{ "compositions", 3 },
	{ "vulnerabilities", 4 },
	{ "signature", 4 },
	{ "annotations", 5 },
	{ "formulation", 5 },
	{ "properties", 5 },
	{ "declarations", 6 },
	{ "definitions", 6 },
	{ NULL, 0 },
};

static const struct key meta_keys[] = {
	{ "timestamp", 2 },    { "tools", 2 },       { "authors", 2 },
	{ "component", 2 },    { "manufacture", 2 }, { "supplier", 2 },
	{ "licenses", 3 },     { "properties", 3 },  { "lifecycles", 5 },
	{ "manufacturer", 6 }, { NULL, 0 },
};

static const struct key comp_keys[] = {
	{ "type", 2 },
	{ "mime-type", 2 },
	{ "bom-ref", 2 },
	{ "supplier", 2 },
	{ "author", 2 },
	{ "publisher", 2 },
	{ "group", 2 },
	{ "name", 2 },
	{ "version", 2 },
	{ "description", 2 },
	{ "scope", 2 },
	{ "hashes", 2 },
	{ "licenses", 2 },
	{ "copyright", 2 },
	{ "cpe", 2 },
	{ "purl", 2 },
	{ "swid", 2 },
	{ "modified", 2 },
	{ "pedigree", 2 },
	{ "externalReferences", 2 },
	{ "components", 2 },
	{ "properties", 3 },
	{ "evidence", 3 },
	{ "releaseNotes", 4 },
	{ "signature", 4 },
	{ "data", 5 },
	{ "modelCard", 5 },
	{ "authors", 6 },
	{ "manufacturer", 6 },
	{ "omniborId", 6 },
	{ "swhid", 6 },
	{ "tags", 6 },
	{ "cryptoProperties", 6 },
	{ NULL, 0 },
};

static const struct key svc_keys[] = {
	{ "bom-ref", 2 },   { "provider", 2 },      { "group", 2 },
	{ "name", 2 },      { "version", 2 },       { "description", 2 },
	{ "endpoints", 2 }, { "authenticated", 2 }, { "x-trust-boundary", 2 },
	{ "data", 2 },      { "licenses", 2 },      { "externalReferences", 2 },
	{ "services", 2 },  { "properties", 3 },    { "releaseNotes", 4 },
	{ "signature", 4 }, { "trustZone", 5 },     { "tags", 6 },
	{ NULL, 0 },
};

static const struct key lic_keys[] = {
	{ "id", 2 },         { "name", 2 },
	{ "text", 2 },       { "url", 2 },
	{ "bom-ref", 5 },    { "licensing", 5 },
	{ "properties", 5 }, { "acknowledgement", 6 },
	{ NULL, 0 },
};

static const struct key extref_keys[] = {
	{ "url", 2 },    { "comment", 2 }, { "type", 2 },
	{ "hashes", 3 }, { NULL, 0 },
};

static const struct key swid_keys[] = {
	{ "tagId", 2 }, { "name", 2 }, { "version", 2 }, { "tagVersion", 2 },
	{ "patch", 2 }, { "text", 2 }, { "url", 2 },     { NULL, 0 },
};

static const struct key hash_keys[] = {
	{ "alg", 2 },
	{ "content", 2 },
	{ NULL, 0 },
};

static const struct key dep_keys[] = {
	{ "ref", 2 },
	{ "dependsOn", 2 },
	{ "provides", 6 },
	{ NULL, 0 },
};

static const struct key prop_keys[] = {
	{ "name", 6 },
	{ "value", 6 },
	{ NULL, 0 },
};

/*
 * additionalProperties: false.  Not for XML: its schema allows any
 * attribute, and the keys there are attributes and elements alike.
 */
static void keys(struct cctx *c, const cJSON *o, const struct key *k,
		 const char *what, const char *element, const char *base)
{
	if (!c->known || c->xml || !cJSON_IsObject(o))
		return;
	for (const cJSON *v = o->child; v; v = v->next) {
		size_t i;
		char where[WHERE_MAX];

		for (i = 0; k[i].name; i++)
			if (strcmp(k[i].name, v->string) == 0)
				break;
		if (k[i].name && k[i].since <= c->minor)
			continue;
		at(where, base, v->string);
		diag(c, SBOM_ERROR, "CDX-SCHEMA", element, where,
		     k[i].name
			     ? "'%.60s' is not a property of %s in CycloneDX %s"
			     : "'%.60s' is not a property of %s",
		     v->string, what, c->ver);
	}
}

static bool object(struct cctx *c, const cJSON *o, const char *what,
		   const char *element, const char *where)
{
	if (cJSON_IsObject(o))
		return true;
	diag(c, SBOM_ERROR, "CDX-SCHEMA", element, where,
	     "%s must be an object", what);
	return false;
}

static bool array(struct cctx *c, const cJSON *o, const char *element,
		  const char *where)
{
	if (cJSON_IsArray(o))
		return true;
	diag(c, SBOM_ERROR, "CDX-SCHEMA", element, where, "must be an array");
	return false;
}

/* An optional string field; returns it or NULL. */
static const char *string(struct cctx *c, const cJSON *o, const char *key,
			  const char *element, const char *base)
{
	const cJSON *v = get(o, key);
	char where[WHERE_MAX];

	if (!v)
		return NULL;
	if (cJSON_IsString(v))
		return v->valuestring;
	at(where, base, key);
	diag(c, SBOM_ERROR, "CDX-SCHEMA", element, where,
	     "'%s' must be a string", key);
	return NULL;
}

/* A required string field. */
static const char *need(struct cctx *c, const cJSON *o, const char *key,
			const char *element, const char *base)
{
	char where[WHERE_MAX];

	if (!get(o, key)) {
		at(where, base, key);
		diag(c, SBOM_ERROR, "CDX-REQUIRED", element, where,
		     "'%s' is required", key);
		return NULL;
	}
	return string(c, o, key, element, base);
}

/* An enumerated string; values[] entries "name" or "name@minor". */
static void enum_field(struct cctx *c, const cJSON *o, const char *key,
		       const struct key *values, const char *element,
		       const char *base)
{
	const char *v = string(c, o, key, element, base);
	char where[WHERE_MAX];

	if (!v)
		return;
	for (size_t i = 0; values[i].name; i++)
		if (strcmp(values[i].name, v) == 0 &&
		    values[i].since <= c->minor)
			return;
	at(where, base, key);
	diag(c, SBOM_ERROR, "CDX-ENUM", element, where,
	     "'%.60s' is not a %s value of CycloneDX %s", v, key, c->ver);
}

static const struct key comp_types[] = {
	{ "application", 2 },
	{ "framework", 2 },
	{ "library", 2 },
	{ "container", 2 },
	{ "operating-system", 2 },
	{ "device", 2 },
	{ "firmware", 2 },
	{ "file", 2 },
	{ "platform", 5 },
	{ "device-driver", 5 },
	{ "machine-learning-model", 5 },
	{ "data", 5 },
	{ "cryptographic-asset", 6 },
	{ NULL, 0 },
};

static const struct key scopes[] = {
	{ "required", 2 },
	{ "optional", 2 },
	{ "excluded", 2 },
	{ NULL, 0 },
};

static const struct key hash_algs[] = {
	{ "MD5", 2 },         { "SHA-1", 2 },       { "SHA-256", 2 },
	{ "SHA-384", 2 },     { "SHA-512", 2 },     { "SHA3-256", 2 },
	{ "SHA3-384", 2 },    { "SHA3-512", 2 },    { "BLAKE2b-256", 2 },
	{ "BLAKE2b-384", 2 }, { "BLAKE2b-512", 2 }, { "BLAKE3", 2 },
	{ NULL, 0 },
};

static const struct key patch_types[] = {
	{ "unofficial", 2 },  { "monkey", 2 }, { "backport", 2 },
	{ "cherry-pick", 2 }, { NULL, 0 },
};

static const struct key issue_types[] = {
	{ "defect", 2 },
	{ "enhancement", 2 },
	{ "security", 2 },
	{ NULL, 0 },
};

static const struct key flows[] = {
	{ "inbound", 2 }, { "outbound", 2 }, { "bi-directional", 2 },
	{ "unknown", 2 }, { NULL, 0 },
};

static const struct key acks[] = {
	{ "declared", 6 },
	{ "concluded", 6 },
	{ NULL, 0 },
};

static const struct key encodings[] = {
	{ "base64", 2 },
	{ NULL, 0 },
};

static const struct key extref_types[] = {
	{ "vcs", 2 },
	{ "issue-tracker", 2 },
	{ "website", 2 },
	{ "advisories", 2 },
	{ "bom", 2 },
	{ "mailing-list", 2 },
	{ "social", 2 },
	{ "chat", 2 },
	{ "documentation", 2 },
	{ "support", 2 },
	{ "distribution", 2 },
	{ "license", 2 },
	{ "build-meta", 2 },
	{ "build-system", 2 },
	{ "other", 2 },
	{ "release-notes", 4 },
	{ "distribution-intake", 5 },
	{ "security-contact", 5 },
	{ "model-card", 5 },
	{ "log", 5 },
	{ "configuration", 5 },
	{ "evidence", 5 },
	{ "formulation", 5 },
	{ "attestation", 5 },
	{ "threat-model", 5 },
	{ "adversary-model", 5 },
	{ "risk-assessment", 5 },
	{ "vulnerability-assertion", 5 },
	{ "exploitability-statement", 5 },
	{ "pentest-report", 5 },
	{ "static-analysis-report", 5 },
	{ "dynamic-analysis-report", 5 },
	{ "runtime-analysis-report", 5 },
	{ "component-analysis-report", 5 },
	{ "maturity-report", 5 },
	{ "certification-report", 5 },
	{ "codified-infrastructure", 5 },
	{ "quality-metrics", 5 },
	{ "poam", 5 },
	{ "source-distribution", 6 },
	{ "electronic-signature", 6 },
	{ "digital-signature", 6 },
	{ "rfc-9116", 6 },
	{ NULL, 0 },
};

static bool digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

static int num(const char *s, size_t n)
{
	int v = 0;

	for (size_t i = 0; i < n; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

/* RFC 3339 date-time (JSON schema "date-time", xs:dateTime as used). */
static bool is_date_time(const char *s, bool tz_optional)
{
	static const int mdays[] = { 31, 29, 31, 30, 31, 30,
				     31, 31, 30, 31, 30, 31 };
	size_t n = strlen(s);
	const char *p;
	int mo, d;

	if (n < 19 || !digits(s, 4) || s[4] != '-' || !digits(s + 5, 2) ||
	    s[7] != '-' || !digits(s + 8, 2) ||
	    (s[10] != 'T' && s[10] != 't') || !digits(s + 11, 2) ||
	    s[13] != ':' || !digits(s + 14, 2) || s[16] != ':' ||
	    !digits(s + 17, 2))
		return false;
	mo = num(s + 5, 2);
	d = num(s + 8, 2);
	if (mo < 1 || mo > 12 || d < 1 || d > mdays[mo - 1] ||
	    num(s + 11, 2) > 23 || num(s + 14, 2) > 59 || num(s + 17, 2) > 60)
		return false;
	p = s + 19;
	if (*p == '.') {
		p++;
		if (*p < '0' || *p > '9')
			return false;
		while (*p >= '0' && *p <= '9')
			p++;
	}
	if ((*p == 'Z' || *p == 'z') && p[1] == '\0')
		return true;
	if (*p != '+' && *p != '-')
		return *p == '\0' && tz_optional;
	return strlen(p) == 6 && digits(p + 1, 2) && p[3] == ':' &&
	       digits(p + 4, 2) && num(p + 1, 2) <= 23 && num(p + 4, 2) <= 59;
}

static bool is_hex(const char *s)
{
	for (; *s; s++)
		if (!((*s >= '0' && *s <= '9') || (*s >= 'a' && *s <= 'f') ||
		      (*s >= 'A' && *s <= 'F')))
			return false;
	return true;
}

/* ---- objects ------------------------------------------------------------ */

static void hashes(struct cctx *c, const cJSON *o, const char *element,
		   const char *base)
{
	char where[WHERE_MAX];
	struct items it;

	if (!items_begin(&it, c, o, "hashes", element, base))
		return;
	while (items_next(&it)) {
		const cJSON *h = it.item;
		const char *hw = it.where;
		const char *content;

		if (!object(c, h, "a hash", element, hw))
			continue;
		keys(c, h, hash_keys, "a hash", element, hw);
		if (need(c, h, "alg", element, hw))
			enum_field(c, h, "alg", hash_algs, element, hw);
		content = need(c, h, "content", element, hw);
		if (content) {
			size_t n = strlen(content);

			if (!is_hex(content) ||
			    (n != 32 && n != 40 && n != 64 && n != 96 &&
			     n != 128)) {
				at(where, hw, "content");
				diag(c, SBOM_ERROR, "CDX-HASH", element, where,
				     "'%.40s' is not 32, 40, 64, 96 or 128 hex digits",
				     content);
			}
		}
	}
}

static void properties(struct cctx *c, const cJSON *o, const char *element,
		       const char *base)
{
	struct items it;

	if (!items_begin(&it, c, o, "properties", element, base))
		return;
	while (items_next(&it)) {
		const cJSON *p = it.item;
		const char *pw = it.where;

		if (!object(c, p, "a property", element, pw))
			continue;
		if (c->minor >= 6) {
			keys(c, p, prop_keys, "a property", element, pw);
			need(c, p, "name", element, pw);
		} else {
			string(c, p, "name", element, pw);
		}
		string(c, p, "value", element, pw);
	}
}

static void expression(struct cctx *c, const char *v, const char *element,
		       const char *where)
{
	struct lic_expr *e = NULL;
	struct oh_err err = OH_ERR_INIT;

	if (lic_expr_parse(&e, v, strlen(v), c->licenses, 0, where, &err) < 0) {
		diag(c, SBOM_ERROR, "CDX-LICENSE-EXPR", element, where,
		     "'%.80s' is not a valid SPDX license expression: %s", v,
		     err.msg);
	} else {
		for (size_t i = 0; i < e->nwarning; i++) {
			const struct lic_expr_warning *w = &e->warning[i];

			if (w->kind == LIC_EXPR_W_UNKNOWN_ID ||
			    w->kind == LIC_EXPR_W_UNKNOWN_EXC)
				diag(c, SBOM_ERROR, "CDX-LICENSE-UNKNOWN",
				     element, where,
				     "%s: not on the SPDX license list (use a LicenseRef-)",
				     w->msg);
			else if (w->kind == LIC_EXPR_W_DEPRECATED)
				diag(c, SBOM_WARNING, "CDX-LICENSE-DEPRECATED",
				     element, where, "%s", w->msg);
		}
	}
	lic_expr_free(e);
	oh_err_release(&err);
}

static void license(struct cctx *c, const cJSON *l, const char *element,
		    const char *base)
{
	const cJSON *id = get(l, "id"), *name = get(l, "name");
	const cJSON *text = get(l, "text");
	char where[WHERE_MAX];

	if (!object(c, l, "a license", element, base))
		return;
	keys(c, l, lic_keys, "a license", element, base);
	if (!id && !name)
		diag(c, SBOM_ERROR, "CDX-LICENSE", element, base,
		     "a license needs an 'id' or a 'name'");
	else if (id && name)
		diag(c, SBOM_ERROR, "CDX-LICENSE", element, base,
		     "a license has an 'id' or a 'name', not both");
	if (id) {
		const char *v = string(c, l, "id", element, base);

		at(where, base, "id");
		if (v && c->licenses &&
		    !lic_list_find(c->licenses, v, strlen(v)))
			diag(c, SBOM_ERROR, "CDX-LICENSE-UNKNOWN", element,
			     where,
			     "'%.60s' is not an SPDX license id (use 'name' for other licenses)",
			     v);
	}
	if (name)
		string(c, l, "name", element, base);
	if (text) {
		at(where, base, "text");
		if (cJSON_IsObject(text))
			enum_field(c, text, "encoding", encodings, element,
				   where);
		else if (!cJSON_IsString(text) || !c->xml)
			diag(c, SBOM_ERROR, "CDX-SCHEMA", element, where,
			     "'text' must be an object");
	}
	if (c->minor >= 6)
		enum_field(c, l, "acknowledgement", acks, element, base);
	string(c, l, "url", element, base);
	properties(c, l, element, base);
}

/*
 * licenseChoice: 1.4 JSON an array of {license} or {expression} items;
 * 1.5+ (and XML of every version) either licenses only or one expression.
 */
static void licenses(struct cctx *c, const cJSON *o, const char *element,
		     const char *base)
{
	char where[WHERE_MAX], w2[WHERE_MAX];
	size_t nlic = 0, nexpr = 0;
	struct items items;

	if (!items_begin(&items, c, o, "licenses", element, base))
		return;
	while (items_next(&items)) {
		const cJSON *it = items.item;
		const char *iw = items.where;
		const cJSON *l = get(it, "license");
		const cJSON *e = get(it, "expression");

		if (!object(c, it, "a license choice", element, iw))
			continue;
		if ((l != NULL) == (e != NULL)) {
			diag(c, SBOM_ERROR, "CDX-LICENSE-CHOICE", element, iw,
			     "an item has exactly one of 'license' and 'expression'");
			continue;
		}
		for (const cJSON *k = it->child; k; k = k->next) {
			bool ok = strcmp(k->string, "license") == 0 ||
				  strcmp(k->string, "expression") == 0 ||
				  (e && c->minor >= 5 &&
				   strcmp(k->string, "bom-ref") == 0) ||
				  (e && c->minor >= 6 &&
				   strcmp(k->string, "acknowledgement") == 0);

			if (ok || !c->known)
				continue;
			at(w2, iw, k->string);
			diag(c, SBOM_ERROR, "CDX-SCHEMA", element, w2,
			     "'%.60s' is not a property of a license choice",
			     k->string);
		}
		if (l) {
			nlic++;
			at(w2, iw, "license");
			license(c, l, element, w2);
		} else {
			const char *v;

			nexpr++;
			at(w2, iw, "expression");
			v = cJSON_IsString(e) ? e->valuestring : NULL;
			if (!v)
				diag(c, SBOM_ERROR, "CDX-SCHEMA", element, w2,
				     "'expression' must be a string");
			else
				expression(c, v, element, w2);
			if (c->minor >= 6)
				enum_field(c, it, "acknowledgement", acks,
					   element, iw);
		}
	}
	at(where, base, "licenses");
	if ((c->minor >= 5 || c->xml) && nexpr > 0 && (nlic > 0 || nexpr > 1))
		diag(c, SBOM_ERROR, "CDX-LICENSE-CHOICE", element, where,
		     "licenses are either a list of 'license' items or exactly one 'expression' (CycloneDX %s)",
		     c->ver);
}

static void ext_refs(struct cctx *c, const cJSON *o, const char *element,
		     const char *base)
{
	struct items it;

	if (!items_begin(&it, c, o, "externalReferences", element, base))
		return;
	while (items_next(&it)) {
		const cJSON *r = it.item;
		const char *rw = it.where;

		if (!object(c, r, "an external reference", element, rw))
			continue;
		keys(c, r, extref_keys, "an external reference", element, rw);
		need(c, r, "url", element, rw);
		if (need(c, r, "type", element, rw))
			enum_field(c, r, "type", extref_types, element, rw);
		string(c, r, "comment", element, rw);
		hashes(c, r, element, rw);
	}
}

static void component(struct cctx *c, const cJSON *o, const char *base);

static void component_list(struct cctx *c, const cJSON *o, const char *key,
			   const char *element, const char *base)
{
	struct items it;

	if (!items_begin(&it, c, o, key, element, base))
		return;
	while (items_next(&it))
		component(c, it.item, it.where);
}

static void pedigree(struct cctx *c, const cJSON *o, const char *element,
		     const char *base)
{
	const cJSON *p = get(o, "pedigree");
	struct items patches, res;
	char pw[WHERE_MAX];
	bool saved;

	if (!p)
		return;
	at(pw, base, "pedigree");
	if (!object(c, p, "pedigree", element, pw))
		return;
	saved = c->no_count;
	c->no_count = true;
	component_list(c, p, "ancestors", element, pw);
	component_list(c, p, "descendants", element, pw);
	component_list(c, p, "variants", element, pw);
	c->no_count = saved;
	if (!items_quiet(&patches, p, "patches", pw))
		return;
	while (items_next(&patches)) {
		const cJSON *patch = patches.item;
		const char *where = patches.where;

		if (!cJSON_IsObject(patch))
			continue;
		if (need(c, patch, "type", element, where))
			enum_field(c, patch, "type", patch_types, element,
				   where);
		if (!items_quiet(&res, patch, "resolves", where))
			continue;
		while (items_next(&res))
			if (cJSON_IsObject(res.item) &&
			    need(c, res.item, "type", element, res.where))
				enum_field(c, res.item, "type", issue_types,
					   element, res.where);
	}
}

static void swid(struct cctx *c, const cJSON *o, const char *element,
		 const char *base)
{
	const cJSON *s = get(o, "swid");
	char where[WHERE_MAX];

	if (!s)
		return;
	at(where, base, "swid");
	if (!object(c, s, "swid", element, where))
		return;
	keys(c, s, swid_keys, "swid", element, where);
	need(c, s, "tagId", element, where);
	need(c, s, "name", element, where);
}

static const char *element_of(const cJSON *o)
{
	const char *s = str(o, "bom-ref");

	return s ? s : str(o, "name");
}

static bool deeper(struct cctx *c, const char *element, const char *where)
{
	if (c->depth < SBOM_MAX_DEPTH)
		return false;
	diag(c, SBOM_ERROR, "CDX-SCHEMA", element, where,
	     "nested deeper than %d levels", SBOM_MAX_DEPTH);
	return true;
}

static void component(struct cctx *c, const cJSON *o, const char *base)
{
	const char *el = element_of(o);
	const char *purl, *scope_v;
	char where[WHERE_MAX];

	if (!object(c, o, "a component", el, base) || deeper(c, el, base))
		return;
	c->depth++;
	if (!c->no_count)
		c->r->packages++;
	keys(c, o, comp_keys, "a component", el, base);
	if (need(c, o, "type", el, base))
		enum_field(c, o, "type", comp_types, el, base);
	need(c, o, "name", el, base);
	string(c, o, "version", el, base);
	string(c, o, "group", el, base);
	scope_v = string(c, o, "scope", el, base);
	if (scope_v)
		enum_field(c, o, "scope", scopes, el, base);
	purl = string(c, o, "purl", el, base);
	if (purl) {
		const char *why = sbom_purl_error(purl);

		at(where, base, "purl");
		if (why)
			diag(c, SBOM_ERROR, "CDX-PURL", el, where,
			     "'%.80s' is not a package URL: %s", purl, why);
	}
	string(c, o, "cpe", el, base);
	if (!c->xml && get(o, "modified") &&
	    !cJSON_IsBool(get(o, "modified"))) {
		at(where, base, "modified");
		diag(c, SBOM_ERROR, "CDX-SCHEMA", el, where,
		     "'modified' must be a boolean");
	}
	hashes(c, o, el, base);
	licenses(c, o, el, base);
	swid(c, o, el, base);
	pedigree(c, o, el, base);
	ext_refs(c, o, el, base);
	properties(c, o, el, base);
	component_list(c, o, "components", el, base);
	c->depth--;
}

static void service(struct cctx *c, const cJSON *o, const char *base);

static void service_list(struct cctx *c, const cJSON *o, const char *key,
			 const char *element, const char *base)
{
	struct items it;

	if (!items_begin(&it, c, o, key, element, base))
		return;
	while (items_next(&it))
		service(c, it.item, it.where);
}

static void service(struct cctx *c, const cJSON *o, const char *base)
{
	const char *el = element_of(o);
	struct items data;

	if (!object(c, o, "a service", el, base) || deeper(c, el, base))
		return;
	c->depth++;
	keys(c, o, svc_keys, "a service", el, base);
	need(c, o, "name", el, base);
	if (items_begin(&data, c, o, "data", el, base))
		while (items_next(&data)) {
			const cJSON *d = data.item;
			const char *where = data.where;

			if (!object(c, d, "a data flow", el, where))
				continue;
			if (need(c, d, "flow", el, where))
				enum_field(c, d, "flow", flows, el, where);
			need(c, d, "classification", el, where);
		}
	licenses(c, o, el, base);
	ext_refs(c, o, el, base);
	properties(c, o, el, base);
	service_list(c, o, "services", el, base);
	c->depth--;
}

static void metadata(struct cctx *c)
{
	const cJSON *m = get(c->root, "metadata");
	const cJSON *tools;
	const char *ts;

	if (!m)
		return;
	if (!object(c, m, "metadata", NULL, "metadata"))
		return;
	keys(c, m, meta_keys, "metadata", NULL, "metadata");
	ts = string(c, m, "timestamp", NULL, "metadata");
	if (ts && !is_date_time(ts, c->xml))
		diag(c, SBOM_ERROR, "CDX-TIMESTAMP", NULL, "metadata.timestamp",
		     "'%.40s' is not a date-time (RFC 3339: 2024-01-31T12:00:00Z)",
		     ts);
	if (get(m, "component"))
		component(c, get(m, "component"), "metadata.component");
	licenses(c, m, NULL, "metadata");
	properties(c, m, NULL, "metadata");
	tools = get(m, "tools");
	if (cJSON_IsObject(tools)) {
		c->no_count = true;
		component_list(c, tools, "components", NULL, "metadata.tools");
		service_list(c, tools, "services", NULL, "metadata.tools");
		c->no_count = false;
	}
}

/* Every "bom-ref" in the tree: unique, not empty (refType, 1.5+). */
static void bom_refs(struct cctx *c, const cJSON *o, unsigned depth)
{
	const cJSON *k;

	if (depth > SBOM_MAX_DEPTH)
		return;
	if (cJSON_IsObject(o)) {
		const cJSON *ref = get(o, "bom-ref");

		if (cJSON_IsString(ref)) {
			const char *el = str(o, "name");

			if (ref->valuestring[0] == '\0') {
				if (c->minor >= 5 || c->xml)
					diag(c, SBOM_ERROR, "CDX-BOMREF-EMPTY",
					     el, "bom-ref",
					     "a bom-ref must not be empty");
			} else if (!ref_add(&c->refs, ref->valuestring)) {
				diag(c, SBOM_ERROR, "CDX-BOMREF-DUP",
				     ref->valuestring, "bom-ref",
				     "bom-ref '%.80s' is not unique in the BOM",
				     ref->valuestring);
			}
		}
	}
	if (cJSON_IsObject(o) || cJSON_IsArray(o))
		cJSON_ArrayForEach(k, o) bom_refs(c, k, depth + 1);
}

/* A reference: defined in this BOM, or a BOM-Link (urn:cdx:) elsewhere. */
static void reference(struct cctx *c, const cJSON *v, const char *element,
		      const char *where)
{
	if (!cJSON_IsString(v)) {
		diag(c, SBOM_ERROR, "CDX-SCHEMA", element, where,
		     "a reference must be a string");
		return;
	}
	if (v->valuestring[0] == '\0') {
		if (c->minor >= 5 || c->xml)
			diag(c, SBOM_ERROR, "CDX-REF-EMPTY", element, where,
			     "a reference must not be empty");
		return;
	}
	if (strncmp(v->valuestring, "urn:cdx:", 8) == 0 ||
	    ref_has(&c->refs, v->valuestring))
		return;
	diag(c, SBOM_ERROR, "CDX-REF-UNKNOWN", element, where,
	     "'%.80s' is no bom-ref of this BOM", v->valuestring);
}

static void ref_list(struct cctx *c, const cJSON *d, const char *key,
		     const char *element, const char *base)
{
	struct cdx_map seen = { 0 };
	struct items it;

	if (!items_begin(&it, c, d, key, element, base))
		return;
	while (items_next(&it)) {
		const cJSON *arr = it.arr, *v = it.item;
		const char *where = it.where;
		int i = it.i + 1; /* items so far */
		bool twice = false;

		reference(c, v, element, where);
		if (!cJSON_IsString(v))
			continue;
		/* uniqueItems: short lists by comparison, long ones by a set */
		if (i <= 16) {
			for (const cJSON *u = arr->child; u != v; u = u->next)
				if (cJSON_IsString(u) &&
				    strcmp(u->valuestring, v->valuestring) == 0)
					twice = true;
		} else {
			if (i == 17)
				for (const cJSON *u = arr->child; u != v;
				     u = u->next)
					if (cJSON_IsString(u))
						ref_add(&seen, u->valuestring);
			twice = !ref_add(&seen, v->valuestring);
		}
		if (twice)
			diag(c, SBOM_ERROR, "CDX-SCHEMA", element, where,
			     "'%.80s' is listed twice (uniqueItems)",
			     v->valuestring);
	}
	cdx_map_release(&seen);
}

static void dependencies(struct cctx *c)
{
	struct cdx_map seen = { 0 };
	struct items it;

	if (!items_begin(&it, c, c->root, "dependencies", NULL, ""))
		return;
	while (items_next(&it)) {
		const cJSON *d = it.item;
		const char *where = it.where;
		const char *ref = str(d, "ref");

		c->r->relationships++;
		if (!object(c, d, "a dependency", NULL, where))
			continue;
		keys(c, d, dep_keys, "a dependency", ref, where);
		if (!get(d, "ref")) {
			char w2[WHERE_MAX];

			at(w2, where, "ref");
			diag(c, SBOM_ERROR, "CDX-REQUIRED", NULL, w2,
			     "'ref' is required");
		} else {
			char w2[WHERE_MAX];

			at(w2, where, "ref");
			reference(c, get(d, "ref"), ref, w2);
			if (ref && ref[0] && !ref_add(&seen, ref))
				diag(c, SBOM_WARNING, "CDX-DEPENDENCY-DUP", ref,
				     w2,
				     "'%.80s' has a second dependency entry",
				     ref);
		}
		ref_list(c, d, "dependsOn", ref, where);
		ref_list(c, d, "provides", ref, where);
	}
	cdx_map_release(&seen);
}

static bool uuid_urn(const char *s)
{
	static const char shape[] = "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx";

	if (strncmp(s, "urn:uuid:", 9) != 0 || strlen(s + 9) != 36)
		return false;
	for (size_t i = 0; i < 36; i++) {
		char ch = s[9 + i];

		if (shape[i] == '-' ? ch != '-'
				    : !((ch >= '0' && ch <= '9') ||
					(ch >= 'a' && ch <= 'f')))
			return false;
	}
	return true;
}

static void bom_root(struct cctx *c)
{
	const cJSON *o = c->root;
	const char *fmt = need(c, o, "bomFormat", NULL, "");
	const char *sn = string(c, o, "serialNumber", NULL, "");
	const cJSON *v = get(o, "version");

	if (fmt && strcmp(fmt, "CycloneDX") != 0)
		diag(c, SBOM_ERROR, "CDX-FORMAT", NULL, "bomFormat",
		     "bomFormat must be \"CycloneDX\", not '%.40s'", fmt);
	if (sn && !uuid_urn(sn))
		diag(c, SBOM_ERROR, "CDX-SERIAL", NULL, "serialNumber",
		     "'%.60s' is not a urn:uuid: with a lower-case RFC 4122 UUID",
		     sn);
	if (!v && c->minor == 4 && !c->xml)
		diag(c, SBOM_ERROR, "CDX-REQUIRED", NULL, "version",
		     "'version' is required in CycloneDX 1.4");
	else if (v && (!cJSON_IsNumber(v) ||
		       v->valuedouble != floor(v->valuedouble) ||
		       (c->minor >= 5 && v->valuedouble < 1)))
		diag(c, SBOM_ERROR, "CDX-SCHEMA", NULL, "version",
		     "'version' must be an integer%s",
		     c->minor >= 5 ? " of at least 1" : "");
	keys(c, o, root_keys, "the BOM", NULL, "");
}

static void component_root(struct cctx *c)
{
	component_list(c, c->root, "components", NULL, "");
	service_list(c, c->root, "services", NULL, "");
	ext_refs(c, c->root, NULL, "");
	properties(c, c->root, NULL, "");
}

/* The profiles on CycloneDX: NTIA minimum elements per component. */
static void ntia_component(struct cctx *c, const cJSON *o, const char *base)
{
	const char *el = element_of(o);
	struct items it;

	if (!cJSON_IsObject(o) || c->depth >= SBOM_MAX_DEPTH)
		return;
	if (!str(o, "version") || !str(o, "version")[0])
		diag(c, SBOM_ERROR, "NTIA-VERSION", el, base,
		     "NTIA: a component needs a version");
	if (!get(o, "supplier") && !str(o, "publisher") &&
	    !get(o, "manufacturer") && !str(o, "author") && !get(o, "authors"))
		diag(c, SBOM_ERROR, "NTIA-SUPPLIER", el, base,
		     "NTIA: a component needs a supplier (supplier, manufacturer, publisher or author)");
	if (!str(o, "purl") && !str(o, "cpe") && !get(o, "swid") &&
	    !get(o, "hashes") && !str(o, "bom-ref"))
		diag(c, SBOM_ERROR, "NTIA-UNIQUE-ID", el, base,
		     "NTIA: no unique identifier (purl, CPE, SWID, hash or bom-ref)");
	c->depth++;
	items_any(&it, o, "components", base);
	while (items_next(&it))
		ntia_component(c, it.item, it.where);
	c->depth--;
}

static void ntia(struct cctx *c)
{
	const cJSON *m = get(c->root, "metadata");
	struct items it;

	if (!m || !str(m, "timestamp"))
		diag(c, SBOM_ERROR, "NTIA-TIMESTAMP", NULL,
		     "metadata.timestamp", "NTIA: the BOM needs a timestamp");
	if (!m ||
	    !(get(m, "authors") || get(m, "tools") || get(m, "manufacture") ||
	      get(m, "manufacturer") || get(m, "supplier")))
		diag(c, SBOM_ERROR, "NTIA-AUTHOR", NULL, "metadata",
		     "NTIA: the BOM names no author (metadata.authors, tools, supplier or manufacturer)");
	if (!cJSON_IsArray(get(c->root, "dependencies")))
		diag(c, SBOM_ERROR, "NTIA-RELATIONSHIP", NULL, "dependencies",
		     "NTIA: the BOM has no dependency graph");
	items_any(&it, c->root, "components", "");
	while (items_next(&it))
		ntia_component(c, it.item, it.where);
}

/* ---- BSI TR-03183-2 v2.1.0 ------------------------------------------------ */

#define TR "TR-03183-2 v2.1.0 section "

/* An organisational entity with a URL or a contact e-mail (5.2.1/5.2.2). */
static bool reachable(const cJSON *e)
{
	const cJSON *k;

	if (!cJSON_IsObject(e))
		return false;
	cJSON_ArrayForEach(k, get(e, "url")) if (cJSON_IsString(k) &&
						 k->valuestring[0]) return true;
	if (str(e, "url") && str(e, "url")[0])
		return true;
	cJSON_ArrayForEach(
		k, get(e, "contact")) if (str(k, "email") &&
					  str(k, "email")[0]) return true;
	return str(e, "email") && str(e, "email")[0];
}

static bool any_author_mail(const cJSON *authors)
{
	const cJSON *a;

	cJSON_ArrayForEach(a, authors) if (str(a, "email") &&
					   str(a, "email")[0]) return true;
	return false;
}

/* The value of property name in o's properties, and how often it is set. */
static const char *property(const cJSON *o, const char *name, int *times)
{
	const cJSON *p;
	const char *v = NULL;

	*times = 0;
	cJSON_ArrayForEach(
		p, get(o, "properties")) if (str(p, "name") &&
					     strcmp(str(p, "name"), name) == 0)
	{
		(*times)++;
		v = str(p, "value");
	}
	return v;
}

static void bsi_flag(struct cctx *c, const cJSON *o, const char *el,
		     const char *base, const char *name, const char *yes,
		     const char *no)
{
	int n;
	const char *v = property(o, name, &n);

	if (n != 1 || !v || (strcmp(v, yes) != 0 && strcmp(v, no) != 0))
		diag(c, SBOM_ERROR, "BSI-PROPERTY", el, base,
		     TR "5.2.2: property %s must be given once, '%s' or '%s'%s",
		     name, yes, no, n > 1 ? " (given more than once)" : "");
}

static bool has_ext(const cJSON *o, const char *type)
{
	const cJSON *r;

	cJSON_ArrayForEach(
		r, get(o, "externalReferences")) if (str(r, "type") &&
						     strcmp(str(r, "type"),
							    type) ==
							     0) return true;
	return false;
}

/* Refs whose dependencies a composition declares complete or otherwise. */
static void bsi_compositions(struct cctx *c, struct cdx_map *out)
{
	const cJSON *k, *r;

	cJSON_ArrayForEach(k, get(c->root, "compositions"))
	{
		if (!str(k, "aggregate"))
			continue;
		cJSON_ArrayForEach(
			r, get(k, "dependencies")) if (cJSON_IsString(r))
			ref_add(out, r->valuestring);
		cJSON_ArrayForEach(r,
				   get(k, "assemblies")) if (cJSON_IsString(r))
			ref_add(out, r->valuestring);
	}
}

static void bsi_component(struct cctx *c, const cJSON *o, const char *base,
			  const struct cdx_map *deps,
			  const struct cdx_map *complete)
{
	const char *el = element_of(o), *ref = str(o, "bom-ref");
	const cJSON *h;
	bool sha512 = false;
	int n;

	if (!cJSON_IsObject(o))
		return;
	if (!reachable(get(o, "manufacturer")) &&
	    !reachable(get(o, "supplier")) &&
	    !any_author_mail(get(o, "authors")))
		diag(c, SBOM_ERROR, "BSI-COMPONENT-CREATOR", el, base,
		     TR
		     "5.2.2: the component creator needs an e-mail address or URL (manufacturer, supplier or authors)");
	if (!str(o, "version") || !str(o, "version")[0])
		diag(c, SBOM_ERROR, "BSI-VERSION", el, base,
		     TR "5.2.2: a component needs a version");
	if (!property(o, "bsi:component:filename", &n) || n != 1)
		diag(c, SBOM_ERROR, "BSI-FILENAME", el, base,
		     TR
		     "5.2.2: a component needs its file name once (property bsi:component:filename)");
	if (!ref || !ref_has(deps, ref))
		diag(c, SBOM_ERROR, "BSI-DEPENDENCIES", el, base,
		     TR
		     "5.2.2: the component's dependencies are not enumerated (no dependencies entry for its bom-ref)");
	else if (!ref_has(complete, ref))
		diag(c, SBOM_ERROR, "BSI-COMPLETENESS", el, base,
		     TR
		     "5.2.2: no composition states whether the component's dependencies are complete (compositions[].aggregate)");
	if (!cJSON_GetArraySize(get(o, "licenses")))
		diag(c, SBOM_ERROR, "BSI-LICENSE", el, base,
		     TR
		     "5.2.2: a component needs its distribution licences (SPDX ids or an expression)");
	cJSON_ArrayForEach(
		h, get(o, "hashes")) if (str(h, "alg") &&
					 strcmp(str(h, "alg"), "SHA-512") == 0)
		sha512 = true;
	if (!sha512)
		diag(c, SBOM_ERROR, "BSI-HASH", el, base,
		     TR
		     "5.2.2: a component needs the SHA-512 hash of its deployable form");
	bsi_flag(c, o, el, base, "bsi:component:executable", "executable",
		 "non-executable");
	bsi_flag(c, o, el, base, "bsi:component:archive", "archive",
		 "no archive");
	bsi_flag(c, o, el, base, "bsi:component:structured", "structured",
		 "unstructured");
	if (!has_ext(o, "source-distribution") && !has_ext(o, "vcs"))
		diag(c, SBOM_WARNING, "BSI-SOURCE-URI", el, base,
		     TR
		     "5.2.2: no source code URI (externalReferences source-distribution or vcs); required where one exists");
	if (!has_ext(o, "distribution") && !has_ext(o, "distribution-intake"))
		diag(c, SBOM_WARNING, "BSI-DEPLOYABLE-URI", el, base,
		     TR
		     "5.2.2: no URI of the deployable form (externalReferences distribution); required where one exists");
	if (!str(o, "purl") && !str(o, "cpe") && !get(o, "swid"))
		diag(c, SBOM_WARNING, "BSI-UNIQUE-ID", el, base,
		     TR
		     "5.2.2: no other unique identifier (purl, CPE or SWID); required where one exists");
}

/* The components of o (the BOM, or a component) and theirs. */
static void bsi_components(struct cctx *c, const cJSON *o, const char *base,
			   const struct cdx_map *deps,
			   const struct cdx_map *complete, unsigned depth)
{
	struct items it;

	if (depth > SBOM_MAX_DEPTH)
		return;
	items_any(&it, o, "components", base);
	while (items_next(&it)) {
		bsi_component(c, it.item, it.where, deps, complete);
		bsi_components(c, it.item, it.where, deps, complete, depth + 1);
	}
}

static void bsi(struct cctx *c)
{
	const cJSON *m = get(c->root, "metadata"), *d;
	struct cdx_map deps = { 0 }, complete = { 0 };

	if (c->minor < 6)
		diag(c, SBOM_ERROR, "BSI-FORMAT", NULL, "specVersion",
		     TR "4: an SBOM is CycloneDX 1.6 or later, not %s", c->ver);
	if (!reachable(get(m, "manufacturer")) &&
	    !reachable(get(m, "manufacture")) &&
	    !reachable(get(m, "supplier")) &&
	    !any_author_mail(get(m, "authors")))
		diag(c, SBOM_ERROR, "BSI-SBOM-CREATOR", NULL, "metadata",
		     TR
		     "5.2.1: the creator of the SBOM needs an e-mail address or URL (metadata.manufacturer, supplier or authors)");
	if (!str(m, "timestamp"))
		diag(c, SBOM_ERROR, "BSI-TIMESTAMP", NULL, "metadata.timestamp",
		     TR "5.2.1: the SBOM needs a timestamp");
	if (!str(c->root, "serialNumber"))
		diag(c, SBOM_ERROR, "BSI-SBOM-URI", NULL, "serialNumber",
		     TR
		     "5.2.1: the SBOM-URI needs a serialNumber (with version: urn:cdx:serial/version)");
	if (!cJSON_IsObject(get(m, "component")))
		diag(c, SBOM_ERROR, "BSI-PRIMARY", NULL, "metadata.component",
		     TR
		     "5.2.2: the primary component (metadata.component) is missing");
	cJSON_ArrayForEach(d, get(c->root, "dependencies")) if (str(d, "ref"))
		ref_add(&deps, str(d, "ref"));
	bsi_compositions(c, &complete);
	if (cJSON_IsObject(get(m, "component")))
		bsi_component(c, get(m, "component"), "metadata.component",
			      &deps, &complete);
	bsi_components(c, c->root, "", &deps, &complete, 0);
	cdx_map_release(&deps);
	cdx_map_release(&complete);
}

void sbom_cdx_validate_tree(struct sbom_report *r, const cJSON *root,
			    bool from_xml, unsigned profiles,
			    const struct lic_list *licenses)
{
	struct cctx c = { .r = r,
			  .root = root,
			  .xml = from_xml,
			  .profiles = profiles,
			  .licenses = licenses };
	const char *sv = str(root, "specVersion");
	char ver[32];

	if (!sv) {
		diag(&c, SBOM_ERROR, "CDX-REQUIRED", NULL, "specVersion",
		     "'specVersion' is required");
		c.minor = 6;
	} else if (strlen(sv) == 3 && sv[0] == '1' && sv[1] == '.' &&
		   sv[2] >= '2' && sv[2] <= '9') {
		c.minor = sv[2] - '0';
		c.known = c.minor >= 4 && c.minor <= 6;
		if (c.minor > 6)
			c.minor = 6;
	} else {
		diag(&c, SBOM_ERROR, "CDX-SPEC-VERSION", NULL, "specVersion",
		     "'%.20s' is not a CycloneDX version (1.2 to 1.6)", sv);
		c.minor = 6;
	}
	c.ver = sv && c.minor ? sv : "1.6";
	snprintf(ver, sizeof(ver), "CycloneDX-%.10s", sv ? sv : "?");
	r->version = oh_arena_strdup(&r->arena, ver);
	if (!cJSON_IsObject(root))
		return;
	/* the walk counts; without the SPDX profile it reports nothing */
	c.quiet = !(profiles & SBOM_PROFILE_SPDX);
	bom_root(&c);
	bom_refs(&c, root, 0);
	metadata(&c);
	component_root(&c);
	dependencies(&c);
	c.quiet = false;
	if (profiles & (SBOM_PROFILE_NTIA | SBOM_PROFILE_NTIA_STRICT))
		ntia(&c);
	if (profiles & SBOM_PROFILE_BSI)
		bsi(&c);
	cdx_map_release(&c.refs);
}

bool sbom_cdx_is_tree(const cJSON *root)
{
	return cJSON_IsObject(root) &&
	       (get(root, "bomFormat") ||
		(get(root, "specVersion") && !get(root, "spdxVersion")));
}
