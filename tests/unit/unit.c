/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Temporary directories and files for unit tests.
 */
#include "unit.h"

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <check.h>

#include "core/buf.h"
#include "core/err.h"
#include "core/path.h"

static char dir[256];
static char path[512];

const char *unit_tmpdir(void)
{
	const char *base = getenv("TMPDIR");

	snprintf(dir, sizeof(dir), "%s/oh-unit-XXXXXX", base ? base : "/tmp");
	ck_assert_ptr_nonnull(mkdtemp(dir));
	return dir;
}

static int rm_entry(const char *p, const struct stat *sb, int type,
		    struct FTW *ftw)
{
	(void)sb;
	(void)type;
	(void)ftw;
	return remove(p);
}

void unit_tmpdir_remove(void)
{
	if (dir[0] != '\0')
		nftw(dir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
	dir[0] = '\0';
}

const char *unit_path(const char *name)
{
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	return path;
}

void unit_write_file(const char *p, const void *data, size_t len)
{
	FILE *fp = fopen(p, "wb");

	ck_assert_ptr_nonnull(fp);
	ck_assert_uint_eq(fwrite(data, 1, len, fp), len);
	ck_assert_int_eq(fclose(fp), 0);
}

void unit_spdx_text(struct oh_buf *b, const char *id)
{
	struct oh_buf file = OH_BUF_INIT;
	struct oh_err err = OH_ERR_INIT;
	char rel[128];

	snprintf(rel, sizeof(rel), "licenses/text/%s.txt", id);
	ck_assert_int_eq(oh_data_file(&file, rel, &err), 0);
	ck_assert_int_eq(oh_buf_read_file(b, file.buf, &err), 0);
	oh_buf_addch(b, '\n');
	oh_buf_release(&file);
	oh_err_release(&err);
}
