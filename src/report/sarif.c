/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The SARIF 2.1.0 writer shared by every command; see sarif.h.
 */
#include "report/sarif.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "core/buf.h"
#include "core/err.h"
#include "core/xalloc.h"
#include "report/report.h"
#include "core/banned.h"

#ifndef OH_VERSION
#define OH_VERSION "0.0.0-unknown"
#endif
/* Where the project lives and where its docs/ folder is published. */
#ifndef OH_HOMEPAGE
#define OH_HOMEPAGE "https://osshealth.invalid"
#endif
#ifndef OH_DOCS_URL
#define OH_DOCS_URL OH_HOMEPAGE "/docs"
#endif

#define SARIF_SCHEMA "https://json.schemastore.org/sarif-2.1.0.json"
#define SRCROOT      "%SRCROOT%"

void report_sarif_begin(struct report_sarif *s, const char *command)
{
	cJSON *run = cJSON_CreateObject();
	cJSON *driver = cJSON_CreateObject();
	struct oh_buf id = OH_BUF_INIT;

	s->root = cJSON_CreateObject();
	s->index = cJSON_CreateObject();
	s->cq = cJSON_CreateArray();
	cJSON_AddStringToObject(s->root, "$schema", SARIF_SCHEMA);
	cJSON_AddStringToObject(s->root, "version", "2.1.0");
	cJSON_AddStringToObject(driver, "name", "osshealth");
	cJSON_AddStringToObject(driver, "version", OH_VERSION);
	cJSON_AddStringToObject(driver, "semanticVersion", OH_VERSION);
	cJSON_AddStringToObject(driver, "informationUri", OH_HOMEPAGE);
	s->rules = cJSON_AddArrayToObject(driver, "rules");
	cJSON_AddItemToObject(cJSON_AddObjectToObject(run, "tool"), "driver",
			      driver);
	oh_buf_addf(&id, "osshealth/%s/", command);
	cJSON_AddStringToObject(
		cJSON_AddObjectToObject(run, "automationDetails"), "id",
		id.buf);
	cJSON_AddStringToObject(run, "columnKind", "unicodeCodePoints");
	s->results = cJSON_AddArrayToObject(run, "results");
	cJSON_AddItemToArray(cJSON_AddArrayToObject(s->root, "runs"), run);
	oh_buf_release(&id);
}

/* "dco/no-signoff" -> "DcoNoSignoff": a name distinct from the id. */
static void rule_name(struct oh_buf *out, const char *id)
{
	bool up = true;

	for (const char *p = id; *p != '\0'; p++) {
		unsigned char c = (unsigned char)*p;
		bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
			     (c >= '0' && c <= '9');

		if (!alnum) {
			up = true;
			continue;
		}
		if (up && c >= 'a' && c <= 'z')
			c = (unsigned char)(c - 'a' + 'A');
		else if (!up && c >= 'A' && c <= 'Z')
			c = (unsigned char)(c - 'A' + 'a');
		oh_buf_addch(out, c);
		up = false;
	}
}

static void add_text(cJSON *o, const char *key, const char *text)
{
	cJSON_AddStringToObject(cJSON_AddObjectToObject(o, key), "text", text);
}

static void add_tags(cJSON *props, const char *tags)
{
	cJSON *arr = cJSON_AddArrayToObject(props, "tags");
	const char *p = tags;

	while (p && *p != '\0') {
		size_t n = strcspn(p, " ");
		char *t = oh_xmalloc(n + 1);

		memcpy(t, p, n);
		t[n] = '\0';
		if (n > 0)
			cJSON_AddItemToArray(arr, cJSON_CreateString(t));
		free(t);
		p += n;
		p += strspn(p, " ");
	}
}

static void rule_help(cJSON *r, const struct report_sarif_doc *d,
		      const char *uri)
{
	cJSON *help = cJSON_AddObjectToObject(r, "help");
	struct oh_buf b = OH_BUF_INIT;

	oh_buf_addf(&b, "%s\n\nHow to fix: %s\n\nDocumentation: %s", d->full,
		    d->help, uri);
	cJSON_AddStringToObject(help, "text", b.buf);
	oh_buf_reset(&b);
	oh_buf_addf(&b,
		    "**%s**\n\n%s\n\n**How to fix:** %s\n\n[Documentation](%s)",
		    d->brief, d->full, d->help, uri);
	cJSON_AddStringToObject(help, "markdown", b.buf);
	oh_buf_release(&b);
}

/* Add rule `id` on first use; its index in the rules array. */
static int rule_index(struct report_sarif *s, const char *id)
{
	const cJSON *seen = cJSON_GetObjectItemCaseSensitive(s->index, id);
	const struct report_sarif_doc *d = report_sarif_doc_find(id);
	cJSON *r;
	cJSON *props;
	struct oh_buf b = OH_BUF_INIT;
	int n;

	if (seen)
		return seen->valueint;
	n = cJSON_GetArraySize(s->rules);
	cJSON_AddNumberToObject(s->index, id, n);
	r = cJSON_CreateObject();
	cJSON_AddStringToObject(r, "id", id);
	rule_name(&b, id);
	cJSON_AddStringToObject(r, "name", b.buf);
	add_text(r, "shortDescription", d->brief);
	add_text(r, "fullDescription", d->full);
	oh_buf_reset(&b);
	oh_buf_addf(&b, "%s/%s", OH_DOCS_URL, d->doc);
	cJSON_AddStringToObject(r, "helpUri", b.buf);
	rule_help(r, d, b.buf);
	cJSON_AddStringToObject(
		cJSON_AddObjectToObject(r, "defaultConfiguration"), "level",
		d->level);
	props = cJSON_AddObjectToObject(r, "properties");
	add_tags(props, d->tags);
	if (d->security_severity)
		cJSON_AddStringToObject(props, "security-severity",
					d->security_severity);
	cJSON_AddItemToArray(s->rules, r);
	oh_buf_release(&b);
	return n;
}

static bool unreserved(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' ||
	       c == '~';
}

bool report_sarif_uri(struct oh_buf *out, const char *path)
{
	bool rel = path[0] != '/';
	const char *p = path;

	oh_buf_reset(out);
	if (!rel) {
		oh_buf_adds(out, "file://");
	} else {
		while (p[0] == '.' && p[1] == '/')
			p += 2 + strspn(p + 2, "/");
	}
	for (; *p != '\0'; p++) {
		unsigned char c = (unsigned char)*p;

		if (c == '/' && p[1] == '/')
			continue;
		if (unreserved(c) || c == '/')
			oh_buf_addch(out, c);
		else
			oh_buf_addf(out, "%%%02X", c);
	}
	if (out->len == 0)
		oh_buf_adds(out, ".");
	return rel;
}

/* 64-bit FNV-1a over the NUL-separated parts, twice with two bases. */
static void fingerprint(struct oh_buf *out, const char *const *part, size_t n)
{
	uint64_t h[2] = { 14695981039346656037ULL, 0x6c62272e07bb0142ULL };

	for (size_t k = 0; k < 2; k++) {
		for (size_t i = 0; i < n; i++) {
			for (const char *p = part[i] ? part[i] : ""; *p != '\0';
			     p++) {
				h[k] ^= (unsigned char)*p;
				h[k] *= 1099511628211ULL;
			}
			h[k] ^= 0xff;
			h[k] *= 1099511628211ULL;
		}
	}
	oh_buf_addf(out, "%016llx%016llx", (unsigned long long)h[0],
		    (unsigned long long)h[1]);
}

static cJSON *location(const struct report_sarif_result *r, struct oh_buf *b)
{
	cJSON *loc = cJSON_CreateObject();
	cJSON *phys = cJSON_AddObjectToObject(loc, "physicalLocation");
	cJSON *art = cJSON_AddObjectToObject(phys, "artifactLocation");

	if (report_sarif_uri(b, r->path ? r->path : ".git")) {
		cJSON_AddStringToObject(art, "uri", b->buf);
		cJSON_AddStringToObject(art, "uriBaseId", SRCROOT);
	} else {
		cJSON_AddStringToObject(art, "uri", b->buf);
	}
	if (r->line > 0)
		cJSON_AddNumberToObject(cJSON_AddObjectToObject(phys, "region"),
					"startLine", (double)r->line);
	if (r->logical) {
		cJSON *lo = cJSON_CreateObject();

		cJSON_AddStringToObject(lo, "name", r->logical);
		if (r->logical_fqn)
			cJSON_AddStringToObject(lo, "fullyQualifiedName",
						r->logical_fqn);
		if (r->logical_kind)
			cJSON_AddStringToObject(lo, "kind", r->logical_kind);
		cJSON_AddItemToArray(
			cJSON_AddArrayToObject(loc, "logicalLocations"), lo);
	}
	return loc;
}

static const char *cq_severity(const char *level)
{
	if (strcmp(level, "error") == 0)
		return "major";
	return strcmp(level, "warning") == 0 ? "minor" : "info";
}

/* The GitLab Code Quality twin of a result. */
static void cq_add(struct report_sarif *s, const struct report_sarif_result *r,
		   const char *level, const char *fp)
{
	cJSON *o = cJSON_CreateObject();
	cJSON *loc;
	const char *path = r->path ? r->path : ".git";

	while (path[0] == '.' && path[1] == '/')
		path += 2;
	cJSON_AddStringToObject(o, "description", r->message);
	cJSON_AddStringToObject(o, "check_name", r->rule);
	cJSON_AddStringToObject(o, "fingerprint", fp);
	cJSON_AddStringToObject(o, "severity", cq_severity(level));
	loc = cJSON_AddObjectToObject(o, "location");
	cJSON_AddStringToObject(loc, "path", path);
	cJSON_AddNumberToObject(cJSON_AddObjectToObject(loc, "lines"), "begin",
				r->line > 0 ? (double)r->line : 1);
	cJSON_AddItemToArray(s->cq, o);
}

void report_sarif_add(struct report_sarif *s,
		      const struct report_sarif_result *r)
{
	cJSON *res = cJSON_CreateObject();
	int idx = rule_index(s, r->rule);
	struct oh_buf b = OH_BUF_INIT;
	struct oh_buf fp = OH_BUF_INIT;
	const char *part[3];
	const char *level =
		r->level ? r->level : report_sarif_doc_find(r->rule)->level;

	cJSON_AddStringToObject(res, "ruleId", r->rule);
	cJSON_AddNumberToObject(res, "ruleIndex", idx);
	cJSON_AddStringToObject(res, "level", level);
	add_text(res, "message", r->message);
	cJSON_AddItemToArray(cJSON_AddArrayToObject(res, "locations"),
			     location(r, &b));
	part[0] = r->rule;
	part[1] = b.buf; /* the URI location() left in b */
	part[2] = r->identity;
	fingerprint(&fp, part, 3);
	cJSON_AddStringToObject(
		cJSON_AddObjectToObject(res, "partialFingerprints"),
		"osshealth/v1", fp.buf);
	cJSON_AddItemToArray(s->results, res);
	cq_add(s, r, level, fp.buf);
	oh_buf_release(&fp);
	oh_buf_release(&b);
}

void report_sarif_run_property(struct report_sarif *s, const char *key,
			       cJSON *value)
{
	cJSON *run = cJSON_GetArrayItem(
		cJSON_GetObjectItemCaseSensitive(s->root, "runs"), 0);
	cJSON *props = cJSON_GetObjectItemCaseSensitive(run, "properties");

	if (!props)
		props = cJSON_AddObjectToObject(run, "properties");
	cJSON_AddItemToObject(props, key, value);
}

int report_sarif_end(struct report_sarif *s, FILE *fp, struct oh_err *err)
{
	cJSON_Delete(s->cq);
	s->cq = NULL;
	cJSON_Delete(s->index);
	report_print_json(fp, s->root);
	s->root = NULL;
	s->index = NULL;
	return report_check_stream(fp, "<output>", err);
}

int report_sarif_end_codequality(struct report_sarif *s, FILE *fp,
				 struct oh_err *err)
{
	cJSON_Delete(s->index);
	cJSON_Delete(s->root);
	report_print_json(fp, s->cq);
	s->root = NULL;
	s->index = NULL;
	s->cq = NULL;
	return report_check_stream(fp, "<output>", err);
}
