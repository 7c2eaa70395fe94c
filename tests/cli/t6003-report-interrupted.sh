#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# A killed `scan --new-run` leaves a run 'running' with no components; it
# is never a baseline: report and diff compare finished runs only, and a
# diff naming it says it did not finish.
. "$SRCDIR/tests/cli/lib.sh"

F=$FIXTURES
expect_exit 0 scan -q --db t.db "$F/lic-mit" "$F/lic-apache"
# What SIGKILL right after the run row was written leaves.
sqlite3 t.db "INSERT INTO runs (started_at, tool_version, inputs, status)
	VALUES (1796319159, '0.1.0', '[]', 'running')"
expect_exit 0 scan -q --db t.db --new-run "$F/lic-mit" "$F/lic-apache"
[ "$(sqlite3 t.db 'SELECT group_concat(status) FROM runs')" = \
	done,running,done ] || fail "unexpected runs: $(sqlite3 t.db 'SELECT * FROM runs')"

expect_exit 0 report --db t.db
expect_stdout_match '^osshealth review run 3 \(done\)'
expect_stdout_nomatch 'component added'
expect_exit 0 report --db t.db --format json
python3 -c '
import json
d = json.load(open("out"))
s = json.dumps(d)
assert "component added" not in s, s[:400]
' || fail "JSON report compares with the interrupted run"

expect_exit 0 diff --db t.db
expect_stdout_match '^changes from run 1 to run 3: 0$'
expect_exit 0 diff --db t.db 3
expect_stdout_match '^changes from run 1 to run 3: 0$'
expect_exit 2 diff --db t.db 2 3
expect_stderr_match 'run 2 did not finish \(status running\)'

# The interrupted run itself: shown as running, with no changes.
expect_exit 0 report --db t.db --run 2
expect_stdout_match '^osshealth review run 2 \(running\)'
expect_stdout_nomatch 'removed'
