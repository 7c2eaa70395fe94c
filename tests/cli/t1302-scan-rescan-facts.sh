#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# A re-scan with nothing new gives the facts, scores and findings of a
# first scan (issue 13): it takes the commits, the blob facts and the
# license matcher's answers (table license_matches, schema 9) from the
# database instead of reading and matching again.  The answers are
# really served from the table (a changed row changes the facts), only
# to the engine that wrote them, and a row that does not decode is
# matched again.
. "$SRCDIR/tests/cli/lib.sh"

dump() { # DB RUN: what the run recorded, but the count of commits walked
	sqlite3 "$1" "SELECT key, value FROM facts WHERE run_id = $2
		AND key <> 'history.walked' ORDER BY key;
		SELECT category, check_name, state, score, reason, evidence
		FROM scores WHERE run_id = $2 ORDER BY category, check_name;
		SELECT code, severity, message, evidence FROM findings
		WHERE run_id = $2 ORDER BY code, message"
}

for fx in lic-changed lic-dual mature multi-org lic-gpl-tags dco-partial dco-signed; do
	rm -f r.db*
	expect_exit 0 scan --db r.db "$FIXTURES/$fx"
	expect_exit 0 scan --db r.db --new-run "$FIXTURES/$fx"
	dump r.db 1 >first.txt
	dump r.db 2 >again.txt
	[ "$(wc -l <first.txt)" -gt 20 ] || fail "$fx: too few facts"
	diff -u first.txt again.txt >&2 || fail "$fx: the re-scan differs"
	[ "$(sqlite3 r.db "SELECT value FROM facts WHERE run_id = 2
		AND key = 'history.walked'")" = 0 ] || fail "$fx: the re-scan walked commits"
done

# The history snapshot (table history_snapshots): a re-scan with new
# commits reads the snapshot and adds the walk; one that does not decode,
# or holds fewer commits than the table, is no snapshot.  Every way, the
# facts are those of a scan into a new database.
git clone -q "$FIXTURES/multi-org" repo
latest() { # DB: what the latest run recorded
	dump "$1" "(SELECT max(id) FROM runs)"
}
fresh() {
	rm -f fresh.db*
	expect_exit 0 scan --db fresh.db repo
	latest fresh.db
}
rm -f r.db*
expect_exit 0 scan --db r.db repo
[ "$(sqlite3 r.db "SELECT commit_nr = (SELECT count(*) FROM commits)
	FROM history_snapshots")" = 1 ] || fail "no snapshot of every commit"
export GIT_AUTHOR_DATE="2026-10-01T10:00:00Z" GIT_COMMITTER_DATE="2026-10-01T10:00:00Z"
export GIT_AUTHOR_NAME=Dev GIT_AUTHOR_EMAIL=dev@example.org
export GIT_COMMITTER_NAME=Dev GIT_COMMITTER_EMAIL=dev@example.org
echo one >repo/new.txt
git -C repo add new.txt
git -C repo commit -q -m "Add new.txt

Signed-off-by: Dev <dev@example.org>
Reviewed-by: Rev <rev@example.org>"
expect_exit 0 scan --db r.db --new-run repo
[ "$(latest r.db)" = "$(fresh)" ] || fail "snapshot and walk differ from a first scan"
[ "$(sqlite3 r.db "SELECT commit_nr = (SELECT count(*) FROM commits)
	FROM history_snapshots")" = 1 ] || fail "the snapshot did not grow"
sqlite3 r.db "UPDATE history_snapshots SET data = x'4f484853'"
expect_exit 0 scan --db r.db --new-run repo
[ "$(latest r.db)" = "$(fresh)" ] || fail "a broken snapshot changed the facts"
sqlite3 r.db "UPDATE history_snapshots SET commit_nr = commit_nr - 1"
echo two >repo/new.txt
git -C repo commit -q -am "Change new.txt"
expect_exit 0 scan --db r.db --new-run repo
latest r.db >r.txt; fresh >f.txt; diff -u r.txt f.txt >&2 || fail "a stale snapshot changed the facts"

# The matches of lic-changed's texts are stored, and served: a row that
# names another license changes what the re-scan concludes.
rm -f r.db*
expect_exit 0 scan --db r.db "$FIXTURES/lic-changed"
n=$(sqlite3 r.db "SELECT count(*) FROM license_matches")
[ "$n" -gt 0 ] || fail "no license match stored"
concluded() {
	sqlite3 r.db "SELECT value FROM facts WHERE key = 'license.concluded'
		AND run_id = (SELECT max(id) FROM runs)"
}
first=$(concluded)
[ -n "$first" ] && [ "$first" != Zlib ] || fail "unexpected license '$first'"
sqlite3 r.db "UPDATE license_matches SET result =
	replace(replace(result, '\"$first\"', '\"Zlib\"'), '$first AND', 'Zlib AND')"
expect_exit 0 scan --db r.db --new-run "$FIXTURES/lic-changed"
case $(concluded) in
*Zlib*) ;;
*) fail "the stored match was not used: $(concluded)" ;;
esac

# Another engine's rows are not ours: the texts are matched again (and
# their answers stored beside the others).
sqlite3 r.db "UPDATE license_matches SET engine = 'another engine'"
expect_exit 0 scan --db r.db --new-run "$FIXTURES/lic-changed"
[ "$(concluded)" = "$first" ] || fail "another engine's row was used"
[ "$(sqlite3 r.db "SELECT count(*) FROM license_matches")" = $((n * 2)) ] ||
	fail "the new answers were not stored"

# A row that does not decode is a miss, not a failure.
sqlite3 r.db "UPDATE license_matches SET result = '{\"kind\": 99}'"
expect_exit 0 scan --db r.db --new-run "$FIXTURES/lic-changed"
[ "$(concluded)" = "$first" ] || fail "a broken row changed the facts"
exit 0
