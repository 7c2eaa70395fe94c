/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef OH_SBOM_SYNTAX_H
#define OH_SBOM_SYNTAX_H

/*
 * Syntax of the SPDX 2.2/2.3 value types the JSON schema leaves as plain
 * strings: timestamps, actors, download locations and URLs, package URLs
 * (purl-spec) and CPE 2.2/2.3 names.  Each *_error() function returns
 * NULL when the value is well formed, else a short static reason ("no
 * name after the type") for a diagnostic.
 *
 * The rules follow the SPDX 2.3 specification (clauses 6.8, 6.9, 7.5,
 * 7.7, 7.11, annex F) and, where the specification gives no grammar, what
 * the SPDX reference validator (tools-python) accepts; docs/sbom.md lists
 * the differences.  Pure functions over NUL-terminated strings, linear in
 * their length; thread safe.
 */

#include <stdbool.h>

/** "YYYY-MM-DDThh:mm:ssZ" naming a real UTC time (2020-02-30 is not). */
bool sbom_date_is_valid(const char *s);

/**
 * An actor: "Person: name [(email)]", "Organization: name [(email)]",
 * and with `tool_ok` "Tool: name"; with `noassertion_ok` also
 * "NOASSERTION".  The name must not be empty.
 */
const char *sbom_actor_error(const char *s, bool tool_ok, bool noassertion_ok);

/**
 * A web address for homepage: optional scheme (http, https, ftp, sftp,
 * ssh, git, svn) and "://", optional "user@", a host name with a dot and
 * an alphabetic top-level label, optional ":port", then nothing or a part
 * starting with '/', '?' or '#'; no blank or control character.
 */
const char *sbom_url_error(const char *s);

/**
 * A package download location (7.7): NONE, NOASSERTION, a URL as above,
 * optionally prefixed "git+", "hg+", "svn+" or "bzr+", or the forms
 * "git+git@host:path" and "bzr+lp:name".
 */
const char *sbom_download_location_error(const char *s);

/**
 * A package URL: "pkg:" type "/" [namespace "/"] name ["@" version]
 * ["?" qualifiers] ["#" subpath]; the type of letters, digits, '.', '+'
 * or '-' not starting with a digit; a non-empty name; qualifiers
 * key=value with keys of letters, digits, '.', '-' or '_'; percent
 * escapes of two hex digits; no blank or control character.
 */
const char *sbom_purl_error(const char *s);

/**
 * A CPE 2.3 formatted string: "cpe:2.3:" part (a, h, o, '*' or '-') and
 * ten more components, each '*', '-' or a value of letters, digits, '-',
 * '.', '_' and backslash-escaped punctuation with optional leading and
 * trailing wildcards; the language component a language tag.
 */
const char *sbom_cpe23_error(const char *s);

/** A CPE 2.2 URI: "cpe:/" [aho] and up to six ":"-separated parts. */
const char *sbom_cpe22_error(const char *s);

#endif /* OH_SBOM_SYNTAX_H */
