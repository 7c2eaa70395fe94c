#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# history on multi-org (NOW=2026-11-01): exact numbers, git as the oracle.
. "$SRCDIR/tests/cli/lib.sh"

R=$FIXTURES/multi-org
expect_exit 0 history --repo "$R"
n=$(git -C "$R" rev-list --count HEAD)
expect_stdout_match "^commits: $n\$"
a=$(git -C "$R" shortlog -sne HEAD | wc -l)
expect_stdout_match "^window all: commits 30 \(previous 0\), authors $a,"
expect_stdout_match '^window 90d: commits 7 .*authors 5,'
expect_stdout_match '^window 365d: commits 17 \(previous 11\), authors 7, new authors 4, absence factor 2, elephant factor 2,'
expect_stdout_match '^inactive authors: 1$'
expect_stdout_match '^tz \+0800: 13$'
expect_stdout_match '^tz -0500: 5$'
expect_stdout_match '^tz \+0100: 7$'
s=$(git -C "$R" log --format='%ae %(trailers:key=Signed-off-by,valueonly)' |
	awk 'NF>=2 && index(tolower($0), "<" tolower($1) ">") {n++} END {print n}')
expect_stdout_match "^signed-off: $s/30 non-merge"
expect_exit 0 history --repo "$R" --format json
python3 -c 'import json; d=json.load(open("out")); assert d["windows"]["365d"]["absence_factor"]==2' ||
	fail "bad json"
expect_exit 0 history --repo "$FIXTURES/mature"
expect_stdout_match '^releases: 4,'
expect_exit 2 history --repo "$TEST_DIR/none"

# Tags of mature (EXPECTED.md): 5 tags, 4 annotated, v1.2.0 carries a PGP
# block; 4 releases from 2023-01-06 to 2026-09-16, gaps of 421, 457 and
# 471 days by tagger date (median 456.7), the lightweight 'nightly' tag
# is no version.
M=$FIXTURES/mature
expect_exit 0 history --repo "$M"
n=$(git -C "$M" tag | wc -l)
a=$(git -C "$M" for-each-ref --format='%(objecttype)' refs/tags | grep -c '^tag$')
expect_stdout_match "^tags: $n, annotated $a, signed 1\$"
expect_stdout_match '^releases: 4, pre-releases 0, scheme .plain. \(e\.g\. v2\.0\.0\), other tags 1, median interval 456\.7 days, last v2\.0\.0 2026-09-16 \(45 days ago\)$'
