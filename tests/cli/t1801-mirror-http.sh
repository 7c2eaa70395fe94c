#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# mirror over real smart HTTP on 127.0.0.1 (lighttpd + git http-backend):
# clone, nothing new, exactly the new objects, 404, refused, time-out,
# authentication, credentials never stored, failed fetch keeps the mirror.
. "$SRCDIR/tests/cli/lib.sh"

export GIT_AUTHOR_NAME=Ann GIT_AUTHOR_EMAIL=ann@example.org
export GIT_COMMITTER_NAME=Ann GIT_COMMITTER_EMAIL=ann@example.org
export GIT_AUTHOR_DATE='2026-01-02T03:04:05+0000'
export GIT_COMMITTER_DATE='2026-01-02T03:04:05+0000'
unset OSSHEALTH_GIT_TOKEN OSSHEALTH_GIT_TOKEN_HOSTS GITHUB_TOKEN
export GIT_HTTP_AUTH=tester:s3cret
server=$SRCDIR/tests/lib/git-http-server.sh
sleeper=

mkdir srv
git init -q --bare -b main srv/repo.git
git clone -q srv/repo.git work 2>/dev/null
echo one >work/a
git -C work add a
git -C work commit -q -m one
git -C work push -q origin HEAD:main
mkdir srv/private
git clone -q --bare srv/repo.git srv/private/p.git

port=$("$server" start srv)
cleanup() {
	"$server" stop "$TEST_DIR/srv" || :
	[ -z "$sleeper" ] || kill "$sleeper" 2>/dev/null || :
	rm -rf "$TEST_DIR"
}
trap cleanup EXIT
base=http://127.0.0.1:$port/git

# First use clones: a commit, a tree, a blob.
expect_exit 0 mirror --cache cache --db t.db "$base/repo.git"
expect_stdout_match "^http://127\.0\.0\.1:$port/git/repo	$TEST_DIR/cache/mirrors/127\.0\.0\.1_${port}_git_repo-[0-9a-f]{16}\.git	cloned	3 objects received$"
mirror=$(cut -f2 out)
[ "$(git -C "$mirror" rev-parse main)" = "$(git -C work rev-parse HEAD)" ] ||
	fail "mirror main differs from the served main"
[ "$(git -C "$mirror" symbolic-ref HEAD)" = refs/heads/main ] ||
	fail "mirror HEAD is not refs/heads/main"
[ "$(git -C "$mirror" rev-parse --is-bare-repository)" = true ] ||
	fail "mirror is not bare"

# Second use: same mirror (URL spelled differently), nothing new.
expect_exit 0 mirror --cache cache "$base/repo/"
expect_stdout_match "	$mirror	fetched	0 objects received$"

# A new commit (a commit, a tree, a blob) and a tag upstream.
echo two >work/b
git -C work add b
git -C work commit -q -m two
git -C work tag v1.0
git -C work push -q origin HEAD:main v1.0
expect_exit 0 mirror --cache cache --db t.db "$base/repo.git"
expect_stdout_match "	fetched	3 objects received$"
[ "$(git -C "$mirror" rev-parse main)" = "$(git -C work rev-parse HEAD)" ] ||
	fail "fetch did not move main"
git -C "$mirror" rev-parse -q --verify refs/tags/v1.0 >/dev/null ||
	fail "tag not mirrored"
[ "$(sqlite3 t.db "select url, kind, last_head from repositories")" = \
	"http://127.0.0.1:$port/git/repo|remote|$(git -C work rev-parse HEAD)" ] ||
	fail "repositories row wrong: $(sqlite3 t.db 'select * from repositories')"

# Not found.
expect_exit 2 mirror --cache cache "$base/nope.git"
expect_stderr_match "^osshealth: http://127\.0\.0\.1:$port/git/nope\.git: repository not found \(.*404\)$"
[ -z "$(ls cache/mirrors | grep -v _repo-)" ] || fail "failed clone left a directory"

# Authentication: none, wrong, right (token from the environment).
expect_exit 2 mirror --cache cache "$base/private/p.git"
expect_stderr_match ": authentication required or refused; set OSSHEALTH_GIT_TOKEN"
OSSHEALTH_GIT_TOKEN_HOSTS=127.0.0.1:$port OSSHEALTH_GIT_TOKEN=wrong expect_exit 2 mirror --cache cache "http://tester@127.0.0.1:$port/git/private/p.git"
expect_stderr_match "^osshealth: http://127\.0\.0\.1:$port/git/private/p\.git: authentication required or refused"
OSSHEALTH_GIT_TOKEN_HOSTS=127.0.0.1:$port OSSHEALTH_GIT_TOKEN=s3cret expect_exit 0 mirror --cache cache --db t.db "http://tester@127.0.0.1:$port/git/private/p.git"
expect_stdout_match "cloned	3 objects received$"
# Password in the URL: used, never printed, stored or written to the mirror.
expect_exit 0 mirror --cache cache --db t.db "http://tester:s3cret@127.0.0.1:$port/git/private/p.git"
expect_stdout_match "^http://127\.0\.0\.1:$port/git/private/p	.*	fetched	0 objects received$"
expect_stdout_nomatch 's3cret|tester'
if grep -r -e s3cret -e tester cache t.db >/dev/null; then
	fail "a credential reached the cache or the database"
fi

# The server goes away: network error, the old mirror is intact.
before=$(git -C "$mirror" for-each-ref)
"$server" stop srv
expect_exit 2 mirror --cache cache --retries 1 "$base/repo.git"
expect_stderr_match "^osshealth: http://127\.0\.0\.1:$port/git/repo\.git: cannot reach the server after 2 attempts \(failed to connect to 127\.0\.0\.1: Connection refused\)$"
[ "$(git -C "$mirror" for-each-ref)" = "$before" ] || fail "failed fetch changed refs"
git -C "$mirror" fsck --no-progress 2>/dev/null || fail "failed fetch damaged the mirror"

# A server that accepts and never answers: time-out, mirror intact.
python3 -c '
import socket, sys, time
s = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen(8)
print(s.getsockname()[1], flush=True)
held = []
while True:
    held.append(s.accept()[0])
' >sleeper.port &
sleeper=$!
i=0
while [ ! -s sleeper.port ] && [ $i -lt 100 ]; do i=$((i + 1)); sleep 0.1; done
sport=$(cat sleeper.port)
expect_exit 2 mirror --cache cache --timeout 2 "http://127.0.0.1:$sport/git/repo.git"
expect_stderr_match "^osshealth: http://127\.0\.0\.1:$sport/git/repo\.git: timed out after 2 s$"
kill "$sleeper"
sleeper=
