/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The OSV record reader: the JSON or YAML text becomes a cJSON tree
 * (through the SBOM readers' parsers, which carry the depth limit and
 * refuse YAML aliases), then the fields osshealth keeps are checked and
 * copied into an arena.  Fields we do not keep (details, references,
 * credits, ...) are ignored whatever they hold; fields we keep must have
 * the schema's types.  A record is taken whole or refused whole.
 */
#include "vulns/vulns.h"

#include <stdio.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "core/arena.h"
#include "core/err.h"
#include "sbom/model.h"
#include "core/banned.h"

struct rd {
	struct oh_arena *a;
	const char *name;
	struct oh_err *err;
	char path[160]; /* JSON path of the element being read */
};

static int fail(struct rd *r, const char *key, const char *what)
{
	return oh_err_set(r->err, OH_EINPUT, r->name, 0, 0, "%s%s'%s' %s",
			  r->path, r->path[0] != '\0' ? ": " : "", key, what);
}

/* An optional string member: NULL when absent or null. */
static int str(const char **out, struct rd *r, const cJSON *obj,
	       const char *key, bool required)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);

	*out = NULL;
	if (!v || cJSON_IsNull(v)) {
		if (required)
			return fail(r, key, "is missing");
		return 0;
	}
	if (!cJSON_IsString(v))
		return fail(r, key, "must be a string");
	if (strlen(v->valuestring) > VULNS_MAX_STRING)
		return oh_err_set(r->err, OH_ELIMIT, r->name, 0, 0,
				  "%s: '%s' is longer than %u bytes", r->path,
				  key, VULNS_MAX_STRING);
	*out = oh_arena_strdup(r->a, v->valuestring);
	return 0;
}

/* An optional array member: *nr 0 when absent or null. */
static int arr(const cJSON **out, size_t *nr, struct rd *r, const cJSON *obj,
	       const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);

	*out = NULL;
	*nr = 0;
	if (!v || cJSON_IsNull(v))
		return 0;
	if (!cJSON_IsArray(v))
		return fail(r, key, "must be an array");
	*nr = (size_t)cJSON_GetArraySize(v);
	if (*nr > VULNS_MAX_ITEMS)
		return oh_err_set(r->err, OH_ELIMIT, r->name, 0, 0,
				  "%s: '%s' has more than %u entries", r->path,
				  key, VULNS_MAX_ITEMS);
	*out = v;
	return 0;
}

static int strings(const char ***out, size_t *nr, struct rd *r,
		   const cJSON *obj, const char *key)
{
	const cJSON *a;
	const cJSON *v;
	size_t i = 0;

	if (arr(&a, nr, r, obj, key) < 0)
		return r->err->code;
	*out = oh_arena_alloc(r->a, (*nr + 1) * sizeof(**out));
	cJSON_ArrayForEach(v, a)
	{
		if (!cJSON_IsString(v) ||
		    strlen(v->valuestring) > VULNS_MAX_STRING)
			return fail(r, key, "must hold strings");
		(*out)[i++] = oh_arena_strdup(r->a, v->valuestring);
	}
	return 0;
}

static bool full_commit(const char *s)
{
	size_t n = strlen(s);

	if (n != 40 && n != 64)
		return false;
	return strspn(s, "0123456789abcdef") == n;
}

static const char *const event_key[] = { "introduced", "fixed", "last_affected",
					 "limit" };

static int event(struct vulns_event *e, struct rd *r, const cJSON *obj,
		 enum vulns_range_type type)
{
	const cJSON *v;
	int found = 0;

	if (!cJSON_IsObject(obj))
		return oh_err_set(r->err, OH_EINPUT, r->name, 0, 0,
				  "%s: an event must be an object", r->path);
	for (size_t k = 0; k < 4; k++) {
		v = cJSON_GetObjectItemCaseSensitive(obj, event_key[k]);
		if (!v)
			continue;
		found++;
		e->kind = (enum vulns_event_kind)k;
		if (str(&e->value, r, obj, event_key[k], true) < 0)
			return r->err->code;
	}
	if (found != 1)
		return oh_err_set(
			r->err, OH_EINPUT, r->name, 0, 0,
			"%s: an event must have exactly one of 'introduced', 'fixed', 'last_affected', 'limit'",
			r->path);
	if (e->value[0] == '\0')
		return fail(r, event_key[e->kind], "must not be empty");
	if (type == VULNS_GIT && !full_commit(e->value) &&
	    !(e->kind == VULNS_INTRODUCED && strcmp(e->value, "0") == 0))
		return fail(r, event_key[e->kind],
			    "must be a full commit id in a GIT range");
	return 0;
}

static int range_type(enum vulns_range_type *t, struct rd *r, const cJSON *obj)
{
	const char *s;

	if (str(&s, r, obj, "type", true) < 0)
		return r->err->code;
	if (strcmp(s, "GIT") == 0)
		*t = VULNS_GIT;
	else if (strcmp(s, "SEMVER") == 0)
		*t = VULNS_SEMVER;
	else if (strcmp(s, "ECOSYSTEM") == 0)
		*t = VULNS_ECOSYSTEM;
	else
		return fail(r, "type", "must be GIT, SEMVER or ECOSYSTEM");
	return 0;
}

static int range(struct vulns_range *rg, struct rd *r, const cJSON *obj)
{
	size_t base = strlen(r->path);
	const cJSON *ev;
	const cJSON *v;
	bool introduced = false;
	size_t i = 0;

	if (!cJSON_IsObject(obj))
		return oh_err_set(r->err, OH_EINPUT, r->name, 0, 0,
				  "%s: a range must be an object", r->path);
	if (range_type(&rg->type, r, obj) < 0 ||
	    str(&rg->repo, r, obj, "repo", rg->type == VULNS_GIT) < 0 ||
	    arr(&ev, &rg->event_nr, r, obj, "events") < 0)
		return r->err->code;
	if (rg->event_nr == 0)
		return fail(r, "events", "must not be empty");
	rg->event = oh_arena_alloc(r->a, rg->event_nr * sizeof(*rg->event));
	cJSON_ArrayForEach(v, ev)
	{
		snprintf(r->path + base, sizeof(r->path) - base, ".events[%zu]",
			 i);
		if (event(&rg->event[i], r, v, rg->type) < 0)
			return r->err->code;
		introduced |= rg->event[i].kind == VULNS_INTRODUCED;
		i++;
	}
	r->path[base] = '\0';
	if (!introduced)
		return fail(r, "events", "must have an 'introduced' event");
	return 0;
}

/* ecosystem_specific.severity or database_specific.severity, if a word. */
static const char *entry_severity(struct rd *r, const cJSON *obj)
{
	static const char *const where[] = { "ecosystem_specific",
					     "database_specific" };
	const cJSON *v;

	for (size_t i = 0; i < 2; i++) {
		v = cJSON_GetObjectItemCaseSensitive(obj, where[i]);
		v = cJSON_IsObject(v)
			    ? cJSON_GetObjectItemCaseSensitive(v, "severity")
			    : NULL;
		if (cJSON_IsString(v) && strlen(v->valuestring) < 64)
			return oh_arena_strdup(r->a, v->valuestring);
	}
	return NULL;
}

static int affected(struct vulns_affected *af, struct rd *r, const cJSON *obj)
{
	size_t base = strlen(r->path);
	const cJSON *pkg;
	const cJSON *rs;
	const cJSON *v;
	size_t i = 0;

	if (!cJSON_IsObject(obj))
		return oh_err_set(r->err, OH_EINPUT, r->name, 0, 0,
				  "%s: an affected entry must be an object",
				  r->path);
	pkg = cJSON_GetObjectItemCaseSensitive(obj, "package");
	if (pkg && !cJSON_IsNull(pkg) && !cJSON_IsObject(pkg))
		return fail(r, "package", "must be an object");
	if (cJSON_IsObject(pkg) &&
	    (str(&af->ecosystem, r, pkg, "ecosystem", false) < 0 ||
	     str(&af->name, r, pkg, "name", false) < 0 ||
	     str(&af->purl, r, pkg, "purl", false) < 0))
		return r->err->code;
	if (strings(&af->version, &af->version_nr, r, obj, "versions") < 0 ||
	    arr(&rs, &af->range_nr, r, obj, "ranges") < 0)
		return r->err->code;
	af->severity = entry_severity(r, obj);
	af->range =
		oh_arena_alloc(r->a, (af->range_nr + 1) * sizeof(*af->range));
	cJSON_ArrayForEach(v, rs)
	{
		snprintf(r->path + base, sizeof(r->path) - base, ".ranges[%zu]",
			 i);
		if (range(&af->range[i++], r, v) < 0)
			return r->err->code;
	}
	r->path[base] = '\0';
	return 0;
}

/* The first entry of `severity`, else an affected entry's word. */
static int severity(struct vulns_record *rec, struct rd *r, const cJSON *root)
{
	const cJSON *a;
	size_t nr;

	if (arr(&a, &nr, r, root, "severity") < 0)
		return r->err->code;
	if (nr > 0) {
		const cJSON *s = cJSON_GetArrayItem(a, 0);

		if (!cJSON_IsObject(s))
			return fail(r, "severity", "must hold objects");
		if (str(&rec->severity_type, r, s, "type", true) < 0 ||
		    str(&rec->severity, r, s, "score", true) < 0)
			return r->err->code;
		return 0;
	}
	for (size_t i = 0; i < rec->affected_nr; i++) {
		if (rec->affected[i].severity) {
			rec->severity_type = "database";
			rec->severity = rec->affected[i].severity;
			break;
		}
	}
	return 0;
}

static bool id_valid(const char *id)
{
	size_t n = strlen(id);

	return n > 0 && n < 128 &&
	       strspn(id, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
			  "0123456789._:-") == n;
}

static int record(struct vulns_record *rec, struct rd *r, const cJSON *root)
{
	const cJSON *as;
	const cJSON *v;
	size_t i = 0;

	if (!cJSON_IsObject(root))
		return oh_err_set(r->err, OH_EINPUT, r->name, 0, 0,
				  "a record must be an object");
	if (str(&rec->id, r, root, "id", true) < 0)
		return r->err->code;
	if (!id_valid(rec->id))
		return fail(r, "id", "must be of [A-Za-z0-9._:-]");
	if (str(&rec->modified, r, root, "modified", true) < 0 ||
	    str(&rec->published, r, root, "published", false) < 0 ||
	    str(&rec->withdrawn, r, root, "withdrawn", false) < 0 ||
	    str(&rec->summary, r, root, "summary", false) < 0 ||
	    strings(&rec->alias, &rec->alias_nr, r, root, "aliases") < 0 ||
	    arr(&as, &rec->affected_nr, r, root, "affected") < 0)
		return r->err->code;
	rec->affected = oh_arena_alloc(r->a, (rec->affected_nr + 1) *
						     sizeof(*rec->affected));
	cJSON_ArrayForEach(v, as)
	{
		snprintf(r->path, sizeof(r->path), "affected[%zu]", i);
		if (affected(&rec->affected[i++], r, v) < 0)
			return r->err->code;
	}
	r->path[0] = '\0';
	return severity(rec, r, root);
}

int vulns_record_parse(struct vulns_record *out, struct oh_arena *a,
		       const char *s, size_t len, bool yaml, const char *name,
		       struct oh_err *err)
{
	struct rd r = { .a = a, .name = name, .err = err };
	cJSON *root = NULL;
	int ret;

	memset(out, 0, sizeof(*out));
	if (len > VULNS_MAX_BYTES)
		return oh_err_set(err, OH_ELIMIT, name, 0, 0,
				  "record is larger than %u bytes",
				  VULNS_MAX_BYTES);
	ret = yaml ? sbom_yaml_parse(&root, s, len, name, err)
		   : sbom_json_parse(&root, s, len, name, err);
	if (ret == 0)
		ret = record(out, &r, root);
	cJSON_Delete(root);
	if (ret < 0)
		memset(out, 0, sizeof(*out));
	return ret;
}

const char *vulns_range_type_name(enum vulns_range_type t)
{
	switch (t) {
	case VULNS_GIT:
		return "GIT";
	case VULNS_SEMVER:
		return "SEMVER";
	case VULNS_ECOSYSTEM:
		return "ECOSYSTEM";
	}
	return "?";
}

const char *vulns_event_kind_name(enum vulns_event_kind k)
{
	return (unsigned)k < 4 ? event_key[k] : "?";
}

const char *vulns_verdict_name(enum vulns_verdict v)
{
	switch (v) {
	case VULNS_NOT_AFFECTED:
		return "not-affected";
	case VULNS_AFFECTED:
		return "affected";
	case VULNS_UNKNOWN:
		return "unknown";
	}
	return "?";
}
