#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Schema 11: a commit's trailers in its row (commits.trailers, JSON), read
# through the `trailers` view with the columns of the old table.  The
# text the save writes is the one SQLite's json_array() gives for the same
# values (quotes, backslashes, a tab), so a migrated row reads alike; a
# commit without trailers has NULL.
. "$SRCDIR/tests/cli/lib.sh"

export GIT_AUTHOR_NAME=Ann GIT_AUTHOR_EMAIL=ann@example.org
export GIT_COMMITTER_NAME=Ann GIT_COMMITTER_EMAIL=ann@example.org
git init -q -b main r
git -C r commit -q --allow-empty -m 'plain'
tab=$(printf '\t')
git -C r commit -q --allow-empty -m "with trailers

Signed-off-by: Ann <ann@example.org>
Note: say \"hi\" \\ to a${tab}b
Reviewed-by: Bob <bob@example.org>"

expect_exit 0 scan --db r.db r
[ "$(sqlite3 r.db 'SELECT count(*) FROM commits WHERE trailers IS NULL')" = 1 ] ||
	fail "a commit without trailers is not NULL"
got=$(sqlite3 r.db "SELECT seq, key, value, ident_name, ident_email
	FROM trailers ORDER BY commit_id, seq")
want="0|Signed-off-by|Ann <ann@example.org>|Ann|ann@example.org
1|Note|say \"hi\" \\ to a${tab}b||
2|Reviewed-by|Bob <bob@example.org>|Bob|bob@example.org"
[ "$got" = "$want" ] || fail "trailers view: '$got', expected '$want'"
same=$(sqlite3 r.db "SELECT c.trailers = (SELECT json_group_array(
	json_array(key, value, ident_name, ident_email)) FROM
	(SELECT * FROM trailers t WHERE t.commit_id = c.id ORDER BY seq))
	FROM commits c WHERE c.trailers IS NOT NULL")
[ "$same" = 1 ] || fail "the row's JSON is not SQLite's own encoding"
[ "$(sqlite3 r.db 'PRAGMA user_version')" = 11 ] || fail "schema version"
