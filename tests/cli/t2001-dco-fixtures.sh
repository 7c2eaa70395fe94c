#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# dco on the fixtures: exact verdicts, every format, git as the oracle.
. "$SRCDIR/tests/cli/lib.sh"

R=$FIXTURES/dco-partial
expect_exit 1 dco --repo "$R"
# fixtures/EXPECTED.md: 20 non-merge commits, 12 pass, a remediated,
# d e h i m o fail, one bot and one merge skipped.
expect_stdout_match '^dco: 19 checked, 13 passed, 6 failed, 2 skipped$'
expect_stderr_empty
for s in 'Add d with a sign-off before the last paragraph' \
	'Add e signed off by someone else' \
	'Add h with the sign-off under four body lines' \
	'Add i with the sign-off in the title paragraph.*' \
	'Add m on a branch without a sign-off' \
	'Add o through a squash merge \(#42\)'; do
	expect_stdout_match "^FAIL [0-9a-f]{12} $s\$"
done
for s in 'Add b with a dashes' 'Add c with CRLF' 'Add g with' \
	'Add j with a folded' 'Add k with a lower' 'Add n with' \
	'Add p from an old address' 'Bump example'; do
	expect_stdout_nomatch "FAIL .*$s"
done
expect_stdout_match '^remediated [0-9a-f]{12} by [0-9a-f]{12}$'
expect_stdout_match '^forge squash merges: 1 '
expect_stdout_match 'not in the trailer block'

# Oracle: git's own trailer reading gives the same sign-offs per commit.
git -C "$R" log --format='%H %(trailers:key=Signed-off-by,valueonly,unfold,separator=%x3b)' >git.txt
expect_exit 1 dco --repo "$R" --format json
python3 - "$R" <<'PY' || fail "json disagrees with git log"
import json, subprocess, sys
d = json.load(open("out"))
git = {}
for line in open("git.txt"):
    h, _, v = line.rstrip("\n").partition(" ")
    git[h] = [x for x in v.split(";") if x]
assert len(d["commits"]) == int(subprocess.check_output(
    ["git", "-C", sys.argv[1], "rev-list", "--count", "HEAD"]))
for c in d["commits"]:
    assert c["signoffs"] == git[c["id"]], (c["id"], c["signoffs"], git[c["id"]])
PY

expect_exit 1 dco --repo "$R" --format sarif
python3 -c 'import json; d=json.load(open("out")); assert d["version"]=="2.1.0"; assert len(d["runs"][0]["results"])==6' ||
	fail "bad sarif"
expect_exit 1 dco --repo "$R" --format junit
python3 -c 'import xml.dom.minidom as m; d=m.parse("out"); assert len(d.getElementsByTagName("failure"))==6' ||
	fail "bad junit"

# Options change the verdicts.
expect_exit 1 dco --repo "$R" --include-bots --include-merges
expect_stdout_match '^dco: 21 checked, 13 passed, 8 failed, 0 skipped$'
expect_exit 1 dco --repo "$R" --require-name
expect_stdout_match '^dco: 19 checked, 12 passed, 7 failed, 2 skipped$'
expect_stdout_match '^FAIL [0-9a-f]{12} Add n with a sign-off name'

# All signed.
expect_exit 0 dco --repo "$FIXTURES/dco-signed"
expect_stdout_match '^dco: 9 checked, 9 passed, 0 failed, 0 skipped$'

# A range.
base=$(git -C "$R" rev-list HEAD | sed -n 3p)
expect_exit 0 dco --repo "$R" "$base..HEAD"
expect_stdout_match '^dco: 2 checked, 2 passed'

# Bad input.
expect_exit 2 dco --repo "$R" nosuch..HEAD
expect_stderr_match 'bad range'
expect_exit 2 dco --repo "$TEST_DIR/none"
expect_exit 2 dco --format html

# commit-msg hook mode.
printf 'Subject\n\nSigned-off-by: A <a@x.org>\n' >msg
GIT_AUTHOR_EMAIL=A@X.org expect_exit 0 dco --message msg
printf 'Subject\n\nSigned-off-by: A <a@x.org>\n\nmore\n' >msg
GIT_AUTHOR_EMAIL=a@x.org expect_exit 1 dco --message msg
# The message is not a commit yet: the hint edits it, no rebase.
expect_stdout_match "fix: +add the line 'Signed-off-by: .* <a@x.org>' as the last paragraph of the message"
expect_stdout_nomatch 'rebase|--amend'
printf 'Subject\n\nSigned-off-by: B <b@x.org>\n' >msg
GIT_AUTHOR_NAME=A GIT_AUTHOR_EMAIL=a@x.org expect_exit 1 dco --message msg
expect_stdout_match "fix: +sign off as the author: 'Signed-off-by: A <a@x.org>'"
expect_stdout_nomatch 'rebase|--amend'

# Default range: from the merge base with the upstream (a clone's
# origin/main) to HEAD: only the new commits are checked.
git clone -q "$FIXTURES/dco-signed" c
(cd c && git -c user.name=U -c user.email=u@x.org commit -q --allow-empty -m "unsigned")
expect_exit 1 dco --repo c
expect_stdout_match '^dco: 1 checked, 0 passed, 1 failed, 0 skipped$'
expect_stdout_match "fix: +git rebase --signoff $(git -C c rev-parse --short=12 origin/HEAD)"
(cd c && git -c user.name=U -c user.email=u@x.org commit -q --amend --allow-empty -s --no-edit)
expect_exit 0 dco --repo c
expect_stdout_match '^dco: 1 checked, 1 passed'

# From a directory inside the work tree, as git finds the repository: the
# same repository and the same verdict (dco and history open it through
# the collection layer, which searches upward only for these commands).
mkdir -p c/sub/dir
expect_exit 0 dco --repo c/sub/dir
expect_stdout_match '^dco: 1 checked, 1 passed'
expect_exit 0 history --repo c/sub/dir --format json
expect_stdout_match '"commits":[[:space:]]*[0-9]'
expect_exit 2 history --repo "$TEST_DIR/none"
expect_stderr_match 'none: cannot open the repository: No such file'
