/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * An SPDX 3 JSON-LD graph as an SPDX 2.3 document of the model (spdx3.h).
 * The mapping, and what it cannot carry, is in docs/sbom.md ("SPDX 3").
 *
 * software_Package (and the AI and Dataset packages) become packages,
 * software_File files; element IRIs become "SPDXRef-" ids (the part
 * after the last '#' or '/', an "SPDXRef-" prefix dropped, characters
 * outside [A-Za-z0-9.-] as '-', made unique with a suffix).  License
 * relationships become the license fields; other relationships between
 * packages and files become SPDX 2.3 relationships by the table of
 * spdx3_graph.c (types without a 2.3 form: OTHER with a comment naming
 * them).  Agents become "Person: ", "Organization: " or "Tool: " actors.
 */
#include "sbom/spdx3.h"
#include "sbom/spdx3_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "core/buf.h"
#include "core/err.h"
#include "core/xalloc.h"
#include "sbom/model.h"
#include "core/banned.h"

#define LICENSE_DEPTH 32 /* nested license sets followed */

struct rd {
	struct sbom_doc *d;
	const struct s3_graph *g; /* borrowed */
	struct oh_strmap map;     /* element IRI -> index in v2 */
	const char **v2;          /* SPDX 2 ids (arena) */
	size_t *at;               /* per v2: index in pkg, or ~index in file */
	size_t nv2, av2, aat;     /* entries, allocated */
	struct oh_strmap taken;   /* SPDX 2 ids used -> index in v2 */
	struct oh_strmap refs;    /* LicenseRef- ids added -> 0 */
	const char *name;
	struct oh_err *err;
};

static const cJSON *get(const cJSON *o, const char *k)
{
	return cJSON_GetObjectItemCaseSensitive(o, k);
}

static const char *dup(struct rd *r, const char *s)
{
	return s ? oh_arena_strdup(&r->d->arena, s) : NULL;
}

static const char *dupb(struct rd *r, const struct oh_buf *b)
{
	return oh_arena_strndup(&r->d->arena, b->buf, b->len);
}

static bool id_char(char ch)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
	       (ch >= '0' && ch <= '9') || ch == '.' || ch == '-';
}

/* The SPDX 2 id of package or file `at` (~index for files), made once. */
static const char *v2_id(struct rd *r, const char *iri, size_t at)
{
	struct oh_buf b = OH_BUF_INIT;
	const char *tail, *id;
	size_t i, base;

	tail = strrchr(iri, '#');
	if (!tail)
		tail = strrchr(iri, '/');
	tail = tail ? tail + 1 : iri;
	if (strncmp(tail, "SPDXRef-", 8) == 0)
		tail += 8;
	oh_buf_adds(&b, "SPDXRef-");
	for (const char *p = tail; *p && b.len < 200; p++)
		oh_buf_addch(&b, id_char(*p) ? *p : '-');
	if (b.len == 8)
		oh_buf_addf(&b, "Element-%zu", r->nv2);
	base = b.len;
	for (unsigned n = 2; oh_strmap_get(&r->taken, b.buf, &i) ||
			     strcmp(b.buf, "SPDXRef-DOCUMENT") == 0;
	     n++) {
		b.len = base;
		oh_buf_addf(&b, "-%u", n);
	}
	id = dupb(r, &b);
	oh_buf_release(&b);
	oh_strmap_put(&r->taken, id, r->nv2);
	OH_GROW(r->v2, r->av2, r->nv2 + 1);
	OH_GROW(r->at, r->aat, r->nv2 + 1);
	r->v2[r->nv2] = id;
	r->at[r->nv2] = at;
	oh_strmap_put(&r->map, iri, r->nv2++);
	return id;
}

/* The SPDX 2 id of a package or file reference, or NULL. */
static const char *mapped(struct rd *r, const cJSON *ref)
{
	const struct s3_node *n;
	unsigned k = s3_resolve(r->g, ref, &n);
	size_t i;

	if (k & S3_DOCUMENT)
		return "SPDXRef-DOCUMENT";
	if (k & S3_NONE)
		return "NONE";
	if (k & S3_NOASSERTION)
		return "NOASSERTION";
	if (!n || !n->id || !(n->kind & (S3_PACKAGE | S3_FILE)))
		return NULL;
	return oh_strmap_get(&r->map, n->id, &i) ? r->v2[i] : NULL;
}

/* ---- actors ------------------------------------------------------------- */

static const char *actor(struct rd *r, const cJSON *ref)
{
	const struct s3_node *n;
	unsigned k = s3_resolve(r->g, ref, &n);
	const char *name, *mail = NULL;
	struct oh_buf b = OH_BUF_INIT;
	const cJSON *x;

	if (k & S3_NOASSERTION)
		return "NOASSERTION";
	if (!n || !(name = s3_str(n->o, "name")) || name[0] == '\0')
		return NULL;
	cJSON_ArrayForEach(x, get(n->o, "externalIdentifier"))
	{
		const char *t = s3_str(x, "externalIdentifierType");

		if (t && strcmp(t, "email") == 0)
			mail = s3_str(x, "identifier");
	}
	oh_buf_addf(&b, "%s: %s",
		    k & S3_PERSON         ? "Person"
		    : k & S3_ORGANIZATION ? "Organization"
					  : "Tool",
		    name);
	if (mail && !(k & S3_TOOL) && (k & S3_AGENT) &&
	    ((k & S3_PERSON) || (k & S3_ORGANIZATION)))
		oh_buf_addf(&b, " (%s)", mail);
	name = dupb(r, &b);
	oh_buf_release(&b);
	return name;
}

static void add_creator(struct rd *r, const char *a)
{
	struct sbom_doc *d = r->d;

	if (!a)
		return;
	for (size_t i = 0; i < d->ncreators; i++)
		if (strcmp(d->creators[i], a) == 0)
			return; /* a tool both createdBy and createdUsing */
	d->creators = sbom_arena_grow(&d->arena, d->creators, d->ncreators,
				      sizeof(*d->creators));
	d->creators[d->ncreators++] = a;
}

static void creation(struct rd *r, const cJSON *ci)
{
	const cJSON *x;

	if (cJSON_IsString(ci)) {
		const struct s3_node *n = s3_find(r->g, ci->valuestring);

		ci = n ? n->o : NULL;
	}
	r->d->created = dup(r, s3_str(ci, "created"));
	r->d->creator_comment = dup(r, s3_str(ci, "comment"));
	x = get(ci, "createdBy");
	if (!cJSON_IsArray(x))
		add_creator(r, actor(r, x));
	else
		cJSON_ArrayForEach(x, get(ci, "createdBy"))
			add_creator(r, actor(r, x));
	x = get(ci, "createdUsing");
	if (!cJSON_IsArray(x))
		add_creator(r, actor(r, x));
	else
		cJSON_ArrayForEach(x, get(ci, "createdUsing"))
			add_creator(r, actor(r, x));
}

/* ---- licenses ----------------------------------------------------------- */

static void note_refs(struct rd *r, const char *expr, const cJSON *lic);

/* SPDX 3's "3.25.0" as SPDX 2 writes it ("3.25"); other values as given. */
static const char *list_version(struct rd *r, const char *v)
{
	size_t n = v ? strlen(v) : 0;
	const char *dot = v ? strchr(v, '.') : NULL;

	if (n > 2 && dot && strcmp(v + n - 2, ".0") == 0 &&
	    strchr(dot + 1, '.') == v + n - 2)
		return oh_arena_strndup(&r->d->arena, v, n - 2);
	return dup(r, v);
}

static void add_extracted(struct rd *r, const char *id, const char *text,
			  const char *name)
{
	struct sbom_doc *d = r->d;
	size_t i;

	if (oh_strmap_get(&r->refs, id, &i))
		return;
	oh_strmap_put(&r->refs, id, 0);
	d->extracted = sbom_arena_grow(&d->arena, d->extracted, d->nextracted,
				       sizeof(*d->extracted));
	memset(&d->extracted[d->nextracted], 0, sizeof(d->extracted[0]));
	d->extracted[d->nextracted].license_id = id;
	d->extracted[d->nextracted].text = text ? dup(r, text) : "NOASSERTION";
	d->extracted[d->nextracted].name = dup(r, name);
	d->nextracted++;
}

/* An expandedlicensing_CustomLicense: "LicenseRef-" + its IRI's tail. */
static void custom_license(struct rd *r, struct oh_buf *b,
			   const struct s3_node *n)
{
	const char *tail = n->id ? strrchr(n->id, '/') : NULL;
	struct oh_buf id = OH_BUF_INIT;

	tail = tail ? tail + 1 : n->id ? n->id : "";
	if (strncmp(tail, "LicenseRef-", 11) == 0)
		tail += 11;
	oh_buf_adds(&id, "LicenseRef-");
	for (; *tail && id.len < 200; tail++)
		oh_buf_addch(&id, id_char(*tail) ? *tail : '-');
	if (id.len == 11)
		oh_buf_adds(&id, "custom");
	oh_buf_add(b, id.buf, id.len);
	add_extracted(r, dupb(r, &id),
		      s3_str(n->o, "simplelicensing_licenseText"),
		      s3_str(n->o, "name"));
	oh_buf_release(&id);
}

/* The text of a license reference as an SPDX 2 expression. */
static void license_text(struct rd *r, struct oh_buf *b, const cJSON *ref,
			 unsigned depth)
{
	const struct s3_node *n;
	unsigned k = s3_resolve(r->g, ref, &n);
	const char *t, *tail;
	const cJSON *x;

	if (k & S3_NONE)
		oh_buf_adds(b, "NONE");
	else if ((k & S3_NOASSERTION) || !n || depth > LICENSE_DEPTH)
		oh_buf_adds(b, "NOASSERTION");
	else if (k & S3_LICEXPR) {
		t = s3_str(n->o, "simplelicensing_licenseExpression");
		oh_buf_adds(b, t && t[0] ? t : "NOASSERTION");
		if (t)
			note_refs(r, t, n->o);
		if (!r->d->license_list_version)
			r->d->license_list_version = list_version(
				r,
				s3_str(n->o,
				       "simplelicensing_licenseListVersion"));
	} else if (strstr(n->type, "LicenseSet")) {
		bool and = strstr(n->type, "Conjunctive") != NULL;
		size_t m = 0;

		oh_buf_addch(b, '(');
		cJSON_ArrayForEach(x, get(n->o, "expandedlicensing_member"))
		{
			if (m++ > 0)
				oh_buf_adds(b, and? " AND " : " OR ");
			license_text(r, b, x, depth + 1);
		}
		oh_buf_addch(b, ')');
	} else if (strstr(n->type, "OrLaterOperator")) {
		license_text(r, b,
			     get(n->o, "expandedlicensing_subjectLicense"),
			     depth + 1);
		oh_buf_addch(b, '+');
	} else if (strstr(n->type, "WithAdditionOperator")) {
		license_text(
			r, b,
			get(n->o, "expandedlicensing_subjectExtendableLicense"),
			depth + 1);
		oh_buf_adds(b, " WITH ");
		x = get(n->o, "expandedlicensing_subjectAddition");
		tail = cJSON_IsString(x) ? strrchr(x->valuestring, '/') : NULL;
		oh_buf_adds(b, tail ? tail + 1 : "NOASSERTION");
	} else if (strstr(n->type, "CustomLicense")) {
		custom_license(r, b, n);
	} else {
		/* a ListedLicense: the id in its IRI */
		tail = n->id ? strrchr(n->id, '/') : NULL;
		tail = tail ? tail + 1 : n->id;
		oh_buf_adds(b, tail && tail[0] ? tail : "NOASSERTION");
	}
}

/* The text of a LicenseRef: its customIdToUri element, else none. */
static const char *ref_text(struct rd *r, const char *id, const cJSON *lic)
{
	const cJSON *x;

	cJSON_ArrayForEach(x, get(lic, "simplelicensing_customIdToUri"))
	{
		const char *k = s3_str(x, "key");
		const struct s3_node *n;

		if (!k || strcmp(k, id) != 0)
			continue;
		n = s3_find(r->g, s3_str(x, "value"));
		if (n && s3_str(n->o, "simplelicensing_licenseText"))
			return s3_str(n->o, "simplelicensing_licenseText");
	}
	return NULL;
}

/* Every LicenseRef- of an expression gets an extracted license. */
static void note_refs(struct rd *r, const char *expr, const cJSON *lic)
{
	const char *p = expr;
	struct sbom_doc *d = r->d;

	while ((p = strstr(p, "LicenseRef-")) != NULL) {
		size_t n = 11, i;
		const char *id;

		while (id_char(p[n]))
			n++;
		if ((p > expr && p[-1] == ':') || n == 11) {
			p += n;
			continue;
		}
		id = oh_arena_strndup(&d->arena, p, n);
		p += n;
		if (!oh_strmap_get(&r->refs, id, &i))
			add_extracted(r, id, ref_text(r, id, lic), NULL);
	}
}

/* All `to` licenses of a relationship, joined with AND. */
static const char *license_of(struct rd *r, const cJSON *rel)
{
	const cJSON *to = get(rel, "to"), *x;
	struct oh_buf b = OH_BUF_INIT;
	size_t n = 0;
	const char *s;

	if (!cJSON_IsArray(to)) {
		license_text(r, &b, to, 0);
	} else {
		n = (size_t)cJSON_GetArraySize(to);
		cJSON_ArrayForEach(x, to)
		{
			if (b.len > 0)
				oh_buf_adds(&b, " AND ");
			if (n > 1)
				oh_buf_addch(&b, '(');
			license_text(r, &b, x, 0);
			if (n > 1)
				oh_buf_addch(&b, ')');
		}
	}
	s = b.len ? dupb(r, &b) : "NOASSERTION";
	oh_buf_release(&b);
	return s;
}

/* licenseInfoInFiles: the ids of an expression, operators left out. */
static void file_infos(struct rd *r, struct sbom_file *f, const char *expr)
{
	const char *p = expr;
	bool after_with = false;

	while (*p) {
		size_t n = strcspn(p, " ()");
		const char *w;

		if (n == 0) {
			p++;
			continue;
		}
		w = oh_arena_strndup(&r->d->arena, p, n);
		p += n;
		if (strcmp(w, "AND") == 0 || strcmp(w, "OR") == 0)
			continue;
		if (strcmp(w, "WITH") == 0) {
			after_with = true;
			continue;
		}
		if (after_with) {
			after_with = false;
			continue;
		}
		f->license_info = sbom_arena_grow(&r->d->arena, f->license_info,
						  f->nlicense_info,
						  sizeof(*f->license_info));
		f->license_info[f->nlicense_info++] = w;
	}
}

/* ---- elements ----------------------------------------------------------- */

static const char *v2_alg(const char *a)
{
	static const char *const map[][2] = {
		{ "sha1", "SHA1" },
		{ "sha224", "SHA224" },
		{ "sha256", "SHA256" },
		{ "sha384", "SHA384" },
		{ "sha512", "SHA512" },
		{ "sha3_256", "SHA3-256" },
		{ "sha3_384", "SHA3-384" },
		{ "sha3_512", "SHA3-512" },
		{ "blake2b256", "BLAKE2b-256" },
		{ "blake2b384", "BLAKE2b-384" },
		{ "blake2b512", "BLAKE2b-512" },
		{ "blake3", "BLAKE3" },
		{ "md2", "MD2" },
		{ "md4", "MD4" },
		{ "md5", "MD5" },
		{ "md6", "MD6" },
		{ "adler32", "ADLER32" },
	};

	for (size_t i = 0; a && i < sizeof(map) / sizeof(map[0]); i++)
		if (strcmp(map[i][0], a) == 0)
			return map[i][1];
	return NULL;
}

static void checksums(struct rd *r, struct sbom_checksum **out, size_t *nout,
		      const char **verif, const cJSON *o)
{
	const cJSON *h;

	cJSON_ArrayForEach(h, get(o, "verifiedUsing"))
	{
		const char *t = s3_str(h, "type");
		const char *a = v2_alg(s3_str(h, "algorithm"));
		const char *v = s3_str(h, "hashValue");

		if (!t || !a || !v)
			continue;
		if (strcmp(t, "PackageVerificationCode") == 0) {
			if (verif && strcmp(a, "SHA1") == 0)
				*verif = dup(r, v);
			continue;
		}
		if (strcmp(t, "Hash") != 0)
			continue;
		*out = sbom_arena_grow(&r->d->arena, *out, *nout,
				       sizeof(**out));
		(*out)[*nout].algorithm = a;
		(*out)[*nout].value = dup(r, v);
		(*nout)++;
	}
}

static void extref(struct rd *r, struct sbom_package *p, const char *cat,
		   const char *type, const char *loc)
{
	for (size_t i = 0; i < p->nextref; i++)
		if (strcmp(p->extref[i].locator, loc) == 0 &&
		    strcmp(p->extref[i].type, type) == 0)
			return;
	p->extref = sbom_arena_grow(&r->d->arena, p->extref, p->nextref,
				    sizeof(*p->extref));
	memset(&p->extref[p->nextref], 0, sizeof(p->extref[0]));
	p->extref[p->nextref].category = cat;
	p->extref[p->nextref].type = type;
	p->extref[p->nextref].locator = dup(r, loc);
	p->nextref++;
}

static void identifiers(struct rd *r, struct sbom_package *p, const cJSON *o)
{
	static const char *const map[][3] = {
		{ "packageUrl", "PACKAGE-MANAGER", "purl" },
		{ "cpe23", "SECURITY", "cpe23Type" },
		{ "cpe22", "SECURITY", "cpe22Type" },
		{ "swid", "SECURITY", "swid" },
		{ "gitoid", "PERSISTENT-ID", "gitoid" },
		{ "swhid", "PERSISTENT-ID", "swh" },
	};
	const cJSON *x;

	if (s3_str(o, "software_packageUrl"))
		extref(r, p, "PACKAGE-MANAGER", "purl",
		       s3_str(o, "software_packageUrl"));
	cJSON_ArrayForEach(x, get(o, "externalIdentifier"))
	{
		const char *t = s3_str(x, "externalIdentifierType");
		const char *id = s3_str(x, "identifier");

		for (size_t i = 0; t && id && i < sizeof(map) / sizeof(map[0]);
		     i++)
			if (strcmp(map[i][0], t) == 0)
				extref(r, p, map[i][1], map[i][2], id);
	}
}

/* "operatingSystem" -> "OPERATING-SYSTEM"; purposes 2.3 lacks: OTHER. */
static const char *purpose(struct rd *r, const char *p)
{
	static const char *const v2[] = {
		"application", "framework",       "library",
		"container",   "operatingSystem", "device",
		"firmware",    "source",          "archive",
		"file",        "install",         "other",
		NULL
	};
	struct oh_buf b = OH_BUF_INIT;
	const char *s;

	if (!p)
		return NULL;
	if (!s3_in(v2, p))
		return "OTHER";
	for (; *p; p++) {
		if (*p >= 'A' && *p <= 'Z')
			oh_buf_addch(&b, '-');
		oh_buf_addch(&b, *p >= 'a' && *p <= 'z' ? *p - 'a' + 'A' : *p);
	}
	s = dupb(r, &b);
	oh_buf_release(&b);
	return s;
}

static const char *agent_of(struct rd *r, const cJSON *o, const char *key)
{
	const cJSON *v = get(o, key);

	return actor(r, cJSON_IsArray(v) ? cJSON_GetArrayItem(v, 0) : v);
}

static void package(struct rd *r, const struct s3_node *n)
{
	struct sbom_doc *d = r->d;
	struct sbom_package *p;
	const cJSON *o = n->o, *x;

	d->pkg = sbom_arena_grow(&d->arena, d->pkg, d->npkg, sizeof(*d->pkg));
	p = &d->pkg[d->npkg++];
	memset(p, 0, sizeof(*p));
	p->spdxid = v2_id(r, n->id, d->npkg - 1);
	p->name = dup(r, s3_str(o, "name"));
	if (!p->name)
		p->name = "NOASSERTION";
	p->version = dup(r, s3_str(o, "software_packageVersion"));
	p->download_location = dup(r, s3_str(o, "software_downloadLocation"));
	if (!p->download_location)
		p->download_location = "NOASSERTION";
	p->homepage = dup(r, s3_str(o, "software_homePage"));
	p->source_info = dup(r, s3_str(o, "software_sourceInfo"));
	p->copyright = dup(r, s3_str(o, "software_copyrightText"));
	p->summary = dup(r, s3_str(o, "summary"));
	p->description = dup(r, s3_str(o, "description"));
	p->comment = dup(r, s3_str(o, "comment"));
	p->primary_purpose = purpose(r, s3_str(o, "software_primaryPurpose"));
	p->release_date = dup(r, s3_str(o, "releaseTime"));
	p->built_date = dup(r, s3_str(o, "builtTime"));
	p->valid_until_date = dup(r, s3_str(o, "validUntilTime"));
	p->supplier = agent_of(r, o, "suppliedBy");
	p->originator = agent_of(r, o, "originatedBy");
	p->files_analyzed = 0;
	checksums(r, &p->checksum, &p->nchecksum, &p->verif_code, o);
	identifiers(r, p, o);
	cJSON_ArrayForEach(x, get(o, "software_attributionText"))
	{
		if (!cJSON_IsString(x))
			continue;
		p->attribution = sbom_arena_grow(&d->arena, p->attribution,
						 p->nattribution,
						 sizeof(*p->attribution));
		p->attribution[p->nattribution++] = dup(r, x->valuestring);
	}
}

static void file(struct rd *r, const struct s3_node *n)
{
	struct sbom_doc *d = r->d;
	struct sbom_file *f;
	const cJSON *o = n->o;

	d->file =
		sbom_arena_grow(&d->arena, d->file, d->nfile, sizeof(*d->file));
	f = &d->file[d->nfile++];
	memset(f, 0, sizeof(*f));
	f->spdxid = v2_id(r, n->id, ~(d->nfile - 1));
	f->name = dup(r, s3_str(o, "name"));
	if (!f->name)
		f->name = "NOASSERTION";
	f->copyright = dup(r, s3_str(o, "software_copyrightText"));
	f->comment = dup(r, s3_str(o, "comment"));
	checksums(r, &f->checksum, &f->nchecksum, NULL, o);
}

/* ---- relationships ------------------------------------------------------ */

static void add_rel(struct rd *r, const char *a, const char *type,
		    const char *b, const char *comment)
{
	struct sbom_doc *d = r->d;

	d->rel = sbom_arena_grow(&d->arena, d->rel, d->nrel, sizeof(*d->rel));
	memset(&d->rel[d->nrel], 0, sizeof(d->rel[0]));
	d->rel[d->nrel].element = a;
	d->rel[d->nrel].type = type;
	d->rel[d->nrel].related = b;
	d->rel[d->nrel].comment = comment;
	d->nrel++;
}

static const struct s3_relmap *rel_row(const char *type, const char *scope)
{
	const struct s3_relmap *any = NULL;

	for (size_t i = 0; i < s3_relmap_nr; i++) {
		const struct s3_relmap *m = &s3_relmap[i];

		if (strcmp(m->v3, type) != 0)
			continue;
		if (scope && m->scope && strcmp(scope, m->scope) == 0)
			return m;
		if (!m->scope && !any)
			any = m;
	}
	return any;
}

/* The license fields of the element a license relationship is from. */
static void license_rel(struct rd *r, const cJSON *o, bool declared)
{
	const struct s3_node *n;
	const char *lic;
	size_t i;

	s3_resolve(r->g, get(o, "from"), &n);
	if (!n || !n->id || !oh_strmap_get(&r->map, n->id, &i))
		return;
	lic = license_of(r, o);
	if (r->at[i] < r->d->npkg) {
		struct sbom_package *p = &r->d->pkg[r->at[i]];

		*(declared ? &p->license_declared : &p->license_concluded) =
			lic;
	} else if (declared) {
		file_infos(r, &r->d->file[~r->at[i]], lic);
	} else {
		r->d->file[~r->at[i]].license_concluded = lic;
	}
}

static void relationship(struct rd *r, const cJSON *o)
{
	const char *type = s3_str(o, "relationshipType");
	const struct s3_relmap *m;
	const char *a = mapped(r, get(o, "from"));
	const cJSON *to = get(o, "to"), *x;
	const char *comment = NULL;

	if (!type)
		return;
	if (strcmp(type, "hasDeclaredLicense") == 0 ||
	    strcmp(type, "hasConcludedLicense") == 0) {
		license_rel(r, o, type[3] == 'D');
		return;
	}
	m = rel_row(type, s3_str(o, "scope"));
	if (!m) {
		struct oh_buf b = OH_BUF_INIT;

		oh_buf_addf(&b, "SPDX 3 relationshipType %s", type);
		comment = dupb(r, &b);
		oh_buf_release(&b);
	}
	if (!a)
		return;
	for (x = cJSON_IsArray(to) ? to->child : to; x;
	     x = cJSON_IsArray(to) ? x->next : NULL) {
		const char *b = mapped(r, x);

		if (!b || (strcmp(b, "SPDXRef-DOCUMENT") == 0 && !m))
			continue;
		if (!m)
			add_rel(r, a, "OTHER", b, comment);
		else if (m->reversed)
			add_rel(r, b, m->v2, a, dup(r, s3_str(o, "comment")));
		else
			add_rel(r, a, m->v2, b, dup(r, s3_str(o, "comment")));
	}
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* licenseInfoFromFiles: the files' licenses, sorted, each once. */
static void infos_from_files(struct rd *r, struct sbom_package *p,
			     const struct sbom_file *f)
{
	for (size_t i = 0; i < f->nlicense_info; i++) {
		const char *l = f->license_info[i];

		if (strcmp(l, "NONE") == 0 || strcmp(l, "NOASSERTION") == 0)
			continue;
		p->license_info_from_files = sbom_arena_grow(
			&r->d->arena, p->license_info_from_files,
			p->nlicense_info_from_files,
			sizeof(*p->license_info_from_files));
		p->license_info_from_files[p->nlicense_info_from_files++] = l;
	}
}

static void sort_infos(struct sbom_package *p)
{
	size_t n = 0;

	if (p->nlicense_info_from_files == 0)
		return;
	qsort(p->license_info_from_files, p->nlicense_info_from_files,
	      sizeof(*p->license_info_from_files), cmp_str);
	for (size_t i = 0; i < p->nlicense_info_from_files; i++)
		if (n == 0 || strcmp(p->license_info_from_files[n - 1],
				     p->license_info_from_files[i]) != 0)
			p->license_info_from_files[n++] =
				p->license_info_from_files[i];
	p->nlicense_info_from_files = n;
}

/*
 * Packages CONTAINing files have their files analysed (true when the
 * package has a verification code, else left to the default), and the
 * files' licenses as licenseInfoFromFiles.
 */
static void files_analyzed(struct rd *r)
{
	for (size_t k = 0; k < r->d->nrel; k++) {
		const struct sbom_relationship *x = &r->d->rel[k];
		struct sbom_package *p;
		size_t a, b;

		if (strcmp(x->type, "CONTAINS") != 0 ||
		    !oh_strmap_get(&r->taken, x->element, &a) ||
		    !oh_strmap_get(&r->taken, x->related, &b) ||
		    r->at[a] >= r->d->npkg || r->at[b] < r->d->npkg)
			continue;
		p = &r->d->pkg[r->at[a]];
		p->files_analyzed = p->verif_code ? 1 : -1;
		infos_from_files(r, p, &r->d->file[~r->at[b]]);
	}
	for (size_t k = 0; k < r->d->npkg; k++)
		sort_infos(&r->d->pkg[k]);
}

static void describe(struct rd *r, const cJSON *x, size_t nrel, unsigned depth)
{
	const struct s3_node *n;
	const cJSON *y;
	const char *b;
	bool have = false;

	s3_resolve(r->g, x, &n);
	if (n && (n->kind & S3_COLLECTION) && !(n->kind & S3_DOCUMENT)) {
		/* a software_Sbom or Bom: what it is about */
		cJSON_ArrayForEach(
			y, (depth < 4 ? get(n->o, "rootElement") : NULL))
			describe(r, y, nrel, depth + 1);
		return;
	}
	b = mapped(r, x);
	if (!b || strncmp(b, "SPDXRef-", 8) != 0)
		return;
	for (size_t k = 0; k < nrel && !have; k++)
		have = strcmp(r->d->rel[k].type, "DESCRIBES") == 0 &&
		       r->d->rel[k].related == b;
	if (!have)
		add_rel(r, "SPDXRef-DOCUMENT", "DESCRIBES", b, NULL);
}

/* rootElement not yet DESCRIBED: the document DESCRIBES it. */
static void roots(struct rd *r)
{
	const cJSON *x;
	size_t nrel = r->d->nrel;

	cJSON_ArrayForEach(x, get(r->g->doc->o, "rootElement"))
		describe(r, x, nrel, 0);
}

/* ---- the document ------------------------------------------------------- */

static const char *name_space(struct rd *r)
{
	const char *id = r->g->doc ? r->g->doc->id : NULL;
	struct oh_buf b = OH_BUF_INIT;
	const char *s;

	if (id && (strncmp(id, "http://", 7) == 0 ||
		   strncmp(id, "https://", 8) == 0)) {
		oh_buf_add(&b, id, strcspn(id, "#"));
	} else {
		/* a urn:uuid or blank node: under spdx.org/spdxdocs */
		oh_buf_adds(&b, "https://spdx.org/spdxdocs/spdx3-");
		for (const char *p = id ? id : r->d->name; *p && b.len < 200;
		     p++)
			oh_buf_addch(&b, id_char(*p) ? *p : '-');
	}
	s = dupb(r, &b);
	oh_buf_release(&b);
	return s;
}

static void document(struct rd *r)
{
	const cJSON *o = r->g->doc ? r->g->doc->o : NULL;
	struct sbom_doc *d = r->d;
	struct oh_buf b = OH_BUF_INIT;
	const cJSON *dl = get(o, "dataLicense");

	d->format = SBOM_FORMAT_JSON;
	d->spdx_version = "SPDX-2.3";
	d->spdxid = "SPDXRef-DOCUMENT";
	d->name = dup(r, s3_str(o, "name"));
	if (!d->name)
		d->name = "spdx3-document";
	d->comment = dup(r, s3_str(o, "comment"));
	d->namespace_ = name_space(r);
	if (dl) {
		license_text(r, &b, dl, 0);
		d->data_license = dupb(r, &b);
	} else {
		d->data_license = "CC0-1.0";
	}
	oh_buf_release(&b);
	creation(r, get(o, "creationInfo"));
}

static void release(struct rd *r)
{
	oh_strmap_release(&r->map);
	oh_strmap_release(&r->taken);
	oh_strmap_release(&r->refs);
	free(r->v2);
	free(r->at);
}

int s3_read_graph(struct sbom_doc **out, const struct s3_graph *g,
		  const char *name, struct oh_err *err)
{
	struct rd r = { .g = g, .name = name, .err = err };

	*out = NULL;
	r.d = sbom_doc_new();
	document(&r);
	for (size_t i = 0; i < g->n; i++) {
		const struct s3_node *n = &g->node[i];

		if (!n->id || s3_find(g, n->id) != n)
			continue;
		if (n->kind & S3_PACKAGE)
			package(&r, n);
		else if (n->kind & S3_FILE)
			file(&r, n);
	}
	for (size_t i = 0; i < g->n; i++)
		if (g->node[i].kind & S3_RELATIONSHIP)
			relationship(&r, g->node[i].o);
	if (g->doc)
		roots(&r);
	files_analyzed(&r);
	*out = r.d;
	release(&r);
	return 0;
}

int sbom_spdx3_read_tree(struct sbom_doc **out, const cJSON *root,
			 const char *name, struct oh_err *err)
{
	struct s3_graph g = { .n = 0 };
	int rc;

	*out = NULL;
	if (!sbom_spdx3_is_tree(root))
		return oh_err_set(err, OH_EINPUT, name, 0, 0,
				  "not SPDX 3 JSON-LD (no SPDX '@context')");
	rc = s3_graph_build(&g, root, name, err);
	if (rc == 0)
		rc = s3_read_graph(out, &g, name, err);
	s3_graph_release(&g);
	return rc;
}
