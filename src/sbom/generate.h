/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef OH_SBOM_GENERATE_H
#define OH_SBOM_GENERATE_H

/*
 * SBOM generation: one SPDX 2.3 document describing one package, the
 * source tree read by collect_sbom_source().
 *
 * The package: name, version (the tag at the commit, else `git describe
 * --tags`), download location "git+URL@commit" (origin URL; NOASSERTION
 * without one), a purl for GitHub, GitLab and Bitbucket URLs, supplier
 * when given, declared and concluded license from the license engine,
 * license info from the files' tags, the verification code, primary
 * purpose SOURCE.  Each regular file: "./path", SHA-1 and SHA-256, its
 * own SPDX tags as licenseInfoInFiles (NONE when read and untagged,
 * NOASSERTION when not read), its effective license as concluded.
 * Relationships: DOCUMENT DESCRIBES the package, the package CONTAINS each
 * file.  Every LicenseRef- used gets an extracted-license entry (the text
 * of LICENSES/<ref>.* when present).  Creator "Tool: osshealth-VERSION",
 * licenseListVersion when the options give it.
 *
 * Pure: the same source and options give the same document.  The creation
 * time and the namespace are options; the default namespace is derived
 * from the package, commit and creation time.
 */

#include <stddef.h>
#include <stdint.h>

struct oh_err;
struct sbom_doc;
struct sbom_source;

struct sbom_gen_opts {
	const char *name;       /* package name; NULL: the source's */
	const char *supplier;   /* "Organization: X" / "Person: Y"; NULL */
	const char *namespace_; /* document namespace; NULL: derived */
	int64_t created;        /* creation time (Unix seconds) */
	const char *tool;       /* "osshealth-1.0.0" */
	const char *license_list_version; /* "3.25": licenseListVersion; NULL */
};

/**
 * The SPDX License List version ("3.25") a license list names in its
 * version line ("spdx-license-list-data-3.25", what `osshealth data
 * update` installs), or NULL when it names none (the npm-packaged list
 * shipped in licenses/ says only its package version).  Borrowed from
 * `list_version`.
 */
const char *sbom_license_list_version(const char *list_version);

/** Build the document into *out (free with sbom_doc_free()). */
int sbom_generate(struct sbom_doc **out, const struct sbom_source *src,
		  const struct sbom_gen_opts *opts, struct oh_err *err);

/**
 * The purl of a repository URL ("pkg:github/o/r@v"), appended to a
 * buffer of `size` bytes; returns 0, or -1 when none is derivable.
 */
int sbom_purl_for(char *out, size_t size, const char *url, const char *version);

#endif /* OH_SBOM_GENERATE_H */
