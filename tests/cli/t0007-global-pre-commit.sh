#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# .pre-commit-hooks.yaml run by pre-commit itself in a scratch repository,
# configured with the README's example (only repo and rev point at a
# local copy of the hooks): a commit without sign-off is refused with a
# hint that fits an uncommitted message, one with it passes; a staged
# file without a license tag is refused, tagged it passes.  Skips where
# Debian's pre-commit is not installed.
. "$SRCDIR/tests/cli/lib.sh"
. "$SRCDIR/tests/cli/examples.sh"

command -v pre-commit >/dev/null 2>&1 ||
	skip "pre-commit is not installed (Debian: apt-get install pre-commit)"

export PRE_COMMIT_HOME="$TEST_DIR/pre-commit-home"
mkdir bin
ln -s "$OSSHEALTH" bin/osshealth
PATH=$TEST_DIR/bin:$PATH
export PATH
export GIT_CONFIG_NOSYSTEM=1 HOME="$TEST_DIR"
git config --global user.name "Pat Doe"
git config --global user.email pat@example.org
git config --global init.defaultBranch main

# The hooks repository: this checkout's hook files, committed.
git init -q hooks
mkdir -p hooks/contrib/pre-commit
cp "$SRCDIR/.pre-commit-hooks.yaml" hooks/
cp "$SRCDIR/contrib/pre-commit/license-staged.sh" hooks/contrib/pre-commit/
git -C hooks add -A
git -C hooks commit -qm "hooks" -s
rev=$(git -C hooks rev-parse HEAD)

git init -q proj
cd proj
example pre-commit-config >.pre-commit-config.yaml.in
sed -e "s|repo: .*|repo: $TEST_DIR/hooks|" -e "s|rev: .*|rev: $rev|" \
	.pre-commit-config.yaml.in >.pre-commit-config.yaml
rm .pre-commit-config.yaml.in
grep -q "repo: $TEST_DIR/hooks" .pre-commit-config.yaml ||
	fail "README example has no repo line"
# The license hook gates the config file too: it gets its tag.
sed -i '1i # SPDX-License-Identifier: MIT' .pre-commit-config.yaml
example pre-commit-install >install.sh
sh install.sh >install.log 2>&1 || fail "pre-commit install: $(cat install.log)"
rm install.sh install.log
[ -x .git/hooks/commit-msg ] || fail "no commit-msg hook installed"

printf '// SPDX-License-Identifier: MIT\nint a;\n' >a.c
git add a.c .pre-commit-config.yaml
rc=0
git commit -qm "Add a" >../commit.log 2>&1 || rc=$?
[ "$rc" != 0 ] || fail "a commit without sign-off was accepted"
grep -q "no Signed-off-by trailer" ../commit.log ||
	fail "no DCO reason shown: $(cat ../commit.log)"
grep -q "add the line 'Signed-off-by: Pat Doe <pat@example.org>'" \
	../commit.log || fail "hint does not fit a message: $(cat ../commit.log)"
if grep -q 'rebase' ../commit.log; then fail "rebase hint for a message"; fi

git commit -qsm "Add a" >../commit.log 2>&1 ||
	fail "a signed-off commit was refused: $(cat ../commit.log)"

# A staged file without a tag is refused; tagged, it passes.
printf 'int b;\n' >b.c
git add b.c
rc=0
git commit -qsm "Add b" >../commit.log 2>&1 || rc=$?
[ "$rc" != 0 ] || fail "an untagged file was committed"
grep -q "FAIL b.c: no SPDX-License-Identifier tag" ../commit.log ||
	fail "no license verdict: $(cat ../commit.log)"
printf '// SPDX-License-Identifier: MIT\nint b;\n' >b.c
git add b.c
git commit -qsm "Add b" >../commit.log 2>&1 ||
	fail "a tagged file was refused: $(cat ../commit.log)"
[ "$(git rev-list --count HEAD)" = 2 ] || fail "expected two commits"
