#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Every command's --help usage line appears in the man page SYNOPSIS, and
# every documented command exists (STYLE.md rule 33).
. "$SRCDIR/tests/cli/lib.sh"

man="$SRCDIR/docs/osshealth.1"
[ -f "$man" ] || fail "no man page"
# Plain text of the SYNOPSIS lines: drop font escapes and \- escapes.
sed -n '/^\.SH SYNOPSIS/,/^\.SH /p' "$man" |
	sed -e 's/\\f[BIRP]//g' -e 's/\\-/-/g' -e 's/\\&//g' |
	grep '^osshealth ' >synopsis || fail "no synopsis lines"

expect_exit 0 --help
sed -n 's/^  \([a-z][a-z-]*\) .*/\1/p' out >commands
[ -s commands ] || fail "no commands listed"
while read -r cmd; do
	run_osh help "$cmd"
	[ "$rc" = 0 ] || fail "help $cmd exited $rc"
	sed -n 's/^usage: //p' out >usage
	[ -s usage ] || fail "help $cmd printed no usage line"
	while read -r u; do
		grep -qxF "$u" synopsis ||
			fail "usage '$u' is not in the man page SYNOPSIS"
	done <usage
	grep -q "^\.SS \"\{0,1\}$cmd" "$man" ||
		fail "man page has no section for '$cmd'"
done <commands
