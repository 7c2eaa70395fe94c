/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef OH_SCAN_BOM_H
#define OH_SCAN_BOM_H

/*
 * SBOMs as scan input.  A file given to `osshealth scan` may be a component
 * manifest (docs/manifest.md), an SPDX 2.2/2.3 document in any format the
 * sbom module reads (JSON, tag-value, RDF/XML) or a CycloneDX JSON BOM.
 * Every package of an SBOM becomes a component to review when its source
 * repository can be told without the network:
 *
 *   1. a git download location: "git+https://host/o/r.git@rev#sub",
 *      git:// or ssh:// URLs, a plain https URL ending in ".git" or naming
 *      a project on a known forge, or a forge source archive
 *      (github.com/o/r/archive/refs/tags/T.tar.gz and the like: repository
 *      o/r at tag T);
 *   2. a purl: pkg:github, pkg:gitlab, pkg:bitbucket, pkg:golang on those
 *      forges (pseudo-versions name their commit), or any type carrying a
 *      vcs_url qualifier;
 *   3. CycloneDX: an externalReference of type "vcs".
 *
 * The revision reviewed is the one the SBOM names (@rev, the archive tag,
 * the purl version), else the repository's HEAD.  Every other package is
 * listed in manifest->unreviewed with the reason (no download location,
 * a registry-only purl such as pkg:npm, a Mercurial or Subversion source,
 * the same source and revision as another component).
 *
 * Limits: SBOM_MAX_BYTES of input (as `sbom validate`), MANIFEST_MAX_COMPONENTS
 * reviewable components, BOM_MAX_DEPTH levels of nested CycloneDX
 * components, SBOM_MAX_ITEMS packages in all.  Beyond them: OH_ELIMIT.
 * Errors name the input and the place (JSON path or line).
 *
 * Pure except bom_load() (reads one file); thread safe (no globals).
 */

#include <stddef.h>

#include "core/arena.h"

struct manifest;
struct oh_err;

#define BOM_MAX_DEPTH 32

/* Where a package's source repository was found, or why not. */
struct bom_source {
	const char *repo;    /* clone URL; NULL when not found */
	const char *ref;     /* revision; NULL = HEAD */
	const char *subpath; /* "#sub" of an SPDX VCS location; or NULL */
	const char *via;     /* "download location", "purl", ... */
	const char *reason;  /* why not found (when repo is NULL) */
};

/**
 * Map an SPDX download location (or a CycloneDX vcs URL) to a source.
 * Returns 1 with out->repo set, or 0 with out->reason set.  Strings live
 * in `a`.
 */
int bom_source_from_location(struct bom_source *out, struct oh_arena *a,
			     const char *loc);

/** The same for a package URL (purl).  1 found, 0 with a reason. */
int bom_source_from_purl(struct bom_source *out, struct oh_arena *a,
			 const char *purl);

/**
 * Read `len` bytes named `name` as a manifest, an SPDX document or a
 * CycloneDX JSON BOM (told from the content) into a new manifest
 * (manifest_free()).  `base_dir` resolves a manifest's relative paths.
 * OH_EINPUT with the place when the input is none of these or malformed;
 * OH_ELIMIT past the limits above.
 */
int bom_parse(struct manifest **out, const char *data, size_t len,
	      const char *name, const char *base_dir, struct oh_err *err);

/** Read and parse a file; adds OH_EIO/OH_ENOTFOUND. */
int bom_load(struct manifest **out, const char *path, struct oh_err *err);

#endif /* OH_SCAN_BOM_H */
