/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef OH_SBOM_MODEL_H
#define OH_SBOM_MODEL_H

/*
 * In-memory model of one SPDX 2.2/2.3 document, and its readers.
 *
 * Operations: sbom_read() detects the serialisation from content
 * (sbom_format_detect) and fills a struct sbom_doc with the reader for
 * SPDX JSON, YAML (libyaml, into the JSON tree), tag-value or RDF/XML; sbom_doc_to_json() turns a document
 * back into the SPDX JSON tree, which is what the validator checks and
 * what sbom_write_json() prints; sbom_write_tv() prints tag-value.
 * sbom_doc_new() starts an empty document for generators.
 *
 * Invariants: every string and array of a document lives in doc->arena and
 * is valid until sbom_doc_free().  A field absent from the input is NULL
 * (strings) or 0 (counts): the reader never invents values, so the
 * validator can tell "missing" from "empty".
 *
 * Limits (untrusted input): SBOM_MAX_BYTES input bytes, SBOM_MAX_DEPTH JSON
 * nesting, SBOM_MAX_ITEMS elements in any one array; beyond them the
 * reader fails with OH_ELIMIT.  JSON with a key given twice in one object
 * or a NUL character in a string is refused (OH_EINPUT), as is a field of
 * the wrong type (`"filesAnalyzed": "yes"`, an offset of 1e400).  Errors
 * name the input and a JSON path such
 * as "packages[3].SPDXID" (JSON) or a line and column (tag-value, RDF/XML).
 *
 * Thread safety: reading is reentrant; a document is read-only afterwards.
 * Not done here: validation (sbom.h), XLSX.
 */

#include <stdbool.h>
#include <stddef.h>

#include "core/arena.h"
#include "sbom/sbom.h"

struct cJSON;
struct oh_buf;
struct oh_err;

#define SBOM_MAX_DEPTH     64
#define SBOM_MAX_ITEMS_DEC 2000000 /* for messages */
#define SBOM_MAX_ITEMS     2000000u

struct sbom_checksum {
	const char *algorithm; /* "SHA1", "SHA256", ... as written */
	const char *value;
};

struct sbom_extref {
	const char *category; /* SECURITY, PACKAGE-MANAGER, ... */
	const char *type;     /* purl, cpe23Type, ... */
	const char *locator;
	const char *comment;
};

struct sbom_package {
	const char *spdxid, *name, *version, *file_name;
	const char *supplier, *originator; /* "Person: x", "NOASSERTION" */
	const char *download_location, *homepage, *source_info;
	const char *license_concluded, *license_declared, *copyright;
	const char *license_comments, *summary, *description, *comment;
	const char *primary_purpose, *release_date, *built_date;
	const char *valid_until_date;
	int files_analyzed;          /* -1 absent, 0 false, 1 true */
	const char *verif_code;      /* value, NULL if absent */
	const char **verif_excluded; /* excluded file names */
	size_t nverif_excluded;
	const char **license_info_from_files;
	size_t nlicense_info_from_files;
	const char **attribution;
	size_t nattribution;
	struct sbom_checksum *checksum;
	size_t nchecksum;
	struct sbom_extref *extref;
	size_t nextref;
	const char **has_files; /* SPDX 2.2 "hasFiles" ids */
	size_t nhas_files;
	unsigned line; /* tag-value: first line; 0 for JSON */
};

struct sbom_file {
	const char *spdxid, *name, *license_concluded, *copyright;
	const char *comment, *notice, *license_comments;
	const char **license_info; /* licenseInfoInFiles */
	size_t nlicense_info;
	const char **file_types;
	size_t nfile_types;
	const char **contributors;
	size_t ncontributors;
	struct sbom_checksum *checksum;
	size_t nchecksum;
	unsigned line;
	size_t tv_package; /* tag-value: 1 + index of the package this file
			    * follows (SPDX 5.2.3); 0 when none */
};

struct sbom_range {
	const char *ref;      /* snippetFromFile of the pointer */
	long long start, end; /* -1 when absent */
	int is_line;          /* 1 lineNumber, 0 offset */
};

struct sbom_snippet {
	const char *spdxid, *name, *from_file, *license_concluded;
	const char *copyright, *comment, *license_comments;
	const char **license_info;
	size_t nlicense_info;
	struct sbom_range *range;
	size_t nrange;
	unsigned line;
};

struct sbom_relationship {
	const char *element, *type, *related, *comment;
	unsigned line;
};

struct sbom_extracted {
	const char *license_id, *text, *name, *comment;
	const char **see_also;
	size_t nsee_also;
	unsigned line;
};

struct sbom_annotation {
	const char *about; /* SPDXID of the annotated element, may be NULL */
	const char *annotator, *date, *type, *comment;
	unsigned line;
};

struct sbom_docref {
	const char *id, *document, *checksum_alg, *checksum_value;
	unsigned line;
};

/*
 * Tag-value only: the input line of one field, for diagnostics that name
 * a field ("packages[3].checksums[1]" -> the line of the second
 * PackageChecksum of the fourth package).
 */
enum sbom_fl_kind {
	SBOM_FL_DOC, /* document fields: "spdxVersion", "creationInfo.created" */
	SBOM_FL_PKG,  /* packages[idx] */
	SBOM_FL_FILE, /* files[idx] */
	SBOM_FL_SNIP, /* snippets[idx] */
	SBOM_FL_LIC,  /* hasExtractedLicensingInfos[idx] */
	SBOM_FL_KINDS
};

struct sbom_fieldline {
	const char *key; /* JSON key (static string) */
	unsigned idx;    /* element index (0 for the document) */
	unsigned occ;    /* entry of a list field ("checksums"); else 0 */
	unsigned line;   /* input line of the tag */
};

struct sbom_fieldlines {
	struct sbom_fieldline *e; /* in input order: idx never decreases */
	size_t n;
};

struct sbom_doc {
	struct oh_arena arena;
	enum sbom_format format;
	const char *spdx_version, *data_license, *spdxid, *name, *namespace_;
	const char *comment;
	const char *created, *creator_comment, *license_list_version;
	const char **creators;
	size_t ncreators;
	const char **describes; /* documentDescribes */
	size_t ndescribes;
	struct sbom_package *pkg;
	size_t npkg;
	struct sbom_file *file;
	size_t nfile;
	struct sbom_snippet *snippet;
	size_t nsnippet;
	struct sbom_relationship *rel;
	size_t nrel;
	struct sbom_extracted *extracted;
	size_t nextracted;
	struct sbom_annotation *annotation;
	size_t nannotation;
	struct sbom_docref *docref;
	size_t ndocref;
	struct sbom_fieldlines fl[SBOM_FL_KINDS]; /* tag-value field lines */
};

/**
 * Read an SPDX JSON document of `len` bytes.  `name` names the input in
 * errors.  On success *out is a new document (free with sbom_doc_free());
 * on failure *out is NULL and err holds OH_EINPUT/OH_ELIMIT with the JSON
 * path of the offending element.
 */
int sbom_read_json(struct sbom_doc **out, const char *s, size_t len,
		   const char *name, struct oh_err *err);

/**
 * Parse `len` bytes of SPDX JSON text into a cJSON tree (caller frees
 * with cJSON_Delete()), with the limits every SBOM JSON reader shares:
 * OH_ELIMIT past SBOM_MAX_BYTES or SBOM_MAX_DEPTH nesting; OH_EINPUT for
 * invalid JSON and for a NUL character, raw or as \u0000 (it would cut
 * the string), at its line and column.
 */
int sbom_json_parse(struct cJSON **out, const char *s, size_t len,
		    const char *name, struct oh_err *err);

/**
 * sbom_json_parse() with the tree in the arena `a` (json_arena.c): the
 * same texts accepted and refused, several times faster on large
 * documents.  The tree lives until oh_arena_release(a); never give it to
 * cJSON_Delete() or to a cJSON call that adds, detaches or frees nodes.
 * Two differences: nesting past SBOM_MAX_DEPTH is OH_ELIMIT even when a
 * syntax error follows; a \u escape with a non-hex digit is invalid JSON
 * (cJSON reads U+0000 and cuts the string).
 */
int sbom_json_parse_arena(struct cJSON **out, struct oh_arena *a, const char *s,
			  size_t len, const char *name, struct oh_err *err);

/** Append item to the arena container o (an object's member already
 * named in item->string), in O(1), the way cJSON links children. */
void sbom_json_arena_link(struct cJSON *o, struct cJSON *item);

/**
 * Member `key` of object o (borrowed), or NULL: what
 * cJSON_GetObjectItemCaseSensitive() returns, found faster (the readers
 * and the validator look up millions of members in a large document).
 * NULL o or key gives NULL.
 */
const struct cJSON *sbom_json_get(const struct cJSON *o, const char *key);

/**
 * OH_EINPUT at its line and column when the JSON text `s` holds a NUL
 * character, raw or as the escape \u0000 (a C string would end there);
 * else 0.  For text a JSON parser accepted.
 */
int sbom_json_nul(const char *s, size_t len, const char *name,
		  struct oh_err *err);

/**
 * Read a tree from sbom_json_parse() into a document, as
 * sbom_read_json() does: a key given twice in one object, or a field of
 * the wrong JSON type, fails with OH_EINPUT and the message
 * "<JSON path>: <problem>".
 */
int sbom_read_json_tree(struct sbom_doc **out, const struct cJSON *root,
			const char *name, struct oh_err *err);

/**
 * sbom_read_json_tree() for a tree in an arena (sbom_json_parse_arena(),
 * sbom_yaml_parse_arena()): the document's strings are the tree's own,
 * not copies.  With `tree` non-NULL, on success its memory moves into the
 * document (tree is left empty; free both with sbom_doc_free()); with
 * NULL, the caller keeps the tree alive as long as the document.
 */
int sbom_read_json_tree_borrow(struct sbom_doc **out, const struct cJSON *root,
			       struct oh_arena *tree, const char *name,
			       struct oh_err *err);

/**
 * Parse SPDX YAML with libyaml into the cJSON tree the same document in
 * JSON gives (caller frees with cJSON_Delete()).  Quoted scalars are
 * strings, plain ones null, booleans or numbers by the YAML 1.2 core
 * schema, else strings.  OH_EINPUT with the line and column for invalid
 * YAML, an alias (never expanded), a non-scalar key, a NUL character or
 * a second document; OH_ELIMIT past SBOM_MAX_BYTES or SBOM_MAX_DEPTH.
 */
int sbom_yaml_parse(struct cJSON **out, const char *s, size_t len,
		    const char *name, struct oh_err *err);

/**
 * sbom_yaml_parse() with the tree (nodes, strings, interned keys) in the
 * arena a: valid until oh_arena_release(a); never give it to cJSON_Delete().
 */
int sbom_yaml_parse_arena(struct cJSON **out, struct oh_arena *a, const char *s,
			  size_t len, const char *name, struct oh_err *err);

/** Read SPDX YAML: sbom_yaml_parse(), then sbom_read_json_tree(). */
int sbom_read_yaml(struct sbom_doc **out, const char *s, size_t len,
		   const char *name, struct oh_err *err);

/**
 * True when the first element of the XML text s (UTF-8, or UTF-16 with a
 * byte-order mark) is <Document>: the SPDX XML form of SPDX 2.x, not
 * RDF/XML (read_spdxxml.c).
 */
bool sbom_spdxxml_is(const char *s, size_t len);

/**
 * Parse SPDX XML into the JSON tree the same document in SPDX JSON gives,
 * in the arena a (valid until oh_arena_release(a); never cJSON_Delete()).
 * Array properties of the SPDX JSON schemas are arrays however many
 * elements give them; filesAnalyzed is a boolean and range offsets and
 * line numbers numbers when their text is one; all else is text.
 * OH_EINPUT with the line for XML that is not well formed, has a DOCTYPE,
 * another root, an element given twice where one value is expected, or
 * text beside elements; OH_ELIMIT past SBOM_MAX_BYTES or SBOM_MAX_DEPTH.
 */
int sbom_spdxxml_parse_arena(struct cJSON **out, struct oh_arena *a,
			     const char *s, size_t len, const char *name,
			     struct oh_err *err);

/** Read SPDX XML: sbom_spdxxml_parse_arena(), then sbom_read_json_tree(). */
int sbom_read_spdxxml(struct sbom_doc **out, const char *s, size_t len,
		      const char *name, struct oh_err *err);

/** Read SPDX tag-value; errors carry the line (and column). */
int sbom_read_tv(struct sbom_doc **out, const char *s, size_t len,
		 const char *name, struct oh_err *err);

/**
 * Read SPDX RDF/XML with libxml2: no network, no external entities, no
 * entity expansion.  Errors carry the line.  The document's arena keeps
 * the parse tree's large blocks as spares (oh_arena_recycle()): what is
 * built next in it (sbom_doc_to_json_arena(doc, &doc->arena)) reuses
 * them; oh_arena_trim(&doc->arena) frees them sooner than
 * sbom_doc_free().
 */
int sbom_read_rdf(struct sbom_doc **out, const char *s, size_t len,
		  const char *name, struct oh_err *err);

struct _xmlDoc;

/**
 * Parse XML with libxml2 as sbom_read_rdf() does (no network, no DTD, no
 * entity expansion, lines past 65535 kept; whitespace-only text dropped)
 * into *out (xmlFreeDoc()).
 * OH_EINPUT with the line for text that is not well formed or has a
 * DOCTYPE; OH_ELIMIT past SBOM_MAX_BYTES.
 */
int sbom_xml_parse(struct _xmlDoc **out, const char *s, size_t len,
		   const char *name, struct oh_err *err);

struct _xmlNode;

/** Called by sbom_xml_parse_stream() at each element's end tag. */
typedef void sbom_xml_end_fn(void *ctx, struct _xmlNode *n, int depth);

/**
 * sbom_xml_parse() that calls on_end(ctx, n, depth) as soon as element n
 * (depth 0: the root) and everything in it has been read, so a reader can
 * take what it needs and then drop n with sbom_xml_drop() (n only, never
 * an ancestor): the tree then never holds the whole document.  The parse, its limits and errors are those of
 * sbom_xml_parse(); a caller keeps its own errors until the parse ended.
 */
int sbom_xml_parse_stream(struct _xmlDoc **out, const char *s, size_t len,
			  const char *name, sbom_xml_end_fn *on_end, void *ctx,
			  struct oh_err *err);

/**
 * Unlink and free element n, given to an sbom_xml_end_fn, and every text
 * node beside it.  Freeing n alone is not safe: libxml2 appends the text
 * that follows to its parent's last child with bookkeeping of the text
 * node it wrote last, and would write past the end of an older one (a
 * heap overflow found by fuzz_sbom_spdxxml).  So the parent's own text is
 * gone once a child was dropped: read it before.
 */
void sbom_xml_drop(struct _xmlNode *n);

/** An attribute as sbom_xml_parse_sax() gives it, borrowed for the call. */
struct sbom_xml_attr {
	const char *ns;    /* namespace URI, or NULL */
	const char *name;  /* local name ("pfx:name" for an undeclared pfx) */
	const char *value; /* value, character and entity references decoded */
};

/** The callbacks of sbom_xml_parse_sax(); each gets payload back. */
struct sbom_xml_sax {
	/* a start tag: element name as libxml2's DOM has it (local, or
	 * "pfx:local" for an undeclared prefix), namespace URI or NULL,
	 * attributes, and the line where the tag ends */
	void (*start)(const char *name, const char *ns,
		      const struct sbom_xml_attr *attr, size_t nattr,
		      unsigned line, void *payload);
	void (*end)(void *payload); /* the matching end tag */
	/* character data and CDATA, whitespace included, in pieces */
	void (*text)(const char *s, size_t len, void *payload);
	void *payload;
};

/**
 * Parse XML as sbom_xml_parse() does (the same limits, refusals and
 * messages) but build nothing: each start tag, end tag and piece of text
 * goes to the callbacks in sax, in document order, until the end or the
 * first error.  Whitespace-only text is given too.  Names, namespaces and
 * attributes are borrowed for the call.  The callbacks keep their own
 * errors; a caller reports them only when this returns 0 (the XML is well
 * formed).  OH_EINPUT with the line for text that is not well formed or
 * has a DOCTYPE; OH_ELIMIT past SBOM_MAX_BYTES.
 */
int sbom_xml_parse_sax(const char *s, size_t len, const char *name,
		       const struct sbom_xml_sax *sax, struct oh_err *err);

/** True when element n has a text or CDATA child that is not all space. */
bool sbom_xml_has_text(const struct _xmlNode *n);

/**
 * Text that opens with a UTF-16 byte-order mark (FF FE or FE FF) as UTF-8
 * (without the mark, at most 1.5 times len bytes) appended to `out`
 * (which should have no cap): returns 1.  Returns 0 and leaves `out`
 * alone for any other text; OH_EINPUT for an odd length or an unpaired
 * surrogate.
 */
int sbom_utf16_decode(struct oh_buf *out, const char *s, size_t len,
		      const char *name, struct oh_err *err);

/**
 * Read any supported serialisation (detected from content; a CycloneDX
 * BOM, JSON or XML, is mapped onto the model by sbom_cdx_read_tree()), in UTF-8
 * (with or without a byte-order mark) or UTF-16 with a byte-order mark.  XLSX and
 * unknown formats fail with OH_EINPUT and a message saying so.
 */
int sbom_read(struct sbom_doc **out, const char *s, size_t len,
	      const char *name, struct oh_err *err);

#define SBOM_NO_INDEX ((size_t)-1)

/**
 * For readers and the validator: the JSON path base.key[idx] in out
 * (size > 0 bytes), with no '.' after an empty base and no index when idx
 * is SBOM_NO_INDEX, cut to size - 1 bytes as snprintf() cuts.  Built for
 * every element of a document, so without printf's cost.
 */
void sbom_path(char *out, size_t size, const char *base, const char *key,
	       size_t idx);

/**
 * For readers: room for item n of an arena array of n items of `size`
 * bytes (capacity doubles at powers of two, so appending is amortised
 * O(1) and at most half of the arena copy is slack).  Returns the array,
 * moved when it grew.
 */
void *sbom_arena_grow(struct oh_arena *a, void *old, size_t n, size_t size);

/** A new empty document (format SBOM_FORMAT_UNKNOWN); never NULL. */
struct sbom_doc *sbom_doc_new(void);

/**
 * The document as an SPDX JSON tree (keys and shapes of the SPDX 2.3 JSON
 * schema; absent fields stay absent).  Caller frees with cJSON_Delete().
 */
struct cJSON *sbom_doc_to_json(const struct sbom_doc *doc);

/**
 * The same tree built in the arena a (nodes only: keys are literals and
 * values the document's strings), for validation: valid while both doc
 * and a live; never give it to cJSON_Delete().
 */
const struct cJSON *sbom_doc_to_json_arena(const struct sbom_doc *doc,
					   struct oh_arena *a);

/** Append the document as SPDX JSON (two-space indented, final newline). */
void sbom_write_json(struct oh_buf *out, const struct sbom_doc *doc);

/**
 * Append the document as SPDX tag-value.  Tag-value has no escapes: a
 * value it cannot carry so that sbom_read_tv() reads it back unchanged (a
 * multi-line value holding "</text>", a blank or line break inside an id,
 * checksum, external reference or relationship word) fails with
 * OH_EINPUT naming the tag and element, and nothing is appended.  `err`
 * may be NULL.  Returns 0 or OH_EINPUT.
 */
int sbom_write_tv(struct oh_buf *out, const struct sbom_doc *doc,
		  struct oh_err *err);

/**
 * The input line a validator JSON path names: the field's own line when
 * the reader kept it (tag-value: "packages[3].checksums[0]" -> the line
 * of that PackageChecksum), else the element's first line
 * (doc->pkg[3].line); 0 when unknown.  O(log n) per call.
 */
unsigned sbom_doc_line(const struct sbom_doc *doc, const char *where);

/** Free a document; NULL is a no-op. */
void sbom_doc_free(struct sbom_doc *doc);

#endif /* OH_SBOM_MODEL_H */
