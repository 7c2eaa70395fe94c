#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# A bare repository without a config file (a copied or fetched git
# directory) is bare as git sees it: its .mailmap is HEAD:.mailmap, for
# history and scan alike.  libgit2 alone assumes a work tree above it,
# finds no .mailmap there, and the sign-off of a mapped author did not
# count (0/1 where git log with the mailmap says 1/1).
. "$SRCDIR/tests/cli/lib.sh"

git init -q w
printf 'Real Name <real@x.org> <old@x.org>\n' >w/.mailmap
git -C w add .mailmap
GIT_AUTHOR_DATE=2026-10-01T00:00:00Z GIT_COMMITTER_DATE=2026-10-01T00:00:00Z \
	git -C w -c user.name=Old -c user.email=old@x.org commit -q \
	-m "c1" -m "Signed-off-by: Real Name <real@x.org>"
git clone -q --bare w b.git
rm b.git/config
[ "$(git -C b.git log --format=%aE)" = real@x.org ] ||
	fail "git does not read the mailmap"

expect_exit 0 history --repo b.git
expect_stdout_match '^signed-off: 1/1 non-merge'
expect_exit 0 scan --db r.db b.git
[ "$(sqlite3 r.db "SELECT value FROM facts WHERE key = 'dco.share_all'")" = 1.00 ] ||
	fail "scan: the mapped sign-off does not count"
# The same repository with its config, and its work tree: the same.
expect_exit 0 history --repo w
expect_stdout_match '^signed-off: 1/1 non-merge'
