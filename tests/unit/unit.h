/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef OH_TESTS_UNIT_H
#define OH_TESTS_UNIT_H

/*
 * Helpers shared by the unit suites: temporary directories that a checked
 * fixture creates and removes, and small file writers.
 */

#include <stddef.h>

#include <check.h>

/* Every suite's constructor, one per tests/unit/test_<name>.c. */
#define SUITE(name) Suite *name##_suite(void);
#include "suites.h"
#undef SUITE

/** Create a fresh temporary directory; returns a static path. */
const char *unit_tmpdir(void);

/** Remove the directory made by unit_tmpdir() and everything in it. */
void unit_tmpdir_remove(void);

/** Path inside the temporary directory (static buffer, one at a time). */
const char *unit_path(const char *name);

/** Write len bytes to path (aborts the test on failure). */
void unit_write_file(const char *path, const void *data, size_t len);

struct oh_buf;

/** Append the text of SPDX license `id` (licenses/text/ID.txt) and a
 * newline to b (aborts the test when the file cannot be read). */
void unit_spdx_text(struct oh_buf *b, const char *id);

#endif /* OH_TESTS_UNIT_H */
