/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * scan --shard: parsing I/N, the hash (part of the database format: its
 * values are pinned), the partition of a large manifest, the inputs
 * digest; and core/strmap, which the manifest's name index uses.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "core/err.h"
#include "core/strmap.h"
#include "scan/manifest.h"
#include "scan/shard.h"
#include "unit.h"

static const struct {
	const char *arg;
	int ok;
	unsigned index, count;
} parse_cases[] = {
	{ "0/1", 0, 0, 1 },
	{ "2/3", 0, 2, 3 },
	{ "4095/4096", 0, 4095, 4096 },
	{ "3/3", -1, 0, 0 },
	{ "0/0", -1, 0, 0 },
	{ "1", -1, 0, 0 },
	{ "/2", -1, 0, 0 },
	{ "1/", -1, 0, 0 },
	{ "-1/2", -1, 0, 0 },
	{ "1/x", -1, 0, 0 },
	{ "0/4097", -1, 0, 0 },
	{ " 1/2", -1, 0, 0 },
	{ "1/2 ", -1, 0, 0 },
	{ "1/+2", -1, 0, 0 },
	{ "99999999999999999999/2", -1, 0, 0 },
};

START_TEST(test_shard_parse)
{
	struct scan_shard s = { 77, 77 };
	int ret = scan_shard_parse(&s, parse_cases[_i].arg);

	ck_assert_int_eq(ret, parse_cases[_i].ok);
	if (ret == 0) {
		ck_assert_uint_eq(s.index, parse_cases[_i].index);
		ck_assert_uint_eq(s.count, parse_cases[_i].count);
	} else {
		ck_assert_uint_eq(s.index, 77);
	}
}
END_TEST

/* FNV-1a 64 reference values: shards of different builds must agree. */
START_TEST(test_shard_hash_pinned)
{
	ck_assert_uint_eq(scan_shard_hash(""), 0xcbf29ce484222325ull);
	ck_assert_uint_eq(scan_shard_hash("a"), 0xaf63dc4c8601ec8cull);
	ck_assert_uint_eq(scan_shard_hash("foobar"), 0x85944171f73967e8ull);
}
END_TEST

/* 10,000 components in 7 shards: disjoint, complete, order kept, even. */
START_TEST(test_shard_partition)
{
	enum { N = 10000, K = 7 };
	static unsigned seen[N];
	size_t total = 0;

	memset(seen, 0, sizeof(seen));
	for (unsigned i = 0; i < K; i++) {
		struct manifest *m = manifest_new("<t>");
		struct scan_shard s = { i, K };
		struct oh_err err = OH_ERR_INIT;
		char name[32];
		size_t last = 0;

		for (int k = 0; k < N; k++) {
			snprintf(name, sizeof(name), "https://h/o/c%d", k);
			ck_assert_int_eq(manifest_add_source(m, name, &err), 0);
		}
		scan_shard_select(m, &s);
		ck_assert_uint_gt(m->component_nr, N / K * 9 / 10);
		ck_assert_uint_lt(m->component_nr, N / K * 11 / 10);
		for (size_t c = 0; c < m->component_nr; c++) {
			unsigned long k =
				strtoul(m->component[c].name + 1, NULL, 10);

			ck_assert(k >= last);
			last = k;
			seen[k]++;
			/* the name index follows the selection */
			ck_assert_ptr_eq(manifest_find(m, m->component[c].name),
					 &m->component[c]);
		}
		ck_assert_ptr_null(manifest_find(m, "c999999"));
		total += m->component_nr;
		manifest_free(m);
	}
	ck_assert_uint_eq(total, N);
	for (int k = 0; k < N; k++)
		ck_assert_uint_eq(seen[k], 1);
}
END_TEST

START_TEST(test_shard_digest)
{
	struct manifest *a = manifest_new("<t>");
	struct manifest *b = manifest_new("<t>");
	struct oh_err err = OH_ERR_INIT;
	char da[65], db[65];
	char *names;

	ck_assert_int_eq(manifest_add_source(a, "https://h/o/x", &err), 0);
	ck_assert_int_eq(manifest_add_source(a, "https://h/o/y", &err), 0);
	ck_assert_int_eq(manifest_add_source(b, "https://h/o/x", &err), 0);
	ck_assert_int_eq(manifest_add_source(b, "https://h/o/y", &err), 0);
	scan_inputs_digest(da, a);
	scan_inputs_digest(db, b);
	ck_assert_str_eq(da, db);
	ck_assert_uint_eq(strlen(da), 64);
	manifest_add_unreviewed(b, "p", "1", NULL, "why");
	scan_inputs_digest(db, b);
	ck_assert_str_ne(da, db);
	names = scan_inputs_names(a);
	ck_assert_str_eq(names, "[\"x\",\"y\"]");
	free(names);
	manifest_free(a);
	manifest_free(b);
}
END_TEST

START_TEST(test_strmap)
{
	struct oh_strmap m = OH_STRMAP_INIT;
	static char key[5000][16];
	size_t v;

	ck_assert(!oh_strmap_get(&m, "a", &v));
	for (size_t i = 0; i < 5000; i++) {
		snprintf(key[i], sizeof(key[i]), "k%zu", i);
		oh_strmap_put(&m, key[i], i);
	}
	oh_strmap_put(&m, "k7", 700);
	ck_assert_uint_eq(m.nr, 5000);
	for (size_t i = 0; i < 5000; i++) {
		ck_assert(oh_strmap_get(&m, key[i], &v));
		ck_assert_uint_eq(v, i == 7 ? 700 : i);
	}
	ck_assert(!oh_strmap_get(&m, "k5000", &v));
	oh_strmap_release(&m);
	ck_assert(!oh_strmap_get(&m, "k1", &v));
}
END_TEST

Suite *shard_suite(void)
{
	Suite *s = suite_create("shard");
	TCase *tc = tcase_create("shard");

	tcase_add_loop_test(tc, test_shard_parse, 0,
			    sizeof(parse_cases) / sizeof(parse_cases[0]));
	tcase_add_test(tc, test_shard_hash_pinned);
	tcase_add_test(tc, test_shard_partition);
	tcase_add_test(tc, test_shard_digest);
	tcase_add_test(tc, test_strmap);
	suite_add_tcase(s, tc);
	return s;
}
