/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * release: tag names of every family (real schemes: curl, expat, OpenSSL,
 * git, OpenStack, calendar versions), the learned family, dedup, cadence.
 */
#include <string.h>

#include <check.h>

#include "health/release.h"
#include "unit.h"

#define DAY 86400
#define NOW ((int64_t)1800000000)

struct want {
	const char *name;
	enum rel_kind kind;
	const char *family;
	size_t parts;
	unsigned long p0, p1;
};

START_TEST(test_release_parse_schemes)
{
	static const struct want w[] = {
		{ "v1.2.3", REL_RELEASE, "", 3, 1, 2 },
		{ "1.2", REL_RELEASE, "", 2, 1, 2 },
		{ "curl-8_11_0", REL_RELEASE, "curl", 3, 8, 11 },
		{ "release-1.2", REL_RELEASE, "", 2, 1, 2 },
		{ "R_1_2", REL_RELEASE, "r", 2, 1, 2 },
		{ "openssl-3.0.0", REL_RELEASE, "openssl", 3, 3, 0 },
		{ "OpenSSL_1_1_1", REL_RELEASE, "openssl", 3, 1, 1 },
		{ "2024.01", REL_RELEASE, "", 2, 2024, 1 },
		{ "v2.0.0-rc1", REL_PRERELEASE, "", 3, 2, 0 },
		{ "curl-7_9_8-pre1", REL_PRERELEASE, "curl", 3, 7, 9 },
		{ "26.0.0.0rc1", REL_PRERELEASE, "", 4, 26, 0 },
		{ "1.0b2", REL_PRERELEASE, "", 2, 1, 0 },
		{ "1.0.dev1", REL_PRERELEASE, "", 2, 1, 0 },
		{ "v1.0.0-alpha+001", REL_PRERELEASE, "", 3, 1, 0 },
		{ "libssh2-1.11.0", REL_RELEASE, "libssh2", 3, 1, 11 },
		{ "pcre2-10.44", REL_RELEASE, "pcre2", 2, 10, 44 },
		{ "json-c-0.17-20230812", REL_RELEASE, "json-c", 2, 0, 17 },
		{ "release-v1.2", REL_RELEASE, "", 2, 1, 2 },
		{ "V_9_8_P1", REL_RELEASE, "", 2, 9, 8 },
		{ "debian/1.2-3", REL_RELEASE, "debian", 2, 1, 2 },
		{ "v1.2.3+build.7", REL_RELEASE, "", 3, 1, 2 },
		{ "gitgui-0.10.0", REL_RELEASE, "gitgui", 3, 0, 10 },
		{ "3.3a", REL_RELEASE, "", 2, 3, 3 },
		{ "OpenSSL_1_1_1w", REL_RELEASE, "openssl", 3, 1, 1 },
		{ "release-2.1.12-stable", REL_RELEASE, "", 3, 2, 1 },
		{ "release-1.4.14b-stable", REL_RELEASE, "", 3, 1, 4 },
		{ "release-2.0.2-alpha@1379", REL_PRERELEASE, "", 3, 2, 0 },
		{ "v5.1.0alpha", REL_PRERELEASE, "", 3, 5, 1 },
		{ "v1.1.0rc", REL_PRERELEASE, "", 3, 1, 1 },
		{ "rc-8_22_0-1", REL_PRERELEASE, "rc", 3, 8, 22 },
	};

	for (size_t i = 0; i < sizeof(w) / sizeof(w[0]); i++) {
		struct rel_version v;

		ck_assert_msg(rel_parse(&v, w[i].name), "%s", w[i].name);
		ck_assert_msg(v.kind == w[i].kind, "%s kind %d", w[i].name,
			      (int)v.kind);
		ck_assert_str_eq(v.family, w[i].family);
		ck_assert_uint_eq(v.part_nr, w[i].parts);
		ck_assert_uint_eq(v.part[0], w[i].p0);
		ck_assert_uint_eq(v.part[1], w[i].p1);
	}
}
END_TEST

START_TEST(test_release_parse_not_versions)
{
	static const char *const no[] = {
		"latest",  "nightly",     "v1", "build-123",    "2023.1-eom",
		"libv1.2", "1.2.3-weird", "",   "foo-1.2.3xyz", "1234567890.1",
	};
	struct rel_version v;

	for (size_t i = 0; i < sizeof(no) / sizeof(no[0]); i++)
		ck_assert_msg(!rel_parse(&v, no[i]), "%s", no[i]);
	ck_assert(!rel_parse(&v, NULL));
}
END_TEST

START_TEST(test_release_summary_curl)
{
	/* curl's scheme, a foreign subtree family, a pre-release, a
	 * duplicate name for one version and a tag from the future */
	const struct rel_tag t[] = {
		{ "curl-8_9_0", NOW - 200 * DAY },
		{ "curl-8_10_0", NOW - 140 * DAY },
		{ "curl-8_11_0", NOW - 80 * DAY },
		{ "curl-8_11_1", NOW - 60 * DAY },
		{ "curl-8_12_0-pre1", NOW - 30 * DAY },
		{ "CURL_8_11_1", NOW - 59 * DAY },
		{ "tiny-curl-0.10", NOW - 10 * DAY },
		{ "some-branch-point", NOW - 5 * DAY },
		{ "curl-9_0_0", NOW + 5 * DAY },
	};
	struct rel_summary s;

	rel_summarise(&s, t, sizeof(t) / sizeof(t[0]), NOW);
	ck_assert_str_eq(s.family, "curl");
	ck_assert_uint_eq(s.releases, 4);
	ck_assert_uint_eq(s.prereleases, 1);
	ck_assert_uint_eq(s.releases_365, 4);
	ck_assert_uint_eq(s.foreign, 1);
	ck_assert_uint_eq(s.other, 1);
	ck_assert_str_eq(s.last_name, "curl-8_11_1");
	ck_assert_int_eq(s.days_since_last, 60);
	/* gaps 60, 60, 20: median 60 */
	ck_assert(s.median_interval_days > 59.9 &&
		  s.median_interval_days < 60.1);
	ck_assert_int_eq(s.first, NOW - 200 * DAY);
}
END_TEST

START_TEST(test_release_summary_mixed_plain)
{
	/* v1.0, release-1.1 and 1.2 are one family; an even gap count */
	const struct rel_tag t[] = {
		{ "v1.0", NOW - 400 * DAY },
		{ "release-1.1", NOW - 300 * DAY },
		{ "1.2", NOW - 100 * DAY },
		{ "1.3", NOW - 90 * DAY },
	};
	struct rel_summary s;

	rel_summarise(&s, t, 4, NOW);
	ck_assert_str_eq(s.family, "");
	ck_assert_uint_eq(s.releases, 4);
	ck_assert_uint_eq(s.releases_365, 3);
	/* gaps 100, 200, 10: median 100 */
	ck_assert(s.median_interval_days > 99.9 &&
		  s.median_interval_days < 100.1);
	ck_assert_int_eq(s.days_since_last, 90);
}
END_TEST

START_TEST(test_release_summary_renamed)
{
	/* c-ares: cares-1_x_y until 2024, then v1.x.y; crates of a
	 * workspace interleave with the main family and stay apart */
	const struct rel_tag t[] = {
		{ "cares-1_27_0", NOW - 300 * DAY },
		{ "cares-1_28_0", NOW - 280 * DAY },
		{ "cares-1_29_0", NOW - 250 * DAY },
		{ "v1.30.0", NOW - 200 * DAY },
		{ "v1.31.0", NOW - 100 * DAY },
		{ "r131", NOW - 900 * DAY },
		{ "crate-0.1.0", NOW - 290 * DAY },
		{ "crate-0.2.0", NOW - 50 * DAY },
		{ "old_0_1", NOW - 800 * DAY },
		{ "old_0_2", NOW - 700 * DAY },
		{ "curl-7_14_0", NOW - 1000 * DAY },
		{ "curl-7_14_1", NOW - 990 * DAY },
	};
	struct rel_summary s;

	rel_summarise(&s, t, sizeof(t) / sizeof(t[0]), NOW);
	/* old_0_x came before, with lower versions: the project's;
	 * curl-7_14_x came before with higher ones: another project's */
	ck_assert_uint_eq(s.releases, 7);
	ck_assert_str_eq(s.family, ""); /* the scheme of the last release */
	ck_assert_str_eq(s.last_name, "v1.31.0");
	ck_assert_uint_eq(s.foreign, 5); /* r131 (alone), crate-*, curl-* */
}
END_TEST

START_TEST(test_release_summary_none)
{
	const struct rel_tag t[] = {
		{ "latest", NOW - DAY },
		{ "v2.0.0-rc1", NOW - 2 * DAY },
	};
	struct rel_summary s;

	rel_summarise(&s, t, 2, NOW);
	ck_assert_uint_eq(s.releases, 0);
	ck_assert_uint_eq(s.prereleases, 1);
	ck_assert_uint_eq(s.other, 1);
	ck_assert(s.last_name == NULL);
	ck_assert(s.median_interval_days == 0);
	rel_summarise(&s, NULL, 0, NOW);
	ck_assert_uint_eq(s.releases, 0);
}
END_TEST

Suite *release_suite(void)
{
	Suite *s = suite_create("release");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_release_parse_schemes);
	tcase_add_test(tc, test_release_parse_not_versions);
	tcase_add_test(tc, test_release_summary_curl);
	tcase_add_test(tc, test_release_summary_mixed_plain);
	tcase_add_test(tc, test_release_summary_none);
	tcase_add_test(tc, test_release_summary_renamed);
	suite_add_tcase(s, tc);
	return s;
}
