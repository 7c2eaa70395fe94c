/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef OH_REPORT_REPORT_ENRICH_H
#define OH_REPORT_REPORT_ENRICH_H

/*
 * Renderer for `osshealth enrich`: the facts each online source gave, or
 * "unavailable: <reason>" per source.  Text (one line per source, one
 * indented line per vulnerability) or JSON (schema in docs/enrichment.md).
 * Strings from the network are printed with control bytes replaced in
 * text, escaped by cJSON in JSON.  Output is sorted (vulnerabilities by
 * id, aliases by name).
 */

#include <stdbool.h>
#include <stdio.h>

#include "report/report.h"

struct forge_facts;
struct oh_err;
struct osv_result;

struct report_enrich_source {
	const char *name;   /* "osv", "forge" */
	bool wanted;        /* requested with --enrich */
	const char *reason; /* NULL when available, else why not */
};

struct report_enrich {
	const char *repo;                  /* REPO_URL as given */
	const char *commit;                /* --commit or NULL */
	const char *purl;                  /* --purl or NULL */
	struct report_enrich_source osv;   /* OSV status */
	const struct osv_result *osv_res;  /* facts when osv.reason is NULL */
	struct report_enrich_source forge; /* forge status */
	const char *forge_kind;            /* "github", ... when available */
	const char *forge_project;         /* "owner/repo" when available */
	const struct forge_facts *forge_facts; /* when forge.reason is NULL */
};

/** Render `e` to fp; OH_EIO (naming "<stdout>") when writing fails. */
int report_enrich(FILE *fp, const struct report_enrich *e,
		  enum report_format format, struct oh_err *err);

#endif /* OH_REPORT_REPORT_ENRICH_H */
