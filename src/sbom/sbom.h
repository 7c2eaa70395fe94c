/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef OH_SBOM_SBOM_H
#define OH_SBOM_SBOM_H

/*
 * SBOM validation: an SPDX 2.2 or 2.3 document in JSON is checked
 * against the specification (profile SPDX) and against the NTIA minimum
 * elements (profile NTIA); a CycloneDX 1.4-1.6 BOM (JSON or XML) against
 * its schema's rules and semantics (cdx.h), the NTIA elements and BSI
 * TR-03183-2 (profile BSI).  Every diagnostic has a severity, a stable
 * code (listed in docs/sbom.md), the element it concerns and its place as
 * a JSON path (packages[3].checksums[0].checksumValue).
 *
 * The format is detected from content.  JSON is checked as parsed;
 * tag-value and RDF/XML are read into the
 * document model (model.h) and checked in its SPDX JSON form, each diagnostic's place then starting
 * with the input line of its element ("line 12: packages[0].name").  YAML
 * is read into the JSON tree (model.h) and checked as JSON; XLSX is
 * refused as unsupported.
 *
 * Limits: SBOM_MAX_BYTES (256 MiB) of input (OH_ELIMIT), SBOM_MAX_DIAGS diagnostics
 * kept (the rest counted), SBOM_MAX_ELEMENTS SPDX ids; JSON is parsed by
 * sbom_json_parse() (model.h) as scan reads it: SBOM_MAX_DEPTH nesting, NUL
 * characters refused; what the document reader refuses (duplicate keys,
 * wrong types) is an SPDX-JSON error.  License expressions go through lic_expr_parse
 * with the SPDX license list when one is given (unknown ids are errors,
 * deprecated ones warnings).
 *
 * Pure over the bytes given; no file, network or clock access.  Thread
 * safe (no globals).
 */

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

#include "core/arena.h"

struct lic_list;
struct oh_err;

#define SBOM_MAX_BYTES    (256u << 20)
#define SBOM_MAX_DIAGS    1000
#define SBOM_MAX_ELEMENTS 2000000

enum sbom_profile {
	SBOM_PROFILE_SPDX = 1u << 0, /* the specification */
	SBOM_PROFILE_NTIA = 1u << 1, /* NTIA minimum elements, as the SPDX
				      * reference checker tests them */
	SBOM_PROFILE_NTIA_STRICT = 1u << 2, /* NTIA plus a purl/CPE/SWID or
					     * checksum and a relationship
					     * naming each package */
	SBOM_PROFILE_BSI = 1u << 3, /* BSI TR-03183-2 v2.1.0 (CycloneDX) */
};

enum sbom_format {
	SBOM_FORMAT_UNKNOWN,
	SBOM_FORMAT_JSON,
	SBOM_FORMAT_TAGVALUE,
	SBOM_FORMAT_RDF,
	SBOM_FORMAT_YAML,
	SBOM_FORMAT_XLSX,
};

enum sbom_severity {
	SBOM_ERROR,   /* the document breaks the specification or profile */
	SBOM_WARNING, /* legal but doubtful (e.g. upper-case hex) */
};

struct sbom_diag {
	enum sbom_severity severity; /* error or warning */
	const char *code;            /* stable code, e.g. "SPDX-NAMESPACE" */
	const char *element;         /* SPDX id or "document" (arena) */
	const char *where;           /* JSON path (arena) */
	const char *message;         /* one line (arena) */
};

struct sbom_report {
	struct oh_arena arena;  /* owns the strings */
	struct sbom_diag *diag; /* in document order */
	size_t diag_nr;         /* entries in diag */
	size_t diag_alloc;      /* allocated */
	size_t more;            /* diagnostics not kept */
	size_t errors;          /* all errors, kept or not */
	size_t warnings;        /* all warnings, kept or not */
	const char *version;    /* "SPDX-2.3", or NULL */
	size_t packages;        /* counts, for the summary */
	size_t files;
	size_t relationships;
};

/* clang-format off */
#define SBOM_REPORT_INIT { .arena = OH_ARENA_INIT }
/* clang-format on */

/** The format of `len` bytes, from their content. */
enum sbom_format sbom_format_detect(const char *data, size_t len);

/** "SPDX JSON", "SPDX tag-value", ... */
const char *sbom_format_name(enum sbom_format f);

/**
 * Validate `len` bytes named `name` under `profiles` (enum sbom_profile
 * bits) into `out` (SBOM_REPORT_INIT).  With `licenses` (may be NULL:
 * syntax only) license ids must be on the list (SPDX-LICENSE-UNKNOWN).  Returns 0 when the document was
 * read (valid or not: see out->errors), OH_EINPUT when it cannot be read
 * (not JSON, another format, not an SPDX document; err has the place),
 * OH_ELIMIT past SBOM_MAX_BYTES.
 */
int sbom_validate(struct sbom_report *out, const char *data, size_t len,
		  const char *name, unsigned profiles,
		  const struct lic_list *licenses, struct oh_err *err);

/** Free the report's contents. */
void sbom_report_release(struct sbom_report *r);

/**
 * Count one diagnostic and keep it while fewer than SBOM_MAX_DIAGS are
 * kept (then it only counts in `more`).  element NULL = "document"; the
 * strings are copied into the report's arena.  Every validator (SPDX 2,
 * SPDX 3, CycloneDX) reports through here.
 */
void sbom_report_vadd(struct sbom_report *r, enum sbom_severity sev,
		      const char *code, const char *element, const char *where,
		      const char *fmt, va_list ap);

#endif /* OH_SBOM_SBOM_H */
