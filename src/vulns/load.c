/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Finding OSV record files: a zip export (libzip; members are read with
 * their declared size checked against VULNS_MAX_BYTES before inflating),
 * a directory tree walked in sorted order, or one file.  Only this file
 * includes <zip.h>.
 */
#include "vulns/vulns.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <zip.h>

#include "core/buf.h"
#include "core/err.h"
#include "core/xalloc.h"
#include "core/banned.h"

#define MAX_DEPTH 32 /* directory nesting */

struct walk {
	vulns_file_fn fn;
	void *payload;
	struct oh_err *err;
	size_t files;
};

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s);
	size_t m = strlen(suffix);

	return n >= m && strcmp(s + n - m, suffix) == 0;
}

static bool is_yaml(const char *name)
{
	return ends_with(name, ".yaml") || ends_with(name, ".yml");
}

static bool is_record(const char *name)
{
	return ends_with(name, ".json") || is_yaml(name);
}

static int counted(struct walk *w, const char *name)
{
	if (++w->files > VULNS_MAX_FILES)
		return oh_err_set(w->err, OH_ELIMIT, name, 0, 0,
				  "more than %u record files", VULNS_MAX_FILES);
	return 0;
}

static int one_file(struct walk *w, const char *path)
{
	struct oh_buf b = OH_BUF_INIT;
	struct stat sb;
	int ret;

	if (counted(w, path) < 0)
		return w->err->code;
	if (stat(path, &sb) == 0 && sb.st_size > (off_t)VULNS_MAX_BYTES)
		return w->fn(path, NULL, 0, is_yaml(path), w->payload);
	if (oh_buf_read_file(&b, path, w->err) < 0)
		return w->err->code;
	ret = w->fn(path, b.buf, b.len, is_yaml(path), w->payload);
	oh_buf_release(&b);
	return ret;
}

static int name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int walk_dir(struct walk *w, const char *dir, int depth);

static int walk_entry(struct walk *w, const char *path, int depth)
{
	struct stat sb;

	if (stat(path, &sb) < 0)
		return oh_err_set(w->err, OH_EIO, path, 0, 0, "cannot stat: %s",
				  strerror(errno));
	if (S_ISDIR(sb.st_mode))
		return walk_dir(w, path, depth + 1);
	if (S_ISREG(sb.st_mode) && is_record(path))
		return one_file(w, path);
	return 0;
}

static int walk_dir(struct walk *w, const char *dir, int depth)
{
	DIR *d = NULL;
	struct dirent *de;
	char **name = NULL;
	size_t nr = 0;
	size_t alloc = 0;
	struct oh_buf p = OH_BUF_INIT;
	int ret = OH_EIO;

	if (depth > MAX_DEPTH)
		return oh_err_set(w->err, OH_ELIMIT, dir, 0, 0,
				  "directories nested deeper than %d",
				  MAX_DEPTH);
	d = opendir(dir);
	if (!d)
		return oh_err_set(w->err, OH_EIO, dir, 0, 0,
				  "cannot open directory: %s", strerror(errno));
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		oh_grow((void **)&name, &alloc, nr + 1, sizeof(*name));
		name[nr++] = oh_xstrdup(de->d_name);
	}
	closedir(d);
	qsort(name, nr, sizeof(*name), name_cmp);
	ret = 0;
	for (size_t i = 0; i < nr && ret == 0; i++) {
		oh_buf_reset(&p);
		oh_buf_addf(&p, "%s/%s", dir, name[i]);
		ret = walk_entry(w, p.buf, depth);
	}
	for (size_t i = 0; i < nr; i++)
		free(name[i]);
	free(name);
	oh_buf_release(&p);
	return ret;
}

static int zip_member(struct walk *w, zip_t *z, zip_uint64_t i,
		      const char *path, struct oh_buf *name)
{
	zip_stat_t zs;
	zip_file_t *f = NULL;
	char *data = NULL;
	zip_int64_t got;
	int ret;

	zip_stat_init(&zs);
	if (zip_stat_index(z, i, 0, &zs) < 0 || !(zs.valid & ZIP_STAT_NAME) ||
	    !(zs.valid & ZIP_STAT_SIZE))
		return oh_err_set(w->err, OH_EINPUT, path, 0, 0,
				  "zip member %llu unreadable: %s",
				  (unsigned long long)i, zip_strerror(z));
	if (!ends_with(zs.name, ".json"))
		return 0;
	oh_buf_reset(name);
	oh_buf_addf(name, "%s:%s", path, zs.name);
	if (counted(w, name->buf) < 0)
		return w->err->code;
	if (zs.size > VULNS_MAX_BYTES)
		return w->fn(name->buf, NULL, 0, false, w->payload);
	data = oh_xmalloc((size_t)zs.size + 1);
	f = zip_fopen_index(z, i, 0);
	got = f ? zip_fread(f, data, zs.size) : -1;
	if (!f || got < 0 || (zip_uint64_t)got != zs.size) {
		ret = oh_err_set(w->err, OH_EINPUT, name->buf, 0, 0,
				 "cannot inflate zip member: %s",
				 f ? zip_file_strerror(f) : zip_strerror(z));
		goto out;
	}
	ret = w->fn(name->buf, data, (size_t)zs.size, false, w->payload);
out:
	if (f)
		zip_fclose(f);
	free(data);
	return ret;
}

static int walk_zip(struct walk *w, const char *path)
{
	struct oh_buf name = OH_BUF_INIT;
	zip_t *z;
	int zerr = 0;
	zip_int64_t n;
	int ret = 0;

	z = zip_open(path, ZIP_RDONLY, &zerr);
	if (!z) {
		zip_error_t ze;

		zip_error_init_with_code(&ze, zerr);
		ret = oh_err_set(w->err, OH_EINPUT, path, 0, 0,
				 "not a readable zip archive: %s",
				 zip_error_strerror(&ze));
		zip_error_fini(&ze);
		return ret;
	}
	n = zip_get_num_entries(z, 0);
	for (zip_int64_t i = 0; i < n && ret == 0; i++)
		ret = zip_member(w, z, (zip_uint64_t)i, path, &name);
	zip_discard(z);
	oh_buf_release(&name);
	return ret;
}

int vulns_load(const char *path, vulns_file_fn fn, void *payload,
	       struct oh_err *err)
{
	struct walk w = { .fn = fn, .payload = payload, .err = err };
	struct stat sb;

	if (stat(path, &sb) < 0)
		return oh_err_set(err, OH_EIO, path, 0, 0, "cannot read: %s",
				  strerror(errno));
	if (S_ISDIR(sb.st_mode))
		return walk_dir(&w, path, 0);
	if (ends_with(path, ".zip"))
		return walk_zip(&w, path);
	if (counted(&w, path) < 0)
		return err->code;
	w.files = 0;
	return one_file(&w, path);
}
