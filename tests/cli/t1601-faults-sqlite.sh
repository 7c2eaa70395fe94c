#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Fault injection the way SQLite tests itself (issue 16): the driver
# build/tests/faults/faultrun fails the Nth SQLite write, sync or
# truncate (a shim VFS) or the Nth allocation during a second `scan` into
# a database that holds a finished run, and the Nth allocation during a
# `report -o`.  With OSSHEALTH_FAULTS_FULL=1 (make check-faults, CI)
# every write, sync and truncate point is tried, otherwise every 4th;
# allocations always with a stride (OSSHEALTH_FAULT_STRIDE; 1 tries each
# of the ~13,500 points of the scan, which takes hours).  After each
# failure: exit 2 or 3 with SQLite's "disk I/O error", or exit 4 with
# "out of memory", no crash or sanitizer report; the database passes
# PRAGMA integrity_check; every row of the finished run is still there
# and its report is unchanged; no half-written report file is left; in
# the full sweep the next plain scan succeeds.  A fault the command
# absorbs (exit 0; SQLite retries or a checkpoint at close) must leave
# the same report as a run without faults.
. "$SRCDIR/tests/cli/lib.sh"

FAULTRUN=${FAULTRUN:-$(dirname "$OSSHEALTH")/tests/faults/faultrun}
[ -x "$FAULTRUN" ] || fail "no fault driver at $FAULTRUN (make it)"
[ -d "$FIXTURES/lic-mit" ] || fail "fixtures not built (make fixtures)"
command -v sqlite3 >/dev/null || skip "sqlite3 command not installed"
export LC_ALL=C
# `make check` samples (every 4th I/O point); `make check-faults` and CI
# set OSSHEALTH_FAULTS_FULL=1: every I/O point, allocations denser.
if [ "${OSSHEALTH_FAULTS_FULL:-0}" = 1 ]; then
	iostep=1 stride=${OSSHEALTH_FAULT_STRIDE:-499} rstride=7
else
	iostep=4 stride=${OSSHEALTH_FAULT_STRIDE:-2999} rstride=29
fi

cat >m.json <<JSON
{"name": "faults", "components": [
  {"name": "mit", "repo": "$FIXTURES/lic-mit"}
]}
JSON

# Every row of every table, one CSV line each, sorted; one sqlite3.
rows() {
	sqlite3 -csv "$1" <rows.sql | sort
}

# The finished run 1, and what a fault-free run 2 reports.
expect_exit 0 scan --db base.db --jobs 1 m.json
for t in $(sqlite3 base.db "SELECT name FROM sqlite_schema
    WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"); do
	echo "SELECT '$t', * FROM \"$t\";"
done >rows.sql
rows base.db >base.rows
expect_exit 0 report --db base.db --format json
mv out run1.json
cp base.db ref.db
expect_exit 0 scan --db ref.db --jobs 1 m.json
expect_exit 0 report --db ref.db --run 2 --format json
mv out run2.json

tried=0
absorbed=0

# check_failure KIND N: the last faultrun exited $rc with stderr in err.
check_failure() {
	[ "$rc" -lt 128 ] || fail "$1 #$2: killed by signal $((rc - 128))"
	if grep -Eq 'Sanitizer|runtime error|BUG:' err; then
		fail "$1 #$2: crash report on stderr: $(head -3 err)"
	fi
	case "$1:$rc" in
	alloc:4) grep -q '^osshealth: out of memory' err ||
		fail "alloc #$2: exit 4 without the out-of-memory message" ;;
	alloc:*) fail "alloc #$2: exited $rc, expected 4" ;;
	*:2 | *:3) grep -q '^osshealth: .*disk I/O error' err ||
		fail "$1 #$2: exit $rc without a clear message: $(head -3 err)" ;;
	*) fail "$1 #$2: exited $rc, expected 2 or 3" ;;
	esac
}

# check_db KIND N DB: integrity, run 1 intact.
check_db() {
	ok=$(sqlite3 "$3" "PRAGMA integrity_check" 2>&1) ||
		fail "$1 #$2: integrity_check cannot run: $ok"
	[ "$ok" = ok ] || fail "$1 #$2: integrity_check: $ok"
	rows "$3" >now.rows
	lost=$(comm -23 base.rows now.rows | head -3)
	[ -z "$lost" ] || fail "$1 #$2: rows of run 1 lost or changed: $lost"
	"$OSSHEALTH" report --db "$3" --run 1 --format json >r1 2>rerr ||
		fail "$1 #$2: report of run 1 fails: $(cat rerr)"
	cmp -s r1 run1.json || fail "$1 #$2: report of run 1 changed"
}

# sweep KIND FIRST STEP: a second scan into a copy of base.db.
sweep_rescan() {
	n=$2
	while :; do
		rm -f t.db t.db-wal t.db-shm st
		cp base.db t.db
		rc=0
		"$FAULTRUN" --status st "$1" "$n" -- scan --db t.db --jobs 1 \
			m.json >out 2>err || rc=$?
		[ -s st ] || fail "$1 #$n: no status (exit $rc): $(head -3 err)"
		if grep -q '^missed' st; then
			[ "$rc" = 0 ] || fail "$1 #$n: no fault, exit $rc"
			break
		fi
		tried=$((tried + 1))
		if [ "$rc" = 0 ]; then
			absorbed=$((absorbed + 1))
			"$OSSHEALTH" report --db t.db --run 2 --format json \
				>r2 2>rerr || fail "$1 #$n: absorbed, no run 2"
			cmp -s r2 run2.json ||
				fail "$1 #$n: absorbed fault changed run 2"
		else
			check_failure "$1" "$n"
		fi
		check_db "$1" "$n" t.db
		if [ "$iostep" = 1 ] && [ "$1" != alloc ]; then
			"$OSSHEALTH" scan --db t.db --jobs 1 m.json >/dev/null \
				2>rerr || fail "$1 #$n: next scan fails: $(cat rerr)"
		fi
		n=$((n + $3))
	done
}

for k in write sync trunc; do
	sweep_rescan $k 1 $iostep
done
sweep_rescan alloc 1 "$stride"
echo "scan into a finished run: $tried faults tried, $absorbed absorbed"

# report -o FILE, its allocations failing: exit 4, the database as it
# was, and no half-written report or temporary file left behind.
rtried=0
n=1
while :; do
	rm -rf o st
	mkdir o
	rc=0
	"$FAULTRUN" --status st alloc "$n" -- report --db base.db \
		--format json -o o/r.json >out 2>err || rc=$?
	[ -s st ] || fail "report alloc #$n: no status (exit $rc): $(head -3 err)"
	if grep -q '^missed' st; then
		[ "$rc" = 0 ] || fail "report: no fault, exit $rc"
		cmp -s o/r.json run1.json || fail "report -o differs from stdout"
		break
	fi
	rtried=$((rtried + 1))
	[ "$rc" != 0 ] || fail "report alloc #$n: exit 0 after out of memory"
	check_failure alloc "$n"
	left=$(ls -A o)
	[ -z "$left" ] || fail "report alloc #$n: left $left behind"
	n=$((n + rstride))
done
check_db report-alloc - base.db
echo "report: $rtried allocation faults tried"
