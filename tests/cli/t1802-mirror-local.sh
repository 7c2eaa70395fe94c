#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# mirror of file:// URLs and plain paths: bare and non-bare repositories
# read in place and unchanged, not-a-repository, missing path, a corrupt
# mirror, a failed fetch keeping the mirror.
. "$SRCDIR/tests/cli/lib.sh"

export GIT_AUTHOR_NAME=Ann GIT_AUTHOR_EMAIL=ann@example.org
export GIT_COMMITTER_NAME=Ann GIT_COMMITTER_EMAIL=ann@example.org
export GIT_AUTHOR_DATE='2026-01-02T03:04:05+0000'
export GIT_COMMITTER_DATE='2026-01-02T03:04:05+0000'

git init -q -b main work
echo one >work/a
git -C work add a
git -C work commit -q -m one
git clone -q --bare work bare.git
mkdir plain

# Plain paths: read in place, nothing written.
snap() { find work bare.git -newer stamp -print; }
touch stamp
sleep 1
touch stamp
expect_exit 0 mirror --cache cache --db t.db work bare.git
expect_stdout_match "^$TEST_DIR/work	$TEST_DIR/work	local	0 objects received$"
expect_stdout_match "^$TEST_DIR/bare\.git	$TEST_DIR/bare\.git	local	0 objects received$"
[ -z "$(snap)" ] || fail "reading in place modified: $(snap)"
[ ! -d cache ] || fail "a local path created the cache"
[ "$(sqlite3 t.db "select kind, count(*) from repositories group by kind")" = "local|2" ] ||
	fail "local repositories not recorded"

# Not a repository; missing path; one bad among good ones is partial (3).
expect_exit 2 mirror --cache cache plain
expect_stderr_match "^osshealth: plain: not a git repository$"
expect_exit 2 mirror --cache cache work/nope
expect_stderr_match "^osshealth: work/nope: cannot open the repository: No such file or directory$"
expect_exit 3 mirror --cache cache work plain
expect_stdout_match "	local	"

# file:// URLs are mirrored.
expect_exit 0 mirror --cache cache "file://$TEST_DIR/bare.git"
expect_stdout_match "^file://$TEST_DIR/bare	$TEST_DIR/cache/mirrors/.*\.git	cloned	3 objects received$"
mirror=$(cut -f2 out)
expect_exit 0 mirror --cache cache "file://$TEST_DIR/bare.git"
expect_stdout_match "	fetched	0 objects received$"
expect_exit 2 mirror --cache cache "file://$TEST_DIR/none.git"
expect_stderr_match "^osshealth: file://$TEST_DIR/none\.git: repository not found"

# The source disappears: the fetch fails, the mirror stays as it was.
mv bare.git moved.git
before=$(git -C "$mirror" for-each-ref)
expect_exit 2 mirror --cache cache "file://$TEST_DIR/bare.git"
expect_stderr_match "repository not found"
[ "$(git -C "$mirror" for-each-ref)" = "$before" ] || fail "failed fetch changed refs"
git -C "$mirror" fsck --no-progress 2>/dev/null || fail "failed fetch damaged the mirror"
mv moved.git bare.git

# A truncated pack in the mirror: corrupt, named with the mirror path.
for p in "$mirror"/objects/pack/*.pack; do
	truncate -s 40 "$p"
done
expect_exit 2 mirror --cache cache "file://$TEST_DIR/bare.git"
expect_stderr_match "^osshealth: file://$TEST_DIR/bare\.git: corrupt repository at $mirror; delete it to clone again \("

# Usage errors.
expect_exit 2 mirror
expect_stderr_match "no URL or PATH given"
expect_exit 2 mirror --timeout x work
expect_stderr_match "bad value 'x' for --timeout"
