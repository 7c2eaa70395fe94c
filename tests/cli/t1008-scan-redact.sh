#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Credentials in a URL never reach stderr, the database or a report: a
# password holding '@' (libgit2 quotes the URL in "malformed URL") and an
# access_token query string.
. "$SRCDIR/tests/cli/lib.sh"

unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY
export no_proxy='*'

expect_exit 3 scan --db t.db --timeout 5 \
	'https://user:pa@ss@127.0.0.1:1/x.git' \
	'https://127.0.0.1:1/y.git?access_token=SECRET123'
expect_stderr_match "malformed URL 'https://REDACTED@127\.0\.0\.1:1/x\.git'"
expect_stderr_match 'y\.git\?access_token=REDACTED'
cp err scan.err
for f in text json csv md html sarif junit; do
	expect_exit 0 report --db t.db --format $f
	cp out report.$f
done
sqlite3 t.db .dump >dump.sql
if grep -a -r -l -e 'pa@ss' -e 'SECRET123' -e ':pa@' . >leaks; then
	fail "credentials leaked into: $(tr '\n' ' ' <leaks)"
fi
