/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * SPDX 3.0.1 JSON-LD validation (spdx3.h): every node of the graph
 * against the classes of the Core, Software, SimpleLicensing and
 * ExpandedLicensing profiles, every reference against the graph.  The
 * property rules are those of the SPDX 3.0.1 model (minCount, maxCount,
 * types, vocabularies); docs/sbom.md lists the codes.
 */
#include "sbom/spdx3.h"
#include "sbom/spdx3_int.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "core/buf.h"
#include "core/err.h"
#include "core/xalloc.h"
#include "license/expr.h"
#include "sbom/model.h"
#include "sbom/sbom.h"
#include "sbom/syntax.h"
#include "core/banned.h"

struct v3 {
	struct sbom_report *r;
	struct s3_graph g;
	const struct lic_list *licenses;
	const char *element; /* id of the node being checked (tree) */
	char base[48];       /* "@graph[12]" */
};

static void diag(struct v3 *c, enum sbom_severity sev, const char *code,
		 const char *key, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

static void diag(struct v3 *c, enum sbom_severity sev, const char *code,
		 const char *key, const char *fmt, ...)
{
	struct oh_buf where = OH_BUF_INIT;
	va_list ap;

	oh_buf_addf(&where, "%s%s%s", c->base, c->base[0] && key ? "." : "",
		    key ? key : "");
	va_start(ap, fmt);
	sbom_report_vadd(c->r, sev, code, c->element, where.buf, fmt, ap);
	va_end(ap);
	oh_buf_release(&where);
}

static const cJSON *get(const cJSON *o, const char *k)
{
	return cJSON_GetObjectItemCaseSensitive(o, k);
}

/* ---- value syntax ------------------------------------------------------- */

/* An absolute IRI: a scheme, ':', no blank or control character. */
static bool is_iri(const char *s)
{
	size_t i = 0;

	if (!((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= 'A' && s[0] <= 'Z')))
		return false;
	while (s[i] && s[i] != ':') {
		char ch = s[i];

		if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
		      (ch >= '0' && ch <= '9') || ch == '+' || ch == '-' ||
		      ch == '.'))
			return false;
		i++;
	}
	if (s[i] != ':' || s[i + 1] == '\0')
		return false;
	for (; s[i]; i++)
		if ((unsigned char)s[i] <= 0x20 || s[i] == 0x7f)
			return false;
	return true;
}

/* SemVer 2.0.0: MAJOR.MINOR.PATCH[-pre][+build], no leading zeros. */
static bool is_semver(const char *s)
{
	for (int part = 0; part < 3; part++) {
		size_t n = 0;

		while (s[n] >= '0' && s[n] <= '9')
			n++;
		if (n == 0 || (n > 1 && s[0] == '0'))
			return false;
		s += n;
		if (part < 2 && *s++ != '.')
			return false;
	}
	if (*s != '\0' && *s != '-' && *s != '+')
		return false;
	for (; *s; s++)
		if (!((*s >= '0' && *s <= '9') || (*s >= 'a' && *s <= 'z') ||
		      (*s >= 'A' && *s <= 'Z') || *s == '.' || *s == '-' ||
		      *s == '+'))
			return false;
	return true;
}

/* Hex digits a hash of `alg` has; 0 when any length goes. */
static size_t hash_len(const char *alg)
{
	static const struct {
		const char *alg;
		size_t len;
	} t[] = {
		{ "adler32", 8 },     { "md2", 32 },
		{ "md4", 32 },        { "md5", 32 },
		{ "sha1", 40 },       { "sha224", 56 },
		{ "sha256", 64 },     { "sha384", 96 },
		{ "sha512", 128 },    { "sha3_224", 56 },
		{ "sha3_256", 64 },   { "sha3_384", 96 },
		{ "sha3_512", 128 },  { "blake2b256", 64 },
		{ "blake2b384", 96 }, { "blake2b512", 128 },
	};

	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		if (strcmp(t[i].alg, alg) == 0)
			return t[i].len;
	return 0;
}

/* ---- properties --------------------------------------------------------- */

/* A string property: type, presence. */
static const char *prop_str(struct v3 *c, const cJSON *o, const char *key,
			    bool required)
{
	const cJSON *v = get(o, key);

	if (!v) {
		if (required)
			diag(c, SBOM_ERROR, "SPDX3-REQUIRED", key,
			     "'%s' is required", key);
		return NULL;
	}
	if (!cJSON_IsString(v)) {
		diag(c, SBOM_ERROR, "SPDX3-VALUE", key,
		     "'%s' must be a string%s", key,
		     cJSON_IsArray(v) ? " (it takes one value)" : "");
		return NULL;
	}
	if (required && v->valuestring[0] == '\0')
		diag(c, SBOM_ERROR, "SPDX3-REQUIRED", key, "'%s' is empty",
		     key);
	return v->valuestring;
}

static void prop_vocab(struct v3 *c, const cJSON *o, const char *key,
		       const char *const *list, bool required)
{
	const char *s = prop_str(c, o, key, required);

	if (s && !s3_in(list, s))
		diag(c, SBOM_ERROR, "SPDX3-VOCAB", key,
		     "'%.60s' is not a value of '%s'", s, key);
}

static void prop_date(struct v3 *c, const cJSON *o, const char *key,
		      bool required)
{
	const char *s = prop_str(c, o, key, required);

	if (s && !sbom_date_is_valid(s))
		diag(c, SBOM_ERROR, "SPDX3-DATE", key,
		     "'%.60s' is not a DateTime (YYYY-MM-DDThh:mm:ssZ)", s);
}

/*
 * xsd:anyURI: relative references are in its lexical space, so only
 * characters no URI holds are errors; "NOASSERTION" (what SPDX 2 tools
 * carry over) and other relative values warn.
 */
static void prop_uri(struct v3 *c, const cJSON *o, const char *key)
{
	const char *s = prop_str(c, o, key, false);
	bool bad = false;

	for (size_t i = 0; s && s[i]; i++)
		bad |= (unsigned char)s[i] <= 0x20 || s[i] == 0x7f ||
		       strchr("<>\"{}|\\^`", s[i]) != NULL;
	if (bad)
		diag(c, SBOM_ERROR, "SPDX3-URI", key,
		     "'%.60s' is not a URI (blank, control or reserved character)",
		     s);
	else if (s && !is_iri(s))
		diag(c, SBOM_WARNING, "SPDX3-URI-RELATIVE", key,
		     "'%.60s' is not an absolute URI%s", s,
		     strcmp(s, "NOASSERTION") == 0 || strcmp(s, "NONE") == 0
			     ? " (SPDX 2 wrote NOASSERTION/NONE; SPDX 3 leaves the property out)"
			     : "");
}

static const char *kind_name(unsigned want)
{
	if (want & S3_AGENT)
		return "an Agent (Person, Organization, SoftwareAgent)";
	if (want & S3_TOOL)
		return "a Tool";
	if (want & S3_LICENSE)
		return "a license (simplelicensing_AnyLicenseInfo)";
	if (want & S3_CREATIONINFO)
		return "a CreationInfo";
	if (want & S3_FILE)
		return "a software_File";
	if (want & S3_SWARTIFACT)
		return "a software artifact (Package, File, Snippet)";
	if (want & S3_ARTIFACT)
		return "an Artifact";
	return "an Element";
}

/* One reference: it names something, of the kind wanted. */
static void one_ref(struct v3 *c, const cJSON *v, const char *key,
		    unsigned want)
{
	unsigned k;

	if (!cJSON_IsString(v) && !cJSON_IsObject(v)) {
		diag(c, SBOM_ERROR, "SPDX3-VALUE", key,
		     "'%s' must name an element by its id", key);
		return;
	}
	k = s3_resolve(&c->g, v, NULL);
	if (k == 0 && cJSON_IsString(v))
		diag(c, SBOM_ERROR, "SPDX3-REF", key,
		     "'%.80s' is neither an element of the document, an import nor an SPDX individual",
		     v->valuestring);
	else if (k != 0 && (k & want) == 0)
		diag(c, SBOM_ERROR, "SPDX3-REF-TYPE", key, "'%.80s' is not %s",
		     cJSON_IsString(v) ? v->valuestring : "(in place)",
		     kind_name(want));
}

/* References: one value or an array, between min and max (0: any). */
static size_t prop_refs(struct v3 *c, const cJSON *o, const char *key,
			size_t min, size_t max, unsigned want)
{
	const cJSON *v = get(o, key), *x;
	size_t n = 0;

	if (cJSON_IsArray(v)) {
		cJSON_ArrayForEach(x, v)
		{
			one_ref(c, x, key, want);
			n++;
		}
		if (max == 1 && n > 1)
			diag(c, SBOM_ERROR, "SPDX3-VALUE", key,
			     "'%s' takes one value, not %zu", key, n);
	} else if (v) {
		one_ref(c, v, key, want);
		n = 1;
	}
	if (n < min)
		diag(c, SBOM_ERROR, "SPDX3-REQUIRED", key,
		     n == 0 ? "'%s' is required" : "'%s' needs more values",
		     key);
	return n;
}

/*
 * The values of an array property: its items, or the one value given
 * alone, as JSON-LD allows.  for (x = first(o, k); x; x = next(o, k, x))
 */
static const cJSON *first(const cJSON *o, const char *key)
{
	const cJSON *v = get(o, key);

	return cJSON_IsArray(v) ? v->child : v;
}

static const cJSON *next(const cJSON *o, const char *key, const cJSON *x)
{
	return cJSON_IsArray(get(o, key)) ? x->next : NULL;
}

/* ---- value objects ------------------------------------------------------ */

/*
 * A hash value: hex of the algorithm's length; blake3 and md6 hex of any
 * length; "other" and the post-quantum algorithms unchecked.
 */
static void hash_value(struct v3 *c, const char *key, const char *alg,
		       const char *v)
{
	size_t want = hash_len(alg);
	size_t n = strlen(v);
	size_t hex = strspn(v, "0123456789abcdefABCDEF");
	bool any_len = strcmp(alg, "blake3") == 0 || strcmp(alg, "md6") == 0;

	if (want == 0 && !any_len)
		return;
	if (hex != n || n == 0 || (want != 0 && n != want))
		diag(c, SBOM_ERROR, "SPDX3-HASH", key,
		     "'%.80s' is not a %s value (%zu hex digits; 0: any number)",
		     v, alg, want);
	else if (strspn(v, "0123456789abcdef") != n)
		diag(c, SBOM_WARNING, "SPDX3-HASH-CASE", key,
		     "hash value '%.80s' in upper case", v);
}

static void integrity(struct v3 *c, const cJSON *o)
{
	const cJSON *h;

	for (h = first(o, "verifiedUsing"); h;
	     h = next(o, "verifiedUsing", h)) {
		const char *t = s3_str(h, "type");
		const char *alg, *v;

		if (!t || (strcmp(t, "Hash") != 0 &&
			   strcmp(t, "PackageVerificationCode") != 0 &&
			   strcmp(t, "software_ContentIdentifier") != 0)) {
			diag(c, SBOM_ERROR, "SPDX3-TYPE", "verifiedUsing",
			     "'%.40s' is not an IntegrityMethod (Hash, PackageVerificationCode, software_ContentIdentifier)",
			     t ? t : "(no type)");
			continue;
		}
		if (strcmp(t, "software_ContentIdentifier") == 0)
			continue;
		prop_vocab(c, h, "algorithm", s3_hash_algorithms, true);
		alg = s3_str(h, "algorithm");
		v = prop_str(c, h, "hashValue", true);
		if (alg && v && s3_in(s3_hash_algorithms, alg))
			hash_value(c, "verifiedUsing.hashValue", alg, v);
	}
}

static const char *const id_types[] = { "cpe22",      "cpe23",         "cve",
					"email",      "gitoid",        "other",
					"packageUrl", "securityOther", "swhid",
					"swid",       "urlScheme",     NULL };

static void ext_identifiers(struct v3 *c, const cJSON *o)
{
	const cJSON *x;

	for (x = first(o, "externalIdentifier"); x;
	     x = next(o, "externalIdentifier", x)) {
		const char *t = s3_str(x, "externalIdentifierType");
		const char *id, *why = NULL;

		if (!s3_str(x, "type") ||
		    strcmp(s3_str(x, "type"), "ExternalIdentifier") != 0)
			diag(c, SBOM_ERROR, "SPDX3-TYPE", "externalIdentifier",
			     "an externalIdentifier must be of type ExternalIdentifier");
		prop_vocab(c, x, "externalIdentifierType", id_types, true);
		id = prop_str(c, x, "identifier", true);
		if (!id || !t)
			continue;
		if (strcmp(t, "packageUrl") == 0)
			why = sbom_purl_error(id);
		else if (strcmp(t, "cpe23") == 0)
			why = sbom_cpe23_error(id);
		else if (strcmp(t, "cpe22") == 0)
			why = sbom_cpe22_error(id);
		if (why)
			diag(c, SBOM_ERROR,
			     t[0] == 'p' ? "SPDX3-PURL" : "SPDX3-CPE",
			     "externalIdentifier.identifier",
			     "'%.80s' is not a valid %s: %s", id, t, why);
	}
}

static const char *const ref_types[] = {
	"altDownloadLocation",
	"altWebPage",
	"binaryArtifact",
	"bower",
	"buildMeta",
	"buildSystem",
	"chat",
	"certificationReport",
	"componentAnalysisReport",
	"cwe",
	"documentation",
	"dynamicAnalysisReport",
	"eolNotice",
	"exportControlAssessment",
	"funding",
	"issueTracker",
	"mailingList",
	"mavenCentral",
	"metrics",
	"npm",
	"nuget",
	"license",
	"other",
	"privacyAssessment",
	"productMetadata",
	"purchaseOrder",
	"qualityAssessmentReport",
	"releaseNotes",
	"releaseHistory",
	"riskAssessment",
	"runtimeAnalysisReport",
	"secureSoftwareAttestation",
	"securityAdvisory",
	"securityAdversaryModel",
	"securityFix",
	"securityOther",
	"securityPenTestReport",
	"securityPolicy",
	"securityThreatModel",
	"socialMedia",
	"sourceArtifact",
	"staticAnalysisReport",
	"support",
	"vcs",
	"vulnerabilityDisclosureReport",
	"vulnerabilityExploitabilityAssessment",
	NULL
};

static void ext_refs(struct v3 *c, const cJSON *o)
{
	const cJSON *x;

	for (x = first(o, "externalRef"); x; x = next(o, "externalRef", x)) {
		if (!s3_str(x, "type") ||
		    strcmp(s3_str(x, "type"), "ExternalRef") != 0)
			diag(c, SBOM_ERROR, "SPDX3-TYPE", "externalRef",
			     "an externalRef must be of type ExternalRef");
		if (get(x, "externalRefType"))
			prop_vocab(c, x, "externalRefType", ref_types, false);
	}
}

/* ---- properties of the class ------------------------------------------- */

/*
 * Every key of o is a property of its class `cl` (spdx3_props.c, with
 * inheritance), a JSON-LD keyword ("@id", ...) or one of the aliases of
 * the SPDX context ("type", "spdxId"); a key with ':' is an IRI outside
 * the model (an extension, not checked).  Values of value classes (Hash,
 * ExternalRef, CreationInfo written in place, ...) are checked the same
 * way; elements written in place are nodes of their own.  `at` is the
 * key path of o inside the node, "" for the node itself.
 */
static void class_props(struct v3 *c, const cJSON *o, const struct s3_class *cl,
			const char *at, int depth)
{
	const cJSON *k, *x;

	cJSON_ArrayForEach(k, o)
	{
		const char *key = k->string, *owner;
		struct oh_buf where = OH_BUF_INIT;

		if (!key || key[0] == '@' || strcmp(key, "type") == 0 ||
		    strcmp(key, "spdxId") == 0)
			continue;
		oh_buf_addf(&where, "%s%s%s", at, at[0] ? "." : "", key);
		if (s3_class_has(cl, key)) {
			for (x = cJSON_IsArray(k) ? k->child : k;
			     x && depth < 8;
			     x = cJSON_IsArray(k) ? x->next : NULL) {
				const char *t = s3_str(x, "type");
				const struct s3_class *vc;

				if (!cJSON_IsObject(x) || !t ||
				    (!s3_type_is_value(t) &&
				     strcmp(t, "CreationInfo") != 0) ||
				    !(vc = s3_class_find(t)))
					continue;
				class_props(c, x, vc, where.buf, depth + 1);
			}
		} else if (strchr(key, ':')) {
			diag(c, SBOM_WARNING, "SPDX3-PROPERTY-EXTENSION",
			     where.buf,
			     "'%.80s' is not a property of SPDX 3.0.1 (an IRI outside the model: not checked; extensions go in 'extension')",
			     key);
		} else if ((owner = s3_prop_owner(key)) != NULL) {
			diag(c, SBOM_ERROR, "SPDX3-PROPERTY", where.buf,
			     "'%.80s' is not a property of %s (it is one of %s)",
			     key, cl->name, owner);
		} else {
			diag(c, SBOM_ERROR, "SPDX3-PROPERTY", where.buf,
			     "'%.80s' is not a property of %s, nor of any class of SPDX 3.0.1",
			     key, cl->name);
		}
		oh_buf_release(&where);
	}
}

static void node_props(struct v3 *c, const struct s3_node *n)
{
	const struct s3_class *cl = s3_class_find(n->type);

	if (cl)
		class_props(c, n->o, cl, "", 0);
}

/* ---- classes ------------------------------------------------------------ */

static void creation_info(struct v3 *c, const cJSON *o)
{
	const char *v = prop_str(c, o, "specVersion", true);

	if (v && !is_semver(v))
		diag(c, SBOM_ERROR, "SPDX3-VERSION", "specVersion",
		     "'%.40s' is not a semantic version", v);
	else if (v && strncmp(v, "3.", 2) != 0)
		diag(c, SBOM_ERROR, "SPDX3-VERSION", "specVersion",
		     "'%.40s' is not an SPDX 3 version", v);
	prop_date(c, o, "created", true);
	prop_refs(c, o, "createdBy", 1, 0, S3_AGENT);
	prop_refs(c, o, "createdUsing", 0, 0, S3_TOOL);
	prop_str(c, o, "comment", false);
}

static void element_common(struct v3 *c, const struct s3_node *n)
{
	const cJSON *o = n->o, *ci = get(o, "creationInfo");
	static const char *const text[] = { "name", "summary", "description",
					    "comment", NULL };

	if (!n->id)
		diag(c, SBOM_ERROR, "SPDX3-REQUIRED", "spdxId",
		     "'spdxId' is required");
	else if (!is_iri(n->id))
		diag(c, SBOM_ERROR, "SPDX3-ID", "spdxId",
		     "'%.80s' is neither an IRI nor a blank node", n->id);
	if (cJSON_IsObject(ci))
		creation_info(c, ci);
	else
		prop_refs(c, o, "creationInfo", 1, 1, S3_CREATIONINFO);
	for (size_t i = 0; text[i]; i++)
		prop_str(c, o, text[i], false);
	integrity(c, o);
	ext_identifiers(c, o);
	ext_refs(c, o);
}

static void artifact(struct v3 *c, const cJSON *o, unsigned kind)
{
	static const char *const support[] = { "development",  "support",
					       "deployed",     "limitedSupport",
					       "endOfSupport", "noSupport",
					       "noAssertion",  NULL };

	prop_refs(c, o, "suppliedBy", 0, 1, S3_AGENT);
	prop_refs(c, o, "originatedBy", 0, 0, S3_AGENT);
	prop_date(c, o, "builtTime", false);
	prop_date(c, o, "releaseTime", false);
	prop_date(c, o, "validUntilTime", false);
	if (get(o, "supportLevel") && cJSON_IsString(get(o, "supportLevel")))
		prop_vocab(c, o, "supportLevel", support, false);
	if (!(kind & S3_SWARTIFACT))
		return;
	prop_vocab(c, o, "software_primaryPurpose", s3_purposes, false);
	prop_str(c, o, "software_copyrightText", false);
	if ((kind & S3_PACKAGE) || (kind & S3_FILE))
		prop_str(c, o, "name", true);
}

static void package(struct v3 *c, const cJSON *o)
{
	const char *purl = prop_str(c, o, "software_packageUrl", false);
	const char *why = purl ? sbom_purl_error(purl) : NULL;

	if (why)
		diag(c, SBOM_ERROR, "SPDX3-PURL", "software_packageUrl",
		     "'%.80s' is not a valid package URL: %s", purl, why);
	prop_uri(c, o, "software_downloadLocation");
	prop_uri(c, o, "software_homePage");
	prop_str(c, o, "software_packageVersion", false);
	prop_str(c, o, "software_sourceInfo", false);
}

static void file(struct v3 *c, const cJSON *o)
{
	static const char *const kinds[] = { "file", "directory", NULL };

	prop_vocab(c, o, "software_fileKind", kinds, false);
	prop_str(c, o, "contentType", false);
}

static void relationship(struct v3 *c, const cJSON *o, const char *type)
{
	static const char *const compl [] = { "incomplete", "complete",
					      "noAssertion", NULL };
	static const char *const scope[] = { "design", "development", "build",
					     "test",   "runtime",     "other",
					     NULL };
	const char *rt = s3_str(o, "relationshipType");
	bool lic = rt && (strcmp(rt, "hasDeclaredLicense") == 0 ||
			  strcmp(rt, "hasConcludedLicense") == 0);

	prop_vocab(c, o, "relationshipType", s3_relationship_types, true);
	prop_refs(c, o, "from", 1, 1, lic ? S3_SWARTIFACT : S3_ANY);
	prop_refs(c, o, "to", strncmp(type, "security_", 9) == 0 ? 0 : 1, 0,
		  lic ? S3_LICENSE : S3_ANY);
	prop_vocab(c, o, "completeness", compl, false);
	prop_date(c, o, "startTime", false);
	prop_date(c, o, "endTime", false);
	if (strcmp(type, "LifecycleScopedRelationship") == 0)
		prop_vocab(c, o, "scope", scope, false);
}

static void collection(struct v3 *c, const cJSON *o, unsigned kind)
{
	static const char *const profiles[] = { "core",
						"software",
						"simpleLicensing",
						"expandedLicensing",
						"security",
						"build",
						"ai",
						"dataset",
						"extension",
						"lite",
						NULL };
	const cJSON *x;

	prop_refs(c, o, "element", 0, 0, S3_ELEMENT);
	prop_refs(c, o, "rootElement", 0, 0, S3_ELEMENT);
	for (x = first(o, "profileConformance"); x;
	     x = next(o, "profileConformance", x)) {
		if (!cJSON_IsString(x) || !s3_in(profiles, x->valuestring))
			diag(c, SBOM_ERROR, "SPDX3-VOCAB", "profileConformance",
			     "'%.40s' is not a profile of SPDX 3.0.1",
			     cJSON_IsString(x) ? x->valuestring : "?");
	}
	if (!(kind & S3_DOCUMENT))
		return;
	prop_refs(c, o, "dataLicense", 0, 1, S3_LICENSE);
	for (x = first(o, "namespaceMap"); x; x = next(o, "namespaceMap", x)) {
		prop_str(c, x, "prefix", true);
		if (prop_str(c, x, "namespace", true) &&
		    !is_iri(s3_str(x, "namespace")))
			diag(c, SBOM_ERROR, "SPDX3-URI", "namespaceMap",
			     "namespace '%.80s' is not an absolute URI",
			     s3_str(x, "namespace"));
	}
	for (x = first(o, "import"); x; x = next(o, "import", x)) {
		prop_str(c, x, "externalSpdxId", true);
		integrity(c, x);
	}
}

static void license_expression(struct v3 *c, const cJSON *o)
{
	const char *v =
		prop_str(c, o, "simplelicensing_licenseExpression", true);
	const char *key = "simplelicensing_licenseExpression";
	struct lic_expr *e = NULL;
	struct oh_err err = OH_ERR_INIT;
	const char *lv =
		prop_str(c, o, "simplelicensing_licenseListVersion", false);

	if (lv && !is_semver(lv))
		diag(c, SBOM_ERROR, "SPDX3-VERSION",
		     "simplelicensing_licenseListVersion",
		     "'%.40s' is not a semantic version", lv);
	if (!v || v[0] == '\0')
		return;
	if (strcmp(v, "NOASSERTION") == 0 || strcmp(v, "NONE") == 0) {
		diag(c, SBOM_WARNING, "SPDX3-LICENSE-INDIVIDUAL", key,
		     "'%s' is not a license expression in SPDX 3; name expandedlicensing_%sLicense instead",
		     v, v[2] == 'A' ? "NoAssertion" : "None");
		return;
	}
	if (lic_expr_parse(&e, v, strlen(v), c->licenses, 0, key, &err) < 0) {
		diag(c, SBOM_ERROR, "SPDX3-LICENSE-EXPR", key,
		     "'%.80s' is not a valid SPDX license expression: %s", v,
		     err.msg);
	} else {
		for (size_t i = 0; i < e->nwarning; i++) {
			const struct lic_expr_warning *w = &e->warning[i];

			if (w->kind == LIC_EXPR_W_UNKNOWN_ID ||
			    w->kind == LIC_EXPR_W_UNKNOWN_EXC)
				diag(c, SBOM_ERROR, "SPDX3-LICENSE-UNKNOWN",
				     key, "%s: not on the SPDX license list",
				     w->msg);
			else if (w->kind == LIC_EXPR_W_DEPRECATED)
				diag(c, SBOM_WARNING,
				     "SPDX3-LICENSE-DEPRECATED", key, "%s",
				     w->msg);
		}
	}
	lic_expr_free(e);
	oh_err_release(&err);
}

static void licensing(struct v3 *c, const cJSON *o, const char *type)
{
	if (strcmp(type, "simplelicensing_LicenseExpression") == 0)
		license_expression(c, o);
	else if (strcmp(type, "simplelicensing_SimpleLicensingText") == 0 ||
		 strcmp(type, "expandedlicensing_ListedLicense") == 0 ||
		 strcmp(type, "expandedlicensing_CustomLicense") == 0)
		prop_str(c, o, "simplelicensing_licenseText", true);
	else if (strcmp(type, "expandedlicensing_ConjunctiveLicenseSet") == 0 ||
		 strcmp(type, "expandedlicensing_DisjunctiveLicenseSet") == 0)
		prop_refs(c, o, "expandedlicensing_member", 2, 0, S3_LICENSE);
	else if (strcmp(type, "expandedlicensing_OrLaterOperator") == 0)
		prop_refs(c, o, "expandedlicensing_subjectLicense", 1, 1,
			  S3_LICENSE);
	else if (strcmp(type, "expandedlicensing_WithAdditionOperator") == 0) {
		prop_refs(c, o, "expandedlicensing_subjectExtendableLicense", 1,
			  1, S3_LICENSE);
		prop_refs(c, o, "expandedlicensing_subjectAddition", 1, 1,
			  S3_ADDITION);
	}
}

static void element(struct v3 *c, const struct s3_node *n)
{
	static const char *const ann[] = { "other", "review", NULL };
	const cJSON *o = n->o;

	element_common(c, n);
	if (n->kind & S3_ARTIFACT)
		artifact(c, o, n->kind);
	if (n->kind & S3_PACKAGE)
		package(c, o);
	if (n->kind & S3_FILE)
		file(c, o);
	if (n->kind & S3_SNIPPET)
		prop_refs(c, o, "software_snippetFromFile", 1, 1, S3_FILE);
	if (n->kind & S3_RELATIONSHIP)
		relationship(c, o, n->type);
	if (n->kind & S3_COLLECTION)
		collection(c, o, n->kind);
	if ((n->kind & S3_LICENSE) || (n->kind & S3_LICTEXT))
		licensing(c, o, n->type);
	if (strcmp(n->type, "Annotation") == 0) {
		prop_vocab(c, o, "annotationType", ann, true);
		prop_refs(c, o, "subject", 1, 1, S3_ELEMENT);
	}
}

static void node(struct v3 *c, const struct s3_node *n)
{
	const struct s3_node *first;

	c->element = n->id;
	snprintf(c->base, sizeof(c->base), "@graph[%zu]", n->index);
	if (!n->type) {
		diag(c, SBOM_ERROR, "SPDX3-TYPE", "type", "'type' is required");
		return;
	}
	if (n->kind == 0) {
		if (s3_type_is_value(n->type))
			diag(c, SBOM_ERROR, "SPDX3-TYPE", "type",
			     "a %.40s is a value inside an element, not a node of the graph",
			     n->type);
		else if (strchr(n->type, ':'))
			diag(c, SBOM_WARNING, "SPDX3-EXTENSION", "type",
			     "'%.80s' is not a class of SPDX 3.0.1 (an extension: not checked)",
			     n->type);
		else
			diag(c, SBOM_ERROR, "SPDX3-TYPE", "type",
			     "'%.80s' is not a class of SPDX 3.0.1", n->type);
		return;
	}
	first = n->id ? s3_find(&c->g, n->id) : NULL;
	if (first && first != n && first->o != n->o) {
		bool same = cJSON_Compare(first->o, n->o, true);

		diag(c, same ? SBOM_WARNING : SBOM_ERROR, "SPDX3-ID-DUPLICATE",
		     "spdxId", "'%.80s' is the id of @graph[%zu] too%s", n->id,
		     first->index, same ? ", a copy of it" : "");
	}
	if (n->kind == S3_CREATIONINFO) {
		if (!n->id || strncmp(n->id, "_:", 2) != 0)
			diag(c, SBOM_ERROR, "SPDX3-ID", "@id",
			     "a CreationInfo is a blank node: its '@id' starts with '_:'");
		creation_info(c, n->o);
		node_props(c, n);
		return;
	}
	element(c, n);
	node_props(c, n);
}

static void document(struct v3 *c)
{
	const cJSON *ctx = get(c->g.root, "@context");

	c->element = NULL;
	c->base[0] = '\0';
	if (!cJSON_IsString(ctx) ||
	    strcmp(ctx->valuestring, SBOM_SPDX3_CONTEXT) != 0)
		diag(c, SBOM_WARNING, "SPDX3-CONTEXT", "@context",
		     "the '@context' of SPDX 3.0.1 is \"%s\"",
		     SBOM_SPDX3_CONTEXT);
	if (c->g.ndocs == 0)
		diag(c, SBOM_ERROR, "SPDX3-DOCUMENT", "@graph",
		     "no SpdxDocument element in the graph");
	else if (c->g.ndocs > 1)
		diag(c, SBOM_ERROR, "SPDX3-DOCUMENT", "@graph",
		     "%zu SpdxDocument elements in one serialisation",
		     c->g.ndocs);
}

static void counts(struct v3 *c)
{
	const cJSON *ci = NULL;

	for (size_t i = 0; i < c->g.n; i++) {
		unsigned k = c->g.node[i].kind;

		c->r->packages += (k & S3_PACKAGE) != 0;
		c->r->files += (k & S3_FILE) != 0;
		c->r->relationships += (k & S3_RELATIONSHIP) != 0;
		if (!ci && k == S3_CREATIONINFO)
			ci = c->g.node[i].o;
	}
	if (!ci && c->g.doc)
		ci = get(c->g.doc->o, "creationInfo");
	c->r->version = "SPDX-3";
	if (s3_str(ci, "specVersion") &&
	    strlen(s3_str(ci, "specVersion")) < 16) {
		struct oh_buf b = OH_BUF_INIT;

		oh_buf_addf(&b, "SPDX-%s", s3_str(ci, "specVersion"));
		c->r->version = oh_arena_strndup(&c->r->arena, b.buf, b.len);
		oh_buf_release(&b);
	}
}

static void profiles_on_model(struct v3 *c, unsigned profiles)
{
	struct sbom_doc *doc = NULL;
	struct oh_err err = OH_ERR_INIT;

	c->element = NULL;
	c->base[0] = '\0';
	if (profiles & SBOM_PROFILE_BSI)
		diag(c, SBOM_WARNING, "BSI-UNCHECKED", "@graph",
		     "TR-03183-2 v2.1.0 section 4 admits SPDX 3.0.1; its field rules are checked for CycloneDX only");
	if (!(profiles & (SBOM_PROFILE_NTIA | SBOM_PROFILE_NTIA_STRICT)))
		return;
	/* the graph validation built, not a second one; freed before the
	 * model's checks, which build a tree of their own */
	(void)s3_read_graph(&doc, &c->g, "document", &err);
	s3_graph_release(&c->g);
	sbom_validate_model_ntia(c->r, doc, profiles); /* frees doc */
	oh_err_release(&err);
}

void sbom_spdx3_validate_tree(struct sbom_report *r, const cJSON *root,
			      unsigned profiles,
			      const struct lic_list *licenses)
{
	struct v3 c = { .r = r, .licenses = licenses };
	struct oh_err err = OH_ERR_INIT;

	if (s3_graph_build(&c.g, root, "document", &err) < 0) {
		r->version = "SPDX-3";
		diag(&c, SBOM_ERROR, "SPDX3-GRAPH", "@graph", "%s", err.msg);
		oh_err_release(&err);
		s3_graph_release(&c.g);
		return;
	}
	counts(&c);
	if (profiles & SBOM_PROFILE_SPDX) {
		document(&c);
		for (size_t i = 0; i < c.g.n; i++)
			node(&c, &c.g.node[i]);
	}
	profiles_on_model(&c, profiles); /* may release the graph */
	s3_graph_release(&c.g);
}
