/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The single Check runner: one suite per tests/unit/test_<name>.c, listed
 * by the Makefile in suites.h as SUITE(name).  CK_RUN_SUITE / CK_RUN_CASE
 * select a subset; CK_FORK=no runs in-process for a debugger.
 */
#include <stdlib.h>

#include <check.h>

#define SUITE(name) Suite *name##_suite(void);
#include "suites.h"
#undef SUITE

int main(void)
{
	SRunner *sr = srunner_create(NULL);
	int failed;

#define SUITE(name) srunner_add_suite(sr, name##_suite());
#include "suites.h"
#undef SUITE
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
