#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# A re-scan reuses what the previous review stored: the history of the
# root license files is walked only from the new head to the revision
# reviewed before.  Whatever the order of reviews (older head first,
# same head twice, a rewritten history), the facts equal those of a scan
# into a new database.
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
exit 0
