/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef OH_SBOM_SPDX3_INT_H
#define OH_SBOM_SPDX3_INT_H

/*
 * Internal to the SPDX 3 modules (spdx3_*.c): the index of a JSON-LD
 * graph that the validator and the reader share, the element types and
 * the vocabularies of SPDX 3.0.1.
 *
 * s3_graph_build() visits every node of "@graph" and every element
 * written in place inside one (depth first, at most SBOM_MAX_DEPTH), and
 * indexes each by its "spdxId" or "@id"; the first of two nodes with the
 * same id wins (the validator reports the second).  Strings are borrowed
 * from the cJSON tree, expanded ids live in the graph's arena.
 */

#include <stdbool.h>
#include <stddef.h>

#include "core/arena.h"
#include "core/strmap.h"

struct cJSON;
struct oh_err;

/* What a node is; a type has several bits (a Person is an Agent). */
enum s3_kind {
	S3_ELEMENT = 1u << 0,
	S3_AGENT = 1u << 1,
	S3_TOOL = 1u << 2,
	S3_SWARTIFACT = 1u << 3, /* software_Package, _File, _Snippet */
	S3_LICENSE = 1u << 4,    /* simplelicensing AnyLicenseInfo */
	S3_DOCUMENT = 1u << 5,   /* SpdxDocument */
	S3_RELATIONSHIP = 1u << 6,
	S3_CREATIONINFO = 1u << 7,
	S3_PACKAGE = 1u << 8,
	S3_FILE = 1u << 9,
	S3_SNIPPET = 1u << 10,
	S3_COLLECTION = 1u << 11, /* SpdxDocument, Bom, Bundle, Sbom */
	S3_ADDITION = 1u << 12,   /* license exceptions */
	S3_PERSON = 1u << 13,
	S3_ORGANIZATION = 1u << 14,
	S3_LICEXPR = 1u << 15,     /* simplelicensing_LicenseExpression */
	S3_LICTEXT = 1u << 16,     /* simplelicensing_SimpleLicensingText */
	S3_ARTIFACT = 1u << 17,    /* any Artifact (suppliedBy, ...) */
	S3_NOASSERTION = 1u << 18, /* an individual meaning "no assertion" */
	S3_NONE = 1u << 19,        /* an individual meaning "none" */
	S3_ANY = 0xffffffu,        /* imported: type unknown */
};

struct s3_node {
	const struct cJSON *o; /* the node object (tree) */
	const char *type;      /* its "type" (tree); NULL when none */
	const char *id;        /* "spdxId" or "@id" (tree); NULL when none */
	unsigned kind;         /* enum s3_kind bits; 0: unknown type */
	size_t index;          /* position in @graph; nested: its parent's */
	bool nested;           /* written in place inside another node */
};

struct s3_graph {
	struct oh_arena arena;     /* expanded ids */
	const struct cJSON *root;  /* the document object */
	const struct cJSON *graph; /* "@graph", or NULL */
	struct s3_node *node;      /* every node, in visit order */
	size_t n;                  /* entries in node */
	size_t alloc;              /* allocated */
	struct oh_strmap ids;      /* id -> index in node (first wins) */
	struct oh_strmap imported; /* externalSpdxId of import[] -> 0 */
	const char **prefix;       /* namespaceMap prefixes (tree) */
	const char **ns;           /* and their namespaces (tree) */
	size_t nns;                /* entries in prefix and ns */
	size_t duplicates;         /* ids given to more than one node */
	const struct s3_node *doc; /* the first SpdxDocument, or NULL */
	size_t ndocs;              /* SpdxDocument nodes */
};

/**
 * Index the graph of `root` into g (zeroed by the caller; release with
 * s3_graph_release()).  OH_EINPUT when root has no "@graph" array and is
 * no element itself, OH_ELIMIT past SBOM_MAX_ITEMS nodes.
 */
int s3_graph_build(struct s3_graph *g, const struct cJSON *root,
		   const char *name, struct oh_err *err);

void s3_graph_release(struct s3_graph *g);

struct sbom_doc;

/**
 * sbom_spdx3_read_tree() on a graph already built (borrowed; the document
 * borrows its tree's strings too, so both outlive *out).  Caller frees *out
 * with sbom_doc_free().  Returns 0.
 */
int s3_read_graph(struct sbom_doc **out, const struct s3_graph *g,
		  const char *name, struct oh_err *err);

/** The kind bits of a type name; 0 when SPDX 3.0.1 defines no such type. */
unsigned s3_type_kind(const char *type);

/** True for the node types that are not elements (Hash, ...). */
bool s3_type_is_value(const char *type);

/**
 * What the reference `ref` (a string, or an element written in place)
 * names: the kind bits, S3_ANY for an imported element, 0 when it names
 * nothing known.  *node_out (may be NULL) gets the node when in the graph.
 */
unsigned s3_resolve(const struct s3_graph *g, const struct cJSON *ref,
		    const struct s3_node **node_out);

/** The node of id `id` (after namespaceMap expansion), or NULL. */
const struct s3_node *s3_find(const struct s3_graph *g, const char *id);

/** A string property of o, or NULL. */
const char *s3_str(const struct cJSON *o, const char *key);

/** True when `word` is in the NULL-terminated list. */
bool s3_in(const char *const *list, const char *word);

/*
 * SPDX 2.3 relationship types and their SPDX 3 form: the type, the
 * lifecycle scope (or NULL) and whether from and to swap.  For SPDX 3 ->
 * 2.3 the first row matching type and scope wins.
 */
struct s3_relmap {
	const char *v2, *v3, *scope;
	bool reversed;
};

extern const struct s3_relmap s3_relmap[];
extern const size_t s3_relmap_nr;

/**
 * Declared in validate.c: the NTIA profiles on a document of another
 * standard read into the model, the report's version and counts kept;
 * frees doc.
 */
struct sbom_doc;
struct sbom_report;
void sbom_validate_model_ntia(struct sbom_report *r, struct sbom_doc *doc,
			      unsigned profiles);

/*
 * The classes of the SPDX 3.0.1 model (spdx3_props.c, generated by
 * tools/spdx3-props.py), sorted by compact name: each with its
 * superclass and every property it takes, its own and inherited, sorted.
 */
struct s3_class {
	const char *name;
	const char *parent;       /* compact name, or NULL */
	const char *const *props; /* sorted, NULL-terminated */
	bool abstract;
	size_t nprops;
};

extern const struct s3_class s3_classes[];
extern const size_t s3_classes_nr;

/* A property and the first class (by name) that declares it. */
struct s3_prop_owner {
	const char *prop, *owner;
};

extern const struct s3_prop_owner s3_prop_owners[];
extern const size_t s3_prop_owners_nr;

/** The class of compact name `type`, or NULL. */
const struct s3_class *s3_class_find(const char *type);

/** True when objects of class c may carry property `prop`. */
bool s3_class_has(const struct s3_class *c, const char *prop);

/** A class that declares property `prop`, or NULL for no SPDX property. */
const char *s3_prop_owner(const char *prop);

extern const char *const s3_relationship_types[];
extern const char *const s3_hash_algorithms[];
extern const char *const s3_purposes[];

#endif /* OH_SBOM_SPDX3_INT_H */
