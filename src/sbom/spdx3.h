/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef OH_SBOM_SPDX3_H
#define OH_SBOM_SPDX3_H

/*
 * SPDX 3.0.1 in its JSON-LD serialisation: reading, validation, writing.
 *
 * A document is a JSON object with "@context" (the SPDX 3 context URL)
 * and "@graph", an array of nodes, each with a "type" ("SpdxDocument",
 * "software_Package", "Relationship", "CreationInfo", ...) and an
 * "spdxId" (elements) or "@id" (the blank node of a CreationInfo).
 * Nodes refer to one another by id strings; an element may also be
 * written in place of its id.
 *
 * sbom_spdx3_validate_tree() checks the Core, Software, SimpleLicensing
 * and ExpandedLicensing profiles: the element types they define (types
 * of the Security, Build, AI and Dataset profiles are accepted as
 * elements), required properties and their cardinality, vocabularies
 * (relationshipType, hash algorithm, externalIdentifierType, purpose,
 * ...), value syntax (DateTime, SemVer, URIs, purls, CPEs, hash values),
 * license expressions against the SPDX list, and every reference: it
 * must name an element of the graph (directly, or through the document's
 * namespaceMap), an element the document imports, or one of the SPDX
 * individuals (NoAssertionElement, expandedlicensing_NoneLicense, ...),
 * and of the type the property wants (createdBy an Agent,
 * hasDeclaredLicense a license).  Codes start with "SPDX3-" and are
 * listed in docs/sbom.md.
 *
 * sbom_spdx3_read_tree() maps the graph onto the SPDX 2.3 document model
 * (model.h); sbom_spdx3_write() writes a model document as SPDX 3.0.1.
 * docs/sbom.md lists what either direction cannot carry.
 *
 * Limits: the JSON limits of model.h (SBOM_MAX_BYTES, SBOM_MAX_DEPTH),
 * SBOM_MAX_ITEMS nodes.  Pure; thread safe.
 */

#include <stdbool.h>

struct cJSON;
struct lic_list;
struct oh_buf;
struct oh_err;
struct sbom_doc;
struct sbom_report;

#define SBOM_SPDX3_CONTEXT "https://spdx.org/rdf/3.0.1/spdx-context.jsonld"

/**
 * True when a JSON tree is SPDX 3 JSON-LD: an object whose "@context"
 * (a string or an array holding one) names spdx.org/rdf/3.
 */
bool sbom_spdx3_is_tree(const struct cJSON *root);

/**
 * Validate an SPDX 3 tree into `r` (version "SPDX-3.0.1", counts).
 * `licenses` may be NULL (license ids then unchecked).  `profiles`: enum
 * sbom_profile; NTIA is checked on the document as read into the model.
 */
void sbom_spdx3_validate_tree(struct sbom_report *r, const struct cJSON *root,
			      unsigned profiles,
			      const struct lic_list *licenses);

/**
 * An SPDX 3 tree as an SPDX 2.3 model document (format SBOM_FORMAT_JSON).
 * Fails with OH_EINPUT when the root is not SPDX 3 JSON-LD or has no
 * "@graph" array, OH_ELIMIT past SBOM_MAX_ITEMS nodes.
 */
int sbom_spdx3_read_tree(struct sbom_doc **out, const struct cJSON *root,
			 const char *name, struct oh_err *err);

/** Append a model document as SPDX 3.0.1 JSON-LD (final newline). */
void sbom_spdx3_write(struct oh_buf *out, const struct sbom_doc *doc);

#endif /* OH_SBOM_SPDX3_H */
