#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The copyright holders of the relicensing sample are kept per blob: a
# re-scan reads them from the database instead of the files (issue 13),
# a value it cannot read is a miss (the file is read again), and a blob
# the repository lacks is not counted even when its holder is known.
. "$SRCDIR/tests/cli/lib.sh"

export GIT_AUTHOR_NAME=Ann GIT_AUTHOR_EMAIL=ann@example.org
export GIT_COMMITTER_NAME=Ann GIT_COMMITTER_EMAIL=ann@example.org
export GIT_AUTHOR_DATE='2026-01-02T03:04:05+0000'
export GIT_COMMITTER_DATE='2026-01-02T03:04:05+0000'

git init -q -b main work
cp "$SRCDIR/licenses/text/MIT.txt" work/LICENSE
printf '/* Copyright (c) 2020 Acme Corp */\nint a;\n' >work/a.c
printf '/* Copyright 2021 Acme Corp */\nint b;\n' >work/b.c
printf 'int c;\n' >work/c.c
git -C work add LICENSE a.c b.c c.c
git -C work commit -q -m one

fact() { # DB KEY: the value in the latest run
	sqlite3 "$1" "SELECT value FROM facts WHERE key = '$2'
		AND run_id = (SELECT max(id) FROM runs)"
}
expect_exit 0 scan --db r.db work
first=$(fact r.db relicensing.copyright)
case $first in
"acme in 2 of 2 files with a notice; 1 holders; 3 files read") ;;
*) fail "first scan: relicensing.copyright is '$first'" ;;
esac
rows=$(sqlite3 r.db "SELECT count(*) FROM license_matches
	WHERE engine LIKE 'relicensing-holder %'")
[ "$rows" = 3 ] || fail "$rows holders kept, expected 3 (one per file)"

# A re-scan serves them: a holder changed in the database shows.
a=$(git -C work rev-parse HEAD:a.c)
b=$(git -C work rev-parse HEAD:b.c)
sqlite3 r.db "UPDATE license_matches SET result = '=other'
	WHERE text_sha256 IN ('$a', '$b')"
expect_exit 0 scan --db r.db --new-run work
got=$(fact r.db relicensing.copyright)
case $got in
"other in 2 of 2 files with a notice; 1 holders; 3 files read") ;;
*) fail "re-scan did not use the kept holders: '$got'" ;;
esac

# Values it cannot read are misses: the files are read again.
sqlite3 r.db "UPDATE license_matches SET result = 'garbage'
	WHERE engine LIKE 'relicensing-holder %'"
expect_exit 0 scan --db r.db --new-run work
got=$(fact r.db relicensing.copyright)
[ "$got" = "$first" ] || fail "undecodable holders: '$got', not '$first'"

# A blob the repository lost is not counted, known holder or not.
obj=work/.git/objects/$(echo "$a" | cut -c1-2)/$(echo "$a" | cut -c3-)
[ -f "$obj" ] || fail "fixture: $obj is not a loose object"
rm -f "$obj"
expect_exit 0 scan --db r.db --new-run work
expect_exit 0 scan --db fresh.db work
[ "$(fact r.db relicensing.copyright)" = "$(fact fresh.db relicensing.copyright)" ] ||
	fail "absent blob: re-scan '$(fact r.db relicensing.copyright)'," \
		"first scan '$(fact fresh.db relicensing.copyright)'"
