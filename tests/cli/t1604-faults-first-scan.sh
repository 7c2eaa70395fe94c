#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Fault injection (issue 16) during the first scan into a new database:
# the schema migrations, the run, the components.  faultrun fails the Nth
# SQLite write, sync or truncate; with OSSHEALTH_FAULTS_FULL=1 (make
# check-faults, CI) every point, otherwise every 8th write and every sync
# and truncate.  After each failure: exit 2 or 3 with SQLite's "disk I/O
# error" (never a knock-on error such as a foreign key failing because a
# lost row was taken as stored), no crash, and the file, if any, passes
# integrity_check; in the full sweep the next plain scan succeeds.
. "$SRCDIR/tests/cli/lib.sh"

FAULTRUN=${FAULTRUN:-$(dirname "$OSSHEALTH")/tests/faults/faultrun}
[ -x "$FAULTRUN" ] || fail "no fault driver at $FAULTRUN (make it)"
[ -d "$FIXTURES/lic-mit" ] || fail "fixtures not built (make fixtures)"
command -v sqlite3 >/dev/null || skip "sqlite3 command not installed"

cat >m.json <<JSON
{"name": "faults", "components": [
  {"name": "mit", "repo": "$FIXTURES/lic-mit"}
]}
JSON

full=${OSSHEALTH_FAULTS_FULL:-0}
tried=0
# --jobs 2 for one component: the history pass in a thread of its own,
# handing its walk over (the snapshot written beside a checkpoint of the
# commits through another handle)
for jobs in 1 2; do
for kind in write sync trunc; do
	step=1
	[ "$full" = 1 ] || [ $kind != write ] || step=8
	n=1
	while :; do
		rm -f t.db t.db-wal t.db-shm st
		rc=0
		"$FAULTRUN" --status st $kind "$n" -- scan --db t.db \
			--jobs $jobs m.json >out 2>err || rc=$?
		[ -s st ] || fail "--jobs $jobs, $kind #$n: no status (exit $rc): $(head -3 err)"
		if grep -q '^missed' st; then
			[ "$rc" = 0 ] || fail "--jobs $jobs, $kind #$n: no fault, exit $rc"
			break
		fi
		tried=$((tried + 1))
		if grep -Eq 'Sanitizer|runtime error|BUG:' err; then
			fail "--jobs $jobs, $kind #$n: crash report: $(head -3 err)"
		fi
		case $rc in
		0) ;;
		2 | 3) grep -q '^osshealth: .*disk I/O error' err ||
			fail "--jobs $jobs, $kind #$n: exit $rc without the I/O error: $(head -3 err)" ;;
		*) fail "--jobs $jobs, $kind #$n: exited $rc" ;;
		esac
		if [ -e t.db ]; then
			ok=$(sqlite3 t.db "PRAGMA integrity_check" 2>&1) || :
			[ "$ok" = ok ] || fail "--jobs $jobs, $kind #$n: integrity_check: $ok"
		fi
		if [ "$full" = 1 ]; then
			"$OSSHEALTH" scan --db t.db --jobs 1 m.json >/dev/null \
				2>err || fail "--jobs $jobs, $kind #$n: next scan fails: $(cat err)"
		fi
		n=$((n + step))
	done
done
done
echo "first scan: $tried faults tried, all survived"
