#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# A scan killed with SIGKILL leaves the database consistent, and the same
# command resumes the run, skipping the components already done.
. "$SRCDIR/tests/cli/lib.sh"

[ -d "$FIXTURES/mature" ] || fail "fixtures not built (make fixtures)"
set -- dco-signed dco-partial multi-org lic-mit lic-apache lic-gpl-tags \
	lic-dual lic-none lic-busl lic-changed mature
{
	printf '{"components": ['
	sep=""
	for n in "$@"; do
		printf '%s{"name": "%s", "repo": "%s"}' "$sep" "$n" "$FIXTURES/$n"
		sep=","
	done
	printf ']}\n'
} >all.json

# Simulate a kill after two components: run, then mark the run as still
# running and forget the rest, exactly what a SIGKILL leaves behind.
expect_exit 0 scan --db r.db --jobs 1 all.json
sqlite3 r.db "UPDATE runs SET status = 'running', finished_at = NULL;
DELETE FROM scores WHERE component_id IN (SELECT id FROM components WHERE name NOT IN ('dco-signed', 'dco-partial'));
DELETE FROM findings WHERE component_id IN (SELECT id FROM components WHERE name NOT IN ('dco-signed', 'dco-partial'));
DELETE FROM facts WHERE component_id IN (SELECT id FROM components WHERE name NOT IN ('dco-signed', 'dco-partial'));
DELETE FROM run_components WHERE component_id IN (SELECT id FROM components WHERE name NOT IN ('dco-signed', 'dco-partial'));"
expect_exit 0 scan --db r.db --jobs 2 all.json
expect_stdout_match '^run 1 \(resumed\): 11 components, 9 scanned, 0 failed, 2 already done$'
[ "$(sqlite3 r.db 'SELECT status FROM runs')" = done ] || fail "run not done"
[ "$(sqlite3 r.db 'SELECT count(*) FROM run_components WHERE status = "done"')" = 11 ] ||
	fail "not every component done"

# A real SIGKILL in the middle: the database stays readable and the
# next run of the same command finishes the job.
rm -f k.db
"$OSSHEALTH" scan --db k.db --jobs 1 all.json >/dev/null 2>&1 &
pid=$!
sleep 0.2
kill -9 $pid 2>/dev/null || true
wait $pid 2>/dev/null || true
if [ -e k.db ]; then
	expect_exit 0 db info --db k.db
	sqlite3 k.db 'PRAGMA integrity_check' | grep -qx ok || fail "integrity"
fi
expect_exit 0 scan --db k.db --jobs 2 all.json
expect_stdout_match '^run [12]( \(resumed\))?: 11 components'
[ "$(sqlite3 k.db 'SELECT count(*) FROM run_components WHERE status = "done" AND run_id = (SELECT max(id) FROM runs)')" = 11 ] ||
	fail "resumed run incomplete"

# --new-run never resumes.
sqlite3 r.db "UPDATE runs SET status = 'running'"
expect_exit 0 scan --db r.db --new-run all.json
expect_stdout_match '^run 2: 11 components, 11 scanned'
