#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# A re-scan after the upstream rewrote its history (a force-push dropped
# commits) counts the history as it is now, like a scan into a new
# database: commits that are no longer reachable are not counted.
. "$SRCDIR/tests/cli/lib.sh"

facts() { # DB: the latest run's history facts but the count walked
	sqlite3 "$1" "SELECT key, value FROM facts
		WHERE run_id = (SELECT max(id) FROM runs)
		AND (key LIKE 'activity.%' OR key LIKE 'dco.%')
		ORDER BY key"
}

git clone -q "$FIXTURES/multi-org" repo
n0=$(git -C repo rev-list --count HEAD)
expect_exit 0 scan --db r.db repo
# The last three commits go, one new commit takes their place.
git -C repo reset -q --hard HEAD~3
GIT_AUTHOR_DATE=2026-10-20T10:00:00Z GIT_COMMITTER_DATE=2026-10-20T10:00:00Z \
	git -C repo -c user.name=New -c user.email=new@example.org \
	commit -q --allow-empty -m "rewritten" -s
n1=$(git -C repo rev-list --count HEAD)
[ "$n1" -eq $((n0 - 2)) ] || fail "fixture: $n0 then $n1 commits"
expect_exit 0 scan --db r.db --new-run repo
expect_exit 0 scan --db fresh.db repo
facts r.db >again.txt
facts fresh.db >fresh.txt
[ "$(wc -l <fresh.txt)" -gt 5 ] || fail "too few history facts"
diff -u fresh.txt again.txt >&2 || fail "the re-scan counts commits that were dropped"
v=$(sqlite3 r.db "SELECT value FROM facts WHERE key = 'activity.commits_all'
	AND run_id = (SELECT max(id) FROM runs)")
[ "$v" = "$n1" ] || fail "commits_all is $v, not $n1"
# The rewrite is said: a fact with the old head and a finding (info for
# a local repository, where checking out another branch does the same).
sqlite3 r.db "SELECT severity, message FROM findings WHERE code = 'risk/history-rewritten'
	AND run_id = (SELECT max(id) FROM runs)" >f.txt
grep -q '^info|commit [0-9a-f]\{12\}, where the last scan' f.txt || fail "no finding: $(cat f.txt)"
# A re-scan with nothing new after that is an ordinary one.
expect_exit 0 scan --db r.db --new-run repo
facts r.db >third.txt
diff -u fresh.txt third.txt >&2 || fail "the scan after the rewrite differs"
[ "$(sqlite3 r.db "SELECT count(*) FROM findings WHERE code = 'risk/history-rewritten'
	AND run_id = (SELECT max(id) FROM runs)")" = 0 ] || fail "the rewrite is said again"

# history --db: the same rule.
git clone -q "$FIXTURES/multi-org" h
expect_exit 0 history --repo h --db h.db
git -C h reset -q --hard HEAD~2
expect_exit 0 history --repo h --db h.db --format json
expect_stderr_match 'is no longer in the history of HEAD; the stored history was dropped'
sed '/"walked"/d' out >db.json
expect_exit 0 history --repo h --format json
sed '/"walked"/d' out >plain.json
diff -u plain.json db.json >&2 || fail "history --db counts dropped commits"
