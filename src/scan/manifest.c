/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Manifest reader: JSON -> struct manifest, with JSON paths in errors.
 */
#include "scan/manifest.h"

#include <ctype.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "core/buf.h"
#include "core/err.h"
#include "core/json.h"
#include "core/xalloc.h"
#include "git/mirror.h"
#include "core/banned.h"

struct parse_ctx {
	struct manifest *m;   /* being filled */
	const char *name;     /* input name for errors */
	const char *base_dir; /* for relative paths; NULL = cwd */
	struct oh_err *err;   /* the caller's */
};

struct manifest *manifest_new(const char *name)
{
	struct manifest *m = oh_xcalloc(1, sizeof(*m));

	m->path = oh_arena_strdup(&m->arena, name);
	return m;
}

/* Append a component whose strings live in m->arena; index its name. */
static void add(struct manifest *m, const struct manifest_component *mc)
{
	OH_GROW(m->component, m->component_alloc, m->component_nr + 1);
	m->component[m->component_nr] = *mc;
	oh_strmap_put(&m->by_name, mc->name, m->component_nr);
	m->component_nr++;
}

void manifest_free(struct manifest *m)
{
	if (!m)
		return;
	free(m->component);
	free(m->unreviewed);
	oh_strmap_release(&m->by_name);
	oh_arena_release(&m->arena);
	free(m);
}

static void warn(struct manifest *m, const char *fmt, const char *a,
		 const char *b)
{
	struct oh_buf w = OH_BUF_INIT;

	if (m->warning_nr >= MANIFEST_MAX_WARNINGS)
		return;
	oh_buf_addf(&w, fmt, a, b);
	m->warning[m->warning_nr++] = oh_arena_strdup(&m->arena, w.buf);
	oh_buf_release(&w);
}

static int get_string(const char **out, struct parse_ctx *c, const cJSON *obj,
		      const char *key, size_t idx, bool required)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);

	*out = NULL;
	if (!v || cJSON_IsNull(v)) {
		if (required)
			return oh_err_set(c->err, OH_EINPUT, c->name, 0, 0,
					  "components[%zu]: '%s' is required",
					  idx, key);
		return 0;
	}
	if (!cJSON_IsString(v))
		return oh_err_set(c->err, OH_EINPUT, c->name, 0, 0,
				  "components[%zu].%s must be a string", idx,
				  key);
	if (strlen(v->valuestring) > MANIFEST_MAX_STRING)
		return oh_err_set(c->err, OH_ELIMIT, c->name, 0, 0,
				  "components[%zu].%s is longer than %u bytes",
				  idx, key, MANIFEST_MAX_STRING);
	if (required && v->valuestring[0] == '\0')
		return oh_err_set(c->err, OH_EINPUT, c->name, 0, 0,
				  "components[%zu].%s must not be empty", idx,
				  key);
	*out = oh_arena_strdup(&c->m->arena, v->valuestring);
	return 0;
}

static char *resolve_path(struct parse_ctx *c, const char *repo)
{
	struct oh_buf b = OH_BUF_INIT;
	char cwd[PATH_MAX];
	char *real;
	char *res;

	if (oh_url_is_remote(repo) || repo[0] == '/')
		return oh_arena_strdup(&c->m->arena, repo);
	if (c->base_dir && c->base_dir[0] == '/')
		oh_buf_adds(&b, c->base_dir);
	else if (getcwd(cwd, sizeof(cwd)))
		oh_buf_addf(&b, "%s%s%s", cwd, c->base_dir ? "/" : "",
			    c->base_dir ? c->base_dir : "");
	else
		oh_buf_adds(&b, c->base_dir ? c->base_dir : ".");
	oh_buf_addf(&b, "/%s", repo);
	/* An existing path is stored in canonical form, so that the same
	 * repository is one row whichever manifest names it. */
	real = realpath(b.buf, NULL);
	res = oh_arena_strdup(&c->m->arena, real ? real : b.buf);
	free(real);
	oh_buf_release(&b);
	return res;
}

/* ASCII letter to upper case, or 0 when not a letter. */
static char upper_letter(char ch)
{
	if (ch >= 'a' && ch <= 'z')
		return (char)(ch - 'a' + 'A');
	return ch >= 'A' && ch <= 'Z' ? ch : '\0';
}

static int check_origin(struct parse_ctx *c, struct manifest_component *mc,
			size_t idx)
{
	char *o;

	if (!mc->origin)
		return 0;
	o = oh_arena_strdup(&c->m->arena, mc->origin);
	if (strlen(o) != 2 || upper_letter(o[0]) == '\0' ||
	    upper_letter(o[1]) == '\0')
		return oh_err_set(
			c->err, OH_EINPUT, c->name, 0, 0,
			"components[%zu].origin_country '%.60s' is not an ISO 3166 alpha-2 code",
			idx, mc->origin);
	o[0] = upper_letter(o[0]);
	o[1] = upper_letter(o[1]);
	mc->origin = o;
	return 0;
}

static int get_alternatives(struct parse_ctx *c, struct manifest_component *mc,
			    const cJSON *obj, size_t idx)
{
	const cJSON *alts =
		cJSON_GetObjectItemCaseSensitive(obj, "alternatives");
	const cJSON *a;
	size_t n = 0;

	if (!alts || cJSON_IsNull(alts))
		return 0;
	if (!cJSON_IsArray(alts))
		return oh_err_set(
			c->err, OH_EINPUT, c->name, 0, 0,
			"components[%zu].alternatives must be an array of strings",
			idx);
	n = (size_t)cJSON_GetArraySize(alts);
	if (n > MANIFEST_MAX_ALTS)
		return oh_err_set(
			c->err, OH_ELIMIT, c->name, 0, 0,
			"components[%zu].alternatives has more than %u entries",
			idx, MANIFEST_MAX_ALTS);
	mc->alternative = oh_arena_alloc(&c->m->arena, sizeof(char *) * n);
	cJSON_ArrayForEach(a, alts)
	{
		if (!cJSON_IsString(a) ||
		    strlen(a->valuestring) > MANIFEST_MAX_STRING)
			return oh_err_set(
				c->err, OH_EINPUT, c->name, 0, 0,
				"components[%zu].alternatives[%zu] must be a string",
				idx, mc->alternative_nr);
		mc->alternative[mc->alternative_nr++] =
			oh_arena_strdup(&c->m->arena, a->valuestring);
	}
	return 0;
}

static const char *const known_keys[] = {
	"name",
	"repo",
	"ref",
	"origin_country",
	"organization",
	"foundation",
	"category",
	"notes",
	"security_critical",
	"alternatives",
	"url",
	"version",
	"arrangement",
	"deployment_context",
	NULL,
};

static void warn_unknown_keys(struct parse_ctx *c, const cJSON *obj, size_t idx)
{
	const cJSON *k;
	char where[32];

	snprintf(where, sizeof(where), "components[%zu]", idx);
	cJSON_ArrayForEach(k, obj)
	{
		size_t i;

		for (i = 0; known_keys[i]; i++)
			if (strcmp(known_keys[i], k->string) == 0)
				break;
		if (!known_keys[i])
			warn(c->m, "%s: unknown key '%.60s' ignored", where,
			     k->string);
	}
}

static int parse_flag(struct parse_ctx *c, struct manifest_component *mc,
		      const cJSON *obj, size_t idx)
{
	const cJSON *v =
		cJSON_GetObjectItemCaseSensitive(obj, "security_critical");

	if (!v || cJSON_IsNull(v))
		return 0;
	if (!cJSON_IsBool(v))
		return oh_err_set(
			c->err, OH_EINPUT, c->name, 0, 0,
			"components[%zu].security_critical must be true or false",
			idx);
	mc->security_critical =
		cJSON_IsTrue(v) ? MANIFEST_TRUE : MANIFEST_FALSE;
	return 0;
}

/*
 * The declared facts as stored in the database: the component's object
 * without its repository location, which may carry credentials and is
 * stored separately, redacted.
 */
static const char *declared_facts(struct parse_ctx *c, const cJSON *obj)
{
	cJSON *copy = cJSON_Duplicate(obj, true);
	const char *res;
	char *json;

	if (!copy)
		OH_BUG("cJSON_Duplicate failed");
	cJSON_DeleteItemFromObjectCaseSensitive(copy, "repo");
	cJSON_DeleteItemFromObjectCaseSensitive(copy, "url");
	json = cJSON_PrintUnformatted(copy);
	if (!json)
		OH_BUG("cJSON_PrintUnformatted failed");
	res = oh_arena_strdup(&c->m->arena, json);
	cJSON_free(json);
	cJSON_Delete(copy);
	return res;
}

static int parse_component(struct parse_ctx *c, const cJSON *obj, size_t idx)
{
	struct manifest_component mc = { 0 };
	const char *repo = NULL;

	if (!cJSON_IsObject(obj))
		return oh_err_set(c->err, OH_EINPUT, c->name, 0, 0,
				  "components[%zu] must be an object", idx);
	if (get_string(&mc.name, c, obj, "name", idx, true) < 0 ||
	    get_string(&repo, c, obj, "repo", idx, false) < 0 ||
	    get_string(&mc.ref, c, obj, "ref", idx, false) < 0 ||
	    get_string(&mc.version, c, obj, "version", idx, false) < 0 ||
	    get_string(&mc.origin, c, obj, "origin_country", idx, false) < 0 ||
	    get_string(&mc.organization, c, obj, "organization", idx, false) <
		    0 ||
	    get_string(&mc.foundation, c, obj, "foundation", idx, false) < 0 ||
	    get_string(&mc.category, c, obj, "category", idx, false) < 0 ||
	    get_string(&mc.notes, c, obj, "notes", idx, false) < 0 ||
	    get_string(&mc.arrangement, c, obj, "arrangement", idx, false) <
		    0 ||
	    get_string(&mc.deployment_context, c, obj, "deployment_context",
		       idx, false) < 0 ||
	    parse_flag(c, &mc, obj, idx) < 0 || check_origin(c, &mc, idx) < 0 ||
	    get_alternatives(c, &mc, obj, idx) < 0)
		return c->err->code;
	if (!repo && get_string(&repo, c, obj, "url", idx, false) < 0)
		return c->err->code;
	if (!repo || repo[0] == '\0')
		return oh_err_set(
			c->err, OH_EINPUT, c->name, 0, 0,
			"components[%zu] ('%.60s'): 'repo' is required", idx,
			mc.name);
	if (manifest_find(c->m, mc.name))
		return oh_err_set(
			c->err, OH_EINPUT, c->name, 0, 0,
			"components[%zu]: duplicate component name '%.60s'",
			idx, mc.name);
	mc.repo = resolve_path(c, repo);
	warn_unknown_keys(c, obj, idx);
	mc.declared_json = declared_facts(c, obj);
	add(c->m, &mc);
	return 0;
}

static int parse_root(struct parse_ctx *c, const cJSON *root)
{
	const cJSON *comps;
	const cJSON *title;
	const cJSON *it;
	size_t idx = 0;

	if (!cJSON_IsObject(root))
		return oh_err_set(
			c->err, OH_EINPUT, c->name, 0, 0,
			"the manifest must be a JSON object with a 'components' array");
	title = cJSON_GetObjectItemCaseSensitive(root, "name");
	if (cJSON_IsString(title))
		c->m->title = oh_arena_strdup(&c->m->arena, title->valuestring);
	comps = cJSON_GetObjectItemCaseSensitive(root, "components");
	if (!cJSON_IsArray(comps))
		return oh_err_set(c->err, OH_EINPUT, c->name, 0, 0,
				  "'components' must be an array");
	if (cJSON_GetArraySize(comps) > MANIFEST_MAX_COMPONENTS)
		return oh_err_set(c->err, OH_ELIMIT, c->name, 0, 0,
				  "more than %u components",
				  MANIFEST_MAX_COMPONENTS);
	cJSON_ArrayForEach(it, comps)
	{
		if (parse_component(c, it, idx++) < 0)
			return c->err->code;
	}
	return 0;
}

int manifest_parse(struct manifest **out, const char *data, size_t len,
		   const char *name, const char *base_dir, struct oh_err *err)
{
	struct parse_ctx c = { .name = name, .base_dir = base_dir, .err = err };
	cJSON *root;

	*out = NULL;
	if (len > MANIFEST_MAX_BYTES)
		return oh_err_set(err, OH_ELIMIT, name, 0, 0,
				  "manifest is larger than %u bytes",
				  MANIFEST_MAX_BYTES);
	if (oh_json_parse(&root, data, len, name, err) < 0)
		return err->code;
	c.m = manifest_new(name);
	if (parse_root(&c, root) < 0) {
		manifest_free(c.m);
		cJSON_Delete(root);
		return err->code;
	}
	cJSON_Delete(root);
	*out = c.m;
	return 0;
}

int manifest_load(struct manifest **out, const char *path, struct oh_err *err)
{
	struct oh_buf b = OH_BUF_INIT;
	struct oh_buf dir = OH_BUF_INIT;
	const char *slash = strrchr(path, '/');
	int ret;

	*out = NULL;
	oh_buf_set_max(&b, MANIFEST_MAX_BYTES);
	ret = oh_buf_read_file(&b, path, err);
	if (ret == 0) {
		if (slash)
			oh_buf_add(&dir, path, (size_t)(slash - path + 1));
		else
			oh_buf_adds(&dir, ".");
		ret = manifest_parse(out, b.buf, b.len, path,
				     slash ? dir.buf : NULL, err);
	}
	oh_buf_release(&b);
	oh_buf_release(&dir);
	return ret;
}

const struct manifest_component *manifest_find(const struct manifest *m,
					       const char *name)
{
	size_t i;

	return oh_strmap_get(&m->by_name, name, &i) ? &m->component[i] : NULL;
}

void manifest_reindex(struct manifest *m)
{
	oh_strmap_release(&m->by_name);
	for (size_t i = 0; i < m->component_nr; i++)
		oh_strmap_put(&m->by_name, m->component[i].name, i);
}

static const char *derive_name(struct manifest *m, const char *source)
{
	size_t len = strcspn(source, "?#"); /* a query may hold a token */
	size_t start;

	while (len > 0 && source[len - 1] == '/')
		len--;
	if (len > 4 && memcmp(source + len - 4, ".git", 4) == 0)
		len -= 4;
	while (len > 0 && source[len - 1] == '/')
		len--;
	start = len;
	while (start > 0 && source[start - 1] != '/' &&
	       source[start - 1] != ':')
		start--;
	return oh_arena_strndup(&m->arena, source + start, len - start);
}

int manifest_add_source(struct manifest *m, const char *source,
			struct oh_err *err)
{
	struct parse_ctx c = { .m = m, .name = source, .err = err };
	struct manifest_component mc = { 0 };

	if (source[0] == '\0')
		return oh_err_set(err, OH_EINPUT, "<args>", 0, 0,
				  "empty repository argument");
	if (m->component_nr >= MANIFEST_MAX_COMPONENTS)
		return oh_err_set(err, OH_ELIMIT, source, 0, 0,
				  "more than %u components",
				  MANIFEST_MAX_COMPONENTS);
	mc.name = derive_name(m, source);
	if (mc.name[0] == '\0')
		mc.name = oh_arena_strdup(&m->arena, source);
	if (manifest_find(m, mc.name))
		return oh_err_set(err, OH_EINPUT, source, 0, 0,
				  "a component named '%.60s' is already listed",
				  mc.name);
	mc.repo = resolve_path(&c, source);
	mc.declared_json = "{}";
	add(m, &mc);
	return 0;
}

static const char *dup_or_null(struct manifest *m, const char *s)
{
	return s ? oh_arena_strdup(&m->arena, s) : NULL;
}

int manifest_push(struct manifest *m, const struct manifest_component *mc,
		  struct oh_err *err)
{
	if (m->component_nr >= MANIFEST_MAX_COMPONENTS)
		return oh_err_set(err, OH_ELIMIT, m->path, 0, 0,
				  "more than %u components",
				  MANIFEST_MAX_COMPONENTS);
	add(m, mc);
	return 0;
}

void manifest_add_unreviewed(struct manifest *m, const char *name,
			     const char *version, const char *element,
			     const char *reason)
{
	struct manifest_unreviewed *u;

	OH_GROW(m->unreviewed, m->unreviewed_alloc, m->unreviewed_nr + 1);
	u = &m->unreviewed[m->unreviewed_nr++];
	u->name = dup_or_null(m, name ? name : "");
	u->version = dup_or_null(m, version);
	u->element = dup_or_null(m, element);
	u->reason = dup_or_null(m, reason);
	u->purl = NULL;
}

int manifest_append(struct manifest *dst, const struct manifest *src,
		    struct oh_err *err)
{
	for (size_t i = 0; i < src->component_nr; i++) {
		const struct manifest_component *s = &src->component[i];
		struct manifest_component c = *s;

		if (dst->component_nr >= MANIFEST_MAX_COMPONENTS)
			return oh_err_set(err, OH_ELIMIT, src->path, 0, 0,
					  "more than %u components",
					  MANIFEST_MAX_COMPONENTS);
		if (manifest_find(dst, s->name))
			return oh_err_set(err, OH_EINPUT, src->path, 0, 0,
					  "component '%.60s' is listed twice",
					  s->name);
		c.name = dup_or_null(dst, s->name);
		c.repo = dup_or_null(dst, s->repo);
		c.ref = dup_or_null(dst, s->ref);
		c.version = dup_or_null(dst, s->version);
		c.origin = dup_or_null(dst, s->origin);
		c.organization = dup_or_null(dst, s->organization);
		c.foundation = dup_or_null(dst, s->foundation);
		c.category = dup_or_null(dst, s->category);
		c.notes = dup_or_null(dst, s->notes);
		c.arrangement = dup_or_null(dst, s->arrangement);
		c.deployment_context = dup_or_null(dst, s->deployment_context);
		c.declared_json = dup_or_null(dst, s->declared_json);
		c.purl = dup_or_null(dst, s->purl);
		c.purl_version = dup_or_null(dst, s->purl_version);
		c.alternative = oh_arena_alloc(
			&dst->arena, sizeof(char *) * (s->alternative_nr + 1));
		for (size_t k = 0; k < s->alternative_nr; k++)
			c.alternative[k] = dup_or_null(dst, s->alternative[k]);
		add(dst, &c);
	}
	for (size_t i = 0; i < src->unreviewed_nr; i++) {
		const struct manifest_unreviewed *u = &src->unreviewed[i];

		manifest_add_unreviewed(dst, u->name, u->version, u->element,
					u->reason);
		dst->unreviewed[dst->unreviewed_nr - 1].purl =
			dup_or_null(dst, u->purl);
	}
	if (!dst->title && src->title)
		dst->title = dup_or_null(dst, src->title);
	for (size_t i = 0;
	     i < src->warning_nr && dst->warning_nr < MANIFEST_MAX_WARNINGS;
	     i++)
		dst->warning[dst->warning_nr++] =
			dup_or_null(dst, src->warning[i]);
	return 0;
}
