/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef OH_SCAN_MANIFEST_H
#define OH_SCAN_MANIFEST_H

/*
 * The component manifest: the list of components a scan reviews, with the
 * facts about each that no clone can tell (origin, organisation, hosting
 * foundation, security-critical flag, alternatives).  The format is
 * documented in docs/manifest.md; fixtures/demo.json is an example.
 *
 * Operations: manifest_parse() from a buffer, manifest_load() from a
 * file, manifest_add_source() for a bare URL or path given on the command
 * line, manifest_free().
 *
 * Limits (OH_ELIMIT): MANIFEST_MAX_BYTES of input, MANIFEST_MAX_COMPONENTS
 * components, MANIFEST_MAX_STRING bytes per string, MANIFEST_MAX_ALTS
 * alternatives per component.  JSON nesting is bounded by cJSON's own
 * limit (1000).
 *
 * Relative repository paths are resolved against the manifest's directory
 * (`base_dir`), so a manifest can be run from anywhere.  Unknown keys are
 * not errors (newer manifests stay readable) but are listed in `warning`.
 *
 * Not thread safe; a manifest is read by one thread and then only read.
 */

#include <stdbool.h>
#include <stddef.h>

#include "core/arena.h"
#include "core/strmap.h"

struct oh_err;

#define MANIFEST_MAX_BYTES      (256u << 20)
#define MANIFEST_MAX_COMPONENTS 1000000
#define MANIFEST_MAX_STRING     4096
#define MANIFEST_MAX_ALTS       100
#define MANIFEST_MAX_WARNINGS   100

enum manifest_tristate {
	MANIFEST_UNSET = 0, /* not declared */
	MANIFEST_FALSE = 1,
	MANIFEST_TRUE = 2,
};

struct manifest_component {
	const char *name;         /* unique within the manifest */
	const char *repo;         /* URL, or a path made absolute */
	const char *ref;          /* branch, tag or commit; NULL = HEAD */
	const char *version;      /* version in use (SBOM, manifest): with
				     no ref, its tag is reviewed if the
				     repository has one (collect.c) */
	const char *origin;       /* ISO 3166 alpha-2, upper case; or NULL */
	const char *organization; /* originating organisation; or NULL */
	const char *foundation;   /* hosting foundation; or NULL */
	const char *category;     /* e.g. "cryptography"; or NULL */
	const char *notes;        /* free text; or NULL */
	const char *arrangement;  /* e.g. "direct collaboration"; or NULL */
	const char *deployment_context; /* where it runs, e.g. "critical
					   infrastructure"; or NULL */
	enum manifest_tristate security_critical; /* declared flag */
	const char **alternative;  /* names of known alternatives */
	size_t alternative_nr;     /* entries in alternative */
	const char *declared_json; /* the component's object, re-serialised */
	const char *purl; /* SBOM input: the package's purl (OSV), or NULL */
	const char *purl_version; /* its version when the purl has none */
};

/*
 * A package of an SBOM given to `scan` that is not reviewed, and why
 * (no version-control location, a registry-only purl, a non-git VCS,
 * the same source as another component, ...).
 */
struct manifest_unreviewed {
	const char *name;    /* package name as the SBOM gives it */
	const char *version; /* or NULL */
	const char *element; /* SPDXID or bom-ref; or NULL */
	const char *reason;  /* one line */
	const char *purl;    /* its purl, for OSV; or NULL */
};

struct manifest {
	struct oh_arena arena; /* owns every string below */
	const char *path;      /* input name, or "<args>" */
	const char *title;     /* optional "name" of the manifest */
	struct manifest_component *component;       /* in input order */
	size_t component_nr;                        /* entries in component */
	size_t component_alloc;                     /* allocated entries */
	const char *warning[MANIFEST_MAX_WARNINGS]; /* unknown keys etc. */
	size_t warning_nr;                          /* entries in warning */
	struct manifest_unreviewed *unreviewed;     /* SBOM input only */
	size_t unreviewed_nr;                       /* entries */
	size_t unreviewed_alloc;                    /* allocated */
	struct oh_strmap by_name; /* component name -> index in component */
};

/** A new empty manifest (for sources given on the command line). */
struct manifest *manifest_new(const char *name);

/**
 * Parse `len` bytes of JSON named `name` (for messages); relative repo
 * paths are resolved against `base_dir` (NULL: the current directory).
 * On success *out is a new manifest freed with manifest_free().
 * Errors: OH_EINPUT (syntax error with line:col, or a wrong field with its
 * JSON path such as components[2].repo), OH_ELIMIT.
 */
int manifest_parse(struct manifest **out, const char *data, size_t len,
		   const char *name, const char *base_dir, struct oh_err *err);

/** Read and parse a manifest file; adds OH_EIO/OH_ENOTFOUND. */
int manifest_load(struct manifest **out, const char *path, struct oh_err *err);

/**
 * Append a component for a bare URL or path; its name is derived from the
 * last path element without ".git".  OH_EINPUT when the name is taken or
 * the source is empty; OH_ELIMIT past MANIFEST_MAX_COMPONENTS.
 */
int manifest_add_source(struct manifest *m, const char *source,
			struct oh_err *err);

/**
 * Append copies of every component of `src` to `dst`.  OH_EINPUT when a
 * name is already taken (naming it), OH_ELIMIT past the component cap.
 */
int manifest_append(struct manifest *dst, const struct manifest *src,
		    struct oh_err *err);

/**
 * Append a component whose strings already live in m->arena (readers of
 * other formats, such as src/scan/bom.c).  The caller has made the name
 * unique; OH_ELIMIT past MANIFEST_MAX_COMPONENTS.
 */
int manifest_push(struct manifest *m, const struct manifest_component *mc,
		  struct oh_err *err);

/** Record a package that is listed but not reviewed (strings copied). */
void manifest_add_unreviewed(struct manifest *m, const char *name,
			     const char *version, const char *element,
			     const char *reason);

/** Find a component by name (borrowed), or NULL. */
const struct manifest_component *manifest_find(const struct manifest *m,
					       const char *name);

/**
 * Rebuild the name index after the caller removed or reordered entries of
 * m->component (scan_shard_select()).
 */
void manifest_reindex(struct manifest *m);

/** Free the manifest; NULL is a no-op. */
void manifest_free(struct manifest *m);

#endif /* OH_SCAN_MANIFEST_H */
