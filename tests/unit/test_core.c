/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * core: buffers (caps, detach, quoting), errors (first wins, prefix,
 * format), arena, paths, time parsing and formatting.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <stdint.h>
#include <string.h>

#include <check.h>

#include "core/arena.h"
#include "core/atomic.h"
#include "core/buf.h"
#include "core/err.h"
#include "core/xalloc.h"
#include "core/path.h"
#include "core/timeutil.h"
#include "core/url.h"
#include "unit.h"

START_TEST(test_core_buf_basic)
{
	struct oh_buf b = OH_BUF_INIT;
	char *s;
	size_t len;

	ck_assert_str_eq(b.buf, "");
	ck_assert_int_eq(oh_buf_adds(&b, "abc"), 0);
	ck_assert_int_eq(oh_buf_addf(&b, "-%d-", 42), 0);
	ck_assert_int_eq(oh_buf_add(&b, "x\0y", 3), 0);
	ck_assert_uint_eq(b.len, 10);
	ck_assert_int_eq(memcmp(b.buf, "abc-42-x\0y", 11), 0);
	oh_buf_setlen(&b, 3);
	ck_assert(oh_buf_eq(&b, "abc"));
	s = oh_buf_detach(&b, &len);
	ck_assert_str_eq(s, "abc");
	ck_assert_uint_eq(len, 3);
	ck_assert_str_eq(b.buf, "");
	free(s);
	s = oh_buf_detach(&b, NULL);
	ck_assert_str_eq(s, "");
	free(s);
	oh_buf_release(&b);
}
END_TEST

START_TEST(test_core_buf_cap)
{
	struct oh_buf b = OH_BUF_INIT;

	oh_buf_set_max(&b, 5);
	ck_assert_int_eq(oh_buf_adds(&b, "1234"), 0);
	ck_assert_int_eq(oh_buf_adds(&b, "56"), OH_ELIMIT);
	ck_assert_str_eq(b.buf, "1234");
	ck_assert_int_eq(oh_buf_addch(&b, '5'), 0);
	ck_assert_int_eq(oh_buf_addf(&b, "%s", "x"), OH_ELIMIT);
	ck_assert_str_eq(b.buf, "12345");
	oh_buf_release(&b);
}
END_TEST

START_TEST(test_core_buf_quoted)
{
	struct oh_buf b = OH_BUF_INIT;

	oh_buf_add_quoted(&b, "a'b\n\\c", 6, 60);
	ck_assert_str_eq(b.buf, "a\\'b\\x0a\\\\c");
	oh_buf_reset(&b);
	oh_buf_add_quoted(&b, "abcdefgh", 8, 3);
	ck_assert_str_eq(b.buf, "abc...");
	oh_buf_release(&b);
}
END_TEST

START_TEST(test_core_buf_read_file)
{
	struct oh_buf b = OH_BUF_INIT;
	struct oh_err err = OH_ERR_INIT;
	char p[512];

	unit_tmpdir();
	snprintf(p, sizeof(p), "%s", unit_path("f.txt"));
	unit_write_file(p, "hello world", 11);
	ck_assert_int_eq(oh_buf_read_file(&b, p, &err), 0);
	ck_assert_str_eq(b.buf, "hello world");
	oh_buf_reset(&b);
	oh_buf_set_max(&b, 4);
	ck_assert_int_eq(oh_buf_read_file(&b, p, &err), OH_ELIMIT);
	ck_assert_str_eq(err.input, p);
	oh_err_release(&err);
	ck_assert_int_eq(oh_buf_read_file(&b, unit_path("nope"), &err),
			 OH_ENOTFOUND);
	oh_err_release(&err);
	oh_buf_release(&b);
	unit_tmpdir_remove();
}
END_TEST

/* A file read straight into a buffer with room for it: all of it, and
 * past the limit an error that leaves the buffer as it was. */
START_TEST(test_core_buf_read_file_direct)
{
	struct oh_buf b = OH_BUF_INIT;
	struct oh_err err = OH_ERR_INIT;
	size_t n = 300000;
	char *data = oh_xmalloc(n);
	char p[512];

	for (size_t i = 0; i < n; i++)
		data[i] = (char)('a' + i % 26);
	unit_tmpdir();
	snprintf(p, sizeof(p), "%s", unit_path("big.txt"));
	unit_write_file(p, data, n);
	ck_assert_int_eq(oh_buf_read_file(&b, p, &err), 0);
	ck_assert_uint_eq(b.len, n);
	ck_assert_int_eq(memcmp(b.buf, data, n), 0);
	ck_assert_int_eq(b.buf[n], '\0');
	oh_buf_reset(&b);
	oh_buf_grow(&b, 2 * n);
	oh_buf_set_max(&b, n - 1);
	ck_assert_int_eq(oh_buf_read_file(&b, p, &err), OH_ELIMIT);
	ck_assert_uint_eq(b.len, 0);
	ck_assert_int_eq(b.buf[0], '\0');
	oh_err_release(&err);
	oh_buf_release(&b);
	free(data);
	unit_tmpdir_remove();
}
END_TEST

START_TEST(test_core_err_first_wins)
{
	struct oh_err err = OH_ERR_INIT;
	char line[600];

	ck_assert_int_eq(oh_err_set(&err, OH_EINPUT, "sbom.json", 14, 9,
				    "'%s' must be a string", "spdxVersion"),
			 OH_EINPUT);
	ck_assert_int_eq(oh_err_set(&err, OH_EIO, "other", 0, 0, "later"),
			 OH_EINPUT);
	oh_err_format(line, sizeof(line), &err);
	ck_assert_str_eq(line,
			 "sbom.json:14:9: 'spdxVersion' must be a string");
	oh_err_prefix(&err, "reading %s: ", "x");
	ck_assert_str_eq(err.msg, "reading x: 'spdxVersion' must be a string");
	oh_err_release(&err);
	ck_assert_int_eq(err.code, OH_OK);
	oh_err_set(&err, OH_EIO, NULL, 0, 0, "two\nlines");
	oh_err_format(line, sizeof(line), &err);
	ck_assert_str_eq(line, "two lines");
	oh_err_release(&err);
	oh_err_set(&err, OH_EIO, "f", 3, 0, "m");
	oh_err_format(line, sizeof(line), &err);
	ck_assert_str_eq(line, "f:3: m");
	oh_err_release(&err);
}
END_TEST

START_TEST(test_core_arena)
{
	struct oh_arena a = OH_ARENA_INIT;
	char *big;
	int *small;

	for (int i = 0; i < 10000; i++) {
		small = oh_arena_alloc(&a, sizeof(int) * 3);
		ck_assert_int_eq(small[0], 0);
		ck_assert_uint_eq((unsigned long)small % 16, 0);
		small[2] = i;
	}
	big = oh_arena_alloc(&a, 100000);
	big[99999] = 'x';
	ck_assert_str_eq(oh_arena_strdup(&a, "hello"), "hello");
	ck_assert_str_eq(oh_arena_strndup(&a, "hello", 2), "he");
	oh_arena_release(&a);
	ck_assert_ptr_null(a.head);
}
END_TEST

/* Past a few MB the arena takes big blocks: still zeroed, aligned, apart. */
START_TEST(test_core_arena_big)
{
	struct oh_arena a = OH_ARENA_INIT;
	static const unsigned char zero[40];
	unsigned char *prev = NULL, *p = NULL;
	size_t bad = 0;

	for (size_t i = 0; i < 300000; i++) {
		p = oh_arena_alloc(&a, 40);
		bad += ((uintptr_t)p & 15) != 0 || memcmp(p, zero, 40) != 0 ||
		       (prev && prev[39] != 0xab);
		memset(p, 0xab, 40);
		prev = p;
	}
	ck_assert_uint_eq(bad, 0);
	ck_assert_uint_ge(a.used, 300000 * 48);
	p = oh_arena_alloc(&a, 3 << 20); /* larger than a quarter block */
	ck_assert_uint_eq(p[0] | p[(3 << 20) - 1], 0);
	oh_arena_release(&a);
	ck_assert_uint_eq(a.used, 0);
}
END_TEST

/* Strings from a block's end and items from its start never overlap. */
START_TEST(test_core_arena_strings)
{
	struct oh_arena a = OH_ARENA_INIT;
	static const unsigned char zero[24];
	char *sp[2000];
	unsigned char *ip[2000];
	char want[32];
	size_t bad = 0;

	for (size_t i = 0; i < 2000; i++) {
		snprintf(want, sizeof(want), "s%zu", i * 7919);
		sp[i] = oh_arena_strdup(&a, want);
		ip[i] = oh_arena_alloc(&a, 24);
		bad += ((uintptr_t)ip[i] & 15) != 0 ||
		       memcmp(ip[i], zero, 24) != 0;
		memset(ip[i], 0xcd, 24);
	}
	for (size_t i = 0; i < 2000; i++) {
		snprintf(want, sizeof(want), "s%zu", i * 7919);
		bad += strcmp(sp[i], want) != 0 || ip[i][23] != 0xcd;
	}
	ck_assert_uint_eq(bad, 0);
	/* a string larger than a quarter block */
	{
		char *big = oh_xmalloc(100001);

		memset(big, 'z', 100000);
		big[100000] = '\0';
		ck_assert_uint_eq(strlen(oh_arena_strdup(&a, big)), 100000);
		free(big);
	}
	oh_arena_release(&a);
}
END_TEST

/*
 * oh_arena_grow(): the newest item grows in place, a large item in its
 * own block grows (remapped), any other item is copied; contents kept,
 * the new part zeroed.
 */
START_TEST(test_core_arena_grow)
{
	struct oh_arena a = OH_ARENA_INIT;
	unsigned char *p, *q, *big;
	size_t n = 8, bad = 0;

	p = oh_arena_grow(&a, NULL, 0, n);
	memset(p, 1, n);
	for (; n < ((size_t)64 << 20); n *= 2) {
		q = oh_arena_grow(&a, p, n, 2 * n);
		bad += q[0] != 1 || q[n - 1] != 1 || q[n] != 0 ||
		       q[2 * n - 1] != 0;
		memset(q, 1, 2 * n);
		p = q;
		/* an item allocated after it: p is no longer the newest */
		(void)oh_arena_strdup(&a, "x");
		(void)oh_arena_alloc(&a, 16);
	}
	ck_assert_uint_eq(bad, 0);
	/* in place when newest in the head block */
	p = oh_arena_alloc(&a, 32);
	memset(p, 2, 32);
	q = oh_arena_grow(&a, p, 32, 64);
#ifndef OH_ARENA_DEBUG
	ck_assert_ptr_eq(p, q);
#endif /* OH_ARENA_DEBUG */
	ck_assert_uint_eq(q[31], 2);
	ck_assert_uint_eq(q[32] | q[63], 0);
	/* a copy when something came after it */
	big = oh_arena_alloc(&a, 32);
	q = oh_arena_grow(&a, q, 64, 128);
	ck_assert_uint_eq(q[0], 2);
	ck_assert_uint_eq(q[64] | q[127], 0);
	ck_assert_uint_eq(big[0], 0);
	oh_arena_release(&a);
}
END_TEST

/*
 * oh_arena_recycle(): the source is empty; the target's new blocks come
 * from its spares (in normal builds) and are zeroed all the same, however
 * the source had filled them.
 */
START_TEST(test_core_arena_recycle)
{
	struct oh_arena to = OH_ARENA_INIT, from = OH_ARENA_INIT;
	unsigned char *p;
	size_t bad = 0;

	for (size_t i = 0; i < 200000; i++)
		memset(oh_arena_alloc(&from, 100), 0xee, 100);
	oh_arena_recycle(&to, &from);
	ck_assert_ptr_null(from.head);
	ck_assert_uint_eq(from.used, 0);
	ck_assert_ptr_null(to.head);
#ifndef OH_ARENA_DEBUG
	ck_assert_ptr_nonnull(to.spare);
#endif /* OH_ARENA_DEBUG */
	for (size_t i = 0; i < 200000; i++) {
		p = oh_arena_alloc(&to, 100);
		bad += p[0] != 0 || p[99] != 0 || ((uintptr_t)p & 15) != 0;
		memset(p, 0xdd, 100);
	}
	ck_assert_uint_eq(bad, 0);
	oh_arena_trim(&to);
	ck_assert_ptr_null(to.spare);
	/* recycled and never used: freed with the arena */
	(void)oh_arena_alloc(&from, 20 << 20);
	for (size_t i = 0; i < 100000; i++)
		(void)oh_arena_alloc(&from, 100);
	oh_arena_recycle(&to, &from);
	oh_arena_release(&to);
	ck_assert_ptr_null(to.head);
	ck_assert_ptr_null(to.spare);
}
END_TEST

/* A small arena starts with a small block, and grows to any size. */
START_TEST(test_core_arena_small_first)
{
	struct oh_arena a = OH_ARENA_INIT;
	unsigned char *p;

	p = oh_arena_alloc(&a, 16);
	ck_assert_uint_eq(p[0] | p[15], 0);
	p = oh_arena_alloc(&a, 5000); /* more than the first block holds */
	ck_assert_uint_eq(p[0] | p[4999], 0);
	memset(p, 1, 5000);
	ck_assert_uint_eq(strlen(oh_arena_strdup(&a, "abc")), 3);
	p = oh_arena_alloc(&a, 16000); /* a quarter block: still a head */
	ck_assert_uint_eq(p[0] | p[15999], 0);
	oh_arena_release(&a);
}
END_TEST

/* oh_arena_adopt(): the memory moves; the source is empty and reusable. */
START_TEST(test_core_arena_adopt)
{
	struct oh_arena to = OH_ARENA_INIT, from = OH_ARENA_INIT;
	const char *s, *t;

	s = oh_arena_strdup(&from, "kept");
	(void)oh_arena_alloc(&from, 5 << 20);
	oh_arena_adopt(&to, &from);
	ck_assert_ptr_null(from.head);
	ck_assert_uint_eq(from.used, 0);
	t = oh_arena_strdup(&to, "new");
	(void)oh_arena_strdup(&from, "again");
	oh_arena_adopt(&to, &from);
	oh_arena_adopt(&to, &from); /* empty: nothing */
	ck_assert_str_eq(s, "kept");
	ck_assert_str_eq(t, "new");
	oh_arena_release(&to);
	ck_assert_ptr_null(to.head);
}
END_TEST

START_TEST(test_core_path_join)
{
	struct oh_buf b = OH_BUF_INIT;

	oh_path_join(&b, "a/", "/b");
	ck_assert_str_eq(b.buf, "a/b");
	oh_buf_reset(&b);
	oh_path_join(&b, "/", "x");
	ck_assert_str_eq(b.buf, "/x");
	oh_buf_reset(&b);
	oh_path_join(&b, "", "x");
	ck_assert_str_eq(b.buf, "x");
	oh_buf_release(&b);
}
END_TEST

START_TEST(test_core_mkdirs)
{
	struct oh_err err = OH_ERR_INIT;
	char p[512];

	unit_tmpdir();
	snprintf(p, sizeof(p), "%s", unit_path("a/b/c"));
	ck_assert_int_eq(oh_path_mkdirs(p, &err), 0);
	ck_assert(oh_path_is_dir(p));
	ck_assert_int_eq(oh_path_mkdirs(p, &err), 0);
	snprintf(p, sizeof(p), "%s", unit_path("file"));
	unit_write_file(p, "x", 1);
	ck_assert_int_eq(oh_path_mkdirs(p, &err), OH_EIO);
	oh_err_release(&err);
	unit_tmpdir_remove();
}
END_TEST

START_TEST(test_core_data_dir_env)
{
	struct oh_buf b = OH_BUF_INIT;
	struct oh_err err = OH_ERR_INIT;

	setenv("OSSHEALTH_DATA", "/nonexistent-osshealth", 1);
	ck_assert_int_eq(oh_data_dir(&b, &err), OH_ENOTFOUND);
	ck_assert_str_eq(err.input, "/nonexistent-osshealth");
	oh_err_release(&err);
	unsetenv("OSSHEALTH_DATA");
	/* The build points OH_SRCDIR at the checkout, which has rules/. */
	ck_assert_int_eq(oh_data_dir(&b, &err), 0);
	ck_assert_uint_gt(b.len, 0);
	oh_buf_release(&b);
}
END_TEST

static const struct {
	const char *in;
	long long want; /* -1: invalid */
} time_cases[] = {
	{ "1970-01-01", 0 },
	{ "2026-11-01", 1793491200 },
	{ "2026-11-01T00:00:00Z", 1793491200 },
	{ "2023-01-05T10:00:00+0100", 1672909200 },
	{ "2023-01-05T10:00:00+01:00", 1672909200 },
	{ "2023-01-05T10:00:00-05:30", 1672932600 },
	{ "2000-02-29T12:00:00Z", 951825600 },
	{ "2023-13-01", -1 },
	{ "2023-01-01T25:00:00Z", -1 },
	{ "2023-01-01x", -1 },
	{ "20230101", -1 },
	{ "", -1 },
	{ "2023-01-01T10:00:00+1", -1 },
};

START_TEST(test_core_time_parse)
{
	int64_t t = -7;
	int rc = oh_time_parse(&t, time_cases[_i].in, NULL);

	if (time_cases[_i].want < 0) {
		ck_assert_int_eq(rc, OH_EINPUT);
	} else {
		ck_assert_int_eq(rc, 0);
		ck_assert_int_eq(t, time_cases[_i].want);
	}
}
END_TEST

START_TEST(test_core_time_format)
{
	char buf[32];

	oh_time_format(buf, sizeof(buf), 1672909200);
	ck_assert_str_eq(buf, "2023-01-05T09:00:00Z");
	oh_date_format(buf, sizeof(buf), 1672909200);
	ck_assert_str_eq(buf, "2023-01-05");
	setenv("OSSHEALTH_NOW", "2026-11-01", 1);
	ck_assert_int_eq(oh_now(), 1793491200);
	setenv("OSSHEALTH_NOW", "12345", 1);
	ck_assert_int_eq(oh_now(), 12345);
	unsetenv("OSSHEALTH_NOW");
	ck_assert_int_gt(oh_now(), 1700000000);
}
END_TEST

START_TEST(test_core_days_between)
{
	ck_assert_int_eq(oh_days_between(10 * 86400, 0), 10);
	ck_assert_int_eq(oh_days_between(86399, 0), 0);
	ck_assert_int_eq(oh_days_between(0, 86400 * 3), -3);
	/* dates as authors wrote them: no overflow, saturated */
	ck_assert(oh_days_between(INT64_MAX, INT64_MIN) > 0);
	ck_assert(oh_days_between(INT64_MIN, INT64_MAX) < 0);
}
END_TEST

START_TEST(test_core_url_scheme_len)
{
	ck_assert_uint_eq(oh_url_scheme_len("https://h/x"), 5);
	ck_assert_uint_eq(oh_url_scheme_len("git+ssh://h/x"), 7);
	ck_assert_uint_eq(oh_url_scheme_len("a.b-c://"), 5);
	ck_assert_uint_eq(oh_url_scheme_len("1http://h"), 0);
	ck_assert_uint_eq(oh_url_scheme_len("+x://h"), 0);
	ck_assert_uint_eq(oh_url_scheme_len("git@h:x"), 0);
	ck_assert_uint_eq(oh_url_scheme_len("/path/to/repo"), 0);
	ck_assert_uint_eq(oh_url_scheme_len("http:/h"), 0);
	ck_assert_uint_eq(oh_url_scheme_len(""), 0);
}
END_TEST

/* Files in the test directory whose name contains ".tmp". */
static int temp_files(void)
{
	DIR *d = opendir(unit_path("."));
	struct dirent *e;
	int n = 0;

	while ((e = readdir(d)) != NULL)
		n += strstr(e->d_name, ".tmp") != NULL;
	closedir(d);
	return n;
}

START_TEST(test_core_atomic)
{
	struct oh_err err = OH_ERR_INIT;
	struct oh_atomic_file f;
	struct oh_buf b = OH_BUF_INIT;
	struct stat st;
	mode_t old = umask(022);

	unit_tmpdir();
	ck_assert_int_eq(
		oh_atomic_write(unit_path("out.txt"), "one\n", 4, &err), 0);
	ck_assert_int_eq(stat(unit_path("out.txt"), &st), 0);
	ck_assert_uint_eq(st.st_mode & 0777, 0644);
	/* A write given up leaves the old content and no temporary. */
	ck_assert_int_eq(oh_atomic_open(&f, unit_path("out.txt"), &err), 0);
	fputs("half", f.fp);
	ck_assert_int_eq(temp_files(), 1);
	ck_assert_int_eq(oh_atomic_close(&f, false, &err), 0);
	ck_assert_int_eq(temp_files(), 0);
	ck_assert_int_eq(oh_buf_read_file(&b, unit_path("out.txt"), &err), 0);
	ck_assert_str_eq(b.buf, "one\n");
	/* A directory that does not exist: named, nothing left. */
	ck_assert_int_eq(
		oh_atomic_write(unit_path("no/such/out.txt"), "x", 1, &err),
		OH_EIO);
	ck_assert_ptr_nonnull(strstr(err.msg, "cannot create"));
	ck_assert_ptr_nonnull(strstr(err.input, "no/such/out.txt"));
	ck_assert_int_eq(temp_files(), 0);
	umask(old);
	oh_buf_release(&b);
	oh_err_release(&err);
	unit_tmpdir_remove();
}
END_TEST

Suite *core_suite(void)
{
	Suite *s = suite_create("core");
	TCase *tc = tcase_create("buf");

	tcase_add_test(tc, test_core_buf_basic);
	tcase_add_test(tc, test_core_buf_cap);
	tcase_add_test(tc, test_core_buf_quoted);
	tcase_add_test(tc, test_core_buf_read_file);
	tcase_add_test(tc, test_core_buf_read_file_direct);
	tcase_add_test(tc, test_core_atomic);
	suite_add_tcase(s, tc);
	tc = tcase_create("err");
	tcase_add_test(tc, test_core_err_first_wins);
	suite_add_tcase(s, tc);
	tc = tcase_create("arena");
	tcase_add_test(tc, test_core_arena);
	tcase_add_test(tc, test_core_arena_big);
	tcase_add_test(tc, test_core_arena_strings);
	tcase_add_test(tc, test_core_arena_grow);
	tcase_add_test(tc, test_core_arena_adopt);
	tcase_add_test(tc, test_core_arena_recycle);
	tcase_add_test(tc, test_core_arena_small_first);
	suite_add_tcase(s, tc);
	tc = tcase_create("path");
	tcase_add_test(tc, test_core_path_join);
	tcase_add_test(tc, test_core_mkdirs);
	tcase_add_test(tc, test_core_data_dir_env);
	suite_add_tcase(s, tc);
	tc = tcase_create("time");
	tcase_add_loop_test(tc, test_core_time_parse, 0,
			    sizeof(time_cases) / sizeof(time_cases[0]));
	tcase_add_test(tc, test_core_time_format);
	tcase_add_test(tc, test_core_days_between);
	suite_add_tcase(s, tc);
	tc = tcase_create("url");
	tcase_add_test(tc, test_core_url_scheme_len);
	suite_add_tcase(s, tc);
	return s;
}
