/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef OH_FACTS_VULNS_MODEL_H
#define OH_FACTS_VULNS_MODEL_H

/*
 * An OSV vulnerability record as osshealth keeps it: plain data shared by
 * the record reader and range rules (src/vulns/vulns.h) and the database
 * (src/store/store_vulns.h), which is why it lives in facts/.  The names
 * carry the vulns_ prefix of the module that defines their meaning.
 *
 * Memory: every string and array belongs to an arena (the reader's or
 * the store loader's); nothing here is freed on its own.
 */

#include <stddef.h>

enum vulns_range_type {
	VULNS_GIT,
	VULNS_SEMVER,
	VULNS_ECOSYSTEM,
};

enum vulns_event_kind {
	VULNS_INTRODUCED,
	VULNS_FIXED,
	VULNS_LAST_AFFECTED,
	VULNS_LIMIT,
};

enum vulns_verdict {
	VULNS_NOT_AFFECTED = 0,
	VULNS_AFFECTED = 1,
	VULNS_UNKNOWN = 2,
};

struct vulns_event {
	enum vulns_event_kind kind; /* introduced, fixed, ... */
	const char *value;          /* commit id, version, or "0" */
};

struct vulns_range {
	enum vulns_range_type type;
	const char *repo;          /* GIT: the repository URL as written */
	const char *repo_key;      /* its normalised form, when read from
				      the database; else NULL */
	struct vulns_event *event; /* in the record's order */
	size_t event_nr;
};

struct vulns_affected {
	const char *ecosystem; /* package.ecosystem; NULL when absent */
	const char *name;      /* package.name; NULL when absent */
	const char *purl;      /* package.purl; NULL when absent */
	struct vulns_range *range;
	size_t range_nr;
	const char **version; /* the explicit `versions` list */
	size_t version_nr;
	const char *severity; /* ecosystem_specific/database_specific
				 .severity ("HIGH"); NULL */
};

struct vulns_record {
	const char *id;     /* "OSV-2021-123", "CVE-...", "GHSA-..." */
	const char **alias; /* aliases */
	size_t alias_nr;
	const char *modified;      /* RFC 3339 as written (required) */
	const char *published;     /* NULL when absent */
	const char *withdrawn;     /* NULL when absent */
	const char *summary;       /* NULL when absent */
	const char *severity_type; /* "CVSS_V3", ...; "database" for a
				      database_specific word; NULL */
	const char *severity;      /* the score or vector; NULL */
	struct vulns_affected *affected;
	size_t affected_nr;
};

#endif /* OH_FACTS_VULNS_MODEL_H */
