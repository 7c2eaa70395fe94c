#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Concurrent `mirror` of the same URL into one cache (two shards sharing a
# read-write-many volume): a lock per mirror (<cache>/locks/<name>.lock,
# flock)
# makes them take turns.  Four processes at once: exactly one clones, the
# others wait and fetch, all succeed, the mirror is sound.  A process that
# cannot get the lock before its time limit fails with a clear message;
# one that can waits for the holder.
. "$SRCDIR/tests/cli/lib.sh"

command -v flock >/dev/null || skip "no flock(1) (util-linux)"
export GIT_AUTHOR_NAME=Ann GIT_AUTHOR_EMAIL=ann@example.org
export GIT_COMMITTER_NAME=Ann GIT_COMMITTER_EMAIL=ann@example.org
export GIT_AUTHOR_DATE='2026-01-02T03:04:05+0000'
export GIT_COMMITTER_DATE='2026-01-02T03:04:05+0000'
unset OSSHEALTH_GIT_TOKEN OSSHEALTH_GIT_TOKEN_HOSTS GITHUB_TOKEN
server=$SRCDIR/tests/lib/git-http-server.sh

mkdir srv
git clone -q --bare "$FIXTURES/mature" srv/repo.git
port=$("$server" start srv)
cleanup() {
	"$server" stop "$TEST_DIR/srv" || :
	rm -rf "$TEST_DIR"
}
trap cleanup EXIT
url=http://127.0.0.1:$port/git/repo.git

for i in 1 2 3 4; do
	("$OSSHEALTH" mirror --cache cache "$url" >m$i.out 2>m$i.err;
	 echo $? >m$i.rc) &
done
wait
for i in 1 2 3 4; do
	[ "$(cat m$i.rc)" = 0 ] || fail "mirror $i exited $(cat m$i.rc): $(cat m$i.err)"
done
[ "$(cut -f3 m1.out m2.out m3.out m4.out | grep -c '^cloned$')" = 1 ] ||
	fail "not exactly one clone: $(cat m1.out m2.out m3.out m4.out)"
[ "$(cut -f3 m1.out m2.out m3.out m4.out | grep -c '^fetched$')" = 3 ] ||
	fail "the others did not fetch: $(cat m1.out m2.out m3.out m4.out)"
mirror=$(cut -f2 m1.out)
git -C "$mirror" fsck --strict >/dev/null 2>&1 || fail "the mirror is not sound"
[ "$(git -C "$mirror" rev-parse HEAD)" = "$(git -C srv/repo.git rev-parse HEAD)" ] ||
	fail "the mirror's HEAD differs"
lock=cache/locks/$(basename "$mirror").lock
[ -f "$lock" ] || fail "no lock file $lock"
ls cache/mirrors | grep -q 'tmp-' && fail "a temporary clone was left behind"

# Held by another process past the time limit: a clear failure.
held() { # wait until the background holder has the lock
	while flock -n "$lock" true; do sleep 0.1; done
}
flock "$lock" sleep 4 &
holder=$!
held
expect_exit 2 mirror --cache cache --timeout 1 "$url"
expect_stderr_match "the mirror is being written by another process \(lock '.*/locks/.*\.git\.lock'\): timed out"
wait $holder

# Held briefly: the mirror waits for the holder, then fetches.
flock "$lock" sh -c 'sleep 2; touch released' &
holder=$!
held
expect_exit 0 mirror --cache cache --timeout 60 "$url"
[ -f released ] || fail "mirror did not wait for the lock"
expect_stdout_match '	fetched	0 objects received$'
wait $holder
