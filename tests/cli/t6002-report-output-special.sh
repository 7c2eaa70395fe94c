#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# -o replaces only regular files: a FIFO (like /dev/null, which root's
# rename would replace) is written straight to and stays a FIFO.
. "$SRCDIR/tests/cli/lib.sh"

expect_exit 0 scan --db t.db "$FIXTURES/lic-mit"
expect_exit 0 report --db t.db --format json -o plain.json
[ -f plain.json ] && [ -s plain.json ] || fail "no regular output file"

mkfifo pipe
timeout -s KILL 30 cat pipe >got &
reader=$!
expect_exit 0 report --db t.db --format json -o pipe
wait "$reader" || fail "the reader never got the report"
[ -p pipe ] || fail "the FIFO was replaced by a regular file"
cmp -s got plain.json || fail "the reader did not get the report"
ls -a | grep -q '\.tmp' && fail "a temporary file was left behind"

# (Not tried on /dev/null: before the fix, a root run would replace it.)
expect_exit 2 report --db t.db -o /dev/full
expect_stderr_match 'cannot write: No space left on device'
mkdir d
expect_exit 2 report --db t.db -o d
expect_stderr_match 'd: cannot write: is a directory'
