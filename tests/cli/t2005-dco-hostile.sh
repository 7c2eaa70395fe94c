#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# dco on a hostile repository (fixtures/hostile.sh text): the fix line is
# a shell command that runs nothing but git with the author's exact name,
# the terminal gets no escape sequence, JSON/SARIF are UTF-8, JUnit parses.
. "$SRCDIR/tests/cli/lib.sh"

"$SRCDIR/fixtures/hostile.sh" "$TEST_DIR/fx" text >/dev/null
R=$TEST_DIR/fx/text

expect_exit 1 dco --repo "$R"
expect_stdout_match '^dco: 3 checked, 0 passed, 3 failed, 0 skipped$'
if LC_ALL=C grep -q "$(printf '[\001-\010\013-\037\177]')" out; then
	fail "control bytes reach the terminal"
fi
expect_stdout_match 'Add \\x1b\]0;title\\x07\\x1b\[2J and =1\+1'
expect_stdout_match 'sign-offs: S \\x1b\[31m <s@example.org>'
expect_stdout_match ' and \\u009b C1$'

# Paste every fix line into a shell whose git only prints its arguments.
grep '^  fix:       git -c' out | sed 's/^  fix:       //' >fix.sh
[ "$(wc -l <fix.sh)" = 3 ] || fail "expected 3 identity fix lines"
mkdir sh && cd sh
{
	echo 'git() { for a in "$@"; do printf "%s\n" "$a"; done; }'
	cat ../fix.sh
} >run.sh
sh run.sh >args || fail "a fix line is not a valid shell command"
[ ! -e PWN ] || fail "a fix line ran the author's shell code"
grep -qxF "user.name=Eve'\$(touch PWN)'x" args ||
	fail "the quoted name does not come back exactly"
cd ..

for f in json sarif; do
	expect_exit 1 dco --repo "$R" --format $f
	python3 -c '
import json, sys
d = json.loads(open("out", "rb").read().decode("utf-8", "strict"))
s = json.dumps(d)
assert "$(touch PWN)" in s
' || fail "$f output is not UTF-8 JSON"
done
expect_exit 1 dco --repo "$R" --format json
python3 -c '
import json
for c in json.load(open("out"))["commits"]:
    if c["author_name"].startswith("Eve"):
        assert c["fix"].startswith("git -c user.name=\x27Eve\x27\\\x27\x27$(touch PWN)"), c["fix"]
' || fail "JSON fix is not shell-quoted"
expect_exit 1 dco --repo "$R" --format junit
python3 -c 'import xml.dom.minidom as m; m.parse("out")' ||
	fail "JUnit output does not parse"
