#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# license --db: blob facts cached by blob id; a re-scan reads only new
# blobs, and a row of another format version is not trusted.
. "$SRCDIR/tests/cli/lib.sh"

R=$FIXTURES/lic-gpl-tags
expect_exit 0 -v license --db c.db "$R"
cp out first
expect_stderr_match 'blob cache c\.db: 0 hits, 8 misses'
expect_exit 0 -v license --db c.db "$R"
expect_stderr_match 'blob cache c\.db: 8 hits, 0 misses'
expect_stdout first

# The facts really come from the table: change one row and see it.
id=$(git -C "$R" rev-parse HEAD:src/util.c)
sqlite3 c.db "UPDATE blobs SET spdx_ids = '{\"v\":1,\"tag\":\"MIT\",\"line\":9,\"n\":1}' WHERE id = '$id'"
expect_exit 0 license --db c.db "$R"
expect_stdout_match '^  src/util\.c +MIT +tag line 9$'
# A row of another format version is a miss and is rewritten.
sqlite3 c.db "UPDATE blobs SET spdx_ids = '{\"v\":0}' WHERE id = '$id'"
expect_exit 0 -v license --db c.db "$R"
expect_stderr_match 'blob cache c\.db: 7 hits, 1 misses'
expect_stdout_match '^  src/util\.c +GPL-2\.0-or-later +tag line 2$'

# Not a database: a clear error.
printf 'junk\n' >junk.db
expect_exit 2 license --db junk.db "$R"
expect_stderr_match 'junk\.db'
