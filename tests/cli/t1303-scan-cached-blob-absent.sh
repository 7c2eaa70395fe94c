#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# A blob the blob cache knows but the repository no longer has (a
# partial mirror, re-filtered or re-cloned): the re-scan notes the file
# as unread, as a first scan of that repository does, and does not fail.
. "$SRCDIR/tests/cli/lib.sh"

export GIT_AUTHOR_NAME=Ann GIT_AUTHOR_EMAIL=ann@example.org
export GIT_COMMITTER_NAME=Ann GIT_COMMITTER_EMAIL=ann@example.org
export GIT_AUTHOR_DATE='2026-01-02T03:04:05+0000'
export GIT_COMMITTER_DATE='2026-01-02T03:04:05+0000'

git init -q -b main work
cp "$SRCDIR/licenses/text/MIT.txt" work/LICENSE
printf '/* SPDX-License-Identifier: MIT */\nint x;\n' >work/a.c
mkdir work/sub
cp "$SRCDIR/licenses/text/ISC.txt" work/sub/LICENSE
git -C work add LICENSE a.c sub/LICENSE
git -C work commit -q -m one
expect_exit 0 scan --db r.db work

# The blobs of a.c (its tag is cached) and sub/LICENSE (a text the
# scanner reads whole) go; the cache still has their rows.
for f in sub/LICENSE a.c; do
	blob=$(git -C work rev-parse HEAD:$f)
	obj=work/.git/objects/$(echo "$blob" | cut -c1-2)/$(echo "$blob" | cut -c3-)
	[ -f "$obj" ] || fail "fixture: $obj is not a loose object"
	rm -f "$obj"
	[ "$(sqlite3 r.db "SELECT count(*) FROM blobs WHERE id = '$blob'")" = 1 ] ||
		fail "fixture: no cached row of $f"
done

dump() { # DB: facts and findings of the latest run, but commits walked
	sqlite3 "$1" "SELECT key, value FROM facts WHERE key <> 'history.walked'
		AND run_id = (SELECT max(id) FROM runs) ORDER BY key;
		SELECT code, message FROM findings
		WHERE run_id = (SELECT max(id) FROM runs) ORDER BY code, message"
}
expect_exit 0 scan --db r.db --new-run work
dump r.db | grep -q "a\.c: not read: blob ${blob%"${blob#????????????}"} is absent" ||
	fail "the absent blob is not noted"
expect_exit 0 scan --db fresh.db work
[ "$(dump r.db)" = "$(dump fresh.db)" ] || fail "the re-scan differs from a first scan"
