#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# A database with damaged pages is refused by every command (PRAGMA
# quick_check on open), never read with rows missing or written into;
# a sound database in a read-only directory can still be read.
. "$SRCDIR/tests/cli/lib.sh"

F=$FIXTURES
expect_exit 0 scan -q --db t.db "$F/lic-mit" "$F/lic-apache" "$F/mature"
cp t.db good.db
# 100 bytes overwritten at the start of the page in the middle of the
# file (its b-tree header).  Not just "the middle": bytes in a page's
# free space are unused, harmless, and no check looks at them, so where
# they fall would depend on the database's layout.
ps=$(sqlite3 t.db 'PRAGMA page_size')
python3 -c '
import os, sys
ps = int(sys.argv[1])
n = os.path.getsize("t.db")
with open("t.db", "r+b") as f:
    f.seek((n // 2) // ps * ps)
    f.write(b"\xa5" * 100)
' "$ps"
for cmd in "report --db t.db" "db info --db t.db" "diff --db t.db" \
	"scan -q --db t.db $F/lic-mit"; do
	# shellcheck disable=SC2086
	expect_exit 2 $cmd
	# found by quick_check, or earlier when the damage hits the schema
	expect_stderr_match '^osshealth: t\.db: database is corrupt \(.*\): restore it from a backup'
done
[ "$(sqlite3 t.db 'PRAGMA user_version')" = "$(sqlite3 good.db 'PRAGMA user_version')" ] ||
	fail "the corrupt database was written to"

# Damage in the schema itself (the table definitions at the end of page
# the schema pages): SQLite cannot even prepare the check, and says the same.
cp good.db s.db
python3 -c '
with open("s.db", "r+b") as f:
    data = f.read()
    at = data.index(b"CREATE TABLE")
    f.seek(at + 20)
    f.write(b"\xa5" * 10)
'
expect_exit 2 report --db s.db
expect_stderr_match '^osshealth: s\.db: database is corrupt \(.*\): restore it from a backup'

# Read-only directory: report and db info work (immutable open).
mkdir ro
cp good.db ro/t.db
chmod 755 "$TEST_DIR" ro
chmod 644 ro/t.db
chmod 555 ro
as_other() {
	if [ "$(id -u)" = 0 ]; then
		setpriv --reuid=65534 --regid=65534 --clear-groups "$@"
	else
		"$@"
	fi
}
rc=0
as_other "$OSSHEALTH" report --db ro/t.db >out 2>err || rc=$?
[ "$rc" = 0 ] || fail "report in a read-only directory exited $rc: $(cat err)"
expect_stdout_match '^osshealth review run 1 \(done\)'
rc=0
as_other "$OSSHEALTH" db info --db ro/t.db >out 2>err || rc=$?
[ "$rc" = 0 ] || fail "db info in a read-only directory exited $rc: $(cat err)"
expect_stdout_match '^schema: '
[ ! -e ro/t.db-shm ] || fail "a -shm file appeared in the read-only directory"
# A -wal with content there is refused with the reason, not misread.
chmod 755 ro
printf 'not empty' >ro/t.db-wal
chmod 555 ro
rc=0
as_other "$OSSHEALTH" report --db ro/t.db >out 2>err || rc=$?
[ "$rc" = 2 ] || fail "report with a pending WAL exited $rc"
expect_stderr_match 'directory is read-only and the write-ahead log'
chmod 755 ro
