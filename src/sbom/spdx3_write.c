/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * A model document (SPDX 2.3) as SPDX 3.0.1 JSON-LD (spdx3.h).  Element
 * ids are the document namespace, '#' and the SPDX 2 id; one CreationInfo
 * ("_:creationinfo") serves every element.  The mapping, and what it
 * cannot carry, is in docs/sbom.md ("SPDX 3").
 *
 * Order of the graph: the CreationInfo, agents and tools, the
 * SpdxDocument, packages, files, license expressions and texts, then the
 * relationships, each in document order: the same document gives the same
 * bytes.
 */
#include "sbom/spdx3.h"
#include "sbom/spdx3_int.h"

#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "core/buf.h"
#include "core/strmap.h"
#include "core/xalloc.h"
#include "sbom/model.h"
#include "core/banned.h"

#define CI "_:creationinfo"

struct wr {
	const struct sbom_doc *d;
	cJSON *graph;
	cJSON *rels;             /* relationships, appended last */
	cJSON *lics;             /* license elements */
	struct oh_arena arena;   /* ids */
	struct oh_strmap agents; /* actor text -> 0 (arena keys) */
	struct oh_strmap exprs;  /* expression -> 0 (arena keys) */
	struct oh_strmap roots;  /* rootElement ids (arena keys) */
	struct oh_strmap groups; /* "from\ntype\nscope" -> index in group */
	cJSON **group;           /* `to` arrays of grouped relationships */
	size_t ngroup, agroup;   /* entries, allocated */
	const char *ns;          /* namespace, without '#' */
	size_t nrel, nagent, nlic;
	size_t nnoid; /* elements given no SPDX id so far */
};

static const char *numbered(struct wr *w, const char *what, size_t n);

/* The IRI of an SPDX 2 id; an element without one (a package read from a
 * document that gave it no SPDXID) gets a numbered IRI of its own. */
static const char *iri(struct wr *w, const char *id)
{
	struct oh_buf b = OH_BUF_INIT;
	const char *s;

	if (!id)
		return numbered(w, "NoId", ++w->nnoid);
	if (strcmp(id, "NONE") == 0)
		return "NoneElement";
	if (strcmp(id, "NOASSERTION") == 0)
		return "NoAssertionElement";
	if (strncmp(id, "DocumentRef-", 12) == 0)
		return id; /* prefix:local, expanded by namespaceMap */
	oh_buf_addf(&b, "%s#%s", w->ns, id);
	s = oh_arena_strndup(&w->arena, b.buf, b.len);
	oh_buf_release(&b);
	return s;
}

static const char *numbered(struct wr *w, const char *what, size_t n)
{
	struct oh_buf b = OH_BUF_INIT;
	const char *s;

	oh_buf_addf(&b, "%s#SPDXRef-%s-%zu", w->ns, what, n);
	s = oh_arena_strndup(&w->arena, b.buf, b.len);
	oh_buf_release(&b);
	return s;
}

static cJSON *element(struct wr *w, const char *type, const char *id)
{
	cJSON *o = cJSON_CreateObject();

	cJSON_AddStringToObject(o, "type", type);
	cJSON_AddStringToObject(o, "spdxId", id);
	cJSON_AddStringToObject(o, "creationInfo", CI);
	(void)w;
	return o;
}

static void put(cJSON *o, const char *k, const char *v)
{
	if (v)
		cJSON_AddStringToObject(o, k, v);
}

/* A value other than NOASSERTION/NONE, or NULL. */
static const char *known(const char *v)
{
	return v && strcmp(v, "NOASSERTION") != 0 && strcmp(v, "NONE") != 0
		       ? v
		       : NULL;
}

/* ---- agents ------------------------------------------------------------- */

/*
 * The id of the agent (or tool) an actor names, made once.  "Person: n
 * (e)" -> Person with an email identifier, "Organization: n" ->
 * Organization, "Tool: n" -> Tool (software agent with `agent`).
 */
static const char *agent(struct wr *w, const char *actor, bool agent_for_tool)
{
	static const struct {
		const char *prefix, *type, *agent_type;
	} kinds[] = {
		{ "Person:", "Person", "Person" },
		{ "Organization:", "Organization", "Organization" },
		{ "Tool:", "Tool", "SoftwareAgent" },
	};
	struct oh_buf key = OH_BUF_INIT;
	const char *name, *id, *mail, *type = NULL;
	size_t i, n;
	cJSON *o;

	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (actor && strncmp(actor, kinds[i].prefix,
				     strlen(kinds[i].prefix)) == 0)
			break;
	if (i == sizeof(kinds) / sizeof(kinds[0]))
		return NULL;
	type = agent_for_tool ? kinds[i].agent_type : kinds[i].type;
	oh_buf_addf(&key, "%s\n%s", type, actor);
	if (oh_strmap_get(&w->agents, key.buf, &n)) {
		oh_buf_release(&key);
		return numbered(w, "Agent", n);
	}
	n = w->nagent++;
	oh_strmap_put(&w->agents, oh_arena_strndup(&w->arena, key.buf, key.len),
		      n);
	oh_buf_release(&key);
	id = numbered(w, "Agent", n);
	name = actor + strlen(kinds[i].prefix);
	while (*name == ' ')
		name++;
	mail = strrchr(name, '(');
	o = element(w, type, id);
	cJSON_AddItemToObject(
		o, "name",
		cJSON_CreateString(oh_arena_strndup(
			&w->arena, name,
			mail && mail > name ? (size_t)(mail - name - 1)
					    : strlen(name))));
	if (mail && strchr(mail, ')') && i < 2) {
		cJSON *ids = cJSON_AddArrayToObject(o, "externalIdentifier");
		cJSON *x = cJSON_CreateObject();

		cJSON_AddStringToObject(x, "type", "ExternalIdentifier");
		cJSON_AddStringToObject(x, "externalIdentifierType", "email");
		cJSON_AddItemToObject(
			x, "identifier",
			cJSON_CreateString(oh_arena_strndup(
				&w->arena, mail + 1,
				(size_t)(strchr(mail, ')') - mail - 1))));
		cJSON_AddItemToArray(ids, x);
	}
	cJSON_AddItemToArray(w->graph, o);
	return id;
}

static void creation_info(struct wr *w)
{
	const struct sbom_doc *d = w->d;
	cJSON *ci = cJSON_CreateObject();
	cJSON *by, *using;
	const char *first_tool = NULL;

	cJSON_AddStringToObject(ci, "type", "CreationInfo");
	cJSON_AddStringToObject(ci, "@id", CI);
	cJSON_AddStringToObject(ci, "specVersion", "3.0.1");
	put(ci, "created", d->created);
	by = cJSON_AddArrayToObject(ci, "createdBy");
	using = cJSON_AddArrayToObject(ci, "createdUsing");
	put(ci, "comment", d->creator_comment);
	cJSON_AddItemToArray(w->graph, ci);
	for (size_t i = 0; i < d->ncreators; i++) {
		const char *c = d->creators[i];
		const char *id = agent(w, c, false);

		if (!id)
			continue;
		if (strncmp(c, "Tool:", 5) == 0) {
			cJSON_AddItemToArray(using, cJSON_CreateString(id));
			if (!first_tool)
				first_tool = c;
		} else {
			cJSON_AddItemToArray(by, cJSON_CreateString(id));
		}
	}
	/* createdBy needs an Agent: the tool as a software agent */
	if (cJSON_GetArraySize(by) == 0 && first_tool)
		cJSON_AddItemToArray(
			by, cJSON_CreateString(agent(w, first_tool, true)));
	if (cJSON_GetArraySize(using) == 0)
		cJSON_DeleteItemFromObject(ci, "createdUsing");
}

/* ---- licenses ----------------------------------------------------------- */

static void custom_ids(struct wr *w, cJSON *o, const char *expr)
{
	cJSON *map = NULL;

	for (size_t i = 0; i < w->d->nextracted; i++) {
		const char *id = w->d->extracted[i].license_id;
		const char *p = id ? strstr(expr, id) : NULL;
		cJSON *e;

		if (!p)
			continue;
		if (!map)
			map = cJSON_AddArrayToObject(
				o, "simplelicensing_customIdToUri");
		e = cJSON_CreateObject();
		cJSON_AddStringToObject(e, "type", "DictionaryEntry");
		cJSON_AddStringToObject(e, "key", id);
		cJSON_AddStringToObject(e, "value", iri(w, id));
		cJSON_AddItemToArray(map, e);
	}
}

/* SPDX 2's "3.25" as the SemVer SPDX 3 wants ("3.25.0"). */
static const char *list_version(struct wr *w, const char *v)
{
	struct oh_buf b = OH_BUF_INIT;
	const char *s;
	const char *dot = v ? strchr(v, '.') : NULL;

	if (!dot || strchr(dot + 1, '.'))
		return v;
	oh_buf_addf(&b, "%s.0", v);
	s = oh_arena_strndup(&w->arena, b.buf, b.len);
	oh_buf_release(&b);
	return s;
}

/* The license element an SPDX 2 expression names, made once. */
static const char *license(struct wr *w, const char *expr)
{
	size_t n;
	const char *id;
	cJSON *o;

	if (strcmp(expr, "NONE") == 0)
		return "expandedlicensing_NoneLicense";
	if (strcmp(expr, "NOASSERTION") == 0)
		return "expandedlicensing_NoAssertionLicense";
	if (oh_strmap_get(&w->exprs, expr, &n))
		return numbered(w, "License", n);
	n = w->nlic++;
	oh_strmap_put(&w->exprs, oh_arena_strdup(&w->arena, expr), n);
	id = numbered(w, "License", n);
	o = element(w, "simplelicensing_LicenseExpression", id);
	cJSON_AddStringToObject(o, "simplelicensing_licenseExpression", expr);
	put(o, "simplelicensing_licenseListVersion",
	    list_version(w, w->d->license_list_version));
	custom_ids(w, o, expr);
	cJSON_AddItemToArray(w->lics, o);
	return id;
}

static cJSON *relationship(struct wr *w, const char *from, const char *type,
			   const char *scope)
{
	cJSON *o = element(
		w, scope ? "LifecycleScopedRelationship" : "Relationship",
		numbered(w, "Relationship", w->nrel++));

	cJSON_AddStringToObject(o, "relationshipType", type);
	put(o, "scope", scope);
	cJSON_AddStringToObject(o, "from", from);
	cJSON_AddItemToArray(w->rels, o);
	return cJSON_AddArrayToObject(o, "to");
}

static void license_rel(struct wr *w, const char *from, const char *type,
			const char *expr)
{
	if (!known(expr) && !(expr && strcmp(expr, "NONE") == 0))
		return; /* no assertion: no relationship */
	cJSON_AddItemToArray(relationship(w, from, type, NULL),
			     cJSON_CreateString(license(w, expr)));
}

/* ---- artifacts ---------------------------------------------------------- */

static const char *v3_alg(const char *a)
{
	static const char *const map[][2] = {
		{ "SHA1", "sha1" },
		{ "SHA224", "sha224" },
		{ "SHA256", "sha256" },
		{ "SHA384", "sha384" },
		{ "SHA512", "sha512" },
		{ "SHA3-256", "sha3_256" },
		{ "SHA3-384", "sha3_384" },
		{ "SHA3-512", "sha3_512" },
		{ "BLAKE2b-256", "blake2b256" },
		{ "BLAKE2b-384", "blake2b384" },
		{ "BLAKE2b-512", "blake2b512" },
		{ "BLAKE3", "blake3" },
		{ "MD2", "md2" },
		{ "MD4", "md4" },
		{ "MD5", "md5" },
		{ "MD6", "md6" },
		{ "ADLER32", "adler32" },
	};

	for (size_t i = 0; a && i < sizeof(map) / sizeof(map[0]); i++)
		if (strcmp(map[i][0], a) == 0)
			return map[i][1];
	return NULL;
}

static cJSON *hash(const char *type, const char *alg, const char *v)
{
	cJSON *h = cJSON_CreateObject();

	cJSON_AddStringToObject(h, "type", type);
	cJSON_AddStringToObject(h, "algorithm", alg);
	cJSON_AddStringToObject(h, "hashValue", v);
	return h;
}

static void hashes(cJSON *o, const struct sbom_checksum *c, size_t n)
{
	cJSON *arr = NULL;

	for (size_t i = 0; i < n; i++) {
		const char *a = v3_alg(c[i].algorithm);

		if (!a || !c[i].value)
			continue;
		if (!arr)
			arr = cJSON_AddArrayToObject(o, "verifiedUsing");
		cJSON_AddItemToArray(arr, hash("Hash", a, c[i].value));
	}
}

static void identifiers(cJSON *o, const struct sbom_package *p)
{
	static const char *const map[][2] = {
		{ "purl", "packageUrl" }, { "cpe23Type", "cpe23" },
		{ "cpe22Type", "cpe22" }, { "swid", "swid" },
		{ "gitoid", "gitoid" },   { "swh", "swhid" },
	};
	const char *purl = NULL;
	cJSON *arr = NULL;

	for (size_t i = 0; i < p->nextref; i++) {
		const struct sbom_extref *x = &p->extref[i];
		size_t k = 0;
		cJSON *e;

		while (k < sizeof(map) / sizeof(map[0]) &&
		       (!x->type || strcmp(map[k][0], x->type) != 0))
			k++;
		if (k == sizeof(map) / sizeof(map[0]) || !x->locator)
			continue;
		if (k == 0 && !purl) {
			purl = x->locator;
			cJSON_AddStringToObject(o, "software_packageUrl", purl);
			continue;
		}
		if (!arr)
			arr = cJSON_AddArrayToObject(o, "externalIdentifier");
		e = cJSON_CreateObject();
		cJSON_AddStringToObject(e, "type", "ExternalIdentifier");
		cJSON_AddStringToObject(e, "externalIdentifierType", map[k][1]);
		cJSON_AddStringToObject(e, "identifier", x->locator);
		cJSON_AddItemToArray(arr, e);
	}
}

/* "OPERATING-SYSTEM" -> "operatingSystem"; 2.3 purposes map one to one. */
static const char *v3_purpose(struct wr *w, const char *p)
{
	struct oh_buf b = OH_BUF_INIT;
	const char *s;
	bool up = false;

	if (!p)
		return NULL;
	for (; *p; p++) {
		if (*p == '-' || *p == '_') {
			up = true;
			continue;
		}
		oh_buf_addch(&b, up                         ? *p
				 : (*p >= 'A' && *p <= 'Z') ? *p - 'A' + 'a'
							    : *p);
		up = false;
	}
	s = s3_in(s3_purposes, b.buf) ? oh_arena_strdup(&w->arena, b.buf)
				      : "other";
	oh_buf_release(&b);
	return s;
}

static void package(struct wr *w, const struct sbom_package *p)
{
	const char *id = iri(w, p->spdxid);
	cJSON *o = element(w, "software_Package", id);

	put(o, "name", p->name);
	put(o, "summary", p->summary);
	put(o, "description", p->description);
	put(o, "comment", p->comment);
	put(o, "software_packageVersion", p->version);
	put(o, "software_downloadLocation", known(p->download_location));
	put(o, "software_homePage", known(p->homepage));
	put(o, "software_sourceInfo", p->source_info);
	put(o, "software_copyrightText", p->copyright);
	put(o, "software_primaryPurpose", v3_purpose(w, p->primary_purpose));
	put(o, "releaseTime", p->release_date);
	put(o, "builtTime", p->built_date);
	put(o, "validUntilTime", p->valid_until_date);
	if (known(p->supplier))
		put(o, "suppliedBy", agent(w, p->supplier, false));
	if (known(p->originator) && agent(w, p->originator, false)) {
		cJSON *a = cJSON_AddArrayToObject(o, "originatedBy");

		cJSON_AddItemToArray(
			a, cJSON_CreateString(agent(w, p->originator, false)));
	}
	hashes(o, p->checksum, p->nchecksum);
	if (p->verif_code) {
		cJSON *v = cJSON_GetObjectItemCaseSensitive(o, "verifiedUsing");
		cJSON *h =
			hash("PackageVerificationCode", "sha1", p->verif_code);
		cJSON *ex = NULL;

		if (!v)
			v = cJSON_AddArrayToObject(o, "verifiedUsing");
		for (size_t i = 0; i < p->nverif_excluded; i++) {
			if (!ex)
				ex = cJSON_AddArrayToObject(
					h,
					"packageVerificationCodeExcludedFile");
			cJSON_AddItemToArray(
				ex, cJSON_CreateString(p->verif_excluded[i]));
		}
		cJSON_AddItemToArray(v, h);
	}
	identifiers(o, p);
	if (p->nattribution > 0)
		cJSON_AddItemToObject(
			o, "software_attributionText",
			cJSON_CreateStringArray(p->attribution,
						(int)p->nattribution));
	cJSON_AddItemToArray(w->graph, o);
	license_rel(w, id, "hasDeclaredLicense", p->license_declared);
	license_rel(w, id, "hasConcludedLicense", p->license_concluded);
}

static const char *file_purpose(const struct sbom_file *f)
{
	static const char *const map[][2] = {
		{ "SOURCE", "source" },
		{ "BINARY", "executable" },
		{ "ARCHIVE", "archive" },
		{ "APPLICATION", "application" },
		{ "DOCUMENTATION", "documentation" },
	};

	for (size_t i = 0; f->nfile_types > 0 && i < 5; i++)
		if (strcmp(map[i][0], f->file_types[0]) == 0)
			return map[i][1];
	return NULL;
}

static void file(struct wr *w, const struct sbom_file *f)
{
	const char *id = iri(w, f->spdxid);
	cJSON *o = element(w, "software_File", id);
	cJSON *to = NULL;

	put(o, "name", f->name);
	put(o, "comment", f->comment);
	put(o, "software_copyrightText", f->copyright);
	put(o, "software_primaryPurpose", file_purpose(f));
	cJSON_AddStringToObject(o, "software_fileKind", "file");
	hashes(o, f->checksum, f->nchecksum);
	cJSON_AddItemToArray(w->graph, o);
	license_rel(w, id, "hasConcludedLicense", f->license_concluded);
	for (size_t i = 0; i < f->nlicense_info; i++) {
		const char *l = f->license_info[i];

		if (!l || strcmp(l, "NOASSERTION") == 0)
			continue;
		if (!to)
			to = relationship(w, id, "hasDeclaredLicense", NULL);
		cJSON_AddItemToArray(to, cJSON_CreateString(license(w, l)));
	}
}

static void extracted(struct wr *w, const struct sbom_extracted *e)
{
	cJSON *o;

	if (!e->license_id)
		return;
	o = element(w, "simplelicensing_SimpleLicensingText",
		    iri(w, e->license_id));
	put(o, "name", e->name);
	put(o, "comment", e->comment);
	cJSON_AddStringToObject(o, "simplelicensing_licenseText",
				e->text ? e->text : "");
	cJSON_AddItemToArray(w->lics, o);
}

/* ---- relationships and the document ------------------------------------- */

static void add_root(struct wr *w, cJSON *roots, const char *id)
{
	size_t n;

	if (oh_strmap_get(&w->roots, id, &n))
		return;
	oh_strmap_put(&w->roots, id, 0);
	cJSON_AddItemToArray(roots, cJSON_CreateString(id));
}

/*
 * The `to` array of the relationship from `a` of type m (without a
 * comment), made on first use: one SPDX 3 relationship carries every
 * target of the SPDX 2 ones it stands for.
 */
static cJSON *grouped(struct wr *w, const char *a, const struct s3_relmap *m)
{
	struct oh_buf key = OH_BUF_INIT;
	size_t i;
	cJSON *to;

	oh_buf_addf(&key, "%s\n%s\n%s", a, m->v3, m->scope ? m->scope : "");
	if (oh_strmap_get(&w->groups, key.buf, &i)) {
		oh_buf_release(&key);
		return w->group[i];
	}
	to = relationship(w, a, m->v3, m->scope);
	OH_GROW(w->group, w->agroup, w->ngroup + 1);
	w->group[w->ngroup] = to;
	oh_strmap_put(&w->groups, oh_arena_strndup(&w->arena, key.buf, key.len),
		      w->ngroup++);
	oh_buf_release(&key);
	return to;
}

static void relationships(struct wr *w, cJSON *roots)
{
	const struct sbom_doc *d = w->d;

	for (size_t i = 0; i < d->nrel; i++) {
		const struct sbom_relationship *r = &d->rel[i];
		const struct s3_relmap *m = NULL;
		const char *a, *b;
		cJSON *to;

		if (!r->element || !r->type || !r->related)
			continue;
		for (size_t k = 0; k < s3_relmap_nr && !m; k++)
			if (strcmp(s3_relmap[k].v2, r->type) == 0)
				m = &s3_relmap[k];
		a = iri(w, m && m->reversed ? r->related : r->element);
		b = iri(w, m && m->reversed ? r->element : r->related);
		if (m && strcmp(m->v2, "DESCRIBES") == 0 &&
		    strcmp(r->element,
			   d->spdxid ? d->spdxid : "SPDXRef-DOCUMENT") == 0)
			add_root(w, roots, b);
		if (m && !r->comment) {
			cJSON_AddItemToArray(grouped(w, a, m),
					     cJSON_CreateString(b));
			continue;
		}
		to = relationship(w, a, m ? m->v3 : "other",
				  m ? m->scope : NULL);
		cJSON_AddItemToArray(to, cJSON_CreateString(b));
		put(w->rels->child->prev, "comment",
		    r->comment ? r->comment : r->type);
	}
}

/* External documents: namespaceMap prefixes and imports of their ids. */
static void external(struct wr *w, cJSON *doc)
{
	const struct sbom_doc *d = w->d;
	cJSON *map, *imp;

	if (d->ndocref == 0)
		return;
	map = cJSON_AddArrayToObject(doc, "namespaceMap");
	imp = cJSON_AddArrayToObject(doc, "import");
	for (size_t i = 0; i < d->ndocref; i++) {
		const struct sbom_docref *x = &d->docref[i];
		struct oh_buf b = OH_BUF_INIT;
		cJSON *o = cJSON_CreateObject();
		cJSON *e = cJSON_CreateObject();
		const char *alg = v3_alg(x->checksum_alg);

		if (!x->id || !x->document) {
			cJSON_Delete(o);
			cJSON_Delete(e);
			continue;
		}
		oh_buf_addf(&b, "%s#", x->document);
		cJSON_AddStringToObject(o, "type", "NamespaceMap");
		cJSON_AddStringToObject(o, "prefix", x->id);
		cJSON_AddStringToObject(o, "namespace", b.buf);
		cJSON_AddItemToArray(map, o);
		oh_buf_adds(&b, "SPDXRef-DOCUMENT");
		cJSON_AddStringToObject(e, "type", "ExternalMap");
		cJSON_AddStringToObject(e, "externalSpdxId", b.buf);
		cJSON_AddStringToObject(e, "locationHint", x->document);
		if (alg && x->checksum_value)
			cJSON_AddItemToArray(
				cJSON_AddArrayToObject(e, "verifiedUsing"),
				hash("Hash", alg, x->checksum_value));
		cJSON_AddItemToArray(imp, e);
		oh_buf_release(&b);
	}
}

static cJSON *document(struct wr *w)
{
	const struct sbom_doc *d = w->d;
	cJSON *o = element(w, "SpdxDocument",
			   iri(w, d->spdxid ? d->spdxid : "SPDXRef-DOCUMENT"));
	cJSON *prof;

	put(o, "name", d->name);
	put(o, "comment", d->comment);
	cJSON_AddStringToObject(
		o, "dataLicense",
		license(w, d->data_license ? d->data_license : "CC0-1.0"));
	prof = cJSON_AddArrayToObject(o, "profileConformance");
	cJSON_AddItemToArray(prof, cJSON_CreateString("core"));
	cJSON_AddItemToArray(prof, cJSON_CreateString("software"));
	cJSON_AddItemToArray(prof, cJSON_CreateString("simpleLicensing"));
	external(w, o);
	cJSON_AddItemToArray(w->graph, o);
	return cJSON_AddArrayToObject(o, "rootElement");
}

static void append_all(cJSON *to, cJSON *from)
{
	cJSON *x;

	while ((x = cJSON_DetachItemFromArray(from, 0)) != NULL)
		cJSON_AddItemToArray(to, x);
	cJSON_Delete(from);
}

void sbom_spdx3_write(struct oh_buf *out, const struct sbom_doc *doc)
{
	struct wr w = { .d = doc, .arena = OH_ARENA_INIT };
	cJSON *root = cJSON_CreateObject();
	cJSON *roots;
	char *text;

	w.ns = doc->namespace_ ? doc->namespace_
			       : "https://spdx.org/spdxdocs/osshealth";
	w.ns = oh_arena_strndup(&w.arena, w.ns, strcspn(w.ns, "#"));
	cJSON_AddStringToObject(root, "@context", SBOM_SPDX3_CONTEXT);
	w.graph = cJSON_AddArrayToObject(root, "@graph");
	w.rels = cJSON_CreateArray();
	w.lics = cJSON_CreateArray();
	creation_info(&w);
	roots = document(&w);
	for (size_t i = 0; i < doc->npkg; i++)
		package(&w, &doc->pkg[i]);
	for (size_t i = 0; i < doc->nfile; i++)
		file(&w, &doc->file[i]);
	for (size_t i = 0; i < doc->nextracted; i++)
		extracted(&w, &doc->extracted[i]);
	relationships(&w, roots);
	for (size_t i = 0; i < doc->ndescribes; i++)
		add_root(&w, roots, iri(&w, doc->describes[i]));
	append_all(w.graph, w.lics);
	append_all(w.graph, w.rels);
	text = cJSON_Print(root);
	if (!text)
		OH_BUG("cJSON_Print failed");
	oh_buf_adds(out, text);
	oh_buf_addch(out, '\n');
	cJSON_free(text);
	cJSON_Delete(root);
	oh_strmap_release(&w.agents);
	oh_strmap_release(&w.exprs);
	oh_strmap_release(&w.roots);
	oh_strmap_release(&w.groups);
	free(w.group);
	oh_arena_release(&w.arena);
}
