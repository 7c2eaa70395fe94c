#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# db info on new, missing, corrupt, foreign and newer-version databases.
. "$SRCDIR/tests/cli/lib.sh"

# Missing database: clear error, nothing created.
expect_exit 2 db info --db missing.db
expect_stderr_match "^osshealth: missing.db: database does not exist$"
[ ! -e missing.db ] || fail "db info created a database"

# db upgrade creates one; info reads it in text and JSON.
expect_exit 0 db upgrade --db new.db
expect_stdout_match '^new.db: schema [0-9]+'
expect_exit 0 db info --db new.db
expect_stdout_match '^database: new.db$'
expect_stdout_match '^schema: ([0-9]+) \(this osshealth: \1\)$'
expect_stdout_match '^runs: 0$'
expect_stdout_match '^  commits +0$'
expect_exit 0 db info --db new.db --format json
expect_stdout_match '"schema_version":[[:space:]]*[0-9]+'
expect_stdout_match '"runs":[[:space:]]*\[\]'
python3 -c 'import json,sys; d=json.load(open("out")); assert d["tables"]["runs"] == 0' ||
	fail "db info json is not valid JSON"
# Schema 10: no table or column that nothing writes.
if command -v sqlite3 >/dev/null; then
	[ "$(sqlite3 new.db "SELECT count(*) FROM sqlite_schema WHERE name = 'files'")" = 0 ] ||
		fail "the unused table files is still there"
	[ "$(sqlite3 new.db "SELECT group_concat(name) FROM pragma_table_info('blobs')")" = \
		"id,size,is_binary,spdx_ids" ] || fail "blobs has unused columns"
fi

# The default database is ./osshealth.db.
expect_exit 0 db upgrade
[ -f osshealth.db ] || fail "no default osshealth.db"
expect_exit 0 db info
expect_stdout_match '^database: osshealth.db$'

# Garbage is refused with a clear message.
printf 'not a database at all, just some text\n' >junk.db
expect_exit 2 db info --db junk.db
expect_stderr_match '^osshealth: junk.db: .*corrupt or not a database'
expect_lines 1 err

# A SQLite file that is not ours.
sqlite3 foreign.db 'CREATE TABLE t(x);'
expect_exit 2 db info --db foreign.db
expect_stderr_match 'not an osshealth database'
expect_exit 2 db upgrade --db foreign.db
expect_stderr_match 'not an osshealth database'

# A file from a newer osshealth.
cp new.db newer.db
sqlite3 newer.db 'PRAGMA user_version = 999;'
expect_exit 2 db info --db newer.db
expect_stderr_match 'written by a newer osshealth \(schema 999'

# An unreadable file (skipped as root, who reads anything).
if [ "$(id -u)" != 0 ]; then
	cp new.db noread.db
	chmod 000 noread.db
	expect_exit 2 db info --db noread.db
	expect_stderr_match 'noread.db'
fi

# Bad verb and bad format.
expect_exit 2 db inf
expect_stderr_match "'inf' is not a db verb \(did you mean 'info'\?\)"
expect_exit 2 db info --db new.db --format xml
expect_stderr_match "unknown format 'xml'"
