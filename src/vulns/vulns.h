/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef OH_VULNS_VULNS_H
#define OH_VULNS_VULNS_H

/*
 * OSV vulnerability records (https://ossf.github.io/osv-schema/) read from
 * files, and the rules that decide whether a commit or a version is
 * affected.  Pure: no git, network or database; reachability in a
 * repository is asked of the caller through vulns_reach_fn.
 *
 * Operations:
 *   vulns_record_parse()    one record, JSON or YAML, into an arena
 *   vulns_git_eval()        a GIT range at a commit
 *   vulns_version_eval()    an affected entry at a version (SEMVER,
 *                           ECOSYSTEM for npm, crates.io and Go, and the
 *                           explicit `versions` list)
 *   vulns_semver_cmp()      SemVer 2.0.0 precedence
 *   vulns_purl_package()    ecosystem and name of a package URL
 *   vulns_load()            every record of a zip export, a directory
 *                           tree of .json/.yaml/.yml files, or one file
 *
 * GIT ranges follow the OSV schema's reading of "u < v" as "u is an
 * ancestor of v", applied to each range on its own:
 *   a commit C is affected by a range when
 *     - some `introduced` event is "0" or an ancestor of C (or C itself),
 *     - no `fixed` event is an ancestor of C or C itself,
 *     - no `last_affected` event is a proper ancestor of C,
 *     - and, when the range has `limit` events, C is a proper ancestor
 *       of one of them.
 *   A record is affected when one of its GIT ranges for the repository is.
 *   Several introduced/fixed pairs on one line of history belong in
 *   separate ranges (a fix is final for everything descending from it).
 *   An event commit the repository lacks makes the verdict `unknown`
 *   whenever it could have changed it; nothing is guessed.
 *
 * Limits (untrusted input): VULNS_MAX_BYTES per record, VULNS_MAX_ITEMS
 * entries per array, VULNS_MAX_STRING bytes per string, the nesting depth
 * of the JSON/YAML reader (SBOM_MAX_DEPTH); a zip export of at most
 * VULNS_MAX_FILES records.  Errors name the file (for a zip:
 * "export.zip:member.json") and the JSON path of the problem.
 *
 * Not thread safe per arena; functions keep no state.
 */

#include <stdbool.h>
#include <stddef.h>

#include "facts/vulns_model.h"

struct oh_arena;
struct oh_err;

#define VULNS_MAX_BYTES  (4u << 20)
#define VULNS_MAX_ITEMS  100000u
#define VULNS_MAX_STRING 65536u
#define VULNS_MAX_FILES  2000000u

/**
 * Parse one OSV record (`yaml`: YAML, else JSON) into *out; every string
 * and array lives in `a` (borrowed until oh_arena_release()).  `name`
 * names the input in errors.  OH_EINPUT for invalid JSON/YAML or a record
 * that breaks the schema ("affected[1].ranges[0].events[2]: 'fixed' must
 * be a string"): missing id or modified, an unknown range type, a range
 * without introduced, a GIT range without repo or with an event that is
 * not a full commit id; OH_ELIMIT past a documented limit.
 */
int vulns_record_parse(struct vulns_record *out, struct oh_arena *a,
		       const char *s, size_t len, bool yaml, const char *name,
		       struct oh_err *err);

/**
 * Reachability in the repository: set *out to true when `ancestor` is
 * `commit` or one of its ancestors.  Returns 0, OH_ENOTFOUND when either
 * commit is not in the repository, or another oh_code on failure (with
 * err set).
 */
typedef int (*vulns_reach_fn)(bool *out, const char *ancestor,
			      const char *commit, void *payload,
			      struct oh_err *err);

/**
 * The verdict of GIT range `r` at `commit` (a full id the repository
 * has), by the rules at the top of this header.  Returns 0 with *out set,
 * or the first error of `reach` other than OH_ENOTFOUND.
 */
int vulns_git_eval(enum vulns_verdict *out, const struct vulns_range *r,
		   const char *commit, vulns_reach_fn reach, void *payload,
		   struct oh_err *err);

/**
 * The verdict of affected entry `a` at `version`: affected when the
 * version is listed in `versions`, else by its SEMVER ranges and its
 * ECOSYSTEM ranges when the ecosystem is one whose order is implemented
 * (npm, crates.io, Go: SemVer, Go with its "v"), evaluated as the OSV
 * schema's sorted-events algorithm; `unknown` when a range cannot be
 * evaluated (another ecosystem, a version that does not parse) and no
 * other range says affected.
 */
enum vulns_verdict vulns_version_eval(const struct vulns_affected *a,
				      const char *version);

/**
 * SemVer 2.0.0 precedence of a and b (-1, 0, 1) into *out; false when
 * either is not a SemVer version.  A leading "v" is accepted when
 * `allow_v` (Go).
 */
bool vulns_semver_cmp(int *out, const char *a, const char *b, bool allow_v);

/**
 * Split package URL `purl` ("pkg:npm/%40scope/name@1.2.3") into the OSV
 * ecosystem, the OSV package name and the version, each allocated in
 * `a`; *version_out is NULL without "@".  False for a purl whose type
 * has no OSV ecosystem here or that does not parse.
 */
bool vulns_purl_package(const char **ecosystem_out, const char **name_out,
			const char **version_out, struct oh_arena *a,
			const char *purl);

/** The OSV spelling of a range type, event kind, or verdict. */
const char *vulns_range_type_name(enum vulns_range_type t);
const char *vulns_event_kind_name(enum vulns_event_kind k);
const char *vulns_verdict_name(enum vulns_verdict v);

/**
 * One record file found by vulns_load(): `name` is "path" or
 * "archive.zip:member", `data` its bytes.  Return 0 to go on, or an
 * oh_code to stop the load with that code.
 */
typedef int (*vulns_file_fn)(const char *name, const char *data, size_t len,
			     bool yaml, void *payload);

/**
 * Call `fn` for every record file under `path`: a .zip export (members
 * ending in .json), a directory tree (files ending in .json, .yaml or
 * .yml, in sorted order; hidden entries skipped), or one such file.
 * Files over VULNS_MAX_BYTES are passed to `fn` with len 0 and data NULL
 * so that the caller reports them.  OH_EIO for a path that cannot be
 * read, OH_EINPUT for a broken zip, OH_ELIMIT past VULNS_MAX_FILES, or
 * the code `fn` stopped with.
 */
int vulns_load(const char *path, vulns_file_fn fn, void *payload,
	       struct oh_err *err);

#endif /* OH_VULNS_VULNS_H */
