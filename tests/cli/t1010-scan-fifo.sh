#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Special files are never opened for reading: a work tree whose .mailmap
# and LICENSE are FIFOs (fixtures/hostile.sh fifo) does not block scan,
# history, license or sbom generate; a FIFO named as input is refused.
. "$SRCDIR/tests/cli/lib.sh"

"$SRCDIR/fixtures/hostile.sh" "$TEST_DIR/fx" fifo >/dev/null
R=$TEST_DIR/fx/fifo

# run_limited CODE ARGS...: as expect_exit, but killed after 30 s.
run_limited() {
	want=$1
	shift
	rc=0
	timeout -s KILL 30 "$OSSHEALTH" "$@" >out 2>err || rc=$?
	[ "$rc" != 137 ] || fail "'osshealth $*' blocked on a FIFO"
	[ "$rc" = "$want" ] || fail "'osshealth $*' exited $rc, expected $want"
}

run_limited 0 history --repo "$R"
expect_stdout_match '^commits: 1$'
run_limited 0 scan --db t.db "$R"
run_limited 1 license "$R"
run_limited 0 sbom generate "$R" -o sbom.json
mkfifo in.json
run_limited 2 sbom validate in.json
expect_stderr_match 'in\.json: not a regular file \(a FIFO\)'
