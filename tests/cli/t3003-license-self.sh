#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The osshealth tree passes its own license gate: every file carries an
# SPDX tag or is covered by REUSE.toml, under tools/license-policy.json
# (OSI-approved, plus CC0-1.0 for the SPDX data in licenses/).
. "$SRCDIR/tests/cli/lib.sh"

if ! git -C "$SRCDIR" rev-parse --git-dir >/dev/null 2>&1; then
	echo "skip: $SRCDIR is not a git checkout"
	exit 0
fi
root=$(git -C "$SRCDIR" rev-list --max-parents=0 HEAD | tail -1)
pol=$SRCDIR/tools/license-policy.json

expect_exit 0 license --changed-since "$root" --policy "$pol" "$SRCDIR"
expect_stdout_match '^gate: passed: 0 of [0-9]+ files failed$'
expect_exit 0 license --all --policy "$pol" "$SRCDIR"
expect_stdout_match '^gate: passed: 0 of [0-9]+ files failed$'
expect_exit 0 license --policy "$pol" "$SRCDIR"
expect_stdout_match '^declared: +GPL-3\.0-or-later '
expect_stdout_match '^REUSE: +REUSE\.toml$'
