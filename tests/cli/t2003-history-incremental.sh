#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# history --db: the first run stores every commit, a re-scan walks none,
# a new commit is the only one walked, and the numbers equal a fresh walk.
. "$SRCDIR/tests/cli/lib.sh"

git clone -q "$FIXTURES/multi-org" r
expect_exit 0 history --repo r --db h.db
expect_stdout_match '^walked: 30 new commits$'
expect_exit 0 history --repo r --db h.db
expect_stdout_match '^walked: 0 new commits$'
grep -v '^walked:' out >stored.txt
expect_exit 0 history --repo r
diff -u out stored.txt >&2 || fail "stored facts differ from a fresh walk"
[ "$(sqlite3 h.db 'SELECT count(*) FROM commits')" = 30 ] ||
	fail "commits table"
want=$(git -C r log --format='%(trailers:only,unfold)' | grep -c .)
[ "$(sqlite3 h.db 'SELECT count(*) FROM trailers')" = "$want" ] ||
	fail "trailers table disagrees with git log"

(cd r && GIT_AUTHOR_DATE='2026-10-30T10:00:00+0200' \
	git -c user.name=New -c user.email=new@x.org \
	commit -q --allow-empty -s -m "One more")
expect_exit 0 history --repo r --db h.db
expect_stdout_match '^walked: 1 new commits$'
expect_stdout_match '^commits: 31$'
s=$(git -C r log --format='%ae %(trailers:key=Signed-off-by,valueonly)' |
	awk 'NF>=2 && index(tolower($0), "<" tolower($1) ">") {n++} END {print n}')
expect_stdout_match "^signed-off: $s/31 non-merge"
expect_exit 0 history --repo r --db h.db --format json
python3 -c 'import json; d=json.load(open("out")); assert d["walked"]==0 and d["commits"]==31' ||
	fail "json after re-scan"
expect_stderr_empty
