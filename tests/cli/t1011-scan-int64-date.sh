#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# A commit dated INT64_MIN (fixtures/hostile.sh int64-date): no signed
# overflow (UBSan aborts on one in SAN=1 builds), no negative age.
. "$SRCDIR/tests/cli/lib.sh"

"$SRCDIR/fixtures/hostile.sh" "$TEST_DIR/fx" int64-date >/dev/null
R=$TEST_DIR/fx/int64-date

expect_exit 0 scan -q --db t.db "$R"
expect_exit 0 report --db t.db
expect_stdout_match '^    age +\? +first commit date implausible \(-9223372036854775808 seconds since 1970\)$'
expect_stdout_nomatch 'years of history'
expect_exit 0 history --repo "$R"
expect_stdout_match '^commits: 2$'
expect_exit 0 report --db t.db --format json
