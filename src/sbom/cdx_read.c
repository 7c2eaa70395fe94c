/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * A CycloneDX tree (JSON, or XML through sbom_cdx_xml_parse()) as an SPDX
 * 2.3 document of the model (cdx.h).  The mapping, and what it cannot
 * carry, is in docs/sbom.md ("CycloneDX and SPDX").
 *
 * Components (metadata.component first, then components[] depth first,
 * nested ones CONTAINed by their parent) become packages with
 * filesAnalyzed false; SPDX ids are "SPDXRef-" and the bom-ref with every
 * character outside [A-Za-z0-9.-] as '-', made unique with a suffix.
 * Dependencies become DEPENDS_ON relationships between the packages whose
 * bom-refs they name (references to services or other BOMs are dropped).
 */
#include "sbom/cdx.h"
#include "sbom/model.h"
#include "sbom/cdx_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "core/buf.h"
#include "core/err.h"
#include "core/xalloc.h"
#include "core/banned.h"

struct rd {
	struct sbom_doc *d;
	struct cdx_map refs; /* bom-ref (tree string) -> SPDXID (arena) */
	struct cdx_map ids;  /* SPDXIDs taken */
	const char *name;
	struct oh_err *err;
};

/* The SPDX id of a bom-ref, or NULL. */
static const char *ref_id(const struct rd *r, const char *ref)
{
	const union cdx_val *v = cdx_map_get(&r->refs, ref);

	return v ? v->str : NULL;
}

static const cJSON *get(const cJSON *o, const char *k)
{
	return cJSON_GetObjectItemCaseSensitive(o, k);
}

static const char *str(const cJSON *o, const char *k)
{
	const cJSON *v = get(o, k);

	return cJSON_IsString(v) ? v->valuestring : NULL;
}

static const char *dup(struct rd *r, const char *s)
{
	return s ? oh_arena_strdup(&r->d->arena, s) : NULL;
}

static const char *fmt(struct rd *r, const char *f, const char *a,
		       const char *b)
{
	struct oh_buf t = OH_BUF_INIT;
	const char *s;

	oh_buf_addf(&t, f, a, b ? b : "");
	s = oh_arena_strndup(&r->d->arena, t.buf, t.len);
	oh_buf_release(&t);
	return s;
}

/* "SPDXRef-" + the bom-ref in id characters, unique in the document. */
static const char *spdx_id(struct rd *r, const char *ref, size_t idx)
{
	struct oh_buf b = OH_BUF_INIT;
	const char *id;
	size_t base;

	oh_buf_adds(&b, "SPDXRef-");
	if (ref && strncmp(ref, "SPDXRef-", 8) == 0)
		ref += 8; /* a BOM converted from SPDX */
	if (ref && ref[0]) {
		for (const char *p = ref; *p && b.len < 200; p++) {
			char ch = *p;

			oh_buf_addch(&b,
				     (ch >= 'a' && ch <= 'z') ||
						     (ch >= 'A' && ch <= 'Z') ||
						     (ch >= '0' && ch <= '9') ||
						     ch == '.' || ch == '-'
					     ? ch
					     : '-');
		}
	} else {
		oh_buf_addf(&b, "Package-%zu", idx);
	}
	base = b.len;
	for (unsigned n = 2; cdx_map_get(&r->ids, b.buf); n++) {
		b.len = base;
		oh_buf_addf(&b, "-%u", n);
	}
	id = oh_arena_strndup(&r->d->arena, b.buf, b.len);
	oh_buf_release(&b);
	cdx_map_add(&r->ids, id, (union cdx_val){ .str = id });
	return id;
}

static void add_rel(struct rd *r, const char *a, const char *type,
		    const char *b)
{
	struct sbom_doc *d = r->d;

	d->rel = sbom_arena_grow(&d->arena, d->rel, d->nrel, sizeof(*d->rel));
	memset(&d->rel[d->nrel], 0, sizeof(d->rel[0]));
	d->rel[d->nrel].element = a;
	d->rel[d->nrel].type = type;
	d->rel[d->nrel].related = b;
	d->nrel++;
}

static void checksums(struct rd *r, struct sbom_package *p, const cJSON *c)
{
	const cJSON *h;

	cJSON_ArrayForEach(h, get(c, "hashes"))
	{
		const char *alg = str(h, "alg"), *v = str(h, "content");
		const char *a = alg ? cdx_alg_to_spdx(alg) : NULL;
		struct oh_buf low = OH_BUF_INIT;

		if (!a || !v)
			continue;
		for (const char *s = v; *s; s++)
			oh_buf_addch(&low, *s >= 'A' && *s <= 'F'
						   ? *s - 'A' + 'a'
						   : *s);
		p->checksum =
			sbom_arena_grow(&r->d->arena, p->checksum, p->nchecksum,
					sizeof(*p->checksum));
		p->checksum[p->nchecksum].algorithm = a;
		p->checksum[p->nchecksum].value =
			oh_arena_strndup(&r->d->arena, low.buf, low.len);
		p->nchecksum++;
		oh_buf_release(&low);
	}
}

static void extref(struct rd *r, struct sbom_package *p, const char *cat,
		   const char *type, const char *loc)
{
	p->extref = sbom_arena_grow(&r->d->arena, p->extref, p->nextref,
				    sizeof(*p->extref));
	memset(&p->extref[p->nextref], 0, sizeof(p->extref[0]));
	p->extref[p->nextref].category = cat;
	p->extref[p->nextref].type = type;
	p->extref[p->nextref].locator = dup(r, loc);
	p->nextref++;
}

/* A license name outside the SPDX list as a LicenseRef- id. */
static const char *license_ref(struct rd *r, const char *name)
{
	struct oh_buf b = OH_BUF_INIT;
	struct sbom_doc *d = r->d;
	const char *id;

	oh_buf_adds(&b, "LicenseRef-");
	for (const char *p = name; *p && b.len < 120; p++)
		oh_buf_addch(&b, (*p >= 'a' && *p <= 'z') ||
						 (*p >= 'A' && *p <= 'Z') ||
						 (*p >= '0' && *p <= '9') ||
						 *p == '.' || *p == '-'
					 ? *p
					 : '-');
	id = oh_arena_strndup(&d->arena, b.buf, b.len);
	oh_buf_release(&b);
	for (size_t i = 0; i < d->nextracted; i++)
		if (strcmp(d->extracted[i].license_id, id) == 0)
			return id;
	d->extracted = sbom_arena_grow(&d->arena, d->extracted, d->nextracted,
				       sizeof(*d->extracted));
	memset(&d->extracted[d->nextracted], 0, sizeof(d->extracted[0]));
	d->extracted[d->nextracted].license_id = id;
	d->extracted[d->nextracted].name = dup(r, name);
	d->extracted[d->nextracted].text = fmt(
		r, "%s (named in a CycloneDX BOM; its text was not included)",
		name, NULL);
	d->nextracted++;
	return id;
}

/* The AND of n terms; one expression needs no parentheses. */
static const char *joined(struct rd *r, const struct oh_buf *b, size_t n)
{
	if (!b->len)
		return NULL;
	if (n == 1 && b->buf[0] == '(')
		return oh_arena_strndup(&r->d->arena, b->buf + 1, b->len - 2);
	return oh_arena_strndup(&r->d->arena, b->buf, b->len);
}

/* licenses[] -> declared and concluded expressions (AND of the items). */
static void licenses(struct rd *r, struct sbom_package *p, const cJSON *c)
{
	struct oh_buf decl = OH_BUF_INIT, conc = OH_BUF_INIT;
	size_t ndecl = 0, nconc = 0;
	const cJSON *it;

	cJSON_ArrayForEach(it, get(c, "licenses"))
	{
		const cJSON *l = get(it, "license");
		const char *ack = str(l ? l : it, "acknowledgement");
		struct oh_buf *b =
			ack && strcmp(ack, "concluded") == 0 ? &conc : &decl;
		const char *term = str(it, "expression");
		bool paren = term != NULL;

		if (!term && str(l, "id"))
			term = str(l, "id");
		else if (!term && str(l, "name"))
			term = license_ref(r, str(l, "name"));
		if (!term || !term[0])
			continue;
		if (b->len)
			oh_buf_adds(b, " AND ");
		(*(b == &conc ? &nconc : &ndecl))++;
		oh_buf_addf(b, paren ? "(%s)" : "%s", term);
	}
	p->license_declared = joined(r, &decl, ndecl);
	p->license_concluded = joined(r, &conc, nconc);
	oh_buf_release(&decl);
	oh_buf_release(&conc);
}

static const char *entity(struct rd *r, const cJSON *o, const char *kind)
{
	const char *n = str(o, "name");

	return n && n[0] ? fmt(r, "%s: %s", kind, n) : NULL;
}

static void refs_of(struct rd *r, struct sbom_package *p, const cJSON *c)
{
	const cJSON *e;

	cJSON_ArrayForEach(e, get(c, "externalReferences"))
	{
		const char *t = str(e, "type"), *u = str(e, "url");

		if (!t || !u)
			continue;
		if (strcmp(t, "website") == 0 && !p->homepage)
			p->homepage = dup(r, u);
		else if (strcmp(t, "distribution") == 0 &&
			 !p->download_location)
			p->download_location = dup(r, u);
		else if (strcmp(t, "vcs") == 0 && !p->download_location)
			p->download_location =
				strncmp(u, "git+", 4) == 0 || !strstr(u, ".git")
					? dup(r, u)
					: fmt(r, "git+%s", u, NULL);
	}
}

static int component(struct rd *r, const cJSON *c, const char *parent,
		     unsigned depth);

static int children(struct rd *r, const cJSON *c, const char *id,
		    unsigned depth)
{
	const cJSON *k;
	int rc;

	cJSON_ArrayForEach(
		k, get(c, "components")) if ((rc = component(r, k, id,
							     depth + 1)) <
					     0) return rc;
	return 0;
}

/* A component of type "file" as an SPDX file, CONTAINED by its parent. */
static int file(struct rd *r, const cJSON *c, const char *parent)
{
	struct sbom_doc *d = r->d;
	struct sbom_package tmp = { 0 };
	struct sbom_file *f;
	const char *ref = str(c, "bom-ref");

	if (d->nfile >= SBOM_MAX_ITEMS)
		return oh_err_set(r->err, OH_ELIMIT, r->name, 0, 0,
				  "more than %u file components",
				  SBOM_MAX_ITEMS);
	d->file =
		sbom_arena_grow(&d->arena, d->file, d->nfile, sizeof(*d->file));
	f = &d->file[d->nfile++];
	memset(f, 0, sizeof(*f));
	f->spdxid = spdx_id(r, ref, d->npkg + d->nfile);
	if (ref && ref[0])
		cdx_map_add(&r->refs, ref, (union cdx_val){ .str = f->spdxid });
	f->name = dup(r, str(c, "name") ? str(c, "name") : "NOASSERTION");
	f->copyright = dup(r, str(c, "copyright"));
	checksums(r, &tmp, c);
	f->checksum = tmp.checksum;
	f->nchecksum = tmp.nchecksum;
	licenses(r, &tmp, c);
	f->license_concluded = tmp.license_concluded ? tmp.license_concluded
						     : tmp.license_declared;
	if (parent) {
		add_rel(r, parent, "CONTAINS", f->spdxid);
		/* the parent's files are listed: filesAnalyzed (default) true */
		for (size_t i = d->npkg; i-- > 0;)
			if (strcmp(d->pkg[i].spdxid, parent) == 0) {
				d->pkg[i].files_analyzed = -1;
				break;
			}
	}
	return 0;
}

static int component(struct rd *r, const cJSON *c, const char *parent,
		     unsigned depth)
{
	struct sbom_doc *d = r->d;
	struct sbom_package *p;
	const char *ref = str(c, "bom-ref");
	const char *v;

	if (!cJSON_IsObject(c))
		return 0;
	if (depth > SBOM_MAX_DEPTH)
		return oh_err_set(r->err, OH_ELIMIT, r->name, 0, 0,
				  "components nested deeper than %d",
				  SBOM_MAX_DEPTH);
	if (parent && str(c, "type") && strcmp(str(c, "type"), "file") == 0 &&
	    !get(c, "components"))
		return file(r, c, parent);
	if (d->npkg >= SBOM_MAX_ITEMS)
		return oh_err_set(r->err, OH_ELIMIT, r->name, 0, 0,
				  "more than %u components", SBOM_MAX_ITEMS);
	d->pkg = sbom_arena_grow(&d->arena, d->pkg, d->npkg, sizeof(*d->pkg));
	p = &d->pkg[d->npkg];
	memset(p, 0, sizeof(*p));
	p->spdxid = spdx_id(r, ref, d->npkg);
	d->npkg++;
	if (ref && ref[0])
		cdx_map_add(&r->refs, ref, (union cdx_val){ .str = p->spdxid });
	v = str(c, "group");
	p->name = v && v[0] ? fmt(r, "%s/%s", v, str(c, "name"))
			    : dup(r, str(c, "name"));
	if (!p->name)
		p->name = "NOASSERTION";
	p->version = dup(r, str(c, "version"));
	p->supplier = entity(r, get(c, "supplier"), "Organization");
	if (str(c, "publisher") && str(c, "publisher")[0])
		p->originator =
			fmt(r, "Organization: %s", str(c, "publisher"), NULL);
	else if (str(c, "author") && str(c, "author")[0])
		p->originator = fmt(r, "Person: %s", str(c, "author"), NULL);
	p->description = dup(r, str(c, "description"));
	p->copyright = dup(r, str(c, "copyright"));
	p->primary_purpose = cdx_type_to_purpose(str(c, "type"));
	p->files_analyzed = 0;
	checksums(r, p, c);
	licenses(r, p, c);
	if ((v = str(c, "purl")))
		extref(r, p, "PACKAGE-MANAGER", "purl", v);
	if ((v = str(c, "cpe")))
		extref(r, p, "SECURITY",
		       strncmp(v, "cpe:2.3:", 8) == 0 ? "cpe23Type"
						      : "cpe22Type",
		       v);
	refs_of(r, p, c);
	if (!p->download_location)
		p->download_location = "NOASSERTION";
	if (parent)
		add_rel(r, parent, "CONTAINS", p->spdxid);
	return children(r, c, p->spdxid, depth);
}

/* "2024-01-31T12:00:00.123+01:00" -> as is when SPDX-shaped, else kept. */
static void creation(struct rd *r, const cJSON *m)
{
	struct sbom_doc *d = r->d;
	const cJSON *t = get(m, "tools"), *k;
	const char *ts = str(m, "timestamp");
	const char *e;

	d->created = dup(r, ts);
	/* 1.4: tools[] of {vendor, name, version}; 1.5+: {components, services} */
	if (cJSON_IsObject(t))
		t = get(t, "components");
	cJSON_ArrayForEach(k, t)
	{
		const char *n = str(k, "name");

		if (!n || !n[0])
			continue;
		d->creators =
			sbom_arena_grow(&d->arena, d->creators, d->ncreators,
					sizeof(*d->creators));
		d->creators[d->ncreators++] =
			str(k, "version")
				? fmt(r, "Tool: %s-%s", n, str(k, "version"))
				: fmt(r, "Tool: %s", n, NULL);
	}
	cJSON_ArrayForEach(k, get(m, "authors"))
	{
		if (!(e = entity(r, k, "Person")))
			continue;
		d->creators =
			sbom_arena_grow(&d->arena, d->creators, d->ncreators,
					sizeof(*d->creators));
		d->creators[d->ncreators++] = e;
	}
	e = entity(r, get(m, "manufacturer"), "Organization");
	if (!e)
		e = entity(r, get(m, "manufacture"), "Organization");
	if (!e)
		e = entity(r, get(m, "supplier"), "Organization");
	if (e) {
		d->creators =
			sbom_arena_grow(&d->arena, d->creators, d->ncreators,
					sizeof(*d->creators));
		d->creators[d->ncreators++] = e;
	}
}

static void dependencies(struct rd *r, const cJSON *root)
{
	const cJSON *dep, *on;

	cJSON_ArrayForEach(dep, get(root, "dependencies"))
	{
		const char *ref = str(dep, "ref");
		const char *a = ref ? ref_id(r, ref) : NULL;

		if (!a)
			continue;
		cJSON_ArrayForEach(on, get(dep, "dependsOn"))
		{
			const char *b = cJSON_IsString(on)
						? ref_id(r, on->valuestring)
						: NULL;

			if (b)
				add_rel(r, a, "DEPENDS_ON", b);
		}
	}
}

/* The namespace: the serial number's UUID under spdx.org/spdxdocs. */
static const char *name_space(struct rd *r, const cJSON *root)
{
	const char *sn = str(root, "serialNumber");
	const cJSON *v = get(root, "version");
	char ver[32];

	snprintf(ver, sizeof(ver), "%d", cJSON_IsNumber(v) ? v->valueint : 1);
	if (sn && strncmp(sn, "urn:uuid:", 9) == 0 && sn[9])
		return fmt(r, "https://spdx.org/spdxdocs/cyclonedx-%s-%s",
			   sn + 9, ver);
	return fmt(r, "https://spdx.org/spdxdocs/cyclonedx-%s-%s", r->d->name,
		   ver);
}

int sbom_cdx_read_tree(struct sbom_doc **out, const cJSON *root,
		       const char *name, struct oh_err *err)
{
	struct rd r = { .name = name, .err = err };
	const cJSON *m = get(root, "metadata");
	const cJSON *mc = get(m, "component");
	const cJSON *k;
	int rc = 0;

	*out = NULL;
	if (!sbom_cdx_is_tree(root))
		return oh_err_set(err, OH_EINPUT, name, 0, 0,
				  "not a CycloneDX BOM (no 'bomFormat')");
	r.d = sbom_doc_new();
	r.d->format = SBOM_FORMAT_JSON;
	r.d->spdx_version = "SPDX-2.3";
	r.d->data_license = "CC0-1.0";
	r.d->spdxid = "SPDXRef-DOCUMENT";
	r.d->name =
		dup(&r, str(mc, "name") ? str(mc, "name") : "cyclonedx-bom");
	r.d->namespace_ = name_space(&r, root);
	creation(&r, m);
	if (cJSON_IsObject(mc)) {
		rc = component(&r, mc, NULL, 0);
		if (rc == 0)
			add_rel(&r, "SPDXRef-DOCUMENT", "DESCRIBES",
				r.d->pkg[0].spdxid);
	}
	cJSON_ArrayForEach(k, get(root, "components"))
	{
		size_t before = r.d->npkg;

		if (rc < 0 || (rc = component(&r, k, NULL, 1)) < 0)
			break;
		/* without metadata.component the BOM describes its components */
		if (!cJSON_IsObject(mc) && r.d->npkg > before)
			add_rel(&r, "SPDXRef-DOCUMENT", "DESCRIBES",
				r.d->pkg[before].spdxid);
	}
	if (rc == 0)
		dependencies(&r, root);
	cdx_map_release(&r.refs);
	cdx_map_release(&r.ids);
	if (rc < 0) {
		sbom_doc_free(r.d);
		return rc;
	}
	*out = r.d;
	return 0;
}
