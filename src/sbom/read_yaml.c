/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * SPDX YAML reader: libyaml's event parser builds the same cJSON tree an
 * SPDX JSON document gives (the SPDX YAML format is the JSON format
 * written as YAML), which the JSON reader and the validator then take.
 *
 * Scalars are typed by the SPDX JSON schema, not guessed: the values of
 * the only non-string fields, "filesAnalyzed" (a boolean) and a range
 * pointer's "offset" and "lineNumber" (numbers), follow the YAML 1.2 core
 * schema when plain; a plain null ("", "~", "null") is null anywhere;
 * every other scalar is a string, so "versionInfo: 1.4" stays "1.4".  Refused: aliases (no expansion at all,
 * so no "billion laughs"), keys that are not scalars, a NUL character in
 * a scalar, more than one document, nesting deeper than SBOM_MAX_DEPTH.
 * Only this file includes <yaml.h>.
 *
 * Memory: the tree is built with cJSON's malloc (sbom_yaml_parse) or in an
 * arena (sbom_yaml_parse_arena: nodes and strings in large blocks, keys
 * interned, as json_arena.c does for JSON), which is what validation and
 * reading use.
 */
#include "sbom/model.h"

#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>
#include <yaml.h>

#include "core/arena.h"
#include "core/err.h"
#include "core/xalloc.h"
#include "core/banned.h"

#define KEY_SLOTS 256 /* interned keys per parse (power of two) */

struct level {
	cJSON *node; /* an object or an array */
	char *key;   /* object: the key read, waiting for its value */
};

struct yr {
	struct level stack[SBOM_MAX_DEPTH + 1];
	size_t depth;
	cJSON *root;
	unsigned docs; /* documents started */
	const char *name;
	struct oh_err *err;
	struct oh_arena *a; /* owns the tree; NULL: cJSON's malloc */
	char **keys;        /* a: KEY_SLOTS interned keys */
};

/* A new node: cJSON's, or zeroed in the arena. */
static cJSON *new_node(struct yr *r, int type)
{
	cJSON *n;

	if (!r->a) {
		switch (type) {
		case cJSON_Object:
			return cJSON_CreateObject();
		case cJSON_Array:
			return cJSON_CreateArray();
		case cJSON_NULL:
			return cJSON_CreateNull();
		case cJSON_True:
			return cJSON_CreateTrue();
		default:
			return cJSON_CreateFalse();
		}
	}
	n = oh_arena_alloc(r->a, sizeof(*n));
	n->type = type;
	return n;
}

static cJSON *new_string(struct yr *r, const char *v, size_t len)
{
	cJSON *n;

	if (!r->a)
		return cJSON_CreateString(v);
	n = new_node(r, cJSON_String);
	n->valuestring = oh_arena_strndup(r->a, v, len);
	return n;
}

static cJSON *new_number(struct yr *r, double d)
{
	cJSON *n;

	if (!r->a)
		return cJSON_CreateNumber(d);
	n = new_node(r, cJSON_Number);
	n->valuedouble = d;
	if (d >= INT_MAX) /* cJSON's clamping */
		n->valueint = INT_MAX;
	else if (d <= (double)INT_MIN)
		n->valueint = INT_MIN;
	else
		n->valueint = (int)d;
	return n;
}

/* A key: malloc'd (freed once attached), or interned in the arena. */
static char *new_key(struct yr *r, const char *v, size_t len)
{
	size_t h = 2166136261u;
	char **k = NULL;

	if (!r->a)
		return oh_xstrdup(v);
	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)v[i]) * 16777619u;
	for (size_t probe = 0; probe < 8; probe++) {
		k = &r->keys[(h + probe) & (KEY_SLOTS - 1)];
		if (!*k)
			break;
		if (strlen(*k) == len && memcmp(*k, v, len) == 0)
			return *k; /* shared: the arena tree is never freed */
	}
	if (!*k)
		return *k = oh_arena_strndup(r->a, v, len);
	return oh_arena_strndup(r->a, v, len);
}

static void free_key(struct yr *r, char *key)
{
	if (!r->a)
		free(key);
}

static int yr_fail(struct yr *r, int code, const yaml_mark_t *m,
		   const char *what)
{
	return oh_err_set(r->err, code, r->name, (unsigned)m->line + 1,
			  (unsigned)m->column + 1, "%s", what);
}

static bool plain_is(const char *v, const char *const *set)
{
	for (; *set; set++)
		if (strcmp(v, *set) == 0)
			return true;
	return false;
}

/* A decimal number as the YAML 1.2 core schema writes it. */
static bool plain_number(const char *v, double *out)
{
	const char *p = v;
	char *end;
	bool digits = false;

	if (*p == '-' || *p == '+')
		p++;
	for (; *p >= '0' && *p <= '9'; p++)
		digits = true;
	if (*p == '.')
		for (p++; *p >= '0' && *p <= '9'; p++)
			digits = true;
	if (!digits)
		return false;
	if (*p == 'e' || *p == 'E') {
		p++;
		if (*p == '-' || *p == '+')
			p++;
		if (*p < '0' || *p > '9')
			return false;
		while (*p >= '0' && *p <= '9')
			p++;
	}
	if (*p != '\0')
		return false;
	errno = 0;
	*out = strtod(v, &end);
	return *end == '\0';
}

/* The only keys whose plain values are typed (the first byte first:
 * this is asked of every plain scalar). */
static bool typed_key(const char *key)
{
	if (!key)
		return false;
	switch (key[0]) {
	case 'f':
		return strcmp(key, "filesAnalyzed") == 0;
	case 'o':
		return strcmp(key, "offset") == 0;
	case 'l':
		return strcmp(key, "lineNumber") == 0;
	default:
		return false;
	}
}

/* Could v be one of the nulls? ("" "~" "null" "Null" "NULL") */
static bool maybe_null(const char *v)
{
	return v[0] == '\0' || v[0] == '~' || v[0] == 'n' || v[0] == 'N';
}

static cJSON *scalar(struct yr *r, const yaml_event_t *e, const char *key)
{
	static const char *const nulls[] = { "",     "~",    "null",
					     "Null", "NULL", NULL };
	static const char *const trues[] = { "true", "True", "TRUE", NULL };
	static const char *const falses[] = { "false", "False", "FALSE", NULL };
	const char *v = (const char *)e->data.scalar.value;
	const char *tag = (const char *)e->data.scalar.tag;
	size_t len = e->data.scalar.length;
	double d;

	if (e->data.scalar.style != YAML_PLAIN_SCALAR_STYLE ||
	    (tag && strcmp(tag, YAML_STR_TAG) == 0))
		return new_string(r, v, len);
	if (maybe_null(v) && plain_is(v, nulls))
		return new_node(r, cJSON_NULL);
	if (!typed_key(key))
		return new_string(r, v, len);
	if (plain_is(v, trues))
		return new_node(r, cJSON_True);
	if (plain_is(v, falses))
		return new_node(r, cJSON_False);
	if (plain_number(v, &d))
		return new_number(r, d);
	return new_string(r, v, len);
}

/* Put a new value where the parser is: the root, an array, a key. */
static int attach(struct yr *r, cJSON *node, const yaml_mark_t *m)
{
	struct level *top = r->depth ? &r->stack[r->depth - 1] : NULL;

	if (!top) {
		if (r->root) {
			if (!r->a)
				cJSON_Delete(node);
			return yr_fail(r, OH_EINPUT, m,
				       "more than one value at the top");
		}
		r->root = node;
	} else if (r->a) {
		if (!cJSON_IsArray(top->node))
			node->string = top->key; /* interned in the arena */
		sbom_json_arena_link(top->node, node);
		top->key = NULL;
	} else if (cJSON_IsArray(top->node)) {
		cJSON_AddItemToArray(top->node, node);
	} else {
		cJSON_AddItemToObject(top->node, top->key, node);
		free(top->key);
		top->key = NULL;
	}
	return 0;
}

static int on_scalar(struct yr *r, const yaml_event_t *e)
{
	struct level *top = r->depth ? &r->stack[r->depth - 1] : NULL;
	const char *v = (const char *)e->data.scalar.value;

	if (memchr(v, '\0', e->data.scalar.length))
		return yr_fail(r, OH_EINPUT, &e->start_mark,
			       "a NUL character in a string is refused");
	if (top && cJSON_IsObject(top->node) && !top->key) {
		top->key = new_key(r, v, e->data.scalar.length);
		return 0;
	}
	return attach(r, scalar(r, e, top ? top->key : NULL), &e->start_mark);
}

static int on_open(struct yr *r, const yaml_event_t *e, bool map)
{
	struct level *top = r->depth ? &r->stack[r->depth - 1] : NULL;
	cJSON *node;
	int rc;

	if (top && cJSON_IsObject(top->node) && !top->key)
		return yr_fail(r, OH_EINPUT, &e->start_mark,
			       "a mapping key must be a plain value");
	if (r->depth >= SBOM_MAX_DEPTH)
		return oh_err_set(r->err, OH_ELIMIT, r->name,
				  (unsigned)e->start_mark.line + 1, 0,
				  "nesting deeper than %d", SBOM_MAX_DEPTH);
	node = new_node(r, map ? cJSON_Object : cJSON_Array);
	if ((rc = attach(r, node, &e->start_mark)) < 0)
		return rc;
	r->stack[r->depth].node = node;
	r->stack[r->depth++].key = NULL;
	return 0;
}

/* One event; *done at the end of the stream. */
static int on_event(struct yr *r, const yaml_event_t *e, bool *done)
{
	switch (e->type) {
	case YAML_DOCUMENT_START_EVENT:
		if (++r->docs > 1)
			return yr_fail(r, OH_EINPUT, &e->start_mark,
				       "more than one YAML document");
		return 0;
	case YAML_SCALAR_EVENT:
		return on_scalar(r, e);
	case YAML_MAPPING_START_EVENT:
		return on_open(r, e, true);
	case YAML_SEQUENCE_START_EVENT:
		return on_open(r, e, false);
	case YAML_MAPPING_END_EVENT:
	case YAML_SEQUENCE_END_EVENT:
		if (r->depth > 0) {
			free_key(r, r->stack[r->depth - 1].key);
			r->stack[--r->depth].key = NULL;
		}
		return 0;
	case YAML_ALIAS_EVENT:
		return yr_fail(r, OH_EINPUT, &e->start_mark,
			       "YAML aliases are refused");
	case YAML_STREAM_END_EVENT:
		*done = true;
		return 0;
	default:
		return 0;
	}
}

static int parse(cJSON **out, struct oh_arena *a, const char *s, size_t len,
		 const char *name, struct oh_err *err)
{
	char *keys[KEY_SLOTS] = { NULL };
	struct yr r = { .name = name, .err = err, .a = a, .keys = keys };
	yaml_parser_t p;
	bool done = false;
	int rc = 0;

	*out = NULL;
	if (len > SBOM_MAX_BYTES)
		return oh_err_set(err, OH_ELIMIT, name, 0, 0,
				  "document larger than %u bytes",
				  SBOM_MAX_BYTES);
	if (!yaml_parser_initialize(&p))
		return oh_err_set(err, OH_EINPUT, name, 0, 0,
				  "cannot start the YAML parser");
	yaml_parser_set_input_string(&p, (const unsigned char *)s, len);
	while (!done && rc == 0) {
		yaml_event_t e;

		if (!yaml_parser_parse(&p, &e)) {
			rc = oh_err_set(err, OH_EINPUT, name,
					(unsigned)p.problem_mark.line + 1,
					(unsigned)p.problem_mark.column + 1,
					"invalid YAML: %s",
					p.problem ? p.problem : "syntax error");
			break;
		}
		rc = on_event(&r, &e, &done);
		yaml_event_delete(&e);
	}
	yaml_parser_delete(&p);
	for (size_t i = 0; i < r.depth; i++)
		free_key(&r, r.stack[i].key);
	if (rc == 0 && !r.root)
		rc = oh_err_set(err, OH_EINPUT, name, 0, 0,
				"an empty YAML document");
	if (rc < 0) {
		if (!a)
			cJSON_Delete(r.root);
		return rc;
	}
	*out = r.root;
	return 0;
}

int sbom_yaml_parse(cJSON **out, const char *s, size_t len, const char *name,
		    struct oh_err *err)
{
	return parse(out, NULL, s, len, name, err);
}

int sbom_yaml_parse_arena(cJSON **out, struct oh_arena *a, const char *s,
			  size_t len, const char *name, struct oh_err *err)
{
	return parse(out, a, s, len, name, err);
}

int sbom_read_yaml(struct sbom_doc **out, const char *s, size_t len,
		   const char *name, struct oh_err *err)
{
	struct oh_arena tree = OH_ARENA_INIT;
	cJSON *root = NULL;
	int rc;

	*out = NULL;
	if ((rc = sbom_yaml_parse_arena(&root, &tree, s, len, name, err)) < 0) {
		oh_arena_release(&tree);
		return rc;
	}
	rc = sbom_read_json_tree_borrow(out, root, &tree, name, err);
	if (rc == 0)
		(*out)->format = SBOM_FORMAT_YAML;
	oh_arena_release(&tree);
	return rc;
}
