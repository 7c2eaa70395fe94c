/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef OH_LICENSE_PKGMETA_H
#define OH_LICENSE_PKGMETA_H

/*
 * Declared licenses in package metadata: package.json (npm),
 * composer.json, Cargo.toml, pyproject.toml (PEP 621/639 and Poetry),
 * setup.cfg, *.gemspec, pom.xml, DESCRIPTION (R), *.cabal and go.mod
 * (Go has no license field: a module's license is the LICENSE file in
 * its directory, so go.mod only marks the directory).
 *
 * Operation: lic_meta_kind_of() classifies a file name; lic_meta_parse()
 * reads the declared license.  The result is an SPDX expression where the
 * format holds one (npm, composer, Cargo, pyproject `license`, cabal 2.2+)
 * or a conventional name mapped to SPDX where it is unambiguous (R's
 * "GPL (>= 2)", Maven's "The Apache Software License, Version 2.0");
 * anything else is returned verbatim with `is_name` set, for the license
 * engine to resolve or report.  Lists are combined with OR where the
 * format defines a list as a choice (npm `licenses`, composer, gemspec
 * `licenses`, R '|'), and with AND for Maven's <licenses> (all apply).
 *
 * Limits: LIC_META_MAX_BYTES of input (OH_ELIMIT), expression
 * LIC_META_EXPR_MAX bytes (longer ones are cut and flagged).  pom.xml is
 * read by libxml2 with XML_PARSE_NONET and without entity substitution
 * or DTD loading.  No code in the file is ever executed (a gemspec is
 * read as text).  Errors (OH_EINPUT) name the file and, where known, the
 * line.  Thread safe.
 */

#include <stdbool.h>
#include <stddef.h>

struct oh_err;

#define LIC_META_MAX_BYTES (1u << 20)
#define LIC_META_EXPR_MAX  511u

enum lic_meta_kind {
	LIC_META_NONE = 0,
	LIC_META_NPM,
	LIC_META_COMPOSER,
	LIC_META_CARGO,
	LIC_META_PYPROJECT,
	LIC_META_SETUPCFG,
	LIC_META_GEMSPEC,
	LIC_META_POM,
	LIC_META_RDESC,
	LIC_META_CABAL,
	LIC_META_GOMOD,
};

struct lic_declared {
	enum lic_meta_kind kind;          /* format read */
	char expr[LIC_META_EXPR_MAX + 1]; /* "" when none is declared */
	unsigned line;                    /* 1-based; 0 when unknown */
	bool is_name;                     /* free text, not SPDX */
	bool truncated;                   /* expr was cut */
	char license_file[128];           /* "license-file" style ref */
};

/** The kind of a file by its base name (not its directory). */
enum lic_meta_kind lic_meta_kind_of(const char *basename);

/** Short name: "package.json", "Cargo.toml", ..., "go.mod". */
const char *lic_meta_kind_name(enum lic_meta_kind kind);

/**
 * Read the declared license of buf[0..len) of the given kind.  Returns 0
 * (out->expr may be empty: nothing declared), OH_EINPUT or OH_ELIMIT.
 */
int lic_meta_parse(struct lic_declared *out, enum lic_meta_kind kind,
		   const char *buf, size_t len, const char *name,
		   struct oh_err *err);

#endif /* OH_LICENSE_PKGMETA_H */
