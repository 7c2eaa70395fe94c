/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef OH_SBOM_CDX_H
#define OH_SBOM_CDX_H

/*
 * CycloneDX 1.2-1.6 BOMs, JSON and XML: reading, validation, writing.
 *
 * Both serialisations are checked as one JSON tree: CycloneDX XML is
 * turned by sbom_cdx_xml_parse() into the tree the same BOM has in JSON
 * (attributes and child elements become keys, list containers such as
 * <components> arrays, <hash alg="..">v</hash> {"alg","content"}, nested
 * <dependency> elements "dependsOn", <licenses> items {"license": ..} or
 * {"expression": ..}).  sbom_cdx_validate_tree() then applies the rules
 * of the official JSON schema of the document's specVersion (required
 * fields, enumerations, patterns, additionalProperties of the objects
 * checked, license choice) and the semantics the schema cannot express
 * (bom-ref uniqueness, dependency references, purl and license expression
 * syntax, license ids on the SPDX list).  Codes start with "CDX-" and are
 * listed in docs/sbom.md.
 *
 * sbom_cdx_read_tree() maps the tree onto the SPDX document model
 * (model.h): components become packages, bom-refs SPDX ids, hashes
 * checksums, purl/cpe external references, licenses declared (or, with
 * acknowledgement "concluded", concluded) expressions, dependencies
 * DEPENDS_ON relationships, metadata.component what the document
 * DESCRIBES.  sbom_cdx_write_json()/_xml() do the reverse for a model
 * document.  docs/sbom.md lists what either direction cannot carry.
 *
 * Limits: SBOM_MAX_BYTES of input, SBOM_MAX_DEPTH nesting (XML elements
 * and JSON), SBOM_MAX_ITEMS items in one array.  XML: no DTD, no network,
 * no entity expansion.  Pure; thread safe except that libxml2's error
 * handler is set globally while an XML document is parsed.
 */

#include <stdbool.h>
#include <stddef.h>

struct cJSON;
struct lic_list;
struct oh_arena;
struct oh_buf;
struct oh_err;
struct sbom_doc;
struct sbom_report;

#define SBOM_CDX_NS "http://cyclonedx.org/schema/bom/"

/** True when the XML text's root element is a CycloneDX <bom>. */
bool sbom_cdx_is_xml(const char *s, size_t len);

/**
 * True when a JSON tree is a CycloneDX BOM: an object with "bomFormat",
 * or with "specVersion" and no SPDX "spdxVersion".
 */
bool sbom_cdx_is_tree(const struct cJSON *root);

/**
 * CycloneDX XML into the JSON tree of the same BOM, built in the arena a
 * as json_arena.c builds one (valid until oh_arena_release(a); never give
 * it to cJSON_Delete() or to a cJSON call that adds or frees nodes);
 * "specVersion" is taken from the namespace.  OH_EINPUT with the line for
 * XML that is not well formed, a DOCTYPE, a root that is not
 * {SBOM_CDX_NS<version>}bom, or an element given twice where the schema
 * allows one (two <id> in a <license>).
 */
int sbom_cdx_xml_parse(struct cJSON **out, struct oh_arena *a, const char *s,
		       size_t len, const char *name, struct oh_err *err);

/**
 * Validate a CycloneDX JSON tree (root has "bomFormat") into `r`, which
 * gets the version ("CycloneDX-1.6") and the counts.  `licenses` may be
 * NULL (license ids then unchecked).  `from_xml` relaxes JSON-only type
 * rules (XML has no booleans or numbers).  `profiles`: enum sbom_profile.
 */
void sbom_cdx_validate_tree(struct sbom_report *r, const struct cJSON *root,
			    bool from_xml, unsigned profiles,
			    const struct lic_list *licenses);

/**
 * A CycloneDX tree as an SPDX-model document (format as given).  Fails
 * with OH_EINPUT when the root is not a CycloneDX BOM or a field the
 * model needs has the wrong type.
 */
int sbom_cdx_read_tree(struct sbom_doc **out, const struct cJSON *root,
		       const char *name, struct oh_err *err);

/** Append a model document as CycloneDX 1.6 JSON. */
void sbom_cdx_write_json(struct oh_buf *out, const struct sbom_doc *doc);

/** Append a model document as CycloneDX 1.6 XML. */
void sbom_cdx_write_xml(struct oh_buf *out, const struct sbom_doc *doc);

#endif /* OH_SBOM_CDX_H */
