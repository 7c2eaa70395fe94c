/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * SPDX license list refresh: licenses.json -> licenses/licenses.tsv.
 */
#include "license/spdxdata.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/err.h"
#include "core/path.h"
#include "core/xalloc.h"
#include "license/list.h"
#include "core/banned.h"

static bool id_ok(const char *s)
{
	size_t n = strlen(s);

	return n > 0 && n <= 128 &&
	       strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
			 "0123456789.+-") == n;
}

static int entry_cmp(const void *a, const void *b)
{
	const struct lic_spdx_entry *x = a;
	const struct lic_spdx_entry *y = b;

	return strcasecmp(x->id, y->id);
}

static char *one_line(const char *s)
{
	char *d = oh_xstrdup(s);

	for (char *p = d; *p != '\0'; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			*p = ' ';
	return d;
}

static int parse_entry(struct lic_spdx_entry *e, const cJSON *o,
		       const char *name, size_t idx, struct oh_err *err)
{
	const cJSON *id = cJSON_GetObjectItemCaseSensitive(o, "licenseId");
	const cJSON *nm = cJSON_GetObjectItemCaseSensitive(o, "name");
	const cJSON *osi = cJSON_GetObjectItemCaseSensitive(o, "isOsiApproved");
	const cJSON *dep =
		cJSON_GetObjectItemCaseSensitive(o, "isDeprecatedLicenseId");

	if (!cJSON_IsString(id) || !id_ok(id->valuestring))
		return oh_err_set(err, OH_EINPUT, name, 0, 0,
				  "license %zu: missing or invalid licenseId",
				  idx + 1);
	if (!cJSON_IsString(nm) || strlen(nm->valuestring) > 512 ||
	    !cJSON_IsBool(osi) || !cJSON_IsBool(dep))
		return oh_err_set(
			err, OH_EINPUT, name, 0, 0,
			"license '%s': name, isOsiApproved or isDeprecatedLicenseId missing or invalid",
			id->valuestring);
	e->id = oh_xstrdup(id->valuestring);
	e->name = one_line(nm->valuestring);
	e->osi = cJSON_IsTrue(osi);
	e->deprecated = cJSON_IsTrue(dep);
	return 0;
}

static int parse_list(struct lic_spdx_list *out, const cJSON *arr,
		      const char *name, struct oh_err *err)
{
	size_t n = (size_t)cJSON_GetArraySize(arr);
	const cJSON *o;

	if (n < LIC_SPDX_MIN_IDS || n > LIC_SPDX_MAX_IDS)
		return oh_err_set(err, OH_ELIMIT, name, 0, 0,
				  "%zu licenses; expected %d to %d", n,
				  LIC_SPDX_MIN_IDS, LIC_SPDX_MAX_IDS);
	out->entry = oh_xcalloc(n, sizeof(*out->entry));
	cJSON_ArrayForEach(o, arr)
	{
		if (parse_entry(&out->entry[out->nr], o, name, out->nr, err) <
		    0)
			return err->code;
		out->nr++;
	}
	qsort(out->entry, out->nr, sizeof(*out->entry), entry_cmp);
	for (size_t i = 1; i < out->nr; i++)
		if (strcasecmp(out->entry[i - 1].id, out->entry[i].id) == 0)
			return oh_err_set(err, OH_EINPUT, name, 0, 0,
					  "duplicate licenseId '%s'",
					  out->entry[i].id);
	return 0;
}

int lic_spdx_parse(struct lic_spdx_list *out, const char *body, size_t len,
		   const char *name, struct oh_err *err)
{
	const char *end = NULL;
	cJSON *root;
	const cJSON *ver;
	const cJSON *arr;
	int ret = 0;

	memset(out, 0, sizeof(*out));
	if (len > LIC_SPDX_MAX_BODY)
		return oh_err_set(err, OH_ELIMIT, name, 0, 0,
				  "larger than %u bytes", LIC_SPDX_MAX_BODY);
	root = cJSON_ParseWithLengthOpts(body, len, &end, 0);
	if (!root)
		return oh_err_set(err, OH_EINPUT, name, 0, 0,
				  "invalid JSON at byte %zu",
				  end && end >= body && end <= body + len
					  ? (size_t)(end - body)
					  : 0);
	ver = cJSON_GetObjectItemCaseSensitive(root, "licenseListVersion");
	arr = cJSON_GetObjectItemCaseSensitive(root, "licenses");
	if (!cJSON_IsString(ver) || strlen(ver->valuestring) > 64 ||
	    strspn(ver->valuestring,
		   "0123456789.-abcdefghijklmnopqrstuvwxyz"
		   "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != strlen(ver->valuestring) ||
	    ver->valuestring[0] == '\0')
		ret = oh_err_set(err, OH_EINPUT, name, 0, 0,
				 "missing or invalid licenseListVersion");
	else if (!cJSON_IsArray(arr))
		ret = oh_err_set(err, OH_EINPUT, name, 0, 0,
				 "\"licenses\" is missing or not an array");
	else
		out->version = oh_xstrdup(ver->valuestring);
	if (ret == 0)
		ret = parse_list(out, arr, name, err);
	cJSON_Delete(root);
	if (ret < 0)
		lic_spdx_release(out);
	return ret;
}

void lic_spdx_release(struct lic_spdx_list *l)
{
	for (size_t i = 0; i < l->nr; i++) {
		free(l->entry[i].id);
		free(l->entry[i].name);
	}
	free(l->entry);
	free(l->version);
	memset(l, 0, sizeof(*l));
}

static void render_tsv(struct oh_buf *b, const struct lic_spdx_list *l,
		       const char *dir, const char *source)
{
	struct oh_buf p = OH_BUF_INIT;

	oh_buf_adds(b, "# SPDX-License-Identifier: CC0-1.0\n");
	oh_buf_addf(b,
		    "# SPDX license list %s, from %s (osshealth data update)\n",
		    l->version, source);
	oh_buf_addf(b, "# version: spdx-license-list-data-%s\n", l->version);
	oh_buf_adds(b, "# id\tosi\tdeprecated\ttext\tname\n");
	for (size_t i = 0; i < l->nr; i++) {
		const struct lic_spdx_entry *e = &l->entry[i];

		oh_buf_reset(&p);
		oh_buf_addf(&p, "%s/text/%s.txt", dir, e->id);
		oh_buf_addf(b, "%s\t%d\t%d\t%d\t%s\n", e->id, e->osi ? 1 : 0,
			    e->deprecated ? 1 : 0,
			    oh_path_exists(p.buf) ? 1 : 0, e->name);
	}
	oh_buf_release(&p);
}

static int write_tmp(struct oh_buf *tmp, const struct oh_buf *data,
		     const char *dir, struct oh_err *err)
{
	int fd;
	size_t off = 0;

	oh_buf_addf(tmp, "%s/.licenses.tsv.XXXXXX", dir);
	fd = mkstemp(tmp->buf);
	if (fd < 0)
		return oh_err_set(err, OH_EIO, tmp->buf, 0, 0,
				  "cannot create: %s", strerror(errno));
	while (off < data->len) {
		ssize_t n = write(fd, data->buf + off, data->len - off);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		off += (size_t)n;
	}
	if (off < data->len || fsync(fd) < 0 || fchmod(fd, 0644) < 0) {
		oh_err_set(err, OH_EIO, tmp->buf, 0, 0, "cannot write: %s",
			   strerror(errno ? errno : EIO));
		close(fd);
		unlink(tmp->buf);
		return err->code;
	}
	close(fd);
	return 0;
}

static size_t count_old(const char *path)
{
	struct oh_buf b = OH_BUF_INIT;
	struct oh_err e = OH_ERR_INIT;
	size_t n = 0;

	if (oh_buf_read_file(&b, path, &e) == 0) {
		for (size_t i = 0; i < b.len; i++)
			if (b.buf[i] == '\n' && i + 1 < b.len &&
			    b.buf[i + 1] != '#')
				n++;
		if (b.len > 0 && b.buf[0] != '#')
			n++;
	}
	oh_buf_release(&b);
	oh_err_release(&e);
	return n;
}

/* Does the directory load with the new file?  Restores bak if not. */
static int verify_or_restore(const char *dir, const char *path, const char *bak,
			     bool had_old, struct oh_err *err)
{
	struct lic_list *list = NULL;

	if (lic_list_load_dir(&list, dir, err) == 0) {
		lic_list_free(list);
		if (had_old)
			unlink(bak);
		return 0;
	}
	oh_err_prefix(err, "the new list does not load (old list kept): ");
	if (had_old)
		rename(bak, path);
	else
		unlink(path);
	return err->code;
}

int lic_spdx_install(size_t *old_nr, const struct lic_spdx_list *l,
		     const char *dir, const char *source, struct oh_err *err)
{
	struct oh_buf data = OH_BUF_INIT;
	struct oh_buf tmp = OH_BUF_INIT;
	struct oh_buf path = OH_BUF_INIT;
	struct oh_buf bak = OH_BUF_INIT;
	bool had_old;
	int ret;

	oh_buf_addf(&path, "%s/licenses.tsv", dir);
	oh_buf_addf(&bak, "%s/.licenses.tsv.old", dir);
	had_old = oh_path_exists(path.buf);
	*old_nr = had_old ? count_old(path.buf) : 0;
	render_tsv(&data, l, dir, source);
	ret = write_tmp(&tmp, &data, dir, err);
	if (ret < 0)
		goto out;
	unlink(bak.buf);
	if (had_old && link(path.buf, bak.buf) < 0) {
		ret = oh_err_set(err, OH_EIO, bak.buf, 0, 0,
				 "cannot keep the old list: %s",
				 strerror(errno));
		unlink(tmp.buf);
		goto out;
	}
	if (rename(tmp.buf, path.buf) < 0) {
		ret = oh_err_set(err, OH_EIO, path.buf, 0, 0,
				 "cannot replace: %s", strerror(errno));
		unlink(tmp.buf);
		unlink(bak.buf);
		goto out;
	}
	ret = verify_or_restore(dir, path.buf, bak.buf, had_old, err);
out:
	oh_buf_release(&data);
	oh_buf_release(&tmp);
	oh_buf_release(&path);
	oh_buf_release(&bak);
	return ret;
}
