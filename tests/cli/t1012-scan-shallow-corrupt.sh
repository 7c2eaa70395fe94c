#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# A shallow clone and a repository with a corrupt HEAD commit
# (fixtures/hostile.sh shallow corrupt) are named as such, not as
# "object not found" or "empty repository?".
. "$SRCDIR/tests/cli/lib.sh"

"$SRCDIR/fixtures/hostile.sh" "$TEST_DIR/fx" shallow corrupt >/dev/null
S=$TEST_DIR/fx/shallow
C=$TEST_DIR/fx/corrupt

expect_exit 2 history --repo "$S"
expect_stderr_match "shallow clone \(history cut off where the clone stopped; fetch all of it with 'git fetch --unshallow'\): "
expect_exit 2 dco --repo "$S"
expect_stderr_match 'shallow clone'
expect_exit 0 scan -q --db s.db "$S"
expect_exit 0 report --db s.db
expect_stdout_match 'activity/history-unavailable: history facts unknown: .*shallow clone'

# history and dco open the repository as scan and license do, so they
# name the damage the same way (the HEAD commit cannot be read).
expect_exit 2 history --repo "$C"
expect_stderr_match "corrupt repository \(the reference 'refs/heads/main' cannot be peeled"
expect_exit 2 dco --repo "$C"
expect_stderr_match 'corrupt repository'
expect_exit 2 license "$C"
expect_stderr_match 'corrupt repository'
expect_stderr_nomatch() { ! grep -Eq -- "$1" err || fail "stderr matches /$1/"; }
expect_stderr_nomatch 'empty repository'
expect_exit 3 scan --db c.db "$C"
expect_stderr_match 'corrupt repository'
