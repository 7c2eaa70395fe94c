/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef OH_NET_OSV_H
#define OH_NET_OSV_H

/*
 * Known vulnerabilities from an OSV API (https://api.osv.dev or a mirror
 * with the same API): POST /v1/querybatch by commit id and by package URL
 * (+ version), then GET /v1/vulns/ID for each id found.
 *
 * Operations: build the batch request, parse a batch reply into the list
 * of vulnerability ids, parse one vulnerability record into facts (id,
 * aliases, severity, whether a fix exists), and osv_lookup() doing all of
 * it over a net_client.
 *
 * Failure is all or nothing: osv_lookup() returns either the complete
 * list or an error (the caller then marks the check `unknown`).  A result
 * with a "next_page_token" is asked for again with that "page_token"
 * until no token comes back, at most OSV_MAX_PAGES batches; more is an
 * error, never a short count.
 *
 * Limits (untrusted replies): a body is at most OSV_MAX_BODY bytes, at
 * most OSV_MAX_VULNS distinct ids, OSV_MAX_ALIASES aliases per record,
 * strings at most OSV_MAX_STRING bytes, ids only of [A-Za-z0-9._:-] (they
 * become URL path segments), JSON nesting as cJSON allows (1000).  Errors
 * name the input ("<url>" or the caller's name) and, for invalid JSON, the
 * byte offset.
 *
 * Thread safety: none needed; results belong to the caller.
 */

#include <stdbool.h>
#include <stddef.h>

struct oh_buf;
struct oh_err;
struct net_client;

#define OSV_DEFAULT_URL    "https://api.osv.dev"
#define OSV_MAX_BODY       (4u << 20)
#define OSV_MAX_VULNS      256
#define OSV_MAX_ALIASES    64
#define OSV_MAX_STRING     1024
#define OSV_MAX_QUERIES    100
#define OSV_MAX_PAGES      32   /* batches of one lookup, pages included */
#define OSV_MAX_EACH_VULNS 8192 /* distinct records of osv_lookup_each() */

struct osv_query {
	const char *commit;     /* full commit id, or NULL */
	const char *purl;       /* package URL, or NULL */
	const char *version;    /* with purl when the purl has no @version */
	const char *page_token; /* next page of an earlier reply, or NULL */
};

struct osv_vuln {
	char *id;            /* owned, e.g. "GHSA-xxxx-xxxx-xxxx" */
	char **alias;        /* owned strings, e.g. "CVE-2024-1234" */
	size_t alias_nr;     /* entries in alias */
	char *severity_type; /* "CVSS_V3", "CVSS_V4", ..., "database"; NULL */
	char *severity;      /* CVSS vector or score, or "HIGH"...; NULL */
	char *summary;       /* owned; NULL when absent */
	char *modified;      /* owned RFC 3339 text; NULL when absent */
	bool fixed;          /* some affected range has a "fixed" event */
	bool withdrawn;      /* the record carries "withdrawn" */
};

struct osv_result {
	struct osv_vuln *vuln; /* sorted by id */
	size_t vuln_nr;        /* entries in vuln */
};

/**
 * Append the querybatch JSON for q[0..nr) to out.  OH_EINPUT when a query
 * has neither commit nor purl, OH_ELIMIT when nr > OSV_MAX_QUERIES.
 */
int osv_batch_request(struct oh_buf *out, const struct osv_query *q, size_t nr,
		      struct oh_err *err);

/**
 * Parse a querybatch reply: the distinct vulnerability ids of all results,
 * sorted, into *ids_out (caller frees each and the array with free()).
 * `name` names the input in errors.  A result with a "next_page_token"
 * is an error (OH_ELIMIT): use osv_batch_parse_pages() to follow them.
 */
int osv_batch_parse(char ***ids_out, size_t *nr_out, const char *body,
		    size_t len, const char *name, struct oh_err *err);

/**
 * As osv_batch_parse(), for a reply to `nq` queries: next_out[i] (an
 * array of nq the caller provides) gets the "next_page_token" of result i
 * (caller frees each with free()) or NULL.  OH_EINPUT when the reply has
 * another number of results or a token that is not a non-empty string of
 * at most OSV_MAX_STRING printable characters.
 */
int osv_batch_parse_pages(char ***ids_out, size_t *nr_out, char **next_out,
			  size_t nq, const char *body, size_t len,
			  const char *name, struct oh_err *err);

/**
 * Parse one /v1/vulns/ID record into *out (release with
 * osv_vuln_release()).  When `want_id` is not NULL the record's id must
 * equal it.
 */
int osv_vuln_parse(struct osv_vuln *out, const char *body, size_t len,
		   const char *want_id, const char *name, struct oh_err *err);

/** Free what osv_vuln_parse() allocated. */
void osv_vuln_release(struct osv_vuln *v);

/**
 * Query base_url (NULL = OSV_DEFAULT_URL) for q[0..nr) and fetch each
 * vulnerability found.  On success *out is complete (release with
 * osv_result_release()); on failure it is empty and err says why.
 */
int osv_lookup(struct osv_result *out, struct net_client *c,
	       const char *base_url, const struct osv_query *q, size_t nr,
	       struct oh_err *err);

/** Free the result's records. */
void osv_result_release(struct osv_result *r);

/* Vulnerability ids of one result (internal to the parsers, owned). */
struct osv_ids {
	char **id;
	size_t nr;
	size_t alloc;
};

/* The answer of osv_lookup_each(): the records, and which affect what. */
struct osv_each {
	struct osv_result all; /* distinct records, sorted by id */
	size_t **hit;          /* hit[i]: indexes into all.vuln, query i */
	size_t *hit_nr;        /* entries of hit[i] */
	size_t nr;             /* queries */
};

/**
 * Query base_url for q[0..nr), any number of queries (sent in batches of
 * OSV_MAX_QUERIES, every page followed; a query may carry at most
 * OSV_MAX_VULNS ids, all together at most OSV_MAX_EACH_VULNS records),
 * and fetch each distinct record once.  The answer keeps which records
 * affect which query.  All or nothing, like osv_lookup(); release with
 * osv_each_release() in both cases.
 */
int osv_lookup_each(struct osv_each *out, struct net_client *c,
		    const char *base_url, const struct osv_query *q, size_t nr,
		    struct oh_err *err);

void osv_each_release(struct osv_each *e);

/** True when id consists only of [A-Za-z0-9._:-] and is not empty. */
bool osv_id_valid(const char *id);

#endif /* OH_NET_OSV_H */
