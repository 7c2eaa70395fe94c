#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The commit a tag names, stored with the scan's tags: an annotated tag
# of a commit gives that commit; one that says "commit" but names a blob,
# or a commit the repository lacks, gives none (peeling fails); a tag
# without a tagger date takes its commit's date.  The tags table is read.
. "$SRCDIR/tests/cli/lib.sh"

export GIT_AUTHOR_NAME=Ann GIT_AUTHOR_EMAIL=ann@example.org
export GIT_COMMITTER_NAME=Ann GIT_COMMITTER_EMAIL=ann@example.org
export GIT_AUTHOR_DATE='2026-01-02T03:04:05+0000'
export GIT_COMMITTER_DATE='2026-01-02T03:04:05+0000'

git init -q -b main work
echo a >work/a
git -C work add a
git -C work commit -q -m one
head=$(git -C work rev-parse HEAD)
blob=$(git -C work rev-parse HEAD:a)
git -C work tag -a -m 'v1.0' v1.0
forge() { # NAME TARGET [TAGGER-LINE]: a tag object of type commit
	printf 'object %s\ntype commit\ntag %s\n%s\nforged\n' "$2" "$1" "${3:-tagger T <t@example.org> 1767323045 +0000
}" | git -C work hash-object -t tag -w --literally --stdin
}
git -C work update-ref refs/tags/blob "$(forge blob "$blob")"
git -C work update-ref refs/tags/gone \
	"$(forge gone 0123456789012345678901234567890123456789)"
git -C work update-ref refs/tags/nodate "$(forge nodate "$head" '')"

expect_exit 0 scan --db r.db work
got=$(sqlite3 r.db "SELECT name, target, time FROM tags ORDER BY name" |
	tr '\n' ' ')
want="blob||1767323045 gone||1767323045 nodate|$head|1767323045 v1.0|$head|1767323045 "
[ "$got" = "$want" ] || fail "tags: '$got', expected '$want'"
