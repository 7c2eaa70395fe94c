#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# make install with DESTDIR and PREFIX gives a binary that finds its data
# files, man page and shell completion; uninstall removes them.
. "$SRCDIR/tests/cli/lib.sh"

stage=$TEST_DIR/stage
make -s -C "$SRCDIR" install DESTDIR="$stage" PREFIX=/usr >make.log 2>&1 ||
	fail "make install failed: $(tail -3 make.log)"
[ -x "$stage/usr/bin/osshealth" ] || fail "no installed binary"
[ -f "$stage/usr/share/man/man1/osshealth.1" ] || fail "no man page"
[ -f "$stage/usr/share/osshealth/rules/scoring.json" ] || fail "no rules"
grep -q '^complete .* osshealth$' \
	"$stage/usr/share/bash-completion/completions/osshealth" ||
	fail "no bash completion"
grep -q '^#compdef osshealth' "$stage/usr/share/zsh/site-functions/_osshealth" ||
	fail "no zsh completion"
OSSHEALTH=$stage/usr/bin/osshealth
expect_exit 0 version -v
expect_stdout_match "^data: $stage/usr/bin/../share/osshealth\$"
# The installed copy works from anywhere, without the source tree.
mkdir elsewhere && cd elsewhere
expect_exit 0 db upgrade --db x.db
cd ..
make -s -C "$SRCDIR" uninstall DESTDIR="$stage" PREFIX=/usr >make.log 2>&1 ||
	fail "make uninstall failed"
[ ! -e "$stage/usr/bin/osshealth" ] || fail "binary left behind"
[ ! -e "$stage/usr/share/osshealth" ] || fail "data left behind"
[ ! -e "$stage/usr/share/bash-completion/completions/osshealth" ] ||
	fail "bash completion left behind"
