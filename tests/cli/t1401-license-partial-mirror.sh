#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# A partial mirror (large blobs absent, as a filtered clone leaves them):
# the license scan reads what is there, notes the absent file and still
# concludes the project license; the absent blob is no error.
. "$SRCDIR/tests/cli/lib.sh"

export GIT_AUTHOR_NAME=Ann GIT_AUTHOR_EMAIL=ann@example.org
export GIT_COMMITTER_NAME=Ann GIT_COMMITTER_EMAIL=ann@example.org
export GIT_AUTHOR_DATE='2026-01-02T03:04:05+0000'
export GIT_COMMITTER_DATE='2026-01-02T03:04:05+0000'

git init -q -b main work
cp "$SRCDIR/licenses/text/MIT.txt" work/LICENSE
echo 'big test data' >work/data.bin
git -C work add LICENSE data.bin
git -C work commit -q -m one
blob=$(git -C work rev-parse HEAD:data.bin)
obj=work/.git/objects/$(echo "$blob" | cut -c1-2)/$(echo "$blob" | cut -c3-)
[ -f "$obj" ] || fail "fixture: $obj is not a loose object"
rm -f "$obj"

expect_exit 0 license work
expect_stdout_match "^concluded: *MIT"
expect_stdout_match "data\.bin: not read: blob ${blob%"${blob#????????????}"} is absent from the mirror"
