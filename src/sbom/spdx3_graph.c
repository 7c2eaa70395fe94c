/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The SPDX 3 graph index (spdx3_int.h): element types and vocabularies of
 * SPDX 3.0.1 (from the model's Classes and Vocabularies), the node index
 * by id, namespaceMap expansion, imports and the individuals.
 */
#include "sbom/spdx3_int.h"
#include "sbom/spdx3.h"

#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "core/buf.h"
#include "core/err.h"
#include "core/xalloc.h"
#include "sbom/model.h"
#include "core/banned.h"

const char *const s3_relationship_types[] = { "affects",
					      "amendedBy",
					      "ancestorOf",
					      "availableFrom",
					      "configures",
					      "contains",
					      "coordinatedBy",
					      "copiedTo",
					      "delegatedTo",
					      "dependsOn",
					      "descendantOf",
					      "describes",
					      "doesNotAffect",
					      "expandsTo",
					      "exploitCreatedBy",
					      "fixedBy",
					      "fixedIn",
					      "foundBy",
					      "generates",
					      "hasAddedFile",
					      "hasAssessmentFor",
					      "hasAssociatedVulnerability",
					      "hasConcludedLicense",
					      "hasDataFile",
					      "hasDeclaredLicense",
					      "hasDeletedFile",
					      "hasDependencyManifest",
					      "hasDistributionArtifact",
					      "hasDocumentation",
					      "hasDynamicLink",
					      "hasEvidence",
					      "hasExample",
					      "hasHost",
					      "hasInput",
					      "hasMetadata",
					      "hasOptionalComponent",
					      "hasOptionalDependency",
					      "hasOutput",
					      "hasPrerequisite",
					      "hasProvidedDependency",
					      "hasRequirement",
					      "hasSpecification",
					      "hasStaticLink",
					      "hasTest",
					      "hasTestCase",
					      "hasVariant",
					      "invokedBy",
					      "modifiedBy",
					      "other",
					      "packagedBy",
					      "patchedBy",
					      "publishedBy",
					      "reportedBy",
					      "republishedBy",
					      "serializedInArtifact",
					      "testedOn",
					      "trainedOn",
					      "underInvestigationFor",
					      "usesTool",
					      NULL };

const char *const s3_hash_algorithms[] = {
	"adler32",       "blake2b256", "blake2b384",
	"blake2b512",    "blake3",     "crystalsDilithium",
	"crystalsKyber", "falcon",     "md2",
	"md4",           "md5",        "md6",
	"other",         "sha1",       "sha224",
	"sha256",        "sha384",     "sha512",
	"sha3_224",      "sha3_256",   "sha3_384",
	"sha3_512",      NULL
};

const char *const s3_purposes[] = { "application",  "archive",
				    "bom",          "configuration",
				    "container",    "data",
				    "device",       "diskImage",
				    "deviceDriver", "documentation",
				    "evidence",     "executable",
				    "file",         "filesystemImage",
				    "firmware",     "framework",
				    "install",      "library",
				    "manifest",     "model",
				    "module",       "operatingSystem",
				    "other",        "patch",
				    "platform",     "requirement",
				    "source",       "specification",
				    "test",         NULL };

/* Rows whose SPDX 3 form is preferred for SPDX 3 -> 2.3 come first. */
const struct s3_relmap s3_relmap[] = {
	{ "CONTAINS", "contains", NULL, false },
	{ "CONTAINED_BY", "contains", NULL, true },
	{ "DEV_DEPENDENCY_OF", "dependsOn", "development", true },
	{ "TEST_DEPENDENCY_OF", "dependsOn", "test", true },
	{ "BUILD_DEPENDENCY_OF", "dependsOn", "build", true },
	{ "RUNTIME_DEPENDENCY_OF", "dependsOn", "runtime", true },
	{ "DEPENDS_ON", "dependsOn", NULL, false },
	{ "DEPENDENCY_OF", "dependsOn", NULL, true },
	{ "DESCRIBES", "describes", NULL, false },
	{ "DESCRIBED_BY", "describes", NULL, true },
	{ "GENERATES", "generates", NULL, false },
	{ "GENERATED_FROM", "generates", NULL, true },
	{ "ANCESTOR_OF", "ancestorOf", NULL, false },
	{ "DESCENDANT_OF", "descendantOf", NULL, false },
	{ "AMENDS", "amendedBy", NULL, true },
	{ "BUILD_TOOL_OF", "usesTool", "build", true },
	{ "DEV_TOOL_OF", "usesTool", "development", true },
	{ "TEST_TOOL_OF", "usesTool", "test", true },
	{ "COPY_OF", "copiedTo", NULL, true },
	{ "DATA_FILE_OF", "hasDataFile", NULL, true },
	{ "DEPENDENCY_MANIFEST_OF", "hasDependencyManifest", NULL, true },
	{ "DISTRIBUTION_ARTIFACT", "hasDistributionArtifact", NULL, false },
	{ "DOCUMENTATION_OF", "hasDocumentation", NULL, true },
	{ "DYNAMIC_LINK", "hasDynamicLink", NULL, false },
	{ "EXAMPLE_OF", "hasExample", NULL, true },
	{ "EXPANDED_FROM_ARCHIVE", "expandsTo", NULL, true },
	{ "FILE_ADDED", "hasAddedFile", NULL, true },
	{ "FILE_DELETED", "hasDeletedFile", NULL, true },
	{ "FILE_MODIFIED", "modifiedBy", NULL, true },
	{ "HAS_PREREQUISITE", "hasPrerequisite", NULL, false },
	{ "PREREQUISITE_FOR", "hasPrerequisite", NULL, true },
	{ "METAFILE_OF", "hasMetadata", NULL, true },
	{ "OPTIONAL_COMPONENT_OF", "hasOptionalComponent", NULL, true },
	{ "OPTIONAL_DEPENDENCY_OF", "hasOptionalDependency", NULL, true },
	{ "PACKAGE_OF", "packagedBy", NULL, true },
	{ "PATCH_FOR", "patchedBy", NULL, true },
	{ "PATCH_APPLIED", "patchedBy", NULL, true },
	{ "PROVIDED_DEPENDENCY_OF", "hasProvidedDependency", NULL, true },
	{ "REQUIREMENT_DESCRIPTION_FOR", "hasRequirement", NULL, true },
	{ "SPECIFICATION_FOR", "hasSpecification", NULL, true },
	{ "STATIC_LINK", "hasStaticLink", NULL, false },
	{ "TEST_CASE_OF", "hasTestCase", NULL, true },
	{ "TEST_OF", "hasTest", NULL, true },
	{ "VARIANT_OF", "hasVariant", NULL, true },
	{ "OTHER", "other", NULL, false },
};

const size_t s3_relmap_nr = sizeof(s3_relmap) / sizeof(s3_relmap[0]);

#define E  S3_ELEMENT
#define SW (S3_ELEMENT | S3_ARTIFACT | S3_SWARTIFACT)
#define L  (S3_ELEMENT | S3_LICENSE)
#define R  (S3_ELEMENT | S3_RELATIONSHIP)

static const struct {
	const char *name;
	unsigned kind;
} types[] = {
	{ "CreationInfo", S3_CREATIONINFO },
	{ "SpdxDocument", E | S3_COLLECTION | S3_DOCUMENT },
	{ "Bom", E | S3_COLLECTION },
	{ "Bundle", E | S3_COLLECTION },
	{ "software_Sbom", E | S3_COLLECTION },
	{ "Relationship", R },
	{ "LifecycleScopedRelationship", R },
	{ "Annotation", E },
	{ "Agent", E | S3_AGENT },
	{ "Person", E | S3_AGENT | S3_PERSON },
	{ "Organization", E | S3_AGENT | S3_ORGANIZATION },
	{ "SoftwareAgent", E | S3_AGENT },
	{ "Tool", E | S3_TOOL },
	{ "IndividualElement", E },
	{ "software_Package", SW | S3_PACKAGE },
	{ "ai_AIPackage", SW | S3_PACKAGE },
	{ "dataset_DatasetPackage", SW | S3_PACKAGE },
	{ "software_File", SW | S3_FILE },
	{ "software_Snippet", SW | S3_SNIPPET },
	{ "security_Vulnerability", E | S3_ARTIFACT },
	{ "build_Build", E },
	{ "simplelicensing_LicenseExpression", L | S3_LICEXPR },
	{ "simplelicensing_SimpleLicensingText", E | S3_LICTEXT },
	{ "expandedlicensing_ListedLicense", L },
	{ "expandedlicensing_CustomLicense", L },
	{ "expandedlicensing_ConjunctiveLicenseSet", L },
	{ "expandedlicensing_DisjunctiveLicenseSet", L },
	{ "expandedlicensing_OrLaterOperator", L },
	{ "expandedlicensing_WithAdditionOperator", L },
	{ "expandedlicensing_IndividualLicensingInfo", L },
	{ "expandedlicensing_ListedLicenseException", E | S3_ADDITION },
	{ "expandedlicensing_CustomLicenseAddition", E | S3_ADDITION },
	{ "security_CvssV2VulnAssessmentRelationship", R },
	{ "security_CvssV3VulnAssessmentRelationship", R },
	{ "security_CvssV4VulnAssessmentRelationship", R },
	{ "security_EpssVulnAssessmentRelationship", R },
	{ "security_ExploitCatalogVulnAssessmentRelationship", R },
	{ "security_SsvcVulnAssessmentRelationship", R },
	{ "security_VexAffectedVulnAssessmentRelationship", R },
	{ "security_VexFixedVulnAssessmentRelationship", R },
	{ "security_VexNotAffectedVulnAssessmentRelationship", R },
	{ "security_VexUnderInvestigationVulnAssessmentRelationship", R },
};

/* Types of values inside elements, never elements themselves. */
static const char *const value_types[] = { "Hash",
					   "PackageVerificationCode",
					   "ExternalIdentifier",
					   "ExternalRef",
					   "ExternalMap",
					   "NamespaceMap",
					   "DictionaryEntry",
					   "PositiveIntegerRange",
					   "software_ContentIdentifier",
					   "ai_EnergyConsumption",
					   "ai_EnergyConsumptionDescription",
					   "extension_CdxPropertiesExtension",
					   "extension_CdxPropertyEntry",
					   NULL };

#define TERMS "https://spdx.org/rdf/3.0.1/terms/"

/* The individuals, by compact name and by IRI. */
static const struct {
	const char *name, *iri;
	unsigned kind;
} individuals[] = {
	{ "NoAssertionElement", TERMS "Core/NoAssertionElement",
	  E | S3_AGENT | S3_NOASSERTION },
	{ "NoneElement", TERMS "Core/NoneElement", E | S3_AGENT | S3_NONE },
	{ "SpdxOrganization", TERMS "Core/SpdxOrganization",
	  E | S3_AGENT | S3_ORGANIZATION },
	{ "expandedlicensing_NoAssertionLicense",
	  TERMS "ExpandedLicensing/NoAssertionLicense", L | S3_NOASSERTION },
	{ "expandedlicensing_NoneLicense",
	  TERMS "ExpandedLicensing/NoneLicense", L | S3_NONE },
};

#undef E
#undef SW
#undef L
#undef R

unsigned s3_type_kind(const char *type)
{
	if (!type)
		return 0;
	for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++)
		if (strcmp(types[i].name, type) == 0)
			return types[i].kind;
	return 0;
}

bool s3_in(const char *const *list, const char *word)
{
	if (!word)
		return false;
	for (size_t i = 0; list[i]; i++)
		if (strcmp(list[i], word) == 0)
			return true;
	return false;
}

bool s3_type_is_value(const char *type)
{
	return s3_in(value_types, type);
}

const char *s3_str(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);

	return cJSON_IsString(v) ? v->valuestring : NULL;
}

bool sbom_spdx3_is_tree(const cJSON *root)
{
	const cJSON *c = cJSON_GetObjectItemCaseSensitive(root, "@context");
	const cJSON *k;

	if (!cJSON_IsObject(root))
		return false;
	if (cJSON_IsString(c))
		return strstr(c->valuestring, "spdx.org/rdf/3") != NULL;
	cJSON_ArrayForEach(k, (cJSON_IsArray(c) ? c : NULL))
	{
		if (cJSON_IsString(k) &&
		    strstr(k->valuestring, "spdx.org/rdf/3") != NULL)
			return true;
	}
	return false;
}

static const char *node_id(const cJSON *o)
{
	const char *id = s3_str(o, "spdxId");

	return id ? id : s3_str(o, "@id");
}

static const char *node_type(const cJSON *o)
{
	const char *t = s3_str(o, "type");

	return t ? t : s3_str(o, "@type");
}

static int add_node(struct s3_graph *g, const cJSON *o, size_t index,
		    bool nested, const char *name, struct oh_err *err)
{
	struct s3_node *n;

	if (g->n >= SBOM_MAX_ITEMS)
		return oh_err_set(err, OH_ELIMIT, name, 0, 0,
				  "more than %u nodes in '@graph'",
				  SBOM_MAX_ITEMS);
	OH_GROW(g->node, g->alloc, g->n + 1);
	n = &g->node[g->n];
	n->o = o;
	n->type = node_type(o);
	n->id = node_id(o);
	n->kind = s3_type_kind(n->type);
	n->index = index;
	n->nested = nested;
	if (n->id && !oh_strmap_add(&g->ids, n->id, g->n))
		g->duplicates++;
	g->n++;
	return 0;
}

/* Elements written in place inside node o (never its value objects). */
static int visit(struct s3_graph *g, const cJSON *o, size_t index,
		 unsigned depth, const char *name, struct oh_err *err)
{
	const cJSON *v;

	if (depth > SBOM_MAX_DEPTH)
		return oh_err_set(err, OH_ELIMIT, name, 0, 0,
				  "'@graph' nested deeper than %d",
				  SBOM_MAX_DEPTH);
	cJSON_ArrayForEach(v, o)
	{
		if (cJSON_IsObject(v) && node_type(v) && node_id(v) &&
		    !s3_type_is_value(node_type(v))) {
			if (add_node(g, v, index, true, name, err) < 0)
				return err->code;
		}
		if ((cJSON_IsObject(v) || cJSON_IsArray(v)) &&
		    visit(g, v, index, depth + 1, name, err) < 0)
			return err->code;
	}
	return 0;
}

/* namespaceMap and import of the (first) SpdxDocument. */
static void doc_maps(struct s3_graph *g)
{
	const cJSON *v;

	if (!g->doc)
		return;
	cJSON_ArrayForEach(
		v, cJSON_GetObjectItemCaseSensitive(g->doc->o, "namespaceMap"))
	{
		const char *p = s3_str(v, "prefix"),
			   *ns = s3_str(v, "namespace");

		if (!p || !ns)
			continue;
		g->prefix = oh_xrealloc(g->prefix,
					(g->nns + 1) * sizeof(*g->prefix));
		g->ns = oh_xrealloc(g->ns, (g->nns + 1) * sizeof(*g->ns));
		g->prefix[g->nns] = p;
		g->ns[g->nns++] = ns;
	}
	cJSON_ArrayForEach(
		v, cJSON_GetObjectItemCaseSensitive(g->doc->o, "import"))
	{
		const char *id = s3_str(v, "externalSpdxId");

		if (id)
			oh_strmap_put(&g->imported, id, 0);
	}
}

int s3_graph_build(struct s3_graph *g, const cJSON *root, const char *name,
		   struct oh_err *err)
{
	const cJSON *graph = cJSON_GetObjectItemCaseSensitive(root, "@graph");
	const cJSON *o;
	size_t i = 0;

	g->arena = (struct oh_arena)OH_ARENA_INIT;
	g->root = root;
	if (!cJSON_IsArray(graph) && !node_type(root))
		return oh_err_set(err, OH_EINPUT, name, 0, 0,
				  "SPDX 3 JSON-LD without a '@graph' array");
	g->graph = cJSON_IsArray(graph) ? graph : NULL;
	if (!g->graph) {
		if (add_node(g, root, 0, false, name, err) < 0 ||
		    visit(g, root, 0, 1, name, err) < 0)
			return err->code;
		graph = NULL;
	}
	cJSON_ArrayForEach(o, g->graph)
	{
		if (!cJSON_IsObject(o)) {
			i++;
			continue;
		}
		if (add_node(g, o, i, false, name, err) < 0 ||
		    visit(g, o, i, 1, name, err) < 0)
			return err->code;
		i++;
	}
	for (size_t k = 0; k < g->n; k++)
		if (g->node[k].kind & S3_DOCUMENT) {
			if (g->ndocs++ == 0)
				g->doc = &g->node[k];
		}
	doc_maps(g);
	return 0;
}

void s3_graph_release(struct s3_graph *g)
{
	free(g->node);
	free(g->prefix);
	free(g->ns);
	oh_strmap_release(&g->ids);
	oh_strmap_release(&g->imported);
	oh_arena_release(&g->arena);
	memset(g, 0, sizeof(*g));
}

/* "prefix:local" with a namespaceMap prefix -> namespace + local. */
static const char *expand(const struct s3_graph *g, const char *id,
			  struct oh_buf *b)
{
	const char *colon = strchr(id, ':');

	if (!colon)
		return NULL;
	for (size_t i = 0; i < g->nns; i++) {
		size_t k = strlen(g->prefix[i]);

		if (k == (size_t)(colon - id) &&
		    strncmp(id, g->prefix[i], k) == 0) {
			oh_buf_reset(b);
			oh_buf_adds(b, g->ns[i]);
			oh_buf_adds(b, colon + 1);
			return b->buf;
		}
	}
	return NULL;
}

const struct s3_node *s3_find(const struct s3_graph *g, const char *id)
{
	struct oh_buf b = OH_BUF_INIT;
	const char *x;
	size_t i;
	bool found;

	if (!id)
		return NULL;
	if (oh_strmap_get(&g->ids, id, &i))
		return &g->node[i];
	x = expand(g, id, &b);
	found = x && oh_strmap_get(&g->ids, x, &i);
	oh_buf_release(&b);
	return found ? &g->node[i] : NULL;
}

static unsigned individual(const char *id)
{
	for (size_t i = 0; i < sizeof(individuals) / sizeof(individuals[0]);
	     i++)
		if (strcmp(individuals[i].name, id) == 0 ||
		    strcmp(individuals[i].iri, id) == 0)
			return individuals[i].kind;
	return 0;
}

static bool is_imported(const struct s3_graph *g, const char *id)
{
	struct oh_buf b = OH_BUF_INIT;
	const char *x;
	size_t i;
	bool yes;

	if (oh_strmap_get(&g->imported, id, &i))
		return true;
	x = expand(g, id, &b);
	yes = x && oh_strmap_get(&g->imported, x, &i);
	oh_buf_release(&b);
	return yes;
}

unsigned s3_resolve(const struct s3_graph *g, const cJSON *ref,
		    const struct s3_node **node_out)
{
	const struct s3_node *n;
	const char *id;
	unsigned k;

	if (node_out)
		*node_out = NULL;
	if (cJSON_IsObject(ref)) {
		id = node_id(ref);
		n = id ? s3_find(g, id) : NULL;
		if (node_out && n && n->o == ref)
			*node_out = n;
		return s3_type_kind(node_type(ref));
	}
	if (!cJSON_IsString(ref))
		return 0;
	id = ref->valuestring;
	n = s3_find(g, id);
	if (n) {
		if (node_out)
			*node_out = n;
		return n->kind ? n->kind : S3_ANY; /* reported as a type */
	}
	k = individual(id);
	if (k)
		return k;
	return is_imported(g, id) ? S3_ANY : 0;
}

/* ---- the classes of the model (spdx3_props.c) ---------------------------- */

static int cmp_class(const void *key, const void *elem)
{
	return strcmp(key, ((const struct s3_class *)elem)->name);
}

static int cmp_str(const void *key, const void *elem)
{
	return strcmp(key, *(const char *const *)elem);
}

static int cmp_owner(const void *key, const void *elem)
{
	return strcmp(key, ((const struct s3_prop_owner *)elem)->prop);
}

const struct s3_class *s3_class_find(const char *type)
{
	if (!type)
		return NULL;
	return bsearch(type, s3_classes, s3_classes_nr, sizeof(s3_classes[0]),
		       cmp_class);
}

bool s3_class_has(const struct s3_class *c, const char *prop)
{
	return bsearch(prop, c->props, c->nprops, sizeof(c->props[0]),
		       cmp_str) != NULL;
}

const char *s3_prop_owner(const char *prop)
{
	const struct s3_prop_owner *o =
		bsearch(prop, s3_prop_owners, s3_prop_owners_nr,
			sizeof(s3_prop_owners[0]), cmp_owner);

	return o ? o->owner : NULL;
}
