/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * SPDX 2.2/2.3 JSON validation (profile SPDX) and the NTIA minimum
 * elements (profile NTIA), over the cJSON tree.  Codes are documented in
 * docs/sbom.md; cardinalities follow the SPDX 2.3 specification, with
 * the 2.2 differences noted where they apply (license and copyright
 * fields of packages mandatory in 2.2, optional in 2.3).
 */
#include "sbom/sbom.h"
#include "sbom/cdx.h"
#include "sbom/spdx3.h"
#include "sbom/spdx3_int.h"
#include "sbom/model.h"

#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <strings.h>

#include <cjson/cJSON.h>

#include "core/buf.h"
#include "core/err.h"
#include "core/json.h"
#include "core/strmap.h"
#include "core/xalloc.h"
#include "license/expr.h"
#include "sbom/syntax.h"
#include "core/banned.h"

struct vctx {
	struct sbom_report *r; /* being filled */
	unsigned profiles;     /* enum sbom_profile */
	bool v22;              /* SPDX-2.2 rules */
	const cJSON *doc;      /* the root */
	/* sets of strings of the tree: the maps' values are unused */
	struct oh_strmap ids;       /* every SPDXID */
	struct oh_strmap related;   /* ids in a non-DESCRIBES relationship */
	struct oh_strmap extracted; /* LicenseRef- ids defined */
	struct oh_strmap files;     /* SPDXIDs of files */
	struct oh_strmap
		unanalyzed;     /* SPDXIDs of packages filesAnalyzed false */
	struct oh_strmap clean; /* license expressions found clean */
	const struct lic_list *licenses; /* ids known; NULL: syntax only */
};

void sbom_report_vadd(struct sbom_report *r, enum sbom_severity sev,
		      const char *code, const char *element, const char *where,
		      const char *fmt, va_list ap)
{
	struct oh_buf b = OH_BUF_INIT;
	struct sbom_diag *d;

	if (sev == SBOM_ERROR)
		r->errors++;
	else
		r->warnings++;
	if (r->diag_nr >= SBOM_MAX_DIAGS) {
		r->more++;
		return;
	}
	oh_buf_vaddf(&b, fmt, ap);
	OH_GROW(r->diag, r->diag_alloc, r->diag_nr + 1);
	d = &r->diag[r->diag_nr++];
	d->severity = sev;
	d->code = code;
	d->element = oh_arena_strdup(&r->arena, element ? element : "document");
	d->where = oh_arena_strdup(&r->arena, where);
	d->message = oh_arena_strndup(&r->arena, b.buf, b.len);
	oh_buf_release(&b);
}

static void diag(struct vctx *c, enum sbom_severity sev, const char *code,
		 const char *element, const char *where, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	sbom_report_vadd(c->r, sev, code, element, where, fmt, ap);
	va_end(ap);
}

/* ---- small field helpers ----------------------------------------------- */

static const char *str(const cJSON *o, const char *key)
{
	const cJSON *v = sbom_json_get(o, key);

	return cJSON_IsString(v) ? v->valuestring : NULL;
}

static void path(char *out, size_t size, const char *base, const char *key)
{
	sbom_path(out, size, base, key, SBOM_NO_INDEX);
}

/* A required string: present, a string, not empty. */
static const char *need(struct vctx *c, const cJSON *o, const char *key,
			const char *code, const char *element, const char *base)
{
	const cJSON *v = sbom_json_get(o, key);
	char where[256];

	path(where, sizeof(where), base, key);
	if (!v) {
		diag(c, SBOM_ERROR, code, element, where, "'%s' is required",
		     key);
		return NULL;
	}
	if (!cJSON_IsString(v) || v->valuestring[0] == '\0') {
		diag(c, SBOM_ERROR, code, element, where,
		     "'%s' must be a non-empty string", key);
		return NULL;
	}
	return v->valuestring;
}

static bool is_spdx_id(const char *s)
{
	if (strncmp(s, "SPDXRef-", 8) != 0 || s[8] == '\0')
		return false;
	for (s += 8; *s != '\0'; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		      (*s >= '0' && *s <= '9') || *s == '.' || *s == '-'))
			return false;
	return true;
}

static bool set_has(const struct oh_strmap *set, const char *id)
{
	size_t unused;

	return oh_strmap_get(set, id, &unused);
}

static void set_add(struct oh_strmap *set, const char *id)
{
	(void)oh_strmap_add(set, id, 0);
}

static bool has_id(const struct vctx *c, const char *id)
{
	return set_has(&c->ids, id);
}

static void add_id(struct vctx *c, const char *id, const char *where)
{
	if (!is_spdx_id(id)) {
		diag(c, SBOM_ERROR, "SPDX-ID-SYNTAX", id, where,
		     "'%.60s' is not an SPDX id (SPDXRef- followed by letters, digits, '.' or '-')",
		     id);
		return;
	}
	if (has_id(c, id)) {
		diag(c, SBOM_ERROR, "SPDX-ID-DUPLICATE", id, where,
		     "SPDX id '%.60s' is used more than once", id);
		return;
	}
	if (c->ids.nr >= SBOM_MAX_ELEMENTS)
		return;
	set_add(&c->ids, id);
}

/* Lower-case hex of exactly n digits; *upper set when upper-case used. */
static bool is_hex(const char *s, size_t n, bool *upper)
{
	size_t i;

	*upper = false;
	for (i = 0; s[i] != '\0'; i++) {
		if (s[i] >= 'A' && s[i] <= 'F')
			*upper = true;
		else if (!((s[i] >= '0' && s[i] <= '9') ||
			   (s[i] >= 'a' && s[i] <= 'f')))
			return false;
	}
	return n == 0 ? i > 0 : i == n;
}

static size_t checksum_len(const char *alg)
{
	static const struct {
		const char *alg;
		size_t len; /* hex digits; 0 = any length */
	} algs[] = {
		{ "SHA1", 40 },         { "SHA224", 56 },
		{ "SHA256", 64 },       { "SHA384", 96 },
		{ "SHA512", 128 },      { "SHA3-256", 64 },
		{ "SHA3-384", 96 },     { "SHA3-512", 128 },
		{ "MD2", 32 },          { "MD4", 32 },
		{ "MD5", 32 },          { "MD6", 0 },
		{ "BLAKE2b-256", 64 },  { "BLAKE2b-384", 96 },
		{ "BLAKE2b-512", 128 }, { "BLAKE3", 0 },
		{ "ADLER32", 8 },
	};

	for (size_t i = 0; i < sizeof(algs) / sizeof(algs[0]); i++)
		if (strcmp(algs[i].alg, alg) == 0)
			return algs[i].len;
	return (size_t)-1;
}

static bool v23_algorithm(const char *alg)
{
	return strncmp(alg, "SHA3-", 5) == 0 || strncmp(alg, "BLAKE", 5) == 0 ||
	       strcmp(alg, "ADLER32") == 0;
}

static void checksums(struct vctx *c, const cJSON *o, const char *element,
		      const char *base, bool need_sha1)
{
	const cJSON *arr = sbom_json_get(o, "checksums");
	const cJSON *it;
	bool sha1 = false;
	size_t i = 0;
	char where[256];

	cJSON_ArrayForEach(it, arr)
	{
		const char *alg = str(it, "algorithm");
		const char *val = str(it, "checksumValue");
		size_t want;
		bool upper;

		sbom_path(where, sizeof(where), base, "checksums", i++);
		if (!alg || !val) {
			diag(c, SBOM_ERROR, "SPDX-CHECKSUM", element, where,
			     "a checksum needs 'algorithm' and 'checksumValue'");
			continue;
		}
		want = checksum_len(alg);
		if (want == (size_t)-1) {
			diag(c, SBOM_ERROR, "SPDX-CHECKSUM", element, where,
			     "unknown checksum algorithm '%.40s'", alg);
			continue;
		}
		sha1 |= strcmp(alg, "SHA1") == 0;
		if (c->v22 && v23_algorithm(alg))
			diag(c, SBOM_ERROR, "SPDX-CHECKSUM", element, where,
			     "checksum algorithm '%s' is new in SPDX 2.3", alg);
		if (!is_hex(val, want, &upper))
			diag(c, SBOM_ERROR, "SPDX-CHECKSUM", element, where,
			     "%s value '%.70s' is not %zu hex digits", alg, val,
			     want);
		else if (upper)
			diag(c, SBOM_ERROR, "SPDX-CHECKSUM-CASE", element,
			     where,
			     "%s value is upper-case hex; SPDX wants lower case (clauses 7.10, 8.4)",
			     alg);
	}
	if (need_sha1 && !sha1)
		diag(c, SBOM_ERROR, "SPDX-CHECKSUM-SHA1", element, base,
		     "a file needs a SHA1 checksum");
}

/* ---- license fields ---------------------------------------------------- */

static bool doc_ref_declared(const struct vctx *c, const char *ref, size_t len);

struct refs_ctx {
	struct vctx *c;
	const char *element;
	const char *where;
};

static int check_ref(void *p, const struct lic_expr_node *leaf)
{
	struct refs_ctx *rc = p;
	const struct lic_expr_node *n =
		leaf->kind == LIC_EXPR_WITH ? leaf->left : leaf;

	if (n->kind != LIC_EXPR_REF)
		return 0;
	if (n->document_ref) {
		if (!doc_ref_declared(rc->c, n->document_ref,
				      strlen(n->document_ref)))
			diag(rc->c, SBOM_ERROR, "SPDX-DOCREF-UNDECLARED",
			     rc->element, rc->where,
			     "'%.60s' is not declared in externalDocumentRefs",
			     n->document_ref);
		return 0;
	}
	if (set_has(&rc->c->extracted, n->id))
		return 0;
	diag(rc->c, SBOM_ERROR, "SPDX-LICENSEREF-UNDEFINED", rc->element,
	     rc->where,
	     "'%.60s' is used but not defined in hasExtractedLicensingInfos",
	     n->id);
	return 0;
}

/* What the parser noted with the license list: unknown and deprecated. */
static void license_warnings(struct vctx *c, const struct lic_expr *e,
			     const char *element, const char *where)
{
	for (size_t i = 0; i < e->nwarning; i++) {
		const struct lic_expr_warning *w = &e->warning[i];

		if (w->kind == LIC_EXPR_W_UNKNOWN_ID ||
		    w->kind == LIC_EXPR_W_UNKNOWN_EXC)
			diag(c, SBOM_ERROR, "SPDX-LICENSE-UNKNOWN", element,
			     where,
			     "%s: not on the SPDX license list (use a LicenseRef- defined in hasExtractedLicensingInfos)",
			     w->msg);
		else if (w->kind == LIC_EXPR_W_DEPRECATED)
			diag(c, SBOM_WARNING, "SPDX-LICENSE-DEPRECATED",
			     element, where, "%s", w->msg);
	}
}

/* One license expression (or NONE / NOASSERTION) at `where`. */
static void license_value(struct vctx *c, const char *v, const char *element,
			  const char *where)
{
	struct lic_expr *e = NULL;
	struct oh_err err = OH_ERR_INIT;
	struct refs_ctx rc = { .c = c, .element = element, .where = where };
	size_t had = c->r->errors + c->r->warnings;

	/* a large document repeats a few expressions: one that drew no
	 * diagnostic draws none again (what decides it, the license list,
	 * the LicenseRefs and DocumentRefs, is fixed for the document) */
	if (set_has(&c->clean, v))
		return;
	if (lic_expr_parse(&e, v, strlen(v), c->licenses, 0, where, &err) < 0) {
		diag(c, SBOM_ERROR, "SPDX-LICENSE-EXPR", element, where,
		     "'%.80s' is not a valid SPDX license expression: %s", v,
		     err.msg);
	} else {
		lic_expr_walk(e->root, check_ref, &rc);
		license_warnings(c, e, element, where);
		if (c->r->errors + c->r->warnings == had)
			set_add(&c->clean, v);
	}
	lic_expr_free(e);
	oh_err_release(&err);
}

static void license_field(struct vctx *c, const cJSON *o, const char *key,
			  const char *element, const char *base, bool required)
{
	const cJSON *v = sbom_json_get(o, key);
	char where[256];

	path(where, sizeof(where), base, key);
	if (!v) {
		if (required)
			diag(c, SBOM_ERROR, "SPDX-LICENSE-MISSING", element,
			     where, "'%s' is required in SPDX 2.2", key);
		return;
	}
	if (!cJSON_IsString(v)) {
		diag(c, SBOM_ERROR, "SPDX-LICENSE-EXPR", element, where,
		     "'%s' must be a string", key);
		return;
	}
	license_value(c, v->valuestring, element, where);
}

/* Each entry of the array obj.key: a license (licenseInfoInFiles, ...). */
static void license_list(struct vctx *c, const cJSON *o, const char *key,
			 const char *element, const char *base)
{
	const cJSON *it;
	size_t k = 0;
	char where[256];

	cJSON_ArrayForEach(it, sbom_json_get(o, key))
	{
		snprintf(where, sizeof(where), "%s%s%s[%zu]", base,
			 base[0] ? "." : "", key, k++);
		if (!cJSON_IsString(it))
			diag(c, SBOM_ERROR, "SPDX-LICENSE-EXPR", element, where,
			     "not a license id, NONE or NOASSERTION");
		else
			license_value(c, it->valuestring, element, where);
	}
}

/* LicenseRef- followed by letters, digits, '.' or '-' (clause 10.1). */
static bool is_license_ref(const char *s)
{
	if (strncmp(s, "LicenseRef-", 11) != 0 || s[11] == '\0')
		return false;
	for (s += 11; *s != '\0'; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		      (*s >= '0' && *s <= '9') || *s == '.' || *s == '-'))
			return false;
	return true;
}

static void collect_extracted(struct vctx *c)
{
	const cJSON *arr = sbom_json_get(c->doc, "hasExtractedLicensingInfos");
	const cJSON *it;
	size_t i = 0;
	char where[128];

	cJSON_ArrayForEach(it, arr)
	{
		const char *id = str(it, "licenseId");

		snprintf(where, sizeof(where),
			 "hasExtractedLicensingInfos[%zu]", i++);
		if (!id || !is_license_ref(id)) {
			diag(c, SBOM_ERROR, "SPDX-EXTRACTED", id, where,
			     "'licenseId' must be LicenseRef- followed by letters, digits, '.' or '-'");
			continue;
		}
		if (!str(it, "extractedText"))
			diag(c, SBOM_ERROR, "SPDX-EXTRACTED", id, where,
			     "'extractedText' is required");
		if (set_has(&c->extracted, id))
			diag(c, SBOM_ERROR, "SPDX-EXTRACTED", id, where,
			     "'%.60s' is defined more than once", id);
		set_add(&c->extracted, id);
	}
}

/* ---- document ---------------------------------------------------------- */

static void creation_info(struct vctx *c)
{
	const cJSON *ci = sbom_json_get(c->doc, "creationInfo");
	const cJSON *creators, *it;
	const char *created;
	size_t i = 0;
	char where[64];

	if (!cJSON_IsObject(ci)) {
		diag(c, SBOM_ERROR, "SPDX-CREATION-INFO", NULL, "creationInfo",
		     "'creationInfo' is required");
		return;
	}
	created = need(c, ci, "created", "SPDX-CREATED", NULL, "creationInfo");
	if (created && !sbom_date_is_valid(created))
		diag(c, SBOM_ERROR, "SPDX-CREATED", NULL,
		     "creationInfo.created",
		     "'%.40s' is not a UTC time YYYY-MM-DDThh:mm:ssZ", created);
	creators = sbom_json_get(ci, "creators");
	if (!cJSON_IsArray(creators) || cJSON_GetArraySize(creators) == 0) {
		diag(c, SBOM_ERROR, "SPDX-CREATORS", NULL,
		     "creationInfo.creators",
		     "at least one creator ('Person: ', 'Organization: ' or 'Tool: ') is required");
		return;
	}
	cJSON_ArrayForEach(it, creators)
	{
		const char *why =
			cJSON_IsString(it)
				? sbom_actor_error(it->valuestring, true, false)
				: "is not a string";

		snprintf(where, sizeof(where), "creationInfo.creators[%zu]",
			 i++);
		if (why)
			diag(c, SBOM_ERROR, "SPDX-CREATORS", NULL, where,
			     "creator '%.60s' %s",
			     cJSON_IsString(it) ? it->valuestring : "", why);
	}
}

static void document(struct vctx *c)
{
	const char *v;
	const char *colon;

	v = need(c, c->doc, "spdxVersion", "SPDX-VERSION", NULL, "");
	if (v && strcmp(v, "SPDX-2.3") != 0 && strcmp(v, "SPDX-2.2") != 0)
		diag(c, SBOM_ERROR, "SPDX-VERSION", NULL, "spdxVersion",
		     "'%.40s' is not SPDX-2.2 or SPDX-2.3", v);
	v = need(c, c->doc, "dataLicense", "SPDX-DATA-LICENSE", NULL, "");
	if (v && strcmp(v, "CC0-1.0") != 0)
		diag(c, SBOM_ERROR, "SPDX-DATA-LICENSE", NULL, "dataLicense",
		     "the data license must be CC0-1.0, not '%.40s'", v);
	v = need(c, c->doc, "SPDXID", "SPDX-DOC-ID", NULL, "");
	if (v && strcmp(v, "SPDXRef-DOCUMENT") != 0)
		diag(c, SBOM_ERROR, "SPDX-DOC-ID", NULL, "SPDXID",
		     "the document's SPDXID must be SPDXRef-DOCUMENT");
	if (v)
		add_id(c, v, "SPDXID");
	need(c, c->doc, "name", "SPDX-DOC-NAME", NULL, "");
	v = need(c, c->doc, "documentNamespace", "SPDX-NAMESPACE", NULL, "");
	colon = v ? strstr(v, "://") : NULL;
	if (v && (!colon || colon == v))
		diag(c, SBOM_ERROR, "SPDX-NAMESPACE", NULL, "documentNamespace",
		     "'%.80s' is not an absolute URI", v);
	if (v && strchr(v, '#'))
		diag(c, SBOM_ERROR, "SPDX-NAMESPACE", NULL, "documentNamespace",
		     "the namespace must not contain '#'");
	creation_info(c);
}

/* ---- packages and files ------------------------------------------------ */

/* filesAnalyzed, true when absent (a non-boolean is a type error). */
static bool files_analyzed(const cJSON *pkg)
{
	const cJSON *fa = sbom_json_get(pkg, "filesAnalyzed");

	return !cJSON_IsFalse(fa);
}

/* Excluded file names are relative to the package, like file names. */
static void excluded_files(struct vctx *c, const cJSON *vc, const char *id,
			   const char *base)
{
	const cJSON *it;
	size_t i = 0;
	char where[300];

	cJSON_ArrayForEach(
		it, sbom_json_get(vc, "packageVerificationCodeExcludedFiles"))
	{
		snprintf(where, sizeof(where),
			 "%s.packageVerificationCodeExcludedFiles[%zu]", base,
			 i++);
		if (cJSON_IsString(it) && it->valuestring[0] == '/')
			diag(c, SBOM_ERROR, "SPDX-FILE-NAME", id, where,
			     "'%.60s' is an absolute path; file names are relative to the package (clause 8.1)",
			     it->valuestring);
	}
}

static void verification_code(struct vctx *c, const cJSON *pkg, const char *id,
			      const char *base)
{
	const cJSON *vc = sbom_json_get(pkg, "packageVerificationCode");
	const char *val;
	char where[256];
	bool upper;

	snprintf(where, sizeof(where), "%s.packageVerificationCode", base);
	if (!vc) {
		/*
		 * Mandatory with files analyzed in the first edition of 2.2
		 * (clause 3.9), optional from 2.2.1 on (7.9) and in 2.3; the
		 * document cannot say which edition, and tools-python takes
		 * the later rule.
		 */
		if (c->v22 && files_analyzed(pkg))
			diag(c, SBOM_WARNING, "SPDX-VERIFICATION-CODE", id,
			     where,
			     "no verification code although files are analyzed: required by SPDX 2.2 (first edition, 3.9), optional since 2.2.1 (7.9)");
		return;
	}
	if (!files_analyzed(pkg))
		diag(c, SBOM_ERROR, "SPDX-VERIFICATION-CODE", id, where,
		     "a package with filesAnalyzed false has no verification code");
	val = str(vc, "packageVerificationCodeValue");
	if (!val || !is_hex(val, 40, &upper))
		diag(c, SBOM_ERROR, "SPDX-VERIFICATION-CODE", id, where,
		     "'packageVerificationCodeValue' must be 40 hex digits (SHA1)");
	else if (upper)
		diag(c, SBOM_ERROR, "SPDX-CHECKSUM-CASE", id, where,
		     "the verification code is upper-case hex; SPDX wants lower case (clause 7.9)");
	excluded_files(c, vc, id, where);
}

/* ---- enumerations (SPDX 2.2/2.3 JSON schema values) ------------------ */

static const char *const purposes[] = {
	"APPLICATION", "FRAMEWORK", "LIBRARY", "CONTAINER", "OPERATING_SYSTEM",
	"DEVICE",      "FIRMWARE",  "SOURCE",  "ARCHIVE",   "FILE",
	"INSTALL",     "OTHER",     NULL,
};
static const char *const file_types[] = {
	"SOURCE", "BINARY", "ARCHIVE",       "APPLICATION", "AUDIO", "IMAGE",
	"TEXT",   "VIDEO",  "DOCUMENTATION", "SPDX",        "OTHER", NULL,
};
static const char *const ref_categories[] = {
	"SECURITY",
	"PACKAGE-MANAGER",
	"PACKAGE_MANAGER",
	"PERSISTENT-ID",
	"PERSISTENT_ID",
	"OTHER",
	NULL,
};
static const char *const annotation_types[] = { "REVIEW", "OTHER", NULL };

static bool one_of(const char *v, const char *const *set)
{
	for (; *set; set++)
		if (strcmp(v, *set) == 0)
			return true;
	return false;
}

/* obj.key (a string) must be one of `set`; absent is fine. */
static void enum_field(struct vctx *c, const cJSON *obj, const char *key,
		       const char *const *set, const char *id,
		       const char *where)
{
	const cJSON *v = sbom_json_get(obj, key);

	if (!v)
		return;
	if (!cJSON_IsString(v) || !one_of(v->valuestring, set))
		diag(c, SBOM_ERROR, "SPDX-ENUM", id, where,
		     "'%s' is not one of the values SPDX defines: '%.60s'", key,
		     cJSON_IsString(v) ? v->valuestring : "(not a string)");
}

/* Each element of array obj.key, with its index in the place. */
static void enum_each(struct vctx *c, const cJSON *obj, const char *key,
		      const char *sub, const char *const *set, const char *id,
		      const char *base)
{
	const cJSON *it;
	char where[160];
	size_t i = 0;

	cJSON_ArrayForEach(it, sbom_json_get(obj, key))
	{
		snprintf(where, sizeof(where), "%s%s%s[%zu]", base,
			 base[0] ? "." : "", key, i++);
		if (sub) {
			enum_field(c, it, sub, set, id, where);
		} else if (!cJSON_IsString(it) ||
			   !one_of(it->valuestring, set)) {
			diag(c, SBOM_ERROR, "SPDX-ENUM", id, where,
			     "'%s' is not one of the values SPDX defines: '%.60s'",
			     key,
			     cJSON_IsString(it) ? it->valuestring
						: "(not a string)");
		}
	}
}

/* ---- annotations (clause 12) -------------------------------------------- */

static void annotation(struct vctx *c, const cJSON *an, const char *id,
		       const char *where)
{
	const char *who = str(an, "annotator");
	const char *date = str(an, "annotationDate");
	const char *why = who ? sbom_actor_error(who, true, false) : NULL;

	enum_field(c, an, "annotationType", annotation_types, id, where);
	if (!who || !date || !str(an, "annotationType") || !str(an, "comment"))
		diag(c, SBOM_ERROR, "SPDX-ANNOTATION", id, where,
		     "an annotation needs annotator, annotationDate, annotationType and comment");
	if (why)
		diag(c, SBOM_ERROR, "SPDX-ACTOR", id, where,
		     "annotator '%.60s' %s", who, why);
	if (date && !sbom_date_is_valid(date))
		diag(c, SBOM_ERROR, "SPDX-DATE", id, where,
		     "annotationDate '%.40s' is not a UTC time YYYY-MM-DDThh:mm:ssZ",
		     date);
}

static void annotations(struct vctx *c, const cJSON *o, const char *id,
			const char *base)
{
	const cJSON *it;
	size_t i = 0;
	char where[160];

	cJSON_ArrayForEach(it, sbom_json_get(o, "annotations"))
	{
		snprintf(where, sizeof(where), "%s%sannotations[%zu]", base,
			 base[0] ? "." : "", i++);
		if (cJSON_IsObject(it))
			annotation(c, it, id, where);
		else
			diag(c, SBOM_ERROR, "SPDX-ANNOTATION", id, where,
			     "an annotation must be an object");
	}
}

/* ---- package fields ---------------------------------------------------- */

/* Annex F: the reference types of each category (OTHER takes any). */
static const struct {
	const char *category; /* also with '_' for '-' (JSON schema) */
	const char *types[7];
} ref_types[] = {
	{ "SECURITY",
	  { "cpe22Type", "cpe23Type", "advisory", "fix", "url", "swid",
	    NULL } },
	{ "PACKAGE-MANAGER",
	  { "maven-central", "npm", "nuget", "bower", "purl", NULL } },
	{ "PERSISTENT-ID", { "swh", "gitoid", NULL } },
};

/* NULL when `type` belongs to `category`, else the category's name. */
static const char *type_in_category(const char *category, const char *type)
{
	for (size_t i = 0; i < sizeof(ref_types) / sizeof(ref_types[0]); i++) {
		size_t n = strlen(ref_types[i].category);

		if (strlen(category) != n)
			continue;
		for (size_t k = 0; k < n; k++) {
			char a = ref_types[i].category[k], b = category[k];

			if (a != b && !(a == '-' && b == '_'))
				goto next;
		}
		for (size_t k = 0; ref_types[i].types[k]; k++)
			if (strcmp(ref_types[i].types[k], type) == 0)
				return NULL;
		return ref_types[i].category;
	next:;
	}
	return NULL;
}

/* The locator's syntax for its type (annex F); NULL when fine. */
static const char *locator_error(const char *type, const char *loc)
{
	if (strcmp(type, "purl") == 0)
		return sbom_purl_error(loc);
	if (strcmp(type, "cpe23Type") == 0)
		return sbom_cpe23_error(loc);
	if (strcmp(type, "cpe22Type") == 0)
		return sbom_cpe22_error(loc);
	if (strcmp(type, "advisory") == 0 || strcmp(type, "fix") == 0 ||
	    strcmp(type, "url") == 0)
		return sbom_url_error(loc);
	if (strcmp(type, "swid") == 0 && strncmp(loc, "swid:", 5) != 0)
		return "does not start with 'swid:'";
	if (strcmp(type, "npm") == 0 &&
	    (!strchr(loc + 1, '@') || strchr(loc, ' ')))
		return "is not of the form name@version";
	if (strstr(loc, " ") || strchr(loc, '\t') || strchr(loc, '\n'))
		return "holds a blank";
	return NULL;
}

static void external_ref(struct vctx *c, const cJSON *r, const char *id,
			 const char *where)
{
	const char *cat = str(r, "referenceCategory");
	const char *type = str(r, "referenceType");
	const char *loc = str(r, "referenceLocator");
	const char *want, *why;

	if (!cat || !type || !loc) {
		diag(c, SBOM_ERROR, "SPDX-EXTREF", id, where,
		     "an external reference needs referenceCategory, referenceType and referenceLocator");
		return;
	}
	want = type_in_category(cat, type);
	if (want)
		diag(c, SBOM_ERROR, "SPDX-EXTREF", id, where,
		     "type '%.40s' is not one of the category %s (annex F)",
		     type, want);
	why = locator_error(type, loc);
	if (why)
		diag(c, SBOM_ERROR, "SPDX-EXTREF", id, where,
		     "%s locator '%.80s' %s", type, loc, why);
}

static void external_refs_of(struct vctx *c, const cJSON *pkg, const char *id,
			     const char *base)
{
	const cJSON *it;
	size_t i = 0;
	char where[160];

	enum_each(c, pkg, "externalRefs", "referenceCategory", ref_categories,
		  id, base);
	cJSON_ArrayForEach(it, sbom_json_get(pkg, "externalRefs"))
	{
		sbom_path(where, sizeof(where), base, "externalRefs", i++);
		if (cJSON_IsObject(it))
			external_ref(c, it, id, where);
	}
}

/* supplier, originator: Person or Organization, or NOASSERTION (7.5). */
static void actor_field(struct vctx *c, const cJSON *o, const char *key,
			const char *id, const char *base)
{
	const char *v = str(o, key);
	const char *why = v ? sbom_actor_error(v, false, true) : NULL;
	char where[128];

	if (!why)
		return;
	path(where, sizeof(where), base, key);
	diag(c, SBOM_ERROR, "SPDX-ACTOR", id, where, "%s '%.60s' %s", key, v,
	     why);
}

static void date_field(struct vctx *c, const cJSON *o, const char *key,
		       const char *id, const char *base)
{
	const char *v = str(o, key);
	char where[128];

	if (!v || sbom_date_is_valid(v))
		return;
	path(where, sizeof(where), base, key);
	diag(c, SBOM_ERROR, "SPDX-DATE", id, where,
	     "%s '%.40s' is not a UTC time YYYY-MM-DDThh:mm:ssZ", key, v);
}

static void urls(struct vctx *c, const cJSON *pkg, const char *id,
		 const char *base)
{
	const char *dl = str(pkg, "downloadLocation");
	const char *hp = str(pkg, "homepage");
	const char *why;
	char where[128];

	if (dl && dl[0] != '\0' &&
	    (why = sbom_download_location_error(dl)) != NULL) {
		path(where, sizeof(where), base, "downloadLocation");
		diag(c, SBOM_ERROR, "SPDX-DOWNLOAD-LOCATION", id, where,
		     "'%.80s' %s: a URL, a VCS location, NONE or NOASSERTION is wanted (clause 7.7)",
		     dl, why);
	}
	if (hp && strcmp(hp, "NONE") != 0 && strcmp(hp, "NOASSERTION") != 0 &&
	    (why = sbom_url_error(hp)) != NULL) {
		path(where, sizeof(where), base, "homepage");
		diag(c, SBOM_ERROR, "SPDX-HOMEPAGE", id, where,
		     "'%.80s' %s: a URL, NONE or NOASSERTION is wanted (clause 7.11)",
		     hp, why);
	}
}

/* SPDX 2.3 additions must not appear in a 2.2 document. */
static void v23_fields(struct vctx *c, const cJSON *pkg, const char *id,
		       const char *base)
{
	static const char *const keys[] = { "primaryPackagePurpose",
					    "releaseDate", "builtDate",
					    "validUntilDate", NULL };
	char where[128];

	for (size_t i = 0; c->v22 && keys[i]; i++) {
		if (!sbom_json_get(pkg, keys[i]))
			continue;
		path(where, sizeof(where), base, keys[i]);
		diag(c, SBOM_ERROR, "SPDX-VERSION-FIELD", id, where,
		     "'%s' is new in SPDX 2.3; this is an SPDX-2.2 document",
		     keys[i]);
	}
}

/* filesAnalyzed false: no files, so nothing learnt from them (7.8, 7.14). */
static void unanalyzed(struct vctx *c, const cJSON *pkg, const char *id,
		       const char *base)
{
	char where[128];

	if (files_analyzed(pkg))
		return;
	if (id)
		set_add(&c->unanalyzed, id);
	if (cJSON_GetArraySize(sbom_json_get(pkg, "licenseInfoFromFiles")) >
	    0) {
		path(where, sizeof(where), base, "licenseInfoFromFiles");
		diag(c, SBOM_ERROR, "SPDX-FILES-ANALYZED", id, where,
		     "a package with filesAnalyzed false has no licenseInfoFromFiles");
	}
	if (cJSON_GetArraySize(sbom_json_get(pkg, "hasFiles")) > 0) {
		path(where, sizeof(where), base, "hasFiles");
		diag(c, SBOM_ERROR, "SPDX-FILES-ANALYZED", id, where,
		     "a package with filesAnalyzed false contains no files");
	}
}

static void package(struct vctx *c, const cJSON *pkg, size_t idx)
{
	char base[64];
	const char *id;

	sbom_path(base, sizeof(base), "", "packages", idx);
	if (!cJSON_IsObject(pkg)) {
		diag(c, SBOM_ERROR, "SPDX-PACKAGE", NULL, base,
		     "a package must be an object");
		return;
	}
	id = need(c, pkg, "SPDXID", "SPDX-ID", NULL, base);
	if (id) {
		char where[96];

		path(where, sizeof(where), base, "SPDXID");
		add_id(c, id, where);
	}
	need(c, pkg, "name", "SPDX-PACKAGE-NAME", id, base);
	need(c, pkg, "downloadLocation", "SPDX-DOWNLOAD-LOCATION", id, base);
	urls(c, pkg, id, base);
	actor_field(c, pkg, "supplier", id, base);
	actor_field(c, pkg, "originator", id, base);
	checksums(c, pkg, id, base, false);
	verification_code(c, pkg, id, base);
	unanalyzed(c, pkg, id, base);
	license_field(c, pkg, "licenseConcluded", id, base, c->v22);
	license_field(c, pkg, "licenseDeclared", id, base, c->v22);
	license_list(c, pkg, "licenseInfoFromFiles", id, base);
	if (c->v22 && !sbom_json_get(pkg, "copyrightText"))
		diag(c, SBOM_ERROR, "SPDX-COPYRIGHT-MISSING", id, base,
		     "'copyrightText' is required in SPDX 2.2");
	{
		char where[96];

		path(where, sizeof(where), base, "primaryPackagePurpose");
		enum_field(c, pkg, "primaryPackagePurpose", purposes, id,
			   where);
	}
	v23_fields(c, pkg, id, base);
	date_field(c, pkg, "releaseDate", id, base);
	date_field(c, pkg, "builtDate", id, base);
	date_field(c, pkg, "validUntilDate", id, base);
	external_refs_of(c, pkg, id, base);
	annotations(c, pkg, id, base);
}

static void file(struct vctx *c, const cJSON *f, size_t idx)
{
	char base[64], where[96];
	const char *id, *name;

	sbom_path(base, sizeof(base), "", "files", idx);
	id = need(c, f, "SPDXID", "SPDX-ID", NULL, base);
	if (id) {
		path(where, sizeof(where), base, "SPDXID");
		add_id(c, id, where);
		set_add(&c->files, id);
	}
	name = need(c, f, "fileName", "SPDX-FILE-NAME", id, base);
	if (name && name[0] == '/') {
		path(where, sizeof(where), base, "fileName");
		diag(c, SBOM_ERROR, "SPDX-FILE-NAME", id, where,
		     "'%.60s' is an absolute path; file names are relative to the package (clause 8.1)",
		     name);
	}
	checksums(c, f, id, base, true);
	enum_each(c, f, "fileTypes", NULL, file_types, id, base);
	annotations(c, f, id, base);
	license_field(c, f, "licenseConcluded", id, base, c->v22);
	license_list(c, f, "licenseInfoInFiles", id, base);
}

/* One range pointer: 1-based offset or line number (clause 9.3, 9.4). */
static long long range_at(const cJSON *r, const char *ptr, bool *line)
{
	const cJSON *p = sbom_json_get(r, ptr);
	const cJSON *v = sbom_json_get(p, "offset");

	*line = v == NULL;
	if (!v)
		v = sbom_json_get(p, "lineNumber");
	if (!cJSON_IsNumber(v) || !(v->valuedouble >= 1) ||
	    v->valuedouble > 9e15)
		return -1;
	return (long long)v->valuedouble;
}

static void snippet_ranges(struct vctx *c, const cJSON *sn, const char *id,
			   const char *base)
{
	const cJSON *it;
	size_t i = 0;
	char where[128];

	cJSON_ArrayForEach(it, sbom_json_get(sn, "ranges"))
	{
		bool l1, l2;
		long long a = range_at(it, "startPointer", &l1);
		long long b = range_at(it, "endPointer", &l2);

		snprintf(where, sizeof(where), "%s.ranges[%zu]", base, i++);
		if (a < 0 || b < 0 || l1 != l2)
			diag(c, SBOM_ERROR, "SPDX-SNIPPET-RANGE", id, where,
			     "a range needs a start and an end pointer, both offsets or both line numbers, counted from 1");
		else if (a > b)
			diag(c, SBOM_ERROR, "SPDX-SNIPPET-RANGE", id, where,
			     "the range %lld:%lld ends before it starts", a, b);
	}
	if (i == 0)
		diag(c, SBOM_ERROR, "SPDX-SNIPPET-RANGE", id, base,
		     "a snippet needs a byte range (clause 9.3)");
}

static void snippet(struct vctx *c, const cJSON *sn, size_t idx)
{
	char base[64], where[96];
	const char *id, *from;

	snprintf(base, sizeof(base), "snippets[%zu]", idx);
	id = need(c, sn, "SPDXID", "SPDX-ID", NULL, base);
	if (id) {
		path(where, sizeof(where), base, "SPDXID");
		add_id(c, id, where);
	}
	from = need(c, sn, "snippetFromFile", "SPDX-SNIPPET-FILE", id, base);
	snprintf(where, sizeof(where), "%s.snippetFromFile", base);
	if (from && strncmp(from, "DocumentRef-", 12) != 0 &&
	    !set_has(&c->files, from))
		diag(c, SBOM_ERROR, "SPDX-SNIPPET-FILE", id, where,
		     "'%.60s' is not a file of this document (clause 9.2)",
		     from);
	snippet_ranges(c, sn, id, base);
	license_field(c, sn, "licenseConcluded", id, base, false);
	license_list(c, sn, "licenseInfoInSnippets", id, base);
	annotations(c, sn, id, base);
}

static void elements(struct vctx *c)
{
	const cJSON *it;
	size_t i = 0;

	annotations(c, c->doc, "SPDXRef-DOCUMENT", "");
	cJSON_ArrayForEach(it, sbom_json_get(c->doc, "packages"))
	{
		package(c, it, i++);
		c->r->packages++;
	}
	i = 0;
	cJSON_ArrayForEach(it, sbom_json_get(c->doc, "files"))
	{
		file(c, it, i++);
		c->r->files++;
	}
	i = 0;
	cJSON_ArrayForEach(it, sbom_json_get(c->doc, "snippets"))
		snippet(c, it, i++);
}

/* ---- references and relationships -------------------------------------- */

static bool doc_ref_declared(const struct vctx *c, const char *ref, size_t len)
{
	const cJSON *it;

	cJSON_ArrayForEach(it, sbom_json_get(c->doc, "externalDocumentRefs"))
	{
		const char *id = str(it, "externalDocumentId");

		if (id && strlen(id) == len && strncmp(id, ref, len) == 0)
			return true;
	}
	return false;
}

/* An id that must exist: ours, or DocumentRef-x:SPDXRef-y declared. */
static void reference(struct vctx *c, const char *id, const char *where,
		      bool allow_none)
{
	const char *colon;

	if (allow_none &&
	    (strcmp(id, "NONE") == 0 || strcmp(id, "NOASSERTION") == 0))
		return;
	colon = strchr(id, ':');
	if (strncmp(id, "DocumentRef-", 12) == 0 && colon) {
		if (!doc_ref_declared(c, id, (size_t)(colon - id)))
			diag(c, SBOM_ERROR, "SPDX-DOCREF-UNDECLARED", id, where,
			     "'%.*s' is not declared in externalDocumentRefs",
			     (int)(colon - id), id);
		else if (!is_spdx_id(colon + 1))
			diag(c, SBOM_ERROR, "SPDX-ID-SYNTAX", id, where,
			     "'%.60s' does not name an SPDX id after the document reference",
			     id);
		return;
	}
	if (!has_id(c, id))
		diag(c, SBOM_ERROR, "SPDX-REF-MISSING", id, where,
		     "'%.60s' refers to no element of this document", id);
}

/* DocumentRef- followed by letters, digits, '.', '+' or '-' (6.6). */
static bool is_doc_ref(const char *s)
{
	if (strncmp(s, "DocumentRef-", 12) != 0 || s[12] == '\0')
		return false;
	for (s += 12; *s != '\0'; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		      (*s >= '0' && *s <= '9') || *s == '.' || *s == '-' ||
		      *s == '+'))
			return false;
	return true;
}

static void external_refs(struct vctx *c)
{
	const cJSON *it;
	size_t i = 0;
	char base[64];

	cJSON_ArrayForEach(it, sbom_json_get(c->doc, "externalDocumentRefs"))
	{
		const char *id = str(it, "externalDocumentId");
		const cJSON *cs = sbom_json_get(it, "checksum");
		const char *alg, *val;
		size_t want;
		bool upper;

		snprintf(base, sizeof(base), "externalDocumentRefs[%zu]", i++);
		if (!id || !is_doc_ref(id))
			diag(c, SBOM_ERROR, "SPDX-DOCREF", id, base,
			     "'externalDocumentId' must be DocumentRef- followed by letters, digits, '.', '+' or '-'");
		if (!str(it, "spdxDocument"))
			diag(c, SBOM_ERROR, "SPDX-DOCREF", id, base,
			     "'spdxDocument' (the other document's namespace) is required");
		alg = str(cs, "algorithm");
		val = str(cs, "checksumValue");
		want = alg ? checksum_len(alg) : (size_t)-1;
		/* clause 6.6: any checksum algorithm of clause 8.4 */
		if (!alg || !val || want == (size_t)-1 ||
		    !is_hex(val, want, &upper) || upper)
			diag(c, SBOM_ERROR, "SPDX-DOCREF", id, base,
			     "an external document reference needs a checksum: a known algorithm and lower-case hex of its length");
	}
}

static bool known_rel_type(const char *t)
{
	static const char *const types[] = {
		"DESCRIBES",
		"DESCRIBED_BY",
		"CONTAINS",
		"CONTAINED_BY",
		"DEPENDS_ON",
		"DEPENDENCY_OF",
		"DEPENDENCY_MANIFEST_OF",
		"BUILD_DEPENDENCY_OF",
		"DEV_DEPENDENCY_OF",
		"OPTIONAL_DEPENDENCY_OF",
		"PROVIDED_DEPENDENCY_OF",
		"TEST_DEPENDENCY_OF",
		"RUNTIME_DEPENDENCY_OF",
		"EXAMPLE_OF",
		"GENERATES",
		"GENERATED_FROM",
		"ANCESTOR_OF",
		"DESCENDANT_OF",
		"VARIANT_OF",
		"DISTRIBUTION_ARTIFACT",
		"PATCH_FOR",
		"PATCH_APPLIED",
		"COPY_OF",
		"FILE_ADDED",
		"FILE_DELETED",
		"FILE_MODIFIED",
		"EXPANDED_FROM_ARCHIVE",
		"DYNAMIC_LINK",
		"STATIC_LINK",
		"DATA_FILE_OF",
		"TEST_CASE_OF",
		"BUILD_TOOL_OF",
		"DEV_TOOL_OF",
		"TEST_OF",
		"TEST_TOOL_OF",
		"DOCUMENTATION_OF",
		"OPTIONAL_COMPONENT_OF",
		"METAFILE_OF",
		"PACKAGE_OF",
		"AMENDS",
		"PREREQUISITE_FOR",
		"HAS_PREREQUISITE",
		"REQUIREMENT_DESCRIPTION_FOR",
		"SPECIFICATION_FOR",
		"OTHER",
		NULL,
	};

	for (size_t i = 0; types[i]; i++)
		if (strcmp(types[i], t) == 0)
			return true;
	return false;
}

/* A package with filesAnalyzed false contains no files (clause 7.8). */
static void contains_unanalyzed(struct vctx *c, const char *a, const char *t,
				const char *b, const char *where)
{
	const char *pkg = NULL;

	if (strcmp(t, "CONTAINS") == 0 && set_has(&c->files, b))
		pkg = a;
	else if (strcmp(t, "CONTAINED_BY") == 0 && set_has(&c->files, a))
		pkg = b;
	if (pkg && set_has(&c->unanalyzed, pkg))
		diag(c, SBOM_ERROR, "SPDX-FILES-ANALYZED", pkg, where,
		     "'%.60s' has filesAnalyzed false and so contains no files, but this relationship puts a file in it",
		     pkg);
}

static size_t relationships(struct vctx *c)
{
	const cJSON *it;
	size_t i = 0, describes = 0;
	char base[64], where[96];

	cJSON_ArrayForEach(it, sbom_json_get(c->doc, "relationships"))
	{
		const char *a = str(it, "spdxElementId");
		const char *t = str(it, "relationshipType");
		const char *b = str(it, "relatedSpdxElement");

		sbom_path(base, sizeof(base), "", "relationships", i++);
		c->r->relationships++;
		if (!a || !t || !b) {
			diag(c, SBOM_ERROR, "SPDX-RELATIONSHIP", NULL, base,
			     "a relationship needs spdxElementId, relationshipType and relatedSpdxElement");
			continue;
		}
		if (!known_rel_type(t))
			diag(c, SBOM_ERROR, "SPDX-RELATIONSHIP-TYPE", a, base,
			     "unknown relationship type '%.40s'", t);
		else if (c->v22 &&
			 (strcmp(t, "SPECIFICATION_FOR") == 0 ||
			  strcmp(t, "REQUIREMENT_DESCRIPTION_FOR") == 0))
			diag(c, SBOM_ERROR, "SPDX-VERSION-FIELD", a, base,
			     "relationship type '%s' is new in SPDX 2.3", t);
		contains_unanalyzed(c, a, t, b, base);
		path(where, sizeof(where), base, "spdxElementId");
		reference(c, a, where, false);
		path(where, sizeof(where), base, "relatedSpdxElement");
		reference(c, b, where, true);
		if (strcmp(t, "DESCRIBES") == 0 &&
		    strcmp(a, "SPDXRef-DOCUMENT") == 0)
			describes++;
	}
	return describes;
}

/* One package, and no file or snippet beside it. */
static bool only_one_package(const cJSON *doc)
{
	return cJSON_GetArraySize(sbom_json_get(doc, "packages")) == 1 &&
	       cJSON_GetArraySize(sbom_json_get(doc, "files")) == 0 &&
	       cJSON_GetArraySize(sbom_json_get(doc, "snippets")) == 0;
}

static void describes(struct vctx *c, size_t by_relationship)
{
	const cJSON *dd = sbom_json_get(c->doc, "documentDescribes");
	const cJSON *it;
	size_t i = 0;
	char where[64];

	cJSON_ArrayForEach(it, dd)
	{
		snprintf(where, sizeof(where), "documentDescribes[%zu]", i++);
		if (cJSON_IsString(it))
			reference(c, it->valuestring, where, false);
	}
	if (i == 0 && by_relationship == 0 && only_one_package(c->doc))
		/* what tools-python and the NTIA checker accept */
		diag(c, SBOM_WARNING, "SPDX-DESCRIBES", NULL, "relationships",
		     "no DESCRIBES relationship from SPDXRef-DOCUMENT: its only package is taken as what it describes");
	else if (i == 0 && by_relationship == 0)
		diag(c, SBOM_ERROR, "SPDX-DESCRIBES", NULL, "relationships",
		     "the document describes nothing: no DESCRIBES relationship from SPDXRef-DOCUMENT and no documentDescribes");
}

/* ---- NTIA minimum elements --------------------------------------------- */

/* Every id named by a relationship other than DESCRIBES, once. */
static void collect_related(struct vctx *c)
{
	const cJSON *it;

	cJSON_ArrayForEach(it, sbom_json_get(c->doc, "relationships"))
	{
		const char *a = str(it, "spdxElementId");
		const char *b = str(it, "relatedSpdxElement");
		const char *t = str(it, "relationshipType");

		if (!a || !b || !t || strcmp(t, "DESCRIBES") == 0)
			continue;
		set_add(&c->related, a);
		set_add(&c->related, b);
	}
}

static bool in_relationship(const struct vctx *c, const char *id)
{
	return set_has(&c->related, id);
}

static bool has_unique_id(const cJSON *pkg)
{
	const cJSON *it;

	cJSON_ArrayForEach(it, sbom_json_get(pkg, "externalRefs"))
	{
		const char *t = str(it, "referenceType");

		if (t && (strcmp(t, "purl") == 0 || strncmp(t, "cpe", 3) == 0 ||
			  strcmp(t, "swid") == 0))
			return true;
	}
	return cJSON_GetArraySize(sbom_json_get(pkg, "checksums")) > 0;
}

static bool asserted(const char *s)
{
	return s && s[0] != '\0' && strcmp(s, "NOASSERTION") != 0;
}

/* The document DESCRIBES (or documentDescribes) a package of its own. */
static bool describes_package(const struct vctx *c)
{
	const cJSON *it;
	struct oh_strmap pk = OH_STRMAP_INIT;
	bool found = false;

	cJSON_ArrayForEach(
		it, sbom_json_get(c->doc, "packages")) if (str(it, "SPDXID"))
		set_add(&pk, str(it, "SPDXID"));
	cJSON_ArrayForEach(it, sbom_json_get(c->doc, "relationships"))
	{
		const char *a = str(it, "spdxElementId");
		const char *t = str(it, "relationshipType");
		const char *b = str(it, "relatedSpdxElement");

		if (a && t && b && strcmp(a, "SPDXRef-DOCUMENT") == 0 &&
		    strcmp(t, "DESCRIBES") == 0 && set_has(&pk, b))
			found = true;
	}
	cJSON_ArrayForEach(
		it,
		sbom_json_get(
			c->doc,
			"documentDescribes")) if (cJSON_IsString(it) &&
						  set_has(&pk, it->valuestring))
		found = true;
	oh_strmap_release(&pk);
	return found;
}

/*
 * NTIA minimum elements.  Profile ntia checks what the SPDX project's
 * ntia-conformance-checker checks (supplier, name, version, SPDXID per
 * package; author, timestamp; a DESCRIBES of a package); ntia-strict adds
 * another unique identifier and a relationship for every package.
 */
static void ntia(struct vctx *c)
{
	const cJSON *ci = sbom_json_get(c->doc, "creationInfo");
	const cJSON *it;
	bool strict = (c->profiles & SBOM_PROFILE_NTIA_STRICT) != 0;
	size_t i = 0;
	char base[64];

	if (cJSON_GetArraySize(sbom_json_get(ci, "creators")) == 0)
		diag(c, SBOM_ERROR, "NTIA-AUTHOR", NULL,
		     "creationInfo.creators",
		     "NTIA: the author of the SBOM data is missing");
	if (!str(ci, "created"))
		diag(c, SBOM_ERROR, "NTIA-TIMESTAMP", NULL,
		     "creationInfo.created", "NTIA: the timestamp is missing");
	if (!describes_package(c))
		diag(c, SBOM_ERROR, "NTIA-DEPENDENCY", NULL, "relationships",
		     "NTIA: the document DESCRIBES no package (the primary component)");
	collect_related(c);
	cJSON_ArrayForEach(it, sbom_json_get(c->doc, "packages"))
	{
		const char *id = str(it, "SPDXID");

		snprintf(base, sizeof(base), "packages[%zu]", i++);
		if (!asserted(str(it, "supplier")))
			diag(c, SBOM_ERROR, "NTIA-SUPPLIER", id, base,
			     "NTIA: the supplier name is missing");
		if (!asserted(str(it, "name")))
			diag(c, SBOM_ERROR, "NTIA-NAME", id, base,
			     "NTIA: the component name is missing");
		if (!asserted(str(it, "versionInfo")))
			diag(c, SBOM_ERROR, "NTIA-VERSION", id, base,
			     "NTIA: the component version is missing");
		if (!id || id[0] == '\0')
			diag(c, SBOM_ERROR, "NTIA-UNIQUE-ID", id, base,
			     "NTIA: the component has no SPDXID");
		else if (strict && !has_unique_id(it))
			diag(c, SBOM_ERROR, "NTIA-UNIQUE-ID", id, base,
			     "NTIA: no other unique identifier (purl, CPE, SWID or checksum)");
		if (strict && id && !in_relationship(c, id))
			diag(c, SBOM_ERROR, "NTIA-DEPENDENCY", id, base,
			     "NTIA: no dependency relationship (CONTAINS, DEPENDS_ON, ...) names this component");
	}
}

/* ---- entry points ------------------------------------------------------ */

static bool starts(const char *s, size_t len, const char *pfx)
{
	size_t n = strlen(pfx);

	return len >= n && memcmp(s, pfx, n) == 0;
}

/*
 * A document opening with another field ("SPDXID: ..."): the spelling of
 * the version line in the first 64 KiB decides, "SPDXVersion:" for
 * tag-value, "spdxVersion:" for YAML (both at the start of a line).
 */
static enum sbom_format detect_by_version_line(const char *s, size_t len)
{
	size_t i = 0;

	if (len > 65536)
		len = 65536;
	while (i < len) {
		const char *nl = memchr(s + i, '\n', len - i);

		if (starts(s + i, len - i, "SPDXVersion:"))
			return SBOM_FORMAT_TAGVALUE;
		if (starts(s + i, len - i, "spdxVersion:"))
			return SBOM_FORMAT_YAML;
		if (!nl)
			break;
		i = (size_t)(nl - s) + 1;
	}
	return SBOM_FORMAT_UNKNOWN;
}

enum sbom_format sbom_format_detect(const char *data, size_t len)
{
	size_t i = 0;

	if (len >= 4 && memcmp(data, "PK\003\004", 4) == 0)
		return SBOM_FORMAT_XLSX;
	if (len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0)
		i = 3;
	while (i < len && (data[i] == ' ' || data[i] == '\t' ||
			   data[i] == '\r' || data[i] == '\n'))
		i++;
	if (i < len && data[i] == '{')
		return SBOM_FORMAT_JSON;
	if (i < len && data[i] == '<')
		return SBOM_FORMAT_RDF;
	/* tag-value and YAML may open with '#' comment lines */
	while (i < len && data[i] == '#') {
		const char *nl = memchr(data + i, '\n', len - i);

		if (!nl)
			return SBOM_FORMAT_UNKNOWN;
		i = (size_t)(nl - data) + 1;
		while (i < len && (data[i] == ' ' || data[i] == '\t' ||
				   data[i] == '\r' || data[i] == '\n'))
			i++;
	}
	if (starts(data + i, len - i, "SPDXVersion:") ||
	    starts(data + i, len - i, "DataLicense:"))
		return SBOM_FORMAT_TAGVALUE;
	if (starts(data + i, len - i, "spdxVersion:") ||
	    starts(data + i, len - i, "---"))
		return SBOM_FORMAT_YAML;
	return detect_by_version_line(data + i, len - i);
}

const char *sbom_format_name(enum sbom_format f)
{
	switch (f) {
	case SBOM_FORMAT_JSON:
		return "SPDX JSON";
	case SBOM_FORMAT_TAGVALUE:
		return "SPDX tag-value";
	case SBOM_FORMAT_RDF:
		return "SPDX RDF/XML";
	case SBOM_FORMAT_YAML:
		return "SPDX YAML";
	case SBOM_FORMAT_XLSX:
		return "SPDX spreadsheet (XLSX)";
	case SBOM_FORMAT_UNKNOWN:
		break;
	}
	return "unknown";
}

static int refuse(enum sbom_format f, const char *name, struct oh_err *err)
{
	if (f == SBOM_FORMAT_XLSX)
		return oh_err_set(
			err, OH_EINPUT, name, 0, 0,
			"%s is not supported; use SPDX JSON, YAML, tag-value or RDF/XML",
			sbom_format_name(f));
	return oh_err_set(
		err, OH_EINPUT, name, 0, 0,
		"not an SPDX document (no JSON object, YAML, tag-value or RDF/XML found)");
}

/*
 * Tag-value and RDF/XML are read into the model and checked in their
 * SPDX JSON form; each diagnostic then gets the input line of its element
 * in front of the JSON path.
 */
static void add_lines(struct sbom_report *r, const struct sbom_doc *doc)
{
	for (size_t i = 0; i < r->diag_nr; i++) {
		struct sbom_diag *d = &r->diag[i];
		unsigned line = sbom_doc_line(doc, d->where);
		struct oh_buf b = OH_BUF_INIT;

		if (line == 0)
			continue;
		oh_buf_addf(&b, "line %u: %s", line, d->where);
		d->where = oh_arena_strndup(&r->arena, b.buf, b.len);
		oh_buf_release(&b);
	}
}

static void release_ids(struct vctx *c)
{
	oh_strmap_release(&c->ids);
	oh_strmap_release(&c->related);
	oh_strmap_release(&c->extracted);
	oh_strmap_release(&c->files);
	oh_strmap_release(&c->unanalyzed);
	oh_strmap_release(&c->clean);
}

static int validate_tree(struct vctx *c0, const cJSON *root, const char *name,
			 struct oh_err *err);

/*
 * What the document reader (scan, convert) refuses is an error here too:
 * a key given twice, a field of the wrong JSON type.  The reader stops at
 * the first; its message is "<path>: <problem>".
 */
static const char *element_at(const cJSON *root, const char *where)
{
	static const char *const arrays[] = { "packages", "files", "snippets",
					      NULL };

	for (size_t i = 0; arrays[i]; i++) {
		size_t n = strlen(arrays[i]);
		char *end;
		long k;

		if (strncmp(where, arrays[i], n) != 0 || where[n] != '[')
			continue;
		k = strtol(where + n + 1, &end, 10);
		if (*end != ']' || k < 0 || k > INT_MAX)
			return NULL;
		return str(cJSON_GetArrayItem(sbom_json_get(root, arrays[i]),
					      (int)k),
			   "SPDXID");
	}
	return NULL;
}

static void read_check(struct vctx *c, const cJSON *root, const char *name)
{
	struct sbom_doc *doc = NULL;
	struct oh_err err = OH_ERR_INIT;
	const char *sep;

	/* the model on the tree's strings: it goes first */
	if (sbom_read_json_tree_borrow(&doc, root, NULL, name, &err) < 0) {
		struct oh_buf where = OH_BUF_INIT;

		sep = strstr(err.msg, ": ");
		oh_buf_add(&where, err.msg, sep ? (size_t)(sep - err.msg) : 0);
		diag(c, SBOM_ERROR, "SPDX-JSON", element_at(root, where.buf),
		     where.len ? where.buf : "document", "%s",
		     sep ? sep + 2 : err.msg);
		oh_buf_release(&where);
	}
	sbom_doc_free(doc);
	oh_err_release(&err);
}

int sbom_validate(struct sbom_report *out, const char *data, size_t len,
		  const char *name, unsigned profiles,
		  const struct lic_list *licenses, struct oh_err *err)
{
	struct vctx c = { .r = out,
			  .profiles = profiles,
			  .licenses = licenses };
	struct oh_buf u8 = OH_BUF_INIT;
	struct oh_arena tree = OH_ARENA_INIT; /* a JSON document's tree */
	enum sbom_format f;
	cJSON *root;
	int rc;

	if (len > SBOM_MAX_BYTES)
		return oh_err_set(err, OH_ELIMIT, name, 0, 0,
				  "larger than %u bytes", SBOM_MAX_BYTES);
	rc = sbom_utf16_decode(&u8, data, len, name, err);
	if (rc < 0) {
		oh_buf_release(&u8);
		return rc;
	}
	f = sbom_format_detect(rc ? u8.buf : data, rc ? u8.len : len);
	if (rc == 1 && f != SBOM_FORMAT_RDF) {
		/* validate the UTF-8 text; RDF stays UTF-16 for libxml2 */
		rc = sbom_validate(out, u8.buf, u8.len, name, profiles,
				   licenses, err);
		oh_buf_release(&u8);
		return rc;
	}
	oh_buf_release(&u8);
	if (f == SBOM_FORMAT_RDF && sbom_cdx_is_xml(data, len)) {
		if (sbom_cdx_xml_parse(&root, &tree, data, len, name, err) <
		    0) {
			oh_arena_release(&tree);
			return err->code;
		}
		sbom_cdx_validate_tree(out, root, true, profiles, licenses);
		oh_arena_release(&tree);
		return 0;
	}
	if (f == SBOM_FORMAT_RDF && sbom_spdxxml_is(data, len)) {
		/* SPDX XML: its JSON tree, checked as SPDX JSON is */
		if (sbom_spdxxml_parse_arena(&root, &tree, data, len, name,
					     err) < 0) {
			oh_arena_release(&tree);
			return err->code;
		}
		rc = validate_tree(&c, root, name, err);
		if (rc == 0)
			read_check(&c, root, name);
		oh_arena_release(&tree);
		return rc;
	}
	if (f == SBOM_FORMAT_TAGVALUE || f == SBOM_FORMAT_RDF) {
		struct sbom_doc *doc;
		const cJSON *json;

		if (sbom_read(&doc, data, len, name, err) < 0)
			return err->code;
		/* the tree in the document's arena, its strings the model's
		 * own, on what the reader left there (oh_arena_recycle()) */
		json = sbom_doc_to_json_arena(doc, &doc->arena);
		oh_arena_trim(&doc->arena);
		rc = validate_tree(&c, json, name, err);
		if (rc == 0)
			add_lines(out, doc);
		sbom_doc_free(doc);
		return rc;
	}
	if (f != SBOM_FORMAT_JSON && f != SBOM_FORMAT_YAML)
		return refuse(f, name, err);
	if (f == SBOM_FORMAT_YAML ? sbom_yaml_parse_arena(&root, &tree, data,
							  len, name, err) < 0
				  : sbom_json_parse_arena(&root, &tree, data,
							  len, name, err) < 0) {
		oh_arena_release(&tree);
		return err->code;
	}
	rc = 0;
	if (sbom_cdx_is_tree(root)) {
		sbom_cdx_validate_tree(out, root, false, profiles, licenses);
	} else if (sbom_spdx3_is_tree(root)) {
		sbom_spdx3_validate_tree(out, root, profiles, licenses);
	} else {
		rc = validate_tree(&c, root, name, err);
		if (rc == 0)
			read_check(&c, root, name);
	}
	oh_arena_release(&tree);
	return rc;
}

static int validate_tree(struct vctx *c0, const cJSON *root, const char *name,
			 struct oh_err *err)
{
	struct vctx c = *c0;
	struct sbom_report *out = c.r;
	unsigned profiles = c.profiles;

	if (cJSON_IsObject(root) && str(root, "bomFormat"))
		return oh_err_set(
			err, OH_EINPUT, name, 0, 0,
			"a %.20s BOM, not an SPDX document: sbom validate checks SPDX (scan reads CycloneDX JSON as input)",
			str(root, "bomFormat"));
	if (!cJSON_IsObject(root) || !str(root, "spdxVersion"))
		return oh_err_set(err, OH_EINPUT, name, 0, 0,
				  "not an SPDX document: no 'spdxVersion'");
	c.doc = root;
	out->version = oh_arena_strdup(&out->arena, str(root, "spdxVersion"));
	c.v22 = strcmp(out->version, "SPDX-2.2") == 0;
	if (profiles & SBOM_PROFILE_SPDX) {
		collect_extracted(&c);
		document(&c);
		elements(&c);
		external_refs(&c);
		describes(&c, relationships(&c));
	} else {
		out->packages = (size_t)cJSON_GetArraySize(
			sbom_json_get(root, "packages"));
		out->files = (size_t)cJSON_GetArraySize(
			sbom_json_get(root, "files"));
		out->relationships = (size_t)cJSON_GetArraySize(
			sbom_json_get(root, "relationships"));
	}
	if (profiles & SBOM_PROFILE_NTIA)
		ntia(&c);
	if (profiles & SBOM_PROFILE_BSI)
		diag(&c, SBOM_ERROR, "BSI-FORMAT", NULL, "spdxVersion",
		     "TR-03183-2 v2.1.0 section 4: an SBOM is CycloneDX 1.6 or later or SPDX 3.0.1 or later, not %.20s",
		     out->version);
	release_ids(&c);
	return 0;
}

/*
 * The NTIA profiles on a document of another standard read into the model
 * (SPDX 3): its SPDX 2.3 JSON form checked, the report's version and
 * counts kept.  The JSON form is built in an arena on the model's strings
 * (no malloc per node, no copies); both go at the end.
 */
void sbom_validate_model_ntia(struct sbom_report *r, struct sbom_doc *doc,
			      unsigned profiles)
{
	struct vctx c = { .r = r };
	struct sbom_report keep = *r;
	struct oh_err err = OH_ERR_INIT;
	struct oh_arena tree = OH_ARENA_INIT;
	const cJSON *root = sbom_doc_to_json_arena(doc, &tree);

	c.profiles = profiles & (SBOM_PROFILE_NTIA | SBOM_PROFILE_NTIA_STRICT);
	(void)validate_tree(&c, root, "document", &err);
	r->version = keep.version;
	r->packages = keep.packages;
	r->files = keep.files;
	r->relationships = keep.relationships;
	oh_arena_release(&tree);
	sbom_doc_free(doc);
	oh_err_release(&err);
}

void sbom_report_release(struct sbom_report *r)
{
	free(r->diag);
	oh_arena_release(&r->arena);
	memset(r, 0, sizeof(*r));
}
