#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# A re-scan reuses what the previous review stored: the history of the
# root license files is walked only from the new head to the revision
# reviewed before.  Whatever the order of reviews (older head first,
# same head twice, a rewritten history), the facts equal those of a scan
# into a new database.  And the passes in parallel record what the passes
# in sequence do.
. "$SRCDIR/tests/cli/lib.sh"

git clone -q "$FIXTURES/lic-changed" repo
export GIT_AUTHOR_DATE="2024-09-01T10:00:00Z" GIT_COMMITTER_DATE="2024-09-01T10:00:00Z"
export GIT_AUTHOR_NAME=Dev GIT_AUTHOR_EMAIL=dev@example.org
export GIT_COMMITTER_NAME=Dev GIT_COMMITTER_EMAIL=dev@example.org

history() { # DB: the license file history of the latest run
	sqlite3 "$1" "SELECT value FROM facts WHERE key = 'license.file_history'
		AND run_id = (SELECT max(id) FROM runs)"
}
fresh() { # the same fact from a scan into a new database
	rm -f fresh.db*
	expect_exit 0 scan --db fresh.db repo
	history fresh.db
}
same() { # the fact of r.db, not empty, equals a fresh scan's
	h=$(history r.db)
	[ -n "$h" ] || fail "no license history fact: $1"
	[ "$h" = "$(fresh)" ] || fail "history $1"
}

# 1. The older head first, then the newer one (a fast-forward).
git -C repo reset -q --hard HEAD~1
expect_exit 0 scan --db r.db --new-run repo
same "at the older head"
git -C repo reset -q --hard origin/HEAD
expect_exit 0 scan --db r.db --new-run repo
same "after a fast-forward"
history r.db | grep -q 'Change license to BUSL-1.1' ||
	fail "the license change after a fast-forward"

# 2. Nothing new: the stored fact is reused as it is.
expect_exit 0 scan --db r.db --new-run repo
same "of an unchanged head"

# 3. A new commit changing LICENSE again on top.
echo "MIT License, changed again" >repo/LICENSE
git -C repo commit -q -am "Relicense once more"
expect_exit 0 scan --db r.db --new-run repo
same "after a new change"
history r.db | grep -q 'Relicense once more' || fail "the newest change"

# 4. A rewritten history: the reviewed revision is no longer an ancestor.
git -C repo reset -q --hard HEAD~2
echo "Rewritten license" >repo/LICENSE
git -C repo commit -q -am "Rewrite the license"
expect_exit 0 scan --db r.db --new-run repo
same "after a rewrite"
history r.db | grep -q 'Relicense once more' && fail "a change no longer in the history"
history r.db | grep -q 'Change license to BUSL-1.1' && fail "a rewritten change"

# 5. With a core to spare (--jobs 2, one component), the history pass runs
#    in a thread of its own: the facts, scores and findings are those of
#    the passes in sequence (--jobs 1), in the same order.
dump() {
	sqlite3 "$1" "SELECT key, value FROM facts WHERE key != 'history.walked'
		ORDER BY rowid;
		SELECT category, check_name, state, score, reason, evidence
		FROM scores ORDER BY rowid;
		SELECT code, severity, message FROM findings ORDER BY id"
}
for fx in multi-org mature lic-changed; do
	rm -f a.db* b.db*
	expect_exit 0 scan --db a.db --jobs 1 "$FIXTURES/$fx"
	expect_exit 0 scan --db b.db --jobs 2 "$FIXTURES/$fx"
	dump a.db >a.txt
	dump b.db >b.txt
	[ "$(wc -l <a.txt)" -gt 20 ] || fail "$fx: too few facts"
	diff -u a.txt b.txt >&2 || fail "$fx: --jobs 2 differs from --jobs 1"
done
# The time-zone evidence of the history pass reaches the policy (a
# policy that asks for it at a lower share than the shipped one).
sed 's/"evidence_share": 0.5/"evidence_share": 0.1/' \
	"$SRCDIR/rules/policy.json" >p.json
rm -f a.db* b.db*
expect_exit 0 scan --db a.db --jobs 1 --policy p.json "$FIXTURES/multi-org"
expect_exit 0 scan --db b.db --jobs 2 --policy p.json "$FIXTURES/multi-org"
dump a.db >a.txt
dump b.db >b.txt
grep -q 'commit time zones: 47%' a.txt || fail "no time-zone evidence"
diff -u a.txt b.txt >&2 || fail "time zones: --jobs 2 differs from --jobs 1"
exit 0
