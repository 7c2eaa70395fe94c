/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Loader for the imported SPDX lists (licenses/<name>.tsv), our categories
 * (licenses/categories.json) and replacements (licenses/replacements.tsv).
 * Each file is read whole; fields point into the kept buffers.
 */
#include "license/list.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cjson/cJSON.h>

#include "core/buf.h"
#include "core/err.h"
#include "core/path.h"
#include "core/xalloc.h"
#include "core/banned.h"

#define MAX_IDS       8192
#define MAX_LINE      1024
#define MAX_TEXT      (1024 * 1024)
#define MAX_DATA_FILE (4 * 1024 * 1024)

struct lic_list {
	char *dir;
	struct oh_buf lic_buf, exc_buf, exc2_buf, rep_buf;
	struct lic_info *lic;
	size_t nlic;
	struct lic_info *exc;
	size_t nexc;
	bool *has_text; /* per license: a text file exists */
	char **text;    /* per license: loaded text or NULL */
	size_t *text_len;
	char version[96];
};

static const char *const cat_names[] = {
	[LIC_CAT_UNKNOWN] = "unknown",
	[LIC_CAT_PERMISSIVE] = "permissive",
	[LIC_CAT_WEAK_COPYLEFT] = "weak-copyleft",
	[LIC_CAT_STRONG_COPYLEFT] = "strong-copyleft",
	[LIC_CAT_NETWORK_COPYLEFT] = "network-copyleft",
	[LIC_CAT_PUBLIC_DOMAIN] = "public-domain-like",
	[LIC_CAT_SOURCE_AVAILABLE] = "source-available",
	[LIC_CAT_CONTENT] = "content",
	[LIC_CAT_OTHER] = "other",
};

const char *lic_category_name(enum lic_category c)
{
	if ((size_t)c >= sizeof(cat_names) / sizeof(cat_names[0]))
		return "unknown";
	return cat_names[c];
}

int lic_category_parse(enum lic_category *out, const char *name)
{
	for (size_t i = 0; i < sizeof(cat_names) / sizeof(cat_names[0]); i++) {
		if (strcmp(cat_names[i], name) == 0) {
			*out = (enum lic_category)i;
			return 0;
		}
	}
	return -1;
}

static int info_cmp(const void *a, const void *b)
{
	const struct lic_info *x = a;
	const struct lic_info *y = b;

	return strcasecmp(x->id, y->id);
}

static bool valid_id(const char *s)
{
	if (*s == '\0')
		return false;
	for (; *s != '\0'; s++) {
		char c = *s;

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (c >= '0' && c <= '9') || c == '-' || c == '.' ||
		      c == '+'))
			return false;
	}
	return true;
}

/* Split a line in place at tabs; returns the number of fields. */
static size_t split_tabs(char *line, char **field, size_t max)
{
	size_t n = 0;

	field[n++] = line;
	for (char *p = line; *p != '\0' && n < max; p++) {
		if (*p == '\t') {
			*p = '\0';
			field[n++] = p + 1;
		}
	}
	return n;
}

static bool flag_ok(const char *s)
{
	return (s[0] == '0' || s[0] == '1') && s[1] == '\0';
}

struct tsv {
	const char *path;
	char *p;      /* next line */
	unsigned lno; /* line number of the current line */
};

/* Next non-comment line, NUL-terminated in place; NULL at the end. */
static char *tsv_next(struct tsv *t, struct oh_err *err, int *ret)
{
	char *line;
	char *nl;

	*ret = 0;
	while (t->p && *t->p != '\0') {
		line = t->p;
		nl = strchr(line, '\n');
		t->lno++;
		if (nl) {
			*nl = '\0';
			t->p = nl + 1;
		} else {
			t->p = NULL;
		}
		if (strlen(line) > MAX_LINE) {
			*ret = oh_err_set(err, OH_ELIMIT, t->path, t->lno, 0,
					  "line longer than %d bytes",
					  MAX_LINE);
			return NULL;
		}
		if (line[0] != '#' && line[0] != '\0')
			return line;
	}
	return NULL;
}

static int read_data(struct oh_buf *b, const char *dir, const char *name,
		     struct oh_buf *path, struct oh_err *err)
{
	oh_buf_reset(path);
	oh_path_join(path, dir, name);
	if (!oh_path_exists(path->buf))
		return oh_err_set(err, OH_ENOTFOUND, path->buf, 0, 0,
				  "license data file is missing");
	oh_buf_set_max(b, MAX_DATA_FILE);
	return oh_buf_read_file(b, path->buf, err);
}

static void read_version(struct lic_list *l)
{
	const char *v = strstr(l->lic_buf.buf, "# version: ");
	size_t n;

	snprintf(l->version, sizeof(l->version), "unknown");
	if (!v)
		return;
	v += strlen("# version: ");
	n = strcspn(v, "\n");
	if (n >= sizeof(l->version))
		n = sizeof(l->version) - 1;
	memcpy(l->version, v, n);
	l->version[n] = '\0';
}

static int parse_licenses(struct lic_list *l, const char *path,
			  struct oh_err *err)
{
	struct tsv t = { .path = path, .p = l->lic_buf.buf };
	size_t alloc = 0;
	char *line;
	char *f[5];
	int ret;

	read_version(l);
	while ((line = tsv_next(&t, err, &ret))) {
		struct lic_info *info;

		if (split_tabs(line, f, 5) != 5 || !valid_id(f[0]) ||
		    !flag_ok(f[1]) || !flag_ok(f[2]) || !flag_ok(f[3]))
			return oh_err_set(err, OH_EINPUT, path, t.lno, 0,
					  "expected 'id<TAB>osi<TAB>deprecated"
					  "<TAB>text<TAB>name'");
		if (l->nlic >= MAX_IDS)
			return oh_err_set(err, OH_ELIMIT, path, t.lno, 0,
					  "more than %d ids", MAX_IDS);
		OH_GROW(l->lic, alloc, l->nlic + 1);
		info = &l->lic[l->nlic++];
		memset(info, 0, sizeof(*info));
		info->id = f[0];
		info->osi = f[1][0] == '1';
		info->deprecated = f[2][0] == '1';
		info->name = f[4];
		/* the text flag is kept in the name's first byte slot below */
		info->exception = f[3][0] == '1'; /* temporary: has text */
	}
	return ret;
}

static struct lic_info *find_in(struct lic_info *v, size_t n, const char *id,
				size_t len);

/* exceptions.tsv, or with `newer` our own exceptions-newer.tsv, whose
 * ids already in the imported list are skipped. */
static int parse_exceptions(struct lic_list *l, struct oh_buf *buf,
			    const char *path, bool newer, struct oh_err *err)
{
	struct tsv t = { .path = path, .p = buf->buf };
	size_t alloc = 0;
	char *line;
	char *f[3];
	int ret;

	while ((line = tsv_next(&t, err, &ret))) {
		struct lic_info *info;
		size_t n = split_tabs(line, f, 3);

		if (n < 2 || !valid_id(f[0]) || !flag_ok(f[1]))
			return oh_err_set(err, OH_EINPUT, path, t.lno, 0,
					  "expected 'id<TAB>deprecated'");
		if (newer && find_in(l->exc, l->nexc, f[0], strlen(f[0])))
			continue; /* the imported list has it now */
		if (l->nexc >= MAX_IDS)
			return oh_err_set(err, OH_ELIMIT, path, t.lno, 0,
					  "more than %d ids", MAX_IDS);
		if (alloc == 0)
			alloc = l->nexc;
		OH_GROW(l->exc, alloc, l->nexc + 1);
		info = &l->exc[l->nexc++];
		memset(info, 0, sizeof(*info));
		info->id = f[0];
		info->deprecated = f[1][0] == '1';
		info->exception = true;
		info->name = n > 2 ? f[2] : "";
	}
	return ret;
}

static int sort_check(struct lic_info *v, size_t n, const char *path,
		      struct oh_err *err)
{
	if (n == 0)
		return oh_err_set(err, OH_EINPUT, path, 0, 0, "no ids");
	qsort(v, n, sizeof(*v), info_cmp);
	for (size_t i = 1; i < n; i++)
		if (strcasecmp(v[i - 1].id, v[i].id) == 0)
			return oh_err_set(err, OH_EINPUT, path, 0, 0,
					  "duplicate id '%s'", v[i].id);
	return 0;
}

static struct lic_info *find_in(struct lic_info *v, size_t n, const char *id,
				size_t len)
{
	size_t lo = 0;
	size_t hi = n;

	if (len == 0 || len > MAX_LINE)
		return NULL;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strncasecmp(v[mid].id, id, len);

		if (c == 0 && v[mid].id[len] != '\0')
			c = 1;
		if (c == 0)
			return &v[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

static int parse_replacements(struct lic_list *l, const char *path,
			      struct oh_err *err)
{
	struct tsv t = { .path = path, .p = l->rep_buf.buf };
	char *line;
	char *f[2];
	int ret;

	while ((line = tsv_next(&t, err, &ret))) {
		struct lic_info *info;

		if (split_tabs(line, f, 2) != 2 || f[1][0] == '\0')
			return oh_err_set(err, OH_EINPUT, path, t.lno, 0,
					  "expected 'id<TAB>expression'");
		info = find_in(l->lic, l->nlic, f[0], strlen(f[0]));
		if (!info)
			info = find_in(l->exc, l->nexc, f[0], strlen(f[0]));
		if (!info || !info->deprecated)
			return oh_err_set(err, OH_EINPUT, path, t.lno, 0,
					  "'%s' is not a deprecated id of the "
					  "list",
					  f[0]);
		info->replacement = f[1];
	}
	return ret;
}

/* Give every id of one category array its category. */
static int assign_category(struct lic_list *l, const char *path,
			   const cJSON *cat, struct oh_err *err)
{
	enum lic_category c;
	const cJSON *id;

	if (lic_category_parse(&c, cat->string) < 0 || !cJSON_IsArray(cat))
		return oh_err_set(err, OH_EINPUT, path, 0, 0,
				  "unknown category '%s'", cat->string);
	cJSON_ArrayForEach(id, cat)
	{
		struct lic_info *info = NULL;

		if (cJSON_IsString(id))
			info = find_in(l->lic, l->nlic, id->valuestring,
				       strlen(id->valuestring));
		if (!info || info->category != LIC_CAT_UNKNOWN)
			return oh_err_set(err, OH_EINPUT, path, 0, 0,
					  "category '%s': unknown or repeated "
					  "id '%s'",
					  cat->string,
					  cJSON_IsString(id) ? id->valuestring
							     : "?");
		info->category = c;
	}
	return 0;
}

static int parse_categories(struct lic_list *l, const char *path,
			    struct oh_err *err)
{
	struct oh_buf b = OH_BUF_INIT;
	cJSON *root = NULL;
	const cJSON *cat;
	int ret;

	oh_buf_set_max(&b, MAX_DATA_FILE);
	ret = oh_buf_read_file(&b, path, err);
	if (ret < 0)
		goto out;
	root = cJSON_ParseWithLength(b.buf, b.len);
	if (!cJSON_IsObject(root)) {
		ret = oh_err_set(err, OH_EINPUT, path, 0, 0,
				 "not a JSON object of category -> [ids]");
		goto out;
	}
	cJSON_ArrayForEach(cat, root)
	{
		if (cat->string[0] == '_')
			continue;
		ret = assign_category(l, path, cat, err);
		if (ret < 0)
			break;
	}
out:
	cJSON_Delete(root);
	oh_buf_release(&b);
	return ret;
}

/* Move the temporary has-text flag out of info->exception. */
static void take_text_flags(struct lic_list *l)
{
	l->has_text = oh_xcalloc(l->nlic, sizeof(*l->has_text));
	l->text = oh_xcalloc(l->nlic, sizeof(*l->text));
	l->text_len = oh_xcalloc(l->nlic, sizeof(*l->text_len));
	for (size_t i = 0; i < l->nlic; i++) {
		l->has_text[i] = l->lic[i].exception;
		l->lic[i].exception = false;
	}
}

static int load_all(struct lic_list *l, struct oh_err *err)
{
	struct oh_buf path = OH_BUF_INIT;
	int ret;

	ret = read_data(&l->lic_buf, l->dir, "licenses.tsv", &path, err);
	if (ret == 0)
		ret = parse_licenses(l, path.buf, err);
	if (ret == 0)
		ret = sort_check(l->lic, l->nlic, path.buf, err);
	if (ret == 0)
		ret = read_data(&l->exc_buf, l->dir, "exceptions.tsv", &path,
				err);
	if (ret == 0)
		ret = parse_exceptions(l, &l->exc_buf, path.buf, false, err);
	if (ret == 0)
		ret = sort_check(l->exc, l->nexc, path.buf, err);
	/* our own: exceptions of the SPDX list newer than the import */
	oh_buf_reset(&path);
	oh_path_join(&path, l->dir, "exceptions-newer.tsv");
	if (ret == 0 && oh_path_exists(path.buf)) {
		ret = read_data(&l->exc2_buf, l->dir, "exceptions-newer.tsv",
				&path, err);
		if (ret == 0)
			ret = parse_exceptions(l, &l->exc2_buf, path.buf, true,
					       err);
		if (ret == 0)
			ret = sort_check(l->exc, l->nexc, path.buf, err);
	}
	if (ret == 0)
		ret = read_data(&l->rep_buf, l->dir, "replacements.tsv", &path,
				err);
	if (ret == 0)
		ret = parse_replacements(l, path.buf, err);
	if (ret == 0) {
		oh_buf_reset(&path);
		oh_path_join(&path, l->dir, "categories.json");
		ret = parse_categories(l, path.buf, err);
	}
	if (ret == 0)
		take_text_flags(l);
	oh_buf_release(&path);
	return ret;
}

int lic_list_load_dir(struct lic_list **out, const char *dir,
		      struct oh_err *err)
{
	struct lic_list *l = oh_xcalloc(1, sizeof(*l));
	int ret;

	*out = NULL;
	l->dir = oh_xstrdup(dir);
	oh_buf_init(&l->lic_buf, 0);
	oh_buf_init(&l->exc_buf, 0);
	oh_buf_init(&l->exc2_buf, 0);
	oh_buf_init(&l->rep_buf, 0);
	ret = load_all(l, err);
	if (ret < 0) {
		lic_list_free(l);
		return ret;
	}
	*out = l;
	return 0;
}

int lic_list_load(struct lic_list **out, struct oh_err *err)
{
	struct oh_buf dir = OH_BUF_INIT;
	int ret;

	*out = NULL;
	ret = oh_data_file(&dir, "licenses/licenses.tsv", err);
	if (ret == 0) {
		oh_buf_setlen(&dir, dir.len - strlen("/licenses.tsv"));
		ret = lic_list_load_dir(out, dir.buf, err);
	}
	oh_buf_release(&dir);
	return ret;
}

void lic_list_free(struct lic_list *l)
{
	if (!l)
		return;
	for (size_t i = 0; l->text && i < l->nlic; i++)
		free(l->text[i]);
	free(l->text);
	free(l->text_len);
	free(l->has_text);
	free(l->lic);
	free(l->exc);
	oh_buf_release(&l->lic_buf);
	oh_buf_release(&l->exc_buf);
	oh_buf_release(&l->exc2_buf);
	oh_buf_release(&l->rep_buf);
	free(l->dir);
	free(l);
}

const struct lic_info *lic_list_find(const struct lic_list *l, const char *id,
				     size_t len)
{
	if (!l)
		return NULL;
	return find_in(l->lic, l->nlic, id, len);
}

const struct lic_info *lic_list_find_exception(const struct lic_list *l,
					       const char *id, size_t len)
{
	if (!l)
		return NULL;
	return find_in(l->exc, l->nexc, id, len);
}

size_t lic_list_count(const struct lic_list *l)
{
	return l->nlic;
}

const struct lic_info *lic_list_at(const struct lic_list *l, size_t i)
{
	return i < l->nlic ? &l->lic[i] : NULL;
}

size_t lic_list_exception_count(const struct lic_list *l)
{
	return l->nexc;
}

const struct lic_info *lic_list_exception_at(const struct lic_list *l, size_t i)
{
	return i < l->nexc ? &l->exc[i] : NULL;
}

const char *lic_list_version(const struct lic_list *l)
{
	return l->version;
}

static int load_text(struct lic_list *l, size_t i, struct oh_err *err)
{
	struct oh_buf path = OH_BUF_INIT;
	struct oh_buf b = OH_BUF_INIT;
	int ret;

	oh_path_join(&path, l->dir, "text");
	oh_buf_addf(&path, "/%s.txt", l->lic[i].id);
	oh_buf_set_max(&b, MAX_TEXT);
	ret = oh_buf_read_file(&b, path.buf, err);
	if (ret == 0)
		l->text[i] = oh_buf_detach(&b, &l->text_len[i]);
	oh_buf_release(&b);
	oh_buf_release(&path);
	return ret;
}

int lic_list_text(const char **text, size_t *len, struct lic_list *l,
		  const struct lic_info *info, struct oh_err *err)
{
	size_t i;
	int ret;

	*text = NULL;
	*len = 0;
	if (info < l->lic || info >= l->lic + l->nlic)
		return 0; /* exceptions have no texts in this import */
	i = (size_t)(info - l->lic);
	if (!l->has_text[i])
		return 0;
	if (!l->text[i]) {
		ret = load_text(l, i, err);
		if (ret < 0)
			return ret;
	}
	*text = l->text[i];
	*len = l->text_len[i];
	return 0;
}

int lic_list_load_texts(struct lic_list *l, struct oh_err *err)
{
	const char *t;
	size_t n;

	for (size_t i = 0; i < l->nlic; i++)
		if (lic_list_text(&t, &n, l, &l->lic[i], err) < 0)
			return err->code;
	return 0;
}
