#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# A database that refuses the commit facts of a scan fails that component
# (exit 3, the SQLite message on stderr), never a run that quietly says
# "history facts unknown" and exits 0.  Found by the fault sweep t1601
# (a failed write in store_hist_save); a trigger stands in for the disk.
. "$SRCDIR/tests/cli/lib.sh"

[ -d "$FIXTURES/lic-mit" ] || fail "fixtures not built (make fixtures)"
command -v sqlite3 >/dev/null || skip "sqlite3 command not installed"

cat >none.json <<JSON
{"name": "first", "components": [
  {"name": "none", "repo": "$FIXTURES/lic-none"}
]}
JSON
cat >mit.json <<JSON
{"name": "second", "components": [
  {"name": "mit", "repo": "$FIXTURES/lic-mit"}
]}
JSON

# refused JOBS MANIFEST NAME RUN: with the commits table refusing every
# insert, the scan of MANIFEST fails its component NAME in run RUN.
refused() {
	sqlite3 t.db "CREATE TRIGGER refuse BEFORE INSERT ON commits
		BEGIN SELECT RAISE(ABORT, 'injected failure'); END;"
	expect_exit 3 scan --db t.db --jobs "$1" "$2"
	expect_stdout_match "^run $4: 1 components, 0 scanned, 1 failed"
	expect_stderr_match "^osshealth: .*$3: .*storing commit facts: .*injected failure"
	sqlite3 t.db "DROP TRIGGER refuse"
}

expect_exit 0 scan --db t.db --jobs 1 none.json
refused 1 mit.json mit 2
[ "$(sqlite3 t.db "SELECT status FROM run_components WHERE run_id = 2")" = failed ] ||
	fail "the component of run 2 is not marked failed"
[ "$(sqlite3 t.db "SELECT count(*) FROM findings WHERE run_id = 2")" = 0 ] ||
	fail "run 2 has findings from a half-collected component"
# Once the database takes writes again, the same scan succeeds.
expect_exit 0 scan --db t.db --jobs 1 mit.json

# The same with the history pass in a thread of its own (--jobs 2 for one
# component leaves a core idle): a first scan hands its walk over to the
# collecting thread, a re-scan does not; either way a refused save fails
# the component (it once passed unnoticed in the thread).
rm -f t.db t.db-wal t.db-shm
git clone -q "$FIXTURES/lic-mit" grow
cat >grow.json <<JSON
{"name": "grow", "components": [{"name": "grow", "repo": "$PWD/grow"}]}
JSON
expect_exit 0 scan --db t.db --jobs 2 none.json
refused 2 grow.json grow 2
expect_exit 0 scan --db t.db --jobs 2 grow.json
git -C grow -c user.name=New -c user.email=new@x.org \
	commit -q --allow-empty -m "one more"
refused 2 grow.json grow 4
[ "$(sqlite3 t.db "SELECT count(*) FROM findings WHERE run_id = 4")" = 0 ] ||
	fail "run 4 has findings from a half-collected component"
