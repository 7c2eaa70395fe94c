/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Rules loader: JSON (cJSON) -> struct policy_rules, patterns compiled once
 * with PCRE2.  Every error names the JSON path and the line:col of the key
 * or value, found again in the text (cJSON keeps no positions).
 */
#include "policy/policy_int.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "core/buf.h"
#include "core/err.h"
#include "core/json.h"
#include "core/path.h"
#include "core/xalloc.h"
#include "core/banned.h"

#define PATH_DEPTH 8

struct country_set {
	const char *name;
	const char **c;
	size_t nr;
};

struct pctx {
	struct policy_rules *r;
	const char *data; /* the text, for locations */
	size_t len;
	const char *name; /* input name */
	struct oh_err *err;
	const char *key[PATH_DEPTH]; /* path segment: key, or NULL */
	long idx[PATH_DEPTH];        /* path segment: index when key NULL */
	int depth;
	struct country_set set[POLICY_MAX_SETS];
	size_t set_nr;
};

static const char *const field_names[PF_NR] = {
	"name",     "url",         "organization", "foundation",
	"category", "arrangement", "origin",       "deployment_context",
};

const char *policy_field_name(enum policy_field f)
{
	return f < PF_NR ? field_names[f] : "?";
}

/* ---- locating a JSON path in the text ---- */

static size_t skip_ws(const char *d, size_t n, size_t i)
{
	while (i < n &&
	       (d[i] == ' ' || d[i] == '\t' || d[i] == '\n' || d[i] == '\r'))
		i++;
	return i;
}

/* i at '"'; returns the index after the closing quote. */
static size_t skip_string(const char *d, size_t n, size_t i)
{
	for (i++; i < n && d[i] != '"'; i++)
		if (d[i] == '\\')
			i++;
	return i < n ? i + 1 : n;
}

static size_t skip_value(const char *d, size_t n, size_t i)
{
	int nest = 0;

	if (i < n && d[i] == '"')
		return skip_string(d, n, i);
	while (i < n) {
		if (d[i] == '"') {
			i = skip_string(d, n, i);
			continue;
		}
		if (d[i] == '{' || d[i] == '[') {
			nest++;
		} else if (d[i] == '}' || d[i] == ']') {
			if (nest == 0)
				return i;
			if (--nest == 0)
				return i + 1;
		} else if (nest == 0 &&
			   (d[i] == ',' || d[i] == ' ' || d[i] == '\n' ||
			    d[i] == '\t' || d[i] == '\r')) {
			return i;
		}
		i++;
	}
	return n;
}

/* *i at '{': move to the first member named key (at its '"'). */
static bool find_member(const char *d, size_t n, size_t *i, const char *key)
{
	size_t klen = strlen(key);
	size_t p = skip_ws(d, n, *i + 1);

	while (p < n && d[p] == '"') {
		size_t end = skip_string(d, n, p);

		if (end - p - 2 == klen && memcmp(d + p + 1, key, klen) == 0) {
			*i = p;
			return true;
		}
		p = skip_ws(d, n, end);
		if (p < n && d[p] == ':')
			p = skip_ws(d, n, p + 1);
		p = skip_ws(d, n, skip_value(d, n, p));
		if (p < n && d[p] == ',')
			p = skip_ws(d, n, p + 1);
	}
	return false;
}

/* *i at '[': move to element idx. */
static bool find_index(const char *d, size_t n, size_t *i, long idx)
{
	size_t p = skip_ws(d, n, *i + 1);

	for (long k = 0; p < n && d[p] != ']'; k++) {
		if (k == idx) {
			*i = p;
			return true;
		}
		p = skip_ws(d, n, skip_value(d, n, p));
		if (p < n && d[p] == ',')
			p = skip_ws(d, n, p + 1);
	}
	return false;
}

/* Byte offset of the current path's key or element; 0 when not found. */
static size_t locate(const struct pctx *c)
{
	const char *d = c->data;
	size_t n = c->len;
	size_t pos = skip_ws(d, n, 0);
	size_t found = 0;

	for (int s = 0; s < c->depth; s++) {
		if (pos >= n)
			return found;
		if (c->key[s]) {
			if (d[pos] != '{' ||
			    !find_member(d, n, &pos, c->key[s]))
				return found;
			found = pos;
			pos = skip_ws(d, n, skip_string(d, n, pos));
			if (pos < n && d[pos] == ':')
				pos = skip_ws(d, n, pos + 1);
		} else {
			if (d[pos] != '[' || !find_index(d, n, &pos, c->idx[s]))
				return found;
			found = pos;
		}
	}
	return found;
}

static void push_key(struct pctx *c, const char *key)
{
	if (c->depth < PATH_DEPTH) {
		c->key[c->depth] = key;
		c->idx[c->depth] = 0;
	}
	c->depth++;
}

static void push_idx(struct pctx *c, long idx)
{
	if (c->depth < PATH_DEPTH) {
		c->key[c->depth] = NULL;
		c->idx[c->depth] = idx;
	}
	c->depth++;
}

static void pop(struct pctx *c)
{
	c->depth--;
}

static void path_text(struct oh_buf *b, const struct pctx *c)
{
	for (int s = 0; s < c->depth && s < PATH_DEPTH; s++) {
		if (c->key[s])
			oh_buf_addf(b, "%s%.60s", s ? "." : "", c->key[s]);
		else
			oh_buf_addf(b, "[%ld]", c->idx[s]);
	}
	if (c->depth == 0)
		oh_buf_adds(b, "(top level)");
}

/* Record an error at the current path; returns the code. */
__attribute__((format(printf, 3, 4))) static int
perr(struct pctx *c, enum oh_code code, const char *fmt, ...)
{
	struct oh_buf msg = OH_BUF_INIT;
	unsigned line = 0, col = 0;
	va_list ap;

	oh_text_position(c->data, locate(c), &line, &col);
	path_text(&msg, c);
	oh_buf_adds(&msg, ": ");
	va_start(ap, fmt);
	oh_buf_vaddf(&msg, fmt, ap);
	va_end(ap);
	oh_err_set(c->err, code, c->name, line, col, "%s", msg.buf);
	oh_buf_release(&msg);
	return code;
}

/* ---- typed getters ---- */

static bool is_comment_key(const char *k)
{
	return strcmp(k, "about") == 0 || strcmp(k, "note") == 0;
}

static int check_keys(struct pctx *c, const cJSON *obj,
		      const char *const *allowed)
{
	const cJSON *k;

	cJSON_ArrayForEach(k, obj)
	{
		size_t i;

		for (i = 0; allowed[i]; i++)
			if (strcmp(allowed[i], k->string) == 0)
				break;
		if (allowed[i] || is_comment_key(k->string))
			continue;
		push_key(c, k->string);
		perr(c, OH_EINPUT, "unknown key '%.60s'", k->string);
		pop(c);
		return OH_EINPUT;
	}
	return 0;
}

/* A string member; *out NULL when absent (or null and !required). */
static int get_str(const char **out, struct pctx *c, const cJSON *obj,
		   const char *key, bool required)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
	int ret = 0;

	*out = NULL;
	push_key(c, key);
	if (!v || (cJSON_IsNull(v) && !required)) {
		if (required)
			ret = perr(c, OH_EINPUT, "'%s' is required", key);
	} else if (!cJSON_IsString(v)) {
		ret = perr(c, OH_EINPUT, "must be a string");
	} else if (strlen(v->valuestring) > POLICY_MAX_PATTERN) {
		ret = perr(c, OH_ELIMIT, "longer than %u bytes",
			   POLICY_MAX_PATTERN);
	} else {
		*out = oh_arena_strdup(&c->r->arena, v->valuestring);
	}
	pop(c);
	return ret;
}

static int get_decision(enum policy_decision *out, struct pctx *c,
			const cJSON *obj, const char *key, bool required)
{
	const char *s;
	int ret = get_str(&s, c, obj, key, required);

	if (ret < 0 || !s)
		return ret;
	if (policy_decision_parse(out, s) < 0) {
		push_key(c, key);
		ret = perr(
			c, OH_EINPUT,
			"unknown decision '%.40s' (ACCEPT, EVALUATE or AVOID)",
			s);
		pop(c);
	}
	return ret;
}

/* ---- patterns and entries ---- */

static int compile(pcre2_code **out, struct pctx *c, const char *pat)
{
	struct policy_rules *r = c->r;
	PCRE2_UCHAR msg[160];
	PCRE2_SIZE off = 0;
	int code = 0;

	if (r->code_nr >= POLICY_MAX_PATTERNS)
		return perr(c, OH_ELIMIT, "more than %u patterns",
			    POLICY_MAX_PATTERNS);
	*out = pcre2_compile((PCRE2_SPTR)pat, PCRE2_ZERO_TERMINATED,
			     PCRE2_UTF | PCRE2_CASELESS |
				     PCRE2_MATCH_INVALID_UTF |
				     PCRE2_NEVER_BACKSLASH_C,
			     &code, &off, NULL);
	if (!*out) {
		pcre2_get_error_message(code, msg, sizeof(msg));
		return perr(c, OH_EINPUT, "bad pattern at offset %zu: %s",
			    (size_t)off, (const char *)msg);
	}
	OH_GROW(r->code, r->code_alloc, r->code_nr + 1);
	r->code[r->code_nr++] = *out;
	return 0;
}

static int parse_alt(struct policy_alt *alt, struct pctx *c, const cJSON *obj)
{
	static const char *const fields[] = {
		"name",     "url",         "organization", "foundation",
		"category", "arrangement", "origin",       "deployment_context",
		NULL
	};
	const cJSON *k;
	size_t n = 0;

	if (!cJSON_IsObject(obj))
		return perr(c, OH_EINPUT, "a match must be an object");
	if (check_keys(c, obj, fields) < 0)
		return c->err->code;
	cJSON_ArrayForEach(k, obj)
	{
		int f;

		if (is_comment_key(k->string))
			continue;
		for (f = 0; f < PF_NR; f++)
			if (strcmp(field_names[f], k->string) == 0)
				break;
		if (f == PF_NR)
			continue; /* a comment key */
		if (alt->re[f])
			continue; /* duplicate key: cJSON's first one wins */
		if (get_str(&alt->src[f], c, obj, k->string, true) < 0)
			return c->err->code;
		push_key(c, k->string);
		if (compile(&alt->re[f], c, alt->src[f]) < 0) {
			pop(c);
			return c->err->code;
		}
		pop(c);
		n++;
	}
	if (n == 0)
		return perr(
			c, OH_EINPUT,
			"a match needs at least one field (name, url, organization, foundation, category, arrangement, origin, deployment_context)");
	return 0;
}

static int parse_match(struct policy_entry *e, struct pctx *c, const cJSON *obj)
{
	const cJSON *m = cJSON_GetObjectItemCaseSensitive(obj, "match");
	const cJSON *it;
	size_t n;
	int ret = 0;

	push_key(c, "match");
	if (!m) {
		ret = perr(c, OH_EINPUT, "'match' is required");
		goto out;
	}
	if (cJSON_IsObject(m)) {
		e->alt = oh_arena_alloc(&c->r->arena, sizeof(*e->alt));
		e->alt_nr = 1;
		ret = parse_alt(e->alt, c, m);
		goto out;
	}
	if (!cJSON_IsArray(m) || cJSON_GetArraySize(m) == 0) {
		ret = perr(c, OH_EINPUT,
			   "must be an object or a non-empty array of objects");
		goto out;
	}
	n = (size_t)cJSON_GetArraySize(m);
	if (n > POLICY_MAX_ALTS) {
		ret = perr(c, OH_ELIMIT, "more than %u match objects",
			   POLICY_MAX_ALTS);
		goto out;
	}
	e->alt = oh_arena_alloc(&c->r->arena, n * sizeof(*e->alt));
	cJSON_ArrayForEach(it, m)
	{
		push_idx(c, (long)e->alt_nr);
		ret = parse_alt(&e->alt[e->alt_nr++], c, it);
		pop(c);
		if (ret < 0)
			break;
	}
out:
	pop(c);
	return ret;
}

static bool valid_id(const char *s)
{
	size_t n = strlen(s);

	if (n == 0 || n > 48)
		return false;
	for (; *s != '\0'; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		      (*s >= '0' && *s <= '9') || *s == '_' || *s == '-' ||
		      *s == '.'))
			return false;
	return true;
}

static int parse_entry(struct policy_entry *e, struct pctx *c, const cJSON *obj,
		       bool override)
{
	static const char *const keys[] = { "id",       "name",   "match",
					    "decision", "reason", NULL };

	if (!cJSON_IsObject(obj))
		return perr(c, OH_EINPUT, "an entry must be an object");
	if (check_keys(c, obj, keys) < 0 ||
	    get_str(&e->id, c, obj, "id", true) < 0 ||
	    get_str(&e->name, c, obj, "name", false) < 0 ||
	    get_str(&e->reason, c, obj, "reason", false) < 0)
		return c->err->code;
	if (!valid_id(e->id)) {
		push_key(c, "id");
		perr(c, OH_EINPUT,
		     "'%.60s' is not an id ([A-Za-z0-9_.-]{1,48})", e->id);
		pop(c);
		return OH_EINPUT;
	}
	if (!e->name)
		e->name = e->id;
	if (!override && cJSON_GetObjectItemCaseSensitive(obj, "decision")) {
		push_key(c, "decision");
		perr(c, OH_EINPUT,
		     "'decision' is only allowed in profile overrides");
		pop(c);
		return OH_EINPUT;
	}
	if (override &&
	    get_decision(&e->decision, c, obj, "decision", true) < 0)
		return c->err->code;
	return parse_match(e, c, obj);
}

static int parse_list(struct policy_list *l, struct pctx *c, const cJSON *root,
		      const char *key, bool override)
{
	const cJSON *arr = cJSON_GetObjectItemCaseSensitive(root, key);
	const cJSON *it;
	int ret = 0;

	if (!arr || cJSON_IsNull(arr))
		return 0;
	push_key(c, key);
	if (!cJSON_IsArray(arr)) {
		ret = perr(c, OH_EINPUT, "must be an array of entries");
	} else if (cJSON_GetArraySize(arr) > POLICY_MAX_ENTRIES) {
		ret = perr(c, OH_ELIMIT, "more than %u entries",
			   POLICY_MAX_ENTRIES);
	} else {
		l->entry = oh_arena_alloc(&c->r->arena,
					  (size_t)cJSON_GetArraySize(arr) *
						  sizeof(*l->entry));
		cJSON_ArrayForEach(it, arr)
		{
			push_idx(c, (long)l->nr);
			ret = parse_entry(&l->entry[l->nr], c, it, override);
			for (size_t j = 0; ret == 0 && j < l->nr; j++)
				if (strcmp(l->entry[j].id,
					   l->entry[l->nr].id) == 0)
					ret = perr(c, OH_EINPUT,
						   "duplicate id '%.60s'",
						   l->entry[j].id);
			pop(c);
			if (ret < 0)
				break;
			l->nr++;
		}
	}
	pop(c);
	return ret;
}

/* ---- countries ---- */

static bool is_country(const char *s)
{
	return strlen(s) == 2 && s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'A' &&
	       s[1] <= 'Z';
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static const struct country_set *find_set(const struct pctx *c,
					  const char *name)
{
	for (size_t i = 0; i < c->set_nr; i++)
		if (strcmp(c->set[i].name, name) == 0)
			return &c->set[i];
	return NULL;
}

static void add_country(const char **list, size_t *nr, const char *cc)
{
	for (size_t i = 0; i < *nr; i++)
		if (strcmp(list[i], cc) == 0)
			return;
	list[(*nr)++] = cc;
}

/* One element of a country list: "DE" or "@SET". */
static int add_element(const char **list, size_t *nr, struct pctx *c,
		       const cJSON *v)
{
	const struct country_set *s;

	if (!cJSON_IsString(v))
		return perr(c, OH_EINPUT, "must be a country code string");
	if (v->valuestring[0] == '@') {
		s = find_set(c, v->valuestring + 1);
		if (!s)
			return perr(
				c, OH_EINPUT,
				"unknown country set '%.60s' (sets must be defined before use)",
				v->valuestring);
		for (size_t i = 0; i < s->nr; i++) {
			if (*nr >= POLICY_MAX_COUNTRIES)
				return perr(c, OH_ELIMIT,
					    "more than %u countries",
					    POLICY_MAX_COUNTRIES);
			add_country(list, nr, s->c[i]);
		}
		return 0;
	}
	if (!is_country(v->valuestring))
		return perr(
			c, OH_EINPUT,
			"'%.60s' is not an upper-case ISO 3166 alpha-2 code",
			v->valuestring);
	if (*nr >= POLICY_MAX_COUNTRIES)
		return perr(c, OH_ELIMIT, "more than %u countries",
			    POLICY_MAX_COUNTRIES);
	add_country(list, nr, oh_arena_strdup(&c->r->arena, v->valuestring));
	return 0;
}

static int parse_countries(const char ***out, size_t *nr, struct pctx *c,
			   const cJSON *v, bool sort)
{
	const cJSON *it;
	const char **list;
	long i = 0;

	*out = NULL;
	*nr = 0;
	if (!cJSON_IsArray(v))
		return perr(c, OH_EINPUT, "must be an array of country codes");
	list = oh_arena_alloc(&c->r->arena,
			      POLICY_MAX_COUNTRIES * sizeof(*list));
	cJSON_ArrayForEach(it, v)
	{
		int ret;

		push_idx(c, i++);
		ret = add_element(list, nr, c, it);
		pop(c);
		if (ret < 0)
			return ret;
	}
	if (sort)
		qsort(list, *nr, sizeof(*list), cmp_str);
	*out = list;
	return 0;
}

static int parse_sets(struct pctx *c, const cJSON *root)
{
	const cJSON *sets =
		cJSON_GetObjectItemCaseSensitive(root, "country_sets");
	const cJSON *it;
	int ret = 0;

	if (!sets)
		return 0;
	push_key(c, "country_sets");
	if (!cJSON_IsObject(sets))
		ret = perr(c, OH_EINPUT, "must be an object of country lists");
	cJSON_ArrayForEach(it, (ret == 0 ? sets : NULL))
	{
		struct country_set *s = &c->set[c->set_nr];

		if (is_comment_key(it->string))
			continue;
		push_key(c, it->string);
		if (c->set_nr >= POLICY_MAX_SETS)
			ret = perr(c, OH_ELIMIT, "more than %u country sets",
				   POLICY_MAX_SETS);
		else if (find_set(c, it->string))
			ret = perr(c, OH_EINPUT, "duplicate country set");
		else
			ret = parse_countries(&s->c, &s->nr, c, it, false);
		pop(c);
		if (ret < 0)
			break;
		s->name = oh_arena_strdup(&c->r->arena, it->string);
		c->set_nr++;
	}
	pop(c);
	return ret;
}

/* ---- profiles ---- */

static int parse_labels(const char ***out, size_t *nr, struct pctx *c,
			const cJSON *fw, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(fw, key);
	const cJSON *it;
	size_t n;
	int ret = 0;

	*out = NULL;
	*nr = 0;
	if (!v)
		return 0;
	push_key(c, key);
	n = cJSON_IsArray(v) ? (size_t)cJSON_GetArraySize(v) : 0;
	if (!cJSON_IsArray(v))
		ret = perr(c, OH_EINPUT, "must be an array of strings");
	else if (n > 64)
		ret = perr(c, OH_ELIMIT, "more than 64 labels");
	else
		*out = oh_arena_alloc(&c->r->arena, (n + 1) * sizeof(char *));
	cJSON_ArrayForEach(it, (ret == 0 ? v : NULL))
	{
		push_idx(c, (long)*nr);
		if (!cJSON_IsString(it))
			ret = perr(c, OH_EINPUT, "must be a string");
		else
			(*out)[(*nr)++] =
				oh_arena_strdup(&c->r->arena, it->valuestring);
		pop(c);
		if (ret < 0)
			break;
	}
	pop(c);
	return ret;
}

static int parse_frameworks(struct policy_profile *p, struct pctx *c,
			    const cJSON *obj)
{
	static const char *const keys[] = { "data_protection", "security",
					    "classification",  "procurement",
					    "architecture",    NULL };
	const cJSON *fw = cJSON_GetObjectItemCaseSensitive(obj, "frameworks");
	int ret;

	if (!fw)
		return 0;
	push_key(c, "frameworks");
	if (!cJSON_IsObject(fw))
		ret = perr(c, OH_EINPUT, "must be an object of label arrays");
	else if (check_keys(c, fw, keys) < 0 ||
		 parse_labels(&p->data_protection, &p->data_protection_nr, c,
			      fw, "data_protection") < 0 ||
		 parse_labels(&p->security, &p->security_nr, c, fw,
			      "security") < 0 ||
		 parse_labels(&p->classification, &p->classification_nr, c, fw,
			      "classification") < 0 ||
		 parse_labels(&p->procurement, &p->procurement_nr, c, fw,
			      "procurement") < 0 ||
		 parse_labels(&p->architecture, &p->architecture_nr, c, fw,
			      "architecture") < 0)
		ret = c->err->code;
	else
		ret = 0;
	pop(c);
	return ret;
}

static int parse_offsets(struct policy_profile *p, struct pctx *c,
			 const cJSON *obj)
{
	const cJSON *v =
		cJSON_GetObjectItemCaseSensitive(obj, "concern_utc_offsets");
	const cJSON *it;
	int *off;
	int ret = 0;

	if (!v)
		return 0;
	push_key(c, "concern_utc_offsets");
	if (!cJSON_IsArray(v) || cJSON_GetArraySize(v) > 64)
		ret = perr(c, OH_EINPUT,
			   "must be an array of at most 64 integers");
	off = oh_arena_alloc(&c->r->arena, 64 * sizeof(int));
	cJSON_ArrayForEach(it, (ret == 0 ? v : NULL))
	{
		push_idx(c, (long)p->concern_utc_offset_nr);
		if (!cJSON_IsNumber(it) || it->valuedouble < -720 ||
		    it->valuedouble > 840 ||
		    it->valuedouble != (double)(int)it->valuedouble)
			ret = perr(
				c, OH_EINPUT,
				"must be an integer number of minutes from -720 to 840");
		else
			off[p->concern_utc_offset_nr++] = (int)it->valuedouble;
		pop(c);
		if (ret < 0)
			break;
	}
	p->concern_utc_offset = off;
	pop(c);
	return ret;
}

static int parse_share(struct policy_profile *p, struct pctx *c,
		       const cJSON *obj)
{
	const cJSON *v =
		cJSON_GetObjectItemCaseSensitive(obj, "evidence_share");
	int ret = 0;

	p->evidence_share = 0.5;
	if (!v)
		return 0;
	push_key(c, "evidence_share");
	if (!cJSON_IsNumber(v) || !(v->valuedouble > 0) || v->valuedouble > 1)
		ret = perr(c, OH_EINPUT, "must be a number above 0, at most 1");
	else
		p->evidence_share = v->valuedouble;
	pop(c);
	return ret;
}

static int check_disjoint(const struct policy_profile *p, struct pctx *c)
{
	for (size_t i = 0; i < p->allied_nr; i++)
		for (size_t j = 0; j < p->concern_nr; j++)
			if (strcmp(p->allied[i], p->concern[j]) == 0) {
				push_key(c, "concern");
				perr(c, OH_EINPUT,
				     "%s is both allied and of concern",
				     p->allied[i]);
				pop(c);
				return OH_EINPUT;
			}
	return 0;
}

static int parse_country_key(const char ***out, size_t *nr, struct pctx *c,
			     const cJSON *obj, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
	int ret;

	push_key(c, key);
	if (!v)
		ret = perr(c, OH_EINPUT, "'%s' is required", key);
	else
		ret = parse_countries(out, nr, c, v, true);
	pop(c);
	return ret;
}

static int parse_overrides(struct policy_profile *p, struct pctx *c,
			   const cJSON *obj)
{
	struct policy_list l = { 0 };

	if (parse_list(&l, c, obj, "overrides", true) < 0)
		return c->err->code;
	p->override = l.entry;
	p->override_nr = l.nr;
	return 0;
}

static int parse_profile(struct policy_profile *p, struct pctx *c,
			 const cJSON *obj)
{
	static const char *const keys[] = {
		"label",
		"jurisdiction",
		"allied",
		"concern",
		"concern_utc_offsets",
		"evidence_share",
		"security_critical_unknown_origin",
		"default_decision",
		"frameworks",
		"overrides",
		NULL,
	};

	if (!cJSON_IsObject(obj))
		return perr(c, OH_EINPUT, "a profile must be an object");
	p->sc_unknown_origin = POLICY_EVALUATE;
	p->default_decision = POLICY_ACCEPT;
	if (check_keys(c, obj, keys) < 0 ||
	    get_str(&p->label, c, obj, "label", true) < 0 ||
	    get_str(&p->jurisdiction, c, obj, "jurisdiction", false) < 0 ||
	    get_str(&p->note, c, obj, "note", false) < 0 ||
	    parse_country_key(&p->allied, &p->allied_nr, c, obj, "allied") <
		    0 ||
	    parse_country_key(&p->concern, &p->concern_nr, c, obj, "concern") <
		    0 ||
	    check_disjoint(p, c) < 0 || parse_offsets(p, c, obj) < 0 ||
	    parse_share(p, c, obj) < 0 ||
	    get_decision(&p->sc_unknown_origin, c, obj,
			 "security_critical_unknown_origin", false) < 0 ||
	    get_decision(&p->default_decision, c, obj, "default_decision",
			 false) < 0 ||
	    parse_frameworks(p, c, obj) < 0 || parse_overrides(p, c, obj) < 0)
		return c->err->code;
	return 0;
}

static bool valid_profile_name(const char *s)
{
	size_t n = strlen(s);

	if (n == 0 || n > 32)
		return false;
	for (; *s != '\0'; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
		      *s == '_' || *s == '-'))
			return false;
	return true;
}

static int parse_profiles(struct pctx *c, const cJSON *root)
{
	const cJSON *ps = cJSON_GetObjectItemCaseSensitive(root, "profiles");
	struct policy_rules *r = c->r;
	const cJSON *it;
	int ret = 0;

	push_key(c, "profiles");
	if (!cJSON_IsObject(ps) || cJSON_GetArraySize(ps) == 0)
		ret = perr(c, OH_EINPUT,
			   ps ? "must be a non-empty object of profiles"
			      : "'profiles' is required");
	else if (cJSON_GetArraySize(ps) > POLICY_MAX_PROFILES)
		ret = perr(c, OH_ELIMIT, "more than %u profiles",
			   POLICY_MAX_PROFILES);
	else
		r->profile = oh_arena_alloc(&r->arena,
					    (size_t)cJSON_GetArraySize(ps) *
						    sizeof(*r->profile));
	cJSON_ArrayForEach(it, (ret == 0 ? ps : NULL))
	{
		struct policy_profile *p = &r->profile[r->profile_nr];

		push_key(c, it->string);
		if (!valid_profile_name(it->string))
			ret = perr(
				c, OH_EINPUT,
				"'%.60s' is not a profile name ([a-z0-9_-]{1,32})",
				it->string);
		else if (policy_profile_find(r, it->string))
			ret = perr(c, OH_EINPUT, "duplicate profile");
		else
			ret = parse_profile(p, c, it);
		pop(c);
		if (ret < 0)
			break;
		p->name = oh_arena_strdup(&r->arena, it->string);
		r->profile_nr++;
	}
	pop(c);
	return ret;
}

static int parse_root(struct pctx *c, const cJSON *root)
{
	static const char *const keys[] = { "version",
					    "default_profile",
					    "country_sets",
					    "neutral_foundations",
					    "foundational_infrastructure",
					    "security_critical",
					    "direct_collaboration",
					    "profiles",
					    NULL };
	struct policy_rules *r = c->r;
	const cJSON *v;

	if (!cJSON_IsObject(root))
		return perr(c, OH_EINPUT, "the rules must be a JSON object");
	if (check_keys(c, root, keys) < 0)
		return c->err->code;
	v = cJSON_GetObjectItemCaseSensitive(root, "version");
	push_key(c, "version");
	if (!cJSON_IsNumber(v) || v->valuedouble != 1) {
		perr(c, OH_EINPUT,
		     v ? "unsupported version (this osshealth reads version 1)"
		       : "'version' is required");
		pop(c);
		return OH_EINPUT;
	}
	pop(c);
	if (get_str(&r->default_profile, c, root, "default_profile", true) <
		    0 ||
	    parse_sets(c, root) < 0 ||
	    parse_list(&r->foundation, c, root, "neutral_foundations", false) <
		    0 ||
	    parse_list(&r->infra, c, root, "foundational_infrastructure",
		       false) < 0 ||
	    parse_list(&r->seccrit, c, root, "security_critical", false) < 0 ||
	    parse_list(&r->direct, c, root, "direct_collaboration", false) <
		    0 ||
	    parse_profiles(c, root) < 0)
		return c->err->code;
	if (!policy_profile_find(r, r->default_profile)) {
		push_key(c, "default_profile");
		perr(c, OH_EINPUT, "no profile named '%.60s'",
		     r->default_profile);
		pop(c);
		return OH_EINPUT;
	}
	return 0;
}

int policy_rules_parse(struct policy_rules **out, const char *data, size_t len,
		       const char *name, struct oh_err *err)
{
	struct pctx c = { .data = data, .len = len, .name = name, .err = err };
	cJSON *root;

	*out = NULL;
	if (len > POLICY_MAX_BYTES)
		return oh_err_set(err, OH_ELIMIT, name, 0, 0,
				  "rules are larger than %u bytes",
				  POLICY_MAX_BYTES);
	if (oh_json_parse(&root, data, len, name, err) < 0)
		return err->code;
	c.r = oh_xcalloc(1, sizeof(*c.r));
	c.r->mctx = pcre2_match_context_create(NULL);
	if (!c.r->mctx)
		OH_BUG("pcre2_match_context_create failed");
	pcre2_set_match_limit(c.r->mctx, POLICY_MATCH_LIMIT);
	pcre2_set_depth_limit(c.r->mctx, POLICY_DEPTH_LIMIT);
	if (parse_root(&c, root) < 0) {
		policy_rules_free(c.r);
		cJSON_Delete(root);
		return err->code;
	}
	cJSON_Delete(root);
	*out = c.r;
	return 0;
}

int policy_rules_load(struct policy_rules **out, const char *path,
		      struct oh_err *err)
{
	struct oh_buf file = OH_BUF_INIT;
	struct oh_buf b = OH_BUF_INIT;
	int ret = 0;

	*out = NULL;
	if (!path) {
		ret = oh_data_file(&file, "rules/policy.json", err);
		path = file.buf;
	}
	oh_buf_set_max(&b, POLICY_MAX_BYTES);
	if (ret == 0)
		ret = oh_buf_read_file(&b, path, err);
	if (ret == 0)
		ret = policy_rules_parse(out, b.buf, b.len, path, err);
	oh_buf_release(&b);
	oh_buf_release(&file);
	return ret;
}

void policy_rules_free(struct policy_rules *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->code_nr; i++)
		pcre2_code_free(r->code[i]);
	free(r->code);
	pcre2_match_context_free(r->mctx);
	oh_arena_release(&r->arena);
	free(r);
}

const struct policy_profile *policy_profile_find(const struct policy_rules *r,
						 const char *name)
{
	if (!name)
		name = r->default_profile;
	for (size_t i = 0; i < r->profile_nr; i++)
		if (strcmp(r->profile[i].name, name) == 0)
			return &r->profile[i];
	return NULL;
}

size_t policy_profile_count(const struct policy_rules *r)
{
	return r->profile_nr;
}

const struct policy_profile *policy_profile_at(const struct policy_rules *r,
					       size_t i)
{
	return i < r->profile_nr ? &r->profile[i] : NULL;
}

size_t policy_rules_pattern_count(const struct policy_rules *r)
{
	return r->code_nr;
}
